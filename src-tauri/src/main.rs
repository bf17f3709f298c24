//! The Tegoed desktop app's entry point.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(error) = tegoed_app::run() {
        eprintln!("Tegoed could not start: {error:#}");
        std::process::exit(1);
    }
}
