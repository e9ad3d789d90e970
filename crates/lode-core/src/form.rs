//! Reading a record's fields as the UI or an import sends them (a JSON object of loosely typed
//! values) into typed values, collecting a field error for every value that is missing, of the
//! wrong type or out of range, so that a form can show them all at once.

use crate::validation::{Checker, Invalid, MAX_NAME, MAX_TEXT, is_iso_date};
use serde_json::{Map, Value};

pub struct Form<'a> {
    fields: &'a Map<String, Value>,
    check: Checker,
}

fn empty() -> &'static Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    EMPTY.get_or_init(Map::new)
}

/// The first and last day a record's date may fall on.
const PLAUSIBLE_DATES: (&str, &str) = ("1950-01-01", "2100-12-31");

impl<'a> Form<'a> {
    /// A form over `value`; anything but an object reads as a form with every field empty.
    pub fn new(value: &'a Value) -> Form<'a> {
        Form {
            fields: value.as_object().unwrap_or_else(|| empty()),
            check: Checker::default(),
        }
    }

    fn get(&self, name: &str) -> Option<&'a Value> {
        self.fields.get(name).filter(|v| !v.is_null())
    }

    /// The field's value as sent (not null), for structured fields such as a GeoJSON geometry.
    pub fn raw(&self, name: &str) -> Option<&'a Value> {
        self.get(name)
    }

    /// Whether the field holds a value (not absent, null or blank text).
    pub fn has(&self, name: &str) -> bool {
        match self.get(name) {
            None => false,
            Some(Value::String(s)) => !s.trim().is_empty(),
            Some(_) => true,
        }
    }

    /// Records a problem found by a rule across fields (e.g. "under-18s exceed the total").
    pub fn fail(&mut self, name: &str, code: &'static str) {
        self.check.fail(name, code);
    }

    /// Optional free text, trimmed; numbers are accepted as their text (imports send them).
    pub fn text(&mut self, name: &str) -> String {
        let text = match self.get(name) {
            None => String::new(),
            Some(Value::String(s)) => s.trim().to_owned(),
            Some(Value::Number(n)) => n.to_string(),
            Some(_) => {
                self.fail(name, "invalid_type");
                String::new()
            }
        };
        self.check.max_len(name, &text, MAX_TEXT);
        text
    }

    /// A required short text (a name, an organisation).
    pub fn name(&mut self, name: &str) -> String {
        let text = self.text(name);
        if text.is_empty() {
            self.fail(name, "required");
        } else {
            self.check.max_len(name, &text, MAX_NAME);
        }
        text
    }

    /// An optional number within `min..=max`; text holding a number is accepted (imports).
    pub fn number(&mut self, name: &str, min: f64, max: f64) -> Option<f64> {
        let number = match self.get(name)? {
            Value::Number(n) => n.as_f64(),
            Value::String(s) if s.trim().is_empty() => return None,
            Value::String(s) => s.trim().replace(',', ".").parse::<f64>().ok(),
            _ => None,
        };
        match number {
            Some(n) if n.is_finite() && (min..=max).contains(&n) => Some(n),
            Some(n) if n.is_finite() && n < 0.0 && min >= 0.0 => {
                self.fail(name, "negative");
                None
            }
            Some(n) if n.is_finite() => {
                self.fail(name, "out_of_range");
                None
            }
            _ => {
                self.fail(name, "not_a_number");
                None
            }
        }
    }

    /// A whole number within `min..=max`, `default` when absent.
    pub fn integer(&mut self, name: &str, min: i64, max: i64, default: i64) -> i64 {
        match self.number(name, min as f64, max as f64) {
            Some(n) if n.fract() == 0.0 => n as i64,
            Some(_) => {
                self.fail(name, "not_whole");
                default
            }
            None => default,
        }
    }

    /// A count of people or things: a whole number, zero or more.
    pub fn count(&mut self, name: &str) -> i64 {
        self.integer(name, 0, 100_000_000, 0)
    }

    pub fn flag(&mut self, name: &str) -> bool {
        match self.get(name) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => {
                let s = s.trim().to_lowercase();
                match s.as_str() {
                    "" | "no" | "non" | "false" | "0" => false,
                    "yes" | "oui" | "true" | "1" => true,
                    _ => {
                        self.fail(name, "invalid_type");
                        false
                    }
                }
            }
            Some(_) => {
                self.fail(name, "invalid_type");
                false
            }
        }
    }

    /// A calendar date YYYY-MM-DD; `None` when absent (an error when `required`).
    pub fn date(&mut self, name: &str, required: bool) -> Option<String> {
        let text = self.text(name);
        if text.is_empty() {
            if required {
                self.fail(name, "required");
            }
            return None;
        }
        if !is_iso_date(&text) {
            self.fail(name, "invalid_date");
            return None;
        }
        // A real date outside the years Lode's records cover is a typing slip (a year typed as
        // "0026" or a month typed into the year), not a record to keep.
        if !(PLAUSIBLE_DATES.0..=PLAUSIBLE_DATES.1).contains(&text.as_str()) {
            self.fail(name, "date_out_of_range");
            return None;
        }
        Some(text)
    }

    /// One code that `known` accepts; "" when absent (an error when `required`).
    pub fn code(&mut self, name: &str, known: impl Fn(&str) -> bool, required: bool) -> String {
        let code = self.text(name);
        if code.is_empty() {
            if required {
                self.fail(name, "required");
            }
        } else if !known(&code) {
            self.fail(name, "invalid_choice");
        }
        code
    }

    /// One of a fixed set of options.
    pub fn choice(&mut self, name: &str, options: &[&str], required: bool) -> String {
        self.code(name, |c| options.contains(&c), required)
    }

    /// A list of codes that `known` accepts, without repeats, in the order given.
    pub fn codes(&mut self, name: &str, known: impl Fn(&str) -> bool) -> Vec<String> {
        let items: Vec<String> = match self.get(name) {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::trim).unwrap_or_default().to_owned())
                .collect(),
            // Imports give lists as text separated by ";" or ",".
            Some(Value::String(s)) => s
                .split([';', ','])
                .map(|part| part.trim().to_owned())
                .filter(|part| !part.is_empty())
                .collect(),
            Some(_) => {
                self.fail(name, "invalid_type");
                Vec::new()
            }
        };
        if items.iter().any(|code| !known(code)) {
            self.fail(name, "invalid_choice");
        }
        let mut unique: Vec<String> = Vec::new();
        for item in items {
            if !unique.contains(&item) {
                unique.push(item);
            }
        }
        unique
    }

    /// The raw array under `name` (for nested rows such as attendance), empty when absent.
    pub fn rows(&mut self, name: &str) -> Vec<&'a Value> {
        match self.get(name) {
            None => Vec::new(),
            Some(Value::Array(items)) => items.iter().collect(),
            Some(_) => {
                self.fail(name, "invalid_type");
                Vec::new()
            }
        }
    }

    pub fn finish(self) -> Result<(), Invalid> {
        self.check.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn errors(form: Form) -> Vec<String> {
        match form.finish() {
            Ok(()) => vec![],
            Err(Invalid(list)) => list
                .into_iter()
                .map(|e| format!("{}:{}", e.field, e.code))
                .collect(),
        }
    }

    #[test]
    fn values_are_typed_and_every_bad_one_is_named() {
        let value = json!({
            "name": "  Kamituga  ", "lat": "-3,05", "lon": 200, "miners": 12.5, "when": "2026-02-30",
            "commodity": "unobtainium", "ok": "oui", "tags": "gold; gold ;tin"
        });
        let mut form = Form::new(&value);
        assert_eq!(form.name("name"), "Kamituga");
        assert_eq!(form.number("lat", -90.0, 90.0), Some(-3.05));
        assert_eq!(form.number("lon", -180.0, 180.0), None);
        assert_eq!(form.count("miners"), 0);
        assert_eq!(form.date("when", true), None);
        form.code("commodity", |c| c == "gold", true);
        assert!(form.flag("ok"));
        assert_eq!(
            form.codes("tags", |c| c == "gold" || c == "tin"),
            ["gold", "tin"]
        );
        form.name("missing");
        assert_eq!(
            errors(form),
            [
                "lon:out_of_range",
                "miners:not_whole",
                "when:invalid_date",
                "commodity:invalid_choice",
                "missing:required"
            ]
        );
    }

    #[test]
    fn dates_outside_the_plausible_years_are_refused() {
        let value = json!({"old": "1902-12-11", "far": "2926-01-01", "first": "1950-01-01", "last": "2100-12-31"});
        let mut form = Form::new(&value);
        assert_eq!(form.date("old", true), None);
        assert_eq!(form.date("far", false), None);
        assert_eq!(form.date("first", true).as_deref(), Some("1950-01-01"));
        assert_eq!(form.date("last", true).as_deref(), Some("2100-12-31"));
        assert_eq!(
            errors(form),
            ["old:date_out_of_range", "far:date_out_of_range"]
        );
    }

    #[test]
    fn negative_counts_are_refused_as_negative() {
        let value = json!({"female": -3});
        let mut form = Form::new(&value);
        form.count("female");
        assert_eq!(errors(form), ["female:negative"]);
    }
}
