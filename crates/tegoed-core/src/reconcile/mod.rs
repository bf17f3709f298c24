//! Reconciling (*afletteren*) as the user does it: a matching run over the
//! whole book ([`run`], also what every import ends with) and a person's
//! decisions on one transaction ([`confirm`], [`reject`], [`allocate`],
//! [`reassign`], [`ignore`], [`undo`]).
//!
//! A use case: it reads the book (`crate::book::matching`, SQL only), asks
//! the pure rules (`crate::matching`: the engine, and
//! `crate::matching::decision` for decisions) and writes their answer back
//! in one database transaction.

mod decide;
mod input;
mod run;

pub use decide::{
    DecisionError, allocate, confirm, ignore, mark_shared_account, reassign, reject, undo,
};
pub use input::{MatchingInput, input, settings};
pub use run::{Outcome, ProposalLine, run, run_with_book_settings};

#[cfg(test)]
mod tests;
