//! The ladder (`domain.md` §1.2): for each overdue invoice of a case, the
//! next step and the working day it falls due, or the reason it waits.
//!
//! Every step is computed from the day the previous one was actually taken
//! (a letter's date, a call's date), never from the calendar alone, so a
//! catch-up run moves a case at most one stage, and re-runs on the same day
//! give the same answer.

use chrono::{Days, NaiveDate};

use super::case::{Action, CallOutcome, CallRecord, Case, CaseInvoice, Occasion, PlanRecord};
use super::text::{date_en, date_nl, money_nl};
use super::{Exclusion, Settings, Stage, Text};
use crate::money::Money;

/// A step the ladder asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What to do.
    pub action: Action,
    /// The working day it falls due.
    pub due: NaiveDate,
    /// Why.
    pub reason: StepReason,
    /// What the letter answers (a confirmation names its call, a plan letter its plan).
    pub occasion: Occasion,
}

/// Why a step falls due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepReason {
    /// The invoice is overdue and nothing was done yet.
    Overdue {
        /// The effective due date.
        due_date: NaiveDate,
    },
    /// The term of the first reminder lapsed.
    ReminderTermLapsed {
        /// The reminder's date.
        letter: NaiveDate,
        /// Its term.
        term: NaiveDate,
    },
    /// Calls went unanswered.
    NoAnswer {
        /// Attempts so far.
        attempts: usize,
        /// The last attempt.
        last: NaiveDate,
    },
    /// A call ended in an agreement that must be confirmed in writing.
    ConfirmCall {
        /// The call's day.
        call: NaiveDate,
        /// What was agreed.
        outcome: CallOutcome,
    },
    /// A promised date passed without payment.
    PromiseBroken {
        /// The date promised.
        promise: NaiveDate,
    },
    /// The call after a broken promise brought no payment.
    AfterBrokenPromise {
        /// That call's day.
        call: NaiveDate,
    },
    /// The customer refused to pay.
    Refused {
        /// The call's day.
        call: NaiveDate,
    },
    /// A follow-up after a confirmation or a pause.
    FollowUp {
        /// Since when.
        since: NaiveDate,
    },
    /// The term of the second reminder lapsed.
    SecondReminderTermLapsed {
        /// The letter's date.
        letter: NaiveDate,
        /// Its term.
        term: NaiveDate,
    },
    /// The term of the demand lapsed; the hand-over waits for a person's confirmation.
    DemandTermLapsed {
        /// The demand's date.
        letter: NaiveDate,
        /// Its term.
        term: NaiveDate,
    },
    /// A payment plan was agreed and must be confirmed in writing.
    PlanAgreed {
        /// The day it was agreed.
        agreed: NaiveDate,
    },
    /// An instalment was not paid on time.
    InstalmentMissed {
        /// The instalment's date.
        due: NaiveDate,
        /// Its amount.
        amount: Money,
    },
    /// A second missed instalment ended the plan: the whole rest is due.
    PlanEnded {
        /// The second missed instalment's date.
        due: NaiveDate,
    },
}

