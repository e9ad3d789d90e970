//! The Context Report and the Strategy from the demo workspace, read back the way a reader
//! would, checked against figures from the store; and what makes documents the same twice.

mod common;

use common::{T0, demo, docx_text, pdf_text, plain, squeeze};
use lode_core::Lang;
use lode_docs::{DocumentRequest, Format, Report, text};
use lode_store::context;

#[test]
fn the_context_report_shows_the_sector_in_both_languages_and_formats() {
    let demo = demo();
    let conn = demo.store.conn();
    let overview = context::view(conn, &demo.workspace).unwrap().overview;
    assert!(overview.miners.total > 1_000, "the demo has miners");
    for lang in Lang::ALL {
        let miners = plain(&text::int(lang, overview.miners.total));
        let women = plain(&text::int(lang, overview.miners.female));
        let title = text::t(lang, "context.title");
        for format in [Format::Pdf, Format::Docx] {
            let bytes =
                lode_docs::make(conn, &demo.workspace, Report::Context, format, lang, T0).unwrap();
            let words = match format {
                Format::Pdf => pdf_text(&bytes),
                Format::Docx => docx_text(&bytes),
            };
            for expected in [&title, &miners, &women] {
                assert!(
                    words.contains(expected.as_str()),
                    "{lang:?} {format:?} lacks {expected:?}"
                );
            }
        }
    }
}

#[test]
fn the_same_records_on_the_same_day_give_the_same_files() {
    let demo = demo();
    let conn = demo.store.conn();
    for format in [Format::Pdf, Format::Docx] {
        let first =
            lode_docs::make(conn, &demo.workspace, Report::Context, format, Lang::Fr, T0).unwrap();
        let again =
            lode_docs::make(conn, &demo.workspace, Report::Context, format, Lang::Fr, T0).unwrap();
        assert!(first == again, "{format:?} differs between two renderings");
    }
}

#[test]
fn the_strategy_ranks_the_types_and_counts_annex_c_in_both_languages_and_formats() {
    let demo = demo();
    let conn = demo.store.conn();
    let types = lode_store::sector_types::view(conn, &demo.workspace, Lang::En).unwrap();
    let first = types.types.first().expect("the demo has types");
    let finalise = lode_store::finalise::view(conn, &demo.workspace, Lang::En).unwrap();
    let covered = finalise.annex_c.iter().filter(|row| row.covered).count() as i64;
    for lang in Lang::ALL {
        let heading = text::tf(
            lang,
            "strategy.type_title",
            &[("rank", "1"), ("name", &first.asm_type.name)],
        );
        let annex = text::tf(
            lang,
            "strategy.annex_c_summary",
            &[
                ("covered", &text::int(lang, covered)),
                ("total", &text::int(lang, finalise.annex_c.len() as i64)),
            ],
        );
        let score = text::fixed(lang, first.total, 1);
        for format in [Format::Pdf, Format::Docx] {
            let bytes =
                lode_docs::make(conn, &demo.workspace, Report::Strategy, format, lang, T0).unwrap();
            let words = squeeze(&match format {
                Format::Pdf => pdf_text(&bytes),
                Format::Docx => docx_text(&bytes),
            });
            for expected in [&heading, &annex, &score] {
                assert!(
                    words.contains(&squeeze(expected)),
                    "{lang:?} {format:?} lacks {expected:?}"
                );
            }
        }
    }
}

#[test]
fn the_strategy_of_one_type_holds_that_type_and_no_other() {
    let demo = demo();
    let conn = demo.store.conn();
    let types = lode_store::sector_types::view(conn, &demo.workspace, Lang::En).unwrap();
    let [first, second, ..] = types.types.as_slice() else {
        panic!("the demo has several types");
    };
    let heading = |p: &lode_store::sector_types::TypeProfile| {
        text::tf(
            Lang::En,
            "strategy.type_title",
            &[("rank", &p.rank.to_string()), ("name", &p.asm_type.name)],
        )
    };
    // By name, in another case, as an officer may type it.
    let request = DocumentRequest {
        workspace_id: demo.workspace.clone(),
        report: Report::Strategy,
        format: Format::Pdf,
        lang: Lang::En,
        asm_type: Some(second.asm_type.name.to_uppercase()),
    };
    let document = lode_docs::build_request(conn, &request, T0).unwrap();
    let bytes = lode_docs::render(&document, Format::Pdf, &request.ident(), T0).unwrap();
    let words = squeeze(&pdf_text(&bytes));
    let title = text::tf(
        Lang::En,
        "strategy.title_for_type",
        &[("name", &second.asm_type.name)],
    );
    assert!(words.contains(&title), "titled for its type: {title}");
    assert!(words.contains(&heading(second)), "holds its type's section");
    assert!(
        !words.contains(&heading(first)),
        "holds no other type's section"
    );

    let unknown = DocumentRequest {
        asm_type: Some("No such type".into()),
        ..request.clone()
    };
    let refused = lode_docs::build_request(conn, &unknown, T0).unwrap_err();
    assert_eq!(refused.code(), "documents.unknown_type");
    let not_strategy = DocumentRequest {
        report: Report::Context,
        ..request
    };
    let refused = lode_docs::build_request(conn, &not_strategy, T0).unwrap_err();
    assert_eq!(refused.code(), "documents.type_only_in_strategy");
}

