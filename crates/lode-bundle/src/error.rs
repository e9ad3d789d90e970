use thiserror::Error;

/// Why a bundle was refused. Each names the entry at fault where there is one; `code` is stable
/// for the UI and the CLI, which word it in the user's language.
#[derive(Debug, Error)]
pub enum BundleError {
    #[error("the file is not a readable bundle (truncated or corrupt zip): {0}")]
    Corrupt(String),
    #[error("the bundle has {count} entries, more than the {limit} allowed")]
    TooManyEntries { count: usize, limit: usize },
    #[error("the entry `{0}` has an unsafe path (.., absolute, backslash, or not a plain file)")]
    UnsafePath(String),
    #[error("the entry `{0}` appears twice")]
    DuplicateEntry(String),
    #[error("two entries of the bundle have the same name")]
    DuplicateNames,
    #[error("the entry `{0}` is not listed in the manifest")]
    UnlistedEntry(String),
    #[error("the entry `{0}` is listed in the manifest but missing")]
    MissingEntry(String),
    #[error("the bundle has no manifest")]
    NoManifest,
    #[error("the manifest cannot be read: {0}")]
    BadManifest(String),
    #[error("a record cannot be read: {0}")]
    BadRecord(String),
    #[error("the bundle is in format {found}; this Lode reads up to format {supported}")]
    NewerFormat { found: u32, supported: u32 },
    #[error("the bundle is signed with key {0}, which this office does not trust")]
    UnknownKey(String),
    #[error("the bundle is signed with key {0}, which was revoked")]
    RevokedKey(String),
    #[error("the signature does not match this bundle's manifest")]
    BadSignature,
    #[error("the entry `{0}` does not match its SHA-256 in the manifest")]
    HashMismatch(String),
    #[error("the entry `{path}` holds {found} bytes where the manifest says {stated}")]
    SizeMismatch {
        path: String,
        stated: u64,
        found: u64,
    },
    #[error("the entry `{path}` inflates beyond {limit} bytes")]
    TooLarge { path: String, limit: u64 },
    #[error("a key cannot be read: {0}")]
    BadKey(String),
    #[error("the passphrase does not unlock this office's sealing key")]
    WrongPassphrase,
    #[error("the bundle is sealed for another office's key")]
    NotForThisOffice,
    #[error("the sealed bundle is truncated or damaged: {0}")]
    SealCorrupt(String),
    #[error("input/output error: {0}")]
    Io(#[from] std::io::Error),
}

impl BundleError {
    /// The stable code of this refusal.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Corrupt(_) => "bundle.corrupt",
            Self::TooManyEntries { .. } => "bundle.too_many_entries",
            Self::UnsafePath(_) => "bundle.unsafe_path",
            Self::DuplicateEntry(_) | Self::DuplicateNames => "bundle.duplicate_entry",
            Self::UnlistedEntry(_) => "bundle.unlisted_entry",
            Self::MissingEntry(_) => "bundle.missing_entry",
            Self::NoManifest => "bundle.no_manifest",
            Self::BadManifest(_) => "bundle.bad_manifest",
            Self::BadRecord(_) => "bundle.bad_record",
            Self::NewerFormat { .. } => "bundle.newer_format",
            Self::UnknownKey(_) => "bundle.unknown_key",
            Self::RevokedKey(_) => "bundle.revoked_key",
            Self::BadSignature => "bundle.bad_signature",
            Self::HashMismatch(_) => "bundle.hash_mismatch",
            Self::SizeMismatch { .. } => "bundle.size_mismatch",
            Self::TooLarge { .. } => "bundle.too_large",
            Self::BadKey(_) => "bundle.bad_key",
            Self::WrongPassphrase => "bundle.wrong_passphrase",
            Self::NotForThisOffice => "bundle.not_for_this_office",
            Self::SealCorrupt(_) => "bundle.seal_corrupt",
            Self::Io(_) => "bundle.io",
        }
    }
}

impl From<zip::result::ZipError> for BundleError {
    fn from(error: zip::result::ZipError) -> Self {
        match error {
            zip::result::ZipError::Io(io) => Self::Corrupt(io.to_string()),
            other => Self::Corrupt(other.to_string()),
        }
    }
}
