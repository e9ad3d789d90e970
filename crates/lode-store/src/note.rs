//! The decisions-and-notes log of each step, and the draft of the note being typed.

use crate::error::{Result, StoreError};
use crate::writer::{Action, Writer};
use lode_core::StepId;
use lode_core::workspace::NoteKind;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepNote {
    pub id: String,
    pub origin_office: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
    pub deleted: bool,
    pub workspace_id: String,
    pub step: String,
    pub kind: NoteKind,
    pub text: String,
    pub author: String,
}

const COLUMNS: &str = "id, origin_office, created_at, updated_at, version, deleted, workspace_id, \
                       step, kind, text, author";

fn from_row(row: &Row) -> rusqlite::Result<StepNote> {
    let kind: String = row.get(8)?;
    Ok(StepNote {
        id: row.get(0)?,
        origin_office: row.get(1)?,
        created_at: row.get(2)?,
        updated_at: row.get(3)?,
        version: row.get(4)?,
        deleted: row.get(5)?,
        workspace_id: row.get(6)?,
        step: row.get(7)?,
        kind: NoteKind::parse(&kind).unwrap_or(NoteKind::Note),
        text: row.get(9)?,
        author: row.get(10)?,
    })
}

/// The step's notes, newest first, tombstones left out.
pub fn list(conn: &Connection, workspace_id: &str, step: StepId) -> Result<Vec<StepNote>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM step_note WHERE workspace_id = ?1 AND step = ?2 AND deleted = 0
         ORDER BY created_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map(params![workspace_id, step.code()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many live notes each step has in this workspace.
pub fn count_by_step(conn: &Connection, workspace_id: &str) -> Result<HashMap<StepId, u32>> {
    let mut stmt = conn.prepare(
        "SELECT step, count(*) FROM step_note WHERE workspace_id = ?1 AND deleted = 0 GROUP BY step",
    )?;
    let mut counts = HashMap::new();
    let mut rows = stmt.query([workspace_id])?;
    while let Some(row) = rows.next()? {
        let step: String = row.get(0)?;
        if let Some(step) = StepId::parse(&step) {
            counts.insert(step, row.get(1)?);
        }
    }
    Ok(counts)
}

pub fn add(
    w: &Writer,
    workspace_id: &str,
    step: StepId,
    kind: NoteKind,
    text: &str,
) -> Result<StepNote> {
    let note = StepNote {
        id: w.new_id().to_string(),
        origin_office: w.actor().office_id.clone(),
        created_at: w.now(),
        updated_at: w.now(),
        version: 1,
        deleted: false,
        workspace_id: workspace_id.to_owned(),
        step: step.code().to_owned(),
        kind,
        text: text.to_owned(),
        author: w.actor().officer.clone(),
    };
    w.tx().execute(
        &format!("INSERT INTO step_note ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
        params![
            note.id,
            note.origin_office,
            note.created_at,
            note.updated_at,
            note.version,
            note.deleted,
            note.workspace_id,
            note.step,
            note.kind.code(),
            note.text,
            note.author
        ],
    )?;
    w.audit(
        "step_note",
        &note.id,
        Action::Insert,
        None::<&()>,
        Some(&note),
    )?;
    Ok(note)
}

/// Leaves a tombstone: the row stays, flagged deleted, so that sync can carry the deletion.
pub fn delete(w: &Writer, workspace_id: &str, id: &str) -> Result<StepNote> {
    let before = w
        .tx()
        .query_row(
            &format!("SELECT {COLUMNS} FROM step_note WHERE id = ?1 AND workspace_id = ?2 AND deleted = 0"),
            params![id, workspace_id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            what: "note",
            id: id.to_owned(),
        })?;
    let after = StepNote {
        deleted: true,
        version: before.version + 1,
        updated_at: w.now(),
        ..before.clone()
    };
    w.tx().execute(
        "UPDATE step_note SET deleted = 1, version = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, after.version, after.updated_at],
    )?;
    w.audit("step_note", id, Action::Delete, Some(&before), Some(&after))?;
    Ok(after)
}

pub fn draft(conn: &Connection, workspace_id: &str, step: StepId) -> Result<String> {
    Ok(conn
        .query_row(
            "SELECT text FROM note_draft WHERE workspace_id = ?1 AND step = ?2",
            params![workspace_id, step.code()],
            |row| row.get(0),
        )
        .optional()?
        .unwrap_or_default())
}

/// Keeps the text being typed; an empty text clears the draft.
pub fn save_draft(w: &Writer, workspace_id: &str, step: StepId, text: &str) -> Result<()> {
    let before = draft(w.tx(), workspace_id, step)?;
    if before == text {
        return Ok(());
    }
    if text.is_empty() {
        w.tx().execute(
            "DELETE FROM note_draft WHERE workspace_id = ?1 AND step = ?2",
            params![workspace_id, step.code()],
        )?;
    } else {
        w.tx().execute(
            "INSERT INTO note_draft (workspace_id, step, text, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (workspace_id, step) DO UPDATE SET text = excluded.text,
             updated_at = excluded.updated_at",
            params![workspace_id, step.code(), text, w.now()],
        )?;
    }
    let record = format!("{workspace_id}/{}", step.code());
    let action = match (before.is_empty(), text.is_empty()) {
        (true, _) => Action::Insert,
        (false, true) => Action::Delete,
        (false, false) => Action::Update,
    };
    let before = (!before.is_empty()).then_some(before);
    let after = (!text.is_empty()).then_some(text);
    w.audit(
        "note_draft",
        &record,
        action,
        before.as_ref(),
        after.as_ref(),
    )
}
