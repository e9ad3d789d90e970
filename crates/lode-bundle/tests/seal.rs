//! Sealed bundles on real files: what is sealed unseals to the same bytes, the sealed bytes show
//! nothing of the plaintext, and every refusal (wrong passphrase, another office's key, a damaged
//! file, too much plaintext) has its own error and leaves no partial file behind.

use lode_bundle::{
    BundleError, BundleKind, BundleWriter, ChangeRange, Header, Limits, OfficeKey, SealingIdentity,
    Trust, is_sealed, seal, unseal, valid_recipient, verify, verifying_key,
};
use serde_json::json;
use std::path::{Path, PathBuf};

const MARKER: &[u8] = b"Kalima gold site, licence holder Aline";

/// `size` bytes that do not repeat in any simple way, with `MARKER` in the middle.
fn content(size: usize) -> Vec<u8> {
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut bytes: Vec<u8> = (0..size)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect();
    if size >= MARKER.len() {
        let at = (size - MARKER.len()) / 2;
        bytes[at..at + MARKER.len()].copy_from_slice(MARKER);
    }
    bytes
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// `bytes` sealed to `identity`, as `sealed.lodebundle` in `dir`.
fn sealed(dir: &Path, bytes: &[u8], identity: &SealingIdentity) -> PathBuf {
    let plain = write(dir, "plain.lodebundle", bytes);
    let sealed = dir.join("sealed.lodebundle");
    seal(&plain, &sealed, &identity.recipient()).unwrap();
    sealed
}

/// The names in `dir` other than `keep`: what a failed call would have left behind.
fn leftovers(dir: &Path, keep: &[&str]) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !keep.contains(&name.as_str()))
        .collect()
}

fn refused_unseal(sealed: &Path, identity: &SealingIdentity, max_bytes: u64) -> BundleError {
    let plain = sealed.with_file_name("unsealed.lodebundle");
    let error = unseal(sealed, &plain, identity, max_bytes).expect_err("unsealing is refused");
    assert!(!plain.exists(), "no partial plain file is left ({error})");
    error
}

#[test]
fn sealing_then_unsealing_gives_back_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let identity = SealingIdentity::generate();
    for size in [3 << 20, 0, 1] {
        let original = content(size);
        let sealed = sealed(dir.path(), &original, &identity);
        let plain = dir.path().join("unsealed.lodebundle");
        let written = unseal(&sealed, &plain, &identity, u64::MAX).unwrap();
        assert_eq!(written, size as u64, "unseal counts the bytes it wrote");
        assert!(
            std::fs::read(&plain).unwrap() == original,
            "{size} bytes come back unchanged"
        );
    }
    assert_eq!(
        leftovers(
            dir.path(),
            &[
                "plain.lodebundle",
                "sealed.lodebundle",
                "unsealed.lodebundle"
            ]
        ),
        Vec::<String>::new(),
        "no temporary file is left"
    );
}

#[test]
fn a_file_can_be_sealed_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let identity = SealingIdentity::generate();
    let original = content(100_000);
    let path = write(dir.path(), "bundle.lodebundle", &original);
    seal(&path, &path, &identity.recipient()).unwrap();
    assert!(is_sealed(&path).unwrap());
    unseal(&path, &path, &identity, u64::MAX).unwrap();
    assert!(std::fs::read(&path).unwrap() == original);
}

#[test]
fn the_sealed_bytes_show_nothing_of_the_plaintext() {
    let dir = tempfile::tempdir().unwrap();
    let original = content(200_000);
    assert!(original.windows(MARKER.len()).any(|w| w == MARKER));
    let sealed =
        std::fs::read(sealed(dir.path(), &original, &SealingIdentity::generate())).unwrap();
    assert!(
        !sealed.windows(MARKER.len()).any(|w| w == MARKER),
        "the marker must not appear in the sealed file"
    );
}

#[test]
fn is_sealed_tells_a_sealed_file_from_a_bundle_and_a_short_file() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = signed_bundle(dir.path(), &OfficeKey::from_secret(&[3; 32]).unwrap());
    assert!(!is_sealed(&bundle).unwrap(), "a zip starts with PK");
    let sealed = dir.path().join("sealed.lodebundle");
    seal(&bundle, &sealed, &SealingIdentity::generate().recipient()).unwrap();
    assert!(is_sealed(&sealed).unwrap());
    for short in [&b""[..], b"age", b"age-encryption.org/v1"] {
        let path = write(dir.path(), "short", short);
        assert!(!is_sealed(&path).unwrap(), "{short:?} is too short");
    }
    assert!(is_sealed(&dir.path().join("missing")).is_err());
}

