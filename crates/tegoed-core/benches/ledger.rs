//! Ledger import speed: a 10,000-invoice xlsx (with a customers sheet) read,
//! and read plus imported into a fresh book. Run with
//! `cargo bench -p tegoed-core --bench ledger`.

#![allow(clippy::unwrap_used, reason = "test helpers may unwrap")]

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use tegoed_core::book::Book;
use tegoed_core::ledger;

fn main() {
    divan::main();
}

/// Invoices in the big ledger.
const N_INVOICES: usize = 10_000;
/// Customers they are spread over.
const N_CUSTOMERS: usize = 500;

/// A ledger like an accounting package exports it: title rows, real dates,
/// amounts as numbers, and a customers sheet.
fn big_ledger() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let date_format = Format::new().set_num_format("dd-mm-yyyy");
    let invoices = workbook.add_worksheet();
    invoices.set_name("Openstaande posten").unwrap();
    invoices
        .write_string(0, 0, "Openstaande posten debiteuren")
        .unwrap();
    let headers = [
        "Factuurnummer",
        "Klantcode",
        "Klant",
        "Factuurdatum",
        "Vervaldatum",
        "Bedrag",
        "Openstaand",
        "Betalingskenmerk",
    ];
    for (column, header) in headers.iter().enumerate() {
        invoices.write_string(2, column as u16, *header).unwrap();
    }
    for index in 0..N_INVOICES {
        let row = index as u32 + 3;
        let customer = index % N_CUSTOMERS;
        let day = (index % 28) as u8 + 1;
        let month = (index % 12) as u8 + 1;
        invoices
            .write_string(row, 0, format!("2026-{index:05}"))
            .unwrap();
        invoices
            .write_string(row, 1, format!("D{customer:04}"))
            .unwrap();
        invoices
            .write_string(row, 2, format!("Klant {customer} B.V."))
            .unwrap();
        let invoice_date = ExcelDateTime::from_ymd(2026, month, day).unwrap();
        invoices
            .write_datetime_with_format(row, 3, &invoice_date, &date_format)
            .unwrap();
        let due_date = ExcelDateTime::from_ymd(2027, month, day).unwrap();
        invoices
            .write_datetime_with_format(row, 4, &due_date, &date_format)
            .unwrap();
        let cents = 1_000 + (index as u64 * 7_919) % 500_000;
        invoices.write_number(row, 5, cents as f64 / 100.0).unwrap();
        invoices.write_number(row, 6, cents as f64 / 100.0).unwrap();
        invoices
            .write_string(row, 7, format!("RF{index:08}"))
            .unwrap();
    }
    let customers = workbook.add_worksheet();
    customers.set_name("Klanten").unwrap();
    for (column, header) in ["Code", "Naam", "E-mail", "Betaaltermijn", "Taal"]
        .iter()
        .enumerate()
    {
        customers.write_string(0, column as u16, *header).unwrap();
    }
    for customer in 0..N_CUSTOMERS {
        let row = customer as u32 + 1;
        customers
            .write_string(row, 0, format!("D{customer:04}"))
            .unwrap();
        customers
            .write_string(row, 1, format!("Klant {customer} B.V."))
            .unwrap();
        customers
            .write_string(row, 2, format!("debiteuren@klant{customer}.example"))
            .unwrap();
        customers.write_number(row, 3, 30.0).unwrap();
        customers.write_string(row, 4, "nl").unwrap();
    }
    workbook.save_to_buffer().unwrap()
}

#[divan::bench(sample_count = 10)]
fn parse_10k_invoices(bencher: divan::Bencher) {
    let bytes = big_ledger();
    bencher.bench(|| {
        let ledger = ledger::parse("openstaand.xlsx", divan::black_box(&bytes), &[]).unwrap();
        assert_eq!(ledger.invoices.len(), N_INVOICES);
        ledger
    });
}

#[divan::bench(sample_count = 10)]
fn parse_and_import_10k_invoices(bencher: divan::Bencher) {
    let bytes = big_ledger();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    bencher
        .with_inputs(|| {
            let folder = tempfile::tempdir().unwrap();
            let book = runtime
                .block_on(Book::open(&folder.path().join("book.db")))
                .unwrap();
            (folder, book)
        })
        .bench_local_values(|(folder, book)| {
            runtime.block_on(async {
                let ledger = ledger::parse("openstaand.xlsx", &bytes, &[]).unwrap();
                let at = "2026-11-27T09:00:00Z".parse().unwrap();
                let report = tegoed_core::import::ledger::import(&book, &ledger, at)
                    .await
                    .unwrap();
                assert_eq!(report.added, N_INVOICES);
            });
            (folder, book)
        });
}

#[divan::bench(sample_count = 10)]
fn reimport_10k_unchanged(bencher: divan::Bencher) {
    let bytes = big_ledger();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let at = "2026-11-27T09:00:00Z".parse().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let book = runtime
        .block_on(Book::open(&folder.path().join("book.db")))
        .unwrap();
    let ledger = ledger::parse("openstaand.xlsx", &bytes, &[]).unwrap();
    runtime
        .block_on(tegoed_core::import::ledger::import(&book, &ledger, at))
        .unwrap();
    bencher.bench_local(|| {
        runtime.block_on(async {
            let ledger = ledger::parse("openstaand.xlsx", &bytes, &[]).unwrap();
            let report = tegoed_core::import::ledger::import(&book, &ledger, at)
                .await
                .unwrap();
            assert_eq!(report.unchanged, N_INVOICES);
        });
    });
}
