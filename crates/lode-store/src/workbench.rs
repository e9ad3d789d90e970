//! The guided workflow as the shells show it: the app's state, the home screen's phases and steps
//! with their readiness, and a step's page. Requests are validated here, so the app and the CLI
//! refuse the same input in the same way.

use crate::checklist::{self, ItemState};
use crate::error::{Result, StoreError};
use crate::installation::{self, Installation};
use crate::note::{self, StepNote};
use crate::workspace::{self, Workspace};
use crate::writer::Writer;
use crate::{evidence, setting};
use lode_core::guidance::{StepGuidance, guidance};
use lode_core::readiness::{self, StepProgress, StepStatus};
use lode_core::{Lang, Phase, StepId, workspace as rules};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashSet;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppState {
    pub installation: Option<InstallationView>,
    pub language: Lang,
    pub workspaces: Vec<Workspace>,
    pub current_workspace_id: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstallationView {
    #[serde(flatten)]
    pub installation: Installation,
    pub language: Lang,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepSummary {
    pub step: StepId,
    pub title: String,
    pub status: StepStatus,
    pub readiness: f64,
    pub done: u32,
    pub total: u32,
    pub missing: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhaseSummary {
    pub phase: Phase,
    pub title: String,
    pub output: String,
    pub steps: Vec<StepSummary>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Home {
    pub workspace: Workspace,
    pub phases: Vec<PhaseSummary>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GuidanceView {
    pub purpose: String,
    pub activities: Vec<String>,
    pub outputs: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    pub key: String,
    pub label: String,
    pub hint: Option<String>,
    pub required: bool,
    pub ticked: bool,
    /// The step's records show this item done, ticked or not.
    pub shown_by_records: bool,
    pub date: Option<String>,
    pub note: String,
    pub by: Option<String>,
    pub updated_at: Option<i64>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepPage {
    pub phase: Phase,
    pub phase_title: String,
    pub summary: StepSummary,
    pub guidance: GuidanceView,
    pub checklist: Vec<ChecklistItem>,
    pub notes: Vec<StepNote>,
    pub draft: String,
}

pub fn app_state(conn: &Connection) -> Result<AppState> {
    let language = setting::language(conn)?;
    let workspaces = workspace::list(conn)?;
    let current = setting::current_workspace(conn)?
        .filter(|id| workspaces.iter().any(|w| &w.meta.id == id))
        .or_else(|| {
            workspaces
                .iter()
                .find(|w| !w.archived)
                .map(|w| w.meta.id.clone())
        });
    Ok(AppState {
        installation: installation::get(conn)?.map(|installation| InstallationView {
            installation,
            language,
        }),
        language,
        workspaces,
        current_workspace_id: current,
    })
}

pub fn parse_step(code: &str) -> Result<StepId> {
    StepId::parse(code).ok_or_else(|| StoreError::UnknownStep(code.to_owned()))
}

fn summarise(
    step: &StepGuidance,
    ticked: &HashSet<String>,
    shown_done: &HashSet<&str>,
    note_count: u32,
) -> StepSummary {
    let is_met = |key: &str| ticked.contains(key) || shown_done.contains(key);
    let assessed = readiness::assess(
        step,
        &StepProgress {
            is_met: &is_met,
            has_activity: !ticked.is_empty() || note_count > 0 || !shown_done.is_empty(),
        },
    );
    StepSummary {
        step: step.step,
        title: step.title.clone(),
        status: assessed.status,
        readiness: assessed.readiness,
        done: assessed.done,
        total: assessed.total,
        missing: assessed.missing,
    }
}

/// The home screen of a workspace; `today` (YYYY-MM-DD) dates what the records show.
pub fn home(conn: &Connection, workspace_id: &str, lang: Lang, today: &str) -> Result<Home> {
    let workspace = workspace::get(conn, workspace_id)?;
    let ticked = checklist::ticked_by_step(conn, workspace_id)?;
    let notes = note::count_by_step(conn, workspace_id)?;
    let text = guidance(lang);
    let none = HashSet::new();
    let phases = Phase::ALL
        .into_iter()
        .map(|phase| {
            let about = text.phase(phase.number());
            let steps = StepId::ALL
                .into_iter()
                .filter(|step| step.phase() == phase)
                .map(|step| {
                    let ticked = ticked.get(&step).unwrap_or(&none);
                    let notes = notes.get(&step).copied().unwrap_or(0);
                    let shown_done = evidence::items_shown_done(conn, workspace_id, step, today)?;
                    Ok(summarise(text.step(step), ticked, &shown_done, notes))
                })
                .collect::<Result<_>>()?;
            Ok(PhaseSummary {
                phase,
                title: about.title.clone(),
                output: about.output.clone(),
                steps,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Home { workspace, phases })
}

/// A step's page; `today` (YYYY-MM-DD) dates what the records show.
pub fn step_page(
    conn: &Connection,
    workspace_id: &str,
    step: StepId,
    lang: Lang,
    today: &str,
) -> Result<StepPage> {
    workspace::get(conn, workspace_id)?;
    let about = guidance(lang).step(step);
    let entries = checklist::for_step(conn, workspace_id, step)?;
    let notes = note::list(conn, workspace_id, step)?;
    let ticked: HashSet<String> = entries
        .iter()
        .filter(|e| e.ticked)
        .map(|e| e.item_key.clone())
        .collect();
    let shown_done = evidence::items_shown_done(conn, workspace_id, step, today)?;
    let summary = summarise(about, &ticked, &shown_done, notes.len() as u32);
    let checklist = about
        .checklist
        .iter()
        .map(|item| {
            let entry = entries.iter().find(|e| e.item_key == item.key);
            ChecklistItem {
                key: item.key.clone(),
                label: item.label.clone(),
                hint: item.hint.clone(),
                required: item.required,
                ticked: entry.is_some_and(|e| e.ticked),
                shown_by_records: shown_done.contains(item.key.as_str()),
                date: entry.and_then(|e| e.done_on.clone()),
                note: entry.map(|e| e.note.clone()).unwrap_or_default(),
                by: entry.map(|e| e.updated_by.clone()),
                updated_at: entry.map(|e| e.meta.updated_at),
            }
        })
        .collect();
    Ok(StepPage {
        phase: step.phase(),
        phase_title: guidance(lang).phase(step.phase().number()).title.clone(),
        summary,
        guidance: GuidanceView {
            purpose: about.purpose.clone(),
            activities: about.activities.clone(),
            outputs: about.outputs.clone(),
        },
        checklist,
        notes,
        draft: note::draft(conn, workspace_id, step)?,
    })
}

/// Ticks or unticks a checklist item, with its date (today when ticked without one) and note.
pub fn set_checklist_item(
    w: &Writer,
    workspace_id: &str,
    step: StepId,
    key: &str,
    ticked: bool,
    date: Option<&str>,
    note_text: &str,
) -> Result<()> {
    workspace::require_active(w.tx(), workspace_id)?;
    if guidance(Lang::En).step(step).item(key).is_none() {
        return Err(StoreError::UnknownChecklistItem {
            step: step.code().to_owned(),
            key: key.to_owned(),
        });
    }
    let date = date.map(str::trim).filter(|d| !d.is_empty());
    rules::validate_checklist(date, note_text)?;
    let today = lode_core::clock::iso_date(w.now());
    let done_on = match (ticked, date) {
        (true, None) => Some(today.as_str()),
        (_, date) => date,
    };
    checklist::set(
        w,
        workspace_id,
        step,
        key,
        &ItemState {
            ticked,
            done_on,
            note: note_text,
        },
    )?;
    Ok(())
}

pub fn add_note(
    w: &Writer,
    workspace_id: &str,
    step: StepId,
    text: &str,
    kind: &str,
) -> Result<()> {
    workspace::require_active(w.tx(), workspace_id)?;
    let (text, kind) = rules::validate_note(text, kind)?;
    note::add(w, workspace_id, step, kind, &text)?;
    note::save_draft(w, workspace_id, step, "")
}

pub fn save_note_draft(w: &Writer, workspace_id: &str, step: StepId, text: &str) -> Result<()> {
    workspace::require_active(w.tx(), workspace_id)?;
    let mut check = lode_core::validation::Checker::default();
    check.max_len("text", text, lode_core::validation::MAX_TEXT);
    check.finish()?;
    note::save_draft(w, workspace_id, step, text)
}
