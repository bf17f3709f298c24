//! `tegoed`: the command line over `tegoed-core`, following
//! `shared/cli-contract.md`. Arguments in, core call, contract JSON out;
//! no rules of its own.
//!
//! Exit codes: 0 success, 1 user error (one message on stderr), 2 internal error.

mod commands;
mod failure;
mod json;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use failure::Failure;

/// Gets small businesses paid: bank statements, invoices, matching and reminders.
#[derive(Debug, Parser)]
#[command(name = "tegoed", version, about)]
struct Cli {
    /// The book (SQLite file); created when missing. Default: the platform data directory.
    #[arg(long, global = true, env = "TEGOED_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print one JSON document on stdout and nothing else there.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Fill an empty book with a realistic demo business.
    Demo,
    /// Read bank files, ledgers and invoice PDFs without touching the book.
    Parse {
        /// The files to read; the kind is detected from the content.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Import files into the book, one transaction per file; re-imports add nothing.
    Import {
        /// The files to import.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Match unallocated bank transactions to invoices: book the certain, suggest the rest.
    Match,
    /// List the booked allocations of payments to invoices.
    Allocations,
    /// Say which kind of payment reference a value is and whether it is valid.
    Reference {
        /// A betalingskenmerk, RF reference, OGM or IBAN.
        value: String,
    },
    /// List every invoice with its open amount, status and dunning stage.
    Invoices {
        /// The date to compute for (YYYY-MM-DD); default today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<NaiveDate>,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { 1 } else { 0 };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return Failure::Internal(error.into()).report(),
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

/// Today in the user's time zone: the CLI's default `--as-of`.
fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
