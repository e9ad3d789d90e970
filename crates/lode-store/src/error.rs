use lode_core::{Invalid, Lang, messages};
use std::path::PathBuf;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Everything the store can refuse or fail at. Each variant has a stable `code` for the UI and a
/// message, in the user's language, that says what to do next.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is not a Lode database")]
    NotLode { path: PathBuf },
    #[error("database schema {found} is newer than this Lode supports ({supported})")]
    NewerVersion { found: u32, supported: u32 },
    #[error("integrity check failed: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error("this installation is not set up")]
    NotSetUp,
    #[error("this installation is already set up")]
    AlreadySetUp,
    #[error("{what} {id} not found")]
    NotFound { what: &'static str, id: String },
    #[error("workspace {0} is archived")]
    Archived(String),
    #[error("unknown step {0}")]
    UnknownStep(String),
    #[error("step {step} has no checklist item {key}")]
    UnknownChecklistItem { step: String, key: String },
    #[error("{file} could not be read: {reason} {detail}")]
    Unreadable {
        file: String,
        reason: &'static str,
        detail: String,
    },
    #[error("unknown record kind {0}")]
    UnknownKind(String),
    #[error("backup failed verification: {0}")]
    BackupFailed(String),
    #[error("the strategy version is signed off")]
    StrategyLocked,
    #[error("the strategy has {0} findings to resolve before sign-off")]
    StrategyIncoherent(usize),
    #[error("the strategy version is a draft, not signed")]
    StrategyNotSigned,
    #[error("a trace starts from exactly one goal or one action")]
    TraceNeedsOneStart,
    #[error("{file}: {error}")]
    Bundle {
        file: String,
        error: lode_bundle::BundleError,
    },
    #[error("this office has no signing key yet")]
    NoOfficeKey,
    #[error("this office already has a signing key")]
    OfficeKeyExists,
    #[error("not an Ed25519 public key (64 hexadecimal digits) with an office name")]
    BadPublicKey,
    #[error("key {0} was revoked")]
    KeyRevoked(String),
    #[error("this office already has a sealing key")]
    SealingKeyExists,
    #[error("this office has no sealing key")]
    NoSealingKey,
    #[error("the passphrase is too short")]
    WeakPassphrase,
    #[error("no office to seal bundles to is known")]
    NoSealTo,
    #[error("{0} is sealed: its passphrase is needed")]
    PassphraseNeeded(String),
    /// Carries a preview's report out of the transaction it rolls back; never shown.
    #[error("preview")]
    Preview(Box<crate::sync::import::ImportReport>),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

impl StoreError {
    /// The stable code the UI and scripts match on; never the message.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotLode { .. } => "store.not_lode",
            StoreError::NewerVersion { .. } => "store.newer_version",
            StoreError::Corrupt(_) => "store.corrupt",
            StoreError::Invalid(_) => "validation",
            StoreError::NotSetUp => "store.not_set_up",
            StoreError::AlreadySetUp => "store.already_set_up",
            StoreError::NotFound { .. } => "store.not_found",
            StoreError::Archived(_) => "store.archived",
            StoreError::UnknownStep(_) => "store.unknown_step",
            StoreError::UnknownChecklistItem { .. } => "store.unknown_checklist_item",
            StoreError::BackupFailed(_) => "store.backup_failed",
            StoreError::UnknownKind(_) => "record.unknown_kind",
            StoreError::StrategyLocked => "strategy.locked",
            StoreError::StrategyIncoherent(_) => "strategy.incoherent",
            StoreError::StrategyNotSigned => "strategy.not_signed",
            StoreError::TraceNeedsOneStart => "trace.needs_one_start",
            StoreError::Unreadable { .. } => "import.unreadable",
            StoreError::Bundle { error, .. } => error.code(),
            StoreError::NoOfficeKey => "sync.no_office_key",
            StoreError::OfficeKeyExists => "sync.office_key_exists",
            StoreError::BadPublicKey => "sync.bad_public_key",
            StoreError::KeyRevoked(_) => "sync.key_revoked",
            StoreError::SealingKeyExists => "sync.sealing_key_exists",
            StoreError::NoSealingKey => "sync.no_sealing_key",
            StoreError::WeakPassphrase => "sync.weak_passphrase",
            StoreError::NoSealTo => "sync.no_seal_to",
            StoreError::PassphraseNeeded(_) => "sync.passphrase_needed",
            StoreError::Preview(_) => "internal",
            StoreError::Io(_) => "store.io",
            StoreError::Sqlite(_) => "store.sqlite",
            StoreError::Json(_) => "internal",
        }
    }

    /// The message a person reads, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let code = self.code();
        match self {
            StoreError::NotLode { path } => {
                messages::text(lang, code, &[("path", &path.display().to_string())])
            }
            StoreError::NewerVersion { found, supported } => messages::text(
                lang,
                code,
                &[
                    ("found", &found.to_string()),
                    ("supported", &supported.to_string()),
                ],
            ),
            StoreError::NotFound { what, .. } => {
                let what = messages::text(lang, &format!("what.{what}"), &[]);
                messages::text(lang, code, &[("what", &what)])
            }
            StoreError::UnknownStep(step) => messages::text(lang, code, &[("step", step)]),
            StoreError::UnknownKind(kind) => messages::text(lang, code, &[("kind", kind)]),
            StoreError::StrategyIncoherent(count) => {
                messages::text(lang, code, &[("count", &count.to_string())])
            }
            StoreError::Unreadable {
                file,
                reason,
                detail,
            } => {
                let mut reason = messages::text(lang, &format!("import.reason.{reason}"), &[]);
                if !detail.is_empty() {
                    reason = format!("{reason} ({detail})");
                }
                messages::text(lang, code, &[("file", file), ("reason", &reason)])
            }
            StoreError::UnknownChecklistItem { step, key } => {
                messages::text(lang, code, &[("step", step), ("key", key)])
            }
            StoreError::Corrupt(detail) | StoreError::BackupFailed(detail) => {
                messages::text(lang, code, &[("detail", detail)])
            }
            StoreError::Bundle { file, error } => {
                let params = bundle_params(error);
                let mut all: Vec<(&str, &str)> = vec![("file", file.as_str())];
                all.extend(params.iter().map(|(k, v)| (*k, v.as_str())));
                messages::text(lang, code, &all)
            }
            StoreError::KeyRevoked(key) => messages::text(lang, code, &[("key", key)]),
            StoreError::PassphraseNeeded(file) => messages::text(lang, code, &[("file", file)]),
            StoreError::Io(e) => messages::text(lang, code, &[("detail", &e.to_string())]),
            StoreError::Sqlite(e) => messages::text(lang, code, &[("detail", &e.to_string())]),
            StoreError::Json(e) => messages::text(lang, code, &[("detail", &e.to_string())]),
            StoreError::Invalid(_)
            | StoreError::NotSetUp
            | StoreError::AlreadySetUp
            | StoreError::Archived(_)
            | StoreError::StrategyLocked
            | StoreError::StrategyNotSigned
            | StoreError::TraceNeedsOneStart
            | StoreError::NoOfficeKey
            | StoreError::OfficeKeyExists
            | StoreError::BadPublicKey
            | StoreError::SealingKeyExists
            | StoreError::NoSealingKey
            | StoreError::WeakPassphrase
            | StoreError::NoSealTo
            | StoreError::Preview(_) => messages::text(lang, code, &[]),
        }
    }

    /// The id of the record concerned, when there is one.
    pub fn record(&self) -> Option<&str> {
        match self {
            StoreError::NotFound { id, .. } | StoreError::Archived(id) => Some(id),
            _ => None,
        }
    }
}

