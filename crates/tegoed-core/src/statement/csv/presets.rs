//! One preset per bank: how to recognise its export and turn a row into a
//! transaction. Column meanings follow `shared/corpora/synthetic-csv` and the
//! banks' published descriptions.

use chrono::NaiveDate;

use super::{Layout, Record, Row};
use crate::money::{DecimalMark, Money};
use crate::reference::iban;
use crate::statement::mt940::details::{self, first_value, label_values};
use crate::statement::text::{self, looks_like_iban, non_empty};
use crate::statement::{Location, StatementError, Transaction};

/// How a bank's CSV looks and reads.
pub(crate) struct Preset {
    pub layout: Layout,
    delimiter: u8,
    quote: u8,
    /// Records before the first row (preamble and header).
    skip: usize,
    /// The fewest fields a complete row has.
    n_fields: usize,
    /// Column names for messages.
    headers: &'static [&'static str],
    /// The bank's name for messages.
    bank: &'static str,
    /// The decimal mark of its amounts; `None` when the bank lets the user
    /// choose (bunq), and each amount shows its own.
    mark: Option<DecimalMark>,
    row: fn(&Record<'_>) -> Result<Row, StatementError>,
}

const ING_HEADERS: [&str; 11] = [
    "Datum",
    "Naam / Omschrijving",
    "Rekening",
    "Tegenrekening",
    "Code",
    "Af Bij",
    "Bedrag (EUR)",
    "Mutatiesoort",
    "Mededelingen",
    "Saldo na mutatie",
    "Tag",
];
const ING_ENGLISH_HEADERS: [&str; 11] = [
    "Date",
    "Name / Description",
    "Account",
    "Counterparty",
    "Code",
    "Debit/credit",
    "Amount (EUR)",
    "Transaction type",
    "Notifications",
    "Resulting balance",
    "Tag",
];
const ING_SAVINGS_HEADERS: [&str; 11] = [
    "Datum",
    "Omschrijving",
    "Rekening",
    "Rekening naam",
    "Tegenrekening",
    "Af Bij",
    "Bedrag",
    "Valuta",
    "Mutatiesoort",
    "Mededelingen",
    "Saldo na mutatie",
];
const ING_SAVINGS_ENGLISH_HEADERS: [&str; 11] = [
    "Date",
    "Description",
    "Account",
    "Account name",
    "Counterparty",
    "Debit/credit",
    "Amount",
    "Currency",
    "Transaction type",
    "Notifications",
    "Resulting balance",
];
const RABOBANK_HEADERS: [&str; 22] = [
    "IBAN/BBAN",
    "Munt",
    "BIC",
    "Volgnr",
    "Datum",
    "Rentedatum",
    "Bedrag",
    "Saldo na trn",
    "Tegenrekening IBAN/BBAN",
    "Naam tegenpartij",
    "Naam uiteindelijke partij",
    "Naam initiërende partij",
    "BIC tegenpartij",
    "Code",
    "Batch ID",
    "Transactiereferentie",
    "Machtigingskenmerk",
    "Incassant ID",
    "Betalingskenmerk",
    "Omschrijving-1",
    "Omschrijving-2",
    "Omschrijving-3",
];
const ABN_HEADERS: [&str; 8] = [
    "Rekeningnummer",
    "Muntsoort",
    "Transactiedatum",
    "Beginsaldo",
    "Eindsaldo",
    "Rentedatum",
    "Transactiebedrag",
    "Omschrijving",
];
const BUNQ_HEADERS: [&str; 7] = [
    "Date",
    "Interest Date",
    "Amount",
    "Account",
    "Counterparty",
    "Name",
    "Description",
];
/// bunq's export with the app set to Dutch.
const BUNQ_NL_HEADERS: [&str; 7] = [
    "Datum",
    "Rentedatum",
    "Bedrag",
    "Rekening",
    "Tegenrekening",
    "Naam",
    "Omschrijving",
];
const KNAB_HEADERS: [&str; 16] = [
    "Rekeningnummer",
    "Transactiedatum",
    "Valutacode",
    "CreditDebet",
    "Bedrag",
    "Tegenrekeningnummer",
    "Tegenrekeninghouder",
    "Valutadatum",
    "Betaalwijze",
    "Omschrijving",
    "Type betaling",
    "Machtigingsnummer",
    "Incassant ID",
    "Adres",
    "Referentie",
    "Boekdatum",
];
const TRIODOS_HEADERS: [&str; 9] = [
    "Datum",
    "Rekening",
    "Bedrag",
    "Debet/Credit",
    "Naam tegenrekening",
    "Tegenrekening",
    "Code",
    "Omschrijving",
    "Saldo",
];
const ASN_HEADERS: [&str; 19] = [
    "Boekingsdatum",
    "Opdrachtgeversrekening",
    "Tegenrekeningnummer",
    "Naam tegenrekening",
    "Adres",
    "Postcode",
    "Plaats",
    "Valutasoort rekening",
    "Saldo rekening voor mutatie",
    "Valutasoort mutatie",
    "Transactiebedrag",
    "Journaaldatum",
    "Valutadatum",
    "Interne transactiecode",
    "Globale transactiecode",
    "Volgnummer transactie",
    "Betalingskenmerk",
    "Omschrijving",
    "Afschriftnummer",
];

