//! Wire types of the dunning screens: Today, the call screen, the plan
//! editor, disputes and the customer detail with its timeline. Reasons
//! arrive from core in English and Dutch; the DTO carries the one in the
//! interface language. Money is a decimal string, dates are `YYYY-MM-DD`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tegoed_core::book::{CallRow, OutboxRow, TimelineRow};
use tegoed_core::customer::Customer;
use tegoed_core::dunning::{HeldCustomer, Text, WorkItem, WorkList};
use tegoed_core::receivables::Position;
use tegoed_core::record::{NextStep, PlanAgreed, PlanProposal};
use ts_rs::TS;

use super::Language;

/// The words of `text` in `language`.
fn say(text: &Text, language: Language) -> String {
    text.in_language(language.into()).to_owned()
}

fn day(date: NaiveDate) -> String {
    date.to_string()
}

/// What needs doing on a day, for the Today screen.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TodayList {
    /// The day (`YYYY-MM-DD`).
    pub as_of: String,
    /// Why nothing may be done today (stale bank data), when that blocks the run.
    pub blocked: Option<String>,
    /// What to do, one row per customer and action.
    pub actions: Vec<TodayAction>,
    /// Customers whose overdue invoices wait, with why.
    pub held: Vec<HeldRow>,
}

/// One thing to do for one customer.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TodayAction {
    /// Customer code.
    pub customer_code: String,
    /// Customer name.
    pub customer: String,
    /// The contract's action code (`reminder_1`, `call`, …).
    pub action: String,
    /// True when the action is a letter (`make_letters` can make it).
    pub is_letter: bool,
    /// The invoices it covers.
    pub invoices: Vec<String>,
    /// Their open total.
    pub total_open: String,
    /// The day it fell due.
    pub due: String,
    /// Why, in the interface language.
    pub reason: String,
}

/// A customer held, and why.
#[derive(Debug, Clone, Serialize, TS)]
pub struct HeldRow {
    /// Customer code.
    pub customer_code: String,
    /// Customer name.
    pub customer: String,
    /// The invoices that wait.
    pub invoices: Vec<String>,
    /// Why, in the interface language.
    pub why: String,
}

impl TodayList {
    /// The work list in `language`.
    pub fn of(list: &WorkList, language: Language) -> TodayList {
        TodayList {
            as_of: day(list.as_of),
            blocked: list.blocked.as_ref().map(|text| say(text, language)),
            actions: list
                .actions
                .iter()
                .map(|item| TodayAction::of(item, language))
                .collect(),
            held: list
                .held
                .iter()
                .map(|held| HeldRow::of(held, language))
                .collect(),
        }
    }
}

impl TodayAction {
    fn of(item: &WorkItem, language: Language) -> TodayAction {
        TodayAction {
            customer_code: item.customer_code.clone(),
            customer: item.customer.clone(),
            action: item.action.code().to_owned(),
            is_letter: item.action.is_letter(),
            invoices: item.invoices.clone(),
            total_open: item.total_open.to_string(),
            due: day(item.due),
            reason: say(&item.reason.text(), language),
        }
    }
}

impl HeldRow {
    fn of(held: &HeldCustomer, language: Language) -> HeldRow {
        HeldRow {
            customer_code: held.customer_code.clone(),
            customer: held.customer.clone(),
            invoices: held.invoices.clone(),
            why: say(&held.why, language),
        }
    }
}

/// What comes next for a customer.
#[derive(Debug, Clone, Serialize, TS)]
pub struct NextStepView {
    /// The action code, when one is coming.
    pub action: Option<String>,
    /// Its day.
    pub date: Option<String>,
    /// Why, or why the case waits, in the interface language.
    pub why: String,
}

impl NextStepView {
    /// The next step in `language`.
    pub fn of(next: &NextStep, language: Language) -> NextStepView {
        NextStepView {
            action: next.action.map(|action| action.code().to_owned()),
            date: next.date.map(day),
            why: say(&next.why, language),
        }
    }
}

/// A customer's contact data and the flags dunning obeys.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CustomerCard {
    /// Customer code.
    pub code: String,
    /// Name.
    pub name: String,
    /// E-mail address for letters.
    pub email: Option<String>,
    /// Phone number for calls.
    pub phone: Option<String>,
    /// The person to ask for.
    pub contact_person: Option<String>,
    /// Postal address, lines separated by newlines.
    pub address: Option<String>,
    /// Chamber of Commerce number.
    pub kvk_number: Option<String>,
    /// Own agreed payment term in days.
    pub payment_term_days: Option<i32>,
    /// Letter language.
    pub language: Language,
    /// A consumer (B2C).
    pub consumer: bool,
    /// A regular customer with own agreed terms: left alone.
    pub own_terms: bool,
    /// Skip the phone call.
    pub no_calls: bool,
    /// No dunning at all.
    pub stop_dunning: bool,
    /// A fatal term was agreed.
    pub fatal_term_agreed: bool,
}

