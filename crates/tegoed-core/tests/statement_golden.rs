//! Golden tests of statement reading.
//!
//! 1. Every sample in `shared/corpora` (found at `../../../shared/corpora`
//!    from this crate, i.e. `<clone>/../shared`): files marked malformed,
//!    invalid or not a statement must fail with a message naming the file;
//!    files with upstream expected output are compared field by field in
//!    the upstream's own schema (counts, dates, signed amounts, balances,
//!    references); every file's own output is also snapshot under
//!    `tests/data/statement/corpus/`.
//! 2. Our own anonymised samples in `tests/data/statement/<case>.<ext>`,
//!    each next to `<case>.expected.json`.
//!
//! `UPDATE_GOLDEN=1 cargo test -p tegoed-core --test statement_golden`
//! rewrites the snapshots. A missing corpus fails the corpus tests unless
//! `TEGOED_NO_CORPUS=1` is set; `TEGOED_CORPORA` points elsewhere.

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "test helpers may unwrap and report"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use tegoed_core::statement::{self, ParsedFile, StatementError};

/// `shared/corpora` beside the clone, or where `TEGOED_CORPORA` says.
fn corpus_root() -> PathBuf {
    std::env::var_os("TEGOED_CORPORA").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora"),
        PathBuf::from,
    )
}

fn data_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/statement")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some()
}

fn opt(value: &Option<String>) -> Value {
    value
        .as_ref()
        .map_or(Value::Null, |text| Value::String(text.clone()))
}

