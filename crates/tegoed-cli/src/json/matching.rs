//! `match --json`, `allocations --json` and `reference --json`.

use serde::Serialize;
use tegoed_core::book::AllocationLine;

/// `match --json` and `allocations --json`.
#[derive(Debug, Serialize)]
pub struct Allocations {
    pub allocations: Vec<AllocationJson>,
    pub unmatched_transactions: usize,
}

/// One allocation with its transaction.
#[derive(Debug, Serialize)]
pub struct AllocationJson {
    pub transaction: TransactionJson,
    pub invoice: String,
    pub amount: String,
    pub confidence: f64,
    pub auto: bool,
    pub booked: bool,
    pub reason: String,
}

/// The transaction an allocation belongs to.
#[derive(Debug, Serialize)]
pub struct TransactionJson {
    pub id: i64,
    pub booking_date: String,
    pub amount: String,
    pub counterparty_name: Option<String>,
    pub end_to_end_id: Option<String>,
    pub bank_reference: Option<String>,
}

impl From<&AllocationLine> for AllocationJson {
    fn from(line: &AllocationLine) -> AllocationJson {
        AllocationJson {
            transaction: TransactionJson {
                id: line.transaction_id,
                booking_date: line.booking_date.to_string(),
                amount: line.transaction_amount.to_string(),
                counterparty_name: line.counterparty_name.clone(),
                end_to_end_id: line.end_to_end_id.clone(),
                bank_reference: line.bank_reference.clone(),
            },
            invoice: line.invoice.clone(),
            amount: line.amount.to_string(),
            // Confidence is kept in permille; the contract shows a fraction.
            confidence: f64::from(line.confidence_permille) / 1000.0,
            auto: line.auto,
            booked: line.booked,
            reason: line.reason.clone(),
        }
    }
}

/// `reference --json`.
#[derive(Debug, Serialize)]
pub struct Reference {
    pub value: String,
    pub kind: &'static str,
    pub valid: bool,
}
