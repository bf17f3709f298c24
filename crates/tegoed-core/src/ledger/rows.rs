//! Converting the rows under a mapped header into invoices and customers,
//! and linking each invoice to its customer by code or name.

use std::collections::HashMap;

use chrono::Duration;

use super::error::Disagreement;
use super::header::normalise;
use super::mapping::{Field, Mapping, TableMapping};
use super::sheet::{Cell, Sheet, Workbook};
use super::value::{self, DateOrder, DecimalMark};
use super::{CellPlace, Ledger, LedgerCustomer, LedgerError, LedgerInvoice, Place, cell_name};
use crate::invoice::LedgerStatus;
use crate::money::Money;

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
        let paid_columns = table
            .headers
            .iter()
            .enumerate()
            .filter_map(|(index, header)| {
                PAID_HEADERS
                    .contains(&normalise(header).as_str())
                    .then(|| u32::try_from(index).ok())
                    .flatten()
            });
        let amount_columns: Vec<u32> = [Field::Amount, Field::OpenAmount]
            .into_iter()
            .filter_map(|field| table.column(field))
            .chain(paid_columns)
            .collect();
        for column in amount_columns {
            marks.insert(column, value::guess_mark(texts_of(column)));
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

    /// An amount that may carry a currency sign (`$1,234.50`,
    /// `€ 1.234,56`), with the sign found.
    fn signed_amount(
        &self,
        row: u32,
        field: Field,
    ) -> Result<(Option<Money>, Option<Sign>), LedgerError> {
        let Some((column, cell)) = self.cell(row, field) else {
            return Ok((None, None));
        };
        let mark = self.marks.get(&column).copied().flatten();
        let bad = || LedgerError::BadAmount {
            at: self.at(row, column),
            value: cell.display(),
        };
        match cell {
            Cell::Text(text) => {
                let (number, sign) = split_currency(text);
                let amount = value::text_amount(&number, mark).map_err(|_| bad())?;
                Ok((Some(amount), sign))
            }
            other => Ok((value::amount(other, mark).map_err(|_| bad())?, None)),
        }
    }

    fn date(&self, row: u32, field: Field) -> Result<Option<chrono::NaiveDate>, LedgerError> {
        let Some((column, cell)) = self.cell(row, field) else {
            return Ok(None);
        };
        let order = self.orders.get(&column).copied().unwrap_or_default();
        value::date(cell, order).map_err(|_| LedgerError::BadDate {
            at: self.at(row, column),
            value: cell.display(),
        })
    }

    fn typed<T>(
        &self,
        row: u32,
        field: Field,
        convert: fn(&Cell) -> Result<Option<T>, value::Unreadable>,
        expected: &'static str,
    ) -> Result<Option<T>, LedgerError> {
        let Some((column, cell)) = self.cell(row, field) else {
            return Ok(None);
        };
        convert(cell).map_err(|_| self.bad_value(row, column, cell, expected))
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

/// Headers of amount columns that hold one invoice line's amount rather
/// than the invoice's total: their rows are summed per invoice.
const LINE_AMOUNT_HEADERS: &[&str] = &[
    "linetotal",
    "itemtotal",
    "lineamount",
    "itemamount",
    "regeltotaal",
    "regelbedrag",
];

/// Header fragments that show a file has a row per invoice line (an item,
/// a quantity), so one invoice number on several rows is one invoice.
const LINE_COLUMN_WORDS: &[&str] = &[
    "item",
    "line",
    "regel",
    "product",
    "artikel",
    "quantity",
    "qty",
    "aantal",
    "hoeveelheid",
];

/// Headers of a column with the amount already paid on the invoice.
const PAID_HEADERS: &[&str] = &[
    "paid",
    "amountpaid",
    "paidamount",
    "totalpaid",
    "betaald",
    "betaaldbedrag",
    "voldaan",
];

/// Currency signs and codes an amount cell may carry, longest first, with
/// the ISO code they stand for. A bare `$` is read as US dollars (and said
/// so in a warning); `€` and `EUR` are also understood by `value` itself.
const CURRENCY_SIGNS: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("CA$", "CAD"),
    ("AU$", "AUD"),
    ("NZ$", "NZD"),
    ("C$", "CAD"),
    ("A$", "AUD"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("EUR", "EUR"),
    ("USD", "USD"),
    ("GBP", "GBP"),
    ("CAD", "CAD"),
    ("AUD", "AUD"),
    ("CHF", "CHF"),
    ("INR", "INR"),
    ("eur", "EUR"),
];

/// A currency sign found on an amount: the sign as written and its code.
type Sign = (&'static str, &'static str);

/// Splits a leading or trailing currency sign (`$1,234.50`, `-$13.50`,
/// `€ 1.234,56`, `1.234,56 €`, `US$ 12`) off a text amount, keeping the
/// minus sign or brackets, so `value` reads the number; the sign found is
/// returned with it.
pub(super) fn split_currency(text: &str) -> (String, Option<Sign>) {
    let trimmed = text.trim();
    let is_lead = |c: char| matches!(c, '-' | '+' | '(' | '\u{2212}') || c.is_whitespace();
    let lead_end = trimmed.find(|c: char| !is_lead(c)).unwrap_or(trimmed.len());
    let (lead, mut rest) = trimmed.split_at(lead_end);
    let mut found = None;
    for (sign, code) in CURRENCY_SIGNS {
        if let Some(after) = rest.strip_prefix(sign) {
            rest = after.trim_start();
            found = Some((*sign, *code));
            break;
        }
    }
    let is_tail = |c: char| matches!(c, '-' | ')' | '\u{2212}') || c.is_whitespace();
    let tail_start = rest
        .char_indices()
        .rev()
        .find(|(_, c)| !is_tail(*c))
        .map_or(0, |(index, c)| index + c.len_utf8());
    let (mut body, tail) = rest.split_at(tail_start);
    if found.is_none() {
        for (sign, code) in CURRENCY_SIGNS {
            if let Some(before) = body.strip_suffix(sign) {
                body = before.trim_end();
                found = Some((*sign, *code));
                break;
            }
        }
    }
    (format!("{lead}{body}{tail}"), found)
}

/// True when every filled cell of a row is a field key such as
/// `SalesInvoice.grandTotal`: the second header row some exports (Frappe
/// Books) write under the labels.
fn is_key_row(cells: &[Cell]) -> bool {
    let key = |text: &str| {
        let mut parts = text.split('.');
        let well_formed = |part: &str| {
            part.chars()
                .next()
                .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        };
        text.contains('.') && parts.all(well_formed)
    };
    let filled: Vec<&Cell> = cells.iter().filter(|cell| !cell.is_empty()).collect();
    filled.len() >= 2 && filled.iter().all(|cell| cell.text().is_some_and(key))
}

/// A payment term in days from an invoice row: what `value::days` reads
/// (`30`, `Net 30`, `Betalingstermijn 14 dagen`), `0` for "due on receipt"
/// and its Dutch forms, and nothing for end-of-month terms, which are not a
/// number of days (the due date must then come from the file).
fn payment_term(cell: &Cell) -> Result<Option<i64>, value::Unreadable> {
    if let Some(text) = cell.text() {
        let key = normalise(text);
        let on_receipt = [
            "dueonreceipt",
            "onreceipt",
            "uponreceipt",
            "immediate",
            "immediately",
            "direct",
            "perdirect",
            "contant",
            "bijontvangst",
            "directbijontvangst",
        ];
        if on_receipt.contains(&key.as_str()) {
            return Ok(Some(0));
        }
        if key.contains("eom") || key.contains("endofmonth") || key.contains("eindemaand") {
            return Ok(None);
        }
    }
    value::days(cell)
}

/// One invoice being gathered from its row or rows.
struct Gathered {
    invoice: LedgerInvoice,
    /// The row each compared value was first read from.
    origins: HashMap<&'static str, u32>,
    /// The amount on each row that gives one, with its row.
    amounts: Vec<(u32, Money)>,
    /// The open amount on each row that gives one, with its row.
    open_amounts: Vec<(u32, Money)>,
    /// The amount already paid, from a paid column.
    paid: Option<Money>,
}

/// Reads the invoice rows. An export with a row per invoice line gives one
/// invoice number on several rows: they are one invoice, whose total is
/// the one the rows repeat or, for a column of line amounts, their sum.
fn read_invoices(
    reader: &Reader<'_>,
    warnings: &mut Vec<String>,
) -> Result<Vec<LedgerInvoice>, LedgerError> {
    if let Some(account_column) = posting_account_column(reader) {
        return read_receivable_postings(reader, account_column, warnings);
    }
    let number_column = reader.table.column(Field::InvoiceNumber).unwrap_or(0);
    let header_key = normalise(&reader.table.header(number_column));
    let paid_column = paid_column(reader);
    let flags = Flags::of(reader);
    let mut gathered: Vec<Gathered> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut drafts: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut dollar_warned = false;
    for (row, cells) in reader.rows() {
        if cells.iter().all(Cell::is_empty) || is_key_row(cells) {
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
        let seen_before = index.contains_key(&number) || drafts.contains(&number);
        let flag = |column: Option<u32>| {
            column.and_then(|column| {
                let cell = reader.sheet.cell(row as usize, column as usize);
                value::yes_no(cell)
                    .ok()
                    .flatten()
                    .map(|flag| (column, cell, flag))
            })
        };
        // Frappe Books marks an unsubmitted invoice (a draft) with
        // `Submitted` 0 and a cancelled one with `Cancelled` 1.
        let unsubmitted = flag(flags.submitted).filter(|(_, _, submitted)| !submitted);
        let draft = reader
            .cell(row, Field::Status)
            .filter(|(_, cell)| is_draft(&cell.display()))
            .or(unsubmitted.map(|(column, cell, _)| (column, cell)));
        if let Some((column, cell)) = draft {
            // A draft is not yet owed: it is read once it has been sent.
            if !seen_before {
                warnings.push(format!(
                    "{}, sheet '{}', cell {}: invoice {number} is a draft ({} '{}'); drafts are not read, import the list again once it has been sent",
                    reader.file,
                    reader.sheet.name,
                    cell_name(row, column),
                    reader.table.header(column),
                    cell.display()
                ));
                drafts.insert(number);
            }
            continue;
        }
        let (amount, amount_sign) = reader.signed_amount(row, Field::Amount)?;
        let (open_amount, open_sign) = reader.signed_amount(row, Field::OpenAmount)?;
        let cancelled = flag(flags.cancelled).is_some_and(|(_, _, cancelled)| cancelled);
        let status = match reader.cell(row, Field::Status) {
            _ if cancelled => Some(LedgerStatus::Credited),
            Some((column, cell)) if !cell.is_empty() => {
                let status = status(&cell.display());
                if status.is_none() && !seen_before {
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
        let column_currency = match reader.cell(row, Field::Currency) {
            Some((column, cell)) if !cell.is_empty() => {
                Some(currency(&cell.display()).ok_or_else(|| {
                    reader.bad_value(row, column, cell, "a currency code such as EUR")
                })?)
            }
            _ => None,
        };
        let sign = signs_agree(reader, row, amount_sign, open_sign)?;
        let currency = match (column_currency, sign) {
            (Some(code), Some((_, signed))) if code != signed => {
                let field = if amount_sign.is_some() {
                    Field::Amount
                } else {
                    Field::OpenAmount
                };
                let (column, cell) = reader
                    .cell(row, field)
                    .unwrap_or((number_column, &Cell::Empty));
                return Err(reader.bad_value(
                    row,
                    column,
                    cell,
                    "an amount in the currency the currency column gives this invoice",
                ));
            }
            (Some(code), _) => Some(code),
            (None, Some((written, code))) => {
                if written == "$" && !dollar_warned {
                    dollar_warned = true;
                    warnings.push(format!(
                        "{}, sheet '{}': amounts are written with '$' and no currency column; they are read as US dollars (USD). Add a currency column to the export if they are another dollar",
                        reader.file, reader.sheet.name
                    ));
                }
                Some(code.to_owned())
            }
            (None, None) => None,
        };
        let paid = match paid_column {
            Some(column) => {
                let cell = reader.sheet.cell(row as usize, column as usize);
                paid_amount(reader, column, cell)
            }
            None => None,
        };
        let invoice = LedgerInvoice {
            number: number.clone(),
            customer_code: reader.text(row, Field::CustomerCode),
            customer_name: reader.text(row, Field::CustomerName),
            invoice_date: reader.date(row, Field::InvoiceDate)?,
            due_date: reader.date(row, Field::DueDate)?,
            due_date_derived: false,
            amount: None,
            open_amount: None,
            currency,
            reference: reader.text(row, Field::Reference),
            order_number: reader.text(row, Field::OrderNumber),
            status,
            credits: reader.text(row, Field::CreditedInvoice),
            payment_term_days: reader.typed(
                row,
                Field::PaymentTerm,
                payment_term,
                "a payment term in days (e.g. 30, Net 30 or 14 dagen)",
            )?,
            customer: None,
            place: reader.place(row),
        };
        match index.get(&number).and_then(|at| gathered.get_mut(*at)) {
            Some(first) => {
                merge(reader, first, invoice, row)?;
                first.amounts.extend(amount.map(|amount| (row, amount)));
                first
                    .open_amounts
                    .extend(open_amount.map(|open| (row, open)));
                first.paid = first.paid.or(paid);
            }
            None => {
                let origins = COMPARED.iter().map(|(label, _)| (*label, row)).collect();
                index.insert(number, gathered.len());
                gathered.push(Gathered {
                    invoice,
                    origins,
                    amounts: amount.map(|amount| (row, amount)).into_iter().collect(),
                    open_amounts: open_amount.map(|open| (row, open)).into_iter().collect(),
                    paid,
                });
            }
        }
        // Customer details given on the invoice row are read in `link`.
    }
    let has_line_columns = reader
        .table
        .headers
        .iter()
        .map(|header| normalise(header))
        .any(|header| LINE_COLUMN_WORDS.iter().any(|word| header.contains(word)));
    let amount_lines = column_sums_lines(
        reader,
        &gathered,
        Field::Amount,
        |group| &group.amounts,
        has_line_columns,
    )?;
    let open_lines = column_sums_lines(
        reader,
        &gathered,
        Field::OpenAmount,
        |group| &group.open_amounts,
        has_line_columns,
    )?;
    let mut invoices = Vec::with_capacity(gathered.len());
    for group in gathered {
        let Gathered {
            mut invoice,
            amounts,
            open_amounts,
            paid,
            ..
        } = group;
        invoice.amount = combine(reader, &amounts, amount_lines, Field::Amount)?;
        invoice.open_amount = combine(reader, &open_amounts, open_lines, Field::OpenAmount)?;
        if invoice.amount.is_none() && invoice.open_amount.is_none() {
            let column = reader
                .table
                .column(Field::Amount)
                .or(reader.table.column(Field::OpenAmount))
                .unwrap_or(number_column);
            return Err(reader.bad_row(
                invoice.place.row,
                column,
                format!(
                    "invoice {} has no amount; fill it in or delete the row",
                    invoice.number
                ),
            ));
        }
        // An export with the amount paid but no balance (Invoice Ninja):
        // what is open is the total less what was paid.
        if reader.table.column(Field::OpenAmount).is_none()
            && let (Some(amount), Some(paid)) = (invoice.amount, paid)
        {
            invoice.open_amount = amount.decimal().checked_sub(paid.decimal()).map(Money::new);
        }
        invoices.push(invoice);
    }
    Ok(invoices)
}

/// Reads one compared value of an invoice as text.
type ReadValue = fn(&LedgerInvoice) -> Option<String>;

/// The values the rows of one invoice must agree on, with how to read them.
const COMPARED: [(&str, ReadValue); 5] = [
    ("customer code", |invoice| invoice.customer_code.clone()),
    ("customer name", |invoice| invoice.customer_name.clone()),
    ("invoice date", |invoice| {
        invoice.invoice_date.map(|date| date.to_string())
    }),
    ("due date", |invoice| {
        invoice.due_date.map(|date| date.to_string())
    }),
    ("currency", |invoice| invoice.currency.clone()),
];

/// The field a compared value is read from, for naming its cell.
fn compared_field(label: &str) -> Option<Field> {
    match label {
        "customer code" => Some(Field::CustomerCode),
        "customer name" => Some(Field::CustomerName),
        "invoice date" => Some(Field::InvoiceDate),
        "due date" => Some(Field::DueDate),
        "currency" => Some(Field::Currency),
        _ => None,
    }
}

/// Adds a further row of an invoice to its first: the values both give
/// must agree (else the cell is named), values only the later row gives
/// are taken.
fn merge(
    reader: &Reader<'_>,
    first: &mut Gathered,
    later: LedgerInvoice,
    row: u32,
) -> Result<(), LedgerError> {
    for (label, read) in COMPARED {
        match (read(&first.invoice), read(&later)) {
            (Some(kept), Some(value)) if kept != value => {
                let column = compared_field(label)
                    .and_then(|field| reader.table.column(field))
                    .unwrap_or(0);
                let origin = first
                    .origins
                    .get(label)
                    .copied()
                    .unwrap_or(first.invoice.place.row);
                return Err(LedgerError::RowsDisagree {
                    at: reader.at(row, column),
                    field: label,
                    rows: Box::new(Disagreement {
                        number: later.number,
                        value,
                        first: kept,
                        first_cell: cell_name(origin, column),
                    }),
                });
            }
            (None, Some(_)) => {
                first.origins.insert(label, row);
            }
            _ => {}
        }
    }
    let invoice = &mut first.invoice;
    invoice.customer_code = invoice.customer_code.take().or(later.customer_code);
    invoice.customer_name = invoice.customer_name.take().or(later.customer_name);
    invoice.invoice_date = invoice.invoice_date.or(later.invoice_date);
    invoice.due_date = invoice.due_date.or(later.due_date);
    invoice.currency = invoice.currency.take().or(later.currency);
    invoice.reference = invoice.reference.take().or(later.reference);
    invoice.order_number = invoice.order_number.take().or(later.order_number);
    invoice.status = invoice.status.or(later.status);
    invoice.credits = invoice.credits.take().or(later.credits);
    invoice.payment_term_days = invoice.payment_term_days.or(later.payment_term_days);
    Ok(())
}

/// Whether an amount column holds invoice lines to be summed: a column
/// named for lines does; one whose rows of one invoice differ does too,
/// when the file has line columns (items, quantities). Rows of one invoice
/// with different amounts and nothing saying they are lines are the same
/// number used twice, and refused.
fn column_sums_lines(
    reader: &Reader<'_>,
    gathered: &[Gathered],
    field: Field,
    values: fn(&Gathered) -> &Vec<(u32, Money)>,
    has_line_columns: bool,
) -> Result<bool, LedgerError> {
    let Some(column) = reader.table.column(field) else {
        return Ok(false);
    };
    if LINE_AMOUNT_HEADERS.contains(&normalise(&reader.table.header(column)).as_str()) {
        return Ok(true);
    }
    let differing = gathered.iter().find_map(|group| {
        let rows = values(group);
        let (_, first) = rows.first()?;
        rows.iter()
            .find(|(_, amount)| amount != first)
            .map(|(row, _)| (group, *row))
    });
    match differing {
        None => Ok(false),
        Some(_) if has_line_columns => Ok(true),
        Some((group, row)) => {
            let number_column = reader.table.column(Field::InvoiceNumber).unwrap_or(0);
            Err(LedgerError::DuplicateInvoice {
                file: reader.file.to_owned(),
                sheet: reader.sheet.name.clone(),
                cell: cell_name(row, number_column),
                first_cell: cell_name(group.invoice.place.row, number_column),
                number: group.invoice.number.clone(),
            })
        }
    }
}

/// One invoice's amount from its rows: their sum for line amounts, else
/// the total the rows repeat.
fn combine(
    reader: &Reader<'_>,
    values: &[(u32, Money)],
    lines: bool,
    field: Field,
) -> Result<Option<Money>, LedgerError> {
    let Some((_, first)) = values.first() else {
        return Ok(None);
    };
    if !lines {
        return Ok(Some(*first));
    }
    let mut total = rust_decimal::Decimal::ZERO;
    for (row, amount) in values {
        total = total.checked_add(amount.decimal()).ok_or_else(|| {
            let column = reader.table.column(field).unwrap_or(0);
            let cell = reader.sheet.cell(*row as usize, column as usize);
            LedgerError::BadAmount {
                at: reader.at(*row, column),
                value: cell.display(),
            }
        })?;
    }
    Ok(Some(Money::new(total)))
}

/// The currency sign of a row's amounts: the amount's and the open
/// amount's must be the same.
fn signs_agree(
    reader: &Reader<'_>,
    row: u32,
    amount: Option<Sign>,
    open: Option<Sign>,
) -> Result<Option<Sign>, LedgerError> {
    match (amount, open) {
        (Some((_, first)), Some((_, second))) if first != second => {
            let (column, cell) = reader
                .cell(row, Field::OpenAmount)
                .unwrap_or((0, &Cell::Empty));
            Err(reader.bad_value(
                row,
                column,
                cell,
                "an amount in the same currency as the invoice amount",
            ))
        }
        (Some(sign), _) | (None, Some(sign)) => Ok(Some(sign)),
        (None, None) => Ok(None),
    }
}

/// The column of amounts already paid, when the header row has one and
/// every filled cell in it is an amount (a yes/no "Paid" column is not).
fn paid_column(reader: &Reader<'_>) -> Option<u32> {
    let mapped: Vec<u32> = reader.table.columns.values().copied().collect();
    let column = reader
        .table
        .headers
        .iter()
        .enumerate()
        .filter_map(|(index, header)| Some((u32::try_from(index).ok()?, normalise(header))))
        .find(|(column, header)| {
            !mapped.contains(column) && PAID_HEADERS.contains(&header.as_str())
        })
        .map(|(column, _)| column)?;
    let readable = reader.rows().all(|(_, cells)| {
        let cell = cells.get(column as usize).unwrap_or(&Cell::Empty);
        cell.is_empty() || paid_amount(reader, column, cell).is_some()
    });
    readable.then_some(column)
}

/// A paid amount from its cell, currency sign and all.
fn paid_amount(reader: &Reader<'_>, column: u32, cell: &Cell) -> Option<Money> {
    let mark = reader.marks.get(&column).copied().flatten();
    match cell {
        Cell::Text(text) => value::text_amount(&split_currency(text).0, mark).ok(),
        other => value::amount(other, mark).ok().flatten(),
    }
}

/// Unmapped yes/no columns that say an invoice is a draft or cancelled.
struct Flags {
    /// `Submitted`: no means a draft.
    submitted: Option<u32>,
    /// `Cancelled`: yes means cancelled.
    cancelled: Option<u32>,
}

impl Flags {
    fn of(reader: &Reader<'_>) -> Flags {
        let mapped: Vec<u32> = reader.table.columns.values().copied().collect();
        let find = |names: &[&str]| {
            reader
                .table
                .headers
                .iter()
                .enumerate()
                .filter_map(|(index, header)| Some((u32::try_from(index).ok()?, normalise(header))))
                .find(|(column, header)| {
                    !mapped.contains(column) && names.contains(&header.as_str())
                })
                .map(|(column, _)| column)
        };
        Flags {
            submitted: find(&["submitted", "ingediend"]),
            cancelled: find(&["cancelled", "canceled", "geannuleerd"]),
        }
    }
}

/// True for the status of an invoice not yet sent (*concept*).
fn is_draft(text: &str) -> bool {
    matches!(
        normalise(text).as_str(),
        "draft" | "concept" | "conceptfactuur"
    )
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
        | "viewed"
        | "approved"
        | "partial"
        | "retry"
        | "failed"
        | "gedeeltelijkbetaald"
        | "deelbetaald"
        | "deelsbetaald"
        | "partiallypaid"
        | "unpaid"
        | "due" => Some(LedgerStatus::Open),
        "betaald" | "paid" | "voldaan" | "afgeletterd" | "settled" | "autopaid" => {
            Some(LedgerStatus::Paid)
        }
        "gecrediteerd"
        | "credited"
        | "gecrediteerdcreditnota"
        | "creditnota"
        | "creditnote"
        | "geannuleerd"
        | "cancelled"
        | "canceled"
        | "void"
        | "voided"
        | "reversed" => Some(LedgerStatus::Credited),
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

/// Account names of the receivables (*debiteuren*) account in a
/// general-ledger export.
const RECEIVABLE_ACCOUNTS: &[&str] = &["accountsreceivable", "debiteuren", "debtors"];

/// The account column of a general-ledger export with invoice numbers
/// (Wave's transactions export: `Account Name` beside `Amount (One
/// column)`), whose rows are postings rather than invoices.
fn posting_account_column(reader: &Reader<'_>) -> Option<u32> {
    let headers: Vec<String> = reader
        .table
        .headers
        .iter()
        .map(|header| normalise(header))
        .collect();
    let amount_header = reader
        .table
        .column(Field::Amount)
        .and_then(|column| headers.get(column as usize))?;
    if amount_header != "amountonecolumn" {
        return None;
    }
    let account = headers.iter().position(|header| header == "accountname")?;
    u32::try_from(account).ok()
}

/// Reads invoices from the postings of a general-ledger export: only the
/// receivables account's postings count (income and tax lines are the
/// same money again). Per invoice number, the debits are the invoice and
/// the credits its payments and credits, so the invoice amount is the sum
/// of the debits and the open amount the balance. The invoice date and
/// customer come from the debits; payments for an invoice the export does
/// not contain are left out, with a warning.
fn read_receivable_postings(
    reader: &Reader<'_>,
    account_column: u32,
    warnings: &mut Vec<String>,
) -> Result<Vec<LedgerInvoice>, LedgerError> {
    let mut invoices: Vec<(LedgerInvoice, rust_decimal::Decimal, rust_decimal::Decimal)> =
        Vec::new();
    let mut payments_only: Vec<(String, u32)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut credits: Vec<(String, u32, Money)> = Vec::new();
    let overflow = |row: u32| {
        let column = reader.table.column(Field::Amount).unwrap_or(0);
        LedgerError::BadAmount {
            at: reader.at(row, column),
            value: reader.sheet.cell(row as usize, column as usize).display(),
        }
    };
    for (row, cells) in reader.rows() {
        let account = cells
            .get(account_column as usize)
            .and_then(Cell::text)
            .map(normalise);
        if !account.is_some_and(|account| RECEIVABLE_ACCOUNTS.contains(&account.as_str())) {
            continue;
        }
        let Some(number) = reader.text(row, Field::InvoiceNumber) else {
            continue;
        };
        let (Some(amount), sign) = reader.signed_amount(row, Field::Amount)? else {
            continue;
        };
        if !amount.is_positive() {
            credits.push((number, row, amount));
            continue;
        }
        let currency = sign.map(|(_, code)| code.to_owned());
        let invoice = LedgerInvoice {
            number: number.clone(),
            customer_code: reader.text(row, Field::CustomerCode),
            customer_name: reader.text(row, Field::CustomerName),
            invoice_date: reader.date(row, Field::InvoiceDate)?,
            due_date: reader.date(row, Field::DueDate)?,
            due_date_derived: false,
            amount: None,
            open_amount: None,
            currency,
            reference: None,
            order_number: reader.text(row, Field::OrderNumber),
            status: None,
            credits: None,
            payment_term_days: None,
            customer: None,
            place: reader.place(row),
        };
        match index.get(&number).and_then(|at| invoices.get_mut(*at)) {
            Some((first, total, open)) => {
                let mut gathered = Gathered {
                    invoice: first.clone(),
                    origins: COMPARED
                        .iter()
                        .map(|(label, _)| (*label, first.place.row))
                        .collect(),
                    amounts: Vec::new(),
                    open_amounts: Vec::new(),
                    paid: None,
                };
                merge(reader, &mut gathered, invoice, row)?;
                *first = gathered.invoice;
                *total = total
                    .checked_add(amount.decimal())
                    .ok_or_else(|| overflow(row))?;
                *open = open
                    .checked_add(amount.decimal())
                    .ok_or_else(|| overflow(row))?;
            }
            None => {
                index.insert(number, invoices.len());
                invoices.push((invoice, amount.decimal(), amount.decimal()));
            }
        }
    }
    for (number, row, amount) in credits {
        match index.get(&number).and_then(|at| invoices.get_mut(*at)) {
            Some((_, _, open)) => {
                *open = open
                    .checked_add(amount.decimal())
                    .ok_or_else(|| overflow(row))?;
            }
            None => payments_only.push((number, row)),
        }
    }
    for (number, row) in payments_only {
        warnings.push(format!(
            "{}, sheet '{}', row {}: a payment or credit for invoice {number}, which this export does not contain, is left out",
            reader.file,
            reader.sheet.name,
            row + 1
        ));
    }
    Ok(invoices
        .into_iter()
        .map(|(mut invoice, total, open)| {
            invoice.amount = Some(Money::new(total));
            invoice.open_amount = Some(Money::new(open));
            if open.is_zero() {
                invoice.status = Some(LedgerStatus::Paid);
            }
            invoice
        })
        .collect())
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
                payment_term,
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
