//! Reference lists (agencies, commodities, techniques, instruments…) as shipped data in
//! `assets/catalogues/<lang>/<list>.json`. Codes are the same in every language; labels are not.
//! Records store codes only, so a change of language never changes data.

use crate::language::Lang;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub code: String,
    pub label: String,
    /// List-specific fields (a technique's stage and default category, an agency's place in the
    /// guidance…), passed through to the UI as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Entry {
    pub fn flag(&self, name: &str) -> bool {
        self.extra
            .get(name)
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    pub fn text(&self, name: &str) -> &str {
        self.extra.get(name).and_then(Value::as_str).unwrap_or("")
    }
}

macro_rules! catalogues {
    ($($name:literal),* $(,)?) => {
        /// Every list Lode ships, by name.
        pub const LISTS: &[&str] = &[$($name),*];

        fn source(lang: Lang, name: &str) -> Option<&'static str> {
            match (lang, name) {
                $(
                    (Lang::En, $name) => Some(include_str!(concat!("../../../assets/catalogues/en/", $name, ".json"))),
                    (Lang::Fr, $name) => Some(include_str!(concat!("../../../assets/catalogues/fr/", $name, ".json"))),
                )*
                _ => None,
            }
        }
    };
}

catalogues![
    "agencies",
    "stakeholder_groups",
    "commodities",
    "deposit_types",
    "mechanisation_levels",
    "organisation_forms",
    "seasonality",
    "legal_status",
    "impact_categories",
    "annex_ii_risks",
    "capacity_functions",
    "supply_chain_node_types",
    "partner_types",
    "partner_roles",
    "political_actor_types",
    "formalisation_stances",
    "techniques",
    "instruments",
    "licence_types",
    "indicators",
    "annex_c_elements",
    "deposit_groups",
    "scales",
];

type Parsed = BTreeMap<&'static str, Vec<Entry>>;

fn parsed(lang: Lang) -> &'static Parsed {
    static EN: OnceLock<Parsed> = OnceLock::new();
    static FR: OnceLock<Parsed> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    };
    cell.get_or_init(|| {
        LISTS
            .iter()
            .map(|&name| {
                let text = source(lang, name).unwrap_or("[]");
                let entries = serde_json::from_str(text).unwrap_or_else(|e| {
                    panic!(
                        "assets/catalogues/{}/{name}.json is invalid: {e}",
                        lang.code()
                    )
                });
                (name, entries)
            })
            .collect()
    })
}

/// The entries of list `name` in `lang` (empty for an unknown list).
pub fn list(lang: Lang, name: &str) -> &'static [Entry] {
    parsed(lang).get(name).map_or(&[], Vec::as_slice)
}

/// Every list in `lang`, for the UI.
pub fn all(lang: Lang) -> &'static Parsed {
    parsed(lang)
}

/// Whether `code` is in list `name`.
pub fn has(name: &str, code: &str) -> bool {
    list(Lang::En, name).iter().any(|entry| entry.code == code)
}

/// The label of `code` in list `name`, or the code itself when it is not (or no longer) listed.
pub fn label(lang: Lang, name: &str, code: &str) -> String {
    list(lang, name)
        .iter()
        .find(|entry| entry.code == code)
        .map_or_else(|| code.to_owned(), |entry| entry.label.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_exists_in_every_language_with_the_same_codes() {
        for name in LISTS {
            let english: Vec<&str> = list(Lang::En, name)
                .iter()
                .map(|e| e.code.as_str())
                .collect();
            assert!(!english.is_empty(), "{name} is empty");
            for lang in Lang::ALL {
                let codes: Vec<&str> = list(lang, name).iter().map(|e| e.code.as_str()).collect();
                assert_eq!(codes, english, "{name} codes differ in {}", lang.code());
                assert!(list(lang, name).iter().all(|e| !e.label.trim().is_empty()));
            }
            let mut unique = english.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), english.len(), "{name} repeats a code");
        }
    }

    #[test]
    fn the_guidance_names_seven_agencies_for_the_task_force() {
        let named: Vec<&str> = list(Lang::En, "agencies")
            .iter()
            .filter(|e| e.flag("guidance_names"))
            .map(|e| e.code.as_str())
            .collect();
        assert_eq!(named.len(), 7, "{named:?}");
    }

    #[test]
    fn the_four_annex_c_worst_practices_are_unacceptable_by_default() {
        for code in [
            "whole_ore_amalgamation",
            "open_burning_amalgam",
            "burning_amalgam_residential",
            "cyanide_leaching_mercury_contaminated",
        ] {
            let technique = list(Lang::En, "techniques").iter().find(|e| e.code == code);
            let technique = technique.unwrap_or_else(|| panic!("{code} missing"));
            assert_eq!(technique.text("default_category"), "unacceptable", "{code}");
        }
        assert!(list(Lang::En, "techniques").len() >= 30);
    }
}
