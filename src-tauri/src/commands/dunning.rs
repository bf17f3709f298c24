//! Dunning commands: the Today work list, the call sheet and logging a
//! call, the plan editor (preview and agree), disputes, and the customer
//! detail with its settings and timeline. Each calls core's `today` or
//! `record` use cases and converts; reasons and errors come back in the
//! interface language. The dates the UI passes (`as_of`, `at`) are used as
//! they are, defaulting to today here at the edge.

use chrono::NaiveDate;
use tauri::{AppHandle, Runtime, State};
use tegoed_core::book::Book;
use tegoed_core::dunning::{CallOutcome, Text};
use tegoed_core::money::Money;
use tegoed_core::record::{self, CallInput, CustomerChanges, Every, PlanInput, RecordError};
use tegoed_core::{overview, today};

use super::CommandResult;
use crate::AppState;
use crate::dto::{
    CallForm, CallSheet, CaseInvoiceRow, CommandError, CreditView, CustomerCard, CustomerDetail,
    CustomerUpdate, DisputeResult, ErrorKind, Language, NextStepView, PlanForm, PlanView,
    SheetCall, SheetLetter, TimelineEvent, TodayList,
};
use crate::locale;

/// A person's mistake, said in `language`.
fn input_error(text: &Text, language: Language) -> CommandError {
    CommandError {
        kind: ErrorKind::Input,
        message: text.in_language(language.into()).to_owned(),
    }
}

/// A recording error in `language`: the person's to fix, unless the book failed.
fn record_error(error: RecordError, language: Language) -> CommandError {
    match error {
        RecordError::Book(error) => error.into(),
        error => input_error(&error.text(), language),
    }
}

/// `text` as a day, or today when absent.
pub(super) fn day_or_today(text: Option<&str>, language: Language) -> CommandResult<NaiveDate> {
    match text.map(str::trim).filter(|text| !text.is_empty()) {
        None => Ok(chrono::Local::now().date_naive()),
        Some(text) => day(text, language),
    }
}

fn day(text: &str, language: Language) -> CommandResult<NaiveDate> {
    text.trim().parse().map_err(|_| {
        input_error(
            &Text::new(
                format!("'{text}' is not a date (expected YYYY-MM-DD)"),
                format!("'{text}' is geen datum (verwacht: JJJJ-MM-DD)"),
            ),
            language,
        )
    })
}

/// Text a person left empty counts as not given.
fn given(text: Option<String>) -> Option<String> {
    text.map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
}

/// The customer's open invoices on `as_of`, by due date, with their dispute flags.
async fn open_invoices(
    book: &Book,
    code: &str,
    as_of: NaiveDate,
) -> CommandResult<Vec<CaseInvoiceRow>> {
    let casebook = today::casebook(book, as_of).await?;
    let mut positions: Vec<_> = casebook
        .positions
        .values()
        .filter(|position| position.customer_code == code && position.is_open())
        .filter(|position| position.open_amount.is_positive())
        .collect();
    positions.sort_by(|a, b| (a.due_date, &a.number).cmp(&(b.due_date, &b.number)));
    Ok(positions
        .into_iter()
        .map(|position| {
            let disputed = casebook
                .facts
                .get(&position.number)
                .is_some_and(|fact| fact.disputed);
            CaseInvoiceRow::of(position, disputed)
        })
        .collect())
}

async fn next_step(
    book: &Book,
    code: &str,
    as_of: NaiveDate,
    language: Language,
) -> CommandResult<NextStepView> {
    let next = record::next_step(book, code, as_of).await?;
    Ok(NextStepView::of(&next, language))
}

async fn detail(
    book: &Book,
    key: &str,
    as_of: NaiveDate,
    language: Language,
) -> CommandResult<CustomerDetail> {
    let (customer, events) = record::timeline(book, key)
        .await
        .map_err(|error| record_error(error, language))?;
    Ok(CustomerDetail {
        as_of: as_of.to_string(),
        invoices: open_invoices(book, &customer.code, as_of).await?,
        next: next_step(book, &customer.code, as_of, language).await?,
        credit: CreditView::from(&overview::credit(book, &customer.code).await?),
        timeline: events
            .iter()
            .map(|event| TimelineEvent::of(event, language))
            .collect(),
        customer: CustomerCard::from(&customer),
    })
}

