//! The SQL of bank statement import: statements with an identity, the
//! previous closing balance of an account, transactions in batches, and the
//! CSV column mappings users saved. Everything runs inside the caller's
//! transaction, so a file lands whole or not at all.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::{Book, BookError};
use crate::money::Money;

/// The latest statement of an account that closes on or before a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousClosing {
    /// Its closing date.
    pub date: NaiveDate,
    /// Its closing balance.
    pub amount: Money,
    /// The file it came from.
    pub file_name: String,
}

/// The currency a book keeps for an account, when the account is known.
///
/// # Errors
/// When the book cannot be read.
pub async fn account_currency(
    connection: &mut SqliteConnection,
    iban: &str,
) -> Result<Option<String>, BookError> {
    let currency = sqlx::query_scalar!("SELECT currency FROM bank_accounts WHERE iban = ?", iban)
        .fetch_optional(connection)
        .await?;
    Ok(currency)
}

/// True when a statement with this identity is already in the account.
///
/// # Errors
/// When the book cannot be read.
pub async fn statement_known(
    connection: &mut SqliteConnection,
    account_id: i64,
    identity: &str,
) -> Result<bool, BookError> {
    let found = sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM statements WHERE account_id = ? AND identity = ?"#,
        account_id,
        identity
    )
    .fetch_one(connection)
    .await?;
    Ok(found > 0)
}

/// The closing balance of the account's latest statement that closes on
/// or before `date`.
///
/// # Errors
/// When the book cannot be read.
pub async fn previous_closing(
    connection: &mut SqliteConnection,
    account_id: i64,
    date: NaiveDate,
) -> Result<Option<PreviousClosing>, BookError> {
    let row = sqlx::query!(
        r#"SELECT closing_date AS "date!: NaiveDate", closing_cents AS "cents!: i64", file_name
           FROM statements
           WHERE account_id = ? AND closing_date IS NOT NULL AND closing_cents IS NOT NULL
                 AND closing_date <= ?
           ORDER BY closing_date DESC, id DESC LIMIT 1"#,
        account_id,
        date
    )
    .fetch_optional(connection)
    .await?;
    Ok(row.map(|row| PreviousClosing {
        date: row.date,
        amount: Money::from_cents(row.cents),
        file_name: row.file_name,
    }))
}

/// A transaction the account already holds, as far as recognising it in
/// another file needs: the fields every format carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownTransaction {
    /// Its statement (so that a file's own statements can be told apart).
    pub statement_id: i64,
    /// Its identity within the account.
    pub identity: String,
    /// Booking date.
    pub booking_date: NaiveDate,
    /// Signed amount.
    pub amount: Money,
    /// Counterparty account as the bank wrote it.
    pub counterparty_iban: Option<String>,
    /// SEPA end-to-end id.
    pub end_to_end_id: Option<String>,
    /// The bank's reference.
    pub bank_reference: Option<String>,
    /// The format code of the file it came in (`mt940`, `camt.053.001.02`, `csv:ing`).
    pub format: String,
}

/// The transactions of an account booked from `from` to `to` inclusive,
/// in the order they were imported.
///
/// # Errors
/// When the book cannot be read.
pub async fn known_transactions(
    connection: &mut SqliteConnection,
    account_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<KnownTransaction>, BookError> {
    let rows = sqlx::query!(
        r#"SELECT t.statement_id AS "statement_id!: i64", t.identity,
                  t.booking_date AS "booking_date!: NaiveDate", t.amount_cents AS "cents!: i64",
                  t.counterparty_iban, t.end_to_end_id, t.bank_reference, s.format
           FROM bank_transactions t JOIN statements s ON s.id = t.statement_id
           WHERE t.account_id = ? AND t.booking_date >= ? AND t.booking_date <= ?
           ORDER BY t.id"#,
        account_id,
        from,
        to
    )
    .fetch_all(connection)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| KnownTransaction {
            statement_id: row.statement_id,
            identity: row.identity,
            booking_date: row.booking_date,
            amount: Money::from_cents(row.cents),
            counterparty_iban: row.counterparty_iban,
            end_to_end_id: row.end_to_end_id,
            bank_reference: row.bank_reference,
            format: row.format,
        })
        .collect())
}

