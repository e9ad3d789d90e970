//! Checklist items that a step's records already show done, so an officer never ticks by hand what
//! Lode can see (a legal basis typed into the charter, a partner register with partners in it). A
//! ticked item stays met whatever the records say: the officer may know of work kept elsewhere.

use crate::error::Result;
use crate::kinds::singleton;
use crate::{
    finalise, forum, monitoring, partner, plan, sector_types, strategy, task_force, vision,
};
use lode_core::StepId;
use rusqlite::Connection;
use std::collections::HashSet;

/// The agency whose focal person makes each `member_*` item of step 1.1 met.
const MEMBER_ITEMS: &[(&str, &str)] = &[
    ("member_mining", "mines"),
    ("member_environment", "environment"),
    ("member_land", "lands"),
    ("member_finance", "finance"),
    ("member_planning", "planning"),
    ("member_water", "water"),
    ("member_labour", "labour"),
];

/// Checklist keys of `step` that the workspace's records show done; `today` is YYYY-MM-DD.
pub fn items_shown_done(
    conn: &Connection,
    workspace_id: &str,
    step: StepId,
    today: &str,
) -> Result<HashSet<&'static str>> {
    let facts = match step {
        StepId::TaskForce => task_force_items(conn, workspace_id)?,
        StepId::StakeholderForum => forum_items(conn, workspace_id, today)?,
        StepId::ContextAnalysis => context_items(conn, workspace_id)?,
        StepId::Partners => partner_items(conn, workspace_id)?,
        StepId::Vision => vision_items(conn, workspace_id)?,
        StepId::TypesAndPriorities => types_items(conn, workspace_id)?,
        StepId::StrategyPerType => strategy_items(conn, workspace_id)?,
        StepId::Finalise => finalise_items(conn, workspace_id)?,
        StepId::Prepare => prepare_items(conn, workspace_id)?,
        StepId::Implement => implement_items(conn, workspace_id, today)?,
        StepId::MonitorAndEvaluate => monitoring_items(conn, workspace_id)?,
    };
    Ok(facts
        .into_iter()
        .filter_map(|(key, met)| met.then_some(key))
        .collect())
}

