//! An invoice as the book holds it, with what is booked against it.

use chrono::NaiveDate;

use super::{LedgerStatus, Stage};
use crate::money::Money;

/// An invoice as stored, with the sum of its booked allocations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceRecord {
    /// Invoice number.
    pub number: String,
    /// Customer code.
    pub customer_code: String,
    /// Customer name.
    pub customer_name: String,
    /// Invoice date.
    pub invoice_date: NaiveDate,
    /// Effective due date.
    pub due_date: NaiveDate,
    /// Invoice total (negative for a credit note).
    pub amount: Money,
    /// Sum of booked allocations.
    pub allocated: Money,
    /// The open amount the ledger file gave, when it gave one.
    pub ledger_open: Option<Money>,
    /// ISO currency code.
    pub currency: String,
    /// What the ledger says.
    pub ledger_status: LedgerStatus,
    /// Furthest dunning stage reached on or before the as-of date.
    pub stage: Stage,
}
