//! Generates a permission for each app command, so that the capability file grants exactly the
//! commands the UI uses and nothing else.

const COMMANDS: &[&str] = &[
    "get_app_state",
    "setup_installation",
    "set_language",
    "create_workspace",
    "rename_workspace",
    "set_workspace_archived",
    "open_workspace",
    "get_home",
    "get_step",
    "set_checklist_item",
    "save_note_draft",
    "add_note",
    "delete_note",
    "backup_to",
    "get_catalogues",
    "save_record",
    "delete_record",
    "get_task_force",
    "get_forum",
    "get_context",
    "list_sites",
    "get_partners",
    "import_open",
    "import_remap",
    "import_commit",
    "import_cancel",
    "get_vision",
    "get_types",
    "accept_proposed_types",
    "get_strategies",
    "get_finalise",
    "sign_off_strategy",
    "start_strategy_version",
    "compare_strategy_versions",
    "get_plan",
    "get_progress",
    "get_monitoring",
    "record_computed_measurement",
    "get_trace",
    "list_licence_holders",
    "get_licence_holder",
    "check_licence_duplicates",
    "get_licence_summary",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .unwrap_or_else(|error| panic!("tauri build step failed: {error}"));
}
