//! Step 3.3: monitoring and evaluation. The government adopts indicators from the shipped library,
//! links them to goals, techniques and actions, sets baselines and targets, and records
//! measurements; indicators Lode can compute from its own records are computed, never typed.
//! Periodic reviews record findings and the adjustments they lead to.

use crate::error::Result;
use crate::kinds::{Kind, owned};
use crate::plan::PlanAction;
use crate::record::{self, Json, Meta, record_type};
use crate::vision::{self, Goal, ids_of};
use crate::writer::Writer;
use lode_core::form::Form;
use lode_core::{Lang, catalogue};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// Indicators Lode computes from its records rather than asking for a value.
pub const COMPUTABLE: &[&str] = &[
    "registered_miners",
    "pct_miners_formalised",
    "licensed_sites",
    "licensed_cooperatives",
    "mercury_used",
    "pct_sites_annex_c_worst_practice",
    "women_pct_workforce",
    "women_pct_licence_holders",
];

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdoptedIndicator {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub indicator: String,
    pub goal_ids: Json<Vec<String>>,
    pub techniques: Json<Vec<String>>,
    pub action_ids: Json<Vec<String>>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub baseline_on: Option<String>,
    pub target_on: Option<String>,
    pub owner: String,
    pub notes: String,
}

record_type!(AdoptedIndicator, "adopted_indicator", {
    workspace_id, indicator, goal_ids, techniques, action_ids, baseline, target, baseline_on,
    target_on, owner, notes,
});

impl Kind for AdoptedIndicator {
    const KIND: &'static str = "adopted_indicator";

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, conn: &Connection) -> Result<Self> {
        Ok(AdoptedIndicator {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            indicator: form.code("indicator", |c| catalogue::has("indicators", c), true),
            goal_ids: Json(ids_of::<Goal>(form, "goalIds", conn, workspace_id)?),
            techniques: Json(form.codes("techniques", |c| catalogue::has("techniques", c))),
            action_ids: Json(ids_of::<PlanAction>(form, "actionIds", conn, workspace_id)?),
            baseline: form.number("baseline", -1e15, 1e15),
            target: form.number("target", -1e15, 1e15),
            baseline_on: form.date("baselineOn", false),
            target_on: form.date("targetOn", false),
            owner: form.text("owner"),
            notes: form.text("notes"),
        })
    }

    /// One adoption per indicator: a second is refused, so the officer edits the first.
    fn check_against_others(
        &self,
        form: &mut Form,
        conn: &Connection,
        id: Option<&str>,
    ) -> Result<()> {
        let taken: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM adopted_indicator WHERE workspace_id = ?1 AND deleted = 0
                 AND indicator = ?2 AND id IS NOT ?3)",
            rusqlite::params![self.workspace_id, self.indicator, id],
            |row| row.get(0),
        )?;
        if taken {
            form.fail("indicator", "already_adopted");
        }
        Ok(())
    }

    fn delete_dependents(w: &Writer, record: &Self) -> Result<()> {
        for measurement in measurements(w.tx(), &record.meta.id)? {
            record::tombstone::<Measurement>(w, &measurement.meta.id)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Measurement {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub indicator_id: String,
    #[serde(rename = "on")]
    pub measured_on: String,
    pub value: f64,
    pub female: Option<f64>,
    pub male: Option<f64>,
    pub source: String,
    pub notes: String,
}

record_type!(Measurement, "measurement", {
    workspace_id, indicator_id, measured_on, value, female, male, source, notes,
});

impl Kind for Measurement {
    const KIND: &'static str = "measurement";

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, conn: &Connection) -> Result<Self> {
        let indicator_id = form.text("indicatorId");
        let adopted = owned::<AdoptedIndicator>(conn, workspace_id, &indicator_id).ok();
        match &adopted {
            None if indicator_id.is_empty() => form.fail("indicatorId", "required"),
            None => form.fail("indicatorId", "invalid_choice"),
            Some(a) if COMPUTABLE.contains(&a.indicator.as_str()) => form.fail("value", "computed"),
            Some(_) => {}
        }
        let value = form.number("value", -1e15, 1e15);
        if value.is_none() {
            form.fail("value", "required");
        }
        Ok(Measurement {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            indicator_id,
            measured_on: form.date("on", true).unwrap_or_default(),
            value: value.unwrap_or(0.0),
            female: form.number("female", 0.0, 1e15),
            male: form.number("male", 0.0, 1e15),
            source: form.text("source"),
            notes: form.text("notes"),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Adjustment {
    pub description: String,
    pub strategy_version: Option<i64>,
    pub action_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub held_on: String,
    pub period: String,
    pub findings: String,
    pub adjustments: Json<Vec<Adjustment>>,
    pub next_on: Option<String>,
}

record_type!(Review, "review", { workspace_id, held_on, period, findings, adjustments, next_on });

impl Kind for Review {
    const KIND: &'static str = "review";

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, conn: &Connection) -> Result<Self> {
        let mut adjustments = Vec::new();
        for (index, row) in form.rows("adjustments").into_iter().enumerate() {
            let mut line = Form::new(row);
            let description = line.name("description");
            let strategy_version = line
                .has("strategyVersion")
                .then(|| line.integer("strategyVersion", 1, 10_000, 1));
            let action_id = line.text("actionId");
            if !action_id.is_empty() && owned::<PlanAction>(conn, workspace_id, &action_id).is_err()
            {
                line.fail("action", "invalid_choice");
            }
            match line.finish() {
                Ok(()) => adjustments.push(Adjustment {
                    description,
                    strategy_version,
                    action_id,
                }),
                Err(invalid) => {
                    for error in invalid.0 {
                        form.fail(&format!("adjustments-{}-{index}", error.field), error.code);
                    }
                }
            }
        }
        Ok(Review {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            held_on: form.date("heldOn", true).unwrap_or_default(),
            period: form.text("period"),
            findings: form.name("findings"),
            adjustments: Json(adjustments),
            next_on: form.date("nextOn", false),
        })
    }
}

pub fn adopted(conn: &Connection, workspace_id: &str) -> Result<Vec<AdoptedIndicator>> {
    record::select(
        conn,
        "workspace_id = ?1",
        &[&workspace_id],
        "created_at, id",
    )
}

pub fn measurements(conn: &Connection, indicator_id: &str) -> Result<Vec<Measurement>> {
    record::select(
        conn,
        "indicator_id = ?1",
        &[&indicator_id],
        "measured_on, created_at, id",
    )
}

fn scalar(conn: &Connection, sql: &str, workspace_id: &str) -> Result<f64> {
    let value: Option<f64> = conn.query_row(sql, [workspace_id], |row| row.get(0))?;
    Ok(value.unwrap_or(0.0))
}

fn percent(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| 100.0 * part / whole)
}

/// The holders with a granted licence, by kind and by sex; 0 until the registry exists.
fn granted(conn: &Connection, workspace_id: &str, condition: &str) -> Result<f64> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'licence_holder')",
        [],
        |row| row.get(0),
    )?;
    if !exists {
        return Ok(0.0);
    }
    scalar(
        conn,
        &format!(
            "SELECT count(*) FROM licence_holder WHERE workspace_id = ?1 AND deleted = 0
               AND status = 'granted' AND {condition}"
        ),
        workspace_id,
    )
}

