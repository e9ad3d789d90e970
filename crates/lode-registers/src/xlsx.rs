//! A register as a workbook: one sheet named after the register, a bold header row frozen at
//! the top, filters on every column, columns as wide as their content (within reason), and
//! typed cells — numbers as numbers, dates as dates (shown YYYY-MM-DD), yes/no as booleans.
//!
//! The sheet is written in rust_xlsxwriter's constant-memory mode: each row goes to a temporary
//! file (in the export's own folder, not a RAM-backed /tmp) as soon as it is complete, so a
//! register of 100,000 licence holders needs no more memory than one of ten.

use crate::error::RegisterError;
use crate::table::{Cell, Column, Out, Row};
use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError};
use std::io::Write;
use std::path::Path;

/// What one cell of Excel holds; a longer text is cut, with an ellipsis, rather than refused.
const MAX_CELL_CHARS: usize = 32_767;
/// Column widths in characters: no narrower than a date, no wider than a comfortable read.
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 60;

pub(crate) struct Xlsx {
    workbook: Workbook,
    header: Format,
    date: Format,
    /// The widest content of each column so far, in characters.
    widths: Vec<usize>,
    /// The next row to write (0 is the header).
    next_row: u32,
    file: String,
}

fn failed(file: &str) -> impl Fn(XlsxError) -> RegisterError + '_ {
    move |error| RegisterError::WriteFailed {
        file: file.to_owned(),
        detail: error.to_string(),
    }
}

impl Xlsx {
    /// A workbook whose one sheet is called `sheet`; its temporary files go in `dir`.
    pub(crate) fn new(sheet: &str, dir: &Path, file: &str) -> Result<Xlsx, RegisterError> {
        let mut workbook = Workbook::new();
        workbook.set_tempdir(dir).map_err(failed(file))?;
        let worksheet = workbook
            .add_worksheet_with_constant_memory()
            .map_err(failed(file))?;
        worksheet
            .set_name(sheet_name(sheet))
            .map_err(failed(file))?;
        Ok(Xlsx {
            workbook,
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0x00E8_EEF2))
                .set_border_bottom(FormatBorder::Thin),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            widths: Vec::new(),
            next_row: 0,
            file: file.to_owned(),
        })
    }

    fn sheet(&mut self) -> Result<&mut Worksheet, RegisterError> {
        self.workbook
            .worksheet_from_index(0)
            .map_err(failed(&self.file))
    }

    /// Sets the widths and the filter over every row written, then writes the workbook to
    /// `out` and flushes it (an error while flushing is an error, not lost on a drop).
    pub(crate) fn finish(mut self, out: &mut (impl Write + Send)) -> Result<(), RegisterError> {
        let file = self.file.clone();
        let last_row = self.next_row.saturating_sub(1);
        let last_col = u16::try_from(self.widths.len().saturating_sub(1)).unwrap_or(u16::MAX);
        let widths = std::mem::take(&mut self.widths);
        let sheet = self.sheet()?;
        for (col, width) in widths.iter().enumerate() {
            let width = (*width).clamp(MIN_WIDTH, MAX_WIDTH) + 2;
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            sheet
                .set_column_width(col, width as f64)
                .map_err(failed(&file))?;
        }
        sheet
            .autofilter(0, 0, last_row, last_col)
            .map_err(failed(&file))?;
        self.workbook
            .save_to_writer(&mut *out)
            .map_err(failed(&file))?;
        out.flush().map_err(|e| RegisterError::WriteFailed {
            file,
            detail: e.to_string(),
        })
    }

    fn widen(&mut self, col: usize, chars: usize) {
        if let Some(width) = self.widths.get_mut(col) {
            *width = (*width).max(chars);
        }
    }
}

impl Out for Xlsx {
    fn start(&mut self, columns: &[Column]) -> Result<(), RegisterError> {
        let file = self.file.clone();
        let header = self.header.clone();
        self.widths = columns.iter().map(|c| c.header.chars().count()).collect();
        let sheet = self.sheet()?;
        for (col, column) in columns.iter().enumerate() {
            sheet
                .write_string_with_format(0, col_num(col, &file)?, &column.header, &header)
                .map_err(failed(&file))?;
        }
        // The header stays in view while the officer scrolls through the rows.
        sheet.set_freeze_panes(1, 0).map_err(failed(&file))?;
        self.next_row = 1;
        Ok(())
    }

    fn row(&mut self, row: Row) -> Result<(), RegisterError> {
        let file = self.file.clone();
        let date_format = self.date.clone();
        let at = self.next_row;
        let mut widths = Vec::with_capacity(row.cells.len());
        let sheet = self.sheet()?;
        for (col, cell) in row.cells.iter().enumerate() {
            let c = col_num(col, &file)?;
            let chars = match cell {
                Cell::Empty => 0,
                Cell::Text(text) => {
                    let text = clipped(text);
                    let chars = text.chars().count();
                    sheet.write_string(at, c, text).map_err(failed(&file))?;
                    chars
                }
                Cell::Integer(n) => {
                    // Counts stay far below 2^53, where a float would lose a unit.
                    sheet
                        .write_number(at, c, *n as f64)
                        .map_err(failed(&file))?;
                    n.to_string().len()
                }
                Cell::Number(n) => {
                    sheet.write_number(at, c, *n).map_err(failed(&file))?;
                    n.to_string().len().min(14)
                }
                Cell::Date(iso) => {
                    match excel_date(iso) {
                        Some(date) => sheet.write_datetime_with_format(at, c, &date, &date_format),
                        None => sheet.write_string(at, c, iso),
                    }
                    .map_err(failed(&file))?;
                    10
                }
                Cell::Bool(b) => {
                    sheet.write_boolean(at, c, *b).map_err(failed(&file))?;
                    5
                }
            };
            widths.push(chars);
        }
        for (col, chars) in widths.into_iter().enumerate() {
            self.widen(col, chars);
        }
        self.next_row += 1;
        Ok(())
    }
}

fn col_num(col: usize, file: &str) -> Result<u16, RegisterError> {
    u16::try_from(col).map_err(|_| RegisterError::WriteFailed {
        file: file.to_owned(),
        detail: "too many columns".to_owned(),
    })
}

/// A date Lode keeps (YYYY-MM-DD) as Excel's; None for anything else (written as text).
fn excel_date(iso: &str) -> Option<ExcelDateTime> {
    let mut parts = iso.splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    ExcelDateTime::from_ymd(year, month, day).ok()
}

/// A text that fits in one cell.
fn clipped(text: &str) -> String {
    if text.len() <= MAX_CELL_CHARS || text.chars().count() <= MAX_CELL_CHARS {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(MAX_CELL_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    if clean.trim().is_empty() {
        "Register".to_owned()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_sheet_names_and_long_texts_fit_excel() {
        assert!(excel_date("2026-11-28").is_some());
        assert!(excel_date("2026-02-30").is_none());
        assert!(excel_date("1984-••-••").is_none());
        assert_eq!(sheet_name("A/B: [c]"), "AB c");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
        let long = "é".repeat(MAX_CELL_CHARS + 5);
        assert_eq!(clipped(&long).chars().count(), MAX_CELL_CHARS);
        assert_eq!(clipped("short"), "short");
    }
}
