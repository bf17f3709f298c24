//! `tegoed costs` and `tegoed interest` on the real binary. Neither opens the
//! book: every run points `--db` at a folder that does not exist.

#![allow(clippy::unwrap_used, reason = "test helpers may unwrap")]

mod support;

use std::path::Path;

use support::{stdout_json, tegoed};

/// A book that cannot be opened: a command that tried would fail.
const NO_BOOK: &str = "/nonexistent/dir/book.db";

fn run(args: &[&str]) -> std::process::Output {
    tegoed(Path::new(NO_BOOK), args)
}

#[test]
fn costs_on_1000_are_150() {
    let costs = stdout_json(&run(&["costs", "1000", "--json"]));
    assert_eq!(
        costs,
        serde_json::json!({"principal": "1000.00", "costs": "150.00", "vat": "0.00"})
    );
}

#[test]
fn costs_on_250_are_the_minimum_40() {
    let costs = stdout_json(&run(&["costs", "250", "--json"]));
    assert_eq!(costs["costs"], "40.00");
    assert_eq!(costs["vat"], "0.00");
}

#[test]
fn costs_for_a_consumer_use_the_same_scale() {
    let costs = stdout_json(&run(&["costs", "10000", "--b2c", "--json"]));
    assert_eq!(costs["costs"], "875.00");
    assert_eq!(costs["vat"], "0.00");
}

#[test]
fn amounts_with_a_decimal_comma() {
    for amount in ["1000,00", "1.000,00", "1000.00", "1000"] {
        let costs = stdout_json(&run(&["costs", amount, "--json"]));
        assert_eq!(costs["principal"], "1000.00", "{amount}");
    }
    let costs = stdout_json(&run(&["costs", "12.000,50", "--json"]));
    assert_eq!(costs["principal"], "12000.50");
}

#[test]
fn costs_without_json_is_one_line() {
    let output = run(&["costs", "3000"]);
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("425.00"), "{stdout}");
}

#[test]
fn a_bad_amount_is_exit_1_naming_it() {
    for amount in ["abc", "10.00.00", "1,000.00", "1.00,00", "€5"] {
        let output = run(&["costs", amount, "--json"]);
        assert_eq!(output.status.code(), Some(1), "{amount}");
        assert!(output.stdout.is_empty(), "{amount}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(&format!("'{amount}'")), "{stderr}");
    }
    let output = run(&[
        "interest",
        "twelve",
        "--from",
        "2024-01-15",
        "--to",
        "2025-03-15",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("'twelve'")
    );
}

#[test]
fn interest_of_the_worked_example() {
    let interest = stdout_json(&run(&[
        "interest",
        "10000",
        "--from",
        "2024-01-15",
        "--to",
        "2025-03-15",
        "--json",
    ]));
    assert_eq!(interest["principal"], "10000.00");
    assert_eq!(interest["interest"], "1437.77");
    let periods = interest["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 4);
    let summary: Vec<(&str, &str, &str, &str)> = periods
        .iter()
        .map(|period| {
            (
                period["from"].as_str().unwrap(),
                period["to"].as_str().unwrap(),
                period["rate"].as_str().unwrap(),
                period["interest"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("2024-01-16", "2024-06-30", "12.50", "571.92"),
            ("2024-07-01", "2024-12-31", "12.25", "617.53"),
            ("2025-01-01", "2025-01-15", "11.15", "45.82"),
            ("2025-01-16", "2025-03-15", "11.15", "202.50"),
        ]
    );
    assert_eq!(periods[3]["base"], "11235.27");
    assert_eq!(periods[3]["days"], 59);
}

#[test]
fn interest_without_json_is_a_small_table() {
    let output = run(&[
        "interest",
        "10000",
        "--from",
        "2024-01-15",
        "--to",
        "2025-03-15",
    ]);
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 6, "{stdout}");
    assert!(
        stdout.lines().last().unwrap().ends_with("1437.77"),
        "{stdout}"
    );
}

#[test]
fn consumer_interest_with_b2c() {
    let interest = stdout_json(&run(&[
        "interest",
        "1000",
        "--from",
        "2025-05-31",
        "--to",
        "2025-07-31",
        "--b2c",
        "--json",
    ]));
    assert_eq!(interest["interest"], "9.18");
    assert_eq!(interest["periods"][0]["rate"], "6.00");
    assert_eq!(interest["periods"][1]["rate"], "5.00");
}

#[test]
fn to_before_from_is_zero_interest() {
    let interest = stdout_json(&run(&[
        "interest",
        "10000",
        "--from",
        "2025-03-15",
        "--to",
        "2024-01-15",
        "--json",
    ]));
    assert_eq!(interest["interest"], "0.00");
    assert_eq!(interest["periods"], serde_json::json!([]));
}

#[test]
fn a_date_before_the_rate_table_is_exit_1() {
    let output = run(&[
        "interest",
        "1000",
        "--from",
        "2012-01-01",
        "--to",
        "2013-06-01",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("2012-01-02"), "{stderr}");
}
