//! How ready a step is: computed from its checklist and, as later steps gain records, from data
//! criteria (for example "mining, land and finance sit on the task force"). Never typed by hand.

use crate::guidance::StepGuidance;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    NotStarted,
    InProgress,
    Complete,
}

/// A readiness condition computed from a step's records, shown beside the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub label: String,
    pub met: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Readiness {
    pub status: StepStatus,
    /// Share of required conditions met, 0 to 1.
    pub readiness: f64,
    pub done: u32,
    pub total: u32,
    /// Labels of required conditions not yet met, in checklist order.
    pub missing: Vec<String>,
}

/// What is known of a step in a workspace.
pub struct StepProgress<'a> {
    /// Whether the checklist item with this key is ticked.
    pub is_ticked: &'a dyn Fn(&str) -> bool,
    /// Anything at all recorded for the step (a tick, a note, a record).
    pub has_activity: bool,
    pub criteria: &'a [Criterion],
}

pub fn assess(step: &StepGuidance, progress: &StepProgress) -> Readiness {
    let required_items = step.checklist.iter().filter(|item| item.required);
    let conditions = required_items
        .map(|item| (item.label.as_str(), (progress.is_ticked)(&item.key)))
        .chain(progress.criteria.iter().map(|c| (c.label.as_str(), c.met)));
    let mut done = 0u32;
    let mut total = 0u32;
    let mut missing = Vec::new();
    for (label, met) in conditions {
        total += 1;
        if met {
            done += 1;
        } else {
            missing.push(label.to_owned());
        }
    }
    let status = if total > 0 && done == total {
        StepStatus::Complete
    } else if done > 0 || progress.has_activity {
        StepStatus::InProgress
    } else {
        StepStatus::NotStarted
    };
    let readiness = if total == 0 {
        0.0
    } else {
        f64::from(done) / f64::from(total)
    };
    Readiness {
        status,
        readiness,
        done,
        total,
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guidance::ChecklistItemDef;
    use crate::step::StepId;

    fn step() -> StepGuidance {
        let item = |key: &str, required| ChecklistItemDef {
            key: key.into(),
            label: format!("label {key}"),
            hint: None,
            required,
        };
        StepGuidance {
            step: StepId::TaskForce,
            phase: 1,
            title: "Task force".into(),
            purpose: String::new(),
            activities: vec![],
            outputs: vec![],
            checklist: vec![item("a", true), item("b", true), item("c", false)],
        }
    }

    fn assess_with(ticked: &[&str], has_activity: bool, criteria: &[Criterion]) -> Readiness {
        let is_ticked = |key: &str| ticked.contains(&key);
        assess(
            &step(),
            &StepProgress {
                is_ticked: &is_ticked,
                has_activity,
                criteria,
            },
        )
    }

    #[test]
    fn an_untouched_step_is_not_started_and_lists_every_required_item() {
        let r = assess_with(&[], false, &[]);
        assert_eq!(r.status, StepStatus::NotStarted);
        assert_eq!((r.done, r.total), (0, 2));
        assert_eq!(r.missing, ["label a", "label b"]);
    }

    #[test]
    fn optional_items_do_not_count_towards_readiness() {
        let r = assess_with(&["c"], true, &[]);
        assert_eq!(r.status, StepStatus::InProgress);
        assert_eq!(r.done, 0);
    }

    #[test]
    fn a_note_alone_puts_a_step_in_progress() {
        assert_eq!(assess_with(&[], true, &[]).status, StepStatus::InProgress);
    }

    #[test]
    fn all_required_items_and_criteria_make_a_step_complete() {
        let unmet = [Criterion {
            label: "water represented".into(),
            met: false,
        }];
        let r = assess_with(&["a", "b"], true, &unmet);
        assert_eq!(r.status, StepStatus::InProgress);
        assert_eq!(r.missing, ["water represented"]);
        let met = [Criterion {
            label: "water represented".into(),
            met: true,
        }];
        let r = assess_with(&["a", "b"], true, &met);
        assert_eq!(r.status, StepStatus::Complete);
        assert!((r.readiness - 1.0).abs() < f64::EPSILON);
    }
}
