//! Step 2.1: the issues of greatest significance (with evidence from Phase 1 records), the goals
//! that answer them, the government's view of each technique, and the vision statement. A
//! technique's prevalence is computed from the site inventory, never typed.

use crate::error::Result;
use crate::kinds::{Kind, singleton};
use crate::record::{self, Json, Meta, record_type};
use lode_core::Lang;
use lode_core::catalogue;
use lode_core::form::Form;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const CATEGORIES: &[&str] = &["unacceptable", "poor", "good"];
const SCOPES: &[&str] = &["local", "regional", "national"];

/// Phase 1 records an issue may cite as evidence, with their table.
const EVIDENCE_KINDS: &[(&str, &str)] = &[
    ("site", "site"),
    ("consultation_event", "consultation_event"),
    ("stakeholder", "stakeholder"),
    ("political_actor", "political_actor"),
    ("supply_node", "supply_node"),
    ("capacity_cell", "capacity_cell"),
];

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Vision {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub statement: String,
    pub adopted_on: Option<String>,
}

record_type!(Vision, "vision", { workspace_id, statement, adopted_on });

impl Kind for Vision {
    const KIND: &'static str = "vision";
    const SINGLETON: bool = true;
    const STRATEGY: bool = true;

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, _: &Connection) -> Result<Self> {
        Ok(Vision {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            statement: form.text("statement"),
            adopted_on: form.date("adoptedOn", false),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRef {
    pub kind: String,
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub description: String,
    pub category: String,
    pub severity: i64,
    pub scope: String,
    pub evidence: Json<Vec<EvidenceRef>>,
}

record_type!(Issue, "strategy_issue", {
    workspace_id, description, category, severity, scope, evidence,
});

impl Kind for Issue {
    const KIND: &'static str = "strategy_issue";
    const STRATEGY: bool = true;

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, conn: &Connection) -> Result<Self> {
        let mut evidence = Vec::new();
        for (index, row) in form.rows("evidence").into_iter().enumerate() {
            let found: Option<EvidenceRef> = serde_json::from_value(row.clone()).ok();
            match found {
                Some(link) if live_in_workspace(conn, workspace_id, &link)? => {
                    if !evidence.contains(&link) {
                        evidence.push(link);
                    }
                }
                _ => form.fail(&format!("evidence-{index}"), "invalid_choice"),
            }
        }
        Ok(Issue {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            description: form.name("description"),
            category: form.code("category", |c| catalogue::has("impact_categories", c), true),
            severity: required_integer(form, "severity", 1, 5),
            scope: form.choice("scope", SCOPES, false),
            evidence: Json(evidence),
        })
    }
}

/// A whole number in `min..=max` that must be given.
pub(crate) fn required_integer(form: &mut Form, name: &str, min: i64, max: i64) -> i64 {
    if !form.has(name) {
        form.fail(name, "required");
        return min;
    }
    form.integer(name, min, max, min)
}

fn live_in_workspace(conn: &Connection, workspace_id: &str, link: &EvidenceRef) -> Result<bool> {
    let Some((_, table)) = EVIDENCE_KINDS.iter().find(|(kind, _)| *kind == link.kind) else {
        return Ok(false);
    };
    Ok(conn.query_row(
        &format!(
            "SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1 AND workspace_id = ?2 AND deleted = 0)"
        ),
        [&link.id, workspace_id],
        |row| row.get(0),
    )?)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Goal {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub statement: String,
    pub issues: Json<Vec<String>>,
    pub indicators: Json<Vec<String>>,
    pub target: String,
}

record_type!(Goal, "strategy_goal", { workspace_id, statement, issues, indicators, target });

impl Kind for Goal {
    const KIND: &'static str = "strategy_goal";
    const STRATEGY: bool = true;

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, conn: &Connection) -> Result<Self> {
        let issues = ids_of::<Issue>(form, "issues", conn, workspace_id)?;
        Ok(Goal {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            statement: form.name("statement"),
            issues: Json(issues),
            indicators: Json(form.codes("indicators", |c| catalogue::has("indicators", c))),
            target: form.text("target"),
        })
    }
}

/// A list of ids of live `K` records of the workspace; any other id is refused on `name`.
pub(crate) fn ids_of<K: Kind>(
    form: &mut Form,
    name: &str,
    conn: &Connection,
    workspace_id: &str,
) -> Result<Vec<String>> {
    let ids = form.codes(name, |_| true);
    for id in &ids {
        if crate::kinds::owned::<K>(conn, workspace_id, id).is_err() {
            form.fail(name, "invalid_choice");
            break;
        }
    }
    Ok(ids)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TechniqueAssessment {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub technique: String,
    pub category: String,
    pub rationale: String,
    pub source: String,
}

record_type!(TechniqueAssessment, "technique_assessment", {
    workspace_id, technique, category, rationale, source,
});

impl Kind for TechniqueAssessment {
    const KIND: &'static str = "technique_assessment";
    const STRATEGY: bool = true;

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, _: &Connection) -> Result<Self> {
        let technique = form.code("technique", |c| catalogue::has("techniques", c), true);
        let category = form.choice("category", CATEGORIES, true);
        let rationale = form.text("rationale");
        let default = default_category(&technique);
        if !category.is_empty()
            && !default.is_empty()
            && category != default
            && rationale.is_empty()
        {
            form.fail("rationale", "rationale_for_change");
        }
        Ok(TechniqueAssessment {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            technique,
            category,
            rationale,
            source: form.text("source"),
        })
    }

    /// One assessment per technique: a second is refused, so the officer edits the first.
    fn check_against_others(
        &self,
        form: &mut Form,
        conn: &Connection,
        id: Option<&str>,
    ) -> Result<()> {
        let taken: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM technique_assessment WHERE workspace_id = ?1
                 AND deleted = 0 AND technique = ?2 AND id IS NOT ?3)",
            rusqlite::params![self.workspace_id, self.technique, id],
            |row| row.get(0),
        )?;
        if taken {
            form.fail("technique", "already_assessed");
        }
        Ok(())
    }
}

