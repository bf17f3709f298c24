//! The demo book: every screen has data, statements add up, and the real
//! matcher's result agrees with the dunning history.

use super::*;
use crate::invoice::Stage;
use crate::overview;
use crate::receivables::InvoiceStatus;

async fn demo_book() -> (tempfile::TempDir, Book, NaiveDate) {
    let folder = tempfile::tempdir().unwrap();
    let book = Book::open(&folder.path().join("demo.db")).await.unwrap();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let at = DateTime::parse_from_rfc3339("2026-11-27T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let made = create(&book, as_of, at).await.unwrap();
    assert_eq!(made.customers, 25);
    assert!(
        (140..=160).contains(&made.invoices),
        "{} invoices",
        made.invoices
    );
    assert_eq!(made.statements, 3);
    (folder, book, as_of)
}

#[tokio::test]
async fn every_screen_has_something_to_show() {
    let (_folder, book, as_of) = demo_book().await;
    let positions = overview::positions(&book, as_of).await.unwrap();
    let count = |status: InvoiceStatus| {
        positions
            .iter()
            .filter(|position| position.status == status)
            .count()
    };
    assert!(
        count(InvoiceStatus::Paid) > 60,
        "paid {}",
        count(InvoiceStatus::Paid)
    );
    assert!(count(InvoiceStatus::PartiallyPaid) >= 1);
    assert!(count(InvoiceStatus::Credited) >= 1);
    let overdue: Vec<_> = positions
        .iter()
        .filter(|position| position.is_overdue())
        .collect();
    assert!(overdue.len() >= 10, "{} overdue", overdue.len());
    for stage in [
        Stage::None,
        Stage::Reminder1,
        Stage::Reminder2,
        Stage::Demand,
        Stage::Agency,
    ] {
        assert!(
            overdue.iter().any(|position| position.stage == stage),
            "no overdue invoice at {stage}"
        );
    }
    let transactions = book.transactions().await.unwrap();
    for state in [
        book::AllocationState::Matched,
        book::AllocationState::Suggested,
        book::AllocationState::Unmatched,
    ] {
        assert!(
            transactions
                .iter()
                .any(|transaction| transaction.state == state),
            "no {state:?} transaction"
        );
    }
    let letters = book.letters().await.unwrap();
    assert!(!letters.is_empty());
    // Each letter was sent on the day it was made, not when the demo was.
    for letter in &letters {
        let sent = letter.sent_at.expect("the demo's letters are sent");
        assert_eq!(sent.date_naive(), letter.as_of, "{}", letter.customer);
    }
    let accounts = book.accounts().await.unwrap();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].last_updated, as_of.pred_opt());
}

#[tokio::test]
async fn statements_run_on_from_one_balance_to_the_next() {
    let (_folder, book, _) = demo_book().await;
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT s.opening_cents, s.closing_cents, COALESCE(SUM(t.amount_cents), 0)
         FROM statements s LEFT JOIN bank_transactions t ON t.statement_id = s.id GROUP BY s.id ORDER BY s.id",
    )
    .fetch_all(book.pool())
    .await
    .unwrap();
    for window in rows.windows(2) {
        assert_eq!(
            window[0].1, window[1].0,
            "closing must equal the next opening"
        );
    }
    for (opening, closing, sum) in rows {
        assert_eq!(opening + sum, closing);
    }
}

#[tokio::test]
async fn refuses_a_book_with_data() {
    let (_folder, book, as_of) = demo_book().await;
    let error = create(&book, as_of, Utc::now()).await.unwrap_err();
    assert!(matches!(error, DemoError::NotEmpty(_)));
}

#[tokio::test]
async fn the_real_matcher_books_most_suggests_some_and_leaves_a_few() {
    let (_folder, book, as_of) = demo_book().await;
    let transactions = book.transactions().await.unwrap();
    let customer_payments: Vec<_> = transactions
        .iter()
        .filter(|transaction| transaction.amount.is_positive())
        .collect();
    let count = |state: book::AllocationState| {
        customer_payments
            .iter()
            .filter(|transaction| transaction.state == state)
            .count()
    };
    let (matched, suggested, unmatched) = (
        count(book::AllocationState::Matched),
        count(book::AllocationState::Suggested),
        count(book::AllocationState::Unmatched),
    );
    eprintln!("matched {matched}, suggested {suggested}, unmatched {unmatched}");
    assert!(
        matched > 2 * suggested,
        "{matched} booked, {suggested} suggested"
    );
    assert!(suggested >= 2, "{suggested} suggested");
    for text in ["aanbetaling", "zie mail"] {
        let payment = transactions
            .iter()
            .find(|transaction| transaction.remittance.as_deref() == Some(text))
            .unwrap();
        assert_eq!(payment.state, book::AllocationState::Unmatched, "{text}");
    }
    // Suggestions come from a name and an amount, never a number; every
    // reason is there in both languages.
    for transaction in &customer_payments {
        match transaction.state {
            book::AllocationState::Suggested => {
                let reason = transaction.reason.as_deref().unwrap();
                assert!(reason.starts_with("name like"), "{reason}");
                let dutch = transaction.reason_nl.as_deref().unwrap();
                assert!(dutch.starts_with("naam lijkt op"), "{dutch}");
            }
            book::AllocationState::Matched => assert!(transaction.reason_nl.is_some()),
            _ => {}
        }
    }
    // The matcher's result and the dunning history agree: an invoice it
    // booked as paid carries no reminder.
    let positions = overview::positions(&book, as_of).await.unwrap();
    for position in positions
        .iter()
        .filter(|position| position.status == InvoiceStatus::Paid)
    {
        let (events,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM dunning_events e JOIN invoices i ON i.id = e.invoice_id WHERE i.number = ?",
        )
        .bind(&position.number)
        .fetch_one(book.pool())
        .await
        .unwrap();
        assert_eq!(events, 0, "{} is paid but was reminded", position.number);
        assert_eq!(position.stage, Stage::None);
    }
}

#[tokio::test]
async fn customers_with_a_pending_suggestion_are_held() {
    let (_folder, book, as_of) = demo_book().await;
    let holds = crate::today::hold_reasons(&book, crate::customer::Language::En)
        .await
        .unwrap();
    let positions = overview::by_customer(&book, as_of, holds).await.unwrap();
    let held: Vec<_> = positions
        .iter()
        .filter(|position| position.hold.is_some())
        .collect();
    assert!(
        !held.is_empty(),
        "the demo's suggestions should hold someone's reminders"
    );
    assert!(held.len() < positions.len(), "not everybody is held");
}