impl StepReason {
    /// The reason in both languages.
    pub fn text(&self) -> Text {
        match self {
            StepReason::Overdue { due_date } => Text::new(
                format!("overdue since {}", date_en(*due_date)),
                format!("vervallen sinds {}", date_nl(*due_date)),
            ),
            StepReason::ReminderTermLapsed { letter, term } => Text::new(
                format!(
                    "the term of the reminder of {} lapsed on {}",
                    date_en(*letter),
                    date_en(*term)
                ),
                format!(
                    "de termijn van de herinnering van {} verliep op {}",
                    date_nl(*letter),
                    date_nl(*term)
                ),
            ),
            StepReason::NoAnswer { attempts, last } => Text::new(
                format!(
                    "{attempts} call attempt(s) without an answer, the last on {}",
                    date_en(*last)
                ),
                format!(
                    "{attempts} belpoging(en) zonder gehoor, de laatste op {}",
                    date_nl(*last)
                ),
            ),
            StepReason::ConfirmCall { call, outcome } => Text::new(
                format!(
                    "confirm in writing what was agreed on the call of {} ({})",
                    date_en(*call),
                    outcome.code()
                ),
                format!(
                    "bevestig schriftelijk wat in het gesprek van {} is afgesproken",
                    date_nl(*call)
                ),
            ),
            StepReason::PromiseBroken { promise } => Text::new(
                format!("promised to pay by {}; not received", date_en(*promise)),
                format!(
                    "beloofde te betalen uiterlijk {}; niet ontvangen",
                    date_nl(*promise)
                ),
            ),
            StepReason::AfterBrokenPromise { call } => Text::new(
                format!(
                    "a promise was broken and the call of {} brought no payment",
                    date_en(*call)
                ),
                format!(
                    "een belofte werd niet nagekomen en het gesprek van {} leverde geen betaling op",
                    date_nl(*call)
                ),
            ),
            StepReason::Refused { call } => Text::new(
                format!("refused to pay on the call of {}", date_en(*call)),
                format!("weigerde te betalen in het gesprek van {}", date_nl(*call)),
            ),
            StepReason::FollowUp { since } => Text::new(
                format!("follow-up; nothing received since {}", date_en(*since)),
                format!("opvolging; niets ontvangen sinds {}", date_nl(*since)),
            ),
            StepReason::SecondReminderTermLapsed { letter, term } => Text::new(
                format!(
                    "the term of the second reminder of {} lapsed on {}",
                    date_en(*letter),
                    date_en(*term)
                ),
                format!(
                    "de termijn van de tweede herinnering van {} verliep op {}",
                    date_nl(*letter),
                    date_nl(*term)
                ),
            ),
            StepReason::DemandTermLapsed { letter, term } => Text::new(
                format!(
                    "the term of the demand of {} lapsed on {}; hand over only when you confirm",
                    date_en(*letter),
                    date_en(*term)
                ),
                format!(
                    "de termijn van de aanmaning van {} verliep op {}; alleen overdragen als u dat bevestigt",
                    date_nl(*letter),
                    date_nl(*term)
                ),
            ),
            StepReason::PlanAgreed { agreed } => Text::new(
                format!("confirm the payment plan agreed on {}", date_en(*agreed)),
                format!("bevestig de betalingsregeling van {}", date_nl(*agreed)),
            ),
            StepReason::InstalmentMissed { due, amount } => Text::new(
                format!(
                    "the instalment of {amount} due {} was not paid",
                    date_en(*due)
                ),
                format!(
                    "de termijn van {} van {} is niet betaald",
                    money_nl(*amount),
                    date_nl(*due)
                ),
            ),
            StepReason::PlanEnded { due } => Text::new(
                format!(
                    "a second instalment (due {}) was missed: the plan ended and the whole rest is due",
                    date_en(*due)
                ),
                format!(
                    "een tweede termijn (van {}) is gemist: de regeling is vervallen en het hele restant is opeisbaar",
                    date_nl(*due)
                ),
            ),
        }
    }
}

/// The engine's answer for one overdue invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceVerdict {
    /// Invoice number.
    pub number: String,
    /// The furthest stage reached.
    pub stage: Stage,
    /// The effective due date.
    pub due_date: NaiveDate,
    /// What is open.
    pub open: Money,
    /// The next step, when one is coming (possibly in the future).
    pub step: Option<Step>,
    /// Why it waits, when it does.
    pub excluded: Option<Exclusion>,
}

/// Judges every overdue invoice of a case on `as_of`: open, and past its
/// effective due date plus the grace days. Invoices not yet overdue are
/// left out.
pub fn judge(case: &Case, as_of: NaiveDate, settings: &Settings) -> Vec<InvoiceVerdict> {
    case.invoices
        .iter()
        .filter(|invoice| invoice.open.is_positive())
        .filter_map(|invoice| {
            let due_date = effective_due(case, invoice);
            if as_of <= due_date + Days::new(settings.grace_days) {
                return None;
            }
            let judge = Judge {
                case,
                invoice,
                as_of,
                settings,
                due_date,
            };
            let (step, excluded) = match judge.gate() {
                Some(exclusion) => (None, Some(exclusion)),
                None => judge.next(),
            };
            Some(InvoiceVerdict {
                number: invoice.number.clone(),
                stage: invoice.stage(),
                due_date,
                open: invoice.open,
                step,
                excluded,
            })
        })
        .collect()
}

