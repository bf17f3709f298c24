//! End-to-end tests: the real app binary in a real window under Xvfb,
//! driven through tauri-driver and WebKitWebDriver, checked against the
//! real CLI on the same book. Run by `cargo xtask test`.

mod app;
mod dunning;
mod import;
mod letters;
mod mapping;
mod match_after_import;
mod reconcile;
mod screens;
