//! The ASM zones (step 3.1). On a map, each zone's boundary as it was typed (a GeoJSON Polygon or
//! MultiPolygon, checked when saved); a zone without one is left out of the map and counted.
//!
//! As a table (XLSX, CSV) a zone has its name, types, geology, allocation rules and whether its
//! boundary is recorded, but not the boundary itself: a spreadsheet cannot draw it, and a
//! detailed one passes the 32,767 characters a cell holds. GeoJSON is the format for it.

use crate::error::RegisterError;
use crate::labels::joined;
use crate::register::Register;
use crate::source::Source;
use crate::table::{Cell, Out, Row, columns, record_cells, record_columns};
use lode_store::plan::{self, AsmZone};
use lode_store::sector_types;
use serde_json::Value;
use std::collections::HashMap;

const COLUMNS: &[&str] = &[
    "name",
    "types",
    "geologyNotes",
    "allocationRules",
    "boundary",
];

pub(crate) fn write(src: &Source, out: &mut dyn Out) -> Result<(), RegisterError> {
    let mut all = columns(src.lang, Register::Zones, COLUMNS);
    all.extend(record_columns(src.lang));
    out.start(&all)?;
    let types: HashMap<String, String> = sector_types::types(src.conn, src.workspace_id)?
        .into_iter()
        .map(|t| (t.meta.id, t.name))
        .collect();
    for zone in plan::view(src.conn, src.workspace_id, src.lang)?
        .preparation
        .zones
    {
        out.row(row(&types, &zone))?;
    }
    Ok(())
}

fn row(types: &HashMap<String, String>, z: &AsmZone) -> Row {
    // Saved boundaries were checked as GeoJSON geometries; one that no longer reads (a bundle
    // from an older Lode?) is treated as none rather than failing the whole export.
    let geometry = z
        .polygon
        .as_deref()
        .and_then(|text| serde_json::from_str::<Value>(text).ok())
        .filter(|g| g.get("type").is_some() && g.get("coordinates").is_some());
    let mut cells = vec![
        Cell::text(&z.name),
        Cell::text(joined(
            z.type_ids.0.iter().filter_map(|id| types.get(id).cloned()),
        )),
        Cell::text(&z.geology_notes),
        Cell::text(&z.allocation_rules),
        Cell::Bool(geometry.is_some()),
    ];
    cells.extend(record_cells(&z.meta));
    Row { cells, geometry }
}
