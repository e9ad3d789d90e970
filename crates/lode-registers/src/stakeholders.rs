//! The stakeholder register (step 1.2): organisations, so nothing in it is a person's data.

use crate::error::RegisterError;
use crate::labels::{coded, value};
use crate::register::Register;
use crate::source::Source;
use crate::table::{Cell, Out, Row, columns, record_cells, record_columns};
use lode_store::forum::{self, Stakeholder};

const COLUMNS: &[&str] = &[
    "organisation",
    "group",
    "region",
    "representativeSex",
    "influence",
    "interest",
    "vulnerability",
    "insider",
    "vestedInterests",
    "armedGroupLinks",
    "notes",
];

pub(crate) fn write(src: &Source, out: &mut dyn Out) -> Result<(), RegisterError> {
    let mut all = columns(src.lang, Register::Stakeholders, COLUMNS);
    all.extend(record_columns(src.lang));
    out.start(&all)?;
    for stakeholder in forum::stakeholders(src.conn, src.workspace_id)? {
        out.row(row(src, &stakeholder))?;
    }
    Ok(())
}

fn row(src: &Source, s: &Stakeholder) -> Row {
    let lang = src.lang;
    let mut cells = vec![
        Cell::text(&s.organisation),
        Cell::text(coded(lang, "stakeholder_groups", &s.stakeholder_group)),
        Cell::text(&s.region),
        Cell::text(value(lang, "sex", &s.representative_sex)),
        Cell::Integer(s.influence),
        Cell::Integer(s.interest),
        Cell::text(value(lang, "scale", &s.vulnerability)),
        Cell::Bool(s.insider),
        Cell::text(&s.vested_interests),
        Cell::text(&s.armed_group_links),
        Cell::text(&s.notes),
    ];
    cells.extend(record_cells(&s.meta));
    Row::new(cells)
}
