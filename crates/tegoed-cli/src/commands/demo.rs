//! `tegoed demo`: fill an empty book with the demo business.

use tegoed_core::book::Book;
use tegoed_core::demo;

use super::print_json;
use crate::failure::Failure;
use crate::{json, today};

/// Runs `demo`.
pub async fn run(book: &Book, as_json: bool) -> Result<(), Failure> {
    let made = demo::create(book, today(), chrono::Utc::now()).await?;
    let output = json::Demo {
        book: book.path().display().to_string(),
        customers: made.customers,
        invoices: made.invoices,
        statements: made.statements,
        transactions: made.transactions,
    };
    if as_json {
        print_json(&output)
    } else {
        eprintln!(
            "Demo book {}: {} customers, {} invoices, {} bank statements with {} transactions.",
            output.book, output.customers, output.invoices, output.statements, output.transactions
        );
        Ok(())
    }
}
