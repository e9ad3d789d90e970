//! The `lode` binary, run as a user would, on a temporary data folder.

mod common;

use common::{lode, stderr, stdout};
use std::path::Path;
use std::process::{Command, Output};

#[test]
fn init_then_demo_then_backup_gives_a_sound_copy() {
    let dir = tempfile::tempdir().unwrap();
    let init = lode(
        dir.path(),
        &[
            "init",
            "--office",
            "Kalima district office",
            "--level",
            "district",
            "--country",
            "CD",
            "--officer",
            "Jean Bosco",
            "--role",
            "Mining officer",
            "--lang",
            "fr",
        ],
    );
    assert!(init.status.success(), "{}", stderr(&init));
    assert!(stdout(&init).contains("Kalima district office"));

    let demo = lode(dir.path(), &["demo"]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    assert!(
        stdout(&demo).contains("Démo"),
        "the demo follows the installation's language: {}",
        stdout(&demo)
    );

    let target = dir.path().join("copy.db");
    let backup = lode(dir.path(), &["backup", target.to_str().unwrap()]);
    assert!(backup.status.success(), "{}", stderr(&backup));
    let copy = lode_store::Connection::open(&target).unwrap();
    assert_eq!(lode_store::backup::integrity_check(&copy).unwrap(), "ok");
    let workspaces: i64 = copy
        .query_row("SELECT count(*) FROM workspace", [], |r| r.get(0))
        .unwrap();
    assert_eq!(workspaces, 1);
}

#[test]
fn init_with_missing_values_names_each_flag_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = lode(
        dir.path(),
        &[
            "init",
            "--office",
            " ",
            "--level",
            "village",
            "--country",
            "CD",
            "--officer",
            "X",
            "--role",
            "Y",
        ],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("--office") && err.contains("--level"), "{err}");
    assert!(
        err.contains("validation"),
        "the stable code is printed: {err}"
    );
    let check = lode(dir.path(), &["check"]);
    assert!(
        stdout(&check).contains("installation                  0"),
        "{}",
        stdout(&check)
    );
}

