//! Belgian banks' CSV exports: KBC (fields padded with spaces, Dutch or
//! English headers), BNP Paribas Fortis / Fintro / Hello bank! (`Volgnummer`,
//! `Uitvoeringsdatum`, old and new layouts), Belfius (a query block above
//! the header), Argenta and ING Belgium.
//!
//! Unlike the Dutch presets these are read by header name, not position:
//! the banks reorder, add and rename columns between versions, and put
//! preamble lines above the header. A layout is recognised by a few header
//! names that only it has; each role (date, amount, counterparty, …) is the
//! first header that one of its names matches. Dates are day first
//! (`31/01/2026`, `31-01-2026`), the decimal mark is found once per file
//! from the amounts (BNP writes `-7.000,97` in one version and `-49.56` in
//! another). A Belgian structured communication (OGM, `+++ddd/dddd/ddddd+++`)
//! that checks out, in its own column or typed in the free text, becomes the
//! structured reference in its `+++…+++` form (`domain.md` §4.3).
//!
//! German banks' exports ([`super::german`]) are read the same way, with
//! their own specs: `dd.mm.yy` dates, the own IBAN in a preamble line, an
//! end-to-end reference column, and rows the bank has not booked yet.

use chrono::NaiveDate;

use super::{Layout, LineCounter, Row};
use crate::money::{DecimalMark, Money};
use crate::reference::ogm;
use crate::statement::text::{self, non_empty, non_empty_collapsed};
use crate::statement::{Location, StatementError, Transaction};

/// How a Belgian bank's export names its columns.
pub(crate) struct Spec {
    /// The layout this is.
    pub layout: Layout,
    /// The bank's name, for messages.
    pub(super) bank: &'static str,
    /// Sets of header names (lower case) that only this layout has, one set
    /// per language of the online banking; all of one set must appear.
    pub(super) signature: &'static [&'static [&'static str]],
    /// Names of each role's column, first match wins.
    pub(super) date: &'static [&'static str],
    pub(super) value_date: &'static [&'static str],
    pub(super) amount: &'static [&'static str],
    pub(super) currency: &'static [&'static str],
    pub(super) account: &'static [&'static str],
    pub(super) counterparty_iban: &'static [&'static str],
    pub(super) counterparty_name: &'static [&'static str],
    pub(super) structured: &'static [&'static str],
    /// Remittance columns in order of preference: the first non-empty one.
    pub(super) remittance: &'static [&'static str],
    pub(super) bank_reference: &'static [&'static str],
    pub(super) balance_after: &'static [&'static str],
    pub(super) status: &'static [&'static str],
    /// The payer's SEPA end-to-end reference.
    pub(super) end_to_end: &'static [&'static str],
    /// Labels of a preamble line above the header whose next cell is the
    /// own account (ING Germany: `IBAN;DE12 …`), for layouts without an
    /// account column.
    pub(super) preamble_account: &'static [&'static str],
}

pub(super) const NONE: &[&str] = &[];

