//! The dunning verbs of the contract ("Added 2026-12-02") on the real
//! binary: `overdue`, `today`, `call`, `plan`, `dispute`, `customer`,
//! `timeline`, and the stale-bank block of `today` and `remind`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests unwrap what must be there"
)]

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use support::{stdout_json, tegoed};

/// Two customers: C-15 one invoice of €1,452.00, C-16 two (€605.00 and
/// €242.00), all due Thu 15 Jan 2026.
fn book() -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().unwrap();
    let ledger = folder.path().join("ledger.csv");
    std::fs::write(
        &ledger,
        "Invoice number,Customer code,Customer name,Invoice date,Due date,Amount,Outstanding,Currency\n\
         INV-1501,C-15,Drukkerij Van Dam,2025-12-16,2026-01-15,1452.00,1452.00,EUR\n\
         INV-1502,C-16,Bloemenhuis Jansen,2025-12-16,2026-01-15,605.00,605.00,EUR\n\
         INV-1503,C-16,Bloemenhuis Jansen,2025-12-18,2026-01-15,242.00,242.00,EUR\n",
    )
    .unwrap();
    let db = folder.path().join("book.db");
    stdout_json(&tegoed(
        &db,
        &["import", ledger.to_str().unwrap(), "--json"],
    ));
    (folder, db)
}

fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    stdout_json(&tegoed(db, &all))
}

fn fails(db: &Path, args: &[&str]) -> String {
    let output = tegoed(db, args);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(output.stdout.is_empty());
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn action<'a>(today: &'a Value, code: &str) -> Option<&'a Value> {
    today["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|action| action["customer_code"] == code)
}

#[test]
fn today_groups_a_customers_overdue_invoices_into_one_reminder() {
    let (_folder, db) = book();
    // Due Thu 15 Jan + 3 = Sunday 18 → Monday 19 Jan.
    let before = json(&db, &["today", "--as-of", "2026-01-16"]);
    assert_eq!(before["actions"].as_array().unwrap().len(), 0, "{before}");
    let today = json(&db, &["today", "--as-of", "2026-01-19"]);
    assert_eq!(today["as_of"], "2026-01-19");
    assert_eq!(today["blocked"], Value::Null);
    let jansen = action(&today, "C-16").unwrap();
    assert_eq!(jansen["customer"], "Bloemenhuis Jansen");
    assert_eq!(jansen["action"], "reminder_1");
    assert_eq!(
        jansen["invoices"],
        serde_json::json!(["INV-1502", "INV-1503"])
    );
    assert_eq!(jansen["total_open"], "847.00");
    assert_eq!(jansen["due"], "2026-01-19");
    assert!(jansen["reason"].as_str().unwrap().contains("overdue"));
    assert_eq!(jansen["payment_history"], "no payment history yet");
    // A call due earlier stays listed later: the reminder is still there on Thursday.
    let later = json(&db, &["today", "--as-of", "2026-01-22"]);
    assert_eq!(action(&later, "C-16").unwrap()["due"], "2026-01-19");
}

