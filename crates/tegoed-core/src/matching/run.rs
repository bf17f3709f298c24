//! [`run`]: matching over the whole book, as the CLI (`tegoed match`), the
//! app and every import call it.

use chrono::{DateTime, Utc};

use super::{Settings, propose};
use crate::book::{AllocationLine, Book, BookError};

/// What a matching run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The allocations it made: booked (`auto`) and suggested.
    pub allocations: Vec<ProposalLine>,
    /// Transactions it looked at and could not place.
    pub unmatched_transactions: usize,
}

/// One allocation of a run, as the contract shows it.
pub type ProposalLine = AllocationLine;

/// Matches every transaction with nothing booked against the open items,
/// books what is certain enough and suggests the rest, in one transaction.
/// Decisions people took are never overturned: their allocations stay, and
/// a transaction they decided on only gets suggestions.
///
/// # Errors
/// When the book cannot be read or written; then nothing is written.
pub async fn run(
    book: &Book,
    settings: &Settings,
    at: DateTime<Utc>,
) -> Result<Outcome, BookError> {
    let input = book.matching_input().await?;
    let proposals = propose(&input.items, &input.payments, &input.knowledge, settings);
    let looked_at: Vec<i64> = input
        .payments
        .iter()
        .map(|payment| payment.transaction_id)
        .collect();
    book.record_proposals(&looked_at, &proposals, at).await?;

    let placed: std::collections::HashSet<i64> = proposals
        .iter()
        .filter(|proposal| !proposal.allocations.is_empty())
        .map(|proposal| proposal.transaction_id)
        .collect();
    let mut lines: Vec<ProposalLine> = Vec::new();
    for booked in [true, false] {
        lines.extend(
            book.allocation_lines(booked)
                .await?
                .into_iter()
                .filter(|line| placed.contains(&line.transaction_id)),
        );
    }
    lines.sort_by_key(|line| (line.booking_date, line.transaction_id));
    Ok(Outcome {
        allocations: lines,
        unmatched_transactions: looked_at.len() - placed.len().min(looked_at.len()),
    })
}

impl Outcome {
    /// How many allocations the run booked automatically.
    pub fn n_booked(&self) -> usize {
        self.allocations.iter().filter(|line| line.booked).count()
    }

    /// How many allocations await a person.
    pub fn n_suggested(&self) -> usize {
        self.allocations.len() - self.n_booked()
    }
}

/// Runs matching with the settings the book holds: what every import and
/// the "match now" action do.
///
/// # Errors
/// When the book cannot be read or written; then nothing is written.
pub async fn run_with_book_settings(book: &Book, at: DateTime<Utc>) -> Result<Outcome, BookError> {
    let settings = book.matching_settings().await?;
    run(book, &settings, at).await
}
