//! The national office's view across every workspace it holds — its own and those other offices
//! sent in bundles: sites and miners by district, commodity and sex; technique prevalence with the
//! Minamata Annex C worst practices first; mercury ranges summed; licences by type and status;
//! plan actions and budgets; indicators against targets; and which trusted offices have sent a
//! bundle within the chosen [`Period`].
//!
//! Only what arrives in bundles has a date worth choosing: the period decides which bundles count
//! (each trusted office's on-time status, its last bundle, the bundles per district). Sites,
//! miners, mercury, licences, actions and indicators are the records as they stand today, so they
//! are current totals whatever the period.

use crate::error::{Result, StoreError};
use crate::site::{self, Breakdown, MercuryRange, Miners, Site};
use crate::{monitoring, plan};
use lode_core::validation::is_iso_date;
use lode_core::{FieldError, Invalid, Lang, catalogue};
use rusqlite::{Connection, params};
use serde::Serialize;
use std::collections::BTreeMap;

/// The span of time whose bundles the national view counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// The calendar quarter holding today.
    #[default]
    Quarter,
    /// The whole calendar quarter before the one holding today.
    PreviousQuarter,
    /// The calendar year holding today.
    Year,
    /// Every bundle ever received, up to today. Offices report every quarter, so an office is
    /// still on time only when a bundle arrived since the current quarter began.
    All,
}

impl Period {
    pub const EVERY: [Period; 4] = [
        Period::Quarter,
        Period::PreviousQuarter,
        Period::Year,
        Period::All,
    ];

    /// The stable code the UI sends and the view returns.
    pub fn code(self) -> &'static str {
        match self {
            Period::Quarter => "quarter",
            Period::PreviousQuarter => "previous_quarter",
            Period::Year => "year",
            Period::All => "all",
        }
    }

    /// The period of `code`; anything else is refused as field `period`, `invalid_choice`.
    pub fn from_code(code: &str) -> Result<Period> {
        Period::EVERY
            .into_iter()
            .find(|p| p.code() == code)
            .ok_or_else(|| invalid("period", "invalid_choice"))
    }
}

fn invalid(field: &str, code: &'static str) -> StoreError {
    StoreError::Invalid(Invalid(vec![FieldError {
        field: field.to_owned(),
        code,
    }]))
}

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
    /// Bundles received within the period from the office that made this workspace (0 for this
    /// office's own workspaces: it sends bundles, it does not receive its own).
    pub bundles: i64,
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
    /// The last bundle received by the end of the period (not one received after it).
    pub last_received_at: Option<i64>,
    /// The highest sequence among the bundles received by the end of the period.
    pub last_sequence: Option<i64>,
    /// Bundles received within the period.
    pub bundles: i64,
    /// A bundle arrived between `on_time_since` and the end of the period.
    pub on_time: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NationalView {
    pub period: Period,
    /// The first day of the period, YYYY-MM-DD; `None` for [`Period::All`].
    pub period_start: Option<String>,
    /// The last day of the period, inclusive; today for [`Period::All`].
    pub period_end: String,
    /// An office is on time when a bundle from it arrived on or after this day (and by
    /// `period_end`): the period's start, or the current quarter's for [`Period::All`].
    pub on_time_since: String,
    pub totals: Totals,
    pub districts: Vec<DistrictRow>,
    pub by_commodity: Vec<CommodityRow>,
    pub techniques: Vec<TechniqueRow>,
    pub licences: Vec<LicenceRow>,
    pub actions: Actions,
    pub indicators: Vec<IndicatorRow>,
    pub submissions: Vec<Submission>,
}

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Day {
    year: i64,
    month: u32,
    day: u32,
}

impl Day {
    /// A real calendar day written YYYY-MM-DD; `None` for anything else.
    fn parse(iso: &str) -> Option<Day> {
        if !is_iso_date(iso) {
            return None;
        }
        Some(Day {
            year: iso.get(..4)?.parse().ok()?,
            month: iso.get(5..7)?.parse().ok()?,
            day: iso.get(8..10)?.parse().ok()?,
        })
    }

    fn first_of(year: i64, month: u32) -> Day {
        Day {
            year,
            month,
            day: 1,
        }
    }

