//! `settings [KEY [VALUE]]`: list, show or change the book's settings, one
//! call into core's use case.

use std::io::Write;

use chrono::Utc;
use serde::Serialize;
use tegoed_core::book::Book;
use tegoed_core::settings;

use super::print_json;
use crate::failure::Failure;

#[derive(Serialize)]
struct Listed {
    settings: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
struct One {
    key: String,
    value: Option<String>,
}

/// Runs `settings`.
pub async fn run(
    book: &Book,
    key: Option<&str>,
    value: Option<&str>,
    as_json: bool,
) -> Result<(), Failure> {
    let Some(key) = key else {
        let all = settings::list(book).await?;
        if as_json {
            let settings = all
                .into_iter()
                .map(|(key, value)| (key, serde_json::Value::String(value)))
                .collect();
            return print_json(&Listed { settings });
        }
        let mut stdout = std::io::stdout().lock();
        for (key, value) in all {
            writeln!(stdout, "{key} = {}", value.replace('\n', "\\n"))?;
        }
        return Ok(());
    };
    let value = match value {
        Some(value) => Some(settings::set(book, key, value, Utc::now()).await?),
        None => settings::get(book, key).await?,
    };
    let one = One {
        key: key.to_owned(),
        value,
    };
    if as_json {
        return print_json(&one);
    }
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "{} = {}",
        one.key,
        one.value
            .as_deref()
            .unwrap_or("(not set)")
            .replace('\n', "\\n")
    )?;
    Ok(())
}
