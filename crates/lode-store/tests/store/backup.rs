use crate::common::*;
use lode_store::backup::{backup_to, integrity_check};
use lode_store::{Store, workspace};
use rusqlite::Connection;

#[test]
fn a_backup_passes_integrity_check_and_holds_the_data() {
    let (fx, ws) = with_workspace();
    let target = fx.dir.path().join("usb").join("backup.db");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    let bytes = backup_to(fx.store.conn(), &target).unwrap();
    assert!(bytes > 0);
    let copy = Connection::open(&target).unwrap();
    assert_eq!(integrity_check(&copy).unwrap(), "ok");
    drop(copy);
    let reopened = Store::open(&target, context()).unwrap();
    assert_eq!(
        workspace::get(reopened.conn(), &ws).unwrap().jurisdiction,
        "South Kivu"
    );
}

#[test]
fn a_backup_replaces_an_older_one_in_the_same_place() {
    let (mut fx, ws) = with_workspace();
    let target = fx.dir.path().join("backup.db");
    backup_to(fx.store.conn(), &target).unwrap();
    fx.store
        .write(|w| workspace::rename(w, &ws, "Second name").map(drop))
        .unwrap();
    backup_to(fx.store.conn(), &target).unwrap();
    let copy = Connection::open(&target).unwrap();
    let name: String = copy
        .query_row("SELECT name FROM workspace", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Second name");
}

#[test]
fn a_backup_into_a_missing_folder_fails_without_leaving_a_partial_file() {
    let (fx, _) = with_workspace();
    let target = fx.dir.path().join("no-such-folder").join("backup.db");
    assert!(backup_to(fx.store.conn(), &target).is_err());
    assert!(!target.exists());
}
