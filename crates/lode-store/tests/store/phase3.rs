//! Phase 3 on fixtures counted by hand: budget totals and warnings, dependencies, zones, the
//! progress log, computed indicators, measurements, reviews, and the traceability chain.

use crate::common::*;
use lode_core::{Lang, StepId};
use lode_store::{StoreError, monitoring, plan, trace, workbench};
use serde_json::json;
use std::collections::BTreeMap;

fn amounts(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
    pairs.iter().map(|(c, a)| ((*c).to_owned(), *a)).collect()
}

#[test]
fn budget_totals_add_up_by_year_type_department_and_funding() {
    let (mut fx, ws) = with_workspace();
    save(
        &mut fx,
        &ws,
        "plan_period",
        None,
        &json!({"startOn": "2027-01-01", "endOn": "2028-12-31"}),
    );
    let gold = save(
        &mut fx,
        &ws,
        "asm_type",
        None,
        &json!({"name": "Gold", "commodity": "gold"}),
    );
    let tin = save(
        &mut fx,
        &ws,
        "asm_type",
        None,
        &json!({"name": "Tin", "commodity": "tin"}),
    );
    let mines = save(
        &mut fx,
        &ws,
        "task_force_member",
        None,
        &json!({"agency": "mines", "department": "ASM unit", "focalPerson": "A", "level": "national"}),
    );
    let donor = save(
        &mut fx,
        &ws,
        "partner",
        None,
        &json!({"organisation": "planetGOLD", "partnerType": "donor"}),
    );
    save(
        &mut fx,
        &ws,
        "plan_action",
        None,
        &json!({"title": "Zones", "typeIds": [gold, tin], "departmentId": mines, "fundingPartnerId": donor,
                "startOn": "2027-01-01", "endOn": "2028-06-30",
                "budget": [{"amount": 100, "currency": "USD", "year": 2027}, {"amount": 50, "currency": "USD", "year": 2028}]}),
    );
    save(
        &mut fx,
        &ws,
        "plan_action",
        None,
        &json!({"title": "Radio", "typeIds": [gold], "startOn": "2027-03-01", "endOn": "2029-03-01",
                "budget": [{"amount": 30, "currency": "USD", "year": 2027}, {"amount": 2000, "currency": "CDF", "year": 2027}]}),
    );
    save(
        &mut fx,
        &ws,
        "plan_action",
        None,
        &json!({"title": "Census", "startOn": "2027-01-01", "endOn": "2027-12-31"}),
    );
    let view = plan::view(fx.store.conn(), &ws, Lang::En).unwrap();
    let totals = |list: &[plan::Total]| -> Vec<(String, BTreeMap<String, f64>)> {
        list.iter()
            .map(|t| (t.label.clone(), t.amounts.clone()))
            .collect()
    };
    assert_eq!(
        totals(&view.totals.by_year),
        [
            (
                "2027".to_owned(),
                amounts(&[("CDF", 2000.0), ("USD", 130.0)])
            ),
            ("2028".to_owned(), amounts(&[("USD", 50.0)])),
        ]
    );
    let by_type: BTreeMap<String, BTreeMap<String, f64>> =
        totals(&view.totals.by_type).into_iter().collect();
    assert_eq!(
        by_type["Gold"],
        amounts(&[("CDF", 2000.0), ("USD", 105.0)]),
        "half of 150, plus 30"
    );
    assert_eq!(by_type["Tin"], amounts(&[("USD", 75.0)]));
    let by_department: BTreeMap<String, BTreeMap<String, f64>> =
        totals(&view.totals.by_department).into_iter().collect();
    assert_eq!(
        by_department["Ministry of Mines · ASM unit"],
        amounts(&[("USD", 150.0)])
    );
    assert_eq!(
        by_department["None"],
        amounts(&[("CDF", 2000.0), ("USD", 30.0)])
    );
    let by_funding: BTreeMap<String, BTreeMap<String, f64>> =
        totals(&view.totals.by_funding).into_iter().collect();
    assert_eq!(by_funding["planetGOLD"], amounts(&[("USD", 150.0)]));
    assert_eq!(
        by_funding["Government budget"],
        amounts(&[("CDF", 2000.0), ("USD", 30.0)])
    );

    let warnings: BTreeMap<String, Vec<&str>> = view
        .actions
        .iter()
        .map(|a| (a.action.title.clone(), a.warnings.clone()))
        .collect();
    assert_eq!(warnings["Zones"], Vec::<&str>::new());
    assert_eq!(warnings["Radio"], ["no_owner", "outside_period"]);
    assert_eq!(warnings["Census"], ["no_owner", "no_budget"]);
}

