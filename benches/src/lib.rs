//! Shared set-up for Lode's benchmarks: real SQLite files in a temporary folder, filled through
//! the same store API the app uses. Benchmarks never run in tests; `cargo bench -p lode-benches`.

use lode_core::Lang;
use lode_core::clock::{FixedClock, SequentialIds};
use lode_core::office::{OfficeLevel, Setup};
use lode_store::{Context, Store, installation, kinds, workspace};
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct Bench {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub workspace_id: String,
}

/// A store with one workspace holding `count` sites spread over commodities and districts.
pub fn store_with_sites(count: usize) -> Bench {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let context = Context {
        clock: Arc::new(FixedClock::at(1_795_824_000_000)),
        ids: Arc::new(SequentialIds::default()),
    };
    let mut store = Store::open(&dir.path().join("lode.db"), context).expect("a new store");
    let commodities: Vec<String> = lode_core::catalogue::list(Lang::En, "commodities")
        .iter()
        .map(|e| e.code.clone())
        .collect();
    let workspace_id = store
        .write(|w| {
            installation::set_up(
                w,
                &Setup {
                    office_name: "Benchmark office".into(),
                    level: OfficeLevel::National,
                    country: "XX".into(),
                    parent_office: None,
                    officer_name: "Bench".into(),
                    officer_role: "Bench".into(),
                    language: Lang::En,
                },
            )?;
            let ws = workspace::create(w, "Benchmark", "Everywhere")?.meta.id;
            for i in 0..count {
                let fields = json!({
                    "name": format!("Site {i:05}"), "adminUnit": format!("District {}", i % 40),
                    "commodity": commodities[i % commodities.len()], "minersFemale": i % 70,
                    "minersMale": 20 + i % 200, "latitude": -3.0, "longitude": 28.0,
                });
                kinds::save(w, &ws, "site", None, &fields)?;
            }
            Ok(ws)
        })
        .expect("sites written");
    Bench {
        dir,
        store,
        workspace_id,
    }
}

/// The median time of `runs` calls of `work`.
pub fn median(runs: usize, mut work: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// A store holding the demo workspace (300 sites, its Phase 1 and its Phase 2 strategy), built
/// by the same code as `lode demo`.
pub fn store_with_demo() -> Bench {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let context = Context {
        clock: Arc::new(FixedClock::at(1_795_824_000_000)),
        ids: Arc::new(SequentialIds::default()),
    };
    let mut store = Store::open(&dir.path().join("lode.db"), context).expect("a new store");
    let workspace_id = lode_store::demo::ensure(&mut store, Lang::En)
        .expect("the demo workspace")
        .meta
        .id;
    Bench {
        dir,
        store,
        workspace_id,
    }
}

const FIRST_NAMES: &[&str] = &[
    "Aline", "Jean", "Esther", "Paul", "Furaha", "Amani", "Chantal", "Didier", "Neema", "Patrick",
    "Mapendo", "Joseph", "Safi", "Emmanuel", "Riziki", "Olivier",
];
const LAST_NAMES: &[&str] = &[
    "Bahati",
    "Mukendi",
    "Kasongo",
    "Ilunga",
    "Mwamba",
    "Kabila",
    "Lukusa",
    "Banza",
    "Tshibangu",
    "Mulumba",
    "Kalala",
    "Ngoy",
    "Zawadi",
    "Muteba",
    "Kyungu",
    "Mbuyi",
    "Kitenge",
];
/// Six in ten granted, as in a register that has been running for a while.
const LICENCE_STATUSES: [&str; 10] = [
    "granted",
    "granted",
    "granted",
    "granted",
    "granted",
    "granted",
    "applied",
    "expired",
    "suspended",
    "revoked",
];

/// The date `days` after 1970-01-01.
fn day(days: i64) -> String {
    lode_core::clock::iso_date(days * 86_400_000)
}

/// The fields of the `i`th benchmark holder: every kind, status, licence type and commodity,
/// issue dates over 2024–2027 and expiry one to three years later, births over 1955–1987,
/// unique names and national IDs (so that none is a duplicate of another).
pub fn licence_holder_fields(i: usize) -> serde_json::Value {
    let kind = match i % 20 {
        0 => "cooperative",
        1 => "company",
        _ => "individual",
    };
    let person = kind == "individual";
    let types = lode_core::catalogue::list(Lang::En, "licence_types");
    let commodities = lode_core::catalogue::list(Lang::En, "commodities");
    let n = i as i64;
    let issued = 19_723 + (n * 7_919) % 1_461;
    json!({
        "holderKind": kind,
        "name": format!("{} {} {i:06}", FIRST_NAMES[i % FIRST_NAMES.len()], LAST_NAMES[i / 7 % LAST_NAMES.len()]),
        "nationalId": format!("CD-{:08}", i * 37 + 1_000_000),
        "birthDate": person.then(|| day(-5_479 + (n * 104_729) % 12_000)),
        "sex": if person { ["female", "male", "unknown"][i % 3] } else { "" },
        "licenceType": types[i % types.len()].code,
        "licenceNumber": format!("LN-{i:06}"),
        "commodity": commodities[i % commodities.len()].code,
        "issuedOn": day(issued),
        "expiresOn": day(issued + 365 * (1 + n % 3)),
        "status": LICENCE_STATUSES[i % LICENCE_STATUSES.len()],
    })
}

/// A store with one workspace holding `count` licence holders, written through the real store
/// API (`kinds::save`: validation, duplicate checks, audit and the first history row, exactly as
/// the app saves one) inside one transaction, so that the data and its indexes are what the app
/// would have.
pub fn store_with_licence_holders(count: usize) -> Bench {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let context = Context {
        clock: Arc::new(FixedClock::at(1_795_824_000_000)),
        ids: Arc::new(SequentialIds::default()),
    };
    let mut store = Store::open(&dir.path().join("lode.db"), context).expect("a new store");
    let workspace_id = store
        .write(|w| {
            installation::set_up(w, &bench_setup())?;
            let ws = workspace::create(w, "Benchmark", "Everywhere")?.meta.id;
            for i in 0..count {
                kinds::save(w, &ws, "licence_holder", None, &licence_holder_fields(i))?;
            }
            Ok(ws)
        })
        .expect("licence holders written");
    Bench {
        dir,
        store,
        workspace_id,
    }
}

fn bench_setup() -> Setup {
    Setup {
        office_name: "Benchmark office".into(),
        level: OfficeLevel::National,
        country: "XX".into(),
        parent_office: None,
        officer_name: "Bench".into(),
        officer_role: "Bench".into(),
        language: Lang::En,
    }
}
