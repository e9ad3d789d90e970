//! Bundles as they arrive in practice — good ones, and every kind of bad one: each bad input is
//! refused with its own error, naming the entry at fault, before any record is read.

use lode_bundle::{
    BundleError, BundleKind, BundleWriter, ChangeRange, FORMAT_VERSION, FileEntry, Header, Limits,
    Manifest, OfficeKey, Trust, VerifiedBundle, verify, verifying_key,
};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;

fn key(seed: u8) -> OfficeKey {
    OfficeKey::from_secret(&[seed; 32]).unwrap()
}

/// A trust list holding `trusted` (and naming `revoked` as revoked).
fn trusting(trusted: &OfficeKey, revoked: Option<&OfficeKey>) -> impl Fn(&str) -> Trust {
    let (id, public) = (trusted.key_id(), trusted.public());
    let revoked = revoked.map(OfficeKey::key_id);
    move |asked: &str| {
        if asked == id {
            Trust::Trusted(verifying_key(&public).unwrap())
        } else if revoked.as_deref() == Some(asked) {
            Trust::Revoked
        } else {
            Trust::Unknown
        }
    }
}

fn header(sequence: u64) -> Header {
    Header {
        bundle_id: format!("bundle-{sequence}"),
        kind: BundleKind::DistrictSubmission,
        origin_office: "office-1".into(),
        office_name: "Mbeli district office".into(),
        exported_by: "Amina".into(),
        sequence,
        changes: ChangeRange {
            after: 0,
            through: 1_795_824_000_000,
        },
        created_at: 1_795_824_000_000,
    }
}

/// A good bundle: two tables and an attachment, signed with `signer`.
fn good(dir: &Path, name: &str, signer: &OfficeKey) -> PathBuf {
    let path = dir.join(name);
    let attachment = dir.join("photo.jpg");
    std::fs::write(&attachment, b"not really a photo").unwrap();
    let mut writer = BundleWriter::create(&path).unwrap();
    writer
        .add_records(
            "site",
            (0..3).map(|i| json!({"id": format!("s{i}"), "name": format!("Kalima {i}")})),
        )
        .unwrap();
    writer
        .add_records("licence_holder", [json!({"id": "h1", "name": "Aline"})])
        .unwrap();
    writer.add_attachment(&attachment).unwrap();
    writer.finish(header(1), signer).unwrap();
    path
}

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A manifest listing `files` as they are.
fn manifest_of(files: &[(&str, &[u8])], signer: &OfficeKey) -> Manifest {
    Manifest {
        format_version: FORMAT_VERSION,
        bundle_id: "crafted".into(),
        kind: BundleKind::DistrictSubmission,
        origin_office: "office-1".into(),
        office_name: "Mbeli district office".into(),
        exported_by: "Amina".into(),
        key_id: signer.key_id(),
        sequence: 1,
        changes: ChangeRange {
            after: 0,
            through: 1,
        },
        created_at: 1,
        record_counts: BTreeMap::new(),
        files: files
            .iter()
            .map(|(path, bytes)| FileEntry {
                path: (*path).to_owned(),
                size: bytes.len() as u64,
                sha256: sha(bytes),
            })
            .collect(),
        acknowledgements: Vec::new(),
        seal_to: None,
    }
}

/// A zip written entry by entry: `entries`, then the manifest signed by `signer`.
fn craft(
    dir: &Path,
    entries: &[(&str, &[u8])],
    manifest: &Manifest,
    signer: &OfficeKey,
    signature_of: Option<&[u8]>,
) -> PathBuf {
    let path = dir.join("crafted.lodebundle");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = SimpleFileOptions::default();
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    let bytes = serde_json::to_vec(manifest).unwrap();
    zip.start_file("manifest.json", options).unwrap();
    zip.write_all(&bytes).unwrap();
    zip.start_file("manifest.sig", options).unwrap();
    zip.write_all(&sign(signer, signature_of.unwrap_or(&bytes)))
        .unwrap();
    zip.finish().unwrap();
    path
}

fn sign(signer: &OfficeKey, message: &[u8]) -> Vec<u8> {
    use ed25519_dalek::Signer;
    ed25519_dalek::SigningKey::from_bytes(&signer.secret())
        .sign(message)
        .to_bytes()
        .to_vec()
}

fn refused(path: &Path, trust: impl Fn(&str) -> Trust, limits: &Limits) -> BundleError {
    verify(path, trust, limits).expect_err("the bundle is refused")
}

