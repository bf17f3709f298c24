//! `tegoed invoices`: every invoice with open amount, status and stage.

use std::io::Write;

use tegoed_core::book::Book;
use tegoed_core::{overview, receivables};

use super::print_json;
use crate::failure::Failure;
use crate::json;

/// Runs `invoices`.
pub async fn run(book: &Book, as_of: chrono::NaiveDate, as_json: bool) -> Result<(), Failure> {
    let positions = overview::positions(book, as_of).await?;
    if as_json {
        return print_json(&json::Invoices {
            invoices: positions.iter().map(json::InvoiceLine::from).collect(),
        });
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<12} {:<34} {:>10} {:>12} {:>12} {:>5}  {:<15} stage",
        "number", "customer", "due", "amount", "open", "days", "status"
    )?;
    for position in &positions {
        writeln!(
            out,
            "{:<12} {:<34} {:>10} {:>12} {:>12} {:>5}  {:<15} {}",
            position.number,
            position.customer_name.chars().take(34).collect::<String>(),
            position.due_date,
            position.amount,
            position.open_amount,
            position.days_overdue,
            position.status.code(),
            position.stage.code()
        )?;
    }
    let totals = receivables::Totals::of(&positions);
    writeln!(
        out,
        "open {} ({} invoices), overdue {} ({} invoices) on {as_of}",
        totals.open, totals.n_open, totals.overdue, totals.n_overdue
    )?;
    Ok(())
}
