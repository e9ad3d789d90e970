//! Importing bundles at national scale, against a baseline in the same run.
//!
//! 1. 1,000 district bundles holding 200,000 records in all (each a workspace and 199 sites),
//!    signed by 1,000 trusted keys, imported with every check on (staging copy, hashes,
//!    signature, the per-record rule, audit, provenance). Baseline: the same rows inserted with
//!    plain rusqlite in one transaction into the same schema. Goal (issue 6): the import reaches at
//!    least half the plain insert's speed. Peak memory (VmHWM) is reported after each phase.
//! 2. One bundle with a 1 GB attachment (LODE_BENCH_ATTACHMENT_MB to change), verified and read
//!    back: peak memory must not grow with the attachment's size, so a 64 MB one is run first.
//!
//! `cargo bench -p lode-benches --bench bundles`

use lode_bundle::{
    BundleKind, BundleWriter, ChangeRange, Header, Limits, OfficeKey, Trust, verify, verifying_key,
};
use lode_core::Lang;
use lode_core::clock::{FixedClock, RandomIds};
use lode_core::office::{OfficeLevel, Setup};
use lode_store::sync::{import, keys};
use lode_store::{Context, Store, installation, kinds, workspace};
use rusqlite::types::Value as SqlValue;
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

const BUNDLES: usize = 1_000;
const SITES_PER_BUNDLE: usize = 199;
const T0: i64 = 1_795_824_000_000;

fn store(dir: &Path, name: &str) -> Store {
    let context = Context {
        clock: Arc::new(FixedClock::at(T0)),
        ids: Arc::new(RandomIds),
    };
    let mut store = Store::open(&dir.join(format!("{name}.db")), context).expect("a store");
    store
        .write(|w| {
            installation::set_up(
                w,
                &Setup {
                    office_name: name.into(),
                    level: OfficeLevel::National,
                    country: "XX".into(),
                    parent_office: None,
                    officer_name: "Bench".into(),
                    officer_role: "Bench".into(),
                    language: Lang::En,
                },
            )
        })
        .expect("set up");
    store
}

/// A workspace row and a site row as a district stores them, to vary.
fn templates(dir: &Path) -> (Map<String, Value>, Map<String, Value>) {
    let mut district = store(dir, "template");
    let ws = district
        .write(|w| Ok(workspace::create(w, "District", "Somewhere")?.meta.id))
        .expect("workspace");
    district
        .write(|w| {
            kinds::save(
                w,
                &ws,
                "site",
                None,
                &json!({"name": "Site", "adminUnit": "District", "commodity": "gold",
                        "minersFemale": 12, "minersMale": 40, "latitude": -3.1, "longitude": 28.2}),
            )
        })
        .expect("site");
    let row = |table: &str| {
        let conn = district.conn();
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let names: Vec<String> = stmt.column_names().map(str::to_owned).collect();
        stmt.query_row([], |r| {
            let mut map = Map::new();
            for (i, name) in names.iter().enumerate() {
                let value = match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => Value::Null,
                    rusqlite::types::ValueRef::Integer(n) => json!(n),
                    rusqlite::types::ValueRef::Real(f) => json!(f),
                    rusqlite::types::ValueRef::Text(t) => json!(String::from_utf8_lossy(t)),
                    rusqlite::types::ValueRef::Blob(_) => Value::Null,
                };
                map.insert(name.clone(), value);
            }
            Ok(map)
        })
        .unwrap()
    };
    (row("workspace"), row("site"))
}

/// The rows of bundle `b`: its workspace, then its sites.
fn rows_of(
    b: usize,
    templates: &(Map<String, Value>, Map<String, Value>),
) -> Vec<(&'static str, Map<String, Value>)> {
    let ws_id = format!("ws-{b:04}");
    let mut ws = templates.0.clone();
    ws.insert("id".into(), json!(ws_id));
    ws.insert("name".into(), json!(format!("District {b}")));
    let mut rows = vec![("workspace", ws)];
    for s in 0..SITES_PER_BUNDLE {
        let mut site = templates.1.clone();
        site.insert("id".into(), json!(format!("site-{b:04}-{s:03}")));
        site.insert("workspace_id".into(), json!(ws_id));
        site.insert("name".into(), json!(format!("Site {s} of district {b}")));
        rows.push(("site", site));
    }
    rows
}

fn key_of(b: usize) -> OfficeKey {
    let mut secret = [7u8; 32];
    secret[..8].copy_from_slice(&(b as u64).to_le_bytes());
    OfficeKey::from_secret(&secret).expect("a key")
}

fn write_bundles(dir: &Path, templates: &(Map<String, Value>, Map<String, Value>)) -> Vec<PathBuf> {
    (0..BUNDLES)
        .map(|b| {
            let path = dir.join(format!("district-{b:04}.lodebundle"));
            let mut writer = BundleWriter::create(&path).expect("a bundle");
            let rows = rows_of(b, templates);
            for table in ["workspace", "site"] {
                let lines = rows
                    .iter()
                    .filter(|(t, _)| *t == table)
                    .map(|(_, row)| json!({"row": row, "changedBy": "Bench"}));
                writer.add_records(table, lines).expect("records");
            }
            let header = Header {
                bundle_id: format!("bundle-{b:04}"),
                kind: BundleKind::DistrictSubmission,
                origin_office: format!("office-{b:04}"),
                office_name: format!("District office {b}"),
                exported_by: "Bench".into(),
                sequence: 1,
                changes: ChangeRange {
                    after: 0,
                    through: T0,
                },
                created_at: T0,
            };
            writer.finish(header, &key_of(b)).expect("signed");
            path
        })
        .collect()
}

