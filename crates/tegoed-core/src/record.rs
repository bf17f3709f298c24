//! Use cases "record what people did": a phone call, a payment plan, a
//! dispute set or lifted, a customer's settings changed. Each lands in one
//! database transaction with its event on the customer's timeline and in
//! the audit log; the timeline is append-only.

use chrono::{DateTime, Days, Months, NaiveDate, Utc};

use crate::book::{self, Book, BookError, CustomerRow, NewDunningEvent, NewTimelineEvent};
use crate::customer::Customer;
use crate::dunning::{Action, CallOutcome, Stage, Text};
use crate::money::Money;
use crate::today::{self, Casebook};

/// Something that cannot be recorded; the book is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// No customer has that code or name.
    #[error("there is no customer '{0}' (give a customer code or the exact name)")]
    UnknownCustomer(String),
    /// No invoice has that number.
    #[error("there is no invoice '{0}'")]
    UnknownInvoice(String),
    /// The request does not make sense; said in both languages.
    #[error("{}", .0.en)]
    Invalid(Text),
    /// The book failed.
    #[error(transparent)]
    Book(#[from] BookError),
}

impl RecordError {
    /// The message in English and Dutch, for a face that speaks the
    /// person's language (the CLI keeps the English `Display`).
    pub fn text(&self) -> Text {
        match self {
            RecordError::UnknownCustomer(key) => Text::new(
                self.to_string(),
                format!("er is geen klant '{key}' (geef een klantnummer of de exacte naam)"),
            ),
            RecordError::UnknownInvoice(number) => {
                Text::new(self.to_string(), format!("er is geen factuur '{number}'"))
            }
            RecordError::Invalid(text) => text.clone(),
            RecordError::Book(error) => Text::new(
                error.to_string(),
                format!("het boek kon niet worden gelezen of geschreven: {error}"),
            ),
        }
    }
}

/// A next step as the faces show it after recording something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStep {
    /// The action, when one is coming.
    pub action: Option<Action>,
    /// Its day.
    pub date: Option<NaiveDate>,
    /// Why, or why the case waits.
    pub why: Text,
}

/// What people told Tegoed about a call.
#[derive(Debug, Clone)]
pub struct CallInput {
    /// Customer code or exact name.
    pub customer: String,
    /// How it went.
    pub outcome: CallOutcome,
    /// The promised date (required for a promise).
    pub promise_date: Option<NaiveDate>,
    /// The amount promised.
    pub amount: Option<Money>,
    /// Who was spoken to.
    pub contact: Option<String>,
    /// Notes (no health details: they are personal data).
    pub note: Option<String>,
    /// The day the call is recorded on.
    pub at: NaiveDate,
    /// The wall-clock moment, for the audit log.
    pub recorded_at: DateTime<Utc>,
}

/// A call recorded.
#[derive(Debug, Clone)]
pub struct CallRecorded {
    /// The customer.
    pub customer: Customer,
    /// The timeline event.
    pub event_id: i64,
    /// The invoices it was about.
    pub invoices: Vec<String>,
    /// What comes next.
    pub next: NextStep,
}

async fn customer(book: &Book, key: &str) -> Result<CustomerRow, RecordError> {
    book.find_customer(key)
        .await?
        .ok_or_else(|| RecordError::UnknownCustomer(key.to_owned()))
}

/// The customer's open invoices that are overdue on `at` (or, when none
/// is, every open one), by due date.
fn overdue_of(casebook: &Casebook, code: &str) -> Vec<(i64, String, Money)> {
    let mut open: Vec<_> = casebook
        .positions
        .values()
        .filter(|position| position.customer_code == code && position.is_open())
        .filter(|position| position.amount.is_positive())
        .collect();
    open.sort_by(|a, b| (a.due_date, &a.number).cmp(&(b.due_date, &b.number)));
    let overdue: Vec<_> = open
        .iter()
        .filter(|position| position.due_date < casebook.as_of)
        .collect();
    let chosen: Vec<_> = if overdue.is_empty() {
        open.iter().collect()
    } else {
        overdue
    };
    chosen
        .into_iter()
        .filter_map(|position| {
            casebook
                .facts
                .get(&position.number)
                .map(|fact| (fact.id, position.number.clone(), position.open_amount))
        })
        .collect()
}

