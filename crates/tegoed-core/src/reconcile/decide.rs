//! A person's decisions on one transaction, each one database transaction:
//! the book reads the transaction, the rule in `crate::matching::decision`
//! makes the change or refuses, the book writes it with what was there so
//! that [`undo`] restores it. Each returns the decision id.

use chrono::{DateTime, Utc};

use crate::book::{Book, BookError};
use crate::matching::decision::{self, Refusal, Taken};
use crate::matching::normalise_iban;
use crate::money::Money;

/// Why a person's decision was not taken.
#[derive(Debug, thiserror::Error)]
pub enum DecisionError {
    /// The rules refuse it (a user fault).
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// The book failed.
    #[error(transparent)]
    Book(#[from] BookError),
}

impl From<sqlx::Error> for DecisionError {
    fn from(error: sqlx::Error) -> DecisionError {
        DecisionError::Book(BookError::from(error))
    }
}

/// Whether the payer of `transaction_id` pays from an account marked shared.
async fn shared_payer(book: &Book, transaction_id: i64) -> Result<bool, BookError> {
    match book.payer_iban(transaction_id).await? {
        Some(iban) => book.is_shared_account(&normalise_iban(&iban)).await,
        None => Ok(false),
    }
}

fn unknown(transaction_id: i64) -> DecisionError {
    DecisionError::Refused(Refusal::UnknownTransaction(transaction_id))
}

/// Confirms the suggestions on a transaction: they become booked, and the
/// payer's IBAN is learned for the customer.
///
/// # Errors
/// [`Refusal::NothingToConfirm`] when nothing is suggested.
pub async fn confirm(
    book: &Book,
    transaction_id: i64,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<i64, DecisionError> {
    let shared = shared_payer(book, transaction_id).await?;
    book.decide(
        transaction_id,
        unknown(transaction_id),
        |transaction| Ok(decision::confirm(transaction, shared)?),
        actor,
        at,
    )
    .await
}

/// Rejects what is booked or suggested on a transaction: those invoices
/// reopen and are never proposed for it again.
///
/// # Errors
/// [`Refusal::NothingToReject`] when nothing is booked or suggested.
pub async fn reject(
    book: &Book,
    transaction_id: i64,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<i64, DecisionError> {
    book.decide(
        transaction_id,
        unknown(transaction_id),
        |transaction| Ok(decision::reject(transaction)?),
        actor,
        at,
    )
    .await
}

/// Allocates a transaction by hand: re-assign (one invoice) or split
/// (several), each part with the transaction's sign, together at most its
/// amount. What was booked or suggested before is rejected.
///
/// # Errors
/// [`Refusal::UnknownInvoice`] for an unknown number,
/// [`Refusal::DoesNotFit`] when the amounts do not fit,
/// [`Refusal::TwiceInSplit`] for an invoice named twice,
/// [`Refusal::MoreThanOpen`] for a part beyond what its invoice has open.
pub async fn allocate(
    book: &Book,
    transaction_id: i64,
    parts: &[(String, Money)],
    actor: &str,
    at: DateTime<Utc>,
) -> Result<i64, DecisionError> {
    let mut named = Vec::with_capacity(parts.len());
    for (number, _) in parts {
        named.push(book.named_invoice(number, transaction_id).await?);
    }
    let shared = shared_payer(book, transaction_id).await?;
    book.decide(
        transaction_id,
        unknown(transaction_id),
        |transaction| {
            Ok(decision::allocate(
                transaction,
                parts,
                &named,
                actor,
                shared,
            )?)
        },
        actor,
        at,
    )
    .await
}

/// Re-assigns a transaction to one invoice: its whole amount, or what the
/// invoice still has open when that is less (the rest stays a credit).
///
/// # Errors
/// As [`allocate`].
pub async fn reassign(
    book: &Book,
    transaction_id: i64,
    invoice_number: &str,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<i64, DecisionError> {
    let amount = book
        .transaction_amount(transaction_id)
        .await?
        .ok_or_else(|| unknown(transaction_id))?;
    let open = book
        .named_invoice(invoice_number, transaction_id)
        .await?
        .ok_or_else(|| Refusal::UnknownInvoice(invoice_number.to_owned()))?
        .open;
    let part = decision::reassigned(amount, open);
    allocate(
        book,
        transaction_id,
        &[(invoice_number.to_owned(), part)],
        actor,
        at,
    )
    .await
}

/// Marks a transaction as not a customer payment: what was booked or
/// suggested on it is rejected and matching leaves it alone.
///
/// # Errors
/// [`Refusal::UnknownTransaction`] for an unknown id.
pub async fn ignore(
    book: &Book,
    transaction_id: i64,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<i64, DecisionError> {
    book.decide(
        transaction_id,
        unknown(transaction_id),
        |_| Ok(decision::ignore()),
        actor,
        at,
    )
    .await
}

/// Undoes a decision: the transaction's allocations and flag return to what
/// they were, and IBANs it taught are forgotten. Only the latest decision
/// in force on a transaction can be undone.
///
/// # Errors
/// [`Refusal::UnknownDecision`], [`Refusal::AlreadyUndone`],
/// [`Refusal::NotLatest`].
pub async fn undo(
    book: &Book,
    decision_id: i64,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<(), DecisionError> {
    book.undo_decision(
        decision_id,
        |row| {
            let taken = row.map(|row| Taken {
                undone: row.undone,
                later: row.later,
            });
            Ok(decision::undo(decision_id, taken)?)
        },
        actor,
        at,
    )
    .await
}

/// Marks an IBAN as a shared account (payment provider, factoring): it
/// never points to a customer and is never learned.
///
/// # Errors
/// When the book cannot be written.
pub async fn mark_shared_account(
    book: &Book,
    iban: &str,
    note: Option<&str>,
) -> Result<(), BookError> {
    book.mark_shared_account(&normalise_iban(iban), note).await
}

impl crate::fault::Classify for DecisionError {
    /// A refused decision is the person's to change.
    fn fault(&self) -> crate::fault::Fault {
        match self {
            DecisionError::Refused(_) => crate::fault::Fault::Input,
            DecisionError::Book(error) => error.fault(),
        }
    }
}
