//! `tegoed parse FILE... [--json]`: reads files without touching the book.

use std::io::Write;
use std::path::{Path, PathBuf};

use tegoed_core::intake;

use crate::failure::Failure;
use crate::json;

/// Reads a file's bytes, or fails naming it.
pub(crate) fn read(path: &Path) -> Result<(String, Vec<u8>), Failure> {
    let bytes = std::fs::read(path).map_err(|error| {
        Failure::User(format!("{}: cannot read the file: {error}", path.display()))
    })?;
    Ok((path.display().to_string(), bytes))
}

/// Runs `parse`.
pub fn run(files: &[PathBuf], as_json: bool) -> Result<(), Failure> {
    let mut parsed = Vec::with_capacity(files.len());
    for path in files {
        let (name, bytes) = read(path)?;
        // A zip of files is read as the files inside, as `import` reads it.
        for (name, bytes) in intake::expand(&name, bytes)? {
            parsed.push(intake::parse(&name, &bytes)?);
        }
    }
    if as_json {
        // Compact and buffered: a statement of 300,000 transactions is
        // written as it is walked, at a third of the pretty form's size.
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        serde_json::to_writer(
            &mut out,
            &json::ParsedFiles {
                files: parsed.iter().map(json::ParsedFileLine::from).collect(),
            },
        )?;
        writeln!(out)?;
        out.flush()?;
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    for file in &parsed {
        match file {
            intake::ParsedFile::Bank(bank) => {
                writeln!(
                    out,
                    "{}: {} ({})",
                    bank.file_name,
                    bank.format,
                    bank.encoding.code()
                )?;
                for preview in bank.preview() {
                    let date = |date: Option<chrono::NaiveDate>| {
                        date.map_or_else(|| "?".to_owned(), |date| date.to_string())
                    };
                    let balance = |balance: Option<tegoed_core::statement::Balance>| {
                        balance.map_or_else(|| "-".to_owned(), |balance| balance.amount.to_string())
                    };
                    writeln!(
                        out,
                        "  {} {} {}..{}: {} transactions, in {} out {}, balance {} -> {}{}",
                        preview.account,
                        preview.currency,
                        date(preview.from),
                        date(preview.to),
                        preview.count,
                        preview.credits,
                        preview.debits,
                        balance(preview.opening),
                        balance(preview.closing),
                        if preview.adds_up {
                            ""
                        } else {
                            " (does not add up)"
                        }
                    )?;
                }
                for warning in &bank.warnings {
                    eprintln!("tegoed: warning: {warning}");
                }
            }
            intake::ParsedFile::Ledger(ledger) => {
                writeln!(
                    out,
                    "{}: ledger ({}{}), {} invoices, {} customers",
                    ledger.file,
                    ledger.format.code(),
                    ledger
                        .preset
                        .map(|preset| format!(", {preset}"))
                        .unwrap_or_default(),
                    ledger.invoices.len(),
                    ledger.customers.len()
                )?;
                let total: tegoed_core::money::Money = ledger
                    .invoices
                    .iter()
                    .filter_map(|invoice| invoice.open_amount.or(invoice.amount))
                    .sum();
                writeln!(out, "  open according to the file: {total}")?;
                for warning in &ledger.warnings {
                    eprintln!("tegoed: warning: {warning}");
                }
            }
            intake::ParsedFile::InvoicePdf(pdf) => {
                writeln!(
                    out,
                    "{}: invoice PDF, {} pages, invoice number in the name: {}",
                    pdf.file_name,
                    pdf.pages
                        .map_or_else(|| "?".to_owned(), |pages| pages.to_string()),
                    pdf.number_in_name.as_deref().unwrap_or("none")
                )?;
            }
        }
    }
    Ok(())
}