/// What needs doing on `as_of` (default today): actions by customer with
/// the reason, the held customers with why, and whether stale bank data
/// blocks the run; `ignore_stale_bank` lists the actions anyway.
#[tauri::command]
pub async fn today<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    as_of: Option<String>,
    ignore_stale_bank: bool,
) -> CommandResult<TodayList> {
    let language = locale::current(&app);
    let as_of = day_or_today(as_of.as_deref(), language)?;
    let casebook = today::casebook(&state.book().await, as_of).await?;
    Ok(TodayList::of(
        &casebook.worklist(ignore_stale_bank),
        language,
    ))
}

/// The prepared call sheet for a customer on `as_of` (default today): who
/// to ask for, the open invoices, earlier letters and calls, the next step.
#[tauri::command]
pub async fn call_sheet<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    customer: String,
    as_of: Option<String>,
) -> CommandResult<CallSheet> {
    let language = locale::current(&app);
    let as_of = day_or_today(as_of.as_deref(), language)?;
    let book = state.book().await;
    let row = book
        .find_customer(&customer)
        .await?
        .ok_or_else(|| record_error(RecordError::UnknownCustomer(customer.clone()), language))?;
    let letters = book
        .outbox()
        .await?
        .iter()
        .filter(|letter| letter.customer_id == row.id)
        .map(SheetLetter::from)
        .collect();
    let calls = book
        .call_rows()
        .await?
        .iter()
        .filter(|call| call.customer_id == row.id)
        .map(SheetCall::from)
        .collect();
    Ok(CallSheet {
        as_of: as_of.to_string(),
        invoices: open_invoices(&book, &row.customer.code, as_of).await?,
        letters,
        calls,
        next: next_step(&book, &row.customer.code, as_of, language).await?,
        customer: CustomerCard::from(&row.customer),
    })
}

/// Records a call and says what comes next.
#[tauri::command]
pub async fn log_call<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    form: CallForm,
) -> CommandResult<NextStepView> {
    let language = locale::current(&app);
    let outcome: CallOutcome = form.outcome.parse().map_err(|_| {
        input_error(
            &Text::new(
                format!("'{}' is not a call outcome", form.outcome),
                format!("'{}' is geen uitkomst van een gesprek", form.outcome),
            ),
            language,
        )
    })?;
    let promise_date = match given(form.promise_date) {
        Some(text) => Some(day(&text, language)?),
        None => None,
    };
    let amount = match given(form.amount) {
        Some(text) => Some(text.parse::<Money>().map_err(|_| {
            input_error(
                &Text::new(
                    format!("'{text}' is not an amount"),
                    format!("'{text}' is geen bedrag"),
                ),
                language,
            )
        })?),
        None => None,
    };
    let input = CallInput {
        customer: form.customer,
        outcome,
        promise_date,
        amount,
        contact: given(form.contact),
        note: given(form.note),
        at: day_or_today(form.at.as_deref(), language)?,
        recorded_at: chrono::Utc::now(),
    };
    let recorded = record::call(&state.book().await, &input)
        .await
        .map_err(|error| record_error(error, language))?;
    Ok(NextStepView::of(&recorded.next, language))
}

fn plan_input(form: PlanForm, language: Language) -> CommandResult<PlanInput> {
    let every: Every = form
        .every
        .parse()
        .map_err(|error| record_error(error, language))?;
    Ok(PlanInput {
        customer: form.customer,
        instalments: form.instalments,
        first: day(&form.first, language)?,
        every,
        invoices: form.invoices,
        at: day_or_today(form.at.as_deref(), language)?,
        recorded_at: chrono::Utc::now(),
    })
}

