//! `overdue`, `today`, `call`, `plan`, `dispute`, `customer` and `timeline`
//! JSON (the contract's section "Added 2026-12-02").

use serde::Serialize;
use tegoed_core::customer::Customer;
use tegoed_core::dunning::{HeldCustomer, WorkItem};

/// `overdue --json`.
#[derive(Debug, Serialize)]
pub struct Overdue {
    pub overdue: Vec<OverdueLine>,
}

/// One overdue invoice.
#[derive(Debug, Serialize)]
pub struct OverdueLine {
    pub number: String,
    pub customer: String,
    pub customer_code: String,
    pub open_amount: String,
    pub due_date: String,
    pub days_overdue: i64,
    pub stage: &'static str,
    pub next_action: Option<&'static str>,
    pub next_action_date: Option<String>,
    pub excluded: Option<String>,
    /// A stable code for `excluded`.
    pub excluded_code: Option<&'static str>,
}

/// `today --json`.
#[derive(Debug, Serialize)]
pub struct Today {
    pub as_of: String,
    pub blocked: Option<String>,
    pub actions: Vec<ActionLine>,
    pub held: Vec<HeldLine>,
}

/// One action.
#[derive(Debug, Serialize)]
pub struct ActionLine {
    pub customer: String,
    pub customer_code: String,
    pub action: &'static str,
    pub invoices: Vec<String>,
    pub total_open: String,
    pub due: String,
    pub reason: String,
    /// How the customer paid before: shown, never blocking.
    pub payment_history: Option<String>,
}

impl From<&WorkItem> for ActionLine {
    fn from(item: &WorkItem) -> ActionLine {
        ActionLine {
            customer: item.customer.clone(),
            customer_code: item.customer_code.clone(),
            action: item.action.code(),
            invoices: item.invoices.clone(),
            total_open: item.total_open.to_string(),
            due: item.due.to_string(),
            reason: item.reason.text().en,
            payment_history: None,
        }
    }
}

/// One held customer.
#[derive(Debug, Serialize)]
pub struct HeldLine {
    pub customer: String,
    pub customer_code: String,
    pub invoices: Vec<String>,
    pub why: String,
}

impl From<&HeldCustomer> for HeldLine {
    fn from(held: &HeldCustomer) -> HeldLine {
        HeldLine {
            customer: held.customer.clone(),
            customer_code: held.customer_code.clone(),
            invoices: held.invoices.clone(),
            why: held.why.en.clone(),
        }
    }
}

/// `call --json`.
#[derive(Debug, Serialize)]
pub struct Call {
    pub customer: String,
    pub customer_code: String,
    pub event_id: i64,
    pub invoices: Vec<String>,
    pub next_action: Option<&'static str>,
    pub next_action_date: Option<String>,
    pub why: String,
}

/// `plan --json`.
#[derive(Debug, Serialize)]
pub struct Plan {
    pub customer: String,
    pub customer_code: String,
    pub plan_id: i64,
    pub invoices: Vec<String>,
    pub principal: String,
    pub costs: String,
    pub interest: String,
    pub total: String,
    pub instalments: Vec<Instalment>,
    pub next_action: Option<&'static str>,
    pub next_action_date: Option<String>,
}

/// One instalment.
#[derive(Debug, Serialize)]
pub struct Instalment {
    pub due: String,
    pub amount: String,
}

/// `dispute --json`.
#[derive(Debug, Serialize)]
pub struct Dispute {
    pub invoice: String,
    pub disputed: bool,
}

/// `customer --json`.
#[derive(Debug, Serialize)]
pub struct CustomerJson {
    pub code: String,
    pub name: String,
    pub email: Option<String>,
    pub language: &'static str,
    pub consumer: bool,
    pub own_terms: bool,
    pub no_calls: bool,
    pub stop_dunning: bool,
    pub fatal_term_agreed: bool,
    pub phone: Option<String>,
    pub contact_person: Option<String>,
    pub address: Option<String>,
    pub payment_term_days: Option<i64>,
}

impl From<&Customer> for CustomerJson {
    fn from(customer: &Customer) -> CustomerJson {
        CustomerJson {
            code: customer.code.clone(),
            name: customer.name.clone(),
            email: customer.email.clone(),
            language: customer.language.code(),
            consumer: customer.consumer,
            own_terms: customer.own_terms,
            no_calls: customer.no_calls,
            stop_dunning: customer.stop_dunning,
            fatal_term_agreed: customer.fatal_term_agreed,
            phone: customer.phone.clone(),
            contact_person: customer.contact_person.clone(),
            address: customer.address.clone(),
            payment_term_days: customer.payment_term_days,
        }
    }
}

/// `timeline --json`.
#[derive(Debug, Serialize)]
pub struct Timeline {
    pub customer: String,
    pub customer_code: String,
    pub events: Vec<Event>,
}

/// One timeline event.
#[derive(Debug, Serialize)]
pub struct Event {
    pub at: String,
    pub kind: String,
    pub invoices: Vec<String>,
    pub stage: Option<String>,
    pub text: String,
    pub text_nl: String,
    pub letter: Option<i64>,
}
