//! A register as CSV: UTF-8 without a byte-order mark, RFC 4180 (fields quoted when they need
//! it, CRLF line ends), a header row in the officer's language. Values are written to be read
//! back by software: numbers plainly (a dot for decimals, no grouping), dates as YYYY-MM-DD,
//! yes/no in the officer's language like the other labels.
//!
//! A text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written with an
//! apostrophe in front: a spreadsheet opening the file would otherwise run it as a formula
//! (CSV injection), and registers hold text typed or imported by others. Numbers are never
//! touched: they are typed, not text.

use crate::error::RegisterError;
use crate::labels;
use crate::table::{Cell, Column, Out, Row};
use lode_core::Lang;
use std::io::Write;

pub(crate) struct CsvOut<W: Write> {
    writer: csv::Writer<W>,
    lang: Lang,
    file: String,
}

impl<W: Write> CsvOut<W> {
    pub(crate) fn new(out: W, lang: Lang, file: &str) -> CsvOut<W> {
        CsvOut {
            writer: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(out),
            lang,
            file: file.to_owned(),
        }
    }

    fn failed(&self, error: impl std::fmt::Display) -> RegisterError {
        RegisterError::WriteFailed {
            file: self.file.clone(),
            detail: error.to_string(),
        }
    }

    /// Flushes what is buffered; the file is complete once this returns.
    pub(crate) fn finish(mut self) -> Result<(), RegisterError> {
        self.writer.flush().map_err(|e| self.failed(e))
    }

    fn field(&self, cell: &Cell) -> String {
        match cell {
            Cell::Empty => String::new(),
            Cell::Text(text) => guarded(text),
            Cell::Integer(n) => n.to_string(),
            Cell::Number(n) => n.to_string(),
            Cell::Date(date) => date.clone(),
            Cell::Bool(b) => {
                labels::text(self.lang, if *b { "value.yes" } else { "value.no" }, &[])
            }
        }
    }
}

impl<W: Write> Out for CsvOut<W> {
    fn start(&mut self, columns: &[Column]) -> Result<(), RegisterError> {
        let result = self
            .writer
            .write_record(columns.iter().map(|c| guarded(&c.header)));
        result.map_err(|e| self.failed(e))
    }

    fn row(&mut self, row: Row) -> Result<(), RegisterError> {
        let fields: Vec<String> = row.cells.iter().map(|cell| self.field(cell)).collect();
        let result = self.writer.write_record(&fields);
        result.map_err(|e| self.failed(e))
    }
}

/// A text a spreadsheet will not take for a formula.
fn guarded(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Row;

    #[test]
    fn rows_follow_rfc_4180_and_formulas_are_defused() {
        let mut out = CsvOut::new(Vec::new(), Lang::Fr, "x.csv");
        let columns = [
            Column {
                key: "a".into(),
                header: "Nom".into(),
            },
            Column {
                key: "b".into(),
                header: "Valeur".into(),
            },
        ];
        out.start(&columns).unwrap();
        out.row(Row::new(vec![
            Cell::Text("Kalima, \"Nord\"".into()),
            Cell::Number(-2.5),
        ]))
        .unwrap();
        out.row(Row::new(vec![
            Cell::Text("=HYPERLINK(\"x\")".into()),
            Cell::Bool(true),
        ]))
        .unwrap();
        let bytes = out.writer.into_inner().map_err(|e| e.to_string()).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "Nom,Valeur\r\n\"Kalima, \"\"Nord\"\"\",-2.5\r\n\"'=HYPERLINK(\"\"x\"\")\",Oui\r\n"
        );
    }
}
