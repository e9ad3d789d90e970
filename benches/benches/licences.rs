//! Searching and filtering 100,000 licence holders through `licences::list`, the query path the
//! register uses, against a baseline in the same run: the cheapest page of the same table, read
//! in name order from its index with a bare rusqlite query (no filter, no count, no decoding into
//! records). The ratio is what to watch; the register needs each query under 50 ms.

use lode_benches::{Bench, licence_holder_fields, median, store_with_licence_holders};
use lode_store::licences::{self, LicenceQuery};

const HOLDERS: usize = 100_000;
const TODAY: &str = "2026-11-28";

thread_local! {
    // A SQLite connection belongs to one thread; divan runs these benchmarks on the main thread.
    static BENCH: Bench = store_with_licence_holders(HOLDERS);
}

fn baseline_page() {
    BENCH.with(|b| {
        let mut stmt = b
            .store
            .conn()
            .prepare_cached(
                "SELECT id, name, national_id, status FROM licence_holder
                 WHERE workspace_id = ?1 AND deleted = 0 ORDER BY name COLLATE NOCASE LIMIT 100",
            )
            .unwrap();
        let rows: Vec<(String, String, String, String)> = stmt
            .query_map([&b.workspace_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        divan::black_box(rows);
    });
}

fn query(text: &str, status: &str, expiring: Option<i64>, sort: &str) -> LicenceQuery {
    LicenceQuery {
        text: text.into(),
        status: status.into(),
        expiring_within_days: expiring,
        sort: sort.into(),
        limit: 100,
        ..LicenceQuery::default()
    }
}

/// The register's queries: (label, query).
fn queries() -> Vec<(&'static str, LicenceQuery)> {
    vec![
        ("first page by name", query("", "", None, "name")),
        ("text search, a name", query("kasongo", "", None, "name")),
        (
            "text search, a national ID",
            query("CD-0100", "", None, "name"),
        ),
        (
            "text search matching everyone",
            query("CD-", "", None, "name"),
        ),
        ("text search, two letters", query("ka", "", None, "name")),
        (
            "status filter, by name",
            query("", "suspended", None, "name"),
        ),
        (
            "expiring within 30 days",
            query("", "", Some(30), "expiresOn"),
        ),
        ("granted, sorted by expiry, desc", {
            let mut q = query("", "granted", None, "expiresOn");
            q.descending = true;
            q
        }),
        ("sorted by issue date", query("", "", None, "issuedOn")),
        ("sorted by status", query("", "", None, "status")),
        ("sorted by licence type, desc", {
            let mut q = query("", "", None, "licenceType");
            q.descending = true;
            q
        }),
        (
            "suspended, sorted by expiry",
            query("", "suspended", None, "expiresOn"),
        ),
        (
            "a name, sorted by expiry",
            query("kasongo", "", None, "expiresOn"),
        ),
        ("last page by name", {
            let mut q = query("", "", None, "name");
            q.offset = 99_900;
            q
        }),
    ]
}

fn list(q: &LicenceQuery) {
    BENCH.with(|b| {
        divan::black_box(licences::list(b.store.conn(), &b.workspace_id, q, TODAY).unwrap())
    });
}

fn summary() {
    BENCH.with(|b| {
        divan::black_box(licences::summary(b.store.conn(), &b.workspace_id, TODAY).unwrap())
    });
}

/// The check the form makes before saving: a national ID and a name with a birth date.
fn duplicates() {
    let fields = licence_holder_fields(4_242);
    BENCH.with(|b| {
        divan::black_box(
            licences::duplicates_of(b.store.conn(), &b.workspace_id, None, &fields).unwrap(),
        )
    });
}

#[divan::bench]
fn baseline_first_page_plain_sql() {
    baseline_page();
}

#[divan::bench]
fn first_page_by_name() {
    list(&query("", "", None, "name"));
}

#[divan::bench]
fn text_search() {
    list(&query("kasongo", "", None, "name"));
}

#[divan::bench]
fn status_filter() {
    list(&query("", "suspended", None, "name"));
}

#[divan::bench]
fn expiring_within_30_days() {
    list(&query("", "", Some(30), "expiresOn"));
}

#[divan::bench]
fn summary_with_renewals_due() {
    summary();
}

#[divan::bench]
fn duplicate_check() {
    duplicates();
}

fn report(name: &str, time: std::time::Duration, baseline: std::time::Duration) {
    let ratio = time.as_secs_f64() / baseline.as_secs_f64();
    println!("  {name:<36} {time:>12?}  ×{ratio:.1}  (goal: under 50 ms)");
}

fn main() {
    divan::Divan::from_args().threads([1]).main();
    // The ratio against the baseline, measured again here so both numbers come from this run.
    let baseline = median(51, baseline_page);
    println!(
        "\nlicence holders (100,000) — median of 51 runs, ratio to the plain-SQL baseline ({baseline:?}):"
    );
    for (name, q) in queries() {
        let total = BENCH.with(|b| {
            licences::list(b.store.conn(), &b.workspace_id, &q, TODAY)
                .unwrap()
                .total
        });
        report(
            &format!("{name} ({total})"),
            median(51, || list(&q)),
            baseline,
        );
    }
    report(
        "summary (counts, renewals due)",
        median(51, summary),
        baseline,
    );
    report(
        "duplicate check before saving",
        median(51, duplicates),
        baseline,
    );
}
