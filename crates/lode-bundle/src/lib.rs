//! The `.lodebundle` format (docs/bundle-format.md): one zip holding `manifest.json`, its Ed25519
//! signature `manifest.sig`, records as JSON Lines per table and attachments stored by hash. This
//! crate writes bundles and verifies them before anything reads their records; it knows nothing of
//! SQLite or of the app. Verification never extracts to disk: it streams each entry, counting the
//! real bytes and hashing them, and stops at the first thing that is not as the manifest says.
//! A finished bundle can also be sealed (age-encrypted) to the national office's key (`seal`).

mod error;
mod keys;
mod manifest;
mod paths;
mod read;
pub mod seal;
mod write;

pub use error::BundleError;
pub use keys::{OfficeKey, fingerprint, key_id, verifying_key};
pub use manifest::{Acknowledgement, BundleKind, ChangeRange, FORMAT_VERSION, FileEntry, Manifest};
pub use read::{Limits, Trust, VerifiedBundle, verify};
pub use seal::{SealingIdentity, is_sealed, seal, unseal, valid_recipient};
pub use write::{BundleWriter, Header};

/// The manifest's entry name, and that of its signature.
pub const MANIFEST: &str = "manifest.json";
pub const SIGNATURE: &str = "manifest.sig";
