//! Errors of the ledger import: one enum for reading, recognising and
//! converting a ledger file, each variant naming the file and, where there is
//! one, the sheet and cell.

/// A ledger file that cannot be read, or a value in it that makes no sense.
///
/// Every message names the file, and the sheet and cell (`D17`) where the
/// problem sits, says what was expected and how to fix it. A ledger with any
/// such error is not imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    /// The file has no bytes.
    #[error(
        "{file}: the file is empty (0 bytes); export the ledger again from the accounting package"
    )]
    Empty {
        /// The file name.
        file: String,
    },
    /// A workbook protected with a password (its contents are encrypted).
    #[error(
        "{file}: the workbook is protected with a password; save a copy without a password and import that"
    )]
    Encrypted {
        /// The file name.
        file: String,
    },
    /// The bytes are not a spreadsheet, CSV or e-invoice Tegoed can read.
    #[error("{file}: cannot read this {format} file ({reason}); export it again as xlsx or csv")]
    Unreadable {
        /// The file name.
        file: String,
        /// The format the bytes looked like.
        format: &'static str,
        /// What the reader said.
        reason: String,
    },
    /// No sheet has columns that look like invoices.
    #[error(
        "{file}: no sheet has invoice columns (an invoice number and an amount); headers seen: {seen}. Map the columns in the app's import screen, which saves the mapping for files shaped like this one"
    )]
    NoInvoiceColumns {
        /// The file name.
        file: String,
        /// Per sheet, the most header-like row found, for the user to compare.
        seen: String,
    },
    /// A file whose headers are plainly an invoice list (an invoice number,
    /// a due date or an open amount) but lack a column an invoice needs:
    /// not a bank statement, and one mapping on the mapping screen reads it.
    #[error(
        "{file}, sheet '{sheet}', row {row}: this looks like an invoice list, not a bank statement: recognised {recognised}, but no column for {missing}. Map its columns once in the app's import screen; Tegoed saves the mapping for files shaped like this one, and `tegoed import` (which has no mapping option of its own) reads them with it from then on"
    )]
    InvoiceColumnsIncomplete {
        /// The file name.
        file: String,
        /// The sheet.
        sheet: String,
        /// The 1-based header row.
        row: usize,
        /// The recognised columns: `'Invoice Number' (invoice number), …`.
        recognised: String,
        /// What is missing, in words.
        missing: &'static str,
    },
    /// A saved mapping names a sheet the file does not have.
    #[error("{file}: the mapping refers to sheet '{sheet}', which this file does not have")]
    MissingSheet {
        /// The file name.
        file: String,
        /// The sheet the mapping expects.
        sheet: String,
    },
    /// A mapping without the fields an invoice needs.
    #[error(
        "{file}, sheet '{sheet}': the mapping has no column for {field}; pick one in the import screen"
    )]
    MappingIncomplete {
        /// The file name.
        file: String,
        /// The invoices sheet.
        sheet: String,
        /// The missing field, in words.
        field: &'static str,
    },
    /// A cell that should hold an amount does not.
    #[error("{at}: '{value}' is not an amount (expected e.g. 1234,56 or 1234.56 or -121,00)")]
    BadAmount {
        /// Where.
        at: Box<CellPlace>,
        /// The cell's text.
        value: String,
    },
    /// A cell that should hold a date does not.
    #[error("{at}: '{value}' is not a date (expected e.g. 15-01-2026 or 2026-01-15)")]
    BadDate {
        /// Where.
        at: Box<CellPlace>,
        /// The cell's text.
        value: String,
    },
    /// A cell that should hold a whole number of days, yes/no or a language does not.
    #[error("{at}: '{value}' is not {expected}")]
    BadValue {
        /// Where.
        at: Box<CellPlace>,
        /// The cell's text.
        value: String,
        /// What was expected, in words.
        expected: &'static str,
    },
    /// A row that cannot be an invoice (an amount without a number, no amount).
    #[error("{at}: {problem}")]
    BadRow {
        /// Where.
        at: Box<CellPlace>,
        /// What is wrong, in words.
        problem: String,
    },
    /// The same invoice number twice in one file.
    #[error(
        "{file}, sheet '{sheet}', cell {cell}: invoice {number} appears twice (first in cell {first_cell}); remove one of the rows"
    )]
    DuplicateInvoice {
        /// The file name.
        file: String,
        /// The sheet.
        sheet: String,
        /// The second occurrence.
        cell: String,
        /// The first occurrence.
        first_cell: String,
        /// The invoice number.
        number: String,
    },
    /// Rows of one invoice (an export with a row per invoice line) that
    /// disagree on what must be the same for the whole invoice.
    #[error(
        "{at}: invoice {number} has {field} '{value}' on this row but '{first}' in cell {first_cell}; the rows of one invoice must agree, so correct one of them",
        number = .rows.number,
        value = .rows.value,
        first = .rows.first,
        first_cell = .rows.first_cell
    )]
    RowsDisagree {
        /// Where the differing value is.
        at: Box<CellPlace>,
        /// The field, in words.
        field: &'static str,
        /// The invoice and the two values.
        rows: Box<Disagreement>,
    },
    /// An invoice that can be stored only with a value the file lacks.
    #[error("{file}, sheet '{sheet}', row {row}: invoice {number} has no {field}; {fix}")]
    Incomplete {
        /// The file name.
        file: String,
        /// The sheet.
        sheet: String,
        /// The 1-based row.
        row: u32,
        /// The invoice number.
        number: String,
        /// The missing field, in words.
        field: &'static str,
        /// How to fix it.
        fix: &'static str,
    },
    /// A UBL e-invoice that is not well-formed or lacks a required element.
    #[error("{file}: not a usable UBL e-invoice: {reason}")]
    Ubl {
        /// The file name.
        file: String,
        /// What is wrong, naming the element.
        reason: String,
    },
}

