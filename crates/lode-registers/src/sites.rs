//! The site inventory (step 1.3): one row per site, read page by page in the order of the sites
//! table (by name); on a map, a point at its coordinates. Coordinates are kept: a mine site is a
//! workplace, not a home.

use crate::error::RegisterError;
use crate::labels::{coded, coded_list, value};
use crate::register::Register;
use crate::source::{Source, each_page};
use crate::table::{Cell, Out, Row, columns, record_cells, record_columns};
use lode_store::site::{self, Site, SiteQuery};
use serde_json::json;

const COLUMNS: &[&str] = &[
    "name",
    "adminUnit",
    "latitude",
    "longitude",
    "commodity",
    "depositType",
    "mechanisation",
    "organisation",
    "seasonality",
    "minersFemale",
    "minersMale",
    "minersUnder18",
    "minersTotal",
    "legalStatus",
    "productionAmount",
    "productionUnit",
    "priceUsd",
    "techniques",
    "mercuryKgLow",
    "mercuryKgHigh",
    "mercuryMethod",
    "impacts",
    "impactNotes",
    "source",
    "confidence",
];

pub(crate) fn write(src: &Source, out: &mut dyn Out) -> Result<(), RegisterError> {
    let mut all = columns(src.lang, Register::Sites, COLUMNS);
    all.extend(record_columns(src.lang));
    out.start(&all)?;
    let page = |offset| {
        let query = SiteQuery {
            sort: "name".to_owned(),
            offset,
            limit: site::MAX_PAGE,
            ..SiteQuery::default()
        };
        let page = site::list(src.conn, src.workspace_id, &query)?;
        Ok((page.total, page.rows))
    };
    each_page(page, |site| out.row(row(src, &site)))
}

fn row(src: &Source, s: &Site) -> Row {
    let lang = src.lang;
    let mut cells = vec![
        Cell::text(&s.name),
        Cell::text(&s.admin_unit),
        Cell::number(s.latitude),
        Cell::number(s.longitude),
        Cell::text(coded(lang, "commodities", &s.commodity)),
        Cell::text(coded(lang, "deposit_types", &s.deposit_type)),
        Cell::text(coded(lang, "mechanisation_levels", &s.mechanisation)),
        Cell::text(coded(lang, "organisation_forms", &s.organisation)),
        Cell::text(coded(lang, "seasonality", &s.seasonality)),
        Cell::Integer(s.miners_female),
        Cell::Integer(s.miners_male),
        Cell::Integer(s.miners_under18),
        Cell::Integer(s.miners_female + s.miners_male),
        Cell::text(coded(lang, "legal_status", &s.legal_status)),
        Cell::number(s.production_amount),
        Cell::text(&s.production_unit),
        Cell::number(s.price_usd),
        Cell::text(coded_list(lang, "techniques", &s.techniques.0)),
        Cell::number(s.mercury_kg_low),
        Cell::number(s.mercury_kg_high),
        Cell::text(&s.mercury_method),
        Cell::text(coded_list(lang, "impact_categories", &s.impacts.0)),
        Cell::text(&s.impact_notes),
        Cell::text(&s.source),
        Cell::text(value(lang, "scale", &s.confidence)),
    ];
    cells.extend(record_cells(&s.meta));
    // RFC 7946: longitude first.
    let geometry = s
        .latitude
        .zip(s.longitude)
        .map(|(lat, lon)| json!({ "type": "Point", "coordinates": [lon, lat] }));
    Row { cells, geometry }
}