/// The customer's next step on `as_of`: the earliest step of any of their
/// overdue invoices, or why they wait.
///
/// # Errors
/// When the book cannot be read.
pub async fn next_step(book: &Book, code: &str, as_of: NaiveDate) -> Result<NextStep, BookError> {
    let casebook = today::casebook(book, as_of).await?;
    let Some(case) = casebook.case(code) else {
        return Ok(NextStep {
            action: None,
            date: None,
            why: Text::new("no such customer", "onbekende klant"),
        });
    };
    let verdicts = crate::dunning::judge(case, as_of, &casebook.settings);
    let step = verdicts
        .iter()
        .filter_map(|verdict| verdict.step.as_ref())
        .min_by_key(|step| (step.due, step.action));
    if let Some(step) = step {
        return Ok(NextStep {
            action: Some(step.action),
            date: Some(step.due),
            why: step.reason.text(),
        });
    }
    let excluded: Vec<Text> = verdicts
        .iter()
        .filter_map(|verdict| {
            verdict
                .excluded
                .as_ref()
                .map(crate::dunning::Exclusion::text)
        })
        .collect();
    Ok(NextStep {
        action: None,
        date: None,
        why: if excluded.is_empty() {
            Text::new("nothing overdue", "niets vervallen")
        } else {
            Text::join(&excluded, "; ")
        },
    })
}

/// A date as Dutch texts write it: `15 januari 2026`.
fn dutch_date(date: NaiveDate) -> String {
    crate::letters::format::date(date, crate::customer::Language::Nl)
}

fn outcome_text(outcome: CallOutcome) -> Text {
    match outcome {
        CallOutcome::NoAnswer => Text::new("no answer", "geen gehoor"),
        CallOutcome::NotReceived => Text::new(
            "invoice not received: sent again",
            "factuur niet ontvangen: opnieuw gestuurd",
        ),
        CallOutcome::AwaitingApproval => {
            Text::new("payment awaits approval", "betaling wacht op goedkeuring")
        }
        CallOutcome::Dispute => Text::new("disputes the invoice", "betwist de factuur"),
        CallOutcome::Promise => Text::new("promised to pay", "belooft te betalen"),
        CallOutcome::PlanRequested => {
            Text::new("asks for a payment plan", "vraagt een betalingsregeling")
        }
        CallOutcome::SaysPaid => Text::new("says it was paid", "zegt betaald te hebben"),
        CallOutcome::Refused => Text::new("refuses to pay", "weigert te betalen"),
        CallOutcome::Paid => Text::new("paid during the call", "betaald tijdens het gesprek"),
    }
}

