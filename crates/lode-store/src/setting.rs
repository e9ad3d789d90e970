//! Preferences local to this installation (language, current workspace). Never synced.

use crate::error::Result;
use crate::writer::{Action, Writer};
use lode_core::Lang;
use rusqlite::{Connection, OptionalExtension, params};

const LANGUAGE: &str = "language";
const CURRENT_WORKSPACE: &str = "current_workspace";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |row| {
            row.get(0)
        })
        .optional()?)
}

pub fn set(w: &Writer, key: &str, value: &str) -> Result<()> {
    let before = get(w.tx(), key)?;
    if before.as_deref() == Some(value) {
        return Ok(());
    }
    w.tx().execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    let action = if before.is_some() {
        Action::Update
    } else {
        Action::Insert
    };
    w.audit("setting", key, action, before.as_ref(), Some(&value))
}

/// The UI language; English until the officer chooses.
pub fn language(conn: &Connection) -> Result<Lang> {
    Ok(get(conn, LANGUAGE)?
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_default())
}

pub fn set_language(w: &Writer, lang: Lang) -> Result<()> {
    set(w, LANGUAGE, lang.code())
}

pub fn current_workspace(conn: &Connection) -> Result<Option<String>> {
    get(conn, CURRENT_WORKSPACE)
}

pub fn set_current_workspace(w: &Writer, id: &str) -> Result<()> {
    set(w, CURRENT_WORKSPACE, id)
}
