//! The `lode` binary, run as a user would, on a temporary data folder.

use std::path::Path;
use std::process::{Command, Output};

fn lode(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lode"))
        .args(args)
        .env("LODE_DATA_DIR", dir)
        .output()
        .expect("the lode binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn init_then_demo_then_backup_gives_a_sound_copy() {
    let dir = tempfile::tempdir().unwrap();
    let init = lode(
        dir.path(),
        &[
            "init",
            "--office",
            "Kalima district office",
            "--level",
            "district",
            "--country",
            "CD",
            "--officer",
            "Jean Bosco",
            "--role",
            "Mining officer",
            "--lang",
            "fr",
        ],
    );
    assert!(init.status.success(), "{}", stderr(&init));
    assert!(stdout(&init).contains("Kalima district office"));

    let demo = lode(dir.path(), &["demo"]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    assert!(
        stdout(&demo).contains("Démo"),
        "the demo follows the installation's language: {}",
        stdout(&demo)
    );

    let target = dir.path().join("copy.db");
    let backup = lode(dir.path(), &["backup", target.to_str().unwrap()]);
    assert!(backup.status.success(), "{}", stderr(&backup));
    let copy = lode_store::Connection::open(&target).unwrap();
    assert_eq!(lode_store::backup::integrity_check(&copy).unwrap(), "ok");
    let workspaces: i64 = copy
        .query_row("SELECT count(*) FROM workspace", [], |r| r.get(0))
        .unwrap();
    assert_eq!(workspaces, 1);
}

#[test]
fn init_with_missing_values_names_each_flag_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = lode(
        dir.path(),
        &[
            "init",
            "--office",
            " ",
            "--level",
            "village",
            "--country",
            "CD",
            "--officer",
            "X",
            "--role",
            "Y",
        ],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("--office") && err.contains("--level"), "{err}");
    assert!(
        err.contains("validation"),
        "the stable code is printed: {err}"
    );
    let check = lode(dir.path(), &["check"]);
    assert!(
        stdout(&check).contains("installation                  0"),
        "{}",
        stdout(&check)
    );
}

#[test]
fn check_reports_schema_and_integrity() {
    let dir = tempfile::tempdir().unwrap();
    assert!(lode(dir.path(), &["demo"]).status.success());
    let out = lode(dir.path(), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let schema = format!("schema version: {}", lode_store::CURRENT_VERSION);
    assert!(text.contains(&schema), "{text}");
    assert!(text.contains("integrity: ok"), "{text}");
    assert!(text.contains("journal mode: wal"), "{text}");
}

#[test]
fn a_data_folder_holding_a_foreign_file_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lode.db");
    std::fs::write(&db, vec![7u8; 4096]).unwrap();
    let out = lode(dir.path(), &["check"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("store.not_lode"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&db).unwrap(), vec![7u8; 4096]);
}

#[test]
fn the_demo_can_stop_after_phase_one_for_practice() {
    let dir = tempfile::tempdir().unwrap();
    let refused = lode(dir.path(), &["demo", "--through-phase", "4"]);
    assert!(!refused.status.success(), "there are three phases");
    let demo = lode(dir.path(), &["demo", "--through-phase", "1"]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    let db = lode_store::Connection::open(dir.path().join("lode.db")).unwrap();
    let count = |table: &str| -> i64 {
        db.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(count("site"), 300);
    assert_eq!(count("asm_type"), 0, "no Phase 2 records");
}
