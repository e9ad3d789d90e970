//! Writing a bundle: records and attachments are streamed into the zip while their size and
//! SHA-256 are counted; the manifest that lists them is written last, then its signature. The zip
//! is built beside the destination and renamed into place only when complete.

use crate::keys::{HashSink, OfficeKey, hex};
use crate::manifest::{
    Acknowledgement, BundleKind, ChangeRange, FORMAT_VERSION, FileEntry, Manifest,
};
use crate::{BundleError, MANIFEST, SIGNATURE, paths};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// What the manifest says of the bundle besides its files.
#[derive(Debug, Clone)]
pub struct Header {
    pub bundle_id: String,
    pub kind: BundleKind,
    pub origin_office: String,
    pub office_name: String,
    pub exported_by: String,
    pub sequence: u64,
    pub changes: ChangeRange,
    pub created_at: i64,
}

pub struct BundleWriter {
    /// Taken by `finish`.
    zip: Option<ZipWriter<BufWriter<File>>>,
    partial: PathBuf,
    destination: PathBuf,
    files: Vec<FileEntry>,
    counts: BTreeMap<String, u64>,
    acknowledgements: Vec<Acknowledgement>,
    seal_to: Option<String>,
}

/// Counts and hashes what passes through to the zip.
struct Counting<'a, W: Write> {
    inner: &'a mut W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Counting<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hasher.update(&buf[..written]);
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn options(method: CompressionMethod) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(method)
        .large_file(true)
        .unix_permissions(0o644)
}

impl BundleWriter {
    pub fn create(destination: &Path) -> Result<Self, BundleError> {
        let partial = destination.with_extension("lodebundle.part");
        let file = File::create(&partial)?;
        Ok(Self {
            zip: Some(ZipWriter::new(BufWriter::new(file))),
            partial,
            destination: destination.to_owned(),
            files: Vec::new(),
            counts: BTreeMap::new(),
            acknowledgements: Vec::new(),
            seal_to: None,
        })
    }

    fn zip(&mut self) -> Result<&mut ZipWriter<BufWriter<File>>, BundleError> {
        self.zip
            .as_mut()
            .ok_or_else(|| BundleError::Corrupt("the bundle was already finished".into()))
    }

    /// Writes a table's rows as JSON Lines; returns how many.
    pub fn add_records<I>(&mut self, table: &str, rows: I) -> Result<u64, BundleError>
    where
        I: IntoIterator<Item = serde_json::Value>,
    {
        if !paths::is_table_name(table) || self.counts.contains_key(table) {
            return Err(BundleError::UnsafePath(paths::records(table)));
        }
        let path = paths::records(table);
        let zip = self.zip()?;
        zip.start_file(path.as_str(), options(CompressionMethod::Deflated))?;
        let mut out = Counting {
            inner: zip,
            hasher: Sha256::new(),
            bytes: 0,
        };
        let mut count = 0;
        for row in rows {
            serde_json::to_writer(&mut out, &row).map_err(io::Error::other)?;
            out.write_all(b"\n")?;
            count += 1;
        }
        let entry = FileEntry {
            path,
            size: out.bytes,
            sha256: hex(&out.hasher.finalize()),
        };
        self.files.push(entry);
        self.counts.insert(table.to_owned(), count);
        Ok(count)
    }

    /// Says, in the manifest, which other offices' bundles this office has received.
    pub fn acknowledge(&mut self, acknowledgements: Vec<Acknowledgement>) {
        self.acknowledgements = acknowledgements;
    }

    /// Names, in the manifest, the recipient bundles to this office should be sealed to.
    pub fn announce_seal_to(&mut self, recipient: String) {
        self.seal_to = Some(recipient);
    }

    /// Stores a file by its SHA-256 (once, however often it is added); returns the hash.
    pub fn add_attachment(&mut self, source: &Path) -> Result<String, BundleError> {
        let mut hasher = Sha256::new();
        io::copy(&mut File::open(source)?, &mut HashSink(&mut hasher))?;
        let sha256 = hex(&hasher.finalize());
        let path = paths::attachment(&sha256);
        if self.files.iter().any(|f| f.path == path) {
            return Ok(sha256);
        }
        let zip = self.zip()?;
        zip.start_file(path.as_str(), options(CompressionMethod::Stored))?;
        let mut out = Counting {
            inner: zip,
            hasher: Sha256::new(),
            bytes: 0,
        };
        io::copy(&mut File::open(source)?, &mut out)?;
        let written = hex(&out.hasher.finalize());
        if written != sha256 {
            // The file changed while it was being copied: better no bundle than a wrong one.
            return Err(BundleError::HashMismatch(source.display().to_string()));
        }
        let size = out.bytes;
        self.files.push(FileEntry {
            path,
            size,
            sha256: sha256.clone(),
        });
        Ok(sha256)
    }

    /// Writes the manifest and its signature, closes the zip and moves it into place.
    pub fn finish(mut self, header: Header, key: &OfficeKey) -> Result<Manifest, BundleError> {
        let manifest = Manifest {
            format_version: FORMAT_VERSION,
            bundle_id: header.bundle_id,
            kind: header.kind,
            origin_office: header.origin_office,
            office_name: header.office_name,
            exported_by: header.exported_by,
            key_id: key.key_id(),
            sequence: header.sequence,
            changes: header.changes,
            created_at: header.created_at,
            record_counts: std::mem::take(&mut self.counts),
            files: std::mem::take(&mut self.files),
            acknowledgements: std::mem::take(&mut self.acknowledgements),
            seal_to: self.seal_to.take(),
        };
        let bytes = serde_json::to_vec_pretty(&manifest).map_err(io::Error::other)?;
        let zip = self.zip()?;
        zip.start_file(MANIFEST, options(CompressionMethod::Deflated))?;
        zip.write_all(&bytes)?;
        zip.start_file(SIGNATURE, options(CompressionMethod::Stored))?;
        zip.write_all(&key.sign(&bytes))?;
        let Some(zip) = self.zip.take() else {
            return Err(BundleError::Corrupt(
                "the bundle was already finished".into(),
            ));
        };
        let mut file = zip.finish()?;
        file.flush()?;
        file.get_ref().sync_all()?;
        std::fs::rename(&self.partial, &self.destination)?;
        Ok(manifest)
    }
}

/// A bundle left unfinished (an error, a panic) leaves no partial file behind.
impl Drop for BundleWriter {
    fn drop(&mut self) {
        if self.zip.is_some() {
            let _ = std::fs::remove_file(&self.partial);
        }
    }
}
