//! A report on a database's health and shape, for `lode check` and for support.

use crate::backup::integrity_check;
use crate::error::Result;
use rusqlite::Connection;
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    pub schema_version: u32,
    pub application_id: i32,
    pub journal_mode: String,
    pub foreign_keys: bool,
    pub integrity: String,
    pub foreign_key_violations: usize,
    /// Rows per table: (table, live rows, tombstones); local tables count every row as live.
    pub tables: Vec<(String, i64, i64)>,
}

impl CheckReport {
    pub fn is_healthy(&self) -> bool {
        self.integrity == "ok" && self.foreign_key_violations == 0
    }
}

pub fn report(conn: &Connection) -> Result<CheckReport> {
    let tables: Vec<String> = conn
        .prepare(
            // Stored tables only: not a search index (virtual) nor the tables it keeps (shadow).
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut counts = Vec::new();
    for table in tables {
        let has_tombstones = conn
            .prepare(&format!("SELECT deleted FROM \"{table}\" LIMIT 0"))
            .is_ok();
        let (live, dead) = if has_tombstones {
            conn.query_row(
                &format!("SELECT count(*) - coalesce(sum(deleted), 0), coalesce(sum(deleted), 0) FROM \"{table}\""),
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?
        } else {
            let all = conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |row| {
                row.get(0)
            })?;
            (all, 0)
        };
        counts.push((table, live, dead));
    }
    let foreign_key_violations = conn
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |_| Ok(()))?
        .count();
    Ok(CheckReport {
        schema_version: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
        application_id: conn.pragma_query_value(None, "application_id", |r| r.get(0))?,
        journal_mode: conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?,
        foreign_keys: conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?,
        integrity: integrity_check(conn)?,
        foreign_key_violations,
        tables: counts,
    })
}
