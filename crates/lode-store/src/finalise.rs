//! Step 2.4: the coherence checks over the whole strategy, the Minamata Annex C view, and the
//! signed versions of the strategy. A signed version keeps a snapshot of every Phase 2 record and
//! locks them; a new version unlocks them, and any two versions can be compared.

use crate::error::{Result, StoreError};
use crate::record::{self, Json, Meta, Record, record_type};
use crate::sector_types::{self, AsmType, TypeProfile};
use crate::strategy::{self, Measure, TypeStrategy};
use crate::vision::{self, Goal};
use crate::writer::Writer;
use lode_core::catalogue;
use lode_core::messages;
use lode_core::{Lang, StepId};
use rusqlite::Connection;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StrategyVersion {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub number: i64,
    pub status: String,
    pub signed_by: String,
    pub signed_at: Option<i64>,
    pub note: String,
    pub open_findings: i64,
    #[serde(skip)]
    pub snapshot: Json<Value>,
}

record_type!(StrategyVersion, "strategy_version", {
    workspace_id, number, status, signed_by, signed_at, note, open_findings, snapshot,
});

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub rule: &'static str,
    pub message: String,
    pub step: StepId,
    pub section: &'static str,
    pub type_id: Option<String>,
    pub goal_id: Option<String>,
}

/// What the checks look at, read once.
pub struct Strategy {
    pub profiles: Vec<TypeProfile>,
    pub unassigned: usize,
    pub strategies: Vec<TypeStrategy>,
    pub measures: Vec<Measure>,
    pub goals: Vec<Goal>,
    /// Commodities of cross-border flows ("" = a flow that names none, so every commodity).
    pub cross_border: BTreeSet<String>,
}

impl Strategy {
    pub fn read(conn: &Connection, workspace_id: &str, lang: Lang) -> Result<Strategy> {
        let types = sector_types::view(conn, workspace_id, lang)?;
        let mut statement = conn.prepare(
            "SELECT DISTINCT commodity FROM supply_flow
             WHERE workspace_id = ?1 AND deleted = 0 AND cross_border = 1",
        )?;
        let cross_border = statement
            .query_map([workspace_id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Strategy {
            profiles: types.types,
            unassigned: types.unassigned.count,
            strategies: strategy::strategies(conn, workspace_id)?,
            measures: strategy::measures(conn, workspace_id)?,
            goals: vision::goals(conn, workspace_id)?,
            cross_border,
        })
    }

    fn strategy_of(&self, type_id: &str) -> Option<&TypeStrategy> {
        self.strategies.iter().find(|s| s.type_id == type_id)
    }

    fn measures_of(&self, type_id: &str) -> Vec<&Measure> {
        self.measures
            .iter()
            .filter(|m| m.type_id == type_id)
            .collect()
    }
}

struct Checker<'a> {
    lang: Lang,
    findings: Vec<Finding>,
    strategy: &'a Strategy,
}