#[test]
fn a_recipient_must_be_an_age_x25519_public_key() {
    let identity = SealingIdentity::generate();
    let recipient = identity.recipient();
    assert!(recipient.starts_with("age1"), "{recipient}");
    valid_recipient(&recipient).unwrap();
    valid_recipient(&format!(" {recipient}\n")).unwrap();
    let mut damaged = recipient.clone();
    damaged.pop();
    damaged.push(if recipient.ends_with('q') { 'p' } else { 'q' });
    for bad in [
        "",
        "age1",
        "AGE-SECRET-KEY-1QQQQ",
        "ssh-ed25519 AAAA",
        &damaged,
    ] {
        let error = valid_recipient(bad).expect_err("refused");
        assert_eq!(error.code(), "bundle.bad_key", "{bad}: {error}");
    }

    let dir = tempfile::tempdir().unwrap();
    let plain = write(dir.path(), "plain.lodebundle", b"PK");
    let error = seal(&plain, &dir.path().join("sealed"), &damaged).expect_err("refused");
    assert_eq!(error.code(), "bundle.bad_key");
    assert_eq!(
        leftovers(dir.path(), &["plain.lodebundle"]),
        Vec::<String>::new()
    );
}

#[test]
fn a_protected_identity_unlocks_with_its_passphrase_only() {
    let identity = SealingIdentity::generate();
    let protected = identity.protect("correct horse battery staple").unwrap();
    assert!(protected.starts_with(b"age-encryption.org/v1\n"));
    assert!(
        !protected.windows(15).any(|w| w == b"AGE-SECRET-KEY-"),
        "the secret key is never kept in the clear"
    );
    let unlocked = SealingIdentity::unlock(&protected, "correct horse battery staple").unwrap();
    assert_eq!(unlocked.recipient(), identity.recipient());

    let error = SealingIdentity::unlock(&protected, "correct horse battery stable")
        .expect_err("a wrong passphrase is refused");
    assert!(matches!(error, BundleError::WrongPassphrase), "{error}");
    assert_eq!(error.code(), "bundle.wrong_passphrase");

    let error = SealingIdentity::unlock(b"not protected at all", "x").expect_err("refused");
    assert_eq!(error.code(), "bundle.bad_key", "{error}");
    let error = identity
        .protect("")
        .expect_err("an empty passphrase protects nothing");
    assert_eq!(error.code(), "bundle.bad_key", "{error}");
}

#[test]
fn an_unlocked_identity_unseals_what_was_sealed_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let national = SealingIdentity::generate();
    let recipient = national.recipient();
    let protected = national.protect("national office").unwrap();
    drop(national);
    let original = content(10_000);
    let plain = write(dir.path(), "plain.lodebundle", &original);
    let sealed = dir.path().join("sealed.lodebundle");
    seal(&plain, &sealed, &recipient).unwrap();
    let unlocked = SealingIdentity::unlock(&protected, "national office").unwrap();
    let back = dir.path().join("back.lodebundle");
    unseal(&sealed, &back, &unlocked, u64::MAX).unwrap();
    assert!(std::fs::read(&back).unwrap() == original);
}

#[test]
fn a_bundle_sealed_for_another_office_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let sealed = sealed(dir.path(), &content(1000), &SealingIdentity::generate());
    let error = refused_unseal(&sealed, &SealingIdentity::generate(), u64::MAX);
    assert!(matches!(error, BundleError::NotForThisOffice), "{error}");
    assert_eq!(error.code(), "bundle.not_for_this_office");
    assert_eq!(
        error.to_string(),
        "the bundle is sealed for another office's key"
    );
}

#[test]
fn a_truncated_sealed_file_is_refused_as_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let identity = SealingIdentity::generate();
    let sealed = sealed(dir.path(), &content(300_000), &identity);
    let bytes = std::fs::read(&sealed).unwrap();
    // The payload starts after the header's MAC line and a 16-byte nonce; it is made of chunks
    // of 64 KiB plus a 16-byte tag. Cut within the payload, just after a whole chunk (only the
    // last chunk is marked as last), and within the header.
    let mac_line = bytes.windows(5).position(|w| w == b"\n--- ").unwrap() + 1;
    let header_end = mac_line + bytes[mac_line..].iter().position(|&b| b == b'\n').unwrap() + 1;
    let first_chunk_end = header_end + 16 + 65_536 + 16;
    for keep in [bytes.len() - 1, bytes.len() / 2, first_chunk_end, 40] {
        std::fs::write(&sealed, &bytes[..keep]).unwrap();
        let error = refused_unseal(&sealed, &identity, u64::MAX);
        assert!(
            matches!(error, BundleError::SealCorrupt(_)),
            "{keep} bytes kept: {error}"
        );
        assert_eq!(error.code(), "bundle.seal_corrupt");
    }
    assert_eq!(
        leftovers(dir.path(), &["plain.lodebundle", "sealed.lodebundle"]),
        Vec::<String>::new()
    );
}

