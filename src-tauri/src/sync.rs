//! The Sync page's commands: thin callers of `lode_store::sync`. Files are chosen in native
//! dialogs opened here (or, for the end-to-end tests, named by `LODE_DIALOG_PATH`).
//!
//! A sealed bundle opened without the sealing passphrase is not refused: its path stays in the
//! shell under a pending id, the webview asks the officer for the passphrase and sends it with
//! that id (`bundle_unlock`), so the file dialog does not open again and the path never reaches
//! the webview. A passphrase is used for the one call it comes with, and never kept or logged.

use crate::boundary::CommandResult;
use crate::shell::Shell;
use lode_bundle::{BundleKind, Manifest};
use lode_store::sync::conflicts::{self, Conflict, Resolution};
use lode_store::sync::export::{self, ExportOptions};
use lode_store::sync::import::{self, Counts, PlannedRecord, SequenceNote};
use lode_store::sync::keys::{self, KeyInfo, TrustedKey};
use lode_store::sync::received::{self, ReceivedBundle};
use lode_store::sync::reference::{self, Acknowledged};
use lode_store::sync::sealing::{self, SealTo};
use lode_store::{Connection, Store, StoreError};
use serde::Serialize;
use std::path::{Path, PathBuf};
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

/// Sealing as this office sees it: its own sealing key (if it receives sealed bundles) and the
/// office it seals its own bundles to.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SealingView {
    /// This office's recipient (`age1…`), when it has a sealing key.
    recipient: Option<String>,
    seal_to: Option<SealTo>,
    min_passphrase_chars: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncView {
    office_key: Option<KeyInfo>,
    trusted: Vec<TrustedKey>,
    sent: Vec<SentBundle>,
    received: Vec<ReceivedBundle>,
    conflicts: Vec<Conflict>,
    sealing: SealingView,
    /// What the national office has acknowledged of this office's bundles.
    acknowledged: Option<Acknowledged>,
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
        sealing: SealingView {
            recipient: sealing::sealing_recipient(conn)?,
            seal_to: sealing::seal_to(conn)?,
            min_passphrase_chars: sealing::MIN_PASSPHRASE_CHARS,
        },
        acknowledged: reference::acknowledged(conn)?,
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

/// Makes this office's sealing key, protected by `passphrase` (never stored); returns its
/// recipient.
#[tauri::command]
pub async fn create_sealing_key(
    shell: State<'_, Shell>,
    passphrase: String,
) -> CommandResult<String> {
    shell.write(|w, _| sealing::create_sealing_key(w, &passphrase))
}

/// Names the office this one seals its bundles to, as the officer typed it.
#[tauri::command]
pub fn set_seal_to(
    shell: State<Shell>,
    office_name: String,
    recipient: String,
) -> CommandResult<SealTo> {
    shell.write(|w, _| sealing::set_seal_to(w, &office_name, &recipient))
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
    kind: BundleKind,
    sequence: u64,
    records: u64,
    /// The office the file is sealed for; None when it is not sealed.
    sealed_for: Option<String>,
}

/// Writes this office's bundle where the officer chooses: a district submission (the changes
/// the national office has not acknowledged, or `everything`) or, with `reference`, a reference
/// package (always complete); sealed for the office in `seal_to` when `seal`.
#[tauri::command]
pub async fn export_bundle(
    app: tauri::AppHandle,
    shell: State<'_, Shell>,
    everything: bool,
    reference: bool,
    seal: bool,
) -> CommandResult<Option<ExportResult>> {
    // Refused before the dialog opens rather than after a file is chosen.
    let sealed_for = shell.read(|conn, _| {
        keys::office_key_info(conn)?.ok_or(StoreError::NoOfficeKey)?;
        match seal {
            true => Ok(Some(sealing::seal_to(conn)?.ok_or(StoreError::NoSealTo)?)),
            false => Ok(None),
        }
    })?;
    let suggested = format!(
        "lode-{}{}.lodebundle",
        if reference { "reference-" } else { "" },
        lode_core::clock::iso_date(crate::commands::now())
    );
    let Some(path) = chosen_path(&app, Some(&suggested)) else {
        return Ok(None);
    };
    let kind = match reference {
        true => BundleKind::NationalReference,
        false => BundleKind::DistrictSubmission,
    };
    let options = ExportOptions {
        everything,
        kind,
        seal,
    };
    let manifest = shell.with_store_lang(|store, _| export::export(store, &path, options))?;
    Ok(Some(ExportResult {
        file_name: file_name(&path),
        kind: manifest.kind,
        sequence: manifest.sequence,
        records: manifest.record_counts.values().sum(),
        sealed_for: sealed_for.map(|to| to.office_name),
    }))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
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

/// A sealed bundle waiting for this office's sealing passphrase: `bundle_unlock` with its
/// `pending_id` opens it; `bundle_cancel` with that id forgets it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SealedBundle {
    /// Always true: what tells this answer from a preview.
    needs_passphrase: bool,
    pending_id: String,
    file_name: String,
}

#[derive(Serialize)]
#[serde(untagged)]
pub enum OpenedBundle {
    Preview(Box<BundlePreview>),
    Sealed(SealedBundle),
}

/// The codes of a sealed file opened without a passphrase, and with a wrong one.
const PASSPHRASE_NEEDED: &str = "sync.passphrase_needed";
const WRONG_PASSPHRASE: &str = "bundle.wrong_passphrase";

/// Opens the dialog, then verifies and previews the bundle chosen. A sealed one opened without
/// `passphrase` comes back as a `SealedBundle` to unlock; with a wrong one, its error (nothing is
/// kept: the officer opens it again, or gives null to be asked).
#[tauri::command]
pub async fn bundle_open(
    app: tauri::AppHandle,
    shell: State<'_, Shell>,
    passphrase: Option<String>,
) -> CommandResult<Option<OpenedBundle>> {
    let Some(path) = chosen_path(&app, None) else {
        return Ok(None);
    };
    open_chosen(&shell, path, passphrase.as_deref()).map(Some)
}

/// `bundle_open` once the file is chosen.
fn open_chosen(
    shell: &Shell,
    path: PathBuf,
    passphrase: Option<&str>,
) -> CommandResult<OpenedBundle> {
    match preview_file(shell, &path, passphrase) {
        Ok(preview) => Ok(OpenedBundle::Preview(Box::new(preview))),
        Err(error) if error.code == PASSPHRASE_NEEDED => {
            let file_name = file_name(&path);
            let pending_id = shell.keep_sealed(path)?;
            Ok(OpenedBundle::Sealed(SealedBundle {
                needs_passphrase: true,
                pending_id,
                file_name,
            }))
        }
        Err(error) => Err(error),
    }
}

/// Opens the sealed bundle `pending_id` with this office's sealing `passphrase`, then verifies
/// and previews it. A wrong passphrase keeps it waiting, to try again; any other refusal (no
/// sealing key, sealed for another office, a bad signature…) forgets it.
#[tauri::command]
pub async fn bundle_unlock(
    shell: State<'_, Shell>,
    pending_id: String,
    passphrase: String,
) -> CommandResult<BundlePreview> {
    unlock(&shell, &pending_id, &passphrase)
}

/// `bundle_unlock`: the sealed file stays waiting only when typing the passphrase again can help.
fn unlock(shell: &Shell, pending_id: &str, passphrase: &str) -> CommandResult<BundlePreview> {
    let path = shell.sealed_path(pending_id)?;
    let opened = preview_file(shell, &path, Some(passphrase));
    let try_again = match &opened {
        Err(e) => [WRONG_PASSPHRASE, PASSPHRASE_NEEDED].contains(&e.code),
        Ok(_) => false,
    };
    if !try_again {
        shell.drop_sealed(pending_id)?;
    }
    opened
}

/// Opens (unsealing with `passphrase` if need be), verifies and previews the bundle at `path`,
/// and keeps it open for `bundle_apply`.
fn preview_file(
    shell: &Shell,
    path: &Path,
    passphrase: Option<&str>,
) -> CommandResult<BundlePreview> {
    let (opened, report) = shell.with_store_lang(|store: &mut Store, _| {
        let mut opened = import::open(store, path, passphrase)?;
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
    Ok(preview)
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

/// Drops a previewed bundle, or a sealed one waiting for its passphrase (`preview_id` is then its
/// pending id).
#[tauri::command]
pub fn bundle_cancel(shell: State<Shell>, preview_id: String) -> CommandResult<()> {
    if shell.drop_sealed(&preview_id)? {
        return Ok(());
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use lode_core::office::SetupRequest;
    use lode_store::{Context, installation};
    use serde_json::json;

    fn national_store(dir: &Path) -> Store {
        store_at(dir, "National mining office", "national")
    }

    fn store_at(dir: &Path, office: &str, level: &str) -> Store {
        let mut store = lode_store::data_dir::open(dir, Context::system()).unwrap();
        let setup = SetupRequest {
            office_name: office.into(),
            level: level.into(),
            country: "CD".into(),
            parent_office: String::new(),
            officer_name: "Test Officer".into(),
            officer_role: "Analyst".into(),
            language: "en".into(),
        }
        .validate()
        .unwrap();
        store.write(|w| installation::set_up(w, &setup)).unwrap();
        store
    }

    #[test]
    fn the_sync_view_says_what_this_office_seals_and_to_whom() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = national_store(dir.path());
        let before = serde_json::to_value(view(store.conn()).unwrap()).unwrap();
        assert_eq!(
            before["sealing"],
            json!({ "recipient": null, "sealTo": null, "minPassphraseChars": 10 })
        );
        assert_eq!(before["acknowledged"], json!(null));

        let recipient = store
            .write(|w| sealing::create_sealing_key(w, "a passphrase long enough"))
            .unwrap();
        store
            .write(|w| sealing::set_seal_to(w, "Another office", &recipient))
            .unwrap();
        let after = serde_json::to_value(view(store.conn()).unwrap()).unwrap();
        assert_eq!(after["sealing"]["recipient"], json!(recipient));
        assert_eq!(
            after["sealing"]["sealTo"]["officeName"],
            json!("Another office")
        );
        assert_eq!(
            after["sealing"]["sealTo"]["fromBundle"],
            json!(null),
            "typed in, not from a reference package"
        );
    }

    #[test]
    fn a_sealed_bundle_reaches_the_webview_as_an_id_and_a_file_name_only() {
        let sealed = OpenedBundle::Sealed(SealedBundle {
            needs_passphrase: true,
            pending_id: "sealed-1".into(),
            file_name: "kalima-1.lodebundle".into(),
        });
        assert_eq!(
            serde_json::to_value(sealed).unwrap(),
            json!({ "needsPassphrase": true, "pendingId": "sealed-1", "fileName": "kalima-1.lodebundle" })
        );
    }

    const PASSPHRASE: &str = "grey heron at Kalima dawn";

    #[test]
    fn a_sealed_bundle_waits_for_its_passphrase_and_a_wrong_one_can_be_typed_again() {
        let (national_dir, district_dir, files) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        let mut national = national_store(national_dir.path());
        let recipient = national
            .write(|w| sealing::create_sealing_key(w, PASSPHRASE))
            .unwrap();
        let mut district = store_at(district_dir.path(), "Kalima district office", "district");
        let district_key = district.write(|w| keys::create_office_key(w)).unwrap();
        national
            .write(|w| keys::trust(w, "Kalima district office", &district_key.public_key))
            .unwrap();
        district
            .write(|w| sealing::set_seal_to(w, "National mining office", &recipient))
            .unwrap();
        let file = files.path().join("kalima-1.lodebundle");
        let options = ExportOptions {
            everything: false,
            kind: BundleKind::DistrictSubmission,
            seal: true,
        };
        export::export(&mut district, &file, options).unwrap();
        drop(national);
        let shell = Shell::open(national_dir.path());

        let OpenedBundle::Sealed(sealed) = open_chosen(&shell, file.clone(), None).unwrap() else {
            panic!("a sealed file waits for its passphrase");
        };
        assert_eq!(sealed.file_name, "kalima-1.lodebundle");
        let wrong = unlock(&shell, &sealed.pending_id, "not the passphrase")
            .err()
            .expect("a wrong passphrase is refused");
        assert_eq!(wrong.code, "bundle.wrong_passphrase");
        let preview = unlock(&shell, &sealed.pending_id, PASSPHRASE)
            .unwrap_or_else(|e| panic!("the right passphrase opens it: {}", e.message));
        assert_eq!(preview.office_name, "Kalima district office");
        assert!(
            shell.sealed_path(&sealed.pending_id).is_err(),
            "once open, it no longer waits"
        );
        assert!(
            shell.take_bundle(&preview.preview_id).is_ok(),
            "kept for bundle_apply"
        );

        let OpenedBundle::Sealed(again) = open_chosen(&shell, file, None).unwrap() else {
            panic!("sealed again");
        };
        assert!(shell.drop_sealed(&again.pending_id).unwrap(), "cancelled");
        let gone = unlock(&shell, &again.pending_id, PASSPHRASE).err().unwrap();
        assert_eq!(gone.code, "store.not_found");
    }
}
