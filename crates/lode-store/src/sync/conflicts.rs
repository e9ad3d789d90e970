//! The conflict queue: records changed at both ends since their common version. The officer sees
//! both versions side by side with the other office, officer and time, and keeps one, the other,
//! or a field-by-field merge. The kept record gets a version above both, so it wins everywhere
//! it travels next; nothing is overwritten silently.

use super::set_base;
use super::tables::{self, META};
use crate::error::{Result, StoreError};
use crate::writer::{Action, Writer};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, params, params_from_iter};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub id: i64,
    pub table: String,
    pub record_id: String,
    pub bundle_id: String,
    pub office_name: String,
    pub officer: String,
    pub changed_at: Option<i64>,
    pub base_version: Option<i64>,
    pub local: Map<String, Value>,
    pub incoming: Map<String, Value>,
    /// The columns whose values differ (sync columns aside).
    pub differing: Vec<String>,
}

/// Which version to keep; a merge names, for each differing column, "local" or "incoming".
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", tag = "keep", content = "fields")]
pub enum Resolution {
    Local,
    Incoming,
    Merge(BTreeMap<String, String>),
}

pub fn open_conflicts(conn: &Connection) -> Result<Vec<Conflict>> {
    let mut stmt = conn.prepare(
        "SELECT id, table_name, record_id, bundle_id, office_name, officer, changed_at, base_version,
         local_row, incoming_row FROM sync_conflict WHERE state = 'open' ORDER BY id",
    )?;
    let rows = stmt
        .query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, String>(5)?,
                row.get::<_, Option<i64>>(6)?,
                row.get::<_, Option<i64>>(7)?,
                row.get::<_, String>(8)?,
                row.get::<_, String>(9)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(
            |(
                id,
                table,
                record_id,
                bundle_id,
                office_name,
                officer,
                changed_at,
                base_version,
                local,
                incoming,
            )| {
                let local: Map<String, Value> =
                    serde_json::from_str::<Option<_>>(&local)?.unwrap_or_default();
                let incoming: Map<String, Value> = serde_json::from_str(&incoming)?;
                let differing = incoming
                    .keys()
                    .filter(|k| !META.contains(&k.as_str()) && local.get(*k) != incoming.get(*k))
                    .cloned()
                    .collect();
                Ok(Conflict {
                    id,
                    table,
                    record_id,
                    bundle_id,
                    office_name,
                    officer,
                    changed_at,
                    base_version,
                    local,
                    incoming,
                    differing,
                })
            },
        )
        .collect()
}

/// Resolves a conflict: the kept row is written over the record here with a version above both.
pub fn resolve(w: &Writer, conflict_id: i64, resolution: &Resolution) -> Result<()> {
    let conflict = open_conflicts(w.tx())?
        .into_iter()
        .find(|c| c.id == conflict_id)
        .ok_or_else(|| StoreError::NotFound {
            what: "sync_conflict",
            id: conflict_id.to_string(),
        })?;
    let table = tables::synced(w.tx())?
        .into_iter()
        .find(|t| t.name == conflict.table)
        .ok_or_else(|| StoreError::UnknownKind(conflict.table.clone()))?;
    // The record as it is here now (it may have changed since the conflict was queued).
    let current: Map<String, Value> = w.tx().query_row(
        &format!("{} WHERE id = ?1", table.select_sql()),
        [&conflict.record_id],
        |row| tables::row_to_json(row, &table.columns),
    )?;
    let version =
        |row: &Map<String, Value>| row.get("version").and_then(Value::as_i64).unwrap_or(0);
    let mut kept = match resolution {
        Resolution::Local => current.clone(),
        Resolution::Incoming => conflict.incoming.clone(),
        Resolution::Merge(choices) => {
            let mut merged = current.clone();
            for (column, side) in choices {
                if !table.columns.contains(column) || META.contains(&column.as_str()) {
                    return Err(StoreError::UnknownKind(column.clone()));
                }
                if side == "incoming" {
                    if let Some(value) = conflict.incoming.get(column) {
                        merged.insert(column.clone(), value.clone());
                    }
                } else if side != "local" {
                    return Err(StoreError::UnknownKind(side.clone()));
                }
            }
            merged
        }
    };
    for column in ["id", "origin_office", "created_at"] {
        if let Some(value) = current.get(column) {
            kept.insert(column.to_owned(), value.clone());
        }
    }
    kept.insert(
        "version".into(),
        Value::from(version(&current).max(version(&conflict.incoming)) + 1),
    );
    kept.insert("updated_at".into(), Value::from(w.now()));
    let columns: Vec<&String> = table
        .columns
        .iter()
        .filter(|c| kept.contains_key(*c))
        .collect();
    let mut values: Vec<SqlValue> = columns
        .iter()
        .filter_map(|c| tables::json_to_sql(&kept[c.as_str()]))
        .collect();
    values.push(SqlValue::Text(conflict.record_id.clone()));
    w.tx().execute(
        &table.write_sql(&columns, true),
        params_from_iter(values.iter()),
    )?;
    w.audit(
        &table.name,
        &conflict.record_id,
        Action::Update,
        Some(&current),
        Some(&kept),
    )?;
    // The base belongs to the incoming record's own id: the record here, unless another office
    // made the same entry under an id of its own (ADR 0001).
    let incoming_id = conflict.incoming["id"]
        .as_str()
        .unwrap_or(&conflict.record_id);
    set_base(
        w.tx(),
        &table.name,
        incoming_id,
        version(&conflict.incoming),
    )?;
    let how = match resolution {
        Resolution::Local => "local",
        Resolution::Incoming => "incoming",
        Resolution::Merge(_) => "merge",
    };
    w.tx().execute(
        "UPDATE sync_conflict SET state = 'resolved', resolution = ?2, resolved_at = ?3, resolved_by = ?4
         WHERE id = ?1",
        params![conflict_id, how, w.now(), w.actor().officer],
    )?;
    Ok(())
}
