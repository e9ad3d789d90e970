//! The words documents use, from `assets/i18n/<lang>/documents/*.json` (one file per document
//! plus the common words; flat keys prefixed by the document, `{name}` placeholders), and
//! numbers and dates written the way each language writes them.

use lode_core::Lang;
use std::collections::BTreeMap;
use std::sync::OnceLock;

type Catalogue = BTreeMap<String, String>;

macro_rules! parts {
    ($lang:literal) => {
        [
            include_str!(concat!(
                "../../../assets/i18n/",
                $lang,
                "/documents/common.json"
            )),
            include_str!(concat!(
                "../../../assets/i18n/",
                $lang,
                "/documents/context.json"
            )),
            include_str!(concat!(
                "../../../assets/i18n/",
                $lang,
                "/documents/strategy.json"
            )),
            include_str!(concat!(
                "../../../assets/i18n/",
                $lang,
                "/documents/plan.json"
            )),
            include_str!(concat!(
                "../../../assets/i18n/",
                $lang,
                "/documents/monitoring.json"
            )),
        ]
    };
}

const EN: [&str; 5] = parts!("en");
const FR: [&str; 5] = parts!("fr");

pub(crate) fn catalogue(lang: Lang) -> &'static Catalogue {
    static EN_PARSED: OnceLock<Catalogue> = OnceLock::new();
    static FR_PARSED: OnceLock<Catalogue> = OnceLock::new();
    let (cell, parts) = match lang {
        Lang::En => (&EN_PARSED, EN),
        Lang::Fr => (&FR_PARSED, FR),
    };
    cell.get_or_init(|| {
        let mut words = Catalogue::new();
        for part in parts {
            let parsed: Catalogue = serde_json::from_str(part).unwrap_or_else(|e| {
                panic!(
                    "assets/i18n/{}/documents/ has an invalid file: {e}",
                    lang.code()
                )
            });
            words.extend(parsed);
        }
        words
    })
}

/// The words for `key` in `lang`, English when a translation is missing (a test keeps that from
/// shipping), the key itself when even English lacks it.
pub fn t(lang: Lang, key: &str) -> String {
    catalogue(lang)
        .get(key)
        .or_else(|| catalogue(Lang::En).get(key))
        .map_or_else(|| key.to_owned(), String::clone)
}

/// `t` with its `{name}` placeholders filled.
pub fn tf(lang: Lang, key: &str, params: &[(&str, &str)]) -> String {
    params.iter().fold(t(lang, key), |out, (name, value)| {
        out.replace(&format!("{{{name}}}"), value)
    })
}

/// A whole number with thousands grouped: 12,345 in English, 12 345 in French.
pub fn int(lang: Lang, value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let separator = match lang {
        Lang::En => ",",
        Lang::Fr => "\u{202f}",
    };
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push_str(separator);
        }
        grouped.push(digit);
    }
    match value < 0 {
        true => format!("-{grouped}"),
        false => grouped,
    }
}

/// A number with up to `decimals` decimals (trailing zeros dropped), grouped as `int` does.
pub fn num(lang: Lang, value: f64, decimals: usize) -> String {
    let full = fixed(lang, value, decimals);
    match full.split_once(decimal_mark(lang)) {
        Some((whole, fraction)) => match fraction.trim_end_matches('0') {
            "" => whole.to_owned(),
            kept => format!("{whole}{}{kept}", decimal_mark(lang)),
        },
        None => full,
    }
}

fn decimal_mark(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ".",
        Lang::Fr => ",",
    }
}

/// A number with exactly `decimals` decimals, for columns that compare (87.7, 76.0).
pub fn fixed(lang: Lang, value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let whole = int(lang, whole.parse().unwrap_or(0));
    let sign = if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    match fraction.is_empty() {
        true => format!("{sign}{whole}"),
        false => format!("{sign}{whole}{}{fraction}", decimal_mark(lang)),
    }
}

/// An amount of money: whole units, grouped, with its currency code after it.
pub fn money(lang: Lang, value: f64, currency: &str) -> String {
    format!("{} {currency}", num(lang, value, 0))
        .trim()
        .to_owned()
}

/// A share as a percentage with no decimals.
pub fn percent(lang: Lang, share: f64) -> String {
    match lang {
        Lang::En => format!("{}%", num(lang, share * 100.0, 0)),
        Lang::Fr => format!("{}\u{a0}%", num(lang, share * 100.0, 0)),
    }
}

/// An ISO date (YYYY-MM-DD) as a reader writes it: 4 December 2026, 4 décembre 2026. Text that
/// is not such a date comes back as it is.
pub fn date(lang: Lang, iso: &str) -> String {
    let mut parts = iso.splitn(3, '-').map(str::parse::<u32>);
    let (Some(Ok(year)), Some(Ok(month @ 1..=12)), Some(Ok(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return iso.to_owned();
    };
    // French writes the first of the month as an ordinal: 1er janvier.
    let day = match (lang, day) {
        (Lang::Fr, 1) => "1er".to_owned(),
        _ => day.to_string(),
    };
    format!("{day} {} {year}", t(lang, &format!("month.{month}")))
}

/// A short month label for charts: 03/27.
pub fn month_label(year: i32, month: u32) -> String {
    format!("{month:02}/{:02}", year.rem_euclid(100))
}

/// Yes or no in the reader's language.
pub fn yes_no(lang: Lang, value: bool) -> String {
    t(lang, if value { "yes" } else { "no" })
}

/// A dash for what is not recorded, so an empty cell reads as "not known", not as a mistake.
pub fn or_dash(text: &str) -> String {
    match text.trim().is_empty() {
        true => "—".to_owned(),
        false => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_words() {
        let en: Vec<_> = catalogue(Lang::En).keys().collect();
        let fr: Vec<_> = catalogue(Lang::Fr).keys().collect();
        assert_eq!(en, fr);
    }

    #[test]
    fn numbers_are_written_the_readers_way() {
        assert_eq!(int(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(int(Lang::Fr, 1_234_567), "1\u{202f}234\u{202f}567");
        assert_eq!(int(Lang::En, -950), "-950");
        assert_eq!(num(Lang::En, 2.50, 2), "2.5");
        assert_eq!(num(Lang::Fr, 1234.25, 2), "1\u{202f}234,25");
        assert_eq!(num(Lang::En, -0.001, 1), "0");
        assert_eq!(percent(Lang::Fr, 0.43), "43\u{a0}%");
        assert_eq!(fixed(Lang::En, 76.0, 1), "76.0");
        assert_eq!(fixed(Lang::Fr, 1234.56, 1), "1\u{202f}234,6");
        assert_eq!(fixed(Lang::En, -0.01, 1), "0.0");
    }

    #[test]
    fn dates_read_as_dates() {
        assert_eq!(date(Lang::En, "2026-12-04"), "4 December 2026");
        assert_eq!(date(Lang::Fr, "2026-02-01"), "1er février 2026");
        assert_eq!(date(Lang::Fr, "2026-02-02"), "2 février 2026");
        assert_eq!(date(Lang::En, "soon"), "soon");
    }
}
