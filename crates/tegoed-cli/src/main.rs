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
    /// Dutch statutory collection costs (WIK/BIK) on a principal.
    Costs {
        /// The principal, e.g. 1000, 1000.00 or 1.000,00.
        #[arg(allow_hyphen_values = true)]
        amount: String,
        /// The debtor is a consumer (the same scale applies; no VAT is added
        /// for a VAT-registered creditor).
        #[arg(long)]
        b2c: bool,
    },
    /// Dutch statutory interest on a principal, from the day after its due date
    /// up to and including the payment date.
    Interest {
        /// The principal, e.g. 1000, 1000.00 or 1.000,00.
        #[arg(allow_hyphen_values = true)]
        amount: String,
        /// The due date (YYYY-MM-DD): interest runs from the day after.
        #[arg(long, value_name = "DATE")]
        from: NaiveDate,
        /// The payment date (YYYY-MM-DD), included.
        #[arg(long, value_name = "DATE")]
        to: NaiveDate,
        /// The consumer rate (art. 6:119 BW) instead of the commercial one.
        #[arg(long)]
        b2c: bool,
    },
    /// List every invoice with its open amount, status and dunning stage.
    Invoices {
        /// The date to compute for (YYYY-MM-DD); default today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<NaiveDate>,
    },
    /// The overdue invoices on a date, each with its next step or why it waits.
    Overdue {
        /// The date (YYYY-MM-DD); default today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<NaiveDate>,
    },
    /// The work list of a date: what is due per customer, who is held and why.
    Today {
        /// The date (YYYY-MM-DD); default today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<NaiveDate>,
        /// List the actions even when bank data is stale (logged).
        #[arg(long)]
        ignore_stale_bank: bool,
    },
    /// Record a phone call with a customer and its outcome.
    Call {
        /// Customer code, or failing that the exact name.
        customer: String,
        /// no_answer, not_received, awaiting_approval, dispute, promise,
        /// plan_requested, says_paid, refused or paid.
        #[arg(long)]
        outcome: String,
        /// The date promised (with --outcome promise).
        #[arg(long, value_name = "DATE")]
        promise_date: Option<NaiveDate>,
        /// The amount promised.
        #[arg(long, value_name = "X", allow_hyphen_values = true)]
        amount: Option<String>,
        /// Who was spoken to.
        #[arg(long, value_name = "NAME")]
        contact: Option<String>,
        /// Notes (no health details).
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// The day to record it on (YYYY-MM-DD); default today.
        #[arg(long, value_name = "DATE")]
        at: Option<NaiveDate>,
    },
    /// Agree a payment plan over a customer's overdue invoices.
    Plan {
        /// Customer code, or failing that the exact name.
        customer: String,
        /// Number of instalments.
        #[arg(long, value_name = "N")]
        instalments: u32,
        /// The first instalment's date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        first: NaiveDate,
        /// month, week or a number of days.
        #[arg(long, value_name = "month|week|DAYS", default_value = "month")]
        every: String,
        /// The invoices it covers, comma-separated; default the overdue ones.
        #[arg(long, value_name = "N1,N2", value_delimiter = ',')]
        invoices: Vec<String>,
        /// The day it is agreed on (YYYY-MM-DD); default today.
        #[arg(long, value_name = "DATE")]
        at: Option<NaiveDate>,
    },
    /// Mark (or lift) a dispute on an invoice.
    Dispute {
        /// The invoice number.
        invoice: String,
        /// Lift the dispute.
        #[arg(long)]
        lift: bool,
        /// A note.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// The day to record it on (YYYY-MM-DD); default today.
        #[arg(long, value_name = "DATE")]
        at: Option<NaiveDate>,
    },
    /// Show and change a customer's settings.
    Customer {
        /// Customer code, or failing that the exact name.
        customer: String,
        /// A consumer (B2C).
        #[arg(long, value_name = "true|false", action = clap::ArgAction::Set)]
        consumer: Option<bool>,
        /// A regular customer with own agreed terms (left alone by dunning).
        #[arg(long, value_name = "true|false", action = clap::ArgAction::Set)]
        own_terms: Option<bool>,
        /// Skip the phone call on the ladder.
        #[arg(long, value_name = "true|false", action = clap::ArgAction::Set)]
        no_calls: Option<bool>,
        /// Stop all dunning for this customer.
        #[arg(long, value_name = "true|false", action = clap::ArgAction::Set)]
        stop_dunning: Option<bool>,
        /// Letter language.
        #[arg(long, value_name = "nl|en")]
        language: Option<String>,
        /// E-mail address for letters.
        #[arg(long, value_name = "ADDRESS")]
        email: Option<String>,
        /// A fatal term was agreed (consumers: no ingebrekestelling needed).
        #[arg(long, value_name = "true|false", action = clap::ArgAction::Set)]
        fatal_term_agreed: Option<bool>,
        /// Phone number.
        #[arg(long, value_name = "NUMBER")]
        phone: Option<String>,
        /// Contact person.
        #[arg(long, value_name = "NAME")]
        contact: Option<String>,
        /// Postal address, lines separated by "\n".
        #[arg(long, value_name = "TEXT")]
        address: Option<String>,
        /// Own payment term in days.
        #[arg(long, value_name = "DAYS")]
        term_days: Option<i64>,
        /// The day to record a change on (YYYY-MM-DD); default today.
        #[arg(long, value_name = "DATE")]
        at: Option<NaiveDate>,
    },
    /// A customer's timeline: every action recorded, in order.
    Timeline {
        /// Customer code, or failing that the exact name.
        customer: String,
    },
    /// Make the letters due on a date (one PDF per customer and stage, invoice copies appended).
    Remind {
        /// The date (YYYY-MM-DD); default today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<NaiveDate>,
        /// The folder to write the PDFs to; created when missing.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Mail them through TEGOED_SMTP_URL as well.
        #[arg(long)]
        send: bool,
        /// Make them even when bank data is stale (logged).
        #[arg(long)]
        ignore_stale_bank: bool,
    },
    /// The outbox: every letter with its state.
    Letters,
    /// Mail letters through TEGOED_SMTP_URL; never one twice.
    Send {
        /// The letters' ids.
        ids: Vec<i64>,
        /// Every letter in state generated or failed.
        #[arg(long)]
        all: bool,
        /// The day to record the sends on (YYYY-MM-DD); default today.
        #[arg(long, value_name = "DATE")]
        at: Option<NaiveDate>,
    },
    /// Write a letter as an unsent e-mail draft (.eml) for your own mail program.
    Draft {
        /// The letter's id.
        id: i64,
        /// The .eml file to write.
        #[arg(long, value_name = "FILE.eml")]
        out: PathBuf,
    },
    /// Print letters: one combined PDF to print; they become printed.
    Print {
        /// The letters' ids.
        #[arg(required = true)]
        ids: Vec<i64>,
        /// The PDF to write.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// The day to record it on (YYYY-MM-DD); default today.
        #[arg(long, value_name = "DATE")]
        at: Option<NaiveDate>,
    },
    /// Show or change the book's settings: business details, agency, ladder,
    /// law, mail server and backups (business.*, agency.*, dunning.*, law.*, smtp.url,
    /// backup.keep).
    Settings {
        /// The setting, e.g. business.email; without it, every setting is listed.
        key: Option<String>,
        /// The new value; without it, the setting is shown. "\n" separates lines.
        value: Option<String>,
    },
    /// The hand-over dossier for a collection agency, as a zip.
    Dossier {
        /// Customer code, or failing that the exact name.
        customer: String,
        /// The zip to write.
        #[arg(long, value_name = "FILE.zip")]
        out: PathBuf,
        /// The date (YYYY-MM-DD); default today.
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
