//! The ASM Management Strategy (Phase 2): the vision, issues and goals; the technique
//! assessment; the types and their prioritisation; for each type (in rank order) its economics
//! and impacts approaches with their instruments; licence types; transboundary concerns; the
//! coherence checks; the Minamata Annex C coverage; and the sign-off record.

use crate::build::{Words, empty_or, label};
use crate::model::{BarChart, Block, Fact, Section};
use crate::text::{fixed, int, money, num, or_dash, percent};
use lode_core::{catalogue, clock};
use lode_store::sector_types::{Criterion, TypeProfile, TypesView};
use lode_store::strategy::{Measure, TypeStrategyView};
use lode_store::{Result, finalise, sector_types, strategy, vision};
use rusqlite::Connection;
use std::collections::BTreeMap;

pub fn sections(conn: &Connection, workspace_id: &str, w: &Words) -> Result<Vec<Section>> {
    let parts = Parts::read(conn, workspace_id, w)?;
    let mut sections = parts.common(w);
    sections.extend(
        parts
            .strategies
            .types
            .iter()
            .map(|t| type_section(t, &parts.goal_names(), w)),
    );
    sections.push(licences_and_borders(&parts.strategies.types, w));
    sections.push(coherence(&parts.finalise, w));
    sections.push(annex_c(&parts.finalise, w));
    sections.push(sign_off(&parts.finalise, w));
    Ok(sections)
}

/// The Strategy as one type's officers need it: the vision, the techniques and the ranking for
/// context, then that type's section, its licence and its transboundary concerns, and the
/// sign-off. `asm_type` is the type's id or its name (any case); `None` when no type has it.
/// The type's name comes back with the sections, for the title.
pub fn type_sections(
    conn: &Connection,
    workspace_id: &str,
    asm_type: &str,
    w: &Words,
) -> Result<Option<(String, Vec<Section>)>> {
    let parts = Parts::read(conn, workspace_id, w)?;
    let Some(chosen) = parts.strategies.types.iter().find(|t| {
        let named = &t.profile.asm_type;
        named.meta.id == asm_type || named.name.eq_ignore_ascii_case(asm_type.trim())
    }) else {
        return Ok(None);
    };
    let mut sections = parts.common(w);
    sections.push(type_section(chosen, &parts.goal_names(), w));
    sections.push(licences_and_borders(std::slice::from_ref(chosen), w));
    sections.push(sign_off(&parts.finalise, w));
    Ok(Some((chosen.profile.asm_type.name.clone(), sections)))
}

/// Everything the Strategy is made of, read once.
struct Parts {
    vision: vision::VisionView,
    types: TypesView,
    strategies: strategy::StrategiesView,
    finalise: finalise::FinaliseView,
}

impl Parts {
    fn read(conn: &Connection, workspace_id: &str, w: &Words) -> Result<Parts> {
        Ok(Parts {
            vision: vision::view(conn, workspace_id, w.lang)?,
            types: sector_types::view(conn, workspace_id, w.lang)?,
            strategies: strategy::view(conn, workspace_id, w.lang)?,
            finalise: finalise::view(conn, workspace_id, w.lang)?,
        })
    }

    fn goal_names(&self) -> BTreeMap<&str, &str> {
        self.vision
            .goals
            .iter()
            .map(|g| (g.goal.meta.id.as_str(), g.goal.statement.as_str()))
            .collect()
    }

    /// What every Strategy opens with: the vision, the techniques and the prioritisation.
    fn common(&self, w: &Words) -> Vec<Section> {
        vec![
            vision_section(&self.vision, w),
            techniques(&self.vision.techniques, w),
            prioritisation(&self.types, w),
        ]
    }
}

