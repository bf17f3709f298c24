//! Reading bank accounts and how current their statements are.

use chrono::NaiveDate;

use super::{Book, BookError};

/// A bank account with the extent of its imported data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountSummary {
    /// IBAN.
    pub iban: String,
    /// Account name, if the bank gave one.
    pub name: Option<String>,
    /// The latest closing (or booking) date of its statements: "bank data last updated on".
    pub last_updated: Option<NaiveDate>,
    /// Number of statements.
    pub n_statements: i64,
    /// Number of transactions.
    pub n_transactions: i64,
}

impl Book {
    /// Every bank account, by IBAN.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn accounts(&self) -> Result<Vec<AccountSummary>, BookError> {
        let rows = sqlx::query!(
            r#"SELECT a.iban, a.name,
                      (SELECT MAX(COALESCE(s.closing_date, (SELECT MAX(t.booking_date) FROM bank_transactions t
                                                             WHERE t.statement_id = s.id)))
                       FROM statements s WHERE s.account_id = a.id) AS "last_updated: NaiveDate",
                      (SELECT COUNT(*) FROM statements s WHERE s.account_id = a.id) AS "n_statements!: i64",
                      (SELECT COUNT(*) FROM bank_transactions t WHERE t.account_id = a.id) AS "n_transactions!: i64"
               FROM bank_accounts a ORDER BY a.iban"#
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| AccountSummary {
                iban: row.iban,
                name: row.name,
                last_updated: row.last_updated,
                n_statements: row.n_statements,
                n_transactions: row.n_transactions,
            })
            .collect())
    }
}
