//! Phase 2 on fixtures with known answers: type proposals and site assignment, deterministic
//! ranking, each coherence rule passing and failing, sign-off locking, versions compared.

use crate::common::*;
use lode_core::Lang;
use lode_store::finalise::{self, Finding};
use lode_store::sector_types;
use lode_store::{StoreError, finalise::FinaliseView, kinds, vision};
use serde_json::{Value, json};

/// 33 sites: 12 alluvial gold (manual, 20 miners each), 12 hard-rock gold (semi-mechanised, 150
/// miners each), 3 gold quarries (20 miners) and 6 alluvial tin sites (20 miners).
fn sites(fx: &mut Fixture, ws: &str) {
    let groups = [
        ("Alluvial gold", "gold", "alluvial", "manual", 12, 20),
        (
            "Hard-rock gold",
            "gold",
            "hard_rock_shaft",
            "semi_mechanised",
            12,
            150,
        ),
        ("Gold quarry", "gold", "quarry_sand_pit", "manual", 3, 20),
        ("Tin", "tin", "alluvial", "manual", 6, 20),
    ];
    for (name, commodity, deposit, mechanisation, count, miners) in groups {
        for i in 0..count {
            let fields = json!({"name": format!("{name} {i:02}"), "adminUnit": "Walungu",
                "commodity": commodity, "depositType": deposit, "mechanisation": mechanisation,
                "minersFemale": miners / 4, "minersMale": miners - miners / 4});
            save(fx, ws, "site", None, &fields);
        }
    }
}

fn accepted(fx: &mut Fixture, ws: &str) -> usize {
    fx.store
        .write(|w| sector_types::accept_proposals(w, ws, Lang::En))
        .unwrap()
}

fn types_view(fx: &Fixture, ws: &str) -> sector_types::TypesView {
    sector_types::view(fx.store.conn(), ws, Lang::En).unwrap()
}

fn type_id(fx: &Fixture, ws: &str, name: &str) -> String {
    types_view(fx, ws)
        .types
        .into_iter()
        .find(|t| t.asm_type.name == name)
        .unwrap_or_else(|| panic!("no type {name}"))
        .asm_type
        .meta
        .id
}

#[test]
fn types_are_proposed_from_the_sites_and_every_site_is_assigned() {
    let (mut fx, ws) = with_workspace();
    sites(&mut fx, &ws);
    let view = types_view(&fx, &ws);
    let proposed: Vec<(&str, usize, i64)> = view
        .proposals
        .iter()
        .map(|p| (p.name.as_str(), p.sites, p.miners))
        .collect();
    assert_eq!(
        proposed,
        [
            ("Gold · Alluvial and surface", 12, 240),
            ("Gold · Hard rock", 12, 1800),
            ("Gold", 3, 60),
            ("Tin", 6, 120),
        ]
    );
    assert_eq!(view.unassigned.count, 33, "no type yet");
    assert_eq!(accepted(&mut fx, &ws), 4);

    let view = types_view(&fx, &ws);
    assert_eq!(view.unassigned.count, 0);
    assert!(view.proposals.is_empty(), "every proposal is now a type");
    let sites_of = |name: &str| {
        view.types
            .iter()
            .find(|t| t.asm_type.name == name)
            .map(|t| t.sites)
    };
    assert_eq!(
        sites_of("Gold"),
        Some(3),
        "the quarries fall to the broad type"
    );
    assert_eq!(sites_of("Gold · Hard rock"), Some(12));
    let hard_rock = view
        .types
        .iter()
        .find(|t| t.asm_type.name == "Gold · Hard rock")
        .unwrap();
    assert_eq!(hard_rock.miners.female, 12 * 37);
    assert_eq!(hard_rock.regions, ["Walungu"]);

    save(
        &mut fx,
        &ws,
        "site",
        None,
        &json!({"name": "Lone diamond pit", "adminUnit": "Mwenga", "commodity": "diamonds"}),
    );
    let view = types_view(&fx, &ws);
    assert_eq!(view.unassigned.count, 1);
    assert_eq!(view.unassigned.sites[0].name, "Lone diamond pit");
}

