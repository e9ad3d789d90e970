use crate::common::*;
use lode_core::{Lang, StepId};
use lode_store::{note, setting, workbench, workspace};

/// Runs one write and checks that it left exactly the audit rows expected, naming the table.
fn expect_audit(
    fx: &mut Fixture,
    what: &str,
    table: &str,
    write: impl FnOnce(&mut lode_store::Writer) -> lode_store::Result<()>,
) {
    let before = audit_rows(&fx.store);
    fx.store.write(write).unwrap();
    let last_table: String = fx
        .store
        .conn()
        .query_row(
            "SELECT table_name FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(audit_rows(&fx.store) > before, "{what} left no audit row");
    assert_eq!(last_table, table, "{what} audited the wrong table");
}

#[test]
fn every_write_leaves_an_audit_row_with_who_and_when() {
    let (mut fx, ws) = with_workspace();
    let step = StepId::TaskForce;
    expect_audit(&mut fx, "rename", "workspace", |w| {
        workspace::rename(w, &ws, "Renamed").map(drop)
    });
    expect_audit(&mut fx, "archive", "workspace", |w| {
        workspace::set_archived(w, &ws, true).map(drop)
    });
    expect_audit(&mut fx, "unarchive", "workspace", |w| {
        workspace::set_archived(w, &ws, false).map(drop)
    });
    expect_audit(&mut fx, "tick", "checklist_entry", |w| {
        workbench::set_checklist_item(w, &ws, step, "mandate_adopted", true, None, "")
    });
    expect_audit(&mut fx, "untick", "checklist_entry", |w| {
        workbench::set_checklist_item(w, &ws, step, "mandate_adopted", false, None, "")
    });
    expect_audit(&mut fx, "draft", "note_draft", |w| {
        workbench::save_note_draft(w, &ws, step, "half a thou")
    });
    expect_audit(&mut fx, "add note", "note_draft", |w| {
        workbench::add_note(w, &ws, step, "Chair named", "decision")
    });
    let id = note::list(fx.store.conn(), &ws, step).unwrap()[0]
        .meta
        .id
        .clone();
    expect_audit(&mut fx, "delete note", "step_note", |w| {
        note::delete(w, &ws, &id).map(drop)
    });
    expect_audit(&mut fx, "language", "setting", |w| {
        setting::set_language(w, Lang::Fr)
    });

    let (officer, office, at): (String, String, i64) = fx
        .store
        .conn()
        .query_row(
            "SELECT officer, office_id, at FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(officer, "Amina Mwamba");
    assert!(!office.is_empty());
    assert_eq!(at, T0);
}

#[test]
fn an_audit_row_holds_the_record_before_and_after() {
    let (mut fx, ws) = with_workspace();
    fx.store
        .write(|w| workspace::rename(w, &ws, "Strategy 2028").map(drop))
        .unwrap();
    let (before, after): (String, String) = fx
        .store
        .conn()
        .query_row(
            "SELECT before, after FROM audit_log WHERE record_id = ?1 AND action = 'update'",
            [&ws],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let before: serde_json::Value = serde_json::from_str(&before).unwrap();
    let after: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(before["name"], "ASM strategy 2027");
    assert_eq!(after["name"], "Strategy 2028");
    assert_eq!(after["version"], 2, "an update bumps the version");
}

#[test]
fn the_audit_log_cannot_be_edited_or_emptied() {
    let (fx, _) = with_workspace();
    let conn = fx.store.conn();
    assert!(
        conn.execute("UPDATE audit_log SET officer = 'someone else'", [])
            .is_err()
    );
    assert!(conn.execute("DELETE FROM audit_log", []).is_err());
    assert!(audit_rows(&fx.store) > 0);
}

#[test]
fn a_refused_write_leaves_no_trace() {
    let (mut fx, ws) = with_workspace();
    let before = audit_rows(&fx.store);
    let error = fx
        .store
        .write(|w| {
            workbench::set_checklist_item(
                w,
                &ws,
                StepId::TaskForce,
                "mandate_adopted",
                true,
                Some("2026-02-30"),
                "",
            )
        })
        .unwrap_err();
    assert_eq!(error.code(), "validation");
    assert_eq!(audit_rows(&fx.store), before);
    let entries: i64 = fx
        .store
        .conn()
        .query_row("SELECT count(*) FROM checklist_entry", [], |r| r.get(0))
        .unwrap();
    assert_eq!(entries, 0, "nothing half-saved");
}

#[test]
fn deleting_a_note_leaves_a_tombstone_with_a_new_version() {
    let (mut fx, ws) = with_workspace();
    let step = StepId::StakeholderForum;
    fx.store
        .write(|w| workbench::add_note(w, &ws, step, "First forum planned", "note"))
        .unwrap();
    let id = note::list(fx.store.conn(), &ws, step).unwrap()[0]
        .meta
        .id
        .clone();
    fx.store
        .write(|w| note::delete(w, &ws, &id).map(drop))
        .unwrap();
    assert!(note::list(fx.store.conn(), &ws, step).unwrap().is_empty());
    let (deleted, version): (bool, i64) = fx
        .store
        .conn()
        .query_row(
            "SELECT deleted, version FROM step_note WHERE id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(deleted);
    assert_eq!(version, 2);
}

#[test]
fn the_audit_log_numbers_its_rows_in_order_and_logs_only_known_actions() {
    let (mut fx, ws) = with_workspace();
    for name in ["One", "Two", "Three"] {
        fx.store
            .write(|w| workspace::rename(w, &ws, name).map(drop))
            .unwrap();
    }
    let conn = fx.store.conn();
    let seqs: Vec<i64> = conn
        .prepare("SELECT seq FROM audit_log ORDER BY rowid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(seqs.len() >= 3);
    assert!(seqs.windows(2).all(|p| p[0] < p[1]), "{seqs:?}");
    let bad_action = conn.execute(
        "INSERT INTO audit_log (at, officer, office_id, table_name, record_id, action)
         VALUES (1, 'o', 'o', 't', 'r', 'rewrite')",
        [],
    );
    assert!(bad_action.is_err(), "an unknown action was logged");
}