#[test]
fn bad_budget_lines_dates_and_dependency_cycles_are_refused() {
    let (mut fx, ws) = with_workspace();
    assert_eq!(
        refused(
            &mut fx,
            &ws,
            "plan_action",
            json!({"title": "X", "startOn": "2027-05-01", "endOn": "2027-01-01",
                   "budget": [{"amount": -5, "currency": "US", "year": 1999}]})
        ),
        [
            "endOn:end_before_start",
            "budget-amount-0:negative",
            "budget-currency-0:invalid_currency",
            "budget-year-0:out_of_range"
        ]
    );
    let first = save(
        &mut fx,
        &ws,
        "plan_action",
        None,
        &json!({"title": "First", "startOn": "2027-01-01", "endOn": "2027-02-01"}),
    );
    let second = save(
        &mut fx,
        &ws,
        "plan_action",
        None,
        &json!({"title": "Second", "startOn": "2027-01-01", "endOn": "2027-02-01", "dependsOn": [first]}),
    );
    let cycle = fx.store.write(|w| {
        lode_store::kinds::save(
            w,
            &ws,
            "plan_action",
            Some(&first),
            &json!({"title": "First", "startOn": "2027-01-01", "endOn": "2027-02-01", "dependsOn": [second]}),
        )
    });
    match cycle {
        Err(StoreError::Invalid(invalid)) => assert_eq!(invalid.0[0].code, "cycle"),
        other => panic!("a cycle must be refused, got {other:?}"),
    }
}

#[test]
fn a_zone_polygon_must_be_valid_geojson() {
    let (mut fx, ws) = with_workspace();
    let zone = |polygon: serde_json::Value| json!({"name": "Z", "polygon": polygon});
    assert_eq!(
        refused(&mut fx, &ws, "asm_zone", zone(json!("not json"))),
        ["polygon:invalid_geojson"]
    );
    assert_eq!(
        refused(
            &mut fx,
            &ws,
            "asm_zone",
            zone(json!({"type": "Point", "coordinates": [1, 2]}))
        ),
        ["polygon:invalid_geojson"]
    );
    assert_eq!(
        refused(
            &mut fx,
            &ws,
            "asm_zone",
            zone(
                json!({"type": "Polygon", "coordinates": [[[28.1, -2.5], [28.2, -2.5], [28.2, -2.4]]]})
            )
        ),
        ["polygon:open_ring"]
    );
    assert_eq!(
        refused(
            &mut fx,
            &ws,
            "asm_zone",
            zone(
                json!({"type": "Polygon", "coordinates": [[[-2.5, 128.1], [-2.5, 128.2], [-2.4, 128.2], [-2.5, 128.1]]]})
            )
        ),
        ["polygon:out_of_range"]
    );
    let text = r#"{"type":"MultiPolygon","coordinates":[[[[28.1,-2.5],[28.2,-2.5],[28.2,-2.4],[28.1,-2.5]]]]}"#;
    save(&mut fx, &ws, "asm_zone", None, &zone(json!(text)));
}

#[test]
fn the_progress_log_sums_spend_and_keeps_the_latest_status() {
    let (mut fx, ws) = with_workspace();
    let action = save(
        &mut fx,
        &ws,
        "plan_action",
        None,
        &json!({"title": "Train", "startOn": "2027-01-01", "endOn": "2027-12-31"}),
    );
    assert_eq!(
        refused(
            &mut fx,
            &ws,
            "progress_entry",
            json!({"actionId": action, "period": "2027-Q5", "status": "done"})
        ),
        ["period:invalid_quarter"]
    );
    for (period, spend, status) in [("2027-Q1", 100, "on_track"), ("2027-Q2", 250, "delayed")] {
        save(
            &mut fx,
            &ws,
            "progress_entry",
            None,
            &json!({"actionId": action, "period": period, "spend": spend, "currency": "usd", "status": status}),
        );
    }
    let progress = plan::progress(fx.store.conn(), &ws).unwrap();
    assert_eq!(progress.entries[0].period, "2027-Q2");
    let summary = &progress.by_action[0];
    assert_eq!(summary.spend, amounts(&[("USD", 350.0)]));
    assert_eq!(
        (summary.last_status.as_str(), summary.last_period.as_str()),
        ("delayed", "2027-Q2")
    );
}

