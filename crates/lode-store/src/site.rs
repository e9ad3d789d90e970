//! Step 1.3's site inventory: one record per mining site or area, the paged query behind the
//! sites table, and the sector overview computed from the sites (never typed twice).

use crate::error::Result;
use crate::kinds::Kind;
use crate::record::{self, Json, Meta, Record, record_type};
use lode_core::catalogue;
use lode_core::form::Form;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const CONFIDENCE: &[&str] = &["low", "medium", "high"];

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Site {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub name: String,
    pub admin_unit: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub commodity: String,
    pub deposit_type: String,
    pub mechanisation: String,
    pub organisation: String,
    pub seasonality: String,
    pub miners_female: i64,
    pub miners_male: i64,
    #[serde(rename = "minersUnder18")]
    pub miners_under18: i64,
    pub legal_status: String,
    pub production_amount: Option<f64>,
    pub production_unit: String,
    pub price_usd: Option<f64>,
    pub techniques: Json<Vec<String>>,
    pub mercury_kg_low: Option<f64>,
    pub mercury_kg_high: Option<f64>,
    pub mercury_method: String,
    pub impacts: Json<Vec<String>>,
    pub impact_notes: String,
    pub source: String,
    pub confidence: String,
}

record_type!(Site, "site", {
    workspace_id, name, admin_unit, latitude, longitude, commodity, deposit_type, mechanisation,
    organisation, seasonality, miners_female, miners_male, miners_under18, legal_status,
    production_amount, production_unit, price_usd, techniques, mercury_kg_low, mercury_kg_high,
    mercury_method, impacts, impact_notes, source, confidence,
});

/// The fields of a site, in the order a form or an import lists them, with whether each is
/// required.
pub const FIELDS: &[(&str, bool)] = &[
    ("name", true),
    ("adminUnit", true),
    ("latitude", false),
    ("longitude", false),
    ("commodity", true),
    ("depositType", false),
    ("mechanisation", false),
    ("organisation", false),
    ("seasonality", false),
    ("minersFemale", false),
    ("minersMale", false),
    ("minersUnder18", false),
    ("legalStatus", false),
    ("productionAmount", false),
    ("productionUnit", false),
    ("priceUsd", false),
    ("techniques", false),
    ("mercuryKgLow", false),
    ("mercuryKgHigh", false),
    ("mercuryMethod", false),
    ("impacts", false),
    ("impactNotes", false),
    ("source", false),
    ("confidence", false),
];

fn listed(list: &'static str) -> impl Fn(&str) -> bool {
    move |code| catalogue::has(list, code)
}

impl Kind for Site {
    const KIND: &'static str = "site";

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, _: &Connection) -> Result<Self> {
        let latitude = form.number("latitude", -90.0, 90.0);
        let longitude = form.number("longitude", -180.0, 180.0);
        match (form.has("latitude"), form.has("longitude")) {
            (true, false) => form.fail("longitude", "coordinate_pair"),
            (false, true) => form.fail("latitude", "coordinate_pair"),
            _ => {}
        }
        let miners_female = form.count("minersFemale");
        let miners_male = form.count("minersMale");
        let miners_under18 = form.count("minersUnder18");
        if miners_under18 > miners_female + miners_male {
            form.fail("minersUnder18", "exceeds_total");
        }
        let mercury_kg_low = form.number("mercuryKgLow", 0.0, 1e9);
        let mercury_kg_high = form.number("mercuryKgHigh", 0.0, 1e9);
        if let (Some(low), Some(high)) = (mercury_kg_low, mercury_kg_high)
            && low > high
        {
            form.fail("mercuryKgHigh", "below_low");
        }
        Ok(Site {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            name: form.name("name"),
            admin_unit: form.name("adminUnit"),
            latitude,
            longitude,
            commodity: form.code("commodity", listed("commodities"), true),
            deposit_type: form.code("depositType", listed("deposit_types"), false),
            mechanisation: form.code("mechanisation", listed("mechanisation_levels"), false),
            organisation: form.code("organisation", listed("organisation_forms"), false),
            seasonality: form.code("seasonality", listed("seasonality"), false),
            miners_female,
            miners_male,
            miners_under18,
            legal_status: form.code("legalStatus", listed("legal_status"), false),
            production_amount: form.number("productionAmount", 0.0, 1e15),
            production_unit: form.text("productionUnit"),
            price_usd: form.number("priceUsd", 0.0, 1e12),
            techniques: Json(form.codes("techniques", listed("techniques"))),
            mercury_kg_low,
            mercury_kg_high,
            mercury_method: form.text("mercuryMethod"),
            impacts: Json(form.codes("impacts", listed("impact_categories"))),
            impact_notes: form.text("impactNotes"),
            source: form.text("source"),
            confidence: form.choice("confidence", CONFIDENCE, false),
        })
    }
}

/// What the sites table asks for: a text search, filters by code, a sort and a page.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SiteQuery {
    pub text: String,
    pub commodity: String,
    pub deposit_type: String,
    pub mechanisation: String,
    pub legal_status: String,
    pub sort: String,
    pub descending: bool,
    pub offset: i64,
    pub limit: i64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SitePage {
    /// Every site that matches, not only this page.
    pub total: i64,
    pub rows: Vec<Site>,
}

pub const MAX_PAGE: i64 = 500;

