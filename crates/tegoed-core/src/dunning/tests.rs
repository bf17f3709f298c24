use chrono::NaiveDate;

use super::*;
use crate::matching::Pointer;
use crate::money::Money;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn euros(text: &str) -> Money {
    text.parse().unwrap()
}

/// A business customer with one invoice of €605 due Thu 15 Jan 2026
/// (`domain.md` §1.2's timeline).
fn case() -> Case {
    Case {
        customer: CaseCustomer {
            code: "D1".into(),
            name: "Bakkerij Jansen".into(),
            ..CaseCustomer::default()
        },
        invoices: vec![CaseInvoice {
            number: "2026-0042".into(),
            invoice_date: day("2025-12-16"),
            due_date: day("2026-01-15"),
            open: euros("605.00"),
            disputed: false,
            credit_pending: false,
            stages: Vec::new(),
            payments: Vec::new(),
        }],
        ..Case::default()
    }
}

fn reached(case: &mut Case, stage: Stage, date: &str) {
    case.invoices[0].stages.push((stage, day(date)));
}

fn letter(case: &mut Case, action: Action, date: &str, occasion: Occasion) {
    let id = i64::try_from(case.letters.len()).unwrap() + 100;
    case.letters.push(LetterRecord {
        id,
        action,
        as_of: day(date),
        invoices: vec!["2026-0042".into()],
        occasion,
    });
    if let Some(stage) = action.stage() {
        reached(case, stage, date);
    }
}

fn call(case: &mut Case, date: &str, outcome: CallOutcome, promise: Option<&str>) -> i64 {
    let id = i64::try_from(case.calls.len()).unwrap() + 1;
    case.calls.push(CallRecord {
        id,
        at: day(date),
        outcome,
        promise_date: promise.map(day),
        invoices: vec!["2026-0042".into()],
    });
    reached(case, Stage::Call, date);
    id
}

/// The one verdict of the case on `as_of`.
fn check(case: &Case, as_of: &str) -> Option<InvoiceVerdict> {
    judge(case, day(as_of), &Settings::default())
        .into_iter()
        .next()
}

fn step(case: &Case, as_of: &str) -> (Action, NaiveDate) {
    let verdict = check(case, as_of).expect("an overdue invoice");
    assert_eq!(verdict.excluded, None, "unexpected exclusion");
    let step = verdict.step.expect("a step");
    (step.action, step.due)
}

#[test]
fn due_today_is_not_overdue_and_the_day_after_is() {
    assert_eq!(check(&case(), "2026-01-15"), None);
    assert_eq!(
        step(&case(), "2026-01-16"),
        (Action::Reminder1, day("2026-01-19"))
    );
}

#[test]
fn the_ladder_of_domain_md_when_nobody_responds() {
    let mut case = case();
    // Due Thu 15 Jan → reminder_1 on Mon 19 Jan (the 18th is a Sunday).
    assert_eq!(
        step(&case, "2026-01-19"),
        (Action::Reminder1, day("2026-01-19"))
    );
    letter(&mut case, Action::Reminder1, "2026-01-19", Occasion::Ladder);
    // Term Mon 26 Jan → first call Tue 27 Jan.
    assert_eq!(step(&case, "2026-01-20"), (Action::Call, day("2026-01-27")));
    call(&mut case, "2026-01-27", CallOutcome::NoAnswer, None);
    assert_eq!(step(&case, "2026-01-27"), (Action::Call, day("2026-01-28")));
    call(&mut case, "2026-01-28", CallOutcome::NoAnswer, None);
    // Two attempts without an answer → reminder_2 Thu 29 Jan.
    assert_eq!(
        step(&case, "2026-01-28"),
        (Action::Reminder2, day("2026-01-29"))
    );
    letter(&mut case, Action::Reminder2, "2026-01-29", Occasion::Ladder);
    // Deadline Thu 5 Feb → demand Fri 6 Feb.
    assert_eq!(
        step(&case, "2026-01-30"),
        (Action::Demand, day("2026-02-06"))
    );
    letter(&mut case, Action::Demand, "2026-02-06", Occasion::Ladder);
    // B2B: term ends Fri 20 Feb, hand-over from Mon 23 Feb.
    assert_eq!(
        step(&case, "2026-02-07"),
        (Action::Agency, day("2026-02-23"))
    );
    letter(&mut case, Action::Agency, "2026-02-23", Occasion::Ladder);
    let verdict = check(&case, "2026-03-01").unwrap();
    assert_eq!((verdict.step, verdict.excluded), (None, None));
}