/// Records a phone call, its outcome and what follows from it.
///
/// # Errors
/// [`RecordError`] for an unknown customer or a promise without a date;
/// the book is then unchanged.
pub async fn call(book: &Book, input: &CallInput) -> Result<CallRecorded, RecordError> {
    let row = customer(book, &input.customer).await?;
    if input.outcome == CallOutcome::Promise && input.promise_date.is_none() {
        return Err(RecordError::Invalid(Text::new(
            "a promise needs the date promised (--promise-date YYYY-MM-DD)",
            "een betalingsbelofte heeft de beloofde datum nodig",
        )));
    }
    let casebook = today::casebook(book, input.at).await?;
    let invoices = overdue_of(&casebook, &row.customer.code);
    let numbers: Vec<String> = invoices
        .iter()
        .map(|(_, number, _)| number.clone())
        .collect();
    let ids: Vec<i64> = invoices.iter().map(|(id, _, _)| *id).collect();
    let outcome = outcome_text(input.outcome);
    let mut text = outcome.clone();
    if let Some(date) = input.promise_date {
        text.en.push_str(&format!(" by {date}"));
        text.nl
            .push_str(&format!(" uiterlijk {}", dutch_date(date)));
    }
    if let Some(amount) = input.amount {
        text.en.push_str(&format!(", amount {amount}"));
        text.nl.push_str(&format!(
            ", bedrag {}",
            crate::letters::format::money(amount, crate::customer::Language::Nl)
        ));
    }
    if let Some(contact) = &input.contact {
        text.en.push_str(&format!("; spoke to {contact}"));
        text.nl.push_str(&format!("; gesproken met {contact}"));
    }
    if let Some(note) = &input.note {
        text.en.push_str(&format!(" — {note}"));
        text.nl.push_str(&format!(" — {note}"));
    }
    let mut transaction = book.begin().await?;
    let event_id = book::insert_timeline_event(
        &mut transaction,
        &NewTimelineEvent {
            customer_id: row.id,
            at: input.at,
            kind: "call",
            stage: Some(Stage::Call.code()),
            invoices: &numbers,
            text: &format!("call: {}", text.en),
            text_nl: &format!("telefoongesprek: {}", text.nl),
            letter_id: None,
            recorded_at: input.recorded_at,
        },
    )
    .await?;
    book::insert_call(
        &mut transaction,
        &book::NewCall {
            customer_id: row.id,
            at: input.at,
            outcome: input.outcome.code(),
            promise_date: input.promise_date,
            amount: input.amount,
            contact: input.contact.as_deref(),
            note: input.note.as_deref(),
            invoice_ids: &ids,
            event_id,
        },
    )
    .await?;
    for invoice_id in &ids {
        book::insert_dunning_event(
            &mut transaction,
            &NewDunningEvent {
                invoice_id: *invoice_id,
                stage: Stage::Call,
                event_date: input.at,
                letter_id: None,
                note: Some(input.outcome.code()),
            },
        )
        .await?;
    }
    if input.outcome == CallOutcome::Promise
        && let Some(date) = input.promise_date
    {
        book::insert_timeline_event(
            &mut transaction,
            &NewTimelineEvent {
                customer_id: row.id,
                at: input.at,
                kind: "promise",
                stage: None,
                invoices: &numbers,
                text: &format!("promise to pay by {date}"),
                text_nl: &format!("betalingsbelofte tot {}", dutch_date(date)),
                letter_id: None,
                recorded_at: input.recorded_at,
            },
        )
        .await?;
    }
    if input.outcome == CallOutcome::Dispute {
        for invoice_id in &ids {
            book::set_disputed(&mut transaction, *invoice_id, true).await?;
        }
        book::insert_timeline_event(
            &mut transaction,
            &NewTimelineEvent {
                customer_id: row.id,
                at: input.at,
                kind: "dispute",
                stage: None,
                invoices: &numbers,
                text: "dispute set during a call",
                text_nl: "geschil vastgelegd tijdens een gesprek",
                letter_id: None,
                recorded_at: input.recorded_at,
            },
        )
        .await?;
    }
    book::audit(
        &mut transaction,
        input.recorded_at,
        "user",
        "call",
        &row.customer.code,
        Some(&text.en),
    )
    .await?;
    transaction.commit().await.map_err(BookError::from)?;
    let next = next_step(book, &row.customer.code, input.at).await?;
    Ok(CallRecorded {
        customer: row.customer,
        event_id,
        invoices: numbers,
        next,
    })
}

/// How often instalments fall due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    /// Monthly, on the same day of the month.
    Month,
    /// Weekly.
    Week,
    /// Every so many days.
    Days(u64),
}

impl std::str::FromStr for Every {
    type Err = RecordError;

    fn from_str(text: &str) -> Result<Every, RecordError> {
        match text.trim() {
            "month" => Ok(Every::Month),
            "week" => Ok(Every::Week),
            other => other
                .parse::<u64>()
                .ok()
                .filter(|days| *days > 0)
                .map(Every::Days)
                .ok_or_else(|| {
                    RecordError::Invalid(Text::new(
                        format!(
                            "'{other}' is not an instalment period (expected month, week or a number of days)"
                        ),
                        format!(
                            "'{other}' is geen termijnperiode (verwacht: maand, week of een aantal dagen)"
                        ),
                    ))
                }),
        }
    }
}

