//! The one opening path. Every connection to a Lode database is made here, so that every one has
//! the same pragmas, and no file that is not ours, or is newer than us, is ever written to.

use crate::error::{Result, StoreError};
use crate::migrations::{CURRENT_VERSION, LODE_APPLICATION_ID, MIGRATIONS};
use crate::writer::{Actor, Writer};
use lode_core::{Clock, IdGen};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The injected clock and id generator: real ones in the app, fixed ones in tests.
#[derive(Clone)]
pub struct Context {
    pub clock: Arc<dyn Clock>,
    pub ids: Arc<dyn IdGen>,
}

impl Context {
    pub fn system() -> Self {
        Context {
            clock: Arc::new(lode_core::clock::SystemClock),
            ids: Arc::new(lode_core::clock::RandomIds),
        }
    }
}

/// An open Lode database: the one writer connection of this process.
pub struct Store {
    conn: Connection,
    context: Context,
    path: PathBuf,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Opens (creating if needed) the database at `path`, refusing without a single write any file
    /// that is not a Lode database or that a newer Lode wrote; then sets pragmas, checks integrity
    /// and migrates to the current schema in one transaction.
    pub fn open(path: &Path, context: Context) -> Result<Store> {
        refuse_foreign_or_newer(path)?;
        let mut conn = Connection::open(path)?;
        set_pragmas(&conn)?;
        quick_check(&conn)?;
        migrate(&mut conn)?;
        Ok(Store {
            conn,
            context,
            path: path.to_owned(),
        })
    }

    /// For readers. Never handed to the UI.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn context(&self) -> &Context {
        &self.context
    }

    /// Today's date (UTC) by the injected clock, YYYY-MM-DD.
    pub fn today(&self) -> String {
        lode_core::clock::iso_date(self.context.clock.now())
    }

    /// Runs `work` in one IMMEDIATE transaction that knows who is writing and when; commits if it
    /// returns Ok, rolls back otherwise, so nothing is ever half-saved.
    pub fn write<T>(&mut self, work: impl FnOnce(&mut Writer) -> Result<T>) -> Result<T> {
        let actor = Actor::of_installation(&self.conn)?;
        let now = self.context.clock.now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut writer = Writer::new(&tx, actor, now, self.context.ids.as_ref());
        let value = work(&mut writer)?;
        tx.commit()?;
        Ok(value)
    }
}

/// Reads the file's header and identity without writing to it: a non-SQLite file, a SQLite file of
/// another application, or a Lode file from a newer schema are refused here.
fn refuse_foreign_or_newer(path: &Path) -> Result<()> {
    let Ok(mut file) = std::fs::File::open(path) else {
        return Ok(()); // not there yet: it will be created
    };
    let mut header = Vec::with_capacity(100);
    file.by_ref().take(100).read_to_end(&mut header)?;
    if header.is_empty() {
        return Ok(()); // an empty file is a new database to SQLite
    }
    let not_lode = || StoreError::NotLode {
        path: path.to_owned(),
    };
    if header.len() < 100 || !header.starts_with(SQLITE_MAGIC) {
        return Err(not_lode());
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let read = |pragma: &str| conn.pragma_query_value(None, pragma, |row| row.get::<_, i64>(0));
    let application_id = read("application_id").map_err(|_| not_lode())?;
    let version = read("user_version").map_err(|_| not_lode())?;
    if application_id != i64::from(LODE_APPLICATION_ID) {
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))
            .map_err(|_| not_lode())?;
        if application_id != 0 || version != 0 || tables != 0 {
            return Err(not_lode());
        }
    }
    if version > i64::from(CURRENT_VERSION) {
        return Err(StoreError::NewerVersion {
            found: u32::try_from(version).unwrap_or(u32::MAX),
            supported: CURRENT_VERSION,
        });
    }
    Ok(())
}

fn set_pragmas(conn: &Connection) -> Result<()> {
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Corrupt(format!(
            "journal_mode is {mode}, not wal"
        )));
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let foreign_keys: i64 = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
    if foreign_keys != 1 {
        return Err(StoreError::Corrupt(
            "foreign keys could not be enabled".into(),
        ));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // An import keeps a few statements per synced table (read, insert, update, parents) beside
    // its own; rusqlite's default of 16 would prepare them again and again.
    conn.set_prepared_statement_cache_capacity(256);
    Ok(())
}

fn quick_check(conn: &Connection) -> Result<()> {
    let result: String = conn.pragma_query_value(None, "quick_check", |r| r.get(0))?;
    if result == "ok" {
        Ok(())
    } else {
        Err(StoreError::Corrupt(result))
    }
}

/// Applies the missing migrations and stamps the file as Lode's, all in one IMMEDIATE transaction.
fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > CURRENT_VERSION {
        return Err(StoreError::NewerVersion {
            found: version,
            supported: CURRENT_VERSION,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    let application_id: i32 = tx.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if application_id != LODE_APPLICATION_ID {
        tx.pragma_update(None, "application_id", LODE_APPLICATION_ID)?;
    }
    tx.commit()?;
    Ok(())
}