#[test]
fn a_consumer_demand_runs_fourteen_days_from_presumed_delivery() {
    let mut case = case();
    case.customer.consumer = true;
    case.customer.fatal_term_agreed = true;
    letter(&mut case, Action::Demand, "2026-02-06", Occasion::Ladder);
    // Presumed delivered Tue 10 Feb, term 11–24 Feb, hand-over from Wed 25 Feb.
    assert_eq!(
        step(&case, "2026-02-07"),
        (Action::Agency, day("2026-02-25"))
    );
}

#[test]
fn a_consumer_second_reminder_is_the_ingebrekestelling_with_its_own_term() {
    let mut case = case();
    case.customer.consumer = true;
    letter(&mut case, Action::Reminder2, "2026-01-29", Occasion::Ladder);
    // Posted Thu 29 Jan → delivered Sat 31 Jan → term Mon 9 Feb → demand Tue 10 Feb.
    assert_eq!(
        step(&case, "2026-01-30"),
        (Action::Demand, day("2026-02-10"))
    );
}

#[test]
fn a_customer_without_calls_gets_the_second_reminder_after_the_first_term() {
    let mut case = case();
    case.customer.no_calls = true;
    letter(&mut case, Action::Reminder1, "2026-01-19", Occasion::Ladder);
    assert_eq!(
        step(&case, "2026-01-20"),
        (Action::Reminder2, day("2026-01-27"))
    );
}

#[test]
fn a_holiday_moves_the_first_reminder_to_the_next_working_day() {
    let mut case = case();
    // Due Fri 24 Apr 2026 → +3 = Mon 27 Apr, Koningsdag → Tue 28 Apr.
    case.invoices[0].due_date = day("2026-04-24");
    assert_eq!(
        step(&case, "2026-04-25"),
        (Action::Reminder1, day("2026-04-28"))
    );
}

#[test]
fn a_weekend_deadline_moves_the_call_to_a_tuesday() {
    let mut case = case();
    // Reminder Sat? No: reminder on Fri 16 Jan; +7 = Fri 23 Jan; first Tue–Thu after: Tue 27 Jan.
    letter(&mut case, Action::Reminder1, "2026-01-16", Occasion::Ladder);
    assert_eq!(step(&case, "2026-01-17"), (Action::Call, day("2026-01-27")));
}

#[test]
fn a_promise_asks_for_a_confirmation_then_waits_until_the_working_day_after() {
    let mut case = case();
    letter(&mut case, Action::Reminder1, "2026-01-19", Occasion::Ladder);
    let id = call(
        &mut case,
        "2026-01-27",
        CallOutcome::Promise,
        Some("2026-02-03"),
    );
    let verdict = check(&case, "2026-01-27").unwrap();
    let confirmation = verdict.step.unwrap();
    assert_eq!(confirmation.action, Action::Confirmation);
    assert_eq!(confirmation.occasion, Occasion::Call(id));
    letter(
        &mut case,
        Action::Confirmation,
        "2026-01-27",
        Occasion::Call(id),
    );
    // The promise is dated Tue 3 Feb: on that day the case still waits.
    let waiting = check(&case, "2026-02-03").unwrap();
    assert_eq!(
        waiting.excluded,
        Some(Exclusion::Promise {
            date: day("2026-02-03")
        })
    );
    // The working day after, a broken promise gives a call, on any weekday.
    assert_eq!(step(&case, "2026-02-04"), (Action::Call, day("2026-02-04")));
    call(&mut case, "2026-02-04", CallOutcome::NoAnswer, None);
    assert_eq!(
        step(&case, "2026-02-04"),
        (Action::Demand, day("2026-02-05"))
    );
}

