//! A workspace is one strategy process for one jurisdiction: everything else belongs to one.

use crate::validation::{Checker, Invalid, MAX_TEXT};
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceRequest {
    pub name: String,
    pub jurisdiction: String,
}

impl WorkspaceRequest {
    /// Returns the trimmed name and jurisdiction.
    pub fn validate(&self) -> Result<(String, String), Invalid> {
        let mut check = Checker::default();
        check.name("name", &self.name);
        check.name("jurisdiction", &self.jurisdiction);
        check.finish()?;
        Ok((
            self.name.trim().to_owned(),
            self.jurisdiction.trim().to_owned(),
        ))
    }
}

pub fn validate_rename(name: &str) -> Result<String, Invalid> {
    let mut check = Checker::default();
    check.name("name", name);
    check.finish()?;
    Ok(name.trim().to_owned())
}

/// A note or decision in a step's log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    Note,
    Decision,
}

impl NoteKind {
    pub fn code(self) -> &'static str {
        match self {
            NoteKind::Note => "note",
            NoteKind::Decision => "decision",
        }
    }

    pub fn parse(code: &str) -> Option<NoteKind> {
        [NoteKind::Note, NoteKind::Decision]
            .into_iter()
            .find(|kind| kind.code() == code)
    }
}

pub fn validate_note(text: &str, kind: &str) -> Result<(String, NoteKind), Invalid> {
    let mut check = Checker::default();
    if text.trim().is_empty() {
        check.fail("text", "required");
    }
    check.max_len("text", text, MAX_TEXT);
    let kind = NoteKind::parse(kind);
    if kind.is_none() {
        check.fail("kind", "invalid_choice");
    }
    check.finish()?;
    Ok((text.trim().to_owned(), kind.unwrap_or(NoteKind::Note)))
}

/// A checklist tick: the date is optional but must be a real date; the note has a length limit.
pub fn validate_checklist(date: Option<&str>, note: &str) -> Result<(), Invalid> {
    let mut check = Checker::default();
    if let Some(date) = date.filter(|d| !d.is_empty()) {
        check.date("date", date);
    }
    check.max_len("note", note, MAX_TEXT);
    check.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workspace_needs_a_name_and_a_jurisdiction() {
        let Invalid(errors) = WorkspaceRequest::default().validate().unwrap_err();
        assert_eq!(errors.len(), 2);
        let ok = WorkspaceRequest {
            name: " Strategy 2027 ".into(),
            jurisdiction: "South Kivu".into(),
        };
        assert_eq!(ok.validate().unwrap().0, "Strategy 2027");
    }

    #[test]
    fn blank_notes_and_unknown_kinds_are_refused() {
        assert!(validate_note("  ", "note").is_err());
        assert!(validate_note("Chair agreed", "gossip").is_err());
        assert_eq!(
            validate_note(" Chair agreed ", "decision").unwrap(),
            ("Chair agreed".to_owned(), NoteKind::Decision)
        );
    }

    #[test]
    fn a_checklist_date_must_be_real() {
        assert!(validate_checklist(Some("2026-02-30"), "").is_err());
        assert!(validate_checklist(Some("2026-02-28"), "").is_ok());
        assert!(validate_checklist(None, "").is_ok());
    }
}
