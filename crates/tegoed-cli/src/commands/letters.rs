//! `remind`, `letters`, `send`, `draft`, `print`, `dossier`: letters and
//! their delivery, each one call into core's use cases. Files are written
//! here; core hands over bytes.

use std::io::Write;
use std::path::Path;

use chrono::Utc;
use indicatif::{ProgressBar, ProgressStyle};
use tegoed_core::book::Book;
use tegoed_core::delivery::{KeychainStore, SecretStore, SmtpUrl};
use tegoed_core::outbox::{self, Selection};
use tegoed_core::{dossier, remind};

use super::print_json;
use crate::failure::Failure;
use crate::json::letters as json;
use crate::{Command, today};

/// The environment variable naming the SMTP server.
const SMTP_URL: &str = "TEGOED_SMTP_URL";

/// The keychain entry of the SMTP password, when the URL carries none.
const SMTP_SECRET: &str = "smtp-password";

/// Runs one of the letter commands.
pub async fn run(book: &Book, command: Command, as_json: bool) -> Result<(), Failure> {
    match command {
        Command::Remind {
            as_of,
            out,
            send,
            ignore_stale_bank,
        } => {
            run_remind(
                book,
                as_of.unwrap_or_else(today),
                &out,
                send,
                ignore_stale_bank,
                as_json,
            )
            .await
        }
        Command::Letters => {
            let letters = book.outbox().await?;
            let out = json::Letters {
                letters: letters
                    .into_iter()
                    .map(|letter| json::LetterLine {
                        id: letter.id,
                        customer: letter.customer,
                        customer_code: letter.customer_code,
                        stage: letter.stage,
                        file: letter.file_name,
                        as_of: letter.as_of.to_string(),
                        invoices: letter.invoices,
                        state: letter.state,
                        channel: letter.channel,
                        sent_at: letter.sent_at.map(|at| at.to_rfc3339()),
                        error: letter.error,
                        pages: letter.pages,
                        total_open: letter.total_open.to_string(),
                        recipient: letter.recipient,
                    })
                    .collect(),
            };
            if as_json {
                return print_json(&out);
            }
            let mut stdout = std::io::stdout().lock();
            for letter in &out.letters {
                writeln!(
                    stdout,
                    "{:>4}  {}  {:<18} {:<28} {:<9} {}",
                    letter.id,
                    letter.as_of,
                    letter.stage,
                    letter.customer,
                    letter.state,
                    letter.error.clone().unwrap_or_default()
                )?;
            }
            Ok(())
        }
        Command::Send { ids, all, at } => {
            let selection = match (all, ids.is_empty()) {
                (true, _) => Selection::All,
                (false, false) => Selection::Ids(ids),
                (false, true) => {
                    return Err(Failure::User(
                        "name the letters to send (see `tegoed letters`) or give --all".to_owned(),
                    ));
                }
            };
            let report = send(book, &selection, at.unwrap_or_else(today)).await?;
            let out = json::Send {
                sent: report
                    .sent
                    .into_iter()
                    .map(|sent| json::SentLine {
                        id: sent.id,
                        to: sent.to,
                        message_id: sent.message_id,
                    })
                    .collect(),
                failed: report
                    .failed
                    .into_iter()
                    .map(|(id, error)| json::FailedLine { id, error })
                    .collect(),
                skipped: report
                    .skipped
                    .into_iter()
                    .map(|(id, why)| json::SkippedLine { id, why })
                    .collect(),
            };
            if as_json {
                return print_json(&out);
            }
            let mut stdout = std::io::stdout().lock();
            for sent in &out.sent {
                writeln!(stdout, "{}: sent to {}", sent.id, sent.to)?;
            }
            for failed in &out.failed {
                writeln!(stdout, "{}: failed: {}", failed.id, failed.error)?;
            }
            for skipped in &out.skipped {
                writeln!(stdout, "{}: skipped: {}", skipped.id, skipped.why)?;
            }
            Ok(())
        }
        Command::Draft { id, out } => {
            let eml = outbox::draft(book, id).await?;
            write_file(&out, &eml)?;
            let written = json::Written {
                id: Some(id),
                ids: vec![id],
                file: out.display().to_string(),
            };
            emit(as_json, &written)
        }
        Command::Print { ids, out, at } => {
            let pdf = outbox::print(book, &ids, at.unwrap_or_else(today), Utc::now()).await?;
            write_file(&out, &pdf)?;
            let written = json::Written {
                id: None,
                ids,
                file: out.display().to_string(),
            };
            emit(as_json, &written)
        }
        Command::Dossier {
            customer,
            out,
            as_of,
        } => {
            let made = dossier::dossier(book, &customer, as_of.unwrap_or_else(today)).await?;
            write_file(&out, &made.zip)?;
            let result = json::Dossier {
                customer: made.customer.name.clone(),
                customer_code: made.customer.code.clone(),
                file: out.display().to_string(),
                letters: made.letters,
                invoices: made.invoices,
                principal: made.principal.to_string(),
                costs: made.costs.to_string(),
                interest: made.interest.to_string(),
            };
            emit(as_json, &result)
        }
        _ => Ok(()),
    }
}

