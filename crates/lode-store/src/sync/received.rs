//! The bundles this office has applied, each with its review state (received, accepted, has
//! issues, rejected) and the reviewer's comment.

use super::import::Counts;
use crate::error::{Result, StoreError};
use crate::writer::Writer;
use lode_core::{FieldError, Invalid};
use rusqlite::{Connection, params};
use serde::Serialize;

pub const REVIEW_STATES: &[&str] = &["received", "accepted", "has_issues", "rejected"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedBundle {
    pub bundle_id: String,
    pub kind: String,
    pub origin_office: String,
    pub office_name: String,
    pub sequence: i64,
    pub file_name: String,
    pub received_at: i64,
    pub received_by: String,
    pub counts: Counts,
    pub sequence_note: String,
    pub review_state: String,
    pub review_comment: String,
}

/// Newest first.
pub fn list(conn: &Connection) -> Result<Vec<ReceivedBundle>> {
    let mut stmt = conn.prepare(
        "SELECT bundle_id, kind, origin_office, office_name, sequence, file_name, received_at,
         received_by, counts, sequence_note, review_state, review_comment
         FROM bundle_received ORDER BY received_at DESC, office_name, sequence DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(ReceivedBundle {
                bundle_id: r.get(0)?,
                kind: r.get(1)?,
                origin_office: r.get(2)?,
                office_name: r.get(3)?,
                sequence: r.get(4)?,
                file_name: r.get(5)?,
                received_at: r.get(6)?,
                received_by: r.get(7)?,
                counts: serde_json::from_str(&r.get::<_, String>(8)?).unwrap_or_default(),
                sequence_note: r.get(9)?,
                review_state: r.get(10)?,
                review_comment: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Records the reviewer's verdict on a bundle; "has issues" and "rejected" need a comment.
pub fn review(w: &Writer, bundle_id: &str, state: &str, comment: &str) -> Result<()> {
    let comment = comment.trim();
    let mut errors = Vec::new();
    if !REVIEW_STATES.contains(&state) {
        errors.push(FieldError {
            field: "reviewState".into(),
            code: "invalid_choice",
        });
    }
    if matches!(state, "has_issues" | "rejected") && comment.is_empty() {
        errors.push(FieldError {
            field: "reviewComment".into(),
            code: "required",
        });
    }
    if !errors.is_empty() {
        return Err(Invalid(errors).into());
    }
    let changed = w.tx().execute(
        "UPDATE bundle_received SET review_state = ?2, review_comment = ?3 WHERE bundle_id = ?1",
        params![bundle_id, state, comment],
    )?;
    if changed == 0 {
        return Err(StoreError::NotFound {
            what: "bundle_received",
            id: bundle_id.to_owned(),
        });
    }
    Ok(())
}
