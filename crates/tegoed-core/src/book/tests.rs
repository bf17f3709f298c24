use super::*;

#[tokio::test]
async fn creates_a_missing_book_with_wal_and_foreign_keys() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("new.db");
    let book = Book::open(&path).await.unwrap();
    assert!(path.exists());
    assert!(book.is_empty().await.unwrap());
    let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(book.pool())
        .await
        .unwrap();
    assert_eq!(journal, "wal");
    let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(book.pool())
        .await
        .unwrap();
    assert_eq!(foreign_keys, 1);
}

#[tokio::test]
async fn refuses_a_missing_folder_with_a_clear_message() {
    let error = Book::open(Path::new("/nonexistent/dir/x.db"))
        .await
        .unwrap_err();
    assert!(matches!(error, BookError::NoFolder { .. }));
    assert_eq!(
        error.to_string(),
        "cannot open book /nonexistent/dir/x.db: the folder /nonexistent/dir does not exist (create it or choose another --db path)"
    );
}

#[tokio::test]
async fn rejects_an_invoice_for_an_unknown_customer() {
    let folder = tempfile::tempdir().unwrap();
    let book = Book::open(&folder.path().join("fk.db")).await.unwrap();
    let mut transaction = book.begin().await.unwrap();
    let invoice = NewInvoice {
        number: "2026-0001",
        customer_id: 42,
        invoice_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        due_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(),
        amount: crate::money::Money::from_cents(12_100),
        currency: "EUR",
        reference: None,
        ledger_status: crate::invoice::LedgerStatus::Open,
        source: "test",
    };
    assert!(insert_invoice(&mut transaction, &invoice).await.is_err());
}

#[tokio::test]
async fn a_second_open_keeps_the_data() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("reopen.db");
    let book = Book::open(&path).await.unwrap();
    let mut transaction = book.begin().await.unwrap();
    insert_customer(
        &mut transaction,
        &NewCustomer {
            code: "D1",
            name: "Klant",
            language: "nl",
            ..Default::default()
        },
    )
    .await
    .unwrap();
    transaction.commit().await.unwrap();
    book.close().await;
    let reopened = Book::open(&path).await.unwrap();
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM customers")
        .fetch_one(reopened.pool())
        .await
        .unwrap();
    assert_eq!(count, 1);
}
