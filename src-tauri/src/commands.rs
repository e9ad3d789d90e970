//! The Tauri commands: decode, call `lode-store`, map the error. Nothing else belongs here.

use crate::boundary::{
    BackupResult, CommandResult, ImportResult, ProposalsAccepted, SavedRecord, UiError,
};
use crate::shell::Shell;
use lode_core::IdGen;
use lode_core::Lang;
use lode_core::catalogue;
use lode_core::office::SetupRequest;
use lode_core::workspace::{WorkspaceRequest, validate_rename};
use lode_store::context::{self, ContextView};
use lode_store::finalise::{self, Comparison, FinaliseView};
use lode_store::forum::{self, ForumView};
use lode_store::import::{self, ImportKind, Preview};
use lode_store::licences::{
    self, LicenceDetail, LicenceHolder, LicencePage, LicenceQuery, LicenceSummary,
};
use lode_store::monitoring::{self, MonitoringView};
use lode_store::partner::{self, Partner};
use lode_store::plan::{self, PlanView, ProgressView};
use lode_store::sector_types::{self, TypesView};
use lode_store::site::{self, SitePage, SiteQuery};
use lode_store::strategy::{self, StrategiesView};
use lode_store::task_force::{self, TaskForceView};
use lode_store::trace::{self, Trace};
use lode_store::vision::{self, VisionView};
use lode_store::workbench::{self, AppState, Home, StepPage, parse_step};
use lode_store::{StoreError, backup, installation, kinds, setting, workspace};
use std::collections::BTreeMap;
use tauri::State;
use tauri_plugin_dialog::DialogExt;

fn app_state(shell: &Shell) -> CommandResult<AppState> {
    shell.read(|conn, _| workbench::app_state(conn))
}

