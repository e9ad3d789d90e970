//! The national office's view across every workspace it holds — its own and those other offices
//! sent in bundles: sites and miners by district, commodity and sex; technique prevalence with the
//! Minamata Annex C worst practices first; mercury ranges summed; licences by type and status;
//! plan actions and budgets; indicators against targets; and which trusted offices have sent a
//! bundle since the current quarter began.

use crate::error::Result;
use crate::site::{self, Breakdown, MercuryRange, Miners, Site};
use crate::{monitoring, plan};
use lode_core::{Lang, catalogue};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    pub sites: i64,
    pub miners: Miners,
    pub mercury_kg: MercuryRange,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DistrictRow {
    pub workspace_id: String,
    pub name: String,
    pub jurisdiction: String,
    pub office_name: String,
    pub sites: i64,
    pub miners: Miners,
    pub mercury_kg: MercuryRange,
    pub licences: i64,
    pub actions: i64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CommodityRow {
    pub code: String,
    pub label: String,
    pub sites: i64,
    pub miners: Miners,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TechniqueRow {
    pub code: String,
    pub label: String,
    pub annex_c: bool,
    pub sites: i64,
    pub share: f64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LicenceRow {
    pub licence_type: String,
    pub type_label: String,
    pub status: String,
    pub count: i64,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Actions {
    pub count: i64,
    pub by_status: BTreeMap<String, i64>,
    pub budget: BTreeMap<String, f64>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorRow {
    pub workspace_name: String,
    pub indicator: String,
    pub label: String,
    pub unit: String,
    pub latest: Option<f64>,
    pub target: Option<f64>,
    pub progress: Option<f64>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Submission {
    pub key_id: String,
    pub office_name: String,
    pub last_received_at: Option<i64>,
    pub last_sequence: Option<i64>,
    pub on_time: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NationalView {
    pub period_start: String,
    pub totals: Totals,
    pub districts: Vec<DistrictRow>,
    pub by_commodity: Vec<CommodityRow>,
    pub techniques: Vec<TechniqueRow>,
    pub licences: Vec<LicenceRow>,
    pub actions: Actions,
    pub indicators: Vec<IndicatorRow>,
    pub submissions: Vec<Submission>,
}

/// The first day of the quarter `today` (YYYY-MM-DD) falls in.
fn quarter_start(today: &str) -> String {
    let year = today.get(..4).unwrap_or("1970");
    let month: u32 = today.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    format!("{year}-{:02}-01", (month.clamp(1, 12) - 1) / 3 * 3 + 1)
}

fn count(conn: &Connection, table: &str, workspace_id: &str) -> Result<i64> {
    Ok(conn.query_row(
        &format!("SELECT count(*) FROM {table} WHERE workspace_id = ?1 AND deleted = 0"),
        [workspace_id],
        |r| r.get(0),
    )?)
}

pub fn view(conn: &Connection, lang: Lang, today: &str) -> Result<NationalView> {
    let workspaces: Vec<(String, String, String, String)> = conn
        .prepare(
            "SELECT w.id, w.name, w.jurisdiction, coalesce(o.name, '') FROM workspace w
             LEFT JOIN office o ON o.id = w.origin_office
             WHERE w.deleted = 0 ORDER BY w.jurisdiction, w.name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut all_sites: Vec<Site> = Vec::new();
    let mut districts = Vec::new();
    let mut actions = Actions::default();
    let mut indicators = Vec::new();
    for (id, name, jurisdiction, office_name) in workspaces {
        let sites = site::all(conn, &id)?;
        let overview = site::overview(&sites);
        for action in plan::actions(conn, &id)? {
            actions.count += 1;
            *actions.by_status.entry(action.status.clone()).or_default() += 1;
            for line in &action.budget.0 {
                *actions.budget.entry(line.currency.clone()).or_default() += line.amount;
            }
        }
        for adopted in monitoring::view(conn, &id, lang)?.adopted {
            indicators.push(IndicatorRow {
                workspace_name: name.clone(),
                indicator: adopted.indicator.indicator.clone(),
                label: adopted.label,
                unit: adopted.unit,
                latest: adopted.measurements.last().map(|m| m.value),
                target: adopted.indicator.target,
                progress: adopted.progress,
            });
        }
        districts.push(DistrictRow {
            sites: overview.sites,
            miners: overview.miners,
            mercury_kg: overview.mercury_kg,
            licences: count(conn, "licence_holder", &id)?,
            actions: count(conn, "plan_action", &id)?,
            workspace_id: id,
            name,
            jurisdiction,
            office_name,
        });
        all_sites.extend(sites);
    }
    let overview = site::overview(&all_sites);
    Ok(NationalView {
        period_start: quarter_start(today),
        by_commodity: commodities(overview.by_commodity, lang),
        techniques: techniques(&all_sites, lang),
        totals: Totals {
            sites: overview.sites,
            miners: overview.miners,
            mercury_kg: overview.mercury_kg,
        },
        districts,
        licences: licences(conn, lang)?,
        actions,
        indicators,
        submissions: submissions(conn, &quarter_start(today))?,
    })
}

fn commodities(rows: Vec<Breakdown>, lang: Lang) -> Vec<CommodityRow> {
    rows.into_iter()
        .map(|b| CommodityRow {
            label: catalogue::label(lang, "commodities", &b.code),
            code: b.code,
            sites: b.sites,
            miners: b.miners,
        })
        .collect()
}

/// Each technique seen at a site, with its share of all sites; Annex C worst practices first.
fn techniques(sites: &[Site], lang: Lang) -> Vec<TechniqueRow> {
    let mut seen: BTreeMap<&str, i64> = BTreeMap::new();
    for site in sites {
        for code in &site.techniques.0 {
            *seen.entry(code.as_str()).or_default() += 1;
        }
    }
    let catalogue = catalogue::list(Lang::En, "techniques");
    let mut rows: Vec<TechniqueRow> = seen
        .into_iter()
        .map(|(code, count)| TechniqueRow {
            annex_c: catalogue
                .iter()
                .any(|t| t.code == code && t.text("source") == "minamata_annex_c"),
            label: catalogue::label(lang, "techniques", code),
            code: code.to_owned(),
            sites: count,
            share: count as f64 / sites.len().max(1) as f64,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.annex_c
            .cmp(&a.annex_c)
            .then(b.sites.cmp(&a.sites))
            .then_with(|| a.code.cmp(&b.code))
    });
    rows
}

fn licences(conn: &Connection, lang: Lang) -> Result<Vec<LicenceRow>> {
    let rows: Vec<(String, String, i64)> = conn
        .prepare(
            "SELECT licence_type, status, count(*) FROM licence_holder WHERE deleted = 0
             GROUP BY licence_type, status ORDER BY licence_type, status",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows
        .into_iter()
        .map(|(licence_type, status, count)| LicenceRow {
            type_label: catalogue::label(lang, "licence_types", &licence_type),
            licence_type,
            status,
            count,
        })
        .collect())
}

/// Every office whose key is trusted (and not revoked), with its last bundle; late ones first.
fn submissions(conn: &Connection, period_start: &str) -> Result<Vec<Submission>> {
    let since: i64 = conn.query_row(
        "SELECT CAST(strftime('%s', ?1) AS INTEGER) * 1000",
        [period_start],
        |r| r.get(0),
    )?;
    let mut rows: Vec<Submission> = conn
        .prepare(
            "SELECT k.key_id, k.office_name, max(b.received_at), max(b.sequence)
             FROM trusted_key k LEFT JOIN bundle_received b ON b.key_id = k.key_id
             WHERE k.revoked_at IS NULL GROUP BY k.key_id, k.office_name",
        )?
        .query_map([], |r| {
            let last: Option<i64> = r.get(2)?;
            Ok(Submission {
                key_id: r.get(0)?,
                office_name: r.get(1)?,
                last_received_at: last,
                last_sequence: r.get(3)?,
                on_time: last.is_some_and(|at| at >= since),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.sort_by(|a, b| {
        a.on_time
            .cmp(&b.on_time)
            .then_with(|| a.office_name.cmp(&b.office_name))
    });
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::quarter_start;

    #[test]
    fn the_period_is_the_current_quarter() {
        assert_eq!(quarter_start("2026-11-29"), "2026-10-01");
        assert_eq!(quarter_start("2026-01-01"), "2026-01-01");
        assert_eq!(quarter_start("2026-06-30"), "2026-04-01");
    }
}
