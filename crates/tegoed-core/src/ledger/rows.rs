//! Converting the rows under a mapped header into invoices and customers,
//! and linking each invoice to its customer by code or name.

use std::collections::HashMap;

use chrono::Duration;

use super::header::normalise;
use super::mapping::{Field, Mapping, TableMapping};
use super::sheet::{Cell, Sheet, Workbook};
use super::value::{self, DateOrder, DecimalMark};
use super::{CellPlace, Ledger, LedgerCustomer, LedgerError, LedgerInvoice, Place, cell_name};
use crate::invoice::LedgerStatus;

/// Reads the invoices (and customers) under a mapping.
pub fn read(
    file_name: &str,
    workbook: &Workbook,
    mapping: &Mapping,
    preset: Option<&'static str>,
) -> Result<Ledger, LedgerError> {
    let mut warnings = Vec::new();
    let invoice_sheet = sheet_for(file_name, workbook, &mapping.invoices)?;
    for (field, label) in [(Field::InvoiceNumber, "the invoice number")] {
        if mapping.invoices.column(field).is_none() {
            return Err(LedgerError::MappingIncomplete {
                file: file_name.to_owned(),
                sheet: invoice_sheet.name.clone(),
                field: label,
            });
        }
    }
    if mapping.invoices.column(Field::Amount).is_none()
        && mapping.invoices.column(Field::OpenAmount).is_none()
    {
        return Err(LedgerError::MappingIncomplete {
            file: file_name.to_owned(),
            sheet: invoice_sheet.name.clone(),
            field: "the amount or the open amount",
        });
    }
    let mut customers = match &mapping.customers {
        Some(table) => {
            let sheet = sheet_for(file_name, workbook, table)?;
            read_customers(&Reader::new(file_name, sheet, table))?
        }
        None => Vec::new(),
    };
    let reader = Reader::new(file_name, invoice_sheet, &mapping.invoices);
    let mut invoices = read_invoices(&reader, &mut warnings)?;
    link(&mut invoices, &mut customers, &reader)?;
    Ok(Ledger {
        file: file_name.to_owned(),
        format: workbook.format,
        encoding: workbook.encoding,
        mapping: Some(mapping.clone()),
        preset,
        customers,
        invoices,
        documents: Vec::new(),
        warnings,
    })
}

/// The sheet a table mapping names.
fn sheet_for<'a>(
    file_name: &str,
    workbook: &'a Workbook,
    table: &TableMapping,
) -> Result<&'a Sheet, LedgerError> {
    table
        .find_sheet(workbook)
        .ok_or_else(|| LedgerError::MissingSheet {
            file: file_name.to_owned(),
            sheet: table.sheet.clone(),
        })
}

/// Reads typed values from the data rows of one mapped table, naming the
/// cell in every error.
struct Reader<'a> {
    file: &'a str,
    sheet: &'a Sheet,
    table: &'a TableMapping,
    /// Decimal mark per amount column, guessed from its text cells.
    marks: HashMap<u32, Option<DecimalMark>>,
    /// Date order per date column, guessed from its text cells.
    orders: HashMap<u32, DateOrder>,
}

