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
    assert_eq!(
        value::amount(&Cell::Number(12.345), None),
        Err(value::Unreadable)
    );
    assert_eq!(
        value::amount(&Cell::Number(f64::NAN), None),
        Err(value::Unreadable)
    );
    assert_eq!(
        value::amount(&Cell::Int(42), None),
        Ok(Some(money("42.00")))
    );
    assert_eq!(value::amount(&Cell::Empty, None), Ok(None));
    assert_eq!(
        value::amount(&Cell::Date(date(2026, 1, 1)), None),
        Err(value::Unreadable)
    );
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
    assert_eq!(
        value::date(&Cell::Int(12), DateOrder::DayFirst),
        Err(value::Unreadable)
    );
    assert_eq!(
        value::date(&Cell::Number(46037.5), DateOrder::DayFirst),
        Err(value::Unreadable)
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
    assert_eq!(
        value::days(&Cell::Text("30/60".into())),
        Err(value::Unreadable)
    );
    assert_eq!(value::yes_no(&Cell::Text("Ja".into())), Ok(Some(true)));
    assert_eq!(value::yes_no(&Cell::Text("no".into())), Ok(Some(false)));
    assert_eq!(
        value::yes_no(&Cell::Text("misschien".into())),
        Err(value::Unreadable)
    );
    assert_eq!(
        value::language(&Cell::Text("Engels".into())),
        Ok(Some(Language::En))
    );
    assert_eq!(
        value::language(&Cell::Text("NL".into())),
        Ok(Some(Language::Nl))
    );
    assert_eq!(
        value::language(&Cell::Text("Duits".into())),
        Err(value::Unreadable)
    );
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
fn statuses_from_accounting_packages() {
    use crate::invoice::LedgerStatus;
    assert_eq!(rows::status("Betaald"), Some(LedgerStatus::Paid));
    assert_eq!(rows::status("late"), Some(LedgerStatus::Open));
    assert_eq!(rows::status("Gecrediteerd"), Some(LedgerStatus::Credited));
    assert_eq!(rows::status("Oninbaar"), Some(LedgerStatus::WrittenOff));
    assert_eq!(rows::status("Concept"), None);
}

fn check_sign(input: &str, number: &str, code: Option<&str>) {
    let (got, sign) = rows::split_currency(input);
    assert_eq!(
        (got.as_str(), sign.map(|(_, code)| code)),
        (number, code),
        "{input:?}"
    );
}

#[test]
fn currency_signs_are_split_off_amounts_with_their_code() {
    check_sign("$1,234.50", "1,234.50", Some("USD"));
    check_sign("-$13.50", "-13.50", Some("USD"));
    check_sign("$-13.50", "-13.50", Some("USD"));
    check_sign("($13.50)", "(13.50)", Some("USD"));
    check_sign("€ 1.234,56", "1.234,56", Some("EUR"));
    check_sign("-€ 121,00", "-121,00", Some("EUR"));
    check_sign("1.234,56 €", "1.234,56", Some("EUR"));
    check_sign("US$ 12", "12", Some("USD"));
    check_sign("CA$12.00", "12.00", Some("CAD"));
    check_sign("£12.00", "12.00", Some("GBP"));
    check_sign("12,00 EUR", "12,00", Some("EUR"));
    check_sign("1234,56", "1234,56", None);
    check_sign("121,00-", "121,00-", None);
}

fn csv_ledger(text: &str) -> Result<Ledger, LedgerError> {
    parse("list.csv", text.as_bytes(), &[])
}

#[test]
fn invoice_lines_are_one_invoice_summed_or_repeated() {
    // A line amount column is summed per invoice.
    let ledger = csv_ledger(
        "Invoice #,Client Name,Date Issued,Item Name,Line Total\n\
         7,Acme,2026-10-01,Design,100.00\n\
         7,Acme,2026-10-01,Hosting,20.00\n\
         8,Acme,2026-10-02,Design,100.00\n",
    )
    .unwrap();
    let amounts: Vec<_> = ledger
        .invoices
        .iter()
        .map(|invoice| (invoice.number.as_str(), invoice.amount))
        .collect();
    assert_eq!(
        amounts,
        [("7", Some(money("120.00"))), ("8", Some(money("100.00")))]
    );
    // The invoice total repeated on every line is taken once, also when two
    // lines happen to have the same amount.
    let ledger = csv_ledger(
        "Invoice Number,Customer,Invoice Date,Item,Item Total,Total,Balance\n\
         INV-1,Acme,2026-10-01,A,50.00,100.00,60.00\n\
         INV-1,Acme,2026-10-01,B,50.00,100.00,60.00\n",
    )
    .unwrap();
    assert_eq!(ledger.invoices.len(), 1);
    assert_eq!(ledger.invoices[0].amount, Some(money("100.00")));
    assert_eq!(ledger.invoices[0].open_amount, Some(money("60.00")));
}

#[test]
fn one_number_twice_without_invoice_lines_is_refused() {
    let error = csv_ledger(
        "Factuurnummer;Klant;Factuurdatum;Bedrag\n\
         2026-0050;Bakker;01-11-2026;121,00\n\
         2026-0050;Bakker;01-11-2026;242,00\n",
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "list.csv, sheet 'list', cell A3: invoice 2026-0050 appears twice (first in cell A2); remove one of the rows"
    );
}

#[test]
fn rows_of_one_invoice_must_agree_on_customer_and_date() {
    let error = csv_ledger(
        "Invoice Number,Customer,Invoice Date,Item,Line Total\n\
         INV-7,Acme,2026-10-01,Design,100.00\n\
         INV-7,Acme,2026-10-02,Hosting,20.00\n",
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "list.csv, sheet 'list', cell C3 (Invoice Date): invoice INV-7 has invoice date '2026-10-02' on this row but '2026-10-01' in cell C2; the rows of one invoice must agree, so correct one of them"
    );
}

#[test]
fn tax_subtotal_and_paid_columns_are_never_the_total_or_balance() {
    check_headers(
        &[
            "Invoice Number",
            "Subtotal",
            "Tax",
            "Tax Summary",
            "Total",
            "Paid",
            "Balance",
        ],
        &[
            (Field::InvoiceNumber, 0),
            (Field::Amount, 4),
            (Field::OpenAmount, 6),
        ],
    );
    check_headers(
        &[
            "Factuurnummer",
            "Totaal excl. btw",
            "Btw totaal",
            "Totaal incl. btw",
            "Betaald",
            "Openstaand",
        ],
        &[
            (Field::InvoiceNumber, 0),
            (Field::Amount, 3),
            (Field::OpenAmount, 5),
        ],
    );
    check_headers(
        &[
            "Invoice No",
            "Net Total",
            "Grand Total",
            "Tax Amount",
            "Amount Due",
        ],
        &[
            (Field::InvoiceNumber, 0),
            (Field::Amount, 2),
            (Field::OpenAmount, 4),
        ],
    );
}

#[test]
fn due_dates_come_from_other_names_or_from_terms() {
    let ledger = csv_ledger(
        "invoice_number,customer_name,invoiced_at,due_at,amount\n\
         A-1,Acme,2026-10-01,2026-10-15,10.00\n",
    )
    .unwrap();
    assert_eq!(ledger.invoices[0].due_date, Some(date(2026, 10, 15)));
    let ledger = csv_ledger(
        "Invoice Number,Client,Invoice Date,Terms,Total\n\
         A-1,Acme,2026-10-01,Net 30,$10.00\n\
         A-2,Bolt,2026-10-01,Due on receipt,$10.00\n\
         A-3,Core,2026-10-01,Net 30 EOM,$10.00\n",
    )
    .unwrap();
    let due: Vec<_> = ledger
        .invoices
        .iter()
        .map(|invoice| (invoice.due_date, invoice.due_date_derived))
        .collect();
    assert_eq!(
        due,
        [
            (Some(date(2026, 10, 31)), true),
            (Some(date(2026, 10, 1)), true),
            (None, false)
        ]
    );
    let ledger = csv_ledger(
        "Factuurnummer;Klant;Factuurdatum;Betalingstermijn;Bedrag\n\
         F1;Lelie;02-11-2026;14;€ 1.210,00\n",
    )
    .unwrap();
    assert_eq!(ledger.invoices[0].due_date, Some(date(2026, 11, 16)));
    assert_eq!(ledger.invoices[0].amount, Some(money("1210.00")));
    assert_eq!(ledger.invoices[0].currency.as_deref(), Some("EUR"));
}

#[test]
fn a_currency_sign_decides_the_currency_and_must_match_the_column() {
    let ledger = csv_ledger("Invoice Number,Client,Total\nA-1,Acme,\"$1,234.50\"\n").unwrap();
    assert_eq!(ledger.invoices[0].amount, Some(money("1234.50")));
    assert_eq!(ledger.invoices[0].currency.as_deref(), Some("USD"));
    assert_eq!(ledger.warnings.len(), 1, "{:?}", ledger.warnings);
    let error =
        csv_ledger("Invoice Number,Client,Currency,Total\nA-1,Acme,EUR,$12.00\n").unwrap_err();
    assert_eq!(
        error.to_string(),
        "list.csv, sheet 'list', cell D2 (Total): '$12.00' is not an amount in the currency the currency column gives this invoice"
    );
    let error = csv_ledger("Invoice Number,Client,Total\nA-1,Acme,\"$12,3,4\"\n").unwrap_err();
    assert_eq!(
        error.to_string(),
        "list.csv, sheet 'list', cell C2 (Total): '$12,3,4' is not an amount (expected e.g. 1234,56 or 1234.56 or -121,00)"
    );
}

#[test]
fn an_invoice_list_without_an_amount_says_what_was_recognised() {
    let error =
        csv_ledger("Invoice Number,Customer,Transaction Date,Debit\nINV-1,Acme,2026-10-01,10\n")
            .unwrap_err();
    assert_eq!(error.kind(), "no_invoice_columns");
    assert_eq!(
        error.to_string(),
        "list.csv, sheet 'list', row 1: this looks like an invoice list, not a bank statement: recognised 'Invoice Number' (invoice number), 'Customer' (customer name), but no column for the invoice amount or the amount still open. Map its columns once in the app's import screen; Tegoed saves the mapping for files shaped like this one, and `tegoed import` (which has no mapping option of its own) reads them with it from then on"
    );
    let error = csv_ledger("Datum;Bedrag;Omschrijving\n02-11-2026;12,50;koffie\n").unwrap_err();
    assert!(
        matches!(error, LedgerError::NoInvoiceColumns { .. }),
        "{error}"
    );
}

#[test]
fn a_row_of_field_keys_under_the_labels_is_skipped() {
    let ledger = csv_ledger(
        "\"Invoice No\",Party,\"Grand Total\",\"Outstanding Amount\"\n\
         SalesInvoice.name,SalesInvoice.party,SalesInvoice.grandTotal,SalesInvoice.outstandingAmount\n\
         1020,Lordham,500,500\n",
    )
    .unwrap();
    assert_eq!(ledger.invoices.len(), 1);
    assert_eq!(ledger.invoices[0].number, "1020");
}

#[test]
fn paid_less_than_the_amount_leaves_the_rest_open() {
    let ledger = csv_ledger(
        "Client,Invoice Number,Amount,Paid,Status\nAcme,1,$13.50,$5.01,Partial\nAcme,2,$10.00,$10.00,Paid\n",
    )
    .unwrap();
    let open: Vec<_> = ledger
        .invoices
        .iter()
        .map(|invoice| invoice.open_amount)
        .collect();
    assert_eq!(open, [Some(money("8.49")), Some(money("0.00"))]);
}

#[test]
fn amount_headers_that_name_their_currency() {
    check_headers(
        &[
            "Invoice Number",
            "Total (EUR)",
            "Tax (EUR)",
            "Amount Due (EUR)",
        ],
        &[
            (Field::InvoiceNumber, 0),
            (Field::Amount, 1),
            (Field::OpenAmount, 3),
        ],
    );
    check_headers(
        &["Factuurnummer", "Bedrag EUR", "Te betalen"],
        &[
            (Field::InvoiceNumber, 0),
            (Field::Amount, 1),
            (Field::OpenAmount, 2),
        ],
    );
}

#[test]
fn drafts_are_not_read_and_cancelled_invoices_are_credited() {
    let ledger = csv_ledger(
        "Invoice Number,Client,Status,Total\n\
         A-1,Acme,Draft,10.00\n\
         A-1,Acme,Draft,10.00\n\
         A-2,Acme,Sent,20.00\n",
    )
    .unwrap();
    assert_eq!(ledger.invoices.len(), 1);
    assert_eq!(ledger.invoices[0].number, "A-2");
    assert_eq!(ledger.warnings.len(), 1, "{:?}", ledger.warnings);
    let ledger = csv_ledger(
        "Invoice No,Party,Grand Total,Submitted,Cancelled\n\
         1,Lyn,10,1,1\n\
         2,Lyn,20,0,0\n\
         3,Lyn,30,1,0\n",
    )
    .unwrap();
    let read: Vec<_> = ledger
        .invoices
        .iter()
        .map(|invoice| (invoice.number.as_str(), invoice.status))
        .collect();
    assert_eq!(
        read,
        [
            ("1", Some(crate::invoice::LedgerStatus::Credited)),
            ("3", None)
        ]
    );
}

#[test]
fn a_general_ledger_export_reads_its_receivable_postings() {
    let ledger = csv_ledger(
        "Transaction ID,Transaction Date,Account Name,Amount (One column),Customer,Invoice Number\n\
         1,2021-01-28,Sales,100.00,Acme,7\n\
         1,2021-01-28,Accounts Receivable,121.00,Acme,7\n\
         2,2021-02-03,Accounts Receivable,-21.00,Acme,7\n\
         3,2021-02-03,Accounts Receivable,-5.00,Bolt,9\n",
    )
    .unwrap();
    assert_eq!(ledger.preset, Some("wave"));
    assert_eq!(ledger.invoices.len(), 1);
    let invoice = &ledger.invoices[0];
    assert_eq!(
        (invoice.amount, invoice.open_amount, invoice.invoice_date),
        (
            Some(money("121.00")),
            Some(money("100.00")),
            Some(date(2021, 1, 28))
        )
    );
    assert_eq!(ledger.warnings.len(), 1, "{:?}", ledger.warnings);
}