#[test]
fn a_signed_strategy_loses_its_draft_mark_and_names_who_signed_it() {
    let mut demo = demo();
    let draft = text::t(Lang::En, "draft").to_uppercase();
    let before = pdf_text(
        &lode_docs::make(
            demo.store.conn(),
            &demo.workspace,
            Report::Strategy,
            Format::Pdf,
            Lang::En,
            T0,
        )
        .unwrap(),
    );
    // The watermark is set diagonally, so pdftotext reads it a letter or two per line.
    let marked = |words: &str| {
        words
            .split_whitespace()
            .collect::<String>()
            .contains(&draft)
    };
    assert!(marked(&before), "an unsigned strategy is marked {draft}");
    let before_docx = docx_text(
        &lode_docs::make(
            demo.store.conn(),
            &demo.workspace,
            Report::Strategy,
            Format::Docx,
            Lang::En,
            T0,
        )
        .unwrap(),
    );
    assert!(
        marked(&before_docx),
        "an unsigned strategy's DOCX is marked {draft}"
    );

    let ws = demo.workspace.clone();
    demo.store
        .write(|w| lode_store::finalise::sign_off(w, &ws, Lang::En, "Priority types first."))
        .unwrap();
    let officer = lode_store::installation::require(demo.store.conn())
        .unwrap()
        .officer_name;
    for format in [Format::Pdf, Format::Docx] {
        let bytes = lode_docs::make(
            demo.store.conn(),
            &ws,
            Report::Strategy,
            format,
            Lang::En,
            T0,
        )
        .unwrap();
        let words = squeeze(&match format {
            Format::Pdf => pdf_text(&bytes),
            Format::Docx => docx_text(&bytes),
        });
        assert!(!marked(&words), "{format:?} still says {draft}");
        assert!(
            words.contains(&officer),
            "{format:?} does not name {officer}"
        );
        assert!(
            words.contains("Priority types first."),
            "{format:?} lacks the signing note"
        );
    }
}

/// Not a check: writes every document of the demo workspace to target/documents for a look
/// (`cargo test -p lode-docs --test documents -- --ignored`).
#[test]
#[ignore]
fn write_the_demo_documents_for_a_look() {
    let demo = demo();
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/documents");
    std::fs::create_dir_all(&out).unwrap();
    for report in Report::ALL {
        for lang in Lang::ALL {
            for format in [Format::Pdf, Format::Docx] {
                let bytes =
                    lode_docs::make(demo.store.conn(), &demo.workspace, report, format, lang, T0)
                        .unwrap();
                let name = format!("{}-{}.{}", report.name(), lang.code(), format.extension());
                std::fs::write(out.join(name), bytes).unwrap();
            }
        }
    }
}

/// What the Context Report says, pinned: the model handed to both renderers, for the demo on a
/// fixed day. After a deliberate change, `LODE_UPDATE_SNAPSHOTS=1` rewrites the file; review the
/// diff before committing it.
#[test]
fn the_context_report_says_what_its_snapshot_says() {
    let demo = demo();
    let document = lode_docs::build(
        demo.store.conn(),
        &demo.workspace,
        Report::Context,
        Lang::Fr,
        T0,
    )
    .unwrap();
    let json = serde_json::to_string_pretty(&document).unwrap() + "\n";
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/context-fr.json");
    if std::env::var_os("LODE_UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &json).unwrap();
    }
    let expected = std::fs::read_to_string(&path).expect("the snapshot exists");
    assert!(
        json == expected,
        "the Context Report differs from {}; if the change is meant, rerun with LODE_UPDATE_SNAPSHOTS=1",
        path.display()
    );
}
