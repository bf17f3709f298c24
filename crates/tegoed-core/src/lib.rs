//! Tegoed's domain: everything that decides something about money owed.
//!
//! The crate owns the rules and the book (the SQLite file). It has no Tauri,
//! no UI and prints nothing: the CLI (`tegoed-cli`) and the app (`src-tauri`)
//! call these functions and turn the results into their wire formats.
//!
//! The flow: file → parse → import → match → dunning → letters. Modules are
//! named after domain words (see `ARCHITECTURE.md`).

pub mod book;
pub mod demo;
pub mod dunning;
pub mod import;
pub mod intake;
pub mod invoice_pdf;
pub mod ledger;
pub mod matching;
pub mod money;
pub mod receivables;
pub mod reference;
pub mod statement;
