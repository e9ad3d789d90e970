//! "Export" on a register (a thin caller of `lode_registers::export`) and on a phase's document
//! (of `lode_docs::export`). The file is chosen in the native save dialog opened here (or, for
//! the end-to-end tests, named by `LODE_DIALOG_PATH`); the webview sends only the workspace,
//! what to export and how, never a path.

use crate::boundary::{CommandResult, UiError};
use crate::shell::Shell;
use lode_core::Lang;
use lode_docs::{DocError, DocumentRequest, DocumentSummary, Report};
use lode_registers::{ExportRequest, ExportSummary, Format, Register, RegisterError};
use lode_store::{StoreError, setting, workspace};
use std::path::PathBuf;
use tauri::{Manager, State};
use tauri_plugin_dialog::DialogExt;

/// A register's refusal as the webview receives it; the store's keep their field errors.
fn ui_error(error: &RegisterError, lang: Lang) -> UiError {
    match error.as_store() {
        Some(store) => UiError::from_store(store, lang),
        None => UiError {
            code: error.code(),
            message: error.message(lang),
            record: None,
            fields: Vec::new(),
        },
    }
}

/// A document's refusal as the webview receives it; the store's keep their field errors.
fn doc_ui_error(error: &DocError, lang: Lang) -> UiError {
    match error {
        DocError::Store(store) => UiError::from_store(store, lang),
        other => UiError {
            code: other.code(),
            message: other.message(lang),
            record: None,
            fields: Vec::new(),
        },
    }
}

/// The file the officer chose in the save dialog, offered `suggested` and filtered to
/// `extensions` (named `filter`), or the file the test harness named; None when the dialog is
/// cancelled.
fn chosen_path(
    app: &tauri::AppHandle,
    filter: &str,
    extensions: &[&str],
    suggested: &str,
) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("LODE_DIALOG_PATH") {
        return Some(PathBuf::from(path));
    }
    app.dialog()
        .file()
        .add_filter(filter, extensions)
        .set_file_name(suggested)
        .blocking_save_file()
        .and_then(|chosen| chosen.into_path().ok())
}

