//! The import use case: the one door every import goes through, in the CLI
//! (`tegoed import`) and in the app (dropped or picked files, and the two
//! column-mapping screens).
//!
//! [`run`] prepares every file first, so that a damaged one stops the run
//! before anything is written; then imports each file in its own database
//! transaction; then, when anything changed what matching looks at, runs
//! matching once with the book's settings, so that a payment is seen before
//! anyone is chased. [`run_mapped`] does the same for one file read with a
//! column mapping a person made. Neither prints, reads a path or knows
//! about a face: the faces turn the [`Report`] into JSON or DTOs.
//!
//! Before anything is written, the book is backed up (`Book::backup`: a
//! copy in the `backups` folder beside it, the last `backup.keep` kept), so
//! an import a person regrets can be undone by restoring.

use chrono::{DateTime, Utc};

use super::file::{self, Content, FileError, FileReport, NeedsMapping, Prepared};
use crate::book::Book;
use crate::intake::ParsedFile;
use crate::{ledger, statement};

/// Progress of an import: called with (file index in the run, bank
/// transactions of that file written so far, its total) after each batch.
pub type Progress<'a> = &'a (dyn Fn(usize, usize, usize) + Sync);

/// A column mapping a person made on a mapping screen.
#[derive(Debug, Clone)]
pub enum Mapping {
    /// The ledger mapping screen's mapping (saved by the ledger import).
    Ledger(ledger::Mapping),
    /// The bank CSV mapping screen's mapping (saved after the import).
    BankCsv(statement::csv::Mapping),
}

/// What happened to one file of a run.
#[derive(Debug)]
pub enum FileOutcome {
    /// It was imported in its own database transaction.
    Imported(FileReport),
    /// A person must map its columns once; nothing of it was imported.
    NeedsMapping {
        /// The file name.
        file: String,
        /// Which mapping it needs, and why.
        needs: NeedsMapping,
    },
    /// It could not be imported (another currency, a book failure);
    /// nothing of it was written, the other files still were.
    Failed {
        /// The file name.
        file: String,
        /// Why.
        error: FileError,
    },
}

impl FileOutcome {
    /// The file name.
    pub fn file_name(&self) -> &str {
        match self {
            FileOutcome::Imported(report) => report.file_name(),
            FileOutcome::NeedsMapping { file, .. } | FileOutcome::Failed { file, .. } => file,
        }
    }
}

/// What a run did: each file in the order given, then matching.
#[derive(Debug)]
pub struct Report {
    /// One outcome per file, in the order the files were given.
    pub files: Vec<FileOutcome>,
    /// What matching did; `None` when no file changed what it looks at.
    pub matching: Option<crate::reconcile::Outcome>,
}

impl Report {
    /// The files that were imported, in order.
    pub fn imported(&self) -> impl Iterator<Item = &FileReport> {
        self.files.iter().filter_map(|outcome| match outcome {
            FileOutcome::Imported(report) => Some(report),
            FileOutcome::NeedsMapping { .. } | FileOutcome::Failed { .. } => None,
        })
    }
}

/// Imports files of any kind, then matches once.
///
/// Every file is prepared (read and parsed with the mappings the book
/// saved) before anything is written; the book is backed up; each is then imported in its own
/// database transaction, and matching runs once with the book's settings
/// when any file changed what it looks at.
///
/// # Errors
/// The first file that cannot be read, naming file and line or cell: then
/// nothing was written. A file that fails on import is a
/// [`FileOutcome::Failed`] instead, and the others still land. A book that
/// fails while matching is a [`FileError::Book`] (the files stay imported).
pub async fn run(
    book: &Book,
    files: Vec<(String, Vec<u8>)>,
    at: DateTime<Utc>,
    progress: Option<Progress<'_>>,
) -> Result<Report, FileError> {
    let prepared = file::prepare(book, files).await?;
    book.backup(at).await?;
    let mut outcomes = Vec::with_capacity(prepared.len());
    for (index, file) in prepared.iter().enumerate() {
        outcomes.push(import_one(book, index, file, at, progress).await);
    }
    finish(book, outcomes, at).await
}

/// Imports one file read with a person's column mapping, then matches once,
/// like [`run`]. A bank CSV mapping is saved for the file's shape after
/// the import succeeded; a ledger mapping is saved by the ledger import.
///
/// # Errors
/// [`FileError`] when the file does not fit the mapping or cannot be
/// imported; the book is then unchanged (the mapping is not saved).
pub async fn run_mapped(
    book: &Book,
    file_name: String,
    bytes: Vec<u8>,
    mapping: &Mapping,
    at: DateTime<Utc>,
    progress: Option<Progress<'_>>,
) -> Result<Report, FileError> {
    let parsed = match mapping {
        Mapping::Ledger(mapping) => ParsedFile::Ledger(Box::new(
            ledger::parse_with(&file_name, &bytes, mapping)
                .map_err(crate::intake::IntakeError::from)?,
        )),
        Mapping::BankCsv(mapping) => ParsedFile::Bank(
            statement::parse_with_mapping(&file_name, &bytes, mapping)
                .map_err(crate::intake::IntakeError::from)?,
        ),
    };
    let prepared = Prepared::read(file_name, bytes, parsed);
    book.backup(at).await?;
    let report = match import_one(book, 0, &prepared, at, progress).await {
        FileOutcome::Imported(report) => report,
        FileOutcome::Failed { error, .. } => return Err(error),
        FileOutcome::NeedsMapping { needs, .. } => return Err(FileError::NeedsMapping(needs)),
    };
    if let Mapping::BankCsv(mapping) = mapping {
        let shape = statement::csv::grid(prepared.bytes(), 1).shape;
        book.save_bank_csv_mapping(&shape, &mapping.to_text(), at)
            .await?;
    }
    finish(book, vec![FileOutcome::Imported(report)], at).await
}

/// Imports one prepared file in its own database transaction.
async fn import_one(
    book: &Book,
    index: usize,
    prepared: &Prepared,
    at: DateTime<Utc>,
    progress: Option<Progress<'_>>,
) -> FileOutcome {
    if let Content::NeedsMapping(needs) = &prepared.content {
        return FileOutcome::NeedsMapping {
            file: prepared.name.clone(),
            needs: needs.clone(),
        };
    }
    let on_progress = |done: usize, total: usize| {
        if let Some(progress) = progress {
            progress(index, done, total);
        }
    };
    match file::import(book, prepared, at, Some(&on_progress)).await {
        Ok(report) => FileOutcome::Imported(report),
        Err(error) => FileOutcome::Failed {
            file: prepared.name.clone(),
            error,
        },
    }
}

/// Runs matching once when any file changed what it looks at.
async fn finish(
    book: &Book,
    files: Vec<FileOutcome>,
    at: DateTime<Utc>,
) -> Result<Report, FileError> {
    let mut report = Report {
        files,
        matching: None,
    };
    if report.imported().any(FileReport::changes_matching) {
        let outcome = crate::reconcile::run_with_book_settings(book, at).await?;
        crate::record::matches(book, &outcome, at).await?;
        report.matching = Some(outcome);
    }
    Ok(report)
}
