//! Listing and filtering 10,000 sites through `site::list`, the query path the sites table uses,
//! against a baseline in the same run: the same page read with a bare rusqlite query (no filter
//! clauses, no count, no decoding into records). The ratio is what to watch; the UI needs each
//! page well under 100 ms.

use lode_benches::{Bench, median, store_with_sites};
use lode_core::Lang;
use lode_store::site::{self, SiteQuery};
use lode_store::workbench;

thread_local! {
    // A SQLite connection belongs to one thread; divan runs these benchmarks on the main thread.
    static BENCH: Bench = store_with_sites(10_000);
}

fn baseline_page() {
    BENCH.with(baseline_page_in);
}

fn baseline_page_in(b: &Bench) {
    let mut stmt = b
        .store
        .conn()
        .prepare_cached("SELECT id, name, admin_unit, commodity FROM site WHERE workspace_id = ?1 ORDER BY name LIMIT 100")
        .unwrap();
    let rows: Vec<(String, String, String, String)> = stmt
        .query_map([&b.workspace_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    divan::black_box(rows);
}

fn query(text: &str, commodity: &str, sort: &str, descending: bool) -> SiteQuery {
    SiteQuery {
        text: text.into(),
        commodity: commodity.into(),
        sort: sort.into(),
        descending,
        limit: 100,
        ..SiteQuery::default()
    }
}

fn list(q: &SiteQuery) {
    BENCH.with(|b| divan::black_box(site::list(b.store.conn(), &b.workspace_id, q).unwrap()));
}

#[divan::bench]
fn baseline_first_page_plain_sql() {
    baseline_page();
}

#[divan::bench]
fn first_page_by_name() {
    list(&query("", "", "name", false));
}

#[divan::bench]
fn filter_by_commodity_sorted_by_miners() {
    list(&query("", "gold", "miners", true));
}

#[divan::bench]
fn text_search() {
    list(&query("District 7", "", "name", false));
}

/// The home screen computes every step's readiness, and steps 2.2–2.4 look at every site's type.
fn home() {
    BENCH.with(|b| {
        divan::black_box(
            workbench::home(b.store.conn(), &b.workspace_id, Lang::En, "2026-11-28").unwrap(),
        )
    });
}

#[divan::bench]
fn home_screen_readiness() {
    home();
}

fn main() {
    divan::Divan::from_args().threads([1]).main();
    // The ratio against the baseline, measured again here so both numbers come from this run.
    let baseline = median(51, baseline_page);
    println!(
        "\nsites (10,000) — median of 51 runs, ratio to the plain-SQL baseline ({baseline:?}):"
    );
    for (name, q) in [
        ("first page by name", query("", "", "name", false)),
        (
            "commodity filter, sorted by miners",
            query("", "gold", "miners", true),
        ),
        ("text search", query("District 7", "", "name", false)),
    ] {
        let time = median(51, || list(&q));
        let ratio = time.as_secs_f64() / baseline.as_secs_f64();
        println!("  {name:<36} {time:>12?}  ×{ratio:.1}  (goal: well under 100 ms)");
    }
    let time = median(11, home);
    let ratio = time.as_secs_f64() / baseline.as_secs_f64();
    println!(
        "  {:<36} {time:>12?}  ×{ratio:.1}  (goal: under 300 ms)",
        "home screen readiness"
    );
}