static PRESETS: [Preset; 17] = [
    // ING in English, and ING's savings accounts in Dutch and English:
    // the language the online banking is set to.
    Preset {
        layout: Layout::Ing,
        delimiter: b';',
        quote: b'"',
        skip: 1,
        n_fields: 10,
        headers: &ING_ENGLISH_HEADERS,
        bank: "ING",
        mark: Some(DecimalMark::Comma),
        row: ing_english,
    },
    Preset {
        layout: Layout::Ing,
        delimiter: b',',
        quote: b'"',
        skip: 1,
        n_fields: 10,
        headers: &ING_ENGLISH_HEADERS,
        bank: "ING",
        mark: Some(DecimalMark::Comma),
        row: ing_english,
    },
    Preset {
        layout: Layout::Ing,
        delimiter: b';',
        quote: b'"',
        skip: 1,
        n_fields: 10,
        headers: &ING_SAVINGS_HEADERS,
        bank: "ING",
        mark: Some(DecimalMark::Comma),
        row: ing_savings_dutch,
    },
    Preset {
        layout: Layout::Ing,
        delimiter: b',',
        quote: b'"',
        skip: 1,
        n_fields: 10,
        headers: &ING_SAVINGS_HEADERS,
        bank: "ING",
        mark: Some(DecimalMark::Comma),
        row: ing_savings_dutch,
    },
    Preset {
        layout: Layout::Ing,
        delimiter: b';',
        quote: b'"',
        skip: 1,
        n_fields: 10,
        headers: &ING_SAVINGS_ENGLISH_HEADERS,
        bank: "ING",
        mark: Some(DecimalMark::Comma),
        row: ing_savings_english,
    },
    Preset {
        layout: Layout::Ing,
        delimiter: b',',
        quote: b'"',
        skip: 1,
        n_fields: 10,
        headers: &ING_SAVINGS_ENGLISH_HEADERS,
        bank: "ING",
        mark: Some(DecimalMark::Comma),
        row: ing_savings_english,
    },
    Preset {
        layout: Layout::Ing,
        delimiter: b';',
        quote: b'"',
        skip: 1,
        n_fields: 9,
        headers: &ING_HEADERS,
        bank: "ING",
        mark: Some(DecimalMark::Comma),
        row: ing,
    },
    // ING's older export: the same columns, comma-separated, every field
    // quoted, the balance and tag columns only in some years.
    Preset {
        layout: Layout::Ing,
        delimiter: b',',
        quote: b'"',
        skip: 1,
        n_fields: 9,
        headers: &ING_HEADERS,
        bank: "ING",
        mark: Some(DecimalMark::Comma),
        row: ing,
    },
    Preset {
        layout: Layout::Rabobank,
        delimiter: b',',
        quote: b'"',
        skip: 1,
        n_fields: 22,
        headers: &RABOBANK_HEADERS,
        bank: "Rabobank",
        mark: Some(DecimalMark::Comma),
        row: rabobank,
    },
    Preset {
        layout: Layout::AbnAmro,
        delimiter: b'\t',
        quote: 0,
        skip: 0,
        n_fields: 8,
        headers: &ABN_HEADERS,
        bank: "ABN AMRO",
        mark: Some(DecimalMark::Comma),
        row: abn_amro,
    },
    Preset {
        layout: Layout::Bunq,
        delimiter: b';',
        quote: b'"',
        skip: 1,
        n_fields: 7,
        headers: &BUNQ_HEADERS,
        bank: "bunq",
        mark: None,
        row: bunq,
    },
    Preset {
        layout: Layout::Bunq,
        delimiter: b';',
        quote: b'"',
        skip: 1,
        n_fields: 7,
        headers: &BUNQ_NL_HEADERS,
        bank: "bunq",
        mark: None,
        row: bunq,
    },
    Preset {
        layout: Layout::Bunq,
        delimiter: b',',
        quote: b'"',
        skip: 1,
        n_fields: 7,
        headers: &BUNQ_HEADERS,
        bank: "bunq",
        mark: None,
        row: bunq,
    },
    Preset {
        layout: Layout::Bunq,
        delimiter: b',',
        quote: b'"',
        skip: 1,
        n_fields: 7,
        headers: &BUNQ_NL_HEADERS,
        bank: "bunq",
        mark: None,
        row: bunq,
    },
    Preset {
        layout: Layout::Knab,
        delimiter: b';',
        quote: b'"',
        skip: 2,
        n_fields: 16,
        headers: &KNAB_HEADERS,
        bank: "Knab",
        mark: Some(DecimalMark::Comma),
        row: knab,
    },
    Preset {
        layout: Layout::Triodos,
        delimiter: b',',
        quote: b'"',
        skip: 0,
        n_fields: 8,
        headers: &TRIODOS_HEADERS,
        bank: "Triodos",
        mark: Some(DecimalMark::Comma),
        row: triodos,
    },
    Preset {
        layout: Layout::Asn,
        delimiter: b',',
        quote: b'\'',
        skip: 0,
        n_fields: 18,
        headers: &ASN_HEADERS,
        bank: "ASN Bank",
        mark: Some(DecimalMark::Dot),
        row: asn,
    },
];

