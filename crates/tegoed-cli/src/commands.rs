//! One function per subcommand: open the book, call core, print.

use std::io::Write;

use serde::Serialize;
use tegoed_core::book::{self, Book};
use tegoed_core::{demo, receivables};

use crate::failure::Failure;
use crate::{Cli, Command, json, today};

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> Result<(), Failure> {
    let book = open_book(&cli).await?;
    let result = match cli.command {
        Command::Demo => demo(&book, cli.json).await,
        Command::Invoices { as_of } => invoices(&book, as_of.unwrap_or_else(today), cli.json).await,
    };
    book.close().await;
    result
}

/// Opens `--db`, or the default book, creating its folder only for the default.
async fn open_book(cli: &Cli) -> Result<Book, Failure> {
    let path = match &cli.db {
        Some(path) => path.clone(),
        None => {
            let path = book::default_path()?;
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder).map_err(|error| {
                    Failure::User(format!(
                        "cannot create the data folder {}: {error}",
                        folder.display()
                    ))
                })?;
            }
            path
        }
    };
    Ok(Book::open(&path).await?)
}

async fn demo(book: &Book, as_json: bool) -> Result<(), Failure> {
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

async fn invoices(book: &Book, as_of: chrono::NaiveDate, as_json: bool) -> Result<(), Failure> {
    let positions = receivables::positions(book, as_of).await?;
    if as_json {
        return print_json(&json::Invoices {
            invoices: positions.iter().map(json::InvoiceLine::from).collect(),
        });
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<12} {:<34} {:>10} {:>12} {:>12} {:>5}  {:<15} {}",
        "number", "customer", "due", "amount", "open", "days", "status", "stage"
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

/// Writes one JSON document to stdout.
fn print_json(value: &impl Serialize) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}
