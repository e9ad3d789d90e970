//! Lode's registers out of Lode: sites, stakeholders, partners, licence holders, plan actions
//! and indicator measurements as XLSX (typed cells, header frozen, filters on) and CSV (UTF-8,
//! RFC 4180); sites and zones also as GeoJSON. Headers and coded values are in the officer's
//! language (`assets/i18n/<lang>/registers.json` and the reference lists).
//!
//! It owns the shape of each register's file, the masking of personal data ([`mask`]: national
//! ID numbers and dates of birth unless the officer includes them) and the one path that writes
//! an export: rows read through `lode-store`'s own readers inside one transaction, the file
//! written to a temporary file beside the target and moved into place only when complete, and
//! one `export` row in the audit log committed with it. It must never take SQL from a caller,
//! write anywhere but the path it is given, or know about Tauri or the UI; the CLI and the app
//! call [`export`] alike.

mod actions;
mod csv_file;
mod error;
mod geojson;
mod labels;
mod licence_holders;
pub mod mask;
mod measurements;
mod partners;
mod register;
mod sites;
mod source;
mod stakeholders;
mod table;
mod xlsx;
mod zones;

pub use error::RegisterError;
pub use register::{Format, Register, suggested_file_name};

use csv_file::CsvOut;
use geojson::GeoJson;
use lode_core::Lang;
use lode_store::{Store, StoreError, Writer, export_log, workspace};
use serde::Serialize;
use serde_json::json;
use source::Source;
use std::io::BufWriter;
use std::path::Path;
use table::Out;
use tempfile::NamedTempFile;
use xlsx::Xlsx;

/// What the officer asked for.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    pub workspace_id: String,
    pub register: Register,
    pub format: Format,
    /// The language of the headers and labels.
    pub lang: Lang,
    /// Include personal data rather than mask it (see [`mask`]); the audit log records it.
    pub include_personal_data: bool,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportSummary {
    pub register: Register,
    pub format: Format,
    /// The file's name, without its folder.
    pub file_name: String,
    /// The records written (rows after the header; features in GeoJSON).
    pub rows: u64,
    /// GeoJSON only: records left out because they have no place on a map (a site without
    /// coordinates, a zone without a boundary).
    pub skipped_without_location: u64,
    /// Personal data is in the file (the officer included it, and the register has some).
    pub personal_data_included: bool,
    /// Personal data was masked (the register has some, and the officer did not include it).
    pub personal_data_masked: bool,
}

/// Writes one register of one workspace to `path`, and records the export in the audit log.
///
/// The file appears whole or not at all: it is written to a temporary file in the same folder
/// and renamed over `path` only once complete, inside the transaction that adds the audit row
/// (so an export that fails leaves neither a file nor a row, and a file never appears without
/// its row). The rows are read in that same transaction: one consistent state of the register.
pub fn export(
    store: &mut Store,
    request: &ExportRequest,
    path: &Path,
) -> Result<ExportSummary, RegisterError> {
    request.register.check(request.format)?;
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| RegisterError::WriteFailed {
            file: path.display().to_string(),
            detail: "not a file name".to_owned(),
        })?;
    let today = store.today();
    // A RegisterError cannot cross `Store::write`, whose work returns a StoreError: it waits
    // here while a stand-in error rolls the transaction back.
    let mut refused: Option<RegisterError> = None;
    let mut moved_into_place = false;
    let result = store.write(|w| {
        let target = Target {
            path,
            file_name: &file_name,
            today: &today,
        };
        match export_in(w, request, &target, &mut moved_into_place) {
            Ok(summary) => Ok(summary),
            Err(RegisterError::Store(error)) => Err(error),
            Err(other) => {
                refused = Some(other);
                Err(StoreError::Io(std::io::Error::other("export refused")))
            }
        }
    });
    result.map_err(|error| {
        if moved_into_place {
            // Only the commit itself failed after the file was in place: without its audit row
            // the file must not stay. Nothing more can be done if this fails too.
            let _ = std::fs::remove_file(path);
        }
        refused.take().unwrap_or(RegisterError::Store(error))
    })
}

/// Where the file goes.
struct Target<'a> {
    path: &'a Path,
    file_name: &'a str,
    today: &'a str,
}

