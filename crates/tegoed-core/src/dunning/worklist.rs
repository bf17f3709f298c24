//! The day's work list: the ladder's steps grouped into one action per
//! customer and action (one letter covers all the customer's invoices at
//! that stage), the customers held and why, and whether stale bank data
//! blocks the whole run (`domain.md` §1.3 item 1).

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::case::{Action, Case, Occasion};
use super::ladder::{InvoiceVerdict, StepReason, judge};
use super::text::{date_en, date_nl};
use super::{Settings, Text};
use crate::law::calendar::Calendar;
use crate::money::Money;

/// One thing to do for one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkItem {
    /// Customer code.
    pub customer_code: String,
    /// Customer name.
    pub customer: String,
    /// What to do.
    pub action: Action,
    /// What the letter answers.
    pub occasion: Occasion,
    /// The invoices it covers, sorted.
    pub invoices: Vec<String>,
    /// Their open total.
    pub total_open: Money,
    /// The earliest day it fell due.
    pub due: NaiveDate,
    /// Why.
    pub reason: StepReason,
}

/// A customer whose overdue invoices wait, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldCustomer {
    /// Customer code.
    pub customer_code: String,
    /// Customer name.
    pub customer: String,
    /// The invoices that wait, sorted.
    pub invoices: Vec<String>,
    /// Why, in both languages (distinct reasons joined).
    pub why: Text,
}

/// What needs doing on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkList {
    /// The day.
    pub as_of: NaiveDate,
    /// Why nothing may be sent today, when stale bank data blocks the run.
    pub blocked: Option<Text>,
    /// Every action due on or before the day and not done yet.
    pub actions: Vec<WorkItem>,
    /// Customers held, with why.
    pub held: Vec<HeldCustomer>,
    /// Every overdue invoice's verdict, per customer code.
    pub verdicts: Vec<(String, InvoiceVerdict)>,
}

/// The latest statement of one business account: its IBAN and the last
/// day it covers (its closing balance date, else its end date, else its
/// last transaction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountCover {
    /// The account.
    pub iban: String,
    /// The last day the book's statements of it cover.
    pub up_to: Option<NaiveDate>,
}

/// The sentence that blocks a run when a business account's bank data ends
/// before the previous working day; `None` when every account is current.
pub fn stale_bank(
    accounts: &[AccountCover],
    as_of: NaiveDate,
    calendar: &Calendar,
) -> Option<Text> {
    let mut previous = as_of - Days::new(1);
    while !calendar.is_working_day(previous) {
        previous = previous - Days::new(1);
    }
    let stale: Vec<&AccountCover> = accounts
        .iter()
        .filter(|account| account.up_to.is_none_or(|up_to| up_to < previous))
        .collect();
    if stale.is_empty() {
        return None;
    }
    let en: Vec<String> = stale
        .iter()
        .map(|account| match account.up_to {
            Some(up_to) => format!("{} statement up to {}", account.iban, date_en(up_to)),
            None => format!("{} has no statement", account.iban),
        })
        .collect();
    let nl: Vec<String> = stale
        .iter()
        .map(|account| match account.up_to {
            Some(up_to) => format!("{} afschrift tot en met {}", account.iban, date_nl(up_to)),
            None => format!("{} heeft geen afschrift", account.iban),
        })
        .collect();
    Some(Text::new(
        format!(
            "import your latest bank statement first: {} (needed up to {})",
            en.join(", "),
            date_en(previous)
        ),
        format!(
            "importeer eerst uw laatste bankafschrift: {} (nodig tot en met {})",
            nl.join(", "),
            date_nl(previous)
        ),
    ))
}

/// The work list of `as_of` over every case. With `blocked` set, no action
/// is listed (the held customers and the verdicts still are).
pub fn worklist(
    cases: &[Case],
    as_of: NaiveDate,
    settings: &Settings,
    blocked: Option<Text>,
) -> WorkList {
    let mut actions = Vec::new();
    let mut held = Vec::new();
    let mut verdicts = Vec::new();
    for case in cases {
        let judged = judge(case, as_of, settings);
        let mut by_action: BTreeMap<(Action, String), WorkItem> = BTreeMap::new();
        let mut waiting: Vec<&InvoiceVerdict> = Vec::new();
        for verdict in &judged {
            if verdict.excluded.is_some() {
                waiting.push(verdict);
            }
            let Some(step) = &verdict.step else { continue };
            if step.due > as_of {
                continue;
            }
            let item = by_action
                .entry((step.action, step.occasion.code()))
                .or_insert_with(|| WorkItem {
                    customer_code: case.customer.code.clone(),
                    customer: case.customer.name.clone(),
                    action: step.action,
                    occasion: step.occasion,
                    invoices: Vec::new(),
                    total_open: Money::ZERO,
                    due: step.due,
                    reason: step.reason.clone(),
                });
            item.invoices.push(verdict.number.clone());
            item.total_open += verdict.open;
            if step.due < item.due {
                item.due = step.due;
                item.reason = step.reason.clone();
            }
        }
        for mut item in by_action.into_values() {
            item.invoices.sort();
            actions.push(item);
        }
        if !waiting.is_empty() {
            let mut invoices: Vec<String> = waiting.iter().map(|v| v.number.clone()).collect();
            invoices.sort();
            let mut reasons: Vec<Text> = Vec::new();
            for verdict in &waiting {
                if let Some(exclusion) = &verdict.excluded {
                    let text = exclusion.text();
                    if !reasons.contains(&text) {
                        reasons.push(text);
                    }
                }
            }
            held.push(HeldCustomer {
                customer_code: case.customer.code.clone(),
                customer: case.customer.name.clone(),
                invoices,
                why: Text::join(&reasons, "; "),
            });
        }
        verdicts.extend(
            judged
                .into_iter()
                .map(|verdict| (case.customer.code.clone(), verdict)),
        );
    }
    if blocked.is_some() {
        actions.clear();
    }
    actions.sort_by(|a, b| (a.due, &a.customer, a.action).cmp(&(b.due, &b.customer, b.action)));
    WorkList {
        as_of,
        blocked,
        actions,
        held,
        verdicts,
    }
}
