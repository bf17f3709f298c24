//! The credit-management ladder (`domain.md` §1.2): which stage an invoice
//! has reached. Deciding the next step comes with the dunning work; this
//! module holds the stage vocabulary everything else shares.

mod stage;

pub use stage::{Stage, UnknownStage};