/// Lode's value of a computable indicator now, from its own records; None for one it cannot
/// compute (or a share of nothing).
pub fn compute(conn: &Connection, workspace_id: &str, indicator: &str) -> Result<Option<f64>> {
    let sites = |sql: &str| {
        scalar(
            conn,
            &format!("SELECT {sql} FROM site WHERE workspace_id = ?1 AND deleted = 0"),
            workspace_id,
        )
    };
    Ok(match indicator {
        "registered_miners" => Some(granted(conn, workspace_id, "holder_kind = 'individual'")?),
        "pct_miners_formalised" => percent(
            granted(conn, workspace_id, "holder_kind = 'individual'")?,
            sites("sum(miners_female + miners_male)")?,
        ),
        "licensed_sites" => Some(sites("count(*) FILTER (WHERE legal_status = 'licensed')")?),
        "licensed_cooperatives" => {
            Some(granted(conn, workspace_id, "holder_kind = 'cooperative'")?)
        }
        "mercury_used" => Some(sites(
            "sum((coalesce(mercury_kg_low, mercury_kg_high) + coalesce(mercury_kg_high, mercury_kg_low)) / 2)",
        )?),
        "pct_sites_annex_c_worst_practice" => worst_practice_share(conn, workspace_id)?,
        "women_pct_workforce" => percent(
            sites("sum(miners_female)")?,
            sites("sum(miners_female + miners_male)")?,
        ),
        "women_pct_licence_holders" => percent(
            granted(
                conn,
                workspace_id,
                "holder_kind = 'individual' AND sex = 'female'",
            )?,
            granted(conn, workspace_id, "holder_kind = 'individual'")?,
        ),
        _ => None,
    })
}