#[test]
fn the_most_specific_type_takes_a_site_and_ties_go_to_the_first() {
    let (mut fx, ws) = with_workspace();
    sites(&mut fx, &ws);
    for name in ["Any gold", "Gold again"] {
        save(
            &mut fx,
            &ws,
            "asm_type",
            None,
            &json!({"name": name, "commodity": "gold"}),
        );
    }
    save(
        &mut fx,
        &ws,
        "asm_type",
        None,
        &json!({"name": "Shaft gold", "commodity": "gold", "depositGroup": "hard_rock", "scale": "small_scale"}),
    );
    let view = types_view(&fx, &ws);
    let sites_of = |name: &str| {
        view.types
            .iter()
            .find(|t| t.asm_type.name == name)
            .unwrap()
            .sites
    };
    assert_eq!(sites_of("Shaft gold"), 12);
    assert_eq!(sites_of("Any gold"), 15);
    assert_eq!(sites_of("Gold again"), 0);
    assert_eq!(view.unassigned.count, 6, "the tin sites");
}

fn ranking(fx: &Fixture, ws: &str) -> Vec<String> {
    types_view(fx, ws)
        .types
        .into_iter()
        .map(|t| format!("{} {:.0}", t.asm_type.name, t.total))
        .collect()
}

fn weigh(fx: &mut Fixture, ws: &str, weights: [i64; 4]) {
    let criteria = sector_types::criteria(fx.store.conn(), ws, Lang::En).unwrap();
    for (criterion, weight) in criteria.iter().zip(weights) {
        let fields = json!({"basis": criterion.basis, "weight": weight});
        save(
            fx,
            ws,
            "priority_criterion",
            criterion.id.as_deref(),
            &fields,
        );
    }
}

#[test]
fn the_ranking_follows_the_weights_and_is_the_same_every_time() {
    let (mut fx, ws) = with_workspace();
    sites(&mut fx, &ws);
    accepted(&mut fx, &ws);
    weigh(&mut fx, &ws, [100, 0, 0, 0]);
    assert_eq!(
        ranking(&fx, &ws),
        [
            "Gold · Hard rock 100",
            "Gold · Alluvial and surface 13",
            "Tin 7",
            "Gold 3"
        ]
    );
    // Tin earns money; weighting value first puts it on top.
    let tin = type_id(&fx, &ws, "Tin");
    let tin_site = lode_store::site::list(
        fx.store.conn(),
        &ws,
        &lode_store::site::SiteQuery {
            commodity: "tin".into(),
            limit: 1,
            ..Default::default()
        },
    )
    .unwrap()
    .rows
    .remove(0);
    let mut fields = serde_json::to_value(&tin_site).unwrap();
    fields["productionAmount"] = json!(100);
    fields["priceUsd"] = json!(20);
    save(&mut fx, &ws, "site", Some(&tin_site.meta.id), &fields);
    weigh(&mut fx, &ws, [0, 0, 100, 0]);
    let first = types_view(&fx, &ws).types.remove(0);
    assert_eq!(first.asm_type.meta.id, tin);
    assert_eq!(first.rank, 1);
    // Equal totals fall back to the name, so the order never depends on chance.
    assert_eq!(
        ranking(&fx, &ws)[1..],
        [
            "Gold 0",
            "Gold · Alluvial and surface 0",
            "Gold · Hard rock 0"
        ]
    );
    assert_eq!(ranking(&fx, &ws), ranking(&fx, &ws));
}

#[test]
fn a_manual_criterion_scores_each_type_by_hand() {
    let (mut fx, ws) = with_workspace();
    sites(&mut fx, &ws);
    accepted(&mut fx, &ws);
    weigh(&mut fx, &ws, [0, 0, 0, 0]);
    let security = save(
        &mut fx,
        &ws,
        "priority_criterion",
        None,
        &json!({"basis": "manual", "name": "Security risk", "weight": 50}),
    );
    let gold = type_id(&fx, &ws, "Gold");
    save(
        &mut fx,
        &ws,
        "type_score",
        None,
        &json!({"typeId": gold, "criterionId": security, "score": 5}),
    );
    let view = types_view(&fx, &ws);
    assert_eq!(view.types[0].asm_type.name, "Gold");
    assert_eq!(view.types[0].total, 100.0);
    assert_eq!(view.types[0].scores[&security], 1.0);
    assert_eq!(
        refused(
            &mut fx,
            &ws,
            "type_score",
            json!({"typeId": gold, "criterionId": security, "score": 2})
        ),
        ["score:already_scored"]
    );
}