fn emit(as_json: bool, value: &impl serde::Serialize) -> Result<(), Failure> {
    if as_json {
        return print_json(value);
    }
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, value)?;
    writeln!(stdout)?;
    Ok(())
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    if let Some(folder) = path.parent()
        && !folder.as_os_str().is_empty()
    {
        std::fs::create_dir_all(folder).map_err(|error| {
            Failure::User(format!(
                "cannot create the folder {}: {error}",
                folder.display()
            ))
        })?;
    }
    std::fs::write(path, bytes)
        .map_err(|error| Failure::User(format!("cannot write {}: {error}", path.display())))
}

/// The SMTP server from `TEGOED_SMTP_URL`, with the keychain's password when
/// the URL names a user but no password.
fn smtp_url() -> Result<SmtpUrl, Failure> {
    let text = std::env::var(SMTP_URL).map_err(|_| {
        Failure::User(format!(
            "set {SMTP_URL} to the mail server, e.g. smtp://127.0.0.1:2525 or smtps://user:pass@host:465"
        ))
    })?;
    let mut url: SmtpUrl = text
        .parse()
        .map_err(|error: tegoed_core::delivery::DeliveryError| Failure::User(error.to_string()))?;
    if url.user.is_some() && url.password.is_none() {
        // A missing keychain is not an error here: the server will say what it misses.
        url.password = KeychainStore::new().get(SMTP_SECRET).ok().flatten();
    }
    Ok(url)
}

async fn send(
    book: &Book,
    selection: &Selection,
    at: chrono::NaiveDate,
) -> Result<outbox::SendReport, Failure> {
    let url = smtp_url()?;
    let bar = ProgressBar::new(0);
    if let Ok(style) = ProgressStyle::with_template("sending [{bar:40}] {pos}/{len} letters") {
        bar.set_style(style);
    }
    let on_progress = |done: usize, total: usize| {
        bar.set_length(u64::try_from(total).unwrap_or(u64::MAX));
        bar.set_position(u64::try_from(done).unwrap_or(u64::MAX));
    };
    let report = outbox::send(book, selection, &url, at, Some(&on_progress), None).await?;
    bar.finish_and_clear();
    Ok(report)
}

async fn run_remind(
    book: &Book,
    as_of: chrono::NaiveDate,
    out: &Path,
    and_send: bool,
    ignore_stale_bank: bool,
    as_json: bool,
) -> Result<(), Failure> {
    // Check the mail settings before anything is made, so a bad URL changes nothing.
    if and_send {
        smtp_url()?;
    }
    let made = remind::remind(book, as_of, ignore_stale_bank, Utc::now()).await?;
    std::fs::create_dir_all(out).map_err(|error| {
        Failure::User(format!(
            "cannot create the folder {}: {error}",
            out.display()
        ))
    })?;
    let mut lines = Vec::new();
    let mut warnings = Vec::new();
    for letter in &made {
        let path = out.join(&letter.file_name);
        write_file(&path, &letter.pdf)?;
        for warning in &letter.warnings {
            eprintln!("tegoed: warning: {warning}");
            warnings.push(warning.clone());
        }
        lines.push(json::MadeLine {
            id: letter.id,
            customer: letter.customer.clone(),
            customer_code: letter.customer_code.clone(),
            stage: letter.action.code(),
            file: path.display().to_string(),
            invoices: letter.invoices.clone(),
            pages: letter.pages,
            total_open: letter.total_open.to_string(),
            sent: false,
            language: letter.language.code(),
            deadline: letter.deadline.map(|date| date.to_string()),
            costs: letter.costs.map(|costs| costs.to_string()),
            interest: letter.interest.map(|interest| interest.to_string()),
        });
    }
    if and_send && !made.is_empty() {
        let ids = made.iter().map(|letter| letter.id).collect();
        let report = send(book, &Selection::Ids(ids), as_of).await?;
        for line in &mut lines {
            line.sent = report.sent.iter().any(|sent| sent.id == line.id);
        }
        for (id, error) in &report.failed {
            eprintln!("tegoed: letter {id} not sent: {error}");
        }
        for (id, why) in &report.skipped {
            eprintln!("tegoed: letter {id} not sent: {why}");
        }
    }
    let result = json::Remind {
        letters: lines,
        warnings,
    };
    if as_json {
        return print_json(&result);
    }
    let mut stdout = std::io::stdout().lock();
    for line in &result.letters {
        writeln!(
            stdout,
            "{:<18} {:<28} {:>12}  {} ({} pages){}",
            line.stage,
            line.customer,
            line.total_open,
            line.file,
            line.pages,
            if line.sent { ", sent" } else { "" }
        )?;
    }
    Ok(())
}
