//! `lode keys`, `lode export`, `lode verify`, `lode import` and `lode conflicts`: thin callers of
//! `lode_store::sync`, worded from the message catalogue.

use clap::Subcommand;
use lode_bundle::BundleKind;
use lode_core::{Lang, messages};
use lode_store::sync::conflicts::{self, Resolution};
use lode_store::sync::export::{self, ExportOptions};
use lode_store::sync::import::{self, ImportReport};
use lode_store::sync::keys;
use lode_store::{Store, StoreError};
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum KeysAction {
    /// Create this office's signing key (once).
    Create,
    /// Show this office's public key and its fingerprint, to send to the other office.
    Show,
    /// List the keys this office trusts.
    List,
    /// Trust another office's key (64 hexadecimal digits); confirm the fingerprint by phone.
    Trust {
        #[arg(long)]
        office: String,
        public_key: String,
    },
    /// Revoke a trusted key: its bundles are refused from now on.
    Revoke { key_id: String },
}

#[derive(Subcommand)]
pub enum ConflictsAction {
    /// List the open conflicts, both versions side by side.
    List,
    /// Keep one version of a conflicting record: local or incoming.
    Resolve {
        id: i64,
        #[arg(long, value_parser = ["local", "incoming"])]
        keep: String,
    },
}

fn say(lang: Lang, key: &str, params: &[(&str, &str)]) {
    println!("{}", messages::text(lang, key, params));
}

pub fn keys(store: &mut Store, lang: Lang, action: KeysAction) -> Result<(), StoreError> {
    match action {
        KeysAction::Create => {
            let key = store.write(|w| keys::create_office_key(w))?;
            say(lang, "cli.keys.created", &[("key", &key.key_id)]);
            show(lang, &key.key_id, &key.fingerprint, &key.public_key);
        }
        KeysAction::Show => {
            let key = keys::office_key_info(store.conn())?.ok_or(StoreError::NoOfficeKey)?;
            show(lang, &key.key_id, &key.fingerprint, &key.public_key);
        }
        KeysAction::List => {
            for k in keys::trusted(store.conn())? {
                let state = messages::text(
                    lang,
                    if k.revoked_at.is_some() {
                        "cli.keys.state_revoked"
                    } else {
                        "cli.keys.state_trusted"
                    },
                    &[],
                );
                println!(
                    "{}  {}  {}  {}",
                    k.key.key_id, k.key.fingerprint, state, k.office_name
                );
            }
        }
        KeysAction::Trust { office, public_key } => {
            let k = store.write(|w| keys::trust(w, &office, &public_key))?;
            say(
                lang,
                "cli.keys.trusted",
                &[
                    ("office", &k.office_name),
                    ("fingerprint", &k.key.fingerprint),
                ],
            );
        }
        KeysAction::Revoke { key_id } => {
            store.write(|w| keys::revoke(w, &key_id))?;
            say(lang, "cli.keys.revoked", &[("key", &key_id)]);
        }
    }
    Ok(())
}

fn show(lang: Lang, key_id: &str, fingerprint: &str, public_key: &str) {
    say(
        lang,
        "cli.keys.show",
        &[
            ("key", key_id),
            ("fingerprint", fingerprint),
            ("public", public_key),
        ],
    );
}

pub fn export_bundle(
    store: &mut Store,
    lang: Lang,
    file: &Path,
    everything: bool,
    reference: bool,
) -> Result<(), StoreError> {
    let kind = if reference {
        BundleKind::NationalReference
    } else {
        BundleKind::DistrictSubmission
    };
    let manifest = export::export(store, file, ExportOptions { everything, kind })?;
    let records: u64 = manifest.record_counts.values().sum();
    say(
        lang,
        "cli.export.done",
        &[
            ("path", &file.display().to_string()),
            ("sequence", &manifest.sequence.to_string()),
            ("records", &records.to_string()),
        ],
    );
    Ok(())
}

