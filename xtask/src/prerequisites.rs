//! What must be on the machine: Debian packages for building and testing the
//! app, Node.js for the UI, tauri-driver for the end-to-end tests. On
//! Debian or Ubuntu as root, missing packages are installed; elsewhere the
//! exact command is printed.

use anyhow::Context;
use xshell::{Shell, cmd};

use crate::step;

/// Debian packages needed to build the app and run its tests.
const DEBIAN_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "pkg-config",
    "file",
    "libxdo-dev",
    "libssl-dev",
    "librsvg2-dev",
    "libayatana-appindicator3-dev",
    "webkit2gtk-driver",
    "xvfb",
    "xauth",
    "dbus-daemon",
    "poppler-utils",
    "sqlite3",
    // The C of SQLite and ring, for the Windows type-check.
    "gcc-mingw-w64-x86-64",
];

/// The tauri-driver version known to work with WebKitGTK here.
const TAURI_DRIVER_VERSION: &str = "2.1.0";

/// Makes sure the system packages are there (Linux only).
pub fn system_packages(shell: &Shell) -> anyhow::Result<()> {
    if !cfg!(target_os = "linux") {
        return Ok(());
    }
    if !std::path::Path::new("/etc/debian_version").exists() {
        eprintln!(
            "Not Debian/Ubuntu: install WebKitGTK 4.1 (dev), libxdo, OpenSSL, librsvg, appindicator, WebKitWebDriver, Xvfb, D-Bus and poppler with your package manager."
        );
        return Ok(());
    }
    let missing: Vec<&str> = DEBIAN_PACKAGES
        .iter()
        .copied()
        .filter(|package| !installed(shell, package))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let is_root = cmd!(shell, "id -u")
        .quiet()
        .read()
        .map(|uid| uid.trim() == "0")
        .unwrap_or(false);
    if !is_root {
        anyhow::bail!(
            "missing packages; run:\n  sudo apt-get update && sudo apt-get install -y {}",
            missing.join(" ")
        );
    }
    step(&format!("installing {}", missing.join(" ")));
    cmd!(shell, "apt-get update -qq")
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()?;
    cmd!(shell, "apt-get install -y -qq {missing...}")
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()
        .context("apt-get install failed")?;
    Ok(())
}

fn installed(shell: &Shell, package: &str) -> bool {
    let format = "${Status}";
    cmd!(shell, "dpkg-query -W -f={format} {package}")
        .quiet()
        .ignore_stderr()
        .read()
        .map(|status| status.contains("install ok installed"))
        .unwrap_or(false)
}

/// Makes sure Node.js and npm are there.
pub fn node(shell: &Shell) -> anyhow::Result<()> {
    if cmd!(shell, "npm --version")
        .quiet()
        .ignore_stdout()
        .ignore_stderr()
        .run()
        .is_ok()
    {
        return Ok(());
    }
    anyhow::bail!(
        "Node.js 20 or newer with npm is needed for the UI: https://nodejs.org (Debian: apt-get install nodejs npm)"
    )
}

/// The path of tauri-driver, installing it with cargo when missing.
pub fn tauri_driver(shell: &Shell) -> anyhow::Result<std::path::PathBuf> {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| std::path::Path::new(&home).join(".cargo")))
        .context("no CARGO_HOME or HOME")?;
    let path = cargo_home.join("bin").join("tauri-driver");
    if !path.exists() {
        step("installing tauri-driver");
        cmd!(
            shell,
            "cargo install tauri-driver --locked --version {TAURI_DRIVER_VERSION}"
        )
        .run()?;
    }
    Ok(path)
}
