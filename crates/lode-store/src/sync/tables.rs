//! The synced tables, found from the schema rather than listed: every table with the sync columns
//! (id, origin_office, created_at, updated_at, version, deleted) travels, so a record type joins
//! the bundle format the day its table is created. Rows travel as JSON objects, column by column.

use crate::error::Result;
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{Connection, Row};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::HashMap;

pub(crate) const META: [&str; 6] = [
    "id",
    "origin_office",
    "created_at",
    "updated_at",
    "version",
    "deleted",
];

/// A synced table: its columns in schema order, those an incoming row must give, and the
/// statements the import runs on it.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub name: String,
    /// Its place among the synced tables.
    pub position: usize,
    pub columns: Vec<String>,
    /// Each column's position in `columns`, to look one up quickly.
    pub index: HashMap<String, usize>,
    /// The columns by name with their positions: rows arrive with their keys in this order, so
    /// the next key is most often the next one here (no hashing).
    pub by_name: Vec<(String, usize)>,
    /// Each column's place in `by_name`, by position.
    pub rank: Vec<usize>,
    /// The positions of the `META` columns (in `META`'s order) and of those an incoming row must
    /// give (NOT NULL without a default).
    pub meta_at: [usize; 6],
    pub required_at: Vec<usize>,
    /// Statements built once per table: reading a row by id, inserting or updating every column
    /// (in column order, the id last for the update), and finding each parent (the position of a
    /// column that references another table, and the query finding that record by id).
    pub select_by_id: String,
    pub insert_all: String,
    pub update_all: String,
    pub parent_sql: Vec<(usize, String)>,
    /// The record's natural keys (a UNIQUE constraint besides the id, such as a checklist entry's
    /// workspace, step and item): the positions of its columns, and the query finding the row
    /// here that holds the same key.
    pub natural_keys: Vec<(Vec<usize>, String)>,
}

impl Table {
    fn new(
        name: String,
        columns: Vec<String>,
        required: Vec<String>,
        parents: Vec<(String, String)>,
    ) -> Table {
        let all: Vec<&String> = columns.iter().collect();
        let index: HashMap<String, usize> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.clone(), i))
            .collect();
        let mut by_name: Vec<(String, usize)> =
            index.iter().map(|(c, &i)| (c.clone(), i)).collect();
        by_name.sort();
        let mut rank = vec![0; columns.len()];
        for (place, (_, position)) in by_name.iter().enumerate() {
            rank[*position] = place;
        }
        let at = |column: &str| index.get(column).copied();
        Table {
            position: 0,
            natural_keys: Vec::new(),
            meta_at: META.map(|m| at(m).unwrap_or_default()),
            required_at: required.iter().filter_map(|c| at(c)).collect(),
            // `*` is every column in schema order, the order of `columns`; the statements are
            // short because a cached statement is found by hashing its text.
            select_by_id: format!("SELECT * FROM \"{name}\" WHERE id = ?1"),
            insert_all: format!(
                "INSERT INTO \"{name}\" VALUES ({})",
                vec!["?"; columns.len()].join(",")
            ),
            update_all: update_sql(&name, &all),
            parent_sql: parents
                .iter()
                .filter_map(|(column, parent)| {
                    Some((
                        at(column)?,
                        format!("SELECT 1 FROM \"{parent}\" WHERE id = ?1"),
                    ))
                })
                .collect(),
            index,
            by_name,
            rank,
            name,
            columns,
        }
    }

    /// The INSERT (or the UPDATE, the id bound last) of the given columns, in table order.
    pub fn write_sql(&self, columns: &[&String], update: bool) -> Cow<'_, str> {
        match (update, columns.len() == self.columns.len()) {
            (false, true) => Cow::Borrowed(&self.insert_all),
            (true, true) => Cow::Borrowed(&self.update_all),
            (false, false) => Cow::Owned(insert_sql(&self.name, columns)),
            (true, false) => Cow::Owned(update_sql(&self.name, columns)),
        }
    }

    pub fn select_sql(&self) -> String {
        format!("SELECT {} FROM \"{}\"", self.column_list(), self.name)
    }

    pub fn column_list(&self) -> String {
        column_list(&self.columns.iter().collect::<Vec<_>>())
    }
}

