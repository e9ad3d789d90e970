//! A write transaction that knows who writes and when, and records every change in the audit log.

use crate::error::Result;
use lode_core::{IdGen, Millis};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use uuid::Uuid;

/// Who is writing: the officer and office of this installation (empty before first-run set-up).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Actor {
    pub officer: String,
    pub office_id: String,
}

impl Actor {
    pub fn of_installation(conn: &Connection) -> Result<Actor> {
        let actor = conn
            .query_row(
                "SELECT officer_name, office_id FROM installation WHERE singleton = 1",
                [],
                |row| {
                    Ok(Actor {
                        officer: row.get(0)?,
                        office_id: row.get(1)?,
                    })
                },
            )
            .optional()?;
        Ok(actor.unwrap_or_default())
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Action {
    Insert,
    Update,
    Delete,
}

impl Action {
    fn code(self) -> &'static str {
        match self {
            Action::Insert => "insert",
            Action::Update => "update",
            Action::Delete => "delete",
        }
    }
}

/// Appends one audit row (see `Writer::audit`).
pub(crate) const AUDIT_INSERT: &str = "INSERT INTO audit_log \
    (at, officer, office_id, table_name, record_id, action, before, after) \
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

pub struct Writer<'a> {
    tx: &'a Transaction<'a>,
    actor: Actor,
    now: Millis,
    ids: &'a dyn IdGen,
}

impl<'a> Writer<'a> {
    pub(crate) fn new(
        tx: &'a Transaction<'a>,
        actor: Actor,
        now: Millis,
        ids: &'a dyn IdGen,
    ) -> Self {
        Writer {
            tx,
            actor,
            now,
            ids,
        }
    }

    pub fn tx(&self) -> &'a Transaction<'a> {
        self.tx
    }

    /// The time of this transaction: every row it touches carries the same one.
    pub fn now(&self) -> Millis {
        self.now
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    pub(crate) fn set_actor(&mut self, actor: Actor) {
        self.actor = actor;
    }

    pub fn new_id(&self) -> Uuid {
        self.ids.new_id(self.now)
    }

    /// Appends one audit row: `before` and `after` are the record as JSON (absent on insert / for
    /// local rows that have no "after").
    pub fn audit<B: Serialize, A: Serialize>(
        &self,
        table: &str,
        record_id: &str,
        action: Action,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<()> {
        let before = before.map(serde_json::to_string).transpose()?;
        let after = after.map(serde_json::to_string).transpose()?;
        self.audit_text(
            table,
            record_id,
            action,
            before.as_deref(),
            after.as_deref(),
        )
    }

    /// The same, with the record already as JSON text (an import keeps each row's text as it
    /// came rather than write it again).
    pub fn audit_text(
        &self,
        table: &str,
        record_id: &str,
        action: Action,
        before: Option<&str>,
        after: Option<&str>,
    ) -> Result<()> {
        let mut statement = self.tx.prepare_cached(AUDIT_INSERT)?;
        self.audit_with(&mut statement, table, record_id, action, (before, after))
    }

    /// The same, through a statement of `AUDIT_INSERT` the caller holds (an import prepares it
    /// once rather than find it in the cache for every record).
    pub(crate) fn audit_with(
        &self,
        statement: &mut rusqlite::Statement,
        table: &str,
        record_id: &str,
        action: Action,
        (before, after): (Option<&str>, Option<&str>),
    ) -> Result<()> {
        statement.execute(params![
            self.now,
            self.actor.officer,
            self.actor.office_id,
            table,
            record_id,
            action.code(),
            before,
            after
        ])?;
        Ok(())
    }
}
