//! Step 3.1: the implementation plan — actions that carry the strategy's instruments, with who,
//! when and what budget — and the preparation items (capacity building, legal reforms, outreach,
//! pilots, ASM zones); step 3.2's progress log per action and quarter. Totals and warnings are
//! computed from the actions, never typed.

use crate::error::Result;
use crate::kinds::{Kind, owned, singleton};
use crate::partner::Partner;
use crate::record::{self, Json, Meta, record_type};
use crate::sector_types::AsmType;
use crate::site::Site;
use crate::task_force::{self, Member};
use crate::vision::ids_of;
use lode_core::form::Form;
use lode_core::{Lang, catalogue, messages};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

const ACTION_STATUS: &[&str] = &["planned", "in_progress", "done", "delayed", "cancelled"];
const PREPARATION_STATUS: &[&str] = &["planned", "in_progress", "done"];
const REFORM_STATUS: &[&str] = &["proposed", "drafted", "adopted", "in_force"];
const PILOT_STATUS: &[&str] = &["planned", "running", "evaluated"];
const PROGRESS_STATUS: &[&str] = &["on_track", "delayed", "blocked", "done"];
const CHANNELS: &[&str] = &[
    "radio",
    "community_meetings",
    "sms",
    "posters",
    "television",
    "social_media",
    "extension_visits",
];

/// An id of a live `K` of the workspace, or "" when the field is empty.
fn optional_id<K: Kind>(
    form: &mut Form,
    name: &str,
    conn: &Connection,
    workspace_id: &str,
) -> String {
    let id = form.text(name);
    if !id.is_empty() && owned::<K>(conn, workspace_id, &id).is_err() {
        form.fail(name, "invalid_choice");
    }
    id
}

/// A start and an end date, the end not before the start.
fn dates(form: &mut Form, required: bool) -> (Option<String>, Option<String>) {
    let start = form.date("startOn", required);
    let end = form.date("endOn", required);
    if let (Some(s), Some(e)) = (&start, &end)
        && e < s
    {
        form.fail("endOn", "end_before_start");
    }
    (start, end)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanPeriod {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub start_on: String,
    pub end_on: String,
    pub currency: String,
}

record_type!(PlanPeriod, "plan_period", { workspace_id, start_on, end_on, currency });

impl Kind for PlanPeriod {
    const KIND: &'static str = "plan_period";
    const SINGLETON: bool = true;

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, _: &Connection) -> Result<Self> {
        let (start, end) = dates(form, true);
        Ok(PlanPeriod {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            start_on: start.unwrap_or_default(),
            end_on: end.unwrap_or_default(),
            currency: currency_code(form, "currency", false),
        })
    }
}

