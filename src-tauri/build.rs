//! Embeds the UI and declares the app's own commands, so that each needs an
//! `allow-*` permission in a capability: an ungranted command is rejected.

/// The commands of `src/commands/`; keep in step with `lib.rs`.
const COMMANDS: &[&str] = &[
    "book_status",
    "create_demo_book",
    "open_other_book",
    "receivables",
    "customers",
    "accounts",
    "transactions",
    "letters",
    "language",
    "set_language",
    "pick_import_files",
    "preview_files",
    "import_files",
    "unlinked_documents",
    "assign_document",
    "ledger_mapping",
    "import_ledger",
    "bank_csv_mapping",
    "import_bank_csv",
    "run_matching",
    "confirm_match",
    "reject_match",
    "reassign_match",
    "ignore_transaction",
    "split_match",
    "undo_decision",
    "today",
    "call_sheet",
    "log_call",
    "preview_plan",
    "agree_plan",
    "set_dispute",
    "customer_detail",
    "update_customer",
    "timeline",
    "make_letters",
    "outbox",
    "letter_pdf",
    "preview_letter",
    "send_letters",
    "cancel_send",
    "draft_letter",
    "print_letters",
    "open_letter",
    "business_settings",
    "save_business_settings",
    "choose_logo",
    "remove_logo",
    "smtp_settings",
    "save_smtp_settings",
    "send_test_mail",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))?;
    Ok(())
}
