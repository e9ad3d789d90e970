//! An incoming line of a records file, read for speed: a national import reads hundreds of
//! thousands of them. The row's cells are borrowed from the line where they can be (no map, no
//! string copied), its text is kept whole for the audit row, and a JSON map is built only for the
//! few records that already exist here and must be compared.

use super::tables::Table;
use rusqlite::types::{ToSqlOutput, ValueRef};
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::fmt;

/// One line as it came: `{"row": {…}, "changedBy": "…"}` (the keys `LINE_ROW` and `LINE_BY`).
pub(crate) struct Incoming<'a> {
    pub line: &'a str,
    pub row_text: &'a str,
    /// The row's cells in the order given; None when the row is not a JSON object.
    pub cells: Option<Vec<(Text<'a>, Cell<'a>)>>,
    pub by: Cow<'a, str>,
}

#[derive(Deserialize)]
struct Line<'a> {
    #[serde(borrow)]
    row: &'a RawValue,
    #[serde(rename = "changedBy", default, borrow)]
    changed_by: Cow<'a, str>,
}

impl<'a> Incoming<'a> {
    pub fn parse(line: &'a str) -> serde_json::Result<Incoming<'a>> {
        let parsed: Line<'a> = serde_json::from_str(line)?;
        let row_text = parsed.row.get();
        let cells = serde_json::from_str::<Cells<'a>>(row_text)?.0;
        Ok(Incoming {
            line,
            row_text,
            cells,
            by: parsed.changed_by,
        })
    }

    /// The record's id and version as far as they can be read, for a rejection.
    pub fn id_and_version(&self) -> (String, Option<i64>) {
        let find = |name: &str| {
            self.cells
                .iter()
                .flatten()
                .find(|(key, _)| key.0 == name)
                .map(|(_, cell)| cell)
        };
        let id = match find("id") {
            Some(Cell::Text(id)) => id.to_string(),
            _ => String::new(),
        };
        let version = match find("version") {
            Some(Cell::Integer(v)) => Some(*v),
            _ => None,
        };
        (id, version)
    }
}

/// A key or a string value, borrowed unless it had escapes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Text<'a>(pub Cow<'a, str>);

/// One value of a row: what a SQLite column holds, or not (an array or an object).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell<'a> {
    Null,
    Integer(i64),
    Real(f64),
    Text(Cow<'a, str>),
    NotScalar,
}

impl Cell<'_> {
    pub fn to_sql(&self) -> ToSqlOutput<'_> {
        ToSqlOutput::Borrowed(match self {
            Cell::Null | Cell::NotScalar => ValueRef::Null,
            Cell::Integer(i) => ValueRef::Integer(*i),
            Cell::Real(f) => ValueRef::Real(*f),
            Cell::Text(t) => ValueRef::Text(t.as_bytes()),
        })
    }

    fn to_json(&self) -> Value {
        match self {
            Cell::Null | Cell::NotScalar => Value::Null,
            Cell::Integer(i) => Value::from(*i),
            Cell::Real(f) => Value::from(*f),
            Cell::Text(t) => Value::from(t.as_ref()),
        }
    }
}

/// A row this table can hold, its cells by column (in the table's order).
pub(crate) struct Row<'r, 'a> {
    pub table: &'r Table,
    pub cells: Vec<Option<&'r Cell<'a>>>,
}

