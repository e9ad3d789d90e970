//! Importing a bundle. It is read from a staging copy and verified (lode-bundle) before any record
//! is read. Then each record gets an outcome — new, updated, unchanged, conflict or rejected — from
//! a pure rule ([`decide`]) over the record here, the version last exchanged and the record
//! arriving. The same pass previews (rolled back) and applies (committed, in one transaction), so
//! what the officer previews is what is applied. Importing a bundle again changes nothing; an
//! older version arriving late, a deleted record's included, never overwrites a newer one.

use super::incoming::{Cell, Incoming, Row, valid_row};
use super::tables::{self, Table};
use super::{LINE_ROW, keys, reference, sealing, set_base};
use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::writer::{AUDIT_INSERT, Action, Writer};
use lode_bundle::{
    BundleError, BundleKind, Limits, Manifest, SealingIdentity, VerifiedBundle, verify,
};
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, OptionalExtension, Statement, params};
use serde::Serialize;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// A verified bundle, read from its staging copy (removed when this is dropped, unless a batch
/// reuses it for the next bundle).
pub struct OpenedBundle {
    staged: PathBuf,
    reused: bool,
    file_name: String,
    bundle: VerifiedBundle,
}

impl Drop for OpenedBundle {
    fn drop(&mut self) {
        if !self.reused {
            let _ = std::fs::remove_file(&self.staged);
        }
    }
}

impl OpenedBundle {
    pub fn manifest(&self) -> &Manifest {
        self.bundle.manifest()
    }

    pub fn file_name(&self) -> &str {
        &self.file_name
    }
}

/// Copies `file` into the data folder's staging area, unseals the copy if it is sealed (with this
/// office's sealing key and `passphrase`), and verifies it against the trust list.
pub fn open(store: &Store, file: &Path, passphrase: Option<&str>) -> Result<OpenedBundle> {
    open_with(store, file, &mut Unsealer::new(passphrase))
}

/// The same, for one of several bundles opened in turn: the sealing key is unlocked once.
pub fn open_with(store: &Store, file: &Path, unsealer: &mut Unsealer) -> Result<OpenedBundle> {
    let now = store.context().clock.now();
    let staged = staged_path(store, &store.context().ids.new_id(now).to_string())?;
    open_at(store.conn(), staged, false, file, unsealer)
}

/// Opens sealed bundles: this office's sealing key, unlocked once with the passphrase the officer
/// typed (never stored) when the first sealed bundle comes.
pub struct Unsealer<'p> {
    passphrase: Option<&'p str>,
    identity: Option<SealingIdentity>,
}

impl<'p> Unsealer<'p> {
    pub fn new(passphrase: Option<&'p str>) -> Self {
        Unsealer {
            passphrase,
            identity: None,
        }
    }

    fn identity(&mut self, conn: &Connection, file_name: &str) -> Result<&SealingIdentity> {
        if self.identity.is_none() {
            let passphrase = self
                .passphrase
                .ok_or_else(|| StoreError::PassphraseNeeded(file_name.to_owned()))?;
            self.identity = Some(sealing::unlock(conn, passphrase)?);
        }
        self.identity
            .as_ref()
            .ok_or_else(|| StoreError::PassphraseNeeded(file_name.to_owned()))
    }

    /// Replaces the sealed copy at `staged` by what it seals; a copy that is not sealed stays.
    fn unseal(&mut self, conn: &Connection, staged: &Path, file_name: &str) -> Result<()> {
        if !lode_bundle::is_sealed(staged)? {
            return Ok(());
        }
        let identity = self.identity(conn, file_name)?;
        // Unsealing never gives more bytes than the sealed file holds.
        let limit = std::fs::metadata(staged)?.len();
        lode_bundle::unseal(staged, staged, identity, limit).map_err(|error| {
            StoreError::Bundle {
                file: file_name.to_owned(),
                error,
            }
        })?;
        Ok(())
    }
}

