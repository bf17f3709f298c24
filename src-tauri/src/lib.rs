//! The Tegoed desktop app: plugin setup, the open book as state, and thin
//! commands over `tegoed-core`. No business rules live here.

pub mod bindings;
#[cfg(test)]
mod command_lists;
pub mod commands;
pub mod dto;
mod error;
mod locale;
mod state;

use tauri::Manager;

pub use state::AppState;

/// The settings file the store plugin keeps in the app's config folder.
pub(crate) const SETTINGS_STORE: &str = "settings.json";

/// A second start only focuses the running window. `TEGOED_INSTANCE`
/// (letters, digits and `_`) names a separate instance: the end-to-end
/// tests start one app per test, and one still shutting down must not take
/// the next test's launch.
fn single_instance<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    let builder = tauri_plugin_single_instance::Builder::new().callback(|app, _args, _cwd| {
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.unminimize();
            let _ = window.set_focus();
        }
    });
    match std::env::var("TEGOED_INSTANCE") {
        Ok(instance)
            if !instance.is_empty()
                && instance
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            builder.dbus_id(format!("nl.tegoed.app.{instance}")).build()
        }
        _ => builder.build(),
    }
}

/// Builds and runs the app until its window closes.
///
/// # Errors
/// When Tauri cannot start or no book can be opened.
pub fn run() -> anyhow::Result<()> {
    tauri::Builder::default()
        // First: a second start only focuses the running window (needs the D-Bus session bus on Linux).
        .plugin(single_instance())
        .plugin(
            // The log rotates (1 MB, the last five kept) and holds what the
            // app did, never bank or customer details.
            tauri_plugin_log::Builder::new()
                .level(log::LevelFilter::Info)
                .max_file_size(1_000_000)
                .rotation_strategy(tauri_plugin_log::RotationStrategy::KeepSome(5))
                .build(),
        )
        .plugin(tauri_plugin_store::Builder::default().build())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let state = tauri::async_runtime::block_on(AppState::open(app.handle()))?;
            log::info!("book {}", state.path_display());
            app.manage(state);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::book_status,
            commands::create_demo_book,
            commands::open_other_book,
            commands::receivables,
            commands::customers,
            commands::accounts,
            commands::transactions,
            commands::letters,
            commands::language,
            commands::set_language,
            commands::import::pick_import_files,
            commands::import::preview_files,
            commands::import::import_files,
            commands::import::unlinked_documents,
            commands::import::assign_document,
            commands::mapping::ledger_mapping,
            commands::mapping::import_ledger,
            commands::mapping::bank_csv_mapping,
            commands::mapping::import_bank_csv,
            commands::reconcile::run_matching,
            commands::reconcile::confirm_match,
            commands::reconcile::reject_match,
            commands::reconcile::reassign_match,
            commands::reconcile::ignore_transaction,
            commands::reconcile::split_match,
            commands::reconcile::undo_decision,
            commands::dunning::today,
            commands::dunning::call_sheet,
            commands::dunning::log_call,
            commands::dunning::preview_plan,
            commands::dunning::agree_plan,
            commands::dunning::set_dispute,
            commands::dunning::customer_detail,
            commands::dunning::update_customer,
            commands::dunning::timeline,
            commands::letters::make_letters,
            commands::letters::outbox,
            commands::letters::letter_pdf,
            commands::letters::preview_letter,
            commands::letters::send_letters,
            commands::letters::cancel_send,
            commands::letters::draft_letter,
            commands::letters::print_letters,
            commands::letters::open_letter,
            commands::letters::business_settings,
            commands::letters::save_business_settings,
            commands::letters::choose_logo,
            commands::letters::remove_logo,
            commands::letters::smtp_settings,
            commands::letters::save_smtp_settings,
            commands::letters::send_test_mail,
        ])
        .run(tauri::generate_context!())?;
    Ok(())
}
