use chrono::NaiveDate;

use super::sheet::{Cell, Sheet, Workbook};
use super::value::{self, DateOrder, DecimalMark};
use super::*;

fn money(text: &str) -> Money {
    text.parse().unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn check_amount(input: &str, mark: Option<DecimalMark>, expected: Option<&str>) {
    let got = value::text_amount(input, mark).ok();
    assert_eq!(got, expected.map(money), "amount {input:?} with {mark:?}");
}

#[test]
fn text_amounts_in_dutch_and_english_notation() {
    check_amount("1.234,56", None, Some("1234.56"));
    check_amount("1,234.56", None, Some("1234.56"));
    check_amount("1234,5", None, Some("1234.50"));
    check_amount("-121,00", None, Some("-121.00"));
    check_amount("121,00-", None, Some("-121.00"));
    check_amount("(121,00)", None, Some("-121.00"));
    check_amount("€ 1.210,00", None, Some("1210.00"));
    check_amount("EUR 605", None, Some("605.00"));
    check_amount("1 234,56", None, Some("1234.56"));
    check_amount("1.234.567,89", None, Some("1234567.89"));
    check_amount("1,234", None, Some("1234.00"));
    check_amount("1.234", Some(DecimalMark::Comma), Some("1234.00"));
    check_amount(",50", None, Some("0.50"));
}

#[test]
fn text_amounts_that_are_not_amounts() {
    check_amount("12,3,4", None, None);
    check_amount("1.23.4", None, None);
    check_amount("12,345", Some(DecimalMark::Comma), None);
    check_amount("abc", None, None);
    check_amount("", None, None);
    check_amount("1,234.5.6", None, None);
    check_amount("12.3456", None, None);
}

#[test]
fn float_amounts_become_whole_cents_or_are_refused() {
    assert_eq!(
        value::amount(&Cell::Number(0.1 + 0.2), None),
        Ok(Some(money("0.30")))
    );
    assert_eq!(
        value::amount(&Cell::Number(1210.0), None),
        Ok(Some(money("1210.00")))
    );
    assert_eq!(
        value::amount(&Cell::Number(-121.5), None),
        Ok(Some(money("-121.50")))
    );
    assert_eq!(value::amount(&Cell::Number(12.345), None), Err(()));
    assert_eq!(value::amount(&Cell::Number(f64::NAN), None), Err(()));
    assert_eq!(
        value::amount(&Cell::Int(42), None),
        Ok(Some(money("42.00")))
    );
    assert_eq!(value::amount(&Cell::Empty, None), Ok(None));
    assert_eq!(value::amount(&Cell::Date(date(2026, 1, 1)), None), Err(()));
}

#[test]
fn decimal_mark_is_guessed_from_unambiguous_texts() {
    assert_eq!(
        value::guess_mark(["1.234", "12,50"]),
        Some(DecimalMark::Comma)
    );
    assert_eq!(
        value::guess_mark(["1,234", "12.50"]),
        Some(DecimalMark::Dot)
    );
    assert_eq!(value::guess_mark(["1.234,56"]), Some(DecimalMark::Comma));
    assert_eq!(value::guess_mark(["1234"]), None);
}

fn check_date(input: &str, order: DateOrder, expected: Option<NaiveDate>) {
    assert_eq!(
        value::text_date(input, order).ok(),
        expected,
        "date {input:?}"
    );
}

#[test]
fn text_dates_in_the_usual_layouts() {
    let day = Some(date(2026, 1, 15));
    for input in [
        "2026-01-15",
        "15-01-2026",
        "15-1-2026",
        "15/01/2026",
        "15.01.2026",
        "15-01-26",
        "20260115",
        "15 jan 2026",
        "15 januari 2026",
        "Jan 15, 2026",
        "2026-01-15T00:00:00",
        "15-01-2026 00:00:00",
        "2026/01/15",
    ] {
        check_date(input, DateOrder::DayFirst, day);
    }
    check_date("01/15/2026", DateOrder::MonthFirst, day);
    check_date("3 maart 2026", DateOrder::DayFirst, Some(date(2026, 3, 3)));
    check_date("1 okt 2026", DateOrder::DayFirst, Some(date(2026, 10, 1)));
    check_date("31-02-2026", DateOrder::DayFirst, None);
    check_date("morgen", DateOrder::DayFirst, None);
    check_date("15-01", DateOrder::DayFirst, None);
}

#[test]
fn serial_numbers_in_a_date_column_are_excel_dates() {
    assert_eq!(
        value::date(&Cell::Number(46037.0), DateOrder::DayFirst),
        Ok(Some(date(2026, 1, 15)))
    );
    assert_eq!(
        value::date(&Cell::Int(46037), DateOrder::DayFirst),
        Ok(Some(date(2026, 1, 15)))
    );
    assert_eq!(value::date(&Cell::Int(12), DateOrder::DayFirst), Err(()));
    assert_eq!(
        value::date(&Cell::Number(46037.5), DateOrder::DayFirst),
        Err(())
    );
}

#[test]
fn date_order_is_guessed_from_the_column() {
    assert_eq!(
        value::guess_order(["01/02/2026", "25/02/2026"]),
        DateOrder::DayFirst
    );
    assert_eq!(
        value::guess_order(["01/02/2026", "02/25/2026"]),
        DateOrder::MonthFirst
    );
    assert_eq!(value::guess_order(["2026-02-25"]), DateOrder::DayFirst);
}

#[test]
fn days_yes_no_and_language() {
    assert_eq!(value::days(&Cell::Text("30 dagen".into())), Ok(Some(30)));
    assert_eq!(value::days(&Cell::Number(14.0)), Ok(Some(14)));
    assert_eq!(value::days(&Cell::Text("30/60".into())), Err(()));
    assert_eq!(value::yes_no(&Cell::Text("Ja".into())), Ok(Some(true)));
    assert_eq!(value::yes_no(&Cell::Text("no".into())), Ok(Some(false)));
    assert_eq!(value::yes_no(&Cell::Text("misschien".into())), Err(()));
    assert_eq!(
        value::language(&Cell::Text("Engels".into())),
        Ok(Some(Language::En))
    );
    assert_eq!(
        value::language(&Cell::Text("NL".into())),
        Ok(Some(Language::Nl))
    );
    assert_eq!(value::language(&Cell::Text("Duits".into())), Err(()));
}

#[test]
fn cell_names_are_spreadsheet_references() {
    assert_eq!(cell_name(16, 3), "D17");
    assert_eq!(cell_name(0, 25), "Z1");
    assert_eq!(cell_name(0, 26), "AA1");
    assert_eq!(cell_name(9, 701), "ZZ10");
}

fn text_row(cells: &[&str]) -> Vec<Cell> {
    cells
        .iter()
        .map(|text| {
            if text.is_empty() {
                Cell::Empty
            } else {
                Cell::Text((*text).to_owned())
            }
        })
        .collect()
}

fn workbook(sheets: Vec<Sheet>) -> Workbook {
    Workbook {
        format: Format::Xlsx,
        encoding: None,
        sheets,
    }
}

fn check_headers(headers: &[&str], expected: &[(Field, u32)]) {
    let sheet = Sheet {
        name: "Blad1".into(),
        rows: vec![text_row(headers)],
    };
    let found = header::read_header_row(&sheet, 0, header::Table::Invoices)
        .unwrap_or_else(|| panic!("no invoices header in {headers:?}"));
    let got: Vec<(Field, u32)> = found.table.columns.into_iter().collect();
    let mut expected = expected.to_vec();
    expected.sort();
    assert_eq!(got, expected, "{headers:?}");
}

#[test]
fn dutch_and_english_headers_and_their_variants() {
    check_headers(
        &[
            "Factuurnr.",
            "Debiteur",
            "Factuurdatum",
            "Vervaldatum",
            "Totaal incl. btw",
            "Openstaand",
        ],
        &[
            (Field::InvoiceNumber, 0),
            (Field::CustomerName, 1),
            (Field::InvoiceDate, 2),
            (Field::DueDate, 3),
            (Field::Amount, 4),
            (Field::OpenAmount, 5),
        ],
    );
    check_headers(
        &[
            "Invoice no.",
            "Customer",
            "Date",
            "Due date",
            "Amount",
            "Open amount",
            "Payment reference",
        ],
        &[
            (Field::InvoiceNumber, 0),
            (Field::CustomerName, 1),
            (Field::InvoiceDate, 2),
            (Field::DueDate, 3),
            (Field::Amount, 4),
            (Field::OpenAmount, 5),
            (Field::Reference, 6),
        ],
    );
    check_headers(
        &[
            "Klantnr",
            "Relatie",
            "Factuur",
            "Bedrag excl. btw",
            "BTW",
            "Bedrag",
            "Saldo",
            "E-mail",
            "Betaaltermijn",
        ],
        &[
            (Field::CustomerCode, 0),
            (Field::CustomerName, 1),
            (Field::InvoiceNumber, 2),
            (Field::Amount, 5),
            (Field::OpenAmount, 6),
            (Field::Email, 7),
            (Field::PaymentTerm, 8),
        ],
    );
    // Two date columns: the specific one wins, the generic one stays unmapped.
    check_headers(
        &["Datum", "Factuurdatum", "Factuurnummer", "Bedrag"],
        &[
            (Field::InvoiceDate, 1),
            (Field::InvoiceNumber, 2),
            (Field::Amount, 3),
        ],
    );
}

#[test]
fn a_row_without_invoice_columns_is_not_a_header() {
    let sheet = Sheet {
        name: "Blad1".into(),
        rows: vec![text_row(&["Artikel", "Omschrijving", "Voorraad"])],
    };
    assert!(header::read_header_row(&sheet, 0, header::Table::Invoices).is_none());
}

#[test]
fn header_row_is_found_below_a_title_block_and_customers_on_their_own_sheet() {
    let invoices = Sheet {
        name: "Openstaand".into(),
        rows: vec![
            text_row(&["Openstaande posten debiteuren"]),
            text_row(&["Per 27-11-2026", "Bakkerij De Korenschoof"]),
            vec![],
            text_row(&["Factuurnummer", "Klantcode", "Bedrag"]),
            vec![
                Cell::Text("2026-0001".into()),
                Cell::Text("D1".into()),
                Cell::Number(121.0),
            ],
        ],
    };
    let customers = Sheet {
        name: "Klanten".into(),
        rows: vec![text_row(&["Code", "Naam", "E-mail", "Taal"])],
    };
    let (found_invoices, found_customers) = header::detect(&workbook(vec![invoices, customers]));
    let found_invoices = found_invoices.unwrap();
    assert_eq!(found_invoices.table.header_row, 3);
    assert_eq!(found_invoices.table.sheet, "Openstaand");
    let found_customers = found_customers.unwrap();
    assert_eq!(found_customers.table.sheet, "Klanten");
    assert_eq!(found_customers.table.column(Field::CustomerCode), Some(0));
    assert_eq!(found_customers.table.column(Field::Language), Some(3));
}

#[test]
fn presets_are_recognised_by_their_signature() {
    let headers: Vec<String> = [
        "MutDatum",
        "MutFactuur",
        "RelCode",
        "RelBedrijf",
        "Bedrag",
        "Voldaan",
        "Openstaand",
    ]
    .iter()
    .map(|header| (*header).to_owned())
    .collect();
    let preset = presets::matching(&headers, header::Table::Invoices).unwrap();
    assert_eq!(preset.key, "e_boekhouden");
    let sheet = Sheet {
        name: "OpenPosten".into(),
        rows: vec![text_row(
            &headers.iter().map(String::as_str).collect::<Vec<_>>(),
        )],
    };
    let found = header::read_header_row(&sheet, 0, header::Table::Invoices).unwrap();
    assert_eq!(found.table.column(Field::InvoiceNumber), Some(1));
    assert_eq!(found.table.column(Field::CustomerCode), Some(2));
    assert_eq!(found.table.column(Field::InvoiceDate), Some(0));
    assert_eq!(found.table.column(Field::OpenAmount), Some(6));
    assert_eq!(found.table.column(Field::Amount), Some(4));
}

#[test]
fn mapping_shape_ignores_sheet_names_and_round_trips_as_json() {
    let sheet = Sheet {
        name: "export-2026-11".into(),
        rows: vec![text_row(&["Factuurnummer", "Klant", "Bedrag"])],
    };
    let (found, _) = header::detect(&workbook(vec![sheet]));
    let mapping = Mapping {
        invoices: found.unwrap().table,
        customers: None,
    };
    let other = Sheet {
        name: "export-2026-12".into(),
        rows: vec![text_row(&["factuur nummer", "KLANT", "Bedrag"])],
    };
    assert!(mapping.fits(&workbook(vec![other])));
    let changed = Sheet {
        name: "export-2026-12".into(),
        rows: vec![text_row(&["Factuurnummer", "Klant", "Totaal"])],
    };
    assert!(!mapping.fits(&workbook(vec![changed])));
    let json = mapping.to_json().unwrap();
    assert!(json.contains("\"invoice_number\":0"), "{json}");
    assert_eq!(Mapping::from_json(&json).unwrap(), mapping);
    assert_eq!(mapping.shape().len(), 16);
}

#[test]
fn csv_delimiter_and_encoding_are_detected() {
    let text = "Openstaande posten\nFactuur;Klant;Bedrag\n1;A;1,00\n2;B, C;2,00\n";
    assert_eq!(sheet::detect_delimiter(text), b';');
    let text = "Invoice,Customer,Amount\n1,A,1.00\n2,\"B; C\",2.00\n";
    assert_eq!(sheet::detect_delimiter(text), b',');
    let (decoded, encoding) =
        sheet::decode(b"Caf\xe9 Ren\xe9;1,00\nBrasserie D\xe9j\xe0 Vu;2,00\n");
    assert_eq!(encoding, "windows-1252");
    assert!(decoded.starts_with("Café René"));
    let (decoded, encoding) = sheet::decode(b"\xEF\xBB\xBFFactuur;Bedrag\n");
    assert_eq!((decoded.as_str(), encoding), ("Factuur;Bedrag\n", "utf-8"));
}

#[test]
fn sniffing_tells_formats_apart_by_content() {
    use sheet::Sniffed;
    assert_eq!(sheet::sniff(b""), Sniffed::Empty);
    assert_eq!(
        sheet::sniff(b"PK\x03\x04rest"),
        Sniffed::Workbook(Format::Xlsx)
    );
    assert_eq!(sheet::sniff(b"%PDF-1.7\n"), Sniffed::Pdf);
    assert_eq!(
        sheet::sniff(b"<?xml version=\"1.0\"?><Invoice/>"),
        Sniffed::Xml
    );
    assert_eq!(sheet::sniff(b"Factuur;Bedrag\n1;2\n"), Sniffed::Text);
}

#[test]
fn statuses_from_accounting_packages() {
    use crate::invoice::LedgerStatus;
    assert_eq!(rows::status("Betaald"), Some(LedgerStatus::Paid));
    assert_eq!(rows::status("late"), Some(LedgerStatus::Open));
    assert_eq!(rows::status("Gecrediteerd"), Some(LedgerStatus::Credited));
    assert_eq!(rows::status("Oninbaar"), Some(LedgerStatus::WrittenOff));
    assert_eq!(rows::status("Concept"), None);
}
