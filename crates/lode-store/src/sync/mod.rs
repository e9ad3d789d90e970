//! Working without a server: this office's bundles out (export), other offices' bundles in
//! (import: stage, verify, preview, apply), the trust list of their keys, and the queue of
//! conflicts to resolve. The bundle format itself is `lode-bundle`'s; docs/bundle-format.md.

pub mod conflicts;
pub mod export;
pub mod import;
mod incoming;
pub mod keys;
pub mod received;
pub mod reference;
pub mod sealing;
mod tables;

use crate::error::Result;
use rusqlite::{Connection, params};

/// The keys of one line of a records file: the row, and who last changed it.
pub(crate) const LINE_ROW: &str = "row";
pub(crate) const LINE_BY: &str = "changedBy";

/// Remembers `version` as the one last exchanged for the record (never lowering it).
pub(crate) fn set_base(conn: &Connection, table: &str, id: &str, version: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_record (table_name, record_id, base_version) VALUES (?1, ?2, ?3)
         ON CONFLICT (table_name, record_id)
         DO UPDATE SET base_version = max(base_version, excluded.base_version)",
    )?
    .execute(params![table, id, version])?;
    Ok(())
}
