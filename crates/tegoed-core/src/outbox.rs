//! Use cases on the outbox: mail letters, write them as drafts for the
//! user's own mail client, print them — never twice.
//!
//! Sending records its intent before it starts: the letter becomes
//! `unknown` with its Message-ID and recipient in one committed
//! transaction, and only the server's answer turns it into `sent` or
//! `failed`. A run killed in between leaves it `unknown`, which is never
//! sent again by itself ("check your sent folder").

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, NaiveDate, Utc};

use crate::book::{self, Book, BookError, LetterState, NewTimelineEvent, OutboxRow};
use crate::delivery::{self, DeliveryError, Outgoing, SmtpUrl};
use crate::letters::LetterError;

/// Why the outbox could not do what was asked; what was done stays recorded.
#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    /// No letter has that id.
    #[error("there is no letter {0} in the outbox (see `tegoed letters`)")]
    UnknownLetter(i64),
    /// The letter has no PDF in the book.
    #[error("letter {0} has no PDF in the book")]
    NoContent(i64),
    /// The business has no e-mail address to send from.
    #[error("the business has no e-mail address to send from: set business.email in Settings")]
    NoSender,
    /// Mail could not be built.
    #[error(transparent)]
    Delivery(#[from] DeliveryError),
    /// PDFs could not be combined.
    #[error(transparent)]
    Letter(#[from] LetterError),
    /// The book failed.
    #[error(transparent)]
    Book(#[from] BookError),
}

/// A letter mailed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// Outbox id.
    pub id: i64,
    /// The recipient.
    pub to: String,
    /// The Message-ID.
    pub message_id: String,
}

/// What a send run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SendReport {
    /// Mailed.
    pub sent: Vec<Sent>,
    /// Refused or unreachable, with the server's words.
    pub failed: Vec<(i64, String)>,
    /// Not tried, with why.
    pub skipped: Vec<(i64, String)>,
    /// The run was cancelled before these were tried.
    pub cancelled: Vec<i64>,
}

/// Which letters to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// These ids.
    Ids(Vec<i64>),
    /// Every letter in state `generated` or `failed`; those `sent` or
    /// `unknown` are reported as skipped.
    All,
}

async fn set_state(
    book: &Book,
    letter: &OutboxRow,
    state: &LetterState<'_>,
    event: Option<(&str, &str, NaiveDate, DateTime<Utc>)>,
) -> Result<(), BookError> {
    let mut transaction = book.begin().await?;
    book::set_letter_state(&mut transaction, letter.id, state).await?;
    if let Some((text, text_nl, at, recorded_at)) = event {
        book::insert_timeline_event(
            &mut transaction,
            &NewTimelineEvent {
                customer_id: letter.customer_id,
                at,
                kind: "letter_sent",
                stage: Some(&letter.stage),
                invoices: &letter.invoices,
                text,
                text_nl,
                letter_id: Some(letter.id),
                recorded_at,
            },
        )
        .await?;
    }
    book::audit(
        &mut transaction,
        Utc::now(),
        "user",
        state.state,
        &format!("letter {}", letter.id),
        state.error,
    )
    .await?;
    transaction.commit().await.map_err(BookError::from)?;
    Ok(())
}

