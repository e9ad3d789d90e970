//! Step 2.2: ASM types and their priority. A type is a combination of commodity, deposit group,
//! mechanisation and scale, each possibly "any"; every site falls into the most specific type that
//! matches it. Lode proposes types from the sites, profiles each type from its sites, and ranks the
//! types by transparent weighted criteria.

use crate::error::Result;
use crate::kinds::{Kind, owned};
use crate::record::{self, Json, Meta, record_type};
use crate::vision;
use lode_core::Lang;
use lode_core::catalogue;
use lode_core::form::Form;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The built-in criteria, computed from the records, in the order they are shown.
pub const BUILT_IN: &[&str] = &[
    "people_affected",
    "unacceptable_severity",
    "economic_value",
    "government_leverage",
];
const DEFAULT_WEIGHT: i64 = 25;
/// A proposal splits a group of sites along a dimension only when at least two parts hold this
/// share of all sites (and at least `MIN_PROPOSAL_SITES`), so a province gets a handful of types.
const PROPOSAL_SHARE: f64 = 0.10;
const MIN_PROPOSAL_SITES: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AsmType {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub name: String,
    pub commodity: String,
    pub deposit_group: String,
    pub mechanisation: String,
    pub scale: String,
    pub to_formalise: bool,
    pub leverage: Option<i64>,
    pub justification: String,
}

record_type!(AsmType, "asm_type", {
    workspace_id, name, commodity, deposit_group, mechanisation, scale, to_formalise, leverage,
    justification,
});

fn listed(list: &'static str) -> impl Fn(&str) -> bool {
    move |code| catalogue::has(list, code)
}

impl Kind for AsmType {
    const KIND: &'static str = "asm_type";
    const STRATEGY: bool = true;

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, _: &Connection) -> Result<Self> {
        let leverage = form
            .has("leverage")
            .then(|| form.integer("leverage", 0, 3, 0));
        Ok(AsmType {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            name: form.name("name"),
            commodity: form.code("commodity", listed("commodities"), false),
            deposit_group: form.code("depositGroup", listed("deposit_groups"), false),
            mechanisation: form.code("mechanisation", listed("mechanisation_levels"), false),
            scale: form.code("scale", listed("scales"), false),
            to_formalise: !form.has("toFormalise") || form.flag("toFormalise"),
            leverage,
            justification: form.text("justification"),
        })
    }

    fn delete_dependents(w: &crate::writer::Writer, record: &Self) -> Result<()> {
        for table in ["type_score", "type_strategy", "strategy_measure"] {
            crate::strategy::tombstone_where(w, table, "type_id", &record.meta.id)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PriorityCriterion {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub basis: String,
    pub name: String,
    pub weight: i64,
}

record_type!(PriorityCriterion, "priority_criterion", { workspace_id, basis, name, weight });

impl Kind for PriorityCriterion {
    const KIND: &'static str = "priority_criterion";
    const STRATEGY: bool = true;

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, _: &Connection) -> Result<Self> {
        let basis = form.code("basis", |b| b == "manual" || BUILT_IN.contains(&b), true);
        let name = if basis == "manual" {
            form.name("name")
        } else {
            form.text("name")
        };
        Ok(PriorityCriterion {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            basis,
            name,
            weight: vision::required_integer(form, "weight", 0, 100),
        })
    }

    /// A built-in criterion has one weight: a second record of it is refused.
    fn check_against_others(
        &self,
        form: &mut Form,
        conn: &Connection,
        id: Option<&str>,
    ) -> Result<()> {
        if self.basis == "manual" {
            return Ok(());
        }
        let taken: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM priority_criterion WHERE workspace_id = ?1
                 AND deleted = 0 AND basis = ?2 AND id IS NOT ?3)",
            rusqlite::params![self.workspace_id, self.basis, id],
            |row| row.get(0),
        )?;
        if taken {
            form.fail("basis", "already_weighted");
        }
        Ok(())
    }

    fn delete_dependents(w: &crate::writer::Writer, record: &Self) -> Result<()> {
        crate::strategy::tombstone_where(w, "type_score", "criterion_id", &record.meta.id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeScore {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub type_id: String,
    pub criterion_id: String,
    pub score: i64,
}

record_type!(TypeScore, "type_score", { workspace_id, type_id, criterion_id, score });

impl Kind for TypeScore {
    const KIND: &'static str = "type_score";
    const STRATEGY: bool = true;

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, conn: &Connection) -> Result<Self> {
        let type_id = form.text("typeId");
        if owned::<AsmType>(conn, workspace_id, &type_id).is_err() {
            form.fail("typeId", "invalid_choice");
        }
        let criterion_id = form.text("criterionId");
        let manual = owned::<PriorityCriterion>(conn, workspace_id, &criterion_id)
            .is_ok_and(|c| c.basis == "manual");
        if !manual {
            form.fail("criterionId", "invalid_choice");
        }
        Ok(TypeScore {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            type_id,
            criterion_id,
            score: vision::required_integer(form, "score", 0, 5),
        })
    }

    /// One score per type and criterion: saving a second one updates nothing and is refused.
    fn check_against_others(
        &self,
        form: &mut Form,
        conn: &Connection,
        id: Option<&str>,
    ) -> Result<()> {
        let taken: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM type_score WHERE workspace_id = ?1 AND deleted = 0
                 AND type_id = ?2 AND criterion_id = ?3 AND id IS NOT ?4)",
            rusqlite::params![self.workspace_id, self.type_id, self.criterion_id, id],
            |row| row.get(0),
        )?;
        if taken {
            form.fail("score", "already_scored");
        }
        Ok(())
    }
}

