//! `lode keys`, `lode export`, `lode verify`, `lode import` and `lode conflicts`: thin callers of
//! `lode_store::sync`, worded from the message catalogue.
//!
//! A sealing passphrase is read from standard input, one line (its line ending is not part of
//! it), used for the one call that needs it and never printed, logged or kept.

use clap::Subcommand;
use lode_bundle::BundleKind;
use lode_core::clock::iso_date;
use lode_core::{Lang, messages};
use lode_store::sync::conflicts::{self, Resolution};
use lode_store::sync::export::{self, ExportOptions};
use lode_store::sync::import::{self, ImportReport};
use lode_store::sync::{keys, reference, sealing};
use lode_store::{Store, StoreError};
use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
    /// Create this office's sealing key (once; usually the national office's), protected by a
    /// passphrase read from standard input (one line). Prints the recipient to send to districts.
    SealCreate,
    /// Show this office's sealing recipient, and the office its own bundles are sealed to.
    SealShow,
    /// Seal this office's bundles to another office: its name and its recipient (age1…).
    SealTo { office: String, recipient: String },
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
        KeysAction::SealCreate => {
            let min = sealing::MIN_PASSPHRASE_CHARS.to_string();
            let passphrase = read_passphrase(lang, "cli.passphrase.prompt_new", &[("min", &min)])?;
            let recipient = store.write(|w| sealing::create_sealing_key(w, &passphrase))?;
            drop(passphrase);
            say(lang, "cli.keys.seal_created", &[("recipient", &recipient)]);
        }
        KeysAction::SealShow => {
            match sealing::sealing_recipient(store.conn())? {
                Some(recipient) => say(
                    lang,
                    "cli.keys.seal_recipient",
                    &[("recipient", &recipient)],
                ),
                None => say(lang, "cli.keys.no_sealing_key", &[]),
            }
            match sealing::seal_to(store.conn())? {
                Some(to) => say(
                    lang,
                    if to.from_bundle.is_some() {
                        "cli.keys.seal_to_reference"
                    } else {
                        "cli.keys.seal_to_by_hand"
                    },
                    &[
                        ("office", &to.office_name),
                        ("recipient", &to.recipient),
                        ("date", &iso_date(to.set_at)),
                    ],
                ),
                None => say(lang, "cli.keys.no_seal_to", &[]),
            }
        }
        KeysAction::SealTo { office, recipient } => {
            let to = store.write(|w| sealing::set_seal_to(w, &office, &recipient))?;
            say(
                lang,
                "cli.keys.seal_to_set",
                &[("office", &to.office_name), ("recipient", &to.recipient)],
            );
        }
    }
    Ok(())
}

/// The passphrase, one line of standard input without its line ending (spaces are part of it).
/// At a terminal a prompt goes to standard error first; piped, nothing is printed.
fn read_passphrase(
    lang: Lang,
    prompt: &str,
    params: &[(&str, &str)],
) -> Result<String, StoreError> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        // At a terminal the passphrase is read without showing it.
        return Ok(rpassword::prompt_password(format!(
            "{} ",
            messages::text(lang, prompt, params)
        ))?);
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    let end = line.trim_end_matches(['\n', '\r']).len();
    line.truncate(end);
    Ok(line)
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

/// The flags of `lode export`.
#[derive(Debug, Clone, Copy)]
pub struct ExportFlags {
    pub all: bool,
    pub reference: bool,
    pub seal: bool,
}

pub fn export_bundle(
    store: &mut Store,
    lang: Lang,
    file: &Path,
    flags: ExportFlags,
) -> Result<(), StoreError> {
    let kind = if flags.reference {
        BundleKind::NationalReference
    } else {
        BundleKind::DistrictSubmission
    };
    // What the bundle carries, said before the work starts.
    if flags.reference {
        say(lang, "cli.export.reference", &[]);
    } else if flags.all {
        say(lang, "cli.export.everything", &[]);
    } else {
        match reference::acknowledged(store.conn())? {
            Some(ack) => say(
                lang,
                "cli.export.after_ack",
                &[
                    ("sequence", &ack.sequence.to_string()),
                    ("date", &iso_date(ack.received_at)),
                ],
            ),
            None => say(lang, "cli.export.nothing_acked", &[]),
        }
    }
    let options = ExportOptions {
        everything: flags.all,
        kind,
        seal: flags.seal,
    };
    let manifest = export::export(store, file, options)?;
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
    if flags.seal
        && let Some(to) = sealing::seal_to(store.conn())?
    {
        say(lang, "cli.export.sealed", &[("office", &to.office_name)]);
    }
    Ok(())
}

/// Checks a bundle. A sealed one cannot be checked without this office's sealing passphrase:
/// it is named as sealed (not as a damaged zip) and the command that opens it is given.
pub fn verify_bundle(store: &Store, lang: Lang, file: &Path) -> Result<ExitCode, StoreError> {
    if lode_bundle::is_sealed(file).unwrap_or(false) {
        let name = file.display().to_string();
        eprintln!(
            "{}",
            messages::text(lang, "cli.verify.sealed", &[("file", &name)])
        );
        return Ok(ExitCode::FAILURE);
    }
    let opened = import::open(store, file, None)?;
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
    Ok(ExitCode::SUCCESS)
}

/// Imports one bundle, or every `.lodebundle` of a folder (past the bad ones), then a summary;
/// FAILURE when any was refused. With `passphrase_stdin`, this office's sealing passphrase is read
/// first (one line) and opens the sealed ones.
pub fn import_path(
    store: &mut Store,
    lang: Lang,
    path: &Path,
    preview: bool,
    passphrase_stdin: bool,
) -> Result<ExitCode, StoreError> {
    let files = bundles_at(path)?;
    let passphrase = match passphrase_stdin {
        true => Some(read_passphrase(lang, "cli.passphrase.prompt", &[])?),
        false => None,
    };
    let passphrase = passphrase.as_deref();
    let outcomes: Vec<Result<ImportReport, StoreError>> = if preview {
        // One unsealer for the folder: the sealing key is unlocked once, not per file.
        let mut unsealer = import::Unsealer::new(passphrase);
        files
            .iter()
            .map(|file| {
                import::open_with(store, file, &mut unsealer)
                    .and_then(|mut o| import::preview(store, &mut o))
            })
            .collect()
    } else {
        import::import_many(store, &files, passphrase, |index, file| {
            eprint!("\r[{}/{}] {}", index + 1, files.len(), file.display());
        })?
    };
    eprintln!();
    let failed = outcomes.iter().filter(|o| o.is_err()).count();
    let sealed = outcomes
        .iter()
        .any(|o| matches!(o, Err(StoreError::PassphraseNeeded(_))));
    let rows: Vec<_> = files.into_iter().zip(outcomes).collect();
    summary(lang, &rows);
    if failed == 0 {
        return Ok(ExitCode::SUCCESS);
    }
    say(
        lang,
        "cli.import.some_refused",
        &[("count", &failed.to_string())],
    );
    if sealed {
        say(lang, "cli.import.passphrase_hint", &[]);
    }
    Ok(ExitCode::FAILURE)
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
