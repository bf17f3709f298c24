//! [`run`]: matching over the whole book, as the CLI (`tegoed match`), the
//! app and every import call it.

use chrono::{DateTime, Utc};

use std::collections::HashSet;

use super::input::{Rendered, from_rows, settings};
use crate::book::{self, AllocationLine, Book, BookError};
use crate::matching::{Settings, propose};

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

/// Passes a run makes at most. Each pass that books something removes
/// those payments from the next, so a run ends by itself; the bound only
/// guards against a pathological book.
const MAX_PASSES: usize = 8;

/// Matches every transaction with nothing booked against the open items,
/// books what is certain enough and suggests the rest, in one transaction.
/// Decisions people took are never overturned: their allocations stay, and
/// a transaction they decided on only gets suggestions.
///
/// A run reaches its fixed point: a booking can change the evidence for a
/// payment placed before it in booking-date order (an invoice it named is
/// now paid, an amount is now unique), so the run reads the book again and
/// proposes again until a pass books nothing new. A second run right after
/// it then books nothing and changes no allocation.
///
/// # Errors
/// When the book cannot be read or written; then nothing is written.
pub async fn run(
    book: &Book,
    settings: &Settings,
    at: DateTime<Utc>,
) -> Result<Outcome, BookError> {
    let mut transaction = book.begin().await?;
    let mut looked_at: Vec<i64> = Vec::new();
    let mut booked: HashSet<i64> = HashSet::new();
    let mut suggested: HashSet<i64> = HashSet::new();
    let mut n_booked = 0;
    let mut n_suggested = 0;
    for pass in 0..MAX_PASSES {
        let input = from_rows(book::read_matching_rows(&mut transaction).await?);
        let mut items = input.items;
        items.extend(input.settled);
        let proposals = propose(&items, &input.payments, &input.knowledge, settings);
        let ids: Vec<i64> = input
            .payments
            .iter()
            .map(|payment| payment.transaction_id)
            .collect();
        let rendered = Rendered::new(&proposals);
        book::write_proposals(&mut transaction, &ids, &rendered.rows(&proposals), at).await?;
        let pass_booked = proposals.iter().filter(|proposal| proposal.auto).count();
        let pass_suggested = proposals.len() - pass_booked;
        if pass == 0 {
            looked_at = ids;
        }
        n_booked += pass_booked;
        n_suggested = pass_suggested;
        // The last pass's suggestions are the ones that stand.
        suggested.clear();
        for proposal in proposals
            .iter()
            .filter(|proposal| !proposal.allocations.is_empty())
        {
            if proposal.auto {
                booked.insert(proposal.transaction_id);
            } else {
                suggested.insert(proposal.transaction_id);
            }
        }
        if pass_booked == 0 {
            break;
        }
    }
    book::audit_run(
        &mut transaction,
        at,
        (n_booked, n_suggested),
        looked_at.len(),
    )
    .await?;
    transaction.commit().await?;

    let placed: HashSet<i64> = booked.union(&suggested).copied().collect();
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
    run(book, &settings(book).await?, at).await
}