/// A path in the data folder's staging area.
fn staged_path(store: &Store, name: &str) -> Result<PathBuf> {
    let staging = staging_dir(store);
    std::fs::create_dir_all(&staging)?;
    Ok(staging.join(format!("{name}.lodebundle")))
}

fn staging_dir(store: &Store) -> PathBuf {
    store
        .path()
        .parent()
        .map_or_else(|| PathBuf::from("staging"), |dir| dir.join("staging"))
}

/// Copies `file` to `staged` and verifies the copy. A batch passes `reused` to copy every bundle
/// over the same staged file: creating and deleting a file per bundle costs more than reading it.
fn open_at(
    conn: &Connection,
    staged: PathBuf,
    reused: bool,
    file: &Path,
    unsealer: &mut Unsealer,
) -> Result<OpenedBundle> {
    let file_name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let failed = |error: BundleError| StoreError::Bundle {
        file: file_name.clone(),
        error,
    };
    std::fs::copy(file, &staged).map_err(|e| failed(BundleError::Io(e)))?;
    if let Err(error) = unsealer.unseal(conn, &staged, &file_name) {
        let _ = std::fs::remove_file(&staged);
        return Err(error);
    }
    match verify(&staged, |id| keys::trust_of(conn, id), &Limits::default()) {
        Ok(bundle) => Ok(OpenedBundle {
            staged,
            reused,
            file_name,
            bundle,
        }),
        Err(error) => {
            let _ = std::fs::remove_file(&staged);
            Err(failed(error))
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    New,
    Updated,
    Unchanged,
    Conflict,
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedRecord {
    pub table: String,
    pub id: String,
    pub outcome: Outcome,
    /// Why a record is rejected: unknown_table, bad_row, missing_parent or constraint.
    pub reason: String,
    pub local_version: Option<i64>,
    pub incoming_version: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Counts {
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub conflicts: u64,
    pub rejected: u64,
}

/// A gap in an office's bundles (some not received), or a bundle received before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SequenceNote {
    pub kind: &'static str,
    pub expected: u64,
    pub found: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub file_name: String,
    pub manifest: Manifest,
    pub sequence_note: Option<SequenceNote>,
    pub counts: Counts,
    pub records: Vec<PlannedRecord>,
    /// False for a preview.
    pub applied: bool,
}

/// What becomes of an incoming record, given the record here (if any) and the version last
/// exchanged: a change made at only one end since then wins; at both ends, a conflict.
pub fn decide(
    local: Option<&Map<String, Value>>,
    base: Option<i64>,
    incoming: &Map<String, Value>,
) -> Outcome {
    let Some(local) = local else {
        return Outcome::New;
    };
    if local == incoming {
        return Outcome::Unchanged;
    }
    let version =
        |row: &Map<String, Value>| row.get("version").and_then(Value::as_i64).unwrap_or(0);
    let incoming_is_newer = base.is_none_or(|b| version(incoming) > b);
    let changed_here = base.is_none_or(|b| version(local) > b);
    match (incoming_is_newer, changed_here) {
        (false, _) => Outcome::Unchanged,
        (true, false) => Outcome::Updated,
        (true, true) => Outcome::Conflict,
    }
}

/// Previews the import: every outcome, nothing kept.
pub fn preview(store: &mut Store, opened: &mut OpenedBundle) -> Result<ImportReport> {
    run(store, opened, false)
}

/// Applies the import in one transaction.
pub fn apply(store: &mut Store, opened: &mut OpenedBundle) -> Result<ImportReport> {
    run(store, opened, true)
}

/// Opens, verifies and applies one bundle file.
pub fn import_file(store: &mut Store, file: &Path) -> Result<ImportReport> {
    let mut opened = open(store, file, None)?;
    apply(store, &mut opened)
}

/// The one pass behind preview and apply: a transaction, kept only when `commit`.
fn run(store: &mut Store, opened: &mut OpenedBundle, commit: bool) -> Result<ImportReport> {
    let tables = tables::synced(store.conn())?;
    let outcome = store.write(|w| {
        let mut statements = Statements::new(w.tx(), &tables)?;
        let report = pass(w, &tables, opened, commit, &mut statements)?;
        if commit {
            Ok(report)
        } else {
            // A preview: roll back everything it did.
            Err(StoreError::Preview(Box::new(report)))
        }
    });
    match outcome {
        Ok(report) => Ok(report),
        Err(StoreError::Preview(report)) => Ok(*report),
        Err(other) => Err(other),
    }
}

/// Imports many bundles (a folder of them) in one transaction, each in its own savepoint: a
/// bundle refused or failing leaves nothing of itself and the others go on; the batch costs one
/// commit rather than one per bundle. `progress` hears of each file as it is done.
pub fn import_many(
    store: &mut Store,
    files: &[PathBuf],
    passphrase: Option<&str>,
    mut progress: impl FnMut(usize, &Path),
) -> Result<Vec<Result<ImportReport>>> {
    let mut unsealer = Unsealer::new(passphrase);
    let tables = tables::synced(store.conn())?;
    let now = store.context().clock.now();
    let staged = staged_path(store, &store.context().ids.new_id(now).to_string())?;
    let imported = store.write(|w| {
        let mut statements = Statements::new(w.tx(), &tables)?;
        let mut reports = Vec::with_capacity(files.len());
        for (index, file) in files.iter().enumerate() {
            w.tx().execute_batch("SAVEPOINT bundle")?;
            let report = open_at(w.tx(), staged.clone(), true, file, &mut unsealer)
                .and_then(|mut opened| pass(w, &tables, &mut opened, true, &mut statements));
            let end = if report.is_ok() {
                "RELEASE bundle"
            } else {
                "ROLLBACK TO bundle; RELEASE bundle"
            };
            w.tx().execute_batch(end)?;
            reports.push(report);
            progress(index, file);
        }
        Ok(reports)
    });
    let _ = std::fs::remove_file(&staged);
    imported
}

/// One bundle's records through the rule, in the writer's transaction.
fn pass<'a>(
    w: &Writer<'a>,
    tables: &[Table],
    opened: &mut OpenedBundle,
    commit: bool,
    statements: &mut Statements<'a>,
) -> Result<ImportReport> {
    let manifest = opened.bundle.manifest().clone();
    let file_name = opened.file_name.clone();
    let bundle = &mut opened.bundle;
    let sequence_note = sequence_note(w.tx(), &manifest)?;
    let mut records = Vec::new();
    for table_name in read_order(tables, &manifest) {
        let table = tables.iter().find(|t| t.name == table_name);
        // A database error stops the pass; it is given back as itself, not as a bundle fault.
        let mut failure = None;
        bundle
            .for_each_line(&table_name, |number, text| {
                let source = Source {
                    bundle_id: &manifest.bundle_id,
                    office_name: &manifest.office_name,
                };
                let planned = match (table, Incoming::parse(text)) {
                    (Some(table), Ok(incoming)) => {
                        import_line(w, statements, table, &source, &incoming)
                    }
                    (None, Ok(incoming)) => Ok(rejected(&table_name, &incoming, "unknown_table")),
                    // JSON, but not a line of ours (no row, a row not an object…).
                    (_, Err(_)) => match serde_json::from_str::<Value>(text) {
                        Ok(line) => Ok(rejected_line(&table_name, &line)),
                        Err(e) => {
                            return Err(BundleError::BadRecord(format!(
                                "{table_name}, record {number}: {e}"
                            )));
                        }
                    },
                };
                match planned {
                    Ok(planned) => {
                        records.push(planned);
                        Ok(())
                    }
                    Err(error) => {
                        failure = Some(error);
                        Err(BundleError::Corrupt("stopped".into()))
                    }
                }
            })
            .map_err(|error| {
                failure.take().unwrap_or_else(|| StoreError::Bundle {
                    file: file_name.clone(),
                    error,
                })
            })?;
    }
    records.extend(apply_held(w, statements, tables)?);
    record_receipt(w, &manifest, &file_name, &records, sequence_note.as_ref())?;
    if manifest.kind == BundleKind::NationalReference {
        reference::receive(w, &manifest)?;
    }
    Ok(ImportReport {
        counts: count(&records),
        file_name,
        manifest,
        sequence_note,
        records,
        applied: commit,
    })
}

/// The bundle's tables, parents first: those this schema knows in the order they were created,
/// then any it does not know (whose records are rejected).
fn read_order(tables: &[Table], manifest: &Manifest) -> Vec<String> {
    let known = tables
        .iter()
        .filter(|t| manifest.record_counts.contains_key(&t.name))
        .map(|t| t.name.clone());
    let unknown = manifest
        .record_counts
        .keys()
        .filter(|name| !tables.iter().any(|t| &t.name == *name))
        .cloned();
    known.chain(unknown).collect()
}

fn count(records: &[PlannedRecord]) -> Counts {
    let mut counts = Counts::default();
    for r in records {
        match r.outcome {
            Outcome::New => counts.new += 1,
            Outcome::Updated => counts.updated += 1,
            Outcome::Unchanged => counts.unchanged += 1,
            Outcome::Conflict => counts.conflicts += 1,
            Outcome::Rejected => counts.rejected += 1,
        }
    }
    counts
}

fn rejected(table: &str, incoming: &Incoming, reason: &str) -> PlannedRecord {
    let (id, incoming_version) = incoming.id_and_version();
    PlannedRecord {
        table: table.to_owned(),
        id,
        outcome: Outcome::Rejected,
        reason: reason.to_owned(),
        local_version: None,
        incoming_version,
    }
}

/// A line that is JSON but not one of ours (no row…): rejected, with what can be read of it.
fn rejected_line(table: &str, line: &Value) -> PlannedRecord {
    let row = &line[LINE_ROW];
    PlannedRecord {
        table: table.to_owned(),
        id: row["id"].as_str().unwrap_or_default().to_owned(),
        outcome: Outcome::Rejected,
        reason: "bad_row".to_owned(),
        local_version: None,
        incoming_version: row["version"].as_i64(),
    }
}

/// Where a line came from: its bundle and office.
struct Source<'a> {
    bundle_id: &'a str,
    office_name: &'a str,
}

fn import_line<'a>(
    w: &Writer<'a>,
    statements: &mut Statements<'a>,
    table: &Table,
    source: &Source,
    incoming: &Incoming,
) -> Result<PlannedRecord> {
    let Some(row) = incoming.cells.as_deref().and_then(|c| valid_row(table, c)) else {
        return Ok(rejected(&table.name, incoming, "bad_row"));
    };
    let mut planned = PlannedRecord {
        table: table.name.clone(),
        id: row.id().to_owned(),
        outcome: Outcome::New,
        reason: String::new(),
        local_version: None,
        incoming_version: Some(row.version()),
    };
    // Most records of a national import are new here, so the insert is tried first: the primary
    // key refusing it is what says the record is here already, to be weighed against this one.
    match insert_row(w, statements, &row, incoming.row_text) {
        Ok(()) => {
            received_new(w, statements, source, incoming, &row)?;
            Ok(planned)
        }
        Err(error) if constraint(&error) == Some(PRIMARY_KEY) => {
            weigh(w, source, incoming, &row, planned)
        }
        Err(error) if constraint(&error) == Some(UNIQUE) => match natural_match(w.tx(), &row)? {
            Some(local) => weigh_natural(w, source, incoming, &row, local, planned),
            None => {
                refuse(w, source, incoming, &row, &mut planned, error)?;
                Ok(planned)
            }
        },
        Err(error) => {
            refuse(w, source, incoming, &row, &mut planned, error)?;
            Ok(planned)
        }
    }
}

