//! `lode export-register`, run as a user would, on the demo workspace in a temporary data folder.

mod common;

use common::{lode, stderr, stdout};
use std::path::Path;

fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let demo = lode(dir.path(), &["demo"]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    dir
}

fn exports_logged(dir: &Path) -> i64 {
    let db = lode_store::Connection::open(dir.join("lode.db")).unwrap();
    db.query_row(
        "SELECT count(*) FROM audit_log WHERE action = 'export'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

/// The demo's first holder with a national ID, as stored.
fn a_national_id(dir: &Path) -> String {
    let db = lode_store::Connection::open(dir.join("lode.db")).unwrap();
    db.query_row(
        "SELECT national_id FROM licence_holder WHERE national_id <> '' AND deleted = 0 LIMIT 1",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn licence_holders_are_exported_with_national_ids_masked_and_the_export_logged() {
    let dir = demo();
    let file = dir.path().join("holders.csv");
    let out = lode(
        dir.path(),
        &[
            "export-register",
            "licence-holders",
            "--format",
            "csv",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(said.contains("2000 row(s)"), "{said}");
    assert!(said.contains("masked"), "the officer is told: {said}");

    let mut reader = csv::Reader::from_path(&file).unwrap();
    assert_eq!(&reader.headers().unwrap()[2], "National ID");
    assert_eq!(reader.records().count(), 2000);
    let text = std::fs::read_to_string(&file).unwrap();
    let id = a_national_id(dir.path());
    assert!(!text.contains(&id), "{id} is masked");
    assert_eq!(exports_logged(dir.path()), 1);

    let included = dir.path().join("holders-full.xlsx");
    let out = lode(
        dir.path(),
        &[
            "export-register",
            "licence-holders",
            "--format",
            "xlsx",
            "--include-personal-data",
            "--output",
            included.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Personal data is included"));
    assert!(included.exists());
    assert_eq!(exports_logged(dir.path()), 2);
}

#[test]
fn headers_follow_the_language_asked_for() {
    let dir = demo();
    let file = dir.path().join("sites.geojson");
    let out = lode(
        dir.path(),
        &[
            "export-register",
            "sites",
            "--format",
            "geojson",
            "--lang",
            "fr",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("300 ligne(s)"), "{}", stdout(&out));
    let geojson: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(geojson["features"].as_array().unwrap().len(), 300);

    let table = dir.path().join("partenaires.csv");
    let out = lode(
        dir.path(),
        &[
            "export-register",
            "partners",
            "--format",
            "csv",
            "--lang",
            "fr",
            "-o",
            table.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&table).unwrap();
    assert!(
        text.starts_with("Organisation,Type de partenaire,"),
        "{text}"
    );
}

#[test]
fn refusals_name_their_code_and_write_nothing() {
    let dir = demo();
    let file = dir.path().join("partners.geojson");
    let out = lode(
        dir.path(),
        &[
            "export-register",
            "partners",
            "--format",
            "geojson",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("registers.no_geometry"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("XLSX or CSV"),
        "says what to do instead"
    );
    assert!(!file.exists());

    let out = lode(
        dir.path(),
        &[
            "export-register",
            "miners",
            "--format",
            "csv",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("registers.unknown_register"));
    assert!(
        stderr(&out).contains("licence-holders"),
        "lists the registers"
    );

    let out = lode(
        dir.path(),
        &[
            "export-register",
            "sites",
            "--format",
            "csv",
            "--workspace",
            "no-such-workspace",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("store.not_found"), "{}", stderr(&out));
    assert_eq!(exports_logged(dir.path()), 0);
}

#[test]
fn without_a_workspace_the_refusal_says_how_to_name_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sites.csv");
    let out = lode(
        dir.path(),
        &[
            "export-register",
            "sites",
            "--format",
            "csv",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("registers.no_workspace") && err.contains("--workspace"),
        "{err}"
    );
    assert!(!file.exists());
}