/// Four sites: 10 women and 30 men at two licensed sites, one using whole-ore amalgamation; two
/// unlicensed with 20 men each and mercury estimates 2–4 and 6 kg.
fn sites(fx: &mut Fixture, ws: &str) {
    let sites = [
        json!({"name": "A", "adminUnit": "W", "commodity": "gold", "legalStatus": "licensed", "minersFemale": 5, "minersMale": 15,
               "techniques": ["whole_ore_amalgamation"]}),
        json!({"name": "B", "adminUnit": "W", "commodity": "gold", "legalStatus": "licensed", "minersFemale": 5, "minersMale": 15}),
        json!({"name": "C", "adminUnit": "W", "commodity": "gold", "minersMale": 20, "mercuryKgLow": 2, "mercuryKgHigh": 4}),
        json!({"name": "D", "adminUnit": "W", "commodity": "gold", "minersMale": 20, "mercuryKgHigh": 6}),
    ];
    for site in sites {
        save(fx, ws, "site", None, &site);
    }
}

#[test]
fn indicators_lode_can_count_are_computed_from_its_records() {
    let (mut fx, ws) = with_workspace();
    sites(&mut fx, &ws);
    let value = |fx: &Fixture, code: &str| monitoring::compute(fx.store.conn(), &ws, code).unwrap();
    assert_eq!(value(&fx, "licensed_sites"), Some(2.0));
    assert_eq!(value(&fx, "mercury_used"), Some(9.0), "3 (mid of 2–4) + 6");
    assert_eq!(value(&fx, "women_pct_workforce"), Some(12.5), "10 of 80");
    assert_eq!(value(&fx, "pct_sites_annex_c_worst_practice"), Some(25.0));
    assert_eq!(value(&fx, "miners_trained"), None, "not computable");
    // The government may judge whole-ore amalgamation otherwise; the share follows.
    save(
        &mut fx,
        &ws,
        "technique_assessment",
        None,
        &json!({"technique": "whole_ore_amalgamation", "category": "poor", "rationale": "Retorts"}),
    );
    assert_eq!(value(&fx, "pct_sites_annex_c_worst_practice"), Some(0.0));
}

#[test]
fn a_computed_indicator_is_recorded_not_typed_and_progress_is_measured_to_target() {
    let (mut fx, ws) = with_workspace();
    sites(&mut fx, &ws);
    let licensed = save(
        &mut fx,
        &ws,
        "adopted_indicator",
        None,
        &json!({"indicator": "licensed_sites", "baseline": 0, "target": 8}),
    );
    assert_eq!(
        refused(
            &mut fx,
            &ws,
            "measurement",
            json!({"indicatorId": licensed, "on": "2027-03-31", "value": 3})
        ),
        ["value:computed"]
    );
    fx.store
        .write(|w| monitoring::record_computed(w, &ws, &licensed, "2027-03-31", Lang::En))
        .unwrap();
    let trained = save(
        &mut fx,
        &ws,
        "adopted_indicator",
        None,
        &json!({"indicator": "miners_trained", "baseline": 100, "target": 300}),
    );
    for (on, value) in [("2027-03-31", 150), ("2027-06-30", 200)] {
        save(
            &mut fx,
            &ws,
            "measurement",
            None,
            &json!({"indicatorId": trained, "on": on, "value": value}),
        );
    }
    assert_eq!(
        refused(
            &mut fx,
            &ws,
            "adopted_indicator",
            json!({"indicator": "miners_trained"})
        ),
        ["indicator:already_adopted"]
    );
    let view = monitoring::view(fx.store.conn(), &ws, Lang::En).unwrap();
    let of = |code: &str| {
        view.adopted
            .iter()
            .find(|a| a.indicator.indicator == code)
            .unwrap()
    };
    let licensed_view = of("licensed_sites");
    assert!(licensed_view.computable);
    assert_eq!(licensed_view.current, Some(2.0));
    assert_eq!(licensed_view.measurements[0].value, 2.0);
    assert_eq!(licensed_view.progress, Some(0.25));
    let trained_view = of("miners_trained");
    assert_eq!(trained_view.measurements.len(), 2);
    assert_eq!(
        trained_view.progress,
        Some(0.5),
        "from 100 to 200 of the way to 300"
    );
    assert_eq!(view.library.iter().filter(|e| e.computable).count(), 8);
}