/// SQLite's extended codes for a primary key, a UNIQUE constraint and a foreign key refusing a row.
const PRIMARY_KEY: i32 = 1555;
const UNIQUE: i32 = 2067;
const FOREIGN_KEY: i32 = 787;

fn constraint(error: &StoreError) -> Option<i32> {
    match error {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(failure, _))
            if failure.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Some(failure.extended_code)
        }
        _ => None,
    }
}

/// A row SQLite refused: held when a record it refers to has not arrived yet, else rejected.
fn refuse(
    w: &Writer,
    source: &Source,
    incoming: &Incoming,
    row: &Row,
    planned: &mut PlannedRecord,
    error: StoreError,
) -> Result<()> {
    planned.outcome = Outcome::Rejected;
    if constraint(&error).is_none() {
        return Err(error);
    }
    if constraint(&error) == Some(FOREIGN_KEY) && !parents_present(w.tx(), row)? {
        hold(w, row, source, incoming.line)?;
        planned.reason = "missing_parent".into();
    } else {
        planned.reason = format!("constraint: {error}");
    }
    Ok(())
}

/// A record already here: the rule decides between the two versions and the version last
/// exchanged.
fn weigh(
    w: &Writer,
    source: &Source,
    incoming: &Incoming,
    row: &Row,
    mut planned: PlannedRecord,
) -> Result<PlannedRecord> {
    let table = row.table;
    let id = row.id();
    let Some(local) = local_row(w.tx(), table, id)? else {
        return Err(StoreError::Corrupt(format!(
            "{}/{id} is here and not",
            table.name
        )));
    };
    let base = base_version(w.tx(), &table.name, id)?;
    let incoming_map = row.to_map();
    planned.outcome = decide(Some(&local), base, &incoming_map);
    planned.local_version = local["version"].as_i64();
    let incoming_version = row.version();
    match planned.outcome {
        Outcome::Updated => {
            if !parents_present(w.tx(), row)? {
                hold(w, row, source, incoming.line)?;
                planned.outcome = Outcome::Rejected;
                planned.reason = "missing_parent".into();
            } else if let Err(error) = write_row(w, table, row, incoming.row_text, Some(&local)) {
                refuse(w, source, incoming, row, &mut planned, error)?;
            } else {
                received(w, source, incoming, row)?;
            }
        }
        Outcome::Unchanged => {
            if base.is_none_or(|b| b < incoming_version) {
                let version = incoming_version.max(base.unwrap_or(0));
                set_base(w.tx(), &table.name, id, version)?;
            }
        }
        Outcome::Conflict => queue_conflict(w, source, incoming, row, &local, base)?,
        Outcome::New | Outcome::Rejected => {}
    }
    Ok(planned)
}

