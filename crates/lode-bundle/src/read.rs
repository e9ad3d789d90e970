//! Verifying a bundle before anything reads its records: the entry names and count, the manifest
//! and its format version, the signature against the trust list, then every listed file streamed
//! through a byte counter and SHA-256. Nothing is extracted; the caller reads a staging copy it
//! made, so the file cannot change between the checks and the import.

use crate::keys::{HashSink, hex, verify as verify_signature};
use crate::manifest::{FORMAT_VERSION, Manifest};
use crate::{BundleError, MANIFEST, SIGNATURE, paths};
use ed25519_dalek::VerifyingKey;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use zip::ZipArchive;

/// What a bundle may not exceed, whatever its manifest says.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_entries: usize,
    pub max_entry_bytes: u64,
    pub max_manifest_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_entries: 20_000,
            max_entry_bytes: 4 << 30,
            max_manifest_bytes: 16 << 20,
        }
    }
}

/// What the trust list says of a key id.
pub enum Trust {
    Trusted(VerifyingKey),
    Revoked,
    Unknown,
}

/// A bundle whose every check passed; its records can now be read.
pub struct VerifiedBundle {
    archive: ZipArchive<BufReader<File>>,
    manifest: Manifest,
}

impl std::fmt::Debug for VerifiedBundle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifiedBundle")
            .field("manifest", &self.manifest)
            .finish_non_exhaustive()
    }
}

/// Checks the bundle at `path` (a staging copy) and opens it for reading.
pub fn verify(
    path: &Path,
    trust: impl Fn(&str) -> Trust,
    limits: &Limits,
) -> Result<VerifiedBundle, BundleError> {
    let mut archive = ZipArchive::new(BufReader::new(File::open(path)?))?;
    let names = entry_names(&mut archive, limits)?;
    let (manifest_bytes, manifest) = read_manifest(&mut archive, &names, limits)?;
    let signature = read_bounded(&mut archive, SIGNATURE, 64)?;
    match trust(&manifest.key_id) {
        Trust::Unknown => return Err(BundleError::UnknownKey(manifest.key_id)),
        Trust::Revoked => return Err(BundleError::RevokedKey(manifest.key_id)),
        Trust::Trusted(key) => {
            if !verify_signature(&key, &manifest_bytes, &signature) {
                return Err(BundleError::BadSignature);
            }
        }
    }
    check_listing(&manifest, &names)?;
    for entry in &manifest.files {
        check_entry(&mut archive, &entry.path, entry.size, &entry.sha256, limits)?;
    }
    Ok(VerifiedBundle { archive, manifest })
}

/// Every entry's name, each checked safe, plain and unique, before any entry is read.
fn entry_names(
    archive: &mut ZipArchive<BufReader<File>>,
    limits: &Limits,
) -> Result<HashSet<String>, BundleError> {
    // The archive indexes entries by name, keeping one of two that share it: refuse those first.
    if archive.has_duplicate_names() {
        return Err(BundleError::DuplicateNames);
    }
    if archive.len() > limits.max_entries {
        return Err(BundleError::TooManyEntries {
            count: archive.len(),
            limit: limits.max_entries,
        });
    }
    let mut names = HashSet::new();
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index)?;
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        if !paths::is_safe(&name) || !entry.is_file() {
            return Err(BundleError::UnsafePath(name));
        }
        if !names.insert(name.clone()) {
            return Err(BundleError::DuplicateEntry(name));
        }
    }
    Ok(names)
}

fn read_manifest(
    archive: &mut ZipArchive<BufReader<File>>,
    names: &HashSet<String>,
    limits: &Limits,
) -> Result<(Vec<u8>, Manifest), BundleError> {
    if !names.contains(MANIFEST) {
        return Err(BundleError::NoManifest);
    }
    let bytes = read_bounded(archive, MANIFEST, limits.max_manifest_bytes)?;
    // The version first, so that a newer manifest is named as such rather than as unreadable.
    let version = serde_json::from_slice::<serde_json::Value>(&bytes)
        .map_err(|e| BundleError::BadManifest(e.to_string()))?
        .get("formatVersion")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| BundleError::BadManifest("no formatVersion".into()))?;
    if version > u64::from(FORMAT_VERSION) {
        return Err(BundleError::NewerFormat {
            found: u32::try_from(version).unwrap_or(u32::MAX),
            supported: FORMAT_VERSION,
        });
    }
    let manifest: Manifest =
        serde_json::from_slice(&bytes).map_err(|e| BundleError::BadManifest(e.to_string()))?;
    Ok((bytes, manifest))
}

