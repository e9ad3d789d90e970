//! A step's checklist as ticked in one workspace: one entry per item that was ever touched.

use crate::error::Result;
use crate::writer::{Action, Writer};
use lode_core::StepId;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistEntry {
    pub id: String,
    pub origin_office: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
    pub deleted: bool,
    pub workspace_id: String,
    pub step: StepId,
    pub item_key: String,
    pub ticked: bool,
    pub done_on: Option<String>,
    pub note: String,
    pub updated_by: String,
}

const COLUMNS: &str = "id, origin_office, created_at, updated_at, version, deleted, workspace_id, \
                       step, item_key, ticked, done_on, note, updated_by";

fn from_row(row: &Row) -> rusqlite::Result<ChecklistEntry> {
    let step: String = row.get(7)?;
    Ok(ChecklistEntry {
        id: row.get(0)?,
        origin_office: row.get(1)?,
        created_at: row.get(2)?,
        updated_at: row.get(3)?,
        version: row.get(4)?,
        deleted: row.get(5)?,
        workspace_id: row.get(6)?,
        step: StepId::parse(&step).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                7,
                rusqlite::types::Type::Text,
                format!("unknown step {step}").into(),
            )
        })?,
        item_key: row.get(8)?,
        ticked: row.get(9)?,
        done_on: row.get(10)?,
        note: row.get(11)?,
        updated_by: row.get(12)?,
    })
}

pub fn for_step(
    conn: &Connection,
    workspace_id: &str,
    step: StepId,
) -> Result<Vec<ChecklistEntry>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM checklist_entry
         WHERE workspace_id = ?1 AND step = ?2 AND deleted = 0"
    ))?;
    let rows = stmt.query_map(params![workspace_id, step.code()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// For each step, the keys of the items ticked in this workspace.
pub fn ticked_by_step(
    conn: &Connection,
    workspace_id: &str,
) -> Result<HashMap<StepId, HashSet<String>>> {
    let mut stmt = conn.prepare(
        "SELECT step, item_key FROM checklist_entry
         WHERE workspace_id = ?1 AND ticked = 1 AND deleted = 0",
    )?;
    let mut ticked: HashMap<StepId, HashSet<String>> = HashMap::new();
    let mut rows = stmt.query([workspace_id])?;
    while let Some(row) = rows.next()? {
        let step: String = row.get(0)?;
        if let Some(step) = StepId::parse(&step) {
            ticked.entry(step).or_default().insert(row.get(1)?);
        }
    }
    Ok(ticked)
}

fn find(w: &Writer, workspace_id: &str, step: StepId, key: &str) -> Result<Option<ChecklistEntry>> {
    Ok(w.tx()
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM checklist_entry
                 WHERE workspace_id = ?1 AND step = ?2 AND item_key = ?3"
            ),
            params![workspace_id, step.code(), key],
            from_row,
        )
        .optional()?)
}

/// What an officer sets on one checklist item.
pub struct ItemState<'a> {
    pub ticked: bool,
    pub done_on: Option<&'a str>,
    pub note: &'a str,
}

/// Records the item's state, creating its entry on first touch; unchanged state writes nothing.
pub fn set(
    w: &Writer,
    workspace_id: &str,
    step: StepId,
    key: &str,
    state: &ItemState,
) -> Result<ChecklistEntry> {
    let officer = w.actor().officer.clone();
    let Some(before) = find(w, workspace_id, step, key)? else {
        let entry = ChecklistEntry {
            id: w.new_id().to_string(),
            origin_office: w.actor().office_id.clone(),
            created_at: w.now(),
            updated_at: w.now(),
            version: 1,
            deleted: false,
            workspace_id: workspace_id.to_owned(),
            step,
            item_key: key.to_owned(),
            ticked: state.ticked,
            done_on: state.done_on.map(str::to_owned),
            note: state.note.to_owned(),
            updated_by: officer,
        };
        w.tx().execute(
            &format!(
                "INSERT INTO checklist_entry ({COLUMNS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
            ),
            params![
                entry.id,
                entry.origin_office,
                entry.created_at,
                entry.updated_at,
                entry.version,
                entry.deleted,
                entry.workspace_id,
                entry.step.code(),
                entry.item_key,
                entry.ticked,
                entry.done_on,
                entry.note,
                entry.updated_by
            ],
        )?;
        w.audit(
            "checklist_entry",
            &entry.id,
            Action::Insert,
            None::<&()>,
            Some(&entry),
        )?;
        return Ok(entry);
    };
    let unchanged = before.ticked == state.ticked
        && before.done_on.as_deref() == state.done_on
        && before.note == state.note;
    if unchanged {
        return Ok(before);
    }
    let after = ChecklistEntry {
        ticked: state.ticked,
        done_on: state.done_on.map(str::to_owned),
        note: state.note.to_owned(),
        updated_by: officer,
        updated_at: w.now(),
        version: before.version + 1,
        ..before.clone()
    };
    w.tx().execute(
        "UPDATE checklist_entry SET ticked = ?2, done_on = ?3, note = ?4, updated_by = ?5,
         updated_at = ?6, version = ?7 WHERE id = ?1",
        params![
            after.id,
            after.ticked,
            after.done_on,
            after.note,
            after.updated_by,
            after.updated_at,
            after.version
        ],
    )?;
    w.audit(
        "checklist_entry",
        &after.id,
        Action::Update,
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}
