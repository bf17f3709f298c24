//! The ledger mapping screen: when Tegoed does not recognise a sheet's
//! columns, a person maps them once; the mapping is saved per file shape
//! and reused for every later file of that shape (CLI included).

use tauri::State;
use tegoed_core::{import, ledger};

use super::CommandResult;
use crate::AppState;
use crate::dto::{CommandError, ErrorKind, ImportOutcome, LedgerMapping, LedgerMappingScreen};

async fn read(path: &str) -> CommandResult<(String, Vec<u8>)> {
    let path = std::path::Path::new(path);
    let bytes = tokio::fs::read(path).await.map_err(|error| CommandError {
        kind: ErrorKind::Input,
        message: format!("{}: cannot be read: {error}", path.display()),
    })?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    Ok((name, bytes))
}

fn input_error(error: impl std::fmt::Display) -> CommandError {
    CommandError {
        kind: ErrorKind::Input,
        message: error.to_string(),
    }
}

/// The sheets' first rows and the columns Tegoed recognised (or a saved
/// mapping that fits), for the mapping screen.
#[tauri::command]
pub async fn ledger_mapping(
    state: State<'_, AppState>,
    path: String,
) -> CommandResult<LedgerMappingScreen> {
    let (name, bytes) = read(&path).await?;
    let saved = import::saved_mappings(&state.book().await).await?;
    let preview = ledger::preview(&name, &bytes, &saved).map_err(input_error)?;
    Ok(LedgerMappingScreen::of(path, &preview))
}

/// Reads a ledger with the person's mapping and imports it; the mapping is
/// saved for files of the same shape.
#[tauri::command]
pub async fn import_ledger(
    state: State<'_, AppState>,
    path: String,
    mapping: LedgerMapping,
) -> CommandResult<ImportOutcome> {
    let (name, bytes) = read(&path).await?;
    let mapping = mapping.to_core().map_err(input_error)?;
    let parsed = ledger::parse_with(&name, &bytes, &mapping).map_err(input_error)?;
    let report = ledger::import(&state.book().await, &parsed, chrono::Utc::now())
        .await
        .map_err(|error| match error {
            ledger::ImportError::Book(error) => CommandError::from(error),
            error => input_error(error),
        })?;
    Ok(ImportOutcome::from(&import::FileReport::Ledger(
        name, report,
    )))
}
