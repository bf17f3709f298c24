//! Reading bank transactions with how they stand against invoices.

use chrono::NaiveDate;

use super::{Book, BookError};
use crate::money::Money;

/// Where a transaction stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AllocationState {
    /// Booked against invoices.
    Matched,
    /// Suggestions await a person.
    Suggested,
    /// Nothing found.
    Unmatched,
    /// Marked as not a customer payment.
    Ignored,
}

/// A bank transaction for reconciliation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransactionSummary {
    /// Book-internal id.
    pub id: i64,
    /// Booking date.
    pub booking_date: NaiveDate,
    /// Signed amount, money in positive.
    pub amount: Money,
    /// Counterparty name.
    pub counterparty_name: Option<String>,
    /// Counterparty IBAN.
    pub counterparty_iban: Option<String>,
    /// Remittance text.
    pub remittance: Option<String>,
    /// Where it stands.
    pub state: AllocationState,
    /// Invoices booked or suggested.
    pub invoices: Vec<String>,
    /// The reason of the (first) allocation or suggestion, in English.
    pub reason: Option<String>,
    /// The same reason in Dutch; `None` where the allocation predates Dutch
    /// reasons (show `reason` then).
    pub reason_nl: Option<String>,
    /// Confidence of that allocation in thousandths.
    pub confidence_permille: Option<i64>,
}

impl Book {
    /// Every bank transaction, newest first.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn transactions(&self) -> Result<Vec<TransactionSummary>, BookError> {
        let rows = sqlx::query!(
            r#"SELECT t.id AS "id!: i64", t.booking_date AS "booking_date: NaiveDate", t.amount_cents,
                      t.counterparty_name, t.counterparty_iban, t.remittance, t.not_customer_payment,
                      (SELECT group_concat(i.number, ' ') FROM allocations a JOIN invoices i ON i.id = a.invoice_id
                       WHERE a.transaction_id = t.id AND a.state = 'booked') AS "booked: String",
                      (SELECT group_concat(i.number, ' ') FROM allocations a JOIN invoices i ON i.id = a.invoice_id
                       WHERE a.transaction_id = t.id AND a.state = 'suggested') AS "suggested: String",
                      (SELECT a.reason FROM allocations a
                       WHERE a.transaction_id = t.id AND a.state IN ('booked', 'suggested')
                       ORDER BY a.id LIMIT 1) AS "reason: String",
                      (SELECT a.reason_nl FROM allocations a
                       WHERE a.transaction_id = t.id AND a.state IN ('booked', 'suggested')
                       ORDER BY a.id LIMIT 1) AS "reason_nl: String",
                      (SELECT a.confidence_permille FROM allocations a
                       WHERE a.transaction_id = t.id AND a.state IN ('booked', 'suggested')
                       ORDER BY a.id LIMIT 1) AS "confidence_permille: i64"
               FROM bank_transactions t ORDER BY t.booking_date DESC, t.id DESC"#
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let (state, numbers) =
                    match (row.not_customer_payment != 0, row.booked, row.suggested) {
                        (true, _, _) => (AllocationState::Ignored, None),
                        (false, Some(booked), _) => (AllocationState::Matched, Some(booked)),
                        (false, None, Some(suggested)) => {
                            (AllocationState::Suggested, Some(suggested))
                        }
                        (false, None, None) => (AllocationState::Unmatched, None),
                    };
                TransactionSummary {
                    id: row.id,
                    booking_date: row.booking_date,
                    amount: Money::from_cents(row.amount_cents),
                    counterparty_name: row.counterparty_name,
                    counterparty_iban: row.counterparty_iban,
                    remittance: row.remittance,
                    state,
                    invoices: numbers
                        .map(|list| list.split(' ').map(str::to_owned).collect())
                        .unwrap_or_default(),
                    reason: row.reason,
                    reason_nl: row.reason_nl,
                    confidence_permille: row.confidence_permille,
                }
            })
            .collect())
    }
}

/// An incoming payment booked against one customer's invoices for less
/// than it brought in: what is left is the customer's credit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaidBeyond {
    /// Book-internal id of the transaction.
    pub transaction_id: i64,
    /// Booking date.
    pub booking_date: NaiveDate,
    /// What came in.
    pub amount: Money,
    /// What is booked against the customer's invoices (credit notes netted).
    pub booked: Money,
}

impl Book {
    /// The customer's incoming payments booked for less than they brought
    /// in, oldest first; payments booked against several customers' invoices
    /// are left out (whose credit the rest is, a person decides).
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn paid_beyond(&self, customer_code: &str) -> Result<Vec<PaidBeyond>, BookError> {
        let rows = sqlx::query!(
            r#"SELECT t.id AS "id!: i64", t.booking_date AS "booking_date!: NaiveDate",
                      t.amount_cents AS "amount_cents!: i64", SUM(a.amount_cents) AS "booked_cents!: i64"
               FROM bank_transactions t
               JOIN allocations a ON a.transaction_id = t.id AND a.state = 'booked'
               JOIN invoices i ON i.id = a.invoice_id
               JOIN customers c ON c.id = i.customer_id
               WHERE c.code = ?1 AND t.amount_cents > 0
               GROUP BY t.id
               HAVING t.amount_cents > SUM(a.amount_cents)
                  AND (SELECT count(DISTINCT i2.customer_id) FROM allocations a2
                       JOIN invoices i2 ON i2.id = a2.invoice_id
                       WHERE a2.transaction_id = t.id AND a2.state = 'booked') = 1
               ORDER BY t.booking_date, t.id"#,
            customer_code
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| PaidBeyond {
                transaction_id: row.id,
                booking_date: row.booking_date,
                amount: Money::from_cents(row.amount_cents),
                booked: Money::from_cents(row.booked_cents),
            })
            .collect())
    }
}
