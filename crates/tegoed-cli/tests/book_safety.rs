//! Issue 19 on the real binary: "two at once" (a `tegoed import` while
//! another connection writes says the book is busy in one line, exit 1,
//! and changes nothing) and "crash safety" (a `tegoed import` SIGKILLed in
//! the middle of a large file leaves a sound book holding all of the file
//! or none of it, and the same import afterwards lands it once; killed
//! while its matching runs, none or all of the matching is booked, and
//! matching again books what an uninterrupted run books, once).

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

/// `tegoed import FILE` on the book, running in the background to be killed.
fn spawn_import(db: &Path, file: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_tegoed"))
        .arg("--db")
        .arg(db)
        .args(["import", file.to_str().unwrap(), "--json"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
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

    let mut child = spawn_import(&db, &big);
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

/// A ledger of `n` invoices `2026-5000`… of `100 + i` euros, due in October.
fn ledger_csv(n: usize) -> String {
    let mut csv = String::from(
        "Invoice number,Customer code,Customer name,Invoice date,Due date,Amount,Outstanding,Currency\n",
    );
    for index in 0..n {
        let _ = writeln!(
            csv,
            "2026-{},K{index:05},Klant {index} B.V.,2026-09-01,2026-10-01,{}.00,{}.00,EUR",
            5000 + index,
            100 + index,
            100 + index
        );
    }
    csv
}

/// A statement of `n` incoming payments: the first `paying` pay invoice
/// `2026-(5000 + i)` in full naming it, the rest are gifts from strangers.
fn payments_mt940(n: usize, paying: usize) -> String {
    let mut text = String::with_capacity(n * 90);
    text.push_str(":20:PAY\n:25:NL91ABNA0417164300\n:28C:1\n:60F:C261031EUR0,00\n");
    let mut cents: u64 = 0;
    for index in 0..n {
        let day = 1 + index % 28;
        let (amount, remittance) = if index < paying {
            (100 + index as u64, format!("factuur 2026-{}", 5000 + index))
        } else {
            (7 + index as u64 % 50, format!("gift {index}"))
        };
        cents += amount * 100;
        let _ = write!(
            text,
            ":61:2611{day:02}11{day:02}C{amount},00NTRFNONREF\n:86:/NAME/Particulier {index}/REMI/{remittance}/\n"
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

/// `SELECT count(*)` through the sqlite3 shell, which only reads (opening
/// the book with `Book::open` would take the write lock for migrations).
fn count(db: &Path, table_where: &str) -> usize {
    let output = Command::new("sqlite3")
        .arg(db)
        .arg(format!("SELECT count(*) FROM {table_where};"))
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .unwrap_or(0)
}

const BOOKED: &str = "allocations WHERE state = 'booked'";

/// Ledger and payments imported into a fresh book in `folder`; answers the
/// book and the statement file (not yet imported).
fn book_with_ledger(folder: &Path, invoices: usize, payments: usize) -> (PathBuf, PathBuf) {
    let db = folder.join("book.db");
    let ledger = folder.join("openstaand.csv");
    std::fs::write(&ledger, ledger_csv(invoices)).unwrap();
    stdout_json(&tegoed(
        &db,
        &["import", ledger.to_str().unwrap(), "--json"],
    ));
    let statement = folder.join("payments.sta");
    std::fs::write(&statement, payments_mt940(payments, invoices)).unwrap();
    (db, statement)
}

#[test]
fn matching_killed_midway_leaves_all_or_nothing_and_a_rerun_books_the_same() {
    const INVOICES: usize = 3_000;
    const PAYMENTS: usize = 30_000;
    // What an uninterrupted import books.
    let reference = tempfile::tempdir().unwrap();
    let (db, statement) = book_with_ledger(reference.path(), INVOICES, PAYMENTS);
    stdout_json(&tegoed(
        &db,
        &["import", statement.to_str().unwrap(), "--json"],
    ));
    let expected = count(&db, BOOKED);
    assert_eq!(expected, INVOICES, "every invoice named and paid in full");

    let folder = tempfile::tempdir().unwrap();
    let (db, statement) = book_with_ledger(folder.path(), INVOICES, PAYMENTS);
    let mut child = spawn_import(&db, &statement);
    // The file's own transaction has committed once its transactions are
    // visible to a reader; matching runs after it, in a transaction of its own.
    let started = Instant::now();
    while count(&db, "bank_transactions") < PAYMENTS {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the import ended ({status}) before matching could be interrupted");
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the file never landed"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let landed = started.elapsed();
    std::thread::sleep(Duration::from_millis(20));
    let interrupted = child.try_wait().unwrap().is_none();
    child.kill().unwrap();
    let _ = child.wait().unwrap();
    assert!(
        interrupted,
        "matching ended before the kill: make the book bigger"
    );

    let booked = count(&db, BOOKED);
    assert!(
        booked == 0 || booked == expected,
        "{booked} allocations booked: neither none nor all {expected} of the run"
    );
    assert_eq!(count(&db, "bank_transactions"), PAYMENTS);
    let runtime = runtime();
    runtime.block_on(async {
        let book = Book::open(&db).await.unwrap();
        assert_eq!(book.integrity().await.unwrap(), "ok");
        book.close().await;
    });
    eprintln!(
        "killed {:?} after the file landed: {booked} of {expected} booked",
        started.elapsed() - landed
    );

    // Matching again books what the uninterrupted run booked, once.
    stdout_json(&tegoed(&db, &["match", "--json"]));
    assert_eq!(count(&db, BOOKED), expected);
    stdout_json(&tegoed(&db, &["match", "--json"]));
    assert_eq!(count(&db, BOOKED), expected);
}
