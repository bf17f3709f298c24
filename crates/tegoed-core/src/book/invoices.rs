//! Reading invoices with what has been paid on them and the stage reached.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Book, BookError};
use crate::invoice::InvoiceRecord;
use crate::invoice::Stage;
use crate::money::Money;

impl Book {
    /// Every invoice with its allocations and the dunning stage reached on
    /// `as_of`, ordered by due date and number.
    ///
    /// # Errors
    /// When the book cannot be read or holds an unknown status or stage.
    pub async fn invoices(&self, as_of: NaiveDate) -> Result<Vec<InvoiceRecord>, BookError> {
        let rows = sqlx::query!(
            r#"SELECT i.id AS "id!: i64", i.number, c.code AS customer_code, c.name AS customer_name,
                      i.invoice_date AS "invoice_date: NaiveDate", i.due_date AS "due_date: NaiveDate",
                      i.amount_cents, i.currency, i.ledger_status, i.ledger_open_cents,
                      COALESCE((SELECT SUM(a.amount_cents) FROM allocations a
                                WHERE a.invoice_id = i.id AND a.state = 'booked'), 0) AS "allocated_cents!: i64"
               FROM invoices i JOIN customers c ON c.id = i.customer_id
               ORDER BY i.due_date, i.number"#
        )
        .fetch_all(self.pool())
        .await?;
        let stages = self.stages_reached(as_of).await?;
        rows.into_iter()
            .map(|row| {
                Ok(InvoiceRecord {
                    number: row.number,
                    customer_code: row.customer_code,
                    customer_name: row.customer_name,
                    invoice_date: row.invoice_date,
                    due_date: row.due_date,
                    amount: Money::from_cents(row.amount_cents),
                    allocated: Money::from_cents(row.allocated_cents),
                    ledger_open: row.ledger_open_cents.map(Money::from_cents),
                    currency: row.currency,
                    ledger_status: row.ledger_status.parse().map_err(|_| BookError::Corrupt {
                        what: "ledger status",
                        value: row.ledger_status.clone(),
                    })?,
                    stage: stages.get(&row.id).copied().unwrap_or_default(),
                })
            })
            .collect()
    }

    /// The furthest stage per invoice id from the dunning events up to `as_of`.
    async fn stages_reached(&self, as_of: NaiveDate) -> Result<HashMap<i64, Stage>, BookError> {
        let events = sqlx::query!(
            r#"SELECT invoice_id, stage FROM dunning_events WHERE event_date <= ?"#,
            as_of
        )
        .fetch_all(self.pool())
        .await?;
        let mut reached: HashMap<i64, Stage> = HashMap::new();
        for event in events {
            let stage: Stage = event.stage.parse().map_err(|_| BookError::Corrupt {
                what: "dunning stage",
                value: event.stage.clone(),
            })?;
            let entry = reached.entry(event.invoice_id).or_default();
            *entry = (*entry).max(stage);
        }
        Ok(reached)
    }
}
