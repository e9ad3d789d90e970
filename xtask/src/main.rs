//! Developer tasks for Lode, run as `cargo xtask <task>` (the alias lives in `.cargo/config.toml`).
//!
//! - `cargo xtask run`: install what a fresh Debian 12 machine lacks, build the UI and the app, set up a
//!   demo installation in `$LODE_DATA_DIR` (default `target/demo-data`) and open the app on it. Without
//!   a display, the window is drawn in a private Xvfb and saved to `target/screenshots/home.png`.
//! - `cargo xtask test`: every check CI runs, stage by stage, stopping at the first failure: formatting,
//!   clippy, the Rust tests, the UI's checks and tests, then the end-to-end suite against the real window.
//!
//! What this crate owns: the order of the build (the UI's `dist/` must exist before anything compiles
//! `src-tauri`), the system packages the build needs, and how the end-to-end suite is started.
//! What it must never do: depend on Tauri or on Lode's own crates (it must build in seconds, before
//! anything else can), or hide a command — every external step prints what it runs.

mod command;
mod launch;
mod stage;
mod suite;
mod system_packages;
mod ui;
mod workspace;
mod xvfb;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  run    install missing system and npm packages, build the UI and the app, and open the app on a
         demo workspace (data in $LODE_DATA_DIR, default target/demo-data); without a display the
         window is drawn in Xvfb and saved to target/screenshots/home.png
  test   run the whole suite as CI does: formatting, clippy, Rust tests, UI checks and tests, and
         the end-to-end tests against the real window under Xvfb
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = match args.as_slice() {
        [task] => task.as_str(),
        [] => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
        _ => {
            eprintln!("xtask: expected exactly one task, got {args:?}\n");
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let outcome = match task {
        "run" => launch::run(),
        "test" => suite::run(),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => {
            eprintln!("xtask: unknown task `{other}`\n");
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::FAILURE
        }
    }
}