/// The row here holding the same natural key as `row` (ADR 0001: two offices can make the same
/// checklist entry, or a workspace's one charter, under different ids).
fn natural_match(conn: &Connection, row: &Row) -> Result<Option<Map<String, Value>>> {
    for (positions, sql) in &row.table.natural_keys {
        let key: Vec<ToSqlOutput> = positions
            .iter()
            .map(|&p| row.cells[p].map_or(ToSqlOutput::from(rusqlite::types::Null), Cell::to_sql))
            .collect();
        let found = conn
            .prepare_cached(sql)?
            .query_row(rusqlite::params_from_iter(key), |r| {
                tables::row_to_json(r, &row.table.columns)
            })
            .optional()?;
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// A record another office made under its own id for one this office holds under another: the
/// same content is the same record; any other difference waits in the conflict queue against the
/// record here, since neither was made from the other. The incoming id keeps its own base, so the
/// same version arriving again changes nothing.
fn weigh_natural(
    w: &Writer,
    source: &Source,
    incoming: &Incoming,
    row: &Row,
    local: Map<String, Value>,
    mut planned: PlannedRecord,
) -> Result<PlannedRecord> {
    let table = row.table;
    let base = base_version(w.tx(), &table.name, row.id())?;
    let incoming_map = row.to_map();
    let lineage = ["id", "origin_office", "created_at", "updated_at", "version"];
    let same = |a: &Map<String, Value>, b: &Map<String, Value>| {
        table
            .columns
            .iter()
            .filter(|c| !lineage.contains(&c.as_str()))
            .all(|c| a.get(c) == b.get(c))
    };
    planned.local_version = local["version"].as_i64();
    if base.is_some_and(|b| row.version() <= b) || same(&local, &incoming_map) {
        planned.outcome = Outcome::Unchanged;
        set_base(w.tx(), &table.name, row.id(), row.version())?;
        return Ok(planned);
    }
    planned.outcome = Outcome::Conflict;
    queue_conflict(w, source, incoming, row, &local, base)?;
    Ok(planned)
}

/// Keeps a record whose parent has not arrived (the newest version of it, if held twice).
fn hold(w: &Writer, row: &Row, source: &Source, line: &str) -> Result<()> {
    w.tx().execute(
        "INSERT INTO sync_pending (table_name, record_id, version, line, bundle_id, office_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (table_name, record_id) DO UPDATE SET version = excluded.version,
           line = excluded.line, bundle_id = excluded.bundle_id, office_name = excluded.office_name
         WHERE excluded.version > version",
        params![
            row.table.name,
            row.id(),
            row.version(),
            line,
            source.bundle_id,
            source.office_name
        ],
    )?;
    Ok(())
}

/// Applies the held records whose parents are now here, parents first, until none moves.
fn apply_held<'a>(
    w: &Writer<'a>,
    statements: &mut Statements<'a>,
    tables: &[Table],
) -> Result<Vec<PlannedRecord>> {
    let mut applied = Vec::new();
    let any: bool = w
        .tx()
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM sync_pending)")?
        .query_row([], |r| r.get(0))?;
    if !any {
        return Ok(applied);
    }
    loop {
        let mut moved = false;
        for table in tables {
            let held: Vec<(String, String, String, String)> = w
                .tx()
                .prepare_cached(
                    "SELECT record_id, line, bundle_id, office_name FROM sync_pending
                     WHERE table_name = ?1 ORDER BY record_id",
                )?
                .query_map([&table.name], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for (id, line, bundle_id, office_name) in held {
                let incoming = Incoming::parse(&line)?;
                let Some(row) = incoming.cells.as_deref().and_then(|c| valid_row(table, c)) else {
                    continue;
                };
                if !parents_present(w.tx(), &row)? {
                    continue;
                }
                w.tx().execute(
                    "DELETE FROM sync_pending WHERE table_name = ?1 AND record_id = ?2",
                    params![table.name, id],
                )?;
                let source = Source {
                    bundle_id: &bundle_id,
                    office_name: &office_name,
                };
                applied.push(import_line(w, statements, table, &source, &incoming)?);
                moved = true;
            }
        }
        if !moved {
            return Ok(applied);
        }
    }
}

fn local_row(conn: &Connection, table: &Table, id: &str) -> Result<Option<Map<String, Value>>> {
    Ok(conn
        .prepare_cached(&table.select_by_id)?
        .query_row([id], |row| tables::row_to_json(row, &table.columns))
        .optional()?)
}

fn base_version(conn: &Connection, table: &str, id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT base_version FROM sync_record WHERE table_name = ?1 AND record_id = ?2",
        )?
        .query_row([table, id], |row| row.get(0))
        .optional()?)
}

