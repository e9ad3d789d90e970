//! The decisions-and-notes log of each step, and the draft of the note being typed.

use crate::error::Result;
use crate::record::{self, Meta, Record};
use crate::writer::{Action, Writer};
use lode_core::StepId;
use lode_core::workspace::NoteKind;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepNote {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub step: StepId,
    pub kind: NoteKind,
    pub text: String,
    pub author: String,
}

impl Record for StepNote {
    const TABLE: &'static str = "step_note";
    const NAME: &'static str = "note";
    const COLUMNS: &'static [&'static str] = &["workspace_id", "step", "kind", "text", "author"];

    fn meta(&self) -> &Meta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut Meta {
        &mut self.meta
    }

    fn values(&self) -> Vec<Value> {
        vec![
            self.workspace_id.clone().into(),
            self.step.code().to_owned().into(),
            self.kind.code().to_owned().into(),
            self.text.clone().into(),
            self.author.clone().into(),
        ]
    }

    fn from_row(meta: Meta, row: &Row, first: usize) -> rusqlite::Result<Self> {
        Ok(StepNote {
            meta,
            workspace_id: row.get(first)?,
            step: crate::codes::step(row, first + 1)?,
            kind: NoteKind::parse(&row.get::<_, String>(first + 2)?).unwrap_or(NoteKind::Note),
            text: row.get(first + 3)?,
            author: row.get(first + 4)?,
        })
    }
}

/// The step's notes, newest first, tombstones left out.
pub fn list(conn: &Connection, workspace_id: &str, step: StepId) -> Result<Vec<StepNote>> {
    record::select(
        conn,
        "workspace_id = ?1 AND step = ?2",
        &[&workspace_id, &step.code()],
        "created_at DESC, id DESC",
    )
}

/// How many live notes each step has in this workspace.
pub fn count_by_step(conn: &Connection, workspace_id: &str) -> Result<HashMap<StepId, u32>> {
    let mut stmt = conn.prepare(
        "SELECT step, count(*) FROM step_note WHERE workspace_id = ?1 AND deleted = 0 GROUP BY step",
    )?;
    let mut counts = HashMap::new();
    let mut rows = stmt.query([workspace_id])?;
    while let Some(row) = rows.next()? {
        counts.insert(crate::codes::step(row, 0)?, row.get(1)?);
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
        meta: Meta::new(w),
        workspace_id: workspace_id.to_owned(),
        step,
        kind,
        text: text.to_owned(),
        author: w.actor().officer.clone(),
    };
    record::insert(w, &note)?;
    Ok(note)
}

/// Deletes a note of this workspace, leaving a tombstone.
pub fn delete(w: &Writer, workspace_id: &str, id: &str) -> Result<StepNote> {
    let note: StepNote = record::get(w.tx(), id)?;
    if note.workspace_id != workspace_id {
        return Err(crate::StoreError::NotFound {
            what: StepNote::NAME,
            id: id.to_owned(),
        });
    }
    record::tombstone(w, id)
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