type Facts = Vec<(&'static str, bool)>;

fn filled(text: &str) -> bool {
    !text.trim().is_empty()
}

fn task_force_items(conn: &Connection, workspace_id: &str) -> Result<Facts> {
    let charter: Option<task_force::Charter> = singleton(conn, workspace_id)?;
    let members = task_force::members(conn, workspace_id)?;
    let charter_has = |test: fn(&task_force::Charter) -> bool| charter.as_ref().is_some_and(test);
    let mut facts = vec![
        (
            "mandate_adopted",
            charter_has(|c| filled(&c.mandate) && filled(&c.legal_basis)),
        ),
        (
            "lead_agency_chair_named",
            charter_has(|c| filled(&c.lead_agency) && filled(&c.chair)),
        ),
        (
            "secretariat_in_place",
            charter_has(|c| filled(&c.secretariat)),
        ),
        (
            "budget_secured",
            charter_has(|c| c.budget_amount.is_some_and(|amount| amount > 0.0)),
        ),
    ];
    facts.extend(
        MEMBER_ITEMS
            .iter()
            .map(|&(key, agency)| (key, members.iter().any(|m| m.agency == agency))),
    );
    Ok(facts)
}

fn forum_items(conn: &Connection, workspace_id: &str, today: &str) -> Result<Facts> {
    let charter: Option<forum::ForumCharter> = singleton(conn, workspace_id)?;
    let stakeholders = forum::stakeholders(conn, workspace_id)?;
    let events = forum::events(conn, workspace_id)?;
    let registered = |group: &str| stakeholders.iter().any(|s| s.stakeholder_group == group);
    let heard = |group: &str| {
        events
            .iter()
            .flat_map(|e| e.attendance.0.iter())
            .any(|row| row.group == group && row.female + row.male > 0)
    };
    let raised: Vec<_> = events.iter().filter(|e| filled(&e.issues_raised)).collect();
    Ok(vec![
        (
            "terms_of_reference_agreed",
            charter
                .as_ref()
                .is_some_and(|c| filled(&c.terms_of_reference)),
        ),
        ("stakeholder_register", !stakeholders.is_empty()),
        (
            "women_youth_represented",
            registered("women_miners") && registered("youth"),
        ),
        (
            "miners_associations_consulted",
            heard("associations_cooperatives"),
        ),
        (
            "meets_per_terms",
            forum::regularity(charter.as_ref(), &events, today).meets_terms == Some(true),
        ),
        (
            "government_response_recorded",
            !raised.is_empty() && raised.iter().all(|e| filled(&e.government_response)),
        ),
    ])
}

fn context_items(conn: &Connection, workspace_id: &str) -> Result<Facts> {
    let count = |table: &str, condition: &str| -> Result<i64> {
        Ok(conn.query_row(
            &format!(
                "SELECT count(*) FROM {table} WHERE workspace_id = ?1 AND deleted = 0 AND ({condition})"
            ),
            [workspace_id],
            |row| row.get(0),
        )?)
    };
    let sites = count("site", "1")?;
    let every_site = |condition: &str| -> Result<bool> {
        Ok(sites > 0 && count("site", &format!("NOT ({condition})"))? == 0)
    };
    let gold_sites = count("site", "commodity = 'gold'")?;
    let gold_sites_estimated = count(
        "site",
        "commodity = 'gold' AND (mercury_kg_low IS NOT NULL OR mercury_kg_high IS NOT NULL)",
    )?;
    Ok(vec![
        ("sector_overview_sites", sites > 0),
        (
            "mercury_use_estimated",
            gold_sites > 0 && gold_sites_estimated == gold_sites,
        ),
        ("capacity_assessed", count("capacity_cell", "1")? > 0),
        ("supply_chain_mapped", count("supply_flow", "1")? > 0),
        (
            "political_economy_analysed",
            count("political_actor", "1")? > 0,
        ),
        (
            "sources_confidence_recorded",
            every_site("source <> '' AND confidence <> ''")?,
        ),
        (
            "data_disaggregated",
            every_site("miners_female + miners_male > 0 AND legal_status <> ''")?,
        ),
    ])
}

fn partner_items(conn: &Connection, workspace_id: &str) -> Result<Facts> {
    let partners = partner::list(conn, workspace_id)?;
    let any_of = |types: &[&str]| {
        partners
            .iter()
            .any(|p| types.contains(&p.partner_type.as_str()))
    };
    Ok(vec![
        ("partner_register", !partners.is_empty()),
        (
            "donors_contacted",
            any_of(&["donor", "development_partner"]),
        ),
        (
            "private_sector_contacted",
            any_of(&["private_sector", "financial_entity", "downstream_company"]),
        ),
        (
            "neighbouring_states_contacted",
            any_of(&["neighbouring_state"]),
        ),
        (
            "roles_agreed",
            !partners.is_empty() && partners.iter().all(|p| !p.roles.0.is_empty()),
        ),
        (
            "funding_recorded",
            partners.iter().any(|p| p.funds.is_some_and(|f| f > 0.0)),
        ),
    ])
}

fn vision_items(conn: &Connection, workspace_id: &str) -> Result<Facts> {
    let issues = vision::issues(conn, workspace_id)?;
    let goals = vision::goals(conn, workspace_id)?;
    let techniques_used = !vision::technique_use(conn, workspace_id)?.is_empty();
    let statement: Option<vision::Vision> = singleton(conn, workspace_id)?;
    Ok(vec![
        (
            "issues_identified",
            !issues.is_empty() && issues.iter().all(|i| !i.evidence.0.is_empty()),
        ),
        ("goals_set", !goals.is_empty()),
        (
            "goal_indicators_proposed",
            !goals.is_empty() && goals.iter().all(|g| !g.indicators.0.is_empty()),
        ),
        ("techniques_listed", techniques_used),
        (
            "techniques_classified",
            techniques_used && !vision::assessments(conn, workspace_id)?.is_empty(),
        ),
        (
            "vision_drafted",
            statement.is_some_and(|v| filled(&v.statement)),
        ),
    ])
}

fn types_items(conn: &Connection, workspace_id: &str) -> Result<Facts> {
    let view = sector_types::view(conn, workspace_id, lode_core::Lang::En)?;
    let types = &view.types;
    let any = !types.is_empty();
    Ok(vec![
        ("types_defined", any),
        ("sites_assigned", any && view.unassigned.count == 0),
        (
            "type_profiles_completed",
            any && types.iter().all(|t| t.sites > 0),
        ),
        (
            "leverage_rated",
            any && (view.capacity_mean.is_some()
                || types.iter().all(|t| !t.leverage_from_capacity)),
        ),
        (
            "criteria_weights_agreed",
            view.criteria.iter().any(|c| c.id.is_some()),
        ),
        (
            "types_ranked",
            any && types.iter().all(|t| filled(&t.asm_type.justification)),
        ),
    ])
}

fn strategy_items(conn: &Connection, workspace_id: &str) -> Result<Facts> {
    let types = sector_types::types(conn, workspace_id)?;
    let strategies = strategy::strategies(conn, workspace_id)?;
    let measures = strategy::measures(conn, workspace_id)?;
    let every_type = |test: &dyn Fn(&strategy::TypeStrategy) -> bool| {
        !types.is_empty()
            && types
                .iter()
                .all(|t| strategies.iter().any(|s| s.type_id == t.meta.id && test(s)))
    };
    let any_measure = |instruments: &[&str]| {
        measures
            .iter()
            .any(|m| instruments.contains(&m.instrument.as_str()))
    };
    let findings = finalise::check(
        &finalise::Strategy::read(conn, workspace_id, lode_core::Lang::En)?,
        lode_core::Lang::En,
    );
    Ok(vec![
        (
            "land_allocation_decided",
            every_type(&|s| filled(&s.allocate_land)),
        ),
        (
            "supply_chain_decided",
            any_measure(&["state_buying_scheme", "supply_chain_initiatives"]),
        ),
        (
            "services_decided",
            any_measure(&[
                "geological_data",
                "credit_insurance",
                "technical_expertise_equipment",
                "education_training",
                "financing_mechanisms",
            ]),
        ),
        (
            "impacts_approach_chosen",
            every_type(&|s| filled(&s.impacts_approach)),
        ),
        (
            "techniques_addressed",
            !types.is_empty()
                && !findings
                    .iter()
                    .any(|f| f.rule == "unacceptable_not_eliminated"),
        ),
    ])
}

fn finalise_items(conn: &Connection, workspace_id: &str) -> Result<Facts> {
    let strategy = finalise::Strategy::read(conn, workspace_id, lode_core::Lang::En)?;
    let findings = finalise::check(&strategy, lode_core::Lang::En);
    let has_types = !strategy.profiles.is_empty();
    let clear_of = |rules: &[&str]| has_types && !findings.iter().any(|f| rules.contains(&f.rule));
    let signed = finalise::current(conn, workspace_id)?.locked;
    Ok(vec![
        (
            "strategies_consolidated",
            clear_of(&["type_without_approaches"]),
        ),
        (
            "conflicts_between_types_resolved",
            clear_of(&["contradictory_measures"]),
        ),
        (
            "unacceptable_techniques_covered",
            clear_of(&["unacceptable_not_eliminated"]),
        ),
        ("legal_coherence_checked", clear_of(&["land_conflict"])),
        ("licence_types_assigned", clear_of(&["no_licence_type"])),
        (
            "transboundary_included",
            clear_of(&["transboundary_missing"]),
        ),
        (
            "mercury_trade_addressed",
            strategy
                .measures
                .iter()
                .any(|m| m.instrument == "mercury_trade_controls"),
        ),
        ("strategy_approved", signed),
    ])
}

fn live(conn: &Connection, table: &str, workspace_id: &str) -> Result<i64> {
    Ok(conn.query_row(
        &format!("SELECT count(*) FROM {table} WHERE workspace_id = ?1 AND deleted = 0"),
        [workspace_id],
        |row| row.get(0),
    )?)
}

fn prepare_items(conn: &Connection, workspace_id: &str) -> Result<Facts> {
    let actions = plan::actions(conn, workspace_id)?;
    let every_action =
        |test: &dyn Fn(&plan::PlanAction) -> bool| !actions.is_empty() && actions.iter().all(test);
    Ok(vec![
        (
            "actions_assigned",
            every_action(&|a| filled(&a.department_id)),
        ),
        (
            "budget_funding_identified",
            every_action(&|a| a.budget.0.iter().any(|line| line.amount > 0.0)),
        ),
        (
            "capacity_building_planned",
            live(conn, "capacity_building", workspace_id)? > 0,
        ),
        (
            "legal_reforms_identified",
            live(conn, "legal_reform", workspace_id)? > 0,
        ),
        (
            "registers_ready",
            live(conn, "licence_holder", workspace_id)? > 0,
        ),
        (
            "outreach_planned",
            live(conn, "outreach_campaign", workspace_id)? > 0,
        ),
        ("pilots_designed", live(conn, "pilot", workspace_id)? > 0),
        (
            "asm_zones_established",
            live(conn, "asm_zone", workspace_id)? > 0,
        ),
    ])
}

/// Whether a licence with an expiry date was issued in the year up to `today`: the register is
/// being kept, not only set up.
fn licences_issued_this_year(conn: &Connection, workspace_id: &str, today: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM licence_holder WHERE workspace_id = ?1 AND deleted = 0
         AND expires_on IS NOT NULL AND issued_on > date(?2, '-1 year') AND issued_on <= ?2)",
        [workspace_id, today],
        |row| row.get(0),
    )?)
}

