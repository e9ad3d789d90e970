//! `lode`: the command-line tool for headless work on a Lode data folder (set-up, the demo
//! workspace, backups, health checks, keys, bundles out and in, conflicts). It is a thin caller of
//! `lode-store`: any rule it needs lives there, so the app and the CLI never disagree.

use clap::{Parser, Subcommand};
use lode_core::office::SetupRequest;
use lode_core::{Lang, messages};
use lode_store::{Context, StoreError, backup, check, installation, setting};
use std::path::PathBuf;
use std::process::ExitCode;

mod registers;
mod report;
mod sync;
mod workspace_choice;

#[derive(Parser)]
#[command(
    name = "lode",
    version,
    about = "Lode: managing artisanal and small-scale mining, offline"
)]
struct Cli {
    /// The data folder (default: $LODE_DATA_DIR, else the system's application-data folder).
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Set up this installation: its office, the officer and the language.
    Init {
        #[arg(long)]
        office: String,
        /// national, province or district
        #[arg(long)]
        level: String,
        #[arg(long)]
        country: String,
        #[arg(long, default_value = "")]
        parent_office: String,
        #[arg(long)]
        officer: String,
        #[arg(long)]
        role: String,
        /// en or fr
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Create the demo workspace (and a demo installation if none is set up). Safe to repeat.
    Demo {
        /// The last phase the demo fills in: 3 (the default), or 1 or 2 to practise the next one.
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=3))]
        through_phase: u8,
    },
    /// Write a verified copy of the database to FILE.
    Backup { file: PathBuf },
    /// Report the database's schema version, integrity and contents.
    Check,
    /// This office's signing key, the keys of the offices it trusts, and sealing.
    Keys {
        #[command(subcommand)]
        action: sync::KeysAction,
    },
    /// Write a signed bundle of what the national office has not acknowledged yet (or, with
    /// --all, of everything).
    Export {
        file: PathBuf,
        #[arg(long)]
        all: bool,
        /// A national reference package (strategy, catalogues, acknowledgements, sealing
        /// recipient) rather than a district submission; always complete.
        #[arg(long)]
        reference: bool,
        /// Seal the file for the office this one seals to (see `lode keys seal-show`).
        #[arg(long)]
        seal: bool,
    },
    /// Check a bundle (format, every hash, the signature) without importing it.
    Verify { file: PathBuf },
    /// Import a bundle, or every bundle of a folder, then print a summary.
    Import {
        path: PathBuf,
        /// Show what would change, and change nothing.
        #[arg(long)]
        preview: bool,
        /// Read this office's sealing passphrase from standard input (one line, its line ending
        /// not included), to open sealed bundles.
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// The records changed both here and at another office, waiting for a decision.
    Conflicts {
        #[command(subcommand)]
        action: Option<sync::ConflictsAction>,
    },
    /// Write a register (sites, licence holders…) as XLSX, CSV or GeoJSON; personal data is
    /// masked unless --include-personal-data. Every export is recorded in the audit log.
    ExportRegister(registers::ExportRegister),
    /// Write a phase document (Context Report, Strategy, Implementation Plan, M&E Plan) as PDF
    /// or DOCX. Every document written is recorded in the audit log.
    Report(report::ReportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let dir = lode_store::data_dir::resolve(cli.data_dir);
    match run(&dir, cli.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error [{}]: {}", error.code(), error.message(Lang::En));
            ExitCode::FAILURE
        }
    }
}

/// Runs one command; FAILURE without an error when some of the work was refused (a bundle of a
/// folder, a sealed file that cannot be checked), each refusal having been printed already.
fn run(dir: &std::path::Path, command: Command) -> Result<ExitCode, StoreError> {
    let mut store = lode_store::data_dir::open(dir, Context::system())?;
    let lang = setting::language(store.conn())?;
    match command {
        Command::Init {
            office,
            level,
            country,
            parent_office,
            officer,
            role,
            lang,
        } => {
            let setup = SetupRequest {
                office_name: office,
                level,
                country,
                parent_office,
                officer_name: officer,
                officer_role: role,
                language: lang,
            }
            .validate()
            .map_err(|invalid| explain_invalid(invalid, Lang::En))?;
            let done = store.write(|w| installation::set_up(w, &setup))?;
            let office = &done.office;
            println!(
                "{}",
                messages::text(
                    setup.language,
                    "cli.init.done",
                    &[
                        ("office", &office.name),
                        ("level", office.level.code()),
                        ("country", &office.country),
                        ("officer", &done.officer_name),
                        ("dir", &dir.display().to_string()),
                    ],
                )
            );
        }
        Command::Demo { through_phase } => {
            let workspace = lode_store::demo::ensure_through(&mut store, lang, through_phase)?;
            println!(
                "{}",
                messages::text(
                    lang,
                    "cli.demo.done",
                    &[
                        ("name", &workspace.name),
                        ("dir", &dir.display().to_string())
                    ],
                )
            );
        }
        Command::Backup { file } => {
            let bytes = backup::backup_to(store.conn(), &file)?;
            println!(
                "{}",
                messages::text(
                    lang,
                    "cli.backup.done",
                    &[
                        ("path", &file.display().to_string()),
                        ("bytes", &bytes.to_string())
                    ],
                )
            );
        }
        Command::Check => {
            let report = check::report(store.conn())?;
            println!("database: {}", store.path().display());
            println!("schema version: {}", report.schema_version);
            println!("application id: {:#x}", report.application_id);
            println!("journal mode: {}", report.journal_mode);
            println!(
                "foreign keys: {}",
                if report.foreign_keys { "on" } else { "off" }
            );
            println!("integrity: {}", report.integrity);
            println!("foreign key violations: {}", report.foreign_key_violations);
            println!("{:<20} {:>10} {:>12}", "table", "rows", "tombstones");
            for (table, live, dead) in &report.tables {
                println!("{table:<20} {live:>10} {dead:>12}");
            }
            if !report.is_healthy() {
                return Err(StoreError::Corrupt(report.integrity));
            }
        }
        Command::Keys { action } => sync::keys(&mut store, lang, action)?,
        Command::Export {
            file,
            all,
            reference,
            seal,
        } => {
            let options = sync::ExportFlags {
                all,
                reference,
                seal,
            };
            sync::export_bundle(&mut store, lang, &file, options)?;
        }
        Command::Verify { file } => return sync::verify_bundle(&store, lang, &file),
        Command::Import {
            path,
            preview,
            passphrase_stdin,
        } => return sync::import_path(&mut store, lang, &path, preview, passphrase_stdin),
        Command::Conflicts { action } => sync::conflicts(&mut store, lang, action)?,
        Command::Report(args) => {
            return report::report(&mut store, lang, args);
        }
        Command::ExportRegister(args) => {
            return registers::export_register(&mut store, lang, args);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints each field problem on its own line before the summary error.
fn explain_invalid(invalid: lode_core::Invalid, lang: Lang) -> StoreError {
    for error in &invalid.0 {
        eprintln!(
            "  --{}: {}",
            flag_of(&error.field),
            messages::field_error(lang, &error.field, error.code)
        );
    }
    StoreError::Invalid(invalid)
}

fn flag_of(field: &str) -> &str {
    match field {
        "officeName" => "office",
        "officerName" => "officer",
        "officerRole" => "role",
        "parentOffice" => "parent-office",
        "language" => "lang",
        other => other,
    }
}