#[test]
fn a_good_bundle_verifies_and_its_records_and_attachment_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let signer = key(1);
    let path = good(dir.path(), "good.lodebundle", &signer);
    let mut bundle: VerifiedBundle =
        verify(&path, trusting(&signer, None), &Limits::default()).unwrap();
    assert_eq!(bundle.manifest().record_counts["site"], 3);
    assert_eq!(bundle.manifest().sequence, 1);
    let mut names = Vec::new();
    bundle
        .for_each_record("site", |r| {
            names.push(r["name"].as_str().unwrap().to_owned());
            Ok(())
        })
        .unwrap();
    assert_eq!(names, ["Kalima 0", "Kalima 1", "Kalima 2"]);
    let hash = sha(b"not really a photo");
    let mut copy = Vec::new();
    bundle.copy_attachment(&hash, &mut copy).unwrap();
    assert_eq!(copy, b"not really a photo");
    assert!(
        !dir.path().join("good.lodebundle.part").exists(),
        "no partial file is left"
    );
}

#[test]
fn a_truncated_or_corrupted_file_is_refused_as_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let signer = key(1);
    let path = good(dir.path(), "good.lodebundle", &signer);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let error = refused(&path, trusting(&signer, None), &Limits::default());
    assert_eq!(error.code(), "bundle.corrupt", "{error}");

    std::fs::write(&path, b"PK\x03\x04 not a zip at all").unwrap();
    let error = refused(&path, trusting(&signer, None), &Limits::default());
    assert_eq!(error.code(), "bundle.corrupt", "{error}");
}

#[test]
fn a_changed_entry_does_not_match_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    let signer = key(1);
    let mut manifest = manifest_of(&[("records/site.jsonl", b"{}\n")], &signer);
    manifest.files[0].sha256 = sha(b"something else");
    let path = craft(
        dir.path(),
        &[("records/site.jsonl", b"{}\n")],
        &manifest,
        &signer,
        None,
    );
    let error = refused(&path, trusting(&signer, None), &Limits::default());
    assert!(
        matches!(&error, BundleError::HashMismatch(p) if p == "records/site.jsonl"),
        "{error}"
    );
}

#[test]
fn unknown_and_revoked_keys_and_foreign_signatures_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (signer, other) = (key(1), key(2));
    let path = good(dir.path(), "good.lodebundle", &signer);
    let error = refused(&path, trusting(&other, None), &Limits::default());
    assert_eq!(error.code(), "bundle.unknown_key");
    let error = refused(&path, trusting(&other, Some(&signer)), &Limits::default());
    assert_eq!(error.code(), "bundle.revoked_key");

    // The signature of another bundle, by the same trusted key.
    let files: &[(&str, &[u8])] = &[("records/site.jsonl", b"{\"id\":\"a\"}\n")];
    let other_manifest = serde_json::to_vec(&manifest_of(
        &[("records/site.jsonl", b"{\"id\":\"b\"}\n")],
        &signer,
    ))
    .unwrap();
    let path = craft(
        dir.path(),
        files,
        &manifest_of(files, &signer),
        &signer,
        Some(&other_manifest),
    );
    let error = refused(&path, trusting(&signer, None), &Limits::default());
    assert_eq!(error.code(), "bundle.bad_signature");
}

#[test]
fn a_newer_format_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let signer = key(1);
    let mut manifest = manifest_of(&[], &signer);
    manifest.format_version = FORMAT_VERSION + 1;
    let path = craft(dir.path(), &[], &manifest, &signer, None);
    let error = refused(&path, trusting(&signer, None), &Limits::default());
    assert!(
        matches!(error, BundleError::NewerFormat { found, .. } if found == FORMAT_VERSION + 1),
        "{error}"
    );
}

#[test]
fn unsafe_paths_and_symlinks_are_refused_before_anything_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let signer = key(1);
    for name in [
        "../evil.jsonl",
        "records/../../evil",
        "/etc/cron.d/evil",
        "records\\site.jsonl",
    ] {
        let files: &[(&str, &[u8])] = &[(name, b"x")];
        let path = craft(
            dir.path(),
            files,
            &manifest_of(files, &signer),
            &signer,
            None,
        );
        let error = refused(&path, trusting(&signer, None), &Limits::default());
        assert!(
            matches!(&error, BundleError::UnsafePath(p) if p == name),
            "{name}: {error}"
        );
    }
    let path = dir.path().join("symlink.lodebundle");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.add_symlink(
        "records/site.jsonl",
        "/etc/passwd",
        SimpleFileOptions::default(),
    )
    .unwrap();
    zip.finish().unwrap();
    let error = refused(&path, trusting(&signer, None), &Limits::default());
    assert_eq!(error.code(), "bundle.unsafe_path", "{error}");
}

