//! Importing existing registers (sites, stakeholders, licence holders) from CSV or XLSX: read the file, propose a
//! mapping from its columns to Lode's fields, preview every row through the same validation as a
//! form (rejected rows listed with every reason), and write the accepted rows only when the
//! officer confirms, in one transaction. Nothing is written before that.

use crate::error::{Result, StoreError};
use crate::forum::Stakeholder;
use crate::kinds::Kind;
use crate::licences::{self, LicenceHolder};
use crate::record::{self, Meta};
use crate::site::{self, Site};
use crate::workspace;
use crate::writer::Writer;
use lode_core::form::Form;
use lode_core::{FieldError, Invalid, Lang, catalogue};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// A file's header and rows, as text.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Largest file an import reads: far above a real register, low enough to stay responsive.
pub const MAX_ROWS: usize = 200_000;

/// Reads a CSV (UTF-8, comma or semicolon separated) or an XLSX/XLS/ODS file's first sheet.
pub fn read_table(path: &Path) -> Result<Table> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let rows = match extension.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => read_sheet(path)?,
        _ => read_csv(path)?,
    };
    let mut rows = rows.into_iter();
    let columns: Vec<String> = rows
        .next()
        .ok_or_else(|| unreadable(path, "empty", ""))?
        .into_iter()
        .map(|c| c.trim().to_owned())
        .collect();
    if columns.iter().all(String::is_empty) {
        return Err(unreadable(path, "no_header", ""));
    }
    let rows: Vec<Vec<String>> = rows
        .filter(|row| row.iter().any(|cell| !cell.trim().is_empty()))
        .collect();
    if rows.len() > MAX_ROWS {
        return Err(unreadable(path, "too_many_rows", ""));
    }
    Ok(Table { columns, rows })
}

/// `reason` is a message key under `import.reason.`; `detail` is what the reader library said.
fn unreadable(path: &Path, reason: &'static str, detail: &str) -> StoreError {
    StoreError::Unreadable {
        file: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        reason,
        detail: detail.to_owned(),
    }
}

fn read_csv(path: &Path) -> Result<Vec<Vec<String>>> {
    let bytes = std::fs::read(path)?;
    let text = String::from_utf8(bytes).map_err(|_| unreadable(path, "not_utf8", ""))?;
    let text = text.trim_start_matches('\u{feff}');
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|record| {
            record
                .map(|r| r.iter().map(str::to_owned).collect())
                .map_err(|e| unreadable(path, "damaged", &e.to_string()))
        })
        .collect()
}

fn read_sheet(path: &Path) -> Result<Vec<Vec<String>>> {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut workbook =
        open_workbook_auto(path).map_err(|e| unreadable(path, "damaged", &e.to_string()))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| unreadable(path, "no_sheet", ""))?
        .map_err(|e| unreadable(path, "damaged", &e.to_string()))?;
    let cell = |data: &Data| match data {
        Data::DateTime(when) => excel_date(when.as_f64()),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    };
    Ok(range
        .rows()
        .map(|row| row.iter().map(cell).collect())
        .collect())
}

/// An Excel date serial (days since 1899-12-30) as YYYY-MM-DD.
fn excel_date(serial: f64) -> String {
    let unix_days = serial.floor() as i64 - 25_569;
    lode_core::clock::iso_date(unix_days * 86_400_000)
}

/// What can be imported, and how its fields read from a file.
pub trait Importable: Kind {
    /// Fields in form order, with whether each is required.
    const FIELDS: &'static [(&'static str, bool)];
    /// The catalogue behind a coded field, so that a label ("Gold", "Or") is read as its code.
    fn catalogue_of(field: &str) -> Option<&'static str>;
    /// What no two accepted rows of one file may share, each with the field a repeat is refused
    /// on (`possible_duplicate`): the same person twice in one register.
    fn duplicate_keys(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
}

