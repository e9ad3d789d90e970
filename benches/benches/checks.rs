//! The coherence checks of step 2.4 over the demo workspace (300 sites, its types, strategies and
//! measures), through `finalise::view`, the path the "Run the checks" button takes, against a
//! baseline in the same run: reading every site row of the workspace with a bare rusqlite query,
//! the least the checks must do. The goal is well under a second.

use lode_benches::{Bench, median, store_with_demo};
use lode_core::Lang;
use lode_store::{finalise, sector_types};

thread_local! {
    static BENCH: Bench = store_with_demo();
}

fn baseline_read_sites() {
    BENCH.with(|b| {
        let mut stmt = b
            .store
            .conn()
            .prepare_cached("SELECT * FROM site WHERE workspace_id = ?1 AND deleted = 0")
            .unwrap();
        let count = stmt
            .query_map([&b.workspace_id], |r| r.get::<_, String>(0))
            .unwrap()
            .count();
        divan::black_box(count);
    });
}

fn run_checks() {
    BENCH.with(|b| {
        divan::black_box(finalise::view(b.store.conn(), &b.workspace_id, Lang::En).unwrap());
    });
}

fn rank_types() {
    BENCH.with(|b| {
        divan::black_box(sector_types::view(b.store.conn(), &b.workspace_id, Lang::En).unwrap());
    });
}

#[divan::bench]
fn baseline_read_every_site_plain_sql() {
    baseline_read_sites();
}

#[divan::bench]
fn checks_and_annex_c() {
    run_checks();
}

#[divan::bench]
fn types_profiles_and_ranking() {
    rank_types();
}

fn main() {
    divan::Divan::from_args().threads([1]).main();
    let baseline = median(31, baseline_read_sites);
    let types = BENCH.with(|b| {
        sector_types::view(b.store.conn(), &b.workspace_id, Lang::En)
            .unwrap()
            .types
            .len()
    });
    println!(
        "\nchecks over the demo (300 sites, {types} types) — median of 31 runs, ratio to reading \
         every site with plain SQL ({baseline:?}):"
    );
    for (name, work) in [
        ("coherence checks + Annex C", run_checks as fn()),
        ("type profiles and ranking", rank_types),
    ] {
        let time = median(31, work);
        let ratio = time.as_secs_f64() / baseline.as_secs_f64();
        println!("  {name:<30} {time:>12?}  ×{ratio:.1}  (goal: well under 1 s)");
    }
}