#[test]
fn a_review_names_each_bad_adjustment() {
    let (mut fx, ws) = with_workspace();
    assert_eq!(
        refused(
            &mut fx,
            &ws,
            "review",
            json!({"heldOn": "2027-06-30", "findings": "Slow", "adjustments": [
                {"description": "Add a window"}, {"description": "", "actionId": "nope"}]})
        ),
        [
            "adjustments-description-1:required",
            "adjustments-action-1:invalid_choice"
        ]
    );
    save(
        &mut fx,
        &ws,
        "review",
        None,
        &json!({"heldOn": "2027-06-30", "findings": "Slow", "adjustments": [{"description": "Add a window", "strategyVersion": 1}]}),
    );
    let view = monitoring::view(fx.store.conn(), &ws, Lang::En).unwrap();
    assert_eq!(view.reviews[0].adjustments.0[0].strategy_version, Some(1));
}

#[test]
fn the_trace_walks_from_a_goal_to_actions_and_indicators_and_back() {
    let (mut fx, ws) = with_workspace();
    let event = save(
        &mut fx,
        &ws,
        "consultation_event",
        None,
        &json!({"heldOn": "2026-06-01", "place": "Kalima", "issuesRaised": "Mercury in the river"}),
    );
    let issue = save(
        &mut fx,
        &ws,
        "strategy_issue",
        None,
        &json!({"description": "Mercury exposure", "category": "health", "severity": 5,
                "evidence": [{"kind": "consultation_event", "id": event}]}),
    );
    let goal = save(
        &mut fx,
        &ws,
        "strategy_goal",
        None,
        &json!({"statement": "Halve mercury", "issues": [issue]}),
    );
    let gold = save(
        &mut fx,
        &ws,
        "asm_type",
        None,
        &json!({"name": "Gold", "commodity": "gold"}),
    );
    save(
        &mut fx,
        &ws,
        "strategy_measure",
        None,
        &json!({"typeId": gold, "instrument": "mercury_free_processing_centres", "approach": "impacts", "goals": [goal]}),
    );
    let action = save(
        &mut fx,
        &ws,
        "plan_action",
        None,
        &json!({"title": "Build two processing centres", "instrument": "mercury_free_processing_centres",
                "typeIds": [gold], "startOn": "2027-01-01", "endOn": "2028-12-31"}),
    );
    save(
        &mut fx,
        &ws,
        "plan_action",
        None,
        &json!({"title": "Unrelated", "instrument": "geological_data", "startOn": "2027-01-01", "endOn": "2027-12-31"}),
    );
    save(
        &mut fx,
        &ws,
        "adopted_indicator",
        None,
        &json!({"indicator": "mercury_used", "goalIds": [goal]}),
    );

    let from_goal = trace::trace(fx.store.conn(), &ws, Some(&goal), None, Lang::En).unwrap();
    assert_eq!(from_goal.goals.len(), 1);
    assert_eq!(from_goal.goals[0].statement, "Halve mercury");
    assert_eq!(from_goal.issues[0].description, "Mercury exposure");
    assert_eq!(from_goal.measures[0].type_name, "Gold");
    let titles: Vec<&str> = from_goal.actions.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Build two processing centres"]);
    assert_eq!(from_goal.indicators[0].indicator, "mercury_used");
    assert_eq!(from_goal.forum_input[0].place, "Kalima");

    let from_action = trace::trace(fx.store.conn(), &ws, None, Some(&action), Lang::En).unwrap();
    assert_eq!(from_action.goals.len(), 1, "the goal its measure serves");
    assert_eq!(from_action.goals[0].statement, "Halve mercury");
    assert_eq!(from_action.issues[0].description, "Mercury exposure");
    assert_eq!(
        from_action.forum_input[0].issues_raised,
        "Mercury in the river"
    );
    assert!(matches!(
        trace::trace(fx.store.conn(), &ws, None, None, Lang::En),
        Err(StoreError::TraceNeedsOneStart)
    ));
}

