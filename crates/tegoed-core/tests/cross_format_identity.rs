//! Issue 19, "the same payments downloaded twice in two formats": one
//! account's month as camt.053, as ING MT940 and as ING CSV (built here
//! from the same transactions) lands once in the book whatever the order,
//! while a genuinely identical pair stays two and a third identical line
//! in a later file is added.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers may unwrap and fail"
)]

use std::fmt::Write;

use chrono::{DateTime, NaiveDate, Utc};
use tegoed_core::book::Book;
use tegoed_core::import::{self, FileOutcome, FileReport, ImportReport};

const ACCOUNT: &str = "NL42INGB9836900602";
const OPENING_CENTS: i64 = 100_000;

/// One booking as the bank knows it.
#[derive(Debug, Clone)]
struct Line {
    date: NaiveDate,
    cents: i64,
    name: Option<String>,
    iban: Option<String>,
    end_to_end_id: Option<String>,
    remittance: String,
    bank_reference: String,
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn line(
    d: u32,
    cents: i64,
    name: Option<&str>,
    iban: Option<&str>,
    end_to_end_id: Option<&str>,
    remittance: &str,
) -> Line {
    Line {
        date: day(d),
        cents,
        name: name.map(str::to_owned),
        iban: iban.map(str::to_owned),
        end_to_end_id: end_to_end_id.map(str::to_owned),
        remittance: remittance.to_owned(),
        bank_reference: String::new(),
    }
}

/// The month: customer payments, a genuinely identical pair of debits,
/// two equal credits on one day from different payers, a bank fee with no
/// counterparty, and an end-to-end id the bank writes as `NOTPROVIDED`.
fn month() -> Vec<Line> {
    let coffee = |d| {
        line(
            d,
            -1_250,
            Some("Koffie Service BV"),
            Some("NL14INGB3592960375"),
            None,
            "koffie november",
        )
    };
    let mut lines = vec![
        line(
            2,
            121_000,
            Some("Van der Meer en Zn BV"),
            Some("NL17INGB9556279955"),
            Some("INV-2026-0146"),
            "factuur 2026-0146",
        ),
        coffee(2),
        coffee(2),
        line(
            3,
            60_500,
            Some("Cafe De Zwaan"),
            Some("NL79ABNA7452685969"),
            Some("NOTPROVIDED"),
            "fact nr 143",
        ),
        line(
            3,
            60_500,
            Some("Bakkerij Jansen"),
            Some("NL55SNSB4715105633"),
            None,
            "factuur 2026-0150",
        ),
        line(
            4,
            -4_625,
            None,
            None,
            None,
            "Kosten zakelijk betalingsverkeer",
        ),
    ];
    for index in 0..14_u32 {
        let d = 5 + index;
        lines.push(line(
            d,
            i64::from(10_000 + index * 1_321),
            Some(&format!("Klant {index}")),
            Some(&format!("NL02ABNA0{:09}", 123_456_000 + index)),
            Some(&format!("E2E-{index:04}")),
            &format!("factuur 2026-02{index:02}"),
        ));
    }
    lines.push(line(
        30,
        -15_000,
        Some("KPN BV"),
        Some("NL93ABNA9069892900"),
        Some("4012983312"),
        "abonnement november",
    ));
    for (index, line) in lines.iter_mut().enumerate() {
        line.bank_reference = format!("{:014}", 2_001 + index);
    }
    lines
}

fn decimal(cents: i64, separator: char) -> String {
    format!("{}{separator}{:02}", cents.abs() / 100, cents.abs() % 100)
}

fn closing(lines: &[Line]) -> i64 {
    OPENING_CENTS + lines.iter().map(|line| line.cents).sum::<i64>()
}

fn camt(lines: &[Line]) -> Vec<u8> {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>MSG-202611</MsgId><CreDtTm>2026-12-01T06:00:00+01:00</CreDtTm></GrpHdr>
<Stmt><Id>STMT-202611</Id><CreDtTm>2026-12-01T06:00:00+01:00</CreDtTm>
"#,
    );
    let _ = writeln!(
        xml,
        "<Acct><Id><IBAN>{ACCOUNT}</IBAN></Id><Ccy>EUR</Ccy></Acct>\
         <Bal><Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">{}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-10-31</Dt></Dt></Bal>\
         <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">{}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-30</Dt></Dt></Bal>",
        decimal(OPENING_CENTS, '.'),
        decimal(closing(lines), '.')
    );
    for line in lines {
        let credit = line.cents > 0;
        let _ = write!(
            xml,
            "<Ntry><Amt Ccy=\"EUR\">{}</Amt><CdtDbtInd>{}</CdtDbtInd><Sts>BOOK</Sts>\
             <BookgDt><Dt>{}</Dt></BookgDt><ValDt><Dt>{}</Dt></ValDt><AcctSvcrRef>{}</AcctSvcrRef>",
            decimal(line.cents, '.'),
            if credit { "CRDT" } else { "DBIT" },
            line.date,
            line.date,
            line.bank_reference
        );
        if line.iban.is_none() {
            let _ = writeln!(
                xml,
                "<AddtlNtryInf>{}</AddtlNtryInf></Ntry>",
                line.remittance
            );
            continue;
        }
        let party = if credit { "Dbtr" } else { "Cdtr" };
        xml.push_str("<NtryDtls><TxDtls>");
        if let Some(end_to_end_id) = &line.end_to_end_id {
            let _ = write!(xml, "<Refs><EndToEndId>{end_to_end_id}</EndToEndId></Refs>");
        }
        let _ = writeln!(
            xml,
            "<RltdPties><{party}><Nm>{}</Nm></{party}><{party}Acct><Id><IBAN>{}</IBAN></Id></{party}Acct></RltdPties>\
             <RmtInf><Ustrd>{}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>",
            line.name.as_deref().unwrap_or_default(),
            line.iban.as_deref().unwrap_or_default(),
            line.remittance
        );
    }
    xml.push_str("</Stmt></BkToCstmrStmt></Document>\n");
    xml.into_bytes()
}

