//! The M&E Plan and review report (Phase 3): the indicators the government adopted, with their
//! baselines, targets, sources, frequencies and who measures them; how far each has come toward
//! its target; each indicator's measurements; and the reviews, the latest one's findings and
//! adjustments first.

use crate::build::{Words, empty_or};
use crate::model::{BarChart, BarGroup, Block, Fact, Section, Table};
use crate::text::{self, int, money, num, or_dash, percent};
use lode_core::Lang;
use lode_store::monitoring::{
    self, AdoptedView, LibraryEntry, Measurement, MonitoringView, Review,
};
use lode_store::{Result, plan, vision};
use rusqlite::Connection;
use std::collections::{BTreeMap, HashMap};

/// More bars than this make a chart too long to read at a glance: the rest go to another chart.
const GROUPS_PER_CHART: usize = 12;

/// The measurements an indicator's table lists, the latest ones.
const MEASUREMENTS_SHOWN: usize = 12;

pub fn sections(conn: &Connection, workspace_id: &str, w: &Words) -> Result<Vec<Section>> {
    let view = monitoring::view(conn, workspace_id, w.lang)?;
    let names = Names {
        goals: vision::goals(conn, workspace_id)?
            .into_iter()
            .map(|g| (g.meta.id, g.statement))
            .collect(),
        actions: plan::actions(conn, workspace_id)?
            .into_iter()
            .map(|a| (a.meta.id, a.title))
            .collect(),
    };
    Ok(vec![
        framework(&view, &names, w),
        progress(&view.adopted, w),
        measurements(&view, w),
        reviews(&view.reviews, &names, w),
    ])
}

/// What the records an indicator points to are called.
struct Names {
    goals: HashMap<String, String>,
    actions: HashMap<String, String>,
}

impl Names {
    fn goals(&self, ids: &[String]) -> String {
        join(ids.iter().filter_map(|id| self.goals.get(id)))
    }

    fn actions(&self, ids: &[String]) -> String {
        join(ids.iter().filter_map(|id| self.actions.get(id)))
    }
}

fn join<'a>(names: impl Iterator<Item = &'a String>) -> String {
    or_dash(&names.map(String::as_str).collect::<Vec<_>>().join("; "))
}

/// A value in its unit, as a reader writes it: "17.4%", "2,400 kg/year", "120,000 USD", "90".
fn value(lang: Lang, v: f64, unit: &str) -> String {
    match unit {
        "percent" => format!("{}{}", num(lang, v, 1), percent_sign(lang)),
        "usd" => money(lang, v, "USD"),
        "kg" | "kg_per_year" | "tonnes" | "hectares" => {
            format!(
                "{} {}",
                num(lang, v, 1),
                text::t(lang, &format!("monitoring.unit.{unit}"))
            )
        }
        _ => num(lang, v, 1),
    }
}

/// The percent sign as each language writes it after a number (French with a space before).
fn percent_sign(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "%",
        Lang::Fr => "\u{a0}%",
    }
}

fn optional(lang: Lang, v: Option<f64>, unit: &str) -> String {
    v.map_or_else(|| "—".to_owned(), |v| value(lang, v, unit))
}

fn date_or_dash(on: Option<&str>, w: &Words) -> String {
    on.map_or_else(|| "—".to_owned(), |d| w.date(d))
}

/// The latest value of an indicator: its latest measurement, or for one Lode computes and no
/// one has recorded yet, the value its records give now.
fn latest(a: &AdoptedView) -> (Option<f64>, Option<&str>) {
    match a.measurements.last() {
        Some(m) => (Some(m.value), Some(m.measured_on.as_str())),
        None => (a.current, None),
    }
}

fn framework(view: &MonitoringView, names: &Names, w: &Words) -> Section {
    let adopted = &view.adopted;
    let computed = adopted.iter().filter(|a| a.computable).count();
    let measured = adopted
        .iter()
        .filter(|a| !a.measurements.is_empty())
        .count();
    let mut section = Section::new(w.t("monitoring.framework")).with(match adopted.is_empty() {
        true => w.paragraph("monitoring.no_indicators", &[]),
        false => w.paragraph(
            "monitoring.summary",
            &[
                ("indicators", &int(w.lang, adopted.len() as i64)),
                ("computed", &int(w.lang, computed as i64)),
                ("measured", &int(w.lang, measured as i64)),
            ],
        ),
    });
    section.push(match view.reviews.first() {
        Some(r) => w.paragraph(
            match r.next_on {
                Some(_) => "monitoring.review_summary",
                None => "monitoring.review_summary_no_next",
            },
            &[
                ("reviews", &int(w.lang, view.reviews.len() as i64)),
                ("date", &w.date(&r.held_on)),
                ("next", &date_or_dash(r.next_on.as_deref(), w)),
            ],
        ),
        None => w.paragraph("monitoring.no_review_yet", &[]),
    });
    let library: HashMap<&str, &LibraryEntry> =
        view.library.iter().map(|e| (e.code.as_str(), e)).collect();
    section
        .part(indicators(adopted, &library, w))
        .part(responsibilities(adopted, names, w))
}