#[test]
fn duplicate_unlisted_and_missing_entries_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let signer = key(1);
    // Two entries given the same name by patching the second one's name in place.
    let files: &[(&str, &[u8])] = &[("records/aa.jsonl", b"{}\n"), ("records/ab.jsonl", b"{}\n")];
    let path = craft(
        dir.path(),
        files,
        &manifest_of(&files[..1], &signer),
        &signer,
        None,
    );
    let mut bytes = std::fs::read(&path).unwrap();
    let needle = b"records/ab.jsonl";
    let mut at = 0;
    while let Some(found) = bytes[at..].windows(needle.len()).position(|w| w == needle) {
        bytes[at + found..at + found + needle.len()].copy_from_slice(b"records/aa.jsonl");
        at += found + needle.len();
    }
    std::fs::write(&path, &bytes).unwrap();
    let error = refused(&path, trusting(&signer, None), &Limits::default());
    assert!(matches!(error, BundleError::DuplicateNames), "{error}");

    let path = craft(
        dir.path(),
        files,
        &manifest_of(&files[..1], &signer),
        &signer,
        None,
    );
    let error = refused(&path, trusting(&signer, None), &Limits::default());
    assert!(
        matches!(&error, BundleError::UnlistedEntry(p) if p == "records/ab.jsonl"),
        "{error}"
    );

    let path = craft(
        dir.path(),
        &files[..1],
        &manifest_of(files, &signer),
        &signer,
        None,
    );
    let error = refused(&path, trusting(&signer, None), &Limits::default());
    assert!(
        matches!(&error, BundleError::MissingEntry(p) if p == "records/ab.jsonl"),
        "{error}"
    );

    let path = craft(dir.path(), &[], &manifest_of(&[], &signer), &signer, None);
    let mut bytes = std::fs::read(&path).unwrap();
    let needle = b"manifest.json";
    while let Some(found) = bytes.windows(needle.len()).position(|w| w == needle) {
        bytes[found..found + needle.len()].copy_from_slice(b"manifest.jsoX");
    }
    std::fs::write(&path, &bytes).unwrap();
    let error = refused(&path, trusting(&signer, None), &Limits::default());
    assert!(
        matches!(
            error,
            BundleError::NoManifest | BundleError::UnlistedEntry(_)
        ),
        "{error}"
    );
}

#[test]
fn an_entry_that_inflates_beyond_its_size_or_the_limit_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let signer = key(1);
    // 16 MiB of zeros deflate to some 16 kilobytes: a zip bomb in miniature.
    let zeros = vec![0u8; 16 << 20];
    let files: &[(&str, &[u8])] = &[("records/site.jsonl", &zeros)];
    let mut manifest = manifest_of(files, &signer);
    manifest.files[0].size = 1_000;
    let path = craft(dir.path(), files, &manifest, &signer, None);
    assert!(std::fs::metadata(&path).unwrap().len() < 1 << 20);
    let error = refused(&path, trusting(&signer, None), &Limits::default());
    assert!(
        matches!(&error, BundleError::TooLarge { path, limit: 1_000 } if path == "records/site.jsonl"),
        "{error}"
    );

    // Stated honestly, but beyond what this office accepts.
    let path = craft(
        dir.path(),
        files,
        &manifest_of(files, &signer),
        &signer,
        None,
    );
    let limits = Limits {
        max_entry_bytes: 1 << 20,
        ..Limits::default()
    };
    let error = refused(&path, trusting(&signer, None), &limits);
    assert_eq!(error.code(), "bundle.too_large", "{error}");
}

#[test]
fn too_many_entries_are_refused_before_any_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let signer = key(1);
    let names: Vec<String> = (0..10).map(|i| format!("attachments/{i}")).collect();
    let files: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    let path = craft(
        dir.path(),
        &files,
        &manifest_of(&files, &signer),
        &signer,
        None,
    );
    let limits = Limits {
        max_entries: 8,
        ..Limits::default()
    };
    let error = refused(&path, trusting(&signer, None), &limits);
    assert!(
        matches!(
            error,
            BundleError::TooManyEntries {
                count: 12,
                limit: 8
            }
        ),
        "{error}"
    );
}
