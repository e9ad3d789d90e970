//! Workspaces: one strategy process for one jurisdiction. Created, renamed, archived; never removed.

use crate::error::{Result, StoreError};
use crate::writer::{Action, Writer};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Workspace {
    pub id: String,
    pub origin_office: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
    pub deleted: bool,
    pub name: String,
    pub jurisdiction: String,
    pub archived: bool,
}

const COLUMNS: &str =
    "id, origin_office, created_at, updated_at, version, deleted, name, jurisdiction, archived";

fn from_row(row: &Row) -> rusqlite::Result<Workspace> {
    Ok(Workspace {
        id: row.get(0)?,
        origin_office: row.get(1)?,
        created_at: row.get(2)?,
        updated_at: row.get(3)?,
        version: row.get(4)?,
        deleted: row.get(5)?,
        name: row.get(6)?,
        jurisdiction: row.get(7)?,
        archived: row.get(8)?,
    })
}

/// Every workspace that is not deleted, archived ones included, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<Workspace>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM workspace WHERE deleted = 0 ORDER BY created_at, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: &str) -> Result<Workspace> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM workspace WHERE id = ?1 AND deleted = 0"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: "workspace",
        id: id.to_owned(),
    })
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
        id: w.new_id().to_string(),
        origin_office: w.actor().office_id.clone(),
        created_at: w.now(),
        updated_at: w.now(),
        version: 1,
        deleted: false,
        name: name.to_owned(),
        jurisdiction: jurisdiction.to_owned(),
        archived: false,
    };
    w.tx().execute(
        &format!("INSERT INTO workspace ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
        params![
            workspace.id,
            workspace.origin_office,
            workspace.created_at,
            workspace.updated_at,
            workspace.version,
            workspace.deleted,
            workspace.name,
            workspace.jurisdiction,
            workspace.archived
        ],
    )?;
    w.audit(
        "workspace",
        &workspace.id,
        Action::Insert,
        None::<&()>,
        Some(&workspace),
    )?;
    Ok(workspace)
}

pub fn rename(w: &Writer, id: &str, name: &str) -> Result<Workspace> {
    update(w, id, |workspace| workspace.name = name.to_owned())
}

pub fn set_archived(w: &Writer, id: &str, archived: bool) -> Result<Workspace> {
    update(w, id, |workspace| workspace.archived = archived)
}

/// Applies `change`, bumps the version and audits before and after; a change that changes
/// nothing writes nothing.
fn update(w: &Writer, id: &str, change: impl FnOnce(&mut Workspace)) -> Result<Workspace> {
    let before = get(w.tx(), id)?;
    let mut after = before.clone();
    change(&mut after);
    if after == before {
        return Ok(before);
    }
    after.version += 1;
    after.updated_at = w.now();
    w.tx().execute(
        "UPDATE workspace SET name = ?2, jurisdiction = ?3, archived = ?4, version = ?5,
         updated_at = ?6 WHERE id = ?1",
        params![
            id,
            after.name,
            after.jurisdiction,
            after.archived,
            after.version,
            after.updated_at
        ],
    )?;
    w.audit("workspace", id, Action::Update, Some(&before), Some(&after))?;
    Ok(after)
}
