//! Every Phase 1 record kind through the one write path, and what Lode computes from them.

use crate::common::*;
use lode_core::readiness::StepStatus;
use lode_core::{Lang, StepId};
use lode_store::site::{self, SiteQuery};
use lode_store::{context, forum, kinds, workbench};
use serde_json::{Value, json};

/// Ids of records that other kinds refer to.
struct Refs {
    node_a: String,
    node_b: String,
    meeting: String,
    asm_type: String,
    criterion: String,
    action: String,
    indicator: String,
}

/// A valid record of each kind, referring to `refs`.
fn sample(kind: &str, refs: &Refs) -> Value {
    let Refs {
        node_a,
        node_b,
        meeting,
        asm_type,
        criterion,
        action,
        indicator,
    } = refs;
    match kind {
        "task_force_charter" => json!({"mandate": "Decree 12", "leadAgency": "mines"}),
        "task_force_member" => {
            json!({"agency": "lands", "focalPerson": "K. Mensah", "level": "district"})
        }
        "task_force_meeting" => json!({"heldOn": "2026-05-04"}),
        "meeting_action" => json!({"meetingId": meeting, "description": "Write to Finance"}),
        "forum_charter" => {
            json!({"termsOfReference": "Quarterly forum", "meetingsPerYear": 4, "levels": ["district"]})
        }
        "stakeholder" => {
            json!({"organisation": "Kalima miners' cooperative", "group": "associations_cooperatives", "representativeSex": "female", "influence": 4, "interest": 5})
        }
        "consultation_event" => {
            json!({"heldOn": "2026-06-01", "place": "Kalima", "steps": ["1.2"], "attendance": [{"group": "women_miners", "female": 12, "male": 0}]})
        }
        "site" => {
            json!({"name": "Mukungwe", "adminUnit": "Walungu", "latitude": -2.6, "longitude": 28.7, "commodity": "gold", "minersFemale": 40, "minersMale": 160, "minersUnder18": 12})
        }
        "capacity_cell" => {
            json!({"office": "Walungu mining office", "function": "inspection", "score": 1, "staff": 3})
        }
        "supply_node" => json!({"name": "Kamituga comptoir", "nodeType": "local_buyer"}),
        "supply_flow" => {
            json!({"fromNode": node_a, "toNode": node_b, "volume": 12.5, "volumeUnit": "kg/month", "crossBorder": true})
        }
        "political_actor" => {
            json!({"name": "Chief of Luhwindja", "actorType": "customary_authority", "power": 4})
        }
        "partner" => {
            json!({"organisation": "planetGOLD", "partnerType": "development_partner", "roles": ["finance", "implement"], "funds": 250000, "currency": "USD", "startOn": "2026-01-01", "endOn": "2028-12-31"})
        }
        "vision" => json!({"statement": "Safe, legal and mercury-free ASM by 2032"}),
        "strategy_issue" => {
            json!({"description": "Whole-ore amalgamation", "category": "health", "severity": 5, "scope": "regional"})
        }
        "strategy_goal" => {
            json!({"statement": "Halve mercury use", "indicators": ["mercury_used"], "target": "-50% by 2030"})
        }
        "technique_assessment" => {
            json!({"technique": "whole_ore_amalgamation", "category": "unacceptable"})
        }
        "asm_type" => {
            json!({"name": "Alluvial gold", "commodity": "gold", "depositGroup": "alluvial"})
        }
        "priority_criterion" => json!({"basis": "manual", "name": "Conflict risk", "weight": 10}),
        "type_score" => json!({"typeId": asm_type, "criterionId": criterion, "score": 4}),
        "type_strategy" => {
            json!({"typeId": asm_type, "allocateLand": "yes", "landForm": "asm_zone", "impactsApproach": "both", "licenceType": "artisanal_permit"})
        }
        "strategy_measure" => {
            json!({"typeId": asm_type, "instrument": "mercury_free_processing_centres", "approach": "impacts", "techniques": ["whole_ore_amalgamation"], "action": "eliminate"})
        }
        "plan_period" => json!({"startOn": "2027-01-01", "endOn": "2029-12-31", "currency": "USD"}),
        "plan_action" => {
            json!({"title": "Open a one-stop licensing window", "instrument": "one_stop_licensing_window",
                   "typeIds": [asm_type], "startOn": "2027-02-01", "endOn": "2027-12-31",
                   "budget": [{"amount": 50000, "currency": "USD", "year": 2027}]})
        }
        "capacity_building" => json!({"skill": "Site inspection", "trainees": 12}),
        "legal_reform" => json!({"instrument": "Mining Code", "change": "Create artisanal zones"}),
        "outreach_campaign" => {
            json!({"audience": "Pit owners", "channel": "radio", "message": "Permits cost less now"})
        }
        "pilot" => {
            json!({"intervention": "mercury_free_processing_centres", "hypothesis": "Recovery rises"})
        }
        "asm_zone" => {
            json!({"name": "Walungu zone", "polygon": {"type": "Polygon", "coordinates": [[[28.1, -2.5], [28.2, -2.5], [28.2, -2.4], [28.1, -2.5]]]}})
        }
        "progress_entry" => {
            json!({"actionId": action, "period": "2027-Q1", "status": "on_track", "spend": 1000, "currency": "USD"})
        }
        "adopted_indicator" => json!({"indicator": "miners_trained", "baseline": 0, "target": 500}),
        "measurement" => json!({"indicatorId": indicator, "on": "2027-03-31", "value": 40}),
        "review" => {
            json!({"heldOn": "2027-06-30", "findings": "Licensing is slow", "adjustments": [{"description": "Add a second window"}]})
        }
        "licence_holder" => {
            json!({"holderKind": "individual", "name": "Aline Bahati", "licenceType": "artisanal_permit", "status": "applied"})
        }
        other => panic!("no sample for {other}"),
    }
}

