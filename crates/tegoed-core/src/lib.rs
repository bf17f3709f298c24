//! Tegoed's domain: everything that decides something about money owed.
//!
//! The crate owns the rules and the book (the SQLite file). It has no Tauri,
//! no UI and prints nothing: the CLI (`tegoed-cli`) and the app (`src-tauri`)
//! call these functions and turn the results into their wire formats.
//!
//! The flow: file → parse → import → match → dunning → letters. Modules are
//! named after domain words (see `ARCHITECTURE.md`).

pub mod allocation;
pub mod archive;
pub mod book;
pub mod customer;
pub mod delivery;
pub mod demo;
pub mod dossier;
pub mod dunning;
pub mod fault;
pub mod import;
pub mod intake;
pub mod invoice;
pub mod invoice_pdf;
pub mod law;
pub mod ledger;
pub mod letters;
pub mod matching;
pub mod money;
pub mod outbox;
pub mod overview;
pub mod receivables;
pub mod reconcile;
pub mod record;
pub mod reference;
pub mod remind;
pub mod settings;
pub mod sniff;
pub mod statement;
pub mod today;
