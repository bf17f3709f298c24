//! `cargo xtask bundle`: the installer for this platform through the Tauri
//! CLI from `ui/node_modules`. Linux builds a .deb (AppImage tooling is
//! downloaded at bundle time, which offline machines cannot); macOS and
//! Windows release runners build .dmg/.app and .msi/.exe (see
//! `.github/workflows/release.yml`).

use xshell::{Shell, cmd};

use crate::{prerequisites, step, ui};

/// Builds the UI and the release app, then bundles it.
pub fn run(shell: &Shell) -> anyhow::Result<()> {
    prerequisites::system_packages(shell)?;
    ui::build(shell)?;
    let bundles = if cfg!(target_os = "macos") {
        "app,dmg"
    } else if cfg!(target_os = "windows") {
        "msi,nsis"
    } else {
        "deb"
    };
    step(&format!("bundling ({bundles})"));
    let tauri = shell.current_dir().join("ui/node_modules/.bin/tauri");
    let _dir = shell.push_dir("src-tauri");
    cmd!(shell, "{tauri} build --bundles {bundles}").run()?;
    eprintln!("Installers are in target/release/bundle/.");
    Ok(())
}