/// The payment plan that agreeing `form` would make, without saving it.
#[tauri::command]
pub async fn preview_plan<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    form: PlanForm,
) -> CommandResult<PlanView> {
    let language = locale::current(&app);
    let input = plan_input(form, language)?;
    let proposal = record::preview_plan(&state.book().await, &input)
        .await
        .map_err(|error| record_error(error, language))?;
    Ok(PlanView::from(&proposal))
}

/// Agrees the payment plan of `form` and says what comes next.
#[tauri::command]
pub async fn agree_plan<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    form: PlanForm,
) -> CommandResult<PlanView> {
    let language = locale::current(&app);
    let input = plan_input(form, language)?;
    let agreed = record::plan(&state.book().await, &input)
        .await
        .map_err(|error| record_error(error, language))?;
    Ok(PlanView::agreed(&agreed, language))
}

/// Sets or lifts a dispute on an invoice, on `at` (default today).
#[tauri::command]
pub async fn set_dispute<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    invoice: String,
    disputed: bool,
    note: Option<String>,
    at: Option<String>,
) -> CommandResult<DisputeResult> {
    let language = locale::current(&app);
    let at = day_or_today(at.as_deref(), language)?;
    let note = given(note);
    let disputed = record::dispute(
        &state.book().await,
        &invoice,
        disputed,
        note.as_deref(),
        at,
        chrono::Utc::now(),
    )
    .await
    .map_err(|error| record_error(error, language))?;
    Ok(DisputeResult { invoice, disputed })
}

/// A customer's contact data, flags, open invoices, next step and timeline on `as_of`.
#[tauri::command]
pub async fn customer_detail<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    code: String,
    as_of: Option<String>,
) -> CommandResult<CustomerDetail> {
    let language = locale::current(&app);
    let as_of = day_or_today(as_of.as_deref(), language)?;
    detail(&state.book().await, &code, as_of, language).await
}

/// Changes a customer's contact data and flags on `at` (default today),
/// then answers with the customer detail as it now is.
#[tauri::command]
pub async fn update_customer<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    code: String,
    changes: CustomerUpdate,
    at: Option<String>,
) -> CommandResult<CustomerDetail> {
    let language = locale::current(&app);
    let at = day_or_today(at.as_deref(), language)?;
    let changes = CustomerChanges {
        consumer: changes.consumer,
        own_terms: changes.own_terms,
        no_calls: changes.no_calls,
        stop_dunning: changes.stop_dunning,
        fatal_term_agreed: changes.fatal_term_agreed,
        language: changes.language.map(Into::into),
        email: changes.email,
        phone: changes.phone,
        contact_person: changes.contact_person,
        address: changes.address,
        payment_term_days: changes.payment_term_days.map(i64::from),
    };
    let book = state.book().await;
    let customer = record::customer_settings(&book, &code, &changes, at, chrono::Utc::now())
        .await
        .map_err(|error| record_error(error, language))?;
    detail(&book, &customer.code, at, language).await
}

/// A customer's timeline, in the order recorded.
#[tauri::command]
pub async fn timeline<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    code: String,
) -> CommandResult<Vec<TimelineEvent>> {
    let language = locale::current(&app);
    let (_, events) = record::timeline(&state.book().await, &code)
        .await
        .map_err(|error| record_error(error, language))?;
    Ok(events
        .iter()
        .map(|event| TimelineEvent::of(event, language))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_date_is_said_in_the_interface_language() {
        let dutch = day("2026-13-40", Language::Nl).unwrap_err();
        assert_eq!(
            dutch.message,
            "'2026-13-40' is geen datum (verwacht: JJJJ-MM-DD)"
        );
        let english = day("2026-13-40", Language::En).unwrap_err();
        assert_eq!(
            english.message,
            "'2026-13-40' is not a date (expected YYYY-MM-DD)"
        );
    }

    #[test]
    fn a_record_error_is_said_in_the_interface_language() {
        let error = record_error(RecordError::UnknownInvoice("143".into()), Language::Nl);
        assert_eq!(error.message, "er is geen factuur '143'");
        assert!(matches!(error.kind, ErrorKind::Input));
    }
}
