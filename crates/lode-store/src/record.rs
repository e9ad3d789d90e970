//! What every synced record shares, written once: the sync metadata (UUID v7 id, origin office,
//! timestamps, version, tombstone) and the insert / update / tombstone paths that keep it right and
//! audit each change. A record type only says its table, its own columns and how to read a row.

use crate::error::{Result, StoreError};
use crate::writer::{Action, Writer};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params_from_iter};
use serde::Serialize;

/// The sync metadata of a record, flattened into its JSON.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Meta {
    pub id: String,
    pub origin_office: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
    pub deleted: bool,
}

const META_COLUMNS: [&str; 6] = [
    "id",
    "origin_office",
    "created_at",
    "updated_at",
    "version",
    "deleted",
];

impl Meta {
    /// Metadata for a record created now by this writer's office.
    pub fn new(w: &Writer) -> Meta {
        Meta {
            id: w.new_id().to_string(),
            origin_office: w.actor().office_id.clone(),
            created_at: w.now(),
            updated_at: w.now(),
            version: 1,
            deleted: false,
        }
    }

    fn from_row(row: &Row) -> rusqlite::Result<Meta> {
        Ok(Meta {
            id: row.get(0)?,
            origin_office: row.get(1)?,
            created_at: row.get(2)?,
            updated_at: row.get(3)?,
            version: row.get(4)?,
            deleted: row.get(5)?,
        })
    }

    fn values(&self) -> [Value; 6] {
        [
            Value::Text(self.id.clone()),
            Value::Text(self.origin_office.clone()),
            Value::Integer(self.created_at),
            Value::Integer(self.updated_at),
            Value::Integer(self.version),
            Value::Integer(i64::from(self.deleted)),
        ]
    }
}

pub trait Record: Serialize + Clone + PartialEq + Sized {
    const TABLE: &'static str;
    /// The record's name in messages ("what.<NAME>").
    const NAME: &'static str;
    /// The record's own columns, in the order of `values` and `from_row`.
    const COLUMNS: &'static [&'static str];

    fn meta(&self) -> &Meta;
    fn meta_mut(&mut self) -> &mut Meta;
    fn values(&self) -> Vec<Value>;
    /// Reads the record's own columns, which start at index `first`.
    fn from_row(meta: Meta, row: &Row, first: usize) -> rusqlite::Result<Self>;
}

fn all_columns<R: Record>() -> String {
    META_COLUMNS
        .iter()
        .chain(R::COLUMNS)
        .copied()
        .collect::<Vec<_>>()
        .join(", ")
}

fn read<R: Record>(row: &Row) -> rusqlite::Result<R> {
    R::from_row(Meta::from_row(row)?, row, META_COLUMNS.len())
}

/// The live records matching `filter` (an SQL condition over the table's columns, written by the
/// repository, never by a caller outside the store), ordered by `order`.
pub fn select<R: Record>(
    conn: &Connection,
    filter: &str,
    params: &[&dyn rusqlite::ToSql],
    order: &str,
) -> Result<Vec<R>> {
    let sql = format!(
        "SELECT {} FROM {} WHERE deleted = 0 AND ({filter}) ORDER BY {order}",
        all_columns::<R>(),
        R::TABLE
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params, read::<R>)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The record with this id, tombstones included.
pub fn find<R: Record>(conn: &Connection, id: &str) -> Result<Option<R>> {
    let sql = format!(
        "SELECT {} FROM {} WHERE id = ?1",
        all_columns::<R>(),
        R::TABLE
    );
    Ok(conn.query_row(&sql, [id], read::<R>).optional()?)
}

/// The live record with this id, or a not-found error naming it.
pub fn get<R: Record>(conn: &Connection, id: &str) -> Result<R> {
    find::<R>(conn, id)?
        .filter(|record| !record.meta().deleted)
        .ok_or_else(|| StoreError::NotFound {
            what: R::NAME,
            id: id.to_owned(),
        })
}

pub fn insert<R: Record>(w: &Writer, record: &R) -> Result<()> {
    let count = META_COLUMNS.len() + R::COLUMNS.len();
    let placeholders = (1..=count)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({placeholders})",
        R::TABLE,
        all_columns::<R>()
    );
    let values = record.meta().values().into_iter().chain(record.values());
    w.tx()
        .prepare_cached(&sql)?
        .execute(params_from_iter(values))?;
    w.audit(
        R::TABLE,
        &record.meta().id,
        Action::Insert,
        None::<&()>,
        Some(record),
    )
}

