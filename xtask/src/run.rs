//! `cargo xtask run`: from a fresh machine to the app's window on the demo book.

use xshell::{Shell, cmd};

use crate::{prerequisites, step, ui};

/// Installs what is missing, builds the UI and the app, creates the demo
/// book on first run (`target/demo/book.db`) and opens the app on it.
pub fn run(shell: &Shell) -> anyhow::Result<()> {
    prerequisites::system_packages(shell)?;
    ui::build(shell)?;
    step("building the app and the CLI");
    cmd!(shell, "cargo build -p tegoed-app -p tegoed-cli").run()?;
    let root = shell.current_dir();
    let book = root.join("target/demo/book.db");
    if !book.exists() {
        step("creating the demo book");
        shell.create_dir(root.join("target/demo"))?;
        let cli = root.join("target/debug/tegoed");
        cmd!(shell, "{cli} --db {book} demo").run()?;
    }
    if cfg!(target_os = "linux")
        && std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
    {
        eprintln!("No display found: on a headless machine run `xvfb-run -a cargo xtask run`.");
    }
    step(&format!("opening Tegoed on {}", book.display()));
    let app = root.join("target/debug/tegoed-app");
    cmd!(shell, "{app}").env("TEGOED_DB", &book).run()?;
    Ok(())
}
