//! A register as an RFC 7946 FeatureCollection, streamed feature by feature: each record with a
//! place on a map becomes a Feature (its geometry, its id, and its columns as properties under
//! their stable keys — numbers as numbers, dates as YYYY-MM-DD, yes/no as booleans, coded values
//! labelled in the officer's language). Records without a place are left out and counted.

use crate::error::RegisterError;
use crate::table::{Cell, Column, Out, Row};
use serde_json::{Map, Value, json};
use std::io::Write;

pub(crate) struct GeoJson<W: Write> {
    out: W,
    keys: Vec<String>,
    written: u64,
    skipped: u64,
    file: String,
}

impl<W: Write> GeoJson<W> {
    pub(crate) fn new(out: W, file: &str) -> GeoJson<W> {
        GeoJson {
            out,
            keys: Vec::new(),
            written: 0,
            skipped: 0,
            file: file.to_owned(),
        }
    }

    fn failed(&self, error: impl std::fmt::Display) -> RegisterError {
        RegisterError::WriteFailed {
            file: self.file.clone(),
            detail: error.to_string(),
        }
    }

    /// Closes the collection; returns the records left out for want of a place.
    pub(crate) fn finish(mut self) -> Result<u64, RegisterError> {
        let result = self
            .out
            .write_all(b"\n]}\n")
            .and_then(|()| self.out.flush());
        result.map_err(|e| self.failed(e))?;
        Ok(self.skipped)
    }
}

fn value(cell: Cell) -> Value {
    match cell {
        Cell::Empty => Value::Null,
        Cell::Text(text) | Cell::Date(text) => Value::String(text),
        Cell::Integer(n) => json!(n),
        Cell::Number(n) => json!(n),
        Cell::Bool(b) => Value::Bool(b),
    }
}

impl<W: Write> Out for GeoJson<W> {
    fn start(&mut self, columns: &[Column]) -> Result<(), RegisterError> {
        self.keys = columns.iter().map(|c| c.key.clone()).collect();
        let result = self
            .out
            .write_all(b"{\"type\":\"FeatureCollection\",\"features\":[");
        result.map_err(|e| self.failed(e))
    }

    fn row(&mut self, row: Row) -> Result<(), RegisterError> {
        let Some(geometry) = row.geometry else {
            self.skipped += 1;
            return Ok(());
        };
        let properties: Map<String, Value> = self
            .keys
            .iter()
            .cloned()
            .zip(row.cells.into_iter().map(value))
            .collect();
        let id = properties.get("id").cloned().unwrap_or(Value::Null);
        let feature = json!({
            "type": "Feature",
            "id": id,
            "geometry": geometry,
            "properties": properties,
        });
        let separator: &[u8] = if self.written == 0 { b"\n" } else { b",\n" };
        let result = self
            .out
            .write_all(separator)
            .map_err(serde_json::Error::io)
            .and_then(|()| serde_json::to_writer(&mut self.out, &feature));
        result.map_err(|e| self.failed(e))?;
        self.written += 1;
        Ok(())
    }
}