/// The column a sort name means; only these can be sorted on, so the name never reaches SQL.
/// Names sort without regard to case; coded columns sort by code, which groups alike sites.
fn sort_column(sort: &str) -> &'static str {
    match sort {
        "adminUnit" => "admin_unit COLLATE NOCASE",
        "commodity" => "commodity",
        "depositType" => "deposit_type",
        "mechanisation" => "mechanisation",
        "legalStatus" => "legal_status",
        "minersFemale" => "miners_female",
        "minersMale" => "miners_male",
        "minersUnder18" => "miners_under18",
        "miners" => "(miners_female + miners_male)",
        "mercuryKgHigh" => "mercury_kg_high",
        "updatedAt" => "updated_at",
        _ => "name COLLATE NOCASE",
    }
}

/// One page of the workspace's sites, filtered and sorted in SQL (the same path the UI uses).
pub fn list(conn: &Connection, workspace_id: &str, query: &SiteQuery) -> Result<SitePage> {
    let pattern = format!(
        "%{}%",
        query.text.trim().replace('%', "\\%").replace('_', "\\_")
    );
    let filter = "workspace_id = ?1
        AND (?2 = '%%' OR name LIKE ?2 ESCAPE '\\' OR admin_unit LIKE ?2 ESCAPE '\\')
        AND (?3 = '' OR commodity = ?3) AND (?4 = '' OR deposit_type = ?4)
        AND (?5 = '' OR mechanisation = ?5) AND (?6 = '' OR legal_status = ?6)";
    let params: [&dyn rusqlite::ToSql; 6] = [
        &workspace_id,
        &pattern,
        &query.commodity,
        &query.deposit_type,
        &query.mechanisation,
        &query.legal_status,
    ];
    let total = conn.query_row(
        &format!("SELECT count(*) FROM site WHERE deleted = 0 AND {filter}"),
        params.as_slice(),
        |row| row.get(0),
    )?;
    let direction = if query.descending { "DESC" } else { "ASC" };
    let limit = query.limit.clamp(1, MAX_PAGE);
    let order = format!(
        "{} {direction}, name COLLATE NOCASE, id LIMIT {limit} OFFSET {}",
        sort_column(&query.sort),
        query.offset.max(0)
    );
    let rows = record::select::<Site>(conn, filter, &params, &order)?;
    Ok(SitePage { total, rows })
}

#[derive(Debug, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Miners {
    pub female: i64,
    pub male: i64,
    #[serde(rename = "under18")]
    pub under18: i64,
    pub total: i64,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Breakdown {
    /// The catalogue code ("" for sites where it is not recorded).
    pub code: String,
    pub sites: i64,
    pub miners: Miners,
}

#[derive(Debug, Default, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct MercuryRange {
    pub low: f64,
    pub high: f64,
    pub sites_with_estimate: i64,
}

#[derive(Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    pub sites: i64,
    pub miners: Miners,
    pub by_commodity: Vec<Breakdown>,
    pub by_deposit: Vec<Breakdown>,
    pub by_mechanisation: Vec<Breakdown>,
    pub mercury_kg: MercuryRange,
}

fn add(miners: &mut Miners, site: &Site) {
    miners.female += site.miners_female;
    miners.male += site.miners_male;
    miners.under18 += site.miners_under18;
    miners.total += site.miners_female + site.miners_male;
}

fn breakdown(sites: &[Site], key: impl Fn(&Site) -> &str) -> Vec<Breakdown> {
    let mut groups: BTreeMap<String, (i64, Miners)> = BTreeMap::new();
    for site in sites {
        let (count, miners) = groups.entry(key(site).to_owned()).or_default();
        *count += 1;
        add(miners, site);
    }
    let mut rows: Vec<Breakdown> = groups
        .into_iter()
        .map(|(code, (sites, miners))| Breakdown {
            code,
            sites,
            miners,
        })
        .collect();
    rows.sort_by(|a, b| b.sites.cmp(&a.sites).then_with(|| a.code.cmp(&b.code)));
    rows
}

/// The sector overview from the given sites. A site's mercury range counts when it has a low or
/// a high estimate; a missing bound takes the other one.
pub fn overview(sites: &[Site]) -> Overview {
    let mut miners = Miners::default();
    let mut mercury = MercuryRange::default();
    for site in sites {
        add(&mut miners, site);
        if let Some((low, high)) = match (site.mercury_kg_low, site.mercury_kg_high) {
            (None, None) => None,
            (low, high) => Some((low.or(high).unwrap_or(0.0), high.or(low).unwrap_or(0.0))),
        } {
            mercury.low += low;
            mercury.high += high;
            mercury.sites_with_estimate += 1;
        }
    }
    Overview {
        sites: sites.len() as i64,
        miners,
        by_commodity: breakdown(sites, |s| &s.commodity),
        by_deposit: breakdown(sites, |s| &s.deposit_type),
        by_mechanisation: breakdown(sites, |s| &s.mechanisation),
        mercury_kg: mercury,
    }
}

pub fn all(conn: &Connection, workspace_id: &str) -> Result<Vec<Site>> {
    record::select(conn, "workspace_id = ?1", &[&workspace_id], "name, id")
}

/// The name of a live site of the workspace, or "" (no site chosen, or one since deleted).
pub fn name_of(conn: &Connection, workspace_id: &str, id: &str) -> Result<String> {
    if id.is_empty() {
        return Ok(String::new());
    }
    let name = conn
        .prepare_cached(&format!(
            "SELECT name FROM {} WHERE id = ?1 AND workspace_id = ?2 AND deleted = 0",
            Site::TABLE
        ))?
        .query_row([id, workspace_id], |row| row.get(0))
        .optional()?;
    Ok(name.unwrap_or_default())
}

pub fn count(conn: &Connection, workspace_id: &str) -> Result<i64> {
    Ok(conn.query_row(
        &format!(
            "SELECT count(*) FROM {} WHERE workspace_id = ?1 AND deleted = 0",
            Site::TABLE
        ),
        [workspace_id],
        |row| row.get(0),
    )?)
}
