//! How ready a step is: computed from its checklist, whose items are met when ticked or when the
//! step's records show them done (the store decides which). Never typed by hand.

use crate::guidance::StepGuidance;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    NotStarted,
    InProgress,
    Complete,
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
    /// Whether the checklist item with this key is met (ticked, or shown by the records).
    pub is_met: &'a dyn Fn(&str) -> bool,
    /// Anything at all recorded for the step (a tick, a note, a record).
    pub has_activity: bool,
}

pub fn assess(step: &StepGuidance, progress: &StepProgress) -> Readiness {
    let required_items = step.checklist.iter().filter(|item| item.required);
    let conditions = required_items.map(|item| (item.label.as_str(), (progress.is_met)(&item.key)));
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

    fn assess_with(met: &[&str], has_activity: bool) -> Readiness {
        let is_met = |key: &str| met.contains(&key);
        assess(
            &step(),
            &StepProgress {
                is_met: &is_met,
                has_activity,
            },
        )
    }

    #[test]
    fn an_untouched_step_is_not_started_and_lists_every_required_item() {
        let r = assess_with(&[], false);
        assert_eq!(r.status, StepStatus::NotStarted);
        assert_eq!((r.done, r.total), (0, 2));
        assert_eq!(r.missing, ["label a", "label b"]);
    }

    #[test]
    fn optional_items_do_not_count_towards_readiness() {
        let r = assess_with(&["c"], true);
        assert_eq!(r.status, StepStatus::InProgress);
        assert_eq!(r.done, 0);
    }

    #[test]
    fn a_note_alone_puts_a_step_in_progress() {
        assert_eq!(assess_with(&[], true).status, StepStatus::InProgress);
    }

    #[test]
    fn all_required_items_met_make_a_step_complete() {
        let r = assess_with(&["a"], true);
        assert_eq!(r.status, StepStatus::InProgress);
        assert_eq!(r.missing, ["label b"]);
        let r = assess_with(&["a", "b"], true);
        assert_eq!(r.status, StepStatus::Complete);
        assert!((r.readiness - 1.0).abs() < f64::EPSILON);
    }
}
