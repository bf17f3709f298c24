//! The CLI as accountants and outside checks use it: real binary, real book.

#![allow(clippy::unwrap_used, reason = "test helpers may unwrap")]

mod support;

use support::{stdout_json, tegoed};

use std::path::Path;

#[test]
fn demo_then_invoices_prints_the_contract() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("book.db");
    let demo = stdout_json(&tegoed(&db, &["demo", "--json"]));
    assert_eq!(demo["customers"], 25);

    let invoices = stdout_json(&tegoed(
        &db,
        &["invoices", "--as-of", "2026-11-27", "--json"],
    ));
    let list = invoices["invoices"].as_array().unwrap();
    assert!(list.len() >= 140);
    let money = |value: &serde_json::Value| {
        let text = value.as_str().unwrap();
        let (_, decimals) = text.rsplit_once('.').unwrap();
        assert_eq!(decimals.len(), 2, "{text}");
        text.to_owned()
    };
    for invoice in list {
        for field in ["number", "customer", "due_date", "status", "stage"] {
            assert!(invoice[field].is_string(), "{field} in {invoice}");
        }
        money(&invoice["amount"]);
        money(&invoice["open_amount"]);
        assert!(invoice["days_overdue"].is_i64());
        let status = invoice["status"].as_str().unwrap();
        assert!(["open", "paid", "partially_paid", "credited", "written_off"].contains(&status));
        if status == "paid" {
            assert_eq!(invoice["open_amount"], "0.00");
        }
    }
    assert!(list.iter().any(|invoice| invoice["stage"] == "demand"));
}

#[test]
fn json_is_alone_on_stdout() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("book.db");
    let output = tegoed(&db, &["invoices", "--json"]);
    let value = stdout_json(&output);
    assert_eq!(value, serde_json::json!({"invoices": []}));
}

#[test]
fn a_missing_folder_is_one_clear_error_and_exit_1() {
    let output = tegoed(Path::new("/nonexistent/dir/x.db"), &["invoices"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("/nonexistent/dir"), "{stderr}");
    assert!(!stderr.contains("panicked"));
    assert!(output.stdout.is_empty());
}

#[test]
fn demo_refuses_a_book_with_data() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("book.db");
    assert!(tegoed(&db, &["demo"]).status.success());
    let again = tegoed(&db, &["demo"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds data"));
}

#[test]
fn a_bad_date_is_a_user_error() {
    let folder = tempfile::tempdir().unwrap();
    let output = tegoed(
        &folder.path().join("book.db"),
        &["invoices", "--as-of", "27-11-2026"],
    );
    assert_eq!(output.status.code(), Some(1));
}