impl Target<'_> {
    /// The folder of the file, where its temporary files go.
    fn dir(&self) -> &Path {
        export_log::folder_of(self.path)
    }

    fn failed(&self, error: impl std::fmt::Display) -> RegisterError {
        RegisterError::WriteFailed {
            file: self.file_name.to_owned(),
            detail: error.to_string(),
        }
    }
}

/// The export inside its transaction: rows to a temporary file, the audit row, then the file
/// moved into place (last, so that nothing after it can fail but the commit).
fn export_in(
    w: &Writer,
    request: &ExportRequest,
    target: &Target,
    moved_into_place: &mut bool,
) -> Result<ExportSummary, RegisterError> {
    workspace::get(w.tx(), &request.workspace_id)?;
    let register = request.register;
    let personal = register.has_personal_data();
    let src = Source {
        conn: w.tx(),
        workspace_id: &request.workspace_id,
        lang: request.lang,
        personal_data: request.include_personal_data,
        today: target.today,
    };
    let mut temp = NamedTempFile::new_in(target.dir()).map_err(|e| target.failed(e))?;
    let counts = write_file(&src, register, request.format, temp.as_file_mut(), target)?;
    let summary = ExportSummary {
        register,
        format: request.format,
        file_name: target.file_name.to_owned(),
        rows: counts.rows,
        skipped_without_location: counts.skipped,
        personal_data_included: personal && request.include_personal_data,
        personal_data_masked: personal && !request.include_personal_data,
    };
    let details = json!({
        "format": summary.format.name(),
        "rows": summary.rows,
        "skippedWithoutLocation": summary.skipped_without_location,
        "personalDataIncluded": summary.personal_data_included,
        "fileName": summary.file_name,
        "language": request.lang.code(),
    });
    export_log::audit_export(w, &request.workspace_id, register.name(), &details)?;
    temp.as_file().sync_all().map_err(|e| target.failed(e))?;
    temp.persist(target.path)
        .map_err(|e| target.failed(e.error))?;
    *moved_into_place = true;
    Ok(summary)
}

struct Counts {
    rows: u64,
    skipped: u64,
}

/// Counts the rows that pass on their way to the file.
struct Counted<'a> {
    out: &'a mut dyn Out,
    rows: u64,
}

impl Out for Counted<'_> {
    fn start(&mut self, columns: &[table::Column]) -> Result<(), RegisterError> {
        self.out.start(columns)
    }

    fn row(&mut self, row: table::Row) -> Result<(), RegisterError> {
        self.rows += 1;
        self.out.row(row)
    }
}

/// Reads the register into `out`; returns how many records it had.
fn produce(src: &Source, register: Register, out: &mut dyn Out) -> Result<u64, RegisterError> {
    let mut counted = Counted { out, rows: 0 };
    match register {
        Register::Sites => sites::write(src, &mut counted),
        Register::Stakeholders => stakeholders::write(src, &mut counted),
        Register::Partners => partners::write(src, &mut counted),
        Register::LicenceHolders => licence_holders::write(src, &mut counted),
        Register::Actions => actions::write(src, &mut counted),
        Register::Measurements => measurements::write(src, &mut counted),
        Register::Zones => zones::write(src, &mut counted),
    }?;
    Ok(counted.rows)
}

fn write_file(
    src: &Source,
    register: Register,
    format: Format,
    file: &mut std::fs::File,
    target: &Target,
) -> Result<Counts, RegisterError> {
    let name = target.file_name;
    match format {
        Format::Xlsx => {
            let mut out = Xlsx::new(&register.title(src.lang), target.dir(), name)?;
            let rows = produce(src, register, &mut out)?;
            out.finish(&mut BufWriter::new(file))?;
            Ok(Counts { rows, skipped: 0 })
        }
        Format::Csv => {
            let mut out = CsvOut::new(BufWriter::new(file), src.lang, name);
            let rows = produce(src, register, &mut out)?;
            out.finish()?;
            Ok(Counts { rows, skipped: 0 })
        }
        Format::Geojson => {
            let mut out = GeoJson::new(BufWriter::new(file), name);
            let records = produce(src, register, &mut out)?;
            let skipped = out.finish()?;
            Ok(Counts {
                rows: records - skipped,
                skipped,
            })
        }
    }
}
