//! The licence registry (step 3.1), built for 100,000 holders: read page by page through the
//! register's own query, in its order (by name), so memory stays flat whatever its size. The
//! national ID and the date of birth are masked unless the officer includes personal data
//! ([`crate::mask`]).

use crate::error::RegisterError;
use crate::labels::{coded, value};
use crate::mask;
use crate::register::Register;
use crate::source::{Source, each_page};
use crate::table::{Cell, Out, Row, columns, record_cells, record_columns};
use lode_core::Lang;
use lode_store::licences::{self, LicenceHolder, LicenceQuery};
use lode_store::{plan, site};
use std::collections::HashMap;

const COLUMNS: &[&str] = &[
    "name",
    "holderKind",
    "nationalId",
    "birthDate",
    "sex",
    "licenceType",
    "licenceNumber",
    "status",
    "commodity",
    "site",
    "zone",
    "issuedOn",
    "expiresOn",
];

/// The names of the workspace's sites and zones, by id: a holder shows where it works.
struct Places {
    sites: HashMap<String, String>,
    zones: HashMap<String, String>,
}

impl Places {
    fn read(src: &Source) -> Result<Places, RegisterError> {
        let sites = site::all(src.conn, src.workspace_id)?
            .into_iter()
            .map(|s| (s.meta.id, s.name))
            .collect();
        let zones = plan::view(src.conn, src.workspace_id, src.lang)?
            .preparation
            .zones
            .into_iter()
            .map(|z| (z.meta.id, z.name))
            .collect();
        Ok(Places { sites, zones })
    }

    fn name(names: &HashMap<String, String>, id: &str) -> Cell {
        names.get(id).map_or(Cell::Empty, Cell::text)
    }
}

pub(crate) fn write(src: &Source, out: &mut dyn Out) -> Result<(), RegisterError> {
    let mut all = columns(src.lang, Register::LicenceHolders, COLUMNS);
    all.extend(record_columns(src.lang));
    out.start(&all)?;
    let places = Places::read(src)?;
    let page = |offset| {
        let query = LicenceQuery {
            sort: "name".to_owned(),
            offset,
            limit: licences::MAX_PAGE,
            ..LicenceQuery::default()
        };
        let page = licences::list(src.conn, src.workspace_id, &query, src.today)?;
        Ok((page.total, page.rows))
    };
    each_page(page, |holder| out.row(row(src, &places, &holder)))
}

fn row(src: &Source, places: &Places, h: &LicenceHolder) -> Row {
    let lang: Lang = src.lang;
    let (national_id, birth_date) = if src.personal_data {
        (
            Cell::text(&h.national_id),
            Cell::date(h.birth_date.as_deref()),
        )
    } else {
        (
            Cell::text(mask::national_id(&h.national_id)),
            h.birth_date
                .as_deref()
                .map_or(Cell::Empty, |d| Cell::text(mask::birth_date(d))),
        )
    };
    let mut cells = vec![
        Cell::text(&h.name),
        Cell::text(value(lang, "holderKind", &h.holder_kind)),
        national_id,
        birth_date,
        Cell::text(value(lang, "sex", &h.sex)),
        Cell::text(coded(lang, "licence_types", &h.licence_type)),
        Cell::text(&h.licence_number),
        Cell::text(value(lang, "holderStatus", &h.status)),
        Cell::text(coded(lang, "commodities", &h.commodity)),
        Places::name(&places.sites, &h.site_id),
        Places::name(&places.zones, &h.zone_id),
        Cell::date(h.issued_on.as_deref()),
        Cell::date(h.expires_on.as_deref()),
    ];
    cells.extend(record_cells(&h.meta));
    Row::new(cells)
}
