//! Harness for Lode's end-to-end tests: the real application window, driven as a person would drive it,
//! through tauri-driver (which starts WebKitWebDriver, which starts `target/debug/lode-app`).
//!
//! What it owns: starting and stopping tauri-driver and the app around each test, with the app's data,
//! and WebKit's own files, in folders the test chose; waiting on the UI's hooks (the ids and
//! `data-testid`s listed in docs/commands.md) instead of sleeping; screenshots.
//! What it must never do: reach into the app's database or the UI's internals (a test sees only what a
//! person sees), sleep for a fixed time, or leave a process behind — tauri-driver is stopped with
//! SIGTERM, never SIGKILL, which would orphan WebKitWebDriver and hang the run.
//!
//! Run it with `cargo xtask test`, which builds the app and runs these tests under Xvfb with the pinned
//! tauri-driver on `PATH`.

mod app;
mod demo;
mod driver;
pub mod first_run;
mod paths;
mod process;

use std::future::Future;
use std::time::Duration;

pub use app::App;
pub use demo::demo_data;
pub use driver::Driver;
pub use paths::{app_binary, cli_binary, screenshots_dir, target_dir, workspace_root};

/// How long one test may run before it fails (fantoccini's requests have no time limit of their own).
pub const TEST_TIME_LIMIT: Duration = Duration::from_secs(180);

/// Runs a test body, failing it if it has not finished within [`TEST_TIME_LIMIT`]. Whatever it started
/// (the app, tauri-driver) is stopped when the body is dropped.
pub async fn within_time_limit<F: Future<Output = ()>>(body: F) {
    if tokio::time::timeout(TEST_TIME_LIMIT, body).await.is_err() {
        panic!(
            "the test did not finish within {} s; see the tauri-driver log printed above",
            TEST_TIME_LIMIT.as_secs()
        );
    }
}
