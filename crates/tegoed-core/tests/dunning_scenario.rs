//! A generated business run forward day by day for 120 days through the
//! dunning engine: payments arrive (in full, in part, or a payment nobody
//! has placed yet that points to the customer), calls are logged with
//! every outcome, plans are agreed, disputes raised and lifted, letters made
//! as `today` lists them. Every day it checks the promises of issue 15: no
//! customer with a matched payment, a dispute, a plan on time, a pending
//! promise, own terms or an unplaced payment gets a step, every case moves
//! at most one stage a day and never backwards, and no overdue invoice
//! without a reason to wait is left without a next step.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests unwrap what must be there"
)]

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use tegoed_core::dunning::{
    Action, CallOutcome, CallRecord, Case, CaseCustomer, CaseInvoice, Exclusion, Hold,
    LetterRecord, Occasion, PlanRecord, Settings, Stage, judge, worklist,
};
use tegoed_core::matching::Pointer;
use tegoed_core::money::Money;

/// A small deterministic generator (64-bit LCG).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn business(random: &mut Random, n: usize, start: NaiveDate) -> Vec<Case> {
    (0..n)
        .map(|index| {
            let consumer = index % 4 == 0;
            let invoices = (0..1 + random.below(3))
                .map(|k| {
                    let invoice_date = start + Days::new(random.below(60));
                    CaseInvoice {
                        number: format!("2026-{index:03}{k}"),
                        invoice_date,
                        due_date: invoice_date + Days::new(14 + random.below(17)),
                        open: Money::from_cents(
                            10_000 + i64::try_from(random.below(300_000)).unwrap(),
                        ),
                        disputed: false,
                        credit_pending: false,
                        stages: Vec::new(),
                        payments: Vec::new(),
                    }
                })
                .collect();
            Case {
                customer: CaseCustomer {
                    code: format!("C{index:03}"),
                    name: format!("Klant {index}"),
                    consumer,
                    own_terms: index % 13 == 5,
                    payment_term_days: (index % 13 == 5).then_some(45),
                    no_calls: index % 7 == 3,
                    stop_dunning: false,
                    fatal_term_agreed: consumer && index % 8 == 0,
                },
                invoices,
                ..Case::default()
            }
        })
        .collect()
}

/// Why a customer must get no step today, as the world (not the engine) knows it.
fn must_wait(case: &Case, number: &str, as_of: NaiveDate, settings: &Settings) -> Option<String> {
    let calendar = &settings.calendar;
    if case.customer.own_terms {
        return Some("own terms".into());
    }
    if !case.holds.is_empty() {
        return Some("unplaced payment".into());
    }
    let invoice = case
        .invoices
        .iter()
        .find(|invoice| invoice.number == number)?;
    if invoice.disputed {
        return Some("dispute".into());
    }
    if !invoice.open.is_positive() {
        return Some("paid".into());
    }
    let last_call = case
        .calls
        .iter()
        .filter(|call| call.invoices.iter().any(|n| n == number))
        .max_by_key(|call| (call.at, call.id));
    if let Some(call) = last_call
        && call.outcome == CallOutcome::Promise
        && let Some(promised) = call.promise_date
        && as_of < calendar.next_after(promised)
        && case
            .letters
            .iter()
            .any(|letter| letter.occasion == Occasion::Call(call.id))
    {
        return Some("pending promise".into());
    }
    None
}

