//! What an export can refuse or fail at: each with a stable code for the UI and scripts and a
//! message, in the officer's language (`assets/i18n/<lang>/messages.json`), that says what to do.

use crate::register::{Format, Register};
use lode_core::{Lang, messages};
use lode_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("unknown register {0}")]
    UnknownRegister(String),
    #[error("unknown format {0}")]
    UnknownFormat(String),
    #[error("the {0} register has no place on a map: it cannot be written as GeoJSON")]
    NoGeometry(Register),
    /// No workspace was named and none is current (the CLI).
    #[error("no workspace chosen")]
    NoWorkspace { choices: String },
    /// The file could not be written (or moved into place); nothing was left behind.
    #[error("{file} could not be written: {detail}")]
    WriteFailed { file: String, detail: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl RegisterError {
    /// The stable code the UI and scripts match on; never the message.
    pub fn code(&self) -> &'static str {
        match self {
            RegisterError::UnknownRegister(_) => "registers.unknown_register",
            RegisterError::UnknownFormat(_) => "registers.unknown_format",
            RegisterError::NoGeometry(_) => "registers.no_geometry",
            RegisterError::NoWorkspace { .. } => "registers.no_workspace",
            RegisterError::WriteFailed { .. } => "registers.write_failed",
            RegisterError::Store(error) => error.code(),
        }
    }

    /// The message a person reads, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let code = self.code();
        match self {
            RegisterError::UnknownRegister(name) => {
                let names = Register::ALL.map(Register::name).join(", ");
                messages::text(lang, code, &[("name", name), ("names", &names)])
            }
            RegisterError::UnknownFormat(name) => {
                let names = [Format::Xlsx, Format::Csv, Format::Geojson]
                    .map(Format::name)
                    .join(", ");
                messages::text(lang, code, &[("name", name), ("names", &names)])
            }
            RegisterError::NoGeometry(register) => {
                messages::text(lang, code, &[("register", &register.title(lang))])
            }
            RegisterError::NoWorkspace { choices } => {
                messages::text(lang, code, &[("choices", choices)])
            }
            RegisterError::WriteFailed { file, detail } => {
                messages::text(lang, code, &[("file", file), ("detail", detail)])
            }
            RegisterError::Store(error) => error.message(lang),
        }
    }

    /// The store's error, when it is one (the app keeps its field errors and record).
    pub fn as_store(&self) -> Option<&StoreError> {
        match self {
            RegisterError::Store(error) => Some(error),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_message_in_every_language() {
        let samples = [
            RegisterError::UnknownRegister("miners".into()),
            RegisterError::UnknownFormat("pdf".into()),
            RegisterError::NoGeometry(Register::LicenceHolders),
            RegisterError::NoWorkspace {
                choices: "0190… (Demo)".into(),
            },
            RegisterError::WriteFailed {
                file: "sites.xlsx".into(),
                detail: "disk full".into(),
            },
        ];
        for error in samples {
            assert!(
                messages::has(error.code()),
                "no message for {}",
                error.code()
            );
            for lang in Lang::ALL {
                let text = error.message(lang);
                assert!(!text.contains('{'), "unfilled placeholder in {text}");
                assert_ne!(text, error.code(), "{} is not in {}", text, lang.code());
            }
        }
        let french = RegisterError::NoGeometry(Register::LicenceHolders).message(Lang::Fr);
        assert!(french.contains("Titulaires de titres"), "{french}");
    }
}
