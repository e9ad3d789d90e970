//! The Context Report (Phase 1): the task force, the forum and consultations, the sector, the
//! government's capacity, the supply chain, the political economy and the partners.

use crate::build::{Words, empty_or, label};
use crate::model::{BarChart, Block, Chain, Section, Stage};
use crate::text::{int, money, num, or_dash, percent, tf};
use lode_core::{Lang, catalogue};
use lode_store::site::{Breakdown, Overview};
use lode_store::{Result, context, forum, partner, task_force};
use rusqlite::Connection;
use std::collections::BTreeMap;

pub fn sections(
    conn: &Connection,
    workspace_id: &str,
    w: &Words,
    today: &str,
) -> Result<Vec<Section>> {
    let view = context::view(conn, workspace_id)?;
    Ok(vec![
        task_force(&task_force::view(conn, workspace_id)?, w),
        forum(&forum::view(conn, workspace_id, today)?, w),
        sector(&view.overview, w),
        capacity(&view.capacity, w),
        supply_chain(&view, w),
        political_economy(&view.actors, w),
        partners(&partner::list(conn, workspace_id)?, w),
    ])
}

fn task_force(view: &task_force::TaskForceView, w: &Words) -> Section {
    let mut section = Section::new(w.t("context.task_force"));
    let mut charter = Section::new(w.t("context.charter"));
    match &view.charter {
        Some(c) => charter.push(Block::Facts {
            facts: vec![
                w.fact("context.mandate", &c.mandate),
                w.fact("context.legal_basis", &c.legal_basis),
                w.fact(
                    "context.lead_agency",
                    &label(w.lang, "agencies", &c.lead_agency),
                ),
                w.fact("context.chair", &c.chair),
                w.fact("context.secretariat", &c.secretariat),
                w.fact(
                    "context.budget",
                    &c.budget_amount
                        .map(|b| money(w.lang, b, &c.budget_currency))
                        .unwrap_or_default(),
                ),
                w.fact(
                    "context.adopted_on",
                    &c.adopted_on
                        .as_deref()
                        .map(|d| w.date(d))
                        .unwrap_or_default(),
                ),
            ],
        }),
        None => charter.push(w.empty()),
    }
    section = section.part(charter);

    let mut members = Section::new(w.t("context.members"));
    let mut table = w.table(
        "context.members_caption",
        &[
            ("context.agency", false),
            ("context.department", false),
            ("context.focal_person", false),
            ("context.level", false),
            ("context.role", false),
        ],
    );
    table.rows = view
        .members
        .iter()
        .map(|m| {
            vec![
                label(w.lang, "agencies", &m.agency),
                or_dash(&m.department),
                or_dash(&m.focal_person),
                w.code(&m.level),
                or_dash(&m.role),
            ]
        })
        .collect();
    members.push(empty_or(table, w));
    let missing: Vec<String> = view
        .missing_agencies
        .iter()
        .map(|a| label(w.lang, "agencies", a))
        .collect();
    members.push(match missing.is_empty() {
        true => w.paragraph("context.no_missing_agencies", &[]),
        false => w.paragraph("context.missing_agencies", &[("list", &missing.join(", "))]),
    });
    section = section.part(members);

    let mut meetings = Section::new(w.t("context.meetings"));
    let mut table = w.table(
        "context.meetings_caption",
        &[
            ("context.held_on", false),
            ("context.attendees", false),
            ("context.decisions", false),
            ("context.open_actions", true),
        ],
    );
    table.rows = view
        .meetings
        .iter()
        .map(|m| {
            let open = m.actions.iter().filter(|a| !a.done).count();
            vec![
                w.date(&m.meeting.held_on),
                or_dash(&m.meeting.attendees),
                or_dash(&m.meeting.decisions),
                int(w.lang, open as i64),
            ]
        })
        .collect();
    meetings.push(empty_or(table, w));
    section.part(meetings)
}