#[test]
fn check_reports_schema_and_integrity() {
    let dir = tempfile::tempdir().unwrap();
    assert!(lode(dir.path(), &["demo"]).status.success());
    let out = lode(dir.path(), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let schema = format!("schema version: {}", lode_store::CURRENT_VERSION);
    assert!(text.contains(&schema), "{text}");
    assert!(text.contains("integrity: ok"), "{text}");
    assert!(text.contains("journal mode: wal"), "{text}");
}

#[test]
fn a_data_folder_holding_a_foreign_file_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lode.db");
    std::fs::write(&db, vec![7u8; 4096]).unwrap();
    let out = lode(dir.path(), &["check"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("store.not_lode"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&db).unwrap(), vec![7u8; 4096]);
}

#[test]
fn the_demo_can_stop_after_phase_one_for_practice() {
    let dir = tempfile::tempdir().unwrap();
    let refused = lode(dir.path(), &["demo", "--through-phase", "4"]);
    assert!(!refused.status.success(), "there are three phases");
    let demo = lode(dir.path(), &["demo", "--through-phase", "1"]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    let db = lode_store::Connection::open(dir.path().join("lode.db")).unwrap();
    let count = |table: &str| -> i64 {
        db.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(count("site"), 300);
    assert_eq!(count("asm_type"), 0, "no Phase 2 records");
}

/// Runs `lode` with `input` on its standard input (a passphrase, one line).
fn lode_with_stdin(dir: &Path, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_lode"))
        .args(args)
        .env("LODE_DATA_DIR", dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the lode binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("the passphrase is written");
    child.wait_with_output().expect("the lode binary ends")
}

fn init(dir: &Path, office: &str, level: &str) {
    let out = lode(
        dir,
        &[
            "init",
            "--office",
            office,
            "--level",
            level,
            "--country",
            "CD",
            "--officer",
            "Test Officer",
            "--role",
            "Mining officer",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Makes the office's signing key and gives back its public key (the 64 hex digits).
fn office_key(dir: &Path) -> String {
    let out = lode(dir, &["keys", "create"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    text.split_whitespace()
        .find(|word| word.len() == 64 && word.chars().all(|c| c.is_ascii_hexdigit()))
        .unwrap_or_else(|| panic!("the public key is printed: {text}"))
        .to_owned()
}

fn trust(dir: &Path, office: &str, public: &str) {
    let out = lode(dir, &["keys", "trust", "--office", office, public]);
    assert!(out.status.success(), "{}", stderr(&out));
}

const PASSPHRASE: &str = "grey heron at Kalima dawn";

/// A national office with a sealing key and a district that trusts it (and the other way round).
struct Offices {
    national: tempfile::TempDir,
    district: tempfile::TempDir,
    recipient: String,
}

fn offices() -> Offices {
    let national = tempfile::tempdir().unwrap();
    let district = tempfile::tempdir().unwrap();
    init(national.path(), "National mining office", "national");
    init(district.path(), "Kalima district office", "district");
    let national_key = office_key(national.path());
    let district_key = office_key(district.path());
    trust(national.path(), "Kalima district office", &district_key);
    trust(district.path(), "National mining office", &national_key);

    let created = lode_with_stdin(
        national.path(),
        &["keys", "seal-create"],
        &format!("{PASSPHRASE}\n"),
    );
    assert!(created.status.success(), "{}", stderr(&created));
    let text = stdout(&created);
    let recipient = text
        .split_whitespace()
        .find(|word| word.starts_with("age1"))
        .unwrap_or_else(|| panic!("the recipient is printed: {text}"))
        .to_owned();
    assert!(
        !text.contains(PASSPHRASE) && !stderr(&created).contains(PASSPHRASE),
        "the passphrase is never printed"
    );
    Offices {
        national,
        district,
        recipient,
    }
}

#[test]
fn a_sealing_key_is_made_once_from_a_passphrase_on_stdin() {
    let Offices {
        national,
        recipient,
        ..
    } = offices();
    let show = lode(national.path(), &["keys", "seal-show"]);
    assert!(show.status.success(), "{}", stderr(&show));
    assert!(stdout(&show).contains(&recipient), "{}", stdout(&show));
    assert!(
        stdout(&show).contains("No office to seal bundles to"),
        "{}",
        stdout(&show)
    );

    let again = lode_with_stdin(
        national.path(),
        &["keys", "seal-create"],
        "another long passphrase\n",
    );
    assert!(!again.status.success(), "a second sealing key is refused");
    assert!(
        stderr(&again).contains("sync.sealing_key_exists"),
        "{}",
        stderr(&again)
    );

    let weak = tempfile::tempdir().unwrap();
    init(weak.path(), "Short office", "national");
    let out = lode_with_stdin(weak.path(), &["keys", "seal-create"], "short\n");
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("sync.weak_passphrase"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_sealed_bundle_opens_only_with_the_right_passphrase() {
    let Offices {
        national,
        district,
        recipient,
    } = offices();
    let bundles = tempfile::tempdir().unwrap();
    let file = bundles.path().join("kalima-1.lodebundle");
    let file = file.to_str().unwrap();

    let refused = lode(district.path(), &["export", file, "--seal"]);
    assert!(!refused.status.success(), "nothing to seal to yet");
    assert!(
        stderr(&refused).contains("sync.no_seal_to"),
        "{}",
        stderr(&refused)
    );

    let set = lode(
        district.path(),
        &["keys", "seal-to", "National mining office", &recipient],
    );
    assert!(set.status.success(), "{}", stderr(&set));
    let export = lode(district.path(), &["export", file, "--seal"]);
    assert!(export.status.success(), "{}", stderr(&export));
    let said = stdout(&export);
    assert!(
        said.contains("nothing from this office yet"),
        "the first export carries everything: {said}"
    );
    assert!(said.contains("Sealed for National mining office"), "{said}");
    assert!(lode_bundle::is_sealed(Path::new(file)).unwrap());

    let verify = lode(national.path(), &["verify", file]);
    assert!(!verify.status.success());
    assert!(
        stderr(&verify).contains("is sealed")
            && stderr(&verify).contains("lode import --passphrase-stdin"),
        "verify names the file as sealed, not as damaged: {}",
        stderr(&verify)
    );

    let without = lode(national.path(), &["import", file]);
    assert!(
        !without.status.success(),
        "a sealed bundle needs the passphrase"
    );
    let text = stdout(&without);
    assert!(text.contains("sync.passphrase_needed"), "{text}");
    assert!(
        text.contains("--passphrase-stdin"),
        "the flag is named: {text}"
    );

    let wrong = lode_with_stdin(
        national.path(),
        &["import", file, "--passphrase-stdin"],
        "not the passphrase at all\n",
    );
    assert!(!wrong.status.success());
    assert!(
        stdout(&wrong).contains("bundle.wrong_passphrase"),
        "{}",
        stdout(&wrong)
    );

    let preview = lode_with_stdin(
        national.path(),
        &["import", file, "--preview", "--passphrase-stdin"],
        &format!("{PASSPHRASE}\n"),
    );
    assert!(preview.status.success(), "{}", stdout(&preview));

    let right = lode_with_stdin(
        national.path(),
        &["import", file, "--passphrase-stdin"],
        &format!("{PASSPHRASE}\r\n"),
    );
    assert!(
        right.status.success(),
        "the line ending is not part of the passphrase: {}{}",
        stdout(&right),
        stderr(&right)
    );
    assert!(stdout(&right).contains("kalima-1.lodebundle"));
    assert!(!stdout(&right).contains("sync."), "{}", stdout(&right));
    let db = lode_store::Connection::open(national.path().join("lode.db")).unwrap();
    let received: i64 = db
        .query_row("SELECT count(*) FROM bundle_received", [], |r| r.get(0))
        .unwrap();
    assert_eq!(received, 1, "the sealed bundle was imported");
}

#[test]
fn a_reference_package_names_the_office_to_seal_to_and_acknowledges_bundles() {
    let Offices {
        national,
        district,
        recipient,
    } = offices();
    let bundles = tempfile::tempdir().unwrap();
    let submission = bundles.path().join("kalima-1.lodebundle");
    let submission = submission.to_str().unwrap();
    let package = bundles.path().join("national-1.lodebundle");
    let package = package.to_str().unwrap();

    assert!(
        lode(district.path(), &["export", submission])
            .status
            .success()
    );
    let imported = lode(national.path(), &["import", submission]);
    assert!(imported.status.success(), "{}", stdout(&imported));

    let export = lode(national.path(), &["export", package, "--reference"]);
    assert!(export.status.success(), "{}", stderr(&export));
    assert!(
        stdout(&export).contains("reference package"),
        "{}",
        stdout(&export)
    );
    let received = lode(district.path(), &["import", package]);
    assert!(received.status.success(), "{}", stdout(&received));

    let show = lode(district.path(), &["keys", "seal-show"]);
    assert!(show.status.success(), "{}", stderr(&show));
    let text = stdout(&show);
    assert!(
        text.contains("seals its bundles to National mining office")
            && text.contains(&recipient)
            && text.contains("from its reference package"),
        "{text}"
    );
    assert!(text.contains("has no sealing key"), "{text}");

    let next = bundles.path().join("kalima-2.lodebundle");
    let next = lode(
        district.path(),
        &["export", next.to_str().unwrap(), "--seal"],
    );
    assert!(next.status.success(), "{}", stderr(&next));
    assert!(
        stdout(&next).contains("Changes after bundle 1"),
        "the next bundle starts after the acknowledged one: {}",
        stdout(&next)
    );
}
