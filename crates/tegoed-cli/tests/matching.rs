//! `match`, `allocations` and `reference` as the contract describes them.

#![allow(clippy::unwrap_used, reason = "test helpers may unwrap")]

mod support;

use support::{stdout_json, tegoed};

use std::process::Command;

use serde_json::Value;

fn check_reference(value: &str, kind: &str, valid: bool) {
    let folder = tempfile::tempdir().unwrap();
    let json = stdout_json(&tegoed(
        &folder.path().join("book.db"),
        &["reference", value, "--json"],
    ));
    assert_eq!(
        json,
        serde_json::json!({"value": value, "kind": kind, "valid": valid}),
        "{value}"
    );
}

#[test]
fn reference_classifies_and_validates() {
    check_reference("6000 0000 2026 0042", "betalingskenmerk", true);
    check_reference("6000000020260024", "betalingskenmerk", false);
    check_reference("12234534622567", "betalingskenmerk", true);
    check_reference("1234567", "betalingskenmerk", false);
    check_reference("RF18 5390 0754 7034", "rf", true);
    check_reference("RF19 5390 0754 7034", "rf", false);
    check_reference("+++010/8068/17183+++", "ogm", true);
    check_reference("+++119/7530/76600+++", "ogm", false);
    check_reference("NL91ABNA0417164300", "iban", true);
    check_reference("NL91ABNA0417164301", "iban", false);
    check_reference("hello", "unknown", false);
}

#[test]
fn reference_does_not_need_a_book() {
    let output = Command::new(env!("CARGO_BIN_EXE_tegoed"))
        .args(["--db", "/nonexistent/dir/x.db", "reference", "RF712348231"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap().trim(),
        "rf: valid"
    );
}

fn check_allocation(allocation: &Value) {
    let money = |value: &Value| {
        let text = value.as_str().unwrap();
        assert_eq!(text.rsplit_once('.').unwrap().1.len(), 2, "{text}");
    };
    let transaction = &allocation["transaction"];
    assert_eq!(transaction["booking_date"].as_str().unwrap().len(), 10);
    money(&transaction["amount"]);
    money(&allocation["amount"]);
    for field in ["counterparty_name", "end_to_end_id", "bank_reference"] {
        assert!(transaction.get(field).is_some(), "{field} in {transaction}");
    }
    assert!(allocation["invoice"].is_string());
    let confidence = allocation["confidence"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&confidence), "{confidence}");
    assert!(allocation["auto"].is_boolean());
    assert!(!allocation["reason"].as_str().unwrap().is_empty());
}

#[test]
fn match_books_and_suggests_and_allocations_lists_the_booked() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("book.db");
    stdout_json(&tegoed(&db, &["demo", "--json"]));
    let before = stdout_json(&tegoed(&db, &["allocations", "--json"]));
    let booked_before = before["allocations"].as_array().unwrap().len();
    assert!(booked_before > 0);

    let matched = stdout_json(&tegoed(&db, &["match", "--json"]));
    let allocations = matched["allocations"].as_array().unwrap();
    assert!(!allocations.is_empty(), "{matched}");
    for allocation in allocations {
        check_allocation(allocation);
    }
    // The demo leaves payments only a person can place: they are suggested, not booked.
    assert!(
        allocations
            .iter()
            .any(|allocation| allocation["auto"] == false)
    );
    assert!(matched["unmatched_transactions"].as_u64().unwrap() > 0);

    let after = stdout_json(&tegoed(&db, &["allocations", "--json"]));
    let booked = after["allocations"].as_array().unwrap();
    for allocation in booked {
        check_allocation(allocation);
    }
    // The demo book was matched when it was made: a run finds it at its fixed
    // point and books nothing it had not booked.
    assert_eq!(booked.len(), booked_before, "{after}");
    assert_eq!(after, before);
    assert!(booked.iter().any(|allocation| allocation["auto"] == true));

    // A second run books nothing new and duplicates nothing.
    let again = stdout_json(&tegoed(&db, &["match", "--json"]));
    let booked_again = stdout_json(&tegoed(&db, &["allocations", "--json"]));
    assert_eq!(booked_again, after);
    assert_eq!(
        again["unmatched_transactions"],
        matched["unmatched_transactions"]
    );
}

#[test]
fn match_on_an_empty_book() {
    let folder = tempfile::tempdir().unwrap();
    let json = stdout_json(&tegoed(
        &folder.path().join("book.db"),
        &["match", "--json"],
    ));
    assert_eq!(
        json,
        serde_json::json!({"allocations": [], "unmatched_transactions": 0})
    );
}