#[test]
fn a_refusal_goes_straight_to_the_demand() {
    let mut case = case();
    letter(&mut case, Action::Reminder1, "2026-01-19", Occasion::Ladder);
    call(&mut case, "2026-01-27", CallOutcome::Refused, None);
    assert_eq!(
        step(&case, "2026-01-27"),
        (Action::Demand, day("2026-01-28"))
    );
}

#[test]
fn a_partial_payment_at_demand_keeps_the_stage_for_the_rest() {
    let mut case = case();
    letter(&mut case, Action::Demand, "2026-02-06", Occasion::Ladder);
    case.invoices[0].open = euros("105.00");
    case.invoices[0]
        .payments
        .push((day("2026-02-10"), euros("500.00")));
    let verdict = check(&case, "2026-02-24").unwrap();
    assert_eq!(verdict.stage, Stage::Demand);
    assert_eq!(
        step(&case, "2026-02-24"),
        (Action::Agency, day("2026-02-23"))
    );
}

#[test]
fn a_full_payment_closes_the_case_at_any_stage() {
    let mut case = case();
    letter(&mut case, Action::Demand, "2026-02-06", Occasion::Ladder);
    case.invoices[0].open = Money::ZERO;
    assert_eq!(check(&case, "2026-02-24"), None);
}

fn with_plan(case: &mut Case, payments: &[(&str, &str)]) {
    case.plans.push(PlanRecord {
        id: 7,
        agreed_at: day("2026-02-02"),
        instalments: vec![
            (day("2026-03-02"), euros("200.00")),
            (day("2026-04-01"), euros("200.00")),
            (day("2026-05-01"), euros("205.00")),
        ],
        invoices: vec!["2026-0042".into()],
        payments: payments
            .iter()
            .map(|(date, amount)| (day(date), euros(amount)))
            .collect(),
    });
    let id = 7;
    case.letters.push(LetterRecord {
        id: 99,
        action: Action::PlanConfirmation,
        as_of: day("2026-02-02"),
        invoices: vec!["2026-0042".into()],
        occasion: Occasion::Plan(id),
    });
}

#[test]
fn a_new_plan_asks_for_its_confirmation_letter() {
    let mut case = case();
    case.plans.push(PlanRecord {
        id: 3,
        agreed_at: day("2026-02-02"),
        instalments: vec![(day("2026-03-02"), euros("605.00"))],
        invoices: vec!["2026-0042".into()],
        payments: Vec::new(),
    });
    let verdict = check(&case, "2026-02-02").unwrap();
    let step = verdict.step.unwrap();
    assert_eq!(
        (step.action, step.occasion),
        (Action::PlanConfirmation, Occasion::Plan(3))
    );
}

#[test]
fn a_plan_on_time_excludes_the_invoice() {
    let mut case = case();
    with_plan(&mut case, &[("2026-03-02", "200.00")]);
    let verdict = check(&case, "2026-03-10").unwrap();
    assert_eq!(
        verdict.excluded,
        Some(Exclusion::PaymentPlan {
            next_due: Some(day("2026-04-01"))
        })
    );
}

#[test]
fn an_instalment_missed_by_one_day_gives_a_call_the_working_day_after() {
    let mut case = case();
    // Due Mon 2 Mar, paid Tue 3 Mar: checked on Tue 3 Mar, counting up to Mon 2 Mar.
    with_plan(&mut case, &[("2026-03-03", "200.00")]);
    assert_eq!(check(&case, "2026-03-02").unwrap().step, None);
    assert_eq!(
        step(&case, "2026-03-03"),
        (Action::InstalmentCall, day("2026-03-03"))
    );
    // Paid on the day itself: on time.
    let mut on_time = self::case();
    with_plan(&mut on_time, &[("2026-03-02", "200.00")]);
    assert!(check(&on_time, "2026-03-03").unwrap().excluded.is_some());
}