static SPECS: [Spec; 5] = [
    Spec {
        layout: Layout::Kbc,
        bank: "KBC",
        signature: &[
            &["rubrieknaam", "afschriftnummer"],
            &["heading", "statement number"],
        ],
        date: &["datum", "date"],
        value_date: &["valuta", "value date"],
        amount: &["bedrag", "amount"],
        currency: &["munt", "currency"],
        account: &["rekeningnummer", "account number"],
        counterparty_iban: &[
            "rekeningnummer tegenpartij",
            "rekening tegenpartij",
            "counterparty's account number",
        ],
        counterparty_name: &["naam tegenpartij", "counterparty name"],
        structured: &["gestructureerde mededeling", "standard-format reference"],
        remittance: &[
            "vrije mededeling",
            "free-format reference",
            "omschrijving",
            "description",
        ],
        bank_reference: NONE,
        balance_after: &["saldo", "balance"],
        status: NONE,
        end_to_end: NONE,
        preamble_account: NONE,
    },
    Spec {
        layout: Layout::Bnp,
        bank: "BNP Paribas Fortis / Fintro",
        signature: &[&["volgnummer", "uitvoeringsdatum"]],
        date: &["uitvoeringsdatum"],
        value_date: &["valutadatum"],
        amount: &["bedrag"],
        currency: &["valuta rekening"],
        account: &["rekeningnummer"],
        counterparty_iban: &["tegenpartij"],
        // The old layout's "Tegenpartij van de verrichting" holds the kind
        // of transaction, not a name.
        counterparty_name: &["naam van de tegenpartij"],
        structured: NONE,
        remittance: &["mededeling", "details"],
        bank_reference: &["volgnummer"],
        balance_after: NONE,
        status: &["status"],
        end_to_end: NONE,
        preamble_account: NONE,
    },
    Spec {
        layout: Layout::Belfius,
        bank: "Belfius",
        signature: &[&["boekingsdatum", "naam tegenpartij bevat"]],
        date: &["boekingsdatum"],
        value_date: &["valutadatum"],
        amount: &["bedrag"],
        currency: &["devies"],
        account: &["rekening"],
        counterparty_iban: &["rekening tegenpartij"],
        counterparty_name: &["naam tegenpartij bevat"],
        structured: NONE,
        remittance: &["mededelingen", "transactie"],
        bank_reference: &["transactienummer"],
        balance_after: NONE,
        status: NONE,
        end_to_end: NONE,
        preamble_account: NONE,
    },
    Spec {
        layout: Layout::Argenta,
        bank: "Argenta",
        signature: &[&["boekdatum", "verrichtingsdatum"]],
        date: &["boekdatum"],
        value_date: &["valutadatum", "verrichtingsdatum"],
        amount: &["bedrag"],
        currency: &["munt"],
        account: &["nr v/d rekening", "rekening"],
        counterparty_iban: &["rekening tegenpartij"],
        counterparty_name: &["naam tegenpartij"],
        structured: NONE,
        remittance: &["mededeling", "beschrijving"],
        bank_reference: &["referentie"],
        balance_after: NONE,
        status: NONE,
        end_to_end: NONE,
        preamble_account: NONE,
    },
    Spec {
        layout: Layout::IngBelgium,
        bank: "ING Belgium",
        signature: &[&["omzetnummer", "munteenheid"]],
        date: &["boekingsdatum"],
        value_date: &["valutadatum"],
        amount: &["bedrag"],
        currency: &["munteenheid"],
        account: &["rekeningnummer"],
        counterparty_iban: &["rekening tegenpartij"],
        counterparty_name: NONE,
        structured: NONE,
        remittance: &["bericht", "detail van de omzet", "omschrijving"],
        bank_reference: &["omzetnummer"],
        balance_after: NONE,
        status: NONE,
        end_to_end: NONE,
        preamble_account: NONE,
    },
];

/// Records looked at for the header row (Belfius puts a query block above it).
const HEADER_SEARCH: usize = 30;

/// Day-first date forms Belgian and German banks write (`dd.mm.yy` is
/// read apart, see [`Cells::date`]).
const DATE_FORMATS: [&str; 4] = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"];

/// A header cell as compared: trimmed, unquoted, lower case.
fn normalise(cell: &str) -> String {
    cell.trim().trim_matches('"').trim().to_lowercase()
}

fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// Where a layout's header is: the delimiter, the index of the header
/// record and its normalised names.
pub(crate) struct Found {
    spec: &'static Spec,
    delimiter: u8,
    header_index: usize,
    names: Vec<String>,
    /// The own account from a preamble line, for layouts without its column.
    preamble_account: Option<String>,
}

impl Found {
    /// The layout found.
    pub fn layout(&self) -> Layout {
        self.spec.layout
    }
}

/// The Belgian layout whose header appears near the top of the text.
pub(crate) fn detect(text: &str) -> Option<Found> {
    let text = text.trim_start_matches('\u{feff}');
    for delimiter in [b';', b','] {
        let mut reader = reader(text, delimiter);
        // (label, value) of the lines above the header.
        let mut preamble: Vec<(String, String)> = Vec::new();
        for (index, record) in reader.records().take(HEADER_SEARCH).enumerate() {
            let Ok(record) = record else {
                break;
            };
            let names: Vec<String> = record.iter().map(normalise).collect();
            if let Some(spec) = SPECS.iter().chain(&super::german::SPECS).find(|spec| {
                spec.signature
                    .iter()
                    .any(|set| set.iter().all(|name| names.iter().any(|cell| cell == name)))
            }) {
                let preamble_account = preamble
                    .iter()
                    .find(|(label, _)| spec.preamble_account.contains(&label.as_str()))
                    .and_then(|(_, value)| account(value));
                return Some(Found {
                    spec,
                    delimiter,
                    header_index: index,
                    names,
                    preamble_account,
                });
            }
            if let (Some(label), Some(value)) = (names.first(), record.get(1)) {
                preamble.push((label.clone(), value.to_owned()));
            }
        }
    }
    None
}

/// The column indexes of one file.
struct Columns {
    date: usize,
    value_date: Option<usize>,
    amount: usize,
    currency: Option<usize>,
    account: Option<usize>,
    counterparty_iban: Option<usize>,
    counterparty_name: Option<usize>,
    structured: Option<usize>,
    remittance: Vec<usize>,
    bank_reference: Option<usize>,
    balance_after: Option<usize>,
    status: Option<usize>,
    end_to_end: Option<usize>,
}

