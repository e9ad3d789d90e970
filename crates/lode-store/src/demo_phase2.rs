//! The demo workspace's Phase 2, built on its Phase 1: techniques assessed, issues with evidence,
//! goals and a vision; the proposed types accepted, weighed and justified; a strategy with measures
//! for every type — and one deliberate incoherence (a subsidy promoting a technique another type
//! eliminates) for the checks of step 2.4 to catch.

use crate::error::Result;
use crate::kinds;
use crate::sector_types::{self, TypeProfile};
use crate::writer::Writer;
use lode_core::{Lang, messages};
use serde_json::{Value, json};

struct Demo<'a, 'w> {
    w: &'a Writer<'w>,
    workspace_id: &'a str,
    lang: Lang,
}

impl Demo<'_, '_> {
    fn save(&self, kind: &str, id: Option<&str>, fields: Value) -> Result<String> {
        kinds::save(self.w, self.workspace_id, kind, id, &fields)
    }

    fn text(&self, key: &str) -> String {
        messages::text(self.lang, key, &[])
    }

    /// The first live record of `table`, for evidence.
    fn first(&self, table: &str) -> Result<String> {
        Ok(self.w.tx().query_row(
            &format!(
                "SELECT id FROM {table} WHERE workspace_id = ?1 AND deleted = 0 ORDER BY created_at, id LIMIT 1"
            ),
            [self.workspace_id],
            |row| row.get(0),
        )?)
    }

