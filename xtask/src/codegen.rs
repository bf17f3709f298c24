//! `cargo xtask codegen`: regenerates what is generated and committed: the
//! UI's TypeScript bindings (from src-tauri's DTOs) and the sqlx offline
//! query data (from tegoed-core's queries against a fresh, migrated book).

use xshell::{Shell, cmd};

use crate::{step, ui};

/// Rewrites `ui/src/lib/api/bindings` and `crates/tegoed-core/.sqlx`.
pub fn run(shell: &Shell) -> anyhow::Result<()> {
    ui::build(shell)?;
    step("TypeScript bindings");
    cmd!(shell, "cargo test -p tegoed-app --lib bindings")
        .env("UPDATE_BINDINGS", "1")
        .run()?;

    if cmd!(shell, "sqlx --version")
        .quiet()
        .ignore_stdout()
        .ignore_stderr()
        .run()
        .is_err()
    {
        eprintln!(
            "sqlx-cli is missing, skipping .sqlx: cargo install sqlx-cli --no-default-features --features sqlite"
        );
        return Ok(());
    }
    step("sqlx offline data");
    let scratch = shell.create_temp_dir()?;
    let url = format!("sqlite://{}", scratch.path().join("prepare.db").display());
    cmd!(shell, "sqlx database create")
        .env("DATABASE_URL", &url)
        .run()?;
    cmd!(
        shell,
        "sqlx migrate run --source crates/tegoed-core/migrations"
    )
    .env("DATABASE_URL", &url)
    .run()?;
    let _dir = shell.push_dir("crates/tegoed-core");
    cmd!(shell, "cargo sqlx prepare")
        .env("DATABASE_URL", &url)
        .env("SQLX_OFFLINE", "false")
        .run()?;
    Ok(())
}