fn implement_items(conn: &Connection, workspace_id: &str, today: &str) -> Result<Facts> {
    let actions = plan::actions(conn, workspace_id)?;
    let progress = plan::progress(conn, workspace_id)?;
    let started = actions
        .iter()
        .any(|a| matches!(a.status.as_str(), "in_progress" | "done"));
    // Outreach is delivered once the action carrying a campaign is done or reports outputs.
    let delivered = |action_id: &str| {
        actions
            .iter()
            .any(|a| a.meta.id == action_id && a.status == "done")
            || progress
                .entries
                .iter()
                .any(|e| e.action_id == action_id && filled(&e.outputs))
    };
    let outreach_delivered = plan::all::<plan::OutreachCampaign>(conn, workspace_id)?
        .iter()
        .any(|c| filled(&c.action_id) && delivered(&c.action_id));
    Ok(vec![
        ("priority_actions_started", started),
        ("progress_logged", !progress.entries.is_empty()),
        (
            "spending_tracked",
            progress.entries.iter().any(|e| e.spend.is_some()),
        ),
        (
            "registers_in_use",
            licences_issued_this_year(conn, workspace_id, today)?,
        ),
        ("outreach_delivered", outreach_delivered),
        (
            "issues_reported",
            progress.entries.iter().any(|e| filled(&e.issues)),
        ),
    ])
}

