//! Offices and the first-run set-up of an installation: which office this is, who works here, and
//! in which language.

use crate::language::Lang;
use crate::validation::{Checker, Invalid};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OfficeLevel {
    National,
    Province,
    District,
}

impl OfficeLevel {
    pub const ALL: [OfficeLevel; 3] = [
        OfficeLevel::National,
        OfficeLevel::Province,
        OfficeLevel::District,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OfficeLevel::National => "national",
            OfficeLevel::Province => "province",
            OfficeLevel::District => "district",
        }
    }

    pub fn parse(code: &str) -> Option<OfficeLevel> {
        OfficeLevel::ALL
            .into_iter()
            .find(|level| level.code() == code)
    }
}

/// What the officer types on first run, as received (strings, so that bad values can be named).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetupRequest {
    pub office_name: String,
    pub level: String,
    pub country: String,
    pub parent_office: String,
    pub officer_name: String,
    pub officer_role: String,
    pub language: String,
}

/// A set-up request that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    pub office_name: String,
    pub level: OfficeLevel,
    pub country: String,
    pub parent_office: Option<String>,
    pub officer_name: String,
    pub officer_role: String,
    pub language: Lang,
}

impl SetupRequest {
    pub fn validate(&self) -> Result<Setup, Invalid> {
        let mut check = Checker::default();
        check.name("officeName", &self.office_name);
        check.name("country", &self.country);
        check.name("officerName", &self.officer_name);
        check.name("officerRole", &self.officer_role);
        check.max_len(
            "parentOffice",
            &self.parent_office,
            crate::validation::MAX_NAME,
        );
        let level = OfficeLevel::parse(&self.level);
        if level.is_none() {
            check.fail("level", "invalid_choice");
        }
        let language = Lang::parse(&self.language);
        if language.is_none() {
            check.fail("language", "invalid_choice");
        }
        check.finish()?;
        let (Some(level), Some(language)) = (level, language) else {
            unreachable!("checked above");
        };
        let parent = self.parent_office.trim();
        Ok(Setup {
            office_name: self.office_name.trim().to_owned(),
            level,
            country: self.country.trim().to_owned(),
            parent_office: (!parent.is_empty()).then(|| parent.to_owned()),
            officer_name: self.officer_name.trim().to_owned(),
            officer_role: self.officer_role.trim().to_owned(),
            language,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> SetupRequest {
        SetupRequest {
            office_name: " Bukavu district mining office ".into(),
            level: "district".into(),
            country: "CD".into(),
            parent_office: String::new(),
            officer_name: "Amina Mwamba".into(),
            officer_role: "Mining officer".into(),
            language: "fr".into(),
        }
    }

    #[test]
    fn a_complete_request_is_trimmed_and_typed() {
        let setup = filled().validate().unwrap();
        assert_eq!(setup.office_name, "Bukavu district mining office");
        assert_eq!(setup.level, OfficeLevel::District);
        assert_eq!(setup.parent_office, None);
        assert_eq!(setup.language, Lang::Fr);
    }

    #[test]
    fn an_empty_request_names_every_missing_field() {
        let Invalid(errors) = SetupRequest::default().validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "officeName",
                "country",
                "officerName",
                "officerRole",
                "level",
                "language"
            ]
        );
    }
}
