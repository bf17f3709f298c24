//! Dunning (*debiteurenbeheer*): the credit-management ladder of
//! `domain.md` §1.2 as a pure, deterministic engine. Given a customer's
//! case on a date — open invoices, the steps taken so far, calls, promises,
//! plans, disputes and what the gate found — it says what the next step is,
//! when it falls due and why, in Dutch and English.
//!
//! Nothing here touches the book or the clock: the use cases in
//! [`crate::today`] and [`crate::record`] read the book, call this module and
//! write what people did.

mod case;
mod gate;
mod ladder;
mod settings;
mod text;
mod worklist;

pub use crate::invoice::{Stage, UnknownStage};
pub use case::{
    Action, CallOutcome, CallRecord, Case, CaseCustomer, CaseInvoice, LetterRecord, Occasion,
    PlanRecord, UnknownCode,
};
pub use gate::{Exclusion, Hold};
pub use ladder::{InvoiceVerdict, Step, StepReason, judge};
pub use settings::Settings;
pub use text::Text;
pub use worklist::{AccountCover, HeldCustomer, WorkItem, WorkList, stale_bank, worklist};

#[cfg(test)]
mod tests;