/// The due date that counts: with own terms, invoice date + the customer's
/// term (`domain.md` §1.3 item 7); otherwise the ledger's.
fn effective_due(case: &Case, invoice: &CaseInvoice) -> NaiveDate {
    match (case.customer.own_terms, case.customer.payment_term_days) {
        (true, Some(days)) => u64::try_from(days)
            .ok()
            .and_then(|days| invoice.invoice_date.checked_add_days(Days::new(days)))
            .unwrap_or(invoice.due_date),
        _ => invoice.due_date,
    }
}

type Verdict = (Option<Step>, Option<Exclusion>);

struct Judge<'a> {
    case: &'a Case,
    invoice: &'a CaseInvoice,
    as_of: NaiveDate,
    settings: &'a Settings,
    due_date: NaiveDate,
}

impl Judge<'_> {
    /// The gate's checks that exclude whatever the ladder would say.
    fn gate(&self) -> Option<Exclusion> {
        let customer = &self.case.customer;
        if customer.stop_dunning {
            return Some(Exclusion::StopDunning);
        }
        if customer.own_terms {
            return Some(Exclusion::OwnTerms {
                term_days: customer.payment_term_days,
            });
        }
        if self.invoice.disputed {
            return Some(Exclusion::Dispute);
        }
        if self.invoice.credit_pending {
            return Some(Exclusion::CreditPending);
        }
        if !self.case.holds.is_empty() {
            return Some(Exclusion::Held(self.case.holds.clone()));
        }
        None
    }

    fn next(&self) -> Verdict {
        if let Some(plan) = self.plan()
            && let Some(verdict) = self.plan_path(plan)
        {
            return verdict;
        }
        let ladder = self.invoice.ladder();
        let since = ladder.map(|(_, date)| date);
        let calls: Vec<&CallRecord> = self
            .case
            .calls
            .iter()
            .filter(|call| call.invoices.contains(&self.invoice.number))
            .filter(|call| since.is_none_or(|since| call.at >= since))
            .collect();
        let stage = ladder.map_or(Stage::None, |(stage, _)| stage);
        if let Some(last) = calls.last()
            && (stage < Stage::Reminder2 || last.outcome != CallOutcome::NoAnswer)
        {
            return self.call_path(stage, &calls, last);
        }
        (self.ladder_path(ladder), None)
    }

    fn step(&self, action: Action, due: NaiveDate, reason: StepReason) -> Verdict {
        (
            Some(Step {
                action,
                due,
                reason,
                occasion: Occasion::Ladder,
            }),
            None,
        )
    }

    /// The next letter of the ladder itself.
    fn ladder_path(&self, ladder: Option<(Stage, NaiveDate)>) -> Option<Step> {
        let settings = self.settings;
        let calendar = &settings.calendar;
        let step = |action, due, reason| {
            Some(Step {
                action,
                due,
                reason,
                occasion: Occasion::Ladder,
            })
        };
        match ladder {
            None | Some((Stage::None | Stage::Call, _)) => step(
                Action::Reminder1,
                calendar.on_or_after(
                    self.due_date + Days::new(settings.grace_days + settings.reminder_1_after_days),
                ),
                StepReason::Overdue {
                    due_date: self.due_date,
                },
            ),
            Some((Stage::Reminder1, letter)) => {
                let term = calendar.add_days_to_working_day(letter, settings.reminder_term_days);
                let reason = StepReason::ReminderTermLapsed { letter, term };
                if self.case.customer.no_calls {
                    step(Action::Reminder2, calendar.next_after(term), reason)
                } else {
                    step(Action::Call, calendar.first_call_day_after(term), reason)
                }
            }
            Some((Stage::Reminder2, letter)) => {
                let customer = &self.case.customer;
                let start = if customer.consumer && !customer.fatal_term_agreed {
                    // The ingebrekestelling's term runs from presumed delivery (letters.md L2).
                    calendar.presumed_delivery(letter)
                } else {
                    letter
                };
                let term = calendar.add_days_to_working_day(start, settings.reminder_term_days);
                step(
                    Action::Demand,
                    calendar.next_after(term),
                    StepReason::SecondReminderTermLapsed { letter, term },
                )
            }
            Some((Stage::Demand, letter)) => {
                let term = self.demand_term(letter);
                step(
                    Action::Agency,
                    calendar.next_after(term),
                    StepReason::DemandTermLapsed { letter, term },
                )
            }
            Some((Stage::Agency, _)) => None,
        }
    }

    /// The last day of a demand's term: 14 days after the letter for a
    /// business; for a consumer 14 days from the day after presumed
    /// delivery (`domain.md` §2.3), plus the safety margin.
    fn demand_term(&self, letter: NaiveDate) -> NaiveDate {
        let calendar = &self.settings.calendar;
        if self.case.customer.consumer {
            calendar.consumer_term_end(letter) + Days::new(self.settings.consumer_margin_days)
        } else {
            calendar.add_days_to_working_day(letter, self.settings.demand_term_days)
        }
    }

    /// What the last call asks for.
    fn call_path(&self, stage: Stage, calls: &[&CallRecord], last: &CallRecord) -> Verdict {
        let calendar = &self.settings.calendar;
        let escalation = if stage >= Stage::Demand {
            Action::Agency
        } else {
            Action::Demand
        };
        let after_broken_promise = calls.iter().any(|call| {
            call.id != last.id
                && call.outcome == CallOutcome::Promise
                && call.promise_date.is_some_and(|promised| promised < last.at)
        }) && last.outcome != CallOutcome::Promise;
        let confirmed = self.case.letters.iter().find(|letter| {
            letter.action == Action::Confirmation && letter.occasion == Occasion::Call(last.id)
        });
        let confirm = || {
            (
                Some(Step {
                    action: Action::Confirmation,
                    due: calendar.on_or_after(last.at),
                    reason: StepReason::ConfirmCall {
                        call: last.at,
                        outcome: last.outcome,
                    },
                    occasion: Occasion::Call(last.id),
                }),
                None,
            )
        };
        match last.outcome {
            CallOutcome::NoAnswer if after_broken_promise => self.step(
                escalation,
                calendar.next_after(last.at),
                StepReason::AfterBrokenPromise { call: last.at },
            ),
            CallOutcome::NoAnswer => {
                let attempts = calls
                    .iter()
                    .rev()
                    .take_while(|call| call.outcome == CallOutcome::NoAnswer)
                    .count();
                let reason = StepReason::NoAnswer {
                    attempts,
                    last: last.at,
                };
                if attempts < self.settings.call_attempts {
                    self.step(Action::Call, calendar.first_call_day_after(last.at), reason)
                } else {
                    self.step(Action::Reminder2, calendar.next_after(last.at), reason)
                }
            }
            CallOutcome::Promise => {
                let promise = last.promise_date.unwrap_or(last.at);
                if confirmed.is_none() {
                    confirm()
                } else if self.as_of < calendar.next_after(promise) {
                    (None, Some(Exclusion::Promise { date: promise }))
                } else {
                    self.step(
                        Action::Call,
                        calendar.next_after(promise),
                        StepReason::PromiseBroken { promise },
                    )
                }
            }
            CallOutcome::NotReceived | CallOutcome::AwaitingApproval => match confirmed {
                None => confirm(),
                Some(letter) => self.step(
                    Action::Call,
                    calendar
                        .add_days_to_working_day(letter.as_of, self.settings.reminder_term_days),
                    StepReason::FollowUp {
                        since: letter.as_of,
                    },
                ),
            },
            CallOutcome::Dispute => self.step(
                Action::Call,
                calendar.next_after(last.at),
                StepReason::FollowUp { since: last.at },
            ),
            CallOutcome::PlanRequested => {
                let until =
                    calendar.add_days_to_working_day(last.at, self.settings.plan_request_days);
                if self.as_of < until {
                    (None, Some(Exclusion::PlanRequested { until }))
                } else {
                    self.step(Action::Call, until, StepReason::FollowUp { since: last.at })
                }
            }
            CallOutcome::SaysPaid | CallOutcome::Paid => {
                let until = calendar.next_after(calendar.next_after(last.at));
                if self.as_of < until {
                    (None, Some(Exclusion::SaysPaid { on: last.at, until }))
                } else if after_broken_promise {
                    self.step(
                        escalation,
                        until,
                        StepReason::AfterBrokenPromise { call: last.at },
                    )
                } else {
                    self.step(Action::Call, until, StepReason::FollowUp { since: last.at })
                }
            }
            CallOutcome::Refused => self.step(
                escalation,
                calendar.next_after(last.at),
                StepReason::Refused { call: last.at },
            ),
        }
    }

    /// The latest plan covering the invoice.
    fn plan(&self) -> Option<&PlanRecord> {
        self.case
            .plans
            .iter()
            .filter(|plan| plan.invoices.contains(&self.invoice.number))
            .max_by_key(|plan| (plan.agreed_at, plan.id))
    }

    /// A plan's verdict; `None` once the plan ended and its demand was made,
    /// so the ladder takes over again.
    fn plan_path(&self, plan: &PlanRecord) -> Option<Verdict> {
        let calendar = &self.settings.calendar;
        let confirmed = self.case.letters.iter().any(|letter| {
            letter.action == Action::PlanConfirmation && letter.occasion == Occasion::Plan(plan.id)
        });
        if !confirmed {
            return Some((
                Some(Step {
                    action: Action::PlanConfirmation,
                    due: calendar.on_or_after(plan.agreed_at),
                    reason: StepReason::PlanAgreed {
                        agreed: plan.agreed_at,
                    },
                    occasion: Occasion::Plan(plan.id),
                }),
                None,
            ));
        }
        let paid = |through: NaiveDate| -> Money {
            plan.payments
                .iter()
                .filter(|(date, _)| *date <= through)
                .map(|(_, amount)| *amount)
                .sum()
        };
        let mut cumulative = Money::ZERO;
        let mut missed = Vec::new();
        let mut next_due = None;
        for (due, amount) in &plan.instalments {
            cumulative += *amount;
            let checked_on = calendar.next_after(*due);
            if checked_on > self.as_of {
                if next_due.is_none() && paid(self.as_of) < cumulative {
                    next_due = Some(*due);
                }
                continue;
            }
            // Paid in time when the money arrived before the working day after the date.
            if paid(checked_on - Days::new(1)) < cumulative {
                missed.push((*due, *amount, checked_on));
            }
        }
        match missed.as_slice() {
            [] => Some((None, Some(Exclusion::PaymentPlan { next_due }))),
            [(due, amount, checked_on)] => {
                let called = self.case.calls.iter().any(|call| {
                    call.at >= *checked_on && call.invoices.contains(&self.invoice.number)
                });
                if called {
                    Some((None, Some(Exclusion::PaymentPlan { next_due })))
                } else {
                    Some(self.step(
                        Action::InstalmentCall,
                        *checked_on,
                        StepReason::InstalmentMissed {
                            due: *due,
                            amount: *amount,
                        },
                    ))
                }
            }
            [_, (due, _, checked_on), ..] => {
                let demanded = self
                    .invoice
                    .stages
                    .iter()
                    .any(|(stage, date)| *stage >= Stage::Demand && *date >= *checked_on);
                if demanded {
                    None
                } else {
                    Some(self.step(
                        Action::Demand,
                        *checked_on,
                        StepReason::PlanEnded { due: *due },
                    ))
                }
            }
        }
    }
}