fn peak_memory_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn sql(value: &Value) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => n.as_i64().map_or_else(
            || SqlValue::Real(n.as_f64().unwrap_or(0.0)),
            SqlValue::Integer,
        ),
        Value::String(s) => SqlValue::Text(s.clone()),
        _ => SqlValue::Null,
    }
}

fn plain_insert(store: &Store, templates: &(Map<String, Value>, Map<String, Value>)) {
    let conn = store.conn();
    conn.execute_batch("BEGIN").unwrap();
    for b in 0..BUNDLES {
        for (table, row) in rows_of(b, templates) {
            let columns: Vec<&String> = row.keys().collect();
            let sql_text = format!(
                "INSERT INTO {table} ({}) VALUES ({})",
                columns
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                (1..=columns.len())
                    .map(|i| format!("?{i}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let values: Vec<SqlValue> = columns.iter().map(|c| sql(&row[c.as_str()])).collect();
            conn.prepare_cached(&sql_text)
                .unwrap()
                .execute(rusqlite::params_from_iter(values.iter()))
                .unwrap();
        }
    }
    conn.execute_batch("COMMIT").unwrap();
}

fn district_bundles(dir: &Path) {
    let templates = templates(dir);
    let started = Instant::now();
    let bundles = write_bundles(dir, &templates);
    println!(
        "wrote {BUNDLES} bundles ({} records) in {:.1?}; peak memory {:.0} MB",
        BUNDLES * (SITES_PER_BUNDLE + 1),
        started.elapsed(),
        peak_memory_mb()
    );

    let mut national = store(dir, "national");
    national
        .write(|w| {
            for b in 0..BUNDLES {
                let public: String = key_of(b)
                    .public()
                    .iter()
                    .map(|x| format!("{x:02x}"))
                    .collect();
                keys::trust(w, &format!("District office {b}"), &public)?;
            }
            Ok(())
        })
        .expect("trusted");
    let started = Instant::now();
    let mut counts = (0, 0);
    // As `lode import DIR` does: every bundle staged, verified and applied in its own savepoint.
    for report in import::import_many(&mut national, &bundles, None, |_, _| {}).expect("imported") {
        let report = report.expect("a good bundle");
        counts.0 += report.counts.new;
        counts.1 += report.counts.rejected;
    }
    let import_time = started.elapsed();
    let import_peak = peak_memory_mb();

    let plain = store(dir, "plain");
    let started = Instant::now();
    plain_insert(&plain, &templates);
    let plain_time = started.elapsed();

    let records = (BUNDLES * (SITES_PER_BUNDLE + 1)) as f64;
    println!("\nimporting {BUNDLES} district bundles, {records} records, every check on:");
    println!(
        "  import (new {}, rejected {})  {import_time:>10.2?}  {:>8.0} records/s  peak memory {import_peak:.0} MB",
        counts.0,
        counts.1,
        records / import_time.as_secs_f64()
    );
    println!(
        "  plain rusqlite insert, one tx  {plain_time:>10.2?}  {:>8.0} records/s",
        records / plain_time.as_secs_f64()
    );
    println!(
        "  speed of the import relative to the plain insert: ×{:.2}  (goal: at least ×0.5)",
        plain_time.as_secs_f64() / import_time.as_secs_f64()
    );
}

/// Verifies a bundle carrying one attachment of `mb` megabytes and reads it back; returns the
/// peak memory (MB) at the end.
fn attachment_run(dir: &Path, mb: usize) -> f64 {
    let source = dir.join(format!("attachment-{mb}.bin"));
    {
        use std::io::Write;
        let mut file = std::io::BufWriter::new(std::fs::File::create(&source).unwrap());
        let block: Vec<u8> = (0..1 << 20).map(|i| (i * 31 % 251) as u8).collect();
        for _ in 0..mb {
            file.write_all(&block).unwrap();
        }
    }
    let key = key_of(9_999);
    let path = dir.join(format!("attachment-{mb}.lodebundle"));
    let mut writer = BundleWriter::create(&path).unwrap();
    let sha = writer.add_attachment(&source).unwrap();
    let header = Header {
        bundle_id: format!("attachment-{mb}"),
        kind: BundleKind::DistrictSubmission,
        origin_office: "office".into(),
        office_name: "District office".into(),
        exported_by: "Bench".into(),
        sequence: 1,
        changes: ChangeRange {
            after: 0,
            through: T0,
        },
        created_at: T0,
    };
    writer.finish(header, &key).unwrap();
    std::fs::remove_file(&source).unwrap();
    let public = key.public();
    let started = Instant::now();
    let mut bundle = verify(
        &path,
        |_| Trust::Trusted(verifying_key(&public).unwrap()),
        &Limits::default(),
    )
    .unwrap();
    let copied = bundle.copy_attachment(&sha, &mut std::io::sink()).unwrap();
    let peak = peak_memory_mb();
    println!(
        "  {mb:>5} MB attachment: verified and read back ({copied} bytes) in {:.1?}; peak memory {peak:.0} MB",
        started.elapsed()
    );
    std::fs::remove_file(&path).unwrap();
    peak
}

fn main() {
    // `cargo test --benches` runs benches with --test-like flags: nothing heavy then.
    if std::env::args().any(|a| a == "--test") {
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    println!("\none bundle with one large attachment (memory must not grow with its size):");
    let small = attachment_run(dir.path(), 64);
    let mb = std::env::var("LODE_BENCH_ATTACHMENT_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_024);
    let large = attachment_run(dir.path(), mb);
    println!(
        "  peak memory grew by {:.0} MB between the two",
        large - small
    );
    println!();
    district_bundles(dir.path());
}
