//! Step 1.2 records: the forum's terms, the stakeholder register and consultation events, and
//! what Lode measures from them (gender balance, groups never consulted, regularity).

use crate::error::Result;
use crate::kinds::{Kind, singleton};
use crate::record::{self, Json, Meta, record_type};
use lode_core::form::Form;
use lode_core::{StepId, catalogue};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

const LEVELS: &[&str] = &["national", "province", "district"];
const SEXES: &[&str] = &["female", "male", "other", "unknown"];
const VULNERABILITY: &[&str] = &["low", "medium", "high"];

fn is_group(code: &str) -> bool {
    catalogue::has("stakeholder_groups", code)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ForumCharter {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub terms_of_reference: String,
    pub meetings_per_year: Option<i64>,
    pub levels: Json<Vec<String>>,
}

record_type!(ForumCharter, "forum_charter", {
    workspace_id, terms_of_reference, meetings_per_year, levels,
});

impl Kind for ForumCharter {
    const KIND: &'static str = "forum_charter";
    const SINGLETON: bool = true;

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, _: &Connection) -> Result<Self> {
        let per_year = form.number("meetingsPerYear", 1.0, 52.0);
        if per_year.is_some_and(|n| n.fract() != 0.0) {
            form.fail("meetingsPerYear", "not_whole");
        }
        Ok(ForumCharter {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            terms_of_reference: form.text("termsOfReference"),
            meetings_per_year: per_year.map(|n| n as i64),
            levels: Json(form.codes("levels", |c| LEVELS.contains(&c))),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stakeholder {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub organisation: String,
    #[serde(rename = "group")]
    pub stakeholder_group: String,
    pub region: String,
    pub representative_sex: String,
    pub influence: i64,
    pub interest: i64,
    pub vulnerability: String,
    pub vested_interests: String,
    pub armed_group_links: String,
    pub insider: bool,
    pub notes: String,
}

record_type!(Stakeholder, "stakeholder", {
    workspace_id, organisation, stakeholder_group, region, representative_sex, influence,
    interest, vulnerability, vested_interests, armed_group_links, insider, notes,
});

impl Kind for Stakeholder {
    const KIND: &'static str = "stakeholder";

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, _: &Connection) -> Result<Self> {
        let sex = form.choice("representativeSex", SEXES, false);
        Ok(Stakeholder {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            organisation: form.name("organisation"),
            stakeholder_group: form.code("group", is_group, true),
            region: form.text("region"),
            representative_sex: if sex.is_empty() {
                "unknown".into()
            } else {
                sex
            },
            influence: form.integer("influence", 1, 5, 3),
            interest: form.integer("interest", 1, 5, 3),
            vulnerability: form.choice("vulnerability", VULNERABILITY, false),
            vested_interests: form.text("vestedInterests"),
            armed_group_links: form.text("armedGroupLinks"),
            insider: form.flag("insider"),
            notes: form.text("notes"),
        })
    }
}

/// People of one stakeholder group at one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub group: String,
    pub female: i64,
    pub male: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsultationEvent {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub held_on: String,
    pub place: String,
    pub steps: Json<Vec<String>>,
    pub attendance: Json<Vec<Attendance>>,
    pub issues_raised: String,
    pub government_response: String,
}

record_type!(ConsultationEvent, "consultation_event", {
    workspace_id, held_on, place, steps, attendance, issues_raised, government_response,
});

impl Kind for ConsultationEvent {
    const KIND: &'static str = "consultation_event";

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, _: &Connection) -> Result<Self> {
        let rows = form.rows("attendance");
        let mut attendance = Vec::new();
        for (index, row) in rows.into_iter().enumerate() {
            let mut line = Form::new(row);
            let group = line.code("group", is_group, true);
            let female = line.count("female");
            let male = line.count("male");
            if let Err(invalid) = line.finish() {
                // Named per row and column, as the form's inputs are (`attendance-male-2`).
                for error in invalid.0 {
                    form.fail(&format!("attendance-{}-{index}", error.field), error.code);
                }
            } else {
                attendance.push(Attendance {
                    group,
                    female,
                    male,
                });
            }
        }
        Ok(ConsultationEvent {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            held_on: form.date("heldOn", true).unwrap_or_default(),
            place: form.text("place"),
            steps: Json(form.codes("steps", |c| StepId::parse(c).is_some())),
            attendance: Json(attendance),
            issues_raised: form.text("issuesRaised"),
            government_response: form.text("governmentResponse"),
        })
    }
}

#[derive(Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct GenderBalance {
    pub female: i64,
    pub male: i64,
    /// Women's share of all attendance, when anyone attended.
    pub female_share: Option<f64>,
}

#[derive(Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Regularity {
    pub expected_per_year: Option<i64>,
    pub held_last12_months: i64,
    /// Whether the forum met as often as its terms say (unknown without terms).
    pub meets_terms: Option<bool>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ForumView {
    pub charter: Option<ForumCharter>,
    pub stakeholders: Vec<Stakeholder>,
    pub events: Vec<ConsultationEvent>,
    pub gender_balance: GenderBalance,
    pub groups_never_consulted: Vec<String>,
    pub regularity: Regularity,
}

pub fn stakeholders(conn: &Connection, workspace_id: &str) -> Result<Vec<Stakeholder>> {
    record::select(
        conn,
        "workspace_id = ?1",
        &[&workspace_id],
        "organisation, id",
    )
}

pub fn events(conn: &Connection, workspace_id: &str) -> Result<Vec<ConsultationEvent>> {
    record::select(
        conn,
        "workspace_id = ?1",
        &[&workspace_id],
        "held_on DESC, id DESC",
    )
}

pub fn gender_balance(events: &[ConsultationEvent]) -> GenderBalance {
    let rows = events.iter().flat_map(|e| e.attendance.0.iter());
    let (female, male) = rows.fold((0, 0), |(f, m), row| (f + row.female, m + row.male));
    let total = female + male;
    GenderBalance {
        female,
        male,
        female_share: (total > 0).then(|| female as f64 / total as f64),
    }
}

/// Groups present in the register that no event has heard from, in register order.
pub fn groups_never_consulted(
    stakeholders: &[Stakeholder],
    events: &[ConsultationEvent],
) -> Vec<String> {
    let heard = |group: &str| {
        events
            .iter()
            .flat_map(|e| e.attendance.0.iter())
            .any(|row| row.group == group && row.female + row.male > 0)
    };
    let mut missing: Vec<String> = Vec::new();
    for stakeholder in stakeholders {
        let group = &stakeholder.stakeholder_group;
        if !heard(group) && !missing.contains(group) {
            missing.push(group.clone());
        }
    }
    missing
}

/// Events in the twelve months up to `today` (YYYY-MM-DD) against the terms' frequency.
pub fn regularity(
    charter: Option<&ForumCharter>,
    events: &[ConsultationEvent],
    today: &str,
) -> Regularity {
    let year_ago = format!(
        "{:04}{}",
        today
            .get(..4)
            .and_then(|y| y.parse::<i32>().ok())
            .unwrap_or(0)
            - 1,
        today.get(4..).unwrap_or("")
    );
    let held = events
        .iter()
        .filter(|e| e.held_on.as_str() > year_ago.as_str() && e.held_on.as_str() <= today)
        .count() as i64;
    let expected = charter.and_then(|c| c.meetings_per_year);
    Regularity {
        expected_per_year: expected,
        held_last12_months: held,
        meets_terms: expected.map(|expected| held >= expected),
    }
}

pub fn view(conn: &Connection, workspace_id: &str, today: &str) -> Result<ForumView> {
    let charter: Option<ForumCharter> = singleton(conn, workspace_id)?;
    let stakeholders = stakeholders(conn, workspace_id)?;
    let events = events(conn, workspace_id)?;
    Ok(ForumView {
        gender_balance: gender_balance(&events),
        groups_never_consulted: groups_never_consulted(&stakeholders, &events),
        regularity: regularity(charter.as_ref(), &events, today),
        charter,
        stakeholders,
        events,
    })
}