fn column_list(columns: &[&String]) -> String {
    columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn insert_sql(table: &str, columns: &[&String]) -> String {
    let marks = (1..=columns.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "INSERT INTO \"{table}\" ({}) VALUES ({marks})",
        column_list(columns)
    )
}

fn update_sql(table: &str, columns: &[&String]) -> String {
    let sets = columns
        .iter()
        .enumerate()
        .map(|(i, c)| format!("\"{c}\" = ?{}", i + 1))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "UPDATE \"{table}\" SET {sets} WHERE id = ?{}",
        columns.len() + 1
    )
}

/// The synced tables in the order they were created, which puts every parent before its children.
pub(crate) fn synced(conn: &Connection) -> Result<Vec<Table>> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY rowid",
        )?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut tables = Vec::new();
    for name in names {
        let info: Vec<(String, bool)> = conn
            .prepare(
                "SELECT name, \"notnull\" AND dflt_value IS NULL FROM pragma_table_info(?1) ORDER BY cid",
            )?
            .query_map([&name], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let columns: Vec<String> = info.iter().map(|(c, _)| c.clone()).collect();
        let required = info
            .into_iter()
            .filter_map(|(c, required)| required.then_some(c))
            .collect();
        if !META.iter().all(|m| columns.iter().any(|c| c == m)) {
            continue;
        }
        let parents = conn
            .prepare("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?1)")?
            .query_map([&name], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let position = tables.len();
        let natural = natural_keys(conn, &name)?;
        let table = Table::new(name, columns, required, parents);
        let natural_keys = natural
            .into_iter()
            .filter_map(|key| natural_key(&table, &key))
            .collect();
        tables.push(Table {
            position,
            natural_keys,
            ..table
        });
    }
    Ok(tables)
}

/// The columns of each UNIQUE constraint or index of `table` other than its primary key (partial
/// indexes left out: whether a row falls under one cannot be told from the key alone).
fn natural_keys(conn: &Connection, table: &str) -> Result<Vec<Vec<String>>> {
    let indexes: Vec<String> = conn
        .prepare(
            "SELECT name FROM pragma_index_list(?1) WHERE \"unique\" AND origin <> 'pk' AND NOT partial",
        )?
        .query_map([table], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    indexes
        .iter()
        .map(|index| {
            Ok(conn
                .prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")?
                .query_map([index], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?)
        })
        .collect()
}

fn natural_key(table: &Table, columns: &[String]) -> Option<(Vec<usize>, String)> {
    let positions = columns
        .iter()
        .map(|c| table.index.get(c).copied())
        .collect::<Option<Vec<usize>>>()?;
    let matches = columns
        .iter()
        .enumerate()
        .map(|(i, c)| format!("\"{c}\" = ?{}", i + 1))
        .collect::<Vec<_>>()
        .join(" AND ");
    let sql = format!("SELECT * FROM \"{}\" WHERE {matches}", table.name);
    Some((positions, sql))
}

/// A row as a JSON object, column by column.
pub(crate) fn row_to_json(row: &Row, columns: &[String]) -> rusqlite::Result<Map<String, Value>> {
    let mut object = Map::new();
    for (index, column) in columns.iter().enumerate() {
        let value = match row.get_ref(index)? {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::from(i),
            ValueRef::Real(f) => Value::from(f),
            ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => {
                Value::from(b.iter().map(|x| format!("{x:02x}")).collect::<String>())
            }
        };
        object.insert(column.clone(), value);
    }
    Ok(object)
}

/// A JSON value as SQLite stores it; None for what no column holds (arrays, objects).
pub(crate) fn json_to_sql(value: &Value) -> Option<SqlValue> {
    Some(match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64()?),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        Value::Array(_) | Value::Object(_) => return None,
    })
}