impl From<&Customer> for CustomerCard {
    fn from(customer: &Customer) -> CustomerCard {
        CustomerCard {
            code: customer.code.clone(),
            name: customer.name.clone(),
            email: customer.email.clone(),
            phone: customer.phone.clone(),
            contact_person: customer.contact_person.clone(),
            address: customer.address.clone(),
            kvk_number: customer.kvk_number.clone(),
            payment_term_days: customer
                .payment_term_days
                .and_then(|days| i32::try_from(days).ok()),
            language: customer.language.into(),
            consumer: customer.consumer,
            own_terms: customer.own_terms,
            no_calls: customer.no_calls,
            stop_dunning: customer.stop_dunning,
            fatal_term_agreed: customer.fatal_term_agreed,
        }
    }
}

/// An open invoice on the call sheet and the customer detail.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseInvoiceRow {
    /// Invoice number.
    pub number: String,
    /// Invoice date.
    pub invoice_date: String,
    /// Effective due date.
    pub due_date: String,
    /// Invoice total.
    pub amount: String,
    /// What is still open.
    pub open_amount: String,
    /// Days past due on the day asked about.
    pub days_overdue: i32,
    /// The stage reached.
    pub stage: String,
    /// Disputed: excluded from dunning until lifted.
    pub disputed: bool,
}

impl CaseInvoiceRow {
    /// The row of a position, with its dispute flag.
    pub fn of(position: &Position, disputed: bool) -> CaseInvoiceRow {
        CaseInvoiceRow {
            number: position.number.clone(),
            invoice_date: day(position.invoice_date),
            due_date: day(position.due_date),
            amount: position.amount.to_string(),
            open_amount: position.open_amount.to_string(),
            days_overdue: i32::try_from(position.days_overdue).unwrap_or(i32::MAX),
            stage: position.stage.code().to_owned(),
            disputed,
        }
    }
}

/// A letter sent or made earlier, on the call sheet.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SheetLetter {
    /// The letter date.
    pub as_of: String,
    /// The action code it carried out.
    pub stage: String,
    /// The invoices it covered.
    pub invoices: Vec<String>,
    /// `generated`, `printed`, `sent`, `failed` or `unknown`.
    pub state: String,
}

impl From<&OutboxRow> for SheetLetter {
    fn from(letter: &OutboxRow) -> SheetLetter {
        SheetLetter {
            as_of: day(letter.as_of),
            stage: letter.stage.clone(),
            invoices: letter.invoices.clone(),
            state: letter.state.clone(),
        }
    }
}

/// An earlier call, on the call sheet.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SheetCall {
    /// The day of the call.
    pub at: String,
    /// The outcome code.
    pub outcome: String,
    /// The date promised.
    pub promise_date: Option<String>,
    /// The amount promised.
    pub amount: Option<String>,
    /// Who was spoken to.
    pub contact: Option<String>,
    /// Notes.
    pub note: Option<String>,
}

impl From<&CallRow> for SheetCall {
    fn from(call: &CallRow) -> SheetCall {
        SheetCall {
            at: day(call.at),
            outcome: call.outcome.clone(),
            promise_date: call.promise_date.map(day),
            amount: call.amount.map(|amount| amount.to_string()),
            contact: call.contact.clone(),
            note: call.note.clone(),
        }
    }
}

/// Everything at hand before a call (`domain.md` §1.4 "Prepare").
#[derive(Debug, Clone, Serialize, TS)]
pub struct CallSheet {
    /// The day the sheet was prepared for.
    pub as_of: String,
    /// Who to call.
    pub customer: CustomerCard,
    /// The open invoices, by due date.
    pub invoices: Vec<CaseInvoiceRow>,
    /// Earlier letters, oldest first.
    pub letters: Vec<SheetLetter>,
    /// Earlier calls and promises, oldest first.
    pub calls: Vec<SheetCall>,
    /// What comes next if nothing changes.
    pub next: NextStepView,
}

/// A call as the call screen records it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CallForm {
    /// Customer code.
    pub customer: String,
    /// The outcome code (`no_answer`, `promise`, …).
    pub outcome: String,
    /// The date promised (`YYYY-MM-DD`), for a promise.
    pub promise_date: Option<String>,
    /// The amount promised, as a decimal string.
    pub amount: Option<String>,
    /// Who was spoken to.
    pub contact: Option<String>,
    /// Notes.
    pub note: Option<String>,
    /// The day the call is recorded on; today when absent.
    pub at: Option<String>,
}

/// A payment plan as the plan editor proposes it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct PlanForm {
    /// Customer code.
    pub customer: String,
    /// Number of instalments.
    pub instalments: u32,
    /// The first instalment's date.
    pub first: String,
    /// `month`, `week` or a number of days.
    pub every: String,
    /// The invoices it covers; empty: the customer's overdue invoices.
    pub invoices: Vec<String>,
    /// The day it is agreed on; today when absent.
    pub at: Option<String>,
}

