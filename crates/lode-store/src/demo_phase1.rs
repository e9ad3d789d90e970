//! The demo workspace's Phase 1: a fictional province with a task force, a forum of about forty
//! stakeholders and a dozen consultations, some three hundred sites, a capacity matrix, a supply
//! chain, political-economy actors and partners. Every record goes through the same validation as
//! a form, and the numbers come from a fixed-seed generator, so the demo is the same every time.

use crate::error::Result;
use crate::kinds;
use crate::writer::Writer;
use lode_core::{Lang, catalogue, messages};
use serde_json::{Value, json};

/// A small deterministic generator (a linear congruential one): the demo needs variety, not
/// statistical quality, and must not change between runs.
struct Dice(std::cell::Cell<u64>);

impl Dice {
    fn next(&self) -> u64 {
        let state = self
            .0
            .get()
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0.set(state);
        state >> 33
    }

    fn below(&self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// The code in `list` that contains `hint`, else the list's first code.
fn code(list: &str, hint: &str) -> String {
    let entries = catalogue::list(Lang::En, list);
    entries
        .iter()
        .find(|e| e.code.contains(hint))
        .or_else(|| entries.first())
        .map(|e| e.code.clone())
        .unwrap_or_default()
}

fn codes(list: &str) -> Vec<String> {
    catalogue::list(Lang::En, list)
        .iter()
        .map(|e| e.code.clone())
        .collect()
}

const LEVELS_3: [&str; 3] = ["low", "medium", "high"];
const CLARITY: [&str; 3] = ["clear", "partial", "unclear"];
const AGREEMENTS: [&str; 5] = ["signed", "negotiating", "planned", "signed", "signed"];
pub(crate) const DISTRICTS: &[&str] = &[
    "Mbeli",
    "Kasoro",
    "Tandala",
    "Ruvuma Hills",
    "Nkoro",
    "Lake Sanza",
];
const PLACES: &[&str] = &[
    "Kalima",
    "Mulenge",
    "Bisoko",
    "Nyamara",
    "Tshibinda",
    "Kilembe",
    "Mugogo",
    "Lubero",
    "Kasika",
    "Ngweshe",
    "Lemera",
    "Kitutu",
    "Mukera",
    "Bunyakiri",
    "Kalonge",
    "Kamanyola",
];

struct Demo<'a, 'w> {
    w: &'a Writer<'w>,
    workspace_id: &'a str,
    lang: Lang,
    dice: Dice,
}

impl Demo<'_, '_> {
    fn save(&self, kind: &str, fields: Value) -> Result<String> {
        kinds::save(self.w, self.workspace_id, kind, None, &fields)
    }

    fn text(&self, key: &str) -> String {
        messages::text(self.lang, key, &[])
    }
}

pub fn create(w: &Writer, workspace_id: &str, lang: Lang) -> Result<()> {
    let demo = Demo {
        w,
        workspace_id,
        lang,
        dice: Dice(std::cell::Cell::new(20_261_128)),
    };
    task_force(&demo)?;
    forum(&demo)?;
    sites(&demo)?;
    context(&demo)?;
    partners(&demo)
}

fn task_force(demo: &Demo) -> Result<()> {
    demo.save(
        "task_force_charter",
        json!({"mandate": demo.text("demo.tf.mandate"), "legalBasis": demo.text("demo.tf.legal_basis"),
               "leadAgency": code("agencies", "mines"), "chair": "Hon. Grace Mwamba",
               "secretariat": demo.text("demo.tf.secretariat"), "budgetAmount": 48000,
               "budgetCurrency": "USD", "adoptedOn": "2026-02-14"}),
    )?;
    // Water is left out on purpose: the demo shows readiness naming what is missing.
    let members = [
        ("mines", "Joseph Kabila Ndeze", "province", "chair"),
        ("environment", "Aline Uwase", "province", "member"),
        ("finance", "Patrick Mulumba", "national", "member"),
        ("lands", "Esther Bahati", "province", "member"),
        ("planning", "Didier Assani", "province", "member"),
        ("labour", "Fatuma Riziki", "district", "member"),
        ("health", "Dr Jean-Marie Lufungula", "province", "member"),
    ];
    for (agency, person, level, role) in members {
        demo.save(
            "task_force_member",
            json!({"agency": code("agencies", agency), "focalPerson": person, "level": level, "role": role,
                   "department": demo.text("demo.tf.department")}),
        )?;
    }
    for (day, decisions, action, owner, due, done) in [
        (
            "2026-03-05",
            "demo.tf.meeting1",
            "demo.tf.action1",
            "Secretariat",
            "2026-03-31",
            true,
        ),
        (
            "2026-06-18",
            "demo.tf.meeting2",
            "demo.tf.action2",
            "Environment",
            "2026-08-30",
            false,
        ),
        (
            "2026-10-09",
            "demo.tf.meeting3",
            "demo.tf.action3",
            "Mines",
            "2026-12-15",
            false,
        ),
    ] {
        let meeting = demo.save(
            "task_force_meeting",
            json!({"heldOn": day, "attendees": "Mines, Environment, Finance, Lands, Planning, Labour",
                   "decisions": demo.text(decisions)}),
        )?;
        demo.save(
            "meeting_action",
            json!({"meetingId": meeting, "description": demo.text(action), "owner": owner, "dueOn": due, "done": done}),
        )?;
    }
    Ok(())
}

fn forum(demo: &Demo) -> Result<()> {
    demo.save(
        "forum_charter",
        json!({"termsOfReference": demo.text("demo.forum.terms"), "meetingsPerYear": 4,
               "levels": ["province", "district"]}),
    )?;
    let groups = codes("stakeholder_groups");
    let sexes = ["female", "male", "male", "female", "unknown"];
    for i in 0..40 {
        let group = groups[i % groups.len()].clone();
        let place = PLACES[i % PLACES.len()];
        let influence = 1 + demo.dice.below(5);
        let interest = 1 + demo.dice.below(5);
        let sex = *demo.dice.pick(&sexes);
        demo.save(
            "stakeholder",
            json!({"organisation": format!("{} — {place}", catalogue::label(demo.lang, "stakeholder_groups", &group)),
                   "group": group, "region": DISTRICTS[i % DISTRICTS.len()], "representativeSex": sex,
                   "influence": influence, "interest": interest,
                   "vulnerability": LEVELS_3[i % 3], "insider": i % 4 == 0}),
        )?;
    }
    // Twelve events over fourteen months; the last group of the list is never heard.
    for month in 0..12 {
        let mut attendance = Vec::new();
        for g in 0..4 {
            let group = &groups[(month * 3 + g) % (groups.len() - 1)];
            attendance.push(json!({"group": group, "female": demo.dice.below(9), "male": 3 + demo.dice.below(14)}));
        }
        let (year, m) = if month < 3 {
            (2025, 10 + month)
        } else {
            (2026, month - 2)
        };
        demo.save(
            "consultation_event",
            json!({"heldOn": format!("{year}-{m:02}-{:02}", 5 + month), "place": PLACES[month * 2 % PLACES.len()],
                   "steps": if month < 8 { vec!["1.2", "1.3"] } else { vec!["1.3", "2.1"] },
                   "attendance": attendance, "issuesRaised": demo.text("demo.forum.issues"),
                   "governmentResponse": demo.text("demo.forum.response")}),
        )?;
    }
    Ok(())
}

fn sites(demo: &Demo) -> Result<()> {
    let gold = code("commodities", "gold");
    let commodities = [
        gold.clone(),
        gold.clone(),
        gold.clone(),
        gold.clone(),
        gold.clone(),
        gold.clone(),
        code("commodities", "tin"),
        code("commodities", "tantalum"),
        code("commodities", "diamond"),
        code("commodities", "construction"),
    ];
    let deposits = codes("deposit_types");
    let mechanisation = codes("mechanisation_levels");
    let organisation = codes("organisation_forms");
    let seasonality = codes("seasonality");
    let legal = codes("legal_status");
    let techniques = catalogue::list(Lang::En, "techniques");
    for i in 0..300 {
        let commodity = demo.dice.pick(&commodities).clone();
        let is_gold = commodity == gold;
        let female = demo.dice.below(60) as i64;
        let male = 10 + demo.dice.below(240) as i64;
        let under18 = demo.dice.below((female + male) as u64 / 8 + 1) as i64;
        let district = DISTRICTS[i % DISTRICTS.len()];
        let present: Vec<&str> = techniques
            .iter()
            .filter(|t| {
                let applies = t.extra.get("applies_to").and_then(Value::as_array);
                let fits = applies.is_none_or(|list| {
                    list.iter().any(|g| {
                        g == "all" || (is_gold && g == "precious") || (!is_gold && g != "precious")
                    })
                });
                fits && demo.dice.below(6) == 0
            })
            .map(|t| t.code.as_str())
            .collect();
        let mut fields = json!({
            "name": format!("{} {}", PLACES[i % PLACES.len()], i / PLACES.len() + 1),
            "adminUnit": district,
            "latitude": -2.0 - demo.dice.below(20_000) as f64 / 10_000.0,
            "longitude": 27.5 + demo.dice.below(20_000) as f64 / 10_000.0,
            "commodity": commodity,
            "depositType": demo.dice.pick(&deposits),
            "mechanisation": demo.dice.pick(&mechanisation),
            "organisation": demo.dice.pick(&organisation),
            "seasonality": demo.dice.pick(&seasonality),
            "minersFemale": female, "minersMale": male, "minersUnder18": under18,
            "legalStatus": demo.dice.pick(&legal),
            "productionAmount": demo.dice.below(500) as f64 / 10.0,
            "productionUnit": if is_gold { "kg/yr" } else { "t/yr" },
            "priceUsd": price_usd(&commodity) * (90 + demo.dice.below(20)) as f64 / 100.0,
            "techniques": present,
            "source": demo.text("demo.site.source"),
            "confidence": LEVELS_3[i % 3],
        });
        if is_gold {
            let low = 2.0 + demo.dice.below(40) as f64;
            fields["mercuryKgLow"] = json!(low);
            fields["mercuryKgHigh"] = json!(low * 1.8);
            fields["mercuryMethod"] = json!(demo.text("demo.site.mercury_method"));
        }
        demo.save("site", fields)?;
    }
    Ok(())
}

/// A rough local price per production unit (kg of gold, t of the rest), so types carry an
/// economic value.
fn price_usd(commodity: &str) -> f64 {
    match commodity {
        "gold" => 55_000.0,
        "tantalum" => 40_000.0,
        "tin" => 18_000.0,
        "diamonds" => 90_000.0,
        _ => 15.0,
    }
}

fn context(demo: &Demo) -> Result<()> {
    let offices = [
        "Provincial mining division",
        "Mbeli district office",
        "Kasoro district office",
    ];
    for office in offices {
        for function in codes("capacity_functions") {
            let score = demo.dice.below(4);
            demo.save(
                "capacity_cell",
                json!({"office": office, "function": function, "score": score, "staff": 1 + demo.dice.below(12),
                       "fieldOffices": demo.dice.below(4), "vehicles": demo.dice.below(3),
                       "mandateClarity": CLARITY[score as usize % 3],
                       "gap": if score < 2 { demo.text("demo.capacity.gap") } else { String::new() }}),
            )?;
        }
    }
    let node_types = codes("supply_chain_node_types");
    let risks = codes("annex_ii_risks");
    let mut nodes = Vec::new();
    for (index, node_type) in node_types.iter().enumerate() {
        let flags: Vec<&String> = if index == 3 {
            risks.iter().take(2).collect()
        } else {
            Vec::new()
        };
        nodes.push(demo.save(
            "supply_node",
            json!({"name": format!("{} {}", catalogue::label(demo.lang, "supply_chain_node_types", node_type), PLACES[index]),
                   "nodeType": node_type, "location": DISTRICTS[index % DISTRICTS.len()],
                   "licenceStatus": if index % 3 == 0 { "unlicensed" } else { "licensed" }, "riskFlags": flags}),
        )?);
    }
    for pair in nodes.windows(2) {
        demo.save(
            "supply_flow",
            json!({"fromNode": pair[0], "toNode": pair[1], "volume": 5 + demo.dice.below(60), "volumeUnit": "kg/month",
                   "price": 52 + demo.dice.below(10), "currency": "USD", "preFinance": demo.dice.below(2) == 0,
                   "taxPoint": demo.dice.below(3) == 0, "licenceStatus": "licensed"}),
        )?;
    }
    if let [first, .., last] = nodes.as_slice() {
        demo.save(
            "supply_flow",
            json!({"fromNode": first, "toNode": last, "volume": 15, "volumeUnit": "kg/month", "crossBorder": true,
                   "commodity": "gold",
                   "licenceStatus": "unlicensed", "notes": demo.text("demo.supply.smuggling")}),
        )?;
    }
    let actor_types = codes("political_actor_types");
    let stances = codes("formalisation_stances");
    for (index, actor_type) in actor_types.iter().enumerate().take(8) {
        demo.save(
            "political_actor",
            json!({"name": format!("{} ({})", catalogue::label(demo.lang, "political_actor_types", actor_type), DISTRICTS[index % DISTRICTS.len()]),
                   "actorType": actor_type, "power": 1 + demo.dice.below(5), "stance": demo.dice.pick(&stances),
                   "interests": demo.text("demo.actor.interests")}),
        )?;
    }
    Ok(())
}

fn partners(demo: &Demo) -> Result<()> {
    let types = codes("partner_types");
    let roles = codes("partner_roles");
    for (index, (name, funds)) in [
        ("Green Gold Facility (fictional)", 1_200_000),
        ("Lakes Region Development Bank (fictional)", 850_000),
        ("Responsible Tin Initiative (fictional)", 0),
        ("University of Lwanga, Geology Department", 0),
        ("Women in Mining Network (fictional)", 60_000),
    ]
    .into_iter()
    .enumerate()
    {
        let mut fields = json!({"organisation": name, "partnerType": types[index % types.len()],
                                "programme": demo.text("demo.partner.programme"), "geography": "Lwanga Province",
                                "roles": [roles[index % roles.len()].clone(), roles[(index + 1) % roles.len()].clone()],
                                "startOn": "2026-01-01", "endOn": "2028-12-31",
                                "agreementStatus": AGREEMENTS[index % AGREEMENTS.len()]});
        if funds > 0 {
            fields["funds"] = json!(funds);
            fields["currency"] = json!("USD");
        }
        demo.save("partner", fields)?;
    }
    Ok(())
}
