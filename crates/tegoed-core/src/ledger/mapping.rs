//! Which column holds which field: the mapping of one file shape.
//!
//! A [`Mapping`] is what header recognition guesses and what the user
//! corrects on the mapping screen. It is serde-serialisable so that the app
//! can send it back and forth and the book can keep it per file shape (the
//! normalised header texts, see [`Mapping::shape`]); a later file with the
//! same headers reuses it without asking.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::header::normalise;
use super::sheet::{Sheet, Workbook};

/// A field a ledger column can hold.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// *Factuurnummer*: the invoice number.
    InvoiceNumber,
    /// *Debiteurnummer*, *klantcode*: the customer's code in the accounting package.
    CustomerCode,
    /// *Debiteur*, *klant*, *relatie*: the customer's name.
    CustomerName,
    /// *Factuurdatum*.
    InvoiceDate,
    /// *Vervaldatum*.
    DueDate,
    /// *Bedrag*, *totaal incl. btw*: the invoice total including VAT.
    Amount,
    /// *Openstaand*, *saldo*: what the ledger says is still open.
    OpenAmount,
    /// *Valuta*.
    Currency,
    /// *Betalingskenmerk*: the payment reference printed on the invoice.
    Reference,
    /// *Status*: open, paid, credited, written off.
    Status,
    /// For a credit note, the invoice it credits.
    CreditedInvoice,
    /// *Betaaltermijn* in days.
    PaymentTerm,
    /// *Ordernummer*, *uw referentie*.
    OrderNumber,
    /// E-mail address for letters.
    Email,
    /// The IBAN the customer pays from.
    Iban,
    /// *Adres*: street and number (or the whole address).
    Address,
    /// *Postcode*.
    PostalCode,
    /// *Plaats*.
    City,
    /// *Taal*: `nl` or `en`.
    Language,
    /// *Particulier*, *consument*: B2C.
    Consumer,
    /// *Eigen afspraken*: a regular customer with their own agreed terms.
    OwnTerms,
    /// *Telefoon*.
    Phone,
    /// *Contactpersoon*.
    ContactPerson,
    /// *KvK-nummer*.
    KvkNumber,
}

impl Field {
    /// Every field, in the order the mapping screen lists them.
    pub const ALL: [Field; 24] = [
        Field::InvoiceNumber,
        Field::CustomerCode,
        Field::CustomerName,
        Field::InvoiceDate,
        Field::DueDate,
        Field::Amount,
        Field::OpenAmount,
        Field::Currency,
        Field::Reference,
        Field::Status,
        Field::CreditedInvoice,
        Field::PaymentTerm,
        Field::OrderNumber,
        Field::Email,
        Field::Iban,
        Field::Address,
        Field::PostalCode,
        Field::City,
        Field::Language,
        Field::Consumer,
        Field::OwnTerms,
        Field::Phone,
        Field::ContactPerson,
        Field::KvkNumber,
    ];

    /// The field in words, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Field::InvoiceNumber => "invoice number",
            Field::CustomerCode => "customer code",
            Field::CustomerName => "customer name",
            Field::InvoiceDate => "invoice date",
            Field::DueDate => "due date",
            Field::Amount => "amount",
            Field::OpenAmount => "open amount",
            Field::Currency => "currency",
            Field::Reference => "payment reference",
            Field::Status => "status",
            Field::CreditedInvoice => "credited invoice",
            Field::PaymentTerm => "payment term",
            Field::OrderNumber => "order number",
            Field::Email => "e-mail",
            Field::Iban => "IBAN",
            Field::Address => "address",
            Field::PostalCode => "postal code",
            Field::City => "city",
            Field::Language => "language",
            Field::Consumer => "consumer",
            Field::OwnTerms => "own agreed terms",
            Field::Phone => "phone",
            Field::ContactPerson => "contact person",
            Field::KvkNumber => "KvK number",
        }
    }

    /// True when the field belongs on an invoices sheet.
    pub fn on_invoices(self) -> bool {
        matches!(
            self,
            Field::InvoiceNumber
                | Field::CustomerCode
                | Field::CustomerName
                | Field::InvoiceDate
                | Field::DueDate
                | Field::Amount
                | Field::OpenAmount
                | Field::Currency
                | Field::Reference
                | Field::Status
                | Field::CreditedInvoice
                | Field::PaymentTerm
                | Field::OrderNumber
                | Field::Email
                | Field::Iban
        )
    }

    /// True when the field belongs on a customers sheet.
    pub fn on_customers(self) -> bool {
        !matches!(
            self,
            Field::InvoiceNumber
                | Field::InvoiceDate
                | Field::DueDate
                | Field::Amount
                | Field::OpenAmount
                | Field::Currency
                | Field::Reference
                | Field::Status
                | Field::CreditedInvoice
                | Field::OrderNumber
        )
    }
}

