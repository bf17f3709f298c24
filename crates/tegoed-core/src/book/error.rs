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
    /// A query failed.
    #[error("book query failed: {0}")]
    Query(#[from] sqlx::Error),
}

impl crate::fault::Classify for BookError {
    fn fault(&self) -> crate::fault::Fault {
        use crate::fault::Fault;
        match self {
            BookError::NoFolder { .. }
            | BookError::Open { .. }
            | BookError::NoHome
            | BookError::Migrate { .. } => Fault::Book,
            BookError::Corrupt { .. } | BookError::Overflow(_) | BookError::Query(_) => {
                Fault::Internal
            }
        }
    }
}