    fn last_of(year: i64, month: u32) -> Day {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let day = match month {
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 31,
        };
        Day { year, month, day }
    }

    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Midnight UTC at the start of this day, in unix milliseconds (Howard Hinnant's
    /// days_from_civil; the inverse of `lode_core::clock::iso_date`).
    fn start_ms(self) -> i64 {
        let month = i64::from(self.month);
        let year = if month <= 2 { self.year - 1 } else { self.year };
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        (era * 146_097 + day_of_era - 719_468) * 86_400_000
    }

    /// Midnight UTC at the end of this day: the first moment that is no longer in it.
    fn end_ms(self) -> i64 {
        self.start_ms() + 86_400_000
    }
}

/// The days a period covers, seen from `today`.
#[derive(Debug, PartialEq, Eq)]
struct Bounds {
    start: Option<Day>,
    end: Day,
    on_time_since: Day,
}

fn bounds(today: Day, period: Period) -> Bounds {
    let quarter_month = (today.month.clamp(1, 12) - 1) / 3 * 3 + 1;
    let quarter = (
        Day::first_of(today.year, quarter_month),
        Day::last_of(today.year, quarter_month + 2),
    );
    let (start, end) = match period {
        Period::Quarter => (Some(quarter.0), quarter.1),
        Period::PreviousQuarter if quarter_month == 1 => (
            Some(Day::first_of(today.year - 1, 10)),
            Day::last_of(today.year - 1, 12),
        ),
        Period::PreviousQuarter => (
            Some(Day::first_of(today.year, quarter_month - 3)),
            Day::last_of(today.year, quarter_month - 1),
        ),
        Period::Year => (
            Some(Day::first_of(today.year, 1)),
            Day::last_of(today.year, 12),
        ),
        Period::All => (None, today),
    };
    Bounds {
        start,
        end,
        on_time_since: start.unwrap_or(quarter.0),
    }
}

/// The window of `received_at` (unix ms) a period counts: from its start, up to the end of its
/// last day.
#[derive(Debug, Clone, Copy)]
struct Window {
    since: i64,
    until: i64,
    on_time_since: i64,
}

impl From<&Bounds> for Window {
    fn from(b: &Bounds) -> Window {
        Window {
            since: b.start.map_or(i64::MIN, Day::start_ms),
            until: b.end.end_ms(),
            on_time_since: b.on_time_since.start_ms(),
        }
    }
}

fn count(conn: &Connection, table: &str, workspace_id: &str) -> Result<i64> {
    Ok(conn.query_row(
        &format!("SELECT count(*) FROM {table} WHERE workspace_id = ?1 AND deleted = 0"),
        [workspace_id],
        |r| r.get(0),
    )?)
}

/// Bundles received from `office` within the window.
fn bundles_from(conn: &Connection, office: &str, window: Window) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM bundle_received
         WHERE origin_office = ?1 AND received_at >= ?2 AND received_at < ?3",
        params![office, window.since, window.until],
        |r| r.get(0),
    )?)
}

