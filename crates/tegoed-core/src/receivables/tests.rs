use super::*;
use crate::invoice::InvoiceRecord;

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn record(amount: &str, allocated: &str, ledger_status: LedgerStatus, due: &str) -> InvoiceRecord {
    InvoiceRecord {
        number: "2026-0042".to_owned(),
        customer_code: "D1".to_owned(),
        customer_name: "Klant".to_owned(),
        invoice_date: date("2026-01-01"),
        due_date: date(due),
        amount: amount.parse().unwrap(),
        allocated: allocated.parse().unwrap(),
        ledger_open: None,
        currency: "EUR".to_owned(),
        ledger_status,
        stage: Stage::None,
    }
}

fn check(
    amount: &str,
    allocated: &str,
    ledger_status: LedgerStatus,
    expected: (InvoiceStatus, &str),
) {
    let position = Position::of(
        record(amount, allocated, ledger_status, "2026-01-31"),
        date("2026-02-10"),
    );
    assert_eq!(
        (position.status, position.open_amount.to_string().as_str()),
        expected
    );
}

#[test]
fn status_follows_allocations_and_ledger() {
    check(
        "1210.00",
        "0",
        LedgerStatus::Open,
        (InvoiceStatus::Open, "1210.00"),
    );
    check(
        "1210.00",
        "210.00",
        LedgerStatus::Open,
        (InvoiceStatus::PartiallyPaid, "1000.00"),
    );
    check(
        "1210.00",
        "1210.00",
        LedgerStatus::Open,
        (InvoiceStatus::Paid, "0.00"),
    );
    check(
        "1210.00",
        "1300.00",
        LedgerStatus::Open,
        (InvoiceStatus::Paid, "0.00"),
    );
    check(
        "1210.00",
        "0",
        LedgerStatus::Paid,
        (InvoiceStatus::Paid, "0.00"),
    );
    check(
        "1210.00",
        "0",
        LedgerStatus::Credited,
        (InvoiceStatus::Credited, "0.00"),
    );
    check(
        "-121.00",
        "0",
        LedgerStatus::Open,
        (InvoiceStatus::Open, "-121.00"),
    );
}

#[test]
fn the_ledger_open_amount_counts_without_double_counting() {
    let with_ledger = |allocated: &str, ledger_open: &str| {
        let mut invoice = record("605.00", allocated, LedgerStatus::Open, "2026-01-31");
        invoice.ledger_open = Some(ledger_open.parse().unwrap());
        let position = Position::of(invoice, date("2026-02-10"));
        (position.status, position.open_amount.to_string())
    };
    // Paid in the accounting package, not (yet) seen on the bank.
    assert_eq!(
        with_ledger("0", "302.50"),
        (InvoiceStatus::PartiallyPaid, "302.50".to_owned())
    );
    // The same payment seen in both: counted once.
    assert_eq!(
        with_ledger("302.50", "302.50"),
        (InvoiceStatus::PartiallyPaid, "302.50".to_owned())
    );
    // Seen on the bank before the ledger caught up.
    assert_eq!(
        with_ledger("605.00", "605.00"),
        (InvoiceStatus::Paid, "0.00".to_owned())
    );
    assert_eq!(
        with_ledger("0", "0.00"),
        (InvoiceStatus::Paid, "0.00".to_owned())
    );
}

#[test]
fn days_overdue_counts_from_the_due_date() {
    let as_of = date("2026-02-10");
    let late = Position::of(
        record("100.00", "0", LedgerStatus::Open, "2026-01-31"),
        as_of,
    );
    assert_eq!(late.days_overdue, 10);
    assert!(late.is_overdue());
    let due_today = Position::of(
        record("100.00", "0", LedgerStatus::Open, "2026-02-10"),
        as_of,
    );
    assert_eq!(due_today.days_overdue, 0);
    assert!(!due_today.is_overdue());
    let paid = Position::of(
        record("100.00", "100.00", LedgerStatus::Open, "2026-01-01"),
        as_of,
    );
    assert_eq!(paid.days_overdue, 0);
}

#[test]
fn summary_adds_open_and_overdue_and_ages_them() {
    let as_of = date("2026-06-30");
    let positions = vec![
        Position::of(
            record("100.00", "0", LedgerStatus::Open, "2026-07-15"),
            as_of,
        ),
        Position::of(
            record("200.00", "50.00", LedgerStatus::Open, "2026-06-20"),
            as_of,
        ),
        Position::of(
            record("300.00", "0", LedgerStatus::Open, "2026-03-01"),
            as_of,
        ),
        Position::of(
            record("400.00", "400.00", LedgerStatus::Open, "2026-03-01"),
            as_of,
        ),
    ];
    let summary = Summary::of(positions, as_of);
    assert_eq!(summary.totals.open.to_string(), "550.00");
    assert_eq!(summary.totals.overdue.to_string(), "450.00");
    assert_eq!((summary.totals.n_open, summary.totals.n_overdue), (3, 2));
    let ageing: Vec<(&str, String, usize)> = summary
        .ageing
        .iter()
        .map(|(class, amount, count)| (class.key(), amount.to_string(), *count))
        .collect();
    assert_eq!(
        ageing,
        vec![
            ("not_due", "100.00".to_owned(), 1),
            ("d1_30", "150.00".to_owned(), 1),
            ("d31_60", "0.00".to_owned(), 0),
            ("d61_90", "0.00".to_owned(), 0),
            ("d90_plus", "300.00".to_owned(), 1),
        ]
    );
}
