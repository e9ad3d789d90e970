//! Writing this office's bundle, signed with the office's key and sealed on request. A district
//! submission carries every synced record changed since what the national office last
//! acknowledged (or every record); a reference package, the office's strategy and catalogues
//! whole, with its acknowledgements and sealing recipient. Each record goes with the officer who
//! last changed it.

use super::tables::{self, Table};
use super::{LINE_BY, LINE_ROW, keys, reference, sealing};
use crate::error::{Result, StoreError};
use crate::installation;
use crate::open::Store;
use lode_bundle::{BundleKind, BundleWriter, ChangeRange, Header, Manifest};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};
use std::path::Path;

#[derive(Debug, Clone, Copy)]
pub struct ExportOptions {
    /// Every record, not only those the national office has not acknowledged.
    pub everything: bool,
    pub kind: BundleKind,
    /// Encrypt the bundle to the office named in `sealing::seal_to`.
    pub seal: bool,
}

/// Writes the bundle to `destination` and remembers it.
pub fn export(store: &mut Store, destination: &Path, options: ExportOptions) -> Result<Manifest> {
    let reference = options.kind == BundleKind::NationalReference;
    if reference {
        store.write(|w| reference::publish_catalogues(w))?;
    }
    let conn = store.conn();
    let setup = installation::require(conn)?;
    let key = keys::office_key(conn)?;
    let seal_to = match options.seal {
        true => Some(sealing::seal_to(conn)?.ok_or(StoreError::NoSealTo)?),
        false => None,
    };
    let last: Option<i64> = conn.query_row("SELECT max(sequence) FROM bundle_sent", [], |row| {
        row.get(0)
    })?;
    let sequence = last.map_or(1, |s| s as u64 + 1);
    let acknowledged = reference::acknowledged(conn)?.map_or(0, |a| a.through);
    let after = if options.everything || reference {
        0
    } else {
        acknowledged
    };
    let now = store.context().clock.now();
    let through = now.max(after);
    let file = destination.display().to_string();
    let bundle = |error| StoreError::Bundle {
        file: file.clone(),
        error,
    };
    // A sealed bundle is written in the clear beside its destination first, then sealed.
    let plain = match seal_to {
        Some(_) => destination.with_extension("unsealed.partial"),
        None => destination.to_owned(),
    };
    let mut writer = BundleWriter::create(&plain).map_err(bundle)?;
    if reference {
        writer.acknowledge(reference::acknowledgements(conn)?);
        if let Some(recipient) = sealing::sealing_recipient(conn)? {
            writer.announce_seal_to(recipient);
        }
    }
    let mut sent: Vec<(String, String, i64)> = Vec::new();
    for table in tables::synced(conn)? {
        let Some(scope) = reference::scope(&table, reference) else {
            continue;
        };
        let rows = changed_rows(conn, &table, scope, (after, through, &setup.office.meta.id))?;
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
    if let Some(seal_to) = &seal_to {
        let sealed = lode_bundle::seal(&plain, destination, &seal_to.recipient);
        let _ = std::fs::remove_file(&plain);
        sealed.map_err(bundle)?;
    }
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
fn changed_rows(
    conn: &Connection,
    table: &Table,
    scope: &str,
    (after, through, office): (i64, i64, &str),
) -> Result<Vec<Value>> {
    // `?3 = ?3` keeps the office's parameter in the statement when the scope does not use it.
    let mut stmt = conn.prepare(&format!(
        "{} WHERE updated_at > ?1 AND updated_at <= ?2 AND ({scope}) AND ?3 = ?3 ORDER BY rowid",
        table.select_sql()
    ))?;
    let rows = stmt
        .query_map(params![after, through, office], |row| {
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