#[test]
fn a_changed_category_needs_a_rationale_and_prevalence_comes_from_the_sites() {
    let (mut fx, ws) = with_workspace();
    for (name, techniques) in [
        ("A", json!(["whole_ore_amalgamation"])),
        ("B", json!(["whole_ore_amalgamation"])),
        ("C", json!([])),
        ("D", json!([])),
    ] {
        save(
            &mut fx,
            &ws,
            "site",
            None,
            &json!({"name": name, "adminUnit": "W", "commodity": "gold", "techniques": techniques,
                    "minersFemale": 5, "minersMale": 5}),
        );
    }
    let assessment = json!({"technique": "whole_ore_amalgamation", "category": "poor"});
    assert_eq!(
        refused(&mut fx, &ws, "technique_assessment", assessment),
        ["rationale:rationale_for_change"]
    );
    save(
        &mut fx,
        &ws,
        "technique_assessment",
        None,
        &json!({"technique": "whole_ore_amalgamation", "category": "poor", "rationale": "Retorts are already in use"}),
    );
    let rows = vision::technique_rows(fx.store.conn(), &ws, Lang::En).unwrap();
    let row = rows
        .iter()
        .find(|r| r.code == "whole_ore_amalgamation")
        .unwrap();
    assert_eq!((row.sites, row.miners, row.prevalence), (2, 20, 0.5));
    assert_eq!(
        (
            row.default_category.as_str(),
            row.category.as_str(),
            row.changed
        ),
        ("unacceptable", "poor", true)
    );
    assert_eq!(rows.len(), 50, "every catalogue technique is listed");
    assert_eq!(
        refused(
            &mut fx,
            &ws,
            "technique_assessment",
            json!({"technique": "whole_ore_amalgamation", "category": "unacceptable"})
        ),
        ["technique:already_assessed"]
    );
}

#[test]
fn an_issue_links_only_live_records_of_its_workspace() {
    let (mut fx, ws) = with_workspace();
    let site = save(
        &mut fx,
        &ws,
        "site",
        None,
        &json!({"name": "Mukungwe", "adminUnit": "Walungu", "commodity": "gold"}),
    );
    let issue = json!({"description": "Mercury in the river", "category": "environment", "severity": 4,
                       "evidence": [{"kind": "site", "id": site}, {"kind": "site", "id": "nope"}]});
    assert_eq!(
        refused(&mut fx, &ws, "strategy_issue", issue),
        ["evidence-1:invalid_choice"]
    );
    save(
        &mut fx,
        &ws,
        "strategy_issue",
        None,
        &json!({"description": "Mercury in the river", "category": "environment", "severity": 4,
                "evidence": [{"kind": "site", "id": site}]}),
    );
    let view = vision::view(fx.store.conn(), &ws, Lang::En).unwrap();
    assert_eq!(view.issues[0].evidence_labels[0].label, "Mukungwe");
}

/// A small coherent strategy: one gold type at two sites (one using whole-ore amalgamation), a
/// goal, and a strategy with a measure eliminating the technique and serving the goal.
struct Coherent {
    fx: Fixture,
    ws: String,
    gold: String,
    goal: String,
    strategy: String,
    measure: String,
}

