//! Issue 14: `tegoed import` is the one import use case of core
//! (`tegoed_core::import::run`, which the app's commands call too). On the
//! same files in a fresh book, the binary's JSON and its matching equal
//! what the use case reports in-process; matching ran after the import, so
//! the overdue invoice the payment names is paid; and a second `tegoed
//! match` changes nothing.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers may unwrap and fail"
)]

mod support;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use support::{stdout_json, tegoed};
use tegoed_core::book::Book;
use tegoed_core::import::{self, FileOutcome, FileReport};
use tegoed_core::overview;
use tegoed_core::receivables::InvoiceStatus;

/// A fixture shared with the end-to-end tests.
fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/r14")
        .join(name)
}

/// What the CLI contract shows of every file, from the use case's report.
fn contract_files(report: &import::Report) -> Value {
    let files: Vec<Value> = report
        .files
        .iter()
        .map(|outcome| {
            let FileOutcome::Imported(file) = outcome else {
                panic!("not imported: {outcome:?}");
            };
            let (kind, added, duplicates) = match file {
                FileReport::Bank(bank) => ("bank", bank.added, bank.duplicates),
                FileReport::Ledger(_, ledger) => ("ledger", ledger.added, ledger.unchanged),
                FileReport::InvoicePdf(_, pdf) => (
                    "invoice_pdf",
                    usize::from(!pdf.duplicate),
                    usize::from(pdf.duplicate),
                ),
            };
            json!({
                "file": file.file_name(),
                "kind": kind,
                "added": added,
                "duplicates": duplicates,
                "warnings": file.warnings(),
            })
        })
        .collect();
    Value::from(files)
}

/// The same keys of the binary's `import --json`.
fn cli_files(output: &Value) -> Value {
    let files: Vec<Value> = output["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| {
            json!({
                "file": file["file"],
                "kind": file["kind"],
                "added": file["added"],
                "duplicates": file["duplicates"],
                "warnings": file["warnings"],
            })
        })
        .collect();
    Value::from(files)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Imports `batches` (each one `import` run) through the use case in a fresh
/// book; returns each run's contract files, the allocations booked and the
/// status of INV-1401.
fn through_the_use_case(batches: &[&[&str]]) -> (Vec<Value>, usize, InvoiceStatus) {
    let folder = tempfile::tempdir().unwrap();
    runtime().block_on(async {
        let book = Book::open(&folder.path().join("book.db")).await.unwrap();
        let mut runs = Vec::new();
        for batch in batches {
            let files = batch
                .iter()
                // Named as the CLI names a file: by the path it was given.
                .map(|name| {
                    let path = data(name);
                    (path.display().to_string(), std::fs::read(&path).unwrap())
                })
                .collect();
            let report = import::run(&book, files, chrono::Utc::now(), None)
                .await
                .unwrap();
            assert!(report.matching.is_some(), "matching ran after {batch:?}");
            runs.push(contract_files(&report));
        }
        let booked = book.allocation_lines(true).await.unwrap().len();
        let today = chrono::Utc::now().date_naive();
        let positions = overview::positions(&book, today).await.unwrap();
        let invoice = positions
            .iter()
            .find(|position| position.number == "INV-1401")
            .unwrap();
        (runs, booked, invoice.status)
    })
}

/// The same batches through the binary in another fresh book.
fn through_the_cli(batches: &[&[&str]]) -> (Vec<Value>, Value, Value) {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("book.db");
    let mut runs = Vec::new();
    for batch in batches {
        let paths: Vec<String> = batch
            .iter()
            .map(|name| data(name).display().to_string())
            .collect();
        let mut args = vec!["import"];
        args.extend(paths.iter().map(String::as_str));
        args.push("--json");
        runs.push(cli_files(&stdout_json(&tegoed(&db, &args))));
    }
    let allocations = stdout_json(&tegoed(&db, &["allocations", "--json"]));
    let invoices = stdout_json(&tegoed(&db, &["invoices", "--json"]));
    // A second run right after the import changes nothing.
    stdout_json(&tegoed(&db, &["match", "--json"]));
    let again = stdout_json(&tegoed(&db, &["allocations", "--json"]));
    assert_eq!(again, allocations, "a second match changed the allocations");
    (runs, allocations, invoices)
}

fn check(batches: &[&[&str]]) {
    let (use_case_runs, booked, status) = through_the_use_case(batches);
    let (cli_runs, allocations, invoices) = through_the_cli(batches);
    assert_eq!(
        cli_runs, use_case_runs,
        "the CLI's JSON vs the use case's report"
    );
    assert_eq!(allocations["allocations"].as_array().unwrap().len(), booked);
    assert_eq!(booked, 1, "the payment pays INV-1401: {allocations}");
    assert_eq!(status, InvoiceStatus::Paid);
    let invoice = invoices["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|invoice| invoice["number"] == "INV-1401")
        .unwrap();
    assert_eq!(invoice["status"], "paid", "{invoice}");
}

#[test]
fn r14_ledger_and_bank_file_in_one_import_match_after_it() {
    check(&[&["ledger-overdue.csv", "bank-pays-invoice.csv"]]);
}

#[test]
fn r14_a_ledger_imported_after_the_payment_is_matched_to_it() {
    check(&[&["bank-pays-invoice.csv"], &["ledger-overdue.csv"]]);
}
