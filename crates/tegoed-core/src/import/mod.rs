//! Importing into the book: the one use case every face calls ([`run`],
//! and [`run_mapped`] for a file a person mapped), which prepares every
//! file, imports each in its own transaction and then matches once; bank
//! statements are written here.
//!
//! One database transaction per file: a file lands whole or not at all.
//! Every transaction gets a stable identity within its account ([`identity`]):
//! the bank's reference, or its content, plus its occurrence among equal
//! lines of its statement, so that re-importing a file or an overlapping
//! statement adds nothing while two genuinely identical lines (same day,
//! amount and text) stay two. Each statement's opening balance is checked
//! against the previous closing balance of the account, and its
//! transactions against its own closing balance; a break is imported with a
//! warning that the import reports and the book keeps, never silently.
//! A statement in another currency than the book's (EUR) is refused.
//!
//! This module decides; the SQL is in `book`.

mod file;
pub mod identity;
pub mod ledger;
mod pdf;
mod run;

#[cfg(test)]
use file::import as file;
pub use file::{
    Content, FileError, FileReport, NeedsMapping, Prepared, expand_folders, prepare, prepare_one,
    saved_mappings,
};
pub use pdf::{PdfImport, PdfImportError};
pub use run::{FileOutcome, Mapping, Progress, Report, run, run_mapped};

use chrono::{DateTime, Utc};

use crate::book::{self, Book, BookError, NewStatement, NewTransaction};
use crate::statement::{Location, ParsedFile, Statement, StatementError};

/// The currency the book keeps bank accounts in.
pub const BOOK_CURRENCY: &str = "EUR";

/// Transactions written per batch (and per progress report).
const BATCH: usize = 2_000;

/// What importing one file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// The file name.
    pub file_name: String,
    /// Transactions added.
    pub added: usize,
    /// Transactions the book already had, by identity or recognised.
    pub duplicates: usize,
    /// Of those, the ones the book had from a file of another format
    /// (a CSV of the month already imported as camt.053 or MT940),
    /// recognised by their content ([`identity::Recogniser`]).
    pub recognised: usize,
    /// Statements added.
    pub statements_added: usize,
    /// Things a person must see: balance breaks, statements that do not add up.
    pub warnings: Vec<String>,
}

/// A bank file that cannot be imported; the book is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be read.
    #[error(transparent)]
    Statement(#[from] StatementError),
    /// A statement (or one of its transactions) in another currency.
    #[error(
        "{file} {at}: the statement of {account} is in {currency}; Tegoed books {BOOK_CURRENCY} accounts only, so nothing was imported"
    )]
    Currency {
        /// The file name.
        file: String,
        /// Where the statement or transaction starts.
        at: Location,
        /// The account.
        account: String,
        /// The currency found.
        currency: String,
    },
    /// The book could not be written.
    #[error(transparent)]
    Book(#[from] BookError),
}

