//! Reading a workbook (xlsx, xls, ods) or a CSV file into a grid of cells.
//!
//! The format comes from the bytes, never from the file name. Cells keep
//! their kind (text, number, date) so that later steps can tell an Excel
//! date from a text date; nothing here knows about invoices. CSV text is
//! decoded from UTF-8 (with or without BOM), UTF-16 with BOM, or a guessed
//! legacy encoding (Windows-1252 in practice), and its delimiter is counted.

use std::io::Cursor;

use calamine::{Data, Reader};
use chrono::NaiveDate;

use super::LedgerError;
use crate::sniff::{Sniffed, Spreadsheet, sniff};

/// The file formats a ledger can come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Office Open XML workbook (Excel 2007 and later).
    Xlsx,
    /// Legacy Excel workbook (BIFF8).
    Xls,
    /// OpenDocument spreadsheet (LibreOffice).
    Ods,
    /// Comma- or semicolon-separated text.
    Csv,
    /// A UBL 2.1 / NLCIUS e-invoice.
    Ubl,
}

impl From<Spreadsheet> for Format {
    fn from(kind: Spreadsheet) -> Format {
        match kind {
            Spreadsheet::Xlsx => Format::Xlsx,
            Spreadsheet::Xls => Format::Xls,
            Spreadsheet::Ods => Format::Ods,
        }
    }
}

impl Format {
    /// The contract's code: `xlsx`, `xls`, `ods`, `csv` or `ubl`.
    pub fn code(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Csv => "csv",
            Format::Ubl => "ubl",
        }
    }
}

/// One cell's value.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Cell {
    /// Nothing.
    #[default]
    Empty,
    /// Text, trimmed.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A floating-point number, as spreadsheets store amounts.
    Number(f64),
    /// A cell formatted as a date.
    Date(NaiveDate),
    /// True or false.
    Bool(bool),
}

impl Cell {
    /// True when the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as the user sees it, for previews and messages.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Int(value) => value.to_string(),
            Cell::Number(value) => value.to_string(),
            Cell::Date(date) => date.format("%d-%m-%Y").to_string(),
            Cell::Bool(value) => value.to_string(),
        }
    }

    /// The text of a text cell.
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(text) => Some(text),
            _ => None,
        }
    }
}

/// One sheet: rows of cells, indexed as in the spreadsheet (row 0 is row 1).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// The sheet's name; for CSV the file name without extension.
    pub name: String,
    /// The rows, each as wide as its last non-empty cell.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The cell at a row and column, `Empty` outside the data.
    pub fn cell(&self, row: usize, column: usize) -> &Cell {
        const EMPTY: &Cell = &Cell::Empty;
        self.rows
            .get(row)
            .and_then(|cells| cells.get(column))
            .unwrap_or(EMPTY)
    }
}

/// A whole file read into sheets.
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    /// The detected format.
    pub format: Format,
    /// For CSV, the text encoding found (`utf-8`, `windows-1252`, …).
    pub encoding: Option<&'static str>,
    /// The sheets in workbook order.
    pub sheets: Vec<Sheet>,
}

/// Reads a spreadsheet or CSV file.
///
/// # Errors
/// [`LedgerError::Empty`] for 0 bytes, [`LedgerError::Encrypted`] for a
/// password-protected workbook, [`LedgerError::Unreadable`] for anything that
/// does not open as the format it looks like.
pub fn read(file_name: &str, bytes: &[u8]) -> Result<Workbook, LedgerError> {
    match sniff(bytes) {
        Sniffed::Empty => Err(LedgerError::Empty {
            file: file_name.to_owned(),
        }),
        Sniffed::Encrypted => Err(LedgerError::Encrypted {
            file: file_name.to_owned(),
        }),
        Sniffed::Workbook(kind) => read_workbook(file_name, bytes, Format::from(kind)),
        Sniffed::Text => read_csv(file_name, bytes),
        Sniffed::Xml | Sniffed::Pdf | Sniffed::Binary => Err(LedgerError::Unreadable {
            file: file_name.to_owned(),
            format: "spreadsheet",
            reason: "the content is not a spreadsheet or CSV text".to_owned(),
        }),
    }
}

/// Reads an xlsx, xls or ods workbook with calamine.
fn read_workbook(file_name: &str, bytes: &[u8], format: Format) -> Result<Workbook, LedgerError> {
    let unreadable = |reason: String| {
        if reason.to_lowercase().contains("password") {
            LedgerError::Encrypted {
                file: file_name.to_owned(),
            }
        } else {
            LedgerError::Unreadable {
                file: file_name.to_owned(),
                format: format.code(),
                reason,
            }
        }
    };
    // calamine unpacks a part as far as it goes: a forged package (one
    // cell of 600 MB in a 600 kB file) is refused on its stated and actual
    // sizes before calamine sees it.
    if matches!(format, Format::Xlsx | Format::Ods) {
        crate::archive::check(file_name, bytes, &crate::archive::WORKBOOK).map_err(|error| {
            LedgerError::Unreadable {
                file: file_name.to_owned(),
                format: format.code(),
                reason: package_problem(file_name, &error),
            }
        })?;
    }
    let cursor = Cursor::new(bytes);
    let mut sheets = Vec::new();
    macro_rules! read_all {
        ($reader:ty) => {{
            let mut workbook = calamine::open_workbook_from_rs::<$reader, _>(cursor)
                .map_err(|error| unreadable(error.to_string()))?;
            for name in workbook.sheet_names() {
                let range = workbook
                    .worksheet_range(&name)
                    .map_err(|error| unreadable(error.to_string()))?;
                sheets.push(to_sheet(name, &range));
            }
        }};
    }
    match format {
        Format::Xlsx => read_all!(calamine::Xlsx<_>),
        Format::Xls => read_all!(calamine::Xls<_>),
        Format::Ods => read_all!(calamine::Ods<_>),
        Format::Csv | Format::Ubl => return read_csv(file_name, bytes),
    }
    Ok(Workbook {
        format,
        encoding: None,
        sheets,
    })
}

