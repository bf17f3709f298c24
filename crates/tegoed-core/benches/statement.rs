//! Statement reading and import speed. Generates, in a temporary folder, an
//! ING-style MT940 with 300,000 transactions and the same transactions as a
//! camt.053, times the python `mt-940` package on the same MT940 file
//! (`benches/python_mt940.py`, skipped with `TEGOED_BENCH_PYTHON=0`), then
//! measures parse throughput of both formats and the import of 100,000
//! transactions into a fresh book. Run with
//! `cargo bench -p tegoed-core --bench statement`.

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a benchmark reports and may unwrap"
)]

use std::fmt::Write;
use std::path::PathBuf;
use std::sync::LazyLock;

use chrono::{Days, NaiveDate, TimeZone, Utc};
use divan::Bencher;
use divan::counter::ItemsCount;
use tegoed_core::book::Book;
use tegoed_core::{import, statement};

/// Transactions in the generated files.
const N_TRANSACTIONS: usize = 300_000;
/// Transactions imported into the book.
const N_IMPORT: usize = 100_000;
/// Transactions per daily statement.
const PER_DAY: usize = 500;

struct Files {
    _folder: tempfile::TempDir,
    mt940: PathBuf,
    camt: PathBuf,
    import: Vec<u8>,
}

static FILES: LazyLock<Files> = LazyLock::new(|| {
    let folder = tempfile::tempdir().unwrap();
    let mt940 = folder.path().join("ing-300k.sta");
    let camt = folder.path().join("ing-300k.xml");
    std::fs::write(&mt940, ing_mt940(N_TRANSACTIONS)).unwrap();
    std::fs::write(&camt, camt053(N_TRANSACTIONS)).unwrap();
    Files {
        _folder: folder,
        mt940,
        camt,
        import: ing_mt940(N_IMPORT).into_bytes(),
    }
});

fn main() {
    let files = &*FILES;
    println!(
        "generated {} ({} MB) and {} ({} MB), {N_TRANSACTIONS} transactions each",
        files.mt940.display(),
        std::fs::metadata(&files.mt940).unwrap().len() / 1_000_000,
        files.camt.display(),
        std::fs::metadata(&files.camt).unwrap().len() / 1_000_000
    );
    if std::env::var("TEGOED_BENCH_PYTHON").as_deref() != Ok("0") {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/python_mt940.py");
        match std::process::Command::new("python3")
            .arg(&script)
            .arg(&files.mt940)
            .output()
        {
            Ok(output) => print!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
            Err(error) => println!("python mt-940: not run ({error})"),
        }
    }
    divan::main();
}

fn day(index: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new((index / PER_DAY) as u64)
}

/// Cents of transaction `index`: varied, two in three money in.
fn cents(index: usize) -> i64 {
    let base = ((index * 7_919) % 250_000 + 100) as i64;
    if index % 3 == 2 { -base } else { base }
}

/// An ING MT940 file: one statement per day, `/EREF/ /CNTP/ /REMI/` code
/// words wrapped at 65 columns.
fn ing_mt940(n: usize) -> String {
    let mut out = String::with_capacity(n * 300);
    let mut balance: i64 = 1_000_000;
    let amount = |cents: i64| format!("{},{:02}", cents.abs() / 100, cents.abs() % 100);
    let mark = |cents: i64| if cents < 0 { 'D' } else { 'C' };
    for start in (0..n).step_by(PER_DAY) {
        let date = day(start).format("%y%m%d").to_string();
        let previous = (day(start) - Days::new(1)).format("%y%m%d").to_string();
        let _ = write!(
            out,
            "{{1:F01INGBNL2ABXXX0000000000}}\n{{2:I940INGBNL2AXXXN}}\n{{4:\n:20:P{date}000001\n:25:NL42INGB9836900602EUR\n:28C:{}\n:60F:{}{previous}EUR{}\n",
            start / PER_DAY + 1,
            mark(balance),
            amount(balance)
        );
        for index in start..(start + PER_DAY).min(n) {
            let cents = cents(index);
            balance += cents;
            let details = format!(
                "/EREF/E2E{index:010}//CNTP/NL96RABO1966407353/RABONL2U/Klant {} B.V.///REMI/USTD//Factuur 2026-{:04} klantnummer {}/",
                index % 997,
                index % 10_000,
                index % 997
            );
            let _ = writeln!(
                out,
                ":61:{date}{}{}{}NTRFEREF//{:014}\n/TRCD/00100/",
                &date[2..],
                mark(cents),
                amount(cents),
                index
            );
            out.push_str(":86:");
            let mut rest = details.as_str();
            let mut width = 61;
            while !rest.is_empty() {
                let cut = rest.len().min(width);
                out.push_str(&rest[..cut]);
                out.push('\n');
                rest = &rest[cut..];
                width = 65;
            }
        }
        let _ = write!(
            out,
            ":62F:{}{date}EUR{}\n-}}\n",
            mark(balance),
            amount(balance)
        );
    }
    out
}