/// The first record of a text read with a delimiter and quote.
fn first_record(text: &str, delimiter: u8, quote: u8) -> Option<csv::StringRecord> {
    reader(text, delimiter, quote).records().next()?.ok()
}

fn reader(text: &str, delimiter: u8, quote: u8) -> csv::Reader<&[u8]> {
    let mut builder = csv::ReaderBuilder::new();
    builder
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true);
    if quote == 0 {
        builder.quoting(false);
    } else {
        builder.quote(quote);
    }
    builder.from_reader(text.as_bytes())
}

fn is_date(text: &str, format: &str) -> bool {
    NaiveDate::parse_from_str(text.trim(), format).is_ok()
}

/// The preset whose header or shape the text matches.
pub(crate) fn detect(text: &str) -> Option<&'static Preset> {
    let text = text.trim_start_matches('\u{feff}');
    let first_line = text.lines().next().unwrap_or_default();
    let preset = |layout: Layout| PRESETS.iter().find(|preset| preset.layout == layout);
    if first_line.starts_with("KNAB EXPORT")
        || first_line.starts_with("Rekeningnummer;Transactiedatum")
    {
        return preset(Layout::Knab);
    }
    if let Some(ing) = ing_variant(first_line) {
        return Some(ing);
    }
    if first_line.contains("Naam / Omschrijving") && first_line.contains("Af Bij") {
        // The delimiter between the header's quoted names decides between
        // the current `;` export and the older `,` one.
        let comma_separated = first_line.matches("\",\"").count()
            > first_line.matches("\";\"").count()
            || (!first_line.contains(';') && first_line.contains(','));
        let delimiter = if comma_separated { b',' } else { b';' };
        return PRESETS.iter().find(|preset| {
            preset.layout == Layout::Ing
                && preset.delimiter == delimiter
                && preset.headers.get(1) == ING_HEADERS.get(1)
        });
    }
    if first_line.contains("IBAN/BBAN") && first_line.contains("Volgnr") {
        return preset(Layout::Rabobank);
    }
    if let Some(bunq) = bunq_preset(first_line) {
        return Some(bunq);
    }
    let tabbed: Vec<&str> = first_line.split('\t').collect();
    if tabbed.len() == 8
        && tabbed.first().is_some_and(|account| {
            (9..=10).contains(&account.trim().len())
                && account.trim().bytes().all(|b| b.is_ascii_digit())
        })
        && tabbed.get(2).is_some_and(|date| is_date(date, "%Y%m%d"))
    {
        return preset(Layout::AbnAmro);
    }
    if let Some(record) = first_record(text, b',', b'"')
        && (8..=9).contains(&record.len())
        && is_date(record.get(0).unwrap_or_default(), "%d-%m-%Y")
        && matches!(record.get(3).map(str::trim), Some("Debet" | "Credit"))
    {
        return preset(Layout::Triodos);
    }
    if let Some(record) = first_record(text, b',', b'\'')
        && record.len() >= 18
        && is_date(record.get(0).unwrap_or_default(), "%d-%m-%Y")
        && looks_like_iban(record.get(1).unwrap_or_default().trim())
    {
        return preset(Layout::Asn);
    }
    None
}