/// Mails the selected letters through `url`, one message per letter to the
/// customer's e-mail with the PDF attached and Reply-To the business.
/// `progress` hears (done, total); `cancel` stops before the next letter.
/// `at` is the business day the sends are recorded on.
///
/// # Errors
/// [`OutboxError::UnknownLetter`] for an id not in the outbox,
/// [`OutboxError::NoSender`] without a business e-mail, or when the book
/// fails; a letter the server refuses is reported in `failed`, not an error.
pub async fn send(
    book: &Book,
    selection: &Selection,
    url: &SmtpUrl,
    at: NaiveDate,
    progress: Option<&(dyn Fn(usize, usize) + Sync)>,
    cancel: Option<&AtomicBool>,
) -> Result<SendReport, OutboxError> {
    let outbox = book.outbox().await?;
    let chosen: Vec<&OutboxRow> = match selection {
        Selection::Ids(ids) => {
            let mut chosen = Vec::new();
            for id in ids {
                chosen.push(
                    outbox
                        .iter()
                        .find(|letter| letter.id == *id)
                        .ok_or(OutboxError::UnknownLetter(*id))?,
                );
            }
            chosen
        }
        // `sent` and `unknown` ones are chosen too, to be listed under
        // `skipped` with why: a batch says what it left alone, above all the
        // interrupted letter the user must check by hand.
        Selection::All => outbox
            .iter()
            .filter(|letter| {
                matches!(
                    letter.state.as_str(),
                    "generated" | "failed" | "sent" | "unknown"
                )
            })
            .collect(),
    };
    let sender = crate::remind::sender(book).await?;
    let from_email = sender.email.clone().ok_or(OutboxError::NoSender)?;
    let customers = book.customer_rows().await?;
    let mut report = SendReport::default();
    let total = chosen.len();
    for (done, letter) in chosen.into_iter().enumerate() {
        if let Some(progress) = progress {
            progress(done, total);
        }
        if cancel.is_some_and(|cancel| cancel.load(Ordering::SeqCst)) {
            report.cancelled.push(letter.id);
            continue;
        }
        match letter.state.as_str() {
            "sent" => {
                report.skipped.push((letter.id, "already sent".to_owned()));
                continue;
            }
            "unknown" => {
                report.skipped.push((
                    letter.id,
                    "an earlier send was interrupted: check your sent folder, it is never resent by itself".to_owned(),
                ));
                continue;
            }
            _ => {}
        }
        let Some(to) = customers
            .iter()
            .find(|row| row.id == letter.customer_id)
            .and_then(|row| row.customer.email.clone())
        else {
            report.skipped.push((
                letter.id,
                format!("{} has no e-mail address", letter.customer),
            ));
            continue;
        };
        let Some(mail) = book.letter_mail(letter.id).await? else {
            report
                .skipped
                .push((letter.id, "the letter has no PDF in the book".to_owned()));
            continue;
        };
        let outgoing = Outgoing {
            from_name: sender.name.clone(),
            from_email: from_email.clone(),
            reply_to: Some(from_email.clone()),
            to: to.clone(),
            subject: mail.subject,
            body: mail.body,
            attachment_name: mail.file_name,
            attachment: mail.content,
        };
        let message_id = delivery::new_message_id(&from_email);
        // The intent first: a kill from here on leaves the letter `unknown`.
        set_state(
            book,
            letter,
            &LetterState {
                state: "unknown",
                channel: Some("email"),
                recipient: Some(&to),
                message_id: Some(&message_id),
                sent_at: None,
                error: None,
            },
            None,
        )
        .await?;
        let result =
            delivery::send_with_id(url, &outgoing, &message_id, delivery::DEFAULT_TIMEOUT).await;
        match result {
            Ok(()) => {
                let en = format!("letter sent by e-mail to {to}");
                let nl = format!("brief per e-mail verstuurd aan {to}");
                set_state(
                    book,
                    letter,
                    &LetterState {
                        state: "sent",
                        channel: Some("email"),
                        recipient: Some(&to),
                        message_id: Some(&message_id),
                        sent_at: Some(Utc::now()),
                        error: None,
                    },
                    Some((&en, &nl, at, Utc::now())),
                )
                .await?;
                report.sent.push(Sent {
                    id: letter.id,
                    to,
                    message_id,
                });
            }
            Err(error @ DeliveryError::Interrupted { .. }) => {
                let words = error.to_string();
                set_state(
                    book,
                    letter,
                    &LetterState {
                        state: "unknown",
                        channel: Some("email"),
                        recipient: None,
                        message_id: None,
                        sent_at: None,
                        error: Some(&words),
                    },
                    None,
                )
                .await?;
                report.failed.push((letter.id, words));
            }
            Err(error) => {
                let words = error.to_string();
                set_state(
                    book,
                    letter,
                    &LetterState {
                        state: "failed",
                        channel: Some("email"),
                        recipient: None,
                        message_id: None,
                        sent_at: None,
                        error: Some(&words),
                    },
                    None,
                )
                .await?;
                report.failed.push((letter.id, words));
            }
        }
    }
    if let Some(progress) = progress {
        progress(total, total);
    }
    Ok(report)
}

