//! Writing this office's bundle: every synced record changed since the last bundle it wrote (or
//! every record), each with the officer who last changed it, signed with the office's key.

use super::tables::{self, Table};
use super::{LINE_BY, LINE_ROW, keys};
use crate::error::{Result, StoreError};
use crate::installation;
use crate::open::Store;
use lode_bundle::{BundleKind, BundleWriter, ChangeRange, Header, Manifest};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};
use std::path::Path;

#[derive(Debug, Clone, Copy)]
pub struct ExportOptions {
    /// Every record, not only those changed since the last bundle.
    pub everything: bool,
    pub kind: BundleKind,
}

/// Writes the bundle to `destination` and remembers it, so the next one starts where it ended.
pub fn export(store: &mut Store, destination: &Path, options: ExportOptions) -> Result<Manifest> {
    let conn = store.conn();
    let setup = installation::require(conn)?;
    let key = keys::office_key(conn)?;
    let last: Option<(i64, i64)> = conn
        .query_row(
            "SELECT sequence, through FROM bundle_sent ORDER BY sequence DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let (sequence, since) = last.map_or((1, 0), |(s, through)| (s as u64 + 1, through));
    let after = if options.everything { 0 } else { since };
    let now = store.context().clock.now();
    let through = now.max(after);
    let file = destination.display().to_string();
    let bundle = |error| StoreError::Bundle {
        file: file.clone(),
        error,
    };
    let mut writer = BundleWriter::create(destination).map_err(bundle)?;
    let mut sent: Vec<(String, String, i64)> = Vec::new();
    for table in tables::synced(conn)? {
        let rows = changed_rows(conn, &table, after, through)?;
        if rows.is_empty() {
            continue;
        }
        for row in &rows {
            sent.push((
                table.name.clone(),
                row[LINE_ROW]["id"].as_str().unwrap_or_default().to_owned(),
                row[LINE_ROW]["version"].as_i64().unwrap_or_default(),
            ));
        }
        writer.add_records(&table.name, rows).map_err(bundle)?;
    }
    let header = Header {
        bundle_id: store.context().ids.new_id(now).to_string(),
        kind: options.kind,
        origin_office: setup.office.meta.id.clone(),
        office_name: setup.office.name.clone(),
        exported_by: setup.officer_name.clone(),
        sequence,
        changes: ChangeRange { after, through },
        created_at: now,
    };
    let manifest = writer.finish(header, &key).map_err(bundle)?;
    store.write(|w| {
        w.tx().execute(
            "INSERT INTO bundle_sent (sequence, bundle_id, kind, after, through, created_at, records)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                manifest.sequence as i64,
                manifest.bundle_id,
                kind_code(manifest.kind),
                after,
                through,
                now,
                sent.len() as i64
            ],
        )?;
        for (table, id, version) in &sent {
            super::set_base(w.tx(), table, id, *version)?;
        }
        Ok(())
    })?;
    Ok(manifest)
}

pub(crate) fn kind_code(kind: BundleKind) -> &'static str {
    match kind {
        BundleKind::DistrictSubmission => "district_submission",
        BundleKind::NationalReference => "national_reference",
    }
}

/// The lines of a table's changed rows: the row, who last changed it and when.
fn changed_rows(conn: &Connection, table: &Table, after: i64, through: i64) -> Result<Vec<Value>> {
    let mut stmt = conn.prepare(&format!(
        "{} WHERE updated_at > ?1 AND updated_at <= ?2 ORDER BY rowid",
        table.select_sql()
    ))?;
    let rows = stmt
        .query_map(params![after, through], |row| {
            tables::row_to_json(row, &table.columns)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut by = conn.prepare_cached(
        "SELECT officer FROM audit_log WHERE table_name = ?1 AND record_id = ?2
         ORDER BY seq DESC LIMIT 1",
    )?;
    rows.into_iter()
        .map(|row| {
            let id = row.get("id").and_then(Value::as_str).unwrap_or_default();
            let officer: Option<String> = by
                .query_row(params![table.name, id], |r| r.get(0))
                .optional()?;
            Ok(json!({ LINE_ROW: row, LINE_BY: officer.unwrap_or_default() }))
        })
        .collect()
}