fn coherent() -> Coherent {
    let (mut fx, ws) = with_workspace();
    for (name, techniques) in [
        ("Pit 1", json!(["whole_ore_amalgamation"])),
        ("Pit 2", json!([])),
    ] {
        save(
            &mut fx,
            &ws,
            "site",
            None,
            &json!({"name": name, "adminUnit": "W", "commodity": "gold", "techniques": techniques,
                    "minersFemale": 5, "minersMale": 5}),
        );
    }
    let gold = save(
        &mut fx,
        &ws,
        "asm_type",
        None,
        &json!({"name": "Gold", "commodity": "gold"}),
    );
    let goal = save(
        &mut fx,
        &ws,
        "strategy_goal",
        None,
        &json!({"statement": "End whole-ore amalgamation", "target": "By 2029"}),
    );
    let strategy = save(
        &mut fx,
        &ws,
        "type_strategy",
        None,
        &json!({"typeId": gold, "allocateLand": "yes", "impactsApproach": "both", "licenceType": "artisanal_permit"}),
    );
    let measure = save(
        &mut fx,
        &ws,
        "strategy_measure",
        None,
        &json!({"typeId": gold, "instrument": "mercury_free_processing_centres", "approach": "impacts",
                "techniques": ["whole_ore_amalgamation"], "action": "eliminate", "goals": [goal]}),
    );
    Coherent {
        fx,
        ws,
        gold,
        goal,
        strategy,
        measure,
    }
}

impl Coherent {
    fn rules(&self) -> Vec<&'static str> {
        self.findings().iter().map(|f| f.rule).collect()
    }

    fn findings(&self) -> Vec<Finding> {
        finalise::view(self.fx.store.conn(), &self.ws, Lang::En)
            .unwrap()
            .findings
    }

    fn save(&mut self, kind: &str, id: Option<&str>, fields: Value) -> String {
        save(&mut self.fx, &self.ws, kind, id, &fields)
    }

    fn strategy_with(&mut self, change: Value) {
        let mut fields = json!({"typeId": self.gold, "allocateLand": "yes", "impactsApproach": "both",
                                "licenceType": "artisanal_permit"});
        for (key, value) in change.as_object().unwrap() {
            fields[key] = value.clone();
        }
        let id = self.strategy.clone();
        self.save("type_strategy", Some(&id), fields);
    }
}

#[test]
fn a_coherent_strategy_has_no_findings() {
    let c = coherent();
    assert_eq!(c.rules(), Vec::<&str>::new());
}

#[test]
fn a_type_needs_both_approaches() {
    let mut c = coherent();
    c.strategy_with(json!({"allocateLand": "", "impactsApproach": ""}));
    let findings = c.findings();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].rule, "type_without_approaches");
    assert_eq!(findings[0].type_id.as_deref(), Some(c.gold.as_str()));
    assert_eq!(
        findings[0].message,
        "Gold lacks an economics approach, an impacts approach, or both."
    );
    let gold = c.gold.clone();
    c.save(
        "strategy_measure",
        None,
        json!({"typeId": gold, "instrument": "geological_data", "approach": "economics", "goals": [c.goal]}),
    );
    assert_eq!(
        c.rules(),
        Vec::<&str>::new(),
        "an impacts measure and an economics one"
    );
}

#[test]
fn every_unacceptable_technique_present_must_be_eliminated() {
    let mut c = coherent();
    let (gold, goal, measure) = (c.gold.clone(), c.goal.clone(), c.measure.clone());
    c.save(
        "strategy_measure",
        Some(&measure),
        json!({"typeId": gold, "instrument": "mercury_free_processing_centres", "approach": "impacts",
               "techniques": ["whole_ore_amalgamation"], "action": "improve", "goals": [goal]}),
    );
    let findings = c.findings();
    assert_eq!(c.rules(), ["unacceptable_not_eliminated"]);
    assert!(
        findings[0].message.contains("Whole-ore amalgamation"),
        "{}",
        findings[0].message
    );
    // The government may judge the technique otherwise, with a reason.
    c.save(
        "technique_assessment",
        None,
        json!({"technique": "whole_ore_amalgamation", "category": "poor", "rationale": "Small amounts, retorts used"}),
    );
    assert_eq!(c.rules(), Vec::<&str>::new());
}