fn mt940(lines: &[Line]) -> Vec<u8> {
    let sign = |cents: i64| if cents < 0 { 'D' } else { 'C' };
    let mut text = format!(
        "{{1:F01INGBNL2ABXXX0000000000}}\n{{2:I940INGBNL2AXXXN}}\n{{4:\n:20:P261130000000001\n:25:{ACCOUNT}EUR\n:28C:00011\n:60F:C261031EUR{}\n",
        decimal(OPENING_CENTS, ',')
    );
    for line in lines {
        let date = line.date.format("%y%m%d");
        let booked = line.date.format("%m%d");
        let (kind, customer_reference) = match &line.end_to_end_id {
            Some(end_to_end_id) => ("NTRF", end_to_end_id.as_str()),
            None => ("NDDT", "NONREF"),
        };
        let _ = writeln!(
            text,
            ":61:{date}{booked}{}{}{kind}{customer_reference}//{}\n/TRCD/00100/",
            sign(line.cents),
            decimal(line.cents, ','),
            line.bank_reference
        );
        let mut details = String::new();
        if let Some(end_to_end_id) = &line.end_to_end_id {
            let _ = write!(details, "/EREF/{end_to_end_id}/");
        }
        if let Some(iban) = &line.iban {
            let _ = write!(
                details,
                "/CNTP/{iban}/INGBNL2A/{}/",
                line.name.as_deref().unwrap_or_default()
            );
        }
        let _ = write!(details, "/REMI/USTD//{}/", line.remittance);
        let _ = writeln!(text, ":86:{details}");
    }
    let _ = write!(
        text,
        ":62F:C261130EUR{}\n:64:C261130EUR{}\n-}}\n",
        decimal(closing(lines), ','),
        decimal(closing(lines), ',')
    );
    text.into_bytes()
}

