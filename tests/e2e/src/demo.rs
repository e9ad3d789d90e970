//! The demo workspace, made by `lode demo` as an officer (or `cargo xtask run`) makes it.

use crate::paths::cli_binary;
use std::process::Command;

/// A fresh data folder (named after `test`) holding the demo filled in through `last_phase`.
pub fn demo_data(test: &str, last_phase: u8) -> tempfile::TempDir {
    let data = tempfile::Builder::new()
        .prefix(&format!("lode-e2e-{test}-"))
        .tempdir()
        .expect("a temporary data folder");
    let phase = last_phase.to_string();
    let output = Command::new(cli_binary())
        .args(["demo", "--through-phase", &phase])
        .env("LODE_DATA_DIR", data.path())
        .output()
        .expect("`lode demo` runs");
    assert!(
        output.status.success(),
        "`lode demo --through-phase {phase}` failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    data
}
