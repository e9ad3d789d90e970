//! Step 2.3: the strategy for each ASM type — an economics approach and an impacts approach, and
//! the measures (instruments from the catalogue) that carry them, each saying what it does to which
//! techniques and which goals it serves.

use crate::error::Result;
use crate::kinds::{Kind, owned};
use crate::record::{self, Json, Meta, record_type};
use crate::sector_types::{self, AsmType, TypeProfile};
use crate::vision::{self, Goal};
use crate::writer::Writer;
use lode_core::Lang;
use lode_core::catalogue;
use lode_core::form::Form;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;

const ALLOCATE_LAND: &[&str] = &["yes", "no", "undecided"];
const LAND_FORMS: &[&str] = &["asm_zone", "reserved_area"];
const IMPACTS_APPROACHES: &[&str] = &["license_regulate", "promote_good_practice", "both"];
const APPROACHES: &[&str] = &["economics", "impacts"];
pub const ACTIONS: &[&str] = &["eliminate", "improve", "promote"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeStrategy {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub type_id: String,
    pub allocate_land: String,
    pub land_form: String,
    pub land_notes: String,
    pub economics_rationale: String,
    pub impacts_approach: String,
    pub impacts_rationale: String,
    pub licence_type: String,
    pub transboundary: String,
}

record_type!(TypeStrategy, "type_strategy", {
    workspace_id, type_id, allocate_land, land_form, land_notes, economics_rationale,
    impacts_approach, impacts_rationale, licence_type, transboundary,
});

fn type_of(form: &mut Form, conn: &Connection, workspace_id: &str) -> String {
    let type_id = form.text("typeId");
    if type_id.is_empty() {
        form.fail("typeId", "required");
    } else if owned::<AsmType>(conn, workspace_id, &type_id).is_err() {
        form.fail("typeId", "invalid_choice");
    }
    type_id
}

impl Kind for TypeStrategy {
    const KIND: &'static str = "type_strategy";
    const STRATEGY: bool = true;

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, conn: &Connection) -> Result<Self> {
        Ok(TypeStrategy {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            type_id: type_of(form, conn, workspace_id),
            allocate_land: form.choice("allocateLand", ALLOCATE_LAND, false),
            land_form: form.choice("landForm", LAND_FORMS, false),
            land_notes: form.text("landNotes"),
            economics_rationale: form.text("economicsRationale"),
            impacts_approach: form.choice("impactsApproach", IMPACTS_APPROACHES, false),
            impacts_rationale: form.text("impactsRationale"),
            licence_type: form.code("licenceType", |c| catalogue::has("licence_types", c), false),
            transboundary: form.text("transboundary"),
        })
    }

    /// One strategy per type: a second is refused, so the officer edits the first.
    fn check_against_others(
        &self,
        form: &mut Form,
        conn: &Connection,
        id: Option<&str>,
    ) -> Result<()> {
        let taken: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM type_strategy WHERE workspace_id = ?1 AND deleted = 0
                 AND type_id = ?2 AND id IS NOT ?3)",
            rusqlite::params![self.workspace_id, self.type_id, id],
            |row| row.get(0),
        )?;
        if taken {
            form.fail("typeId", "already_has_strategy");
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Measure {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub type_id: String,
    pub instrument: String,
    pub approach: String,
    pub techniques: Json<Vec<String>>,
    pub action: String,
    pub goals: Json<Vec<String>>,
    pub rationale: String,
}

record_type!(Measure, "strategy_measure", {
    workspace_id, type_id, instrument, approach, techniques, action, goals, rationale,
});

impl Kind for Measure {
    const KIND: &'static str = "strategy_measure";
    const STRATEGY: bool = true;

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, conn: &Connection) -> Result<Self> {
        let type_id = type_of(form, conn, workspace_id);
        let techniques = form.codes("techniques", |c| catalogue::has("techniques", c));
        let action = form.choice("action", ACTIONS, !techniques.is_empty());
        let goals = vision::ids_of::<Goal>(form, "goals", conn, workspace_id)?;
        Ok(Measure {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            type_id,
            instrument: form.code("instrument", |c| catalogue::has("instruments", c), true),
            approach: form.choice("approach", APPROACHES, true),
            techniques: Json(techniques),
            action,
            goals: Json(goals),
            rationale: form.text("rationale"),
        })
    }
}

