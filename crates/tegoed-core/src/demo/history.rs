//! The demo's dunning history, played by the real engine: for every working
//! day of the last months, the calls Today lists are logged (the reliable
//! payers promise, the others do not answer) and the letters due are made
//! by `remind` and marked sent, as a person would have done. Hand-overs are
//! only confirmed for the worst payers. Also the business details letters
//! print.

use chrono::{DateTime, Days, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::DemoError;
use super::business::{self, CUSTOMERS};
use crate::book::{self, Book, BookError, LetterState};
use crate::dunning::{Action, CallOutcome};
use crate::record::{self, CallInput};
use crate::{remind, today};

/// How many days back the history starts.
const HISTORY_DAYS: u64 = 80;

/// Customers paying less reliably than this are handed over.
const HAND_OVER_BELOW: u64 = 66;

/// Customers paying at least this reliably promise when called.
const PROMISE_FROM: u64 = 75;

/// The demo business's details, as Settings holds them.
pub(super) async fn business_settings(connection: &mut SqliteConnection) -> Result<(), BookError> {
    let iban = crate::reference::iban::from_parts(
        "NL",
        &format!(
            "{}{}",
            business::COMPANY_ACCOUNT.0,
            business::COMPANY_ACCOUNT.1
        ),
    )
    .unwrap_or_default();
    let settings = [
        ("business.name", business::COMPANY_NAME.to_owned()),
        (
            "business.address",
            "Lange Nieuwstraat 41\n3512 PE Utrecht".to_owned(),
        ),
        ("business.kvk_number", "81234567".to_owned()),
        ("business.vat_number", "NL862345678B01".to_owned()),
        ("business.iban", iban),
        ("business.bic", "INGBNL2A".to_owned()),
        ("business.phone", "030 231 45 67".to_owned()),
        (
            "business.email",
            "administratie@studiolindeboom.example".to_owned(),
        ),
        ("business.contact_person", "Eva Lindeboom".to_owned()),
        ("agency.name", "Incassobureau Domstad B.V.".to_owned()),
        (
            "agency.contact",
            "Postbus 1234, 3500 AA Utrecht\n030 700 12 34\ninfo@domstadincasso.example".to_owned(),
        ),
    ];
    for (key, value) in settings {
        book::set_setting(connection, key, &value).await?;
    }
    Ok(())
}

fn reliability(code: &str) -> u64 {
    CUSTOMERS
        .iter()
        .find(|cast| cast.code == code)
        .map_or(100, |cast| cast.reliability)
}

/// Plays the ladder from `HISTORY_DAYS` before `as_of` up to the day before.
pub(super) async fn play(
    book: &Book,
    as_of: NaiveDate,
    at: DateTime<Utc>,
) -> Result<(), DemoError> {
    let settings = today::settings(book).await?;
    let mut day = as_of - Days::new(HISTORY_DAYS);
    while day < as_of {
        if settings.calendar.is_working_day(day) {
            // What was done that day is stamped that morning, not at the
            // minute the demo was made.
            let morning = day
                .and_hms_opt(9, 30, 0)
                .map_or(at, |moment| moment.and_utc())
                .min(at);
            play_day(book, day, morning).await?;
        }
        day = day + Days::new(1);
    }
    Ok(())
}

async fn play_day(book: &Book, day: NaiveDate, at: DateTime<Utc>) -> Result<(), DemoError> {
    let casebook = today::casebook(book, day).await?;
    let list = casebook.worklist(true);
    for item in list.actions.iter().filter(|item| !item.action.is_letter()) {
        let promises = reliability(&item.customer_code) >= PROMISE_FROM
            && item.action == Action::Call
            && !casebook.case(&item.customer_code).is_some_and(|case| {
                case.calls
                    .iter()
                    .any(|call| call.outcome == CallOutcome::Promise)
            });
        let input = CallInput {
            customer: item.customer_code.clone(),
            outcome: if promises {
                CallOutcome::Promise
            } else {
                CallOutcome::NoAnswer
            },
            promise_date: promises.then(|| day + Days::new(7)),
            amount: None,
            contact: None,
            note: (!promises).then(|| "voicemail ingesproken".to_owned()),
            at: day,
            recorded_at: at,
        };
        record::call(book, &input).await?;
    }
    let made = remind::remind_selected(book, day, true, at, &|item| {
        item.action != Action::Agency || reliability(&item.customer_code) < HAND_OVER_BELOW
    })
    .await?;
    let mut transaction = book.begin().await?;
    for letter in &made {
        book::set_letter_state(
            &mut transaction,
            letter.id,
            &LetterState {
                state: "sent",
                channel: Some("email"),
                recipient: None,
                message_id: None,
                sent_at: Some(at),
                error: None,
            },
        )
        .await?;
    }
    transaction.commit().await.map_err(BookError::from)?;
    Ok(())
}