fn vision_section(view: &vision::VisionView, w: &Words) -> Section {
    let mut statement = Section::new(w.t("strategy.vision"));
    match &view.vision {
        Some(v) if !v.statement.trim().is_empty() => {
            statement.push(Block::Paragraph {
                text: v.statement.clone(),
            });
            if let Some(on) = &v.adopted_on {
                statement.push(w.paragraph("strategy.vision_adopted", &[("date", &w.date(on))]));
            }
        }
        _ => statement.push(w.empty()),
    }
    let mut issues = w.table(
        "strategy.issues_caption",
        &[
            ("strategy.issue", false),
            ("strategy.category", false),
            ("strategy.severity", true),
            ("strategy.scope", false),
        ],
    );
    issues.rows = view
        .issues
        .iter()
        .map(|i| {
            let issue = &i.issue;
            vec![
                issue.description.clone(),
                label(w.lang, "impact_categories", &issue.category),
                int(w.lang, issue.severity),
                w.code(&issue.scope),
            ]
        })
        .collect();
    let mut goals = w.table(
        "strategy.goals_caption",
        &[
            ("strategy.goal", false),
            ("strategy.target", false),
            ("strategy.indicators", false),
            ("strategy.measures", true),
        ],
    );
    goals.rows = view
        .goals
        .iter()
        .map(|g| {
            let indicators: Vec<String> = g
                .goal
                .indicators
                .0
                .iter()
                .map(|i| label(w.lang, "indicators", i))
                .collect();
            vec![
                g.goal.statement.clone(),
                or_dash(&g.goal.target),
                or_dash(&indicators.join("; ")),
                int(w.lang, g.measures as i64),
            ]
        })
        .collect();
    Section::new(w.t("strategy.vision_issues_goals"))
        .part(statement)
        .part(Section::new(w.t("strategy.issues")).with(empty_or(issues, w)))
        .part(Section::new(w.t("strategy.goals")).with(empty_or(goals, w)))
}

fn techniques(rows: &[vision::TechniqueRow], w: &Words) -> Section {
    let mut section = Section::new(w.t("strategy.techniques"));
    let count = |category: &str| rows.iter().filter(|t| t.category == category).count();
    section.push(w.paragraph(
        "strategy.techniques_summary",
        &[
            ("unacceptable", &int(w.lang, count("unacceptable") as i64)),
            ("poor", &int(w.lang, count("poor") as i64)),
            ("good", &int(w.lang, count("good") as i64)),
        ],
    ));
    let mut table = w.table(
        "strategy.techniques_caption",
        &[
            ("strategy.technique", false),
            ("strategy.judgement", false),
            ("strategy.sites", true),
            ("strategy.miners", true),
            ("strategy.prevalence", true),
            ("strategy.rationale", false),
        ],
    );
    // The judged techniques that matter most come first: unacceptable, then by prevalence.
    let mut ordered: Vec<&vision::TechniqueRow> = rows.iter().collect();
    ordered.sort_by(|a, b| {
        severity(&a.category)
            .cmp(&severity(&b.category))
            .then(b.prevalence.total_cmp(&a.prevalence))
            .then(a.label.cmp(&b.label))
    });
    table.rows = ordered
        .iter()
        .map(|t| {
            vec![
                t.label.clone(),
                w.t(&format!("strategy.judgement.{}", t.category)),
                int(w.lang, t.sites),
                int(w.lang, t.miners),
                percent(w.lang, t.prevalence),
                or_dash(&t.rationale),
            ]
        })
        .collect();
    section.with(empty_or(table, w))
}

fn severity(category: &str) -> u8 {
    match category {
        "unacceptable" => 0,
        "poor" => 1,
        _ => 2,
    }
}

fn criterion_name(criterion: &Criterion, w: &Words) -> String {
    match criterion.basis.as_str() {
        "manual" => criterion.name.clone(),
        basis => w.t(&format!("strategy.basis.{basis}")),
    }
}

/// The key a type's `scores` uses for a criterion: its id when the officer made it, else its
/// built-in basis (as `sector_types::rank` writes them).
fn score_key(criterion: &Criterion) -> String {
    match (&criterion.id, criterion.basis.as_str()) {
        (Some(id), "manual") => id.clone(),
        _ => criterion.basis.clone(),
    }
}

