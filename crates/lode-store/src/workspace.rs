//! Workspaces: one strategy process for one jurisdiction. Created, renamed, archived; never removed.

use crate::error::{Result, StoreError};
use crate::record::{self, Meta, Record};
use crate::writer::Writer;
use rusqlite::types::Value;
use rusqlite::{Connection, Row};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Workspace {
    #[serde(flatten)]
    pub meta: Meta,
    pub name: String,
    pub jurisdiction: String,
    pub archived: bool,
}

impl Record for Workspace {
    const TABLE: &'static str = "workspace";
    const NAME: &'static str = "workspace";
    const COLUMNS: &'static [&'static str] = &["name", "jurisdiction", "archived"];

    fn meta(&self) -> &Meta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut Meta {
        &mut self.meta
    }

    fn values(&self) -> Vec<Value> {
        vec![
            self.name.clone().into(),
            self.jurisdiction.clone().into(),
            self.archived.into(),
        ]
    }

    fn from_row(meta: Meta, row: &Row, first: usize) -> rusqlite::Result<Self> {
        Ok(Workspace {
            meta,
            name: row.get(first)?,
            jurisdiction: row.get(first + 1)?,
            archived: row.get(first + 2)?,
        })
    }
}

/// Every workspace that is not deleted, archived ones included, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<Workspace>> {
    record::select(conn, "1", &[], "created_at, id")
}

pub fn get(conn: &Connection, id: &str) -> Result<Workspace> {
    record::get(conn, id)
}

/// The workspace, if it may be changed (it exists and is not archived).
pub fn require_active(conn: &Connection, id: &str) -> Result<Workspace> {
    let workspace = get(conn, id)?;
    if workspace.archived {
        return Err(StoreError::Archived(id.to_owned()));
    }
    Ok(workspace)
}

pub fn create(w: &Writer, name: &str, jurisdiction: &str) -> Result<Workspace> {
    let workspace = Workspace {
        meta: Meta::new(w),
        name: name.to_owned(),
        jurisdiction: jurisdiction.to_owned(),
        archived: false,
    };
    record::insert(w, &workspace)?;
    Ok(workspace)
}

pub fn rename(w: &Writer, id: &str, name: &str) -> Result<Workspace> {
    record::update(w, id, |workspace: &mut Workspace| {
        workspace.name = name.to_owned()
    })
}

pub fn set_archived(w: &Writer, id: &str, archived: bool) -> Result<Workspace> {
    record::update(w, id, |workspace: &mut Workspace| {
        workspace.archived = archived
    })
}
