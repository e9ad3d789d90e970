use crate::common::*;
use lode_store::{CURRENT_VERSION, LODE_APPLICATION_ID, Store, StoreError};
use rusqlite::Connection;

#[test]
fn a_new_database_gets_wal_foreign_keys_and_the_lode_identity() {
    let fx = empty();
    let conn = fx.store.conn();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    let fk: i64 = conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    let sync: i64 = conn
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(fk, 1, "foreign keys must be on");
    assert_eq!(sync, 2, "synchronous must be FULL");
    assert_eq!(app, LODE_APPLICATION_ID);
    assert_eq!(version, CURRENT_VERSION);
}

#[test]
fn reopening_keeps_the_data_and_does_not_migrate_twice() {
    let (fx, id) = with_workspace();
    let path = fx.path();
    drop(fx.store);
    let store = Store::open(&path, context()).unwrap();
    assert_eq!(
        lode_store::workspace::get(store.conn(), &id).unwrap().name,
        "ASM strategy 2027"
    );
}

#[test]
fn a_database_from_a_newer_lode_is_refused_and_left_byte_for_byte_unchanged() {
    let fx = empty();
    let path = fx.path();
    drop(fx.store);
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", CURRENT_VERSION + 7)
            .unwrap();
    }
    let before = sha256(&path);
    let error = Store::open(&path, context())
        .err()
        .expect("a newer schema must be refused");
    assert!(
        matches!(error, StoreError::NewerVersion { found, .. } if found == CURRENT_VERSION + 7),
        "{error:?}"
    );
    assert_eq!(error.code(), "store.newer_version");
    assert_eq!(sha256(&path), before, "the refused file must not change");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    std::fs::write(&path, "site,commodity\nKamituga,gold\n".repeat(20)).unwrap();
    let before = sha256(&path);
    let error = Store::open(&path, context())
        .err()
        .expect("a CSV is not a database");
    assert_eq!(error.code(), "store.not_lode");
    assert_eq!(sha256(&path), before);
}

#[test]
fn another_applications_sqlite_file_is_refused_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);")
            .unwrap();
    }
    let before = sha256(&path);
    let error = Store::open(&path, context()).err().expect("not ours");
    assert_eq!(error.code(), "store.not_lode");
    assert_eq!(sha256(&path), before);
}

#[test]
fn an_empty_file_becomes_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    std::fs::write(&path, b"").unwrap();
    assert!(Store::open(&path, context()).is_ok());
}

fn schema(conn: &Connection) -> Vec<(String, String, String)> {
    conn.prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name",
    )
    .unwrap()
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

#[test]
fn the_frozen_first_schema_upgrades_to_exactly_the_current_schema() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.db");
    {
        let conn = Connection::open(&old).unwrap();
        conn.execute_batch(include_str!("../fixtures/schema-v1.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.pragma_update(None, "application_id", LODE_APPLICATION_ID)
            .unwrap();
    }
    let upgraded = Store::open(&old, context()).unwrap();
    let fresh = Store::open(&dir.path().join("fresh.db"), context()).unwrap();
    let version: u32 = upgraded
        .conn()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, CURRENT_VERSION);
    assert_eq!(schema(upgraded.conn()), schema(fresh.conn()));
}

#[test]
fn a_corrupted_database_is_refused_with_a_clear_code() {
    let (fx, _) = with_workspace();
    let path = fx.path();
    drop(fx.store);
    // Overwrite the middle of the file (past the header) with garbage.
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    for b in bytes.iter_mut().skip(page).take(page * 2) {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let error = Store::open(&path, context())
        .err()
        .expect("corruption must be noticed");
    assert!(
        ["store.corrupt", "store.sqlite", "store.not_lode"].contains(&error.code()),
        "{error:?}"
    );
}
