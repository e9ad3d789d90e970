//! `lode report`, run as a user would, on the demo workspace in a temporary data folder.

mod common;

use common::lode;
use std::path::Path;

fn document_exports(dir: &Path) -> Vec<(String, String)> {
    let db = lode_store::Connection::open(dir.join("lode.db")).unwrap();
    let mut stmt = db
        .prepare("SELECT table_name, after FROM audit_log WHERE action = 'export' ORDER BY seq")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn the_strategy_is_written_as_pdf_and_docx_in_french_and_each_export_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    assert!(lode(dir.path(), &["demo"]).status.success());
    let pdf = dir.path().join("strategie.pdf");
    let out = lode(
        dir.path(),
        &[
            "report",
            "strategy",
            "--lang",
            "fr",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("Stratégie de gestion de l'EMAPE"), "{said}");
    assert!(said.contains("projet"), "the draft is said: {said}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    let docx = dir.path().join("strategy.docx");
    let out = lode(
        dir.path(),
        &[
            "report",
            "strategy",
            "--format",
            "docx",
            "-o",
            docx.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));

    let logged = document_exports(dir.path());
    assert_eq!(logged.len(), 2, "{logged:?}");
    assert_eq!(logged[0].0, "document:strategy");
    assert!(
        logged[0].1.contains("\"fileName\":\"strategie.pdf\""),
        "{logged:?}"
    );
    assert!(logged[1].1.contains("\"format\":\"docx\""), "{logged:?}");
}

#[test]
fn a_folder_that_cannot_be_written_is_refused_with_what_to_do_and_nothing_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    assert!(lode(dir.path(), &["demo"]).status.success());
    let nowhere = dir.path().join("no-such-folder").join("context.pdf");
    let out = lode(
        dir.path(),
        &["report", "context", "-o", nowhere.to_str().unwrap()],
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(said.contains("documents.write_failed"), "{said}");
    assert!(said.contains("Choose a folder"), "{said}");
    assert!(document_exports(dir.path()).is_empty());
}

#[test]
fn one_types_strategy_is_written_by_its_name_and_an_unknown_type_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert!(lode(dir.path(), &["demo"]).status.success());
    let db = lode_store::Connection::open(dir.path().join("lode.db")).unwrap();
    let name: String = db
        .query_row(
            "SELECT name FROM asm_type WHERE deleted = 0 ORDER BY name LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let pdf = dir.path().join("type.pdf");
    let out = lode(
        dir.path(),
        &[
            "report",
            "strategy",
            "--type",
            &name,
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let logged = document_exports(dir.path());
    assert!(logged[0].1.contains("\"asmType\""), "{logged:?}");

    let out = lode(
        dir.path(),
        &[
            "report",
            "strategy",
            "--type",
            "No such type",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(said.contains("documents.unknown_type"), "{said}");
    assert_eq!(
        document_exports(dir.path()).len(),
        1,
        "the refusal is not logged"
    );
}