fn monitoring_items(conn: &Connection, workspace_id: &str) -> Result<Facts> {
    let adopted = monitoring::adopted(conn, workspace_id)?;
    let every = |test: &dyn Fn(&monitoring::AdoptedIndicator) -> bool| {
        !adopted.is_empty() && adopted.iter().all(test)
    };
    let reviews = monitoring::view(conn, workspace_id, lode_core::Lang::En)?.reviews;
    Ok(vec![
        (
            "indicators_defined",
            every(&|i| {
                !i.goal_ids.0.is_empty() || !i.action_ids.0.is_empty() || !i.techniques.0.is_empty()
            }),
        ),
        ("baselines_set", every(&|i| i.baseline.is_some())),
        (
            "targets_set",
            every(&|i| i.target.is_some() && i.target_on.is_some()),
        ),
        (
            "measurements_collected",
            live(conn, "measurement", workspace_id)? > 0,
        ),
        ("review_held", !reviews.is_empty()),
        (
            "next_review_scheduled",
            reviews.first().is_some_and(|r| r.next_on.is_some()),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use lode_core::Lang;
    use lode_core::guidance::guidance;

    /// Every key named here is an item of its step's checklist, in both languages.
    #[test]
    fn every_key_is_a_checklist_item_of_its_step() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let store = crate::Store::open(&dir.path().join("lode.db"), crate::Context::system())
            .expect("a new store");
        let conn = store.conn();
        for step in &StepId::ALL {
            let step = *step;
            let keys = all_keys(conn, step);
            assert!(!keys.is_empty(), "step {} has evidence", step.code());
            for lang in Lang::ALL {
                for key in &keys {
                    assert!(
                        guidance(lang).step(step).item(key).is_some(),
                        "{key} is not an item of step {} in {}",
                        step.code(),
                        lang.code()
                    );
                }
            }
        }
    }

    fn all_keys(conn: &Connection, step: StepId) -> Vec<&'static str> {
        let facts = match step {
            StepId::TaskForce => task_force_items(conn, "w"),
            StepId::StakeholderForum => forum_items(conn, "w", "2026-11-28"),
            StepId::ContextAnalysis => context_items(conn, "w"),
            StepId::Partners => partner_items(conn, "w"),
            StepId::Vision => vision_items(conn, "w"),
            StepId::TypesAndPriorities => types_items(conn, "w"),
            StepId::StrategyPerType => strategy_items(conn, "w"),
            StepId::Finalise => finalise_items(conn, "w"),
            StepId::Prepare => prepare_items(conn, "w"),
            StepId::Implement => implement_items(conn, "w", "2026-11-28"),
            StepId::MonitorAndEvaluate => monitoring_items(conn, "w"),
        };
        facts
            .expect("facts of an empty workspace")
            .into_iter()
            .map(|(key, met)| {
                assert!(!met, "{key} is not met in an empty workspace");
                key
            })
            .collect()
    }
}