impl<'a> Reader<'a> {
    fn new(file: &'a str, sheet: &'a Sheet, table: &'a TableMapping) -> Reader<'a> {
        let texts_of = |column: u32| {
            sheet
                .rows
                .iter()
                .skip(table.header_row as usize + 1)
                .filter_map(move |row| row.get(column as usize).and_then(Cell::text))
        };
        let mut marks = HashMap::new();
        for field in [Field::Amount, Field::OpenAmount] {
            if let Some(column) = table.column(field) {
                marks.insert(column, value::guess_mark(texts_of(column)));
            }
        }
        let mut orders = HashMap::new();
        for field in [Field::InvoiceDate, Field::DueDate] {
            if let Some(column) = table.column(field) {
                orders.insert(column, value::guess_order(texts_of(column)));
            }
        }
        Reader {
            file,
            sheet,
            table,
            marks,
            orders,
        }
    }

    /// The data rows: every row below the header.
    fn rows(&self) -> impl Iterator<Item = (u32, &'a [Cell])> + 'a {
        let start = self.table.header_row as usize + 1;
        self.sheet
            .rows
            .iter()
            .enumerate()
            .skip(start)
            .filter_map(|(index, row)| Some((u32::try_from(index).ok()?, row.as_slice())))
    }

    fn at(&self, row: u32, column: u32) -> Box<CellPlace> {
        Box::new(CellPlace {
            file: self.file.to_owned(),
            sheet: self.sheet.name.clone(),
            cell: cell_name(row, column),
            column: self.table.header(column),
        })
    }

    fn place(&self, row: u32) -> Place {
        Place {
            sheet: self.sheet.name.clone(),
            row,
        }
    }

    fn cell(&self, row: u32, field: Field) -> Option<(u32, &'a Cell)> {
        let column = self.table.column(field)?;
        Some((column, self.sheet.cell(row as usize, column as usize)))
    }

    fn text(&self, row: u32, field: Field) -> Option<String> {
        self.cell(row, field)
            .and_then(|(_, cell)| value::text(cell))
    }

    fn amount(&self, row: u32, field: Field) -> Result<Option<crate::money::Money>, LedgerError> {
        let Some((column, cell)) = self.cell(row, field) else {
            return Ok(None);
        };
        let mark = self.marks.get(&column).copied().flatten();
        value::amount(cell, mark).map_err(|()| LedgerError::BadAmount {
            at: self.at(row, column),
            value: cell.display(),
        })
    }

    fn date(&self, row: u32, field: Field) -> Result<Option<chrono::NaiveDate>, LedgerError> {
        let Some((column, cell)) = self.cell(row, field) else {
            return Ok(None);
        };
        let order = self.orders.get(&column).copied().unwrap_or_default();
        value::date(cell, order).map_err(|()| LedgerError::BadDate {
            at: self.at(row, column),
            value: cell.display(),
        })
    }

    fn typed<T>(
        &self,
        row: u32,
        field: Field,
        convert: fn(&Cell) -> Result<Option<T>, ()>,
        expected: &'static str,
    ) -> Result<Option<T>, LedgerError> {
        let Some((column, cell)) = self.cell(row, field) else {
            return Ok(None);
        };
        convert(cell).map_err(|()| self.bad_value(row, column, cell, expected))
    }

    fn bad_value(&self, row: u32, column: u32, cell: &Cell, expected: &'static str) -> LedgerError {
        LedgerError::BadValue {
            at: self.at(row, column),
            value: cell.display(),
            expected,
        }
    }

    fn bad_row(&self, row: u32, column: u32, problem: String) -> LedgerError {
        LedgerError::BadRow {
            at: self.at(row, column),
            problem,
        }
    }
}

/// Words that mark a totals row under the table.
const TOTAL_WORDS: [&str; 5] = ["totaal", "total", "subtotaal", "subtotal", "eindtotaal"];

/// True when a row is a totals line (`Totaal`, `Total:`) rather than an invoice.
fn is_totals_row(cells: &[Cell]) -> bool {
    cells.iter().filter_map(Cell::text).any(|text| {
        let key = normalise(text);
        TOTAL_WORDS.iter().any(|word| key.starts_with(word))
    })
}

/// Reads the invoice rows.
fn read_invoices(
    reader: &Reader<'_>,
    warnings: &mut Vec<String>,
) -> Result<Vec<LedgerInvoice>, LedgerError> {
    let number_column = reader.table.column(Field::InvoiceNumber).unwrap_or(0);
    let header_key = normalise(&reader.table.header(number_column));
    let mut invoices: Vec<LedgerInvoice> = Vec::new();
    let mut first_seen: HashMap<String, u32> = HashMap::new();
    for (row, cells) in reader.rows() {
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        let number = reader.text(row, Field::InvoiceNumber);
        let Some(number) = number else {
            if is_totals_row(cells) {
                continue;
            }
            let has_amount = [Field::Amount, Field::OpenAmount].into_iter().any(|field| {
                reader
                    .cell(row, field)
                    .is_some_and(|(_, cell)| !cell.is_empty())
            });
            if has_amount {
                return Err(reader.bad_row(
                    row,
                    number_column,
                    "this row has an amount but no invoice number; fill it in or delete the row"
                        .to_owned(),
                ));
            }
            continue;
        };
        // Exports that repeat the header on every printed page.
        if normalise(&number) == header_key {
            continue;
        }
        if is_totals_row(cells) && reader.text(row, Field::InvoiceDate).is_none() {
            continue;
        }
        if let Some(first) = first_seen.get(&number) {
            return Err(LedgerError::DuplicateInvoice {
                file: reader.file.to_owned(),
                sheet: reader.sheet.name.clone(),
                cell: cell_name(row, number_column),
                first_cell: cell_name(*first, number_column),
                number,
            });
        }
        first_seen.insert(number.clone(), row);
        let amount = reader.amount(row, Field::Amount)?;
        let open_amount = reader.amount(row, Field::OpenAmount)?;
        if amount.is_none() && open_amount.is_none() {
            let column = reader
                .table
                .column(Field::Amount)
                .or(reader.table.column(Field::OpenAmount))
                .unwrap_or(number_column);
            return Err(reader.bad_row(
                row,
                column,
                format!("invoice {number} has no amount; fill it in or delete the row"),
            ));
        }
        let status = match reader.cell(row, Field::Status) {
            Some((column, cell)) if !cell.is_empty() => {
                let status = status(&cell.display());
                if status.is_none() {
                    warnings.push(format!(
                        "{}, sheet '{}', cell {}: status '{}' of invoice {number} is not known; the invoice is read as open",
                        reader.file,
                        reader.sheet.name,
                        cell_name(row, column),
                        cell.display()
                    ));
                }
                status
            }
            _ => None,
        };
        let currency = match reader.cell(row, Field::Currency) {
            Some((column, cell)) if !cell.is_empty() => {
                Some(currency(&cell.display()).ok_or_else(|| {
                    reader.bad_value(row, column, cell, "a currency code such as EUR")
                })?)
            }
            _ => None,
        };
        invoices.push(LedgerInvoice {
            number,
            customer_code: reader.text(row, Field::CustomerCode),
            customer_name: reader.text(row, Field::CustomerName),
            invoice_date: reader.date(row, Field::InvoiceDate)?,
            due_date: reader.date(row, Field::DueDate)?,
            due_date_derived: false,
            amount,
            open_amount,
            currency,
            reference: reader.text(row, Field::Reference),
            order_number: reader.text(row, Field::OrderNumber),
            status,
            credits: reader.text(row, Field::CreditedInvoice),
            payment_term_days: reader.typed(
                row,
                Field::PaymentTerm,
                value::days,
                "a payment term in days (e.g. 30)",
            )?,
            customer: None,
            place: reader.place(row),
        });
        // Customer details given on the invoice row are read in `link`.
    }
    Ok(invoices)
}

/// A status text from an accounting package, in Dutch or English.
pub fn status(text: &str) -> Option<LedgerStatus> {
    match normalise(text).as_str() {
        "open"
        | "openstaand"
        | "onbetaald"
        | "verzonden"
        | "sent"
        | "late"
        | "telaat"
        | "vervallen"
        | "overdue"
        | "herinnerd"
        | "reminded"
        | "aangemaand"
        | "pendingpayment"
        | "paymentfailed"
        | "scheduled"
        | "gedeeltelijkbetaald"
        | "deelbetaald"
        | "deelsbetaald"
        | "partiallypaid"
        | "unpaid"
        | "due" => Some(LedgerStatus::Open),
        "betaald" | "paid" | "voldaan" | "afgeletterd" | "settled" => Some(LedgerStatus::Paid),
        "gecrediteerd"
        | "credited"
        | "gecrediteerdcreditnota"
        | "creditnota"
        | "creditnote"
        | "geannuleerd"
        | "cancelled"
        | "canceled"
        | "void"
        | "voided" => Some(LedgerStatus::Credited),
        "afgeboekt" | "oninbaar" | "afgeschreven" | "writtenoff" | "writeoff" | "uncollectible"
        | "baddebt" => Some(LedgerStatus::WrittenOff),
        _ => None,
    }
}

/// A currency code from a cell: three letters, or `€`.
fn currency(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if trimmed == "€" {
        return Some("EUR".to_owned());
    }
    (trimmed.len() == 3 && trimmed.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| trimmed.to_ascii_uppercase())
}

/// Reads the customer rows.
fn read_customers(reader: &Reader<'_>) -> Result<Vec<LedgerCustomer>, LedgerError> {
    let mut customers = Vec::new();
    for (row, cells) in reader.rows() {
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        let code = reader.text(row, Field::CustomerCode);
        let name = reader.text(row, Field::CustomerName);
        if code.is_none() && name.is_none() {
            continue;
        }
        let street = reader.text(row, Field::Address);
        let postal_code = reader.text(row, Field::PostalCode);
        let city = reader.text(row, Field::City);
        let second_line: Vec<String> = postal_code.into_iter().chain(city).collect();
        let address_lines: Vec<String> = street
            .into_iter()
            .chain((!second_line.is_empty()).then(|| second_line.join(" ")))
            .collect();
        customers.push(LedgerCustomer {
            code,
            name,
            email: reader.text(row, Field::Email),
            phone: reader.text(row, Field::Phone),
            contact_person: reader.text(row, Field::ContactPerson),
            address: (!address_lines.is_empty()).then(|| address_lines.join("\n")),
            iban: reader
                .text(row, Field::Iban)
                .map(|iban| iban.split_whitespace().collect::<String>().to_uppercase()),
            kvk_number: reader.text(row, Field::KvkNumber),
            payment_term_days: reader.typed(
                row,
                Field::PaymentTerm,
                value::days,
                "a payment term in days (e.g. 30)",
            )?,
            language: reader.typed(
                row,
                Field::Language,
                value::language,
                "a language (nl or en)",
            )?,
            consumer: reader.typed(row, Field::Consumer, value::yes_no, "yes or no (ja/nee)")?,
            own_terms: reader.typed(row, Field::OwnTerms, value::yes_no, "yes or no (ja/nee)")?,
            place: reader.place(row),
        });
    }
    Ok(customers)
}

/// Links every invoice to a customer: by code, else by name, else by a name
/// column that holds codes; customers known only from invoice rows are
/// added. Then fills in the invoice's missing customer code or name from
/// the customer, and derives a missing due date from the term.
fn link(
    invoices: &mut [LedgerInvoice],
    customers: &mut Vec<LedgerCustomer>,
    reader: &Reader<'_>,
) -> Result<(), LedgerError> {
    let mut by_code: HashMap<String, usize> = HashMap::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (index, customer) in customers.iter().enumerate() {
        if let Some(code) = &customer.code {
            by_code.entry(code.to_lowercase()).or_insert(index);
        }
        if let Some(name) = &customer.name {
            by_name.entry(normalise(name)).or_insert(index);
        }
    }
    for invoice in invoices.iter_mut() {
        let code_key = invoice
            .customer_code
            .as_ref()
            .map(|code| code.to_lowercase());
        let name_key = invoice.customer_name.as_ref().map(|name| normalise(name));
        let found = code_key
            .as_ref()
            .and_then(|code| by_code.get(code))
            .or_else(|| name_key.as_ref().and_then(|name| by_name.get(name)))
            .or_else(|| {
                invoice
                    .customer_name
                    .as_ref()
                    .and_then(|name| by_code.get(&name.to_lowercase()))
            })
            .copied();
        let index = match found {
            Some(index) => index,
            None if code_key.is_none() && name_key.as_ref().is_none_or(String::is_empty) => {
                continue;
            }
            None => {
                customers.push(LedgerCustomer {
                    code: invoice.customer_code.clone(),
                    name: invoice.customer_name.clone(),
                    place: invoice.place.clone(),
                    ..LedgerCustomer::default()
                });
                let index = customers.len() - 1;
                if let Some(code) = code_key {
                    by_code.insert(code, index);
                }
                if let Some(name) = name_key {
                    by_name.insert(name, index);
                }
                index
            }
        };
        invoice.customer = Some(index);
        let row = invoice.place.row;
        if let Some(customer) = customers.get_mut(index) {
            // Customer details that only the invoices sheet gives.
            if customer.email.is_none() {
                customer.email = reader.text(row, Field::Email);
            }
            if customer.iban.is_none() {
                customer.iban = reader
                    .text(row, Field::Iban)
                    .map(|iban| iban.split_whitespace().collect::<String>().to_uppercase());
            }
            if customer.payment_term_days.is_none() {
                customer.payment_term_days = invoice.payment_term_days;
            }
            if invoice.customer_code.is_none() {
                invoice.customer_code.clone_from(&customer.code);
            }
            if invoice.customer_name.is_none()
                || customer.code.as_deref() == invoice.customer_name.as_deref()
            {
                invoice.customer_name = customer.name.clone().or(invoice.customer_name.take());
            }
            if invoice.due_date.is_none()
                && let Some(invoice_date) = invoice.invoice_date
                && let Some(term) = invoice.payment_term_days.or(customer.payment_term_days)
            {
                invoice.due_date = invoice_date.checked_add_signed(Duration::days(term));
                invoice.due_date_derived = invoice.due_date.is_some();
            }
        }
    }
    Ok(())
}