#[test]
fn the_register_and_delivered_outreach_meet_their_checklist_items() {
    let (mut fx, ws) = with_workspace();
    let shown = |fx: &Fixture, step: StepId| -> Vec<String> {
        workbench::step_page(fx.store.conn(), &ws, step, Lang::En, TODAY)
            .unwrap()
            .checklist
            .into_iter()
            .filter(|item| item.shown_by_records)
            .map(|item| item.key)
            .collect()
    };
    let has = |keys: &[String], key: &str| keys.iter().any(|k| k == key);
    let action = save(
        &mut fx,
        &ws,
        "plan_action",
        None,
        &json!({"title": "Radio spots", "startOn": "2026-01-01", "endOn": "2026-12-31"}),
    );
    save(
        &mut fx,
        &ws,
        "outreach_campaign",
        None,
        &json!({"audience": "Miners", "channel": "radio", "message": "Register", "actionId": action}),
    );
    let holder = |issued: &str| {
        json!({"holderKind": "individual", "name": format!("Holder {issued}"), "licenceType": "artisanal_permit",
               "status": "granted", "issuedOn": issued, "expiresOn": "2029-12-31"})
    };
    save(&mut fx, &ws, "licence_holder", None, &holder("2025-11-28"));
    assert!(has(&shown(&fx, StepId::Prepare), "registers_ready"));
    let implement = shown(&fx, StepId::Implement);
    assert!(
        !has(&implement, "registers_in_use"),
        "a licence issued a year ago to the day is not recent: {implement:?}"
    );
    assert!(
        !has(&implement, "outreach_delivered"),
        "a campaign whose action reports nothing is only planned"
    );

    save(&mut fx, &ws, "licence_holder", None, &holder("2025-11-29"));
    save(
        &mut fx,
        &ws,
        "progress_entry",
        None,
        &json!({"actionId": action, "period": "2026-Q3", "outputs": "120 spots aired", "status": "on_track"}),
    );
    let implement = shown(&fx, StepId::Implement);
    assert!(has(&implement, "registers_in_use"), "{implement:?}");
    assert!(has(&implement, "outreach_delivered"), "{implement:?}");
}

#[test]
fn the_demo_has_a_three_year_plan_a_register_indicators_and_a_review() {
    let mut fx = empty();
    let ws = lode_store::demo::ensure(&mut fx.store, Lang::En)
        .unwrap()
        .meta
        .id;
    let conn = fx.store.conn();
    let plan = plan::view(conn, &ws, Lang::En).unwrap();
    assert_eq!(plan.actions.len(), 40);
    let years: std::collections::BTreeSet<_> = plan
        .actions
        .iter()
        .map(|a| &a.action.start_on[..4])
        .collect();
    assert_eq!(years.len(), 3, "{years:?}");
    assert!(!plan.preparation.zones.is_empty());
    assert_eq!(
        plan.licence_types,
        ["artisanal_permit", "small_scale_licence"],
        "the licence types the strategy gives its types, offered first in the register"
    );
    let pilot_sites: Vec<&str> = plan
        .preparation
        .pilots
        .iter()
        .map(|p| p.site_name.as_str())
        .collect();
    assert!(
        !pilot_sites.is_empty() && pilot_sites.iter().all(|name| !name.is_empty()),
        "each pilot names its site: {pilot_sites:?}"
    );

    let summary = lode_store::licences::summary(conn, &ws, TODAY).unwrap();
    let holders: i64 = summary.by_status.iter().map(|s| s.count).sum();
    assert_eq!(holders, 2_000);
    assert!(
        summary.by_status.iter().all(|s| s.count > 0),
        "every status is shown: {:?}",
        summary.by_status
    );
    assert!(summary.renewals_due.count > 0, "renewals due near {TODAY}");
    let suspended: String = conn
        .query_row(
            "SELECT id FROM licence_holder WHERE status = 'suspended' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let history = lode_store::licences::detail(conn, &ws, &suspended)
        .unwrap()
        .history;
    let statuses: Vec<&str> = history.iter().map(|h| h.to.as_str()).collect();
    assert_eq!(statuses, ["granted", "suspended"]);

    let monitoring = monitoring::view(conn, &ws, Lang::En).unwrap();
    assert_eq!(monitoring.adopted.len(), 5);
    assert!(monitoring.adopted.iter().all(|a| a.measurements.len() == 8));
    assert_eq!(monitoring.reviews.len(), 1);

    for (step, key) in [
        (StepId::Prepare, "registers_ready"),
        (StepId::Implement, "registers_in_use"),
        (StepId::Implement, "outreach_delivered"),
    ] {
        let page = workbench::step_page(conn, &ws, step, Lang::En, TODAY).unwrap();
        let item = page.checklist.iter().find(|i| i.key == key).unwrap();
        assert!(item.shown_by_records, "{key} is met by the demo's records");
    }
}