/// Records a statement's identity and warning after
/// [`super::insert_statement`].
///
/// # Errors
/// When the row cannot be written.
pub async fn mark_statement(
    connection: &mut SqliteConnection,
    statement_id: i64,
    identity: &str,
    warning: Option<&str>,
) -> Result<(), BookError> {
    sqlx::query!(
        "UPDATE statements SET identity = ?, warning = ? WHERE id = ?",
        identity,
        warning,
        statement_id
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Inserts a batch of transactions of one statement; those whose identity
/// the account already has are skipped. Returns how many were added.
///
/// One statement per batch of rows (SQLite's `json_each`), so that 100,000
/// transactions take a fraction of a second rather than 100,000 round trips.
///
/// # Errors
/// When an amount does not fit or the rows cannot be written.
pub async fn insert_transactions(
    connection: &mut SqliteConnection,
    account_id: i64,
    statement_id: i64,
    transactions: &[super::NewTransaction<'_>],
) -> Result<u64, BookError> {
    let mut rows = Vec::with_capacity(transactions.len());
    for transaction in transactions {
        rows.push(serde_json::json!([
            transaction.identity,
            transaction.booking_date.to_string(),
            transaction.value_date.map(|date| date.to_string()),
            transaction.amount.to_cents()?,
            transaction.currency,
            transaction.counterparty_name,
            transaction.counterparty_iban,
            transaction.remittance,
            transaction.structured_reference,
            transaction.end_to_end_id,
            transaction.bank_reference,
            i64::from(transaction.reversal),
            transaction.return_reason,
            transaction.ultimate_debtor,
        ]));
    }
    let batch = serde_json::Value::Array(rows).to_string();
    let result = sqlx::query!(
        r#"INSERT INTO bank_transactions (account_id, statement_id, identity, booking_date, value_date,
                amount_cents, currency, counterparty_name, counterparty_iban, remittance,
                structured_reference, end_to_end_id, bank_reference, reversal, return_reason,
                ultimate_debtor)
           SELECT ?, ?, json_extract(row.value, '$[0]'), json_extract(row.value, '$[1]'),
                  json_extract(row.value, '$[2]'), json_extract(row.value, '$[3]'),
                  json_extract(row.value, '$[4]'), json_extract(row.value, '$[5]'),
                  json_extract(row.value, '$[6]'), json_extract(row.value, '$[7]'),
                  json_extract(row.value, '$[8]'), json_extract(row.value, '$[9]'),
                  json_extract(row.value, '$[10]'), json_extract(row.value, '$[11]'),
                  json_extract(row.value, '$[12]'), json_extract(row.value, '$[13]')
           FROM json_each(?) AS row WHERE true
           ON CONFLICT (account_id, identity) DO NOTHING"#,
        account_id,
        statement_id,
        batch
    )
    .execute(connection)
    .await?;
    Ok(result.rows_affected())
}

impl Book {
    /// Saves a CSV column mapping for files of a shape.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub async fn save_bank_csv_mapping(
        &self,
        shape: &str,
        mapping: &str,
        at: DateTime<Utc>,
    ) -> Result<(), BookError> {
        sqlx::query!(
            "INSERT INTO bank_csv_mappings (shape, mapping, saved_at) VALUES (?, ?, ?)
             ON CONFLICT (shape) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at",
            shape,
            mapping,
            at
        )
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The saved CSV column mapping for files of a shape.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn bank_csv_mapping(&self, shape: &str) -> Result<Option<String>, BookError> {
        let mapping = sqlx::query_scalar!(
            "SELECT mapping FROM bank_csv_mappings WHERE shape = ?",
            shape
        )
        .fetch_optional(self.pool())
        .await?;
        Ok(mapping)
    }

    /// The warnings recorded with an account's statements (balance breaks),
    /// newest first.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn statement_warnings(&self, iban: &str) -> Result<Vec<String>, BookError> {
        let warnings = sqlx::query_scalar!(
            r#"SELECT s.warning AS "warning!" FROM statements s JOIN bank_accounts a ON a.id = s.account_id
               WHERE a.iban = ? AND s.warning IS NOT NULL ORDER BY s.id DESC"#,
            iban
        )
        .fetch_all(self.pool())
        .await?;
        Ok(warnings)
    }
}
