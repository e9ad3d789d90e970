//! The catalogue of messages Rust shows people (errors, validation, CLI output), in each language.
//! The text is data in `assets/i18n/<lang>/messages.json`: flat keys, `{name}` placeholders.

use crate::language::Lang;
use std::collections::BTreeMap;
use std::sync::OnceLock;

type Catalogue = BTreeMap<String, String>;

const EN: &str = include_str!("../../../assets/i18n/en/messages.json");
const FR: &str = include_str!("../../../assets/i18n/fr/messages.json");

fn catalogue(lang: Lang) -> &'static Catalogue {
    static EN_PARSED: OnceLock<Catalogue> = OnceLock::new();
    static FR_PARSED: OnceLock<Catalogue> = OnceLock::new();
    let (cell, text) = match lang {
        Lang::En => (&EN_PARSED, EN),
        Lang::Fr => (&FR_PARSED, FR),
    };
    cell.get_or_init(|| {
        serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("assets/i18n/{}/messages.json is invalid: {e}", lang.code()))
    })
}

/// The message `key` in `lang` with its placeholders filled; English when a translation is
/// missing, and the key itself when even English lacks it (a test keeps that from shipping).
pub fn text(lang: Lang, key: &str, params: &[(&str, &str)]) -> String {
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

/// Whether the catalogue has `key` in English (the reference language).
pub fn has(key: &str) -> bool {
    catalogue(Lang::En).contains_key(key)
}

/// The message for a field error: `validation.<field>.<code>` when written, else
/// `validation.<code>`.
pub fn field_error(lang: Lang, field: &str, code: &str) -> String {
    let specific = format!("validation.{field}.{code}");
    if has(&specific) {
        text(lang, &specific, &[])
    } else {
        text(lang, &format!("validation.{code}"), &[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_french_have_the_same_keys() {
        let en: Vec<&String> = catalogue(Lang::En).keys().collect();
        let fr: Vec<&String> = catalogue(Lang::Fr).keys().collect();
        assert_eq!(en, fr, "messages.json must have the same keys in en and fr");
    }

    #[test]
    fn placeholders_are_filled() {
        let msg = text(
            Lang::En,
            "store.newer_version",
            &[("found", "9"), ("supported", "1")],
        );
        assert!(msg.contains('9') && msg.contains('1'), "{msg}");
        assert!(!msg.contains('{'), "{msg}");
    }

    #[test]
    fn field_errors_prefer_the_specific_message() {
        let generic = text(Lang::Fr, "validation.required", &[]);
        let specific = field_error(Lang::Fr, "officeName", "required");
        assert_ne!(generic, specific);
        assert_eq!(field_error(Lang::Fr, "unknownField", "required"), generic);
    }
}
