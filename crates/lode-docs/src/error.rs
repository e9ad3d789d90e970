use lode_core::{Lang, messages};
use lode_store::StoreError;

/// What making a document can fail at, each with a stable code for the UI and a message in the
/// user's language that says what to do.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The layout could not be typeset: a fault in Lode, not in the officer's data.
    #[error("the document could not be typeset: {0}")]
    Typeset(String),
    #[error("the Word document could not be written: {0}")]
    Docx(String),
    #[error("{path} could not be written: {reason}")]
    Write { path: String, reason: String },
    #[error("unknown document {0}")]
    UnknownReport(String),
    #[error("unknown document format {0}")]
    UnknownFormat(String),
    #[error("no ASM type is called {0}")]
    UnknownType(String),
    #[error("only the Strategy has a part per ASM type")]
    TypeOnlyInStrategy,
}

impl DocError {
    pub fn code(&self) -> &'static str {
        match self {
            DocError::Store(error) => error.code(),
            DocError::Typeset(_) => "documents.typeset_failed",
            DocError::Docx(_) => "documents.docx_failed",
            DocError::Write { .. } => "documents.write_failed",
            DocError::UnknownReport(_) => "documents.unknown_report",
            DocError::UnknownFormat(_) => "documents.unknown_format",
            DocError::UnknownType(_) => "documents.unknown_type",
            DocError::TypeOnlyInStrategy => "documents.type_only_in_strategy",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let code = self.code();
        match self {
            DocError::Store(error) => error.message(lang),
            DocError::Typeset(detail) | DocError::Docx(detail) => {
                messages::text(lang, code, &[("detail", detail)])
            }
            DocError::Write { path, reason } => {
                messages::text(lang, code, &[("path", path), ("reason", reason)])
            }
            DocError::UnknownReport(name)
            | DocError::UnknownFormat(name)
            | DocError::UnknownType(name) => messages::text(lang, code, &[("name", name)]),
            DocError::TypeOnlyInStrategy => messages::text(lang, code, &[]),
        }
    }
}
