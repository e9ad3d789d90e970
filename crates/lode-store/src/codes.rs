//! Reading coded columns (steps, levels…) back into their types; an unknown code in the file is a
//! conversion error that names the column, not a silent default.

use lode_core::StepId;
use rusqlite::Row;
use rusqlite::types::Type;

pub(crate) fn step(row: &Row, index: usize) -> rusqlite::Result<StepId> {
    let code: String = row.get(index)?;
    StepId::parse(&code).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            Type::Text,
            format!("unknown step {code}").into(),
        )
    })
}
