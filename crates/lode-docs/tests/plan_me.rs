//! The Implementation Plan and the M&E Plan from the demo workspace, read back the way a reader
//! would (the PDF through pdftotext, the DOCX by unzipping its text), checked against figures
//! taken from the store and written with the same `text` functions the documents use.

mod common;

use common::{Demo, T0, demo, demo_through, docx_text, letters, pdf_text, plain, squeeze};
use lode_core::Lang;
use lode_docs::model::{Block, Section};
use lode_docs::{Format, Report, text};
use lode_store::licences::{self, LicenceQuery};
use lode_store::{monitoring, plan};
use std::collections::{BTreeMap, BTreeSet};

/// The report in both formats as the reader reads it, squeezed.
fn read_both(demo: &Demo, report: Report, lang: Lang) -> Vec<(Format, String)> {
    [Format::Pdf, Format::Docx]
        .into_iter()
        .map(|format| {
            let bytes =
                lode_docs::make(demo.store.conn(), &demo.workspace, report, format, lang, T0)
                    .unwrap();
            let words = match format {
                Format::Pdf => pdf_text(&bytes),
                Format::Docx => docx_text(&bytes),
            };
            (format, squeeze(&words))
        })
        .collect()
}

fn assert_has(words: &str, expected: &str, lang: Lang, format: Format) {
    assert!(
        words.contains(&squeeze(&plain(expected))),
        "{lang:?} {format:?} lacks {expected:?}"
    );
}

/// The plan's budget, per currency, summed from the store's actions.
fn plan_budget(view: &plan::PlanView) -> BTreeMap<String, f64> {
    let mut total = BTreeMap::new();
    for action in &view.actions {
        for (currency, amount) in &action.budget_total {
            *total.entry(currency.clone()).or_insert(0.0) += amount;
        }
    }
    total
}

fn granted_holders(demo: &Demo) -> i64 {
    let query = LicenceQuery {
        status: "granted".to_owned(),
        limit: 1,
        ..LicenceQuery::default()
    };
    licences::list(demo.store.conn(), &demo.workspace, &query, "")
        .unwrap()
        .total
}

#[test]
fn the_plan_shows_its_actions_budget_and_register_in_both_languages_and_formats() {
    let demo = demo();
    let view = plan::view(demo.store.conn(), &demo.workspace, Lang::En).unwrap();
    assert!(view.actions.len() > 10, "the demo has a plan");
    let budget = plan_budget(&view);
    let (currency, total) = budget.iter().next().expect("the plan has a budget");
    assert_eq!(budget.len(), 1, "the demo budgets in one currency");
    let first = &view.actions[0];
    let first_budget = first.budget_total[currency.as_str()];
    let holders = granted_holders(&demo);
    assert!(holders > 1_000, "the demo has a register");
    for lang in Lang::ALL {
        // The bold closing row of the budget tables: every action, the whole budget, 100%.
        let total_row = format!(
            "{} {} {} {}",
            text::t(lang, "plan.total"),
            text::int(lang, view.actions.len() as i64),
            text::money(lang, *total, currency),
            text::percent(lang, 1.0),
        );
        let register_row = format!(
            "{} {}",
            text::t(lang, "plan.licence_status.granted"),
            text::int(lang, holders),
        );
        let expected = [
            text::t(lang, "plan.title"),
            total_row,
            text::money(lang, first_budget, currency),
            first.action.title.clone(),
            register_row,
        ];
        for (format, words) in read_both(&demo, Report::Plan, lang) {
            for e in &expected {
                assert_has(&words, e, lang, format);
            }
        }
    }
}

#[test]
fn the_me_plan_shows_targets_latest_values_and_the_latest_review() {
    let demo = demo();
    let view = monitoring::view(demo.store.conn(), &demo.workspace, Lang::En).unwrap();
    assert!(view.adopted.len() >= 3, "the demo adopts indicators");
    let review = view.reviews.first().expect("the demo has a review");
    for lang in Lang::ALL {
        let labels = monitoring::view(demo.store.conn(), &demo.workspace, lang).unwrap();
        let mut expected = vec![
            text::t(lang, "monitoring.title"),
            text::date(lang, &review.held_on),
        ];
        for a in &labels.adopted {
            expected.push(a.label.clone());
            let target = a.indicator.target.expect("the demo sets targets");
            expected.push(text::num(lang, target, 1));
            let latest = a.measurements.last().expect("the demo measures");
            expected.push(text::num(lang, latest.value, 1));
        }
        for (format, words) in read_both(&demo, Report::Monitoring, lang) {
            for e in &expected {
                assert_has(&words, e, lang, format);
            }
            assert!(
                letters(&words).contains(&letters(&review.findings)),
                "{lang:?} {format:?} lacks the latest review's findings"
            );
        }
    }
}

