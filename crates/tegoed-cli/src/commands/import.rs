//! `tegoed import FILE... [--json]`: imports files into the book, one
//! database transaction per file. Every file is read first, so a damaged
//! one stops the run before anything is written.

use std::io::Write;
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use tegoed_core::book::Book;
use tegoed_core::{import, intake, invoice_pdf, ledger, statement};

use super::print_json;
use crate::failure::Failure;
use crate::json;

/// Files with more transactions than this get a progress bar on stderr.
const PROGRESS_FROM: usize = 20_000;

/// Runs `import`.
pub async fn run(book: &Book, files: &[PathBuf], as_json: bool) -> Result<(), Failure> {
    let ledger_mappings = saved_ledger_mappings(book).await?;
    let files = expand_folders(files)?;
    let mut read = Vec::with_capacity(files.len());
    for path in &files {
        let (name, bytes) = super::parse::read(path)?;
        match intake::parse_with_mappings(&name, &bytes, &ledger_mappings) {
            Ok(parsed) => read.push((name, bytes, Some(parsed))),
            // A CSV of a shape the user mapped before: the import finds
            // the saved mapping in the book.
            Err(intake::IntakeError::Statement(statement::StatementError::UnknownCsvLayout {
                ..
            })) => {
                read.push((name, bytes, None));
            }
            Err(error) => return Err(error.into()),
        }
    }
    let at = chrono::Utc::now();
    let mut reports = Vec::with_capacity(read.len());
    for (name, bytes, parsed) in &read {
        let bar = parsed.as_ref().and_then(|parsed| match parsed {
            intake::ParsedFile::Bank(bank) if bank.n_transactions() > PROGRESS_FROM => {
                Some(progress_bar(name, bank.n_transactions()))
            }
            intake::ParsedFile::Bank(_)
            | intake::ParsedFile::Ledger(_)
            | intake::ParsedFile::InvoicePdf(_) => None,
        });
        let on_progress = |done: usize, _total: usize| {
            if let Some(bar) = &bar {
                bar.set_position(u64::try_from(done).unwrap_or(u64::MAX));
            }
        };
        let report = match parsed {
            Some(intake::ParsedFile::Bank(bank)) => {
                json::ImportedFile::from(&import::bank(book, bank, at, Some(&on_progress)).await?)
            }
            Some(intake::ParsedFile::Ledger(parsed)) => {
                json::ImportedFile::ledger(name, &ledger::import(book, parsed, at).await?)
            }
            Some(intake::ParsedFile::InvoicePdf(_)) => json::ImportedFile::invoice_pdf(
                name,
                &invoice_pdf::import(book, name, bytes, at).await?,
            ),
            None => json::ImportedFile::from(
                &import::bank_file(book, name, bytes, at, Some(&on_progress)).await?,
            ),
        };
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        for warning in &report.warnings {
            eprintln!("tegoed: warning: {warning}");
        }
        reports.push(report);
    }
    if as_json {
        return print_json(&json::Imported { files: reports });
    }
    let mut out = std::io::stdout().lock();
    for report in &reports {
        writeln!(
            out,
            "{}: {} added, {} already in the book, {} warnings",
            report.file,
            report.added,
            report.duplicates,
            report.warnings.len()
        )?;
    }
    Ok(())
}

/// The ledger column mappings the book saved per file shape.
async fn saved_ledger_mappings(book: &Book) -> Result<Vec<ledger::Mapping>, Failure> {
    Ok(book
        .ledger_mappings()
        .await?
        .iter()
        .filter_map(|(_, json)| ledger::Mapping::from_json(json).ok())
        .collect())
}

/// The files to import: a folder stands for the files directly in it
/// (e.g. a folder of invoice PDFs), in name order.
fn expand_folders(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let entries = std::fs::read_dir(path).map_err(|error| {
            Failure::User(format!(
                "{}: cannot read the folder: {error}",
                path.display()
            ))
        })?;
        let mut inside: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|entry| {
                entry.is_file()
                    && !entry
                        .file_name()
                        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
            })
            .collect();
        inside.sort();
        files.extend(inside);
    }
    Ok(files)
}

fn progress_bar(name: &str, total: usize) -> ProgressBar {
    let bar = ProgressBar::new(u64::try_from(total).unwrap_or(u64::MAX));
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} transactions") {
        bar.set_style(style);
    }
    bar.set_message(name.to_owned());
    bar
}