impl Checker<'_> {
    fn add(
        &mut self,
        rule: &'static str,
        (step, section): (StepId, &'static str),
        asm_type: Option<&AsmType>,
        params: &[(&str, &str)],
    ) {
        let name = asm_type.map_or("", |t| t.name.as_str());
        let mut all = vec![("type", name)];
        all.extend_from_slice(params);
        self.findings.push(Finding {
            rule,
            message: messages::text(self.lang, &format!("finding.{rule}"), &all),
            step,
            section,
            type_id: asm_type.map(|t| t.meta.id.clone()),
            goal_id: None,
        });
    }

    fn labels(&self, list: &str, codes: &[&str]) -> String {
        codes
            .iter()
            .map(|code| catalogue::label(self.lang, list, code))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

const STRATEGY_SECTION: (StepId, &str) = (StepId::StrategyPerType, "strategy");

/// Every place the strategy does not hold together, in a stable order.
pub fn check(strategy: &Strategy, lang: Lang) -> Vec<Finding> {
    let mut checker = Checker {
        lang,
        findings: Vec::new(),
        strategy,
    };
    if strategy.unassigned > 0 {
        let count = strategy.unassigned.to_string();
        checker.add(
            "sites_unassigned",
            (StepId::TypesAndPriorities, "types"),
            None,
            &[("count", &count)],
        );
    }
    for profile in &strategy.profiles {
        check_type(&mut checker, profile);
    }
    check_contradictions(&mut checker);
    check_goals(&mut checker);
    checker.findings
}

fn check_type(checker: &mut Checker, profile: &TypeProfile) {
    let strategy = checker.strategy;
    let asm_type = &profile.asm_type;
    let plan = strategy.strategy_of(&asm_type.meta.id);
    let measures = strategy.measures_of(&asm_type.meta.id);
    let has_economics = plan.is_some_and(|p| !p.allocate_land.is_empty())
        || measures.iter().any(|m| m.approach == "economics");
    let has_impacts = plan.is_some_and(|p| !p.impacts_approach.is_empty())
        || measures.iter().any(|m| m.approach == "impacts");
    if !(has_economics && has_impacts) {
        checker.add(
            "type_without_approaches",
            STRATEGY_SECTION,
            Some(asm_type),
            &[],
        );
    }
    let left: Vec<&str> = profile
        .unacceptable
        .iter()
        .map(String::as_str)
        .filter(|t| strategy::action_on(&measures, t) != Some("eliminate"))
        .collect();
    if !left.is_empty() {
        let techniques = checker.labels("techniques", &left);
        checker.add(
            "unacceptable_not_eliminated",
            STRATEGY_SECTION,
            Some(asm_type),
            &[("techniques", &techniques)],
        );
    }
    if asm_type.to_formalise && plan.is_none_or(|p| p.licence_type.is_empty()) {
        checker.add("no_licence_type", STRATEGY_SECTION, Some(asm_type), &[]);
    }
    let crosses = strategy.cross_border.iter().any(|commodity| {
        commodity.is_empty() || asm_type.commodity.is_empty() || *commodity == asm_type.commodity
    });
    if crosses && plan.is_none_or(|p| p.transboundary.trim().is_empty()) {
        checker.add(
            "transboundary_missing",
            STRATEGY_SECTION,
            Some(asm_type),
            &[],
        );
    }
    if plan.is_some_and(|p| p.allocate_land == "yes" && p.land_notes.trim().is_empty())
        && profile.restricted_sites > 0
    {
        let count = profile.restricted_sites.to_string();
        checker.add(
            "land_conflict",
            STRATEGY_SECTION,
            Some(asm_type),
            &[("count", &count)],
        );
    }
}

/// A technique one measure eliminates and another promotes, in any types.
fn check_contradictions(checker: &mut Checker) {
    let strategy = checker.strategy;
    let mut acted: BTreeMap<&str, (Vec<&Measure>, Vec<&Measure>)> = BTreeMap::new();
    for measure in &strategy.measures {
        for technique in &measure.techniques.0 {
            let entry = acted.entry(technique).or_default();
            match measure.action.as_str() {
                "eliminate" => entry.0.push(measure),
                "promote" => entry.1.push(measure),
                _ => {}
            }
        }
    }
    for (technique, (eliminating, promoting)) in acted {
        let Some(promoter) = promoting.first() else {
            continue;
        };
        if eliminating.is_empty() {
            continue;
        }
        let asm_type = strategy
            .profiles
            .iter()
            .find(|p| p.asm_type.meta.id == promoter.type_id)
            .map(|p| &p.asm_type);
        let technique = catalogue::label(checker.lang, "techniques", technique);
        let instrument = catalogue::label(checker.lang, "instruments", &promoter.instrument);
        checker.add(
            "contradictory_measures",
            STRATEGY_SECTION,
            asm_type,
            &[("technique", &technique), ("instrument", &instrument)],
        );
    }
}

fn check_goals(checker: &mut Checker) {
    let strategy = checker.strategy;
    for goal in &strategy.goals {
        let served = strategy
            .measures
            .iter()
            .any(|m| m.goals.0.contains(&goal.meta.id));
        if !served {
            checker.add(
                "goal_without_measure",
                STRATEGY_SECTION,
                None,
                &[("goal", &goal.statement)],
            );
            if let Some(finding) = checker.findings.last_mut() {
                finding.goal_id = Some(goal.meta.id.clone());
            }
        }
    }
}

#[derive(Debug, Serialize)]
pub struct AnnexCRow {
    pub code: String,
    pub label: String,
    pub covered: bool,
    pub detail: String,
}

/// Which elements (a)–(k) of a Minamata national action plan the strategy already covers.
pub fn annex_c(
    conn: &Connection,
    workspace_id: &str,
    strategy: &Strategy,
    findings: &[Finding],
    lang: Lang,
) -> Result<Vec<AnnexCRow>> {
    let count =
        |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [workspace_id], |row| row.get(0))?) };
    let uses = |instrument: &str| strategy.measures.iter().any(|m| m.instrument == instrument);
    let stage_of = |technique: &str| {
        catalogue::list(Lang::En, "techniques")
            .iter()
            .find(|t| t.code == technique)
            .map_or("", |t| t.text("stage"))
    };
    let acts_on_stage = |stage: &str, actions: &[&str]| {
        strategy.measures.iter().any(|m| {
            actions.contains(&m.action.as_str())
                && m.techniques.0.iter().any(|t| stage_of(t) == stage)
        })
    };
    let worst_left = findings
        .iter()
        .any(|f| f.rule == "unacceptable_not_eliminated");
    let covered = |code: &str| -> Result<bool> {
        Ok(match code {
            "a" => strategy.goals.iter().any(|g| !g.target.trim().is_empty()),
            "b" => !strategy.profiles.is_empty() && !worst_left,
            "c" => strategy
                .strategies
                .iter()
                .any(|s| !s.licence_type.is_empty()),
            "d" => {
                count(
                    "SELECT count(*) FROM site WHERE workspace_id = ?1 AND deleted = 0
                       AND (mercury_kg_low IS NOT NULL OR mercury_kg_high IS NOT NULL)",
                )? > 0
            }
            "e" => acts_on_stage("processing", &["eliminate", "improve"]),
            "f" => {
                uses("mercury_trade_controls")
                    || strategy
                        .strategies
                        .iter()
                        .any(|s| !s.transboundary.trim().is_empty())
            }
            "g" => {
                count(
                    "SELECT count(*) FROM consultation_event WHERE workspace_id = ?1 AND deleted = 0",
                )? > 0
            }
            "h" => uses("public_health_strategy"),
            "i" => uses("education_workers_children") || acts_on_stage("labour", &["eliminate"]),
            "j" => uses("education_training"),
            // The implementation schedule comes with the implementation plan of step 3.1.
            _ => false,
        })
    };
    catalogue::list(lang, "annex_c_elements")
        .iter()
        .map(|element| {
            let is_covered = covered(&element.code)?;
            let state = if is_covered { "covered" } else { "gap" };
            Ok(AnnexCRow {
                code: element.code.clone(),
                label: element.label.clone(),
                covered: is_covered,
                detail: messages::text(lang, &format!("annex_c.{}.{state}", element.code), &[]),
            })
        })
        .collect()
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionState {
    pub number: i64,
    pub locked: bool,
    pub signed_by: Option<String>,
    pub signed_at: Option<i64>,
    /// Why it was signed with findings open ("" when none were).
    pub note: String,
    pub open_findings: i64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignedVersion {
    pub number: i64,
    pub signed_by: String,
    pub signed_at: Option<i64>,
    pub note: String,
    pub open_findings: i64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FinaliseView {
    pub findings: Vec<Finding>,
    pub annex_c: Vec<AnnexCRow>,
    pub version: VersionState,
    pub versions: Vec<SignedVersion>,
}

fn versions(conn: &Connection, workspace_id: &str) -> Result<Vec<StrategyVersion>> {
    record::select(conn, "workspace_id = ?1", &[&workspace_id], "number")
}

/// The version being worked on: the newest one, or version 1 (a draft) when none is recorded.
pub fn current(conn: &Connection, workspace_id: &str) -> Result<VersionState> {
    Ok(match versions(conn, workspace_id)?.pop() {
        Some(v) => VersionState {
            number: v.number,
            locked: v.status == "signed",
            signed_by: (v.status == "signed").then_some(v.signed_by),
            signed_at: v.signed_at,
            note: v.note,
            open_findings: v.open_findings,
        },
        None => VersionState {
            number: 1,
            locked: false,
            signed_by: None,
            signed_at: None,
            note: String::new(),
            open_findings: 0,
        },
    })
}

/// Whether the strategy's current version is signed, so its records cannot change.
pub fn is_locked(conn: &Connection, workspace_id: &str) -> Result<bool> {
    Ok(current(conn, workspace_id)?.locked)
}

pub fn view(conn: &Connection, workspace_id: &str, lang: Lang) -> Result<FinaliseView> {
    let strategy = Strategy::read(conn, workspace_id, lang)?;
    let findings = check(&strategy, lang);
    Ok(FinaliseView {
        annex_c: annex_c(conn, workspace_id, &strategy, &findings, lang)?,
        findings,
        version: current(conn, workspace_id)?,
        versions: versions(conn, workspace_id)?
            .into_iter()
            .filter(|v| v.status == "signed")
            .map(|v| SignedVersion {
                number: v.number,
                signed_by: v.signed_by,
                signed_at: v.signed_at,
                note: v.note,
                open_findings: v.open_findings,
            })
            .collect(),
    })
}

/// Every Phase 2 record of the workspace as JSON, by kind and id: what a signed version keeps.
pub fn snapshot(conn: &Connection, workspace_id: &str) -> Result<Value> {
    fn kind<R: Record>(
        conn: &Connection,
        workspace_id: &str,
        all: &mut Map<String, Value>,
    ) -> Result<()> {
        let records: Vec<R> = record::select(conn, "workspace_id = ?1", &[&workspace_id], "id")?;
        let by_id = records
            .iter()
            .map(|r| Ok((r.meta().id.clone(), serde_json::to_value(r)?)))
            .collect::<Result<Map<_, _>>>()?;
        all.insert(R::TABLE.to_owned(), Value::Object(by_id));
        Ok(())
    }
    let mut all = Map::new();
    kind::<vision::Vision>(conn, workspace_id, &mut all)?;
    kind::<vision::Issue>(conn, workspace_id, &mut all)?;
    kind::<Goal>(conn, workspace_id, &mut all)?;
    kind::<vision::TechniqueAssessment>(conn, workspace_id, &mut all)?;
    kind::<AsmType>(conn, workspace_id, &mut all)?;
    kind::<sector_types::PriorityCriterion>(conn, workspace_id, &mut all)?;
    kind::<sector_types::TypeScore>(conn, workspace_id, &mut all)?;
    kind::<TypeStrategy>(conn, workspace_id, &mut all)?;
    kind::<Measure>(conn, workspace_id, &mut all)?;
    Ok(Value::Object(all))
}

/// Signs the current version: refused while it is already signed, or while the checks find
/// anything and `note` does not say why the government signs with those findings open (a strategy
/// may cover its priority types first).
pub fn sign_off(w: &Writer, workspace_id: &str, lang: Lang, note: &str) -> Result<()> {
    crate::workspace::require_active(w.tx(), workspace_id)?;
    let state = current(w.tx(), workspace_id)?;
    if state.locked {
        return Err(StoreError::StrategyLocked);
    }
    let findings = check(&Strategy::read(w.tx(), workspace_id, lang)?, lang);
    let note = note.trim().to_owned();
    if !findings.is_empty() && note.is_empty() {
        return Err(StoreError::StrategyIncoherent(findings.len()));
    }
    let open_findings = findings.len() as i64;
    let snapshot = Json(snapshot(w.tx(), workspace_id)?);
    let signed_by = w.actor().officer.clone();
    let draft = versions(w.tx(), workspace_id)?
        .into_iter()
        .find(|v| v.number == state.number);
    match draft {
        Some(draft) => {
            record::update(w, &draft.meta.id, |v: &mut StrategyVersion| {
                v.status = "signed".to_owned();
                v.signed_by = signed_by;
                v.signed_at = Some(w.now());
                v.note = note;
                v.open_findings = open_findings;
                v.snapshot = snapshot;
            })?;
        }
        None => record::insert(
            w,
            &StrategyVersion {
                meta: Meta::new(w),
                workspace_id: workspace_id.to_owned(),
                number: state.number,
                status: "signed".to_owned(),
                signed_by,
                signed_at: Some(w.now()),
                note,
                open_findings,
                snapshot,
            },
        )?,
    }
    Ok(())
}

/// Opens the next version as a draft, so the strategy can change again.
pub fn start_new_version(w: &Writer, workspace_id: &str) -> Result<()> {
    crate::workspace::require_active(w.tx(), workspace_id)?;
    let state = current(w.tx(), workspace_id)?;
    if !state.locked {
        return Err(StoreError::StrategyNotSigned);
    }
    record::insert(
        w,
        &StrategyVersion {
            meta: Meta::new(w),
            workspace_id: workspace_id.to_owned(),
            number: state.number + 1,
            status: "draft".to_owned(),
            signed_by: String::new(),
            signed_at: None,
            note: String::new(),
            open_findings: 0,
            snapshot: Json(Value::Null),
        },
    )
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Change {
    pub kind: String,
    pub id: String,
    pub label: String,
    pub change: &'static str,
    pub fields: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Comparison {
    pub from: i64,
    pub to: Option<i64>,
    pub changes: Vec<Change>,
}

/// Fields that change on every save and say nothing of the strategy.
const BOOKKEEPING: &[&str] = &[
    "id",
    "originOffice",
    "createdAt",
    "updatedAt",
    "version",
    "workspaceId",
];

fn label_of(record: &Value) -> String {
    [
        "name",
        "statement",
        "description",
        "instrument",
        "technique",
        "basis",
    ]
    .iter()
    .find_map(|field| {
        record
            .get(field)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    })
    .unwrap_or("")
    .to_owned()
}

fn signed_snapshot(conn: &Connection, workspace_id: &str, number: i64) -> Result<Value> {
    versions(conn, workspace_id)?
        .into_iter()
        .find(|v| v.number == number && v.status == "signed")
        .map(|v| v.snapshot.0)
        .ok_or_else(|| StoreError::NotFound {
            what: "strategy_version",
            id: number.to_string(),
        })
}

/// What changed from signed version `from` to signed version `to` (None: the current records).
pub fn compare(
    conn: &Connection,
    workspace_id: &str,
    from: i64,
    to: Option<i64>,
) -> Result<Comparison> {
    let before = signed_snapshot(conn, workspace_id, from)?;
    let after = match to {
        Some(number) => signed_snapshot(conn, workspace_id, number)?,
        None => snapshot(conn, workspace_id)?,
    };
    let empty = Map::new();
    let mut changes = Vec::new();
    let kinds: BTreeSet<&String> = before
        .as_object()
        .into_iter()
        .chain(after.as_object())
        .flat_map(Map::keys)
        .collect();
    for kind in kinds {
        let old = before
            .get(kind)
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let new = after.get(kind).and_then(Value::as_object).unwrap_or(&empty);
        let ids: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
        for id in ids {
            let (change, fields, shown) = match (old.get(id), new.get(id)) {
                (None, Some(record)) => ("added", Vec::new(), record),
                (Some(record), None) => ("removed", Vec::new(), record),
                (Some(a), Some(b)) => {
                    let fields = changed_fields(a, b);
                    if fields.is_empty() {
                        continue;
                    }
                    ("changed", fields, b)
                }
                (None, None) => continue,
            };
            changes.push(Change {
                kind: kind.clone(),
                id: id.clone(),
                label: label_of(shown),
                change,
                fields,
            });
        }
    }
    Ok(Comparison { from, to, changes })
}

fn changed_fields(a: &Value, b: &Value) -> Vec<String> {
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else {
        return Vec::new();
    };
    a.keys()
        .chain(b.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|field| !BOOKKEEPING.contains(&field.as_str()) && a.get(*field) != b.get(*field))
        .cloned()
        .collect()
}
