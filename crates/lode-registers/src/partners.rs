//! The partners (step 1.4): institutions and their programmes.

use crate::error::RegisterError;
use crate::labels::{coded, coded_list, value};
use crate::register::Register;
use crate::source::Source;
use crate::table::{Cell, Out, Row, columns, record_cells, record_columns};
use lode_store::partner::{self, Partner};

const COLUMNS: &[&str] = &[
    "organisation",
    "partnerType",
    "programme",
    "commodity",
    "geography",
    "theme",
    "roles",
    "funds",
    "currency",
    "startOn",
    "endOn",
    "agreementStatus",
];

pub(crate) fn write(src: &Source, out: &mut dyn Out) -> Result<(), RegisterError> {
    let mut all = columns(src.lang, Register::Partners, COLUMNS);
    all.extend(record_columns(src.lang));
    out.start(&all)?;
    for partner in partner::list(src.conn, src.workspace_id)? {
        out.row(row(src, &partner))?;
    }
    Ok(())
}

fn row(src: &Source, p: &Partner) -> Row {
    let lang = src.lang;
    let mut cells = vec![
        Cell::text(&p.organisation),
        Cell::text(coded(lang, "partner_types", &p.partner_type)),
        Cell::text(&p.programme),
        Cell::text(coded(lang, "commodities", &p.commodity)),
        Cell::text(&p.geography),
        Cell::text(&p.theme),
        Cell::text(coded_list(lang, "partner_roles", &p.roles.0)),
        Cell::number(p.funds),
        Cell::text(&p.currency),
        Cell::date(p.start_on.as_deref()),
        Cell::date(p.end_on.as_deref()),
        Cell::text(value(lang, "agreement", &p.agreement_status)),
    ];
    cells.extend(record_cells(&p.meta));
    Row::new(cells)
}