    /// Sites using `technique`, at most `limit`.
    fn sites_using(&self, technique: &str, limit: i64) -> Result<Vec<String>> {
        let mut statement = self.w.tx().prepare(
            "SELECT s.id FROM site s, json_each(s.techniques) t WHERE s.workspace_id = ?1
               AND s.deleted = 0 AND t.value = ?2 ORDER BY s.name LIMIT ?3",
        )?;
        let ids = statement
            .query_map(
                rusqlite::params![self.workspace_id, technique, limit],
                |row| row.get(0),
            )?
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
    let goals = vision(&demo)?;
    types(&demo)?;
    strategies(&demo, &goals)
}

fn vision(demo: &Demo) -> Result<Vec<String>> {
    demo.save(
        "technique_assessment",
        None,
        json!({"technique": "whole_ore_amalgamation", "category": "unacceptable",
               "source": demo.text("demo.p2.annex_c_source")}),
    )?;
    demo.save(
        "technique_assessment",
        None,
        json!({"technique": "tailings_into_waterways", "category": "unacceptable",
               "rationale": demo.text("demo.p2.tailings_rationale")}),
    )?;
    let mut evidence: Vec<Value> = demo
        .sites_using("whole_ore_amalgamation", 3)?
        .into_iter()
        .map(|id| json!({"kind": "site", "id": id}))
        .collect();
    evidence.push(json!({"kind": "consultation_event", "id": demo.first("consultation_event")?}));
    let mercury = demo.save(
        "strategy_issue",
        None,
        json!({"description": demo.text("demo.p2.issue_mercury"), "category": "health", "severity": 5,
               "scope": "regional", "evidence": evidence}),
    )?;
    let informality = demo.save(
        "strategy_issue",
        None,
        json!({"description": demo.text("demo.p2.issue_informality"), "category": "economic", "severity": 4,
               "scope": "regional", "evidence": [{"kind": "political_actor", "id": demo.first("political_actor")?},
                                                  {"kind": "supply_node", "id": demo.first("supply_node")?}]}),
    )?;
    let capacity = demo.save(
        "strategy_issue",
        None,
        json!({"description": demo.text("demo.p2.issue_capacity"), "category": "social", "severity": 3,
               "scope": "regional", "evidence": [{"kind": "capacity_cell", "id": demo.first("capacity_cell")?}]}),
    )?;
    let goals = [
        (
            "demo.p2.goal_mercury",
            mercury,
            "mercury_used",
            "demo.p2.target_mercury",
        ),
        (
            "demo.p2.goal_formal",
            informality,
            "pct_miners_formalised",
            "demo.p2.target_formal",
        ),
        (
            "demo.p2.goal_capacity",
            capacity,
            "inspections_carried_out",
            "demo.p2.target_capacity",
        ),
    ];
    let ids = goals
        .into_iter()
        .map(|(statement, issue, indicator, target)| {
            demo.save(
                "strategy_goal",
                None,
                json!({"statement": demo.text(statement), "issues": [issue], "indicators": [indicator],
                       "target": demo.text(target)}),
            )
        })
        .collect::<Result<_>>()?;
    demo.save(
        "vision",
        None,
        json!({"statement": demo.text("demo.p2.vision"), "adoptedOn": "2026-10-15"}),
    )?;
    Ok(ids)
}

fn types(demo: &Demo) -> Result<()> {
    sector_types::accept_proposals(demo.w, demo.workspace_id, demo.lang)?;
    let weights = [40, 30, 15, 15];
    for (basis, weight) in sector_types::BUILT_IN.iter().zip(weights) {
        demo.save(
            "priority_criterion",
            None,
            json!({"basis": basis, "weight": weight}),
        )?;
    }
    for profile in profiles(demo)? {
        let t = &profile.asm_type;
        let justification = messages::text(
            demo.lang,
            "demo.p2.justification",
            &[
                ("rank", &profile.rank.to_string()),
                ("miners", &profile.miners.total.to_string()),
                ("unacceptable", &profile.unacceptable_sites.to_string()),
            ],
        );
        let mut fields = serde_json::to_value(t)?;
        fields["justification"] = json!(justification);
        demo.save("asm_type", Some(&t.meta.id), fields)?;
    }
    Ok(())
}

fn profiles(demo: &Demo) -> Result<Vec<TypeProfile>> {
    Ok(sector_types::view(demo.w.tx(), demo.workspace_id, demo.lang)?.types)
}

fn strategies(demo: &Demo, goals: &[String]) -> Result<()> {
    let profiles = profiles(demo)?;
    for profile in &profiles {
        let t = &profile.asm_type;
        let alluvial = t.deposit_group == "alluvial";
        let gold = t.commodity == "gold";
        demo.save(
            "type_strategy",
            None,
            json!({"typeId": t.meta.id, "allocateLand": if alluvial { "yes" } else { "undecided" },
                   "landForm": if alluvial { "asm_zone" } else { "" },
                   "landNotes": if alluvial { demo.text("demo.p2.land_notes") } else { String::new() },
                   "economicsRationale": demo.text("demo.p2.economics_rationale"),
                   "impactsApproach": "both", "impactsRationale": demo.text("demo.p2.impacts_rationale"),
                   "licenceType": if t.scale == "small_scale" || t.mechanisation == "semi_mechanised" { "small_scale_licence" } else { "artisanal_permit" },
                   "transboundary": if gold { demo.text("demo.p2.transboundary") } else { String::new() }}),
        )?;
        demo.save(
            "strategy_measure",
            None,
            json!({"typeId": t.meta.id, "instrument": "licensing_regulation_enforcement", "approach": "impacts",
                   "techniques": profile.unacceptable, "action": "eliminate", "goals": [goals[0], goals[2]],
                   "rationale": demo.text("demo.p2.eliminate_rationale")}),
        )?;
        demo.save(
            "strategy_measure",
            None,
            json!({"typeId": t.meta.id, "instrument": if gold { "supply_chain_initiatives" } else { "geological_data" },
                   "approach": "economics", "goals": [goals[1]], "rationale": demo.text("demo.p2.economics_rationale")}),
        )?;
    }
    deliberate_incoherence(demo, &profiles, goals)
}

/// The lowest-ranked type subsidises a technique that a higher-ranked type eliminates.
fn deliberate_incoherence(demo: &Demo, profiles: &[TypeProfile], goals: &[String]) -> Result<()> {
    let eliminated = profiles
        .iter()
        .find_map(|p| p.unacceptable.first().cloned());
    if let (Some(technique), Some(last)) = (eliminated, profiles.last()) {
        demo.save(
            "strategy_measure",
            None,
            json!({"typeId": last.asm_type.meta.id, "instrument": "input_subsidies", "approach": "economics",
                   "techniques": [technique], "action": "promote", "goals": [goals[1]],
                   "rationale": demo.text("demo.p2.subsidy_rationale")}),
        )?;
    }
    Ok(())
}