/// ING's English current-account export and its savings-account exports,
/// by their header, `;`- or `,`-separated.
fn ing_variant(first_line: &str) -> Option<&'static Preset> {
    let headers: &[&str] =
        if first_line.contains("Name / Description") && first_line.contains("Debit/credit") {
            &ING_ENGLISH_HEADERS
        } else if first_line.contains("Rekening naam") && first_line.contains("Af Bij") {
            &ING_SAVINGS_HEADERS
        } else if first_line.contains("Account name") && first_line.contains("Debit/credit") {
            &ING_SAVINGS_ENGLISH_HEADERS
        } else {
            return None;
        };
    let delimiter = if first_line.matches(';').count() >= first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    PRESETS.iter().find(|preset| {
        preset.layout == Layout::Ing
            && preset.delimiter == delimiter
            && preset.headers.first() == headers.first()
            && preset.headers.get(1) == headers.get(1)
    })
}

/// The bunq preset for a header line: bunq writes its column names in the
/// app's language (English or Dutch), separated by `;` (older exports) or
/// `,` (today's), quoted or not.
fn bunq_preset(first_line: &str) -> Option<&'static Preset> {
    let n_semicolons = first_line.matches(';').count();
    let n_commas = first_line.matches(',').count();
    let delimiter = if n_semicolons > n_commas { b';' } else { b',' };
    let cells: Vec<&str> = first_line
        .split(char::from(delimiter))
        .map(|cell| cell.trim().trim_matches('"').trim())
        .collect();
    PRESETS.iter().find(|preset| {
        preset.layout == Layout::Bunq
            && preset.delimiter == delimiter
            && cells.len() >= preset.n_fields
            && preset
                .headers
                .iter()
                .zip(&cells)
                .all(|(name, cell)| name.eq_ignore_ascii_case(cell))
    })
}

/// The decimal mark of a layout that lets the user choose (bunq), guessed
/// from its amount column (the third): the first amount that can only be
/// read one way decides for the whole file, so `1.034` in a file of
/// `-24.99` is not read as 1034. `None` leaves each amount to show its own.
fn guess_mark(text: &str, preset: &Preset) -> Option<DecimalMark> {
    let mut reader = reader(text, preset.delimiter, preset.quote);
    let amounts: Vec<String> = reader
        .records()
        .skip(preset.skip)
        .filter_map(Result::ok)
        .filter_map(|record| record.get(2).map(str::to_owned))
        .collect();
    DecimalMark::guess(amounts.iter().map(String::as_str))
}