/// Tombstones the live rows of `table` whose `column` is `id` (what hangs on a deleted record).
pub(crate) fn tombstone_where(w: &Writer, table: &str, column: &str, id: &str) -> Result<()> {
    let ids: Vec<String> = {
        let mut statement = w.tx().prepare(&format!(
            "SELECT id FROM {table} WHERE {column} = ?1 AND deleted = 0"
        ))?;
        statement
            .query_map([id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    for dependent in ids {
        match table {
            "type_score" => {
                record::tombstone::<sector_types::TypeScore>(w, &dependent).map(drop)?
            }
            "type_strategy" => record::tombstone::<TypeStrategy>(w, &dependent).map(drop)?,
            _ => record::tombstone::<Measure>(w, &dependent).map(drop)?,
        }
    }
    Ok(())
}

pub fn strategies(conn: &Connection, workspace_id: &str) -> Result<Vec<TypeStrategy>> {
    record::select(
        conn,
        "workspace_id = ?1",
        &[&workspace_id],
        "created_at, id",
    )
}

pub fn measures(conn: &Connection, workspace_id: &str) -> Result<Vec<Measure>> {
    record::select(
        conn,
        "workspace_id = ?1",
        &[&workspace_id],
        "created_at, id",
    )
}

/// How many measures serve each goal, by goal id.
pub fn goals_served(conn: &Connection, workspace_id: &str) -> Result<HashMap<String, usize>> {
    let mut served = HashMap::new();
    for measure in measures(conn, workspace_id)? {
        for goal in measure.goals.0 {
            *served.entry(goal).or_default() += 1;
        }
    }
    Ok(served)
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TechniqueAction {
    pub code: String,
    pub category: String,
    pub sites: usize,
    /// What the type's measures do to it; None: nothing yet.
    pub action: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeStrategyView {
    #[serde(rename = "type")]
    pub profile: TypeProfile,
    pub strategy: Option<TypeStrategy>,
    pub measures: Vec<Measure>,
    pub techniques: Vec<TechniqueAction>,
}

#[derive(Debug, Serialize)]
pub struct StrategiesView {
    pub types: Vec<TypeStrategyView>,
}

/// The strongest action the measures take on `technique`: eliminate over improve over promote.
pub fn action_on<'a>(measures: &[&'a Measure], technique: &str) -> Option<&'a str> {
    ACTIONS.iter().copied().find(|action| {
        measures
            .iter()
            .any(|m| m.action == *action && m.techniques.0.iter().any(|t| t == technique))
    })
}

/// Every type, in rank order, with its strategy, its measures and the techniques at its sites.
pub fn view(conn: &Connection, workspace_id: &str, lang: Lang) -> Result<StrategiesView> {
    let profiles = sector_types::view(conn, workspace_id, lang)?.types;
    let strategies = strategies(conn, workspace_id)?;
    let measures = measures(conn, workspace_id)?;
    let categories = vision::categories(conn, workspace_id)?;
    let types = profiles
        .into_iter()
        .map(|profile| {
            let id = &profile.asm_type.meta.id;
            let own: Vec<&Measure> = measures.iter().filter(|m| &m.type_id == id).collect();
            let techniques = profile
                .techniques
                .iter()
                .map(|t| TechniqueAction {
                    code: t.code.clone(),
                    category: categories.get(&t.code).cloned().unwrap_or_default(),
                    sites: t.sites,
                    action: action_on(&own, &t.code).map(str::to_owned),
                })
                .collect();
            TypeStrategyView {
                strategy: strategies.iter().find(|s| &s.type_id == id).cloned(),
                measures: own.into_iter().cloned().collect(),
                techniques,
                profile,
            }
        })
        .collect();
    Ok(StrategiesView { types })
}
