//! Step 1.3's other parts: the government capacity matrix, the supply-chain map and the
//! political-economy register; and the step's reader, which adds the sector overview.

use crate::error::Result;
use crate::kinds::{Kind, owned};
use crate::record::{self, Json, Meta, record_type};
use crate::site::{self, Overview};
use crate::writer::Writer;
use lode_core::catalogue;
use lode_core::form::Form;
use rusqlite::Connection;
use serde::Serialize;

const CLARITY: &[&str] = &["clear", "partial", "unclear"];
const LICENCE_STATUS: &[&str] = &["licensed", "unlicensed", "unknown"];

fn listed(list: &'static str) -> impl Fn(&str) -> bool {
    move |code| catalogue::has(list, code)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CapacityCell {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub office: String,
    pub function: String,
    pub staff: i64,
    pub field_offices: i64,
    pub vehicles: i64,
    pub budget_usd: Option<f64>,
    pub skills: String,
    pub data_systems: String,
    pub mandate_clarity: String,
    pub score: i64,
    pub gap: String,
    pub notes: String,
}

record_type!(CapacityCell, "capacity_cell", {
    workspace_id, office, function, staff, field_offices, vehicles, budget_usd, skills,
    data_systems, mandate_clarity, score, gap, notes,
});

impl Kind for CapacityCell {
    const KIND: &'static str = "capacity_cell";

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, _: &Connection) -> Result<Self> {
        let score = form.number("score", 0.0, 3.0);
        match score {
            None => form.fail("score", "required"),
            Some(n) if n.fract() != 0.0 => form.fail("score", "not_whole"),
            Some(_) => {}
        }
        Ok(CapacityCell {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            office: form.name("office"),
            function: form.code("function", listed("capacity_functions"), true),
            staff: form.count("staff"),
            field_offices: form.count("fieldOffices"),
            vehicles: form.count("vehicles"),
            budget_usd: form.number("budgetUsd", 0.0, 1e15),
            skills: form.text("skills"),
            data_systems: form.text("dataSystems"),
            mandate_clarity: form.choice("mandateClarity", CLARITY, false),
            score: score.unwrap_or(0.0) as i64,
            gap: form.text("gap"),
            notes: form.text("notes"),
        })
    }

    /// The matrix has one cell per office and function: a second is refused, naming the fix.
    fn check_against_others(
        &self,
        form: &mut Form,
        conn: &Connection,
        id: Option<&str>,
    ) -> Result<()> {
        let taken: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM capacity_cell WHERE workspace_id = ?1 AND deleted = 0
                 AND office = ?2 COLLATE NOCASE AND function = ?3 AND id IS NOT ?4)",
            rusqlite::params![self.workspace_id, self.office, self.function, id],
            |row| row.get(0),
        )?;
        if taken {
            form.fail("function", "duplicate_cell");
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SupplyNode {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub name: String,
    pub node_type: String,
    pub location: String,
    pub licence_status: String,
    pub risk_flags: Json<Vec<String>>,
    pub notes: String,
}

record_type!(SupplyNode, "supply_node", {
    workspace_id, name, node_type, location, licence_status, risk_flags, notes,
});

impl Kind for SupplyNode {
    const KIND: &'static str = "supply_node";

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, _: &Connection) -> Result<Self> {
        Ok(SupplyNode {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            name: form.name("name"),
            node_type: form.code("nodeType", listed("supply_chain_node_types"), true),
            location: form.text("location"),
            licence_status: form.choice("licenceStatus", LICENCE_STATUS, false),
            risk_flags: Json(form.codes("riskFlags", listed("annex_ii_risks"))),
            notes: form.text("notes"),
        })
    }

    /// A flow cannot stand without both of its ends.
    fn delete_dependents(w: &Writer, node: &Self) -> Result<()> {
        let flows: Vec<SupplyFlow> = record::select(
            w.tx(),
            "from_node = ?1 OR to_node = ?1",
            &[&node.meta.id],
            "id",
        )?;
        for flow in flows {
            record::tombstone::<SupplyFlow>(w, &flow.meta.id)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SupplyFlow {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub from_node: String,
    pub to_node: String,
    pub volume: Option<f64>,
    pub volume_unit: String,
    pub price: Option<f64>,
    pub currency: String,
    pub pre_finance: bool,
    pub tax_point: bool,
    pub cross_border: bool,
    pub licence_status: String,
    pub notes: String,
    pub commodity: String,
}

record_type!(SupplyFlow, "supply_flow", {
    workspace_id, from_node, to_node, volume, volume_unit, price, currency, pre_finance,
    tax_point, cross_border, licence_status, notes, commodity,
});

impl Kind for SupplyFlow {
    const KIND: &'static str = "supply_flow";

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, conn: &Connection) -> Result<Self> {
        let node = |form: &mut Form, field: &str| {
            let id = form.text(field);
            if id.is_empty() {
                form.fail(field, "required");
            } else if owned::<SupplyNode>(conn, workspace_id, &id).is_err() {
                form.fail(field, "invalid_choice");
            }
            id
        };
        let from_node = node(form, "fromNode");
        let to_node = node(form, "toNode");
        if !from_node.is_empty() && from_node == to_node {
            form.fail("toNode", "same_node");
        }
        let price = form.number("price", 0.0, 1e15);
        Ok(SupplyFlow {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            from_node,
            to_node,
            volume: form.number("volume", 0.0, 1e15),
            volume_unit: form.text("volumeUnit"),
            price,
            currency: crate::task_force::currency(form, "currency", price),
            pre_finance: form.flag("preFinance"),
            tax_point: form.flag("taxPoint"),
            cross_border: form.flag("crossBorder"),
            licence_status: form.choice("licenceStatus", LICENCE_STATUS, false),
            notes: form.text("notes"),
            commodity: form.code("commodity", listed("commodities"), false),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PoliticalActor {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub name: String,
    pub actor_type: String,
    pub interests: String,
    pub power: i64,
    pub rents: String,
    pub stance: String,
    pub notes: String,
}

record_type!(PoliticalActor, "political_actor", {
    workspace_id, name, actor_type, interests, power, rents, stance, notes,
});

impl Kind for PoliticalActor {
    const KIND: &'static str = "political_actor";

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, _: &Connection) -> Result<Self> {
        Ok(PoliticalActor {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            name: form.name("name"),
            actor_type: form.code("actorType", listed("political_actor_types"), true),
            interests: form.text("interests"),
            power: form.integer("power", 1, 5, 3),
            rents: form.text("rents"),
            stance: form.code("stance", listed("formalisation_stances"), false),
            notes: form.text("notes"),
        })
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContextView {
    pub overview: Overview,
    pub capacity: Vec<CapacityCell>,
    pub nodes: Vec<SupplyNode>,
    pub flows: Vec<SupplyFlow>,
    pub actors: Vec<PoliticalActor>,
}

fn of_workspace<K: Kind>(conn: &Connection, workspace_id: &str, order: &str) -> Result<Vec<K>> {
    record::select(conn, "workspace_id = ?1", &[&workspace_id], order)
}

pub fn view(conn: &Connection, workspace_id: &str) -> Result<ContextView> {
    Ok(ContextView {
        overview: site::overview(&site::all(conn, workspace_id)?),
        capacity: of_workspace(conn, workspace_id, "office, function, id")?,
        nodes: of_workspace(conn, workspace_id, "name, id")?,
        flows: of_workspace(conn, workspace_id, "created_at, id")?,
        actors: of_workspace(conn, workspace_id, "name, id")?,
    })
}