/// A record written from a bundle: its version becomes the base (never lowered), and its
/// provenance the bundle, office and officer it came from.
fn received(w: &Writer, source: &Source, incoming: &Incoming, row: &Row) -> Result<()> {
    let mut statement = w.tx().prepare_cached(RECEIVED_UPSERT)?;
    execute_received(&mut statement, source, incoming, row)
}

/// The same for a record new here, which has no such row yet: a plain insert costs one search of
/// the table where the upsert costs two.
fn received_new(
    w: &Writer,
    statements: &mut Statements,
    source: &Source,
    incoming: &Incoming,
    row: &Row,
) -> Result<()> {
    match execute_received(&mut statements.received, source, incoming, row) {
        Err(error) if constraint(&error) == Some(PRIMARY_KEY) => received(w, source, incoming, row),
        done => done,
    }
}

const RECEIVED_INSERT: &str = "INSERT INTO sync_record VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
const RECEIVED_UPSERT: &str = "INSERT INTO sync_record VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
    ON CONFLICT DO UPDATE SET base_version = max(base_version, ?3), bundle_id = ?4, \
    office_name = ?5, officer = ?6, changed_at = ?7";

fn execute_received(
    statement: &mut Statement,
    source: &Source,
    incoming: &Incoming,
    row: &Row,
) -> Result<()> {
    statement.execute(params![
        row.table.name,
        row.id(),
        row.version(),
        source.bundle_id,
        source.office_name,
        incoming.by,
        row.updated_at()
    ])?;
    Ok(())
}

