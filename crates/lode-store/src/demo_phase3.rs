//! The demo workspace's Phase 3, built on its strategy: a three-year plan of some forty actions
//! (one per measure of the strategy, then the guidance's interventions it does not yet carry), the
//! preparation items, a progress log, zones, some 2,000 licence holders, five indicators with two
//! years of quarterly measurements, and a review. Deterministic, like the rest of the demo.

use crate::demo_phase1::DISTRICTS;
use crate::error::Result;
use crate::kinds;
use crate::monitoring::{COMPUTABLE, Measurement};
use crate::record::{self, Meta};
use crate::writer::Writer;
use lode_core::{Lang, catalogue, messages};
use serde_json::{Value, json};

const YEARS: [i64; 3] = [2026, 2027, 2028];
const ACTIONS: usize = 40;
const HOLDERS: usize = 2_000;

const FEMALE_NAMES: &[&str] = &[
    "Aline",
    "Bahati",
    "Chance",
    "Dorcas",
    "Esther",
    "Furaha",
    "Grace",
    "Imani",
    "Josephine",
    "Neema",
    "Rehema",
    "Sifa",
    "Solange",
    "Zawadi",
];
const MALE_NAMES: &[&str] = &[
    "Amani",
    "Baraka",
    "Christophe",
    "Daniel",
    "Emmanuel",
    "Faustin",
    "Gilbert",
    "Innocent",
    "Jean-Marie",
    "Kizito",
    "Lambert",
    "Moïse",
    "Olivier",
    "Patrick",
    "Riziki",
    "Shukuru",
];
const SURNAMES: &[&str] = &[
    "Bisimwa",
    "Bulambo",
    "Byamungu",
    "Cirimwami",
    "Kabila",
    "Kahindo",
    "Kasereka",
    "Kavira",
    "Lukusa",
    "Mapendo",
    "Masika",
    "Mbusa",
    "Mirindi",
    "Mugisho",
    "Mulumeoderhwa",
    "Murhula",
    "Mwamba",
    "Ndagano",
    "Nsimire",
    "Safari",
    "Wabiwa",
    "Zihalirwa",
];

struct Demo<'a, 'w> {
    w: &'a Writer<'w>,
    workspace_id: &'a str,
    lang: Lang,
}

impl Demo<'_, '_> {
    fn save(&self, kind: &str, fields: Value) -> Result<String> {
        kinds::save(self.w, self.workspace_id, kind, None, &fields)
    }

    fn text(&self, key: &str) -> String {
        messages::text(self.lang, key, &[])
    }

