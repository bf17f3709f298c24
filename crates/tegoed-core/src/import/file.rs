//! Importing a file of any kind: the one path the CLI and the app share.
//!
//! First every file is *prepared* (read and parsed, with the column
//! mappings the book saved), so that a damaged file stops the run before
//! anything is written; then each prepared file is imported in its own
//! database transaction by the importer of its kind.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::{ImportError, ImportReport};
use crate::book::{Book, BookError};
use crate::intake::{self, IntakeError, ParsedFile};
use crate::ledger;
use crate::ledger::LedgerError;
use crate::statement::{self, StatementError};

/// A file read and parsed, ready to import.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The file name.
    pub name: String,
    bytes: Vec<u8>,
    /// What was read, or why a person must map the file's columns first.
    pub content: Content,
}

/// What preparing a file found.
#[derive(Debug, Clone)]
pub enum Content {
    /// The file was read and can be imported.
    Read(ParsedFile),
    /// A person must map the file's columns once before it can be imported.
    NeedsMapping(NeedsMapping),
}

/// A file whose columns no reader recognised and no saved mapping fits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NeedsMapping {
    /// A CSV of no known bank layout: the bank mapping screen.
    #[error("{error}")]
    BankCsv {
        /// The file's shape, the key its mapping is saved under.
        shape: String,
        /// The bank reader's answer, naming the file.
        error: StatementError,
    },
    /// A ledger whose invoice columns were not found, or whose saved
    /// mapping no longer fits: the ledger mapping screen.
    #[error(transparent)]
    Ledger(LedgerError),
}

impl Prepared {
    /// True when a person must map the file's columns before it can be imported.
    pub fn needs_mapping(&self) -> bool {
        matches!(self.content, Content::NeedsMapping(_))
    }

    /// What was read; `None` when the file needs a mapping first.
    pub fn parsed(&self) -> Option<&ParsedFile> {
        match &self.content {
            Content::Read(parsed) => Some(parsed),
            Content::NeedsMapping(_) => None,
        }
    }

    /// The kind of file, as far as known before import.
    pub fn kind(&self) -> intake::Kind {
        match &self.content {
            Content::Read(parsed) => parsed.kind(),
            Content::NeedsMapping(NeedsMapping::BankCsv { .. }) => intake::Kind::Bank,
            Content::NeedsMapping(NeedsMapping::Ledger(_)) => intake::Kind::Ledger,
        }
    }

    /// Number of bank transactions in it (0 for other kinds), for progress.
    pub fn n_transactions(&self) -> usize {
        match &self.content {
            Content::Read(ParsedFile::Bank(bank)) => bank.n_transactions(),
            Content::Read(ParsedFile::Ledger(_) | ParsedFile::InvoicePdf(_))
            | Content::NeedsMapping(_) => 0,
        }
    }

    /// A file read with a mapping a person made, ready to import.
    pub(super) fn read(name: String, bytes: Vec<u8>, parsed: ParsedFile) -> Prepared {
        Prepared {
            name,
            bytes,
            content: Content::Read(parsed),
        }
    }

    /// The bytes as they were read.
    pub(super) fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// What importing one file did, by kind.
#[derive(Debug, Clone)]
pub enum FileReport {
    /// A bank file.
    Bank(ImportReport),
    /// A ledger.
    Ledger(String, super::ledger::ImportReport),
    /// An invoice PDF.
    InvoicePdf(String, super::pdf::PdfImport),
}

impl FileReport {
    /// Warnings a person must see.
    pub fn warnings(&self) -> &[String] {
        match self {
            FileReport::Bank(report) => &report.warnings,
            FileReport::Ledger(_, report) => &report.warnings,
            FileReport::InvoicePdf(_, report) => &report.warnings,
        }
    }

    /// The file name.
    pub fn file_name(&self) -> &str {
        match self {
            FileReport::Bank(report) => &report.file_name,
            FileReport::Ledger(name, _) | FileReport::InvoicePdf(name, _) => name,
        }
    }