impl<'a> Row<'_, 'a> {
    pub fn text_at(&self, position: usize) -> Option<&str> {
        match self.cells[position] {
            Some(Cell::Text(t)) => Some(t),
            _ => None,
        }
    }

    pub fn integer_at(&self, position: usize) -> Option<i64> {
        match self.cells[position] {
            Some(Cell::Integer(i)) => Some(*i),
            _ => None,
        }
    }

    pub fn id(&self) -> &str {
        self.text_at(self.table.meta_at[META_ID])
            .unwrap_or_default()
    }

    pub fn version(&self) -> i64 {
        self.integer_at(self.table.meta_at[META_VERSION])
            .unwrap_or_default()
    }

    pub fn updated_at(&self) -> i64 {
        self.integer_at(self.table.meta_at[META_UPDATED_AT])
            .unwrap_or_default()
    }

    /// The row as a JSON object, to compare with the record here or keep in a conflict.
    pub fn to_map(&self) -> Map<String, Value> {
        self.table
            .columns
            .iter()
            .zip(&self.cells)
            .filter_map(|(column, cell)| cell.map(|c| (column.clone(), c.to_json())))
            .collect()
    }
}

/// Positions in `META`.
const META_ID: usize = 0;
const META_ORIGIN: usize = 1;
const META_UPDATED_AT: usize = 3;
const META_VERSION: usize = 4;
const META_DELETED: usize = 5;

/// The row, if this table can hold it: every key a column (once), every value a scalar, the sync
/// columns of the right types, every required column given.
pub(crate) fn valid_row<'r, 'a>(
    table: &'r Table,
    cells: &'r [(Text<'a>, Cell<'a>)],
) -> Option<Row<'r, 'a>> {
    let mut by_column: Vec<Option<&'r Cell<'a>>> = vec![None; table.columns.len()];
    let mut next = 0;
    for (key, cell) in cells {
        let position = match table.by_name.get(next) {
            Some((name, position)) if name.as_str() == key.0.as_ref() => *position,
            _ => *table.index.get(key.0.as_ref())?,
        };
        next = table.rank[position] + 1;
        if by_column[position].is_some() || *cell == Cell::NotScalar {
            return None;
        }
        by_column[position] = Some(cell);
    }
    let row = Row {
        table,
        cells: by_column,
    };
    let at = |m: usize| table.meta_at[m];
    let meta_ok = row.text_at(at(META_ID)).is_some_and(|id| !id.is_empty())
        && row.text_at(at(META_ORIGIN)).is_some()
        && (2..=4).all(|m| row.integer_at(at(m)).is_some())
        && matches!(row.integer_at(at(META_DELETED)), Some(0 | 1));
    let complete = table
        .required_at
        .iter()
        .all(|&p| row.cells[p].is_some_and(|v| *v != Cell::Null));
    (meta_ok && complete).then_some(row)
}

/// The cells of a row object; None for any other JSON value.
struct Cells<'a>(Option<Vec<(Text<'a>, Cell<'a>)>>);

impl<'de> Deserialize<'de> for Cells<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CellsVisitor)
    }
}

struct CellsVisitor;

impl<'de> Visitor<'de> for CellsVisitor {
    type Value = Cells<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a row")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut cells = Vec::with_capacity(map.size_hint().unwrap_or(32));
        while let Some(entry) = map.next_entry::<Text<'de>, Cell<'de>>()? {
            cells.push(entry);
        }
        Ok(Cells(Some(cells)))
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Cells(None))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Cells(None))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Cells(None))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Cells(None))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Cells(None))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Cells(None))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Cells(None))
    }
}

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(s.to_owned())))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

impl<'de> Deserialize<'de> for Cell<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CellVisitor)
    }
}

struct CellVisitor;

impl<'de> Visitor<'de> for CellVisitor {
    type Value = Cell<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Cell::Null)
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Self::Value, E> {
        Ok(Cell::Integer(i64::from(b)))
    }

    fn visit_i64<E: de::Error>(self, i: i64) -> Result<Self::Value, E> {
        Ok(Cell::Integer(i))
    }

    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Self::Value, E> {
        Ok(i64::try_from(u).map_or(Cell::Real(u as f64), Cell::Integer))
    }

    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Self::Value, E> {
        Ok(Cell::Real(f))
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Cell::Text(Cow::Borrowed(s)))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Cell::Text(Cow::Owned(s.to_owned())))
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Cell::NotScalar)
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Cell::NotScalar)
    }
}
