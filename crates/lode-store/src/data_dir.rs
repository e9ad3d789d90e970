//! Where an installation keeps its data: `$LODE_DATA_DIR` when set (tests, CI, several
//! installations on one machine), otherwise the system's application-data folder.

use crate::error::Result;
use crate::open::{Context, Store};
use std::path::{Path, PathBuf};

pub const ENV: &str = "LODE_DATA_DIR";

/// The data folder: the explicit one, else `$LODE_DATA_DIR`, else e.g. `~/.local/share/lode`.
pub fn resolve(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| {
            std::env::var_os(ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| dirs::data_dir().map(|dir| dir.join("lode")))
        .unwrap_or_else(|| PathBuf::from("lode-data"))
}

/// Opens (creating the folder if needed) the installation's database in `dir`.
pub fn open(dir: &Path, context: Context) -> Result<Store> {
    std::fs::create_dir_all(dir)?;
    Store::open(&dir.join(crate::DATABASE_FILE), context)
}
