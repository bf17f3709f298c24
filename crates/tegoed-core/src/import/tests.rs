//! Import into a real (temporary) book.

use std::sync::Mutex;

use chrono::{TimeZone, Utc};

use super::*;
use crate::money::Money;
use crate::statement;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap()
}

async fn empty_book() -> (tempfile::TempDir, Book) {
    let folder = tempfile::tempdir().unwrap();
    let book = Book::open(&folder.path().join("book.db")).await.unwrap();
    (folder, book)
}

/// An MT940 statement of NL91ABNA0417164300 with the given lines
/// (`(yymmdd, signed cents, text)`).
fn mt940(id: &str, opening: (&str, i64), lines: &[(&str, i64, &str)]) -> String {
    let amount = |cents: i64| {
        format!(
            "{}{},{:02}",
            if cents < 0 { 'D' } else { 'C' },
            cents.abs() / 100,
            cents.abs() % 100
        )
    };
    let mut text = format!(
        ":20:{id}\n:25:NL91ABNA0417164300\n:28C:{id}\n:60F:{}{}EUR{}\n",
        amount(opening.1).get(..1).unwrap(),
        opening.0,
        &amount(opening.1)[1..]
    );
    let mut balance = opening.1;
    let mut last = opening.0;
    for (date, cents, remittance) in lines {
        text.push_str(&format!(
            ":61:{date}{}NTRFNONREF\n:86:/NAME/Klant/REMI/{remittance}/\n",
            amount(*cents)
        ));
        balance += cents;
        last = date;
    }
    text.push_str(&format!(
        ":62F:{}{last}EUR{}\n-\n",
        amount(balance).get(..1).unwrap(),
        &amount(balance)[1..]
    ));
    text
}

/// Reads a bank file (the test's own path, without matching) (using a saved CSV mapping when its layout needs one)
/// and imports it.
///
/// # Errors
/// [`ImportError`] when the file cannot be read or imported; the book is
/// then unchanged.
async fn bank_file(
    book: &Book,
    file_name: &str,
    bytes: &[u8],
    at: DateTime<Utc>,
    progress: Option<&(dyn Fn(usize, usize) + Sync)>,
) -> Result<ImportReport, ImportError> {
    let parsed = match statement::parse(file_name, bytes) {
        Err(StatementError::UnknownCsvLayout { file, shape }) => {
            let saved = book
                .bank_csv_mapping(&shape)
                .await?
                .and_then(|text| statement::csv::Mapping::from_text(&text));
            match saved {
                Some(mapping) => statement::parse_with_mapping(file_name, bytes, &mapping)?,
                None => return Err(StatementError::UnknownCsvLayout { file, shape }.into()),
            }
        }
        other => other?,
    };
    bank(book, &parsed, at, progress).await
}

/// Reads a CSV bank file with the column mapping a person made, imports it,
/// and saves the mapping for every later file of the same shape.
///
/// # Errors
/// [`ImportError`] when the file does not fit the mapping or cannot be
/// imported; the book is then unchanged (the mapping is saved only after
/// the import succeeded).
async fn bank_csv_with_mapping(
    book: &Book,
    file_name: &str,
    bytes: &[u8],
    mapping: &statement::csv::Mapping,
    at: DateTime<Utc>,
    progress: Option<&(dyn Fn(usize, usize) + Sync)>,
) -> Result<ImportReport, ImportError> {
    let parsed = statement::parse_with_mapping(file_name, bytes, mapping)?;
    let report = bank(book, &parsed, at, progress).await?;
    let shape = statement::csv::grid(bytes, 1).shape;
    book.save_bank_csv_mapping(&shape, &mapping.to_text(), at)
        .await?;
    Ok(report)
}

async fn import_text(book: &Book, name: &str, text: &str) -> Result<ImportReport, ImportError> {
    bank_file(book, name, text.as_bytes(), at(), None).await
}

#[tokio::test]
async fn reimporting_adds_nothing_and_identical_lines_stay_two() {
    let (_folder, book) = empty_book().await;
    let text = mt940(
        "1",
        ("261101", 10_000),
        &[
            ("261102", 1_250, "koffie"),
            ("261102", 1_250, "koffie"),
            ("261103", -500, "x"),
        ],
    );
    let first = import_text(&book, "a.sta", &text).await.unwrap();
    assert_eq!((first.added, first.duplicates), (3, 0));
    assert!(first.warnings.is_empty(), "{:?}", first.warnings);
    let again = import_text(&book, "a-copy.sta", &text).await.unwrap();
    assert_eq!(
        (again.added, again.duplicates, again.statements_added),
        (0, 3, 0)
    );
    let accounts = book.accounts().await.unwrap();
    assert_eq!(accounts[0].n_transactions, 3);
    assert_eq!(
        accounts[0]
            .last_updated
            .map(|date| date.to_string())
            .as_deref(),
        Some("2026-11-03")
    );
}

