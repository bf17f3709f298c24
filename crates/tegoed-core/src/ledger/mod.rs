//! Ledgers (*debiteurenadministratie*): open invoices and customers read
//! from Excel, LibreOffice and CSV exports of accounting packages, and from
//! UBL 2.1 / NLCIUS e-invoices.
//!
//! The flow is bytes → [`sheet::Workbook`] (cells with their kind) → header
//! recognition ([`header`], [`presets`]) or a saved [`Mapping`] → rows
//! converted into [`LedgerInvoice`]s and [`LedgerCustomer`]s. Everything here
//! is a pure function of the bytes: nothing touches the book (that is
//! [`import`]) and nothing is invented. A field the file does not carry stays
//! `None`; the derived values are a due date from the invoice date and the
//! term found in the same file (marked as derived; "due on receipt" is 0
//! days, end-of-month terms give none), and, for an export with a paid
//! column but no balance, the open amount as the total less what was paid.
//!
//! Invoicing tools (Invoice Ninja, Zoho Invoice, FreshBooks, Frappe Books)
//! export a row per invoice *line*: one invoice number on several rows is
//! one invoice, whose total is the one the rows repeat, or the sum of a
//! column of line amounts. Rows of one invoice that disagree on customer,
//! dates or currency are refused with the cell named. A currency sign on an
//! amount (`$1,234.50`, `€ 1.234,56`) is split off before the number is
//! read and gives the invoice's currency when the file has no currency
//! column; one that contradicts the currency column is refused.
//!
//! Any conversion error stops the whole file with a [`LedgerError`] naming
//! the file, sheet and cell, so a ledger is read whole or not at all.

mod error;
pub mod header;
mod mapping;
pub mod presets;
mod rows;
pub mod sheet;
pub mod ubl;
pub mod value;

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::invoice::LedgerStatus;
use crate::money::Money;

pub use error::{CellPlace, Disagreement, LedgerError, cell_name, column_name};
pub use mapping::{Field, Mapping, TableMapping};
pub use sheet::Format;

/// A customer's letter language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// Dutch.
    Nl,
    /// English.
    En,
}

impl Language {
    /// The book's and the contract's code: `nl` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }
}

/// Where a row came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Place {
    /// The sheet's name.
    pub sheet: String,
    /// The 0-based row.
    pub row: u32,
}

/// A customer (*debiteur*) as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LedgerCustomer {
    /// Customer code in the accounting package.
    pub code: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Contact person.
    pub contact_person: Option<String>,
    /// Postal address: street, then postcode and city on a second line.
    pub address: Option<String>,
    /// IBAN the customer pays from.
    pub iban: Option<String>,
    /// KvK (Chamber of Commerce) number.
    pub kvk_number: Option<String>,
    /// Payment term in days.
    pub payment_term_days: Option<i64>,
    /// Letter language.
    pub language: Option<Language>,
    /// A consumer (B2C).
    pub consumer: Option<bool>,
    /// Own agreed terms (a regular customer dunning leaves alone).
    pub own_terms: Option<bool>,
    /// The row it was read from (the invoice row for a customer known only
    /// from the invoices sheet).
    pub place: Place,
}

impl LedgerCustomer {
    /// The name, or the code when the file gives no name.
    pub fn display_name(&self) -> Option<&str> {
        self.name.as_deref().or(self.code.as_deref())
    }
}

/// An invoice (or credit note) as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerInvoice {
    /// Invoice number.
    pub number: String,
    /// The customer's code, from the invoice row or its linked customer.
    pub customer_code: Option<String>,
    /// The customer's name, from the invoice row or its linked customer.
    pub customer_name: Option<String>,
    /// Invoice date.
    pub invoice_date: Option<NaiveDate>,
    /// Due date: from the file, or derived (see `due_date_derived`).
    pub due_date: Option<NaiveDate>,
    /// True when the due date is the invoice date plus the customer's term.
    pub due_date_derived: bool,
    /// Total including VAT; negative for a credit note.
    pub amount: Option<Money>,
    /// What the ledger says is still open.
    pub open_amount: Option<Money>,
    /// ISO currency code.
    pub currency: Option<String>,
    /// Payment reference.
    pub reference: Option<String>,
    /// The customer's order number or reference.
    pub order_number: Option<String>,
    /// Status in the accounting package.
    pub status: Option<LedgerStatus>,
    /// For a credit note: the number of the invoice it credits.
    pub credits: Option<String>,
    /// Payment term in days given on the invoice row.
    pub payment_term_days: Option<i64>,
    /// Index of the customer in [`Ledger::customers`].
    pub customer: Option<usize>,
    /// The row it was read from.
    pub place: Place,
}