#[test]
fn no_technique_is_both_eliminated_and_promoted() {
    let mut c = coherent();
    let (gold, goal) = (c.gold.clone(), c.goal.clone());
    let subsidy = c.save(
        "strategy_measure",
        None,
        json!({"typeId": gold, "instrument": "input_subsidies", "approach": "economics",
               "techniques": ["whole_ore_amalgamation"], "action": "promote", "goals": [goal]}),
    );
    assert_eq!(c.rules(), ["contradictory_measures"]);
    c.save(
        "strategy_measure",
        Some(&subsidy),
        json!({"typeId": gold, "instrument": "input_subsidies", "approach": "economics", "goals": [goal]}),
    );
    assert_eq!(c.rules(), Vec::<&str>::new());
}

#[test]
fn a_type_to_be_formalised_needs_a_licence_type() {
    let mut c = coherent();
    c.strategy_with(json!({"licenceType": ""}));
    assert_eq!(c.rules(), ["no_licence_type"]);
    let gold = c.gold.clone();
    c.save(
        "asm_type",
        Some(&gold),
        json!({"name": "Gold", "commodity": "gold", "toFormalise": false}),
    );
    assert_eq!(c.rules(), Vec::<&str>::new());
}

#[test]
fn a_type_whose_minerals_cross_a_border_records_transboundary_concerns() {
    let mut c = coherent();
    let a = c.save(
        "supply_node",
        None,
        json!({"name": "Pit", "nodeType": "mine_site"}),
    );
    let b = c.save(
        "supply_node",
        None,
        json!({"name": "Exporter", "nodeType": "exporter"}),
    );
    let flow = c.save(
        "supply_flow",
        None,
        json!({"fromNode": a, "toNode": b, "crossBorder": true, "commodity": "tin"}),
    );
    assert_eq!(c.rules(), Vec::<&str>::new(), "tin crosses, not gold");
    c.save(
        "supply_flow",
        Some(&flow),
        json!({"fromNode": a, "toNode": b, "crossBorder": true, "commodity": "gold"}),
    );
    assert_eq!(c.rules(), ["transboundary_missing"]);
    c.strategy_with(json!({"transboundary": "Gold leaves through Bujumbura"}));
    assert_eq!(c.rules(), Vec::<&str>::new());
}

#[test]
fn land_allocated_over_a_concession_must_say_how_it_keeps_clear() {
    let mut c = coherent();
    c.save(
        "site",
        None,
        json!({"name": "Pit 3", "adminUnit": "W", "commodity": "gold", "legalStatus": "inside_lsm_concession"}),
    );
    assert_eq!(c.rules(), ["land_conflict"]);
    c.strategy_with(json!({"landNotes": "The zone excludes the Twangiza concession"}));
    assert_eq!(c.rules(), Vec::<&str>::new());
}

#[test]
fn every_goal_is_served_by_a_measure() {
    let mut c = coherent();
    let goal = c.save(
        "strategy_goal",
        None,
        json!({"statement": "Register every miner"}),
    );
    let findings = c.findings();
    assert_eq!(c.rules(), ["goal_without_measure"]);
    assert_eq!(findings[0].goal_id.as_deref(), Some(goal.as_str()));
}

#[test]
fn every_site_must_fall_into_a_type() {
    let mut c = coherent();
    c.save(
        "site",
        None,
        json!({"name": "Tin pit", "adminUnit": "W", "commodity": "tin"}),
    );
    assert_eq!(c.rules(), ["sites_unassigned"]);
}

fn sign(c: &mut Coherent, note: &str) -> Result<(), StoreError> {
    let ws = c.ws.clone();
    c.fx.store
        .write(|w| finalise::sign_off(w, &ws, Lang::En, note))
}

fn state(c: &Coherent) -> FinaliseView {
    finalise::view(c.fx.store.conn(), &c.ws, Lang::En).unwrap()
}