/// The share of sites using a Minamata Annex C worst practice the government rates unacceptable.
fn worst_practice_share(conn: &Connection, workspace_id: &str) -> Result<Option<f64>> {
    let categories = vision::categories(conn, workspace_id)?;
    let worst: Vec<&str> = catalogue::list(Lang::En, "techniques")
        .iter()
        .filter(|t| t.text("source") == "minamata_annex_c")
        .filter(|t| categories.get(&t.code).map(String::as_str) == Some("unacceptable"))
        .map(|t| t.code.as_str())
        .collect();
    let sites = crate::sector_types::site_facts(conn, workspace_id)?;
    let with_worst = sites
        .iter()
        .filter(|s| s.techniques.iter().any(|t| worst.contains(&t.as_str())))
        .count();
    Ok(percent(with_worst as f64, sites.len() as f64))
}

/// Saves Lode's computed value of an adopted indicator as its measurement on `on`.
pub fn record_computed(
    w: &Writer,
    workspace_id: &str,
    indicator_id: &str,
    on: &str,
    lang: Lang,
) -> Result<String> {
    crate::workspace::require_active(w.tx(), workspace_id)?;
    let adopted = owned::<AdoptedIndicator>(w.tx(), workspace_id, indicator_id)?;
    let fields = serde_json::json!({ "on": on });
    let mut form = Form::new(&fields);
    let on = form.date("on", true);
    let value = compute(w.tx(), workspace_id, &adopted.indicator)?;
    if value.is_none() && COMPUTABLE.contains(&adopted.indicator.as_str()) {
        form.fail("value", "nothing_to_compute");
    } else if value.is_none() {
        form.fail("value", "not_computable");
    }
    form.finish()?;
    let measurement = Measurement {
        meta: Meta::new(w),
        workspace_id: workspace_id.to_owned(),
        indicator_id: indicator_id.to_owned(),
        measured_on: on.unwrap_or_default(),
        value: value.unwrap_or(0.0),
        female: None,
        male: None,
        source: lode_core::messages::text(lang, "monitoring.computed_source", &[]),
        notes: String::new(),
    };
    record::insert(w, &measurement)?;
    Ok(measurement.meta.id)
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LibraryEntry {
    pub code: String,
    pub label: String,
    pub theme: String,
    pub unit: String,
    pub disaggregation: Vec<String>,
    pub frequency: String,
    pub source_note: String,
    pub description: String,
    pub computable: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdoptedView {
    pub indicator: AdoptedIndicator,
    pub label: String,
    pub unit: String,
    pub computable: bool,
    pub current: Option<f64>,
    pub measurements: Vec<Measurement>,
    pub progress: Option<f64>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonitoringView {
    pub library: Vec<LibraryEntry>,
    pub adopted: Vec<AdoptedView>,
    pub reviews: Vec<Review>,
}

/// How far the latest value has gone from the baseline toward the target (0–1, may pass 1).
fn progress(indicator: &AdoptedIndicator, latest: Option<f64>) -> Option<f64> {
    let (baseline, target, latest) = (indicator.baseline?, indicator.target?, latest?);
    let span = target - baseline;
    (span != 0.0).then(|| ((latest - baseline) / span).max(0.0))
}

pub fn view(conn: &Connection, workspace_id: &str, lang: Lang) -> Result<MonitoringView> {
    let library = catalogue::list(lang, "indicators")
        .iter()
        .map(|entry| LibraryEntry {
            code: entry.code.clone(),
            label: entry.label.clone(),
            theme: entry.text("theme").to_owned(),
            unit: entry.text("unit").to_owned(),
            disaggregation: entry
                .extra
                .get("disaggregation")
                .and_then(|d| serde_json::from_value(d.clone()).ok())
                .unwrap_or_default(),
            frequency: entry.text("frequency").to_owned(),
            source_note: entry.text("source_note").to_owned(),
            description: entry.text("description").to_owned(),
            computable: COMPUTABLE.contains(&entry.code.as_str()),
        })
        .collect::<Vec<_>>();
    let adopted = adopted(conn, workspace_id)?
        .into_iter()
        .map(|indicator| {
            let entry = library.iter().find(|e| e.code == indicator.indicator);
            let measurements = measurements(conn, &indicator.meta.id)?;
            let computable = COMPUTABLE.contains(&indicator.indicator.as_str());
            Ok(AdoptedView {
                label: entry.map(|e| e.label.clone()).unwrap_or_default(),
                unit: entry.map(|e| e.unit.clone()).unwrap_or_default(),
                current: if computable {
                    compute(conn, workspace_id, &indicator.indicator)?
                } else {
                    None
                },
                progress: progress(&indicator, measurements.last().map(|m| m.value)),
                computable,
                measurements,
                indicator,
            })
        })
        .collect::<Result<_>>()?;
    Ok(MonitoringView {
        library,
        adopted,
        reviews: record::select(
            conn,
            "workspace_id = ?1",
            &[&workspace_id],
            "held_on DESC, id",
        )?,
    })
}
