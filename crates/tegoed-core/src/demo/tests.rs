use super::*;
use crate::receivables::{self, InvoiceStatus};

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
    let positions = receivables::positions(&book, as_of).await.unwrap();
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
    assert!(!book.letters().await.unwrap().is_empty());
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