/// A payment plan to agree.
#[derive(Debug, Clone)]
pub struct PlanInput {
    /// Customer code or exact name.
    pub customer: String,
    /// Number of instalments.
    pub instalments: u32,
    /// The first instalment's date.
    pub first: NaiveDate,
    /// The period between instalments.
    pub every: Every,
    /// The invoices it covers; empty: the customer's overdue invoices.
    pub invoices: Vec<String>,
    /// The day it is agreed on.
    pub at: NaiveDate,
    /// The wall-clock moment, for the audit log.
    pub recorded_at: DateTime<Utc>,
}

/// A plan agreed.
#[derive(Debug, Clone)]
pub struct PlanAgreed {
    /// The customer.
    pub customer: Customer,
    /// Book id of the plan.
    pub plan_id: i64,
    /// The invoices it covers.
    pub invoices: Vec<String>,
    /// Open principal.
    pub principal: Money,
    /// Costs already claimed in a letter.
    pub costs: Money,
    /// Interest already claimed in a letter.
    pub interest: Money,
    /// The total to pay.
    pub total: Money,
    /// The instalments.
    pub instalments: Vec<(NaiveDate, Money)>,
    /// What comes next.
    pub next: NextStep,
}

/// Splits `total` into `n` instalments equal in cents, the last taking the remainder.
///
/// # Errors
/// When the total does not fit in cents.
pub fn instalments(
    total: Money,
    n: u32,
    first: NaiveDate,
    every: Every,
) -> Result<Vec<(NaiveDate, Money)>, RecordError> {
    let cents = total.to_cents().map_err(|error| {
        RecordError::Invalid(Text::new(
            error.to_string(),
            format!("het bedrag past niet in centen: {error}"),
        ))
    })?;
    let n_i64 = i64::from(n.max(1));
    let each = cents / n_i64;
    let mut schedule = Vec::new();
    for k in 0..n.max(1) {
        let date = match every {
            Every::Month => first.checked_add_months(Months::new(k)),
            Every::Week => first.checked_add_days(Days::new(7 * u64::from(k))),
            Every::Days(days) => first.checked_add_days(Days::new(days * u64::from(k))),
        }
        .ok_or_else(|| {
            RecordError::Invalid(Text::new(
                "the instalment dates run off the calendar",
                "de termijndatums vallen buiten de kalender",
            ))
        })?;
        let amount = if k + 1 == n.max(1) {
            cents - each * (n_i64 - 1)
        } else {
            each
        };
        schedule.push((date, Money::from_cents(amount)));
    }
    Ok(schedule)
}

/// A payment plan as it would be agreed: what [`plan`] saves, computed
/// without writing anything, so a face can show the instalments first.
#[derive(Debug, Clone)]
pub struct PlanProposal {
    /// Book id of the customer.
    customer_id: i64,
    /// The customer.
    pub customer: Customer,
    /// Book ids of the invoices it covers.
    invoice_ids: Vec<i64>,
    /// The invoices it covers.
    pub invoices: Vec<String>,
    /// Open principal.
    pub principal: Money,
    /// Costs already claimed in a letter.
    pub costs: Money,
    /// Interest already claimed in a letter.
    pub interest: Money,
    /// The total to pay.
    pub total: Money,
    /// The instalments.
    pub instalments: Vec<(NaiveDate, Money)>,
}

