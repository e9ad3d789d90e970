//! The Svelte UI in `ui/`: its npm packages, its build (which `src-tauri` embeds, so it comes before
//! any cargo command that compiles `src-tauri`), its checks and its tests.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::command::{Cmd, Error, Result, find_on_path};
use crate::workspace;

fn dir() -> PathBuf {
    workspace::root().join("ui")
}

/// `npm ci` when `ui/node_modules` is missing or older than `ui/package-lock.json`.
pub fn install() -> Result<()> {
    let ui = dir();
    if !ui.join("package.json").is_file() {
        return Err(Error::new(format!(
            "{} not found: the UI is missing",
            ui.join("package.json").display()
        )));
    }
    if !ui.join("package-lock.json").is_file() {
        return Err(Error::new(
            "ui/package-lock.json is missing: `npm ci` installs exactly what it locks; \
             create it with `npm install` in ui/ and commit it",
        ));
    }
    if find_on_path("npm").is_none() {
        return Err(Error::new(
            "npm not found on PATH: install Node.js 20 or newer with npm",
        ));
    }
    if is_stale(&ui.join("node_modules"), &ui.join("package-lock.json")) {
        npm().args(["ci", "--no-audit", "--no-fund"]).run()
    } else {
        println!("ui/node_modules is newer than ui/package-lock.json: no `npm ci` needed");
        Ok(())
    }
}

/// `npm run build`: writes `ui/dist`, which `src-tauri` embeds.
pub fn build() -> Result<()> {
    npm().args(["run", "build"]).run()
}

/// `npm run check`: type checks.
pub fn check() -> Result<()> {
    npm().args(["run", "check"]).run()
}

/// `npm test`, once (CI=true keeps a test runner out of watch mode).
pub fn test() -> Result<()> {
    npm().arg("test").env("CI", "true").run()
}

fn npm() -> Cmd {
    Cmd::new("npm").current_dir(&dir())
}

/// Whether `node_modules` must be installed again: it is missing, or npm's record of the last install
/// (`node_modules/.package-lock.json`, else the folder itself) is older than the lock file.
fn is_stale(node_modules: &Path, lock: &Path) -> bool {
    let installed = modified(&node_modules.join(".package-lock.json")).or(modified(node_modules));
    match (installed, modified(lock)) {
        (None, _) => true,
        (Some(installed), Some(locked)) => installed < locked,
        (Some(_), None) => false,
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|meta| meta.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn scratch(name: &str) -> PathBuf {
        let dir = workspace::target_dir()
            .join("xtask-tests")
            .join(format!("{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch folder");
        dir
    }

    fn touch(path: &Path, when: SystemTime) {
        let file = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .expect("touch");
        file.set_modified(when).expect("set mtime");
    }

    #[test]
    fn missing_node_modules_must_be_installed() {
        let dir = scratch("missing");
        touch(&dir.join("package-lock.json"), SystemTime::now());
        assert!(is_stale(
            &dir.join("node_modules"),
            &dir.join("package-lock.json")
        ));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn node_modules_older_than_the_lock_file_must_be_installed_again() {
        let dir = scratch("older");
        let now = SystemTime::now();
        fs::create_dir_all(dir.join("node_modules")).expect("node_modules");
        touch(
            &dir.join("node_modules/.package-lock.json"),
            now - Duration::from_secs(60),
        );
        touch(&dir.join("package-lock.json"), now);
        assert!(is_stale(
            &dir.join("node_modules"),
            &dir.join("package-lock.json")
        ));
        touch(
            &dir.join("node_modules/.package-lock.json"),
            now + Duration::from_secs(60),
        );
        assert!(
            !is_stale(&dir.join("node_modules"), &dir.join("package-lock.json")),
            "an install newer than the lock file is up to date"
        );
        let _ = fs::remove_dir_all(&dir);
    }
}
