//! Reading the letters produced so far.

use chrono::{DateTime, NaiveDate, Utc};

use super::{Book, BookError};
use crate::money::Money;

/// A letter as recorded in the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterSummary {
    /// Customer name.
    pub customer: String,
    /// The dunning action the letter carried out (`reminder_1`, `confirmation`, …).
    pub stage: String,
    /// Date the letter was made for.
    pub as_of: NaiveDate,
    /// Invoice numbers it covers.
    pub invoices: Vec<String>,
    /// Total open when it was made.
    pub total_open: Money,
    /// When it was sent.
    pub sent_at: Option<DateTime<Utc>>,
}

impl Book {
    /// Every letter, newest first.
    ///
    /// # Errors
    /// When the book cannot be read or holds an unknown stage.
    pub async fn letters(&self) -> Result<Vec<LetterSummary>, BookError> {
        let rows = sqlx::query!(
            r#"SELECT c.name AS customer, l.stage, l.as_of AS "as_of: NaiveDate", l.invoice_set,
                      l.total_open_cents, l.sent_at AS "sent_at: DateTime<Utc>"
               FROM letters l JOIN customers c ON c.id = l.customer_id
               ORDER BY l.as_of DESC, c.name"#
        )
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(LetterSummary {
                    customer: row.customer,
                    stage: row.stage,
                    as_of: row.as_of,
                    invoices: row.invoice_set.split(' ').map(str::to_owned).collect(),
                    total_open: Money::from_cents(row.total_open_cents),
                    sent_at: row.sent_at,
                })
            })
            .collect()
    }
}
