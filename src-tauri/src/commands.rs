//! The Tauri commands: decode, call `lode-store`, map the error. Nothing else belongs here.

use crate::boundary::{BackupResult, CommandResult, UiError};
use crate::shell::Shell;
use lode_core::Lang;
use lode_core::office::SetupRequest;
use lode_core::workspace::{WorkspaceRequest, validate_rename};
use lode_store::workbench::{self, AppState, Home, StepPage, parse_step};
use lode_store::{StoreError, backup, installation, setting, workspace};
use tauri::State;
use tauri_plugin_dialog::DialogExt;

fn app_state(shell: &Shell) -> CommandResult<AppState> {
    shell.read(|conn, _| workbench::app_state(conn))
}

fn step_page(shell: &Shell, workspace_id: &str, step: &str) -> CommandResult<StepPage> {
    shell.read(|conn, lang| workbench::step_page(conn, workspace_id, parse_step(step)?, lang))
}

#[tauri::command]
pub fn get_app_state(shell: State<Shell>) -> CommandResult<AppState> {
    app_state(&shell)
}

#[tauri::command]
#[allow(clippy::too_many_arguments)] // the set-up form's fields, as the webview sends them
pub fn setup_installation(
    shell: State<Shell>,
    office_name: String,
    level: String,
    country: String,
    parent_office: String,
    officer_name: String,
    officer_role: String,
    language: String,
) -> CommandResult<AppState> {
    let request = SetupRequest {
        office_name,
        level,
        country,
        parent_office,
        officer_name,
        officer_role,
        language,
    };
    shell.write(|w, _| installation::set_up(w, &request.validate()?).map(drop))?;
    app_state(&shell)
}

#[tauri::command]
pub fn set_language(shell: State<Shell>, language: String) -> CommandResult<AppState> {
    shell.write(|w, _| {
        let lang = Lang::parse(&language).ok_or_else(|| {
            let mut check = lode_core::validation::Checker::default();
            check.fail("language", "invalid_choice");
            StoreError::from(check.finish().unwrap_err())
        })?;
        setting::set_language(w, lang)
    })?;
    app_state(&shell)
}

#[tauri::command]
pub fn create_workspace(
    shell: State<Shell>,
    name: String,
    jurisdiction: String,
) -> CommandResult<AppState> {
    shell.write(|w, _| {
        installation::require(w.tx())?;
        let (name, jurisdiction) = WorkspaceRequest { name, jurisdiction }.validate()?;
        let created = workspace::create(w, &name, &jurisdiction)?;
        setting::set_current_workspace(w, &created.meta.id)
    })?;
    app_state(&shell)
}

#[tauri::command]
pub fn rename_workspace(
    shell: State<Shell>,
    workspace_id: String,
    name: String,
) -> CommandResult<AppState> {
    shell.write(|w, _| workspace::rename(w, &workspace_id, &validate_rename(&name)?).map(drop))?;
    app_state(&shell)
}

#[tauri::command]
pub fn set_workspace_archived(
    shell: State<Shell>,
    workspace_id: String,
    archived: bool,
) -> CommandResult<AppState> {
    shell.write(|w, _| workspace::set_archived(w, &workspace_id, archived).map(drop))?;
    app_state(&shell)
}

#[tauri::command]
pub fn open_workspace(shell: State<Shell>, workspace_id: String) -> CommandResult<AppState> {
    shell.write(|w, _| {
        workspace::get(w.tx(), &workspace_id)?;
        setting::set_current_workspace(w, &workspace_id)
    })?;
    app_state(&shell)
}

#[tauri::command]
pub fn get_home(shell: State<Shell>, workspace_id: String) -> CommandResult<Home> {
    shell.read(|conn, lang| workbench::home(conn, &workspace_id, lang))
}

#[tauri::command]
pub fn get_step(
    shell: State<Shell>,
    workspace_id: String,
    step: String,
) -> CommandResult<StepPage> {
    step_page(&shell, &workspace_id, &step)
}

#[tauri::command]
pub fn set_checklist_item(
    shell: State<Shell>,
    workspace_id: String,
    step: String,
    key: String,
    ticked: bool,
    date: Option<String>,
    note: String,
) -> CommandResult<StepPage> {
    shell.write(|w, _| {
        let step = parse_step(&step)?;
        workbench::set_checklist_item(w, &workspace_id, step, &key, ticked, date.as_deref(), &note)
    })?;
    step_page(&shell, &workspace_id, &step)
}

#[tauri::command]
pub fn save_note_draft(
    shell: State<Shell>,
    workspace_id: String,
    step: String,
    text: String,
) -> CommandResult<()> {
    shell.write(|w, _| workbench::save_note_draft(w, &workspace_id, parse_step(&step)?, &text))
}

#[tauri::command]
pub fn add_note(
    shell: State<Shell>,
    workspace_id: String,
    step: String,
    text: String,
    kind: String,
) -> CommandResult<StepPage> {
    shell.write(|w, _| workbench::add_note(w, &workspace_id, parse_step(&step)?, &text, &kind))?;
    step_page(&shell, &workspace_id, &step)
}

#[tauri::command]
pub fn delete_note(
    shell: State<Shell>,
    workspace_id: String,
    step: String,
    note_id: String,
) -> CommandResult<StepPage> {
    shell.write(|w, _| {
        workspace::require_active(w.tx(), &workspace_id)?;
        lode_store::note::delete(w, &workspace_id, &note_id).map(drop)
    })?;
    step_page(&shell, &workspace_id, &step)
}

/// "Back up to…": the officer picks the place in the native save dialog (opened here, never a
/// path from the webview); `None` when they cancel. Async so the dialog does not block the UI.
#[tauri::command]
pub async fn backup_to(
    app: tauri::AppHandle,
    shell: State<'_, Shell>,
) -> CommandResult<Option<BackupResult>> {
    let lang = shell.read(|conn, _| setting::language(conn))?;
    let suggested = format!("lode-backup-{}.db", lode_core::clock::iso_date(now()));
    let chosen = app
        .dialog()
        .file()
        .set_file_name(&suggested)
        .add_filter("Lode backup", &["db"])
        .blocking_save_file();
    let Some(chosen) = chosen else {
        return Ok(None);
    };
    let path = chosen
        .into_path()
        .map_err(|error| UiError::internal(&error.to_string(), lang))?;
    let bytes = shell.read(|conn, _| backup::backup_to(conn, &path))?;
    Ok(Some(BackupResult {
        path: path.display().to_string(),
        bytes,
    }))
}

fn now() -> lode_core::Millis {
    use lode_core::Clock;
    lode_core::clock::SystemClock.now()
}