fn audit_actions(fx: &Fixture, table: &str, id: &str) -> Vec<String> {
    fx.store
        .conn()
        .prepare(
            "SELECT action FROM audit_log WHERE table_name = ?1 AND record_id = ?2 ORDER BY seq",
        )
        .unwrap()
        .query_map([table, id], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn every_kind_is_created_updated_and_tombstoned_with_an_audit_row_each_time() {
    let (mut fx, ws) = with_workspace();
    let node_a = save(
        &mut fx,
        &ws,
        "supply_node",
        None,
        &json!({"name": "Pit", "nodeType": "mine_site"}),
    );
    let node_b = save(
        &mut fx,
        &ws,
        "supply_node",
        None,
        &json!({"name": "Buyer", "nodeType": "local_buyer"}),
    );
    let meeting = save(
        &mut fx,
        &ws,
        "task_force_meeting",
        None,
        &json!({"heldOn": "2026-01-10"}),
    );
    let asm_type = save(&mut fx, &ws, "asm_type", None, &json!({"name": "Gold"}));
    let criterion = save(
        &mut fx,
        &ws,
        "priority_criterion",
        None,
        &json!({"basis": "manual", "name": "Security", "weight": 5}),
    );
    let action = save(
        &mut fx,
        &ws,
        "plan_action",
        None,
        &json!({"title": "Train inspectors", "startOn": "2027-01-01", "endOn": "2027-06-30"}),
    );
    let indicator = save(
        &mut fx,
        &ws,
        "adopted_indicator",
        None,
        &json!({"indicator": "inspections_carried_out"}),
    );
    let refs = Refs {
        node_a,
        node_b,
        meeting,
        asm_type,
        criterion,
        action,
        indicator,
    };
    for &kind in kinds::KINDS {
        let mut fields = sample(kind, &refs);
        let id = save(&mut fx, &ws, kind, None, &fields);
        fields["notes"] = json!("changed");
        fields["place"] = json!("changed");
        fields["mandate"] = json!("changed");
        fields["decisions"] = json!("changed");
        fields["description"] = json!("changed");
        fields["termsOfReference"] = json!("changed");
        fields["impactNotes"] = json!("changed");
        fields["theme"] = json!("changed");
        fields["role"] = json!("changed");
        fields["statement"] = json!("changed");
        fields["rationale"] = json!("changed");
        fields["justification"] = json!("changed");
        fields["weight"] = json!(30);
        fields["score"] = json!(2);
        fields["landNotes"] = json!("changed");
        fields["title"] = json!("changed");
        fields["skill"] = json!("changed");
        fields["change"] = json!("changed");
        fields["message"] = json!("changed");
        fields["hypothesis"] = json!("changed");
        fields["outputs"] = json!("changed");
        fields["findings"] = json!("changed");
        fields["geologyNotes"] = json!("changed");
        fields["value"] = json!(41);
        fields["target"] = json!(600);
        fields["endOn"] = json!("2028-12-31");
        fields["licenceNumber"] = json!("changed");
        save(&mut fx, &ws, kind, Some(&id), &fields);
        let table: String = fx
            .store
            .conn()
            .query_row(
                "SELECT table_name FROM audit_log WHERE record_id = ?1 LIMIT 1",
                [&id],
                |r| r.get(0),
            )
            .unwrap();
        fx.store
            .write(|w| kinds::delete(w, &ws, kind, &id))
            .unwrap();
        assert_eq!(
            audit_actions(&fx, &table, &id),
            ["insert", "update", "delete"],
            "{kind}"
        );
        let (deleted, version): (bool, i64) = fx
            .store
            .conn()
            .query_row(
                &format!("SELECT deleted, version FROM {table} WHERE id = ?1"),
                [&id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(
            deleted && version == 3,
            "{kind} must leave a tombstone at version 3"
        );
    }
}

#[test]
fn impossible_site_values_are_each_refused_with_the_field_named() {
    let (mut fx, ws) = with_workspace();
    let errors = refused(
        &mut fx,
        &ws,
        "site",
        json!({"name": "X", "adminUnit": "Y", "latitude": 95, "longitude": 10, "commodity": "unobtainium",
               "minersFemale": -1, "minersMale": 5, "minersUnder18": 9, "mercuryKgLow": 10, "mercuryKgHigh": 2}),
    );
    assert_eq!(
        errors,
        [
            "latitude:out_of_range",
            "minersFemale:negative",
            "minersUnder18:exceeds_total",
            "mercuryKgHigh:below_low",
            "commodity:invalid_choice"
        ]
    );
    assert_eq!(
        site::count(fx.store.conn(), &ws).unwrap(),
        0,
        "nothing half-saved"
    );
}

#[test]
fn a_partner_cannot_end_before_it_starts_and_a_flow_needs_two_places() {
    let (mut fx, ws) = with_workspace();
    let errors = refused(
        &mut fx,
        &ws,
        "partner",
        json!({"organisation": "X", "partnerType": "donor", "startOn": "2027-01-01", "endOn": "2026-01-01"}),
    );
    assert_eq!(errors, ["endOn:end_before_start"]);
    let node = save(
        &mut fx,
        &ws,
        "supply_node",
        None,
        &json!({"name": "Pit", "nodeType": "mine_site"}),
    );
    let errors = refused(
        &mut fx,
        &ws,
        "supply_flow",
        json!({"fromNode": node, "toNode": node}),
    );
    assert_eq!(errors, ["toNode:same_node"]);
}

fn add_site(
    fx: &mut Fixture,
    ws: &str,
    name: &str,
    commodity: &str,
    deposit: &str,
    (female, male, under18): (i64, i64, i64),
    mercury: Option<(f64, f64)>,
) {
    let mut fields = json!({"name": name, "adminUnit": "Walungu", "commodity": commodity, "depositType": deposit,
                            "minersFemale": female, "minersMale": male, "minersUnder18": under18});
    if let Some((low, high)) = mercury {
        fields["mercuryKgLow"] = json!(low);
        fields["mercuryKgHigh"] = json!(high);
    }
    save(fx, ws, "site", None, &fields);
}

#[test]
fn the_overview_matches_hand_counted_sites() {
    let (mut fx, ws) = with_workspace();
    add_site(
        &mut fx,
        &ws,
        "A",
        "gold",
        "alluvial",
        (10, 30, 4),
        Some((5.0, 8.0)),
    );
    add_site(
        &mut fx,
        &ws,
        "B",
        "gold",
        "hard_rock_open_pit",
        (0, 50, 0),
        Some((20.0, 35.5)),
    );
    add_site(&mut fx, &ws, "C", "tin", "alluvial", (7, 13, 2), None);
    add_site(&mut fx, &ws, "D", "gold", "", (3, 0, 0), None);
    let overview = context::view(fx.store.conn(), &ws).unwrap().overview;
    assert_eq!(overview.sites, 4);
    assert_eq!(
        (
            overview.miners.female,
            overview.miners.male,
            overview.miners.under18,
            overview.miners.total
        ),
        (20, 93, 6, 113)
    );
    let gold = &overview.by_commodity[0];
    assert_eq!(
        (gold.code.as_str(), gold.sites, gold.miners.total),
        ("gold", 3, 93)
    );
    let tin = &overview.by_commodity[1];
    assert_eq!(
        (tin.code.as_str(), tin.sites, tin.miners.total),
        ("tin", 1, 20)
    );
    let alluvial = overview
        .by_deposit
        .iter()
        .find(|b| b.code == "alluvial")
        .unwrap();
    assert_eq!((alluvial.sites, alluvial.miners.female), (2, 17));
    assert!(
        overview
            .by_deposit
            .iter()
            .any(|b| b.code.is_empty() && b.sites == 1),
        "unrecorded deposits are counted as such"
    );
    assert_eq!(
        (
            overview.mercury_kg.low,
            overview.mercury_kg.high,
            overview.mercury_kg.sites_with_estimate
        ),
        (25.0, 43.5, 2)
    );
}

#[test]
fn the_sites_query_filters_sorts_and_pages_in_sql() {
    let (mut fx, ws) = with_workspace();
    for i in 0..30 {
        let commodity = if i % 3 == 0 { "tin" } else { "gold" };
        add_site(
            &mut fx,
            &ws,
            &format!("Site {i:02}"),
            commodity,
            "alluvial",
            (i, 1, 0),
            None,
        );
    }
    let page = site::list(
        fx.store.conn(),
        &ws,
        &SiteQuery {
            commodity: "gold".into(),
            limit: 5,
            offset: 5,
            ..SiteQuery::default()
        },
    )
    .unwrap();
    assert_eq!(page.total, 20);
    let names: Vec<&str> = page.rows.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["Site 08", "Site 10", "Site 11", "Site 13", "Site 14"]
    );
    let top = site::list(
        fx.store.conn(),
        &ws,
        &SiteQuery {
            sort: "minersFemale".into(),
            descending: true,
            limit: 2,
            ..SiteQuery::default()
        },
    )
    .unwrap();
    assert_eq!(top.rows[0].name, "Site 29");
    let search = site::list(
        fx.store.conn(),
        &ws,
        &SiteQuery {
            text: "site 2".into(),
            limit: 100,
            ..SiteQuery::default()
        },
    )
    .unwrap();
    assert_eq!(search.total, 10, "Site 20 to Site 29");
    let hostile = site::list(
        fx.store.conn(),
        &ws,
        &SiteQuery {
            sort: "name; DROP TABLE site".into(),
            limit: 1,
            ..SiteQuery::default()
        },
    )
    .unwrap();
    assert_eq!(hostile.total, 30, "an unknown sort falls back to the name");
}

#[test]
fn the_forum_measures_gender_balance_silent_groups_and_regularity() {
    let (mut fx, ws) = with_workspace();
    save(
        &mut fx,
        &ws,
        "forum_charter",
        None,
        &json!({"meetingsPerYear": 4}),
    );
    for (org, group) in [
        ("Coop A", "associations_cooperatives"),
        ("Women miners of Kalima", "women_miners"),
        ("Comptoir X", "traders"),
    ] {
        save(
            &mut fx,
            &ws,
            "stakeholder",
            None,
            &json!({"organisation": org, "group": group}),
        );
    }
    save(
        &mut fx,
        &ws,
        "consultation_event",
        None,
        &json!({"heldOn": "2026-03-10", "attendance": [
        {"group": "associations_cooperatives", "female": 3, "male": 17}, {"group": "women_miners", "female": 10, "male": 0}]}),
    );
    save(
        &mut fx,
        &ws,
        "consultation_event",
        None,
        &json!({"heldOn": "2025-06-01", "attendance": [{"group": "traders", "female": 0, "male": 0}]}),
    );
    let view = forum::view(fx.store.conn(), &ws, "2026-11-28").unwrap();
    assert_eq!(
        (view.gender_balance.female, view.gender_balance.male),
        (13, 17)
    );
    assert!((view.gender_balance.female_share.unwrap() - 13.0 / 30.0).abs() < 1e-9);
    assert_eq!(
        view.groups_never_consulted,
        ["traders"],
        "a group with no one attending was never heard"
    );
    assert_eq!(view.regularity.held_last12_months, 1);
    assert_eq!(view.regularity.meets_terms, Some(false));
}

#[test]
fn phase_one_readiness_moves_as_records_are_added() {
    let (mut fx, ws) = with_workspace();
    let status = |fx: &Fixture, index: usize| {
        let home = workbench::home(fx.store.conn(), &ws, Lang::En, TODAY).unwrap();
        let step = &home.phases[0].steps[index];
        (step.status, step.done, step.total)
    };
    let (state, done, total) = status(&fx, 0);
    assert_eq!((state, done), (StepStatus::NotStarted, 0));
    save(
        &mut fx,
        &ws,
        "task_force_member",
        None,
        &json!({"agency": "finance", "focalPerson": "F", "level": "national"}),
    );
    assert_eq!(status(&fx, 0), (StepStatus::InProgress, 1, total));
    add_site(&mut fx, &ws, "A", "gold", "alluvial", (1, 1, 0), None);
    assert_eq!(status(&fx, 2).0, StepStatus::InProgress);
}

#[test]
fn checklist_items_the_records_show_done_are_met_without_a_tick() {
    let (mut fx, ws) = with_workspace();
    let page = |fx: &Fixture| {
        workbench::step_page(fx.store.conn(), &ws, StepId::TaskForce, Lang::Fr, TODAY).unwrap()
    };
    let shown = |page: &workbench::StepPage| -> Vec<String> {
        page.checklist
            .iter()
            .filter(|item| item.shown_by_records)
            .map(|item| item.key.clone())
            .collect()
    };
    assert!(shown(&page(&fx)).is_empty());
    save(
        &mut fx,
        &ws,
        "task_force_member",
        None,
        &json!({"agency": "finance", "focalPerson": "F", "level": "national"}),
    );
    save(
        &mut fx,
        &ws,
        "task_force_charter",
        None,
        &json!({"mandate": "Coordinate", "legalBasis": "Order 12", "leadAgency": "mines"}),
    );
    let after = page(&fx);
    assert_eq!(shown(&after), ["mandate_adopted", "member_finance"]);
    assert_eq!(after.summary.done, 2);
    assert!(
        !after.summary.missing.iter().any(|m| m.contains("Finances")),
        "the finance ministry sits on the task force: {:?}",
        after.summary.missing
    );
    assert!(
        after
            .summary
            .missing
            .iter()
            .any(|m| m.contains("Secrétariat")),
        "the missing items are named in the user's language: {:?}",
        after.summary.missing
    );
    let item = after
        .checklist
        .iter()
        .find(|item| item.key == "member_finance")
        .unwrap();
    assert!(!item.ticked, "met by the records, not by a tick");

    fx.store
        .write(|w| {
            workbench::set_checklist_item(
                w,
                &ws,
                StepId::TaskForce,
                "secretariat_in_place",
                true,
                None,
                "",
            )
        })
        .unwrap();
    assert_eq!(
        page(&fx).summary.done,
        3,
        "a tick counts where the records say nothing"
    );
}

#[test]
fn site_names_sort_without_regard_to_case() {
    let (mut fx, ws) = with_workspace();
    for name in ["bukavu pit", "Apollo", "Kamituga", "alpha ridge"] {
        add_site(&mut fx, &ws, name, "gold", "alluvial", (1, 1, 0), None);
    }
    let query = SiteQuery {
        limit: 10,
        ..SiteQuery::default()
    };
    let page = site::list(fx.store.conn(), &ws, &query).unwrap();
    let names: Vec<&str> = page.rows.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["alpha ridge", "Apollo", "bukavu pit", "Kamituga"]);
}

#[test]
fn the_capacity_matrix_has_one_cell_per_office_and_function() {
    let (mut fx, ws) = with_workspace();
    let cell = json!({"office": "Kono district office", "function": "inspection", "score": 1});
    let id = save(&mut fx, &ws, "capacity_cell", None, &cell);
    let again = json!({"office": "KONO district office", "function": "inspection", "score": 2});
    assert_eq!(
        refused(&mut fx, &ws, "capacity_cell", again.clone()),
        ["function:duplicate_cell"]
    );
    assert_eq!(
        save(&mut fx, &ws, "capacity_cell", Some(&id), &again),
        id,
        "the cell itself can be edited"
    );
    let other = json!({"office": "Kono district office", "function": "licensing", "score": 0});
    save(&mut fx, &ws, "capacity_cell", None, &other);
    fx.store
        .write(|w| kinds::delete(w, &ws, "capacity_cell", &id))
        .unwrap();
    save(&mut fx, &ws, "capacity_cell", None, &cell);
}

#[test]
fn attendance_errors_name_the_row_and_column() {
    let (mut fx, ws) = with_workspace();
    let event = json!({"heldOn": "2026-06-01", "attendance": [
        {"group": "women_miners", "female": 12, "male": 0},
        {"group": "", "female": 3, "male": -1},
    ]});
    assert_eq!(
        refused(&mut fx, &ws, "consultation_event", event),
        ["attendance-group-1:required", "attendance-male-1:negative"]
    );
}
