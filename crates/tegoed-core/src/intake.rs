//! Intake: the one door every dropped or named file goes through. It looks
//! at the content and hands the bytes to the reader of that kind: bank
//! statements ([`crate::statement`]), ledgers ([`crate::ledger`]: workbooks,
//! ledger CSV, UBL e-invoices) and invoice PDFs ([`crate::invoice_pdf`]).
//! A CSV goes to the bank reader first; when that finds no bank layout,
//! the ledger reader tries it.
//!
//! Pure like the readers: a file name and bytes in, a parsed file out. It
//! never touches the book (importing is [`crate::import`]).

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
}

impl IntakeError {
    /// A stable code for the UI to switch on.
    pub fn kind(&self) -> &'static str {
        match self {
            IntakeError::Statement(error) => error.kind(),
            IntakeError::Ledger(error) => error.kind(),
            IntakeError::Pdf(_) => "not_a_pdf",
        }
    }
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
    use crate::ledger::sheet::{Sniffed, sniff};
    match sniff(bytes) {
        Sniffed::Pdf => return Ok(ParsedFile::InvoicePdf(invoice_pdf::read(file_name, bytes)?)),
        Sniffed::Workbook(_) | Sniffed::Encrypted => {
            return Ok(ParsedFile::Ledger(Box::new(ledger::parse(
                file_name,
                bytes,
                ledger_mappings,
            )?)));
        }
        Sniffed::Xml if ledger::ubl::is_ubl(bytes) => {
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