fn prioritisation(view: &TypesView, w: &Words) -> Section {
    let weights: i64 = view.criteria.iter().map(|c| c.weight).sum();
    let mut criteria = w.table(
        "strategy.criteria_caption",
        &[("strategy.criterion", false), ("strategy.weight", true)],
    );
    criteria.rows = view
        .criteria
        .iter()
        .map(|c| {
            let share = if weights > 0 {
                c.weight as f64 / weights as f64
            } else {
                0.0
            };
            vec![criterion_name(c, w), percent(w.lang, share)]
        })
        .collect();
    let mut ranking = w.table(
        "strategy.ranking_caption",
        &[
            ("strategy.rank", true),
            ("strategy.type", false),
            ("strategy.sites", true),
            ("strategy.miners", true),
            ("strategy.to_formalise", false),
            ("strategy.total_score", true),
        ],
    );
    ranking.rows = view
        .types
        .iter()
        .map(|p| {
            vec![
                int(w.lang, p.rank as i64),
                p.asm_type.name.clone(),
                int(w.lang, p.sites as i64),
                int(w.lang, p.miners.total),
                w.yes_no(p.asm_type.to_formalise),
                fixed(w.lang, p.total, 1),
            ]
        })
        .collect();
    let mut section = Section::new(w.t("strategy.types"))
        .with(w.paragraph(
            "strategy.types_summary",
            &[("types", &int(w.lang, view.types.len() as i64))],
        ))
        .with(empty_or(criteria, w))
        .with(empty_or(ranking, w));
    if !view.types.is_empty() {
        section.push(Block::Bars(BarChart {
            caption: w.t("strategy.ranking_chart"),
            series: vec![w.t("strategy.total_score")],
            groups: view
                .types
                .iter()
                .map(|p| crate::model::BarGroup {
                    label: format!("{}. {}", p.rank, p.asm_type.name),
                    values: vec![p.total],
                    shown: vec![fixed(w.lang, p.total, 1)],
                })
                .collect(),
        }));
        section.push(scores_table(view, w));
    }
    if view.unassigned.count > 0 {
        section.push(w.paragraph(
            "strategy.unassigned",
            &[("count", &int(w.lang, view.unassigned.count as i64))],
        ));
    }
    section
}

/// Each type's score on each criterion, 0 to 100, as the ranking used them.
fn scores_table(view: &TypesView, w: &Words) -> Block {
    let mut columns = vec![(w.t("strategy.type"), false)];
    columns.extend(view.criteria.iter().map(|c| (criterion_name(c, w), true)));
    let mut table = crate::model::Table::new(w.t("strategy.scores_caption"), &columns);
    table.rows = view
        .types
        .iter()
        .map(|p| {
            let mut row = vec![p.asm_type.name.clone()];
            row.extend(view.criteria.iter().map(|c| {
                let score = p.scores.get(&score_key(c)).copied().unwrap_or(0.0);
                num(w.lang, score * 100.0, 0)
            }));
            row
        })
        .collect();
    Block::Table(table)
}

fn type_section(view: &TypeStrategyView, goals: &BTreeMap<&str, &str>, w: &Words) -> Section {
    let p = &view.profile;
    let title = crate::text::tf(
        w.lang,
        "strategy.type_title",
        &[
            ("rank", &int(w.lang, p.rank as i64)),
            ("name", &p.asm_type.name),
        ],
    );
    let mut section = Section::new(title).part(profile(p, w));
    let (economics, impacts): (Vec<&Measure>, Vec<&Measure>) = view
        .measures
        .iter()
        .partition(|m| m.approach == "economics");
    section = section.part(economics_approach(view, &economics, goals, w));
    section.part(impacts_approach(view, &impacts, goals, w))
}

fn profile(p: &TypeProfile, w: &Words) -> Section {
    let t = &p.asm_type;
    let unacceptable: Vec<String> = p
        .unacceptable
        .iter()
        .map(|code| label(w.lang, "techniques", code))
        .collect();
    let mut facts = vec![
        w.fact(
            "strategy.commodity",
            &label(w.lang, "commodities", &t.commodity),
        ),
        w.fact(
            "strategy.deposit",
            &label(w.lang, "deposit_groups", &t.deposit_group),
        ),
        w.fact(
            "strategy.mechanisation",
            &label(w.lang, "mechanisation_levels", &t.mechanisation),
        ),
        w.fact("strategy.scale", &label(w.lang, "scales", &t.scale)),
        w.fact("strategy.sites", &int(w.lang, p.sites as i64)),
        w.fact(
            "strategy.miners_detail",
            &crate::text::tf(
                w.lang,
                "strategy.miners_value",
                &[
                    ("total", &int(w.lang, p.miners.total)),
                    ("female", &int(w.lang, p.miners.female)),
                    ("male", &int(w.lang, p.miners.male)),
                    ("under18", &int(w.lang, p.miners.under18)),
                ],
            ),
        ),
        w.fact("strategy.regions", &p.regions.join(", ")),
        w.fact(
            "strategy.mercury",
            &format!(
                "{} – {} kg",
                num(w.lang, p.mercury_kg.low, 1),
                num(w.lang, p.mercury_kg.high, 1)
            ),
        ),
        w.fact(
            "strategy.production_value",
            &money(w.lang, p.production_value_usd, "USD"),
        ),
        w.fact("strategy.unacceptable_techniques", &unacceptable.join(", ")),
        w.fact("strategy.total_score", &fixed(w.lang, p.total, 1)),
    ];
    if !t.justification.trim().is_empty() {
        facts.push(w.fact("strategy.justification", &t.justification));
    }
    Section::new(w.t("strategy.profile")).with(Block::Facts { facts })
}