/// A PDF that came inside the ledger file (a UBL invoice's embedded copy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbeddedDocument {
    /// The invoice it belongs to.
    pub invoice_number: String,
    /// Its file name as given, or one made from the invoice number.
    pub file_name: String,
    /// The PDF bytes.
    pub content: Vec<u8>,
}

/// A ledger file read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    /// The file name it came from.
    pub file: String,
    /// The detected format.
    pub format: Format,
    /// For CSV, the text encoding found.
    pub encoding: Option<&'static str>,
    /// The mapping used (none for a UBL e-invoice).
    pub mapping: Option<Mapping>,
    /// The preset recognised, by key.
    pub preset: Option<&'static str>,
    /// Every customer in the file or referenced by an invoice.
    pub customers: Vec<LedgerCustomer>,
    /// The invoices and credit notes, in file order.
    pub invoices: Vec<LedgerInvoice>,
    /// Embedded invoice PDFs.
    pub documents: Vec<EmbeddedDocument>,
    /// Things noticed that did not stop the reading.
    pub warnings: Vec<String>,
}

impl Ledger {
    /// The file shape, under which the book remembers the mapping and
    /// which invoices came from this ledger.
    pub fn shape(&self) -> String {
        match &self.mapping {
            Some(mapping) => mapping.shape(),
            None => self.format.code().to_owned(),
        }
    }
}

/// The first rows of one sheet, as text, for the mapping screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetPreview {
    /// The sheet's name.
    pub name: String,
    /// How many rows the sheet has.
    pub n_rows: usize,
    /// The first rows, each cell as the user would see it.
    pub rows: Vec<Vec<String>>,
}

/// What recognition made of a table, with its confidence per field.
#[derive(Debug, Clone, PartialEq)]
pub struct TableGuess {
    /// The table's mapping.
    pub mapping: TableMapping,
    /// Confidence per mapped field, 0 to 1.
    pub confidence: BTreeMap<Field, f32>,
}

/// Everything the mapping screen shows for a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The file name.
    pub file: String,
    /// The detected format.
    pub format: Format,
    /// For CSV, the text encoding found.
    pub encoding: Option<&'static str>,
    /// Each sheet's first rows.
    pub sheets: Vec<SheetPreview>,
    /// The invoices table found (header row and columns), if any.
    pub invoices: Option<TableGuess>,
    /// The customers table found, if any.
    pub customers: Option<TableGuess>,
    /// The mapping to start from: a saved one that fits, else the guess.
    pub mapping: Option<Mapping>,
    /// True when `mapping` is a saved mapping for this file shape.
    pub saved: bool,
    /// The preset recognised, by key.
    pub preset: Option<&'static str>,
    /// Headers seen, for a message when nothing was recognised.
    pub headers_seen: String,
}

/// How many rows a preview shows per sheet.
pub const PREVIEW_ROWS: usize = 30;

/// Reads a file for the mapping screen: the first rows of every sheet, the
/// header rows found and the guessed mapping with confidences. A saved
/// mapping that fits the file is offered instead of the guess.
///
/// # Errors
/// When the file cannot be read at all (empty, encrypted, not a spreadsheet).
pub fn preview(file_name: &str, bytes: &[u8], saved: &[Mapping]) -> Result<Preview, LedgerError> {
    let workbook = sheet::read(file_name, bytes)?;
    let (invoices, customers) = header::detect(&workbook);
    let fitting = saved
        .iter()
        .find(|mapping| mapping.fits(&workbook))
        .cloned();
    let guessed = invoices.as_ref().map(|found| Mapping {
        invoices: found.table.clone(),
        customers: customers.as_ref().map(|found| found.table.clone()),
    });
    let preset = invoices
        .as_ref()
        .and_then(|found| found.preset)
        .or(customers.as_ref().and_then(|found| found.preset))
        .map(|preset| preset.key);
    let sheets = workbook
        .sheets
        .iter()
        .map(|sheet| SheetPreview {
            name: sheet.name.clone(),
            n_rows: sheet.rows.len(),
            rows: sheet
                .rows
                .iter()
                .take(PREVIEW_ROWS)
                .map(|row| row.iter().map(sheet::Cell::display).collect())
                .collect(),
        })
        .collect();
    Ok(Preview {
        file: file_name.to_owned(),
        format: workbook.format,
        encoding: workbook.encoding,
        sheets,
        saved: fitting.is_some(),
        mapping: fitting.or(guessed),
        invoices: invoices.map(|found| TableGuess {
            mapping: found.table,
            confidence: found.confidence,
        }),
        customers: customers.map(|found| TableGuess {
            mapping: found.table,
            confidence: found.confidence,
        }),
        preset,
        headers_seen: header::headers_seen(&workbook),
    })
}

