//! `cargo xtask test`: every test, in the order that fails fastest. This is
//! what `.ci/run` calls.

use std::time::Instant;

use xshell::{Shell, cmd};

use crate::{prerequisites, step, ui};

/// Runs fmt, clippy, the workspace tests, the UI checks and tests, and the
/// end-to-end tests under Xvfb.
pub fn run(shell: &Shell) -> anyhow::Result<()> {
    let started = Instant::now();
    prerequisites::system_packages(shell)?;
    // The app embeds ui/dist at compile time, so clippy and tests need it first.
    ui::build(shell)?;

    step("cargo fmt --check");
    cmd!(shell, "cargo fmt --all --check").run()?;

    step("clippy");
    cmd!(
        shell,
        "cargo clippy --workspace --all-targets --locked -- -D warnings"
    )
    .run()?;

    step("workspace tests (unit, golden, CLI)");
    let has_nextest = cmd!(shell, "cargo nextest --version")
        .quiet()
        .ignore_stdout()
        .ignore_stderr()
        .run()
        .is_ok();
    if has_nextest {
        cmd!(
            shell,
            "cargo nextest run --workspace --exclude tegoed-e2e --locked --no-fail-fast"
        )
        .run()?;
    } else {
        cmd!(
            shell,
            "cargo test --workspace --exclude tegoed-e2e --locked --no-fail-fast"
        )
        .run()?;
    }

    ui::test(shell)?;

    fuzz_targets_build(shell)?;
    windows_check(shell)?;

    end_to_end(shell)?;
    eprintln!("\nAll tests passed in {} s.", started.elapsed().as_secs());
    Ok(())
}

/// The fuzz crate lives outside the workspace (cargo-fuzz builds it with
/// nightly); checking it here keeps its targets in step with core.
fn fuzz_targets_build(shell: &Shell) -> anyhow::Result<()> {
    step("fuzz targets (cargo check)");
    cmd!(
        shell,
        "cargo check --manifest-path fuzz/Cargo.toml --bins --locked"
    )
    .env("CARGO_TARGET_DIR", "target/fuzz-check")
    .run()?;
    Ok(())
}

/// The owners are on Windows: core, the CLI and the app type-check for
/// Windows here, before a release runner meets them. Needs the rustup target
/// and MinGW's gcc for the C in SQLite and ring (installed with the
/// system packages).
fn windows_check(shell: &Shell) -> anyhow::Result<()> {
    const TARGET: &str = "x86_64-pc-windows-gnu";
    let installed = cmd!(shell, "rustup target list --installed")
        .quiet()
        .read()
        .unwrap_or_default();
    if !installed.lines().any(|line| line.trim() == TARGET) {
        step(&format!("rustup target add {TARGET}"));
        cmd!(shell, "rustup target add {TARGET}").run()?;
    }
    step(&format!("type-check for Windows ({TARGET})"));
    cmd!(
        shell,
        "cargo check --workspace --exclude tegoed-e2e --exclude xtask --all-targets --target {TARGET} --locked"
    )
    .run()?;
    Ok(())
}

/// Builds the real app and CLI, then drives the app through tauri-driver and
/// WebKitWebDriver under Xvfb with a D-Bus session (single-instance needs it).
fn end_to_end(shell: &Shell) -> anyhow::Result<()> {
    let driver = prerequisites::tauri_driver(shell)?;
    step("building the app for the end-to-end tests");
    cmd!(shell, "cargo build -p tegoed-app -p tegoed-cli --locked").run()?;
    step("end-to-end tests under Xvfb");
    let screen = "-screen 0 1440x900x24";
    cmd!(shell, "xvfb-run -a -s {screen} dbus-run-session -- cargo test -p tegoed-e2e --test e2e --locked -- --test-threads 1")
    .env("TEGOED_E2E", "1")
    .env("TAURI_DRIVER", driver)
    .run()?;
    Ok(())
}
