//! The traceability chain on one screen: from a goal, the issues and evidence behind it, the
//! measures that serve it, the plan actions that carry those measures and the indicators that
//! watch it; from an action, the same chain walked back to its goals and the forum's input.

use crate::error::{Result, StoreError};
use crate::kinds::owned;
use crate::monitoring;
use crate::plan::{self, PlanAction};
use crate::strategy::{self, Measure};
use crate::vision::{self, Goal};
use lode_core::{Lang, catalogue};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Debug, Serialize)]
pub struct EvidenceItem {
    pub kind: String,
    pub id: String,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct IssueItem {
    pub id: String,
    pub description: String,
    pub evidence: Vec<EvidenceItem>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeasureItem {
    pub id: String,
    pub instrument: String,
    pub type_id: String,
    pub type_name: String,
    pub action: String,
}

#[derive(Debug, Serialize)]
pub struct ActionItem {
    pub id: String,
    pub title: String,
    pub status: String,
}

#[derive(Debug, Serialize)]
pub struct IndicatorItem {
    pub id: String,
    pub indicator: String,
    pub label: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ForumItem {
    pub id: String,
    pub held_on: String,
    pub place: String,
    pub issues_raised: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Trace {
    /// The goal traced from, or the goals an action's measures serve.
    pub goals: Vec<Goal>,
    pub issues: Vec<IssueItem>,
    pub measures: Vec<MeasureItem>,
    pub actions: Vec<ActionItem>,
    pub indicators: Vec<IndicatorItem>,
    pub forum_input: Vec<ForumItem>,
}

/// Whether `action` carries `measure`: the same instrument, for one of the measure's type (or
/// for no type in particular).
fn carries(action: &PlanAction, measure: &Measure) -> bool {
    action.instrument == measure.instrument
        && (action.type_ids.0.is_empty() || action.type_ids.0.contains(&measure.type_id))
}

/// The chain through a goal, or through an action (exactly one of them).
pub fn trace(
    conn: &Connection,
    workspace_id: &str,
    goal_id: Option<&str>,
    action_id: Option<&str>,
    lang: Lang,
) -> Result<Trace> {
    let all_measures = strategy::measures(conn, workspace_id)?;
    let all_actions = plan::actions(conn, workspace_id)?;
    let (goal_ids, measures, actions): (BTreeSet<String>, Vec<&Measure>, Vec<&PlanAction>) =
        match (goal_id, action_id) {
            (Some(goal_id), None) => {
                let goal: Goal = owned(conn, workspace_id, goal_id)?;
                let measures: Vec<&Measure> = all_measures
                    .iter()
                    .filter(|m| m.goals.0.contains(&goal.meta.id))
                    .collect();
                let actions = all_actions
                    .iter()
                    .filter(|a| measures.iter().any(|m| carries(a, m)))
                    .collect();
                (BTreeSet::from([goal.meta.id]), measures, actions)
            }
            (None, Some(action_id)) => {
                let action = all_actions
                    .iter()
                    .find(|a| a.meta.id == action_id)
                    .ok_or_else(|| StoreError::NotFound {
                        what: "plan_action",
                        id: action_id.to_owned(),
                    })?;
                let measures: Vec<&Measure> =
                    all_measures.iter().filter(|m| carries(action, m)).collect();
                let ids = measures
                    .iter()
                    .flat_map(|m| m.goals.0.iter().cloned())
                    .collect();
                (ids, measures, vec![action])
            }
            _ => return Err(StoreError::TraceNeedsOneStart),
        };
    let goals: Vec<Goal> = vision::goals(conn, workspace_id)?
        .into_iter()
        .filter(|g| goal_ids.contains(&g.meta.id))
        .collect();
    let issue_ids: BTreeSet<&String> = goals.iter().flat_map(|g| g.issues.0.iter()).collect();
    let issues: Vec<vision::IssueView> = vision::view(conn, workspace_id, lang)?
        .issues
        .into_iter()
        .filter(|i| issue_ids.contains(&i.issue.meta.id))
        .collect();
    let forum_ids: BTreeSet<&str> = issues
        .iter()
        .flat_map(|i| i.issue.evidence.0.iter())
        .filter(|e| e.kind == "consultation_event")
        .map(|e| e.id.as_str())
        .collect();
    let types = crate::sector_types::types(conn, workspace_id)?;
    let type_name = |id: &str| {
        types
            .iter()
            .find(|t| t.meta.id == id)
            .map(|t| t.name.clone())
            .unwrap_or_default()
    };
    let action_ids: BTreeSet<&String> = actions.iter().map(|a| &a.meta.id).collect();
    let indicators = monitoring::adopted(conn, workspace_id)?
        .into_iter()
        .filter(|i| {
            i.goal_ids.0.iter().any(|g| goal_ids.contains(g))
                || i.action_ids.0.iter().any(|a| action_ids.contains(a))
        })
        .map(|i| IndicatorItem {
            label: catalogue::label(lang, "indicators", &i.indicator),
            id: i.meta.id,
            indicator: i.indicator,
        })
        .collect();
    Ok(Trace {
        forum_input: crate::forum::events(conn, workspace_id)?
            .into_iter()
            .filter(|e| forum_ids.contains(e.meta.id.as_str()))
            .map(|e| ForumItem {
                id: e.meta.id,
                held_on: e.held_on,
                place: e.place,
                issues_raised: e.issues_raised,
            })
            .collect(),
        issues: issues
            .into_iter()
            .map(|i| IssueItem {
                id: i.issue.meta.id,
                description: i.issue.description,
                evidence: i
                    .evidence_labels
                    .into_iter()
                    .map(|e| EvidenceItem {
                        kind: e.kind,
                        id: e.id,
                        label: e.label,
                    })
                    .collect(),
            })
            .collect(),
        measures: measures
            .iter()
            .map(|m| MeasureItem {
                id: m.meta.id.clone(),
                instrument: m.instrument.clone(),
                type_name: type_name(&m.type_id),
                type_id: m.type_id.clone(),
                action: m.action.clone(),
            })
            .collect(),
        actions: actions
            .iter()
            .map(|a| ActionItem {
                id: a.meta.id.clone(),
                title: a.title.clone(),
                status: a.status.clone(),
            })
            .collect(),
        indicators,
        goals,
    })
}
