//! Lode's desktop shell: one Tauri window over the `lode-store` API. Commands are thin (decode,
//! call the store, map the error); no domain rule lives here, and the webview never sends SQL or
//! file paths: file choices go through the native dialog, opened from Rust.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod boundary;
mod commands;
mod exports;
mod shell;
mod sync;

fn main() {
    let shell = shell::Shell::open_default();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(shell)
        .invoke_handler(tauri::generate_handler![
            commands::get_app_state,
            commands::setup_installation,
            commands::set_language,
            commands::create_workspace,
            commands::rename_workspace,
            commands::set_workspace_archived,
            commands::open_workspace,
            commands::get_home,
            commands::get_step,
            commands::set_checklist_item,
            commands::save_note_draft,
            commands::add_note,
            commands::delete_note,
            commands::backup_to,
            commands::get_catalogues,
            commands::save_record,
            commands::delete_record,
            commands::get_task_force,
            commands::get_forum,
            commands::get_context,
            commands::list_sites,
            commands::get_partners,
            commands::import_open,
            commands::import_remap,
            commands::import_commit,
            commands::import_cancel,
            commands::get_vision,
            commands::get_types,
            commands::accept_proposed_types,
            commands::get_strategies,
            commands::get_finalise,
            commands::sign_off_strategy,
            commands::start_strategy_version,
            commands::compare_strategy_versions,
            commands::get_plan,
            commands::get_progress,
            commands::get_monitoring,
            commands::record_computed_measurement,
            commands::get_trace,
            commands::list_licence_holders,
            commands::get_licence_holder,
            commands::check_licence_duplicates,
            commands::get_licence_summary,
            sync::get_sync,
            sync::create_office_key,
            sync::trust_key,
            sync::revoke_key,
            sync::create_sealing_key,
            sync::set_seal_to,
            sync::export_bundle,
            sync::bundle_open,
            sync::bundle_unlock,
            sync::bundle_apply,
            sync::bundle_cancel,
            sync::resolve_conflict,
            sync::review_bundle,
            sync::get_national,
            exports::export_register,
            exports::export_document,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|error| {
            eprintln!("Lode could not start its window: {error}");
            std::process::exit(1);
        });
}
