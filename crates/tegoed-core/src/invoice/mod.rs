//! The invoice's shared vocabulary (*factuur*): words every layer uses about
//! an invoice — the book stores them, receivables, matching, dunning and
//! letters decide with them — kept here so that the store imports no rule
//! module.

mod ledger_status;
mod record;
mod stage;

pub use ledger_status::{LedgerStatus, UnknownLedgerStatus};
pub use record::InvoiceRecord;
pub use stage::{Stage, UnknownStage};