/// What is wrong with a workbook's package, without the file name the
/// ledger error already starts with.
fn package_problem(file_name: &str, error: &crate::archive::ArchiveError) -> String {
    let message = error.to_string();
    let prefix = format!("{file_name}/");
    match message.strip_prefix(&prefix) {
        Some(rest) => format!("its part {rest}"),
        None => message
            .strip_prefix(&format!("{file_name}: "))
            .unwrap_or(&message)
            .to_owned(),
    }
}

/// Converts calamine's range, which starts at its first used cell, into rows
/// indexed from the top-left of the sheet.
fn to_sheet(name: String, range: &calamine::Range<Data>) -> Sheet {
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(range.height() + first_row as usize);
    rows.resize_with(first_row as usize, Vec::new);
    for data_row in range.rows() {
        let mut cells: Vec<Cell> = Vec::with_capacity(data_row.len() + first_column as usize);
        cells.resize_with(first_column as usize, Cell::default);
        cells.extend(data_row.iter().map(to_cell));
        while cells.last().is_some_and(Cell::is_empty) {
            cells.pop();
        }
        rows.push(cells);
    }
    Sheet { name, rows }
}

/// Converts one calamine value.
fn to_cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) => text_cell(text),
        Data::Int(value) => Cell::Int(*value),
        Data::Float(value) => Cell::Number(*value),
        Data::Bool(value) => Cell::Bool(*value),
        Data::DateTime(value) => match value.as_datetime() {
            Some(moment) if value.is_datetime() => Cell::Date(moment.date()),
            _ => Cell::Number(value.as_f64()),
        },
        Data::DateTimeIso(text) => text
            .get(..10)
            .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
            .map_or_else(|| text_cell(text), Cell::Date),
        Data::DurationIso(text) => text_cell(text),
        Data::Error(error) => Cell::Text(format!("#{error}")),
    }
}

/// A text cell, or `Empty` for blank text.
fn text_cell(text: &str) -> Cell {
    let trimmed = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if trimmed.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(trimmed.to_owned())
    }
}

/// Decodes CSV bytes: a BOM wins, then valid UTF-8, then chardetng's guess
/// (for Dutch exports nearly always Windows-1252).
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_length..).unwrap_or_default();
        let (text, _) = encoding.decode_without_bom_handling(rest);
        return (text.into_owned(), encoding_label(encoding));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), "utf-8");
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(Some(b"nl"), chardetng::Utf8Detection::Allow);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    (text.into_owned(), encoding_label(encoding))
}

/// The lower-case label of an encoding, as the contract prints it.
fn encoding_label(encoding: &'static encoding_rs::Encoding) -> &'static str {
    match encoding.name() {
        "UTF-8" => "utf-8",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        "windows-1252" => "windows-1252",
        "ISO-8859-15" => "iso-8859-15",
        "ISO-8859-2" => "iso-8859-2",
        "windows-1250" => "windows-1250",
        _ => "other",
    }
}

/// The delimiters a CSV export may use, in order of preference on a tie.
const DELIMITERS: [u8; 4] = [b';', b',', b'\t', b'|'];

/// Picks the delimiter whose count per line is the most consistent over the
/// first lines: title lines above the table have none, so the count that most
/// lines share wins, weighted by the count itself.
pub fn detect_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (0_usize, b';');
    for delimiter in DELIMITERS {
        let counts: Vec<usize> = lines
            .iter()
            .map(|line| count_outside_quotes(line, delimiter))
            .collect();
        let mut score = 0;
        for &count in counts.iter().filter(|&&count| count > 0) {
            let sharing = counts.iter().filter(|&&other| other == count).count();
            score = score.max(sharing * (count + 1));
        }
        if score > best.0 {
            best = (score, delimiter);
        }
    }
    best.1
}

/// Occurrences of a delimiter outside double quotes.
fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    let mut count = 0;
    for byte in line.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if byte == delimiter && !quoted {
            count += 1;
        }
    }
    count
}

/// Reads CSV text into one sheet named after the file.
fn read_csv(file_name: &str, bytes: &[u8]) -> Result<Workbook, LedgerError> {
    let (text, encoding) = decode(bytes);
    if let Some(at) = text.find('\0') {
        let line = text.get(..at).unwrap_or_default().matches('\n').count() + 1;
        return Err(LedgerError::Unreadable {
            file: file_name.to_owned(),
            format: "csv",
            reason: format!(
                "line {line} holds a NUL byte, which CSV text never does: the file is damaged or not an export"
            ),
        });
    }
    let delimiter = detect_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| LedgerError::Unreadable {
            file: file_name.to_owned(),
            format: "csv",
            reason: match error.position() {
                Some(position) => format!("line {}: {error}", position.line()),
                None => error.to_string(),
            },
        })?;
        let mut cells: Vec<Cell> = record.iter().map(text_cell).collect();
        while cells.last().is_some_and(Cell::is_empty) {
            cells.pop();
        }
        rows.push(cells);
    }
    let stem = std::path::Path::new(file_name)
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or(file_name);
    Ok(Workbook {
        format: Format::Csv,
        encoding: Some(encoding),
        sheets: vec![Sheet {
            name: stem.to_owned(),
            rows,
        }],
    })
}
