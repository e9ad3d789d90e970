//! Offices exchanging bundles, each on its own SQLite file: keys and trust, export, preview then
//! apply, importing twice, bundles out of order, a deletion not undone, a conflict resolved, and a
//! refused bundle that leaves the database as it was.

use crate::common::sha256;
use lode_bundle::BundleKind;
use lode_core::clock::{FixedClock, RandomIds};
use lode_core::office::{OfficeLevel, Setup};
use lode_core::{Lang, StepId};
use lode_store::sync::conflicts::{self, Resolution};
use lode_store::sync::export::{self, ExportOptions};
use lode_store::sync::import::{self, ImportReport, Outcome};
use lode_store::sync::{keys, received, reference, sealing};
use lode_store::{Context, Store, StoreError, installation, kinds, national, workbench, workspace};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const T0: i64 = 1_795_824_000_000;
/// An indicator code from the catalogue.
const INDICATOR: &str = "registered_miners";

struct Office {
    dir: tempfile::TempDir,
    store: Store,
    clock: Arc<FixedClock>,
}

impl Office {
    fn new(name: &str, level: OfficeLevel) -> Office {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::at(T0));
        let context = Context {
            clock: clock.clone(),
            ids: Arc::new(RandomIds),
        };
        let mut store = Store::open(&dir.path().join("lode.db"), context).unwrap();
        store
            .write(|w| {
                installation::set_up(
                    w,
                    &Setup {
                        office_name: name.into(),
                        level,
                        country: "CD".into(),
                        parent_office: None,
                        officer_name: format!("Officer of {name}"),
                        officer_role: "Mining officer".into(),
                        language: Lang::En,
                    },
                )?;
                keys::create_office_key(w)
            })
            .unwrap();
        Office { dir, store, clock }
    }

    fn later(&self) {
        self.clock.advance(60_000);
    }

    fn save(&mut self, ws: &str, kind: &str, id: Option<&str>, fields: Value) -> String {
        self.store
            .write(|w| kinds::save(w, ws, kind, id, &fields))
            .unwrap()
    }

    fn export(&mut self, name: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        let options = ExportOptions {
            everything: false,
            kind: BundleKind::DistrictSubmission,
            seal: false,
        };
        export::export(&mut self.store, &path, options).unwrap();
        path
    }

    fn reference_package(&mut self, name: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        let options = ExportOptions {
            everything: true,
            kind: BundleKind::NationalReference,
            seal: false,
        };
        export::export(&mut self.store, &path, options).unwrap();
        path
    }

    /// Imports `national`'s reference package, which says what it has received of this office.
    fn acknowledged_by(&mut self, national: &mut Office) {
        let package = national.reference_package("reference.lodebundle");
        self.trust(national);
        self.import(&package);
    }

    fn trust(&mut self, other: &Office) {
        let public = keys::office_key_info(other.store.conn())
            .unwrap()
            .unwrap()
            .public_key;
        self.store
            .write(|w| keys::trust(w, "Mbeli district office", &public))
            .unwrap();
    }

    fn import(&mut self, file: &Path) -> ImportReport {
        import::import_file(&mut self.store, file).unwrap()
    }

    fn site_name(&self, id: &str) -> Option<String> {
        self.store
            .conn()
            .query_row("SELECT name FROM site WHERE id = ?1", [id], |r| r.get(0))
            .ok()
    }

    /// Every synced table's rows, as text, to compare two databases' contents.
    fn content(&self) -> Vec<String> {
        let conn = self.store.conn();
        let mut out = Vec::new();
        for table in ["workspace", "site", "stakeholder", "licence_holder"] {
            let mut stmt = conn
                .prepare(&format!(
                    "SELECT id, version, deleted, updated_at FROM {table} ORDER BY id"
                ))
                .unwrap();
            let rows = stmt
                .query_map([], |r| {
                    Ok(format!(
                        "{table}:{}:{}:{}:{}",
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, i64>(3)?
                    ))
                })
                .unwrap()
                .collect::<Result<Vec<_>, _>>()
                .unwrap();
            out.extend(rows);
        }
        out.sort();
        out
    }
}

fn district_with_work() -> (Office, String, String) {
    let mut district = Office::new("Mbeli district office", OfficeLevel::District);
    let ws = district
        .store
        .write(|w| Ok(workspace::create(w, "Mbeli ASM", "Mbeli")?.meta.id))
        .unwrap();
    let site = district.save(
        &ws,
        "site",
        None,
        json!({"name": "Kalima 1", "adminUnit": "Mbeli", "commodity": "gold"}),
    );
    (district, ws, site)
}