/// The statements every new record runs, prepared once per import: found in rusqlite's cache,
/// each would cost a look-up and a re-insertion per record.
struct Statements<'c> {
    audit: Statement<'c>,
    received: Statement<'c>,
    /// Each table's INSERT of every column, by the table's position, prepared when first used.
    inserts: Vec<Option<Statement<'c>>>,
}

impl<'c> Statements<'c> {
    fn new(conn: &'c Connection, tables: &[Table]) -> Result<Self> {
        Ok(Statements {
            audit: conn.prepare(AUDIT_INSERT)?,
            received: conn.prepare(RECEIVED_INSERT)?,
            inserts: tables.iter().map(|_| None).collect(),
        })
    }
}

/// Every record the row refers to is here (or came earlier in this bundle).
fn parents_present(conn: &Connection, row: &Row) -> Result<bool> {
    for (position, sql) in &row.table.parent_sql {
        let Some(id) = row.text_at(*position).filter(|id| !id.is_empty()) else {
            continue;
        };
        let found: Option<i64> = conn
            .prepare_cached(sql)?
            .query_row([id], |r| r.get(0))
            .optional()?;
        if found.is_none() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Inserts a record new here, with its audit row (the row's text as it came). A row giving every
/// column goes through the table's held INSERT; one giving fewer, through `write_row`.
fn insert_row<'a>(
    w: &Writer<'a>,
    statements: &mut Statements<'a>,
    row: &Row,
    row_text: &str,
) -> Result<()> {
    let table = row.table;
    if row.cells.iter().any(Option::is_none) {
        return write_row(w, table, row, row_text, None);
    }
    let slot = &mut statements.inserts[table.position];
    let held = match slot.take() {
        Some(statement) => statement,
        None => w.tx().prepare(&table.insert_all)?,
    };
    let statement = slot.insert(held);
    for (index, cell) in row.cells.iter().flatten().enumerate() {
        statement.raw_bind_parameter(index + 1, cell.to_sql())?;
    }
    // A statement SQLite refuses (a CHECK, a foreign key) is undone by SQLite alone, triggers
    // included; the transaction goes on with the next record.
    statement.raw_execute()?;
    let texts = (None, Some(row_text));
    w.audit_with(
        &mut statements.audit,
        &table.name,
        row.id(),
        Action::Insert,
        texts,
    )
}

/// Inserts or updates the row, with its audit row (the row's text as it came).
fn write_row(
    w: &Writer,
    table: &Table,
    row: &Row,
    row_text: &str,
    local: Option<&Map<String, Value>>,
) -> Result<()> {
    let given: Vec<(&String, &Cell)> = table
        .columns
        .iter()
        .zip(&row.cells)
        .filter_map(|(column, cell)| cell.map(|c| (column, c)))
        .collect();
    let columns: Vec<&String> = given.iter().map(|(column, _)| *column).collect();
    let id = row.id();
    let mut statement = w
        .tx()
        .prepare_cached(&table.write_sql(&columns, local.is_some()))?;
    for (index, (_, cell)) in given.iter().enumerate() {
        statement.raw_bind_parameter(index + 1, cell.to_sql())?;
    }
    if local.is_some() {
        statement.raw_bind_parameter(given.len() + 1, id)?;
    }
    // A statement SQLite refuses (a CHECK, a foreign key) is undone by SQLite alone, triggers
    // included; the transaction goes on with the next record.
    statement.raw_execute()?;
    let (action, before) = match local {
        Some(local) => (Action::Update, Some(serde_json::to_string(local)?)),
        None => (Action::Insert, None),
    };
    w.audit_text(&table.name, id, action, before.as_deref(), Some(row_text))
}

/// Queues a record changed at both ends (once per bundle), against the record here: who changed
/// it over there, the version last exchanged, both versions.
fn queue_conflict(
    w: &Writer,
    source: &Source,
    incoming: &Incoming,
    row: &Row,
    local: &Map<String, Value>,
    base: Option<i64>,
) -> Result<()> {
    let table = &row.table.name;
    let id = local["id"].as_str().unwrap_or_default();
    let queued: Option<i64> = w
        .tx()
        .query_row(
            "SELECT id FROM sync_conflict WHERE table_name = ?1 AND record_id = ?2 AND bundle_id = ?3",
            params![table, id, source.bundle_id],
            |r| r.get(0),
        )
        .optional()?;
    if queued.is_some() {
        return Ok(());
    }
    w.tx().execute(
        "INSERT INTO sync_conflict (table_name, record_id, bundle_id, office_name, officer, changed_at,
         base_version, local_row, incoming_row) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            table,
            id,
            source.bundle_id,
            source.office_name,
            incoming.by,
            row.updated_at(),
            base,
            serde_json::to_string(local)?,
            incoming.row_text
        ],
    )?;
    Ok(())
}