#[tokio::test]
async fn an_overlapping_statement_adds_only_the_new_days() {
    let (_folder, book) = empty_book().await;
    let early = mt940(
        "1",
        ("261101", 10_000),
        &[("261102", 1_250, "a"), ("261103", 700, "b")],
    );
    let overlapping = mt940(
        "2",
        ("261102", 11_250),
        &[("261103", 700, "b"), ("261104", -300, "c")],
    );
    import_text(&book, "early.sta", &early).await.unwrap();
    let report = import_text(&book, "overlap.sta", &overlapping)
        .await
        .unwrap();
    assert_eq!((report.added, report.duplicates), (1, 1));
    assert_eq!(book.accounts().await.unwrap()[0].n_transactions, 3);
}

#[tokio::test]
async fn a_balance_break_is_imported_with_a_warning() {
    let (_folder, book) = empty_book().await;
    import_text(
        &book,
        "nov.sta",
        &mt940("1", ("261101", 10_000), &[("261102", 1_000, "a")]),
    )
    .await
    .unwrap();
    let report = import_text(
        &book,
        "dec.sta",
        &mt940("2", ("261201", 99_900), &[("261202", 100, "b")]),
    )
    .await
    .unwrap();
    assert_eq!(report.added, 1);
    let [warning] = report.warnings.as_slice() else {
        panic!("{:?}", report.warnings)
    };
    assert!(
        warning.starts_with("dec.sta line 1: balance break"),
        "{warning}"
    );
    assert!(
        warning.contains("999.00") && warning.contains("110.00") && warning.contains("nov.sta"),
        "{warning}"
    );
    assert_eq!(
        book.statement_warnings("NL91ABNA0417164300")
            .await
            .unwrap()
            .len(),
        1
    );
    let following = import_text(
        &book,
        "dec2.sta",
        &mt940("3", ("261202", 100_000), &[("261203", 100, "c")]),
    )
    .await
    .unwrap();
    assert!(following.warnings.is_empty(), "{:?}", following.warnings);
}

