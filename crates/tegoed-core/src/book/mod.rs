//! The book: one SQLite file holding a business's customers, invoices, bank
//! statements, allocations, dunning history, letters and audit log.
//!
//! Only this module touches SQLite. Opening a book creates the file when it
//! is missing, turns on WAL and foreign keys, and runs the embedded
//! migrations. Money is stored as integer cents and converted to [`Money`]
//! here; dates are ISO text mapped to [`chrono::NaiveDate`].
//!
//! [`Money`]: crate::money::Money

mod accounts;
mod audit;
pub mod backup;
mod bank_import;
mod customers;
pub mod dunning;
mod error;
mod invoices;
pub mod ledger;
mod letters;
mod matching;
mod records;
mod transactions;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

pub use crate::customer::CustomerRecord;
pub use crate::invoice::InvoiceRecord;
pub use accounts::AccountSummary;
pub use audit::record as audit;
pub use backup::{Backup, BackupInfo, Contents};
pub use bank_import::{
    KnownTransaction, PreviousClosing, account_currency, insert_transactions, known_transactions,
    mark_statement, previous_closing, statement_known,
};
pub use dunning::{
    AccountCoverRow, CallRow, CustomerRow, InvoiceFacts, LetterMail, LetterState, NewCall,
    NewOutboxLetter, NewPlan, NewTimelineEvent, OutboxRow, PaymentRow, PlanRow, StageRow,
    TimelineRow, insert_call, insert_outbox_letter, insert_plan, insert_timeline_event,
    set_disputed, set_letter_state, set_setting, update_customer,
};
pub use error::BookError;
pub use letters::LetterSummary;
pub use matching::{
    AllocationLine, DecisionRow, EarlierRow, KnownCustomerRow, MatchingRows, OpenInvoiceRow,
    ProposedRow, UnplacedRow, audit_run, read_matching_rows, write_proposals,
};
pub use records::{
    NewAllocation, NewCustomer, NewDunningEvent, NewInvoice, NewLetter, NewStatement,
    NewTransaction, insert_allocation, insert_customer, insert_dunning_event, insert_invoice,
    insert_letter, insert_statement, insert_transaction, upsert_account,
};
pub use transactions::{AllocationState, PaidBeyond, TransactionSummary};

/// How long a write waits for another connection's write (another Tegoed
/// window or command) before it gives up with [`BookError::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The file name of a book in the platform data directory.
const DEFAULT_FILE_NAME: &str = "book.db";

/// An open book.
#[derive(Debug, Clone)]
pub struct Book {
    pool: SqlitePool,
    path: PathBuf,
}

impl Book {
    /// Opens the book at `path`, creating it with every migration when it
    /// does not exist yet.
    ///
    /// # Errors
    /// [`BookError::NoFolder`] when the folder for the file does not exist,
    /// [`BookError::Open`] when SQLite cannot open or migrate the file.
    pub async fn open(path: &Path) -> Result<Book, BookError> {
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !folder.is_dir() {
            return Err(BookError::NoFolder {
                path: path.to_path_buf(),
                folder,
            });
        }
        let open_error = |source: sqlx::Error| {
            if error::is_busy(&source) {
                BookError::Busy
            } else {
                BookError::Open {
                    path: path.to_path_buf(),
                    source,
                }
            }
        };
        let options = SqliteConnectOptions::from_str("sqlite://")
            .map_err(open_error)?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(open_error)?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|source| match &source {
                sqlx::migrate::MigrateError::Execute(error)
                | sqlx::migrate::MigrateError::ExecuteMigration(error, _)
                    if error::is_busy(error) =>
                {
                    BookError::Busy
                }
                _ => BookError::Migrate {
                    path: path.to_path_buf(),
                    source,
                },
            })?;
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        Ok(Book { pool, path })
    }

    /// The connection pool, for the other `book` submodules.
    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Where the book lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when the book has neither invoices nor bank transactions.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn is_empty(&self) -> Result<bool, BookError> {
        let counts = sqlx::query!(
            r#"SELECT (SELECT COUNT(*) FROM invoices) AS "invoices!: i64",
                      (SELECT COUNT(*) FROM bank_transactions) AS "transactions!: i64""#
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(counts.invoices == 0 && counts.transactions == 0)
    }

    /// Starts a database transaction: everything written through it lands
    /// together or not at all.
    ///
    /// The transaction takes the write lock at once (`BEGIN IMMEDIATE`),
    /// waiting up to [`BUSY_TIMEOUT`] for another writer: a deferred one
    /// that read first could not wait when it came to write, since the
    /// other writer changed what it read (`SQLITE_BUSY_SNAPSHOT` in WAL).
    ///
    /// # Errors
    /// [`BookError::Busy`] when another connection kept writing past the
    /// timeout; otherwise when SQLite cannot begin a transaction.
    pub async fn begin(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, BookError> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// Closes the pool, checkpointing the WAL.
    pub async fn close(self) {
        self.pool.close().await;
    }
}

/// Where a book lives when no `--db` is given: `book.db` in the platform data
/// directory (on Linux `$XDG_DATA_HOME/tegoed`, on macOS `~/Library/Application
/// Support/nl.Tegoed.Tegoed`, on Windows `%APPDATA%\Tegoed\Tegoed\data`).
///
/// # Errors
/// [`BookError::NoHome`] when the platform gives no data directory.
pub fn default_path() -> Result<PathBuf, BookError> {
    directories::ProjectDirs::from("nl", "Tegoed", "Tegoed")
        .map(|dirs| dirs.data_dir().join(DEFAULT_FILE_NAME))
        .ok_or(BookError::NoHome)
}

#[cfg(test)]
mod tests;
