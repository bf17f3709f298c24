//! Bank CSV exports: a preset per Dutch bank (ING, Rabobank, ABN AMRO's TAB
//! file, bunq, Knab, Triodos, ASN), recognised by header or shape, the
//! Belgian and German banks' exports read by header name ([`belgian`],
//! [`german`]), and a
//! [`Mapping`] the user makes once for any other layout.
//!
//! Records are read with the `csv` crate (quoted fields with line breaks,
//! doubled quotes, ASN's single quotes); each preset in [`presets`] turns a
//! record into a [`Transaction`]. A row with too few fields, a bad amount
//! or a bad date stops the whole file with the line and column named. A
//! file holding several own accounts (ABN AMRO) gives one statement per
//! account; balances come from the balance-after (or -before) column where
//! the layout has one, and are `None` otherwise.

mod belgian;
mod german;
mod grid;
mod mapping;
mod presets;

use std::collections::BTreeMap;

#[cfg(test)]
pub(crate) use belgian::find_ogm;
pub use grid::{Grid, grid};
pub use mapping::{AmountColumns, Mapping};

use super::{Balance, Format, Location, ParsedFile, Statement, StatementError, Transaction};
use crate::money::{DecimalMark, Money};

/// A CSV layout Tegoed knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// ING (semicolon, 11 columns, `Af Bij`).
    Ing,
    /// Rabobank (comma, 26 columns, since 2018).
    Rabobank,
    /// ABN AMRO TXT/TAB export (tab, no header, 8 columns).
    AbnAmro,
    /// bunq (7 columns, `;` or `,`, English or Dutch headers).
    Bunq,
    /// Knab (semicolon, `KNAB EXPORT` preamble).
    Knab,
    /// Triodos (comma, no header, 9 columns).
    Triodos,
    /// ASN Bank / de Volksbank (comma, no header, 19 columns).
    Asn,
    /// KBC / CBC (Belgium; padded fields, Dutch or English headers).
    Kbc,
    /// BNP Paribas Fortis, Fintro, Hello bank! (Belgium; `Volgnummer`).
    Bnp,
    /// Belfius (Belgium; a query block above the header).
    Belfius,
    /// Argenta (Belgium).
    Argenta,
    /// ING Belgium.
    IngBelgium,
    /// A Sparkasse (Germany; CSV-CAMT or CSV-MT940).
    Sparkasse,
    /// ING Germany (ING-DiBa; `Umsatzanzeige`).
    IngGermany,
    /// A user's column mapping.
    Mapped,
}

impl Layout {
    /// The code after `csv:` in the contract's format, e.g. `ing`.
    pub fn code(&self) -> &'static str {
        match self {
            Layout::Ing => "ing",
            Layout::Rabobank => "rabobank",
            Layout::AbnAmro => "abnamro",
            Layout::Bunq => "bunq",
            Layout::Knab => "knab",
            Layout::Triodos => "triodos",
            Layout::Asn => "asn",
            Layout::Kbc => "kbc",
            Layout::Bnp => "bnp",
            Layout::Belfius => "belfius",
            Layout::Argenta => "argenta",
            Layout::IngBelgium => "ing_be",
            Layout::Sparkasse => "sparkasse",
            Layout::IngGermany => "ing_de",
            Layout::Mapped => "mapped",
        }
    }
}

/// One row turned into a transaction, with what the statement needs.
pub(crate) struct Row {
    /// The own account as the row writes it (an IBAN where possible).
    pub account: String,
    /// The transaction.
    pub transaction: Transaction,
    /// Balance before the row, when the layout has it.
    pub balance_before: Option<Money>,
    /// Balance after the row, when the layout has it.
    pub balance_after: Option<Money>,
}

/// A record with the line it starts on, for the presets.
pub(crate) struct Record<'r> {
    pub fields: &'r csv::StringRecord,
    pub line: usize,
    pub file_name: &'r str,
    pub headers: &'r [&'static str],
    /// The decimal mark of the layout's amounts; `None` when each amount
    /// shows its own (bunq lets the user choose).
    pub mark: Option<DecimalMark>,
}

impl Record<'_> {
    /// The trimmed text of a column (empty when the row is short).
    pub fn get(&self, index: usize) -> &str {
        self.fields.get(index).unwrap_or_default().trim()
    }

    /// A `Cell` location for a column.
    pub fn at(&self, index: usize) -> Location {
        Location::Cell {
            line: self.line,
            column: self
                .headers
                .get(index)
                .map_or_else(|| format!("{}", index + 1), |name| format!("'{name}'")),
        }
    }

    /// An error at a column.
    pub fn invalid(&self, index: usize, problem: impl Into<String>) -> StatementError {
        StatementError::invalid(self.file_name, self.at(index), problem)
    }
}

/// Turns byte offsets into 1-based line numbers, counting only the bytes
/// since the last call (offsets only grow while a file is read).
#[derive(Debug, Default)]
pub(crate) struct LineCounter {
    offset: usize,
    line: usize,
}

impl LineCounter {
    /// The line a byte offset is on.
    pub fn at(&mut self, text: &str, offset: u64) -> usize {
        let mut end = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(text.len());
        // After CRLF the reader reports the record at the `\n`.
        while matches!(text.as_bytes().get(end), Some(b'\n' | b'\r')) {
            end += 1;
        }
        if end < self.offset {
            self.offset = 0;
            self.line = 0;
        }
        // A line ends at LF, CRLF, or a lone CR (KBC's exports).
        let bytes = text.as_bytes();
        let n_breaks = (self.offset..end)
            .filter(|index| match bytes.get(*index) {
                Some(b'\n') => true,
                Some(b'\r') => bytes.get(index + 1) != Some(&b'\n'),
                _ => false,
            })
            .count();
        self.line += n_breaks;
        self.offset = end;
        self.line + 1
    }
}