fn step_page(shell: &Shell, workspace_id: &str, step: &str) -> CommandResult<StepPage> {
    let today = shell.today()?;
    shell.read(|conn, lang| {
        workbench::step_page(conn, workspace_id, parse_step(step)?, lang, &today)
    })
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
    let today = shell.today()?;
    shell.read(|conn, lang| workbench::home(conn, &workspace_id, lang, &today))
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

/// The catalogues in the user's language: the built-in lists, plus the codes only a received
/// reference package has.
#[tauri::command]
pub fn get_catalogues(
    shell: State<Shell>,
) -> CommandResult<BTreeMap<String, Vec<catalogue::Entry>>> {
    shell.read(lode_store::sync::reference::catalogues)
}

#[tauri::command]
pub fn save_record(
    shell: State<Shell>,
    workspace_id: String,
    kind: String,
    id: Option<String>,
    fields: serde_json::Value,
) -> CommandResult<SavedRecord> {
    shell.write(|w, _| {
        let id = kinds::save(w, &workspace_id, &kind, id.as_deref(), &fields)?;
        Ok(SavedRecord { id })
    })
}

#[tauri::command]
pub fn delete_record(
    shell: State<Shell>,
    workspace_id: String,
    kind: String,
    id: String,
) -> CommandResult<()> {
    shell.write(|w, _| kinds::delete(w, &workspace_id, &kind, &id))
}

#[tauri::command]
pub fn get_task_force(shell: State<Shell>, workspace_id: String) -> CommandResult<TaskForceView> {
    shell.read(|conn, _| task_force::view(conn, &workspace_id))
}

#[tauri::command]
pub fn get_forum(shell: State<Shell>, workspace_id: String) -> CommandResult<ForumView> {
    let today = shell.today()?;
    shell.read(|conn, _| forum::view(conn, &workspace_id, &today))
}

#[tauri::command]
pub fn get_context(shell: State<Shell>, workspace_id: String) -> CommandResult<ContextView> {
    shell.read(|conn, _| context::view(conn, &workspace_id))
}

#[tauri::command]
pub fn list_sites(
    shell: State<Shell>,
    workspace_id: String,
    query: SiteQuery,
) -> CommandResult<SitePage> {
    shell.read(|conn, _| site::list(conn, &workspace_id, &query))
}

#[tauri::command]
pub fn get_partners(shell: State<Shell>, workspace_id: String) -> CommandResult<Vec<Partner>> {
    shell.read(|conn, _| partner::list(conn, &workspace_id))
}

#[tauri::command]
pub fn get_vision(shell: State<Shell>, workspace_id: String) -> CommandResult<VisionView> {
    shell.read(|conn, lang| vision::view(conn, &workspace_id, lang))
}

#[tauri::command]
pub fn get_types(shell: State<Shell>, workspace_id: String) -> CommandResult<TypesView> {
    shell.read(|conn, lang| sector_types::view(conn, &workspace_id, lang))
}

#[tauri::command]
pub fn accept_proposed_types(
    shell: State<Shell>,
    workspace_id: String,
) -> CommandResult<ProposalsAccepted> {
    shell.write(|w, lang| {
        let created = sector_types::accept_proposals(w, &workspace_id, lang)?;
        Ok(ProposalsAccepted { created })
    })
}

#[tauri::command]
pub fn get_strategies(shell: State<Shell>, workspace_id: String) -> CommandResult<StrategiesView> {
    shell.read(|conn, lang| strategy::view(conn, &workspace_id, lang))
}

#[tauri::command]
pub fn get_finalise(shell: State<Shell>, workspace_id: String) -> CommandResult<FinaliseView> {
    shell.read(|conn, lang| finalise::view(conn, &workspace_id, lang))
}

#[tauri::command]
pub fn sign_off_strategy(
    shell: State<Shell>,
    workspace_id: String,
    note: Option<String>,
) -> CommandResult<FinaliseView> {
    let note = note.unwrap_or_default();
    shell.write(|w, lang| finalise::sign_off(w, &workspace_id, lang, &note))?;
    shell.read(|conn, lang| finalise::view(conn, &workspace_id, lang))
}

#[tauri::command]
pub fn start_strategy_version(
    shell: State<Shell>,
    workspace_id: String,
) -> CommandResult<FinaliseView> {
    shell.write(|w, _| finalise::start_new_version(w, &workspace_id))?;
    shell.read(|conn, lang| finalise::view(conn, &workspace_id, lang))
}

#[tauri::command]
pub fn compare_strategy_versions(
    shell: State<Shell>,
    workspace_id: String,
    from: i64,
    to: Option<i64>,
) -> CommandResult<Comparison> {
    shell.read(|conn, _| finalise::compare(conn, &workspace_id, from, to))
}

#[tauri::command]
pub fn get_plan(shell: State<Shell>, workspace_id: String) -> CommandResult<PlanView> {
    shell.read(|conn, lang| plan::view(conn, &workspace_id, lang))
}

#[tauri::command]
pub fn get_progress(shell: State<Shell>, workspace_id: String) -> CommandResult<ProgressView> {
    shell.read(|conn, _| plan::progress(conn, &workspace_id))
}

#[tauri::command]
pub fn get_monitoring(shell: State<Shell>, workspace_id: String) -> CommandResult<MonitoringView> {
    shell.read(|conn, lang| monitoring::view(conn, &workspace_id, lang))
}

#[tauri::command]
pub fn record_computed_measurement(
    shell: State<Shell>,
    workspace_id: String,
    indicator_id: String,
    on: String,
) -> CommandResult<SavedRecord> {
    shell.write(|w, lang| {
        let id = monitoring::record_computed(w, &workspace_id, &indicator_id, &on, lang)?;
        Ok(SavedRecord { id })
    })
}

#[tauri::command]
pub fn get_trace(
    shell: State<Shell>,
    workspace_id: String,
    goal_id: Option<String>,
    action_id: Option<String>,
) -> CommandResult<Trace> {
    shell.read(|conn, lang| {
        trace::trace(
            conn,
            &workspace_id,
            goal_id.as_deref(),
            action_id.as_deref(),
            lang,
        )
    })
}

#[tauri::command]
pub fn list_licence_holders(
    shell: State<Shell>,
    workspace_id: String,
    query: LicenceQuery,
) -> CommandResult<LicencePage> {
    let today = shell.today()?;
    shell.read(|conn, _| licences::list(conn, &workspace_id, &query, &today))
}

#[tauri::command]
pub fn get_licence_holder(
    shell: State<Shell>,
    workspace_id: String,
    id: String,
) -> CommandResult<LicenceDetail> {
    shell.read(|conn, _| licences::detail(conn, &workspace_id, &id))
}

#[tauri::command]
pub fn check_licence_duplicates(
    shell: State<Shell>,
    workspace_id: String,
    id: Option<String>,
    fields: serde_json::Value,
) -> CommandResult<Vec<LicenceHolder>> {
    shell.read(|conn, _| licences::duplicates_of(conn, &workspace_id, id.as_deref(), &fields))
}

/// `today` (YYYY-MM-DD) lets the officer look ahead from another day; None means today.
#[tauri::command]
pub fn get_licence_summary(
    shell: State<Shell>,
    workspace_id: String,
    today: Option<String>,
) -> CommandResult<LicenceSummary> {
    let today = match today {
        Some(day) => day,
        None => shell.today()?,
    };
    shell.read(|conn, _| licences::summary(conn, &workspace_id, &today))
}

/// Opens the native file dialog (on the Rust side) and reads the chosen CSV or spreadsheet;
/// `None` when the officer cancels. Nothing is written until `import_commit`.
#[tauri::command]
pub async fn import_open(
    app: tauri::AppHandle,
    shell: State<'_, Shell>,
    workspace_id: String,
    kind: String,
) -> CommandResult<Option<Preview>> {
    let lang = shell.read(|conn, _| setting::language(conn))?;
    let kind = ImportKind::parse(&kind)
        .ok_or_else(|| UiError::from_store(&StoreError::UnknownKind(kind.clone()), lang))?;
    shell.read(|conn, _| workspace::require_active(conn, &workspace_id).map(drop))?;
    let chosen = app
        .dialog()
        .file()
        .add_filter("CSV, XLSX", &["csv", "txt", "xlsx", "xls", "ods"])
        .blocking_pick_file();
    let Some(chosen) = chosen else {
        return Ok(None);
    };
    let path = chosen
        .into_path()
        .map_err(|error| UiError::internal(&error.to_string(), lang))?;
    let session = import::Session::open(&path, &workspace_id, kind)
        .map_err(|error| UiError::from_store(&error, lang))?;
    let id = format!("import-{}", lode_core::clock::RandomIds.new_id(now()));
    shell.start_import(id.clone(), session)?;
    import_preview(&shell, &id).map(Some)
}

fn import_preview(shell: &Shell, import_id: &str) -> CommandResult<Preview> {
    shell.with_import(import_id, |session| {
        shell.read(|conn, lang| session.preview(conn, lang, import_id))
    })
}

#[tauri::command]
pub fn import_remap(
    shell: State<Shell>,
    import_id: String,
    mapping: BTreeMap<String, Option<String>>,
) -> CommandResult<Preview> {
    shell.with_import(&import_id, |session| {
        session.remap(mapping);
        Ok(())
    })?;
    import_preview(&shell, &import_id)
}

#[tauri::command]
pub fn import_commit(shell: State<Shell>, import_id: String) -> CommandResult<ImportResult> {
    let (inserted, rejected) =
        shell.with_import(&import_id, |session| shell.write(|w, _| session.commit(w)))?;
    shell.end_import(&import_id)?;
    Ok(ImportResult { inserted, rejected })
}

#[tauri::command]
pub fn import_cancel(shell: State<Shell>, import_id: String) -> CommandResult<()> {
    shell.end_import(&import_id).map(drop)
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

pub(crate) fn now() -> lode_core::Millis {
    use lode_core::Clock;
    lode_core::clock::SystemClock.now()
}