fn indicators(
    adopted: &[AdoptedView],
    library: &HashMap<&str, &LibraryEntry>,
    w: &Words,
) -> Section {
    // The date and the frequency are set as the layout sets numbers, at their natural width:
    // beside the long source a text column would be squeezed narrower than its words.
    let mut table = w.table(
        "monitoring.indicators_caption",
        &[
            ("monitoring.indicator", false),
            ("monitoring.baseline", true),
            ("monitoring.target", true),
            ("monitoring.target_on", true),
            ("monitoring.frequency", true),
            ("monitoring.source", false),
        ],
    );
    table.rows = adopted
        .iter()
        .map(|a| {
            let entry = library.get(a.indicator.indicator.as_str());
            let i = &a.indicator;
            vec![
                indicator_name(a),
                optional(w.lang, i.baseline, &a.unit),
                optional(w.lang, i.target, &a.unit),
                date_or_dash(i.target_on.as_deref(), w),
                entry.map_or_else(
                    || "—".to_owned(),
                    |e| w.coded("monitoring.frequency", &e.frequency),
                ),
                entry.map_or_else(|| "—".to_owned(), |e| source(a, e, w)),
            ]
        })
        .collect();
    Section::new(w.t("monitoring.indicators")).with(empty_or(table, w))
}

/// Where an indicator's values come from; Lode itself for the ones it computes.
fn source(a: &AdoptedView, entry: &LibraryEntry, w: &Words) -> String {
    match a.computable {
        true => text::tf(
            w.lang,
            "monitoring.computed_from",
            &[("source", &entry.source_note)],
        ),
        false => or_dash(&entry.source_note),
    }
}

/// The indicator's name in the reader's language; its code if the library no longer has it.
fn indicator_name(a: &AdoptedView) -> String {
    match a.label.is_empty() {
        true => a.indicator.indicator.clone(),
        false => a.label.clone(),
    }
}

fn responsibilities(adopted: &[AdoptedView], names: &Names, w: &Words) -> Section {
    let mut table = w.table(
        "monitoring.responsibilities_caption",
        &[
            ("monitoring.indicator", false),
            ("monitoring.owner", false),
            ("monitoring.goals", false),
            ("monitoring.actions", false),
        ],
    );
    table.rows = adopted
        .iter()
        .map(|a| {
            vec![
                indicator_name(a),
                or_dash(&a.indicator.owner),
                names.goals(&a.indicator.goal_ids.0),
                names.actions(&a.indicator.action_ids.0),
            ]
        })
        .collect();
    Section::new(w.t("monitoring.responsibilities")).with(empty_or(table, w))
}

fn progress(adopted: &[AdoptedView], w: &Words) -> Section {
    let mut section = Section::new(w.t("monitoring.progress"));
    if adopted.is_empty() {
        return section.with(w.empty());
    }
    section.push(w.paragraph("monitoring.progress_intro", &[]));
    let mut table = w.table(
        "monitoring.progress_caption",
        &[
            ("monitoring.indicator", false),
            ("monitoring.baseline", true),
            ("monitoring.latest", true),
            ("monitoring.measured_on", false),
            ("monitoring.target", true),
            ("monitoring.progress_column", true),
        ],
    );
    table.rows = adopted
        .iter()
        .map(|a| {
            let (latest, on) = latest(a);
            vec![
                indicator_name(a),
                optional(w.lang, a.indicator.baseline, &a.unit),
                optional(w.lang, latest, &a.unit),
                on.map_or_else(|| w.t("monitoring.computed_now"), |d| w.date(d)),
                optional(w.lang, a.indicator.target, &a.unit),
                a.progress
                    .map_or_else(|| "—".to_owned(), |p| percent(w.lang, p)),
            ]
        })
        .collect();
    section.push(Block::Table(table));
    section.blocks.extend(progress_charts(adopted, w));
    section.blocks.extend(value_charts(adopted, w));
    section
}

