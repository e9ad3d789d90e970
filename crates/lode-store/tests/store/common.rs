use lode_core::Lang;
use lode_core::clock::{FixedClock, SequentialIds};
use lode_core::office::{OfficeLevel, Setup};
use lode_store::{Context, Store, installation, kinds, workspace};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// 2026-11-28T00:00:00Z
pub const T0: i64 = 1_795_824_000_000;
/// The day of [`T0`].
pub const TODAY: &str = "2026-11-28";

pub fn context() -> Context {
    Context {
        clock: Arc::new(FixedClock::at(T0)),
        ids: Arc::new(SequentialIds::default()),
    }
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub store: Store,
}

impl Fixture {
    pub fn path(&self) -> PathBuf {
        self.store.path().to_owned()
    }
}

pub fn db_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("lode.db")
}

pub fn empty() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&db_path(&dir), context()).unwrap();
    Fixture { dir, store }
}

pub fn setup() -> Setup {
    Setup {
        office_name: "Bukavu district mining office".into(),
        level: OfficeLevel::District,
        country: "CD".into(),
        parent_office: Some("South Kivu provincial office".into()),
        officer_name: "Amina Mwamba".into(),
        officer_role: "Mining officer".into(),
        language: Lang::En,
    }
}

/// A set-up installation with one workspace; returns the workspace id.
pub fn with_workspace() -> (Fixture, String) {
    let mut fx = empty();
    let id = fx
        .store
        .write(|w| {
            installation::set_up(w, &setup())?;
            Ok(workspace::create(w, "ASM strategy 2027", "South Kivu")?
                .meta
                .id)
        })
        .unwrap();
    (fx, id)
}

pub fn sha256(path: &Path) -> Vec<u8> {
    Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

pub fn audit_rows(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap()
}

/// Saves a record of `kind` through the same path as the app; panics with the error if refused.
pub fn save(fx: &mut Fixture, ws: &str, kind: &str, id: Option<&str>, fields: &Value) -> String {
    fx.store
        .write(|w| kinds::save(w, ws, kind, id, fields))
        .unwrap_or_else(|e| panic!("{kind}: {e:?}"))
}

/// The `field:code` errors a refused save gives.
pub fn refused(fx: &mut Fixture, ws: &str, kind: &str, fields: Value) -> Vec<String> {
    match fx
        .store
        .write(|w| kinds::save(w, ws, kind, None, &fields))
        .unwrap_err()
    {
        lode_store::StoreError::Invalid(invalid) => invalid
            .0
            .into_iter()
            .map(|e| format!("{}:{}", e.field, e.code))
            .collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}
