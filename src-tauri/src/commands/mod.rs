//! The Tauri commands: each is one call into core plus a conversion to its
//! DTO. Dates default to today here, at the edge; core never reads the clock.

pub mod dunning;
pub mod import;
pub mod letters;
pub mod mapping;
pub mod reconcile;

use chrono::NaiveDate;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use tegoed_core::book::Book;
use tegoed_core::{demo, overview};

use crate::AppState;
use crate::dto::{
    AccountRow, BookStatus, CommandError, CustomerRow, ErrorKind, Language, LetterRow, Receivables,
    TransactionRow,
};
use crate::locale;

/// Result of a command.
pub type CommandResult<T> = Result<T, CommandError>;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn as_of_or_today(as_of: Option<String>) -> CommandResult<NaiveDate> {
    match as_of {
        None => Ok(today()),
        Some(text) => text.parse().map_err(|_| CommandError {
            kind: ErrorKind::Input,
            message: format!("'{text}' is not a date (expected YYYY-MM-DD)"),
        }),
    }
}

async fn status_of(book: &Book) -> CommandResult<BookStatus> {
    Ok(BookStatus {
        path: book.path().display().to_string(),
        empty: book.is_empty().await?,
    })
}

/// The open book's path and whether it is still empty.
#[tauri::command]
pub async fn book_status(state: State<'_, AppState>) -> CommandResult<BookStatus> {
    status_of(&state.book().await).await
}

/// Fills the (empty) open book with the demo business.
#[tauri::command]
pub async fn create_demo_book(state: State<'_, AppState>) -> CommandResult<BookStatus> {
    let book = state.book().await;
    demo::create(&book, today(), chrono::Utc::now()).await?;
    status_of(&book).await
}

/// Asks for another book file and opens it; `None` when the user cancels.
#[tauri::command]
pub async fn open_other_book<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<BookStatus>> {
    let (sender, receiver) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .add_filter("Tegoed", &["db", "sqlite", "tegoed"])
        .pick_file(move |choice| {
            let _ = sender.send(choice);
        });
    let Some(choice) = receiver.await.ok().flatten() else {
        return Ok(None);
    };
    let path = choice.into_path().map_err(|error| CommandError {
        kind: ErrorKind::Input,
        message: format!("that file cannot be opened as a book: {error}"),
    })?;
    let book = state.switch(&app, &path).await?;
    status_of(&book).await.map(Some)
}

/// Totals, ageing and open invoices on `as_of` (default today), each with
/// whether it is disputed.
#[tauri::command]
pub async fn receivables(
    state: State<'_, AppState>,
    as_of: Option<String>,
) -> CommandResult<Receivables> {
    let as_of = as_of_or_today(as_of)?;
    let book = state.book().await;
    let summary = overview::summary(&book, as_of).await?;
    let disputed: std::collections::HashSet<String> = book
        .invoice_facts()
        .await?
        .into_iter()
        .filter(|facts| facts.disputed)
        .map(|facts| facts.number)
        .collect();
    let mut receivables = Receivables::from(&summary);
    for invoice in &mut receivables.invoices {
        invoice.disputed = disputed.contains(&invoice.number);
    }
    Ok(receivables)
}

/// Every customer with their open and overdue totals.
#[tauri::command]
pub async fn customers<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    as_of: Option<String>,
) -> CommandResult<Vec<CustomerRow>> {
    let as_of = as_of_or_today(as_of)?;
    let book = state.book().await;
    let holds = tegoed_core::today::hold_reasons(&book, locale::current(&app).into()).await?;
    let positions = overview::by_customer(&book, as_of, holds).await?;
    Ok(positions.iter().map(CustomerRow::from).collect())
}

/// Bank accounts and how current their data is.
#[tauri::command]
pub async fn accounts(state: State<'_, AppState>) -> CommandResult<Vec<AccountRow>> {
    let accounts = state.book().await.accounts().await?;
    Ok(accounts.iter().map(AccountRow::from).collect())
}

/// Bank transactions with how they stand against invoices, reasons in the
/// interface language.
#[tauri::command]
pub async fn transactions<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Vec<TransactionRow>> {
    let language = locale::current(&app);
    let transactions = state.book().await.transactions().await?;
    Ok(transactions
        .iter()
        .map(|transaction| TransactionRow::of(transaction, language))
        .collect())
}

/// Letters produced so far.
#[tauri::command]
pub async fn letters(state: State<'_, AppState>) -> CommandResult<Vec<LetterRow>> {
    let letters = state.book().await.letters().await?;
    Ok(letters.iter().map(LetterRow::from).collect())
}

/// The interface language.
#[tauri::command]
pub fn language<R: Runtime>(app: AppHandle<R>) -> Language {
    locale::current(&app)
}

/// Switches and saves the interface language.
#[tauri::command]
pub fn set_language<R: Runtime>(app: AppHandle<R>, language: Language) -> CommandResult<()> {
    Ok(locale::save(&app, language)?)
}