/// How far each indicator has come from its baseline to its target, as bars of one scale
/// whatever the indicators' units.
fn progress_charts(adopted: &[AdoptedView], w: &Words) -> Vec<Block> {
    let groups: Vec<BarGroup> = adopted
        .iter()
        .filter_map(|a| {
            let p = a.progress?;
            Some(BarGroup {
                label: indicator_name(a),
                values: vec![p.max(0.0) * 100.0],
                shown: vec![percent(w.lang, p)],
            })
        })
        .collect();
    charts(
        groups,
        w,
        &w.t("monitoring.progress_chart"),
        vec![w.t("monitoring.progress_column")],
    )
}

/// Baseline, latest value and target of the indicators, one chart per unit, since bars of
/// kilograms and of sites cannot share a scale.
fn value_charts(adopted: &[AdoptedView], w: &Words) -> Vec<Block> {
    let mut by_unit: BTreeMap<&str, Vec<BarGroup>> = BTreeMap::new();
    for a in adopted {
        let (latest, _) = latest(a);
        let values = [a.indicator.baseline, latest, a.indicator.target];
        if values.iter().all(Option::is_none) {
            continue;
        }
        by_unit.entry(a.unit.as_str()).or_default().push(BarGroup {
            label: indicator_name(a),
            // A bar cannot be shorter than nothing; its label keeps the true value.
            values: values.iter().map(|v| v.unwrap_or(0.0).max(0.0)).collect(),
            shown: values
                .iter()
                .map(|v| optional(w.lang, *v, &a.unit))
                .collect(),
        });
    }
    let series = vec![
        w.t("monitoring.baseline"),
        w.t("monitoring.latest"),
        w.t("monitoring.target"),
    ];
    by_unit
        .into_iter()
        .flat_map(|(unit, groups)| {
            let caption = text::tf(
                w.lang,
                "monitoring.values_chart",
                &[("unit", &w.coded("monitoring.unit", unit))],
            );
            charts(groups, w, &caption, series.clone())
        })
        .collect()
}

/// Bar charts of at most [`GROUPS_PER_CHART`] groups each, numbered when there are several.
fn charts(groups: Vec<BarGroup>, w: &Words, caption: &str, series: Vec<String>) -> Vec<Block> {
    let parts: Vec<Vec<BarGroup>> = groups
        .chunks(GROUPS_PER_CHART)
        .map(<[BarGroup]>::to_vec)
        .collect();
    let count = parts.len();
    parts
        .into_iter()
        .enumerate()
        .map(|(i, groups)| {
            let caption = match count {
                1 => caption.to_owned(),
                _ => text::tf(
                    w.lang,
                    "monitoring.chart_part",
                    &[
                        ("caption", caption),
                        ("part", &int(w.lang, i as i64 + 1)),
                        ("parts", &int(w.lang, count as i64)),
                    ],
                ),
            };
            Block::Bars(BarChart {
                caption,
                series: series.clone(),
                groups,
            })
        })
        .collect()
}

fn measurements(view: &MonitoringView, w: &Words) -> Section {
    let mut section = Section::new(w.t("monitoring.measurements"));
    if view.adopted.is_empty() {
        return section.with(w.empty());
    }
    section.push(w.paragraph("monitoring.measurements_intro", &[]));
    let library: HashMap<&str, &LibraryEntry> =
        view.library.iter().map(|e| (e.code.as_str(), e)).collect();
    for a in &view.adopted {
        let entry = library.get(a.indicator.indicator.as_str());
        section = section.part(indicator_measurements(a, entry.copied(), w));
    }
    section
}

fn indicator_measurements(a: &AdoptedView, entry: Option<&LibraryEntry>, w: &Words) -> Section {
    let i = &a.indicator;
    let mut facts: Vec<Fact> = vec![
        w.fact(
            "monitoring.what_it_measures",
            entry.map_or("", |e| e.description.as_str()),
        ),
        w.fact(
            "monitoring.baseline",
            &with_date(w.lang, i.baseline, &a.unit, i.baseline_on.as_deref()),
        ),
        w.fact(
            "monitoring.target",
            &with_date(w.lang, i.target, &a.unit, i.target_on.as_deref()),
        ),
    ];
    if a.computable {
        facts.push(w.fact("monitoring.current", &optional(w.lang, a.current, &a.unit)));
    }
    if !i.notes.trim().is_empty() {
        facts.push(w.fact("monitoring.notes", &i.notes));
    }
    let shown = &a.measurements[a.measurements.len().saturating_sub(MEASUREMENTS_SHOWN)..];
    let table = measurement_table(a, shown, w);
    let mut section = Section::new(indicator_name(a))
        .with(Block::Facts { facts })
        .with(empty_or(table, w));
    if shown.len() < a.measurements.len() {
        section.push(w.paragraph(
            "monitoring.older_measurements",
            &[
                ("shown", &int(w.lang, MEASUREMENTS_SHOWN as i64)),
                ("total", &int(w.lang, a.measurements.len() as i64)),
            ],
        ));
    }
    section
}

