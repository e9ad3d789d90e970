//! Rendering the full ASM Management Strategy of the demo workspace, as PDF (typst) and as DOCX,
//! against a baseline in the same run: reading the records the Strategy is made of through the
//! same store readers the Strategy screens use. Goal from issue 7: the PDF under 3 s.

use lode_benches::{Bench, median, store_with_demo};
use lode_core::Lang;
use lode_docs::{Format, Report};
use lode_store::{finalise, sector_types, strategy, vision};
use std::time::{Duration, Instant};

/// 2026-11-28T00:00:00Z, the day the demo is built for.
const AT: i64 = 1_795_824_000_000;

fn read_strategy_records(b: &Bench) {
    let conn = b.store.conn();
    let ws = &b.workspace_id;
    divan::black_box((
        vision::view(conn, ws, Lang::En).unwrap(),
        sector_types::view(conn, ws, Lang::En).unwrap(),
        strategy::view(conn, ws, Lang::En).unwrap(),
        finalise::view(conn, ws, Lang::En).unwrap(),
    ));
}

fn strategy(b: &Bench, format: Format) -> usize {
    lode_docs::make(
        b.store.conn(),
        &b.workspace_id,
        Report::Strategy,
        format,
        Lang::En,
        AT,
    )
    .unwrap()
    .len()
}

fn report(name: &str, time: Duration, baseline: Duration, goal: &str) {
    let ratio = time.as_secs_f64() / baseline.as_secs_f64();
    println!("  {name:<40} {time:>12.2?}  ×{ratio:.0}  {goal}");
}

fn main() {
    let bench = store_with_demo();
    // The first document of a process also parses the fonts; an officer meets that once.
    let start = Instant::now();
    let bytes = strategy(&bench, Format::Pdf);
    let first = start.elapsed();
    let baseline = median(11, || read_strategy_records(&bench));
    println!(
        "\nASM Management Strategy of the demo workspace ({} KB as PDF) — median of 5 runs, \
         ratio to reading its records ({baseline:.2?}):",
        bytes / 1024
    );
    report(
        "PDF, first of the process",
        first,
        baseline,
        "(goal: under 3 s)",
    );
    report(
        "PDF",
        median(5, || {
            divan::black_box(strategy(&bench, Format::Pdf));
        }),
        baseline,
        "(goal: under 3 s)",
    );
    report(
        "DOCX",
        median(5, || {
            divan::black_box(strategy(&bench, Format::Docx));
        }),
        baseline,
        "",
    );
}
