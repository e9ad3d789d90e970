//! The guidance for each phase and step, with its checklist, in each language. The text is data in
//! `assets/guidance/<lang>.json`, written in our own words; this module only reads it.

use crate::language::Lang;
use crate::step::StepId;
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
pub struct Guidance {
    pub phases: Vec<PhaseGuidance>,
    pub steps: Vec<StepGuidance>,
}

#[derive(Debug, Deserialize)]
pub struct PhaseGuidance {
    pub phase: u8,
    pub title: String,
    pub output: String,
}

#[derive(Debug, Deserialize)]
pub struct StepGuidance {
    pub step: StepId,
    pub phase: u8,
    pub title: String,
    pub purpose: String,
    pub activities: Vec<String>,
    pub outputs: Vec<String>,
    pub checklist: Vec<ChecklistItemDef>,
}

#[derive(Debug, Deserialize)]
pub struct ChecklistItemDef {
    pub key: String,
    pub label: String,
    pub hint: Option<String>,
    pub required: bool,
}

const EN: &str = include_str!("../../../assets/guidance/en.json");
const FR: &str = include_str!("../../../assets/guidance/fr.json");

/// The guidance in `lang`. The files are checked by tests, so a parse failure is a build defect.
pub fn guidance(lang: Lang) -> &'static Guidance {
    static EN_PARSED: OnceLock<Guidance> = OnceLock::new();
    static FR_PARSED: OnceLock<Guidance> = OnceLock::new();
    let (cell, text) = match lang {
        Lang::En => (&EN_PARSED, EN),
        Lang::Fr => (&FR_PARSED, FR),
    };
    cell.get_or_init(|| {
        serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("assets/guidance/{}.json is invalid: {e}", lang.code()))
    })
}

impl Guidance {
    pub fn step(&self, step: StepId) -> &StepGuidance {
        self.steps
            .iter()
            .find(|s| s.step == step)
            .unwrap_or_else(|| panic!("the guidance has no step {}", step.code()))
    }

    pub fn phase(&self, number: u8) -> &PhaseGuidance {
        self.phases
            .iter()
            .find(|p| p.phase == number)
            .unwrap_or_else(|| panic!("the guidance has no phase {number}"))
    }
}

impl StepGuidance {
    pub fn item(&self, key: &str) -> Option<&ChecklistItemDef> {
        self.checklist.iter().find(|item| item.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::step::Phase;

    #[test]
    fn every_language_has_every_step_in_order_with_the_same_checklist_keys() {
        let english = guidance(Lang::En);
        for lang in Lang::ALL {
            let g = guidance(lang);
            let steps: Vec<StepId> = g.steps.iter().map(|s| s.step).collect();
            assert_eq!(steps, StepId::ALL, "{} steps out of order", lang.code());
            for phase in Phase::ALL {
                assert!(!g.phase(phase.number()).title.is_empty());
            }
            for (s, en) in g.steps.iter().zip(&english.steps) {
                assert_eq!(
                    s.phase,
                    s.step.phase().number(),
                    "step {} phase",
                    s.step.code()
                );
                let keys: Vec<&str> = s.checklist.iter().map(|i| i.key.as_str()).collect();
                let en_keys: Vec<&str> = en.checklist.iter().map(|i| i.key.as_str()).collect();
                assert_eq!(keys, en_keys, "{} checklist keys differ", lang.code());
                assert!(!s.purpose.trim().is_empty() && !s.activities.is_empty());
                assert!(
                    s.checklist.iter().any(|i| i.required),
                    "step needs a required item"
                );
            }
        }
    }

    #[test]
    fn checklist_keys_are_unique_within_a_step() {
        for step in &guidance(Lang::En).steps {
            let mut keys: Vec<&str> = step.checklist.iter().map(|i| i.key.as_str()).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(
                keys.len(),
                step.checklist.len(),
                "step {}",
                step.step.code()
            );
        }
    }
}