fn economics_approach(
    view: &TypeStrategyView,
    measures: &[&Measure],
    goals: &BTreeMap<&str, &str>,
    w: &Words,
) -> Section {
    let mut section = Section::new(w.t("strategy.economics"));
    if let Some(s) = &view.strategy {
        section.push(Block::Facts {
            facts: vec![
                w.fact(
                    "strategy.allocate_land",
                    &w.t(&format!("strategy.allocate.{}", or_code(&s.allocate_land))),
                ),
                w.fact(
                    "strategy.land_form",
                    &w.t(&format!("strategy.land.{}", or_code(&s.land_form))),
                ),
                w.fact("strategy.land_notes", &s.land_notes),
                w.fact("strategy.rationale", &s.economics_rationale),
            ],
        });
    }
    section.push(measures_table(
        measures,
        goals,
        "strategy.economics_caption",
        w,
    ));
    section
}

fn impacts_approach(
    view: &TypeStrategyView,
    measures: &[&Measure],
    goals: &BTreeMap<&str, &str>,
    w: &Words,
) -> Section {
    let mut section = Section::new(w.t("strategy.impacts"));
    if let Some(s) = &view.strategy {
        section.push(Block::Facts {
            facts: vec![
                w.fact(
                    "strategy.impacts_approach",
                    &w.t(&format!(
                        "strategy.approach.{}",
                        or_code(&s.impacts_approach)
                    )),
                ),
                w.fact("strategy.rationale", &s.impacts_rationale),
            ],
        });
    }
    section.push(measures_table(
        measures,
        goals,
        "strategy.impacts_caption",
        w,
    ));
    let mut actions = w.table(
        "strategy.technique_actions_caption",
        &[
            ("strategy.technique", false),
            ("strategy.judgement", false),
            ("strategy.sites", true),
            ("strategy.action", false),
        ],
    );
    // Only what this type's miners use, or what a measure already acts on.
    actions.rows = view
        .techniques
        .iter()
        .filter(|t| t.sites > 0 || t.action.is_some())
        .map(|t| {
            vec![
                label(w.lang, "techniques", &t.code),
                w.t(&format!("strategy.judgement.{}", t.category)),
                int(w.lang, t.sites as i64),
                t.action.as_deref().map_or_else(
                    || w.t("strategy.no_action"),
                    |a| w.t(&format!("strategy.action.{a}")),
                ),
            ]
        })
        .collect();
    if !actions.rows.is_empty() {
        section.push(Block::Table(actions));
    }
    section
}

fn or_code(code: &str) -> &str {
    match code.is_empty() {
        true => "none",
        false => code,
    }
}

fn measures_table(
    measures: &[&Measure],
    goals: &BTreeMap<&str, &str>,
    caption: &str,
    w: &Words,
) -> Block {
    let mut table = w.table(
        caption,
        &[
            ("strategy.instrument", false),
            ("strategy.techniques_addressed", false),
            ("strategy.goals", false),
            ("strategy.rationale", false),
        ],
    );
    table.rows = measures
        .iter()
        .map(|m| {
            let techniques: Vec<String> = m
                .techniques
                .0
                .iter()
                .map(|code| label(w.lang, "techniques", code))
                .collect();
            let served: Vec<String> = m
                .goals
                .0
                .iter()
                .filter_map(|id| goals.get(id.as_str()).map(|g| (*g).to_owned()))
                .collect();
            let technique_text = match (techniques.is_empty(), m.action.as_str()) {
                (true, _) => "—".to_owned(),
                (false, "") => techniques.join(", "),
                (false, action) => format!(
                    "{} ({})",
                    techniques.join(", "),
                    w.t(&format!("strategy.action.{action}"))
                ),
            };
            vec![
                label(w.lang, "instruments", &m.instrument),
                technique_text,
                or_dash(&served.join("; ")),
                or_dash(&m.rationale),
            ]
        })
        .collect();
    empty_or(table, w)
}

