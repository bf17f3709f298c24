//! A customer's case as the engine sees it: plain values read from the book
//! by the use cases, nothing the engine has to look up itself.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use super::Stage;
use crate::money::Money;

/// A code that names no action or call outcome.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{code}' is not {what} (expected one of: {expected})")]
pub struct UnknownCode {
    /// What was read.
    pub code: String,
    /// What kind of code was expected.
    pub what: &'static str,
    /// The codes that are accepted.
    pub expected: &'static str,
}

/// What to do next for a customer: the contract's `action` codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    /// The first, friendly reminder with a new term (L1).
    Reminder1,
    /// The prepared phone call.
    Call,
    /// The second, firm reminder; for consumers also the *ingebrekestelling* (L2).
    Reminder2,
    /// The letter confirming what was agreed by phone (L3).
    Confirmation,
    /// The letter confirming a payment plan (L4).
    PlanConfirmation,
    /// The call on the working day after a missed instalment.
    InstalmentCall,
    /// The formal demand: *aanmaning*, for consumers the *veertiendagenbrief* (L5).
    Demand,
    /// The hand-over to a collection agency and its notice (L6); only when a person confirms.
    Agency,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 8] = [
        Action::Reminder1,
        Action::Call,
        Action::Reminder2,
        Action::Confirmation,
        Action::PlanConfirmation,
        Action::InstalmentCall,
        Action::Demand,
        Action::Agency,
    ];

    /// The contract's code, e.g. `reminder_1`.
    pub fn code(self) -> &'static str {
        match self {
            Action::Reminder1 => "reminder_1",
            Action::Call => "call",
            Action::Reminder2 => "reminder_2",
            Action::Confirmation => "confirmation",
            Action::PlanConfirmation => "plan_confirmation",
            Action::InstalmentCall => "instalment_call",
            Action::Demand => "demand",
            Action::Agency => "agency",
        }
    }

    /// True when the action is carried out by a letter (calls are not).
    pub fn is_letter(self) -> bool {
        !matches!(self, Action::Call | Action::InstalmentCall)
    }

    /// The ladder stage a letter of this action puts its invoices on, if it
    /// moves them (confirmations and plan letters leave the stage alone).
    pub fn stage(self) -> Option<Stage> {
        match self {
            Action::Reminder1 => Some(Stage::Reminder1),
            Action::Call | Action::InstalmentCall => Some(Stage::Call),
            Action::Reminder2 => Some(Stage::Reminder2),
            Action::Demand => Some(Stage::Demand),
            Action::Agency => Some(Stage::Agency),
            Action::Confirmation | Action::PlanConfirmation => None,
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Action {
    type Err = UnknownCode;

    fn from_str(code: &str) -> Result<Action, UnknownCode> {
        Action::ALL
            .into_iter()
            .find(|action| action.code() == code)
            .ok_or_else(|| UnknownCode {
                code: code.to_owned(),
                what: "a dunning action",
                expected: "reminder_1, call, reminder_2, confirmation, plan_confirmation, instalment_call, demand, agency",
            })
    }
}

/// How a phone call went (`domain.md` §1.4, the contract's `--outcome`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CallOutcome {
    /// No answer, voicemail, unreachable.
    NoAnswer,
    /// The customer never received the invoice: it is sent again.
    NotReceived,
    /// Payment awaits the customer's internal approval.
    AwaitingApproval,
    /// The customer disputes the delivery or the invoice.
    Dispute,
    /// A promise to pay by a date.
    Promise,
    /// The customer asks for a payment plan.
    PlanRequested,
    /// The customer says it was paid: check the bank, ask for proof.
    SaysPaid,
    /// The customer refuses to pay.
    Refused,
    /// Paid during the call (e.g. by card or an instant transfer).
    Paid,
}

impl CallOutcome {
    /// Every outcome.
    pub const ALL: [CallOutcome; 9] = [
        CallOutcome::NoAnswer,
        CallOutcome::NotReceived,
        CallOutcome::AwaitingApproval,
        CallOutcome::Dispute,
        CallOutcome::Promise,
        CallOutcome::PlanRequested,
        CallOutcome::SaysPaid,
        CallOutcome::Refused,
        CallOutcome::Paid,
    ];

    /// The contract's code, e.g. `no_answer`.
    pub fn code(self) -> &'static str {
        match self {
            CallOutcome::NoAnswer => "no_answer",
            CallOutcome::NotReceived => "not_received",
            CallOutcome::AwaitingApproval => "awaiting_approval",
            CallOutcome::Dispute => "dispute",
            CallOutcome::Promise => "promise",
            CallOutcome::PlanRequested => "plan_requested",
            CallOutcome::SaysPaid => "says_paid",
            CallOutcome::Refused => "refused",
            CallOutcome::Paid => "paid",
        }
    }
}

impl fmt::Display for CallOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for CallOutcome {
    type Err = UnknownCode;

    fn from_str(code: &str) -> Result<CallOutcome, UnknownCode> {
        CallOutcome::ALL
            .into_iter()
            .find(|outcome| outcome.code() == code)
            .ok_or_else(|| UnknownCode {
                code: code.to_owned(),
                what: "a call outcome",
                expected: "no_answer, not_received, awaiting_approval, dispute, promise, plan_requested, says_paid, refused, paid",
            })
    }
}