/// A three-letter currency code, upper-cased.
fn currency_code(form: &mut Form, name: &str, required: bool) -> String {
    let code = form.text(name).to_uppercase();
    if code.is_empty() {
        if required {
            form.fail(name, "required");
        }
    } else if code.len() != 3 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
        form.fail(name, "invalid_currency");
    }
    code
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetLine {
    pub amount: f64,
    pub currency: String,
    pub year: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanAction {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub title: String,
    pub instrument: String,
    pub type_ids: Json<Vec<String>>,
    pub regions: Json<Vec<String>>,
    pub department_id: String,
    pub partner_ids: Json<Vec<String>>,
    pub funding_partner_id: String,
    pub start_on: String,
    pub end_on: String,
    pub depends_on: Json<Vec<String>>,
    pub budget: Json<Vec<BudgetLine>>,
    pub status: String,
    pub notes: String,
}

record_type!(PlanAction, "plan_action", {
    workspace_id, title, instrument, type_ids, regions, department_id, partner_ids,
    funding_partner_id, start_on, end_on, depends_on, budget, status, notes,
});

fn budget_lines(form: &mut Form) -> Vec<BudgetLine> {
    let mut lines = Vec::new();
    for (index, row) in form.rows("budget").into_iter().enumerate() {
        let mut line = Form::new(row);
        if !line.has("amount") {
            line.fail("amount", "required");
        }
        let amount = line.number("amount", 0.0, 1e15);
        let currency = currency_code(&mut line, "currency", true);
        let year = if line.has("year") {
            line.integer("year", 2000, 2100, 2000)
        } else {
            line.fail("year", "required");
            0
        };
        match line.finish() {
            Ok(()) => lines.push(BudgetLine {
                amount: amount.unwrap_or(0.0),
                currency,
                year,
            }),
            Err(invalid) => {
                for error in invalid.0 {
                    form.fail(&format!("budget-{}-{index}", error.field), error.code);
                }
            }
        }
    }
    lines
}

fn texts(form: &mut Form, name: &str) -> Vec<String> {
    form.rows(name)
        .into_iter()
        .filter_map(Value::as_str)
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

impl Kind for PlanAction {
    const KIND: &'static str = "plan_action";

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, conn: &Connection) -> Result<Self> {
        let (start, end) = dates(form, true);
        Ok(PlanAction {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            title: form.name("title"),
            instrument: form.code("instrument", |c| catalogue::has("instruments", c), false),
            type_ids: Json(ids_of::<AsmType>(form, "typeIds", conn, workspace_id)?),
            regions: Json(texts(form, "regions")),
            department_id: optional_id::<Member>(form, "departmentId", conn, workspace_id),
            partner_ids: Json(ids_of::<Partner>(form, "partnerIds", conn, workspace_id)?),
            funding_partner_id: optional_id::<Partner>(
                form,
                "fundingPartnerId",
                conn,
                workspace_id,
            ),
            start_on: start.unwrap_or_default(),
            end_on: end.unwrap_or_default(),
            depends_on: Json(ids_of::<PlanAction>(form, "dependsOn", conn, workspace_id)?),
            budget: Json(budget_lines(form)),
            status: {
                let status = form.choice("status", ACTION_STATUS, false);
                if status.is_empty() {
                    "planned".to_owned()
                } else {
                    status
                }
            },
            notes: form.text("notes"),
        })
    }

    /// An action may not wait on itself, directly or through others.
    fn check_against_others(
        &self,
        form: &mut Form,
        conn: &Connection,
        id: Option<&str>,
    ) -> Result<()> {
        let Some(id) = id else {
            return Ok(());
        };
        let mut waits: HashMap<String, Vec<String>> = actions(conn, &self.workspace_id)?
            .into_iter()
            .map(|a| (a.meta.id, a.depends_on.0))
            .collect();
        waits.insert(id.to_owned(), self.depends_on.0.clone());
        if reaches(&waits, id, id) {
            form.fail("dependsOn", "cycle");
        }
        Ok(())
    }
}

/// Whether following the dependencies from `from` leads back to `target`.
fn reaches(waits: &HashMap<String, Vec<String>>, from: &str, target: &str) -> bool {
    let mut seen = HashSet::new();
    let mut stack: Vec<&str> = waits
        .get(from)
        .map_or(Vec::new(), |d| d.iter().map(String::as_str).collect());
    while let Some(next) = stack.pop() {
        if next == target {
            return true;
        }
        if seen.insert(next)
            && let Some(more) = waits.get(next)
        {
            stack.extend(more.iter().map(String::as_str));
        }
    }
    false
}

macro_rules! preparation_kind {
    ($ty:ident, $kind:literal, { $($field:ident: $f:ty),* $(,)? }, $parse:expr) => {
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $ty {
            #[serde(flatten)]
            pub meta: Meta,
            pub workspace_id: String,
            $(pub $field: $f),*
        }

        record_type!($ty, $kind, { workspace_id, $($field),* });

        impl Kind for $ty {
            const KIND: &'static str = $kind;

            fn workspace_id(&self) -> &str {
                &self.workspace_id
            }

            fn parse(form: &mut Form, workspace_id: &str, conn: &Connection) -> Result<Self> {
                let parse: fn(&mut Form, &str, &Connection) -> Result<Self> = $parse;
                parse(form, workspace_id, conn)
            }
        }
    };
}

preparation_kind!(CapacityBuilding, "capacity_building", {
    agency: String, skill: String, trainees: i64, capacity_cell_id: String, action_id: String,
    start_on: Option<String>, status: String,
}, |form, workspace_id, conn| Ok(CapacityBuilding {
    meta: Meta::default(),
    workspace_id: workspace_id.to_owned(),
    agency: form.code("agency", |c| catalogue::has("agencies", c), false),
    skill: form.name("skill"),
    trainees: form.count("trainees"),
    capacity_cell_id: optional_id::<crate::context::CapacityCell>(form, "capacityCellId", conn, workspace_id),
    action_id: optional_id::<PlanAction>(form, "actionId", conn, workspace_id),
    start_on: form.date("startOn", false),
    status: or_first(form.choice("status", PREPARATION_STATUS, false), PREPARATION_STATUS),
}));

preparation_kind!(LegalReform, "legal_reform", {
    instrument: String, provision: String, change: String, status: String,
}, |form, workspace_id, _| Ok(LegalReform {
    meta: Meta::default(),
    workspace_id: workspace_id.to_owned(),
    instrument: form.name("instrument"),
    provision: form.text("provision"),
    change: form.name("change"),
    status: or_first(form.choice("status", REFORM_STATUS, false), REFORM_STATUS),
}));

preparation_kind!(OutreachCampaign, "outreach_campaign", {
    audience: String, channel: String, language: String, message: String, action_id: String,
    start_on: Option<String>,
}, |form, workspace_id, conn| Ok(OutreachCampaign {
    meta: Meta::default(),
    workspace_id: workspace_id.to_owned(),
    audience: form.name("audience"),
    channel: form.choice("channel", CHANNELS, true),
    language: form.text("language"),
    message: form.name("message"),
    action_id: optional_id::<PlanAction>(form, "actionId", conn, workspace_id),
    start_on: form.date("startOn", false),
}));

preparation_kind!(Pilot, "pilot", {
    site_id: String, intervention: String, hypothesis: String, metrics: String,
    start_on: Option<String>, end_on: Option<String>, status: String,
}, |form, workspace_id, conn| {
    let (start_on, end_on) = dates(form, false);
    Ok(Pilot {
        meta: Meta::default(),
        workspace_id: workspace_id.to_owned(),
        site_id: optional_id::<Site>(form, "siteId", conn, workspace_id),
        intervention: form.code("intervention", |c| catalogue::has("instruments", c), true),
        hypothesis: form.name("hypothesis"),
        metrics: form.text("metrics"),
        start_on,
        end_on,
        status: or_first(form.choice("status", PILOT_STATUS, false), PILOT_STATUS),
    })
});

preparation_kind!(AsmZone, "asm_zone", {
    name: String, polygon: Option<String>, geology_notes: String, allocation_rules: String,
    type_ids: Json<Vec<String>>,
}, |form, workspace_id, conn| Ok(AsmZone {
    meta: Meta::default(),
    workspace_id: workspace_id.to_owned(),
    name: form.name("name"),
    polygon: polygon(form),
    geology_notes: form.text("geologyNotes"),
    allocation_rules: form.text("allocationRules"),
    type_ids: Json(ids_of::<AsmType>(form, "typeIds", conn, workspace_id)?),
}));

preparation_kind!(ProgressEntry, "progress_entry", {
    action_id: String, period: String, outputs: String, spend: Option<f64>, currency: String,
    issues: String, status: String,
}, |form, workspace_id, conn| {
    let action_id = optional_id::<PlanAction>(form, "actionId", conn, workspace_id);
    if action_id.is_empty() {
        form.fail("actionId", "required");
    }
    let spend = form.number("spend", 0.0, 1e15);
    Ok(ProgressEntry {
        meta: Meta::default(),
        workspace_id: workspace_id.to_owned(),
        action_id,
        period: quarter(form, "period"),
        outputs: form.text("outputs"),
        spend,
        currency: currency_code(form, "currency", spend.is_some()),
        issues: form.text("issues"),
        status: form.choice("status", PROGRESS_STATUS, true),
    })
});

fn or_first(choice: String, options: &[&str]) -> String {
    if choice.is_empty() {
        options[0].to_owned()
    } else {
        choice
    }
}

/// A reporting quarter "YYYY-Qn".
fn quarter(form: &mut Form, name: &str) -> String {
    let text = form.text(name).to_uppercase();
    let valid = text.len() == 7
        && text[..4]
            .parse::<u32>()
            .is_ok_and(|y| (2000..=2100).contains(&y))
        && &text[4..6] == "-Q"
        && matches!(&text[6..], "1" | "2" | "3" | "4");
    if text.is_empty() {
        form.fail(name, "required");
    } else if !valid {
        form.fail(name, "invalid_quarter");
    }
    text
}

/// A GeoJSON Polygon or MultiPolygon geometry, kept as compact JSON text.
fn polygon(form: &mut Form) -> Option<String> {
    let value = form.raw("polygon")?;
    let value = match value {
        Value::String(text) if text.trim().is_empty() => return None,
        Value::String(text) => match serde_json::from_str::<Value>(text) {
            Ok(parsed) => parsed,
            Err(_) => {
                form.fail("polygon", "invalid_geojson");
                return None;
            }
        },
        other => other.clone(),
    };
    match check_geometry(&value) {
        Ok(()) => Some(value.to_string()),
        Err(code) => {
            form.fail("polygon", code);
            None
        }
    }
}

fn check_geometry(value: &Value) -> std::result::Result<(), &'static str> {
    let polygons: Vec<&Value> = match (
        value.get("type").and_then(Value::as_str),
        value.get("coordinates"),
    ) {
        (Some("Polygon"), Some(rings)) => vec![rings],
        (Some("MultiPolygon"), Some(Value::Array(many))) => many.iter().collect(),
        _ => return Err("invalid_geojson"),
    };
    for rings in polygons {
        let rings = rings
            .as_array()
            .filter(|r| !r.is_empty())
            .ok_or("invalid_geojson")?;
        for ring in rings {
            check_ring(ring)?;
        }
    }
    Ok(())
}