impl Importable for Site {
    const FIELDS: &'static [(&'static str, bool)] = site::FIELDS;

    fn catalogue_of(field: &str) -> Option<&'static str> {
        Some(match field {
            "commodity" => "commodities",
            "depositType" => "deposit_types",
            "mechanisation" => "mechanisation_levels",
            "organisation" => "organisation_forms",
            "seasonality" => "seasonality",
            "legalStatus" => "legal_status",
            "techniques" => "techniques",
            "impacts" => "impact_categories",
            _ => return None,
        })
    }
}

impl Importable for LicenceHolder {
    const FIELDS: &'static [(&'static str, bool)] = licences::FIELDS;

    fn catalogue_of(field: &str) -> Option<&'static str> {
        match field {
            "licenceType" => Some("licence_types"),
            "commodity" => Some("commodities"),
            _ => None,
        }
    }

    fn duplicate_keys(&self) -> Vec<(&'static str, String)> {
        LicenceHolder::duplicate_keys(self)
    }
}

impl Importable for Stakeholder {
    const FIELDS: &'static [(&'static str, bool)] = &[
        ("organisation", true),
        ("group", true),
        ("region", false),
        ("representativeSex", false),
        ("influence", false),
        ("interest", false),
        ("vulnerability", false),
        ("vestedInterests", false),
        ("armedGroupLinks", false),
        ("insider", false),
        ("notes", false),
    ];

    fn catalogue_of(field: &str) -> Option<&'static str> {
        (field == "group").then_some("stakeholder_groups")
    }
}

/// Lower-case letters and digits only, so "Admin unit", "admin_unit" and "ADMINUNIT" meet.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A column for each field whose name matches a header (ignoring case, spaces and
/// punctuation); fields with no such column stay unmapped.
pub fn suggest_mapping<I: Importable>(columns: &[String]) -> BTreeMap<String, Option<String>> {
    I::FIELDS
        .iter()
        .map(|(field, _)| {
            let column = columns.iter().find(|c| fold(c) == fold(field)).cloned();
            ((*field).to_owned(), column)
        })
        .collect()
}

/// The code for `value` in `list`: the value itself when it is a code, else the code whose label
/// (in any language) matches it, else the value unchanged (validation will name it).
/// The code of the entry of `list` whose code or label (in any language) is `value`.
fn code_for(list: &str, value: &str) -> Option<String> {
    let wanted = fold(value);
    Lang::ALL
        .iter()
        .flat_map(|&lang| catalogue::list(lang, list))
        .find(|entry| {
            entry.code == value || fold(&entry.label) == wanted || fold(&entry.code) == wanted
        })
        .map(|entry| entry.code.clone())
}

/// A cell of a catalogue column as codes: the whole cell when it names one entry (labels may hold
/// commas), else each part between `;` or `,` (a list such as "sluicing; panning"). Unknown parts
/// are kept as typed, so the row's rejection quotes them.
fn codes_in(list: &str, cell: &str) -> String {
    code_for(list, cell).unwrap_or_else(|| {
        cell.split([';', ','])
            .map(|part| code_for(list, part).unwrap_or_else(|| part.trim().to_owned()))
            .collect::<Vec<_>>()
            .join(";")
    })
}

