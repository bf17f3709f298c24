//! Errors of the book.

use std::path::PathBuf;

/// Something went wrong opening, reading or writing the book.
#[derive(Debug, thiserror::Error)]
pub enum BookError {
    /// The folder the book should live in does not exist.
    #[error(
        "cannot open book {path}: the folder {folder} does not exist (create it or choose another --db path)"
    )]
    NoFolder {
        /// The book file asked for.
        path: PathBuf,
        /// Its missing folder.
        folder: PathBuf,
    },
    /// SQLite could not open the file.
    #[error("cannot open book {path}: {source}")]
    Open {
        /// The book file.
        path: PathBuf,
        /// What SQLite said.
        source: sqlx::Error,
    },
    /// The schema could not be brought up to date.
    #[error("cannot update book {path} to this version of Tegoed: {source}")]
    Migrate {
        /// The book file.
        path: PathBuf,
        /// What the migrator said.
        source: sqlx::migrate::MigrateError,
    },
    /// The platform has no home or data directory.
    #[error("no data directory found for the book; pass --db PATH or set TEGOED_DB")]
    NoHome,
    /// A stored value is not what the schema promises.
    #[error("the book holds an unreadable {what}: {value}")]
    Corrupt {
        /// Which kind of value.
        what: &'static str,
        /// The value found.
        value: String,
    },
    /// An amount too large for the book.
    #[error(transparent)]
    Overflow(#[from] crate::money::MoneyOverflow),
    /// A backup could not be made (or an old one removed).
    #[error("cannot back up the book to {path}: {reason}")]
    Backup {
        /// The backup file or folder.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// A backup could not be restored.
    #[error("cannot restore the backup {path}: {reason}")]
    Restore {
        /// The backup file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// Another connection (another Tegoed window or command) held the
    /// book's write lock for longer than the busy timeout: nothing was
    /// changed, and trying again later will do.
    #[error(
        "the book is busy (another Tegoed window or command is writing); try again in a moment"
    )]
    Busy,
    /// A query failed.
    #[error("book query failed: {0}")]
    Query(sqlx::Error),
}

/// SQLite's primary result codes for a lock held elsewhere
/// (`SQLITE_BUSY`, `SQLITE_LOCKED`); extended codes carry them in the low byte.
const SQLITE_BUSY: i64 = 5;
const SQLITE_LOCKED: i64 = 6;

/// True when SQLite refused because another connection holds a lock.
pub(crate) fn is_busy(error: &sqlx::Error) -> bool {
    let sqlx::Error::Database(database) = error else {
        return false;
    };
    database
        .code()
        .and_then(|code| code.parse::<i64>().ok())
        .is_some_and(|code| matches!(code & 0xff, SQLITE_BUSY | SQLITE_LOCKED))
}

impl From<sqlx::Error> for BookError {
    /// A lock held elsewhere is [`BookError::Busy`]; anything else a failed query.
    fn from(error: sqlx::Error) -> BookError {
        if is_busy(&error) {
            BookError::Busy
        } else {
            BookError::Query(error)
        }
    }
}

impl crate::fault::Classify for BookError {
    fn fault(&self) -> crate::fault::Fault {
        use crate::fault::Fault;
        match self {
            BookError::NoFolder { .. }
            | BookError::Open { .. }
            | BookError::NoHome
            | BookError::Migrate { .. }
            // Another window or command is writing: the person tries again
            // (exit 1, not an internal error).
            | BookError::Busy
            | BookError::Backup { .. }
            | BookError::Restore { .. } => Fault::Book,
            BookError::Corrupt { .. } | BookError::Overflow(_) | BookError::Query(_) => {
                Fault::Internal
            }
        }
    }
}
