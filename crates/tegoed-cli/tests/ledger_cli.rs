//! `tegoed parse` and `tegoed import` with ledgers and invoice PDFs: the
//! real binary on the ledger goldens of `tegoed-core`.

#![allow(clippy::unwrap_used, reason = "test helpers may unwrap")]

mod support;

use support::{stdout_json, tegoed};

use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tegoed-core/tests/data/ledger")
        .join(name)
        .display()
        .to_string()
}

/// A one-page PDF showing `text`, with a correct cross-reference table.
fn pdf(text: &str) -> Vec<u8> {
    let stream = format!("BT /F1 12 Tf 72 760 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{object}\nendobj\n", index + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for offset in offsets {
        out.push_str(&format!("{offset:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

#[test]
fn parse_prints_ledgers_in_the_contract_shape() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("unused.db");
    let parsed = stdout_json(&tegoed(
        &db,
        &[
            "parse",
            &fixture("nl_title_rows.xlsx"),
            &fixture("utf8_bom_comma.csv"),
            "--json",
        ],
    ));
    let files = parsed["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let sheet = &files[0];
    assert_eq!(sheet["kind"], "ledger");
    assert_eq!(sheet["format"], "xlsx");
    let invoice = &sheet["invoices"][0];
    for field in [
        "number",
        "customer",
        "invoice_date",
        "due_date",
        "amount",
        "open_amount",
    ] {
        assert!(invoice[field].is_string(), "{field} in {invoice}");
    }
    assert_eq!(invoice["amount"], "1210.00");
    // The sheet has no currency column: null, never invented.
    assert!(invoice["currency"].is_null());
    assert!(sheet["customers"][0]["email"].is_null());
    assert_eq!(sheet["invoices"][3]["credits"], "2026-0042");
    assert_eq!(files[1]["format"], "csv");
    assert_eq!(files[1]["invoices"][0]["currency"], "EUR");
    assert!(!db.exists(), "parse opens no book");
}

#[test]
fn a_broken_ledger_fails_naming_file_sheet_and_cell() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("book.db");
    let output = tegoed(&db, &["import", &fixture("broken_amount.xlsx"), "--json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "broken_amount.xlsx, sheet 'Facturen', cell D17 (Bedrag): '12,3,4' is not an amount"
        ),
        "{stderr}"
    );
    let invoices = stdout_json(&tegoed(
        &db,
        &["invoices", "--as-of", "2026-11-27", "--json"],
    ));
    assert_eq!(
        invoices["invoices"].as_array().unwrap().len(),
        0,
        "nothing imported"
    );
    for (name, expected) in [
        ("empty.xlsx", "empty.xlsx: the file is empty"),
        ("password_protected.xlsx", "protected with a password"),
        (
            "no_invoice_columns.xlsx",
            "headers seen: sheet 'Voorraad' row 1: 'Artikel'",
        ),
    ] {
        let output = tegoed(&db, &["parse", &fixture(name)]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{name}: {stderr}");
    }
}

#[test]
fn import_ledger_then_a_folder_of_pdfs() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("book.db");
    let imported = stdout_json(&tegoed(
        &db,
        &["import", &fixture("nl_title_rows.xlsx"), "--json"],
    ));
    let file = &imported["files"][0];
    assert_eq!(
        (file["kind"].as_str(), file["added"].as_u64()),
        (Some("ledger"), Some(4))
    );
    let again = stdout_json(&tegoed(
        &db,
        &["import", &fixture("nl_title_rows.xlsx"), "--json"],
    ));
    assert_eq!(again["files"][0]["added"], 0);
    assert_eq!(again["files"][0]["duplicates"], 4);

    // The ledger's own open amount counts: 2026-0042 is half paid in the
    // accounting package, so only the rest is open (never chase what was paid).
    let invoices = stdout_json(&tegoed(&db, &["invoices", "--json"]));
    let half_paid = invoices["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|invoice| invoice["number"] == "2026-0042")
        .unwrap();
    assert_eq!(
        (
            &half_paid["amount"],
            &half_paid["open_amount"],
            &half_paid["status"]
        ),
        (
            &serde_json::json!("605.00"),
            &serde_json::json!("302.50"),
            &serde_json::json!("partially_paid")
        )
    );

    let pdfs: PathBuf = folder.path().join("facturen");
    std::fs::create_dir(&pdfs).unwrap();
    std::fs::write(pdfs.join("Factuur 2026-0040.pdf"), pdf("Factuur")).unwrap();
    std::fs::write(pdfs.join("scan-0001.pdf"), pdf("Factuurnummer: 2026-0047")).unwrap();
    std::fs::write(pdfs.join("offerte.pdf"), pdf("Offerte 2026-9999")).unwrap();
    let imported = stdout_json(&tegoed(&db, &["import", pdfs.to_str().unwrap(), "--json"]));
    let files = imported["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    let by_name = |name: &str| {
        files
            .iter()
            .find(|file| file["file"].as_str().unwrap().ends_with(name))
            .unwrap()
            .clone()
    };
    let named = by_name("Factuur 2026-0040.pdf");
    assert_eq!(
        (named["kind"].as_str(), named["invoice"].as_str()),
        (Some("invoice_pdf"), Some("2026-0040"))
    );
    assert_eq!(named["linked_by"], "file_name");
    let scanned = by_name("scan-0001.pdf");
    assert_eq!(
        (scanned["invoice"].as_str(), scanned["linked_by"].as_str()),
        (Some("2026-0047"), Some("text"))
    );
    let unlinked = by_name("offerte.pdf");
    assert!(unlinked["invoice"].is_null());
    assert_eq!(unlinked["warnings"].as_array().unwrap().len(), 1);

    let again = stdout_json(&tegoed(&db, &["import", pdfs.to_str().unwrap(), "--json"]));
    for file in again["files"].as_array().unwrap() {
        assert_eq!(
            (file["added"].as_u64(), file["duplicates"].as_u64()),
            (Some(0), Some(1))
        );
    }
}

#[test]
fn parse_reads_an_invoice_pdf() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("F2026-0142.pdf");
    std::fs::write(&path, pdf("Factuur 2026-0142")).unwrap();
    let parsed = stdout_json(&tegoed(
        &folder.path().join("unused.db"),
        &["parse", path.to_str().unwrap(), "--json"],
    ));
    let file = &parsed["files"][0];
    assert_eq!(file["kind"], "invoice_pdf");
    assert_eq!(file["invoice_number_in_name"], "2026-0142");
    assert_eq!(file["pages"], 1);
}
