//! Invoice status: what the ledger says, combined with what Tegoed booked.

use std::str::FromStr;

use crate::money::Money;

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

/// The status the contract reports for an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceStatus {
    /// Nothing paid yet.
    Open,
    /// Fully paid.
    Paid,
    /// Partly paid.
    PartiallyPaid,
    /// Cancelled by a credit note.
    Credited,
    /// Written off.
    WrittenOff,
}

impl InvoiceStatus {
    /// The contract's code, e.g. `partially_paid`.
    pub fn code(self) -> &'static str {
        match self {
            InvoiceStatus::Open => "open",
            InvoiceStatus::Paid => "paid",
            InvoiceStatus::PartiallyPaid => "partially_paid",
            InvoiceStatus::Credited => "credited",
            InvoiceStatus::WrittenOff => "written_off",
        }
    }
}

/// Status and open amount from the ledger's word, the invoice total, what
/// Tegoed allocated and the open amount the ledger file gave. A ledger that
/// says paid, credited or written off leaves nothing open. Otherwise the
/// smaller of "total less allocations" and the ledger's open amount counts:
/// a payment booked in the accounting package or found on the bank is paid
/// either way, and the same payment seen in both is not counted twice
/// (the worst failure is a reminder to someone who paid).
pub fn derive(
    ledger: LedgerStatus,
    amount: Money,
    allocated: Money,
    ledger_open: Option<Money>,
) -> (InvoiceStatus, Money) {
    match ledger {
        LedgerStatus::Paid => (InvoiceStatus::Paid, Money::ZERO),
        LedgerStatus::Credited => (InvoiceStatus::Credited, Money::ZERO),
        LedgerStatus::WrittenOff => (InvoiceStatus::WrittenOff, Money::ZERO),
        LedgerStatus::Open if amount.is_negative() => (InvoiceStatus::Open, amount - allocated),
        LedgerStatus::Open => {
            let by_allocations = amount - allocated;
            let open = ledger_open.map_or(by_allocations, |ledger_open| {
                by_allocations.min(ledger_open)
            });
            if !open.is_positive() {
                (InvoiceStatus::Paid, Money::ZERO)
            } else if open < amount {
                (InvoiceStatus::PartiallyPaid, open)
            } else {
                (InvoiceStatus::Open, open)
            }
        }
    }
}