/// The manifest lists exactly the other entries, each once.
fn check_listing(manifest: &Manifest, names: &HashSet<String>) -> Result<(), BundleError> {
    let mut listed = HashSet::new();
    for entry in &manifest.files {
        if !paths::is_safe(&entry.path) || entry.path == MANIFEST || entry.path == SIGNATURE {
            return Err(BundleError::UnsafePath(entry.path.clone()));
        }
        if !listed.insert(entry.path.as_str()) {
            return Err(BundleError::DuplicateEntry(entry.path.clone()));
        }
        if !names.contains(&entry.path) {
            return Err(BundleError::MissingEntry(entry.path.clone()));
        }
    }
    match names
        .iter()
        .find(|n| *n != MANIFEST && *n != SIGNATURE && !listed.contains(n.as_str()))
    {
        Some(unlisted) => Err(BundleError::UnlistedEntry(unlisted.clone())),
        None => Ok(()),
    }
}

/// Streams one entry, counting the bytes it really inflates to: never more than it states (nor
/// than the limit), exactly as many, and the SHA-256 the manifest gives.
fn check_entry(
    archive: &mut ZipArchive<BufReader<File>>,
    path: &str,
    stated: u64,
    sha256: &str,
    limits: &Limits,
) -> Result<(), BundleError> {
    let limit = stated.min(limits.max_entry_bytes);
    if stated > limits.max_entry_bytes {
        return Err(BundleError::TooLarge {
            path: path.to_owned(),
            limit,
        });
    }
    let mut hasher = Sha256::new();
    let found = copy_bounded(archive, path, limit, &mut HashSink(&mut hasher))?;
    if found != stated {
        return Err(BundleError::SizeMismatch {
            path: path.to_owned(),
            stated,
            found,
        });
    }
    if hex(&hasher.finalize()) != sha256 {
        return Err(BundleError::HashMismatch(path.to_owned()));
    }
    Ok(())
}

fn read_bounded(
    archive: &mut ZipArchive<BufReader<File>>,
    path: &str,
    limit: u64,
) -> Result<Vec<u8>, BundleError> {
    let mut bytes = Vec::new();
    copy_bounded(archive, path, limit, &mut bytes)?;
    Ok(bytes)
}

/// Copies an entry to `out`, failing as soon as it gives more than `limit` bytes.
fn copy_bounded(
    archive: &mut ZipArchive<BufReader<File>>,
    path: &str,
    limit: u64,
    out: &mut impl Write,
) -> Result<u64, BundleError> {
    let entry = archive.by_name(path).map_err(|e| match e {
        zip::result::ZipError::FileNotFound => BundleError::MissingEntry(path.to_owned()),
        other => other.into(),
    })?;
    // One byte past the limit is enough to know the entry inflates beyond it.
    let mut bounded = entry.take(limit.saturating_add(1));
    let copied = std::io::copy(&mut bounded, out).map_err(|e| {
        if e.kind() == std::io::ErrorKind::InvalidData {
            BundleError::Corrupt(format!("{path}: {e}"))
        } else {
            BundleError::Corrupt(e.to_string())
        }
    })?;
    if copied > limit {
        return Err(BundleError::TooLarge {
            path: path.to_owned(),
            limit,
        });
    }
    Ok(copied)
}

impl VerifiedBundle {
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Each record of `table`, in the order written; none when the bundle carries no such table.
    pub fn for_each_record(
        &mut self,
        table: &str,
        mut each: impl FnMut(serde_json::Value) -> Result<(), BundleError>,
    ) -> Result<u64, BundleError> {
        self.for_each_line(table, |number, line| {
            let record = serde_json::from_str(line).map_err(|e| {
                BundleError::BadRecord(format!("{}, record {number}: {e}", paths::records(table)))
            })?;
            each(record)
        })
    }

    /// Each record of `table` as its line of JSON text, numbered from 1, for a reader that parses
    /// it its own way (the import keeps the row's text for its audit row rather than write it
    /// again).
    pub fn for_each_line(
        &mut self,
        table: &str,
        mut each: impl FnMut(u64, &str) -> Result<(), BundleError>,
    ) -> Result<u64, BundleError> {
        let path = paths::records(table);
        let Some(entry) = self.manifest.file(&path) else {
            return Ok(0);
        };
        let size = entry.size;
        let mut reader = BufReader::new(self.archive.by_name(&path)?.take(size));
        let mut line = String::new();
        let mut count = 0;
        loop {
            line.clear();
            let read = reader
                .read_line(&mut line)
                .map_err(|e| BundleError::Corrupt(format!("{path}: {e}")))?;
            if read == 0 {
                return Ok(count);
            }
            count += 1;
            each(count, line.trim_end_matches(['\n', '\r']))?;
        }
    }

    /// Copies an attachment (by its SHA-256) to `out`.
    pub fn copy_attachment(
        &mut self,
        sha256: &str,
        out: &mut impl Write,
    ) -> Result<u64, BundleError> {
        let path = paths::attachment(sha256);
        let size = self
            .manifest
            .file(&path)
            .map(|f| f.size)
            .ok_or_else(|| BundleError::MissingEntry(path.clone()))?;
        copy_bounded(&mut self.archive, &path, size, out)
    }
}
