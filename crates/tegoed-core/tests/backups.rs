//! Issue 19, "backups": the book is backed up (`VACUUM INTO`, beside it in
//! `backups/`, named by the moment) before every import and at most daily
//! otherwise, the last `backup.keep` kept; each backup's contents are
//! listed for a restore preview, and a restore first backs up the book it
//! replaces.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers may unwrap and fail"
)]

use std::path::Path;

use chrono::{DateTime, TimeDelta, Utc};
use tegoed_core::book::{self, Backup, Book, BookError, Contents};
use tegoed_core::import;

fn fixture(name: &str) -> (String, Vec<u8>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/statement")
        .join(name);
    (name.to_owned(), std::fs::read(path).unwrap())
}

fn at() -> DateTime<Utc> {
    "2026-12-03T09:00:00Z".parse().unwrap()
}

async fn new_book() -> (tempfile::TempDir, Book) {
    let folder = tempfile::tempdir().unwrap();
    let book = Book::open(&folder.path().join("book.db")).await.unwrap();
    (folder, book)
}

async fn import(book: &Book, name: &str, at: DateTime<Utc>) {
    import::run(book, vec![fixture(name)], at, None)
        .await
        .unwrap();
}

#[tokio::test]
async fn every_import_is_preceded_by_a_backup_of_the_book_before_it() {
    let (folder, book) = new_book().await;
    import(&book, "camt053-batch.xml", at()).await;
    assert!(
        book.backups().await.unwrap().is_empty(),
        "an empty book is not backed up"
    );
    let after_first = book.contents().await.unwrap();

    let second = at() + TimeDelta::minutes(5);
    import(&book, "ing-structured.sta", second).await;
    let backups = book.backups().await.unwrap();
    assert_eq!(backups.len(), 1);
    let backup = &backups[0];
    assert_eq!(backup.taken_at, second);
    assert_eq!(
        backup.path,
        folder.path().join("backups/book-20261203-090500.db")
    );
    assert_eq!(backup.contents, Some(after_first));
    assert!(backup.bytes > 0);
    assert!(book.contents().await.unwrap().transactions > after_first.transactions);
}

#[tokio::test]
async fn only_the_last_backup_keep_are_kept() {
    let (_folder, book) = new_book().await;
    import(&book, "camt053-batch.xml", at()).await;
    let mut transaction = book.begin().await.unwrap();
    book::set_setting(&mut transaction, "backup.keep", "3")
        .await
        .unwrap();
    transaction.commit().await.unwrap();
    let moments: Vec<DateTime<Utc>> = (1..=5).map(|hour| at() + TimeDelta::hours(hour)).collect();
    for moment in &moments {
        assert!(matches!(
            book.backup(*moment).await.unwrap(),
            Backup::Made(_)
        ));
    }
    let kept: Vec<DateTime<Utc>> = book
        .backups()
        .await
        .unwrap()
        .iter()
        .map(|backup| backup.taken_at)
        .collect();
    assert_eq!(kept, vec![moments[4], moments[3], moments[2]]);

    // Two in one second get two names.
    book.backup(moments[4]).await.unwrap();
    let names: Vec<String> = book
        .backups()
        .await
        .unwrap()
        .iter()
        .map(|backup| {
            backup
                .path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        names,
        [
            "book-20261203-140000-2.db",
            "book-20261203-140000.db",
            "book-20261203-130000.db"
        ]
    );
}

#[tokio::test]
async fn the_default_keeps_ten() {
    let (_folder, book) = new_book().await;
    import(&book, "camt053-batch.xml", at()).await;
    for minute in 0..12 {
        book.backup(at() + TimeDelta::minutes(minute))
            .await
            .unwrap();
    }
    assert_eq!(
        book.backups().await.unwrap().len(),
        book::backup::DEFAULT_KEEP
    );
}

#[tokio::test]
async fn the_daily_backup_is_at_most_daily() {
    let (_folder, book) = new_book().await;
    assert_eq!(
        book.backup_daily(at()).await.unwrap(),
        Backup::NotNeeded,
        "empty"
    );
    import(&book, "camt053-batch.xml", at()).await;
    assert!(matches!(
        book.backup_daily(at()).await.unwrap(),
        Backup::Made(_)
    ));
    let later = at() + TimeDelta::hours(23);
    assert_eq!(book.backup_daily(later).await.unwrap(), Backup::NotNeeded);
    let next_day = at() + TimeDelta::hours(25);
    assert!(matches!(
        book.backup_daily(next_day).await.unwrap(),
        Backup::Made(_)
    ));
    assert_eq!(book.backups().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_restore_brings_the_backup_back_and_keeps_what_it_replaced() {
    let (folder, book) = new_book().await;
    import(&book, "camt053-batch.xml", at()).await;
    let Backup::Made(first) = book.backup(at()).await.unwrap() else {
        panic!("no backup")
    };
    let then = book.contents().await.unwrap();
    import(&book, "ing-structured.sta", at() + TimeDelta::hours(1)).await;
    import(&book, "ing-mededelingen.csv", at() + TimeDelta::hours(2)).await;
    let now = book.contents().await.unwrap();
    assert_ne!(now, then);

    let preview = book
        .backups()
        .await
        .unwrap()
        .into_iter()
        .find(|backup| backup.path == first)
        .unwrap();
    assert_eq!(preview.contents, Some(then));

    let restored_at = at() + TimeDelta::hours(3);
    let book = book.restore(&first, restored_at).await.unwrap();
    assert_eq!(book.contents().await.unwrap(), then);
    assert_eq!(book.integrity().await.unwrap(), "ok");
    assert_eq!(book.path(), folder.path().join("book.db"));

    // The book it replaced is the newest backup.
    let newest = &book.backups().await.unwrap()[0];
    assert_eq!(newest.taken_at, restored_at);
    assert_eq!(newest.contents, Some(now));

    // The restored book takes imports as before.
    import(&book, "ing-structured.sta", at() + TimeDelta::hours(4)).await;
    assert!(book.contents().await.unwrap().transactions > then.transactions);
}

#[tokio::test]
async fn a_damaged_backup_is_refused_and_the_book_is_unchanged() {
    let (folder, book) = new_book().await;
    import(&book, "camt053-batch.xml", at()).await;
    let before = book.contents().await.unwrap();
    let damaged = folder.path().join("not-a-book.db");
    std::fs::write(&damaged, b"this is not SQLite").unwrap();
    let Err(error) = book.clone().restore(&damaged, at()).await else {
        panic!("a damaged backup was restored")
    };
    assert!(matches!(error, BookError::Restore { .. }), "{error}");
    assert!(
        error.to_string().starts_with("cannot restore the backup "),
        "{error}"
    );
    assert_eq!(book.contents().await.unwrap(), before);
    assert_eq!(
        before,
        Contents {
            transactions: before.transactions,
            ..Contents::default()
        }
    );
    assert!(
        book.backups().await.unwrap().is_empty(),
        "nothing to back up for a refusal"
    );
}
