//! The audit log: an append-only record of everything done in the book.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::BookError;

/// Appends one entry to the audit log inside the caller's transaction.
///
/// # Errors
/// When the row cannot be written.
pub async fn record(
    connection: &mut SqliteConnection,
    at: DateTime<Utc>,
    actor: &str,
    action: &str,
    subject: &str,
    detail: Option<&str>,
) -> Result<(), BookError> {
    sqlx::query!(
        "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
        at,
        actor,
        action,
        subject,
        detail
    )
    .execute(connection)
    .await?;
    Ok(())
}
