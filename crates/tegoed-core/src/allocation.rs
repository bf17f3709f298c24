//! Allocations (*toewijzingen*): the part of a bank transaction applied to
//! one invoice, and a person's decision on a transaction as the change it
//! makes. Shared vocabulary of the matching rules (which decide), the book
//! (which stores) and the reconcile use case (which joins them).

use std::fmt;
use std::str::FromStr;

use crate::money::Money;

/// Where an allocation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// Proposed; awaits a person.
    Suggested,
    /// Booked: the invoice counts as paid by this much.
    Booked,
    /// Rejected by a person: never proposed for this transaction again.
    Rejected,
}

impl State {
    /// The word stored in the book.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Suggested => "suggested",
            State::Booked => "booked",
            State::Rejected => "rejected",
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// A stored allocation state that is none of the three.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown allocation state {0:?}")]
pub struct UnknownState(pub String);

impl FromStr for State {
    type Err = UnknownState;

    fn from_str(text: &str) -> Result<State, UnknownState> {
        match text {
            "suggested" => Ok(State::Suggested),
            "booked" => Ok(State::Booked),
            "rejected" => Ok(State::Rejected),
            other => Err(UnknownState(other.to_owned())),
        }
    }
}

/// The kind of decision a person takes on a transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionKind {
    /// The suggestions are right: book them.
    Confirm,
    /// What is booked or suggested is wrong.
    Reject,
    /// Allocate by hand: re-assign or split.
    Allocate,
    /// Not a customer payment.
    Ignore,
}

impl DecisionKind {
    /// The word stored in the book and used in the audit log (`match.<kind>`).
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Confirm => "confirm",
            DecisionKind::Reject => "reject",
            DecisionKind::Allocate => "allocate",
            DecisionKind::Ignore => "ignore",
        }
    }
}

/// The payer as the bank named them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Payer {
    /// Counterparty IBAN as written.
    pub iban: Option<String>,
    /// Counterparty name.
    pub name: Option<String>,
    /// Remittance text.
    pub remittance: Option<String>,
    /// Ultimate debtor (paid on behalf of).
    pub ultimate_debtor: Option<String>,
}

/// An allocation a transaction holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// The invoice's customer.
    pub customer_id: i64,
    /// Where it stands.
    pub state: State,
}

/// A transaction as a decision meets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    /// Book id.
    pub id: i64,
    /// Signed amount, money in positive.
    pub amount: Money,
    /// Who paid.
    pub payer: Payer,
    /// What it holds now.
    pub allocations: Vec<Held>,
}

/// An invoice a person names in a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    /// Book id.
    pub invoice_id: i64,
    /// Its customer.
    pub customer_id: i64,
    /// What it has open, not counting the transaction decided on.
    pub open: Money,
}

/// A new booked allocation a decision makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The invoice.
    pub invoice_id: i64,
    /// Amount applied, with the transaction's sign.
    pub amount: Money,
}

/// What a decision changes on one transaction, for the book to write in one
/// transaction with a snapshot of what was there before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The kind, stored with the decision.
    pub kind: DecisionKind,
    /// Allocations in any of these states move to `to`.
    pub restate: Option<Restate>,
    /// New booked allocations, made by a person with full confidence.
    pub parts: Vec<Part>,
    /// The reason the new allocations carry, in English and Dutch.
    pub reason: (String, String),
    /// Sets the transaction's not-a-customer-payment flag.
    pub not_customer_payment: Option<bool>,
    /// An IBAN (normalised) to learn for a customer.
    pub learn: Option<(String, i64)>,
    /// The audit log's detail after "decision N".
    pub detail: Option<String>,
}

/// Allocations in `from` states become `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restate {
    /// The states that move.
    pub from: Vec<State>,
    /// Where they move to.
    pub to: State,
}

#[cfg(test)]
mod tests {
    use super::State;

    #[test]
    fn states_round_trip_through_their_stored_words() {
        for state in [State::Suggested, State::Booked, State::Rejected] {
            assert_eq!(state.as_str().parse::<State>(), Ok(state));
        }
        assert!("paid".parse::<State>().is_err());
    }
}
