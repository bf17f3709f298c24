//! Support for the end-to-end tests in `tests.rs`.