fn forum(view: &forum::ForumView, w: &Words) -> Section {
    let mut section = Section::new(w.t("context.forum"));
    let mut terms = Section::new(w.t("context.forum_terms"));
    match &view.charter {
        Some(c) => terms.push(Block::Facts {
            facts: vec![
                w.fact("context.terms_of_reference", &c.terms_of_reference),
                w.fact(
                    "context.meetings_per_year",
                    &c.meetings_per_year
                        .map(|n| int(w.lang, n))
                        .unwrap_or_default(),
                ),
                w.fact(
                    "context.levels",
                    &c.levels
                        .0
                        .iter()
                        .map(|l| w.code(l))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ],
        }),
        None => terms.push(w.empty()),
    }
    let held = int(w.lang, view.regularity.held_last12_months);
    terms.push(match view.regularity.expected_per_year {
        Some(expected) => w.paragraph(
            "context.regularity",
            &[("held", &held), ("expected", &int(w.lang, expected))],
        ),
        None => w.paragraph("context.regularity_no_terms", &[("held", &held)]),
    });
    section = section.part(terms);
    section = section.part(stakeholders(view, w));
    section.part(consultations(view, w))
}

fn stakeholders(view: &forum::ForumView, w: &Words) -> Section {
    let mut table = w.table(
        "context.stakeholders_caption",
        &[
            ("context.organisation", false),
            ("context.group", false),
            ("context.region", false),
            ("context.representative", false),
            ("context.influence", true),
            ("context.interest", true),
            ("context.vulnerability", false),
        ],
    );
    table.rows = view
        .stakeholders
        .iter()
        .map(|s| {
            vec![
                s.organisation.clone(),
                label(w.lang, "stakeholder_groups", &s.stakeholder_group),
                or_dash(&s.region),
                w.code(&s.representative_sex),
                int(w.lang, s.influence),
                int(w.lang, s.interest),
                w.code(&s.vulnerability),
            ]
        })
        .collect();
    Section::new(w.t("context.stakeholders")).with(empty_or(table, w))
}

fn consultations(view: &forum::ForumView, w: &Words) -> Section {
    let mut events = w.table(
        "context.consultations_caption",
        &[
            ("context.held_on", false),
            ("context.place", false),
            ("context.women", true),
            ("context.men", true),
            ("context.issues_raised", false),
            ("context.response", false),
        ],
    );
    events.rows = view
        .events
        .iter()
        .map(|e| {
            let female: i64 = e.attendance.0.iter().map(|a| a.female).sum();
            let male: i64 = e.attendance.0.iter().map(|a| a.male).sum();
            vec![
                w.date(&e.held_on),
                or_dash(&e.place),
                int(w.lang, female),
                int(w.lang, male),
                or_dash(&e.issues_raised),
                or_dash(&e.government_response),
            ]
        })
        .collect();
    let mut section = Section::new(w.t("context.consultations")).with(empty_or(events, w));
    section = section.part(attendance(view, w));
    section
}

fn attendance(view: &forum::ForumView, w: &Words) -> Section {
    let mut by_group: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for event in &view.events {
        for a in &event.attendance.0 {
            let entry = by_group.entry(a.group.clone()).or_default();
            entry.0 += a.female;
            entry.1 += a.male;
        }
    }
    let mut section = Section::new(w.t("context.attendance"));
    if by_group.is_empty() {
        return section.with(w.empty());
    }
    let mut table = w.table(
        "context.attendance_caption",
        &[
            ("context.group", false),
            ("context.women", true),
            ("context.men", true),
            ("context.total", true),
        ],
    );
    let mut chart = BarChart {
        caption: w.t("context.attendance_chart"),
        series: vec![w.t("context.women"), w.t("context.men")],
        groups: Vec::new(),
    };
    for (group, (female, male)) in &by_group {
        let name = label(w.lang, "stakeholder_groups", group);
        table.rows.push(vec![
            name.clone(),
            int(w.lang, *female),
            int(w.lang, *male),
            int(w.lang, female + male),
        ]);
        chart.groups.push(w.bars(name, &[*female, *male]));
    }
    let balance = &view.gender_balance;
    table.total = Some(vec![
        w.t("context.total"),
        int(w.lang, balance.female),
        int(w.lang, balance.male),
        int(w.lang, balance.female + balance.male),
    ]);
    section.push(Block::Table(table));
    section.push(Block::Bars(chart));
    if let Some(share) = balance.female_share {
        section.push(w.paragraph(
            "context.gender_balance",
            &[
                ("share", &percent(w.lang, share)),
                ("female", &int(w.lang, balance.female)),
                ("male", &int(w.lang, balance.male)),
            ],
        ));
    }
    let never: Vec<String> = view
        .groups_never_consulted
        .iter()
        .map(|g| label(w.lang, "stakeholder_groups", g))
        .collect();
    section.push(match never.is_empty() {
        true => w.paragraph("context.every_group_consulted", &[]),
        false => w.paragraph("context.never_consulted", &[("list", &never.join(", "))]),
    });
    section
}

fn sector(overview: &Overview, w: &Words) -> Section {
    let lang = w.lang;
    let miners = &overview.miners;
    let mut section = Section::new(w.t("context.sector")).with(w.paragraph(
        "context.sector_summary",
        &[
            ("sites", &int(lang, overview.sites)),
            ("miners", &int(lang, miners.total)),
            ("female", &int(lang, miners.female)),
            ("male", &int(lang, miners.male)),
            ("under18", &int(lang, miners.under18)),
        ],
    ));
    let mercury = &overview.mercury_kg;
    section.push(match mercury.sites_with_estimate {
        0 => w.paragraph("context.no_mercury", &[]),
        count => w.paragraph(
            "context.mercury",
            &[
                ("low", &num(lang, mercury.low, 1)),
                ("high", &num(lang, mercury.high, 1)),
                ("count", &int(lang, count)),
            ],
        ),
    });
    let breakdowns = [
        (
            "context.by_commodity",
            "context.commodity",
            "commodities",
            &overview.by_commodity,
        ),
        (
            "context.by_deposit",
            "context.deposit",
            "deposit_types",
            &overview.by_deposit,
        ),
        (
            "context.by_mechanisation",
            "context.mechanisation",
            "mechanisation_levels",
            &overview.by_mechanisation,
        ),
    ];
    for (caption, column, list, rows) in breakdowns {
        section.push(breakdown_table(w, caption, column, list, rows));
    }
    if !overview.by_commodity.is_empty() {
        section.push(Block::Bars(BarChart {
            caption: w.t("context.miners_chart"),
            series: vec![w.t("context.women"), w.t("context.men")],
            groups: overview
                .by_commodity
                .iter()
                .map(|b| {
                    let name = label(lang, "commodities", &b.code);
                    w.bars(name, &[b.miners.female, b.miners.male])
                })
                .collect(),
        }));
    }
    section
}

fn breakdown_table(
    w: &Words,
    caption: &str,
    column: &str,
    list: &str,
    rows: &[Breakdown],
) -> Block {
    let mut table = w.table(
        caption,
        &[
            (column, false),
            ("context.sites", true),
            ("context.women", true),
            ("context.men", true),
            ("context.under18", true),
            ("context.miners", true),
        ],
    );
    table.rows = rows
        .iter()
        .map(|b| {
            vec![
                label(w.lang, list, &b.code),
                int(w.lang, b.sites),
                int(w.lang, b.miners.female),
                int(w.lang, b.miners.male),
                int(w.lang, b.miners.under18),
                int(w.lang, b.miners.total),
            ]
        })
        .collect();
    empty_or(table, w)
}

fn capacity(cells: &[context::CapacityCell], w: &Words) -> Section {
    let mut table = w.table(
        "context.capacity_caption",
        &[
            ("context.office", false),
            ("context.function", false),
            ("context.staff", true),
            ("context.field_offices", true),
            ("context.vehicles", true),
            ("context.budget_usd", true),
            ("context.mandate_clarity", false),
            ("context.score", true),
            ("context.gap", false),
        ],
    );
    table.rows = cells
        .iter()
        .map(|c| {
            vec![
                c.office.clone(),
                label(w.lang, "capacity_functions", &c.function),
                int(w.lang, c.staff),
                int(w.lang, c.field_offices),
                int(w.lang, c.vehicles),
                c.budget_usd
                    .map_or_else(|| "—".to_owned(), |b| num(w.lang, b, 0)),
                w.code(&c.mandate_clarity),
                int(w.lang, c.score),
                or_dash(&c.gap),
            ]
        })
        .collect();
    Section::new(w.t("context.capacity")).with(empty_or(table, w))
}

fn supply_chain(view: &context::ContextView, w: &Words) -> Section {
    let section = Section::new(w.t("context.supply_chain"));
    if view.nodes.is_empty() {
        return section.with(w.empty());
    }
    // Stages in the catalogue's order, mine first; a node of an unlisted type goes last.
    let order = catalogue::list(w.lang, "supply_chain_node_types");
    let mut stages: Vec<Stage> = order
        .iter()
        .map(|entry| Stage {
            title: entry.label.clone(),
            nodes: view
                .nodes
                .iter()
                .filter(|n| n.node_type == entry.code)
                .map(|n| n.name.clone())
                .collect(),
        })
        .filter(|stage| !stage.nodes.is_empty())
        .collect();
    let unlisted: Vec<String> = view
        .nodes
        .iter()
        .filter(|n| order.iter().all(|entry| entry.code != n.node_type))
        .map(|n| n.name.clone())
        .collect();
    if !unlisted.is_empty() {
        stages.push(Stage {
            title: "—".to_owned(),
            nodes: unlisted,
        });
    }
    let names: BTreeMap<&str, &str> = view
        .nodes
        .iter()
        .map(|n| (n.meta.id.as_str(), n.name.as_str()))
        .collect();
    let mut flows = w.table(
        "context.flows_caption",
        &[
            ("context.from", false),
            ("context.to", false),
            ("context.commodity", false),
            ("context.volume", true),
            ("context.price", true),
            ("context.pre_finance", false),
            ("context.tax_point", false),
            ("context.cross_border", false),
        ],
    );
    flows.rows = view
        .flows
        .iter()
        .map(|f| {
            let name = |id: &str| names.get(id).map_or("—", |n| n).to_owned();
            vec![
                name(&f.from_node),
                name(&f.to_node),
                label(w.lang, "commodities", &f.commodity),
                f.volume.map_or_else(
                    || "—".to_owned(),
                    |v| format!("{} {}", num(w.lang, v, 1), f.volume_unit),
                ),
                f.price
                    .map_or_else(|| "—".to_owned(), |p| money(w.lang, p, &f.currency)),
                w.yes_no(f.pre_finance),
                w.yes_no(f.tax_point),
                w.yes_no(f.cross_border),
            ]
        })
        .collect();
    section.with(Block::Chain(Chain {
        caption: w.t("context.chain_caption"),
        stages,
        flows,
    }))
}

fn political_economy(actors: &[context::PoliticalActor], w: &Words) -> Section {
    let mut table = w.table(
        "context.actors_caption",
        &[
            ("context.actor", false),
            ("context.actor_type", false),
            ("context.interests", false),
            ("context.power", true),
            ("context.rents", false),
            ("context.stance", false),
        ],
    );
    table.rows = actors
        .iter()
        .map(|a| {
            vec![
                a.name.clone(),
                label(w.lang, "political_actor_types", &a.actor_type),
                or_dash(&a.interests),
                int(w.lang, a.power),
                or_dash(&a.rents),
                label(w.lang, "formalisation_stances", &a.stance),
            ]
        })
        .collect();
    Section::new(w.t("context.political_economy")).with(empty_or(table, w))
}

fn partners(partners: &[partner::Partner], w: &Words) -> Section {
    let mut table = w.table(
        "context.partners_caption",
        &[
            ("context.organisation", false),
            ("context.partner_type", false),
            ("context.programme", false),
            ("context.theme", false),
            ("context.roles", false),
            ("context.funds", true),
            ("context.period", false),
            ("context.agreement", false),
        ],
    );
    table.rows = partners
        .iter()
        .map(|p| {
            let roles: Vec<String> = p
                .roles
                .0
                .iter()
                .map(|r| label(w.lang, "partner_roles", r))
                .collect();
            let period = match (&p.start_on, &p.end_on) {
                (Some(start), Some(end)) => format!("{start} – {end}"),
                (Some(start), None) => format!("{start} –"),
                (None, Some(end)) => format!("– {end}"),
                (None, None) => "—".to_owned(),
            };
            vec![
                p.organisation.clone(),
                label(w.lang, "partner_types", &p.partner_type),
                or_dash(&p.programme),
                or_dash(&p.theme),
                roles.join(", "),
                p.funds
                    .map_or_else(|| "—".to_owned(), |f| money(w.lang, f, &p.currency)),
                period,
                w.code(&p.agreement_status),
            ]
        })
        .collect();
    let mut section = Section::new(w.t("context.partners")).with(empty_or(table, w));
    if let Some(total) = partner_funds(partners, w.lang) {
        section.push(Block::Paragraph {
            text: tf(w.lang, "context.partner_funds", &[("total", &total)]),
        });
    }
    section
}

/// The partners' committed funds, per currency: "1,200,000 USD and 50,000 EUR".
fn partner_funds(partners: &[partner::Partner], lang: Lang) -> Option<String> {
    let mut by_currency: BTreeMap<&str, f64> = BTreeMap::new();
    for p in partners {
        if let Some(funds) = p.funds {
            *by_currency.entry(p.currency.as_str()).or_default() += funds;
        }
    }
    let parts: Vec<String> = by_currency
        .iter()
        .map(|(currency, total)| money(lang, *total, currency))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" + "))
}
