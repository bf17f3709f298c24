//! `cargo xtask`: every piece of automation, in Rust.
//!
//! - `run`     install what is missing, build the UI and the app, open it on the demo book
//! - `test`    fmt, clippy, unit and golden tests, UI checks and tests, end-to-end tests
//! - `bench`   the benchmarks
//! - `bundle`  the platform installer
//! - `codegen` regenerate the UI's TypeScript bindings and the sqlx offline data
//! - `fuzz`    a short libFuzzer run of every parser target

mod bench;
mod bundle;
mod codegen;
mod fuzz;
mod prerequisites;
mod run;
mod test;
mod ui;

use std::path::{Path, PathBuf};

use anyhow::Context;
use xshell::Shell;

const USAGE: &str = "usage: cargo xtask <run|test|bench|bundle|codegen|fuzz>

  run      install what is missing, build the UI and the app, open it on the demo book
  test     every test: fmt, clippy, unit, golden files, UI, end-to-end (what CI runs)
  bench    benchmarks (statement parsing, import, matching) side by side with peers
  bundle   build the installer for this platform (.deb here)
  codegen  regenerate ui/src/lib/api/bindings and crates/tegoed-core/.sqlx
  fuzz [S] run each parser fuzz target for S seconds (default 60; nightly)";

fn main() -> anyhow::Result<()> {
    let task = std::env::args().nth(1).unwrap_or_default();
    let shell = Shell::new()?;
    shell.change_dir(workspace_root()?);
    match task.as_str() {
        "run" => run::run(&shell),
        "test" => test::run(&shell),
        "bench" => bench::run(&shell),
        "bundle" => bundle::run(&shell),
        "codegen" => codegen::run(&shell),
        "fuzz" => fuzz::run(&shell, std::env::args().nth(2)),
        _ => {
            eprintln!("{USAGE}");
            anyhow::bail!("unknown task '{task}'")
        }
    }
}

/// The workspace root: the folder above `xtask/`.
fn workspace_root() -> anyhow::Result<PathBuf> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .context("xtask has no parent folder")
}

/// Prints a step heading on stderr, so a long run shows where it is.
fn step(title: &str) {
    eprintln!("\n==> {title}");
}