/// Reads every row of a file with a preset.
pub(crate) fn read(
    file_name: &str,
    text: &str,
    preset: &Preset,
) -> Result<Vec<Row>, StatementError> {
    let text = text.trim_start_matches('\u{feff}');
    let mark = preset.mark.or_else(|| guess_mark(text, preset));
    let mut reader = reader(text, preset.delimiter, preset.quote);
    let mut record = csv::StringRecord::new();
    let mut rows = Vec::new();
    let mut index = 0_usize;
    let mut lines = super::LineCounter::default();
    loop {
        let line_before = lines.at(text, reader.position().byte());
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                let line = error
                    .position()
                    .map_or(line_before, |position| lines.at(text, position.byte()));
                return Err(StatementError::invalid(
                    file_name,
                    Location::Line(line),
                    format!("the row cannot be read as {} CSV ({error})", preset.bank),
                ));
            }
        }
        index += 1;
        if index <= preset.skip {
            continue;
        }
        let line = record
            .position()
            .map_or(line_before, |position| lines.at(text, position.byte()));
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        if record.len() < preset.n_fields {
            return Err(StatementError::invalid(
                file_name,
                Location::Line(line),
                format!(
                    "the row has {} of the {} columns of a {} export (an unclosed quote or a cut-off file); download the file again",
                    record.len(),
                    preset.n_fields,
                    preset.bank
                ),
            ));
        }
        let context = Record {
            fields: &record,
            line,
            file_name,
            headers: preset.headers,
            mark,
        };
        rows.push((preset.row)(&context)?);
    }
    if rows.is_empty() {
        return Err(StatementError::invalid(
            file_name,
            Location::File,
            format!("the {} export holds no transactions", preset.bank),
        ));
    }
    Ok(rows)
}

/// An amount in a column, with the layout's decimal mark: a malformed one
/// (`12,3,4`) stops the file with its line and column.
pub(crate) fn money(record: &Record<'_>, index: usize) -> Result<Money, StatementError> {
    text::written(record.get(index), record.mark).map_err(|error| {
        record.invalid(
            index,
            format!("{error}; correct the amount or download the file again"),
        )
    })
}

/// An optional amount in a column (empty is `None`).
fn optional_money(record: &Record<'_>, index: usize) -> Result<Option<Money>, StatementError> {
    if record.get(index).is_empty() {
        return Ok(None);
    }
    money(record, index).map(Some)
}

/// A date in a column.
pub(crate) fn date(
    record: &Record<'_>,
    index: usize,
    format: &str,
) -> Result<NaiveDate, StatementError> {
    let value = record.get(index);
    text::date(value, &[format]).ok_or_else(|| {
        record.invalid(
            index,
            format!(
                "'{value}' is not a date (expected {})",
                human_format(format)
            ),
        )
    })
}

fn optional_date(
    record: &Record<'_>,
    index: usize,
    format: &str,
) -> Result<Option<NaiveDate>, StatementError> {
    if record.get(index).is_empty() {
        return Ok(None);
    }
    date(record, index, format).map(Some)
}

fn human_format(format: &str) -> String {
    format
        .replace("%Y", "YYYY")
        .replace("%m", "MM")
        .replace("%d", "DD")
        .replace("%y", "YY")
}

/// A column's text, `None` when empty.
fn cell(record: &Record<'_>, index: usize) -> Option<String> {
    non_empty(record.get(index))
}

fn transaction(
    record: &Record<'_>,
    booking_date: NaiveDate,
    amount: Money,
    currency: &str,
) -> Transaction {
    Transaction {
        booking_date,
        value_date: None,
        amount,
        currency: currency.to_owned(),
        counterparty_name: None,
        counterparty_iban: None,
        remittance: None,
        structured_reference: None,
        end_to_end_id: None,
        bank_reference: None,
        reversal: false,
        return_reason: None,
        ultimate_debtor: None,
        origin: Location::Line(record.line),
    }
}

