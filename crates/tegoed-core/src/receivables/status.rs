//! Invoice status: what the ledger says, combined with what Tegoed booked.

use crate::invoice::LedgerStatus;
use crate::money::Money;

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