/// A call as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallRecord {
    /// Book id.
    pub id: i64,
    /// The day of the call.
    pub at: NaiveDate,
    /// How it went.
    pub outcome: CallOutcome,
    /// The date promised, for [`CallOutcome::Promise`].
    pub promise_date: Option<NaiveDate>,
    /// The invoices the call was about.
    pub invoices: Vec<String>,
}

/// What makes a letter of a stage and invoice set distinct from an earlier
/// one: the ladder's letters exist once per set; a confirmation answers one
/// call and a plan letter one plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Occasion {
    /// A letter of the ladder itself.
    Ladder,
    /// The confirmation of the call with this id.
    Call(i64),
    /// The confirmation of the plan with this id.
    Plan(i64),
}

impl Occasion {
    /// The stored form: empty, `call:ID` or `plan:ID`.
    pub fn code(self) -> String {
        match self {
            Occasion::Ladder => String::new(),
            Occasion::Call(id) => format!("call:{id}"),
            Occasion::Plan(id) => format!("plan:{id}"),
        }
    }

    /// Reads the stored form; anything unreadable is a ladder letter.
    pub fn parse(code: &str) -> Occasion {
        let id = |text: &str| text.parse::<i64>().ok();
        match code.split_once(':') {
            Some(("call", rest)) => id(rest).map_or(Occasion::Ladder, Occasion::Call),
            Some(("plan", rest)) => id(rest).map_or(Occasion::Ladder, Occasion::Plan),
            _ => Occasion::Ladder,
        }
    }
}

/// A letter made earlier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterRecord {
    /// Book id.
    pub id: i64,
    /// The action it carried out.
    pub action: Action,
    /// The letter date.
    pub as_of: NaiveDate,
    /// The invoices it covered.
    pub invoices: Vec<String>,
    /// What it answered.
    pub occasion: Occasion,
}

/// A payment plan as agreed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRecord {
    /// Book id.
    pub id: i64,
    /// The day it was agreed.
    pub agreed_at: NaiveDate,
    /// The instalments, in date order.
    pub instalments: Vec<(NaiveDate, Money)>,
    /// The invoices it covers.
    pub invoices: Vec<String>,
    /// Booked payments on those invoices since the plan was agreed: (booking date, amount).
    pub payments: Vec<(NaiveDate, Money)>,
}

/// The customer, as far as the ladder cares.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseCustomer {
    /// Customer code.
    pub code: String,
    /// Name.
    pub name: String,
    /// A consumer (B2C).
    pub consumer: bool,
    /// A regular customer with own agreed terms: left alone.
    pub own_terms: bool,
    /// The own agreed term in days.
    pub payment_term_days: Option<i64>,
    /// Skip the phone call.
    pub no_calls: bool,
    /// No dunning at all.
    pub stop_dunning: bool,
    /// A fatal term was agreed (no *ingebrekestelling* needed).
    pub fatal_term_agreed: bool,
}

/// One open invoice of the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseInvoice {
    /// Invoice number.
    pub number: String,
    /// Invoice date.
    pub invoice_date: NaiveDate,
    /// Due date as the ledger gives it.
    pub due_date: NaiveDate,
    /// What is still open (principal).
    pub open: Money,
    /// Disputed (*geschil*): excluded until lifted.
    pub disputed: bool,
    /// A credit note for it is still open.
    pub credit_pending: bool,
    /// The ladder stages it reached, with the day each was reached.
    pub stages: Vec<(Stage, NaiveDate)>,
    /// Booked payments on it: (booking date, amount).
    pub payments: Vec<(NaiveDate, Money)>,
}

impl CaseInvoice {
    /// The furthest stage reached.
    pub fn stage(&self) -> Stage {
        self.stages
            .iter()
            .map(|(stage, _)| *stage)
            .max()
            .unwrap_or_default()
    }

    /// The furthest letter stage reached (calls are side steps) and the
    /// latest day it was reached on.
    pub fn ladder(&self) -> Option<(Stage, NaiveDate)> {
        self.stages
            .iter()
            .filter(|(stage, _)| *stage != Stage::Call && *stage != Stage::None)
            .max_by_key(|(stage, date)| (*stage, *date))
            .copied()
    }

    /// What was paid on it up to and including `date`.
    pub fn paid_through(&self, date: NaiveDate) -> Money {
        self.payments
            .iter()
            .filter(|(booked, _)| *booked <= date)
            .map(|(_, amount)| *amount)
            .sum()
    }
}

/// Everything the engine needs about one customer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Case {
    /// The customer.
    pub customer: CaseCustomer,
    /// The customer's open invoices (credit notes excluded).
    pub invoices: Vec<CaseInvoice>,
    /// Calls, in the order recorded.
    pub calls: Vec<CallRecord>,
    /// Letters made, in the order made.
    pub letters: Vec<LetterRecord>,
    /// Payment plans, in the order agreed.
    pub plans: Vec<PlanRecord>,
    /// Why the gate holds this customer (unplaced payments that point to
    /// them, pending suggestions), from matching's evidence.
    pub holds: Vec<super::Hold>,
}