/// The national view on `today` (YYYY-MM-DD) for `period`. A day that is not a real date is
/// refused as field `today`, `invalid_date`.
pub fn view(conn: &Connection, lang: Lang, today: &str, period: Period) -> Result<NationalView> {
    let today = Day::parse(today).ok_or_else(|| invalid("today", "invalid_date"))?;
    let bounds = bounds(today, period);
    let window = Window::from(&bounds);
    // id, name, jurisdiction, office name, origin office.
    let workspaces: Vec<[String; 5]> = conn
        .prepare(
            "SELECT w.id, w.name, w.jurisdiction, coalesce(o.name, ''), w.origin_office
             FROM workspace w LEFT JOIN office o ON o.id = w.origin_office
             WHERE w.deleted = 0 ORDER BY w.jurisdiction, w.name",
        )?
        .query_map([], |r| {
            Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?])
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut all_sites: Vec<Site> = Vec::new();
    let mut districts = Vec::new();
    let mut actions = Actions::default();
    let mut indicators = Vec::new();
    for [id, name, jurisdiction, office_name, origin_office] in workspaces {
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
            bundles: bundles_from(conn, &origin_office, window)?,
            workspace_id: id,
            name,
            jurisdiction,
            office_name,
        });
        all_sites.extend(sites);
    }
    let overview = site::overview(&all_sites);
    Ok(NationalView {
        period,
        period_start: bounds.start.map(Day::iso),
        period_end: bounds.end.iso(),
        on_time_since: bounds.on_time_since.iso(),
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
        submissions: submissions(conn, window)?,
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

/// Every office whose key is trusted (and not revoked), with its last bundle by the end of the
/// window and the bundles within it; late ones first.
fn submissions(conn: &Connection, window: Window) -> Result<Vec<Submission>> {
    let mut rows: Vec<Submission> = conn
        .prepare(
            "SELECT k.key_id, k.office_name, max(b.received_at), max(b.sequence),
                    count(CASE WHEN b.received_at >= ?1 THEN 1 END),
                    count(CASE WHEN b.received_at >= ?3 THEN 1 END)
             FROM trusted_key k
             LEFT JOIN bundle_received b ON b.key_id = k.key_id AND b.received_at < ?2
             WHERE k.revoked_at IS NULL GROUP BY k.key_id, k.office_name",
        )?
        .query_map(
            params![window.since, window.until, window.on_time_since],
            |r| {
                Ok(Submission {
                    key_id: r.get(0)?,
                    office_name: r.get(1)?,
                    last_received_at: r.get(2)?,
                    last_sequence: r.get(3)?,
                    bundles: r.get(4)?,
                    on_time: r.get::<_, i64>(5)? > 0,
                })
            },
        )?
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
    use super::*;

    fn day(iso: &str) -> Day {
        Day::parse(iso).unwrap()
    }

    /// (start, end, on time since) of `period` seen from `today`.
    fn span(today: &str, period: Period) -> (Option<String>, String, String) {
        let b = bounds(day(today), period);
        (b.start.map(Day::iso), b.end.iso(), b.on_time_since.iso())
    }

    fn some(iso: &str) -> Option<String> {
        Some(iso.to_owned())
    }

    #[test]
    fn the_current_quarter_runs_from_its_first_to_its_last_day() {
        let q = Period::Quarter;
        assert_eq!(span("2026-11-29", q).0, some("2026-10-01"));
        assert_eq!(span("2026-11-29", q).1, "2026-12-31");
        assert_eq!(span("2026-01-01", q).0, some("2026-01-01"));
        assert_eq!(span("2026-01-01", q).1, "2026-03-31");
        assert_eq!(span("2026-06-30", q).0, some("2026-04-01"));
        assert_eq!(span("2026-06-30", q).1, "2026-06-30");
        assert_eq!(span("2026-08-01", q).1, "2026-09-30");
    }

    #[test]
    fn the_previous_quarter_of_the_first_one_is_last_years_fourth() {
        let p = Period::PreviousQuarter;
        assert_eq!(
            span("2026-02-14", p),
            (some("2025-10-01"), "2025-12-31".into(), "2025-10-01".into())
        );
        assert_eq!(
            span("2026-11-28", p),
            (some("2026-07-01"), "2026-09-30".into(), "2026-07-01".into())
        );
        assert_eq!(span("2026-04-01", p).0, some("2026-01-01"));
        assert_eq!(span("2026-04-01", p).1, "2026-03-31");
    }

    #[test]
    fn the_year_is_the_calendar_year_and_all_time_ends_today() {
        assert_eq!(
            span("2026-11-28", Period::Year),
            (some("2026-01-01"), "2026-12-31".into(), "2026-01-01".into())
        );
        assert_eq!(
            span("2026-11-28", Period::All),
            (None, "2026-11-28".into(), "2026-10-01".into()),
            "over all time, on time still means a bundle this quarter"
        );
    }

    #[test]
    fn a_day_starts_at_midnight_utc() {
        use lode_core::clock::iso_date;
        for iso in [
            "1970-01-01",
            "2000-02-29",
            "2024-12-31",
            "2026-11-28",
            "2100-03-01",
        ] {
            let d = day(iso);
            assert_eq!(iso_date(d.start_ms()), iso, "start of {iso}");
            assert_eq!(iso_date(d.end_ms() - 1), iso, "last moment of {iso}");
            assert_ne!(iso_date(d.end_ms()), iso, "end of {iso} is the next day");
        }
        assert_eq!(day("2026-11-28").start_ms(), 1_795_824_000_000);
    }

    #[test]
    fn period_codes_read_back_and_others_are_refused() {
        for period in Period::EVERY {
            assert_eq!(Period::from_code(period.code()).unwrap(), period);
            assert_eq!(
                serde_json::to_value(period).unwrap(),
                serde_json::Value::from(period.code()),
                "the view returns the code the UI sends"
            );
        }
        for bad in ["", "Quarter", "month", "previous-quarter"] {
            let error = Period::from_code(bad).unwrap_err();
            assert_eq!(error.code(), "validation", "{bad:?}");
            let StoreError::Invalid(Invalid(fields)) = error else {
                unreachable!()
            };
            assert_eq!(
                (fields[0].field.as_str(), fields[0].code),
                ("period", "invalid_choice")
            );
        }
    }
}
