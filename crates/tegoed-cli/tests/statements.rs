//! `parse` and `import` of bank files through the real binary.

#![allow(clippy::unwrap_used, reason = "test helpers may unwrap")]

mod support;

use support::tegoed;

use std::path::{Path, PathBuf};
use std::process::Output;

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tegoed-core/tests/data/statement")
        .join(name)
}

fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn parse_prints_the_contract_and_touches_no_book() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("book.db");
    let camt = sample("camt053-batch.xml");
    let ing = sample("ing-structured.sta");
    let value = json(&tegoed(
        &db,
        &[
            "parse",
            camt.to_str().unwrap(),
            ing.to_str().unwrap(),
            "--json",
        ],
    ));
    assert!(!db.exists(), "parse must not create a book");
    let files = value["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["kind"], "bank");
    assert_eq!(files[0]["format"], "camt.053.001.02");
    assert_eq!(files[0]["encoding"], "utf-8");
    let statement = &files[0]["statements"][0];
    assert_eq!(statement["account"], "NL42INGB9836900602");
    assert_eq!(
        statement["opening_balance"],
        serde_json::json!({"date": "2026-11-01", "amount": "1000.00"})
    );
    let transaction = &statement["transactions"][0];
    for field in [
        "booking_date",
        "value_date",
        "amount",
        "currency",
        "counterparty_name",
        "counterparty_iban",
        "remittance",
        "structured_reference",
        "end_to_end_id",
        "bank_reference",
    ] {
        assert!(transaction.get(field).is_some(), "{field} missing");
    }
    assert_eq!(transaction["amount"], "605.00");
    assert_eq!(transaction["structured_reference"], "1000000020260146");
    assert_eq!(transaction["remittance"], serde_json::Value::Null);
    assert_eq!(statement["transactions"][2]["amount"], "-46.25");
    assert_eq!(files[1]["format"], "mt940");
}

#[test]
fn import_twice_adds_nothing_the_second_time() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("book.db");
    let file = sample("ing-structured.sta");
    let first = json(&tegoed(&db, &["import", file.to_str().unwrap(), "--json"]));
    assert_eq!(first["files"][0]["kind"], "bank");
    assert_eq!(first["files"][0]["added"], 3);
    assert_eq!(first["files"][0]["duplicates"], 0);
    assert_eq!(first["files"][0]["warnings"], serde_json::json!([]));
    let second = json(&tegoed(&db, &["import", file.to_str().unwrap(), "--json"]));
    assert_eq!(second["files"][0]["added"], 0);
    assert_eq!(second["files"][0]["duplicates"], 3);
}

#[test]
fn a_bad_file_is_exit_1_with_one_line_and_changes_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("book.db");
    let good = sample("rabobank-structured.swi");
    let bad = folder.path().join("cut.sta");
    let text = std::fs::read_to_string(sample("abnamro-trtp.sta")).unwrap();
    std::fs::write(&bad, &text[..text.find(":62F:").unwrap()]).unwrap();
    let output = tegoed(
        &db,
        &[
            "import",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("cut.sta line") && stderr.contains("cut off"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
    // Nothing from either file went in: the good one imports fully afterwards.
    let again = json(&tegoed(&db, &["import", good.to_str().unwrap(), "--json"]));
    assert_eq!(again["files"][0]["added"], 2);

    let picture = folder.path().join("photo.sta");
    std::fs::write(&picture, b"\xff\xd8\xff\xe0\x00\x10JFIF\x00").unwrap();
    let output = tegoed(&db, &["parse", picture.to_str().unwrap(), "--json"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("photo.sta") && stderr.contains("JPEG"),
        "{stderr}"
    );

    let empty = folder.path().join("empty.xml");
    std::fs::write(&empty, b"").unwrap();
    let output = tegoed(&db, &["import", empty.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_balance_break_is_a_visible_warning() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("book.db");
    let first = folder.path().join("a.sta");
    let second = folder.path().join("b.sta");
    std::fs::write(&first, ":20:1\n:25:NL91ABNA0417164300\n:60F:C261101EUR100,00\n:61:2611021102C10,00NTRFNONREF\n:86:x\n:62F:C261102EUR110,00\n-\n").unwrap();
    std::fs::write(&second, ":20:2\n:25:NL91ABNA0417164300\n:60F:C261103EUR500,00\n:61:2611041104C10,00NTRFNONREF\n:86:y\n:62F:C261104EUR510,00\n-\n").unwrap();
    json(&tegoed(&db, &["import", first.to_str().unwrap(), "--json"]));
    let output = tegoed(&db, &["import", second.to_str().unwrap(), "--json"]);
    let value = json(&output);
    let warning = value["files"][0]["warnings"][0].as_str().unwrap();
    assert!(warning.contains("balance break"), "{warning}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("balance break"));
    assert_eq!(value["files"][0]["added"], 1);
}

#[test]
fn parse_reads_a_zip_as_the_files_inside() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("book.db");
    let zip = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/r18/camt-november.zip");
    let value = json(&tegoed(&db, &["parse", zip.to_str().unwrap(), "--json"]));
    let files = value["files"].as_array().unwrap();
    let names: Vec<&str> = files
        .iter()
        .map(|file| file["file"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names[0].ends_with("camt-november.zip/camt053-batch.xml"),
        "{names:?}"
    );
    assert!(
        names[1].ends_with("camt-november.zip/camt054-notification.xml"),
        "{names:?}"
    );
    assert_eq!(files[0]["format"], "camt.053.001.02");
    assert_eq!(files[1]["format"], "camt.054.001.04");
    assert!(!db.exists(), "parse must not create a book");
}
