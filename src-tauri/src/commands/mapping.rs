//! The mapping screens: when Tegoed does not recognise a ledger's or a bank
//! CSV's columns, a person maps them once; the mapping is saved per file
//! shape and reused for every later file of that shape (CLI included).

use tauri::State;
use tegoed_core::{import, ledger, statement};

use super::CommandResult;
use crate::AppState;
use crate::dto::{
    BankCsvMapping, BankCsvScreen, CommandError, ErrorKind, ImportOutcome, LedgerMapping,
    LedgerMappingScreen,
};

async fn read(path: &str) -> CommandResult<(String, Vec<u8>)> {
    let file = super::import::read_one(path.into()).await;
    let bytes = file.bytes.map_err(input_error)?;
    Ok((file.name, bytes))
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

/// Reads a ledger with the person's mapping and imports it through the
/// one import use case (then matching runs); the mapping is saved for
/// files of the same shape.
#[tauri::command]
pub async fn import_ledger(
    state: State<'_, AppState>,
    path: String,
    mapping: LedgerMapping,
) -> CommandResult<ImportOutcome> {
    let (name, bytes) = read(&path).await?;
    let mapping = import::Mapping::Ledger(mapping.to_core().map_err(input_error)?);
    run_mapped(&state, name, bytes, &mapping).await
}

/// The first rows of a CSV bank file, for mapping its columns.
#[tauri::command]
pub async fn bank_csv_mapping(path: String) -> CommandResult<BankCsvScreen> {
    let (_, bytes) = read(&path).await?;
    Ok(BankCsvScreen::of(path, &statement::csv::grid(&bytes, 12)))
}

/// Reads a bank CSV with the person's mapping and imports it through the
/// one import use case (then matching runs); the mapping is saved for
/// files of the same shape.
#[tauri::command]
pub async fn import_bank_csv(
    state: State<'_, AppState>,
    path: String,
    mapping: BankCsvMapping,
) -> CommandResult<ImportOutcome> {
    let (name, bytes) = read(&path).await?;
    let delimiter = statement::csv::grid(&bytes, 1).delimiter;
    let mapping = import::Mapping::BankCsv(mapping.to_core(delimiter).map_err(input_error)?);
    run_mapped(&state, name, bytes, &mapping).await
}

/// One mapped file through the import use case, as the screen's outcome.
async fn run_mapped(
    state: &AppState,
    name: String,
    bytes: Vec<u8>,
    mapping: &import::Mapping,
) -> CommandResult<ImportOutcome> {
    let book = state.book().await;
    let report = import::run_mapped(
        &book,
        name.clone(),
        bytes,
        mapping,
        chrono::Utc::now(),
        None,
    )
    .await?;
    report
        .files
        .first()
        .map(ImportOutcome::from)
        .ok_or_else(|| CommandError {
            kind: ErrorKind::Internal,
            message: format!("{name}: the import reported no file"),
        })
}