/// The measurements `shown`, with columns for women, men and notes only when some of them
/// has one: empty columns would crowd out the source.
fn measurement_table(a: &AdoptedView, shown: &[Measurement], w: &Words) -> Table {
    let by_sex = shown.iter().any(|m| m.female.is_some() || m.male.is_some());
    let notes = shown.iter().any(|m| !m.notes.trim().is_empty());
    let mut columns = vec![
        ("monitoring.measured_on", false),
        ("monitoring.value", true),
    ];
    if by_sex {
        columns.extend([("monitoring.women", true), ("monitoring.men", true)]);
    }
    columns.push(("monitoring.source", false));
    if notes {
        columns.push(("monitoring.notes", false));
    }
    let mut table = w.table("monitoring.measurements_caption", &columns);
    table.caption = text::tf(
        w.lang,
        "monitoring.measurements_caption",
        &[("indicator", &indicator_name(a))],
    );
    table.rows = shown
        .iter()
        .map(|m| {
            let mut row = vec![w.date(&m.measured_on), value(w.lang, m.value, &a.unit)];
            if by_sex {
                row.push(optional(w.lang, m.female, &a.unit));
                row.push(optional(w.lang, m.male, &a.unit));
            }
            row.push(or_dash(&m.source));
            if notes {
                row.push(or_dash(&m.notes));
            }
            row
        })
        .collect();
    table
}

/// "2,400 kg/year on 31 December 2028", or the value alone when no date is recorded.
fn with_date(lang: Lang, v: Option<f64>, unit: &str, on: Option<&str>) -> String {
    match (v, on) {
        (Some(v), Some(on)) => text::tf(
            lang,
            "monitoring.value_on",
            &[
                ("value", &value(lang, v, unit)),
                ("date", &text::date(lang, on)),
            ],
        ),
        _ => optional(lang, v, unit),
    }
}

fn reviews(reviews: &[Review], names: &Names, w: &Words) -> Section {
    let mut section = Section::new(w.t("monitoring.reviews"));
    let Some(latest) = reviews.first() else {
        return section.with(w.paragraph("monitoring.no_review_yet", &[]));
    };
    section.push(w.paragraph("monitoring.reviews_intro", &[]));
    section = section.part(latest_review(latest, names, w));
    if reviews.len() > 1 {
        section = section.part(earlier_reviews(&reviews[1..], w));
    }
    section
}

fn latest_review(review: &Review, names: &Names, w: &Words) -> Section {
    let facts = Block::Facts {
        facts: vec![
            w.fact("monitoring.held_on", &w.date(&review.held_on)),
            w.fact("monitoring.period", &review.period),
            w.fact(
                "monitoring.next_review",
                &date_or_dash(review.next_on.as_deref(), w),
            ),
        ],
    };
    let findings = Section::new(w.t("monitoring.findings")).with(Block::Paragraph {
        text: or_dash(&review.findings),
    });
    let mut table = w.table(
        "monitoring.adjustments_caption",
        &[
            ("monitoring.adjustment", false),
            ("monitoring.plan_action", false),
            ("monitoring.strategy_version", true),
        ],
    );
    table.rows = review
        .adjustments
        .0
        .iter()
        .map(|adj| {
            vec![
                adj.description.clone(),
                names
                    .actions
                    .get(&adj.action_id)
                    .map_or_else(|| "—".to_owned(), String::clone),
                adj.strategy_version
                    .map_or_else(|| "—".to_owned(), |v| int(w.lang, v)),
            ]
        })
        .collect();
    let adjustments =
        Section::new(w.t("monitoring.adjustments")).with(match table.rows.is_empty() {
            true => w.paragraph("monitoring.no_adjustments", &[]),
            false => Block::Table(table),
        });
    Section::new(w.t("monitoring.latest_review"))
        .with(facts)
        .part(findings)
        .part(adjustments)
}

fn earlier_reviews(reviews: &[Review], w: &Words) -> Section {
    let mut table = w.table(
        "monitoring.earlier_caption",
        &[
            ("monitoring.held_on", false),
            ("monitoring.period", false),
            ("monitoring.findings", false),
            ("monitoring.adjustments_count", true),
        ],
    );
    table.rows = reviews
        .iter()
        .map(|r| {
            vec![
                w.date(&r.held_on),
                or_dash(&r.period),
                or_dash(&r.findings),
                int(w.lang, r.adjustments.0.len() as i64),
            ]
        })
        .collect();
    Section::new(w.t("monitoring.earlier_reviews")).with(empty_or(table, w))
}
