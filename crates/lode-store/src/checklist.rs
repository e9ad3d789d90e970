//! A step's checklist as ticked in one workspace: one entry per item that was ever touched.

use crate::error::Result;
use crate::record::{self, Meta, Record};
use crate::writer::Writer;
use lode_core::StepId;
use rusqlite::types::Value;
use rusqlite::{Connection, Row};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistEntry {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub step: StepId,
    pub item_key: String,
    pub ticked: bool,
    pub done_on: Option<String>,
    pub note: String,
    pub updated_by: String,
}

impl Record for ChecklistEntry {
    const TABLE: &'static str = "checklist_entry";
    const NAME: &'static str = "checklist_entry";
    const COLUMNS: &'static [&'static str] = &[
        "workspace_id",
        "step",
        "item_key",
        "ticked",
        "done_on",
        "note",
        "updated_by",
    ];

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
            self.item_key.clone().into(),
            self.ticked.into(),
            self.done_on.clone().into(),
            self.note.clone().into(),
            self.updated_by.clone().into(),
        ]
    }

    fn from_row(meta: Meta, row: &Row, first: usize) -> rusqlite::Result<Self> {
        Ok(ChecklistEntry {
            meta,
            workspace_id: row.get(first)?,
            step: crate::codes::step(row, first + 1)?,
            item_key: row.get(first + 2)?,
            ticked: row.get(first + 3)?,
            done_on: row.get(first + 4)?,
            note: row.get(first + 5)?,
            updated_by: row.get(first + 6)?,
        })
    }
}

pub fn for_step(
    conn: &Connection,
    workspace_id: &str,
    step: StepId,
) -> Result<Vec<ChecklistEntry>> {
    record::select(
        conn,
        "workspace_id = ?1 AND step = ?2",
        &[&workspace_id, &step.code()],
        "item_key",
    )
}

/// For each step, the keys of the items ticked in this workspace.
pub fn ticked_by_step(
    conn: &Connection,
    workspace_id: &str,
) -> Result<HashMap<StepId, HashSet<String>>> {
    let entries: Vec<ChecklistEntry> = record::select(
        conn,
        "workspace_id = ?1 AND ticked = 1",
        &[&workspace_id],
        "id",
    )?;
    let mut ticked: HashMap<StepId, HashSet<String>> = HashMap::new();
    for entry in entries {
        ticked.entry(entry.step).or_default().insert(entry.item_key);
    }
    Ok(ticked)
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
    let existing: Option<ChecklistEntry> = record::select(
        w.tx(),
        "workspace_id = ?1 AND step = ?2 AND item_key = ?3",
        &[&workspace_id, &step.code(), &key],
        "id",
    )?
    .into_iter()
    .next();
    let officer = w.actor().officer.clone();
    let Some(before) = existing else {
        let entry = ChecklistEntry {
            meta: Meta::new(w),
            workspace_id: workspace_id.to_owned(),
            step,
            item_key: key.to_owned(),
            ticked: state.ticked,
            done_on: state.done_on.map(str::to_owned),
            note: state.note.to_owned(),
            updated_by: officer,
        };
        record::insert(w, &entry)?;
        return Ok(entry);
    };
    let unchanged = before.ticked == state.ticked
        && before.done_on.as_deref() == state.done_on
        && before.note == state.note;
    if unchanged {
        return Ok(before);
    }
    record::update(w, &before.meta.id, |entry: &mut ChecklistEntry| {
        entry.ticked = state.ticked;
        entry.done_on = state.done_on.map(str::to_owned);
        entry.note = state.note.to_owned();
        entry.updated_by = officer;
    })
}