    fn ids(&self, sql: &str) -> Result<Vec<String>> {
        let mut statement = self.w.tx().prepare(sql)?;
        let ids = statement
            .query_map([self.workspace_id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }
}

pub fn create(w: &Writer, workspace_id: &str, lang: Lang) -> Result<()> {
    let demo = Demo {
        w,
        workspace_id,
        lang,
    };
    demo.save(
        "plan_period",
        json!({"startOn": "2026-01-01", "endOn": "2028-12-31", "currency": "USD"}),
    )?;
    let actions = actions(&demo)?;
    preparation(&demo, &actions)?;
    holders(&demo)?;
    progress(&demo, &actions)?;
    monitoring(&demo, &actions)
}

/// One action per measure of the strategy, then one per intervention of the guidance, then a
/// second round of the first interventions in another district, up to forty.
fn actions(demo: &Demo) -> Result<Vec<String>> {
    let measures: Vec<(String, String)> = {
        let mut statement = demo.w.tx().prepare(
            "SELECT instrument, type_id FROM strategy_measure WHERE workspace_id = ?1 AND deleted = 0
             ORDER BY created_at, id",
        )?;
        statement
            .query_map([demo.workspace_id], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    let members = demo.ids(
        "SELECT id FROM task_force_member WHERE workspace_id = ?1 AND deleted = 0 ORDER BY created_at, id",
    )?;
    let partners = demo.ids(
        "SELECT id FROM partner WHERE workspace_id = ?1 AND deleted = 0 ORDER BY created_at, id",
    )?;
    let interventions: Vec<(String, String)> = catalogue::list(Lang::En, "instruments")
        .iter()
        .filter(|i| i.flag("guidance_intervention"))
        .map(|i| (i.code.clone(), String::new()))
        .collect();
    let mut ids: Vec<String> = Vec::new();
    for (index, (instrument, type_id)) in measures
        .into_iter()
        .chain(interventions.iter().cloned())
        .chain(interventions.iter().cloned())
        .take(ACTIONS)
        .enumerate()
    {
        let year = YEARS[index % 3];
        let start_month = 1 + index % 9;
        let district = DISTRICTS[index % DISTRICTS.len()];
        let label = format!(
            "{} — {district}",
            catalogue::label(demo.lang, "instruments", &instrument)
        );
        let status = match (year, index % 4) {
            (2026, 0) => "done",
            (2026, _) => "in_progress",
            (_, 3) => "delayed",
            _ => "planned",
        };
        // Every seventh action still lacks a department, so the plan shows its warning.
        let department = if index % 7 == 6 {
            ""
        } else {
            members[index % members.len()].as_str()
        };
        let funding = if index % 3 == 0 {
            ""
        } else {
            partners[index % partners.len()].as_str()
        };
        let amount = 20_000 + (index as i64 * 7_919) % 180_000;
        ids.push(demo.save(
            "plan_action",
            json!({"title": label, "instrument": instrument, "regions": [district],
                   "typeIds": if type_id.is_empty() { vec![] } else { vec![type_id] },
                   "departmentId": department, "fundingPartnerId": funding,
                   "partnerIds": if funding.is_empty() { vec![] } else { vec![funding] },
                   "startOn": format!("{year}-{start_month:02}-01"),
                   "endOn": format!("{}-{:02}-28", year + 1, start_month),
                   "budget": [{"amount": amount, "currency": "USD", "year": year},
                              {"amount": amount / 2, "currency": "USD", "year": year + 1}],
                   "status": status, "dependsOn": if index >= 5 && index % 5 == 0 { vec![ids[index - 5].clone()] } else { vec![] }}),
        )?);
    }
    Ok(ids)
}

fn preparation(demo: &Demo, actions: &[String]) -> Result<()> {
    let gaps = demo.ids(
        "SELECT id FROM capacity_cell WHERE workspace_id = ?1 AND deleted = 0 AND score < 2 ORDER BY created_at, id LIMIT 3",
    )?;
    for (index, gap) in gaps.iter().enumerate() {
        demo.save(
            "capacity_building",
            json!({"agency": "mines", "skill": demo.text(&format!("demo.p3.skill{}", index + 1)),
                   "trainees": 12 + index * 6, "capacityCellId": gap, "actionId": actions[index],
                   "startOn": "2026-03-01", "status": if index == 0 { "done" } else { "in_progress" }}),
        )?;
    }
    demo.save(
        "legal_reform",
        json!({"instrument": demo.text("demo.p3.reform_law"), "provision": "Art. 109",
               "change": demo.text("demo.p3.reform_change"), "status": "drafted"}),
    )?;
    demo.save(
        "outreach_campaign",
        json!({"audience": demo.text("demo.p3.outreach_audience"), "channel": "radio", "language": "Swahili",
               "message": demo.text("demo.p3.outreach_message"), "actionId": actions[3], "startOn": "2026-04-01"}),
    )?;
    let sites = demo.ids(
        "SELECT id FROM site WHERE workspace_id = ?1 AND deleted = 0 AND commodity = 'gold' ORDER BY name LIMIT 2",
    )?;
    for site in &sites {
        demo.save(
            "pilot",
            json!({"siteId": site, "intervention": "mercury_free_processing_centres",
                   "hypothesis": demo.text("demo.p3.pilot_hypothesis"), "metrics": demo.text("demo.p3.pilot_metrics"),
                   "startOn": "2026-05-01", "endOn": "2027-04-30", "status": "running"}),
        )?;
    }
    for (index, (lon, lat)) in [(27.9, -2.6), (28.6, -3.2)].into_iter().enumerate() {
        let ring = json!([
            [lon, lat],
            [lon + 0.08, lat],
            [lon + 0.08, lat - 0.05],
            [lon, lat - 0.05],
            [lon, lat]
        ]);
        demo.save(
            "asm_zone",
            json!({"name": format!("{} {}", demo.text("demo.p3.zone"), index + 1),
                   "polygon": {"type": "Polygon", "coordinates": [ring]},
                   "geologyNotes": demo.text("demo.p3.zone_geology"), "allocationRules": demo.text("demo.p3.zone_rules")}),
        )?;
    }
    Ok(())
}

/// Some 2,000 holders at the demo's sites: individuals with artisanal permits (two years), one in
/// twenty-five a cooperative and one in forty a company with a small-scale licence (five years).
/// Granted licences were issued from January 2025 to October 2026, so renewals fall due from
/// early 2027; a few are still applied for, suspended, revoked, or expired in 2024–2025.
fn holders(demo: &Demo) -> Result<()> {
    let sites: Vec<(String, String, String)> = {
        let mut statement = demo.w.tx().prepare(
            "SELECT id, name, commodity FROM site WHERE workspace_id = ?1 AND deleted = 0
             AND legal_status IN ('licensed', 'licence_applied_for') ORDER BY name, id",
        )?;
        statement
            .query_map([demo.workspace_id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?
    };
    let zones =
        demo.ids("SELECT id FROM asm_zone WHERE workspace_id = ?1 AND deleted = 0 ORDER BY name")?;
    for index in 0..HOLDERS {
        let (site_id, site_name, commodity) = &sites[index * 7 % sites.len()];
        let surname = SURNAMES[index * 5 % SURNAMES.len()];
        let (kind, name, licence_type, years) = if index % 25 == 0 {
            let place = site_name.split(' ').next().unwrap_or(site_name);
            let name = messages::text(demo.lang, "demo.p3.cooperative", &[("place", place)]);
            (
                "cooperative",
                format!("{name} {}", index / 25 + 1),
                "small_scale_licence",
                5,
            )
        } else if index % 40 == 1 {
            (
                "company",
                format!("{surname} Mining {}", index / 40 + 1),
                "small_scale_licence",
                5,
            )
        } else if index % 10 < 3 {
            let first = FEMALE_NAMES[index / 10 % FEMALE_NAMES.len()];
            (
                "female",
                format!("{first} {surname}"),
                "artisanal_permit",
                2,
            )
        } else {
            let first = MALE_NAMES[index / 3 % MALE_NAMES.len()];
            ("male", format!("{first} {surname}"), "artisanal_permit", 2)
        };
        let status = match index % 50 {
            7 | 19 | 33 => "applied",
            11 | 41 => "suspended",
            23 => "revoked",
            29 | 47 => "expired",
            _ => "granted",
        };
        // Expired licences were issued early enough to have run out; the others 2025–2026.
        let (issue_year, issue_month) = if status == "expired" {
            (2022 + (index % 2) as i64, 1 + index % 12)
        } else {
            (2025 + (index % 22 / 12) as i64, 1 + index % 22 % 12)
        };
        let day = 1 + index / 22 % 28;
        let person = matches!(kind, "female" | "male");
        let mut fields = json!({
            "holderKind": if person { "individual" } else { kind },
            "name": name,
            "nationalId": format!("CD-{:04} {:04}", 1_000 + index * 37 % 9_000, index),
            "licenceType": licence_type,
            "siteId": site_id,
            "zoneId": if index % 9 == 0 { zones.get(index % zones.len().max(1)).cloned().unwrap_or_default() } else { String::new() },
            "commodity": commodity,
            "status": "granted",
        });
        if person {
            // A different birth date for every holder, so no two are taken for the same person.
            fields["birthDate"] = json!(format!(
                "{}-{:02}-{:02}",
                1960 + index % 45,
                1 + index / 45 % 12,
                1 + index / 540
            ));
            fields["sex"] = json!(kind);
        }
        if status == "applied" {
            fields["status"] = json!("applied");
            demo.save("licence_holder", fields)?;
            continue;
        }
        let prefix = if licence_type == "artisanal_permit" {
            "AP"
        } else {
            "SSL"
        };
        fields["licenceNumber"] = json!(format!("LW-{prefix}-{issue_year}-{index:05}"));
        fields["issuedOn"] = json!(format!("{issue_year}-{issue_month:02}-{day:02}"));
        fields["expiresOn"] = json!(format!("{}-{issue_month:02}-{day:02}", issue_year + years));
        let id = demo.save("licence_holder", fields.clone())?;
        if status != "granted" {
            // Through the save path, so the history shows the licence granted first.
            fields["status"] = json!(status);
            kinds::save(
                demo.w,
                demo.workspace_id,
                "licence_holder",
                Some(&id),
                &fields,
            )?;
        }
    }
    Ok(())
}

fn progress(demo: &Demo, actions: &[String]) -> Result<()> {
    for (index, action) in actions
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 3 == 0)
        .take(8)
    {
        for (q, period) in ["2026-Q1", "2026-Q2", "2026-Q3"].iter().enumerate() {
            demo.save(
                "progress_entry",
                json!({"actionId": action, "period": period, "outputs": demo.text("demo.p3.progress_outputs"),
                       "spend": 4_000 + 1_500 * q + 250 * index, "currency": "USD",
                       "issues": if q == 2 { demo.text("demo.p3.progress_issue") } else { String::new() },
                       "status": if q == 2 && index % 2 == 0 { "delayed" } else { "on_track" }}),
            )?;
        }
    }
    Ok(())
}

/// Five indicators with eight quarters of values (2025–2026). The history of the indicators Lode
/// computes is written as the values it would have recorded each quarter.
fn monitoring(demo: &Demo, actions: &[String]) -> Result<()> {
    let goals = demo.ids(
        "SELECT id FROM strategy_goal WHERE workspace_id = ?1 AND deleted = 0 ORDER BY created_at, id",
    )?;
    let indicators: [(&str, f64, f64, f64); 5] = [
        ("mercury_used", 4_800.0, 2_400.0, -180.0),
        ("licensed_sites", 20.0, 90.0, 6.0),
        ("miners_trained", 0.0, 2_000.0, 140.0),
        ("inspections_carried_out", 30.0, 400.0, 22.0),
        ("women_pct_workforce", 17.0, 25.0, 0.4),
    ];
    for (index, (indicator, baseline, target, step)) in indicators.into_iter().enumerate() {
        let goal = &goals[index % goals.len()];
        let id = demo.save(
            "adopted_indicator",
            json!({"indicator": indicator, "goalIds": [goal], "actionIds": [actions[index]],
                   "baseline": baseline, "baselineOn": "2025-01-01", "target": target, "targetOn": "2028-12-31",
                   "owner": demo.text("demo.p3.indicator_owner")}),
        )?;
        for quarter in 0..8_i64 {
            let (year, month) = (2025 + quarter / 4, 3 * (quarter % 4) + 3);
            let day = if month == 6 || month == 9 { 30 } else { 31 };
            let value = baseline + step * (quarter + 1) as f64;
            write_measurement(
                demo,
                &id,
                &format!("{year}-{month:02}-{day}"),
                value,
                COMPUTABLE.contains(&indicator),
            )?;
        }
    }
    demo.save(
        "review",
        json!({"heldOn": "2026-07-15", "period": "2026-H1", "findings": demo.text("demo.p3.review_findings"),
               "adjustments": [{"description": demo.text("demo.p3.review_adjust1"), "actionId": actions[2]},
                               {"description": demo.text("demo.p3.review_adjust2"), "strategyVersion": 1}],
               "nextOn": "2027-01-15"}),
    )?;
    Ok(())
}

fn write_measurement(
    demo: &Demo,
    indicator_id: &str,
    on: &str,
    value: f64,
    computed: bool,
) -> Result<()> {
    if !computed {
        demo.save(
            "measurement",
            json!({"indicatorId": indicator_id, "on": on, "value": value, "source": demo.text("demo.p3.measure_source")}),
        )?;
        return Ok(());
    }
    record::insert(
        demo.w,
        &Measurement {
            meta: Meta::new(demo.w),
            workspace_id: demo.workspace_id.to_owned(),
            indicator_id: indicator_id.to_owned(),
            measured_on: on.to_owned(),
            value,
            female: None,
            male: None,
            source: demo.text("monitoring.computed_source"),
            notes: String::new(),
        },
    )
}
