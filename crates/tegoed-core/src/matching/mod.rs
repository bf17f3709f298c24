//! Matching payments to invoices (*afletteren*, `domain.md` §5): automatic
//! where certain, explained always.
//!
//! The engine is pure: [`propose`] takes plain inputs — the open items
//! ([`OpenItem`]), the payments to place ([`Payment`]), what is known about
//! customers ([`Knowledge`]) and the [`Settings`] — and returns one
//! [`Proposal`] per payment it could place, each with its allocations, a
//! confidence, whether it may be booked without a person, and a one-line
//! reason. It reads no book and never fails on odd data: what it cannot
//! place it leaves out.
//!
//! Where each rule lives:
//! - references in text and fields: [`crate::reference`] (validation) and
//!   `engine` (look-up of references we issued);
//! - invoice numbers as written: [`number`] (tokeniser and index);
//! - names: [`name`] (normalisation and Jaro-Winkler token similarity);
//! - combined payments: [`combination`] (bounded subset-sum);
//! - confidence and auto-booking: [`score`] (the table);
//! - a person's decisions (confirm, reject, allocate, ignore, undo, IBAN
//!   learning): [`decision`];
//! - reading and writing the book: `crate::book::matching`, joined with
//!   these rules by the use case `crate::reconcile`.

pub mod combination;
pub mod decision;
mod engine;
pub mod name;
pub mod number;
pub mod reason;
pub mod score;

use chrono::NaiveDate;

use crate::customer::Language;
use crate::money::Money;

pub use engine::{
    AMOUNT_POINTER_CUSTOMERS, Pointer, detect_reversal, normalise_iban, pointers, propose,
};
pub use reason::ReasonPart;
pub use score::{Confidence, Evidence};

/// An open item (*openstaande post*): an invoice or credit note with
/// something still open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenItem {
    /// Book id of the invoice.
    pub invoice_id: i64,
    /// Invoice number as the ledger writes it.
    pub number: String,
    /// Book id of the customer.
    pub customer_id: i64,
    /// What is still open: negative for a credit note.
    pub open: Money,
    /// Invoice date.
    pub invoice_date: NaiveDate,
    /// Effective due date.
    pub due_date: NaiveDate,
    /// ISO currency code.
    pub currency: String,
    /// The payment reference printed on the invoice (kenmerk, RF or OGM).
    pub reference: Option<String>,
    /// A credit note rather than an invoice.
    pub credit_note: bool,
    /// The customer disputes it: never booked automatically.
    pub disputed: bool,
    /// Agreed instalments of a payment plan: due date and amount.
    pub instalments: Vec<(NaiveDate, Money)>,
}

/// Why a debit is a return of an earlier payment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reversal {
    /// The bank's reason code (`AC04` closed, `AC06` blocked, `MD06` debtor
    /// refund, `MS03` unspecified), when given.
    pub reason: Option<String>,
}

/// A bank transaction to place.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Payment {
    /// Book id of the transaction.
    pub transaction_id: i64,
    /// Booking date.
    pub booking_date: NaiveDate,
    /// Signed amount: money in positive.
    pub amount: Money,
    /// ISO currency code.
    pub currency: String,
    /// Counterparty name.
    pub counterparty_name: Option<String>,
    /// Counterparty IBAN.
    pub counterparty_iban: Option<String>,
    /// Remittance text, unwrapped.
    pub remittance: Option<String>,
    /// Structured reference from its own field.
    pub structured_reference: Option<String>,
    /// SEPA end-to-end id.
    pub end_to_end_id: Option<String>,
    /// The party the payer pays for (camt `UltmtDbtr`): when it is not the
    /// payer, the payer's IBAN is a shared (provider, factoring) account.
    pub ultimate_debtor: Option<String>,
    /// Known to be a return or chargeback (camt `RvslInd`, a return reason).
    pub reversal: Option<Reversal>,
    /// Invoices a person rejected for this transaction: never proposed again.
    pub rejected_invoices: Vec<i64>,
    /// A person already decided something on this transaction: automatic
    /// results are suggestions only.
    pub person_decided: bool,
}

/// A customer as the engine needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    /// Book id.
    pub id: i64,
    /// Customer code.
    pub code: String,
    /// Name.
    pub name: String,
}

/// An earlier customer payment with its booked allocations, so that a
/// return can reopen what it paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierPayment {
    /// Book id of the transaction.
    pub transaction_id: i64,
    /// Booking date.
    pub booking_date: NaiveDate,
    /// The amount received (positive).
    pub amount: Money,
    /// Counterparty IBAN.
    pub counterparty_iban: Option<String>,
    /// SEPA end-to-end id.
    pub end_to_end_id: Option<String>,
    /// What it paid.
    pub allocations: Vec<Allocation>,
}

/// What is known about customers beyond their invoices.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Knowledge {
    /// Every customer.
    pub customers: Vec<Customer>,
    /// IBANs known to belong to a customer: from the customer sheet or
    /// learned from confirmed matches. An IBAN listed for two customers
    /// counts for neither.
    pub ibans: Vec<(String, i64)>,
    /// Accounts of payment providers and factoring companies that pay on
    /// behalf of many: their IBAN says nothing about the customer.
    pub shared_ibans: Vec<String>,
    /// Earlier customer payments with what they paid.
    pub earlier: Vec<EarlierPayment>,
}

/// The matching settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// At or above this confidence an eligible proposal is booked without a person.
    pub auto_threshold: Confidence,
    /// A payment short by at most this much (bank costs) counts as paid in
    /// full for scoring; the shortfall stays open.
    pub tolerance: Money,
    /// The same tolerance in permille of the amount; the larger applies.
    pub tolerance_permille: u16,
    /// Names alike at or above this similarity, in permille, point to a customer.
    pub name_threshold: Confidence,
}

impl Default for Settings {
    /// Auto-booking from 0.90; bank costs up to €2.50 or 0.5 %; names from 0.90.
    fn default() -> Settings {
        Settings {
            auto_threshold: Confidence::from_permille(900),
            tolerance: Money::from_cents(250),
            tolerance_permille: 5,
            name_threshold: Confidence::from_permille(900),
        }
    }
}

/// Part of a payment applied to one invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    /// Book id of the invoice.
    pub invoice_id: i64,
    /// Amount applied: negative for a credit note netted or a return.
    pub amount: Money,
}

/// What the engine proposes for one payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// Book id of the transaction.
    pub transaction_id: i64,
    /// The customer it belongs to, when one.
    pub customer_id: Option<i64>,
    /// The allocations, oldest item first.
    pub allocations: Vec<Allocation>,
    /// How sure the engine is.
    pub confidence: Confidence,
    /// Booked without a person (otherwise a suggestion).
    pub auto: bool,
    /// Why: the evidence and notes, rendered with [`Proposal::reason`]
    /// (English) and [`Proposal::reason_nl`] (Dutch).
    pub reasons: Vec<ReasonPart>,
    /// The strongest evidence.
    pub evidence: Evidence,
    /// Paid beyond what is allocated: a credit on the customer.
    pub unapplied: Money,
}

impl Proposal {
    /// Why, in one English line: the CLI contract's `reason`.
    pub fn reason(&self) -> String {
        reason::render(&self.reasons, Language::En)
    }

    /// Why, in one Dutch line, from the same parts: what the app shows a
    /// Dutch-speaking user.
    pub fn reason_nl(&self) -> String {
        reason::render(&self.reasons, Language::Nl)
    }
}

#[cfg(test)]
mod tests;
