//! `lode report context|strategy|plan|me --format pdf|docx --lang en|fr -o FILE [--type T]`: a thin caller
//! of `lode_docs::export`, worded from the message catalogue.

use clap::Args;
use lode_core::{Lang, messages};
use lode_docs::{DocError, DocumentRequest, Format, Report};
use lode_store::{Store, StoreError};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ReportArgs {
    /// context (Phase 1), strategy (Phase 2), plan or me (Phase 3)
    #[arg(value_parser = ["context", "strategy", "plan", "me"])]
    document: String,
    /// pdf, or docx to edit in Word or LibreOffice
    #[arg(long, value_parser = ["pdf", "docx"], default_value = "pdf")]
    format: String,
    /// The document's language (default: the installation's).
    #[arg(long, value_parser = ["en", "fr"])]
    lang: Option<String>,
    /// The file to write (replaced if it exists).
    #[arg(short, long)]
    output: PathBuf,
    /// The workspace's id (default: the current one).
    #[arg(long)]
    workspace: Option<String>,
    /// With strategy: only this ASM type's part (its name or id), for the officers of that type.
    #[arg(long = "type", value_name = "TYPE")]
    asm_type: Option<String>,
}

/// Writes the document; a refusal is printed in the officer's language and ends in FAILURE.
pub fn report(store: &mut Store, lang: Lang, args: ReportArgs) -> Result<ExitCode, StoreError> {
    let lang = args.lang.as_deref().and_then(Lang::parse).unwrap_or(lang);
    let workspace_id =
        match crate::workspace_choice::choose(store, lang, args.workspace.as_deref())? {
            Ok(id) => id,
            Err(choices) => {
                let message =
                    messages::text(lang, "documents.no_workspace", &[("choices", &choices)]);
                eprintln!("error [documents.no_workspace]: {message}");
                return Ok(ExitCode::FAILURE);
            }
        };
    match write(store, lang, workspace_id, &args) {
        Ok((report, summary)) => {
            let size = summary.bytes.div_ceil(1024).to_string();
            let params = [
                ("document", report.title(lang)),
                ("file", args.output.display().to_string()),
                ("size", size),
            ];
            let params: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
            println!("{}", messages::text(lang, "documents.cli.done", &params));
            if summary.draft {
                println!("{}", messages::text(lang, "documents.cli.draft", &[]));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            eprintln!("error [{}]: {}", error.code(), error.message(lang));
            Ok(ExitCode::FAILURE)
        }
    }
}

fn write(
    store: &mut Store,
    lang: Lang,
    workspace_id: String,
    args: &ReportArgs,
) -> Result<(Report, lode_docs::DocumentSummary), DocError> {
    let report = Report::parse(&args.document)?;
    let request = DocumentRequest {
        workspace_id,
        report,
        format: Format::parse(&args.format)?,
        lang,
        asm_type: args.asm_type.clone(),
    };
    Ok((report, lode_docs::export(store, &request, &args.output)?))
}