impl Columns {
    fn of(found: &Found) -> Option<Columns> {
        let find = |candidates: &[&str]| {
            candidates
                .iter()
                .find_map(|name| found.names.iter().position(|cell| cell == name))
        };
        let spec = found.spec;
        Some(Columns {
            date: find(spec.date)?,
            value_date: find(spec.value_date).filter(|index| Some(*index) != find(spec.date)),
            amount: find(spec.amount)?,
            currency: find(spec.currency),
            account: find(spec.account),
            counterparty_iban: find(spec.counterparty_iban),
            counterparty_name: find(spec.counterparty_name),
            structured: find(spec.structured),
            remittance: spec
                .remittance
                .iter()
                .filter_map(|name| find(&[name]))
                .collect(),
            bank_reference: find(spec.bank_reference),
            balance_after: find(spec.balance_after),
            status: find(spec.status),
            end_to_end: find(spec.end_to_end),
        })
    }
}

/// One record with its place, for cell errors.
struct Cells<'r> {
    record: &'r csv::StringRecord,
    line: usize,
    file_name: &'r str,
    names: &'r [String],
}

impl Cells<'_> {
    fn get(&self, index: usize) -> &str {
        self.record.get(index).unwrap_or_default().trim()
    }

    fn optional(&self, index: Option<usize>) -> Option<String> {
        index.and_then(|index| non_empty_collapsed(self.get(index)))
    }

    fn invalid(&self, index: usize, problem: String) -> StatementError {
        let column = self
            .names
            .get(index)
            .map_or_else(|| format!("{}", index + 1), |name| format!("'{name}'"));
        StatementError::invalid(
            self.file_name,
            Location::Cell {
                line: self.line,
                column,
            },
            problem,
        )
    }

    fn date(&self, index: usize) -> Result<NaiveDate, StatementError> {
        let value = self.get(index);
        // `24.04.26` (Sparkasse): a two-digit year, which `%Y` would read
        // as the year 26.
        let short_year = value.len() == 8 && value.as_bytes().get(2) == Some(&b'.');
        let date = if short_year {
            NaiveDate::parse_from_str(value, "%d.%m.%y").ok()
        } else {
            text::date(value, &DATE_FORMATS)
        };
        date.ok_or_else(|| {
            self.invalid(
                index,
                format!(
                    "'{value}' is not a date (expected DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY or DD.MM.YY)"
                ),
            )
        })
    }

    fn money(&self, index: usize, mark: Option<DecimalMark>) -> Result<Money, StatementError> {
        text::written(self.get(index), mark).map_err(|error| {
            self.invalid(
                index,
                format!("{error}; correct the amount or download the file again"),
            )
        })
    }
}

/// An account as banks write it (`BE68 5390 0754 7034`), without spaces.
fn account(text: &str) -> Option<String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    non_empty(&compact).filter(|account| account.chars().any(|c| c.is_ascii_digit()))
}

/// The first valid OGM written anywhere in a text (`+++010/8068/17183+++`,
/// `***…***`, `010/8068/17183` or twelve digits in its own column), in its
/// `+++…+++` form.
pub(crate) fn find_ogm(text: &str) -> Option<String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = compact.as_bytes();
    let shaped = |start: usize| -> Option<String> {
        let slice = compact.get(start..start + 14)?;
        let separators = [3, 8];
        let ok = slice.bytes().enumerate().all(|(index, byte)| {
            if separators.contains(&index) {
                byte == b'/'
            } else {
                byte.is_ascii_digit()
            }
        });
        let bounded = start == 0 || !bytes.get(start - 1).is_some_and(u8::is_ascii_digit);
        let ends = !bytes.get(start + 14).is_some_and(u8::is_ascii_digit);
        (ok && bounded && ends).then(|| slice.replace('/', ""))
    };
    let from_slashes = (0..bytes.len()).find_map(|start| {
        let digits = shaped(start)?;
        ogm::is_valid(&digits).then_some(digits)
    });
    let digits = from_slashes
        .or_else(|| (compact.len() == 12 && ogm::is_valid(&compact)).then(|| compact.clone()))?;
    let base: u64 = digits.get(..10)?.parse().ok()?;
    ogm::issue(base)
}

/// True when a row's status says the bank refused it, did not execute it,
/// or has not booked it yet (Sparkasse's `Umsatz vorgemerkt`: it comes
/// again, booked, in a later export).
fn not_booked(status: &str) -> bool {
    let status = status.to_lowercase();
    [
        "geweigerd",
        "refus",
        "rejected",
        "geannuleerd",
        "annul",
        "vorgemerkt",
    ]
    .iter()
    .any(|word| status.contains(word))
}