/// One instalment.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Instalment {
    /// Its date.
    pub due: String,
    /// Its amount.
    pub amount: String,
}

/// A plan previewed or agreed.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PlanView {
    /// The invoices it covers.
    pub invoices: Vec<String>,
    /// Open principal.
    pub principal: String,
    /// Costs already claimed in a letter.
    pub costs: String,
    /// Interest already claimed in a letter.
    pub interest: String,
    /// The total to pay.
    pub total: String,
    /// The instalments.
    pub instalments: Vec<Instalment>,
    /// What comes next, once agreed (null in a preview).
    pub next: Option<NextStepView>,
}

fn instalments(schedule: &[(NaiveDate, tegoed_core::money::Money)]) -> Vec<Instalment> {
    schedule
        .iter()
        .map(|(due, amount)| Instalment {
            due: day(*due),
            amount: amount.to_string(),
        })
        .collect()
}

impl From<&PlanProposal> for PlanView {
    fn from(plan: &PlanProposal) -> PlanView {
        PlanView {
            invoices: plan.invoices.clone(),
            principal: plan.principal.to_string(),
            costs: plan.costs.to_string(),
            interest: plan.interest.to_string(),
            total: plan.total.to_string(),
            instalments: instalments(&plan.instalments),
            next: None,
        }
    }
}

impl PlanView {
    /// An agreed plan with its next step in `language`.
    pub fn agreed(plan: &PlanAgreed, language: Language) -> PlanView {
        PlanView {
            invoices: plan.invoices.clone(),
            principal: plan.principal.to_string(),
            costs: plan.costs.to_string(),
            interest: plan.interest.to_string(),
            total: plan.total.to_string(),
            instalments: instalments(&plan.instalments),
            next: Some(NextStepView::of(&plan.next, language)),
        }
    }
}

/// Changes to a customer; a null field stays as it is, an empty text clears it.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct CustomerUpdate {
    /// Consumer (B2C).
    pub consumer: Option<bool>,
    /// Own agreed terms.
    pub own_terms: Option<bool>,
    /// No calls.
    pub no_calls: Option<bool>,
    /// Stop dunning.
    pub stop_dunning: Option<bool>,
    /// Fatal term agreed.
    pub fatal_term_agreed: Option<bool>,
    /// Letter language.
    pub language: Option<Language>,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Contact person.
    pub contact_person: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// Own payment term in days.
    pub payment_term_days: Option<i32>,
}

/// One event on a customer's timeline.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TimelineEvent {
    /// The day it was recorded on.
    pub at: String,
    /// Its kind (`call`, `promise`, `letter`, `dispute`, `settings`, …).
    pub kind: String,
    /// The stage it concerns.
    pub stage: Option<String>,
    /// The invoices it is about.
    pub invoices: Vec<String>,
    /// What happened, in the interface language.
    pub text: String,
}

impl TimelineEvent {
    /// The event in `language`.
    pub fn of(row: &TimelineRow, language: Language) -> TimelineEvent {
        TimelineEvent {
            at: day(row.at),
            kind: row.kind.clone(),
            stage: row.stage.clone(),
            invoices: row.invoices.clone(),
            text: match language {
                Language::Nl => row.text_nl.clone(),
                Language::En => row.text.clone(),
            },
        }
    }
}

/// A customer with their open invoices, next step and timeline.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CustomerDetail {
    /// The day asked about.
    pub as_of: String,
    /// Contact data and flags.
    pub customer: CustomerCard,
    /// The open invoices, by due date.
    pub invoices: Vec<CaseInvoiceRow>,
    /// What comes next.
    pub next: NextStepView,
    /// What the customer paid beyond their invoices.
    pub credit: CreditView,
    /// The timeline, in the order recorded.
    pub timeline: Vec<TimelineEvent>,
}

/// A customer's credit: payments booked for less than they brought in.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CreditView {
    /// The sum, e.g. `"60.50"`; `"0.00"` when there is none.
    pub total: String,
    /// Each payment with a surplus, oldest first.
    pub payments: Vec<CreditPayment>,
}

/// One payment that brought in more than is booked against invoices.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CreditPayment {
    /// `YYYY-MM-DD`, the booking date.
    pub date: String,
    /// What came in.
    pub amount: String,
    /// What is left of it.
    pub surplus: String,
}

impl From<&tegoed_core::overview::Credit> for CreditView {
    fn from(credit: &tegoed_core::overview::Credit) -> CreditView {
        CreditView {
            total: credit.total.to_string(),
            payments: credit
                .payments
                .iter()
                .map(|(date, amount, surplus)| CreditPayment {
                    date: day(*date),
                    amount: amount.to_string(),
                    surplus: surplus.to_string(),
                })
                .collect(),
        }
    }
}

/// A dispute set or lifted.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DisputeResult {
    /// The invoice.
    pub invoice: String,
    /// Whether it is now disputed.
    pub disputed: bool,
}
