//! The measurements of the adopted indicators (step 3.3), indicator by indicator, oldest first,
//! each with its indicator's name and unit (labelled as the UI labels them).

use crate::error::RegisterError;
use crate::labels::value;
use crate::register::Register;
use crate::source::Source;
use crate::table::{Cell, Out, Row, columns, record_cells, record_columns};
use lode_store::monitoring::{self, AdoptedView, Measurement};

const COLUMNS: &[&str] = &[
    "indicator",
    "unit",
    "on",
    "value",
    "female",
    "male",
    "source",
    "notes",
];

pub(crate) fn write(src: &Source, out: &mut dyn Out) -> Result<(), RegisterError> {
    let mut all = columns(src.lang, Register::Measurements, COLUMNS);
    all.extend(record_columns(src.lang));
    out.start(&all)?;
    for adopted in monitoring::view(src.conn, src.workspace_id, src.lang)?.adopted {
        for measurement in &adopted.measurements {
            out.row(row(src, &adopted, measurement))?;
        }
    }
    Ok(())
}

fn row(src: &Source, adopted: &AdoptedView, m: &Measurement) -> Row {
    let label = if adopted.label.is_empty() {
        &adopted.indicator.indicator
    } else {
        &adopted.label
    };
    let mut cells = vec![
        Cell::text(label),
        Cell::text(value(src.lang, "unit", &adopted.unit)),
        Cell::date(Some(&m.measured_on)),
        Cell::Number(m.value),
        Cell::number(m.female),
        Cell::number(m.male),
        Cell::text(&m.source),
        Cell::text(&m.notes),
    ];
    cells.extend(record_cells(&m.meta));
    Row::new(cells)
}