/// The payment plan [`plan`] would agree for `input`, without saving it.
///
/// # Errors
/// As [`plan`]; nothing is written in any case.
pub async fn preview_plan(book: &Book, input: &PlanInput) -> Result<PlanProposal, RecordError> {
    let row = customer(book, &input.customer).await?;
    if input.instalments == 0 {
        return Err(RecordError::Invalid(Text::new(
            "a payment plan needs at least one instalment",
            "een betalingsregeling heeft minstens één termijn nodig",
        )));
    }
    let casebook = today::casebook(book, input.at).await?;
    let chosen: Vec<(i64, String, Money)> = if input.invoices.is_empty() {
        overdue_of(&casebook, &row.customer.code)
    } else {
        let mut chosen = Vec::new();
        for number in &input.invoices {
            let position = casebook
                .positions
                .get(number)
                .filter(|position| position.customer_code == row.customer.code)
                .ok_or_else(|| RecordError::UnknownInvoice(number.clone()))?;
            let id = casebook
                .facts
                .get(number)
                .map(|fact| fact.id)
                .ok_or_else(|| RecordError::UnknownInvoice(number.clone()))?;
            chosen.push((id, number.clone(), position.open_amount));
        }
        chosen
    };
    if chosen.is_empty() || chosen.iter().all(|(_, _, open)| !open.is_positive()) {
        return Err(RecordError::Invalid(Text::new(
            format!(
                "{} has no open invoice to put in a payment plan",
                row.customer.name
            ),
            format!(
                "{} heeft geen openstaande factuur voor een betalingsregeling",
                row.customer.name
            ),
        )));
    }
    let numbers: Vec<String> = chosen.iter().map(|(_, number, _)| number.clone()).collect();
    let principal: Money = chosen.iter().map(|(_, _, open)| *open).sum();
    // Costs and interest count only where a letter already claimed them.
    let (costs, interest) = book
        .outbox()
        .await?
        .into_iter()
        .filter(|letter| letter.customer_id == row.id && letter.stage == Action::Demand.code())
        .filter(|letter| {
            letter
                .invoices
                .iter()
                .any(|number| numbers.contains(number))
        })
        .max_by_key(|letter| (letter.as_of, letter.id))
        .map_or((Money::ZERO, Money::ZERO), |letter| {
            (
                letter.costs.unwrap_or(Money::ZERO),
                letter.interest.unwrap_or(Money::ZERO),
            )
        });
    let total = principal + costs + interest;
    let schedule = instalments(total, input.instalments, input.first, input.every)?;
    Ok(PlanProposal {
        customer_id: row.id,
        customer: row.customer,
        invoice_ids: chosen.iter().map(|(id, _, _)| *id).collect(),
        invoices: numbers,
        principal,
        costs,
        interest,
        total,
        instalments: schedule,
    })
}

/// Agrees a payment plan over the customer's overdue invoices (or those named).
///
/// # Errors
/// [`RecordError`] for an unknown customer or invoice, no open invoice, or
/// no instalments; the book is then unchanged.
pub async fn plan(book: &Book, input: &PlanInput) -> Result<PlanAgreed, RecordError> {
    let PlanProposal {
        customer_id,
        customer,
        invoice_ids: ids,
        invoices: numbers,
        principal,
        costs,
        interest,
        total,
        instalments: schedule,
    } = preview_plan(book, input).await?;
    let mut transaction = book.begin().await?;
    let text_en = format!(
        "payment plan agreed: {total} in {} instalments from {}",
        input.instalments, input.first
    );
    let text_nl = format!(
        "betalingsregeling afgesproken: {} in {} termijnen vanaf {}",
        crate::letters::format::money(total, crate::customer::Language::Nl),
        input.instalments,
        dutch_date(input.first)
    );
    let event_id = book::insert_timeline_event(
        &mut transaction,
        &NewTimelineEvent {
            customer_id,
            at: input.at,
            kind: "plan",
            stage: None,
            invoices: &numbers,
            text: &text_en,
            text_nl: &text_nl,
            letter_id: None,
            recorded_at: input.recorded_at,
        },
    )
    .await?;
    let plan_id = book::insert_plan(
        &mut transaction,
        &book::NewPlan {
            customer_id,
            agreed_at: input.at,
            principal,
            costs,
            interest,
            total,
            instalments: &schedule,
            invoice_ids: &ids,
            event_id,
        },
    )
    .await?;
    book::audit(
        &mut transaction,
        input.recorded_at,
        "user",
        "plan",
        &customer.code,
        Some(&text_en),
    )
    .await?;
    transaction.commit().await.map_err(BookError::from)?;
    let next = next_step(book, &customer.code, input.at).await?;
    Ok(PlanAgreed {
        customer,
        plan_id,
        invoices: numbers,
        principal,
        costs,
        interest,
        total,
        instalments: schedule,
        next,
    })
}