#[test]
fn a_second_missed_instalment_ends_the_plan_in_a_demand() {
    let mut case = case();
    with_plan(&mut case, &[]);
    assert_eq!(
        step(&case, "2026-04-02"),
        (Action::Demand, day("2026-04-02"))
    );
}

#[test]
fn the_gate_excludes_with_its_reason() {
    let mut disputed = case();
    disputed.invoices[0].disputed = true;
    assert_eq!(
        check(&disputed, "2026-02-01").unwrap().excluded,
        Some(Exclusion::Dispute)
    );
    let mut own_terms = case();
    own_terms.customer.own_terms = true;
    own_terms.customer.payment_term_days = Some(60);
    let verdict = check(&own_terms, "2026-03-01").unwrap();
    assert_eq!(verdict.due_date, day("2026-02-14"));
    assert_eq!(verdict.excluded.unwrap().code(), "own_terms");
    let mut stopped = case();
    stopped.customer.stop_dunning = true;
    assert_eq!(
        check(&stopped, "2026-02-01").unwrap().excluded,
        Some(Exclusion::StopDunning)
    );
    let mut held = case();
    held.holds.push(Hold::UnplacedPayment {
        amount: euros("605.00"),
        date: day("2025-06-01"),
        pointer: Pointer::Name,
    });
    let exclusion = check(&held, "2026-02-01").unwrap().excluded.unwrap();
    assert!(
        exclusion.text().en.contains("not yet matched"),
        "{exclusion:?}"
    );
    assert!(
        exclusion.text().nl.contains("nog niet gekoppeld"),
        "{exclusion:?}"
    );
}

#[test]
fn the_work_list_groups_a_customers_invoices_into_one_action() {
    let mut case = case();
    let mut second = case.invoices[0].clone();
    second.number = "2026-0050".into();
    second.open = euros("100.00");
    case.invoices.push(second);
    let list = worklist(&[case], day("2026-01-20"), &Settings::default(), None);
    assert_eq!(list.actions.len(), 1);
    assert_eq!(list.actions[0].invoices, vec!["2026-0042", "2026-0050"]);
    assert_eq!(list.actions[0].total_open, euros("705.00"));
    let blocked = worklist(
        &list_cases(),
        day("2026-01-20"),
        &Settings::default(),
        Some(Text::new("stale", "oud")),
    );
    assert!(blocked.actions.is_empty());
}

fn list_cases() -> Vec<Case> {
    vec![case()]
}

#[test]
fn stale_bank_data_blocks_with_the_account_and_its_date() {
    let calendar = crate::law::calendar::Calendar::default();
    let accounts = vec![AccountCover {
        iban: "NL91ABNA0417164300".into(),
        up_to: Some(day("2026-11-12")),
    }];
    let blocked = stale_bank(&accounts, day("2026-12-02"), &calendar).unwrap();
    assert!(
        blocked.en.contains(
            "import your latest bank statement first: NL91ABNA0417164300 statement up to 2026-11-12"
        ),
        "{}",
        blocked.en
    );
    // On Monday the previous working day is Friday: a statement up to Friday is current.
    let current = vec![AccountCover {
        iban: "NL91ABNA0417164300".into(),
        up_to: Some(day("2026-11-27")),
    }];
    assert_eq!(stale_bank(&current, day("2026-11-30"), &calendar), None);
}

#[test]
fn action_and_outcome_codes_round_trip() {
    for action in Action::ALL {
        assert_eq!(action.code().parse::<Action>(), Ok(action));
    }
    for outcome in CallOutcome::ALL {
        assert_eq!(outcome.code().parse::<CallOutcome>(), Ok(outcome));
    }
    assert!("maybe".parse::<CallOutcome>().is_err());
    for occasion in [Occasion::Ladder, Occasion::Call(4), Occasion::Plan(9)] {
        assert_eq!(Occasion::parse(&occasion.code()), occasion);
    }
}