/// The letter as an unsent e-mail draft (`X-Unsent: 1`, the PDF attached).
/// The letter's channel becomes `draft` unless it was already sent.
///
/// # Errors
/// [`OutboxError::UnknownLetter`], [`OutboxError::NoContent`], or when the
/// draft cannot be built or the book fails.
pub async fn draft(book: &Book, id: i64) -> Result<Vec<u8>, OutboxError> {
    let outbox = book.outbox().await?;
    let letter = outbox
        .iter()
        .find(|letter| letter.id == id)
        .ok_or(OutboxError::UnknownLetter(id))?;
    let mail = book
        .letter_mail(id)
        .await?
        .ok_or(OutboxError::NoContent(id))?;
    let sender = crate::remind::sender(book).await?;
    let customer_email = book
        .customer_rows()
        .await?
        .into_iter()
        .find(|row| row.id == letter.customer_id)
        .and_then(|row| row.customer.email)
        .unwrap_or_default();
    let from_email = sender
        .email
        .clone()
        .unwrap_or_else(|| "noreply@tegoed.invalid".to_owned());
    let eml = delivery::draft(&Outgoing {
        from_name: sender.name.clone(),
        from_email: from_email.clone(),
        reply_to: sender.email.clone(),
        to: customer_email,
        subject: mail.subject,
        body: mail.body,
        attachment_name: mail.file_name,
        attachment: mail.content,
    })?;
    if letter.state != "sent" {
        set_state(
            book,
            letter,
            &LetterState {
                state: &letter.state,
                channel: Some("draft"),
                recipient: None,
                message_id: None,
                sent_at: None,
                error: letter.error.as_deref(),
            },
            None,
        )
        .await?;
    }
    Ok(eml)
}

/// The selected letters as one PDF for printing; they become `printed`
/// (a sent letter keeps its state).
///
/// # Errors
/// [`OutboxError::UnknownLetter`], [`OutboxError::NoContent`], or when the
/// PDFs cannot be combined or the book fails.
pub async fn print(
    book: &Book,
    ids: &[i64],
    at: NaiveDate,
    recorded_at: DateTime<Utc>,
) -> Result<Vec<u8>, OutboxError> {
    let outbox = book.outbox().await?;
    let mut pdfs = Vec::new();
    let mut letters = Vec::new();
    for id in ids {
        let letter = outbox
            .iter()
            .find(|letter| letter.id == *id)
            .ok_or(OutboxError::UnknownLetter(*id))?;
        pdfs.push(
            book.letter_content(*id)
                .await?
                .ok_or(OutboxError::NoContent(*id))?,
        );
        letters.push(letter);
    }
    let combined = crate::letters::combine(&pdfs)?;
    for letter in letters {
        if letter.state == "sent" {
            continue;
        }
        set_state(
            book,
            letter,
            &LetterState {
                state: "printed",
                channel: Some("print"),
                recipient: None,
                message_id: None,
                sent_at: Some(recorded_at),
                error: None,
            },
            Some((
                "letter printed for the post",
                "brief geprint voor de post",
                at,
                recorded_at,
            )),
        )
        .await?;
    }
    Ok(combined)
}

impl crate::fault::Classify for OutboxError {
    /// An unknown letter or a missing sender address is the person's to
    /// fix; a failing book is not.
    fn fault(&self) -> crate::fault::Fault {
        match self {
            OutboxError::Book(error) => error.fault(),
            OutboxError::Delivery(error) => error.fault(),
            _ => crate::fault::Fault::Input,
        }
    }
}
