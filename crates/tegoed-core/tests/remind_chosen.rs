//! `remind::remind_chosen`: only the letter actions a person ticked are
//! made; the rest stay due for a later run, and a pair the day's list does
//! not hold makes nothing.

#![allow(clippy::unwrap_used, reason = "tests unwrap what must be there")]

use chrono::{NaiveDate, Utc};
use tegoed_core::book::Book;
use tegoed_core::dunning::Action;
use tegoed_core::{demo, remind, today};

const AS_OF: (i32, u32, u32) = (2026, 12, 2);

async fn demo_book(folder: &tempfile::TempDir) -> (Book, NaiveDate) {
    let as_of = NaiveDate::from_ymd_opt(AS_OF.0, AS_OF.1, AS_OF.2).unwrap();
    let book = Book::open(&folder.path().join("book.db")).await.unwrap();
    demo::create(&book, as_of, Utc::now()).await.unwrap();
    (book, as_of)
}

#[tokio::test]
async fn only_the_chosen_letters_are_made() {
    let folder = tempfile::tempdir().unwrap();
    let (book, as_of) = demo_book(&folder).await;
    let letters: Vec<(String, Action)> = today::casebook(&book, as_of)
        .await
        .unwrap()
        .worklist(true)
        .actions
        .iter()
        .filter(|item| item.action.is_letter())
        .map(|item| (item.customer_code.clone(), item.action))
        .collect();
    assert!(letters.len() >= 2, "the demo has letters due: {letters:?}");

    let first = &letters[..1];
    let made = remind::remind_chosen(&book, as_of, true, first, Utc::now())
        .await
        .unwrap();
    assert_eq!(made.len(), 1);
    assert_eq!((made[0].customer_code.clone(), made[0].action), first[0]);

    // Not on the day's list: nothing is made.
    let stale = [("NO-SUCH-CUSTOMER".to_owned(), Action::Reminder1)];
    let none = remind::remind_chosen(&book, as_of, true, &stale, Utc::now())
        .await
        .unwrap();
    assert!(none.is_empty());

    // The others are still due, and the chosen one is not made twice.
    let rest = remind::remind(&book, as_of, true, Utc::now())
        .await
        .unwrap();
    assert_eq!(rest.len(), letters.len() - 1);
    assert!(rest.iter().all(|letter| letter.id != made[0].id));
}
