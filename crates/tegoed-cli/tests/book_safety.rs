//! Issue 19 on the real binary: "two at once" (a `tegoed import` while
//! another connection writes says the book is busy in one line, exit 1,
//! and changes nothing) and "crash safety" (a `tegoed import` SIGKILLed in
//! the middle of a large file leaves a sound book holding all of the file
//! or none of it, and the same import afterwards lands it once).

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers may unwrap and fail"
)]

mod support;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{stdout_json, tegoed};
use tegoed_core::book::Book;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tegoed-core/tests/data/statement")
        .join(name)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn an_import_while_another_writes_says_the_book_is_busy() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("book.db");
    let camt = fixture("camt053-batch.xml");
    stdout_json(&tegoed(&db, &["import", camt.to_str().unwrap(), "--json"]));
    let runtime = runtime();
    let (book, held) = runtime.block_on(async {
        let book = Book::open(&db).await.unwrap();
        let held = book.begin().await.unwrap();
        (book, held)
    });
    let before = runtime.block_on(book.transactions()).unwrap().len();

    let mt940 = fixture("ing-structured.sta");
    let started = Instant::now();
    let output = tegoed(&db, &["import", mt940.to_str().unwrap(), "--json"]);
    let waited = started.elapsed();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "tegoed: the book is busy (another Tegoed window or command is writing); try again in a moment\n"
    );
    assert!(output.stdout.is_empty());
    assert!(
        waited < Duration::from_secs(20),
        "it gave up after {waited:?}"
    );

    runtime.block_on(held.rollback()).unwrap();
    assert_eq!(runtime.block_on(book.transactions()).unwrap().len(), before);
    let again = stdout_json(&tegoed(&db, &["import", mt940.to_str().unwrap(), "--json"]));
    assert!(again["files"][0]["added"].as_u64().unwrap() > 0);
    runtime.block_on(book.close());
}

/// An MT940 statement with `n` distinct transactions, summing to its
/// closing balance.
fn big_mt940(n: usize) -> String {
    let mut text = String::with_capacity(n * 80);
    text.push_str(":20:BIG\n:25:NL91ABNA0417164300\n:28C:1\n:60F:C261031EUR0,00\n");
    let mut cents: u64 = 0;
    for index in 0..n {
        let amount = 100 + (index as u64 % 9_000);
        cents += amount;
        let day = 1 + index % 28;
        let _ = write!(
            text,
            ":61:2611{day:02}11{day:02}C{},{:02}NTRFNONREF\n:86:/NAME/Klant {}/REMI/factuur 2026-{index:06}/\n",
            amount / 100,
            amount % 100,
            index % 500
        );
    }
    let _ = write!(
        text,
        ":62F:C261128EUR{},{:02}\n-\n",
        cents / 100,
        cents % 100
    );
    text
}

fn wal_size(db: &Path) -> u64 {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).map_or(0, |meta| meta.len())
}

#[test]
fn an_import_killed_midway_leaves_all_or_nothing() {
    const N: usize = 120_000;
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("book.db");
    let camt = fixture("camt053-batch.xml");
    stdout_json(&tegoed(&db, &["import", camt.to_str().unwrap(), "--json"]));
    let big = folder.path().join("big.sta");
    std::fs::write(&big, big_mt940(N)).unwrap();
    let runtime = runtime();
    let before = runtime.block_on(async {
        let book = Book::open(&db).await.unwrap();
        let n = book.transactions().await.unwrap().len();
        book.close().await;
        n
    });

    let mut child = Command::new(env!("CARGO_BIN_EXE_tegoed"))
        .arg("--db")
        .arg(&db)
        .args(["import", big.to_str().unwrap(), "--json"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    // Writing has begun once the write-ahead log holds a few hundred kB
    // of the import's pages (the log starts empty: the last connection
    // to close checkpointed it).
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the import ended ({status}) before it could be killed");
        }
        if wal_size(&db) > 512 * 1024 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no write seen"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed, not finished: {status}");

    runtime.block_on(async {
        let book = Book::open(&db).await.unwrap();
        assert_eq!(book.integrity().await.unwrap(), "ok");
        let after = book.transactions().await.unwrap().len();
        assert!(
            after == before || after == before + N,
            "{after} transactions: neither the {before} before nor all {N} of the file"
        );
        // The backup taken before the import is a sound book as it was.
        let backups = book.backups().await.unwrap();
        let newest = backups.first().unwrap();
        assert_eq!(
            newest.contents.map(|contents| contents.transactions),
            Some(i64::try_from(before).unwrap())
        );
        eprintln!(
            "killed after {:?} with a {} kB log: {} of {N} transactions in the book",
            started.elapsed(),
            wal_size(&db) / 1024,
            after - before
        );
        book.close().await;
    });

    // The same import afterwards lands the file exactly once.
    let output = stdout_json(&tegoed(&db, &["import", big.to_str().unwrap(), "--json"]));
    let file = &output["files"][0];
    let added = usize::try_from(file["added"].as_u64().unwrap()).unwrap();
    let duplicates = usize::try_from(file["duplicates"].as_u64().unwrap()).unwrap();
    assert_eq!(added + duplicates, N);
    runtime.block_on(async {
        let book = Book::open(&db).await.unwrap();
        assert_eq!(book.transactions().await.unwrap().len(), before + N);
        assert_eq!(book.integrity().await.unwrap(), "ok");
        book.close().await;
    });
}
