//! Issue 17, "an overpayment that names the invoice settles it": the
//! invoice is paid, and what was paid beyond it is the customer's credit,
//! visible to refund or to set against the next invoice — in a real book
//! after a real import of a ledger and a bank statement.

#![allow(clippy::unwrap_used, reason = "a test unwraps what must be there")]

use chrono::{DateTime, NaiveDate, Utc};
use tegoed_core::book::Book;
use tegoed_core::money::Money;
use tegoed_core::{import, overview};

const LEDGER: &str =
    "Invoice number,Customer code,Customer name,Invoice date,Due date,Amount,Outstanding,Currency
2026-0101,K0001,Bakkerij De Korenschoof B.V.,2026-10-01,2026-10-31,605.00,605.00,EUR
2026-0102,K0001,Bakkerij De Korenschoof B.V.,2026-10-15,2026-11-14,121.00,121.00,EUR
2026-0201,K0002,Drukkerij Vos,2026-10-01,2026-10-31,300.00,300.00,EUR
";

/// One MT940 statement: K0001 pays 2026-0101 with €60.50 too much, K0002
/// pays 2026-0201 exactly.
const STATEMENT: &str = ":20:CREDIT
:25:NL91ABNA0417164300
:28C:1
:60F:C261031EUR0,00
:61:2611031103C665,50NTRFNONREF
:86:/NAME/Bakkerij De Korenschoof/REMI/factuur 2026-0101/
:61:2611041104C300,00NTRFNONREF
:86:/NAME/Drukkerij Vos/REMI/factuur 2026-0201/
:62F:C261104EUR965,50
-
";

fn at() -> DateTime<Utc> {
    "2026-11-05T10:00:00Z".parse().unwrap()
}

fn money(text: &str) -> Money {
    text.parse().unwrap()
}

#[tokio::test]
async fn an_overpayment_settles_its_invoice_and_the_rest_is_the_customers_credit() {
    let folder = tempfile::tempdir().unwrap();
    let book = Book::open(&folder.path().join("book.db")).await.unwrap();
    let files = vec![
        ("openstaand.csv".to_owned(), LEDGER.as_bytes().to_vec()),
        ("november.sta".to_owned(), STATEMENT.as_bytes().to_vec()),
    ];
    import::run(&book, files, at(), None).await.unwrap();

    let as_of = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
    let positions = overview::positions(&book, as_of).await.unwrap();
    let open = |number: &str| {
        positions
            .iter()
            .find(|position| position.number == number)
            .unwrap()
            .open_amount
    };
    assert_eq!(open("2026-0101"), Money::ZERO, "the overpayment settles it");
    assert_eq!(
        open("2026-0102"),
        money("121.00"),
        "the next invoice stays open"
    );
    assert_eq!(open("2026-0201"), Money::ZERO);

    let credit = overview::credit(&book, "K0001").await.unwrap();
    assert_eq!(credit.total, money("60.50"));
    assert_eq!(
        credit.payments,
        vec![(
            NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
            money("665.50"),
            money("60.50")
        )]
    );
    // An exact payment leaves no credit; a customer without payments neither.
    assert_eq!(
        overview::credit(&book, "K0002").await.unwrap().total,
        Money::ZERO
    );
    assert!(
        overview::credit(&book, "K9999")
            .await
            .unwrap()
            .payments
            .is_empty()
    );
    book.close().await;
}