#[tokio::test]
async fn another_currency_is_refused_and_changes_nothing() {
    let (_folder, book) = empty_book().await;
    let text = mt940("1", ("261101", 10_000), &[("261102", 1_000, "a")]).replace("EUR", "USD");
    let error = import_text(&book, "usd.sta", &text).await.unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("usd.sta line 1:") && message.contains("USD"),
        "{message}"
    );
    assert!(book.accounts().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_damaged_file_changes_nothing() {
    let (_folder, book) = empty_book().await;
    let good = mt940("1", ("261101", 10_000), &[("261102", 1_000, "a")]);
    let damaged = format!(
        "{good}{}",
        ":20:2\n:25:NL91ABNA0417164300\n:60F:C261102EUR110,00\n:61:2611031103CXX\n"
    );
    let error = import_text(&book, "bad.sta", &damaged).await.unwrap_err();
    assert!(error.to_string().contains("bad.sta line 12"), "{error}");
    assert!(book.accounts().await.unwrap().is_empty());
}

#[tokio::test]
async fn progress_reaches_the_total() {
    let (_folder, book) = empty_book().await;
    let lines: Vec<(&str, i64, &str)> = (0..4_500).map(|_| ("261102", 1, "x")).collect();
    let text = mt940("1", ("261101", 0), &lines);
    let parsed = statement::parse("big.sta", text.as_bytes()).unwrap();
    let calls = Mutex::new(Vec::new());
    let progress = |done: usize, total: usize| calls.lock().unwrap().push((done, total));
    let report = bank(&book, &parsed, at(), Some(&progress)).await.unwrap();
    assert_eq!(report.added, 4_500);
    let calls = calls.into_inner().unwrap();
    assert_eq!(calls.len(), 3);
    assert_eq!(calls.last(), Some(&(4_500, 4_500)));
}

#[tokio::test]
async fn a_saved_csv_mapping_is_used_for_files_of_that_shape() {
    let (_folder, book) = empty_book().await;
    let csv = "Datum;Bedrag;Omschrijving\n02-11-2026;12,50;koffie\n03-11-2026;-1.000,00;huur\n";
    let error = import_text(&book, "x.csv", csv).await.unwrap_err();
    let ImportError::Statement(StatementError::UnknownCsvLayout { shape, .. }) = error else {
        panic!("{error}")
    };
    let mapping = statement::csv::Mapping {
        delimiter: b';',
        skip_lines: 1,
        date_column: 0,
        date_format: "%d-%m-%Y".to_owned(),
        amount: statement::csv::AmountColumns::Signed(1),
        decimal_comma: true,
        account_column: None,
        account: Some("NL91ABNA0417164300".to_owned()),
        currency_column: None,
        counterparty_name_column: None,
        counterparty_iban_column: None,
        remittance_columns: vec![2],
        bank_reference_column: None,
        balance_after_column: None,
    };
    assert_eq!(
        statement::csv::Mapping::from_text(&mapping.to_text()).as_ref(),
        Some(&mapping)
    );
    book.save_bank_csv_mapping(&shape, &mapping.to_text(), at())
        .await
        .unwrap();
    let report = import_text(&book, "x.csv", csv).await.unwrap();
    assert_eq!(report.added, 2);
}

#[tokio::test]
async fn a_persons_csv_mapping_imports_and_is_remembered_for_the_shape() {
    let (_folder, book) = empty_book().await;
    let october = "Datum;Bedrag;Omschrijving\n02-10-2026;12,50;koffie\n";
    let november = "Datum;Bedrag;Omschrijving\n02-11-2026;-30,00;lunch\n";
    let mapping = statement::csv::Mapping {
        delimiter: b';',
        skip_lines: 1,
        date_column: 0,
        date_format: "%d-%m-%Y".to_owned(),
        amount: statement::csv::AmountColumns::Signed(1),
        decimal_comma: true,
        account_column: None,
        account: Some("NL91ABNA0417164300".to_owned()),
        currency_column: None,
        counterparty_name_column: None,
        counterparty_iban_column: None,
        remittance_columns: vec![2],
        bank_reference_column: None,
        balance_after_column: None,
    };
    let report = bank_csv_with_mapping(
        &book,
        "oktober.csv",
        october.as_bytes(),
        &mapping,
        at(),
        None,
    )
    .await
    .unwrap();
    assert_eq!(report.added, 1);
    let prepared = crate::import::prepare_one(
        &book,
        "november.csv".to_owned(),
        november.as_bytes().to_vec(),
    )
    .await
    .unwrap();
    assert!(
        !prepared.needs_mapping(),
        "the saved mapping reads the next file of the shape"
    );
    let report = crate::import::file(&book, &prepared, at(), None)
        .await
        .unwrap();
    assert!(matches!(report, crate::import::FileReport::Bank(ref bank) if bank.added == 1));
}

/// A camt.053 of NL42INGB9836900602 with one entry: `entry` is the XML
/// inside `<Ntry>` after the amount, indicator and status.
fn camt(id: &str, day: &str, opening_cents: i64, cents: i64, entry: &str) -> String {
    let money = |cents: i64| format!("{}.{:02}", cents.abs() / 100, cents.abs() % 100);
    let side = |cents: i64| if cents < 0 { "DBIT" } else { "CRDT" };
    let closing = opening_cents + cents;
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>{id}</MsgId><CreDtTm>{day}T06:00:00</CreDtTm></GrpHdr>
<Stmt><Id>{id}</Id><Acct><Id><IBAN>NL42INGB9836900602</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{}</Amt><CdtDbtInd>{}</CdtDbtInd><Dt><Dt>{day}</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{}</Amt><CdtDbtInd>{}</CdtDbtInd><Dt><Dt>{day}</Dt></Dt></Bal>
<Ntry><Amt Ccy="EUR">{}</Amt><CdtDbtInd>{}</CdtDbtInd>{entry}</Ntry>
</Stmt></BkToCstmrStmt></Document>"#,
        money(opening_cents),
        side(opening_cents),
        money(closing),
        side(closing),
        money(cents),
        side(cents),
    )
}

/// The customer's side of a SEPA direct debit: debtor, their account, the
/// mandate's end-to-end id.
const DEBTOR: &str = "<RltdPties><Dbtr><Nm>Van der Meer &amp; Zn B.V.</Nm></Dbtr>\
<DbtrAcct><Id><IBAN>NL17INGB9556279955</IBAN></Id></DbtrAcct>\
<Cdtr><Nm>Tegoed Demo B.V.</Nm></Cdtr>\
<CdtrAcct><Id><IBAN>NL42INGB9836900602</IBAN></Id></CdtrAcct></RltdPties>";

