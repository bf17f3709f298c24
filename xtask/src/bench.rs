//! `cargo xtask bench`: the benchmarks of tegoed-core, in release mode.

use xshell::{Shell, cmd};

use crate::step;

/// Runs every benchmark of tegoed-core.
pub fn run(shell: &Shell) -> anyhow::Result<()> {
    step("benchmarks");
    cmd!(shell, "cargo bench -p tegoed-core --locked").run()?;
    Ok(())
}
