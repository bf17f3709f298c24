//! `overdue`, `today`, `call`, `plan`, `dispute`, `customer`, `timeline`:
//! the dunning work, each one call into core's use cases.

use std::io::Write;

use chrono::Utc;
use tegoed_core::book::Book;
use tegoed_core::dunning::CallOutcome;
use tegoed_core::record::{self, CallInput, CustomerChanges, Every, PlanInput};
use tegoed_core::today as work;

use super::print_json;
use crate::failure::Failure;
use crate::json::dunning as json;
use crate::{Command, today};

/// Runs one of the dunning commands.
pub async fn run(book: &Book, command: Command, as_json: bool) -> Result<(), Failure> {
    match command {
        Command::Overdue { as_of } => overdue(book, as_of.unwrap_or_else(today), as_json).await,
        Command::Today {
            as_of,
            ignore_stale_bank,
        } => {
            today_list(
                book,
                as_of.unwrap_or_else(today),
                ignore_stale_bank,
                as_json,
            )
            .await
        }
        Command::Call {
            customer,
            outcome,
            promise_date,
            amount,
            contact,
            note,
            at,
        } => {
            let outcome: CallOutcome =
                outcome
                    .parse()
                    .map_err(|error: tegoed_core::dunning::UnknownCode| {
                        Failure::User(error.to_string())
                    })?;
            let amount = amount
                .as_deref()
                .map(super::law::parse_amount)
                .transpose()?;
            let input = CallInput {
                customer,
                outcome,
                promise_date,
                amount,
                contact,
                note,
                at: at.unwrap_or_else(today),
                recorded_at: Utc::now(),
            };
            let recorded = record::call(book, &input).await?;
            let out = json::Call {
                customer: recorded.customer.name.clone(),
                customer_code: recorded.customer.code.clone(),
                event_id: recorded.event_id,
                invoices: recorded.invoices.clone(),
                next_action: recorded.next.action.map(|action| action.code()),
                next_action_date: recorded.next.date.map(|date| date.to_string()),
                why: recorded.next.why.en.clone(),
            };
            emit(as_json, &out, || {
                format!(
                    "{}: call recorded; next: {} {} ({})",
                    out.customer,
                    out.next_action.unwrap_or("nothing"),
                    out.next_action_date.clone().unwrap_or_default(),
                    out.why
                )
            })
        }
        Command::Plan {
            customer,
            instalments,
            first,
            every,
            invoices,
            at,
        } => {
            let input = PlanInput {
                customer,
                instalments,
                first,
                every: every.parse::<Every>()?,
                invoices: invoices
                    .into_iter()
                    .map(|number| number.trim().to_owned())
                    .filter(|number| !number.is_empty())
                    .collect(),
                at: at.unwrap_or_else(today),
                recorded_at: Utc::now(),
            };
            let plan = record::plan(book, &input).await?;
            let out = json::Plan {
                customer: plan.customer.name.clone(),
                customer_code: plan.customer.code.clone(),
                plan_id: plan.plan_id,
                invoices: plan.invoices.clone(),
                principal: plan.principal.to_string(),
                costs: plan.costs.to_string(),
                interest: plan.interest.to_string(),
                total: plan.total.to_string(),
                instalments: plan
                    .instalments
                    .iter()
                    .map(|(due, amount)| json::Instalment {
                        due: due.to_string(),
                        amount: amount.to_string(),
                    })
                    .collect(),
                next_action: plan.next.action.map(|action| action.code()),
                next_action_date: plan.next.date.map(|date| date.to_string()),
            };
            emit(as_json, &out, || {
                let lines: Vec<String> = out
                    .instalments
                    .iter()
                    .map(|instalment| format!("  {}  {}", instalment.due, instalment.amount))
                    .collect();
                format!(
                    "{}: plan {} over {} agreed, total {}\n{}",
                    out.customer,
                    out.plan_id,
                    out.invoices.join(", "),
                    out.total,
                    lines.join("\n")
                )
            })
        }
        Command::Dispute {
            invoice,
            lift,
            note,
            at,
        } => {
            let disputed = record::dispute(
                book,
                &invoice,
                !lift,
                note.as_deref(),
                at.unwrap_or_else(today),
                Utc::now(),
            )
            .await?;
            let out = json::Dispute { invoice, disputed };
            emit(as_json, &out, || {
                format!(
                    "{}: {}",
                    out.invoice,
                    if out.disputed {
                        "disputed"
                    } else {
                        "dispute lifted"
                    }
                )
            })
        }
        Command::Customer {
            customer,
            consumer,
            own_terms,
            no_calls,
            stop_dunning,
            language,
            email,
            fatal_term_agreed,
            phone,
            contact,
            address,
            term_days,
            at,
        } => {
            let language = language.map(|code| code.parse()).transpose().map_err(
                |error: tegoed_core::customer::UnknownLanguage| Failure::User(error.to_string()),
            )?;
            let changes = CustomerChanges {
                consumer,
                own_terms,
                no_calls,
                stop_dunning,
                language,
                email,
                fatal_term_agreed,
                phone,
                contact_person: contact,
                address: address.map(|text| text.replace("\\n", "\n")),
                payment_term_days: term_days,
            };
            let customer = record::customer_settings(
                book,
                &customer,
                &changes,
                at.unwrap_or_else(today),
                Utc::now(),
            )
            .await?;
            let out = json::CustomerJson::from(&customer);
            emit(as_json, &out, || {
                format!(
                    "{} {} <{}> language {} consumer {} own_terms {} no_calls {} stop_dunning {} fatal_term_agreed {}",
                    out.code,
                    out.name,
                    out.email.clone().unwrap_or_default(),
                    out.language,
                    out.consumer,
                    out.own_terms,
                    out.no_calls,
                    out.stop_dunning,
                    out.fatal_term_agreed
                )
            })
        }
        Command::Timeline { customer } => {
            let (customer, events) = record::timeline(book, &customer).await?;
            let out = json::Timeline {
                customer: customer.name.clone(),
                customer_code: customer.code.clone(),
                events: events
                    .into_iter()
                    .map(|event| json::Event {
                        at: event.at.to_string(),
                        kind: event.kind,
                        invoices: event.invoices,
                        stage: event.stage,
                        text: event.text,
                        text_nl: event.text_nl,
                        letter: event.letter_id,
                    })
                    .collect(),
            };
            emit(as_json, &out, || {
                out.events
                    .iter()
                    .map(|event| format!("{}  {:<10} {}", event.at, event.kind, event.text))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        _ => Ok(()),
    }
}

/// Prints JSON, or the human text.
fn emit(
    as_json: bool,
    value: &impl serde::Serialize,
    human: impl FnOnce() -> String,
) -> Result<(), Failure> {
    if as_json {
        return print_json(value);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", human())?;
    Ok(())
}

async fn overdue(book: &Book, as_of: chrono::NaiveDate, as_json: bool) -> Result<(), Failure> {
    let casebook = work::casebook(book, as_of).await?;
    let list = casebook.worklist(true);
    let mut lines = Vec::new();
    for (code, verdict) in &list.verdicts {
        let Some(position) = casebook.positions.get(&verdict.number) else {
            continue;
        };
        lines.push(json::OverdueLine {
            number: verdict.number.clone(),
            customer: position.customer_name.clone(),
            customer_code: code.clone(),
            open_amount: verdict.open.to_string(),
            due_date: verdict.due_date.to_string(),
            days_overdue: (as_of - verdict.due_date).num_days().max(0),
            stage: verdict.stage.code(),
            next_action: verdict.step.as_ref().map(|step| step.action.code()),
            next_action_date: verdict.step.as_ref().map(|step| step.due.to_string()),
            excluded: verdict
                .excluded
                .as_ref()
                .map(|exclusion| exclusion.text().en),
            excluded_code: verdict.excluded.as_ref().map(|exclusion| exclusion.code()),
        });
    }
    lines.sort_by(|a, b| (&a.due_date, &a.number).cmp(&(&b.due_date, &b.number)));
    let out = json::Overdue { overdue: lines };
    emit(as_json, &out, || {
        out.overdue
            .iter()
            .map(|line| {
                format!(
                    "{:<14} {:<28} {:>12} {:>4}d  {}",
                    line.number,
                    line.customer,
                    line.open_amount,
                    line.days_overdue,
                    match (&line.excluded, line.next_action) {
                        (Some(why), _) => format!("waits: {why}"),
                        (None, Some(action)) => format!(
                            "{action} on {}",
                            line.next_action_date.clone().unwrap_or_default()
                        ),
                        (None, None) => "nothing further".to_owned(),
                    }
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    })
}

async fn today_list(
    book: &Book,
    as_of: chrono::NaiveDate,
    ignore_stale_bank: bool,
    as_json: bool,
) -> Result<(), Failure> {
    let casebook = work::casebook(book, as_of).await?;
    let list = casebook.worklist(ignore_stale_bank);
    let out = json::Today {
        as_of: as_of.to_string(),
        blocked: list.blocked.as_ref().map(|text| text.en.clone()),
        actions: list
            .actions
            .iter()
            .map(|item| json::ActionLine {
                payment_history: Some(casebook.payment_history(&item.customer_code).text.en),
                ..json::ActionLine::from(item)
            })
            .collect(),
        held: list.held.iter().map(json::HeldLine::from).collect(),
    };
    emit(as_json, &out, || {
        let mut text = Vec::new();
        if let Some(blocked) = &out.blocked {
            text.push(format!("blocked: {blocked}"));
        }
        for action in &out.actions {
            text.push(format!(
                "{}  {:<18} {:<28} {:>12}  {} ({})",
                action.due,
                action.action,
                action.customer,
                action.total_open,
                action.invoices.join(", "),
                action.reason
            ));
        }
        for held in &out.held {
            text.push(format!("held  {:<28} {}", held.customer, held.why));
        }
        text.join("\n")
    })
}