/// What the types need to know of a site.
#[derive(Debug, Clone)]
pub struct SiteFacts {
    pub id: String,
    pub name: String,
    pub admin_unit: String,
    pub key: TypeKey,
    pub miners_female: i64,
    pub miners_male: i64,
    pub miners_under18: i64,
    pub techniques: Vec<String>,
    pub impacts: Vec<String>,
    pub legal_status: String,
    pub mercury_kg: (f64, f64),
    pub value_usd: f64,
}

impl SiteFacts {
    pub fn miners(&self) -> i64 {
        self.miners_female + self.miners_male
    }
}

/// The four dimensions of a type; "" means any.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeKey {
    pub commodity: String,
    pub deposit_group: String,
    pub mechanisation: String,
    pub scale: String,
}

impl TypeKey {
    fn of(t: &AsmType) -> TypeKey {
        TypeKey {
            commodity: t.commodity.clone(),
            deposit_group: t.deposit_group.clone(),
            mechanisation: t.mechanisation.clone(),
            scale: t.scale.clone(),
        }
    }

    fn dims(&self) -> [&str; 4] {
        [
            &self.commodity,
            &self.deposit_group,
            &self.mechanisation,
            &self.scale,
        ]
    }

    fn with(&self, dim: usize, value: &str) -> TypeKey {
        let mut key = self.clone();
        let slot = match dim {
            0 => &mut key.commodity,
            1 => &mut key.deposit_group,
            2 => &mut key.mechanisation,
            _ => &mut key.scale,
        };
        value.clone_into(slot);
        key
    }

    /// Whether a site whose own key is `site` falls under this (possibly partial) key.
    pub fn matches(&self, site: &TypeKey) -> bool {
        self.dims()
            .iter()
            .zip(site.dims())
            .all(|(mine, theirs)| mine.is_empty() || *mine == theirs)
    }

    /// How many dimensions are set: the more, the more specific.
    pub fn specificity(&self) -> usize {
        self.dims().iter().filter(|d| !d.is_empty()).count()
    }
}

/// The deposit group of a deposit type ("" when the site does not say).
fn deposit_group(deposit_type: &str) -> String {
    catalogue::list(Lang::En, "deposit_groups")
        .iter()
        .find(|group| {
            group
                .extra
                .get("deposits")
                .and_then(|d| d.as_array())
                .is_some_and(|d| d.iter().any(|code| code == deposit_type))
        })
        .map(|group| group.code.clone())
        .unwrap_or_default()
}

/// The scale of a site with `miners` miners: the band with the highest minimum it reaches (the
/// catalogue lists bands from the smallest).
fn scale(miners: i64) -> String {
    catalogue::list(Lang::En, "scales")
        .iter()
        .rev()
        .find(|band| {
            band.extra
                .get("min_miners")
                .and_then(serde_json::Value::as_i64)
                .is_some_and(|min| miners >= min)
        })
        .map(|band| band.code.clone())
        .unwrap_or_default()
}