fn row_fields<I: Importable>(
    table: &Table,
    row: &[String],
    mapping: &BTreeMap<String, Option<String>>,
) -> Value {
    let mut fields = Map::new();
    for (field, column) in mapping {
        let Some(index) = column
            .as_ref()
            .and_then(|c| table.columns.iter().position(|h| h == c))
        else {
            continue;
        };
        let raw = row.get(index).map(|v| v.trim()).unwrap_or("");
        let value = match I::catalogue_of(field) {
            Some(list) if !raw.is_empty() => codes_in(list, raw),
            _ => raw.to_owned(),
        };
        fields.insert(field.clone(), Value::String(value));
    }
    Value::Object(fields)
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rejected {
    /// 1-based, counting data rows after the header.
    pub row: usize,
    pub reasons: Vec<FieldError>,
}

/// The outcome of reading every row, before anything is written.
pub struct Plan<I> {
    pub accepted: Vec<I>,
    pub rejected: Vec<Rejected>,
}

/// Validates every row of `table` under `mapping` as a record of `workspace_id`: as a form would
/// (including the checks against the records already saved), and against the rows accepted
/// before it in the same file.
pub fn plan<I: Importable>(
    conn: &rusqlite::Connection,
    workspace_id: &str,
    table: &Table,
    mapping: &BTreeMap<String, Option<String>>,
) -> Result<Plan<I>> {
    let mut accepted = Vec::new();
    let mut rejected = Vec::new();
    let unmapped_required: Vec<FieldError> = I::FIELDS
        .iter()
        .filter(|(field, required)| *required && mapping.get(*field).is_none_or(Option::is_none))
        .map(|(field, _)| FieldError {
            field: (*field).to_owned(),
            code: "unmapped",
        })
        .collect();
    let mut seen: HashSet<(&'static str, String)> = HashSet::new();
    for (index, row) in table.rows.iter().enumerate() {
        let fields = row_fields::<I>(table, row, mapping);
        let mut form = Form::new(&fields);
        let record = I::parse(&mut form, workspace_id, conn)?;
        record.check_against_others(&mut form, conn, None)?;
        let keys = record.duplicate_keys();
        for (field, _) in keys.iter().filter(|key| seen.contains(*key)) {
            form.fail(field, "possible_duplicate");
        }
        match form.finish() {
            Ok(()) if unmapped_required.is_empty() => {
                seen.extend(keys);
                accepted.push(record);
            }
            Ok(()) => rejected.push(Rejected {
                row: index + 1,
                reasons: unmapped_required.clone(),
            }),
            Err(Invalid(reasons)) => rejected.push(Rejected {
                row: index + 1,
                reasons,
            }),
        }
    }
    Ok(Plan { accepted, rejected })
}

/// Writes the accepted records (inside the caller's one transaction); returns how many.
pub fn commit<I: Importable>(w: &Writer, workspace_id: &str, accepted: Vec<I>) -> Result<usize> {
    workspace::require_active(w.tx(), workspace_id)?;
    let count = accepted.len();
    for mut row in accepted {
        *row.meta_mut() = Meta::new(w);
        record::insert(w, &row)?;
        row.after_save(w, None)?;
    }
    Ok(count)
}

/// The record kinds that can be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Site,
    Stakeholder,
    LicenceHolder,
}

impl ImportKind {
    pub fn parse(code: &str) -> Option<ImportKind> {
        match code {
            "site" => Some(ImportKind::Site),
            "stakeholder" => Some(ImportKind::Stakeholder),
            "licence_holder" => Some(ImportKind::LicenceHolder),
            _ => None,
        }
    }
}

/// A file being imported: held by the shell between the officer's steps, never written until
/// `commit`.
pub struct Session {
    pub workspace_id: String,
    pub kind: ImportKind,
    pub file_name: String,
    pub table: Table,
    pub mapping: BTreeMap<String, Option<String>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldSpec {
    pub field: &'static str,
    pub required: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReasonView {
    pub field: String,
    pub code: &'static str,
    pub message: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RejectedView {
    pub row: usize,
    pub reasons: Vec<ReasonView>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    pub import_id: String,
    pub kind: ImportKind,
    pub file_name: String,
    pub columns: Vec<String>,
    pub mapping: BTreeMap<String, Option<String>>,
    pub fields: Vec<FieldSpec>,
    pub total: usize,
    pub accepted: usize,
    pub rejected: Vec<RejectedView>,
    /// The first accepted rows, as records, for the officer to check the mapping.
    pub sample: Vec<Value>,
}

pub const SAMPLE_ROWS: usize = 20;

impl Session {
    pub fn open(path: &Path, workspace_id: &str, kind: ImportKind) -> Result<Session> {
        let table = read_table(path)?;
        let mapping = match kind {
            ImportKind::Site => suggest_mapping::<Site>(&table.columns),
            ImportKind::Stakeholder => suggest_mapping::<Stakeholder>(&table.columns),
            ImportKind::LicenceHolder => suggest_mapping::<LicenceHolder>(&table.columns),
        };
        Ok(Session {
            workspace_id: workspace_id.to_owned(),
            kind,
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            table,
            mapping,
        })
    }

    /// Replaces the mapping; a column name the file does not have is dropped (left unmapped).
    pub fn remap(&mut self, mapping: BTreeMap<String, Option<String>>) {
        let fields: Vec<&str> = match self.kind {
            ImportKind::Site => Site::FIELDS.iter().map(|(f, _)| *f).collect(),
            ImportKind::Stakeholder => Stakeholder::FIELDS.iter().map(|(f, _)| *f).collect(),
            ImportKind::LicenceHolder => LicenceHolder::FIELDS.iter().map(|(f, _)| *f).collect(),
        };
        self.mapping = fields
            .into_iter()
            .map(|field| {
                let column = mapping
                    .get(field)
                    .cloned()
                    .flatten()
                    .filter(|c| self.table.columns.contains(c));
                (field.to_owned(), column)
            })
            .collect();
    }

    pub fn preview(
        &self,
        conn: &rusqlite::Connection,
        lang: Lang,
        import_id: &str,
    ) -> Result<Preview> {
        match self.kind {
            ImportKind::Site => self.preview_of::<Site>(conn, lang, import_id),
            ImportKind::Stakeholder => self.preview_of::<Stakeholder>(conn, lang, import_id),
            ImportKind::LicenceHolder => self.preview_of::<LicenceHolder>(conn, lang, import_id),
        }
    }

    fn preview_of<I: Importable>(
        &self,
        conn: &rusqlite::Connection,
        lang: Lang,
        import_id: &str,
    ) -> Result<Preview> {
        let plan = plan::<I>(conn, &self.workspace_id, &self.table, &self.mapping)?;
        let rejected = plan
            .rejected
            .into_iter()
            .map(|r| RejectedView {
                row: r.row,
                reasons: r
                    .reasons
                    .into_iter()
                    .map(|e| ReasonView {
                        message: lode_core::messages::field_error(lang, &e.field, e.code),
                        field: e.field,
                        code: e.code,
                    })
                    .collect(),
            })
            .collect();
        Ok(Preview {
            import_id: import_id.to_owned(),
            kind: self.kind,
            file_name: self.file_name.clone(),
            columns: self.table.columns.clone(),
            mapping: self.mapping.clone(),
            fields: I::FIELDS
                .iter()
                .map(|&(field, required)| FieldSpec { field, required })
                .collect(),
            total: self.table.rows.len(),
            accepted: plan.accepted.len(),
            rejected,
            sample: plan
                .accepted
                .iter()
                .take(SAMPLE_ROWS)
                .map(serde_json::to_value)
                .collect::<serde_json::Result<_>>()?,
        })
    }

    /// Writes every accepted row (in the caller's one transaction); returns (inserted, rejected).
    pub fn commit(&self, w: &Writer) -> Result<(usize, usize)> {
        match self.kind {
            ImportKind::Site => self.commit_of::<Site>(w),
            ImportKind::Stakeholder => self.commit_of::<Stakeholder>(w),
            ImportKind::LicenceHolder => self.commit_of::<LicenceHolder>(w),
        }
    }

    fn commit_of<I: Importable>(&self, w: &Writer) -> Result<(usize, usize)> {
        let plan = plan::<I>(w.tx(), &self.workspace_id, &self.table, &self.mapping)?;
        let rejected = plan.rejected.len();
        Ok((commit(w, &self.workspace_id, plan.accepted)?, rejected))
    }
}