/// The parameters of a bundle's refusal, for its message: the entry, counts, versions, the key.
fn bundle_params(error: &lode_bundle::BundleError) -> Vec<(&'static str, String)> {
    use lode_bundle::BundleError as B;
    match error {
        B::UnsafePath(entry)
        | B::DuplicateEntry(entry)
        | B::UnlistedEntry(entry)
        | B::MissingEntry(entry)
        | B::HashMismatch(entry) => vec![("entry", entry.clone())],
        B::SizeMismatch {
            path,
            stated,
            found,
        } => vec![
            ("entry", path.clone()),
            ("stated", stated.to_string()),
            ("found", found.to_string()),
        ],
        B::TooLarge { path, limit } => vec![("entry", path.clone()), ("limit", limit.to_string())],
        B::TooManyEntries { count, limit } => {
            vec![("count", count.to_string()), ("limit", limit.to_string())]
        }
        B::NewerFormat { found, supported } => vec![
            ("found", found.to_string()),
            ("supported", supported.to_string()),
        ],
        B::UnknownKey(key) | B::RevokedKey(key) => vec![("key", key.clone())],
        B::Corrupt(detail)
        | B::BadManifest(detail)
        | B::BadRecord(detail)
        | B::BadKey(detail)
        | B::SealCorrupt(detail) => vec![("detail", detail.clone())],
        B::Io(e) => vec![("detail", e.to_string())],
        B::DuplicateNames
        | B::NoManifest
        | B::BadSignature
        | B::WrongPassphrase
        | B::NotForThisOffice => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_message_in_the_catalogue() {
        let samples = [
            StoreError::NotLode { path: "x".into() },
            StoreError::NewerVersion {
                found: 2,
                supported: 1,
            },
            StoreError::Corrupt("x".into()),
            StoreError::NotSetUp,
            StoreError::AlreadySetUp,
            StoreError::NotFound {
                what: "workspace",
                id: "x".into(),
            },
            StoreError::Archived("x".into()),
            StoreError::UnknownStep("9.9".into()),
            StoreError::UnknownChecklistItem {
                step: "1.1".into(),
                key: "k".into(),
            },
            StoreError::BackupFailed("x".into()),
            StoreError::StrategyLocked,
            StoreError::StrategyIncoherent(2),
            StoreError::StrategyNotSigned,
            StoreError::TraceNeedsOneStart,
            StoreError::Io(std::io::Error::other("x")),
            StoreError::NoOfficeKey,
            StoreError::OfficeKeyExists,
            StoreError::BadPublicKey,
            StoreError::KeyRevoked("k".into()),
            StoreError::SealingKeyExists,
            StoreError::NoSealingKey,
            StoreError::WeakPassphrase,
            StoreError::NoSealTo,
            StoreError::PassphraseNeeded("f".into()),
        ];
        use lode_bundle::BundleError as B;
        let bundle = [
            B::Corrupt("x".into()),
            B::TooManyEntries { count: 9, limit: 8 },
            B::UnsafePath("../x".into()),
            B::DuplicateEntry("x".into()),
            B::DuplicateNames,
            B::UnlistedEntry("x".into()),
            B::MissingEntry("x".into()),
            B::NoManifest,
            B::BadManifest("x".into()),
            B::BadRecord("x".into()),
            B::NewerFormat {
                found: 2,
                supported: 1,
            },
            B::UnknownKey("k".into()),
            B::RevokedKey("k".into()),
            B::BadSignature,
            B::HashMismatch("x".into()),
            B::SizeMismatch {
                path: "x".into(),
                stated: 1,
                found: 2,
            },
            B::TooLarge {
                path: "x".into(),
                limit: 1,
            },
            B::BadKey("x".into()),
            B::WrongPassphrase,
            B::NotForThisOffice,
            B::SealCorrupt("x".into()),
            B::Io(std::io::Error::other("x")),
        ]
        .into_iter()
        .map(|error| StoreError::Bundle {
            file: "mbeli.lodebundle".into(),
            error,
        });
        let samples: Vec<StoreError> = samples.into_iter().chain(bundle).collect();
        for error in samples {
            assert!(
                messages::has(error.code()),
                "no message for {}",
                error.code()
            );
            for lang in Lang::ALL {
                let text = error.message(lang);
                assert!(!text.contains('{'), "unfilled placeholder in {text}");
            }
        }
    }
}