/// Reads a ledger file: a UBL e-invoice, or a spreadsheet or CSV whose
/// columns are taken from the first saved mapping that fits it, else
/// recognised from its headers.
///
/// # Errors
/// A [`LedgerError`] naming the file, sheet and cell of the first problem;
/// [`LedgerError::NoInvoiceColumns`] (listing the headers seen) when no
/// saved mapping fits and no invoices table is recognised, or
/// [`LedgerError::InvoiceColumnsIncomplete`] (naming the columns that were
/// recognised) when the headers are plainly an invoice list that lacks a
/// column.
pub fn parse(file_name: &str, bytes: &[u8], saved: &[Mapping]) -> Result<Ledger, LedgerError> {
    if crate::sniff::sniff(bytes) == crate::sniff::Sniffed::Xml {
        return ubl::parse(file_name, bytes);
    }
    let workbook = sheet::read(file_name, bytes)?;
    if let Some(mapping) = saved.iter().find(|mapping| mapping.fits(&workbook)) {
        return rows::read(file_name, &workbook, mapping, None);
    }
    let (invoices, customers) = header::detect(&workbook);
    let Some(invoices) = invoices else {
        if let Some(partial) = header::partial(&workbook) {
            let recognised: Vec<String> = partial
                .recognised
                .iter()
                .map(|(header, field)| format!("'{header}' ({})", field.label()))
                .collect();
            return Err(LedgerError::InvoiceColumnsIncomplete {
                file: file_name.to_owned(),
                sheet: partial.sheet,
                row: partial.row + 1,
                recognised: recognised.join(", "),
                missing: partial.missing,
            });
        }
        return Err(LedgerError::NoInvoiceColumns {
            file: file_name.to_owned(),
            seen: header::headers_seen(&workbook),
        });
    };
    let preset = invoices
        .preset
        .or(customers.as_ref().and_then(|found| found.preset))
        .map(|preset| preset.key);
    let mapping = Mapping {
        invoices: invoices.table,
        customers: customers.map(|found| found.table),
    };
    rows::read(file_name, &workbook, &mapping, preset)
}

/// Reads a spreadsheet or CSV with a given mapping (the one the user made
/// on the mapping screen).
///
/// # Errors
/// A [`LedgerError`] naming the file, sheet and cell of the first problem,
/// or [`LedgerError::MissingSheet`] / [`LedgerError::MappingIncomplete`]
/// when the mapping does not fit the file.
pub fn parse_with(file_name: &str, bytes: &[u8], mapping: &Mapping) -> Result<Ledger, LedgerError> {
    let workbook = sheet::read(file_name, bytes)?;
    rows::read(file_name, &workbook, mapping, None)
}

/// True when the bytes look like something [`parse`] can read as a ledger
/// (a workbook, CSV text or a UBL invoice), without reading it fully.
pub fn may_be_ledger(bytes: &[u8]) -> bool {
    match crate::sniff::sniff(bytes) {
        crate::sniff::Sniffed::Workbook(_)
        | crate::sniff::Sniffed::Encrypted
        | crate::sniff::Sniffed::Text => true,
        crate::sniff::Sniffed::Xml => ubl::is_ubl(bytes),
        crate::sniff::Sniffed::Empty
        | crate::sniff::Sniffed::Pdf
        | crate::sniff::Sniffed::Binary => false,
    }
}

#[cfg(test)]
mod tests;