fn blocks(sections: &[Section]) -> Vec<&Block> {
    sections
        .iter()
        .flat_map(|s| s.blocks.iter().chain(blocks(&s.subsections)))
        .collect()
}

#[test]
fn the_schedule_shows_every_action_once_a_month_at_most() {
    let demo = demo();
    let view = plan::view(demo.store.conn(), &demo.workspace, Lang::En).unwrap();
    let document = lode_docs::build(
        demo.store.conn(),
        &demo.workspace,
        Report::Plan,
        Lang::En,
        T0,
    )
    .unwrap();
    let mut shown = BTreeSet::new();
    for block in blocks(&document.sections) {
        if let Block::Timeline(t) = block {
            assert!(
                t.months.len() <= 24,
                "{} months in one chart",
                t.months.len()
            );
            for row in &t.rows {
                assert!(row.start <= row.end && row.end < t.months.len(), "{row:?}");
                shown.insert(row.label.clone());
            }
        }
    }
    for (i, action) in view.actions.iter().enumerate() {
        let label = format!("A{} {}", i + 1, action.action.title);
        assert!(shown.contains(&label), "the schedule lacks {label}");
    }
}

#[test]
fn the_me_charts_stay_readable() {
    let demo = demo();
    let document = lode_docs::build(
        demo.store.conn(),
        &demo.workspace,
        Report::Monitoring,
        Lang::Fr,
        T0,
    )
    .unwrap();
    let charts: Vec<_> = blocks(&document.sections)
        .into_iter()
        .filter_map(|b| match b {
            Block::Bars(chart) => Some(chart),
            _ => None,
        })
        .collect();
    assert!(!charts.is_empty(), "the M&E Plan has charts");
    for chart in charts {
        assert!(chart.groups.len() <= 12, "{} groups", chart.groups.len());
        for group in &chart.groups {
            assert_eq!(group.values.len(), chart.series.len());
            assert!(group.values.iter().all(|v| *v >= 0.0), "{group:?}");
        }
    }
}

#[test]
fn before_phase_3_both_documents_say_nothing_is_recorded() {
    let demo = demo_through(2);
    for report in [Report::Plan, Report::Monitoring] {
        for lang in Lang::ALL {
            let said = match report {
                Report::Plan => text::t(lang, "plan.no_progress"),
                _ => text::t(lang, "monitoring.no_review_yet"),
            };
            for (format, words) in read_both(&demo, report, lang) {
                assert_has(&words, &text::t(lang, "nothing_recorded"), lang, format);
                assert_has(&words, &said, lang, format);
            }
        }
    }
}

#[test]
fn a_plan_of_a_few_months_is_one_schedule_month_by_month() {
    let mut demo = demo_through(2);
    let workspace = demo.workspace.clone();
    demo.store
        .write(|w| {
            let save = |kind: &str, fields: serde_json::Value| {
                lode_store::kinds::save(w, &workspace, kind, None, &fields)
            };
            save(
                "plan_period",
                serde_json::json!({"startOn": "2026-03-01", "endOn": "2026-11-30", "currency": "USD"}),
            )?;
            save(
                "plan_action",
                serde_json::json!({"title": "Open a one-stop window", "startOn": "2026-03-01",
                    "endOn": "2026-06-30", "status": "planned",
                    "budget": [{"amount": 12000, "currency": "USD", "year": 2026}]}),
            )?;
            save(
                "plan_action",
                serde_json::json!({"title": "Train inspectors", "startOn": "2026-05-15",
                    "endOn": "2026-11-30", "status": "planned",
                    "budget": [{"amount": 8000, "currency": "USD", "year": 2026}]}),
            )
        })
        .unwrap();
    let document =
        lode_docs::build(demo.store.conn(), &workspace, Report::Plan, Lang::En, T0).unwrap();
    let timelines: Vec<_> = blocks(&document.sections)
        .into_iter()
        .filter_map(|b| match b {
            Block::Timeline(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(timelines.len(), 1, "one chart for a short plan");
    let t = timelines[0];
    assert_eq!(t.months.first().map(String::as_str), Some("03/26"));
    assert_eq!(t.months.len(), 9, "March to November");
    let spans: Vec<(usize, usize)> = t.rows.iter().map(|r| (r.start, r.end)).collect();
    assert_eq!(spans, [(0, 3), (2, 8)]);
}
