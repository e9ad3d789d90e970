//! A register as the writers see it: columns (a stable key, a header in the officer's language),
//! then rows of typed cells, each row with its place on a map when it has one. Every register
//! produces this one shape, row by row, and every format consumes it, so a register is written
//! once for XLSX, CSV and GeoJSON alike.

use crate::error::RegisterError;
use crate::labels;
use crate::register::Register;
use lode_core::Lang;
use serde_json::Value;

/// One value, typed: a number stays a number in a workbook and in GeoJSON.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Integer(i64),
    Number(f64),
    /// A calendar date, YYYY-MM-DD.
    Date(String),
    Bool(bool),
}

impl Cell {
    pub(crate) fn text(value: impl Into<String>) -> Cell {
        let value = value.into();
        if value.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(value)
        }
    }

    pub(crate) fn number(value: Option<f64>) -> Cell {
        value.map_or(Cell::Empty, Cell::Number)
    }

    pub(crate) fn date(value: Option<&str>) -> Cell {
        match value {
            Some(date) if !date.is_empty() => Cell::Date(date.to_owned()),
            _ => Cell::Empty,
        }
    }

    /// The day (UTC) of a moment in unix milliseconds.
    pub(crate) fn day_of(millis: i64) -> Cell {
        Cell::Date(lode_core::clock::iso_date(millis))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Column {
    /// The stable name: a GeoJSON property, the end of the header's key.
    pub key: String,
    pub header: String,
}

/// A register's columns, headers in `lang` from `registers.json` (`<register>.<key>`).
pub(crate) fn columns(lang: Lang, register: Register, keys: &[&str]) -> Vec<Column> {
    keys.iter()
        .map(|key| Column {
            key: (*key).to_owned(),
            header: labels::text(lang, &format!("{}.{key}", register.key()), &[]),
        })
        .collect()
}

/// The two columns every register ends with: when the record last changed, and its id (to find
/// it again in Lode, or match it with the next export).
pub(crate) fn record_columns(lang: Lang) -> [Column; 2] {
    ["updatedAt", "id"].map(|key| Column {
        key: key.to_owned(),
        header: labels::text(lang, &format!("common.{key}"), &[]),
    })
}

/// The cells of [`record_columns`] for one record.
pub(crate) fn record_cells(meta: &lode_store::record::Meta) -> [Cell; 2] {
    [Cell::day_of(meta.updated_at), Cell::Text(meta.id.clone())]
}

/// One record: its cells in the order of the columns, and its GeoJSON geometry, if it has a
/// place on a map.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub cells: Vec<Cell>,
    pub geometry: Option<Value>,
}

impl Row {
    pub(crate) fn new(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            geometry: None,
        }
    }
}

/// Where a register's rows go: a workbook, CSV text or a FeatureCollection.
pub(crate) trait Out {
    /// Called once, before the first row.
    fn start(&mut self, columns: &[Column]) -> Result<(), RegisterError>;
    fn row(&mut self, row: Row) -> Result<(), RegisterError>;
}
