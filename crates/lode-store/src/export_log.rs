//! Exports leave a trace: every register (or document) written out of Lode adds one row to the
//! audit log with the action `export` (migration 11), so that an office can say who took which
//! data out, when, and whether personal data went with it.
//!
//! The row names what was exported in `table_name` (a register's name, such as `licence-holders`,
//! never a table's, so the readers that look a record's history up by table and id never meet it)
//! and the workspace in `record_id`; `after` holds the details the caller gives (format, rows,
//! whether personal data was included, the file's name); `before` is empty.

use crate::error::Result;
use crate::writer::{AUDIT_INSERT, Writer};
use rusqlite::params;
use std::path::Path;

/// The audit log's action for an export.
pub const EXPORT_ACTION: &str = "export";

/// Appends the audit row of one export of `what` from workspace `workspace_id`, by this
/// writer's officer and office, at this transaction's time.
pub fn audit_export(
    w: &Writer,
    workspace_id: &str,
    what: &str,
    details: &serde_json::Value,
) -> Result<()> {
    let after = serde_json::to_string(details)?;
    w.tx().prepare_cached(AUDIT_INSERT)?.execute(params![
        w.now(),
        w.actor().officer,
        w.actor().office_id,
        what,
        workspace_id,
        EXPORT_ACTION,
        Option::<&str>::None,
        after,
    ])?;
    Ok(())
}

/// The folder an exported file is written in: its temporary file goes there, on the same disk,
/// so that moving it into place is one atomic rename.
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    }
}
