//! The Svelte UI: dependencies, build, checks and tests, all through npm in `ui/`.

use xshell::{Shell, cmd};

use crate::{prerequisites, step};

/// Installs the UI's dependencies from the lock file when they are missing or older than it.
pub fn install(shell: &Shell) -> anyhow::Result<()> {
    prerequisites::node(shell)?;
    let lock = shell.current_dir().join("ui/package-lock.json");
    let marker = shell
        .current_dir()
        .join("ui/node_modules/.package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&marker)) {
        (Ok(lock), Ok(marker)) => match (lock.modified(), marker.modified()) {
            (Ok(lock), Ok(marker)) => marker >= lock,
            _ => false,
        },
        _ => false,
    };
    if !fresh {
        step("npm ci");
        let _dir = shell.push_dir("ui");
        cmd!(shell, "npm ci --no-audit --no-fund").run()?;
    }
    Ok(())
}

/// Builds `ui/dist`, which the app embeds.
pub fn build(shell: &Shell) -> anyhow::Result<()> {
    install(shell)?;
    step("building the UI");
    let _dir = shell.push_dir("ui");
    cmd!(shell, "npm run --silent build").run()?;
    Ok(())
}

/// Type-checks and unit-tests the UI.
pub fn test(shell: &Shell) -> anyhow::Result<()> {
    let _dir = shell.push_dir("ui");
    step("svelte-check");
    cmd!(shell, "npm run --silent check").run()?;
    step("vitest");
    cmd!(shell, "npm run --silent test").run()?;
    Ok(())
}