/// Sets or lifts a dispute on an invoice.
///
/// # Errors
/// [`RecordError::UnknownInvoice`]; the book is then unchanged.
pub async fn dispute(
    book: &Book,
    number: &str,
    disputed: bool,
    note: Option<&str>,
    at: NaiveDate,
    recorded_at: DateTime<Utc>,
) -> Result<bool, RecordError> {
    let facts = book.invoice_facts().await?;
    let fact = facts
        .iter()
        .find(|fact| fact.number == number)
        .ok_or_else(|| RecordError::UnknownInvoice(number.to_owned()))?;
    let (mut en, mut nl) = if disputed {
        (
            format!("dispute set on {number}"),
            format!("geschil vastgelegd op {number}"),
        )
    } else {
        (
            format!("dispute on {number} lifted"),
            format!("geschil op {number} opgeheven"),
        )
    };
    if let Some(note) = note {
        en.push_str(&format!(" — {note}"));
        nl.push_str(&format!(" — {note}"));
    }
    let mut transaction = book.begin().await?;
    book::set_disputed(&mut transaction, fact.id, disputed).await?;
    book::insert_timeline_event(
        &mut transaction,
        &NewTimelineEvent {
            customer_id: fact.customer_id,
            at,
            kind: if disputed {
                "dispute"
            } else {
                "dispute_lifted"
            },
            stage: None,
            invoices: &[number.to_owned()],
            text: &en,
            text_nl: &nl,
            letter_id: None,
            recorded_at,
        },
    )
    .await?;
    book::audit(
        &mut transaction,
        recorded_at,
        "user",
        if disputed {
            "dispute"
        } else {
            "dispute_lifted"
        },
        number,
        note,
    )
    .await?;
    transaction.commit().await.map_err(BookError::from)?;
    Ok(disputed)
}

/// Changes to a customer's settings; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct CustomerChanges {
    /// Consumer (B2C).
    pub consumer: Option<bool>,
    /// Own agreed terms.
    pub own_terms: Option<bool>,
    /// No calls.
    pub no_calls: Option<bool>,
    /// Stop dunning.
    pub stop_dunning: Option<bool>,
    /// Letter language.
    pub language: Option<crate::customer::Language>,
    /// E-mail address.
    pub email: Option<String>,
    /// Fatal term agreed.
    pub fatal_term_agreed: Option<bool>,
    /// Phone number.
    pub phone: Option<String>,
    /// Contact person.
    pub contact_person: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// Own payment term in days.
    pub payment_term_days: Option<i64>,
}

impl CustomerChanges {
    fn is_empty(&self) -> bool {
        self.consumer.is_none()
            && self.own_terms.is_none()
            && self.no_calls.is_none()
            && self.stop_dunning.is_none()
            && self.language.is_none()
            && self.email.is_none()
            && self.fatal_term_agreed.is_none()
            && self.phone.is_none()
            && self.contact_person.is_none()
            && self.address.is_none()
            && self.payment_term_days.is_none()
    }
}