/// The labels in ING's `Mededelingen`, longest first. Every label the
/// bank writes is listed, so that no value runs on into the next one (an
/// unknown `Betalingskenm.:` used to end up inside the IBAN).
const ING_LABELS: [&str; 17] = [
    "Oorspr. bedrag:",
    "Betalingskenm.:",
    "Machtiging ID:",
    "Incassant ID:",
    "Omschrijving:",
    "Valutadatum:",
    "Transactie:",
    "Datum/Tijd:",
    "Referentie:",
    "Pasvolgnr:",
    "Kenmerk:",
    "Kosten:",
    "Koers:",
    "IBAN:",
    "Naam:",
    "Term:",
    "BIC:",
];

/// A structured reference as the payer's bank labelled it: a betalingskenmerk
/// or RF reference that checks out (`domain.md` §4), without spaces.
pub(crate) fn labelled_reference(value: &str) -> Option<String> {
    use crate::reference::{Kind, classify};
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    match classify(&compact) {
        (Kind::Betalingskenmerk | Kind::Rf | Kind::Ogm, true) => Some(compact.to_ascii_uppercase()),
        _ => None,
    }
}

/// The words of ING's export in the language the online banking is set to.
struct IngLanguage {
    /// Money out and money in (`Af`/`Bij`, `Debit`/`Credit`).
    out: &'static str,
    into: &'static str,
    /// The labels in the notes column, longest first.
    labels: &'static [&'static str],
    /// The label of the description, the end-to-end id, the structured
    /// reference and the value date.
    description: &'static str,
    reference: &'static str,
    payment_reference: &'static str,
    value_date: &'static str,
    /// How the value date is written.
    value_date_format: &'static str,
}

static ING_DUTCH: IngLanguage = IngLanguage {
    out: "Af",
    into: "Bij",
    labels: &ING_LABELS,
    description: "Omschrijving:",
    reference: "Kenmerk:",
    payment_reference: "Betalingskenm.:",
    value_date: "Valutadatum:",
    value_date_format: "%d-%m-%Y",
};

/// The labels of ING's English export, longest first.
const ING_ENGLISH_LABELS: [&str; 15] = [
    "Card sequence no.:",
    "Payment reference:",
    "Description:",
    "Other party:",
    "Creditor ID:",
    "Transaction:",
    "Value date:",
    "Mandate ID:",
    "Reference:",
    "Currency:",
    "Mark-up:",
    "Rate:",
    "IBAN:",
    "Name:",
    "Term:",
];

static ING_ENGLISH: IngLanguage = IngLanguage {
    out: "Debit",
    into: "Credit",
    labels: &ING_ENGLISH_LABELS,
    description: "Description:",
    reference: "Reference:",
    payment_reference: "Payment reference:",
    value_date: "Value date:",
    value_date_format: "%d/%m/%Y",
};

/// The signed amount from an unsigned amount and an `Af`/`Bij` column.
fn ing_amount(
    record: &Record<'_>,
    amount: usize,
    sign: usize,
    language: &IngLanguage,
) -> Result<Money, StatementError> {
    let unsigned = money(record, amount)?;
    match record.get(sign) {
        word if word == language.out => Ok(-unsigned),
        word if word == language.into => Ok(unsigned),
        other => Err(record.invalid(
            sign,
            format!("'{other}' is not {} or {}", language.out, language.into),
        )),
    }
}

/// Reads ING's notes column into the transaction: labelled parts to their
/// fields, the description as remittance (all of it when nothing is
/// labelled), a checked betalingskenmerk or RF as structured reference.
fn ing_notes(notes: &str, language: &IngLanguage, transaction: &mut Transaction) {
    let values = label_values(notes, language.labels);
    transaction.end_to_end_id = first_value(&values, language.reference);
    transaction.value_date = first_value(&values, language.value_date)
        .and_then(|value| text::date(&value, &[language.value_date_format, "%d-%m-%Y"]));
    let mut remittance = first_value(&values, language.description);
    if values.is_empty() {
        // Older exports write plain text without labels: all of it is the
        // description.
        remittance = text::non_empty_collapsed(notes);
    }
    if let Some(written) = first_value(&values, language.payment_reference) {
        match labelled_reference(&written) {
            Some(reference) => transaction.structured_reference = Some(reference),
            // A kenmerk that does not check out is the payer's typo: kept
            // as written for a person and the matcher, never as structured.
            None => {
                let part = format!("{} {written}", language.payment_reference);
                remittance = Some(match remittance {
                    Some(before) => format!("{before} {part}"),
                    None => part,
                });
            }
        }
    }
    transaction.remittance = remittance;
}

