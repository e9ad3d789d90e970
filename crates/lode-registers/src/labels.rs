//! The words of an export: column headers, sheet names and the labels of values that are not
//! in a reference list (statuses, sexes, yes and no), from `assets/i18n/<lang>/registers.json`
//! (flat keys, `{name}` placeholders), compiled in. Reference-list codes (commodities, deposit
//! types…) are labelled by `lode_core::catalogue`, as the UI labels them.

use lode_core::{Lang, catalogue};
use std::collections::BTreeMap;
use std::sync::OnceLock;

type Catalogue = BTreeMap<String, String>;

const EN: &str = include_str!("../../../assets/i18n/en/registers.json");
const FR: &str = include_str!("../../../assets/i18n/fr/registers.json");

fn catalogue(lang: Lang) -> &'static Catalogue {
    static EN_PARSED: OnceLock<Catalogue> = OnceLock::new();
    static FR_PARSED: OnceLock<Catalogue> = OnceLock::new();
    let (cell, text) = match lang {
        Lang::En => (&EN_PARSED, EN),
        Lang::Fr => (&FR_PARSED, FR),
    };
    // A broken file is a build defect that the tests below catch, not a user's error.
    cell.get_or_init(|| {
        serde_json::from_str(text).unwrap_or_else(|e| {
            panic!("assets/i18n/{}/registers.json is invalid: {e}", lang.code())
        })
    })
}

/// The text `key` in `lang` with its placeholders filled; English when a translation is
/// missing, the key itself when even English lacks it (a test keeps that from shipping).
pub(crate) fn text(lang: Lang, key: &str, params: &[(&str, &str)]) -> String {
    let template = catalogue(lang)
        .get(key)
        .or_else(|| catalogue(Lang::En).get(key))
        .map_or(key, String::as_str);
    params
        .iter()
        .fold(template.to_owned(), |out, (name, value)| {
            out.replace(&format!("{{{name}}}"), value)
        })
}

/// The label of a value of one of this crate's lists (`value.<list>.<code>`); "" for an empty
/// code, the code itself for one the list does not know (kept rather than lost).
pub(crate) fn value(lang: Lang, list: &str, code: &str) -> String {
    if code.is_empty() {
        return String::new();
    }
    let key = format!("value.{list}.{code}");
    if catalogue(Lang::En).contains_key(&key) {
        text(lang, &key, &[])
    } else {
        code.to_owned()
    }
}

/// The label of a reference-list code; "" for an empty code.
pub(crate) fn coded(lang: Lang, list: &str, code: &str) -> String {
    if code.is_empty() {
        String::new()
    } else {
        catalogue::label(lang, list, code)
    }
}

/// The labels of several reference-list codes, as one cell: "Panning; Sluicing".
pub(crate) fn coded_list(lang: Lang, list: &str, codes: &[String]) -> String {
    joined(codes.iter().map(|code| coded(lang, list, code)))
}

/// Several values in one cell, separated by "; " (a comma is common inside labels).
pub(crate) fn joined(values: impl IntoIterator<Item = String>) -> String {
    values
        .into_iter()
        .filter(|v| !v.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_french_have_the_same_keys() {
        let en: Vec<&String> = catalogue(Lang::En).keys().collect();
        let fr: Vec<&String> = catalogue(Lang::Fr).keys().collect();
        assert_eq!(
            en, fr,
            "registers.json must have the same keys in en and fr"
        );
    }

    #[test]
    fn every_text_is_written_and_keeps_its_placeholders() {
        let placeholders = |text: &str| -> Vec<String> {
            text.split('{')
                .skip(1)
                .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
                .collect()
        };
        for (key, english) in catalogue(Lang::En) {
            let french = &catalogue(Lang::Fr)[key];
            assert!(!english.trim().is_empty(), "en:{key} is empty");
            assert!(!french.trim().is_empty(), "fr:{key} is empty");
            assert_eq!(placeholders(english), placeholders(french), "{key}");
        }
    }

    #[test]
    fn values_are_labelled_and_unknown_codes_kept() {
        assert_eq!(value(Lang::Fr, "holderStatus", "revoked"), "Retiré");
        assert_eq!(value(Lang::En, "holderStatus", "lost"), "lost");
        assert_eq!(value(Lang::En, "holderStatus", ""), "");
        assert_eq!(
            text(Lang::Fr, "actions.budget", &[("currency", "USD")]),
            "Budget (USD)"
        );
    }
}
