//! Field-level validation. Rules live here so that every shell refuses the same input with the same
//! codes; the message a person reads is rendered from `messages` in their language.

use serde::Serialize;

/// One field's problem: `code` is stable (`required`, `too_long`, `invalid_choice`, `invalid_date`),
/// `field` is the name the UI uses for the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
}

/// Input refused, with every field in error (not only the first), so a form can list them all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid input: {}", .0.iter().map(|e| format!("{} {}", e.field, e.code)).collect::<Vec<_>>().join(", "))]
pub struct Invalid(pub Vec<FieldError>);

/// Collects field errors while a request is checked.
#[derive(Default)]
pub struct Checker(Vec<FieldError>);

pub const MAX_NAME: usize = 200;
pub const MAX_TEXT: usize = 20_000;

impl Checker {
    pub fn fail(&mut self, field: &str, code: &'static str) {
        self.0.push(FieldError {
            field: field.to_owned(),
            code,
        });
    }

    /// A required single-line value: not blank, not longer than `MAX_NAME` characters.
    pub fn name(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.fail(field, "required");
        } else {
            self.max_len(field, value, MAX_NAME);
        }
    }

    pub fn max_len(&mut self, field: &str, value: &str, max: usize) {
        if value.chars().count() > max {
            self.fail(field, "too_long");
        }
    }

    /// A calendar date written YYYY-MM-DD.
    pub fn date(&mut self, field: &str, value: &str) {
        if !is_iso_date(value) {
            self.fail(field, "invalid_date");
        }
    }

    pub fn finish(self) -> Result<(), Invalid> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Invalid(self.0))
        }
    }
}

/// True for a real calendar date in the form YYYY-MM-DD (leap years included).
pub fn is_iso_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>())
    else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_dates_pass_and_impossible_ones_fail() {
        assert!(is_iso_date("2026-11-28"));
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2026-02-29"), "2026 is not a leap year");
        assert!(!is_iso_date("2026-13-01"));
        assert!(!is_iso_date("28/11/2026"));
        assert!(!is_iso_date("2026-1-1"));
    }

    #[test]
    fn a_checker_reports_every_field_in_error() {
        let mut check = Checker::default();
        check.name("officeName", "  ");
        check.name("country", &"x".repeat(MAX_NAME + 1));
        check.name("officerName", "Amina");
        let Invalid(errors) = check.finish().unwrap_err();
        assert_eq!(
            errors,
            vec![
                FieldError {
                    field: "officeName".into(),
                    code: "required"
                },
                FieldError {
                    field: "country".into(),
                    code: "too_long"
                },
            ]
        );
    }
}
