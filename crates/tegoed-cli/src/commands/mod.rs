//! One function per subcommand: open the book (when the command needs it),
//! call core, print.

mod demo;
mod dunning;
mod import;
mod invoices;
mod law;
mod letters;
mod matching;
mod parse;
mod reference;
mod settings;

use std::io::Write;

use serde::Serialize;
use tegoed_core::book::{self, Book};

use crate::failure::Failure;
use crate::{Cli, Command, today};

/// Runs the parsed command line. Only commands that need the book open it:
/// `parse` never creates or touches one.
pub async fn run(cli: Cli) -> Result<(), Failure> {
    if let Command::Parse { files } = &cli.command {
        return parse::run(files, cli.json);
    }
    if let Command::Reference { value } = &cli.command {
        return reference::run(value, cli.json);
    }
    match &cli.command {
        Command::Costs { amount, b2c } => return law::run_costs(amount, *b2c, cli.json),
        Command::Interest {
            amount,
            from,
            to,
            b2c,
        } => return law::run_interest(amount, *from, *to, *b2c, cli.json),
        _ => {}
    }
    let book = open_book(&cli).await?;
    let result = match cli.command {
        Command::Demo => demo::run(&book, cli.json).await,
        Command::Parse { .. } => Ok(()),
        Command::Import { files } => import::run(&book, &files, cli.json).await,
        Command::Match => matching::run_match(&book, cli.json).await,
        Command::Allocations => matching::run_allocations(&book, cli.json).await,
        Command::Reference { .. } | Command::Costs { .. } | Command::Interest { .. } => Ok(()),
        Command::Invoices { as_of } => {
            invoices::run(&book, as_of.unwrap_or_else(today), cli.json).await
        }
        command @ (Command::Remind { .. }
        | Command::Letters
        | Command::Send { .. }
        | Command::Draft { .. }
        | Command::Print { .. }
        | Command::Dossier { .. }) => letters::run(&book, command, cli.json).await,
        Command::Settings { key, value } => {
            settings::run(&book, key.as_deref(), value.as_deref(), cli.json).await
        }
        command => dunning::run(&book, command, cli.json).await,
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

/// Writes one JSON document to stdout.
pub(crate) fn print_json(value: &impl Serialize) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}