fn licences_and_borders(types: &[TypeStrategyView], w: &Words) -> Section {
    let mut licences = w.table(
        "strategy.licences_caption",
        &[
            ("strategy.type", false),
            ("strategy.licence_type", false),
            ("strategy.licence_description", false),
        ],
    );
    let mut borders = Vec::new();
    for t in types {
        let Some(s) = &t.strategy else { continue };
        if !s.licence_type.is_empty() {
            let entry = catalogue::list(w.lang, "licence_types")
                .iter()
                .find(|e| e.code == s.licence_type);
            licences.rows.push(vec![
                t.profile.asm_type.name.clone(),
                entry.map_or_else(|| s.licence_type.clone(), |e| e.label.clone()),
                or_dash(entry.map_or("", |e| e.text("description"))),
            ]);
        }
        if !s.transboundary.trim().is_empty() {
            borders.push(Fact {
                label: t.profile.asm_type.name.clone(),
                value: s.transboundary.clone(),
            });
        }
    }
    let borders = match borders.is_empty() {
        true => w.paragraph("strategy.no_transboundary", &[]),
        false => Block::Facts { facts: borders },
    };
    Section::new(w.t("strategy.finalising"))
        .part(Section::new(w.t("strategy.licences")).with(empty_or(licences, w)))
        .part(Section::new(w.t("strategy.transboundary")).with(borders))
}

fn coherence(view: &finalise::FinaliseView, w: &Words) -> Section {
    let section = Section::new(w.t("strategy.coherence"));
    match view.findings.is_empty() {
        true => section.with(w.paragraph("strategy.coherent", &[])),
        false => section
            .with(w.paragraph(
                "strategy.findings_summary",
                &[("count", &int(w.lang, view.findings.len() as i64))],
            ))
            .with(Block::List {
                items: view.findings.iter().map(|f| f.message.clone()).collect(),
            }),
    }
}

fn annex_c(view: &finalise::FinaliseView, w: &Words) -> Section {
    let covered = view.annex_c.iter().filter(|row| row.covered).count();
    let mut table = w.table(
        "strategy.annex_c_caption",
        &[
            ("strategy.annex_c_element", false),
            ("strategy.covered", false),
            ("strategy.annex_c_detail", false),
        ],
    );
    table.rows = view
        .annex_c
        .iter()
        .map(|row| {
            vec![
                row.label.clone(),
                w.yes_no(row.covered),
                or_dash(&row.detail),
            ]
        })
        .collect();
    Section::new(w.t("strategy.annex_c"))
        .with(w.paragraph(
            "strategy.annex_c_summary",
            &[
                ("covered", &int(w.lang, covered as i64)),
                ("total", &int(w.lang, view.annex_c.len() as i64)),
            ],
        ))
        .with(empty_or(table, w))
}

fn sign_off(view: &finalise::FinaliseView, w: &Words) -> Section {
    let version = &view.version;
    let current = match (&version.signed_by, version.signed_at, version.locked) {
        (Some(by), Some(at), true) => w.paragraph(
            "strategy.signed",
            &[
                ("version", &int(w.lang, version.number)),
                ("by", by),
                ("date", &w.date(&clock::iso_date(at))),
            ],
        ),
        _ => w.paragraph(
            "strategy.not_signed",
            &[("version", &int(w.lang, version.number))],
        ),
    };
    let mut history = w.table(
        "strategy.versions_caption",
        &[
            ("strategy.version", true),
            ("strategy.signed_by", false),
            ("strategy.signed_on", false),
            ("strategy.open_findings", true),
            ("strategy.note", false),
        ],
    );
    history.rows = view
        .versions
        .iter()
        .map(|v| {
            vec![
                int(w.lang, v.number),
                v.signed_by.clone(),
                v.signed_at
                    .map_or_else(|| "—".to_owned(), |at| w.date(&clock::iso_date(at))),
                int(w.lang, v.open_findings),
                or_dash(&v.note),
            ]
        })
        .collect();
    let mut section = Section::new(w.t("strategy.sign_off")).with(current);
    if !history.rows.is_empty() {
        section.push(Block::Table(history));
    }
    section
}
