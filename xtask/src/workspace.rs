//! Where things are: the repository root, the shared target directory, and the cargo that runs us.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The repository root (this crate lives in `<root>/xtask`).
pub fn root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// The target directory: `$CARGO_TARGET_DIR` when set (relative to where cargo was started, as cargo
/// reads it), else `<root>/target`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR").filter(|dir| !dir.is_empty()) {
        Some(dir) => absolute(Path::new(&dir)),
        None => root().join("target"),
    }
}

/// A path made absolute against the current directory.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The cargo that started this task (cargo sets `$CARGO` for `cargo run`), else `cargo` on `PATH`.
pub fn cargo() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"))
}

/// `PATH` with `dir` in front of it.
pub fn path_with(dir: &Path) -> OsString {
    let mut dirs = vec![dir.to_path_buf()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_else(|_| dir.as_os_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_the_folder_that_holds_the_workspace_manifest() {
        assert!(
            root().join("Cargo.toml").is_file() && root().join("xtask").is_dir(),
            "root() must be the repository root, got {}",
            root().display()
        );
    }

    #[test]
    fn a_folder_put_in_front_of_path_comes_first() {
        let path = path_with(Path::new("/opt/tools/bin"));
        let first = std::env::split_paths(&path).next();
        assert_eq!(first, Some(PathBuf::from("/opt/tools/bin")));
    }
}
