//! `tegoed match` and `tegoed allocations`: run the matcher, list what is booked.

use std::io::Write;

use tegoed_core::book::{AllocationLine, Book};
use tegoed_core::reconcile;

use super::print_json;
use crate::failure::Failure;
use crate::json::matching::{AllocationJson, Allocations};

/// Runs `match`: books what is certain, suggests the rest, prints both.
pub async fn run_match(book: &Book, as_json: bool) -> Result<(), Failure> {
    let at = chrono::Utc::now();
    let outcome = reconcile::run_with_book_settings(book, at).await?;
    tegoed_core::record::matches(book, &outcome, at).await?;
    print(
        &outcome.allocations,
        outcome.unmatched_transactions,
        as_json,
    )
}

/// Runs `allocations`: every booked allocation.
pub async fn run_allocations(book: &Book, as_json: bool) -> Result<(), Failure> {
    let lines = book.allocation_lines(true).await?;
    let unmatched = reconcile::input(book).await?.payments.len();
    print(&lines, unmatched, as_json)
}

fn print(lines: &[AllocationLine], unmatched: usize, as_json: bool) -> Result<(), Failure> {
    if as_json {
        return print_json(&Allocations {
            allocations: lines.iter().map(AllocationJson::from).collect(),
            unmatched_transactions: unmatched,
        });
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<10} {:>12} {:<12} {:>12} {:>5} {:<9} reason",
        "date", "amount", "invoice", "allocated", "conf", "state"
    )?;
    for line in lines {
        let state = match (line.booked, line.auto) {
            (true, true) => "auto",
            (true, false) => "booked",
            (false, _) => "suggested",
        };
        writeln!(
            out,
            "{:<10} {:>12} {:<12} {:>12} {:>5.2} {:<9} {}",
            line.booking_date,
            line.transaction_amount,
            line.invoice,
            line.amount,
            f64::from(line.confidence_permille) / 1000.0,
            state,
            line.reason
        )?;
    }
    writeln!(out, "{unmatched} transactions unmatched")?;
    Ok(())
}