/// The same transactions as one camt.053.001.02 statement per day.
fn camt053(n: usize) -> String {
    let mut out = String::with_capacity(n * 700);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2026-12-31T06:00:00</CreDtTm></GrpHdr>\n");
    let mut balance: i64 = 1_000_000;
    let decimal = |cents: i64| format!("{}.{:02}", cents.abs() / 100, cents.abs() % 100);
    let indicator = |cents: i64| if cents < 0 { "DBIT" } else { "CRDT" };
    for start in (0..n).step_by(PER_DAY) {
        let date = day(start);
        let _ = write!(
            out,
            "<Stmt><Id>{date}</Id><Acct><Id><IBAN>NL42INGB9836900602</IBAN></Id><Ccy>EUR</Ccy></Acct>\n<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">{}</Amt><CdtDbtInd>{}</CdtDbtInd><Dt><Dt>{date}</Dt></Dt></Bal>\n",
            decimal(balance),
            indicator(balance)
        );
        let mut entries = String::new();
        for index in start..(start + PER_DAY).min(n) {
            let cents = cents(index);
            balance += cents;
            let party = if cents < 0 { "Cdtr" } else { "Dbtr" };
            let _ = writeln!(
                entries,
                "<Ntry><Amt Ccy=\"EUR\">{}</Amt><CdtDbtInd>{}</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>{date}</Dt></BookgDt><ValDt><Dt>{date}</Dt></ValDt><AcctSvcrRef>{index:014}</AcctSvcrRef><NtryDtls><TxDtls><Refs><EndToEndId>E2E{index:010}</EndToEndId></Refs><RltdPties><{party}><Nm>Klant {} B.V.</Nm></{party}><{party}Acct><Id><IBAN>NL96RABO1966407353</IBAN></Id></{party}Acct></RltdPties><RmtInf><Ustrd>Factuur 2026-{:04} klantnummer {}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>",
                decimal(cents),
                indicator(cents),
                index % 997,
                index % 10_000,
                index % 997
            );
        }
        let _ = write!(
            out,
            "<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">{}</Amt><CdtDbtInd>{}</CdtDbtInd><Dt><Dt>{date}</Dt></Dt></Bal>\n{entries}</Stmt>\n",
            decimal(balance),
            indicator(balance)
        );
    }
    out.push_str("</BkToCstmrStmt></Document>\n");
    out
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn parse_mt940_300k(bencher: Bencher) {
    let bytes = std::fs::read(&FILES.mt940).unwrap();
    bencher.counter(ItemsCount::new(N_TRANSACTIONS)).bench(|| {
        let parsed = statement::parse("ing-300k.sta", &bytes).unwrap();
        assert_eq!(parsed.n_transactions(), N_TRANSACTIONS);
        parsed
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn parse_camt053_300k(bencher: Bencher) {
    let bytes = std::fs::read(&FILES.camt).unwrap();
    bencher.counter(ItemsCount::new(N_TRANSACTIONS)).bench(|| {
        let parsed = statement::parse("ing-300k.xml", &bytes).unwrap();
        assert_eq!(parsed.n_transactions(), N_TRANSACTIONS);
        parsed
    });
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn import_100k_into_a_fresh_book(bencher: Bencher) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let parsed = statement::parse("ing-100k.sta", &FILES.import).unwrap();
    let at = Utc.with_ymd_and_hms(2026, 12, 31, 9, 0, 0).unwrap();
    bencher
        .counter(ItemsCount::new(N_IMPORT))
        .with_inputs(|| {
            let folder = tempfile::tempdir().unwrap();
            let book = runtime
                .block_on(Book::open(&folder.path().join("book.db")))
                .unwrap();
            (folder, book)
        })
        .bench_values(|(folder, book)| {
            let report = runtime
                .block_on(import::bank(&book, &parsed, at, None))
                .unwrap();
            assert_eq!(report.added, N_IMPORT);
            runtime.block_on(book.close());
            drop(folder);
        });
}
