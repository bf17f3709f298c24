//! Golden tests for ledger files: every `tests/data/ledger/<case>.<ext>` is
//! read and compared with `<case>.expected.json` (the ledger, or the error
//! message). `UPDATE_GOLDEN=1 cargo test -p tegoed-core --test ledger_golden`
//! rewrites the expected files and regenerates the xlsx fixtures, which are
//! built here with rust_xlsxwriter to mimic real exports; the xls and ods
//! fixtures are LibreOffice conversions of them, the CSV and UBL files are
//! written by hand.

#![allow(clippy::unwrap_used, reason = "test helpers may unwrap")]

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::{Value, json};
use tegoed_core::ledger::{self, Ledger};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ledger")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some()
}

/// A cell in a generated sheet.
enum V {
    /// Text.
    S(&'static str),
    /// A number.
    N(f64),
    /// A real Excel date.
    D(u16, u8, u8),
    /// Nothing.
    E,
}

fn sheet(workbook: &mut Workbook, name: &str, rows: &[Vec<V>]) {
    let date_format = Format::new().set_num_format("dd-mm-yyyy");
    let money_format = Format::new().set_num_format("#,##0.00");
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(name).unwrap();
    for (row, cells) in rows.iter().enumerate() {
        for (column, cell) in cells.iter().enumerate() {
            let (row, column) = (row as u32, column as u16);
            match cell {
                V::S(text) => {
                    worksheet.write_string(row, column, *text).unwrap();
                }
                V::N(number) => {
                    worksheet
                        .write_number_with_format(row, column, *number, &money_format)
                        .unwrap();
                }
                V::D(y, m, d) => {
                    let date = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    worksheet
                        .write_datetime_with_format(row, column, &date, &date_format)
                        .unwrap();
                }
                V::E => {}
            }
        }
    }
}

fn workbook_bytes(sheets: &[(&str, Vec<Vec<V>>)]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let properties = rust_xlsxwriter::DocProperties::new()
        .set_creation_datetime(&ExcelDateTime::from_ymd(2026, 11, 27).unwrap());
    workbook.set_properties(&properties);
    for (name, rows) in sheets {
        sheet(&mut workbook, name, rows);
    }
    workbook.save_to_buffer().unwrap()
}

use V::{D, E, N, S};

/// The xlsx fixtures: name and content.
#[allow(clippy::vec_init_then_push, reason = "one commented fixture per push")]
fn xlsx_fixtures() -> Vec<(&'static str, Vec<u8>)> {
    let mut fixtures = Vec::new();
    // A Dutch open-items report with a title block, real dates, a credit
    // note crediting an invoice, a paid one, and a totals row.
    fixtures.push((
        "nl_title_rows.xlsx",
        workbook_bytes(&[(
            "Openstaande posten",
            vec![
                vec![S("Openstaande posten debiteuren")],
                vec![S("Bakkerij De Korenschoof B.V."), E, S("Per 27-11-2026")],
                vec![],
                vec![
                    S("Factuurnr."),
                    S("Debiteurnr"),
                    S("Debiteur"),
                    S("Factuurdatum"),
                    S("Vervaldatum"),
                    S("Totaal incl. btw"),
                    S("Openstaand"),
                    S("Betalingskenmerk"),
                    S("Status"),
                    S("Credit op factuur"),
                ],
                vec![
                    S("2026-0040"),
                    S("D1001"),
                    S("Van der Berg Installatietechniek"),
                    D(2026, 9, 1),
                    D(2026, 10, 1),
                    N(1210.0),
                    N(1210.0),
                    S("6000 0000 2026 0040"),
                    S("Openstaand"),
                    E,
                ],
                vec![
                    S("2026-0042"),
                    S("D1002"),
                    S("Café De Zwaan"),
                    D(2026, 9, 15),
                    D(2026, 10, 15),
                    N(605.0),
                    N(302.5),
                    E,
                    S("Deels betaald"),
                    E,
                ],
                vec![
                    S("2026-0047"),
                    S("D1001"),
                    S("Van der Berg Installatietechniek"),
                    D(2026, 10, 2),
                    D(2026, 11, 1),
                    N(484.0),
                    N(0.0),
                    E,
                    S("Betaald"),
                    E,
                ],
                vec![
                    S("C003"),
                    S("D1002"),
                    S("Café De Zwaan"),
                    D(2026, 10, 20),
                    D(2026, 10, 20),
                    N(-121.0),
                    N(-121.0),
                    E,
                    E,
                    S("2026-0042"),
                ],
                vec![],
                vec![E, E, S("Totaal"), E, E, N(2178.0), N(1391.5)],
            ],
        )]),
    ));
    // An English export with text dates in two layouts, text amounts with a
    // decimal dot, and no due date column: due dates come from the term.
    fixtures.push((
        "en_text_dates.xlsx",
        workbook_bytes(&[(
            "Open invoices",
            vec![
                vec![S("Accounts receivable — open items")],
                vec![],
                vec![
                    S("Invoice no."),
                    S("Customer"),
                    S("Invoice date"),
                    S("Payment term"),
                    S("Amount"),
                    S("Open amount"),
                    S("Currency"),
                    S("E-mail"),
                ],
                vec![
                    S("INV-2026-118"),
                    S("Northwind Trading Ltd"),
                    S("15-01-2026"),
                    S("30 days"),
                    S("1,210.00"),
                    S("1,210.00"),
                    S("EUR"),
                    S("ap@northwind.example"),
                ],
                vec![
                    S("INV-2026-119"),
                    S("Contoso B.V."),
                    S("2026-01-20"),
                    S("14"),
                    S("99.95"),
                    S("49.95"),
                    S("EUR"),
                    E,
                ],
                vec![
                    S("INV-2026-120"),
                    S("Northwind Trading Ltd"),
                    S("3-2-2026"),
                    S("30"),
                    S("2,500.00"),
                    S("2,500.00"),
                    S("EUR"),
                    E,
                ],
            ],
        )]),
    ));
    // A workbook with a customers sheet next to the invoices sheet; invoices
    // give only the customer code and no due date.
    fixtures.push((
        "customers_sheet.xlsx",
        workbook_bytes(&[
            (
                "Facturen",
                vec![
                    vec![
                        S("Factuurnummer"),
                        S("Klantcode"),
                        S("Factuurdatum"),
                        S("Bedrag"),
                        S("Openstaand"),
                    ],
                    vec![
                        S("F2026-0101"),
                        S("K01"),
                        D(2026, 10, 1),
                        N(242.0),
                        N(242.0),
                    ],
                    vec![
                        S("F2026-0102"),
                        S("K02"),
                        D(2026, 10, 3),
                        N(1815.0),
                        N(1815.0),
                    ],
                    vec![S("F2026-0103"), S("K03"), D(2026, 10, 5), N(72.6), N(72.6)],
                ],
            ),
            (
                "Klanten",
                vec![
                    vec![
                        S("Code"),
                        S("Naam"),
                        S("Adres"),
                        S("Postcode"),
                        S("Plaats"),
                        S("E-mail"),
                        S("IBAN"),
                        S("Betaaltermijn"),
                        S("Taal"),
                        S("Particulier"),
                        S("Eigen afspraken"),
                        S("Telefoon"),
                        S("Contactpersoon"),
                        S("KvK-nummer"),
                    ],
                    vec![
                        S("K01"),
                        S("Hoveniersbedrijf Groen"),
                        S("Dorpsstraat 12"),
                        S("1234 AB"),
                        S("Ergens"),
                        S("info@groen.example"),
                        S("NL91 ABNA 0417 1643 00"),
                        N(14.0),
                        S("nl"),
                        S("nee"),
                        S("nee"),
                        S("030-1234567"),
                        S("Piet Groen"),
                        S("12345678"),
                    ],
                    vec![
                        S("K02"),
                        S("Smith & Jones Ltd"),
                        S("1 High Street"),
                        E,
                        S("London"),
                        S("accounts@smithjones.example"),
                        E,
                        N(60.0),
                        S("English"),
                        S("no"),
                        S("yes"),
                        E,
                        S("Jane Smith"),
                        E,
                    ],
                    vec![
                        S("K03"),
                        S("M. de Vries"),
                        S("Kerkweg 3"),
                        S("4321 ZX"),
                        S("Anderdorp"),
                        S("m.devries@example.nl"),
                        E,
                        E,
                        S("NL"),
                        S("ja"),
                        S("nee"),
                        E,
                        E,
                        E,
                    ],
                ],
            ),
        ]),
    ));
    // e-Boekhouden's open-item field names.
    fixtures.push((
        "e_boekhouden.xlsx",
        workbook_bytes(&[(
            "OpenPosten",
            vec![
                vec![
                    S("MutDatum"),
                    S("MutFactuur"),
                    S("RelCode"),
                    S("RelBedrijf"),
                    S("Bedrag"),
                    S("Voldaan"),
                    S("Openstaand"),
                ],
                vec![
                    D(2026, 8, 4),
                    S("F-2026-31"),
                    S("REL7"),
                    S("Kapsalon Knip"),
                    N(181.5),
                    N(81.5),
                    N(100.0),
                ],
                vec![
                    D(2026, 8, 9),
                    S("F-2026-32"),
                    S("REL8"),
                    S("Fietsenmaker Trap"),
                    N(96.8),
                    N(0.0),
                    N(96.8),
                ],
            ],
        )]),
    ));
    // Broken: the amount in row 17 reads "12,3,4".
    let mut broken_rows = vec![vec![
        S("Factuurnummer"),
        S("Klant"),
        S("Factuurdatum"),
        S("Bedrag"),
    ]];
    let numbers = [
        "2026-0001",
        "2026-0002",
        "2026-0003",
        "2026-0004",
        "2026-0005",
        "2026-0006",
        "2026-0007",
        "2026-0008",
        "2026-0009",
        "2026-0010",
        "2026-0011",
        "2026-0012",
        "2026-0013",
        "2026-0014",
        "2026-0015",
    ];
    for number in numbers {
        broken_rows.push(vec![S(number), S("Klant BV"), D(2026, 3, 1), N(100.0)]);
    }
    broken_rows.push(vec![
        S("2026-0016"),
        S("Klant BV"),
        D(2026, 3, 1),
        S("12,3,4"),
    ]);
    fixtures.push((
        "broken_amount.xlsx",
        workbook_bytes(&[("Facturen", broken_rows)]),
    ));
    // No invoice-like columns anywhere.
    fixtures.push((
        "no_invoice_columns.xlsx",
        workbook_bytes(&[(
            "Voorraad",
            vec![
                vec![S("Artikel"), S("Omschrijving"), S("Voorraad"), S("Prijs")],
                vec![S("A-1"), S("Brood"), N(12.0), N(3.5)],
            ],
        )]),
    ));
    fixtures
}

/// The committed xlsx fixtures read exactly as the workbooks this file makes
/// (`UPDATE_GOLDEN=1` rewrites them); the test never writes otherwise.
#[test]
fn committed_fixtures_are_the_generated_workbooks() {
    let folder = data_dir();
    let fixtures = xlsx_fixtures();
    assert!(fixtures.len() >= 5, "{} fixtures", fixtures.len());
    for (name, bytes) in fixtures {
        let path = folder.join(name);
        if updating() {
            std::fs::write(&path, &bytes).unwrap();
        }
        let committed = std::fs::read(&path).unwrap_or_else(|error| {
            panic!("{}: {error} (UPDATE_GOLDEN=1 writes it)", path.display())
        });
        let read = |bytes: &[u8]| match ledger::parse(name, bytes, &[]) {
            Ok(ledger) => ledger_json(&ledger),
            Err(error) => json!({ "error": error.to_string() }),
        };
        assert_eq!(
            read(&committed),
            read(&bytes),
            "{name}: the committed workbook is not the one the code makes (UPDATE_GOLDEN=1)"
        );
    }
    let empty = folder.join("empty.xlsx");
    if updating() {
        std::fs::write(&empty, b"").unwrap();
    }
    assert_eq!(std::fs::read(&empty).unwrap(), b"");
}

fn money(value: Option<tegoed_core::money::Money>) -> Value {
    value.map_or(Value::Null, |amount| Value::String(amount.to_string()))
}

fn date(value: Option<chrono::NaiveDate>) -> Value {
    value.map_or(Value::Null, |date| Value::String(date.to_string()))
}

/// The ledger in the contract's shape, with the extra fields Tegoed reads.
fn ledger_json(ledger: &Ledger) -> Value {
    json!({
        "format": ledger.format.code(),
        "encoding": ledger.encoding,
        "preset": ledger.preset,
        "shape": ledger.shape(),
        "customers": ledger.customers.iter().map(|customer| json!({
            "code": customer.code,
            "name": customer.name,
            "email": customer.email,
            "iban": customer.iban,
            "payment_term_days": customer.payment_term_days,
            "language": customer.language.map(|language| language.code()),
            "consumer": customer.consumer,
            "own_terms": customer.own_terms,
            "phone": customer.phone,
            "contact_person": customer.contact_person,
            "address": customer.address,
            "kvk_number": customer.kvk_number,
        })).collect::<Vec<_>>(),
        "invoices": ledger.invoices.iter().map(|invoice| json!({
            "number": invoice.number,
            "customer": invoice.customer_name,
            "customer_code": invoice.customer_code,
            "invoice_date": date(invoice.invoice_date),
            "due_date": date(invoice.due_date),
            "due_date_derived": invoice.due_date_derived,
            "amount": money(invoice.amount),
            "open_amount": money(invoice.open_amount),
            "currency": invoice.currency,
            "reference": invoice.reference,
            "status": invoice.status.map(|status| status.code()),
            "credits": invoice.credits,
            "row": invoice.place.row + 1,
        })).collect::<Vec<_>>(),
        "documents": ledger.documents.iter().map(|document| json!({
            "invoice": document.invoice_number,
            "file_name": document.file_name,
            "bytes": document.content.len(),
            "starts_with_pdf": document.content.starts_with(b"%PDF-"),
        })).collect::<Vec<_>>(),
        "warnings": ledger.warnings,
    })
}

#[test]
fn goldens() {
    let folder = data_dir();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.to_string_lossy();
            !name.ends_with(".expected.json") && !name.ends_with(".md")
        })
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 10,
        "fixtures missing in {}",
        folder.display()
    );
    let mut failures = Vec::new();
    for path in &cases {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let actual = match ledger::parse(&name, &bytes, &[]) {
            Ok(ledger) => ledger_json(&ledger),
            Err(error) => json!({ "error": error.to_string() }),
        };
        let stem = name
            .rsplit_once('.')
            .map_or(name.as_str(), |(stem, _)| stem);
        let extension = name.rsplit_once('.').map_or("", |(_, extension)| extension);
        let expected_path = folder.join(format!("{stem}.{extension}.expected.json"));
        let rendered = serde_json::to_string_pretty(&actual).unwrap() + "\n";
        if updating() {
            std::fs::write(&expected_path, &rendered).unwrap();
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(expected) if expected == rendered => {}
            Ok(expected) => failures.push(format!(
                "{name}: differs from {}\n--- expected\n{expected}\n--- actual\n{rendered}",
                expected_path.display()
            )),
            Err(_) => failures.push(format!("{name}: no {}", expected_path.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
