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
use crate::statement::{self, StatementError};
use crate::{invoice_pdf, ledger};

/// A file read and parsed, ready to import.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The file name.
    pub name: String,
    bytes: Vec<u8>,
    /// What was read; `None` for a CSV whose columns no reader recognised
    /// and no saved mapping fits: a person must map them once.
    pub parsed: Option<ParsedFile>,
}

impl Prepared {
    /// True when a person must map the file's columns before it can be imported.
    pub fn needs_mapping(&self) -> bool {
        self.parsed.is_none()
    }

    /// The kind of file, as far as known before import.
    pub fn kind(&self) -> intake::Kind {
        self.parsed
            .as_ref()
            .map_or(intake::Kind::Bank, ParsedFile::kind)
    }

    /// Number of bank transactions in it (0 for other kinds), for progress.
    pub fn n_transactions(&self) -> usize {
        match &self.parsed {
            Some(ParsedFile::Bank(bank)) => bank.n_transactions(),
            Some(ParsedFile::Ledger(_) | ParsedFile::InvoicePdf(_)) | None => 0,
        }
    }
}

/// What importing one file did, by kind.
#[derive(Debug, Clone)]
pub enum FileReport {
    /// A bank file.
    Bank(ImportReport),
    /// A ledger.
    Ledger(String, ledger::ImportReport),
    /// An invoice PDF.
    InvoicePdf(String, invoice_pdf::PdfImport),
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
    Ledger(#[from] ledger::ImportError),
    /// An invoice PDF that cannot be imported.
    #[error(transparent)]
    Pdf(#[from] invoice_pdf::PdfImportError),
    /// The book failed.
    #[error(transparent)]
    Book(#[from] BookError),
}

impl FileError {
    /// True when the file is a ledger whose columns a person must map once
    /// (nothing recognised, or a saved mapping that no longer fits).
    pub fn needs_mapping(&self) -> bool {
        matches!(self, FileError::Intake(IntakeError::Ledger(error)) if matches!(error.kind(), "no_invoice_columns" | "mapping"))
    }

    /// True when the file is at fault (the user can fix it), false when the book is.
    pub fn is_user_error(&self) -> bool {
        match self {
            FileError::Intake(_) => true,
            FileError::Bank(error) => !matches!(error, ImportError::Book(_)),
            FileError::Ledger(error) => !matches!(error, ledger::ImportError::Book(_)),
            FileError::Pdf(error) => !matches!(error, invoice_pdf::PdfImportError::Book(_)),
            FileError::Book(_) => false,
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

/// Reads and parses files with the ledger mappings the book saved.
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
        prepared.push(read(book, name, bytes, &mappings).await?);
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
/// mapping the book saved for its shape, or left unparsed (`None`) when
/// there is none: its columns need mapping once.
async fn read(
    book: &Book,
    name: String,
    bytes: Vec<u8>,
    mappings: &[ledger::Mapping],
) -> Result<Prepared, FileError> {
    let parsed = match intake::parse_with_mappings(&name, &bytes, mappings) {
        Ok(parsed) => Some(parsed),
        Err(IntakeError::Statement(StatementError::UnknownCsvLayout { shape, .. })) => {
            let saved = book
                .bank_csv_mapping(&shape)
                .await?
                .and_then(|text| statement::csv::Mapping::from_text(&text));
            match saved {
                Some(mapping) => Some(ParsedFile::Bank(
                    statement::parse_with_mapping(&name, &bytes, &mapping)
                        .map_err(IntakeError::from)?,
                )),
                None => None,
            }
        }
        Err(error) => return Err(error.into()),
    };
    Ok(Prepared {
        name,
        bytes,
        parsed,
    })
}

/// Imports one prepared file in one database transaction; `progress` gets
/// (transactions done, total) for bank files.
///
/// # Errors
/// [`FileError`] when the file cannot be imported; the book is then unchanged.
pub async fn import(
    book: &Book,
    prepared: &Prepared,
    at: DateTime<Utc>,
    progress: Option<&(dyn Fn(usize, usize) + Sync)>,
) -> Result<FileReport, FileError> {
    let name = prepared.name.as_str();
    Ok(match &prepared.parsed {
        Some(ParsedFile::Bank(bank)) => {
            FileReport::Bank(super::bank(book, bank, at, progress).await?)
        }
        Some(ParsedFile::Ledger(parsed)) => {
            FileReport::Ledger(name.to_owned(), ledger::import(book, parsed, at).await?)
        }
        Some(ParsedFile::InvoicePdf(_)) => FileReport::InvoicePdf(
            name.to_owned(),
            invoice_pdf::import(book, name, &prepared.bytes, at).await?,
        ),
        None => {
            FileReport::Bank(super::bank_file(book, name, &prepared.bytes, at, progress).await?)
        }
    })
}
