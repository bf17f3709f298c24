//! Issue 19, "two at once": two connections to one book (the app and the
//! CLI are two pools on the same file) never corrupt it. A writer waits
//! for the other's write transaction (WAL, `BEGIN IMMEDIATE`, a busy
//! timeout of a few seconds); held past the timeout, the import says the
//! book is busy and changes nothing.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers may unwrap and fail"
)]

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use tegoed_core::book::{BUSY_TIMEOUT, Book, BookError};
use tegoed_core::import::{self, FileError, FileOutcome, FileReport, ImportError};

fn fixture(name: &str) -> (String, Vec<u8>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/statement")
        .join(name);
    (name.to_owned(), std::fs::read(path).unwrap())
}

fn at() -> DateTime<Utc> {
    "2026-12-03T09:00:00Z".parse().unwrap()
}

async fn two_books() -> (tempfile::TempDir, Book, Book) {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("book.db");
    let app = Book::open(&path).await.unwrap();
    let cli = Book::open(&path).await.unwrap();
    (folder, app, cli)
}

async fn n_transactions(book: &Book) -> usize {
    book.transactions().await.unwrap().len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_writer_waits_for_the_other_to_finish() {
    let (_folder, app, cli) = two_books().await;
    import::run(&app, vec![fixture("camt053-batch.xml")], at(), None)
        .await
        .unwrap();
    let before = n_transactions(&app).await;

    let held = app.begin().await.unwrap();
    let started = Instant::now();
    let other = tokio::spawn({
        let cli = cli.clone();
        async move { import::run(&cli, vec![fixture("ing-structured.sta")], at(), None).await }
    });
    tokio::time::sleep(Duration::from_millis(1_000)).await;
    held.commit().await.unwrap();
    let report = other.await.unwrap().unwrap();
    let FileOutcome::Imported(FileReport::Bank(bank)) = &report.files[0] else {
        panic!("{:?}", report.files[0]);
    };
    assert!(bank.added > 0, "{bank:?}");
    assert!(started.elapsed() >= Duration::from_millis(900));
    assert_eq!(n_transactions(&app).await, before + bank.added);
    assert_eq!(app.integrity().await.unwrap(), "ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_held_past_the_timeout_makes_the_book_busy() {
    let (_folder, app, cli) = two_books().await;
    import::run(&app, vec![fixture("camt053-batch.xml")], at(), None)
        .await
        .unwrap();
    let before = n_transactions(&app).await;

    let held = app.begin().await.unwrap();
    let started = Instant::now();
    let report = import::run(&cli, vec![fixture("ing-structured.sta")], at(), None)
        .await
        .unwrap();
    let waited = started.elapsed();
    let FileOutcome::Failed { error, .. } = &report.files[0] else {
        panic!("{:?}", report.files[0]);
    };
    assert!(
        matches!(error, FileError::Bank(ImportError::Book(BookError::Busy))),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "the book is busy (another Tegoed window or command is writing); try again in a moment"
    );
    assert!(report.matching.is_none());
    assert!(
        waited >= BUSY_TIMEOUT - Duration::from_millis(500) && waited < BUSY_TIMEOUT * 3,
        "waited {waited:?}"
    );
    drop(held);

    assert_eq!(n_transactions(&cli).await, before, "nothing was written");
    let again = import::run(&cli, vec![fixture("ing-structured.sta")], at(), None)
        .await
        .unwrap();
    assert!(matches!(again.files[0], FileOutcome::Imported(_)));
    assert_eq!(app.integrity().await.unwrap(), "ok");
}

/// Both faces writing at full speed at once: every file lands once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imports_from_both_at_once_all_land() {
    let (_folder, app, cli) = two_books().await;
    let files = [
        "camt053-batch.xml",
        "ing-structured.sta",
        "ing-mededelingen.csv",
    ];
    let mut tasks = Vec::new();
    for (index, name) in files.iter().enumerate() {
        let book = if index % 2 == 0 {
            app.clone()
        } else {
            cli.clone()
        };
        let file = fixture(name);
        tasks.push(tokio::spawn(async move {
            import::run(&book, vec![file], at(), None).await
        }));
    }
    let mut added = 0;
    for task in tasks {
        let report = task.await.unwrap().unwrap();
        let FileOutcome::Imported(FileReport::Bank(bank)) = &report.files[0] else {
            panic!("{:?}", report.files[0]);
        };
        added += bank.added;
    }
    assert_eq!(n_transactions(&app).await, added);
    assert_eq!(cli.integrity().await.unwrap(), "ok");
}
