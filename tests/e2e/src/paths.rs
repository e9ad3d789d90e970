//! Where the app binary, tauri-driver and the screenshots are.

use std::path::{Path, PathBuf};

/// The repository root (this crate lives in `<root>/tests/e2e`).
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .ancestors()
        .nth(2)
        .unwrap_or(manifest_dir)
        .to_path_buf()
}

/// `$CARGO_TARGET_DIR` when set (a relative one is taken from the repository root), else
/// `<root>/target`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR").filter(|dir| !dir.is_empty()) {
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    }
}

/// The debug build of the app; panics with what to do when it has not been built.
pub fn app_binary() -> PathBuf {
    let app = target_dir().join("debug/lode-app");
    assert!(
        app.is_file(),
        "the app is not built: {} is missing. Run `cargo xtask test`, which builds the UI and the \
         app and then runs these tests (or `cargo build -p lode-app` after building ui/)",
        app.display()
    );
    app
}

/// The debug build of the `lode` command-line tool, which sets up the demo workspace the way
/// `cargo xtask run` does; panics with what to do when it has not been built.
pub fn cli_binary() -> PathBuf {
    let cli = target_dir().join("debug/lode");
    assert!(
        cli.is_file(),
        "the command-line tool is not built: {} is missing. Run `cargo xtask test` (or `cargo \
         build -p lode-cli`)",
        cli.display()
    );
    cli
}

/// tauri-driver: the one on `PATH`, else the pinned one `cargo xtask test` installs in
/// `target/tools/bin`; panics with what to do when there is none.
pub fn tauri_driver() -> PathBuf {
    let on_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join("tauri-driver"))
            .find(|candidate| candidate.is_file())
    });
    let installed = target_dir().join("tools/bin/tauri-driver");
    match on_path {
        Some(driver) => driver,
        None if installed.is_file() => installed,
        None => panic!(
            "tauri-driver not found on PATH nor at {}. Run `cargo xtask test`, which installs \
             tauri-driver 2.1.0 there",
            installed.display()
        ),
    }
}

/// `target/e2e-screenshots`, created if needed.
pub fn screenshots_dir() -> PathBuf {
    let dir = target_dir().join("e2e-screenshots");
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}