/// Applies `change` to the live record, bumps its version and audits before and after. A change
/// that changes nothing writes nothing.
pub fn update<R: Record>(w: &Writer, id: &str, change: impl FnOnce(&mut R)) -> Result<R> {
    let before = get::<R>(w.tx(), id)?;
    let mut after = before.clone();
    change(&mut after);
    if after == before {
        return Ok(before);
    }
    *after.meta_mut() = Meta {
        version: before.meta().version + 1,
        updated_at: w.now(),
        ..before.meta().clone()
    };
    write_back(w, &after)?;
    w.audit(R::TABLE, id, Action::Update, Some(&before), Some(&after))?;
    Ok(after)
}

/// Deletes by leaving a tombstone: the row stays, flagged, with a new version, so that sync can
/// carry the deletion and an older copy cannot bring the record back.
pub fn tombstone<R: Record>(w: &Writer, id: &str) -> Result<R> {
    let before = get::<R>(w.tx(), id)?;
    let mut after = before.clone();
    *after.meta_mut() = Meta {
        version: before.meta().version + 1,
        updated_at: w.now(),
        deleted: true,
        ..before.meta().clone()
    };
    write_back(w, &after)?;
    w.audit(R::TABLE, id, Action::Delete, Some(&before), Some(&after))?;
    Ok(after)
}

fn write_back<R: Record>(w: &Writer, record: &R) -> Result<()> {
    let assignments = ["updated_at", "version", "deleted"]
        .iter()
        .chain(R::COLUMNS)
        .enumerate()
        .map(|(i, column)| format!("{column} = ?{}", i + 2))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!("UPDATE {} SET {assignments} WHERE id = ?1", R::TABLE);
    let meta = record.meta();
    let values = [
        Value::Text(meta.id.clone()),
        Value::Integer(meta.updated_at),
        Value::Integer(meta.version),
        Value::Integer(i64::from(meta.deleted)),
    ]
    .into_iter()
    .chain(record.values());
    w.tx()
        .prepare_cached(&sql)?
        .execute(params_from_iter(values))?;
    Ok(())
}

/// Declares a record type's table and columns from one list of fields, named as their columns
/// and in column order (after `meta`), so that a field can never be read from the wrong column.
macro_rules! record_type {
    ($ty:ident, $table:literal, { $($field:ident),* $(,)? }) => {
        impl $crate::record::Record for $ty {
            const TABLE: &'static str = $table;
            const NAME: &'static str = $table;
            const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),*];

            fn meta(&self) -> &$crate::record::Meta {
                &self.meta
            }

            fn meta_mut(&mut self) -> &mut $crate::record::Meta {
                &mut self.meta
            }

            fn values(&self) -> Vec<rusqlite::types::Value> {
                vec![$(rusqlite::types::Value::from(self.$field.clone())),*]
            }

            #[allow(unused_assignments)]
            fn from_row(
                meta: $crate::record::Meta,
                row: &rusqlite::Row,
                first: usize,
            ) -> rusqlite::Result<Self> {
                let mut column = first;
                Ok($ty {
                    meta,
                    $($field: {
                        let value = row.get(column)?;
                        column += 1;
                        value
                    }),*
                })
            }
        }
    };
}

pub(crate) use record_type;

/// A value kept as JSON text in one column (a list of codes, attendance rows).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Json<T>(pub T);

impl<T: Serialize> From<Json<T>> for Value {
    fn from(json: Json<T>) -> Value {
        Value::Text(serde_json::to_string(&json.0).unwrap_or_else(|_| "null".to_owned()))
    }
}

impl<T: serde::de::DeserializeOwned> rusqlite::types::FromSql for Json<T> {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        serde_json::from_str(text)
            .map(Json)
            .map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
    }
}