fn ing_current(record: &Record<'_>, language: &IngLanguage) -> Result<Row, StatementError> {
    let booking_date = date(record, 0, "%Y%m%d")?;
    let amount = ing_amount(record, 6, 5, language)?;
    let mut transaction = transaction(record, booking_date, amount, "EUR");
    transaction.counterparty_name = cell(record, 1);
    transaction.counterparty_iban = cell(record, 3);
    ing_notes(record.get(8), language, &mut transaction);
    Ok(Row {
        account: record.get(2).to_owned(),
        transaction,
        balance_before: None,
        balance_after: optional_money(record, 9)?,
    })
}

fn ing(record: &Record<'_>) -> Result<Row, StatementError> {
    ing_current(record, &ING_DUTCH)
}

fn ing_english(record: &Record<'_>) -> Result<Row, StatementError> {
    ing_current(record, &ING_ENGLISH)
}

/// ING's savings accounts (*spaarrekeningen*): their own 11 columns, the
/// description second and the account's own number (`K 444-12345`).
fn ing_savings(
    record: &Record<'_>,
    language: &IngLanguage,
    date_format: &str,
) -> Result<Row, StatementError> {
    let booking_date = date(record, 0, date_format)?;
    let amount = ing_amount(record, 6, 5, language)?;
    let currency = non_empty(record.get(7)).unwrap_or_else(|| "EUR".to_owned());
    let mut transaction = transaction(record, booking_date, amount, &currency);
    transaction.counterparty_iban = cell(record, 4);
    ing_notes(record.get(9), language, &mut transaction);
    if transaction.remittance.is_none() {
        transaction.remittance = cell(record, 1);
    }
    Ok(Row {
        account: record.get(2).to_owned(),
        transaction,
        balance_before: None,
        balance_after: optional_money(record, 10)?,
    })
}

fn ing_savings_dutch(record: &Record<'_>) -> Result<Row, StatementError> {
    ing_savings(record, &ING_DUTCH, "%Y-%m-%d")
}

fn ing_savings_english(record: &Record<'_>) -> Result<Row, StatementError> {
    ing_savings(record, &ING_ENGLISH, "%d-%m-%Y")
}

fn rabobank(record: &Record<'_>) -> Result<Row, StatementError> {
    let booking_date = date(record, 4, "%Y-%m-%d")?;
    let amount = money(record, 6)?;
    let currency = non_empty(record.get(1)).unwrap_or_else(|| "EUR".to_owned());
    let mut transaction = transaction(record, booking_date, amount, &currency);
    transaction.value_date = optional_date(record, 5, "%Y-%m-%d")?;
    transaction.counterparty_iban = cell(record, 8);
    transaction.counterparty_name = cell(record, 9);
    transaction.end_to_end_id = cell(record, 15);
    transaction.structured_reference = cell(record, 18);
    transaction.bank_reference = cell(record, 3);
    let parts: Vec<&str> = [19, 20, 21]
        .iter()
        .map(|index| record.get(*index))
        .filter(|part| !part.is_empty())
        .collect();
    transaction.remittance = non_empty(&parts.join(" "));
    Ok(Row {
        account: record.get(0).to_owned(),
        transaction,
        balance_before: None,
        balance_after: optional_money(record, 7)?,
    })
}