#[tokio::test]
async fn r_debits_a_returned_direct_debit_reopens_the_invoice_it_paid() {
    use crate::book::{NewCustomer, NewInvoice, insert_customer, insert_invoice};
    use crate::matching::Settings;
    use crate::overview;
    use crate::receivables::{InvoiceStatus, LedgerStatus};

    let (_folder, book) = empty_book().await;
    let mut transaction = book.begin().await.unwrap();
    let customer = insert_customer(
        &mut transaction,
        &NewCustomer {
            code: "K7",
            name: "Van der Meer & Zn B.V.",
            language: "nl",
            ..NewCustomer::default()
        },
    )
    .await
    .unwrap();
    insert_invoice(
        &mut transaction,
        &NewInvoice {
            number: "2026-0042",
            customer_id: customer,
            invoice_date: "2026-02-01".parse().unwrap(),
            due_date: "2026-03-03".parse().unwrap(),
            amount: Money::from_cents(60_500),
            currency: "EUR",
            reference: None,
            ledger_status: LedgerStatus::Open,
            source: "test",
        },
    )
    .await
    .unwrap();
    transaction.commit().await.unwrap();

    // The collection comes in and pays the invoice.
    let collected = camt(
        "S1",
        "2026-03-02",
        100_000,
        60_500,
        &format!(
            "<Sts>BOOK</Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt><AcctSvcrRef>R-1</AcctSvcrRef>\
<NtryDtls><TxDtls><Refs><EndToEndId>INC-2026-0042</EndToEndId></Refs>{DEBTOR}\
<RmtInf><Ustrd>Incasso factuur 2026-0042</Ustrd></RmtInf></TxDtls></NtryDtls>"
        ),
    );
    import_text(&book, "s1.xml", &collected).await.unwrap();
    let first = crate::reconcile::run(&book, &Settings::default(), at())
        .await
        .unwrap();
    assert_eq!(first.allocations.len(), 1);
    assert!(first.allocations[0].auto, "{:?}", first.allocations);
    let as_of = "2026-03-20".parse().unwrap();
    let paid = overview::positions(&book, as_of).await.unwrap();
    assert_eq!(paid[0].status, InvoiceStatus::Paid);

    // The debtor's bank returns it: a debit marked as a reversal, MD06, same
    // end-to-end id, parties as in the collection.
    let returned = camt(
        "S2",
        "2026-03-09",
        160_500,
        -60_500,
        &format!(
            "<RvslInd>true</RvslInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-09</Dt></BookgDt>\
<AcctSvcrRef>R-2</AcctSvcrRef><NtryDtls><TxDtls><Refs><EndToEndId>INC-2026-0042</EndToEndId></Refs>\
{DEBTOR}<RtrInf><Rsn><Cd>MD06</Cd></Rsn></RtrInf></TxDtls></NtryDtls>"
        ),
    );
    let parsed = statement::parse("s2.xml", returned.as_bytes()).unwrap();
    let line = &parsed.statements[0].transactions[0];
    assert!(line.reversal);
    assert_eq!(line.return_reason.as_deref(), Some("MD06"));
    assert_eq!(
        line.counterparty_iban.as_deref(),
        Some("NL17INGB9556279955")
    );
    import_text(&book, "s2.xml", &returned).await.unwrap();

    // No remittance words: the bank's own marks make it a return. Debits are
    // never booked without a person (domain.md §5.4), so it is suggested.
    let second = crate::reconcile::run(&book, &Settings::default(), at())
        .await
        .unwrap();
    assert_eq!(second.allocations.len(), 1, "{:?}", second.allocations);
    let line = &second.allocations[0];
    assert!(!line.auto);
    assert_eq!(line.invoice, "2026-0042");
    assert_eq!(line.amount, Money::from_cents(-60_500));
    assert!(line.reason.contains("MD06"), "{}", line.reason);
    crate::reconcile::confirm(&book, line.transaction_id, "test", at())
        .await
        .unwrap();
    let reopened = overview::positions(&book, as_of).await.unwrap();
    assert_eq!(reopened[0].status, InvoiceStatus::Open);
    assert_eq!(reopened[0].open_amount, Money::from_cents(60_500));
}
