//! Reconcile commands: run matching on demand, and a person's decisions on
//! a transaction (confirm, reject, re-assign, not a customer payment),
//! each undoable and recorded in the audit log by core.

use tauri::{AppHandle, Runtime, State};
use tegoed_core::book::Book;
use tegoed_core::money::{Money, ParseMoneyError};
use tegoed_core::reconcile::{self, DecisionError};

use super::CommandResult;
use crate::dto::{CommandError, Decision, ErrorKind, Language, MatchSummary, SplitPart};
use crate::{AppState, locale};

/// Who the audit log names for decisions taken in the app.
const ACTOR: &str = "app";

/// A decision the rules refuse, said in the interface language; a failing
/// book as core classifies it.
fn decision_error<R: Runtime>(error: DecisionError, app: &AppHandle<R>) -> CommandError {
    said_in(error, locale::current(app))
}

/// A decision error in `language`.
fn said_in(error: DecisionError, language: Language) -> CommandError {
    match error {
        DecisionError::Refused(refusal) => CommandError {
            kind: ErrorKind::Input,
            message: refusal.text().in_language(language.into()).to_owned(),
        },
        error => error.into(),
    }
}

/// Runs matching over the book (also done after every import).
pub async fn run(book: &Book) -> CommandResult<MatchSummary> {
    let at = chrono::Utc::now();
    let outcome = reconcile::run_with_book_settings(book, at).await?;
    tegoed_core::record::matches(book, &outcome, at).await?;
    Ok(MatchSummary::from(&outcome))
}

/// Matches everything unallocated: books what is certain, suggests the rest.
#[tauri::command]
pub async fn run_matching(state: State<'_, AppState>) -> CommandResult<MatchSummary> {
    run(&state.book().await).await
}

/// Confirms the suggestion on a transaction.
#[tauri::command]
pub async fn confirm_match<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    transaction_id: i32,
) -> CommandResult<Decision> {
    let id = reconcile::confirm(
        &state.book().await,
        transaction_id.into(),
        ACTOR,
        chrono::Utc::now(),
    )
    .await
    .map_err(|error| decision_error(error, &app))?;
    Ok(Decision::new(id))
}

/// Rejects what is booked or suggested on a transaction; later runs leave it alone.
#[tauri::command]
pub async fn reject_match<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    transaction_id: i32,
) -> CommandResult<Decision> {
    let id = reconcile::reject(
        &state.book().await,
        transaction_id.into(),
        ACTOR,
        chrono::Utc::now(),
    )
    .await
    .map_err(|error| decision_error(error, &app))?;
    Ok(Decision::new(id))
}

/// Books a transaction on another invoice.
#[tauri::command]
pub async fn reassign_match<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    transaction_id: i32,
    invoice: String,
) -> CommandResult<Decision> {
    let book = state.book().await;
    let id = reconcile::reassign(
        &book,
        transaction_id.into(),
        &invoice,
        ACTOR,
        chrono::Utc::now(),
    )
    .await
    .map_err(|error| decision_error(error, &app))?;
    Ok(Decision::new(id))
}

/// Splits a transaction over several invoices (amounts as decimal strings,
/// with the transaction's sign, adding up to at most its amount).
#[tauri::command]
pub async fn split_match<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    transaction_id: i32,
    parts: Vec<SplitPart>,
) -> CommandResult<Decision> {
    let mut allocations = Vec::with_capacity(parts.len());
    for part in parts {
        let amount: Money = part
            .amount
            .trim()
            .parse()
            .map_err(|error: ParseMoneyError| CommandError {
                kind: ErrorKind::Input,
                message: format!("invoice {}: {error}", part.invoice),
            })?;
        allocations.push((part.invoice, amount));
    }
    let book = state.book().await;
    let id = reconcile::allocate(
        &book,
        transaction_id.into(),
        &allocations,
        ACTOR,
        chrono::Utc::now(),
    )
    .await
    .map_err(|error| decision_error(error, &app))?;
    Ok(Decision::new(id))
}

/// Marks a transaction as not a customer payment.
#[tauri::command]
pub async fn ignore_transaction<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    transaction_id: i32,
) -> CommandResult<Decision> {
    let id = reconcile::ignore(
        &state.book().await,
        transaction_id.into(),
        ACTOR,
        chrono::Utc::now(),
    )
    .await
    .map_err(|error| decision_error(error, &app))?;
    Ok(Decision::new(id))
}

/// Undoes a decision, restoring what was there before.
#[tauri::command]
pub async fn undo_decision<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    decision_id: i32,
) -> CommandResult<()> {
    reconcile::undo(
        &state.book().await,
        decision_id.into(),
        ACTOR,
        chrono::Utc::now(),
    )
    .await
    .map_err(|error| decision_error(error, &app))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use tegoed_core::matching::decision::Refusal;
    use tegoed_core::reconcile::DecisionError;

    use super::said_in;
    use crate::dto::{ErrorKind, Language};

    #[test]
    fn a_refused_decision_is_said_in_the_interface_language() {
        let refused = || DecisionError::Refused(Refusal::UnknownInvoice("143".into()));
        let dutch = said_in(refused(), Language::Nl);
        assert_eq!(dutch.message, "er is geen factuur 143");
        assert!(matches!(dutch.kind, ErrorKind::Input));
        assert_eq!(
            said_in(refused(), Language::En).message,
            "there is no invoice 143"
        );
    }
}
