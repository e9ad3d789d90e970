//! The Sync page's commands: thin callers of `lode_store::sync`. Files are chosen in native
//! dialogs opened here (or, for the end-to-end tests, named by `LODE_DIALOG_PATH`).

use crate::boundary::CommandResult;
use crate::shell::Shell;
use lode_bundle::{BundleKind, Manifest};
use lode_store::sync::conflicts::{self, Conflict, Resolution};
use lode_store::sync::export::{self, ExportOptions};
use lode_store::sync::import::{self, Counts, PlannedRecord, SequenceNote};
use lode_store::sync::keys::{self, KeyInfo, TrustedKey};
use lode_store::sync::received::{self, ReceivedBundle};
use lode_store::{Connection, StoreError};
use serde::Serialize;
use std::path::PathBuf;
use tauri::State;
use tauri_plugin_dialog::DialogExt;

/// The records a preview lists; the counts cover them all.
const PREVIEW_ROWS: usize = 500;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SentBundle {
    sequence: i64,
    bundle_id: String,
    kind: String,
    created_at: i64,
    records: i64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncView {
    office_key: Option<KeyInfo>,
    trusted: Vec<TrustedKey>,
    sent: Vec<SentBundle>,
    received: Vec<ReceivedBundle>,
    conflicts: Vec<Conflict>,
}

fn view(conn: &Connection) -> Result<SyncView, StoreError> {
    let sent = conn
        .prepare(
            "SELECT sequence, bundle_id, kind, created_at, records FROM bundle_sent
             ORDER BY sequence DESC LIMIT 50",
        )?
        .query_map([], |r| {
            Ok(SentBundle {
                sequence: r.get(0)?,
                bundle_id: r.get(1)?,
                kind: r.get(2)?,
                created_at: r.get(3)?,
                records: r.get(4)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SyncView {
        office_key: keys::office_key_info(conn)?,
        trusted: keys::trusted(conn)?,
        sent,
        received: received::list(conn)?,
        conflicts: conflicts::open_conflicts(conn)?,
    })
}

#[tauri::command]
pub fn get_sync(shell: State<Shell>) -> CommandResult<SyncView> {
    shell.read(|conn, _| view(conn))
}

#[tauri::command]
pub fn create_office_key(shell: State<Shell>) -> CommandResult<SyncView> {
    shell.write(|w, _| keys::create_office_key(w).map(drop))?;
    get_sync(shell)
}

#[tauri::command]
pub fn trust_key(
    shell: State<Shell>,
    office_name: String,
    public_key: String,
) -> CommandResult<SyncView> {
    shell.write(|w, _| keys::trust(w, &office_name, &public_key).map(drop))?;
    get_sync(shell)
}

#[tauri::command]
pub fn revoke_key(shell: State<Shell>, key_id: String) -> CommandResult<SyncView> {
    shell.write(|w, _| keys::revoke(w, &key_id))?;
    get_sync(shell)
}

/// The file the officer chose, or the test harness named; None when the dialog is cancelled.
fn chosen_path(app: &tauri::AppHandle, save_as: Option<&str>) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("LODE_DIALOG_PATH") {
        return Some(PathBuf::from(path));
    }
    let dialog = app
        .dialog()
        .file()
        .add_filter("Lode bundle", &["lodebundle"]);
    let chosen = match save_as {
        Some(name) => dialog.set_file_name(name).blocking_save_file(),
        None => dialog.blocking_pick_file(),
    };
    chosen.and_then(|c| c.into_path().ok())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportResult {
    file_name: String,
    sequence: u64,
    records: u64,
}

#[tauri::command]
pub async fn export_bundle(
    app: tauri::AppHandle,
    shell: State<'_, Shell>,
    everything: bool,
) -> CommandResult<Option<ExportResult>> {
    shell.read(|conn, _| keys::office_key_info(conn)?.ok_or(StoreError::NoOfficeKey))?;
    let suggested = format!(
        "lode-{}.lodebundle",
        lode_core::clock::iso_date(crate::commands::now())
    );
    let Some(path) = chosen_path(&app, Some(&suggested)) else {
        return Ok(None);
    };
    let options = ExportOptions {
        everything,
        kind: BundleKind::DistrictSubmission,
    };
    let manifest = shell.with_store_lang(|store, _| export::export(store, &path, options))?;
    Ok(Some(ExportResult {
        file_name: path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        sequence: manifest.sequence,
        records: manifest.record_counts.values().sum(),
    }))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BundlePreview {
    preview_id: String,
    file_name: String,
    kind: BundleKind,
    office_name: String,
    exported_by: String,
    sequence: u64,
    created_at: i64,
    sequence_note: Option<SequenceNote>,
    counts: Counts,
    total_records: usize,
    records: Vec<PlannedRecord>,
}

#[tauri::command]
pub async fn bundle_open(
    app: tauri::AppHandle,
    shell: State<'_, Shell>,
) -> CommandResult<Option<BundlePreview>> {
    let Some(path) = chosen_path(&app, None) else {
        return Ok(None);
    };
    let (opened, report) = shell.with_store_lang(|store, _| {
        let mut opened = import::open(store, &path)?;
        let report = import::preview(store, &mut opened)?;
        Ok((opened, report))
    })?;
    let manifest: &Manifest = &report.manifest;
    let preview_id = format!("bundle-{}", manifest.bundle_id);
    let preview = BundlePreview {
        preview_id: preview_id.clone(),
        file_name: report.file_name.clone(),
        kind: manifest.kind,
        office_name: manifest.office_name.clone(),
        exported_by: manifest.exported_by.clone(),
        sequence: manifest.sequence,
        created_at: manifest.created_at,
        sequence_note: report.sequence_note.clone(),
        counts: report.counts.clone(),
        total_records: report.records.len(),
        records: report.records.into_iter().take(PREVIEW_ROWS).collect(),
    };
    // Kept open (its staging copy with it) until the officer applies or cancels.
    shell.keep_bundle(preview_id, opened)?;
    Ok(Some(preview))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplyResult {
    file_name: String,
    counts: Counts,
}

#[tauri::command]
pub fn bundle_apply(shell: State<Shell>, preview_id: String) -> CommandResult<ApplyResult> {
    let mut opened = shell.take_bundle(&preview_id)?;
    let report = shell.with_store_lang(|store, _| import::apply(store, &mut opened))?;
    Ok(ApplyResult {
        file_name: report.file_name,
        counts: report.counts,
    })
}

#[tauri::command]
pub fn bundle_cancel(shell: State<Shell>, preview_id: String) -> CommandResult<()> {
    // Dropping it removes its staging copy.
    shell.take_bundle(&preview_id).map(drop).or(Ok(()))
}

#[tauri::command]
pub fn resolve_conflict(
    shell: State<Shell>,
    id: i64,
    resolution: Resolution,
) -> CommandResult<SyncView> {
    shell.write(|w, _| conflicts::resolve(w, id, &resolution))?;
    get_sync(shell)
}

#[tauri::command]
pub fn review_bundle(
    shell: State<Shell>,
    bundle_id: String,
    state: String,
    comment: String,
) -> CommandResult<SyncView> {
    shell.write(|w, _| received::review(w, &bundle_id, &state, &comment))?;
    get_sync(shell)
}

/// The national view across every workspace this office holds; `today` null: the machine's today;
/// `period` null: the current quarter. An unknown period is refused as a field error.
#[tauri::command]
pub fn get_national(
    shell: State<Shell>,
    today: Option<String>,
    period: Option<String>,
) -> CommandResult<lode_store::national::NationalView> {
    use lode_store::national::{self, Period};
    let today = match today {
        Some(day) => day,
        None => shell.today()?,
    };
    shell.read(|conn, lang| {
        let period = period
            .as_deref()
            .map_or(Ok(Period::default()), Period::from_code)?;
        national::view(conn, lang, &today, period)
    })
}