/// Whether the office's bundles arrive in order: a gap names the sequence expected.
fn sequence_note(conn: &Connection, manifest: &Manifest) -> Result<Option<SequenceNote>> {
    // Cached: a batch asks these once per bundle.
    let seen: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM bundle_received WHERE bundle_id = ?1")?
        .query_row([&manifest.bundle_id], |r| r.get(0))
        .optional()?;
    let last: Option<i64> = conn
        .prepare_cached(
            "SELECT max(sequence) FROM bundle_received WHERE origin_office = ?1 AND bundle_id <> ?2",
        )?
        .query_row(params![manifest.origin_office, manifest.bundle_id], |r| {
            r.get(0)
        })?;
    let expected = last.map_or(1, |l| l as u64 + 1);
    let note = |kind| SequenceNote {
        kind,
        expected,
        found: manifest.sequence,
    };
    Ok(if seen.is_some() || manifest.sequence < expected {
        Some(note("replay"))
    } else if manifest.sequence > expected {
        Some(note("gap"))
    } else {
        None
    })
}

fn record_receipt(
    w: &Writer,
    manifest: &Manifest,
    file_name: &str,
    records: &[PlannedRecord],
    note: Option<&SequenceNote>,
) -> Result<()> {
    let note = note.map_or_else(String::new, |n| {
        format!("{}:{}:{}", n.kind, n.expected, n.found)
    });
    w.tx().prepare_cached(
        "INSERT OR IGNORE INTO bundle_received (bundle_id, kind, origin_office, office_name, key_id,
         sequence, file_name, received_at, received_by, counts, sequence_note, through)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?.execute(
        params![
            manifest.bundle_id,
            super::export::kind_code(manifest.kind),
            manifest.origin_office,
            manifest.office_name,
            manifest.key_id,
            manifest.sequence as i64,
            file_name,
            w.now(),
            w.actor().officer,
            serde_json::to_string(&count(records))?,
            note,
            manifest.changes.through
        ],
    )?;
    Ok(())
}
