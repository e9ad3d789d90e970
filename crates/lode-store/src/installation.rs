//! This installation: its office and the officer who works at it. Set once, at first run.

use crate::error::{Result, StoreError};
use crate::setting;
use crate::writer::{Action, Actor, Writer};
use lode_core::office::{OfficeLevel, Setup};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Office {
    pub id: String,
    pub origin_office: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
    pub deleted: bool,
    pub name: String,
    pub level: OfficeLevel,
    pub country: String,
    pub parent_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Installation {
    pub office: Office,
    pub officer_name: String,
    pub officer_role: String,
}

const OFFICE_COLUMNS: &str = "id, origin_office, created_at, updated_at, version, deleted, name, level, country, parent_name";

fn office_from_row(row: &Row) -> rusqlite::Result<Office> {
    let level: String = row.get(7)?;
    Ok(Office {
        id: row.get(0)?,
        origin_office: row.get(1)?,
        created_at: row.get(2)?,
        updated_at: row.get(3)?,
        version: row.get(4)?,
        deleted: row.get(5)?,
        name: row.get(6)?,
        level: OfficeLevel::parse(&level).unwrap_or(OfficeLevel::District),
        country: row.get(8)?,
        parent_name: row.get(9)?,
    })
}

pub fn get(conn: &Connection) -> Result<Option<Installation>> {
    let found = conn
        .query_row(
            "SELECT office_id, officer_name, officer_role FROM installation WHERE singleton = 1",
            [],
            |row| Ok((row.get::<_, String>(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    let Some((office_id, officer_name, officer_role)) = found else {
        return Ok(None);
    };
    let office = conn.query_row(
        &format!("SELECT {OFFICE_COLUMNS} FROM office WHERE id = ?1"),
        [&office_id],
        office_from_row,
    )?;
    Ok(Some(Installation {
        office,
        officer_name,
        officer_role,
    }))
}

/// The installation, or the error that tells the officer to set it up first.
pub fn require(conn: &Connection) -> Result<Installation> {
    get(conn)?.ok_or(StoreError::NotSetUp)
}

/// First-run set-up: creates this office and records the officer and language. Refused once done.
pub fn set_up(w: &mut Writer, setup: &Setup) -> Result<Installation> {
    if get(w.tx())?.is_some() {
        return Err(StoreError::AlreadySetUp);
    }
    let id = w.new_id().to_string();
    let office = Office {
        id: id.clone(),
        origin_office: id.clone(),
        created_at: w.now(),
        updated_at: w.now(),
        version: 1,
        deleted: false,
        name: setup.office_name.clone(),
        level: setup.level,
        country: setup.country.clone(),
        parent_name: setup.parent_office.clone(),
    };
    w.set_actor(Actor {
        officer: setup.officer_name.clone(),
        office_id: id.clone(),
    });
    w.tx().execute(
        &format!(
            "INSERT INTO office ({OFFICE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        ),
        params![
            office.id,
            office.origin_office,
            office.created_at,
            office.updated_at,
            office.version,
            office.deleted,
            office.name,
            office.level.code(),
            office.country,
            office.parent_name
        ],
    )?;
    w.audit("office", &id, Action::Insert, None::<&()>, Some(&office))?;
    let installation = Installation {
        office,
        officer_name: setup.officer_name.clone(),
        officer_role: setup.officer_role.clone(),
    };
    w.tx().execute(
        "INSERT INTO installation (singleton, office_id, officer_name, officer_role, created_at)
         VALUES (1, ?1, ?2, ?3, ?4)",
        params![
            id,
            installation.officer_name,
            installation.officer_role,
            w.now()
        ],
    )?;
    w.audit(
        "installation",
        "1",
        Action::Insert,
        None::<&()>,
        Some(&installation),
    )?;
    setting::set_language(w, setup.language)?;
    Ok(installation)
}