/// Imports a parsed bank file into the book in one database transaction.
/// `progress` is called with (transactions done, total) after each batch.
///
/// # Errors
/// [`ImportError::Currency`] for a statement not in EUR, and
/// [`ImportError::Book`] when the book cannot be written; the book is then
/// unchanged.
pub async fn bank(
    book: &Book,
    parsed: &ParsedFile,
    at: DateTime<Utc>,
    progress: Option<&(dyn Fn(usize, usize) + Sync)>,
) -> Result<ImportReport, ImportError> {
    for statement in &parsed.statements {
        check_currency(parsed, statement)?;
    }
    let total = parsed.n_transactions();
    let format = parsed.format.code();
    let mut report = ImportReport {
        file_name: parsed.file_name.clone(),
        added: 0,
        duplicates: 0,
        recognised: 0,
        statements_added: 0,
        warnings: parsed.warnings.clone(),
    };
    let mut done = 0;
    let mut own_statements = Vec::new();
    let mut transaction = book.begin().await?;
    for statement in &parsed.statements {
        let connection = &mut *transaction;
        let identities = identity::transaction_identities(statement);
        let statement_identity = identity::statement_identity(statement, &identities);
        let account_id =
            book::upsert_account(connection, &statement.account, &statement.currency, None).await?;
        if book::statement_known(connection, account_id, &statement_identity).await? {
            report.duplicates += statement.transactions.len();
            done += statement.transactions.len();
            report_progress(progress, done, total);
            continue;
        }
        let warning = continuity_warning(connection, account_id, parsed, statement).await?;
        if let Some(warning) = &warning {
            report.warnings.push(warning.clone());
        }
        let seen = match period(statement) {
            Some((from, to)) => {
                let known = book::known_transactions(connection, account_id, from, to).await?;
                identity::Recogniser::new(known, &own_statements, &format)
                    .judge(statement, &identities)
            }
            None => Vec::new(),
        };
        let n_recognised = seen
            .iter()
            .filter(|verdict| **verdict == identity::Seen::Recognised)
            .count();
        report.recognised += n_recognised;
        report.duplicates += n_recognised;
        let statement_id = book::insert_statement(
            connection,
            &NewStatement {
                account_id,
                statement_id: statement.statement_id.as_deref(),
                opening: statement
                    .opening
                    .map(|balance| (balance.date, balance.amount)),
                closing: statement
                    .closing
                    .map(|balance| (balance.date, balance.amount)),
                file_name: &parsed.file_name,
                format: &format,
                imported_at: at,
            },
        )
        .await?;
        book::mark_statement(
            connection,
            statement_id,
            &statement_identity,
            warning.as_deref(),
        )
        .await?;
        own_statements.push(statement_id);
        report.statements_added += 1;
        let to_add: Vec<(&crate::statement::Transaction, &String)> = statement
            .transactions
            .iter()
            .zip(&identities)
            .enumerate()
            .filter(|(index, _)| seen.get(*index) != Some(&identity::Seen::Recognised))
            .map(|(_, pair)| pair)
            .collect();
        if n_recognised > 0 {
            done += n_recognised;
            report_progress(progress, done, total);
        }
        for chunk in to_add.chunks(BATCH) {
            let rows: Vec<NewTransaction<'_>> = chunk
                .iter()
                .map(|(item, identity)| NewTransaction {
                    account_id,
                    statement_id,
                    identity,
                    booking_date: item.booking_date,
                    value_date: item.value_date,
                    amount: item.amount,
                    currency: &item.currency,
                    counterparty_name: item.counterparty_name.as_deref(),
                    counterparty_iban: item.counterparty_iban.as_deref(),
                    remittance: item.remittance.as_deref(),
                    structured_reference: item.structured_reference.as_deref(),
                    end_to_end_id: item.end_to_end_id.as_deref(),
                    bank_reference: item.bank_reference.as_deref(),
                    reversal: item.reversal,
                    return_reason: item.return_reason.as_deref(),
                    ultimate_debtor: item.ultimate_debtor.as_deref(),
                })
                .collect();
            let added = usize::try_from(
                book::insert_transactions(connection, account_id, statement_id, &rows).await?,
            )
            .unwrap_or(usize::MAX);
            report.added += added;
            report.duplicates += rows.len().saturating_sub(added);
            done += rows.len();
            report_progress(progress, done, total);
        }
    }
    transaction.commit().await.map_err(BookError::from)?;
    Ok(report)
}

/// The first and last booking date of a statement's transactions.
fn period(statement: &Statement) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let dates = statement.transactions.iter().map(|item| item.booking_date);
    Some((dates.clone().min()?, dates.max()?))
}

fn report_progress(progress: Option<&(dyn Fn(usize, usize) + Sync)>, done: usize, total: usize) {
    if let Some(progress) = progress {
        progress(done, total);
    }
}

fn check_currency(parsed: &ParsedFile, statement: &Statement) -> Result<(), ImportError> {
    let wrong = |at: &Location, currency: &str| ImportError::Currency {
        file: parsed.file_name.clone(),
        at: at.clone(),
        account: statement.account.clone(),
        currency: currency.to_owned(),
    };
    if statement.currency != BOOK_CURRENCY {
        return Err(wrong(&statement.origin, &statement.currency));
    }
    if let Some(item) = statement
        .transactions
        .iter()
        .find(|item| item.currency != BOOK_CURRENCY)
    {
        return Err(wrong(&item.origin, &item.currency));
    }
    Ok(())
}

/// The warning for a statement whose opening balance does not follow on
/// from the account's previous closing balance. (A statement whose own
/// transactions do not add up is already a warning of the parsed file.)
async fn continuity_warning(
    connection: &mut sqlx::SqliteConnection,
    account_id: i64,
    parsed: &ParsedFile,
    statement: &Statement,
) -> Result<Option<String>, BookError> {
    let mut problems = Vec::new();
    if let Some(opening) = statement.opening
        && let Some(previous) = book::previous_closing(connection, account_id, opening.date).await?
        && previous.amount != opening.amount
    {
        problems.push(format!(
            "balance break on {}: the opening balance {} on {} does not follow on from the closing balance {} on {} ({}); a statement may be missing",
            statement.account, opening.amount, opening.date, previous.amount, previous.date, previous.file_name
        ));
    }
    if problems.is_empty() {
        return Ok(None);
    }
    Ok(Some(format!(
        "{} {}: {}",
        parsed.file_name,
        statement.origin,
        problems.join("; ")
    )))
}

impl crate::fault::Classify for ImportError {
    fn fault(&self) -> crate::fault::Fault {
        match self {
            ImportError::Statement(_) | ImportError::Currency { .. } => crate::fault::Fault::Input,
            ImportError::Book(error) => error.fault(),
        }
    }
}

#[cfg(test)]
mod tests;
