//! The state the shell holds: the one store of this installation behind a lock, or the reason it
//! could not be opened (shown to the user by every command instead of a crash).

use crate::boundary::{CommandResult, UiError};
use lode_core::Lang;
use lode_store::sync::import::OpenedBundle;
use lode_store::{Connection, Context, Store, StoreError, Writer, data_dir, import, setting};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

pub struct Shell {
    store: Result<Mutex<Store>, StoreError>,
    /// Files being imported, between the officer's steps (mapping, preview, confirm).
    imports: Mutex<HashMap<String, import::Session>>,
    /// Bundles verified and previewed, waiting for the officer to apply or cancel them.
    bundles: Mutex<HashMap<String, OpenedBundle>>,
    /// Sealed files the officer chose, waiting for the sealing passphrase: the path stays here,
    /// the webview knows only the id.
    sealed: Mutex<HashMap<String, PathBuf>>,
    sealed_seq: AtomicU64,
}

impl Shell {
    /// Opens the data folder from `$LODE_DATA_DIR` or the system's application-data folder.
    pub fn open_default() -> Shell {
        Shell::open(&data_dir::resolve(None))
    }

    /// Opens the data folder `dir`.
    pub fn open(dir: &std::path::Path) -> Shell {
        Shell {
            store: data_dir::open(dir, Context::system()).map(Mutex::new),
            imports: Mutex::new(HashMap::new()),
            bundles: Mutex::new(HashMap::new()),
            sealed: Mutex::new(HashMap::new()),
            sealed_seq: AtomicU64::new(0),
        }
    }

    fn with_store<T>(&self, work: impl FnOnce(&mut Store) -> CommandResult<T>) -> CommandResult<T> {
        let store = self
            .store
            .as_ref()
            .map_err(|error| UiError::from_store(error, Lang::En))?;
        let mut guard = store
            .lock()
            .map_err(|_| UiError::internal("store lock poisoned", Lang::En))?;
        work(&mut guard)
    }

    /// Today's date by the store's clock.
    pub fn today(&self) -> CommandResult<String> {
        self.with_store(|store| Ok(store.today()))
    }

    /// Runs a reader with the user's language; errors come back in that language.
    pub fn read<T>(
        &self,
        work: impl FnOnce(&Connection, Lang) -> Result<T, StoreError>,
    ) -> CommandResult<T> {
        self.with_store(|store| {
            let lang = setting::language(store.conn()).unwrap_or_default();
            work(store.conn(), lang).map_err(|error| UiError::from_store(&error, lang))
        })
    }

    /// Runs a writer in one transaction; errors come back in the user's language.
    pub fn write<T>(
        &self,
        work: impl FnOnce(&mut Writer, Lang) -> Result<T, StoreError>,
    ) -> CommandResult<T> {
        self.with_store(|store| {
            let lang = setting::language(store.conn()).unwrap_or_default();
            store
                .write(|w| work(w, lang))
                .map_err(|error| UiError::from_store(&error, lang))
        })
    }

    /// Runs `work` on the store itself (exports and bundle imports write files and run their own
    /// transactions); errors come back in the user's language.
    pub fn with_store_lang<T>(
        &self,
        work: impl FnOnce(&mut Store, Lang) -> Result<T, StoreError>,
    ) -> CommandResult<T> {
        self.with_store(|store| {
            let lang = setting::language(store.conn()).unwrap_or_default();
            work(store, lang).map_err(|error| UiError::from_store(&error, lang))
        })
    }

    pub fn keep_bundle(&self, id: String, bundle: OpenedBundle) -> CommandResult<()> {
        self.bundles
            .lock()
            .map_err(|_| UiError::internal("bundle lock poisoned", Lang::En))?
            .insert(id, bundle);
        Ok(())
    }

    /// Takes a previewed bundle back (to apply or drop it); an unknown id is not found.
    pub fn take_bundle(&self, id: &str) -> CommandResult<OpenedBundle> {
        self.bundles
            .lock()
            .map_err(|_| UiError::internal("bundle lock poisoned", Lang::En))?
            .remove(id)
            .ok_or_else(|| {
                UiError::from_store(
                    &StoreError::NotFound {
                        what: "bundle_received",
                        id: id.to_owned(),
                    },
                    Lang::En,
                )
            })
    }

    /// Keeps the path of a sealed file until its passphrase comes; returns its id.
    pub fn keep_sealed(&self, path: PathBuf) -> CommandResult<String> {
        let id = format!(
            "sealed-{}",
            self.sealed_seq.fetch_add(1, Ordering::Relaxed) + 1
        );
        self.sealed_files()?.insert(id.clone(), path);
        Ok(id)
    }

    /// The path of the sealed file `id`; an unknown id (dropped, or from an earlier run) is not
    /// found.
    pub fn sealed_path(&self, id: &str) -> CommandResult<PathBuf> {
        self.sealed_files()?.get(id).cloned().ok_or_else(|| {
            UiError::from_store(
                &StoreError::NotFound {
                    what: "bundle_received",
                    id: id.to_owned(),
                },
                Lang::En,
            )
        })
    }

    /// Forgets the sealed file `id`; true when it was kept.
    pub fn drop_sealed(&self, id: &str) -> CommandResult<bool> {
        Ok(self.sealed_files()?.remove(id).is_some())
    }

    fn sealed_files(&self) -> CommandResult<std::sync::MutexGuard<'_, HashMap<String, PathBuf>>> {
        self.sealed
            .lock()
            .map_err(|_| UiError::internal("sealed lock poisoned", Lang::En))
    }

    /// Runs `work` on the import session `id`; an unknown id (cancelled, or from an earlier run)
    /// is reported as not found.
    pub fn with_import<T>(
        &self,
        id: &str,
        work: impl FnOnce(&mut import::Session) -> CommandResult<T>,
    ) -> CommandResult<T> {
        let mut imports = self
            .imports
            .lock()
            .map_err(|_| UiError::internal("import lock poisoned", Lang::En))?;
        let session = imports.get_mut(id).ok_or_else(|| {
            UiError::from_store(
                &StoreError::NotFound {
                    what: "import",
                    id: id.to_owned(),
                },
                Lang::En,
            )
        })?;
        work(session)
    }

    pub fn start_import(&self, id: String, session: import::Session) -> CommandResult<()> {
        self.imports
            .lock()
            .map_err(|_| UiError::internal("import lock poisoned", Lang::En))?
            .insert(id, session);
        Ok(())
    }

    pub fn end_import(&self, id: &str) -> CommandResult<Option<import::Session>> {
        Ok(self
            .imports
            .lock()
            .map_err(|_| UiError::internal("import lock poisoned", Lang::En))?
            .remove(id))
    }
}
