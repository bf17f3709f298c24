//! A person's decisions on a transaction — confirm, reject, allocate
//! (re-assign or split), not a customer payment, undo — as pure rules: the
//! transaction as it stands in, the [`Change`] to write out, or why not.
//!
//! A booking by a person teaches the payer's IBAN for the one customer the
//! transaction then pays, unless the account is shared (a payment provider,
//! factoring) or the payer pays on someone else's behalf.

use crate::allocation::{Change, DecisionKind, Named, Part, Restate, State, Transaction};
use crate::customer::Language;
use crate::dunning::Text;
use crate::letters::format;
use crate::money::Money;

use super::engine::{looks_shared, normalise_iban};

/// Why a person's decision cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// No transaction with this id.
    #[error("there is no bank transaction {0}")]
    UnknownTransaction(i64),
    /// No invoice with this number.
    #[error("there is no invoice {0}")]
    UnknownInvoice(String),
    /// The same invoice twice in one split.
    #[error("invoice {0} appears twice in the split; give it one part")]
    TwiceInSplit(String),
    /// Nothing suggested to confirm.
    #[error("transaction {0} has no suggestion to confirm (allocate it instead)")]
    NothingToConfirm(i64),
    /// Nothing booked or suggested to reject.
    #[error("transaction {0} has no match to reject")]
    NothingToReject(i64),
    /// Allocations that do not fit the transaction.
    #[error(
        "allocations of {allocated} do not fit transaction {transaction} of {amount} (same sign, at most the amount)"
    )]
    DoesNotFit {
        /// The transaction.
        transaction: i64,
        /// Its amount.
        amount: Money,
        /// What was to be allocated.
        allocated: Money,
    },
    /// A part beyond what its invoice has open: money would go missing.
    #[error(
        "invoice {invoice} has {open} open, less than {part}; allocate at most {open} to it and leave the rest as the customer's credit"
    )]
    MoreThanOpen {
        /// The invoice.
        invoice: String,
        /// What it has open (not counting this transaction).
        open: Money,
        /// What was to be allocated to it.
        part: Money,
    },
    /// No decision with this id.
    #[error("there is no decision {0}")]
    UnknownDecision(i64),
    /// The decision was undone already.
    #[error("decision {0} was undone already")]
    AlreadyUndone(i64),
    /// A later decision on the same transaction must be undone first.
    #[error(
        "undo decision {later} first: it came after decision {decision} on the same transaction"
    )]
    NotLatest {
        /// The decision asked for.
        decision: i64,
        /// The later one still in force.
        later: i64,
    },
}

impl Refusal {
    /// The refusal in English and Dutch, for a face that speaks the
    /// person's language (the CLI keeps the English `Display`).
    pub fn text(&self) -> Text {
        let money = |amount: &Money| format::money(*amount, Language::Nl);
        let nl = match self {
            Refusal::UnknownTransaction(id) => format!("er is geen banktransactie {id}"),
            Refusal::UnknownInvoice(number) => format!("er is geen factuur {number}"),
            Refusal::TwiceInSplit(number) => {
                format!("factuur {number} staat twee keer in de verdeling; geef haar één deel")
            }
            Refusal::NothingToConfirm(id) => {
                format!("transactie {id} heeft geen voorstel om te bevestigen (wijs haar zelf toe)")
            }
            Refusal::NothingToReject(id) => {
                format!("transactie {id} heeft geen koppeling om af te wijzen")
            }
            Refusal::DoesNotFit {
                transaction,
                amount,
                allocated,
            } => format!(
                "{} past niet in transactie {transaction} van {} (zelfde teken, hoogstens het bedrag)",
                money(allocated),
                money(amount)
            ),
            Refusal::MoreThanOpen {
                invoice,
                open,
                part,
            } => format!(
                "factuur {invoice} heeft {} open, minder dan {}; wijs er hoogstens {} aan toe en laat de rest als tegoed van de klant staan",
                money(open),
                money(part),
                money(open)
            ),
            Refusal::UnknownDecision(id) => format!("er is geen beslissing {id}"),
            Refusal::AlreadyUndone(id) => format!("beslissing {id} is al ongedaan gemaakt"),
            Refusal::NotLatest { decision, later } => format!(
                "maak eerst beslissing {later} ongedaan: die kwam na beslissing {decision} op dezelfde transactie"
            ),
        };
        Text::new(self.to_string(), nl)
    }
}