/// Reads a CSV file with the preset its header or shape matches.
///
/// # Errors
/// [`StatementError::UnknownCsvLayout`] for a layout no preset matches, and
/// [`StatementError::Invalid`] for a damaged row.
pub fn parse(file_name: &str, text: &str) -> Result<ParsedFile, StatementError> {
    let Some(preset) = presets::detect(text) else {
        if let Some(found) = belgian::detect(text) {
            let rows = belgian::read(file_name, text, &found)?;
            return Ok(assemble(file_name, Format::Csv(found.layout()), rows));
        }
        return Err(StatementError::UnknownCsvLayout {
            file: file_name.to_owned(),
            shape: shape(text),
        });
    };
    let rows = presets::read(file_name, text, preset)?;
    Ok(assemble(file_name, Format::Csv(preset.layout), rows))
}

/// True when a known bank's header row stands somewhere near the top of
/// the text, below lines that do not look like CSV (Belfius's query block).
pub(crate) fn has_known_header(text: &str) -> bool {
    belgian::detect(text).is_some()
}

/// Reads a CSV file with a user's column mapping.
///
/// # Errors
/// [`StatementError::Invalid`] for a row that does not fit the mapping.
pub fn parse_mapped(
    file_name: &str,
    text: &str,
    mapping: &Mapping,
) -> Result<ParsedFile, StatementError> {
    let rows = mapping.read(file_name, text)?;
    Ok(assemble(file_name, Format::Csv(Layout::Mapped), rows))
}

/// The shape of a CSV file: the key its saved mapping goes under. The
/// delimiter and the header's column names (or the number of columns when
/// the first line is data), so files of the same export share it.
pub fn shape(text: &str) -> String {
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or_default();
    let delimiter = mapping::sniff_delimiter(first);
    let cells: Vec<String> = first
        .split(char::from(delimiter))
        .map(|cell| cell.trim().trim_matches(['"', '\'']).trim().to_lowercase())
        .collect();
    let has_digits = cells
        .iter()
        .any(|cell| cell.chars().filter(char::is_ascii_digit).count() >= 4);
    let delimiter_name = match delimiter {
        b'\t' => "tab".to_owned(),
        other => char::from(other).to_string(),
    };
    if has_digits {
        format!("{delimiter_name}|{} columns", cells.len())
    } else {
        format!("{delimiter_name}|{}", cells.join("|"))
    }
}

/// Groups rows into one statement per own account, with balances from the
/// balance columns when the layout has them.
fn assemble(file_name: &str, format: Format, rows: Vec<Row>) -> ParsedFile {
    let mut by_account: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for row in rows {
        if !by_account.contains_key(&row.account) {
            order.push(row.account.clone());
        }
        by_account.entry(row.account.clone()).or_default().push(row);
    }
    let mut statements = Vec::with_capacity(order.len());
    for account in order {
        let Some(rows) = by_account.remove(&account) else {
            continue;
        };
        statements.push(statement(account, rows));
    }
    ParsedFile {
        file_name: file_name.to_owned(),
        format,
        encoding: super::Encoding::UTF_8,
        statements,
        warnings: Vec::new(),
    }
}

/// True when the rows run from newest to oldest: the balance columns say
/// so when they chain, the dates otherwise.
fn newest_first(rows: &[Row]) -> bool {
    if let (Some(first), Some(second)) = (rows.first(), rows.get(1)) {
        // Both chains can hold (an amount and its reversal); then the
        // balances decide nothing and the dates do.
        if let (Some(first_after), Some(second_after)) = (first.balance_after, second.balance_after)
        {
            let forward = first_after + second.transaction.amount == second_after;
            let backward = second_after + first.transaction.amount == first_after;
            if forward != backward {
                return backward;
            }
        }
        if let (Some(first_before), Some(second_before)) =
            (first.balance_before, second.balance_before)
        {
            let forward = first_before + first.transaction.amount == second_before;
            let backward = second_before + second.transaction.amount == first_before;
            if forward != backward {
                return backward;
            }
        }
    }
    let first_date = rows.first().map(|row| row.transaction.booking_date);
    let last_date = rows.last().map(|row| row.transaction.booking_date);
    matches!((first_date, last_date), (Some(first), Some(last)) if first > last)
}

fn statement(account: String, rows: Vec<Row>) -> Statement {
    let newest_first = newest_first(&rows);
    let (oldest, newest) = if newest_first {
        (rows.last(), rows.first())
    } else {
        (rows.first(), rows.last())
    };
    let opening = oldest.and_then(|row| {
        let amount = row.balance_before.or_else(|| {
            row.balance_after
                .map(|after| after - row.transaction.amount)
        })?;
        Some(Balance {
            date: row.transaction.booking_date,
            amount,
        })
    });
    let closing = newest.and_then(|row| {
        let amount = row.balance_after.or_else(|| {
            row.balance_before
                .map(|before| before + row.transaction.amount)
        })?;
        Some(Balance {
            date: row.transaction.booking_date,
            amount,
        })
    });
    let currency = rows
        .first()
        .map_or_else(|| "EUR".to_owned(), |row| row.transaction.currency.clone());
    let origin = rows
        .first()
        .map_or(Location::File, |row| row.transaction.origin.clone());
    Statement {
        account,
        currency,
        statement_id: None,
        opening,
        closing,
        transactions: rows.into_iter().map(|row| row.transaction).collect(),
        origin,
    }
}
