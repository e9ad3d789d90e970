//! The one error type the webview receives (see docs/commands.md): a stable code, a message in
//! the user's language that says what to do, the record concerned and any field errors.

use lode_core::{Lang, messages};
use lode_store::StoreError;
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldErrorView {
    pub field: String,
    pub code: &'static str,
    pub message: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UiError {
    pub code: &'static str,
    pub message: String,
    pub record: Option<String>,
    pub fields: Vec<FieldErrorView>,
}

impl UiError {
    pub fn from_store(error: &StoreError, lang: Lang) -> UiError {
        let fields = match error {
            StoreError::Invalid(invalid) => invalid
                .0
                .iter()
                .map(|e| FieldErrorView {
                    field: e.field.clone(),
                    code: e.code,
                    message: messages::field_error(lang, &e.field, e.code),
                })
                .collect(),
            _ => Vec::new(),
        };
        UiError {
            code: error.code(),
            message: error.message(lang),
            record: error.record().map(str::to_owned),
            fields,
        }
    }

    /// A failure outside the store (a poisoned lock, a dialog that could not open).
    pub fn internal(detail: &str, lang: Lang) -> UiError {
        UiError {
            code: "internal",
            message: messages::text(lang, "internal", &[("detail", detail)]),
            record: None,
            fields: Vec::new(),
        }
    }
}

pub type CommandResult<T> = Result<T, UiError>;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupResult {
    pub path: String,
    pub bytes: u64,
}

#[derive(Debug, Serialize)]
pub struct ImportResult {
    pub inserted: usize,
    pub rejected: usize,
}

#[derive(Debug, Serialize)]
pub struct SavedRecord {
    pub id: String,
}

#[derive(Debug, Serialize)]
pub struct ProposalsAccepted {
    pub created: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use lode_core::{FieldError, Invalid};

    #[test]
    fn validation_errors_carry_a_message_per_field_in_the_users_language() {
        let error = StoreError::Invalid(Invalid(vec![FieldError {
            field: "officeName".into(),
            code: "required",
        }]));
        let ui = UiError::from_store(&error, Lang::Fr);
        assert_eq!(ui.code, "validation");
        assert_eq!(ui.fields.len(), 1);
        assert!(
            ui.fields[0].message.contains("bureau"),
            "{}",
            ui.fields[0].message
        );
        let json = serde_json::to_value(&ui).unwrap();
        assert!(json.get("fields").is_some() && json.get("record").is_some());
    }
}
