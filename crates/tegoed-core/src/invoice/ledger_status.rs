//! What the ledger (the accounting package) says about an invoice, beside
//! what Tegoed booked: read by `ledger`, stored by `book`, combined by
//! `receivables`.

use std::str::FromStr;

/// What the ledger (the user's accounting) says about an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LedgerStatus {
    /// Open in the ledger.
    #[default]
    Open,
    /// Paid according to the accounting package.
    Paid,
    /// Cancelled by a credit note.
    Credited,
    /// Written off.
    WrittenOff,
}

/// A ledger status code the book does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a ledger status (expected open, paid, credited or written_off)")]
pub struct UnknownLedgerStatus(pub String);

impl LedgerStatus {
    /// The code stored in the book.
    pub fn code(self) -> &'static str {
        match self {
            LedgerStatus::Open => "open",
            LedgerStatus::Paid => "paid",
            LedgerStatus::Credited => "credited",
            LedgerStatus::WrittenOff => "written_off",
        }
    }
}

impl FromStr for LedgerStatus {
    type Err = UnknownLedgerStatus;

    fn from_str(code: &str) -> Result<LedgerStatus, UnknownLedgerStatus> {
        [
            LedgerStatus::Open,
            LedgerStatus::Paid,
            LedgerStatus::Credited,
            LedgerStatus::WrittenOff,
        ]
        .into_iter()
        .find(|status| status.code() == code)
        .ok_or_else(|| UnknownLedgerStatus(code.to_owned()))
    }
}