/// A decision as the book holds it, for [`undo`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taken {
    /// It was undone already.
    pub undone: bool,
    /// A later decision on the same transaction still in force.
    pub later: Option<i64>,
}

/// Booked and suggested allocations move to rejected.
fn reject_all() -> Restate {
    Restate {
        from: vec![State::Booked, State::Suggested],
        to: State::Rejected,
    }
}

/// The suggestions on `transaction` are right: they become booked.
///
/// # Errors
/// [`Refusal::NothingToConfirm`] when nothing is suggested.
pub fn confirm(transaction: &Transaction, shared_account: bool) -> Result<Change, Refusal> {
    if !transaction
        .allocations
        .iter()
        .any(|held| held.state == State::Suggested)
    {
        return Err(Refusal::NothingToConfirm(transaction.id));
    }
    let paid: Vec<i64> = transaction
        .allocations
        .iter()
        .filter(|held| matches!(held.state, State::Suggested | State::Booked))
        .map(|held| held.customer_id)
        .collect();
    Ok(Change {
        kind: DecisionKind::Confirm,
        restate: Some(Restate {
            from: vec![State::Suggested],
            to: State::Booked,
        }),
        parts: Vec::new(),
        reason: (String::new(), String::new()),
        not_customer_payment: None,
        learn: learnable(transaction, &paid, shared_account),
        detail: None,
    })
}

/// What is booked or suggested on `transaction` is wrong: those invoices
/// reopen and are never proposed for it again.
///
/// # Errors
/// [`Refusal::NothingToReject`] when nothing is booked or suggested.
pub fn reject(transaction: &Transaction) -> Result<Change, Refusal> {
    if !transaction
        .allocations
        .iter()
        .any(|held| held.state != State::Rejected)
    {
        return Err(Refusal::NothingToReject(transaction.id));
    }
    Ok(Change {
        kind: DecisionKind::Reject,
        restate: Some(reject_all()),
        parts: Vec::new(),
        reason: (String::new(), String::new()),
        not_customer_payment: None,
        learn: None,
        detail: None,
    })
}

/// Allocates `transaction` by hand to the `requested` invoices (number and
/// amount), found in the book as `named` (same order; `None` when unknown).
/// What was booked or suggested is rejected; the parts are booked. Amounts
/// carry the transaction's sign and add up to at most its amount; a
/// payment's part never exceeds what its invoice has open (what is left
/// over stays on the transaction: the customer's credit).
///
/// # Errors
/// [`Refusal::TwiceInSplit`], [`Refusal::DoesNotFit`],
/// [`Refusal::UnknownInvoice`], [`Refusal::MoreThanOpen`], checked in that
/// order.
pub fn allocate(
    transaction: &Transaction,
    requested: &[(String, Money)],
    named: &[Option<Named>],
    actor: &str,
    shared_account: bool,
) -> Result<Change, Refusal> {
    let mut numbers: Vec<&str> = requested
        .iter()
        .map(|(number, _)| number.as_str())
        .collect();
    numbers.sort_unstable();
    if let Some(pair) = numbers.windows(2).find(|pair| pair.first() == pair.get(1)) {
        let number = pair.first().copied().unwrap_or_default();
        return Err(Refusal::TwiceInSplit(number.to_owned()));
    }
    let amount = transaction.amount;
    let allocated: Money = requested.iter().map(|(_, part)| *part).sum();
    let same_sign = requested.iter().all(|(_, part)| {
        (part.is_positive() && amount.is_positive()) || (part.is_negative() && amount.is_negative())
    });
    if requested.is_empty() || !same_sign || allocated.decimal().abs() > amount.decimal().abs() {
        return Err(Refusal::DoesNotFit {
            transaction: transaction.id,
            amount,
            allocated,
        });
    }
    let mut parts = Vec::with_capacity(requested.len());
    let mut paid = Vec::with_capacity(requested.len());
    for ((number, part), found) in requested.iter().zip(named) {
        let found = found.ok_or_else(|| Refusal::UnknownInvoice(number.clone()))?;
        if part.is_positive() && *part > found.open.max(Money::from_cents(0)) {
            return Err(Refusal::MoreThanOpen {
                invoice: number.clone(),
                open: found.open.max(Money::from_cents(0)),
                part: *part,
            });
        }
        parts.push(Part {
            invoice_id: found.invoice_id,
            amount: *part,
        });
        paid.push(found.customer_id);
    }
    if parts.len() < requested.len() {
        let missing = requested.get(parts.len()).map(|(number, _)| number.clone());
        return Err(Refusal::UnknownInvoice(missing.unwrap_or_default()));
    }
    let detail: Vec<String> = requested
        .iter()
        .map(|(number, part)| format!("{number} {part}"))
        .collect();
    Ok(Change {
        kind: DecisionKind::Allocate,
        restate: Some(reject_all()),
        parts,
        reason: (
            format!("allocated by {actor}"),
            format!("toegewezen door {actor}"),
        ),
        not_customer_payment: None,
        learn: learnable(transaction, &paid, shared_account),
        detail: Some(detail.join(", ")),
    })
}