#[test]
fn a_generated_business_run_for_120_days_keeps_every_promise_of_the_gate_and_the_ladder() {
    let settings = Settings::default();
    let calendar = settings.calendar;
    let mut random = Random(0x5EED_0015);
    let start = day("2026-01-05");
    let mut cases = business(&mut random, 60, start - Days::new(30));
    let mut next_id = 1_i64;
    let mut steps_taken = HashMap::<&'static str, usize>::new();
    let mut as_of = start;
    for _ in 0..120 {
        as_of = as_of + Days::new(1);
        // The world moves: payments, disputes, unplaced payments.
        for case in &mut cases {
            for invoice in &mut case.invoices {
                if !invoice.open.is_positive() || as_of <= invoice.due_date {
                    continue;
                }
                match random.below(200) {
                    0..=2 => {
                        invoice.payments.push((as_of, invoice.open));
                        invoice.open = Money::ZERO;
                    }
                    3 => {
                        let half = Money::from_cents(invoice.open.to_cents().unwrap() / 2);
                        invoice.payments.push((as_of, half));
                        invoice.open -= half;
                    }
                    4 => invoice.disputed = true,
                    5 if invoice.disputed => invoice.disputed = false,
                    _ => {}
                }
            }
            match random.below(400) {
                0 => case.holds.push(Hold::UnplacedPayment {
                    amount: Money::from_cents(12_100),
                    date: as_of,
                    pointer: Pointer::Name,
                }),
                1..=8 => case.holds.clear(),
                _ => {}
            }
        }
        if !calendar.is_working_day(as_of) {
            continue;
        }
        let before: Vec<HashMap<String, Stage>> = cases
            .iter()
            .map(|case| {
                case.invoices
                    .iter()
                    .map(|invoice| (invoice.number.clone(), invoice.stage()))
                    .collect()
            })
            .collect();
        let list = worklist(&cases, as_of, &settings, None);
        // No step for a customer who must wait.
        for item in &list.actions {
            let case = cases
                .iter()
                .find(|case| case.customer.code == item.customer_code)
                .unwrap();
            for number in &item.invoices {
                assert_eq!(
                    must_wait(case, number, as_of, &settings),
                    None,
                    "{as_of}: {} got {} for {number}",
                    item.customer_code,
                    item.action
                );
            }
            for number in &item.invoices {
                let plan = case
                    .plans
                    .iter()
                    .filter(|plan| plan.invoices.contains(number))
                    .max_by_key(|plan| (plan.agreed_at, plan.id));
                if let Some(plan) = plan {
                    assert!(
                        matches!(
                            item.action,
                            Action::PlanConfirmation | Action::InstalmentCall
                        ) || !plan_on_time(plan, as_of, &settings),
                        "{as_of}: {} got {} while its plan is on time: {case:?}",
                        item.customer_code,
                        item.action,
                    );
                }
            }
        }
        // Nothing stalls: an overdue invoice that need not wait has a step coming.
        for case in &cases {
            for verdict in judge(case, as_of, &settings) {
                if verdict.excluded.is_none() && verdict.stage != Stage::Agency {
                    assert!(
                        verdict.step.is_some(),
                        "{as_of}: {} {} has neither a step nor a reason",
                        case.customer.code,
                        verdict.number
                    );
                }
                if let Some(Exclusion::PaymentPlan { .. }) = &verdict.excluded {
                    let plan = case
                        .plans
                        .iter()
                        .filter(|plan| plan.invoices.contains(&verdict.number))
                        .max_by_key(|plan| (plan.agreed_at, plan.id))
                        .unwrap();
                    assert!(plan_on_time(plan, as_of, &settings), "{as_of}: {case:?}");
                }
            }
        }
        // People do today's work.
        for item in &list.actions {
            let case = cases
                .iter_mut()
                .find(|case| case.customer.code == item.customer_code)
                .unwrap();
            *steps_taken.entry(item.action.code()).or_default() += 1;
            if item.action.is_letter() {
                let id = next_id;
                next_id += 1;
                case.letters.push(LetterRecord {
                    id,
                    action: item.action,
                    as_of,
                    invoices: item.invoices.clone(),
                    occasion: item.occasion,
                });
                if let Some(stage) = item.action.stage() {
                    for invoice in &mut case.invoices {
                        if item.invoices.contains(&invoice.number) {
                            invoice.stages.push((stage, as_of));
                        }
                    }
                }
                continue;
            }
            let outcome = match random.below(10) {
                0..=4 => CallOutcome::NoAnswer,
                5 => CallOutcome::Promise,
                6 => CallOutcome::PlanRequested,
                7 => CallOutcome::Refused,
                8 => CallOutcome::SaysPaid,
                _ => CallOutcome::AwaitingApproval,
            };
            let id = next_id;
            next_id += 1;
            case.calls.push(CallRecord {
                id,
                at: as_of,
                outcome,
                promise_date: (outcome == CallOutcome::Promise)
                    .then(|| as_of + Days::new(3 + random.below(10))),
                invoices: item.invoices.clone(),
            });
            for invoice in &mut case.invoices {
                if item.invoices.contains(&invoice.number) {
                    invoice.stages.push((Stage::Call, as_of));
                }
            }
            if outcome == CallOutcome::PlanRequested {
                let total: Money = case
                    .invoices
                    .iter()
                    .filter(|invoice| item.invoices.contains(&invoice.number))
                    .map(|invoice| invoice.open)
                    .sum();
                let third = Money::from_cents(total.to_cents().unwrap() / 3);
                let plan_id = next_id;
                next_id += 1;
                case.plans.push(PlanRecord {
                    id: plan_id,
                    agreed_at: as_of,
                    instalments: vec![
                        (as_of + Days::new(14), third),
                        (as_of + Days::new(44), third),
                        (as_of + Days::new(74), total - third - third),
                    ],
                    invoices: item.invoices.clone(),
                    payments: Vec::new(),
                });
            }
        }
        // Plan payers pay some instalments on time.
        for case in &mut cases {
            for plan in &mut case.plans {
                for (due, amount) in plan.instalments.clone() {
                    if due == as_of && random.below(3) > 0 {
                        plan.payments.push((as_of, amount));
                    }
                }
            }
        }
        // One stage a day at most, never backwards.
        for (case, before) in cases.iter().zip(&before) {
            for invoice in &case.invoices {
                let was = before[&invoice.number];
                let now = invoice.stage();
                assert!(now >= was, "{as_of}: {} went back", invoice.number);
                let moved_today = invoice
                    .stages
                    .iter()
                    .filter(|(stage, date)| *date == as_of && *stage > was)
                    .count();
                assert!(moved_today <= 1, "{as_of}: {} moved twice", invoice.number);
            }
        }
    }
    // The run exercised the ladder.
    for action in [
        "reminder_1",
        "call",
        "reminder_2",
        "demand",
        "agency",
        "confirmation",
        "plan_confirmation",
    ] {
        assert!(
            steps_taken.get(action).copied().unwrap_or(0) > 0,
            "no {action} in 120 days: {steps_taken:?}"
        );
    }
}

/// True while the plan stands: at most one instalment checked so far was
/// missed (a second miss ends it, issue 15).
fn plan_on_time(plan: &PlanRecord, as_of: NaiveDate, settings: &Settings) -> bool {
    let calendar = &settings.calendar;
    let mut cumulative = Money::ZERO;
    let mut missed = 0;
    for (due, amount) in &plan.instalments {
        cumulative += *amount;
        let checked_on = calendar.next_after(*due);
        if checked_on > as_of {
            break;
        }
        let paid: Money = plan
            .payments
            .iter()
            .filter(|(date, _)| *date < checked_on)
            .map(|(_, amount)| *amount)
            .sum();
        if paid < cumulative {
            missed += 1;
        }
    }
    missed <= 1
}
