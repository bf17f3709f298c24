//! `tegoed import FILE... [--json]`: imports files into the book, one
//! database transaction per file. Every file is read first, so a damaged
//! one stops the run before anything is written.

use std::io::Write;
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use tegoed_core::book::Book;
use tegoed_core::{import, matching};

use super::print_json;
use crate::failure::Failure;
use crate::json;

/// Files with more transactions than this get a progress bar on stderr.
const PROGRESS_FROM: usize = 20_000;

/// Runs `import`.
pub async fn run(book: &Book, files: &[PathBuf], as_json: bool) -> Result<(), Failure> {
    let files = import::expand_folders(files).map_err(Failure::User)?;
    let mut contents = Vec::with_capacity(files.len());
    for path in &files {
        contents.push(super::parse::read(path)?);
    }
    let prepared = import::prepare(book, contents).await?;
    let at = chrono::Utc::now();
    let mut reports = Vec::with_capacity(prepared.len());
    for file in &prepared {
        let total = file.n_transactions();
        let bar = (total > PROGRESS_FROM).then(|| progress_bar(&file.name, total));
        let on_progress = |done: usize, _total: usize| {
            if let Some(bar) = &bar {
                bar.set_position(u64::try_from(done).unwrap_or(u64::MAX));
            }
        };
        let report = import::file(book, file, at, Some(&on_progress)).await?;
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        for warning in report.warnings() {
            eprintln!("tegoed: warning: {warning}");
        }
        reports.push(json::ImportedFile::from(&report));
    }
    // Matching runs after every import, so what was paid is never chased.
    if reports.iter().any(|report| report.added > 0) {
        let outcome = matching::run_with_book_settings(book, at).await?;
        eprintln!(
            "tegoed: matched {} allocations, {} suggestions await a person, {} transactions unmatched",
            outcome.n_booked(),
            outcome.n_suggested(),
            outcome.unmatched_transactions
        );
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

fn progress_bar(name: &str, total: usize) -> ProgressBar {
    let bar = ProgressBar::new(u64::try_from(total).unwrap_or(u64::MAX));
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} transactions") {
        bar.set_style(style);
    }
    bar.set_message(name.to_owned());
    bar
}