#[test]
fn a_changed_byte_in_a_sealed_file_is_refused_as_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let identity = SealingIdentity::generate();
    let sealed = sealed(dir.path(), &content(300_000), &identity);
    let bytes = std::fs::read(&sealed).unwrap();
    for at in [bytes.len() / 2, bytes.len() - 1] {
        let mut changed = bytes.clone();
        changed[at] ^= 0x01;
        std::fs::write(&sealed, &changed).unwrap();
        let error = refused_unseal(&sealed, &identity, u64::MAX);
        assert!(
            matches!(error, BundleError::SealCorrupt(_)),
            "byte {at}: {error}"
        );
    }
    assert_eq!(
        leftovers(dir.path(), &["plain.lodebundle", "sealed.lodebundle"]),
        Vec::<String>::new()
    );
}

#[test]
fn more_plaintext_than_allowed_is_refused_as_too_large() {
    let dir = tempfile::tempdir().unwrap();
    let identity = SealingIdentity::generate();
    let sealed = sealed(dir.path(), &content(1 << 20), &identity);
    let error = refused_unseal(&sealed, &identity, 1000);
    assert!(
        matches!(&error, BundleError::TooLarge { limit: 1000, path } if path == "sealed.lodebundle"),
        "{error}"
    );
    let error = refused_unseal(&sealed, &identity, (1 << 20) - 1);
    assert_eq!(
        error.code(),
        "bundle.too_large",
        "one byte over is too much"
    );
    let plain = dir.path().join("unsealed.lodebundle");
    assert_eq!(
        unseal(&sealed, &plain, &identity, 1 << 20).unwrap(),
        1 << 20
    );
}

fn signed_bundle(dir: &Path, signer: &OfficeKey) -> PathBuf {
    let path = dir.join("signed.lodebundle");
    let mut writer = BundleWriter::create(&path).unwrap();
    writer
        .add_records(
            "site",
            (0..50).map(|i| json!({"id": format!("s{i}"), "name": format!("Kalima {i}")})),
        )
        .unwrap();
    let header = Header {
        bundle_id: "bundle-1".into(),
        kind: BundleKind::DistrictSubmission,
        origin_office: "office-1".into(),
        office_name: "Mbeli district office".into(),
        exported_by: "Amina".into(),
        sequence: 1,
        changes: ChangeRange {
            after: 0,
            through: 1_795_824_000_000,
        },
        created_at: 1_795_824_000_000,
    };
    writer.finish(header, signer).unwrap();
    path
}

#[test]
fn a_signed_bundle_sealed_then_unsealed_still_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let signer = OfficeKey::from_secret(&[7; 32]).unwrap();
    let trust = |id: &str| {
        if id == signer.key_id() {
            Trust::Trusted(verifying_key(&signer.public()).unwrap())
        } else {
            Trust::Unknown
        }
    };
    let bundle = signed_bundle(dir.path(), &signer);
    let national = SealingIdentity::generate();
    let sealed = dir.path().join("mbeli.lodebundle");
    seal(&bundle, &sealed, &national.recipient()).unwrap();

    let error = verify(&sealed, trust, &Limits::default()).expect_err("a sealed file is no zip");
    assert_eq!(error.code(), "bundle.corrupt", "{error}");
    let error = refused_unseal(&bundle, &national, u64::MAX);
    assert_eq!(
        error.code(),
        "bundle.seal_corrupt",
        "a zip is not sealed: {error}"
    );

    let staged = dir.path().join("staged.lodebundle");
    let written = unseal(&sealed, &staged, &national, 4 << 30).unwrap();
    assert_eq!(written, std::fs::metadata(&bundle).unwrap().len());
    let verified = verify(&staged, trust, &Limits::default()).unwrap();
    assert_eq!(verified.manifest().record_counts["site"], 50);
    assert_eq!(verified.manifest().key_id, signer.key_id());
}