fn check_ring(ring: &Value) -> std::result::Result<(), &'static str> {
    let positions = ring.as_array().ok_or("invalid_geojson")?;
    let points: Vec<(f64, f64)> = positions
        .iter()
        .map(|p| match p.as_array().map(Vec::as_slice) {
            Some([lon, lat, ..]) => lon.as_f64().zip(lat.as_f64()).ok_or("invalid_geojson"),
            _ => Err("invalid_geojson"),
        })
        .collect::<std::result::Result<_, _>>()?;
    if points.len() < 4 || points.first() != points.last() {
        return Err("open_ring");
    }
    if points
        .iter()
        .any(|(lon, lat)| !(-180.0..=180.0).contains(lon) || !(-90.0..=90.0).contains(lat))
    {
        return Err("out_of_range");
    }
    Ok(())
}

pub fn actions(conn: &Connection, workspace_id: &str) -> Result<Vec<PlanAction>> {
    record::select(
        conn,
        "workspace_id = ?1",
        &[&workspace_id],
        "start_on, title, id",
    )
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionView {
    #[serde(flatten)]
    pub action: PlanAction,
    pub department_label: String,
    pub funding_label: String,
    pub type_names: Vec<String>,
    pub budget_total: BTreeMap<String, f64>,
    pub warnings: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct Total {
    pub key: String,
    pub label: String,
    pub amounts: BTreeMap<String, f64>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    pub by_year: Vec<Total>,
    pub by_type: Vec<Total>,
    pub by_department: Vec<Total>,
    pub by_funding: Vec<Total>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preparation {
    pub capacity_building: Vec<CapacityBuilding>,
    pub legal_reforms: Vec<LegalReform>,
    pub outreach: Vec<OutreachCampaign>,
    pub pilots: Vec<PilotView>,
    pub zones: Vec<AsmZone>,
}

#[derive(Debug, Serialize)]
pub struct Intervention {
    pub code: String,
    pub label: String,
    pub covered: bool,
    pub actions: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanView {
    pub period: Option<PlanPeriod>,
    pub actions: Vec<ActionView>,
    pub totals: Totals,
    pub preparation: Preparation,
    pub interventions: Vec<Intervention>,
    /// The licence types the strategy gives its ASM types (step 2.3), each once, in the order of
    /// the reference list: the register offers them first.
    pub licence_types: Vec<String>,
}

fn strategy_licence_types(conn: &Connection, workspace_id: &str) -> Result<Vec<String>> {
    let chosen: HashSet<String> = crate::strategy::strategies(conn, workspace_id)?
        .into_iter()
        .map(|s| s.licence_type)
        .filter(|code| !code.is_empty())
        .collect();
    Ok(catalogue::list(Lang::En, "licence_types")
        .iter()
        .filter(|e| chosen.contains(&e.code))
        .map(|e| e.code.clone())
        .collect())
}

/// A pilot with the name of its site ("" when none).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PilotView {
    #[serde(flatten)]
    pub pilot: Pilot,
    pub site_name: String,
}

pub(crate) fn all<K: Kind>(conn: &Connection, workspace_id: &str) -> Result<Vec<K>> {
    record::select(
        conn,
        "workspace_id = ?1",
        &[&workspace_id],
        "created_at, id",
    )
}

/// What a department is called: its agency and department, as the task force lists it.
fn department_label(member: &Member, lang: Lang) -> String {
    let agency = catalogue::label(lang, "agencies", &member.agency);
    if member.department.is_empty() {
        agency
    } else {
        format!("{agency} · {}", member.department)
    }
}

fn warnings(action: &PlanAction, period: Option<&PlanPeriod>) -> Vec<&'static str> {
    let mut found = Vec::new();
    if action.department_id.is_empty() {
        found.push("no_owner");
    }
    if !action.budget.0.iter().any(|line| line.amount > 0.0) {
        found.push("no_budget");
    }
    if period.is_some_and(|p| action.start_on < p.start_on || action.end_on > p.end_on) {
        found.push("outside_period");
    }
    found
}

/// Adds `share` of each budget line of `action` to the total under `key`.
fn add(
    totals: &mut BTreeMap<String, BTreeMap<String, f64>>,
    key: &str,
    line: &BudgetLine,
    share: f64,
) {
    *totals
        .entry(key.to_owned())
        .or_default()
        .entry(line.currency.clone())
        .or_default() += line.amount * share;
}

fn labelled(
    totals: BTreeMap<String, BTreeMap<String, f64>>,
    label: impl Fn(&str) -> String,
) -> Vec<Total> {
    totals
        .into_iter()
        .map(|(key, amounts)| Total {
            label: label(&key),
            key,
            amounts,
        })
        .collect()
}

pub fn view(conn: &Connection, workspace_id: &str, lang: Lang) -> Result<PlanView> {
    let period: Option<PlanPeriod> = singleton(conn, workspace_id)?;
    let members: HashMap<String, Member> = task_force::members(conn, workspace_id)?
        .into_iter()
        .map(|m| (m.meta.id.clone(), m))
        .collect();
    let partners: HashMap<String, Partner> = crate::partner::list(conn, workspace_id)?
        .into_iter()
        .map(|p| (p.meta.id.clone(), p))
        .collect();
    let types: HashMap<String, String> = crate::sector_types::types(conn, workspace_id)?
        .into_iter()
        .map(|t| (t.meta.id, t.name))
        .collect();
    let none = messages::text(lang, "plan.none", &[]);
    let government = messages::text(lang, "plan.government_budget", &[]);
    let department = |id: &str| {
        members
            .get(id)
            .map_or(none.clone(), |m| department_label(m, lang))
    };
    let funding = |id: &str| {
        partners
            .get(id)
            .map_or(government.clone(), |p| p.organisation.clone())
    };
    let (mut by_year, mut by_type, mut by_department, mut by_funding) = (
        BTreeMap::new(),
        BTreeMap::new(),
        BTreeMap::new(),
        BTreeMap::new(),
    );
    let mut views = Vec::new();
    for action in actions(conn, workspace_id)? {
        let mut budget_total = BTreeMap::new();
        let type_share = 1.0 / action.type_ids.0.len().max(1) as f64;
        for line in &action.budget.0 {
            *budget_total.entry(line.currency.clone()).or_default() += line.amount;
            add(&mut by_year, &line.year.to_string(), line, 1.0);
            add(&mut by_department, &action.department_id, line, 1.0);
            add(&mut by_funding, &action.funding_partner_id, line, 1.0);
            if action.type_ids.0.is_empty() {
                add(&mut by_type, "", line, 1.0);
            }
            for type_id in &action.type_ids.0 {
                add(&mut by_type, type_id, line, type_share);
            }
        }
        views.push(ActionView {
            department_label: department(&action.department_id),
            funding_label: funding(&action.funding_partner_id),
            type_names: action
                .type_ids
                .0
                .iter()
                .filter_map(|id| types.get(id).cloned())
                .collect(),
            budget_total,
            warnings: warnings(&action, period.as_ref()),
            action,
        });
    }
    let interventions = interventions(&views, lang);
    Ok(PlanView {
        totals: Totals {
            by_year: labelled(by_year, str::to_owned),
            by_type: labelled(by_type, |id| {
                types.get(id).cloned().unwrap_or_else(|| none.clone())
            }),
            by_department: labelled(by_department, department),
            by_funding: labelled(by_funding, funding),
        },
        preparation: Preparation {
            capacity_building: all(conn, workspace_id)?,
            legal_reforms: all(conn, workspace_id)?,
            outreach: all(conn, workspace_id)?,
            pilots: all::<Pilot>(conn, workspace_id)?
                .into_iter()
                .map(|pilot| {
                    Ok(PilotView {
                        site_name: crate::site::name_of(conn, workspace_id, &pilot.site_id)?,
                        pilot,
                    })
                })
                .collect::<Result<_>>()?,
            zones: all(conn, workspace_id)?,
        },
        period,
        actions: views,
        interventions,
        licence_types: strategy_licence_types(conn, workspace_id)?,
    })
}

/// The guidance's interventions, each with how many actions carry it.
fn interventions(actions: &[ActionView], lang: Lang) -> Vec<Intervention> {
    catalogue::list(lang, "instruments")
        .iter()
        .filter(|entry| entry.flag("guidance_intervention"))
        .map(|entry| {
            let count = actions
                .iter()
                .filter(|a| a.action.instrument == entry.code)
                .count();
            Intervention {
                code: entry.code.clone(),
                label: entry.label.clone(),
                covered: count > 0,
                actions: count,
            }
        })
        .collect()
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionProgress {
    pub action_id: String,
    pub spend: BTreeMap<String, f64>,
    pub last_status: String,
    pub last_period: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgressView {
    pub entries: Vec<ProgressEntry>,
    pub by_action: Vec<ActionProgress>,
}

/// The progress log, newest period first, and each action's spend and latest status.
pub fn progress(conn: &Connection, workspace_id: &str) -> Result<ProgressView> {
    let entries: Vec<ProgressEntry> = record::select(
        conn,
        "workspace_id = ?1",
        &[&workspace_id],
        "period DESC, created_at DESC, id",
    )?;
    let mut by_action: BTreeMap<&str, ActionProgress> = BTreeMap::new();
    for entry in &entries {
        let summary = by_action
            .entry(&entry.action_id)
            .or_insert_with(|| ActionProgress {
                action_id: entry.action_id.clone(),
                spend: BTreeMap::new(),
                // Entries come newest first: the first seen is the latest.
                last_status: entry.status.clone(),
                last_period: entry.period.clone(),
            });
        if let Some(spend) = entry.spend {
            *summary.spend.entry(entry.currency.clone()).or_default() += spend;
        }
    }
    let by_action = by_action.into_values().collect();
    Ok(ProgressView { entries, by_action })
}
