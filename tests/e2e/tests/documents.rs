//! Documents and registers leave Lode from the real window: on the demo workspace an officer
//! exports the Context Report as a French PDF from a Phase 1 step, the sites register as CSV,
//! and one ASM type's part of the Strategy from a Phase 2 step. The save dialog answers with `LODE_DIALOG_PATH`; the files are then read as a reader
//! would (pdftotext, a CSV parser) and checked against the database, and both exports are found
//! in the audit log.

use std::path::Path;
use std::process::Command;

use lode_e2e::{App, demo_data, screenshots_dir, within_time_limit};

/// One number from the database.
fn query(data: &Path, sql: &str) -> i64 {
    let db = lode_store::Connection::open(data.join("lode.db")).expect("the database opens");
    db.query_row(sql, [], |row| row.get(0))
        .expect("the query answers")
}

async fn shot(app: &App, name: &str) {
    app.screenshot(&screenshots_dir().join(format!("documents-{name}.png")))
        .await;
}

fn pdf_text(file: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    String::from_utf8_lossy(&out.stdout).replace(['\u{202f}', '\u{a0}'], " ")
}

async fn export_the_context_report(app: &App, file: &Path, sites: i64) {
    app.open_step("1.3").await;
    let export = r#"[data-testid="document-export"]"#;
    assert_eq!(
        app.attr(export, "data-reports").await.as_deref(),
        Some("context"),
        "a Phase 1 step offers the Context Report"
    );
    app.click(&format!(r#"{export} [data-testid="document-export-open"]"#))
        .await;
    app.click(r#"[data-testid="document-export-format-pdf"]"#)
        .await;
    app.click(r#"[data-testid="document-export-lang-fr"]"#)
        .await;
    app.click(r#"[data-testid="document-export-run"]"#).await;
    let result = r#"[data-testid="document-export-result"]"#;
    app.wait_for(result).await;
    shot(app, "context-report-exported").await;
    assert!(
        app.exists(r#"[data-testid="document-export-draft"]"#).await,
        "the demo's strategy is not signed off, so the document is said to be a draft"
    );
    let text = pdf_text(file);
    assert!(
        text.contains("Rapport de contexte"),
        "a French Context Report"
    );
    assert!(
        text.contains(&format!("{sites} sites")),
        "the sector overview counts the database's {sites} sites"
    );
}

/// From a Phase 2 step, the Strategy of one type: its section, and no other type's.
async fn export_one_types_strategy(app: &App, file: &Path) {
    app.open_step("2.2").await;
    app.click(r#"[data-testid="document-export-open"]"#).await;
    let part = r#"[data-testid="document-export-type"]"#;
    app.wait_for(part).await;
    let (id, label) = app
        .wait_until("a type to choose", async || {
            let option = app
                .find_all(&format!(r#"{part} option:not([value=""])"#))
                .await
                .into_iter()
                .next()?;
            Some((option.attr("value").await.ok()??, option.text().await.ok()?))
        })
        .await;
    app.select(part, &id).await;
    app.click(r#"[data-testid="document-export-format-pdf"]"#)
        .await;
    app.click(r#"[data-testid="document-export-lang-en"]"#)
        .await;
    app.click(r#"[data-testid="document-export-run"]"#).await;
    app.wait_for(r#"[data-testid="document-export-result"]"#)
        .await;
    shot(app, "type-strategy-exported").await;
    // The option reads "1. Name"; the document is titled with the name.
    let name = label
        .split_once(". ")
        .map_or(label.as_str(), |(_, name)| name)
        .trim();
    let text = pdf_text(file);
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(&format!("ASM Management Strategy: {name}")),
        "the Strategy of {name}"
    );
}

async fn export_the_sites_register(app: &App, file: &Path, sites: i64) {
    let register = r#"[data-testid="register-export"][data-register="sites"]"#;
    app.click(&format!(
        r#"{register} [data-testid="register-export-open"]"#
    ))
    .await;
    app.click(&format!(
        r#"{register} [data-testid="register-export-format-csv"]"#
    ))
    .await;
    app.click(&format!(
        r#"{register} [data-testid="register-export-run"]"#
    ))
    .await;
    let result = format!(r#"{register} [data-testid="register-export-result"]"#);
    app.wait_for(&result).await;
    shot(app, "sites-register-exported").await;
    assert_eq!(
        app.attr(&result, "data-rows").await,
        Some(sites.to_string()),
        "every site is exported"
    );
    let mut csv = csv::Reader::from_path(file).expect("the CSV reads");
    assert_eq!(csv.records().count() as i64, sites, "a row per site");
}

#[tokio::test]
async fn an_officer_exports_the_context_report_and_the_sites_register() {
    within_time_limit(async {
        let data = demo_data("documents", 3);
        let out = tempfile::tempdir().expect("a folder for the exports");
        let file = out.path().join("export.out");
        let sites = query(data.path(), "SELECT count(*) FROM site WHERE deleted = 0");
        assert!(sites > 0, "the demo has sites");

        let app = App::launch_with(data.path(), &[("LODE_DIALOG_PATH", &file)]).await;
        app.wait_for(r#"[data-testid="home"]"#).await;
        export_the_context_report(&app, &file, sites).await;
        export_the_sites_register(&app, &file, sites).await;
        export_one_types_strategy(&app, &file).await;
        app.close().await;

        let logged = query(
            data.path(),
            "SELECT count(*) FROM audit_log WHERE action = 'export'
             AND table_name IN ('document:context', 'sites', 'document:strategy')",
        );
        assert_eq!(logged, 3, "every export is in the audit log");
    })
    .await;
}
