//! `cargo xtask bench`: the benchmarks of tegoed-core in release mode:
//! statement parsing (MT940 and camt.053, 300,000 transactions, side by side
//! with python `mt-940` on the same file), bank and ledger import,
//! matching, and letters per second with their invoice copies appended.
//! The statement bench installs python `mt-940` with pip when it is
//! missing; `TEGOED_BENCH_PYTHON=0` skips the comparison.

use xshell::{Shell, cmd};

use crate::step;

/// Runs every benchmark of tegoed-core.
pub fn run(shell: &Shell) -> anyhow::Result<()> {
    step("benchmarks (cargo bench -p tegoed-core)");
    cmd!(shell, "cargo bench -p tegoed-core --locked").run()?;
    Ok(())
}