#[test]
fn overdue_lists_each_invoice_with_its_next_action_or_why_it_waits() {
    let (_folder, db) = book();
    let overdue = json(&db, &["overdue", "--as-of", "2026-01-17"]);
    let rows = overdue["overdue"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let row = rows.iter().find(|row| row["number"] == "INV-1501").unwrap();
    assert_eq!(row["customer"], "Drukkerij Van Dam");
    assert_eq!(row["customer_code"], "C-15");
    assert_eq!(row["open_amount"], "1452.00");
    assert_eq!(row["due_date"], "2026-01-15");
    assert_eq!(row["days_overdue"], 2);
    assert_eq!(row["stage"], "none");
    assert_eq!(row["next_action"], "reminder_1");
    assert_eq!(row["next_action_date"], "2026-01-19");
    assert_eq!(row["excluded"], Value::Null);
    // Due today is not overdue.
    let on_due_date = json(&db, &["overdue", "--as-of", "2026-01-15"]);
    assert_eq!(on_due_date["overdue"].as_array().unwrap().len(), 0);
}

#[test]
fn a_dispute_takes_the_invoice_off_today_until_lifted() {
    let (_folder, db) = book();
    let set = json(
        &db,
        &[
            "dispute",
            "INV-1503",
            "--note",
            "levering onvolledig",
            "--at",
            "2026-01-18",
        ],
    );
    assert_eq!(
        set,
        serde_json::json!({"invoice": "INV-1503", "disputed": true})
    );
    let today = json(&db, &["today", "--as-of", "2026-01-19"]);
    assert_eq!(
        action(&today, "C-16").unwrap()["invoices"],
        serde_json::json!(["INV-1502"])
    );
    let held = today["held"].as_array().unwrap();
    assert!(
        held.iter().any(|held| held["customer_code"] == "C-16"
            && held["why"] == "dispute"
            && held["invoices"] == serde_json::json!(["INV-1503"])),
        "{today}"
    );
    let overdue = json(&db, &["overdue", "--as-of", "2026-01-19"]);
    let row = overdue["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["number"] == "INV-1503")
        .unwrap()
        .clone();
    assert_eq!(row["excluded"], "dispute");
    let lifted = json(
        &db,
        &["dispute", "INV-1503", "--lift", "--at", "2026-01-19"],
    );
    assert_eq!(lifted["disputed"], false);
    let today = json(&db, &["today", "--as-of", "2026-01-19"]);
    assert_eq!(
        action(&today, "C-16").unwrap()["invoices"],
        serde_json::json!(["INV-1502", "INV-1503"])
    );
    let timeline = json(&db, &["timeline", "C-16"]);
    let kinds: Vec<&str> = timeline["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["dispute", "dispute_lifted"]);
    assert!(fails(&db, &["dispute", "NOPE-1"]).contains("NOPE-1"));
}

#[test]
fn a_promise_waits_for_its_confirmation_and_date_then_calls_again() {
    let (_folder, db) = book();
    assert!(
        fails(
            &db,
            &["call", "C-15", "--outcome", "promise", "--at", "2026-01-27"]
        )
        .contains("--promise-date")
    );
    assert!(fails(&db, &["call", "C-15", "--outcome", "maybe"]).contains("no_answer"));
    assert!(fails(&db, &["call", "Nobody", "--outcome", "no_answer"]).contains("Nobody"));
    let call = json(
        &db,
        &[
            "call",
            "Drukkerij Van Dam",
            "--outcome",
            "promise",
            "--promise-date",
            "2026-02-03",
            "--amount",
            "1452,00",
            "--contact",
            "mevrouw Van Dam",
            "--note",
            "betaalt na goedkeuring directeur",
            "--at",
            "2026-01-27",
        ],
    );
    assert_eq!(call["customer"], "Drukkerij Van Dam");
    assert!(call["event_id"].as_i64().unwrap() > 0);
    assert_eq!(call["next_action"], "confirmation");
    assert_eq!(call["next_action_date"], "2026-01-27");
    let timeline = json(&db, &["timeline", "C-15"]);
    let events = timeline["events"].as_array().unwrap();
    assert_eq!(timeline["customer"], "Drukkerij Van Dam");
    assert_eq!(events[0]["kind"], "call");
    assert_eq!(events[0]["at"], "2026-01-27");
    assert_eq!(events[0]["invoices"], serde_json::json!(["INV-1501"]));
    assert!(
        events[0]["text"]
            .as_str()
            .unwrap()
            .contains("betaalt na goedkeuring directeur")
    );
    assert_eq!(events[1]["kind"], "promise");
    let today = json(&db, &["today", "--as-of", "2026-01-28"]);
    assert_eq!(action(&today, "C-15").unwrap()["action"], "confirmation");
}

#[test]
fn two_unanswered_calls_lead_to_the_second_reminder() {
    let (_folder, db) = book();
    let first = json(
        &db,
        &[
            "call",
            "C-15",
            "--outcome",
            "no_answer",
            "--at",
            "2026-01-27",
        ],
    );
    assert_eq!(first["next_action"], "call");
    assert_eq!(first["next_action_date"], "2026-01-28");
    let second = json(
        &db,
        &[
            "call",
            "C-15",
            "--outcome",
            "no_answer",
            "--at",
            "2026-01-28",
        ],
    );
    assert_eq!(second["next_action"], "reminder_2");
    assert_eq!(second["next_action_date"], "2026-01-29");
}

#[test]
fn customer_shows_and_changes_the_settings_dunning_obeys() {
    let (_folder, db) = book();
    let shown = json(&db, &["customer", "C-16"]);
    for field in [
        "code",
        "name",
        "email",
        "language",
        "consumer",
        "own_terms",
        "no_calls",
        "stop_dunning",
        "fatal_term_agreed",
    ] {
        assert!(shown.get(field).is_some(), "{field} missing: {shown}");
    }
    assert_eq!(shown["consumer"], false);
    let changed = json(
        &db,
        &[
            "customer",
            "C-16",
            "--consumer",
            "true",
            "--email",
            "info@bloemenhuisjansen.example",
            "--language",
            "en",
            "--stop-dunning",
            "true",
        ],
    );
    assert_eq!(changed["consumer"], true);
    assert_eq!(changed["email"], "info@bloemenhuisjansen.example");
    assert_eq!(changed["language"], "en");
    assert_eq!(changed["stop_dunning"], true);
    let today = json(&db, &["today", "--as-of", "2026-01-19"]);
    assert!(action(&today, "C-16").is_none());
    assert!(
        today["held"]
            .as_array()
            .unwrap()
            .iter()
            .any(|held| held["customer_code"] == "C-16"),
        "{today}"
    );
    assert!(fails(&db, &["customer", "C-16", "--language", "de"]).contains("'de'"));
    let own = json(&db, &["customer", "C-15", "--own-terms", "true"]);
    assert_eq!(own["own_terms"], true);
    let overdue = json(&db, &["overdue", "--as-of", "2026-01-19"]);
    let row = overdue["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["number"] == "INV-1501")
        .unwrap()
        .clone();
    assert!(
        row["excluded"].as_str().unwrap().starts_with("own terms"),
        "{row}"
    );
}

#[test]
fn a_plan_splits_the_open_principal_into_equal_instalments() {
    let (_folder, db) = book();
    let plan = json(
        &db,
        &[
            "plan",
            "C-16",
            "--instalments",
            "3",
            "--first",
            "2026-02-01",
            "--at",
            "2026-01-28",
        ],
    );
    assert_eq!(plan["customer"], "Bloemenhuis Jansen");
    assert!(plan["plan_id"].as_i64().unwrap() > 0);
    assert_eq!(plan["total"], "847.00");
    assert_eq!(
        plan["instalments"],
        serde_json::json!([
            {"due": "2026-02-01", "amount": "282.33"},
            {"due": "2026-03-01", "amount": "282.33"},
            {"due": "2026-04-01", "amount": "282.34"}
        ])
    );
    let today = json(&db, &["today", "--as-of", "2026-01-28"]);
    assert_eq!(
        action(&today, "C-16").unwrap()["action"],
        "plan_confirmation"
    );
    let weekly = json(
        &db,
        &[
            "plan",
            "C-15",
            "--instalments",
            "2",
            "--first",
            "2026-02-02",
            "--every",
            "week",
            "--invoices",
            "INV-1501",
        ],
    );
    assert_eq!(weekly["instalments"][1]["due"], "2026-02-09");
    assert!(
        fails(
            &db,
            &[
                "plan",
                "C-15",
                "--instalments",
                "2",
                "--first",
                "2026-02-02",
                "--invoices",
                "INV-1502"
            ]
        )
        .contains("INV-1502")
    );
}

#[test]
fn stale_bank_data_blocks_today_and_remind_unless_overridden() {
    let (folder, db) = book();
    let statement = folder.path().join("bank.csv");
    std::fs::write(
        &statement,
        "\"Datum\";\"Naam / Omschrijving\";\"Rekening\";\"Tegenrekening\";\"Code\";\"Af Bij\";\"Bedrag (EUR)\";\"Mutatiesoort\";\"Mededelingen\";\"Saldo na mutatie\";\"Tag\"\n\
         \"20260105\";\"Huur\";\"NL63INGB4773038795\";\"NL55SNSB4715105633\";\"OV\";\"Af\";\"100,00\";\"Overschrijving\";\"Naam: Verhuur BV Omschrijving: huur januari\";\"900,00\";\"\"\n",
    )
    .unwrap();
    stdout_json(&tegoed(
        &db,
        &["import", statement.to_str().unwrap(), "--json"],
    ));
    let today = json(&db, &["today", "--as-of", "2026-01-19"]);
    let blocked = today["blocked"].as_str().unwrap();
    assert!(
        blocked.starts_with(
            "import your latest bank statement first: NL63INGB4773038795 statement up to 2026-01-05"
        ),
        "{blocked}"
    );
    assert_eq!(today["actions"].as_array().unwrap().len(), 0);
    let out = folder.path().join("letters");
    let refused = fails(
        &db,
        &[
            "remind",
            "--as-of",
            "2026-01-19",
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
    );
    assert!(
        refused.contains("import your latest bank statement first"),
        "{refused}"
    );
    assert!(
        json(&db, &["letters"])["letters"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let overridden = json(
        &db,
        &["today", "--as-of", "2026-01-19", "--ignore-stale-bank"],
    );
    assert_eq!(overridden["blocked"], Value::Null);
    assert!(action(&overridden, "C-16").is_some());
}