/// What a re-assignment to one invoice books: the transaction's whole
/// amount, or what the invoice still has open when that is less (the rest
/// stays a credit on the customer).
pub fn reassigned(amount: Money, open: Money) -> Money {
    if amount.is_positive() && open.is_positive() {
        amount.min(open)
    } else {
        amount
    }
}

/// `transaction` is not a customer payment: what was booked or suggested is
/// rejected and matching leaves it alone.
pub fn ignore() -> Change {
    Change {
        kind: DecisionKind::Ignore,
        restate: Some(reject_all()),
        parts: Vec::new(),
        reason: (String::new(), String::new()),
        not_customer_payment: Some(true),
        learn: None,
        detail: Some("not a customer payment".to_owned()),
    }
}

/// Whether decision `id`, as the book holds it (`None`: unknown), can be
/// undone: only the latest decision in force on a transaction can.
///
/// # Errors
/// [`Refusal::UnknownDecision`], [`Refusal::AlreadyUndone`],
/// [`Refusal::NotLatest`].
pub fn undo(id: i64, taken: Option<Taken>) -> Result<(), Refusal> {
    let taken = taken.ok_or(Refusal::UnknownDecision(id))?;
    if taken.undone {
        return Err(Refusal::AlreadyUndone(id));
    }
    match taken.later {
        Some(later) => Err(Refusal::NotLatest {
            decision: id,
            later,
        }),
        None => Ok(()),
    }
}

