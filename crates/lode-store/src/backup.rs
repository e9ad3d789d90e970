//! Backups through SQLite's online backup API: a consistent copy even while Lode is writing,
//! verified with `integrity_check` before it is put in place.

use crate::error::{Result, StoreError};
use rusqlite::backup::NO_PROGRESS;
use rusqlite::{Connection, MAIN_DB, OpenFlags};
use std::path::Path;

/// Writes a verified copy of the database to `target` and returns its size in bytes. The copy is
/// made beside the target under a temporary name and renamed only once it passed its check, so a
/// failed backup never replaces a good one.
pub fn backup_to(conn: &Connection, target: &Path) -> Result<u64> {
    let file_name = target
        .file_name()
        .ok_or_else(|| StoreError::BackupFailed(format!("{} is not a file", target.display())))?;
    let partial = target.with_file_name(format!(".{}.partial", file_name.to_string_lossy()));
    let _ = std::fs::remove_file(&partial);
    let written = write_and_verify(conn, &partial);
    if let Err(error) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(error);
    }
    std::fs::rename(&partial, target)?;
    Ok(std::fs::metadata(target)?.len())
}

fn write_and_verify(conn: &Connection, path: &Path) -> Result<()> {
    conn.backup(MAIN_DB, path, NO_PROGRESS)?;
    let copy = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    // A single file to carry on a USB stick: no write-ahead log beside it.
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    let verdict = integrity_check(&copy)?;
    if verdict != "ok" {
        return Err(StoreError::BackupFailed(verdict));
    }
    Ok(())
}

/// SQLite's full integrity check, as one line ("ok" when sound).
pub fn integrity_check(conn: &Connection) -> Result<String> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines = stmt
        .query_map([], |row| row.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(lines.join("; "))
}
