//! The national view over a chosen period, on real SQLite files: bundles really exported by
//! district offices and imported by the national office at known moments, then counted for the
//! current quarter, the previous one, the year and all time.

use lode_bundle::BundleKind;
use lode_core::Lang;
use lode_core::clock::{FixedClock, RandomIds, iso_date};
use lode_core::office::{OfficeLevel, Setup};
use lode_store::national::{self, NationalView, Period, Submission};
use lode_store::sync::export::{self, ExportOptions};
use lode_store::sync::{import, keys};
use lode_store::{Context, Store, StoreError, installation, kinds, workspace};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const DAY: i64 = 86_400_000;
/// 2026-11-28T00:00:00Z: the national office's today.
const T0: i64 = 1_795_824_000_000;
const TODAY: &str = "2026-11-28";
/// 2026-10-01T00:00:00Z: the first moment of the fourth quarter.
const Q4: i64 = T0 - 58 * DAY;
/// 2026-08-15T00:00:00Z: mid third quarter.
const MID_Q3: i64 = T0 - 105 * DAY;

struct Office {
    dir: tempfile::TempDir,
    store: Store,
    clock: Arc<FixedClock>,
    workspace: String,
}

impl Office {
    fn new(name: &str, level: OfficeLevel, at: i64) -> Office {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::at(at));
        let context = Context {
            clock: clock.clone(),
            ids: Arc::new(RandomIds),
        };
        let mut store = Store::open(&dir.path().join("lode.db"), context).unwrap();
        let workspace = store
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
                keys::create_office_key(w)?;
                Ok(workspace::create(w, &format!("{name} strategy"), name)?
                    .meta
                    .id)
            })
            .unwrap();
        Office {
            dir,
            store,
            clock,
            workspace,
        }
    }

    fn add_site(&mut self, name: &str) {
        self.clock.advance(60_000);
        let ws = self.workspace.clone();
        let fields = json!({"name": name, "adminUnit": "Mbeli", "commodity": "gold"});
        self.store
            .write(|w| kinds::save(w, &ws, "site", None, &fields))
            .unwrap();
    }

    fn export(&mut self, name: &str) -> PathBuf {
        self.clock.advance(60_000);
        let path = self.dir.path().join(name);
        let options = ExportOptions {
            everything: false,
            kind: BundleKind::DistrictSubmission,
            seal: false,
        };
        export::export(&mut self.store, &path, options).unwrap();
        path
    }

    fn public_hex(&self) -> String {
        keys::office_key_info(self.store.conn())
            .unwrap()
            .unwrap()
            .public_key
    }

    fn trust(&mut self, name: &str, public_hex: &str) {
        self.store
            .write(|w| keys::trust(w, name, public_hex))
            .unwrap();
    }

    /// Imports `bundle` with this office's clock standing at `at`.
    fn import_at(&mut self, at: i64, bundle: &Path) {
        let now = self.clock_now();
        assert!(at >= now, "the test clock only moves forward");
        self.clock.advance(at - now);
        import::import_file(&mut self.store, bundle).unwrap();
    }

    fn clock_now(&self) -> i64 {
        use lode_core::Clock;
        self.clock.now()
    }

    fn view(&self, period: Period) -> NationalView {
        national::view(self.store.conn(), Lang::En, TODAY, period).unwrap()
    }
}

/// The national office and what it heard, when:
/// - Mbeli sent bundle 1 mid third quarter and bundle 2 at the first moment of the fourth;
/// - Tanda sent bundle 1 at the last moment of the third quarter, and nothing since;
/// - Kasoro is trusted but never sent anything.
struct Scenario {
    national: Office,
    mbeli: Office,
    tanda: Office,
}

fn scenario() -> Scenario {
    let mut mbeli = Office::new("Mbeli district office", OfficeLevel::District, MID_Q3);
    mbeli.add_site("Kalima 1");
    let m1 = mbeli.export("m1.lodebundle");
    mbeli.add_site("Kalima 2");
    let m2 = mbeli.export("m2.lodebundle");
    let mut tanda = Office::new("Tanda district office", OfficeLevel::District, MID_Q3);
    tanda.add_site("Tanda 1");
    let t1 = tanda.export("t1.lodebundle");

    let mut national = Office::new("National office", OfficeLevel::National, MID_Q3);
    national.trust("Mbeli district office", &mbeli.public_hex());
    national.trust("Tanda district office", &tanda.public_hex());
    let silent = lode_bundle::OfficeKey::from_secret(&[9; 32]).unwrap();
    let silent: String = silent.public().iter().map(|b| format!("{b:02x}")).collect();
    national.trust("Kasoro district office", &silent);

    national.import_at(MID_Q3 + DAY, &m1);
    national.import_at(Q4 - 1, &t1);
    national.import_at(Q4, &m2);
    national.clock.advance(T0 - Q4);
    assert_eq!(iso_date(national.clock_now()), TODAY);
    Scenario {
        national,
        mbeli,
        tanda,
    }
}

/// (office, on time, bundles in the period, last sequence, last received at).
type Seen<'a> = (&'a str, bool, i64, Option<i64>, Option<i64>);

/// What the view says of each trusted office, in its order.
fn submissions(view: &NationalView) -> Vec<Seen<'_>> {
    view.submissions
        .iter()
        .map(|s: &Submission| {
            (
                s.office_name.as_str(),
                s.on_time,
                s.bundles,
                s.last_sequence,
                s.last_received_at,
            )
        })
        .collect()
}