/// The catalogue's category for a technique ("" for an unknown code).
pub fn default_category(technique: &str) -> &'static str {
    catalogue::list(Lang::En, "techniques")
        .iter()
        .find(|entry| entry.code == technique)
        .map_or("", |entry| entry.text("default_category"))
}

/// Each technique's category as the government has it: its assessment, else the catalogue's.
pub fn categories(conn: &Connection, workspace_id: &str) -> Result<HashMap<String, String>> {
    let assessed: HashMap<String, String> = assessments(conn, workspace_id)?
        .into_iter()
        .map(|a| (a.technique, a.category))
        .collect();
    Ok(catalogue::list(Lang::En, "techniques")
        .iter()
        .map(|entry| {
            let category = assessed
                .get(&entry.code)
                .cloned()
                .unwrap_or_else(|| entry.text("default_category").to_owned());
            (entry.code.clone(), category)
        })
        .collect())
}

pub fn assessments(conn: &Connection, workspace_id: &str) -> Result<Vec<TechniqueAssessment>> {
    record::select(conn, "workspace_id = ?1", &[&workspace_id], "technique")
}

pub fn issues(conn: &Connection, workspace_id: &str) -> Result<Vec<Issue>> {
    record::select(
        conn,
        "workspace_id = ?1",
        &[&workspace_id],
        "severity DESC, created_at, id",
    )
}