/// Our own output in the contract's shape (plus the line of each item).
fn snapshot(result: &Result<ParsedFile, StatementError>) -> Value {
    match result {
        Err(error) => json!({"error": error.to_string(), "kind": error.kind()}),
        Ok(parsed) => json!({
            "format": parsed.format.code(),
            "encoding": parsed.encoding.code(),
            "warnings": parsed.warnings,
            "statements": parsed.statements.iter().map(|statement| json!({
                "account": statement.account,
                "currency": statement.currency,
                "statement_id": opt(&statement.statement_id),
                "origin": statement.origin.to_string(),
                "opening_balance": statement.opening.map(|balance| json!({"date": balance.date.to_string(), "amount": balance.amount.to_string()})),
                "closing_balance": statement.closing.map(|balance| json!({"date": balance.date.to_string(), "amount": balance.amount.to_string()})),
                "transactions": statement.transactions.iter().map(|transaction| with_returns(transaction, json!({
                    "line": transaction.origin.line(),
                    "booking_date": transaction.booking_date.to_string(),
                    "value_date": transaction.value_date.map(|date| date.to_string()),
                    "amount": transaction.amount.to_string(),
                    "currency": transaction.currency,
                    "counterparty_name": opt(&transaction.counterparty_name),
                    "counterparty_iban": opt(&transaction.counterparty_iban),
                    "remittance": opt(&transaction.remittance),
                    "structured_reference": opt(&transaction.structured_reference),
                    "end_to_end_id": opt(&transaction.end_to_end_id),
                    "bank_reference": opt(&transaction.bank_reference),
                }))).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        }),
    }
}

/// Adds the return and ultimate-debtor fields where the bank gives them, so
/// that only the files that carry them change.
fn with_returns(transaction: &tegoed_core::statement::Transaction, mut value: Value) -> Value {
    if let Some(object) = value.as_object_mut() {
        if transaction.reversal {
            object.insert("reversal".into(), json!(true));
        }
        if let Some(reason) = &transaction.return_reason {
            object.insert("return_reason".into(), json!(reason));
        }
        if let Some(ultimate) = &transaction.ultimate_debtor {
            object.insert("ultimate_debtor".into(), json!(ultimate));
        }
    }
    value
}

/// Compares a snapshot with its golden file, or writes it when updating.
fn check_golden(golden: &Path, actual: &Value, failures: &mut Vec<String>) {
    let text = serde_json::to_string_pretty(actual).unwrap() + "\n";
    if updating() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(golden, text).unwrap();
        return;
    }
    match std::fs::read_to_string(golden) {
        Ok(expected) if expected == text => {}
        Ok(_) => failures.push(format!(
            "{} differs from our output (run with UPDATE_GOLDEN=1 after checking the change)",
            golden.display()
        )),
        Err(_) => failures.push(format!(
            "{} is missing (run with UPDATE_GOLDEN=1)",
            golden.display()
        )),
    }
}

/// Files whose upstream expectations contradict each other (byte-identical
/// copies, one expected to fail and one with expected output), and what we
/// do with them and why.
const DEVIATIONS: [(&str, &str); 9] = [
    (
        "wolph-mt940/betterplace/sepa_snippet_broken.sta",
        "refused: a second :25: where :86: belongs; byte-identical to the mt940-rs copy, which must fail",
    ),
    (
        "mt940-rs/mt940/special-cases/unexpected_tag.sta",
        "refused: the statement has no :25: account, so there is nothing to book it on",
    ),
    (
        "php-mt940/Rabo/sample2",
        "refused: the second statement is cut off after :20: (no :25:, no balances)",
    ),
    (
        "wolph-mt940/self-provided/gv_codes.sta",
        "refused: ends after a :61: with an opening but no closing balance and no end mark, which is what a cut-off download looks like",
    ),
    (
        "wolph-mt940/self-provided/account_identification.sta",
        "accepted: two :20:/:25: blocks are two (empty) statements of an account",
    ),
    (
        "oca/camt/test-camt053.zip",
        "refused: a ZIP archive; the message asks to unpack it",
    ),
    (
        "mt940-rs/mt940/special-cases/incomplete_tag_61.sta",
        "accepted: a :61: without reference after the type is what ASN, SNS and Mollie send; byte-identical to wolph-mt940/self-provided/details_60-63.sta, which has expected output",
    ),
    (
        "wolph-mt940/jejik/knab.sta",
        "refused: the amount 'C500NTRF' has no decimal comma; byte-identical to mt940-rs knab_broken.sta, which must fail",
    ),
    (
        "wolph-mt940/self-provided/transaction_details.yml",
        "refused: three :61:/:86: pairs without :20:/:25:, no account to book them on",
    ),
];

fn must_fail(format: &str, notes: &str) -> bool {
    format == "other"
        || notes.contains("malformed on purpose")
        || notes.contains("invalid on purpose")
        || notes.contains("MALFORMED ON PURPOSE")
}

fn money_cents(text: &str) -> i64 {
    let negative = text.starts_with('-');
    let text = text.trim_start_matches(['-', '+']);
    let (units, fraction) = text.split_once('.').unwrap_or((text, ""));
    let fraction = format!("{fraction:0<2}");
    let cents: i64 =
        units.parse::<i64>().unwrap_or(0) * 100 + fraction[..2].parse::<i64>().unwrap_or(0);
    if negative { -cents } else { cents }
}

fn cents(money: tegoed_core::money::Money) -> i64 {
    money.to_cents().unwrap()
}

/// The bank's reference of a `:61:` line (after `//`) against upstream's.
/// The customer reference before it is not kept in our model (it is read
/// only for the IBAN some banks write there), so it is not compared.
fn compare_reference(
    transaction: &tegoed_core::statement::Transaction,
    theirs: Option<&str>,
    key: &str,
    problems: &mut Vec<String>,
) {
    let theirs = theirs
        .map(str::trim)
        .filter(|reference| !reference.is_empty());
    if transaction.bank_reference.as_deref() != theirs {
        problems.push(format!(
            "line {:?}: bank reference {:?} vs {key} {theirs:?}",
            transaction.origin.line(),
            transaction.bank_reference
        ));
    }
}

/// mt940-rs: one message per statement, unsigned amounts with indicators.
fn compare_mt940_rs(parsed: &ParsedFile, expected: &Value, problems: &mut Vec<String>) {
    let messages = expected.as_array().unwrap();
    if messages.len() != parsed.statements.len() {
        problems.push(format!(
            "{} statements, upstream {}",
            parsed.statements.len(),
            messages.len()
        ));
        return;
    }
    // Upstream names the SWIFT mark `RC` (a credit reversed: money out)
    // `ReverseDebit`, and `RD` `ReverseCredit`: in `sepa_mt9401.sta` the
    // line `:61:0709040904RCR204,88` comes out as `ReverseDebit`, and the
    // statement adds up to its `:62F:` only with it as money out.
    let signed = |value: &Value, indicator: &str| {
        let amount = money_cents(value["amount"].as_str().unwrap_or("0"));
        if value[indicator]
            .as_str()
            .is_some_and(|mark| mark == "Debit" || mark == "ReverseDebit")
        {
            -amount
        } else {
            amount
        }
    };
    for (index, (statement, message)) in parsed.statements.iter().zip(messages).enumerate() {
        for (ours, key) in [
            (statement.opening, "opening_balance"),
            (statement.closing, "closing_balance"),
        ] {
            let theirs = &message[key];
            if theirs.is_null() {
                continue;
            }
            let Some(ours) = ours else {
                problems.push(format!("statement {index}: no {key}"));
                continue;
            };
            if cents(ours.amount) != signed(theirs, "debit_credit_indicator")
                || ours.date.to_string() != theirs["date"]
            {
                problems.push(format!(
                    "statement {index}: {key} {} {} vs {theirs}",
                    ours.date, ours.amount
                ));
            }
        }
        let lines = message["statement_lines"].as_array().unwrap();
        if lines.len() != statement.transactions.len() {
            problems.push(format!(
                "statement {index}: {} lines, upstream {}",
                statement.transactions.len(),
                lines.len()
            ));
            continue;
        }
        for (transaction, line) in statement.transactions.iter().zip(lines) {
            // The sign comes from upstream's indicator alone (see `signed`),
            // never from ours.
            let amount = signed(line, "ext_debit_credit_indicator");
            let value_date = transaction.value_date.map(|date| date.to_string());
            if cents(transaction.amount) != amount
                || value_date.as_deref() != line["value_date"].as_str()
            {
                problems.push(format!(
                    "line {:?}: {} {:?} vs {line}",
                    transaction.origin.line(),
                    transaction.amount,
                    value_date
                ));
            }
            if let Some(entry) = line["entry_date"].as_str()
                && transaction.booking_date.to_string() != entry
            {
                problems.push(format!(
                    "line {:?}: booking {} vs entry {entry}",
                    transaction.origin.line(),
                    transaction.booking_date
                ));
            }
            compare_reference(transaction, line["bank_ref"].as_str(), "bank_ref", problems);
        }
    }
}

/// wolph mt940: all transactions of all statements in one list, signed.
fn compare_wolph(parsed: &ParsedFile, expected: &Value, problems: &mut Vec<String>) {
    let transactions: Vec<_> = parsed
        .statements
        .iter()
        .flat_map(|statement| &statement.transactions)
        .collect();
    let theirs = expected["transactions"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if transactions.len() != theirs.len() {
        problems.push(format!(
            "{} transactions, upstream {}",
            transactions.len(),
            theirs.len()
        ));
        return;
    }
    for (transaction, their) in transactions.iter().zip(&theirs) {
        let data = &their["data"];
        let mut amount = money_cents(data["amount"]["amount"].as_str().unwrap_or("0"));
        // Reversals take their sign from upstream's status alone, as SWIFT
        // defines it: RC (a credit reversed) is money out, RD money in.
        match data["status"].as_str() {
            Some("RC") => amount = -amount.abs(),
            Some("RD") => amount = amount.abs(),
            _ => {}
        }
        let value_date = transaction.value_date.map(|date| date.to_string());
        if cents(transaction.amount) != amount || value_date.as_deref() != data["date"].as_str() {
            problems.push(format!(
                "line {:?}: {} {:?} vs {} {}",
                transaction.origin.line(),
                transaction.amount,
                value_date,
                data["amount"],
                data["date"]
            ));
        }
        compare_reference(
            transaction,
            data["bank_reference"].as_str(),
            "bank_reference",
            problems,
        );
        if let Some(currency) = data["amount"]["currency"].as_str()
            && currency != transaction.currency
        {
            problems.push(format!(
                "line {:?}: currency {} vs {currency}",
                transaction.origin.line(),
                transaction.currency
            ));
        }
    }
    // Upstream merges the balances of several statements; compare one.
    if let [last] = parsed.statements.as_slice() {
        for (ours, key) in [
            (last.opening, "final_opening_balance"),
            (last.closing, "final_closing_balance"),
        ] {
            let theirs = &expected["data"][key];
            if theirs.is_null() {
                continue;
            }
            let amount = money_cents(theirs["amount"]["amount"].as_str().unwrap_or("0"));
            let amount = if theirs["status"] == "D" && amount > 0 {
                -amount
            } else {
                amount
            };
            match ours {
                Some(ours)
                    if cents(ours.amount) == amount && ours.date.to_string() == theirs["date"] => {}
                _ => problems.push(format!("{key}: {ours:?} vs {theirs}")),
            }
        }
    }
}

/// genkgo camt: entries (signed minor units) with their transaction details.
fn compare_genkgo(parsed: &ParsedFile, expected: &Value, problems: &mut Vec<String>) {
    let entries: Vec<&Value> = expected["getEntries"]
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .filter(|entry| {
                    entry["getStatus"]
                        .as_str()
                        .is_none_or(|status| status == "BOOK")
                })
                .collect()
        })
        .unwrap_or_default();
    let mut groups: Vec<(Option<usize>, Vec<&statement::Transaction>)> = Vec::new();
    for transaction in parsed
        .statements
        .iter()
        .flat_map(|statement| &statement.transactions)
    {
        match groups.last_mut() {
            Some((line, group)) if *line == transaction.origin.line() => group.push(transaction),
            _ => groups.push((transaction.origin.line(), vec![transaction])),
        }
    }
    // With several statements upstream lists the entries of one only:
    // each of those must be among ours.
    if groups.len() != entries.len() {
        for entry in &entries {
            let minor: i64 = entry["getAmount"]["getAmount"]
                .as_str()
                .unwrap_or("0")
                .parse()
                .unwrap();
            if !groups.iter().any(|(_, group)| {
                group
                    .iter()
                    .map(|transaction| cents(transaction.amount))
                    .sum::<i64>()
                    == minor
            }) {
                problems.push(format!("upstream entry of {minor} not found"));
            }
        }
        return;
    }
    for ((_, group), entry) in groups.iter().zip(&entries) {
        let minor: i64 = entry["getAmount"]["getAmount"]
            .as_str()
            .unwrap_or("0")
            .parse()
            .unwrap();
        let currency = entry["getAmount"]["getCurrency"]["getCode"]
            .as_str()
            .unwrap_or("EUR");
        let exponent = if ["JPY", "KRW"].contains(&currency) {
            0
        } else {
            2
        };
        let sum: i64 = group
            .iter()
            .map(|transaction| cents(transaction.amount))
            .sum();
        if sum != minor * 10_i64.pow(2 - exponent) {
            problems.push(format!("entry sum {sum} vs {minor} {currency}"));
        }
        if let Some(booked) = entry["getBookingDate"]["0"].as_str()
            && !group
                .iter()
                .all(|transaction| transaction.booking_date.to_string() == booked[..10])
        {
            problems.push(format!(
                "booking date {} vs {booked}",
                group[0].booking_date
            ));
        }
        let details = entry["getTransactionDetails"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if details.len() == 1 || details.len() == group.len() {
            for (transaction, detail) in group.iter().zip(&details) {
                let e2e = detail["getReference"]["getEndToEndId"]
                    .as_str()
                    .filter(|id| *id != "NOTPROVIDED");
                if e2e.is_some() && transaction.end_to_end_id.as_deref() != e2e {
                    problems.push(format!(
                        "end-to-end id {:?} vs {e2e:?}",
                        transaction.end_to_end_id
                    ));
                }
                let reference =
                    detail["getRemittanceInformation"]["getCreditorReferenceInformation"]["getRef"]
                        .as_str();
                if reference.is_some() && transaction.structured_reference.as_deref() != reference {
                    problems.push(format!(
                        "structured reference {:?} vs {reference:?}",
                        transaction.structured_reference
                    ));
                }
            }
        }
    }
}

/// synthetic CSV: every field of every transaction.
fn compare_synthetic(parsed: &ParsedFile, expected: &Value, problems: &mut Vec<String>) {
    let transactions: Vec<_> = parsed
        .statements
        .iter()
        .flat_map(|statement| &statement.transactions)
        .collect();
    let theirs = expected["transactions"].as_array().unwrap();
    if transactions.len() != theirs.len() {
        problems.push(format!(
            "{} transactions, expected {}",
            transactions.len(),
            theirs.len()
        ));
        return;
    }
    let mut sum = 0;
    for (transaction, their) in transactions.iter().zip(theirs) {
        let line = their["line"].as_u64().map(|line| line as usize);
        let text = |value: &Option<String>| value.clone().map_or(Value::Null, Value::String);
        let field = |key: &str| {
            let value = their[key].clone();
            if value == "NOTPROVIDED" {
                Value::Null
            } else {
                value
            }
        };
        let pairs = [
            ("line", json!(transaction.origin.line()), json!(line)),
            (
                "booking_date",
                json!(transaction.booking_date.to_string()),
                field("booking_date"),
            ),
            (
                "amount",
                json!(transaction.amount.to_string()),
                field("amount"),
            ),
            ("currency", json!(transaction.currency), field("currency")),
            (
                "counterparty_name",
                text(&transaction.counterparty_name),
                field("counterparty_name"),
            ),
            (
                "counterparty_iban",
                text(&transaction.counterparty_iban),
                field("counterparty_iban"),
            ),
            (
                "remittance",
                text(&transaction.remittance),
                field("remittance"),
            ),
            (
                "end_to_end_id",
                text(&transaction.end_to_end_id),
                field("end_to_end_id"),
            ),
            (
                "structured_reference",
                text(&transaction.structured_reference),
                field("structured_reference"),
            ),
        ];
        for (key, ours, expected) in pairs {
            if ours != expected {
                problems.push(format!("line {line:?} {key}: {ours} vs {expected}"));
            }
        }
        if let Some(reference) = their["bank_reference"]
            .as_str()
            .or(their["bank_sequence"].as_str())
            && transaction.bank_reference.as_deref() != Some(reference)
        {
            problems.push(format!(
                "line {line:?} bank reference {:?} vs {reference}",
                transaction.bank_reference
            ));
        }
        sum += cents(transaction.amount);
    }
    if sum != money_cents(expected["sum"].as_str().unwrap()) {
        problems.push(format!("sum {sum} vs {}", expected["sum"]));
    }
    let accounts: Vec<String> = parsed
        .statements
        .iter()
        .map(|statement| statement.account.clone())
        .collect();
    let expected_accounts: Vec<String> = theirs
        .iter()
        .map(|their| {
            their["account_iban"]
                .as_str()
                .or(their["account"].as_str())
                .unwrap()
                .to_owned()
        })
        .fold(Vec::new(), |mut seen, account| {
            if !seen.contains(&account) {
                seen.push(account);
            }
            seen
        });
    if accounts != expected_accounts {
        problems.push(format!("accounts {accounts:?} vs {expected_accounts:?}"));
    }
    if let [statement] = parsed.statements.as_slice() {
        for (ours, key) in [
            (statement.opening, "opening_balance"),
            (statement.closing, "closing_balance"),
        ] {
            if let Some(theirs) = expected[key].as_str()
                && ours.map(|balance| balance.amount.to_string()).as_deref() != Some(theirs)
            {
                problems.push(format!("{key} {ours:?} vs {theirs}"));
            }
        }
    }
}

/// The corpus, or `None` when it is absent and `TEGOED_NO_CORPUS=1` says
/// that is meant; absent without it, the test fails: a suite that passes
/// because its data went missing proves nothing.
fn corpus_or_opt_out() -> Option<PathBuf> {
    let root = corpus_root();
    if root.is_dir() {
        return Some(root);
    }
    assert!(
        std::env::var_os("TEGOED_NO_CORPUS").is_some_and(|value| value == "1"),
        "{} is absent: clone the shared corpora next to the repository, or set TEGOED_NO_CORPUS=1 to skip the corpus tests on purpose",
        root.display()
    );
    println!(
        "note: {} is absent and TEGOED_NO_CORPUS=1; corpus golden tests skipped",
        root.display()
    );
    None
}

#[test]
fn corpus() {
    let Some(root) = corpus_or_opt_out() else {
        return;
    };
    let manifest = std::fs::read_to_string(root.join("MANIFEST.tsv")).unwrap();
    let deviations: BTreeMap<&str, &str> = DEVIATIONS.into_iter().collect();
    let mut failures = Vec::new();
    let mut n_compared = 0;
    let mut n_failed_as_expected = 0;
    for row in manifest.lines().skip(1) {
        let columns: Vec<&str> = row.split('\t').collect();
        let [
            path,
            format,
            _bank,
            _version,
            _encoding,
            has_expected,
            notes,
        ] = columns[..]
        else {
            panic!("bad manifest row {row}");
        };
        let bytes = std::fs::read(root.join(path)).unwrap();
        let result = statement::parse(path, &bytes);
        let fragment = _version == "MT940 fragment";
        let expect_failure = match deviations.get(path) {
            Some(why) => why.starts_with("refused"),
            None => must_fail(format, notes) || fragment || format == "other",
        };
        if path.starts_with("oca/sheet-csv/") {
            // Generic sheets: no preset; they need the user's mapping
            // (two are read with mappings in `mapped_generic_sheets`).
            assert!(
                matches!(result, Err(StatementError::UnknownCsvLayout { .. })),
                "{path}"
            );
            check_golden(
                &data_root()
                    .join("corpus")
                    .join(format!("{}.expected.json", path.replace('/', "__"))),
                &snapshot(&result),
                &mut failures,
            );
            continue;
        }
        match (&result, expect_failure) {
            (Err(error), true) => {
                n_failed_as_expected += 1;
                let message = error.to_string();
                assert!(
                    message.starts_with(path),
                    "{path}: message must name the file: {message}"
                );
                assert_eq!(message.lines().count(), 1, "{path}: one line: {message}");
            }
            (Ok(_), true) => failures.push(format!("{path}: must fail but parsed")),
            (Err(error), false) => failures.push(format!("{path}: {error}")),
            (Ok(parsed), false) => {
                let mut problems = Vec::new();
                if !has_expected.is_empty() {
                    let expected: Value = serde_json::from_str(
                        &std::fs::read_to_string(root.join(has_expected)).unwrap(),
                    )
                    .unwrap();
                    if has_expected.starts_with("mt940-rs/") {
                        compare_mt940_rs(parsed, &expected, &mut problems);
                    } else if has_expected.starts_with("wolph-mt940/") {
                        compare_wolph(parsed, &expected, &mut problems);
                    } else if has_expected.starts_with("genkgo-camt/") {
                        compare_genkgo(parsed, &expected, &mut problems);
                    } else if has_expected.starts_with("synthetic-csv/") {
                        compare_synthetic(parsed, &expected, &mut problems);
                    }
                    n_compared += 1;
                }
                for problem in problems {
                    failures.push(format!("{path}: {problem}"));
                }
            }
        }
        let golden = data_root()
            .join("corpus")
            .join(format!("{}.expected.json", path.replace('/', "__")));
        check_golden(&golden, &snapshot(&result), &mut failures);
    }
    println!(
        "{n_compared} files compared with upstream output, {n_failed_as_expected} refused as expected"
    );
    assert!(n_compared >= 60, "only {n_compared} compared");
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn own_samples() {
    let mut failures = Vec::new();
    let mut n_samples = 0;
    let mut entries: Vec<_> = std::fs::read_dir(data_root())
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() || name.ends_with(".expected.json") {
            continue;
        }
        n_samples += 1;
        let bytes = std::fs::read(&path).unwrap();
        let result = statement::parse(&name, &bytes);
        let golden = path.with_file_name(format!(
            "{}.expected.json",
            name.rsplit_once('.')
                .map_or(name.as_str(), |(stem, _)| stem)
        ));
        check_golden(&golden, &snapshot(&result), &mut failures);
        if let Ok(parsed) = &result {
            for statement in &parsed.statements {
                if !statement.adds_up() && !name.contains("break") {
                    failures.push(format!(
                        "{name}: statement of {} does not add up",
                        statement.account
                    ));
                }
            }
        }
    }
    assert!(n_samples >= 8, "only {n_samples} own samples");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Two generic sheets of the corpus read with the mapping a person would
/// make for them: a signed amount, and an unsigned one with a D/C column.
#[test]
fn mapped_generic_sheets() {
    use tegoed_core::statement::csv::{AmountColumns, Mapping};
    let Some(root) = corpus_or_opt_out() else {
        return;
    };
    let mapping = |amount: AmountColumns, partner: usize| Mapping {
        delimiter: b',',
        skip_lines: 1,
        date_column: 0,
        date_format: "%m/%d/%Y".to_owned(),
        amount,
        decimal_comma: false,
        account_column: None,
        account: Some("NL91ABNA0417164300".to_owned()),
        currency_column: None,
        counterparty_name_column: Some(partner),
        counterparty_iban_column: None,
        remittance_columns: vec![1],
        bank_reference_column: None,
        balance_after_column: None,
    };
    let cases = [
        (
            "oca/sheet-csv/balance.csv",
            mapping(AmountColumns::Signed(2), 4),
        ),
        (
            "oca/sheet-csv/debit_credit.csv",
            mapping(
                AmountColumns::WithSign {
                    amount: 2,
                    sign: 3,
                    debit_word: "D".to_owned(),
                },
                5,
            ),
        ),
    ];
    for (path, mapping) in cases {
        let bytes = std::fs::read(root.join(path)).unwrap();
        let parsed = statement::parse_with_mapping(path, &bytes, &mapping).unwrap();
        let lines: Vec<(String, String, Option<String>)> = parsed
            .statements
            .iter()
            .flat_map(|statement| &statement.transactions)
            .take(2)
            .map(|transaction| {
                (
                    transaction.booking_date.to_string(),
                    transaction.amount.to_string(),
                    transaction.counterparty_name.clone(),
                )
            })
            .collect();
        assert_eq!(
            lines,
            [
                (
                    "2018-12-15".to_owned(),
                    "-33.50".to_owned(),
                    Some("John Doe".to_owned())
                ),
                (
                    "2018-12-15".to_owned(),
                    "1533.50".to_owned(),
                    Some("Azure Interior".to_owned())
                ),
            ],
            "{path}"
        );
    }
}
