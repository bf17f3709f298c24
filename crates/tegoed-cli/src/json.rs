//! The contract's JSON shapes (`shared/cli-contract.md`). Only this module
//! decides field names; money is a string with two decimals, dates `YYYY-MM-DD`.

use serde::Serialize;
use tegoed_core::receivables::Position;

/// `invoices --json`.
#[derive(Debug, Serialize)]
pub struct Invoices {
    /// Every invoice.
    pub invoices: Vec<InvoiceLine>,
}

/// One invoice in `invoices --json`.
#[derive(Debug, Serialize)]
pub struct InvoiceLine {
    pub number: String,
    pub customer: String,
    pub customer_code: String,
    pub invoice_date: String,
    pub amount: String,
    pub open_amount: String,
    pub currency: String,
    pub status: &'static str,
    pub due_date: String,
    pub days_overdue: i64,
    pub stage: &'static str,
}

impl From<&Position> for InvoiceLine {
    fn from(position: &Position) -> InvoiceLine {
        InvoiceLine {
            number: position.number.clone(),
            customer: position.customer_name.clone(),
            customer_code: position.customer_code.clone(),
            invoice_date: position.invoice_date.to_string(),
            amount: position.amount.to_string(),
            open_amount: position.open_amount.to_string(),
            currency: position.currency.clone(),
            status: position.status.code(),
            due_date: position.due_date.to_string(),
            days_overdue: position.days_overdue,
            stage: position.stage.code(),
        }
    }
}

/// `demo --json`.
#[derive(Debug, Serialize)]
pub struct Demo {
    pub book: String,
    pub customers: usize,
    pub invoices: usize,
    pub statements: usize,
    pub transactions: usize,
}
