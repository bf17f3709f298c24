//! `tegoed import FILE... [--json]`: reads the named files and hands them to
//! the one import use case, `tegoed_core::import::run` (every file read
//! first, one database transaction per file, then matching once). This
//! module only reads paths, shows progress and prints.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressStyle};
use tegoed_core::book::Book;
use tegoed_core::import::{self, FileOutcome};

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
    let names: Vec<String> = contents.iter().map(|(name, _)| name.clone()).collect();
    let bars = Bars::new(names);
    let on_progress = |index: usize, done: usize, total: usize| bars.show(index, done, total);
    let report = import::run(book, contents, chrono::Utc::now(), Some(&on_progress)).await;
    bars.finish();
    let report = report?;
    let mut reports = Vec::with_capacity(report.files.len());
    let mut failure = None;
    for outcome in report.files {
        match outcome {
            FileOutcome::Imported(file) => {
                for warning in file.warnings() {
                    eprintln!("tegoed: warning: {warning}");
                }
                reports.push(json::ImportedFile::from(&file));
            }
            FileOutcome::NeedsMapping { needs, .. } => {
                failure.get_or_insert(Failure::User(needs.to_string()));
            }
            FileOutcome::Failed { error, .. } => {
                failure.get_or_insert(Failure::from(error));
            }
        }
    }
    if let Some(outcome) = &report.matching {
        eprintln!(
            "tegoed: matched {} allocations, {} suggestions await a person, {} transactions unmatched",
            outcome.n_booked(),
            outcome.n_suggested(),
            outcome.unmatched_transactions
        );
    }
    if let Some(failure) = failure {
        return Err(failure);
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

/// One progress bar per large file, made when its import starts.
struct Bars {
    names: Vec<String>,
    // The use case imports one file at a time; the bar of the file being imported.
    current: Mutex<Option<(usize, ProgressBar)>>,
}

impl Bars {
    fn new(names: Vec<String>) -> Bars {
        Bars {
            names,
            current: Mutex::new(None),
        }
    }

    fn show(&self, index: usize, done: usize, total: usize) {
        if total <= PROGRESS_FROM {
            return;
        }
        let Ok(mut current) = self.current.lock() else {
            return;
        };
        if current.as_ref().is_none_or(|(shown, _)| *shown != index) {
            if let Some((_, bar)) = current.take() {
                bar.finish_and_clear();
            }
            let name = self.names.get(index).map_or("", String::as_str);
            *current = Some((index, progress_bar(name, total)));
        }
        if let Some((_, bar)) = current.as_ref() {
            bar.set_position(u64::try_from(done).unwrap_or(u64::MAX));
        }
    }

    fn finish(&self) {
        if let Ok(mut current) = self.current.lock()
            && let Some((_, bar)) = current.take()
        {
            bar.finish_and_clear();
        }
    }
}

fn progress_bar(name: &str, total: usize) -> ProgressBar {
    let bar = ProgressBar::new(u64::try_from(total).unwrap_or(u64::MAX));
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} transactions") {
        bar.set_style(style);
    }
    bar.set_message(name.to_owned());
    bar
}