/// The bundles counted for each workspace, by its office's name.
fn district_bundles<'a>(view: &'a NationalView, s: &Scenario) -> Vec<(&'a str, i64)> {
    let mut rows: Vec<(&str, i64)> = view
        .districts
        .iter()
        .map(|d| {
            let who = if d.workspace_id == s.mbeli.workspace {
                "mbeli"
            } else if d.workspace_id == s.tanda.workspace {
                "tanda"
            } else if d.workspace_id == s.national.workspace {
                "national"
            } else {
                "unknown"
            };
            (who, d.bundles)
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn the_current_quarter_counts_only_what_arrived_since_it_began() {
    let s = scenario();
    let view = s.national.view(Period::Quarter);
    assert_eq!(view.period, Period::Quarter);
    assert_eq!(
        (view.period_start.as_deref(), view.period_end.as_str()),
        (Some("2026-10-01"), "2026-12-31")
    );
    assert_eq!(view.on_time_since, "2026-10-01");
    assert_eq!(
        submissions(&view),
        [
            ("Kasoro district office", false, 0, None, None),
            ("Tanda district office", false, 0, Some(1), Some(Q4 - 1)),
            ("Mbeli district office", true, 1, Some(2), Some(Q4)),
        ],
        "Tanda's bundle came one millisecond before the quarter: late, but its last bundle is shown"
    );
    assert_eq!(
        district_bundles(&view, &s),
        [("mbeli", 1), ("national", 0), ("tanda", 0)]
    );
}

#[test]
fn the_previous_quarter_ignores_what_arrived_after_it_ended() {
    let s = scenario();
    let view = s.national.view(Period::PreviousQuarter);
    assert_eq!(view.period, Period::PreviousQuarter);
    assert_eq!(
        (view.period_start.as_deref(), view.period_end.as_str()),
        (Some("2026-07-01"), "2026-09-30")
    );
    assert_eq!(
        submissions(&view),
        [
            ("Kasoro district office", false, 0, None, None),
            (
                "Mbeli district office",
                true,
                1,
                Some(1),
                Some(MID_Q3 + DAY)
            ),
            ("Tanda district office", true, 1, Some(1), Some(Q4 - 1)),
        ],
        "Mbeli's last bundle then was its first; its second arrived after the quarter ended"
    );
    assert_eq!(
        district_bundles(&view, &s),
        [("mbeli", 1), ("national", 0), ("tanda", 1)]
    );
}

#[test]
fn the_year_counts_every_bundle_since_the_first_of_january() {
    let s = scenario();
    let view = s.national.view(Period::Year);
    assert_eq!(
        (view.period_start.as_deref(), view.period_end.as_str()),
        (Some("2026-01-01"), "2026-12-31")
    );
    assert_eq!(
        submissions(&view),
        [
            ("Kasoro district office", false, 0, None, None),
            ("Mbeli district office", true, 2, Some(2), Some(Q4)),
            ("Tanda district office", true, 1, Some(1), Some(Q4 - 1)),
        ]
    );
    assert_eq!(
        district_bundles(&view, &s),
        [("mbeli", 2), ("national", 0), ("tanda", 1)]
    );
}

#[test]
fn all_time_counts_everything_but_still_asks_for_a_bundle_this_quarter() {
    let s = scenario();
    let view = s.national.view(Period::All);
    assert_eq!(view.period, Period::All);
    assert_eq!(view.period_start, None, "all time has no start");
    assert_eq!(view.period_end, TODAY);
    assert_eq!(view.on_time_since, "2026-10-01");
    assert_eq!(
        submissions(&view),
        [
            ("Kasoro district office", false, 0, None, None),
            ("Tanda district office", false, 1, Some(1), Some(Q4 - 1)),
            ("Mbeli district office", true, 2, Some(2), Some(Q4)),
        ],
        "Tanda sent a bundle once, but none this quarter: still late"
    );
    assert_eq!(
        district_bundles(&view, &s),
        [("mbeli", 2), ("national", 0), ("tanda", 1)]
    );
}

#[test]
fn sites_miners_and_licences_are_current_totals_whatever_the_period() {
    let s = scenario();
    let totals: Vec<(i64, Vec<(String, i64)>)> = Period::EVERY
        .into_iter()
        .map(|period| {
            let view = s.national.view(period);
            let districts = view
                .districts
                .iter()
                .map(|d| (d.workspace_id.clone(), d.sites))
                .collect();
            (view.totals.sites, districts)
        })
        .collect();
    assert_eq!(totals[0].0, 3, "Kalima 1 and 2 from Mbeli, Tanda 1");
    for (period, other) in Period::EVERY.into_iter().zip(&totals) {
        assert_eq!(
            other, &totals[0],
            "{period:?}: Kalima 2 arrived in the fourth quarter yet counts in every period"
        );
    }
}

#[test]
fn an_unknown_period_or_an_impossible_day_is_refused_with_its_field() {
    let s = scenario();
    let error = Period::from_code("month").unwrap_err();
    assert_eq!(error.code(), "validation");
    let field = |error: StoreError| match error {
        StoreError::Invalid(invalid) => (invalid.0[0].field.clone(), invalid.0[0].code),
        other => panic!("expected a field error, got {other:?}"),
    };
    assert_eq!(field(error), ("period".to_owned(), "invalid_choice"));
    for (lang, words) in [(Lang::En, "period"), (Lang::Fr, "période")] {
        let text = lode_core::messages::field_error(lang, "period", "invalid_choice");
        assert!(
            text.contains(words),
            "the {lang:?} message names the period: {text}"
        );
    }

    let error = national::view(
        s.national.store.conn(),
        Lang::En,
        "2026-02-30",
        Period::Year,
    )
    .unwrap_err();
    assert_eq!(field(error), ("today".to_owned(), "invalid_date"));
}
