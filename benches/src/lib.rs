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