/// The payer's IBAN for the one customer in `paid`, unless the account is
/// shared or the payer pays for someone else.
fn learnable(
    transaction: &Transaction,
    paid: &[i64],
    shared_account: bool,
) -> Option<(String, i64)> {
    let payer = &transaction.payer;
    let iban = payer
        .iban
        .as_deref()
        .map(normalise_iban)
        .filter(|iban| !iban.is_empty())?;
    if shared_account
        || looks_shared(
            payer.name.as_deref(),
            payer.remittance.as_deref(),
            payer.ultimate_debtor.as_deref(),
        )
    {
        return None;
    }
    let mut customers = paid.to_vec();
    customers.sort_unstable();
    customers.dedup();
    match customers.as_slice() {
        [customer] => Some((iban, *customer)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allocation::{Held, Payer};

    fn transaction(amount: i64, allocations: &[(i64, State)]) -> Transaction {
        Transaction {
            id: 7,
            amount: Money::from_cents(amount),
            payer: Payer {
                iban: Some("nl91 abna 0417 1643 00".to_owned()),
                name: Some("Jansen BV".to_owned()),
                remittance: None,
                ultimate_debtor: None,
            },
            allocations: allocations
                .iter()
                .map(|(customer_id, state)| Held {
                    customer_id: *customer_id,
                    state: *state,
                })
                .collect(),
        }
    }

    #[test]
    fn confirming_books_the_suggestions_and_learns_the_one_customers_iban() {
        let change = confirm(&transaction(100, &[(3, State::Suggested)]), false);
        let change = change.ok();
        assert_eq!(
            change.as_ref().and_then(|change| change.learn.clone()),
            Some(("NL91ABNA0417164300".to_owned(), 3))
        );
        assert_eq!(
            change.and_then(|change| change.restate).map(|r| r.to),
            Some(State::Booked)
        );
    }

    #[test]
    fn nothing_is_learned_from_a_shared_account_or_for_two_customers() {
        let one = transaction(100, &[(3, State::Suggested)]);
        assert_eq!(confirm(&one, true).ok().and_then(|c| c.learn), None);
        let two = transaction(100, &[(3, State::Suggested), (4, State::Booked)]);
        assert_eq!(confirm(&two, false).ok().and_then(|c| c.learn), None);
    }

    #[test]
    fn confirming_without_a_suggestion_is_refused() {
        assert_eq!(
            confirm(&transaction(100, &[(3, State::Booked)]), false),
            Err(Refusal::NothingToConfirm(7))
        );
        assert_eq!(
            reject(&transaction(100, &[(3, State::Rejected)])),
            Err(Refusal::NothingToReject(7))
        );
    }

    #[test]
    fn a_split_is_checked_for_twins_then_fit_then_unknown_invoices() {
        let paid = transaction(10_000, &[]);
        let known = Some(Named {
            invoice_id: 1,
            customer_id: 3,
            open: Money::from_cents(500),
        });
        let twice = [
            ("A".to_owned(), Money::from_cents(10)),
            ("A".to_owned(), Money::from_cents(10)),
        ];
        assert_eq!(
            allocate(&paid, &twice, &[known, known], "me", false),
            Err(Refusal::TwiceInSplit("A".to_owned()))
        );
        let too_much = [("A".to_owned(), Money::from_cents(10_001))];
        assert!(matches!(
            allocate(&paid, &too_much, &[None], "me", false),
            Err(Refusal::DoesNotFit { .. })
        ));
        let unknown = [("B".to_owned(), Money::from_cents(500))];
        assert_eq!(
            allocate(&paid, &unknown, &[None], "me", false),
            Err(Refusal::UnknownInvoice("B".to_owned()))
        );
        let fits = [("A".to_owned(), Money::from_cents(500))];
        let change = allocate(&paid, &fits, &[known], "me", false).ok();
        assert_eq!(change.map(|change| change.parts.len()), Some(1));
        let beyond = [("A".to_owned(), Money::from_cents(501))];
        assert_eq!(
            allocate(&paid, &beyond, &[known], "me", false),
            Err(Refusal::MoreThanOpen {
                invoice: "A".to_owned(),
                open: Money::from_cents(500),
                part: Money::from_cents(501),
            })
        );
    }

    #[test]
    fn every_refusal_is_said_in_dutch_too() {
        let beyond = Refusal::MoreThanOpen {
            invoice: "2026-0143".to_owned(),
            open: Money::from_cents(54_450),
            part: Money::from_cents(60_500),
        };
        let text = beyond.text();
        assert!(
            text.en.starts_with("invoice 2026-0143 has 544.50 open"),
            "{}",
            text.en
        );
        assert_eq!(
            text.nl,
            "factuur 2026-0143 heeft € 544,50 open, minder dan € 605,00; wijs er hoogstens € 544,50 aan toe en laat de rest als tegoed van de klant staan"
        );
        assert_eq!(
            Refusal::UnknownInvoice("143".to_owned()).text().nl,
            "er is geen factuur 143"
        );
    }

    #[test]
    fn a_reassignment_books_at_most_what_is_open() {
        let amount = Money::from_cents(10_000);
        assert_eq!(
            reassigned(amount, Money::from_cents(4_000)),
            Money::from_cents(4_000)
        );
        assert_eq!(reassigned(amount, Money::from_cents(0)), amount);
    }

    #[test]
    fn only_the_latest_decision_in_force_can_be_undone() {
        assert_eq!(undo(5, None), Err(Refusal::UnknownDecision(5)));
        let undone = Taken {
            undone: true,
            later: None,
        };
        assert_eq!(undo(5, Some(undone)), Err(Refusal::AlreadyUndone(5)));
        let later = Taken {
            undone: false,
            later: Some(6),
        };
        assert_eq!(
            undo(5, Some(later)),
            Err(Refusal::NotLatest {
                decision: 5,
                later: 6
            })
        );
    }
}
