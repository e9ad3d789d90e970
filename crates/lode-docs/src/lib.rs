//! Lode's phase documents: the Context Report, the ASM Management Strategy, the Implementation
//! Plan and the M&E Plan, built from a workspace's records in the reader's language
//! (`build`, one module per document) into one neutral model (`model`), then typeset as PDF by
//! typst embedded in the binary (`pdf`) or written as an editable Word document (`docx`).
//! The date is passed in, so the same records on the same day give the same file.

mod build;
mod context;
mod docx;
mod error;
pub mod model;
mod monitoring;
mod pdf;
mod plan;
mod strategy;
pub mod text;

pub use error::DocError;
pub use model::Document;

use lode_core::{Lang, Millis, clock};
use lode_store::{Store, StoreError, export_log};
use rusqlite::Connection;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// The four documents the guidance's phases produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Report {
    Context,
    Strategy,
    Plan,
    Monitoring,
}

impl Report {
    pub const ALL: [Report; 4] = [
        Report::Context,
        Report::Strategy,
        Report::Plan,
        Report::Monitoring,
    ];

    /// The name the CLI and the app use: context, strategy, plan, me.
    pub fn name(self) -> &'static str {
        match self {
            Report::Context => "context",
            Report::Strategy => "strategy",
            Report::Plan => "plan",
            Report::Monitoring => "me",
        }
    }

    /// The document's title in `lang`, as its cover gives it.
    pub fn title(self, lang: Lang) -> String {
        text::t(lang, self.title_key())
    }

    fn title_key(self) -> &'static str {
        match self {
            Report::Context => "context.title",
            Report::Strategy => "strategy.title",
            Report::Plan => "plan.title",
            Report::Monitoring => "monitoring.title",
        }
    }

    pub fn parse(name: &str) -> Result<Report, DocError> {
        Report::ALL
            .into_iter()
            .find(|r| r.name() == name)
            .ok_or_else(|| DocError::UnknownReport(name.to_owned()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
}

impl Format {
    pub fn parse(name: &str) -> Result<Format, DocError> {
        match name {
            "pdf" => Ok(Format::Pdf),
            "docx" => Ok(Format::Docx),
            other => Err(DocError::UnknownFormat(other.to_owned())),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// The document `report` for the workspace as of `at`, in `lang`: what both formats show.
pub fn build(
    conn: &Connection,
    workspace_id: &str,
    report: Report,
    lang: Lang,
    at: Millis,
) -> Result<Document, DocError> {
    let w = build::Words { lang };
    let today = clock::iso_date(at);
    let sections = match report {
        Report::Context => context::sections(conn, workspace_id, &w, &today)?,
        Report::Strategy => strategy::sections(conn, workspace_id, &w)?,
        Report::Plan => plan::sections(conn, workspace_id, &w)?,
        Report::Monitoring => monitoring::sections(conn, workspace_id, &w)?,
    };
    Ok(build::document(
        conn,
        workspace_id,
        &w,
        report.title_key(),
        at,
        sections,
    )?)
}

/// The Strategy of one ASM type (`asm_type`: its id or its name), titled with the type's name.
pub fn build_type_strategy(
    conn: &Connection,
    workspace_id: &str,
    asm_type: &str,
    lang: Lang,
    at: Millis,
) -> Result<Document, DocError> {
    let w = build::Words { lang };
    let (name, sections) = strategy::type_sections(conn, workspace_id, asm_type, &w)?
        .ok_or_else(|| DocError::UnknownType(asm_type.to_owned()))?;
    let mut document = build::document(
        conn,
        workspace_id,
        &w,
        Report::Strategy.title_key(),
        at,
        sections,
    )?;
    document.title = text::tf(lang, "strategy.title_for_type", &[("name", &name)]);
    Ok(document)
}

/// The document a request asks for: a whole report, or the Strategy of one type.
pub fn build_request(
    conn: &Connection,
    request: &DocumentRequest,
    at: Millis,
) -> Result<Document, DocError> {
    match (&request.asm_type, request.report) {
        (None, report) => build(conn, &request.workspace_id, report, request.lang, at),
        (Some(asm_type), Report::Strategy) => {
            build_type_strategy(conn, &request.workspace_id, asm_type, request.lang, at)
        }
        (Some(_), _) => Err(DocError::TypeOnlyInStrategy),
    }
}

/// The document laid out as `format`. `ident` names it stably (e.g. workspace and report) so
/// the PDF's identifier does not change between renderings.
pub fn render(
    document: &Document,
    format: Format,
    ident: &str,
    at: Millis,
) -> Result<Vec<u8>, DocError> {
    match format {
        Format::Pdf => pdf::render(document, ident, ymd(at)),
        Format::Docx => docx::render(document, &clock::iso_date(at)),
    }
}

/// Builds and renders in one step.
pub fn make(
    conn: &Connection,
    workspace_id: &str,
    report: Report,
    format: Format,
    lang: Lang,
    at: Millis,
) -> Result<Vec<u8>, DocError> {
    let request = DocumentRequest {
        workspace_id: workspace_id.to_owned(),
        report,
        format,
        lang,
        asm_type: None,
    };
    let document = build(conn, workspace_id, report, lang, at)?;
    render(&document, format, &request.ident(), at)
}

/// One document to write: which, for which workspace, as what, in which language.
#[derive(Debug, Clone)]
pub struct DocumentRequest {
    pub workspace_id: String,
    pub report: Report,
    pub format: Format,
    pub lang: Lang,
    /// Only this ASM type's part of the Strategy (its id or name); `None` for the whole.
    pub asm_type: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentSummary {
    pub file_name: String,
    pub bytes: usize,
    /// Whether the strategy was still a draft (the document carries the draft mark).
    pub draft: bool,
}

impl DocumentRequest {
    /// Names the document stably (workspace, report and type), for the PDF's identifier.
    pub fn ident(&self) -> String {
        let base = format!("lode/{}/{}", self.workspace_id, self.report.name());
        match &self.asm_type {
            Some(asm_type) => format!("{base}/{asm_type}"),
            None => base,
        }
    }
}

/// Makes the document as of the store's clock and writes it to `path` (see `save`). A shell
/// that must not hold the store while typst works calls `build`, `render` and `save` itself.
pub fn export(
    store: &mut Store,
    request: &DocumentRequest,
    path: &Path,
) -> Result<DocumentSummary, DocError> {
    let at = store.context().clock.now();
    let document = build_request(store.conn(), request, at)?;
    let bytes = render(&document, request.format, &request.ident(), at)?;
    save(store, request, &document, &bytes, path)
}

/// Writes a rendered document to `path`: through a temporary file beside it, moved into place
/// in the transaction that records the export in the audit log, so there is never half a
/// document, nor a document the log does not know of.
pub fn save(
    store: &mut Store,
    request: &DocumentRequest,
    document: &Document,
    bytes: &[u8],
    path: &Path,
) -> Result<DocumentSummary, DocError> {
    let failed = |e: std::io::Error| DocError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| failed(std::io::Error::other("not a file name")))?;
    let mut temporary = tempfile::Builder::new()
        .prefix(".lode-document")
        .tempfile_in(export_log::folder_of(path))
        .map_err(failed)?;
    temporary.write_all(bytes).map_err(failed)?;
    let details = serde_json::json!({
        "format": request.format.extension(),
        "language": request.lang.code(),
        "bytes": bytes.len(),
        "fileName": file_name,
        "draft": document.draft.is_some(),
    });
    let what = format!("document:{}", request.report.name());
    let details = match &request.asm_type {
        Some(asm_type) => {
            let mut with_type = details;
            with_type["asmType"] = serde_json::Value::from(asm_type.as_str());
            with_type
        }
        None => details,
    };
    store.write(|w| {
        export_log::audit_export(w, &request.workspace_id, &what, &details)?;
        // Moved into place last: if this fails, the audit row rolls back with it.
        temporary
            .persist(path)
            .map_err(|e| StoreError::Io(e.error))?;
        Ok(())
    })?;
    Ok(DocumentSummary {
        file_name,
        bytes: bytes.len(),
        draft: document.draft.is_some(),
    })
}

/// The civil date of `at` as (year, month, day).
fn ymd(at: Millis) -> (i32, u8, u8) {
    let iso = clock::iso_date(at);
    let mut parts = iso.split('-').map(|p| p.parse::<i32>().unwrap_or(1));
    let year = parts.next().unwrap_or(1970);
    let month = parts.next().unwrap_or(1);
    let day = parts.next().unwrap_or(1);
    (year, month as u8, day as u8)
}
