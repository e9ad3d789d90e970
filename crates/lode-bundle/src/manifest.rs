use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The format this build writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BundleKind {
    /// A district's (or province's) work, sent up.
    DistrictSubmission,
    /// The national strategy, catalogues and indicator definitions, sent down.
    NationalReference,
}

/// The changes a bundle carries: records updated after `after` up to `through` (milliseconds
/// since 1970, the records' `updated_at`); `after` 0 means everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeRange {
    pub after: i64,
    pub through: i64,
}

/// One file of the bundle other than the manifest and its signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub format_version: u32,
    pub bundle_id: String,
    pub kind: BundleKind,
    /// The office's record id, and its name as people know it.
    pub origin_office: String,
    pub office_name: String,
    /// The officer who wrote the bundle.
    pub exported_by: String,
    pub key_id: String,
    /// 1 for an office's first bundle, then one more for each.
    pub sequence: u64,
    pub changes: ChangeRange,
    pub created_at: i64,
    pub record_counts: BTreeMap<String, u64>,
    pub files: Vec<FileEntry>,
    /// The bundles of other offices this office has received and applied, each office's run of
    /// them without a gap: an office seeing its own here sends only what changed after `through`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledgements: Vec<Acknowledgement>,
    /// The `age1…` recipient bundles to this office should be sealed to (a national office's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal_to: Option<String>,
}

/// "Every bundle of `origin_office` up to `sequence` has arrived here": the changes through
/// `through` are safe at the receiving office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Acknowledgement {
    pub origin_office: String,
    pub sequence: u64,
    pub through: i64,
}

impl Manifest {
    pub fn file(&self, path: &str) -> Option<&FileEntry> {
        self.files.iter().find(|f| f.path == path)
    }
}