fn abn_amro(record: &Record<'_>) -> Result<Row, StatementError> {
    let number = record.get(0);
    let account =
        iban::from_parts("NL", &format!("ABNA{number:0>10}")).unwrap_or_else(|| number.to_owned());
    let booking_date = date(record, 2, "%Y%m%d")?;
    let amount = money(record, 6)?;
    let currency = non_empty(record.get(1)).unwrap_or_else(|| "EUR".to_owned());
    let mut transaction = transaction(record, booking_date, amount, &currency);
    transaction.value_date = optional_date(record, 5, "%Y%m%d")?;
    let description = record.fields.get(7).unwrap_or_default().trim_end();
    let found = details::parse_tab_description(description);
    transaction.counterparty_name = found.name;
    transaction.counterparty_iban = found.iban;
    transaction.remittance = found.remittance;
    transaction.structured_reference = found.structured_reference;
    transaction.end_to_end_id = found.end_to_end_id;
    Ok(Row {
        account,
        transaction,
        balance_before: optional_money(record, 3)?,
        balance_after: optional_money(record, 4)?,
    })
}

fn bunq(record: &Record<'_>) -> Result<Row, StatementError> {
    let booking_date = date(record, 0, "%Y-%m-%d")?;
    let amount = money(record, 2)?;
    let mut transaction = transaction(record, booking_date, amount, "EUR");
    transaction.value_date = optional_date(record, 1, "%Y-%m-%d")?;
    transaction.counterparty_iban = cell(record, 4);
    transaction.counterparty_name = cell(record, 5);
    transaction.remittance = cell(record, 6);
    Ok(Row {
        account: record.get(3).to_owned(),
        transaction,
        balance_before: None,
        balance_after: None,
    })
}

fn knab(record: &Record<'_>) -> Result<Row, StatementError> {
    let booking_date = date(record, 1, "%d-%m-%Y")?;
    let unsigned = money(record, 4)?;
    let amount = match record.get(3) {
        "D" => -unsigned,
        "C" => unsigned,
        other => return Err(record.invalid(3, format!("'{other}' is not C or D"))),
    };
    let currency = non_empty(record.get(2)).unwrap_or_else(|| "EUR".to_owned());
    let mut transaction = transaction(record, booking_date, amount, &currency);
    transaction.value_date = optional_date(record, 7, "%d-%m-%Y")?;
    transaction.counterparty_iban = cell(record, 5);
    transaction.counterparty_name = cell(record, 6);
    transaction.remittance = cell(record, 9);
    transaction.bank_reference = cell(record, 14);
    Ok(Row {
        account: record.get(0).to_owned(),
        transaction,
        balance_before: None,
        balance_after: None,
    })
}

fn triodos(record: &Record<'_>) -> Result<Row, StatementError> {
    let booking_date = date(record, 0, "%d-%m-%Y")?;
    let unsigned = money(record, 2)?;
    let amount = match record.get(3) {
        "Debet" => -unsigned,
        "Credit" => unsigned,
        other => return Err(record.invalid(3, format!("'{other}' is not Debet or Credit"))),
    };
    let mut transaction = transaction(record, booking_date, amount, "EUR");
    transaction.counterparty_name = cell(record, 4);
    transaction.counterparty_iban = cell(record, 5);
    transaction.remittance = cell(record, 7);
    Ok(Row {
        account: record.get(1).to_owned(),
        transaction,
        balance_before: None,
        balance_after: optional_money(record, 8)?,
    })
}

fn asn(record: &Record<'_>) -> Result<Row, StatementError> {
    let booking_date = date(record, 0, "%d-%m-%Y")?;
    let amount = money(record, 10)?;
    let currency = non_empty(record.get(9)).unwrap_or_else(|| "EUR".to_owned());
    let mut transaction = transaction(record, booking_date, amount, &currency);
    transaction.value_date = optional_date(record, 12, "%d-%m-%Y")?;
    transaction.counterparty_iban = cell(record, 2);
    transaction.counterparty_name = cell(record, 3);
    transaction.bank_reference = cell(record, 15);
    transaction.structured_reference = cell(record, 16);
    transaction.remittance = cell(record, 17);
    Ok(Row {
        account: record.get(1).to_owned(),
        transaction,
        balance_before: optional_money(record, 8)?,
        balance_after: None,
    })
}