pub fn goals(conn: &Connection, workspace_id: &str) -> Result<Vec<Goal>> {
    record::select(
        conn,
        "workspace_id = ?1",
        &[&workspace_id],
        "created_at, id",
    )
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceLabel {
    pub kind: String,
    pub id: String,
    pub label: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IssueView {
    #[serde(flatten)]
    pub issue: Issue,
    pub evidence_labels: Vec<EvidenceLabel>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GoalView {
    #[serde(flatten)]
    pub goal: Goal,
    /// How many strategy measures serve this goal.
    pub measures: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TechniqueRow {
    pub code: String,
    pub label: String,
    pub stage: String,
    pub description: String,
    pub source: String,
    pub default_category: String,
    pub category: String,
    pub changed: bool,
    pub rationale: String,
    pub assessment_id: Option<String>,
    /// The assessment's own source (the catalogue's is `source`).
    pub assessment_source: String,
    pub sites: i64,
    pub miners: i64,
    pub prevalence: f64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VisionView {
    pub vision: Option<Vision>,
    pub issues: Vec<IssueView>,
    pub goals: Vec<GoalView>,
    pub techniques: Vec<TechniqueRow>,
}

/// Sites and miners using each technique, from the site inventory.
pub fn technique_use(conn: &Connection, workspace_id: &str) -> Result<HashMap<String, (i64, i64)>> {
    let mut statement = conn.prepare(
        "SELECT t.value, count(*), sum(s.miners_female + s.miners_male)
         FROM site s, json_each(s.techniques) t
         WHERE s.workspace_id = ?1 AND s.deleted = 0 GROUP BY t.value",
    )?;
    let rows = statement.query_map([workspace_id], |row| {
        Ok((row.get::<_, String>(0)?, (row.get(1)?, row.get(2)?)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn site_count(conn: &Connection, workspace_id: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM site WHERE workspace_id = ?1 AND deleted = 0",
        [workspace_id],
        |row| row.get(0),
    )?)
}

/// Every catalogue technique with the government's category and its prevalence, by stage.
pub fn technique_rows(
    conn: &Connection,
    workspace_id: &str,
    lang: Lang,
) -> Result<Vec<TechniqueRow>> {
    let assessed: HashMap<String, TechniqueAssessment> = assessments(conn, workspace_id)?
        .into_iter()
        .map(|a| (a.technique.clone(), a))
        .collect();
    let used = technique_use(conn, workspace_id)?;
    let total = site_count(conn, workspace_id)?;
    let stage_order = |stage: &str| {
        ["extraction", "processing", "trade", "labour"]
            .iter()
            .position(|s| *s == stage)
    };
    let mut rows: Vec<TechniqueRow> = catalogue::list(lang, "techniques")
        .iter()
        .map(|entry| {
            let default_category = entry.text("default_category").to_owned();
            let assessment = assessed.get(&entry.code);
            let category = assessment.map_or(default_category.clone(), |a| a.category.clone());
            let (sites, miners) = used.get(&entry.code).copied().unwrap_or((0, 0));
            TechniqueRow {
                code: entry.code.clone(),
                label: entry.label.clone(),
                stage: entry.text("stage").to_owned(),
                description: entry.text("description").to_owned(),
                source: entry.text("source").to_owned(),
                changed: category != default_category,
                default_category,
                category,
                rationale: assessment.map(|a| a.rationale.clone()).unwrap_or_default(),
                assessment_id: assessment.map(|a| a.meta.id.clone()),
                assessment_source: assessment.map(|a| a.source.clone()).unwrap_or_default(),
                sites,
                miners,
                prevalence: if total > 0 {
                    sites as f64 / total as f64
                } else {
                    0.0
                },
            }
        })
        .collect();
    rows.sort_by_key(|row| stage_order(&row.stage));
    Ok(rows)
}

fn evidence_label(conn: &Connection, link: &EvidenceRef, lang: Lang) -> Result<String> {
    let sql = match link.kind.as_str() {
        "site" => "SELECT name FROM site WHERE id = ?1",
        "consultation_event" => {
            "SELECT held_on || CASE WHEN place <> '' THEN ' · ' || place ELSE '' END FROM consultation_event WHERE id = ?1"
        }
        "stakeholder" => "SELECT organisation FROM stakeholder WHERE id = ?1",
        "political_actor" => "SELECT name FROM political_actor WHERE id = ?1",
        "supply_node" => "SELECT name FROM supply_node WHERE id = ?1",
        "capacity_cell" => "SELECT office || ' · ' || function FROM capacity_cell WHERE id = ?1",
        _ => return Ok(String::new()),
    };
    let label: Option<String> = conn.query_row(sql, [&link.id], |row| row.get(0)).ok();
    Ok(label.map_or_else(
        || lode_core::messages::text(lang, "evidence.removed", &[]),
        |label| match link.kind.as_str() {
            "capacity_cell" => relabel_function(&label, lang),
            _ => label,
        },
    ))
}

/// "Office · function_code" with the function's label.
fn relabel_function(label: &str, lang: Lang) -> String {
    match label.rsplit_once(" · ") {
        Some((office, code)) => {
            format!(
                "{office} · {}",
                catalogue::label(lang, "capacity_functions", code)
            )
        }
        None => label.to_owned(),
    }
}

pub fn view(conn: &Connection, workspace_id: &str, lang: Lang) -> Result<VisionView> {
    let served = crate::strategy::goals_served(conn, workspace_id)?;
    let issues = issues(conn, workspace_id)?
        .into_iter()
        .map(|issue| {
            let evidence_labels = issue
                .evidence
                .0
                .iter()
                .map(|link| {
                    Ok(EvidenceLabel {
                        kind: link.kind.clone(),
                        id: link.id.clone(),
                        label: evidence_label(conn, link, lang)?,
                    })
                })
                .collect::<Result<_>>()?;
            Ok(IssueView {
                issue,
                evidence_labels,
            })
        })
        .collect::<Result<_>>()?;
    let goals = goals(conn, workspace_id)?
        .into_iter()
        .map(|goal| GoalView {
            measures: served.get(&goal.meta.id).copied().unwrap_or(0),
            goal,
        })
        .collect();
    Ok(VisionView {
        vision: singleton(conn, workspace_id)?,
        issues,
        goals,
        techniques: technique_rows(conn, workspace_id, lang)?,
    })
}