#[test]
fn a_bundle_from_an_untrusted_office_is_refused_and_changes_nothing() {
    let (mut district, _, _) = district_with_work();
    let bundle = district.export("b1.lodebundle");
    let mut national = Office::new("National office", OfficeLevel::National);
    let db = national.dir.path().join("lode.db");
    let before = (sha256(&db), national.content());
    let error = import::import_file(&mut national.store, &bundle).unwrap_err();
    assert_eq!(error.code(), "bundle.unknown_key");
    assert!(
        error.message(Lang::En).contains("b1.lodebundle"),
        "{}",
        error.message(Lang::En)
    );
    assert_eq!((sha256(&db), national.content()), before);
}

#[test]
fn a_preview_shows_what_an_import_then_applies_and_a_second_import_changes_nothing() {
    let (mut district, ws, site) = district_with_work();
    let bundle = district.export("b1.lodebundle");
    let mut national = Office::new("National office", OfficeLevel::National);
    national.trust(&district);

    let before = national.content();
    let mut opened = import::open(&national.store, &bundle, None).unwrap();
    let preview = import::preview(&mut national.store, &mut opened).unwrap();
    assert!(!preview.applied);
    assert!(preview.counts.new >= 3, "{:?}", preview.counts);
    assert_eq!(national.content(), before, "a preview keeps nothing");

    let applied = import::apply(&mut national.store, &mut opened).unwrap();
    assert_eq!(
        applied.counts, preview.counts,
        "the preview is what is applied"
    );
    assert_eq!(national.site_name(&site).as_deref(), Some("Kalima 1"));
    let workspaces: i64 = national
        .store
        .conn()
        .query_row("SELECT count(*) FROM workspace WHERE id = ?1", [&ws], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(
        workspaces, 1,
        "the district's workspace arrives with its records"
    );
    let provenance: String = national
        .store
        .conn()
        .query_row(
            "SELECT office_name FROM sync_record WHERE record_id = ?1",
            [&site],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(provenance, "Mbeli district office");

    let audit = |o: &Office| -> i64 {
        o.store
            .conn()
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap()
    };
    let (content, audit_rows) = (national.content(), audit(&national));
    let again = national.import(&bundle);
    assert_eq!(
        again.counts.new + again.counts.updated + again.counts.conflicts,
        0
    );
    assert_eq!(again.sequence_note.as_ref().map(|n| n.kind), Some("replay"));
    assert_eq!(
        (national.content(), audit(&national)),
        (content, audit_rows)
    );
}

#[test]
fn bundles_in_any_order_give_the_same_records_and_a_deletion_stays_deleted() {
    let (mut district, ws, site) = district_with_work();
    let b1 = district.export("b1.lodebundle");
    // The national office acknowledges b1: later bundles carry only what changed after it.
    let mut hub = Office::new("National office", OfficeLevel::National);
    hub.trust(&district);
    hub.import(&b1);
    district.later();
    district.acknowledged_by(&mut hub);
    district.later();
    district.save(
        &ws,
        "site",
        Some(&site),
        json!({"name": "Kalima One", "adminUnit": "Mbeli", "commodity": "gold"}),
    );
    let holder = district.save(
        &ws,
        "licence_holder",
        None,
        json!({"holderKind": "individual", "name": "Aline", "licenceType": "artisanal_permit", "status": "applied"}),
    );
    let b2 = district.export("b2.lodebundle");
    district.later();
    district
        .store
        .write(|w| kinds::delete(w, &ws, "licence_holder", &holder))
        .unwrap();
    let b3 = district.export("b3.lodebundle");

    let mut in_order = Office::new("National office", OfficeLevel::National);
    in_order.trust(&district);
    for b in [&b1, &b2, &b3] {
        in_order.import(b);
    }
    let mut reversed = Office::new("National office", OfficeLevel::National);
    reversed.trust(&district);
    let report = reversed.import(&b3);
    assert!(
        report
            .records
            .iter()
            .any(|r| r.outcome == Outcome::Rejected && r.reason == "missing_parent"),
        "the tombstone's workspace has not arrived yet: it is held"
    );
    for b in [&b2, &b1] {
        reversed.import(b);
    }
    assert_eq!(in_order.content(), reversed.content());
    assert_eq!(reversed.site_name(&site).as_deref(), Some("Kalima One"));
    let deleted: i64 = reversed
        .store
        .conn()
        .query_row(
            "SELECT deleted FROM licence_holder WHERE id = ?1",
            [&holder],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        deleted, 1,
        "an older bundle does not bring a deleted holder back"
    );
}

#[test]
fn a_record_changed_at_both_ends_waits_in_the_queue_and_is_resolved_side_by_side() {
    let (mut district, ws, site) = district_with_work();
    let b1 = district.export("b1.lodebundle");
    let mut national = Office::new("National office", OfficeLevel::National);
    national.trust(&district);
    national.import(&b1);

    national.later();
    national.save(
        &ws,
        "site",
        Some(&site),
        json!({"name": "Kalima (national)", "adminUnit": "Mbeli", "commodity": "gold"}),
    );
    district.later();
    district.save(
        &ws,
        "site",
        Some(&site),
        json!({"name": "Kalima (district)", "adminUnit": "Mbeli", "commodity": "gold"}),
    );
    let b2 = district.export("b2.lodebundle");
    let report = national.import(&b2);
    assert_eq!(report.counts.conflicts, 1);
    assert_eq!(
        national.site_name(&site).as_deref(),
        Some("Kalima (national)"),
        "nothing is overwritten before the officer decides"
    );
    let queue = conflicts::open_conflicts(national.store.conn()).unwrap();
    assert_eq!(queue.len(), 1);
    let conflict = &queue[0];
    assert_eq!(conflict.differing, ["name"]);
    assert_eq!(conflict.office_name, "Mbeli district office");
    assert_eq!(conflict.officer, "Officer of Mbeli district office");
    assert_eq!(conflict.local["name"], "Kalima (national)");
    assert_eq!(conflict.incoming["name"], "Kalima (district)");

    national
        .store
        .write(|w| conflicts::resolve(w, conflict.id, &Resolution::Incoming))
        .unwrap();
    assert_eq!(
        national.site_name(&site).as_deref(),
        Some("Kalima (district)")
    );
    assert!(
        conflicts::open_conflicts(national.store.conn())
            .unwrap()
            .is_empty()
    );
    let again = national.import(&b2);
    assert_eq!(
        again.counts.conflicts, 0,
        "a resolved conflict does not come back"
    );
}

#[test]
fn keys_are_trusted_by_their_hex_and_a_revoked_key_refuses_its_bundles() {
    let (mut district, _, _) = district_with_work();
    let bundle = district.export("b1.lodebundle");
    let mut national = Office::new("National office", OfficeLevel::National);
    let bad = national
        .store
        .write(|w| keys::trust(w, "Mbeli", "not a key"))
        .unwrap_err();
    assert!(matches!(bad, StoreError::BadPublicKey));
    national.trust(&district);
    let district_key = keys::office_key_info(district.store.conn())
        .unwrap()
        .unwrap();
    let listed = keys::trusted(national.store.conn()).unwrap();
    assert_eq!(listed[0].key.fingerprint, district_key.fingerprint);
    national
        .store
        .write(|w| keys::revoke(w, &district_key.key_id))
        .unwrap();
    let error = import::import_file(&mut national.store, &bundle).unwrap_err();
    assert_eq!(error.code(), "bundle.revoked_key");
    let again = national
        .store
        .write(|w| keys::trust(w, "Mbeli", &district_key.public_key))
        .unwrap_err();
    assert!(matches!(again, StoreError::KeyRevoked(_)));
    assert!(matches!(
        district
            .store
            .write(|w| keys::create_office_key(w))
            .unwrap_err(),
        StoreError::OfficeKeyExists
    ));
}

#[test]
fn a_folder_of_bundles_is_imported_past_the_bad_ones() {
    let (mut district, ws, _) = district_with_work();
    let b1 = district.export("b1.lodebundle");
    district.later();
    district.save(
        &ws,
        "site",
        None,
        json!({"name": "Kalima 2", "adminUnit": "Mbeli", "commodity": "gold"}),
    );
    let b2 = district.export("b2.lodebundle");
    let bad = district.dir.path().join("b1-bad.lodebundle");
    std::fs::write(&bad, b"not a bundle").unwrap();
    let mut national = Office::new("National office", OfficeLevel::National);
    national.trust(&district);
    let mut heard = Vec::new();
    let reports = import::import_many(&mut national.store, &[b1, bad, b2], None, |i, _| {
        heard.push(i)
    })
    .unwrap();
    assert_eq!(heard, [0, 1, 2], "progress hears of every file");
    assert!(reports[0].is_ok() && reports[2].is_ok());
    let error = reports[1].as_ref().unwrap_err();
    assert_eq!(error.code(), "bundle.corrupt");
    assert!(error.message(Lang::En).contains("b1-bad.lodebundle"));
    assert_eq!(national.content(), district.content());
}

#[test]
fn the_national_view_adds_up_the_districts_and_names_the_late_ones() {
    let (mut district, ws, _) = district_with_work();
    district.save(
        &ws,
        "site",
        None,
        json!({"name": "Kalima 2", "adminUnit": "Mbeli", "commodity": "gold", "minersFemale": 4,
               "minersMale": 6, "mercuryKgLow": 2, "mercuryKgHigh": 5,
               "techniques": ["unsupported_pits", "whole_ore_amalgamation"]}),
    );
    let bundle = district.export("b1.lodebundle");
    let mut national = Office::new("National office", OfficeLevel::National);
    national.trust(&district);
    let silent = lode_bundle::OfficeKey::from_secret(&[9; 32]).unwrap();
    let hex: String = silent.public().iter().map(|b| format!("{b:02x}")).collect();
    national
        .store
        .write(|w| keys::trust(w, "Kasoro district office", &hex))
        .unwrap();
    national.import(&bundle);

    let view = national::view(
        national.store.conn(),
        Lang::En,
        "2026-11-28",
        national::Period::Quarter,
    )
    .unwrap();
    assert_eq!(view.period_start.as_deref(), Some("2026-10-01"));
    let row = view
        .districts
        .iter()
        .find(|d| d.workspace_id == ws)
        .unwrap();
    assert_eq!((row.sites, row.miners.female, row.miners.male), (2, 4, 6));
    assert_eq!(row.office_name, "Mbeli district office");
    assert_eq!(
        (view.totals.mercury_kg.low, view.totals.mercury_kg.high),
        (2.0, 5.0)
    );
    assert!(
        view.techniques[0].annex_c,
        "Annex C worst practices first: {:?}",
        view.techniques
    );
    assert_eq!(view.techniques[0].sites, 1);
    let late: Vec<(&str, bool)> = view
        .submissions
        .iter()
        .map(|s| (s.office_name.as_str(), s.on_time))
        .collect();
    assert_eq!(
        late,
        [
            ("Kasoro district office", false),
            ("Mbeli district office", true)
        ],
        "the office that sent nothing this quarter is listed first, as late"
    );
}

#[test]
fn each_received_bundle_keeps_its_review_state_and_comment() {
    let (mut district, _, _) = district_with_work();
    let bundle = district.export("b1.lodebundle");
    let mut national = Office::new("National office", OfficeLevel::National);
    national.trust(&district);
    national.import(&bundle);
    let list = received::list(national.store.conn()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (
            list[0].office_name.as_str(),
            list[0].review_state.as_str(),
            list[0].sequence
        ),
        ("Mbeli district office", "received", 1)
    );
    let id = list[0].bundle_id.clone();
    let refused = national
        .store
        .write(|w| received::review(w, &id, "has_issues", " "))
        .unwrap_err();
    assert!(
        matches!(refused, StoreError::Invalid(_)),
        "a verdict of issues says which"
    );
    national
        .store
        .write(|w| received::review(w, &id, "has_issues", "Sites lack coordinates"))
        .unwrap();
    let list = received::list(national.store.conn()).unwrap();
    assert_eq!(
        (
            list[0].review_state.as_str(),
            list[0].review_comment.as_str()
        ),
        ("has_issues", "Sites lack coordinates")
    );
}

#[test]
fn records_this_schema_cannot_hold_are_rejected_one_by_one_and_the_rest_applied() {
    let (mut district, ws, site) = district_with_work();
    let full = district.export("b1.lodebundle");
    let mut national = Office::new("National office", OfficeLevel::National);
    national.trust(&district);
    national.import(&full);
    // Another office's hand-made bundle: a good site, a holder with an impossible status, a row
    // with a column no table has, and a table this Lode does not know.
    let key = lode_bundle::OfficeKey::generate().unwrap();
    let hex: String = key.public().iter().map(|b| format!("{b:02x}")).collect();
    national
        .store
        .write(|w| keys::trust(w, "Kasoro district office", &hex))
        .unwrap();
    let site_row: Value = national
        .store
        .conn()
        .query_row("SELECT json_object('id', id, 'origin_office', origin_office, 'created_at', created_at,
                    'updated_at', updated_at, 'version', version, 'deleted', deleted, 'workspace_id', workspace_id,
                    'name', name, 'admin_unit', admin_unit, 'commodity', commodity) FROM site WHERE id = ?1",
                   [&site], |r| r.get::<_, String>(0))
        .map(|text| serde_json::from_str(&text).unwrap())
        .unwrap();
    let mut good = site_row.clone();
    good["id"] = json!("site-kasoro-1");
    good["name"] = json!("Kasoro 1");
    let mut odd = site_row.clone();
    odd["id"] = json!("site-kasoro-2");
    odd["colour"] = json!("blue");
    let mut nested = site_row.clone();
    nested["id"] = json!("site-kasoro-3");
    nested["name"] = json!({"en": "Kasoro 3"});
    let holder = json!({"id": "holder-kasoro-1", "origin_office": "kasoro", "created_at": T0, "updated_at": T0,
        "version": 1, "deleted": 0, "workspace_id": ws, "holder_kind": "individual", "name": "Neema",
        "licence_type": "artisanal_permit", "status": "bogus"});
    let path = national.dir.path().join("kasoro.lodebundle");
    let mut writer = lode_bundle::BundleWriter::create(&path).unwrap();
    writer
        .add_records(
            "site",
            [
                json!({"row": good, "changedBy": "K"}),
                json!({"row": odd, "changedBy": "K"}),
                json!({"row": nested, "changedBy": "K"}),
                json!({"row": ["not", "a", "row"], "changedBy": "K"}),
            ],
        )
        .unwrap();
    writer
        .add_records("licence_holder", [json!({"row": holder, "changedBy": "K"})])
        .unwrap();
    writer
        .add_records(
            "gold_price",
            [json!({"row": {"id": "p1"}, "changedBy": "K"})],
        )
        .unwrap();
    let header = lode_bundle::Header {
        bundle_id: "kasoro-1".into(),
        kind: BundleKind::DistrictSubmission,
        origin_office: "kasoro".into(),
        office_name: "Kasoro district office".into(),
        exported_by: "K".into(),
        sequence: 1,
        changes: lode_bundle::ChangeRange {
            after: 0,
            through: T0,
        },
        created_at: T0,
    };
    writer.finish(header, &key).unwrap();

    let report = national.import(&path);
    let outcome = |id: &str| {
        report
            .records
            .iter()
            .find(|r| r.id == id)
            .map(|r| {
                (
                    r.outcome,
                    r.reason.split(':').next().unwrap_or_default().to_owned(),
                )
            })
            .unwrap()
    };
    assert_eq!(outcome("site-kasoro-1"), (Outcome::New, String::new()));
    assert_eq!(
        outcome("site-kasoro-2"),
        (Outcome::Rejected, "bad_row".into())
    );
    assert_eq!(
        outcome("holder-kasoro-1"),
        (Outcome::Rejected, "constraint".into())
    );
    assert_eq!(
        outcome("site-kasoro-3"),
        (Outcome::Rejected, "bad_row".into())
    );
    assert_eq!(outcome(""), (Outcome::Rejected, "bad_row".into()));
    assert_eq!(outcome("p1"), (Outcome::Rejected, "unknown_table".into()));
    assert_eq!(
        national.site_name("site-kasoro-1").as_deref(),
        Some("Kasoro 1")
    );
    let holders: i64 = national
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM licence_holder WHERE id = 'holder-kasoro-1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(holders, 0, "nothing of a refused row is kept");
}

mod properties {
    //! The exchange's laws over generated histories of a district's work: importing twice is
    //! importing once; any order of the bundles gives the same records; a full export imported
    //! into an empty office gives the same records; a refused bundle leaves the file as it was.

    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Add(u8),
        Rename(usize, u8),
        Delete(usize),
        Export,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            3 => any::<u8>().prop_map(Op::Add),
            3 => (any::<usize>(), any::<u8>()).prop_map(|(i, n)| Op::Rename(i, n)),
            1 => any::<usize>().prop_map(Op::Delete),
            2 => Just(Op::Export),
        ]
    }

    /// Plays the history at a district; returns it with its bundles (one more at the end).
    fn play(ops: &[Op]) -> (Office, String, Vec<PathBuf>) {
        let (mut district, ws, first) = district_with_work();
        let mut sites = vec![first];
        let mut bundles = Vec::new();
        for op in ops {
            district.later();
            match op {
                Op::Add(n) => sites.push(district.save(
                    &ws,
                    "site",
                    None,
                    json!({"name": format!("Site {n}"), "adminUnit": "Mbeli", "commodity": "gold"}),
                )),
                Op::Rename(i, n) => {
                    let id = sites[i % sites.len()].clone();
                    let live: i64 = district
                        .store
                        .conn()
                        .query_row("SELECT 1 - deleted FROM site WHERE id = ?1", [&id], |r| {
                            r.get(0)
                        })
                        .unwrap();
                    if live == 1 {
                        district.save(
                            &ws,
                            "site",
                            Some(&id),
                            json!({"name": format!("Renamed {n}"), "adminUnit": "Mbeli", "commodity": "gold"}),
                        );
                    }
                }
                Op::Delete(i) => {
                    let id = sites[i % sites.len()].clone();
                    let _ = district.store.write(|w| kinds::delete(w, &ws, "site", &id));
                }
                Op::Export => {
                    let name = format!("b{}.lodebundle", bundles.len() + 1);
                    bundles.push(district.export(&name));
                }
            }
        }
        let name = format!("b{}.lodebundle", bundles.len() + 1);
        bundles.push(district.export(&name));
        (district, ws, bundles)
    }

    fn national_trusting(district: &Office) -> Office {
        let mut national = Office::new("National office", OfficeLevel::National);
        national.trust(district);
        national
    }

    /// The district's sites exactly as stored, every column.
    fn sites(office: &Office) -> Vec<String> {
        let conn = office.store.conn();
        let mut stmt = conn
            .prepare("SELECT id, name, version, deleted, updated_at, origin_office FROM site ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| {
            Ok(format!(
                "{}|{}|{}|{}|{}|{}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?
            ))
        })
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
    }

    fn files(office: &Office) -> (Vec<u8>, Option<Vec<u8>>) {
        let db = office.dir.path().join("lode.db");
        let wal = office.dir.path().join("lode.db-wal");
        (sha256(&db), wal.exists().then(|| sha256(&wal)))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10))]

        #[test]
        fn importing_twice_is_importing_once(ops in proptest::collection::vec(op(), 1..12)) {
            let (district, _, bundles) = play(&ops);
            let mut national = national_trusting(&district);
            for b in &bundles {
                national.import(b);
            }
            let once = (national.content(), sites(&national));
            for b in &bundles {
                let again = national.import(b);
                prop_assert_eq!(again.counts.new + again.counts.updated + again.counts.conflicts, 0);
            }
            prop_assert_eq!((national.content(), sites(&national)), once);
        }

        #[test]
        fn any_order_of_the_bundles_gives_the_same_records(
            ops in proptest::collection::vec(op(), 1..12),
            seed in any::<u64>(),
        ) {
            let (district, _, bundles) = play(&ops);
            let mut in_order = national_trusting(&district);
            for b in &bundles {
                in_order.import(b);
            }
            let mut shuffled = bundles.clone();
            // A Fisher–Yates shuffle driven by the generated seed.
            let mut state = seed;
            for i in (1..shuffled.len()).rev() {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                shuffled.swap(i, (state >> 33) as usize % (i + 1));
            }
            let mut any_order = national_trusting(&district);
            for b in &shuffled {
                any_order.import(b);
            }
            prop_assert_eq!(sites(&any_order), sites(&in_order));
            prop_assert_eq!(sites(&in_order), sites(&district), "and they are the district's");
        }

        #[test]
        fn a_full_export_imported_into_an_empty_office_gives_the_same_records(
            ops in proptest::collection::vec(op(), 0..10),
        ) {
            let (mut district, _, _) = play(&ops);
            let path = district.dir.path().join("all.lodebundle");
            let options = ExportOptions { everything: true, kind: BundleKind::DistrictSubmission, seal: false };
            export::export(&mut district.store, &path, options).unwrap();
            let mut national = national_trusting(&district);
            national.import(&path);
            prop_assert_eq!(sites(&national), sites(&district));
            prop_assert_eq!(national.content(), district.content());
        }

        #[test]
        fn a_refused_bundle_leaves_the_database_byte_for_byte_unchanged(
            ops in proptest::collection::vec(op(), 0..6),
            at in any::<prop::sample::Index>(),
            flip in 1u8..=255,
            cut in any::<bool>(),
        ) {
            let (district, _, bundles) = play(&ops);
            let mut national = national_trusting(&district);
            national.import(&bundles[0]);
            let last = bundles.last().unwrap();
            let mut bytes = std::fs::read(last).unwrap();
            let i = at.index(bytes.len());
            if cut {
                bytes.truncate(i);
            } else {
                bytes[i] ^= flip;
            }
            let damaged = national.dir.path().join("damaged.lodebundle");
            std::fs::write(&damaged, &bytes).unwrap();
            let before = files(&national);
            if import::import_file(&mut national.store, &damaged).is_err() {
                prop_assert_eq!(files(&national), before);
            }
        }
    }
}

