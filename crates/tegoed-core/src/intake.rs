//! Intake: the one door every dropped or named file goes through. It looks
//! at the content and hands the bytes to the reader of that kind: bank
//! statements ([`crate::statement`]), ledgers ([`crate::ledger`]: workbooks,
//! ledger CSV, UBL e-invoices) and invoice PDFs ([`crate::invoice_pdf`]).
//! A CSV goes to the bank reader first; when that finds no bank layout,
//! the ledger reader tries it.
//!
//! A zip archive of files (banks deliver camt.053 so) is opened by
//! [`expand`], which the caller runs first: each file inside becomes a
//! file of its own, named `archive.zip/inner.xml`, within the limits of
//! [`crate::archive::FILES`]. An xlsx or ods workbook is a zip too and is
//! left whole.
//!
//! Pure like the readers: a file name and bytes in, a parsed file out. It
//! never touches the book (importing is [`crate::import`]).

use crate::archive::{self, ArchiveError};
use crate::invoice_pdf::{self, InvoicePdf, PdfError};
use crate::ledger::{self, Ledger, LedgerError, Mapping};
use crate::statement::{self, StatementError};

/// The kinds of file Tegoed reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A bank statement (MT940, camt, bank CSV).
    Bank,
    /// A ledger: open invoices and customers (xlsx, xls, ods, csv, UBL).
    Ledger,
    /// An invoice PDF.
    InvoicePdf,
}

impl Kind {
    /// The contract's `kind` code.
    pub fn code(&self) -> &'static str {
        match self {
            Kind::Bank => "bank",
            Kind::Ledger => "ledger",
            Kind::InvoicePdf => "invoice_pdf",
        }
    }
}

/// A file read by intake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParsedFile {
    /// A bank statement file.
    Bank(statement::ParsedFile),
    /// A ledger file (boxed: it is much larger than the other kinds).
    Ledger(Box<Ledger>),
    /// An invoice PDF.
    InvoicePdf(InvoicePdf),
}

impl ParsedFile {
    /// Which kind of file it is.
    pub fn kind(&self) -> Kind {
        match self {
            ParsedFile::Bank(_) => Kind::Bank,
            ParsedFile::Ledger(_) => Kind::Ledger,
            ParsedFile::InvoicePdf(_) => Kind::InvoicePdf,
        }
    }
}

/// A file intake cannot read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntakeError {
    /// A bank statement that is damaged, or content of no known kind.
    #[error(transparent)]
    Statement(#[from] StatementError),
    /// A ledger that cannot be read.
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// A file that looked like a PDF and is not.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// A zip archive that is damaged or breaks a limit (a zip bomb).
    #[error(transparent)]
    Archive(#[from] ArchiveError),
}

impl IntakeError {
    /// A stable code for the UI to switch on.
    pub fn kind(&self) -> &'static str {
        match self {
            IntakeError::Statement(error) => error.kind(),
            IntakeError::Ledger(error) => error.kind(),
            IntakeError::Pdf(_) => "not_a_pdf",
            IntakeError::Archive(error) => error.kind(),
        }
    }
}

/// The files a dropped or named file stands for: the files inside a zip
/// archive, each named `archive.zip/inner name`, in archive order; any
/// other file (an xlsx or ods workbook included) as it is. Run it before
/// [`parse`] or [`parse_with_mappings`] on each file it gives.
///
/// # Errors
/// [`IntakeError::Archive`] naming the archive or the entry when the
/// archive is damaged, holds no files, breaks a limit of
/// [`archive::FILES`] (entries, size per file and in total, compression
/// ratio), holds an encrypted file or holds another archive.
pub fn expand(file_name: &str, bytes: Vec<u8>) -> Result<Vec<(String, Vec<u8>)>, IntakeError> {
    if !archive::is_archive_of_files(&bytes) {
        return Ok(vec![(file_name.to_owned(), bytes)]);
    }
    Ok(archive::files(file_name, &bytes, &archive::FILES)?)
}

/// Reads a file of any kind Tegoed knows, detected from its content.
///
/// # Errors
/// An [`IntakeError`] naming the file and the place in it when the content
/// is of no known kind or damaged.
pub fn parse(file_name: &str, bytes: &[u8]) -> Result<ParsedFile, IntakeError> {
    parse_with_mappings(file_name, bytes, &[])
}

/// Like [`parse`], with the ledger column mappings the book saved, so that
/// a ledger whose headers were mapped by hand before is read the same way.
///
/// # Errors
/// As [`parse`].
pub fn parse_with_mappings(
    file_name: &str,
    bytes: &[u8],
    ledger_mappings: &[Mapping],
) -> Result<ParsedFile, IntakeError> {
    use crate::sniff::{Sniffed, sniff};
    match sniff(bytes) {
        Sniffed::Pdf => return Ok(ParsedFile::InvoicePdf(invoice_pdf::read(file_name, bytes)?)),
        // A zip of files, not a workbook: the bank reader says what it is
        // (the caller should have run `expand`).
        Sniffed::Workbook(_) if archive::is_archive_of_files(bytes) => {}
        Sniffed::Workbook(_) | Sniffed::Encrypted => {
            return Ok(ParsedFile::Ledger(Box::new(ledger::parse(
                file_name,
                bytes,
                ledger_mappings,
            )?)));
        }
        Sniffed::Xml if ledger::ubl::is_ubl(bytes) => {
            // The UBL reader keeps every element's path: a DTD or a
            // document nested 200,000 deep is refused before it runs.
            if let Err(refused) = statement::xml::check(bytes) {
                return Err(IntakeError::Ledger(LedgerError::Ubl {
                    file: file_name.to_owned(),
                    reason: format!("line {}: {}", refused.line, refused.problem),
                }));
            }
            return Ok(ParsedFile::Ledger(Box::new(ledger::parse(
                file_name,
                bytes,
                ledger_mappings,
            )?)));
        }
        Sniffed::Empty | Sniffed::Xml | Sniffed::Text | Sniffed::Binary => {}
    }
    // Each reader refuses content that is not its kind with
    // `NotAStatement`-like errors; new kinds are tried before the bank
    // reader's final "not a statement" answer.
    match statement::parse(file_name, bytes) {
        Ok(bank) => Ok(ParsedFile::Bank(bank)),
        Err(
            bank_error @ (StatementError::UnknownCsvLayout { .. }
            | StatementError::NotAStatement { .. }),
        ) if sniff(bytes) == Sniffed::Text => {
            match ledger::parse(file_name, bytes, ledger_mappings) {
                Ok(parsed) => Ok(ParsedFile::Ledger(Box::new(parsed))),
                // No invoice columns either: the bank reader's answer stands
                // (an unknown bank CSV layout may have a saved bank mapping).
                // A CSV whose headers are plainly an invoice list but lack
                // a column (`InvoiceColumnsIncomplete`) is not called an
                // unknown bank layout: the ledger's answer says what was
                // recognised and that the columns can be mapped.
                Err(LedgerError::NoInvoiceColumns { .. } | LedgerError::Unreadable { .. }) => {
                    Err(bank_error.into())
                }
                Err(ledger_error) => Err(ledger_error.into()),
            }
        }
        Err(error) => Err(error.into()),
    }
}

impl crate::fault::Classify for IntakeError {
    /// A file that cannot be read is the person's to fix.
    fn fault(&self) -> crate::fault::Fault {
        crate::fault::Fault::Input
    }
}