#[test]
fn sign_off_locks_the_version_and_a_new_version_can_be_compared() {
    let mut c = coherent();
    let goal = c.save(
        "strategy_goal",
        None,
        json!({"statement": "Register every miner"}),
    );
    assert!(matches!(
        sign(&mut c, "  "),
        Err(StoreError::StrategyIncoherent(1))
    ));
    let (gold, ws) = (c.gold.clone(), c.ws.clone());
    let measure = c.save(
        "strategy_measure",
        None,
        json!({"typeId": gold, "instrument": "miner_id_drive", "approach": "economics", "goals": [goal]}),
    );
    sign(&mut c, "").unwrap();
    let signed = state(&c);
    assert!(signed.version.locked);
    assert_eq!(signed.version.number, 1);
    assert_eq!(signed.version.signed_by.as_deref(), Some("Amina Mwamba"));
    assert_eq!(
        (signed.version.note.as_str(), signed.version.open_findings),
        ("", 0)
    );
    assert!(matches!(sign(&mut c, ""), Err(StoreError::StrategyLocked)));

    let change = c.fx.store.write(|w| {
        kinds::save(
            w,
            &ws,
            "strategy_goal",
            Some(&goal),
            &json!({"statement": "Register all"}),
        )
    });
    assert!(matches!(change, Err(StoreError::StrategyLocked)));
    let removal =
        c.fx.store
            .write(|w| kinds::delete(w, &ws, "strategy_measure", &measure));
    assert!(matches!(removal, Err(StoreError::StrategyLocked)));
    c.save(
        "site",
        None,
        json!({"name": "Pit 9", "adminUnit": "W", "commodity": "gold"}),
    );

    c.fx.store
        .write(|w| finalise::start_new_version(w, &ws))
        .unwrap();
    let draft = state(&c);
    assert_eq!((draft.version.number, draft.version.locked), (2, false));
    c.save(
        "strategy_goal",
        Some(&goal),
        json!({"statement": "Register all miners by 2028"}),
    );
    c.fx.store
        .write(|w| kinds::delete(w, &ws, "strategy_measure", &measure))
        .unwrap();
    let compared = finalise::compare(c.fx.store.conn(), &ws, 1, None).unwrap();
    let changes: Vec<(&str, &str, &str, Vec<String>)> = compared
        .changes
        .iter()
        .map(|ch| {
            (
                ch.kind.as_str(),
                ch.label.as_str(),
                ch.change,
                ch.fields.clone(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            (
                "strategy_goal",
                "Register all miners by 2028",
                "changed",
                vec!["statement".to_owned()]
            ),
            ("strategy_measure", "miner_id_drive", "removed", vec![]),
        ]
    );
    assert!(matches!(
        c.fx.store.write(|w| finalise::start_new_version(w, &ws)),
        Err(StoreError::StrategyNotSigned)
    ));
}

#[test]
fn annex_c_shows_what_the_strategy_covers() {
    let c = coherent();
    let view = state(&c);
    let covered: Vec<&str> = view
        .annex_c
        .iter()
        .filter(|row| row.covered)
        .map(|row| row.code.as_str())
        .collect();
    assert_eq!(covered, ["a", "b", "c", "e"]);
    assert_eq!(view.annex_c.len(), 11);
}

#[test]
fn the_demo_strategy_has_six_types_or_more_and_one_deliberate_incoherence() {
    let mut fx = empty();
    let demo = lode_store::demo::ensure(&mut fx.store, Lang::En).unwrap();
    let ws = demo.meta.id;
    let types = types_view(&fx, &ws);
    assert!(types.types.len() >= 6, "{} types", types.types.len());
    assert_eq!(types.unassigned.count, 0);
    assert!(types.proposals.is_empty());
    let sites: usize = types.types.iter().map(|t| t.sites).sum();
    assert_eq!(sites, 300);
    let findings = finalise::view(fx.store.conn(), &ws, Lang::En)
        .unwrap()
        .findings;
    let rules: Vec<&str> = findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["contradictory_measures"], "{findings:?}");
}

#[test]
fn a_version_may_be_signed_with_findings_open_when_the_note_says_why() {
    let mut c = coherent();
    c.save(
        "strategy_goal",
        None,
        json!({"statement": "Register every miner"}),
    );
    sign(
        &mut c,
        "Registration comes with version 2, after the census.",
    )
    .unwrap();
    let signed = state(&c);
    assert!(signed.version.locked);
    assert_eq!(signed.version.open_findings, 1);
    assert_eq!(
        signed.versions[0].note,
        "Registration comes with version 2, after the census."
    );
    assert_eq!(signed.findings.len(), 1, "the finding stays listed");
}