/// Every live site of the workspace, as the types see it.
pub fn site_facts(conn: &Connection, workspace_id: &str) -> Result<Vec<SiteFacts>> {
    let mut statement = conn.prepare(
        "SELECT id, name, admin_unit, commodity, deposit_type, mechanisation, miners_female,
                miners_male, miners_under18, techniques, impacts, legal_status, mercury_kg_low,
                mercury_kg_high, production_amount, price_usd
         FROM site WHERE workspace_id = ?1 AND deleted = 0 ORDER BY name COLLATE NOCASE, id",
    )?;
    let rows = statement.query_map([workspace_id], |row| {
        let (female, male): (i64, i64) = (row.get(6)?, row.get(7)?);
        let low: Option<f64> = row.get(12)?;
        let high: Option<f64> = row.get(13)?;
        let amount: Option<f64> = row.get(14)?;
        let price: Option<f64> = row.get(15)?;
        let techniques: Json<Vec<String>> = row.get(9)?;
        let impacts: Json<Vec<String>> = row.get(10)?;
        Ok(SiteFacts {
            id: row.get(0)?,
            name: row.get(1)?,
            admin_unit: row.get(2)?,
            key: TypeKey {
                commodity: row.get(3)?,
                deposit_group: deposit_group(&row.get::<_, String>(4)?),
                mechanisation: row.get(5)?,
                scale: scale(female + male),
            },
            miners_female: female,
            miners_male: male,
            miners_under18: row.get(8)?,
            techniques: techniques.0,
            impacts: impacts.0,
            legal_status: row.get(11)?,
            mercury_kg: (low.or(high).unwrap_or(0.0), high.or(low).unwrap_or(0.0)),
            value_usd: amount.unwrap_or(0.0) * price.unwrap_or(0.0),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn types(conn: &Connection, workspace_id: &str) -> Result<Vec<AsmType>> {
    record::select(
        conn,
        "workspace_id = ?1",
        &[&workspace_id],
        "created_at, id",
    )
}

/// For each site, the index in `types` of the type it falls into (None: no type matches). The
/// most specific match wins; among equals, the type created first.
pub fn assign(types: &[AsmType], sites: &[SiteFacts]) -> Vec<Option<usize>> {
    let keys: Vec<TypeKey> = types.iter().map(TypeKey::of).collect();
    sites
        .iter()
        .map(|site| {
            keys.iter()
                .enumerate()
                .filter(|(_, key)| key.matches(&site.key))
                .max_by_key(|(index, key)| (key.specificity(), std::cmp::Reverse(*index)))
                .map(|(index, _)| index)
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
    pub name: String,
    #[serde(flatten)]
    pub key: TypeKey,
    pub sites: usize,
    pub miners: i64,
}

/// The types Lode would define from the sites: each commodity, split along deposit group, then
/// mechanisation, then scale wherever at least two parts are large; the sites of small parts
/// stay with the broader type. Deterministic: the same sites give the same proposals.
pub fn propose(sites: &[SiteFacts], lang: Lang) -> Vec<Proposal> {
    let threshold = MIN_PROPOSAL_SITES.max((sites.len() as f64 * PROPOSAL_SHARE).ceil() as usize);
    let mut found = Vec::new();
    let mut by_commodity: BTreeMap<&str, Vec<&SiteFacts>> = BTreeMap::new();
    for site in sites {
        by_commodity
            .entry(&site.key.commodity)
            .or_default()
            .push(site);
    }
    for (commodity, group) in by_commodity {
        let key = TypeKey::default().with(0, commodity);
        split(key, group, 1, threshold, &mut found);
    }
    found
        .into_iter()
        .map(|(key, group)| Proposal {
            name: type_name(&key, lang),
            sites: group.len(),
            miners: group.iter().map(|s| s.miners()).sum(),
            key,
        })
        .collect()
}

fn split<'a>(
    key: TypeKey,
    sites: Vec<&'a SiteFacts>,
    dim: usize,
    threshold: usize,
    found: &mut Vec<(TypeKey, Vec<&'a SiteFacts>)>,
) {
    if dim == 4 {
        found.push((key, sites));
        return;
    }
    let mut parts: BTreeMap<&str, Vec<&SiteFacts>> = BTreeMap::new();
    for site in &sites {
        parts.entry(site.key.dims()[dim]).or_default().push(site);
    }
    let large: Vec<&str> = parts
        .iter()
        .filter(|(value, part)| !value.is_empty() && part.len() >= threshold)
        .map(|(value, _)| *value)
        .collect();
    if large.len() < 2 {
        split(key, sites, dim + 1, threshold, found);
        return;
    }
    let mut rest = Vec::new();
    for (value, part) in parts {
        if large.contains(&value) {
            split(key.with(dim, value), part, dim + 1, threshold, found);
        } else {
            rest.extend(part);
        }
    }
    if !rest.is_empty() {
        found.push((key, rest));
    }
}

/// "Gold · Hard rock · Semi-mechanised" from the set dimensions, in `lang`.
pub fn type_name(key: &TypeKey, lang: Lang) -> String {
    let short = |list: &str, code: &str| {
        let label = catalogue::label(lang, list, code);
        label.split(" (").next().map(str::to_owned).unwrap_or(label)
    };
    let lists = [
        "commodities",
        "deposit_groups",
        "mechanisation_levels",
        "scales",
    ];
    let parts: Vec<String> = key
        .dims()
        .iter()
        .zip(lists)
        .filter(|(code, _)| !code.is_empty())
        .map(|(code, list)| short(list, code))
        .collect();
    if parts.is_empty() {
        lode_core::messages::text(lang, "type.all_sites", &[])
    } else {
        parts.join(" · ")
    }
}

#[derive(Debug, Default, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Miners {
    pub female: i64,
    pub male: i64,
    #[serde(rename = "under18")]
    pub under18: i64,
    pub total: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CodeCount {
    pub code: String,
    pub sites: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Range {
    pub low: f64,
    pub high: f64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeProfile {
    #[serde(flatten)]
    pub asm_type: AsmType,
    pub rank: usize,
    pub total: f64,
    pub scores: BTreeMap<String, f64>,
    pub sites: usize,
    pub miners: Miners,
    pub regions: Vec<String>,
    pub techniques: Vec<CodeCount>,
    pub impacts: Vec<CodeCount>,
    pub unacceptable: Vec<String>,
    /// Sites using at least one unacceptable technique.
    pub unacceptable_sites: usize,
    pub mercury_kg: Range,
    pub production_value_usd: f64,
    pub leverage_score: f64,
    pub leverage_from_capacity: bool,
    pub manual_scores: BTreeMap<String, i64>,
    /// The `type_score` record behind each manual score, by criterion id (to change it).
    pub manual_score_ids: BTreeMap<String, String>,
    /// Sites of this type inside a large-mine concession or a protected area.
    #[serde(skip)]
    pub restricted_sites: usize,
    #[serde(skip)]
    pub site_ids: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Criterion {
    pub id: Option<String>,
    pub basis: String,
    pub name: String,
    pub weight: i64,
}

#[derive(Debug, Serialize)]
pub struct SiteRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct Unassigned {
    pub count: usize,
    pub sites: Vec<SiteRef>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TypesView {
    pub types: Vec<TypeProfile>,
    pub unassigned: Unassigned,
    pub proposals: Vec<Proposal>,
    pub criteria: Vec<Criterion>,
    pub capacity_mean: Option<f64>,
}

fn counts(lists: impl Iterator<Item = Vec<String>>) -> Vec<CodeCount> {
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    for list in lists {
        for code in list.into_iter().collect::<BTreeSet<_>>() {
            *tally.entry(code).or_default() += 1;
        }
    }
    let mut counted: Vec<CodeCount> = tally
        .into_iter()
        .map(|(code, sites)| CodeCount { code, sites })
        .collect();
    counted.sort_by(|a, b| b.sites.cmp(&a.sites).then(a.code.cmp(&b.code)));
    counted
}

fn profile(
    asm_type: AsmType,
    sites: &[&SiteFacts],
    categories: &HashMap<String, String>,
    capacity_mean: Option<f64>,
    manual: &[&TypeScore],
) -> TypeProfile {
    let techniques = counts(sites.iter().map(|s| s.techniques.clone()));
    let is_unacceptable =
        |code: &String| categories.get(code).map(String::as_str) == Some("unacceptable");
    let unacceptable_sites = sites
        .iter()
        .filter(|s| s.techniques.iter().any(is_unacceptable))
        .count();
    let unacceptable = techniques
        .iter()
        .filter(|t| is_unacceptable(&t.code))
        .map(|t| t.code.clone())
        .collect();
    let miners = sites.iter().fold(Miners::default(), |m, s| Miners {
        female: m.female + s.miners_female,
        male: m.male + s.miners_male,
        under18: m.under18 + s.miners_under18,
        total: m.total + s.miners(),
    });
    let leverage_from_capacity = asm_type.leverage.is_none();
    let leverage_score = asm_type
        .leverage
        .map_or(capacity_mean.unwrap_or(0.0), |l| l as f64);
    TypeProfile {
        rank: 0,
        total: 0.0,
        scores: BTreeMap::new(),
        sites: sites.len(),
        miners,
        regions: sites
            .iter()
            .map(|s| s.admin_unit.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
        impacts: counts(sites.iter().map(|s| s.impacts.clone())),
        unacceptable,
        unacceptable_sites,
        techniques,
        mercury_kg: Range {
            low: sites.iter().map(|s| s.mercury_kg.0).sum(),
            high: sites.iter().map(|s| s.mercury_kg.1).sum(),
        },
        production_value_usd: sites.iter().map(|s| s.value_usd).sum(),
        leverage_score,
        leverage_from_capacity,
        manual_scores: manual
            .iter()
            .map(|s| (s.criterion_id.clone(), s.score))
            .collect(),
        manual_score_ids: manual
            .iter()
            .map(|s| (s.criterion_id.clone(), s.meta.id.clone()))
            .collect(),
        restricted_sites: sites
            .iter()
            .filter(|s| {
                matches!(
                    s.legal_status.as_str(),
                    "inside_lsm_concession" | "inside_protected_area"
                )
            })
            .count(),
        site_ids: sites.iter().map(|s| s.id.clone()).collect(),
        asm_type,
    }
}

/// The criteria: the four built-ins (weight 25 until set) and the manual ones.
pub fn criteria(conn: &Connection, workspace_id: &str, lang: Lang) -> Result<Vec<Criterion>> {
    let saved: Vec<PriorityCriterion> = record::select(
        conn,
        "workspace_id = ?1",
        &[&workspace_id],
        "created_at, id",
    )?;
    let mut criteria: Vec<Criterion> = BUILT_IN
        .iter()
        .map(|&basis| {
            let record = saved.iter().find(|c| c.basis == basis);
            Criterion {
                id: record.map(|c| c.meta.id.clone()),
                basis: basis.to_owned(),
                name: lode_core::messages::text(lang, &format!("criterion.{basis}"), &[]),
                weight: record.map_or(DEFAULT_WEIGHT, |c| c.weight),
            }
        })
        .collect();
    criteria.extend(
        saved
            .iter()
            .filter(|c| c.basis == "manual")
            .map(|c| Criterion {
                id: Some(c.meta.id.clone()),
                basis: c.basis.clone(),
                name: c.name.clone(),
                weight: c.weight,
            }),
    );
    Ok(criteria)
}

/// The key a criterion's score is kept under in `TypeProfile::scores`.
fn score_key(criterion: &Criterion) -> String {
    match (&criterion.id, criterion.basis.as_str()) {
        (Some(id), "manual") => id.clone(),
        _ => criterion.basis.clone(),
    }
}

/// Scores each type 0–1 on each criterion, the weighted total 0–100, and the rank (highest total
/// first; ties by name, then id, so the order never depends on chance).
pub fn rank(profiles: &mut [TypeProfile], criteria: &[Criterion]) {
    let max = |value: fn(&TypeProfile) -> f64, profiles: &[TypeProfile]| {
        profiles.iter().map(value).fold(0.0_f64, f64::max)
    };
    let most_miners = max(|p| p.miners.total as f64, profiles);
    let most_value = max(|p| p.production_value_usd, profiles);
    let share = |part: f64, whole: f64| if whole > 0.0 { part / whole } else { 0.0 };
    let weights: i64 = criteria.iter().map(|c| c.weight).sum();
    for p in profiles.iter_mut() {
        let mut total = 0.0;
        for criterion in criteria {
            let score = match criterion.basis.as_str() {
                "people_affected" => share(p.miners.total as f64, most_miners),
                "unacceptable_severity" => share(p.unacceptable_sites as f64, p.sites as f64),
                "economic_value" => share(p.production_value_usd, most_value),
                "government_leverage" => p.leverage_score / 3.0,
                _ => criterion
                    .id
                    .as_ref()
                    .and_then(|id| p.manual_scores.get(id))
                    .map_or(0.0, |s| *s as f64 / 5.0),
            };
            total += score * criterion.weight as f64;
            p.scores.insert(score_key(criterion), score);
        }
        p.total = if weights > 0 {
            100.0 * total / weights as f64
        } else {
            0.0
        };
    }
    profiles.sort_by(|a, b| {
        b.total
            .total_cmp(&a.total)
            .then_with(|| a.asm_type.name.cmp(&b.asm_type.name))
            .then_with(|| a.asm_type.meta.id.cmp(&b.asm_type.meta.id))
    });
    for (index, p) in profiles.iter_mut().enumerate() {
        p.rank = index + 1;
    }
}

/// The mean capacity score (0–3) of the matrix, if anything is assessed.
pub fn capacity_mean(conn: &Connection, workspace_id: &str) -> Result<Option<f64>> {
    Ok(conn.query_row(
        "SELECT avg(score) FROM capacity_cell WHERE workspace_id = ?1 AND deleted = 0",
        [workspace_id],
        |row| row.get(0),
    )?)
}

/// Every type with its profile and rank, the sites no type takes, and the proposals not yet
/// defined.
pub fn view(conn: &Connection, workspace_id: &str, lang: Lang) -> Result<TypesView> {
    let sites = site_facts(conn, workspace_id)?;
    let defined = types(conn, workspace_id)?;
    let assignment = assign(&defined, &sites);
    let categories = vision::categories(conn, workspace_id)?;
    let capacity_mean = capacity_mean(conn, workspace_id)?;
    let criteria = criteria(conn, workspace_id, lang)?;
    let scores: Vec<TypeScore> = record::select(conn, "workspace_id = ?1", &[&workspace_id], "id")?;
    let mut profiles: Vec<TypeProfile> = defined
        .iter()
        .enumerate()
        .map(|(index, asm_type)| {
            let members: Vec<&SiteFacts> = sites
                .iter()
                .zip(&assignment)
                .filter(|(_, assigned)| **assigned == Some(index))
                .map(|(site, _)| site)
                .collect();
            let manual: Vec<&TypeScore> = scores
                .iter()
                .filter(|s| s.type_id == asm_type.meta.id)
                .collect();
            profile(
                asm_type.clone(),
                &members,
                &categories,
                capacity_mean,
                &manual,
            )
        })
        .collect();
    rank(&mut profiles, &criteria);
    let unassigned: Vec<&SiteFacts> = sites
        .iter()
        .zip(&assignment)
        .filter(|(_, assigned)| assigned.is_none())
        .map(|(site, _)| site)
        .collect();
    let defined_keys: BTreeSet<TypeKey> = defined.iter().map(TypeKey::of).collect();
    Ok(TypesView {
        types: profiles,
        unassigned: Unassigned {
            count: unassigned.len(),
            sites: unassigned
                .iter()
                .take(50)
                .map(|s| SiteRef {
                    id: s.id.clone(),
                    name: s.name.clone(),
                })
                .collect(),
        },
        proposals: propose(&sites, lang)
            .into_iter()
            .filter(|p| !defined_keys.contains(&p.key))
            .collect(),
        criteria,
        capacity_mean,
    })
}

/// Saves every proposal not yet defined as a type; returns how many were created.
pub fn accept_proposals(
    w: &crate::writer::Writer,
    workspace_id: &str,
    lang: Lang,
) -> Result<usize> {
    let proposals = view(w.tx(), workspace_id, lang)?.proposals;
    for p in &proposals {
        let fields = serde_json::json!({
            "name": p.name, "commodity": p.key.commodity, "depositGroup": p.key.deposit_group,
            "mechanisation": p.key.mechanisation, "scale": p.key.scale, "toFormalise": true,
        });
        crate::kinds::save(w, workspace_id, AsmType::KIND, None, &fields)?;
    }
    Ok(proposals.len())
}