#[test]
fn a_reference_package_sends_the_strategy_down_and_acknowledges_what_arrived() {
    let (mut district, _, site) = district_with_work();
    let b1 = district.export("b1.lodebundle");
    let mut national = Office::new("National office", OfficeLevel::National);
    national.trust(&district);
    national.import(&b1);
    // The national strategy: a workspace with a vision, a goal and an adopted indicator, and a
    // site, which is context, not strategy.
    let ws = national
        .store
        .write(|w| {
            Ok(workspace::create(w, "National ASM strategy", "Country")?
                .meta
                .id)
        })
        .unwrap();
    national.save(
        &ws,
        "vision",
        None,
        json!({"statement": "A safe, legal sector"}),
    );
    let goal = national.save(
        &ws,
        "strategy_goal",
        None,
        json!({"statement": "Register all"}),
    );
    let indicator = national.save(
        &ws,
        "adopted_indicator",
        None,
        json!({"indicator": INDICATOR, "goalIds": [goal], "target": 80}),
    );
    let national_site = national.save(
        &ws,
        "site",
        None,
        json!({"name": "Capital pit", "adminUnit": "Capital", "commodity": "gold"}),
    );

    district.later();
    district.acknowledged_by(&mut national);
    let count = |office: &Office, table: &str, id: &str| -> i64 {
        office
            .store
            .conn()
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(
        count(&district, "workspace", &ws),
        1,
        "the strategy arrived"
    );
    assert_eq!(count(&district, "strategy_goal", &goal), 1);
    assert_eq!(count(&district, "adopted_indicator", &indicator), 1);
    assert_eq!(
        count(&district, "site", &national_site),
        0,
        "context stays home"
    );
    let catalogues: i64 = district
        .store
        .conn()
        .query_row("SELECT count(*) FROM reference_catalogue", [], |r| r.get(0))
        .unwrap();
    assert_eq!(catalogues as usize, 2 * lode_core::catalogue::LISTS.len());
    let acknowledged = reference::acknowledged(district.store.conn())
        .unwrap()
        .expect("the national office acknowledged bundle 1");
    assert_eq!(acknowledged.sequence, 1);

    // The next bundle carries only what changed after bundle 1.
    district.later();
    let ws_district: String = district
        .store
        .conn()
        .query_row(
            "SELECT workspace_id FROM site WHERE id = ?1",
            [&site],
            |r| r.get(0),
        )
        .unwrap();
    district.save(
        &ws_district,
        "site",
        Some(&site),
        json!({"name": "Kalima One", "adminUnit": "Mbeli", "commodity": "gold"}),
    );
    let b2 = district.export("b2.lodebundle");
    let report = national.import(&b2);
    assert_eq!(report.manifest.changes.after, acknowledged.through);
    assert_eq!(report.manifest.record_counts.get("site"), Some(&1));
    assert!(!report.manifest.record_counts.contains_key("workspace"));
    assert_eq!(national.site_name(&site).as_deref(), Some("Kalima One"));
}

#[test]
fn a_district_seals_its_bundles_to_the_national_office_and_only_its_passphrase_opens_them() {
    let (mut district, ws, site) = district_with_work();
    let mut national = Office::new("National office", OfficeLevel::National);
    national.trust(&district);
    let passphrase = "kalima river at dawn";
    let weak = national
        .store
        .write(|w| sealing::create_sealing_key(w, "short"));
    assert!(matches!(weak, Err(StoreError::WeakPassphrase)));
    let recipient = national
        .store
        .write(|w| sealing::create_sealing_key(w, passphrase))
        .unwrap();
    assert!(recipient.starts_with("age1"));
    let again = national
        .store
        .write(|w| sealing::create_sealing_key(w, passphrase));
    assert!(matches!(again, Err(StoreError::SealingKeyExists)));

    // Sealing needs to know whom to seal to: the reference package says.
    let sealed_path = district.dir.path().join("sealed.lodebundle");
    let sealed = ExportOptions {
        everything: true,
        kind: BundleKind::DistrictSubmission,
        seal: true,
    };
    let unknown = export::export(&mut district.store, &sealed_path, sealed);
    assert!(matches!(unknown, Err(StoreError::NoSealTo)));
    district.acknowledged_by(&mut national);
    let seal_to = sealing::seal_to(district.store.conn()).unwrap().unwrap();
    assert_eq!(
        (seal_to.office_name.as_str(), seal_to.recipient.as_str()),
        ("National office", recipient.as_str())
    );

    district.later();
    district.save(
        &ws,
        "site",
        Some(&site),
        json!({"name": "Kalima sealed", "adminUnit": "Mbeli", "commodity": "gold"}),
    );
    export::export(&mut district.store, &sealed_path, sealed).unwrap();
    assert!(lode_bundle::is_sealed(&sealed_path).unwrap());
    let bytes = std::fs::read(&sealed_path).unwrap();
    assert!(
        !bytes.windows(13).any(|w| w == b"Kalima sealed"),
        "a lost stick shows nothing"
    );

    let before = sha256(&national.dir.path().join("lode.db"));
    let open = |passphrase: Option<&str>| import::open(&national.store, &sealed_path, passphrase);
    assert!(matches!(open(None), Err(StoreError::PassphraseNeeded(f)) if f == "sealed.lodebundle"));
    let wrong = open(Some("not the passphrase"));
    assert_eq!(
        wrong.err().map(|e| e.code()),
        Some("bundle.wrong_passphrase")
    );
    assert_eq!(before, sha256(&national.dir.path().join("lode.db")));
    let mut opened = open(Some(passphrase)).unwrap();
    import::apply(&mut national.store, &mut opened).unwrap();
    assert_eq!(national.site_name(&site).as_deref(), Some("Kalima sealed"));

    // Another office holding a sealing key of its own cannot open it.
    let mut other = Office::new("Other national office", OfficeLevel::National);
    other.trust(&district);
    other
        .store
        .write(|w| sealing::create_sealing_key(w, passphrase))
        .unwrap();
    let refused = import::open(&other.store, &sealed_path, Some(passphrase));
    assert_eq!(
        refused.err().map(|e| e.code()),
        Some("bundle.not_for_this_office")
    );
}

#[test]
fn codes_only_a_national_reference_package_knows_join_the_district_lists() {
    let (mut district, _, _) = district_with_work();
    let mut national = Office::new("National office", OfficeLevel::National);
    district.acknowledged_by(&mut national);
    let built_in = lode_core::catalogue::list(Lang::En, "licence_types").len();
    let lists = reference::catalogues(district.store.conn(), Lang::En).unwrap();
    assert_eq!(lists["licence_types"].len(), built_in, "nothing new yet");
    // As if the national office ran a newer Lode with one more licence type.
    let conn = district.store.conn();
    let entries: String = conn
        .query_row(
            "SELECT entries FROM reference_catalogue WHERE lang = 'en' AND list = 'licence_types'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut entries: Vec<Value> = serde_json::from_str(&entries).unwrap();
    entries.push(json!({"code": "river_dredging_permit", "label": "River dredging permit"}));
    conn.execute(
        "UPDATE reference_catalogue SET entries = ?1 WHERE lang = 'en' AND list = 'licence_types'",
        [serde_json::to_string(&entries).unwrap()],
    )
    .unwrap();
    let lists = reference::catalogues(conn, Lang::En).unwrap();
    let licence_types = &lists["licence_types"];
    assert_eq!(licence_types.len(), built_in + 1);
    assert_eq!(
        licence_types.last().map(|e| e.label.as_str()),
        Some("River dredging permit")
    );
}

#[test]
fn an_acknowledgement_covers_an_office_s_bundles_only_up_to_the_first_gap() {
    let (mut district, ws, site) = district_with_work();
    let mut bundles = Vec::new();
    for name in ["b1", "b2", "b3"] {
        district.later();
        district.save(
            &ws,
            "site",
            Some(&site),
            json!({"name": name, "adminUnit": "Mbeli", "commodity": "gold"}),
        );
        bundles.push(district.export(&format!("{name}.lodebundle")));
    }
    let mut national = Office::new("National office", OfficeLevel::National);
    national.trust(&district);
    national.import(&bundles[0]);
    national.import(&bundles[2]);
    assert_eq!(
        acknowledgements(&mut national),
        [(1, through(&national, 1))],
        "2 is missing"
    );
    national.import(&bundles[1]);
    assert_eq!(
        acknowledgements(&mut national),
        [(3, through(&national, 3))]
    );
}

/// The acknowledgements in `national`'s reference package, as an office trusting it reads them.
fn acknowledgements(national: &mut Office) -> Vec<(u64, i64)> {
    let package = national.reference_package("reference.lodebundle");
    let mut reader = Office::new("Reader", OfficeLevel::District);
    reader.trust(national);
    let report = reader.import(&package);
    report
        .manifest
        .acknowledgements
        .iter()
        .map(|a| (a.sequence, a.through))
        .collect()
}

/// Where the received bundle numbered `sequence` ends.
fn through(office: &Office, sequence: i64) -> i64 {
    office
        .store
        .conn()
        .query_row(
            "SELECT through FROM bundle_received WHERE sequence = ?1",
            [sequence],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn the_same_checklist_item_ticked_at_both_offices_is_one_entry_not_a_duplicate() {
    let (mut district, ws, _) = district_with_work();
    let mut national = Office::new("National office", OfficeLevel::National);
    national.trust(&district);
    national.import(&district.export("b1.lodebundle"));
    let tick = |office: &mut Office, note: &str| {
        office
            .store
            .write(|w| {
                workbench::set_checklist_item(
                    w,
                    &ws,
                    StepId::TaskForce,
                    "mandate_adopted",
                    true,
                    None,
                    note,
                )
            })
            .unwrap();
    };
    // Each office ticks the item in the district's workspace: two entries, two ids.
    district.later();
    tick(&mut district, "Signed by the governor");
    national.later();
    tick(&mut national, "Seen at the national office");
    let entries = |office: &Office| -> Vec<(String, String)> {
        office
            .store
            .conn()
            .prepare("SELECT id, note FROM checklist_entry WHERE item_key = 'mandate_adopted'")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let national_entry = entries(&national)[0].0.clone();
    assert_ne!(national_entry, entries(&district)[0].0);

    let b2 = district.export("b2.lodebundle");
    let report = national.import(&b2);
    let planned = report
        .records
        .iter()
        .find(|r| r.table == "checklist_entry")
        .expect("the district's entry was weighed");
    assert_eq!(
        planned.outcome,
        Outcome::Conflict,
        "matched on its natural key"
    );
    let queue = conflicts::open_conflicts(national.store.conn()).unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(
        queue[0].record_id, national_entry,
        "shown against the entry here"
    );
    assert_eq!(queue[0].differing, ["note", "updated_by"]);
    national
        .store
        .write(|w| conflicts::resolve(w, queue[0].id, &Resolution::Incoming))
        .unwrap();
    assert_eq!(
        entries(&national),
        [(national_entry, "Signed by the governor".to_owned())],
        "one entry, with the district's note"
    );
    // The same bundle again changes nothing and raises nothing.
    let again = national.import(&b2);
    assert_eq!(again.counts.conflicts, 0);
    assert!(
        conflicts::open_conflicts(national.store.conn())
            .unwrap()
            .is_empty()
    );
}