/// ING's "Af Bij" CSV: newest first, no bank reference, no balances but a
/// balance after each line.
fn ing_csv(lines: &[Line]) -> Vec<u8> {
    let mut balance = OPENING_CENTS;
    let mut rows = Vec::new();
    for line in lines {
        balance += line.cents;
        let mut notes = String::new();
        if let Some(name) = &line.name {
            let _ = write!(notes, "Naam: {name} ");
        }
        let _ = write!(notes, "Omschrijving: {} ", line.remittance);
        if let Some(iban) = &line.iban {
            let _ = write!(notes, "IBAN: {iban} ");
        }
        if let Some(end_to_end_id) = line
            .end_to_end_id
            .as_deref()
            .filter(|id| *id != "NOTPROVIDED")
        {
            let _ = write!(notes, "Kenmerk: {end_to_end_id} ");
        }
        let _ = write!(notes, "Valutadatum: {}", line.date.format("%d-%m-%Y"));
        let (code, kind) = if line.iban.is_some() {
            ("OV", "Overschrijving")
        } else {
            ("DV", "Diversen")
        };
        rows.push(format!(
            "\"{}\";\"{}\";\"{ACCOUNT}\";\"{}\";\"{code}\";\"{}\";\"{}\";\"{kind}\";\"{notes}\";\"{}\";\"\"",
            line.date.format("%Y%m%d"),
            line.name.as_deref().unwrap_or(&line.remittance),
            line.iban.as_deref().unwrap_or_default(),
            if line.cents < 0 { "Af" } else { "Bij" },
            decimal(line.cents, ','),
            decimal(balance, ','),
        ));
    }
    rows.reverse();
    let mut text = String::from(
        "\"Datum\";\"Naam / Omschrijving\";\"Rekening\";\"Tegenrekening\";\"Code\";\"Af Bij\";\"Bedrag (EUR)\";\"Mutatiesoort\";\"Mededelingen\";\"Saldo na mutatie\";\"Tag\"\n",
    );
    for row in rows {
        text.push_str(&row);
        text.push('\n');
    }
    text.into_bytes()
}

fn at() -> DateTime<Utc> {
    "2026-12-01T09:00:00Z".parse().unwrap()
}

async fn import(book: &Book, name: &str, bytes: Vec<u8>) -> ImportReport {
    let report = import::run(book, vec![(name.to_owned(), bytes)], at(), None)
        .await
        .unwrap();
    match report.files.into_iter().next().unwrap() {
        FileOutcome::Imported(FileReport::Bank(report)) => report,
        other => panic!("{name} was not imported as a bank file: {other:?}"),
    }
}

/// The book's transactions as (date, cents, counterparty IBAN), sorted.
async fn contents(book: &Book) -> Vec<(NaiveDate, i64, Option<String>)> {
    let mut rows: Vec<_> = book
        .transactions()
        .await
        .unwrap()
        .into_iter()
        .map(|row| {
            (
                row.booking_date,
                row.amount.to_cents().unwrap(),
                row.counterparty_iban,
            )
        })
        .collect();
    rows.sort();
    rows
}

fn expected(lines: &[Line]) -> Vec<(NaiveDate, i64, Option<String>)> {
    let mut rows: Vec<_> = lines
        .iter()
        .map(|line| (line.date, line.cents, line.iban.clone()))
        .collect();
    rows.sort();
    rows
}

fn coffee_lines(rows: &[(NaiveDate, i64, Option<String>)]) -> usize {
    rows.iter()
        .filter(|(date, cents, _)| *date == day(2) && *cents == -1_250)
        .count()
}

async fn new_book() -> (tempfile::TempDir, Book) {
    let folder = tempfile::tempdir().unwrap();
    let book = Book::open(&folder.path().join("book.db")).await.unwrap();
    (folder, book)
}

