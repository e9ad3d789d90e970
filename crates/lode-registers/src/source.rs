//! What a register reads from: the store's connection (inside the export's transaction, so the
//! rows are one consistent state), the workspace, the officer's language and choices.

use crate::error::RegisterError;
use lode_core::Lang;
use lode_store::Connection;

pub(crate) struct Source<'a> {
    pub conn: &'a Connection,
    pub workspace_id: &'a str,
    pub lang: Lang,
    /// The officer chose to include personal data (see [`crate::mask`]).
    pub personal_data: bool,
    /// Today (YYYY-MM-DD), for the readers that ask for it.
    pub today: &'a str,
}

/// Reads a paged register to its end, handing each record to `each`: `page(offset)` answers
/// the total and the records from `offset` on (a store reader's page), so no register is ever
/// held whole in memory.
pub(crate) fn each_page<T>(
    mut page: impl FnMut(i64) -> Result<(i64, Vec<T>), RegisterError>,
    mut each: impl FnMut(T) -> Result<(), RegisterError>,
) -> Result<(), RegisterError> {
    let mut offset = 0;
    loop {
        let (total, rows) = page(offset)?;
        if rows.is_empty() {
            return Ok(());
        }
        offset += rows.len() as i64;
        for row in rows {
            each(row)?;
        }
        if offset >= total {
            return Ok(());
        }
    }
}