/// The save dialog's filter for a register's format.
fn register_filter(format: Format) -> (&'static str, &'static [&'static str]) {
    match format {
        Format::Xlsx => ("Excel workbook", &["xlsx"]),
        Format::Csv => ("CSV", &["csv"]),
        Format::Geojson => ("GeoJSON", &["geojson", "json"]),
    }
}

/// The save dialog's filter for a document's format.
fn document_filter(format: lode_docs::Format) -> (&'static str, &'static [&'static str]) {
    match format {
        lode_docs::Format::Pdf => ("PDF", &["pdf"]),
        lode_docs::Format::Docx => ("Word document", &["docx"]),
    }
}

/// Writes register `register` of workspace `workspace_id` as `format` where the officer
/// chooses, in the UI's language; personal data is masked unless `include_personal_data`.
/// `None` when the officer cancels the dialog. A register or format that does not exist, or
/// GeoJSON for a register without a place on a map, is refused before the dialog opens.
#[tauri::command]
pub async fn export_register(
    app: tauri::AppHandle,
    shell: State<'_, Shell>,
    workspace_id: String,
    register: String,
    format: String,
    include_personal_data: bool,
) -> CommandResult<Option<ExportSummary>> {
    let lang = shell.read(|conn, _| setting::language(conn))?;
    let parsed = Register::parse(&register).and_then(|register| {
        let format = Format::parse(&format)?;
        register.check(format)?;
        Ok((register, format))
    });
    let (register, format) = parsed.map_err(|e| ui_error(&e, lang))?;
    let suggested = lode_registers::suggested_file_name(register, format, &shell.today()?);
    let (filter, extensions) = register_filter(format);
    let Some(path) = chosen_path(&app, filter, extensions, &suggested) else {
        return Ok(None);
    };
    let request = ExportRequest {
        workspace_id,
        register,
        format,
        lang,
        include_personal_data,
    };
    let outcome = shell.with_store_lang(|store, _| {
        // A refusal of the register's own travels inside Ok, to be worded below.
        Ok(lode_registers::export(store, &request, &path))
    })?;
    outcome.map(Some).map_err(|e| ui_error(&e, lang))
}

/// The name the save dialog offers for `report` as `format` made on `today`, e.g.
/// `lode-strategy-2026-12-04.pdf`.
fn suggested_document_name(report: Report, format: lode_docs::Format, today: &str) -> String {
    format!("lode-{}-{today}.{}", report.name(), format.extension())
}

/// What the officer asked for, checked before the save dialog opens, and the UI's language
/// (in which any refusal is worded).
struct DocumentChoice {
    request: DocumentRequest,
    ui_lang: Lang,
}

/// Checks `export_document`'s arguments against the store: the workspace exists, the document,
/// format and language are ones Lode writes (`lang` None: the UI's language).
fn document_choice(
    shell: &Shell,
    workspace_id: String,
    report: &str,
    format: &str,
    lang: Option<&str>,
) -> CommandResult<DocumentChoice> {
    let ui_lang = shell.read(|conn, lang| {
        workspace::get(conn, &workspace_id)?;
        Ok(lang)
    })?;
    let parsed =
        Report::parse(report).and_then(|report| Ok((report, lode_docs::Format::parse(format)?)));
    let (report, format) = parsed.map_err(|e| doc_ui_error(&e, ui_lang))?;
    let lang = match lang {
        None => ui_lang,
        Some(code) => Lang::parse(code).ok_or_else(|| {
            let mut check = lode_core::validation::Checker::default();
            check.fail("lang", "invalid_choice");
            let invalid = check.finish().err().map(StoreError::from);
            invalid.map_or_else(
                || UiError::internal("language refused without a reason", ui_lang),
                |error| UiError::from_store(&error, ui_lang),
            )
        })?,
    };
    Ok(DocumentChoice {
        request: DocumentRequest {
            workspace_id,
            report,
            format,
            lang,
            asm_type: None,
        },
        ui_lang,
    })
}

/// Makes the document and writes it to `path`. The store is held only to read the records and
/// to record the export; typst lays the document out in between, so other commands are not
/// kept waiting for the seconds a long document takes.
fn write_document(
    shell: &Shell,
    choice: &DocumentChoice,
    path: &std::path::Path,
) -> CommandResult<DocumentSummary> {
    let request = &choice.request;
    let refused = |e: DocError| doc_ui_error(&e, choice.ui_lang);
    let at = crate::commands::now();
    let document = shell
        .read(|conn, _| {
            // A refusal of the document's own travels inside Ok, to be worded below.
            Ok(lode_docs::build_request(conn, request, at))
        })?
        .map_err(refused)?;
    let bytes =
        lode_docs::render(&document, request.format, &request.ident(), at).map_err(refused)?;
    shell
        .with_store_lang(|store, _| Ok(lode_docs::save(store, request, &document, &bytes, path)))?
        .map_err(refused)
}

/// Writes phase document `report` ("context", "strategy", "plan", "me") of workspace
/// `workspace_id` as `format` ("pdf", "docx") in `lang` ("en", "fr"; None: the UI's language)
/// where the officer chooses; with `asm_type` (an ASM type's id), only that type's part of the
/// Strategy. `None` when the officer cancels the dialog. An unknown document, format, language
/// or workspace, or a type for another document than the Strategy, is refused before the
/// dialog opens. The document is made on a
/// blocking thread (a Strategy PDF takes a few seconds), so the command's runtime stays free.
#[tauri::command]
pub async fn export_document(
    app: tauri::AppHandle,
    shell: State<'_, Shell>,
    workspace_id: String,
    report: String,
    format: String,
    lang: Option<String>,
    asm_type: Option<String>,
) -> CommandResult<Option<DocumentSummary>> {
    let mut choice = document_choice(&shell, workspace_id, &report, &format, lang.as_deref())?;
    if asm_type.is_some() && choice.request.report != Report::Strategy {
        return Err(doc_ui_error(&DocError::TypeOnlyInStrategy, choice.ui_lang));
    }
    choice.request.asm_type = asm_type;
    let DocumentRequest { report, format, .. } = choice.request;
    let suggested = suggested_document_name(report, format, &shell.today()?);
    let (filter, extensions) = document_filter(format);
    let Some(path) = chosen_path(&app, filter, extensions, &suggested) else {
        return Ok(None);
    };
    let ui_lang = choice.ui_lang;
    let worker = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        write_document(&worker.state::<Shell>(), &choice, &path)
    })
    .await
    .map_err(|e| UiError::internal(&e.to_string(), ui_lang))?
    .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_offered_under_its_name_and_date() {
        assert_eq!(
            suggested_document_name(Report::Strategy, lode_docs::Format::Pdf, "2026-12-04"),
            "lode-strategy-2026-12-04.pdf"
        );
        assert_eq!(
            suggested_document_name(Report::Monitoring, lode_docs::Format::Docx, "2026-12-04"),
            "lode-me-2026-12-04.docx"
        );
    }

    #[test]
    fn a_documents_own_refusal_keeps_its_code_and_a_store_error_its_fields() {
        let unknown = doc_ui_error(&DocError::UnknownFormat("odt".into()), Lang::Fr);
        assert_eq!(unknown.code, "documents.unknown_format");
        assert!(unknown.message.contains("odt"), "{}", unknown.message);
        let mut check = lode_core::validation::Checker::default();
        check.fail("lang", "invalid_choice");
        let invalid = StoreError::from(check.finish().unwrap_err());
        let error = doc_ui_error(&DocError::Store(invalid), Lang::En);
        assert_eq!(error.code, "validation");
        assert_eq!(error.fields.len(), 1);
        assert_eq!(error.fields[0].field, "lang");
    }

    #[test]
    fn each_document_format_has_its_filter() {
        assert_eq!(document_filter(lode_docs::Format::Pdf).1, &["pdf"]);
        assert_eq!(document_filter(lode_docs::Format::Docx).1, &["docx"]);
    }

    /// A shell over a fresh data folder holding the demo workspace; its id.
    fn demo_shell(dir: &std::path::Path) -> (Shell, String) {
        let mut store =
            lode_store::data_dir::open(dir, lode_store::Context::system()).expect("opens");
        let demo = lode_store::demo::ensure(&mut store, Lang::En).expect("demo");
        drop(store);
        (Shell::open(dir), demo.meta.id)
    }

    #[test]
    fn a_document_is_refused_before_the_dialog_when_it_cannot_be_made() {
        let dir = tempfile::tempdir().unwrap();
        let (shell, id) = demo_shell(dir.path());
        let code = |workspace: &str, report: &str, format: &str, lang: Option<&str>| {
            document_choice(&shell, workspace.into(), report, format, lang)
                .err()
                .map(|e| (e.code, e.fields.first().map(|f| f.field.clone())))
        };
        assert_eq!(
            code("no-such", "context", "pdf", None),
            Some(("store.not_found", None))
        );
        assert_eq!(
            code(&id, "annual", "pdf", None),
            Some(("documents.unknown_report", None))
        );
        assert_eq!(
            code(&id, "plan", "odt", None),
            Some(("documents.unknown_format", None))
        );
        assert_eq!(
            code(&id, "me", "docx", Some("pt")),
            Some(("validation", Some("lang".to_owned())))
        );
        let choice = document_choice(&shell, id, "me", "docx", None).unwrap();
        assert_eq!(choice.request.report, Report::Monitoring);
        assert_eq!(choice.request.lang, Lang::En, "the UI's language");
    }

    #[test]
    fn a_document_is_written_where_chosen_and_says_whether_it_is_a_draft() {
        let dir = tempfile::tempdir().unwrap();
        let (shell, id) = demo_shell(dir.path());
        let out = tempfile::tempdir().unwrap();
        let path = out.path().join("lode-context-2026-12-04.docx");
        let choice = document_choice(&shell, id.clone(), "context", "docx", Some("fr")).unwrap();
        let summary = write_document(&shell, &choice, &path).unwrap();
        assert_eq!(summary.file_name, "lode-context-2026-12-04.docx");
        assert_eq!(
            summary.bytes as u64,
            std::fs::metadata(&path).unwrap().len()
        );
        assert!(summary.draft, "the demo's strategy is not signed off");

        let nowhere = out.path().join("no-such-folder").join("lode.docx");
        let error = write_document(&shell, &choice, &nowhere).unwrap_err();
        assert_eq!(error.code, "documents.write_failed");
        assert!(!nowhere.exists());
    }
}