impl LedgerError {
    /// A stable code for the UI to switch on.
    pub fn kind(&self) -> &'static str {
        match self {
            LedgerError::Empty { .. } => "empty",
            LedgerError::Encrypted { .. } => "encrypted",
            LedgerError::Unreadable { .. } => "unreadable",
            LedgerError::NoInvoiceColumns { .. } | LedgerError::InvoiceColumnsIncomplete { .. } => {
                "no_invoice_columns"
            }
            LedgerError::MissingSheet { .. } | LedgerError::MappingIncomplete { .. } => "mapping",
            LedgerError::BadAmount { .. }
            | LedgerError::BadDate { .. }
            | LedgerError::BadValue { .. }
            | LedgerError::BadRow { .. }
            | LedgerError::DuplicateInvoice { .. }
            | LedgerError::RowsDisagree { .. }
            | LedgerError::Incomplete { .. } => "invalid",
            LedgerError::Ubl { .. } => "invalid_e_invoice",
        }
    }
}

/// Two rows of one invoice that give different values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// The invoice number.
    pub number: String,
    /// The value on the later row.
    pub value: String,
    /// The value on the invoice's first row.
    pub first: String,
    /// The cell of the first value.
    pub first_cell: String,
}

/// A cell in a file: the file, sheet, cell name and the column's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellPlace {
    /// The file name.
    pub file: String,
    /// The sheet.
    pub sheet: String,
    /// The cell, e.g. `D17`.
    pub cell: String,
    /// The column's header.
    pub column: String,
}

impl std::fmt::Display for CellPlace {
    /// `file.xlsx, sheet 'Facturen', cell D17 (Bedrag)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}, sheet '{}', cell {} ({})",
            self.file, self.sheet, self.cell, self.column
        )
    }
}

/// The spreadsheet name of a cell: column letters and 1-based row, e.g. `D17`
/// for column index 3 and row index 16.
pub fn cell_name(row: u32, column: u32) -> String {
    format!("{}{}", column_name(column), u64::from(row) + 1)
}

/// Column letters for a 0-based column index: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_name(column: u32) -> String {
    let mut letters = Vec::new();
    let mut rest = u64::from(column) + 1;
    while rest > 0 {
        let digit = (rest - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(digit).unwrap_or(0)));
        rest = (rest - 1) / 26;
    }
    letters.iter().rev().collect()
}