    /// True when the file changed what matching looks at: transactions
    /// added, or invoices and customers added or changed. An invoice PDF
    /// changes nothing matching reads.
    pub fn changes_matching(&self) -> bool {
        match self {
            FileReport::Bank(report) => report.added > 0,
            FileReport::Ledger(_, report) => {
                report.added + report.updated + report.customers_added + report.customers_updated
                    > 0
            }
            FileReport::InvoicePdf(..) => false,
        }
    }
}

/// A file that cannot be imported; the book is unchanged by it.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file cannot be read.
    #[error(transparent)]
    Intake(#[from] IntakeError),
    /// A bank file that cannot be imported.
    #[error(transparent)]
    Bank(#[from] ImportError),
    /// A ledger that cannot be imported.
    #[error(transparent)]
    Ledger(#[from] super::ledger::ImportError),
    /// An invoice PDF that cannot be imported.
    #[error(transparent)]
    Pdf(#[from] super::pdf::PdfImportError),
    /// A file whose columns a person must map once.
    #[error(transparent)]
    NeedsMapping(NeedsMapping),
    /// The book failed.
    #[error(transparent)]
    Book(#[from] BookError),
}

impl FileError {
    /// True when the file is a ledger whose columns a person must map once
    /// (nothing recognised, or a saved mapping that no longer fits).
    pub fn needs_mapping(&self) -> bool {
        match self {
            FileError::Intake(IntakeError::Ledger(error)) => ledger_needs_mapping(error),
            FileError::NeedsMapping(_) => true,
            _ => false,
        }
    }
}

/// The files to import from what a person named or dropped: a folder
/// stands for the visible files directly in it (e.g. a folder of invoice
/// PDFs), in name order.
///
/// # Errors
/// A folder that cannot be listed, as a message naming it.
pub fn expand_folders(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let entries = std::fs::read_dir(path)
            .map_err(|error| format!("{}: cannot read the folder: {error}", path.display()))?;
        let mut inside: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|entry| {
                entry.is_file()
                    && !entry
                        .file_name()
                        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
            })
            .collect();
        inside.sort();
        files.extend(inside);
    }
    Ok(files)
}

/// Reads and parses files with the ledger mappings the book saved; a zip
/// of files stands for the files inside (`archive.zip/inner.xml`, read
/// within `intake::expand`'s limits).
///
/// # Errors
/// The first file that cannot be read, naming file and line or cell.
pub async fn prepare(
    book: &Book,
    files: Vec<(String, Vec<u8>)>,
) -> Result<Vec<Prepared>, FileError> {
    let mappings = saved_mappings(book).await?;
    let mut prepared = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        for (name, bytes) in crate::intake::expand(&name, bytes)? {
            prepared.push(read(book, name, bytes, &mappings).await?);
        }
    }
    Ok(prepared)
}

/// Reads and parses one file with the ledger mappings the book saved.
///
/// # Errors
/// When the file cannot be read, naming file and line or cell.
pub async fn prepare_one(book: &Book, name: String, bytes: Vec<u8>) -> Result<Prepared, FileError> {
    read(book, name, bytes, &saved_mappings(book).await?).await
}

/// The ledger column mappings the book saved, one per file shape.
///
/// # Errors
/// When the book cannot be read.
pub async fn saved_mappings(book: &Book) -> Result<Vec<ledger::Mapping>, BookError> {
    Ok(book
        .ledger_mappings()
        .await?
        .iter()
        .filter_map(|(_, json)| ledger::Mapping::from_json(json).ok())
        .collect())
}

/// Reads one file; a CSV of no known bank layout is read with the bank
/// mapping the book saved for its shape. A file no reader recognises and
/// no saved mapping fits needs a person's mapping once
/// ([`Content::NeedsMapping`]), which is not an error: nothing is damaged.
async fn read(
    book: &Book,
    name: String,
    bytes: Vec<u8>,
    mappings: &[ledger::Mapping],
) -> Result<Prepared, FileError> {
    let content = match intake::parse_with_mappings(&name, &bytes, mappings) {
        Ok(parsed) => Content::Read(parsed),
        Err(IntakeError::Statement(StatementError::UnknownCsvLayout { file, shape })) => {
            let saved = book
                .bank_csv_mapping(&shape)
                .await?
                .and_then(|text| statement::csv::Mapping::from_text(&text));
            match saved {
                Some(mapping) => Content::Read(ParsedFile::Bank(
                    statement::parse_with_mapping(&name, &bytes, &mapping)
                        .map_err(IntakeError::from)?,
                )),
                None => Content::NeedsMapping(NeedsMapping::BankCsv {
                    shape: shape.clone(),
                    error: StatementError::UnknownCsvLayout { file, shape },
                }),
            }
        }
        Err(IntakeError::Ledger(error)) if ledger_needs_mapping(&error) => {
            // A CSV that looks like an invoice list may still be a bank CSV
            // a person mapped before: that saved mapping wins.
            match saved_bank_reading(book, &name, &bytes, &error).await? {
                Some(bank) => Content::Read(ParsedFile::Bank(bank)),
                None => Content::NeedsMapping(NeedsMapping::Ledger(error)),
            }
        }
        Err(error) => return Err(error.into()),
    };
    Ok(Prepared {
        name,
        bytes,
        content,
    })
}

/// A CSV that intake took for an unmapped invoice list, read with the bank
/// mapping the book saved for its shape, if there is one.
///
/// # Errors
/// When the book cannot be read or the saved mapping does not read the file.
async fn saved_bank_reading(
    book: &Book,
    name: &str,
    bytes: &[u8],
    error: &LedgerError,
) -> Result<Option<statement::ParsedFile>, FileError> {
    if !matches!(error, LedgerError::InvoiceColumnsIncomplete { .. }) {
        return Ok(None);
    }
    let Err(StatementError::UnknownCsvLayout { shape, .. }) = statement::parse(name, bytes) else {
        return Ok(None);
    };
    let Some(mapping) = book
        .bank_csv_mapping(&shape)
        .await?
        .and_then(|text| statement::csv::Mapping::from_text(&text))
    else {
        return Ok(None);
    };
    Ok(Some(
        statement::parse_with_mapping(name, bytes, &mapping).map_err(IntakeError::from)?,
    ))
}

/// A ledger error a person's column mapping fixes.
fn ledger_needs_mapping(error: &LedgerError) -> bool {
    matches!(error.kind(), "no_invoice_columns" | "mapping")
}

/// Imports one prepared file in one database transaction; `progress` gets
/// (transactions done, total) for bank files. Matching is not run here:
/// [`super::run`] runs it once after all files.
///
/// # Errors
/// [`FileError`] when the file cannot be imported (a file that needs a
/// mapping included); the book is then unchanged.
pub(crate) async fn import(
    book: &Book,
    prepared: &Prepared,
    at: DateTime<Utc>,
    progress: Option<&(dyn Fn(usize, usize) + Sync)>,
) -> Result<FileReport, FileError> {
    let name = prepared.name.as_str();
    Ok(match &prepared.content {
        Content::Read(ParsedFile::Bank(bank)) => {
            FileReport::Bank(super::bank(book, bank, at, progress).await?)
        }
        Content::Read(ParsedFile::Ledger(parsed)) => FileReport::Ledger(
            name.to_owned(),
            super::ledger::import(book, parsed, at).await?,
        ),
        Content::Read(ParsedFile::InvoicePdf(_)) => FileReport::InvoicePdf(
            name.to_owned(),
            super::pdf::import(book, name, &prepared.bytes, at).await?,
        ),
        Content::NeedsMapping(needs) => return Err(FileError::NeedsMapping(needs.clone())),
    })
}

impl crate::fault::Classify for FileError {
    /// The file is at fault (the person can fix it), unless the book is.
    fn fault(&self) -> crate::fault::Fault {
        match self {
            FileError::Intake(_) | FileError::NeedsMapping(_) => crate::fault::Fault::Input,
            FileError::Bank(error) => error.fault(),
            FileError::Ledger(error) => error.fault(),
            FileError::Pdf(error) => error.fault(),
            FileError::Book(error) => error.fault(),
        }
    }
}
