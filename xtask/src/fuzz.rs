//! `cargo xtask fuzz [SECONDS]`: a short libFuzzer run of every parser
//! target in `fuzz/` (nightly and cargo-fuzz needed; installed when missing
//! where possible). Crashes land in `fuzz/artifacts/<target>/`; keep each
//! as a regression test next to the parser's tests.

use xshell::{Shell, cmd};

use crate::step;

/// The targets in `fuzz/fuzz_targets/`.
const TARGETS: &[&str] = &[
    "statement",
    "mt940",
    "camt",
    "csv",
    "ledger",
    "intake",
    "invoice_pdf",
    "letters",
];

/// Runs every target for `seconds` (default 60).
pub fn run(shell: &Shell, seconds: Option<String>) -> anyhow::Result<()> {
    let seconds = seconds.unwrap_or_else(|| "60".to_owned());
    if cmd!(shell, "cargo +nightly --version")
        .quiet()
        .ignore_stdout()
        .ignore_stderr()
        .run()
        .is_err()
    {
        anyhow::bail!("fuzzing needs a nightly toolchain: rustup toolchain install nightly");
    }
    if cmd!(shell, "cargo fuzz --version")
        .quiet()
        .ignore_stdout()
        .ignore_stderr()
        .run()
        .is_err()
    {
        step("installing cargo-fuzz");
        cmd!(shell, "cargo install cargo-fuzz --locked").run()?;
    }
    let _dir = shell.push_dir("fuzz");
    for target in TARGETS {
        step(&format!("fuzzing {target} for {seconds} s"));
        cmd!(
            shell,
            "cargo +nightly fuzz run {target} -- -max_total_time={seconds}"
        )
        .run()?;
    }
    Ok(())
}
