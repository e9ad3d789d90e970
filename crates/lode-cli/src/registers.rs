//! `lode export-register NAME --format xlsx|csv|geojson -o FILE`: a thin caller of
//! `lode_registers::export`, worded from the message catalogue. The workspace is the one named
//! with `--workspace`, else the current one (the app's last), else the only one there is.

use clap::Args;
use lode_core::{Lang, messages};
use lode_registers::{ExportRequest, ExportSummary, Format, Register, RegisterError};
use lode_store::{Store, StoreError};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ExportRegister {
    /// sites, stakeholders, partners, licence-holders, actions, measurements or zones
    name: String,
    /// xlsx, csv or geojson (sites and zones only)
    #[arg(long, value_parser = ["xlsx", "csv", "geojson"])]
    format: String,
    /// The file to write (replaced if it exists).
    #[arg(short, long)]
    output: PathBuf,
    /// The language of the headers and labels (default: the installation's).
    #[arg(long, value_parser = ["en", "fr"])]
    lang: Option<String>,
    /// Write national ID numbers and dates of birth as they are, rather than masked.
    #[arg(long)]
    include_personal_data: bool,
    /// The workspace's id (default: the current one).
    #[arg(long)]
    workspace: Option<String>,
}

fn say(lang: Lang, key: &str, params: &[(&str, &str)]) {
    println!("{}", messages::text(lang, key, params));
}

/// Exports the register; a refusal is printed in the officer's language and ends in FAILURE.
pub fn export_register(
    store: &mut Store,
    lang: Lang,
    args: ExportRegister,
) -> Result<ExitCode, StoreError> {
    let lang = args.lang.as_deref().and_then(Lang::parse).unwrap_or(lang);
    match run(store, lang, &args) {
        Ok(summary) => {
            report(lang, &summary, &args);
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            eprintln!("error [{}]: {}", error.code(), error.message(lang));
            Ok(ExitCode::FAILURE)
        }
    }
}

fn run(
    store: &mut Store,
    lang: Lang,
    args: &ExportRegister,
) -> Result<ExportSummary, RegisterError> {
    let register = Register::parse(&args.name)?;
    let format = Format::parse(&args.format)?;
    register.check(format)?;
    let request = ExportRequest {
        workspace_id: chosen_workspace(store, lang, args.workspace.as_deref())?,
        register,
        format,
        lang,
        include_personal_data: args.include_personal_data,
    };
    lode_registers::export(store, &request, &args.output)
}

fn chosen_workspace(
    store: &Store,
    lang: Lang,
    named: Option<&str>,
) -> Result<String, RegisterError> {
    crate::workspace_choice::choose(store, lang, named)?
        .map_err(|choices| RegisterError::NoWorkspace { choices })
}

fn report(lang: Lang, summary: &ExportSummary, args: &ExportRegister) {
    say(
        lang,
        "registers.cli.done",
        &[
            ("rows", &summary.rows.to_string()),
            ("register", &summary.register.title(lang)),
            ("file", &args.output.display().to_string()),
        ],
    );
    if summary.skipped_without_location > 0 {
        say(
            lang,
            "registers.cli.skipped",
            &[("count", &summary.skipped_without_location.to_string())],
        );
    }
    if summary.personal_data_masked {
        say(lang, "registers.cli.masked", &[]);
    }
    if summary.personal_data_included {
        say(lang, "registers.cli.included", &[]);
    }
}