/// Reads every row of a Belgian export.
///
/// # Errors
/// [`StatementError::Invalid`] naming the line and column of a bad date or
/// amount, or when the header lacks a date or amount column.
pub(crate) fn read(file_name: &str, text: &str, found: &Found) -> Result<Vec<Row>, StatementError> {
    let text = text.trim_start_matches('\u{feff}');
    let spec = found.spec;
    let columns = Columns::of(found).ok_or_else(|| {
        StatementError::invalid(
            file_name,
            Location::File,
            format!(
                "the {} export has no date or amount column; export it again with all columns",
                spec.bank
            ),
        )
    })?;
    let mark = guess_mark(text, found, columns.amount);
    let mut reader = reader(text, found.delimiter);
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::default();
    let mut rows = Vec::new();
    let mut index = 0_usize;
    loop {
        let line_before = lines.at(text, reader.position().byte());
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                return Err(StatementError::invalid(
                    file_name,
                    Location::Line(line_before),
                    format!("the row cannot be read as {} CSV ({error})", spec.bank),
                ));
            }
        }
        index += 1;
        if index <= found.header_index + 1 {
            continue;
        }
        let line = record
            .position()
            .map_or(line_before, |position| lines.at(text, position.byte()));
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        let cells = Cells {
            record: &record,
            line,
            file_name,
            names: &found.names,
        };
        if cells
            .optional(columns.status)
            .is_some_and(|status| not_booked(&status))
        {
            continue;
        }
        rows.push(row(
            &cells,
            &columns,
            mark,
            found.preamble_account.as_deref(),
        )?);
    }
    if rows.is_empty() {
        return Err(StatementError::invalid(
            file_name,
            Location::File,
            format!("the {} export holds no transactions", spec.bank),
        ));
    }
    Ok(rows)
}

/// The decimal mark of the file's amounts, from the first amount that can
/// only be read one way.
fn guess_mark(text: &str, found: &Found, amount: usize) -> Option<DecimalMark> {
    let mut reader = reader(text, found.delimiter);
    let amounts: Vec<String> = reader
        .records()
        .skip(found.header_index + 1)
        .filter_map(Result::ok)
        .filter_map(|record| record.get(amount).map(|cell| cell.trim().to_owned()))
        .collect();
    DecimalMark::guess(amounts.iter().map(String::as_str))
}

fn row(
    cells: &Cells<'_>,
    columns: &Columns,
    mark: Option<DecimalMark>,
    preamble_account: Option<&str>,
) -> Result<Row, StatementError> {
    let booking_date = cells.date(columns.date)?;
    let value_date = match columns.value_date {
        Some(index) if !cells.get(index).is_empty() => Some(cells.date(index)?),
        _ => None,
    };
    let amount = cells.money(columns.amount, mark)?;
    let balance_after = match columns.balance_after {
        Some(index) if !cells.get(index).is_empty() => Some(cells.money(index, mark)?),
        _ => None,
    };
    let currency = cells
        .optional(columns.currency)
        .filter(|currency| currency.len() == 3)
        .unwrap_or_else(|| "EUR".to_owned());
    let remittance = columns
        .remittance
        .iter()
        .find_map(|index| non_empty_collapsed(cells.get(*index)));
    let written_structured = cells.optional(columns.structured);
    let structured_reference = written_structured
        .as_deref()
        .and_then(|written| {
            find_ogm(written).or_else(|| super::presets::labelled_reference(written))
        })
        .or_else(|| remittance.as_deref().and_then(find_ogm));
    // A structured communication that does not check out is the payer's
    // typo: kept for a person and the matcher, never as structured.
    let remittance = match (&written_structured, &structured_reference) {
        (Some(written), None) => Some(match remittance {
            Some(before) => format!("{before} {written}"),
            None => written.clone(),
        }),
        _ => remittance,
    };
    let bank_reference = cells
        .optional(columns.bank_reference)
        // BNP writes `2017-` for rows that have no number yet.
        .filter(|reference| !reference.ends_with('-'));
    let counterparty_iban = columns
        .counterparty_iban
        .and_then(|index| account(cells.get(index)));
    let transaction = Transaction {
        booking_date,
        value_date,
        amount,
        currency,
        counterparty_name: cells.optional(columns.counterparty_name),
        counterparty_iban,
        remittance,
        structured_reference,
        end_to_end_id: cells
            .optional(columns.end_to_end)
            .filter(|reference| !reference.eq_ignore_ascii_case("NOTPROVIDED")),
        bank_reference,
        reversal: false,
        return_reason: None,
        ultimate_debtor: None,
        origin: Location::Line(cells.line),
    };
    let own_account = columns
        .account
        .and_then(|index| account(cells.get(index)))
        .or_else(|| preamble_account.map(str::to_owned))
        .ok_or_else(|| {
            cells.invalid(
                columns.account.unwrap_or(0),
                "the row has no own account number; export it again with the account column"
                    .to_owned(),
            )
        })?;
    Ok(Row {
        account: own_account,
        transaction,
        balance_before: None,
        balance_after,
    })
}