/// The three generated files are read as the same transactions, so the
/// test is about the import and not about the readers.
#[test]
fn the_three_files_hold_the_same_month() {
    let lines = month();
    for (name, bytes) in [
        ("nov.xml", camt(&lines)),
        ("nov.940", mt940(&lines)),
        ("nov.csv", ing_csv(&lines)),
    ] {
        let parsed = tegoed_core::statement::parse(name, &bytes).unwrap();
        assert_eq!(parsed.statements.len(), 1, "{name}");
        let statement = &parsed.statements[0];
        assert_eq!(statement.account, ACCOUNT, "{name}");
        let mut found: Vec<_> = statement
            .transactions
            .iter()
            .map(|item| {
                (
                    item.booking_date,
                    item.amount.to_cents().unwrap(),
                    item.counterparty_iban.clone(),
                )
            })
            .collect();
        found.sort();
        assert_eq!(found, expected(&lines), "{name}");
    }
}

#[tokio::test]
async fn camt_then_mt940_then_csv_lands_once() {
    let lines = month();
    let n = lines.len();
    let (_folder, book) = new_book().await;

    let first = import(&book, "nov.xml", camt(&lines)).await;
    assert_eq!((first.added, first.duplicates, first.recognised), (n, 0, 0));

    let second = import(&book, "nov.940", mt940(&lines)).await;
    assert_eq!(second.added, 0, "MT940 after camt: {second:?}");
    assert_eq!(second.duplicates, n);

    let third = import(&book, "nov.csv", ing_csv(&lines)).await;
    assert_eq!(third.added, 0, "CSV after camt and MT940: {third:?}");
    assert_eq!((third.duplicates, third.recognised), (n, n));

    let rows = contents(&book).await;
    assert_eq!(rows, expected(&lines));
    assert_eq!(coffee_lines(&rows), 2, "the genuine pair stays two");
}

#[tokio::test]
async fn csv_then_mt940_then_camt_lands_once() {
    let lines = month();
    let n = lines.len();
    let (_folder, book) = new_book().await;

    let first = import(&book, "nov.csv", ing_csv(&lines)).await;
    assert_eq!((first.added, first.duplicates), (n, 0));

    let second = import(&book, "nov.940", mt940(&lines)).await;
    assert_eq!(second.added, 0, "MT940 after CSV: {second:?}");
    assert_eq!((second.duplicates, second.recognised), (n, n));

    let third = import(&book, "nov.xml", camt(&lines)).await;
    assert_eq!(third.added, 0, "camt after CSV and MT940: {third:?}");
    assert_eq!((third.duplicates, third.recognised), (n, n));

    let rows = contents(&book).await;
    assert_eq!(rows, expected(&lines));
    assert_eq!(coffee_lines(&rows), 2, "the genuine pair stays two");

    // The same CSV again is known by identity, not recognised by content.
    let again = import(&book, "nov-again.csv", ing_csv(&lines)).await;
    assert_eq!((again.added, again.duplicates, again.recognised), (0, n, 0));
}

/// Occurrences are counted: a later file in another format with a third
/// identical coffee line and one new payment adds exactly those two.
#[tokio::test]
async fn a_third_identical_line_in_another_format_is_added() {
    let lines = month();
    let n = lines.len();
    let (_folder, book) = new_book().await;
    import(&book, "nov.xml", camt(&lines)).await;

    let mut more = lines.clone();
    more.insert(2, more[1].clone());
    more.push(line(
        30,
        33_300,
        Some("Nieuwe Klant"),
        Some("NL91ABNA0417164300"),
        None,
        "factuur 2026-0300",
    ));
    let report = import(&book, "nov.csv", ing_csv(&more)).await;
    assert_eq!((report.added, report.recognised), (2, n), "{report:?}");

    let rows = contents(&book).await;
    assert_eq!(rows.len(), n + 2);
    assert_eq!(coffee_lines(&rows), 3);
}

/// Same day and amount but another counterparty is another transaction.
#[tokio::test]
async fn another_counterparty_is_another_transaction() {
    let lines = month();
    let (_folder, book) = new_book().await;
    import(&book, "nov.xml", camt(&lines)).await;

    let mut other = lines[..1].to_vec();
    other[0].iban = Some("NL91ABNA0417164300".to_owned());
    other[0].end_to_end_id = None;
    let report = import(&book, "other.csv", ing_csv(&other)).await;
    assert_eq!((report.added, report.recognised), (1, 0), "{report:?}");
}