/// The columns of one table (the invoices or the customers) in one sheet.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TableMapping {
    /// The sheet's name (for CSV the file name without extension; a
    /// one-sheet file matches whatever its sheet is called).
    pub sheet: String,
    /// The 0-based row that holds the headers; data starts below it.
    pub header_row: u32,
    /// The header texts of that row as found, to recognise the file shape.
    pub headers: Vec<String>,
    /// The 0-based column of each mapped field.
    pub columns: BTreeMap<Field, u32>,
}

impl TableMapping {
    /// The column holding a field.
    pub fn column(&self, field: Field) -> Option<u32> {
        self.columns.get(&field).copied()
    }

    /// The header text of a column, for messages.
    pub fn header(&self, column: u32) -> String {
        self.headers
            .get(column as usize)
            .filter(|header| !header.is_empty())
            .cloned()
            .unwrap_or_else(|| format!("column {}", super::error::column_name(column)))
    }

    /// Finds this table's sheet in a workbook: by name, or the only sheet of
    /// a one-sheet file (CSV exports change name with every date).
    pub fn find_sheet<'a>(&self, workbook: &'a Workbook) -> Option<&'a Sheet> {
        workbook
            .sheets
            .iter()
            .find(|sheet| sheet.name == self.sheet)
            .or(match workbook.sheets.as_slice() {
                [only] => Some(only),
                _ => None,
            })
    }

    /// True when the sheet's header row reads the same as this mapping's.
    fn fits(&self, workbook: &Workbook) -> bool {
        let Some(sheet) = self.find_sheet(workbook) else {
            return false;
        };
        let Some(row) = sheet.rows.get(self.header_row as usize) else {
            return false;
        };
        let found: Vec<String> = row.iter().map(|cell| normalise(&cell.display())).collect();
        trimmed(&found) == trimmed(&normalised(&self.headers))
    }
}

/// A whole file's mapping: its invoices table and, where the workbook has
/// one, its customers table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mapping {
    /// Where the invoices are.
    pub invoices: TableMapping,
    /// Where the customers are, when the file has a customers sheet.
    pub customers: Option<TableMapping>,
}

impl Mapping {
    /// The file shape this mapping belongs to: a short hash of the
    /// normalised headers of its tables. Files with the same headers share
    /// a shape whatever their name, sheet name or number of rows.
    pub fn shape(&self) -> String {
        let mut hasher = Sha256::new();
        for table in std::iter::once(&self.invoices).chain(self.customers.as_ref()) {
            for header in trimmed(&normalised(&table.headers)) {
                hasher.update(header.as_bytes());
                hasher.update([0x1f]);
            }
            hasher.update([0x1e]);
        }
        let digest = hasher.finalize();
        digest
            .iter()
            .take(8)
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }

    /// True when a workbook has this mapping's shape: its header rows read
    /// the same at the same places.
    pub fn fits(&self, workbook: &Workbook) -> bool {
        self.invoices.fits(workbook)
            && self
                .customers
                .as_ref()
                .is_none_or(|customers| customers.fits(workbook))
    }

    /// Serialises the mapping for the book.
    ///
    /// # Errors
    /// Never in practice: the mapping holds only strings and numbers.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// Reads a mapping the book kept.
    ///
    /// # Errors
    /// When the text is not a mapping.
    pub fn from_json(text: &str) -> Result<Mapping, serde_json::Error> {
        serde_json::from_str(text)
    }
}

/// Normalised header texts.
fn normalised(headers: &[String]) -> Vec<String> {
    headers.iter().map(|header| normalise(header)).collect()
}

/// Headers without the empty ones at the end.
fn trimmed(headers: &[String]) -> &[String] {
    let end = headers
        .iter()
        .rposition(|header| !header.is_empty())
        .map_or(0, |last| last + 1);
    headers.get(..end).unwrap_or_default()
}