/// Shows a customer and applies changes to their settings.
///
/// # Errors
/// [`RecordError::UnknownCustomer`]; the book is then unchanged.
pub async fn customer_settings(
    book: &Book,
    key: &str,
    changes: &CustomerChanges,
    at: NaiveDate,
    recorded_at: DateTime<Utc>,
) -> Result<Customer, RecordError> {
    let row = customer(book, key).await?;
    if changes.is_empty() {
        return Ok(row.customer);
    }
    let mut changed = row.customer.clone();
    let mut said: Vec<String> = Vec::new();
    let mut flag = |name: &str, value: Option<bool>, field: &mut bool| {
        if let Some(value) = value
            && *field != value
        {
            *field = value;
            said.push(format!("{name} {value}"));
        }
    };
    flag("consumer", changes.consumer, &mut changed.consumer);
    flag("own_terms", changes.own_terms, &mut changed.own_terms);
    flag("no_calls", changes.no_calls, &mut changed.no_calls);
    flag(
        "stop_dunning",
        changes.stop_dunning,
        &mut changed.stop_dunning,
    );
    flag(
        "fatal_term_agreed",
        changes.fatal_term_agreed,
        &mut changed.fatal_term_agreed,
    );
    if let Some(language) = changes.language
        && changed.language != language
    {
        changed.language = language;
        said.push(format!("language {language}"));
    }
    let mut text = |name: &str, value: &Option<String>, field: &mut Option<String>| {
        if let Some(value) = value {
            let value = value.trim();
            let new = (!value.is_empty()).then(|| value.to_owned());
            if *field != new {
                *field = new;
                said.push(format!("{name} {value}"));
            }
        }
    };
    text("email", &changes.email, &mut changed.email);
    text("phone", &changes.phone, &mut changed.phone);
    text(
        "contact_person",
        &changes.contact_person,
        &mut changed.contact_person,
    );
    text("address", &changes.address, &mut changed.address);
    if let Some(days) = changes.payment_term_days
        && changed.payment_term_days != Some(days)
    {
        changed.payment_term_days = Some(days);
        said.push(format!("payment_term_days {days}"));
    }
    if said.is_empty() {
        return Ok(changed);
    }
    if let Some(email) = &changed.email
        && !email.contains('@')
    {
        return Err(RecordError::Invalid(Text::new(
            format!("'{email}' is not an e-mail address"),
            format!("'{email}' is geen e-mailadres"),
        )));
    }
    let summary = said.join(", ");
    let mut transaction = book.begin().await?;
    book::update_customer(&mut transaction, row.id, &changed).await?;
    book::insert_timeline_event(
        &mut transaction,
        &NewTimelineEvent {
            customer_id: row.id,
            at,
            kind: "settings",
            stage: None,
            invoices: &[],
            text: &format!("settings changed: {summary}"),
            text_nl: &format!("instellingen gewijzigd: {summary}"),
            letter_id: None,
            recorded_at,
        },
    )
    .await?;
    book::audit(
        &mut transaction,
        recorded_at,
        "user",
        "customer_settings",
        &changed.code,
        Some(&summary),
    )
    .await?;
    transaction.commit().await.map_err(BookError::from)?;
    Ok(changed)
}

/// A customer's timeline.
///
/// # Errors
/// [`RecordError::UnknownCustomer`].
pub async fn timeline(
    book: &Book,
    key: &str,
) -> Result<(Customer, Vec<book::TimelineRow>), RecordError> {
    let row = customer(book, key).await?;
    let events = book.timeline_rows(row.id).await?;
    Ok((row.customer, events))
}

/// Puts every allocation a matching run booked on the timeline of the
/// invoice's customer ("imports and matches touching the customer"), dated
/// on the day of the run.
///
/// # Errors
/// When the book cannot be read or written; then nothing is written.
pub async fn matches(
    book: &Book,
    outcome: &crate::reconcile::Outcome,
    recorded_at: DateTime<Utc>,
) -> Result<(), BookError> {
    let booked: Vec<_> = outcome
        .allocations
        .iter()
        .filter(|line| line.booked)
        .collect();
    if booked.is_empty() {
        return Ok(());
    }
    let facts: std::collections::HashMap<String, i64> = book
        .invoice_facts()
        .await?
        .into_iter()
        .map(|fact| (fact.number, fact.customer_id))
        .collect();
    let mut transaction = book.begin().await?;
    for line in booked {
        let Some(customer_id) = facts.get(&line.invoice) else {
            continue;
        };
        let en = format!(
            "payment of {} on {} matched to {}: {}",
            line.amount, line.booking_date, line.invoice, line.reason
        );
        let nl = format!(
            "betaling van {} op {} gekoppeld aan {}: {}",
            line.amount,
            line.booking_date,
            line.invoice,
            line.reason_nl.as_deref().unwrap_or(&line.reason)
        );
        book::insert_timeline_event(
            &mut transaction,
            &NewTimelineEvent {
                customer_id: *customer_id,
                at: recorded_at.date_naive(),
                kind: "match",
                stage: None,
                invoices: std::slice::from_ref(&line.invoice),
                text: &en,
                text_nl: &nl,
                letter_id: None,
                recorded_at,
            },
        )
        .await?;
    }
    transaction.commit().await.map_err(BookError::from)?;
    Ok(())
}

impl crate::fault::Classify for RecordError {
    fn fault(&self) -> crate::fault::Fault {
        match self {
            RecordError::Book(error) => error.fault(),
            _ => crate::fault::Fault::Input,
        }
    }
}
