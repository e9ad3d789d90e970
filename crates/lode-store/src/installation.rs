//! This installation: its office and the officer who works at it. Set once, at first run.

use crate::error::{Result, StoreError};
use crate::record::{self, Meta, Record};
use crate::setting;
use crate::writer::{Action, Actor, Writer};
use lode_core::office::{OfficeLevel, Setup};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Office {
    #[serde(flatten)]
    pub meta: Meta,
    pub name: String,
    pub level: OfficeLevel,
    pub country: String,
    pub parent_name: Option<String>,
}

impl Record for Office {
    const TABLE: &'static str = "office";
    const NAME: &'static str = "office";
    const COLUMNS: &'static [&'static str] = &["name", "level", "country", "parent_name"];

    fn meta(&self) -> &Meta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut Meta {
        &mut self.meta
    }

    fn values(&self) -> Vec<Value> {
        vec![
            self.name.clone().into(),
            self.level.code().to_owned().into(),
            self.country.clone().into(),
            self.parent_name.clone().into(),
        ]
    }

    fn from_row(meta: Meta, row: &Row, first: usize) -> rusqlite::Result<Self> {
        let level: String = row.get(first + 1)?;
        Ok(Office {
            meta,
            name: row.get(first)?,
            level: OfficeLevel::parse(&level).ok_or_else(|| {
                rusqlite::Error::FromSqlConversionFailure(
                    first + 1,
                    rusqlite::types::Type::Text,
                    format!("unknown office level {level}").into(),
                )
            })?,
            country: row.get(first + 2)?,
            parent_name: row.get(first + 3)?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Installation {
    pub office: Office,
    pub officer_name: String,
    pub officer_role: String,
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
    let office = record::get(conn, &office_id)?;
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
    let mut office = Office {
        meta: Meta::new(w),
        name: setup.office_name.clone(),
        level: setup.level,
        country: setup.country.clone(),
        parent_name: setup.parent_office.clone(),
    };
    // The office is its own origin, and from here on this officer signs every change.
    office.meta.origin_office = office.meta.id.clone();
    w.set_actor(Actor {
        officer: setup.officer_name.clone(),
        office_id: office.meta.id.clone(),
    });
    record::insert(w, &office)?;
    w.tx().execute(
        "INSERT INTO installation (singleton, office_id, officer_name, officer_role, created_at)
         VALUES (1, ?1, ?2, ?3, ?4)",
        params![
            office.meta.id,
            setup.officer_name,
            setup.officer_role,
            w.now()
        ],
    )?;
    let installation = Installation {
        office,
        officer_name: setup.officer_name.clone(),
        officer_role: setup.officer_role.clone(),
    };
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