pub fn verify_bundle(store: &Store, lang: Lang, file: &Path) -> Result<(), StoreError> {
    let opened = import::open(store, file)?;
    let manifest = opened.manifest();
    let records: u64 = manifest.record_counts.values().sum();
    say(
        lang,
        "cli.verify.ok",
        &[
            ("file", opened.file_name()),
            ("office", &manifest.office_name),
            ("sequence", &manifest.sequence.to_string()),
            ("records", &records.to_string()),
            ("key", &manifest.key_id),
        ],
    );
    Ok(())
}

/// Imports one bundle, or every `.lodebundle` of a folder (past the bad ones), then a summary.
pub fn import_path(
    store: &mut Store,
    lang: Lang,
    path: &Path,
    preview: bool,
) -> Result<(), StoreError> {
    let files = bundles_at(path)?;
    let outcomes: Vec<Result<ImportReport, StoreError>> = if preview {
        files
            .iter()
            .map(|file| import::open(store, file).and_then(|mut o| import::preview(store, &mut o)))
            .collect()
    } else {
        import::import_many(store, &files, |index, file| {
            eprint!("\r[{}/{}] {}", index + 1, files.len(), file.display());
        })?
    };
    eprintln!();
    let failed = outcomes.iter().filter(|o| o.is_err()).count();
    let rows: Vec<_> = files.into_iter().zip(outcomes).collect();
    summary(lang, &rows);
    if failed > 0 {
        say(
            lang,
            "cli.import.some_refused",
            &[("count", &failed.to_string())],
        );
    }
    Ok(())
}

fn bundles_at(path: &Path) -> Result<Vec<PathBuf>, StoreError> {
    if !path.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "lodebundle"))
        .collect();
    files.sort();
    Ok(files)
}

fn summary(lang: Lang, rows: &[(PathBuf, Result<ImportReport, StoreError>)]) {
    println!(
        "{:<32} {:>8} {:>8} {:>9} {:>9} {:>9}  {}",
        messages::text(lang, "cli.import.col_file", &[]),
        messages::text(lang, "cli.import.col_new", &[]),
        messages::text(lang, "cli.import.col_updated", &[]),
        messages::text(lang, "cli.import.col_unchanged", &[]),
        messages::text(lang, "cli.import.col_conflicts", &[]),
        messages::text(lang, "cli.import.col_rejected", &[]),
        messages::text(lang, "cli.import.col_note", &[]),
    );
    for (file, outcome) in rows {
        let name = file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        match outcome {
            Ok(r) => {
                let c = &r.counts;
                let note = r.sequence_note.as_ref().map_or_else(String::new, |n| {
                    format!("{} {}→{}", n.kind, n.expected, n.found)
                });
                println!(
                    "{name:<32} {:>8} {:>8} {:>9} {:>9} {:>9}  {note}",
                    c.new, c.updated, c.unchanged, c.conflicts, c.rejected
                );
            }
            Err(error) => println!(
                "{name:<32} {:>48}  [{}] {}",
                "—",
                error.code(),
                error.message(lang)
            ),
        }
    }
}

pub fn conflicts(
    store: &mut Store,
    lang: Lang,
    action: Option<ConflictsAction>,
) -> Result<(), StoreError> {
    match action.unwrap_or(ConflictsAction::List) {
        ConflictsAction::List => {
            let open = conflicts::open_conflicts(store.conn())?;
            say(
                lang,
                "cli.conflicts.count",
                &[("count", &open.len().to_string())],
            );
            for c in open {
                println!(
                    "#{} {} {} — {} ({})",
                    c.id, c.table, c.record_id, c.office_name, c.officer
                );
                for column in &c.differing {
                    println!(
                        "    {column}: {} | {}",
                        c.local
                            .get(column)
                            .map(ToString::to_string)
                            .unwrap_or_default(),
                        c.incoming
                            .get(column)
                            .map(ToString::to_string)
                            .unwrap_or_default()
                    );
                }
            }
        }
        ConflictsAction::Resolve { id, keep } => {
            let resolution = if keep == "local" {
                Resolution::Local
            } else {
                Resolution::Incoming
            };
            store.write(|w| conflicts::resolve(w, id, &resolution))?;
            say(
                lang,
                "cli.conflicts.resolved",
                &[("id", &id.to_string()), ("keep", &keep)],
            );
        }
    }
    Ok(())
}
