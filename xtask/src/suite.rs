//! `cargo xtask test`: the whole suite, as CI runs it, stopping at the first stage that fails.

use std::path::Path;

use crate::command::{Cmd, Result};
use crate::stage::Stages;
use crate::xvfb::SCREEN;
use crate::{system_packages, ui, workspace};

/// The tauri-driver release the end-to-end suite is verified with (the newest on crates.io is an alpha
/// of the next major version).
const TAURI_DRIVER_VERSION: &str = "2.1.0";

pub fn run() -> Result<()> {
    let root = workspace::root();
    let tools = workspace::target_dir().join("tools");
    let cargo = || Cmd::new(workspace::cargo()).current_dir(&root);
    let mut stages = Stages::new("test");

    stages.run("system packages", system_packages::ensure)?;
    stages.run("UI packages", ui::install)?;
    // Before any cargo command: src-tauri embeds ui/dist and does not compile without it.
    stages.run("UI build", ui::build)?;
    stages.run("cargo fmt", || {
        cargo().args(["fmt", "--all", "--", "--check"]).run()
    })?;
    stages.run("cargo clippy", || {
        cargo()
            .args(["clippy", "--workspace", "--all-targets", "--locked"])
            .args(["--", "-D", "warnings"])
            .run()
    })?;
    stages.run("cargo test", || {
        cargo()
            .args(["test", "--workspace", "--locked", "--exclude", "lode-e2e"])
            .run()
    })?;
    stages.run("UI check", ui::check)?;
    stages.run("UI tests", ui::test)?;
    stages.run("tauri-driver", || install_tauri_driver(&root, &tools))?;
    stages.run("build app", || {
        cargo()
            .args(["build", "--locked", "-p", "lode-app", "-p", "lode-cli"])
            .run()
    })?;
    stages.run("end-to-end tests", || {
        Cmd::new("xvfb-run")
            .current_dir(&root)
            .env("PATH", workspace::path_with(&tools.join("bin")))
            .args(["-a", "-s", &format!("-screen 0 {SCREEN}")])
            .arg(workspace::cargo())
            .args([
                "test",
                "--locked",
                "-p",
                "lode-e2e",
                "--",
                "--test-threads=1",
            ])
            .run()
    })?;
    stages.print_summary();
    println!("\nxtask test: all stages passed");
    Ok(())
}

/// Installs the pinned tauri-driver into `target/tools` unless it is there already.
fn install_tauri_driver(root: &Path, tools: &Path) -> Result<()> {
    let driver = tools.join("bin/tauri-driver");
    if driver.is_file() {
        println!("{} is installed", driver.display());
        return Ok(());
    }
    Cmd::new(workspace::cargo())
        .current_dir(root)
        .args([
            "install",
            "tauri-driver",
            "--version",
            TAURI_DRIVER_VERSION,
            "--locked",
            "--root",
        ])
        .arg(tools)
        .run()
}
