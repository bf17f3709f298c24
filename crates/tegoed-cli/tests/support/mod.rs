//! Running the real `tegoed` binary in the CLI tests.

#![allow(dead_code, reason = "each test binary uses part of the support")]

use std::path::Path;
use std::process::{Command, Output};

/// Runs `tegoed --db DB ARGS...` and returns what it did.
pub fn tegoed(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tegoed"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

/// The one JSON document on stdout of a successful run.
pub fn stdout_json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}
