//! The state the shell holds: the one store of this installation behind a lock, or the reason it
//! could not be opened (shown to the user by every command instead of a crash).

use crate::boundary::{CommandResult, UiError};
use lode_core::Lang;
use lode_store::sync::import::OpenedBundle;
use lode_store::{Connection, Context, Store, StoreError, Writer, data_dir, import, setting};
use std::collections::HashMap;
use std::sync::Mutex;

pub struct Shell {
    store: Result<Mutex<Store>, StoreError>,
    /// Files being imported, between the officer's steps (mapping, preview, confirm).
    imports: Mutex<HashMap<String, import::Session>>,
    /// Bundles verified and previewed, waiting for the officer to apply or cancel them.
    bundles: Mutex<HashMap<String, OpenedBundle>>,
}

impl Shell {
    /// Opens the data folder from `$LODE_DATA_DIR` or the system's application-data folder.
    pub fn open_default() -> Shell {
        let dir = data_dir::resolve(None);
        Shell {
            store: data_dir::open(&dir, Context::system()).map(Mutex::new),
            imports: Mutex::new(HashMap::new()),
            bundles: Mutex::new(HashMap::new()),
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
