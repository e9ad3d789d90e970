//! The plan's actions (step 3.1) as the plan shows them: the responsible department and the
//! funding source by name, the ASM types, the warnings, and the budget as one number column per
//! currency the plan uses (a sum of amounts in different currencies would mean nothing).

use crate::error::RegisterError;
use crate::labels::{self, coded, joined, value};
use crate::register::Register;
use crate::source::Source;
use crate::table::{Cell, Column, Out, Row, columns, record_cells, record_columns};
use lode_store::plan::{self, ActionView};
use std::collections::BTreeSet;

const BEFORE_BUDGET: &[&str] = &[
    "title",
    "instrument",
    "status",
    "startOn",
    "endOn",
    "department",
    "funding",
    "types",
    "regions",
];
const AFTER_BUDGET: &[&str] = &["warnings", "notes"];

pub(crate) fn write(src: &Source, out: &mut dyn Out) -> Result<(), RegisterError> {
    let actions = plan::view(src.conn, src.workspace_id, src.lang)?.actions;
    let currencies: BTreeSet<String> = actions
        .iter()
        .flat_map(|a| a.budget_total.keys().cloned())
        .collect();
    let mut all = columns(src.lang, Register::Actions, BEFORE_BUDGET);
    all.extend(currencies.iter().map(|currency| Column {
        key: format!("budget{currency}"),
        header: labels::text(src.lang, "actions.budget", &[("currency", currency)]),
    }));
    all.extend(columns(src.lang, Register::Actions, AFTER_BUDGET));
    all.extend(record_columns(src.lang));
    out.start(&all)?;
    for action in &actions {
        out.row(row(src, &currencies, action))?;
    }
    Ok(())
}

fn row(src: &Source, currencies: &BTreeSet<String>, view: &ActionView) -> Row {
    let lang = src.lang;
    let a = &view.action;
    let mut cells = vec![
        Cell::text(&a.title),
        Cell::text(coded(lang, "instruments", &a.instrument)),
        Cell::text(value(lang, "actionStatus", &a.status)),
        Cell::date(Some(&a.start_on)),
        Cell::date(Some(&a.end_on)),
        Cell::text(&view.department_label),
        Cell::text(&view.funding_label),
        Cell::text(joined(view.type_names.iter().cloned())),
        Cell::text(joined(a.regions.0.iter().cloned())),
    ];
    cells.extend(
        currencies
            .iter()
            .map(|currency| Cell::number(view.budget_total.get(currency).copied())),
    );
    cells.push(Cell::text(joined(
        view.warnings.iter().map(|w| value(lang, "warning", w)),
    )));
    cells.push(Cell::text(&a.notes));
    cells.extend(record_cells(&a.meta));
    Row::new(cells)
}
