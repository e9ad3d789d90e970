//! The Implementation Plan (Phase 3): the plan at a glance, its actions (their schedule, and the
//! actions of each type of ASM), the budget by year, department, source of funding and type, the
//! progress reported so far, and the preparation that carries the actions: capacity building,
//! legal reforms, outreach, pilots, ASM zones and the licence register.

use crate::build::{Words, empty_or, label};
use crate::model::{BarChart, BarGroup, Block, Section, Table, Timeline, TimelineRow};
use crate::text::{self, int, money, month_label, or_dash, percent};
use lode_core::Lang;
use lode_store::licences::{self, LicenceQuery};
use lode_store::plan::{self, ActionView, PlanView, Preparation, ProgressView, Total};
use lode_store::sector_types::{self, AsmType};
use lode_store::{Result, task_force};
use rusqlite::Connection;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Amounts by currency, as the store totals them.
type Amounts = BTreeMap<String, f64>;

/// Past this many months, the schedule is drawn one calendar year at a time, so each month's
/// column stays wide enough for its label.
const MONTHS_IN_ONE_CHART: i64 = 24;

pub fn sections(conn: &Connection, workspace_id: &str, w: &Words) -> Result<Vec<Section>> {
    let view = plan::view(conn, workspace_id, w.lang)?;
    let progress = plan::progress(conn, workspace_id)?;
    let types = sector_types::types(conn, workspace_id)?;
    let departments = task_force::members(conn, workspace_id)?.len();
    let holders = holders_by_status(conn, workspace_id)?;
    let numbers = Numbers::of(&view.actions);
    let glance = Glance {
        view: &view,
        progress: &progress,
        holders: &holders,
        departments,
    };
    Ok(vec![
        overview(&glance, &numbers, w),
        actions(&view, &types, &numbers, w),
        budget(&view, w),
        progress_section(&view, &progress, &numbers, w),
        preparation(&view, &holders, &numbers, w),
    ])
}

/// Licence holders per status, in the order of a licence's life.
fn holders_by_status(conn: &Connection, workspace_id: &str) -> Result<Vec<(&'static str, i64)>> {
    licences::STATUSES
        .iter()
        .map(|&status| {
            let query = LicenceQuery {
                status: status.to_owned(),
                limit: 1,
                ..LicenceQuery::default()
            };
            // No date filter is asked for, so the register never needs today's date.
            Ok((
                status,
                licences::list(conn, workspace_id, &query, "")?.total,
            ))
        })
        .collect()
}

fn holders_with(holders: &[(&str, i64)], status: &str) -> i64 {
    holders
        .iter()
        .find(|(s, _)| *s == status)
        .map_or(0, |(_, n)| *n)
}

/// Short references to the actions ("A1", "A2"…, in the plan's order), so that tables, the
/// schedule and the preparation items can point at an action without repeating its title.
struct Numbers(HashMap<String, usize>);

impl Numbers {
    fn of(actions: &[ActionView]) -> Numbers {
        Numbers(
            actions
                .iter()
                .enumerate()
                .map(|(i, a)| (a.action.meta.id.clone(), i + 1))
                .collect(),
        )
    }

    fn of_id(&self, id: &str) -> String {
        self.0
            .get(id)
            .map_or_else(|| "—".to_owned(), |n| format!("A{n}"))
    }

    /// Where the action comes in the plan; after every action for one no longer in it.
    fn order(&self, id: &str) -> usize {
        self.0.get(id).copied().unwrap_or(usize::MAX)
    }

    fn list(&self, actions: &[&ActionView]) -> String {
        actions
            .iter()
            .map(|a| self.of_id(&a.action.meta.id))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Amounts in several currencies, each written as money: "120,000 USD + 5,000 EUR".
fn amounts(lang: Lang, amounts: &Amounts) -> String {
    let parts: Vec<String> = amounts
        .iter()
        .map(|(currency, value)| money(lang, *value, currency))
        .collect();
    match parts.is_empty() {
        true => "—".to_owned(),
        false => parts.join(" + "),
    }
}

fn add_to(total: &mut Amounts, more: &Amounts) {
    for (currency, value) in more {
        *total.entry(currency.clone()).or_default() += value;
    }
}

fn total_of<'a>(amounts: impl IntoIterator<Item = &'a Amounts>) -> Amounts {
    let mut total = Amounts::new();
    for a in amounts {
        add_to(&mut total, a);
    }
    total
}

/// `part` as a share of `whole`, when both are in one and the same currency.
fn share(lang: Lang, part: &Amounts, whole: &Amounts) -> Option<String> {
    let (currency, value) = part.iter().next().filter(|_| part.len() == 1)?;
    let all = whole
        .get(currency)
        .filter(|all| whole.len() == 1 && **all > 0.0)?;
    Some(percent(lang, value / all))
}

/// A month of an ISO date as a count of months, for spans and the schedule.
fn month_of(iso: &str) -> Option<i64> {
    let mut parts = iso.splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    (1..=12).contains(&month).then_some(year * 12 + month - 1)
}

fn month_text(month: i64) -> String {
    month_label(
        month.div_euclid(12) as i32,
        (month.rem_euclid(12) + 1) as u32,
    )
}

/// The months from `start` to `end`, one above the other so a narrow column holds them:
/// "03/26 –" then "02/27".
fn months(start: &str, end: &str) -> String {
    match (month_of(start), month_of(end)) {
        // A no-break space keeps the dash with the first month.
        (Some(start), Some(end)) => {
            format!("{}\u{a0}–\n{}", month_text(start), month_text(end))
        }
        _ => "—".to_owned(),
    }
}

/// What the first section sums up.
struct Glance<'a> {
    view: &'a PlanView,
    progress: &'a ProgressView,
    holders: &'a [(&'static str, i64)],
    departments: usize,
}

fn overview(glance: &Glance, numbers: &Numbers, w: &Words) -> Section {
    let view = glance.view;
    let lang = w.lang;
    let budget = total_of(view.actions.iter().map(|a| &a.budget_total));
    let period = match &view.period {
        Some(p) => text::tf(
            lang,
            "plan.period_sentence",
            &[("start", &w.date(&p.start_on)), ("end", &w.date(&p.end_on))],
        ),
        None => w.t("plan.no_period"),
    };
    let summary = match view.actions.is_empty() {
        true => w.t("plan.no_actions"),
        false => summary_sentence(glance, &budget, w),
    };
    let holders = text::tf(
        lang,
        "plan.holders_sentence",
        &[
            (
                "granted",
                &int(lang, holders_with(glance.holders, "granted")),
            ),
            (
                "applied",
                &int(lang, holders_with(glance.holders, "applied")),
            ),
        ],
    );
    let mut section = Section::new(w.t("plan.overview")).with(Block::Paragraph {
        text: format!("{period} {summary} {holders}"),
    });
    section.push(key_figures(glance, &budget, w));
    section.push(interventions(view, w));
    if !view.actions.is_empty() {
        section.push(warnings_intro(view, w));
    }
    if let Some(list) = warnings(view, numbers, w) {
        section.push(list);
    }
    section
}

/// How many actions, at what cost, led by how many of the task force's departments.
fn summary_sentence(glance: &Glance, budget: &Amounts, w: &Words) -> String {
    let actions = &glance.view.actions;
    let leading: BTreeSet<&str> = actions
        .iter()
        .map(|a| a.action.department_id.as_str())
        .filter(|id| !id.is_empty())
        .collect();
    text::tf(
        w.lang,
        "plan.summary",
        &[
            ("actions", &int(w.lang, actions.len() as i64)),
            ("budget", &amounts(w.lang, budget)),
            ("departments", &int(w.lang, leading.len() as i64)),
            ("members", &int(w.lang, glance.departments as i64)),
        ],
    )
}

/// The figures a reader looks for first, side by side.
fn key_figures(glance: &Glance, budget: &Amounts, w: &Words) -> Block {
    let view = glance.view;
    let lang = w.lang;
    let funded_by = |partners: bool| {
        let amounts: Amounts = total_of(
            view.totals
                .by_funding
                .iter()
                .filter(|t| t.key.is_empty() != partners)
                .map(|t| &t.amounts),
        );
        match share(lang, &amounts, budget) {
            Some(part) => format!("{} ({part})", self::amounts(lang, &amounts)),
            None => self::amounts(lang, &amounts),
        }
    };
    let spent = total_of(glance.progress.by_action.iter().map(|p| &p.spend));
    let prep = &view.preparation;
    let count = |n: usize| int(lang, n as i64);
    let period = view.period.as_ref().map_or_else(String::new, |p| {
        format!("{} – {}", w.date(&p.start_on), w.date(&p.end_on))
    });
    Block::Facts {
        facts: vec![
            w.fact("plan.key.period", &period),
            w.fact("plan.key.actions", &count(view.actions.len())),
            w.fact("plan.key.budget", &amounts(lang, budget)),
            w.fact("plan.key.partners", &funded_by(true)),
            w.fact("plan.key.government", &funded_by(false)),
            w.fact("plan.key.spent", &amounts(lang, &spent)),
            w.fact(
                "plan.key.trainees",
                &int(
                    lang,
                    prep.capacity_building.iter().map(|c| c.trainees).sum(),
                ),
            ),
            w.fact("plan.key.reforms", &count(prep.legal_reforms.len())),
            w.fact("plan.key.pilots", &count(prep.pilots.len())),
            w.fact("plan.key.zones", &count(prep.zones.len())),
            w.fact(
                "plan.key.holders",
                &int(lang, holders_with(glance.holders, "granted")),
            ),
        ],
    }
}

/// How many of the guidance's interventions the plan carries, and which it does not yet.
fn interventions(view: &PlanView, w: &Words) -> Block {
    let covered = view.interventions.iter().filter(|i| i.covered).count();
    let missing: Vec<&str> = view
        .interventions
        .iter()
        .filter(|i| !i.covered)
        .map(|i| i.label.as_str())
        .collect();
    let mut sentence = text::tf(
        w.lang,
        "plan.interventions",
        &[
            ("covered", &int(w.lang, covered as i64)),
            ("total", &int(w.lang, view.interventions.len() as i64)),
        ],
    );
    if !missing.is_empty() {
        sentence.push(' ');
        sentence.push_str(&text::tf(
            w.lang,
            "plan.interventions_missing",
            &[("list", &missing.join(", "))],
        ));
    }
    Block::Paragraph { text: sentence }
}

fn warnings_intro(view: &PlanView, w: &Words) -> Block {
    match view.actions.iter().any(|a| !a.warnings.is_empty()) {
        true => w.paragraph("plan.warnings_intro", &[]),
        false => w.paragraph("plan.no_warnings", &[]),
    }
}

/// The actions the store warns about, one line per kind of warning.
fn warnings(view: &PlanView, numbers: &Numbers, w: &Words) -> Option<Block> {
    let items: Vec<String> = ["no_owner", "no_budget", "outside_period"]
        .into_iter()
        .filter_map(|warning| {
            let found: Vec<&ActionView> = view
                .actions
                .iter()
                .filter(|a| a.warnings.contains(&warning))
                .collect();
            (!found.is_empty()).then(|| {
                text::tf(
                    w.lang,
                    &format!("plan.warning.{warning}"),
                    &[("list", &numbers.list(&found))],
                )
            })
        })
        .collect();
    (!items.is_empty()).then_some(Block::List { items })
}

fn actions(view: &PlanView, types: &[AsmType], numbers: &Numbers, w: &Words) -> Section {
    let mut section = Section::new(w.t("plan.actions"));
    if view.actions.is_empty() {
        return section.with(w.empty());
    }
    section.push(status_summary(&view.actions, w));
    section = section.part(schedule(view, numbers, w));
    section = section.part(by_type(&view.actions, types, numbers, w));
    if let Some(dependencies) = dependencies(&view.actions, numbers, w) {
        section = section.part(dependencies);
    }
    section
}

/// "Of the 40 actions, 4 are done, 10 in progress and 26 planned.", naming only the statuses
/// some action has.
fn status_summary(actions: &[ActionView], w: &Words) -> Block {
    let parts: Vec<String> = ["done", "in_progress", "planned", "delayed", "cancelled"]
        .into_iter()
        .filter_map(|status| {
            let n = actions.iter().filter(|a| a.action.status == status).count();
            (n > 0).then(|| {
                text::tf(
                    w.lang,
                    &format!("plan.count.{status}"),
                    &[("n", &int(w.lang, n as i64))],
                )
            })
        })
        .collect();
    w.paragraph(
        "plan.status_summary",
        &[
            ("actions", &int(w.lang, actions.len() as i64)),
            ("list", &and_list(&parts, w)),
        ],
    )
}

/// "a, b and c" in the reader's language.
fn and_list(parts: &[String], w: &Words) -> String {
    match parts {
        [] => "—".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), w.t("plan.and")),
    }
}

/// The schedule: one chart over the whole span, or one per calendar year when the plan is long.
fn schedule(view: &PlanView, numbers: &Numbers, w: &Words) -> Section {
    let spans: Vec<(&ActionView, i64, i64)> = view
        .actions
        .iter()
        .filter_map(|a| {
            let start = month_of(&a.action.start_on)?;
            let end = month_of(&a.action.end_on)?;
            Some((a, start, end.max(start)))
        })
        .collect();
    let mut section = Section::new(w.t("plan.schedule"));
    let (Some(first), Some(last)) = (
        spans.iter().map(|s| s.1).min(),
        spans.iter().map(|s| s.2).max(),
    ) else {
        return section.with(w.empty());
    };
    let windows: Vec<(i64, i64)> = match last - first < MONTHS_IN_ONE_CHART {
        true => vec![(first, last)],
        false => (first.div_euclid(12)..=last.div_euclid(12))
            .map(|year| (year * 12, year * 12 + 11))
            .collect(),
    };
    let yearly = windows.len() > 1;
    section.push(w.paragraph(
        match yearly {
            true => "plan.schedule_by_year",
            false => "plan.schedule_intro",
        },
        &[],
    ));
    for (from, to) in windows {
        let caption = match yearly {
            true => text::tf(
                w.lang,
                "plan.schedule_year",
                &[("year", &from.div_euclid(12).to_string())],
            ),
            false => w.t("plan.schedule_caption"),
        };
        section.push(Block::Timeline(timeline(
            caption,
            &spans,
            (from, to),
            numbers,
        )));
    }
    section
}

/// The actions under way between months `from` and `to`, each cut to that window.
fn timeline(
    caption: String,
    spans: &[(&ActionView, i64, i64)],
    (from, to): (i64, i64),
    numbers: &Numbers,
) -> Timeline {
    Timeline {
        caption,
        months: (from..=to).map(month_text).collect(),
        rows: spans
            .iter()
            .filter(|(_, start, end)| *start <= to && *end >= from)
            .map(|(a, start, end)| TimelineRow {
                label: format!("{} {}", numbers.of_id(&a.action.meta.id), a.action.title),
                start: (start.max(&from) - from) as usize,
                end: (end.min(&to) - from) as usize,
            })
            .collect(),
    }
}

/// One table of actions per type of ASM, then the actions that serve the sector as a whole.
fn by_type(actions: &[ActionView], types: &[AsmType], numbers: &Numbers, w: &Words) -> Section {
    let mut section =
        Section::new(w.t("plan.by_type")).with(w.paragraph("plan.by_type_intro", &[]));
    for t in types {
        let own: Vec<&ActionView> = actions
            .iter()
            .filter(|a| a.action.type_ids.0.contains(&t.meta.id))
            .collect();
        if !own.is_empty() {
            section =
                section.part(Section::new(t.name.clone()).with(action_table(&own, numbers, w)));
        }
    }
    let known: Vec<&str> = types.iter().map(|t| t.meta.id.as_str()).collect();
    let whole: Vec<&ActionView> = actions
        .iter()
        .filter(|a| {
            !a.action
                .type_ids
                .0
                .iter()
                .any(|id| known.contains(&id.as_str()))
        })
        .collect();
    if !whole.is_empty() {
        section = section
            .part(Section::new(w.t("plan.whole_sector")).with(action_table(&whole, numbers, w)));
    }
    section
}

fn action_table(actions: &[&ActionView], numbers: &Numbers, w: &Words) -> Block {
    let mut table = w.table(
        "plan.actions_caption",
        &[
            ("plan.number", true),
            ("plan.action", false),
            ("plan.instrument", false),
            ("plan.department", false),
            ("plan.period", false),
            ("plan.budget_column", true),
            ("plan.status", false),
        ],
    );
    table.rows = actions
        .iter()
        .map(|a| {
            vec![
                numbers.of_id(&a.action.meta.id),
                a.action.title.clone(),
                label(w.lang, "instruments", &a.action.instrument),
                department(a, w),
                months(&a.action.start_on, &a.action.end_on),
                amounts(w.lang, &a.budget_total),
                w.coded("plan.status", &a.action.status),
            ]
        })
        .collect();
    empty_or(table, w)
}

fn department(action: &ActionView, w: &Words) -> String {
    match action.action.department_id.is_empty() {
        true => w.t("plan.no_department"),
        false => action.department_label.clone(),
    }
}

/// Which actions wait for which: the order the plan must keep.
fn dependencies(actions: &[ActionView], numbers: &Numbers, w: &Words) -> Option<Section> {
    let items: Vec<String> = actions
        .iter()
        .filter(|a| !a.action.depends_on.0.is_empty())
        .map(|a| {
            let after: Vec<String> = a
                .action
                .depends_on
                .0
                .iter()
                .map(|id| numbers.of_id(id))
                .collect();
            text::tf(
                w.lang,
                "plan.depends",
                &[
                    ("action", &numbers.of_id(&a.action.meta.id)),
                    ("title", &a.action.title),
                    ("list", &after.join(", ")),
                ],
            )
        })
        .collect();
    (!items.is_empty()).then(|| Section::new(w.t("plan.dependencies")).with(Block::List { items }))
}

fn budget(view: &PlanView, w: &Words) -> Section {
    let total = total_of(view.actions.iter().map(|a| &a.budget_total));
    let mut section = Section::new(w.t("plan.budget"));
    if total.is_empty() {
        return section.with(w.empty());
    }
    section.push(w.paragraph(
        "plan.budget_summary",
        &[("total", &amounts(w.lang, &total))],
    ));
    let totals = &view.totals;
    let actions = &view.actions;
    let by_department = |key: &str| {
        actions
            .iter()
            .filter(|a| a.action.department_id == key)
            .count()
    };
    let by_funding = |key: &str| {
        actions
            .iter()
            .filter(|a| a.action.funding_partner_id == key)
            .count()
    };
    // The store files an action of no type under "".
    let by_type = |key: &str| {
        actions
            .iter()
            .filter(|a| match key.is_empty() {
                true => a.action.type_ids.0.is_empty(),
                false => a.action.type_ids.0.iter().any(|id| id == key),
            })
            .count()
    };
    let table =
        |caption: &str, column: &str, rows: &[Total], count: Option<&dyn Fn(&str) -> usize>| {
            Block::Table(budget_table(
                w,
                (caption, column),
                rows,
                (&total, actions.len()),
                count,
            ))
        };
    let mut years = Section::new(w.t("plan.by_year")).with(table(
        "plan.by_year_caption",
        "plan.year",
        &totals.by_year,
        None,
    ));
    if let Some(chart) = year_chart(&totals.by_year, w) {
        years.push(chart);
    }
    let departments = relabel(&totals.by_department, &w.t("plan.no_department"));
    let types = relabel(&totals.by_type, &w.t("plan.whole_sector"));
    section
        .part(years)
        .part(Section::new(w.t("plan.by_department")).with(table(
            "plan.by_department_caption",
            "plan.department",
            &departments,
            Some(&by_department),
        )))
        .part(Section::new(w.t("plan.by_funding")).with(table(
            "plan.by_funding_caption",
            "plan.funding",
            &totals.by_funding,
            Some(&by_funding),
        )))
        .part(
            Section::new(w.t("plan.by_type_budget"))
                .with(table(
                    "plan.by_type_caption",
                    "plan.type",
                    &types,
                    Some(&by_type),
                ))
                .with(w.paragraph("plan.type_share_note", &[])),
        )
}

/// The totals with the store's label of the empty key ("None") replaced by `empty`, which says
/// what it means in this document.
fn relabel(totals: &[Total], empty: &str) -> Vec<Total> {
    totals
        .iter()
        .map(|t| Total {
            key: t.key.clone(),
            label: match t.key.is_empty() {
                true => empty.to_owned(),
                false => t.label.clone(),
            },
            amounts: t.amounts.clone(),
        })
        .collect()
}

/// Budget per `totals` row, with its share of `total` and, when `count` is given, the number of
/// actions behind it; a bold total row closes it, with all the plan's `actions`.
fn budget_table(
    w: &Words,
    (caption, column): (&str, &str),
    totals: &[Total],
    (total, actions): (&Amounts, usize),
    count: Option<&dyn Fn(&str) -> usize>,
) -> Table {
    let mut columns = vec![(column, false)];
    if count.is_some() {
        columns.push(("plan.actions_count", true));
    }
    columns.extend([("plan.budget_column", true), ("plan.share", true)]);
    let mut table = w.table(caption, &columns);
    for t in totals {
        let mut row = vec![or_dash(&t.label)];
        if let Some(count) = count {
            row.push(int(w.lang, count(&t.key) as i64));
        }
        row.push(amounts(w.lang, &t.amounts));
        row.push(share(w.lang, &t.amounts, total).unwrap_or_else(|| "—".to_owned()));
        table.rows.push(row);
    }
    let mut closing = vec![w.t("plan.total")];
    if count.is_some() {
        // Every action once, even one counted under several types above.
        closing.push(int(w.lang, actions as i64));
    }
    closing.push(amounts(w.lang, total));
    closing.push(percent(w.lang, 1.0));
    table.total = Some(closing);
    table
}

/// The budget of each year as bars, when the plan budgets in a single currency.
fn year_chart(by_year: &[Total], w: &Words) -> Option<Block> {
    let currencies = total_of(by_year.iter().map(|t| &t.amounts));
    let (currency, _) = currencies.iter().next().filter(|_| currencies.len() == 1)?;
    let groups = by_year
        .iter()
        .map(|t| {
            let value = t.amounts.get(currency).copied().unwrap_or(0.0);
            BarGroup {
                label: t.label.clone(),
                values: vec![value],
                shown: vec![money(w.lang, value, currency)],
            }
        })
        .collect();
    Some(Block::Bars(BarChart {
        caption: text::tf(w.lang, "plan.by_year_chart", &[("currency", currency)]),
        series: vec![w.t("plan.budget_column")],
        groups,
    }))
}

fn progress_section(
    view: &PlanView,
    progress: &ProgressView,
    numbers: &Numbers,
    w: &Words,
) -> Section {
    let mut section = Section::new(w.t("plan.progress"));
    if progress.by_action.is_empty() {
        return section.with(w.paragraph("plan.no_progress", &[]));
    }
    let actions: HashMap<&str, &ActionView> = view
        .actions
        .iter()
        .map(|a| (a.action.meta.id.as_str(), a))
        .collect();
    let spent = total_of(progress.by_action.iter().map(|p| &p.spend));
    let latest = progress
        .entries
        .first()
        .map_or_else(String::new, |e| e.period.clone());
    section.push(w.paragraph(
        "plan.progress_summary",
        &[
            ("reported", &int(w.lang, progress.by_action.len() as i64)),
            ("actions", &int(w.lang, view.actions.len() as i64)),
            ("latest", &or_dash(&latest)),
            ("spent", &amounts(w.lang, &spent)),
        ],
    ));
    let mut table = w.table(
        "plan.progress_caption",
        &[
            ("plan.number", true),
            ("plan.action", false),
            ("plan.last_report", false),
            ("plan.progress_status", false),
            ("plan.spent", true),
            ("plan.budget_column", true),
        ],
    );
    let mut reported = Amounts::new();
    let mut rows: Vec<(usize, Vec<String>)> = progress
        .by_action
        .iter()
        .map(|p| {
            let action = actions.get(p.action_id.as_str());
            if let Some(a) = action {
                add_to(&mut reported, &a.budget_total);
            }
            let row = vec![
                numbers.of_id(&p.action_id),
                action.map_or_else(|| w.t("plan.unknown_action"), |a| a.action.title.clone()),
                p.last_period.clone(),
                w.coded("plan.progress_status", &p.last_status),
                amounts(w.lang, &p.spend),
                action.map_or_else(|| "—".to_owned(), |a| amounts(w.lang, &a.budget_total)),
            ];
            (numbers.order(&p.action_id), row)
        })
        .collect();
    // In the plan's order (A1, A2… A10), not the order of the store's ids.
    rows.sort_by_key(|(order, _)| *order);
    table.rows = rows.into_iter().map(|(_, row)| row).collect();
    table.total = Some(vec![
        w.t("plan.total"),
        String::new(),
        String::new(),
        String::new(),
        amounts(w.lang, &spent),
        amounts(w.lang, &reported),
    ]);
    section.push(Block::Table(table));
    section.part(issues(progress, numbers, w))
}

/// The issue each action reported last, in the plan's order.
fn issues(progress: &ProgressView, numbers: &Numbers, w: &Words) -> Section {
    let mut seen = HashSet::new();
    let mut latest: Vec<_> = progress
        .entries
        .iter()
        .filter(|e| !e.issues.trim().is_empty() && seen.insert(e.action_id.as_str()))
        .collect();
    latest.sort_by_key(|e| numbers.order(&e.action_id));
    let items: Vec<String> = latest
        .into_iter()
        .map(|e| {
            text::tf(
                w.lang,
                "plan.issue",
                &[
                    ("action", &numbers.of_id(&e.action_id)),
                    ("period", &e.period),
                    ("issue", e.issues.trim()),
                ],
            )
        })
        .collect();
    let section = Section::new(w.t("plan.issues"));
    match items.is_empty() {
        true => section.with(w.paragraph("plan.no_issues", &[])),
        false => section.with(Block::List { items }),
    }
}

fn preparation(
    view: &PlanView,
    holders: &[(&'static str, i64)],
    numbers: &Numbers,
    w: &Words,
) -> Section {
    let p = &view.preparation;
    Section::new(w.t("plan.preparation"))
        .with(w.paragraph("plan.preparation_intro", &[]))
        .part(capacity_building(p, numbers, w))
        .part(legal_reforms(p, w))
        .part(outreach(p, numbers, w))
        .part(pilots(p, w))
        .part(zones(p, w))
        .part(licensing(view, holders, w))
}

fn start(on: Option<&str>, w: &Words) -> String {
    on.map_or_else(|| "—".to_owned(), |d| w.date(d))
}

fn action_ref(id: &str, numbers: &Numbers) -> String {
    match id.is_empty() {
        true => "—".to_owned(),
        false => numbers.of_id(id),
    }
}

fn capacity_building(p: &Preparation, numbers: &Numbers, w: &Words) -> Section {
    let mut table = w.table(
        "plan.capacity_caption",
        &[
            ("plan.agency", false),
            ("plan.skill", false),
            ("plan.trainees", true),
            ("plan.starts", false),
            ("plan.status", false),
            ("plan.for_action", false),
        ],
    );
    table.rows = p
        .capacity_building
        .iter()
        .map(|c| {
            vec![
                label(w.lang, "agencies", &c.agency),
                c.skill.clone(),
                int(w.lang, c.trainees),
                start(c.start_on.as_deref(), w),
                w.coded("plan.prep_status", &c.status),
                action_ref(&c.action_id, numbers),
            ]
        })
        .collect();
    Section::new(w.t("plan.capacity")).with(empty_or(table, w))
}

fn legal_reforms(p: &Preparation, w: &Words) -> Section {
    let mut table = w.table(
        "plan.reforms_caption",
        &[
            ("plan.law", false),
            ("plan.provision", false),
            ("plan.change", false),
            ("plan.status", false),
        ],
    );
    table.rows = p
        .legal_reforms
        .iter()
        .map(|r| {
            vec![
                r.instrument.clone(),
                or_dash(&r.provision),
                r.change.clone(),
                w.coded("plan.reform_status", &r.status),
            ]
        })
        .collect();
    Section::new(w.t("plan.reforms")).with(empty_or(table, w))
}

fn outreach(p: &Preparation, numbers: &Numbers, w: &Words) -> Section {
    let mut table = w.table(
        "plan.outreach_caption",
        &[
            ("plan.audience", false),
            ("plan.message", false),
            ("plan.channel_language", false),
            ("plan.starts", false),
            ("plan.for_action", false),
        ],
    );
    table.rows = p
        .outreach
        .iter()
        .map(|o| {
            let channel = w.coded("plan.channel", &o.channel);
            vec![
                o.audience.clone(),
                o.message.clone(),
                match o.language.trim().is_empty() {
                    true => channel,
                    false => format!("{channel} ({})", o.language.trim()),
                },
                start(o.start_on.as_deref(), w),
                action_ref(&o.action_id, numbers),
            ]
        })
        .collect();
    Section::new(w.t("plan.outreach")).with(empty_or(table, w))
}

fn pilots(p: &Preparation, w: &Words) -> Section {
    let mut table = w.table(
        "plan.pilots_caption",
        &[
            ("plan.pilot", false),
            ("plan.hypothesis", false),
            ("plan.metrics", false),
            ("plan.period", false),
            ("plan.status", false),
        ],
    );
    table.rows = p
        .pilots
        .iter()
        .map(|v| {
            let pilot = &v.pilot;
            let intervention = label(w.lang, "instruments", &pilot.intervention);
            let what = match v.site_name.trim().is_empty() {
                true => intervention,
                false => text::tf(
                    w.lang,
                    "plan.pilot_at",
                    &[
                        ("intervention", &intervention),
                        ("site", v.site_name.trim()),
                    ],
                ),
            };
            let period = match (&pilot.start_on, &pilot.end_on) {
                (Some(s), Some(e)) => months(s, e),
                (Some(s), None) => w.date(s),
                _ => "—".to_owned(),
            };
            vec![
                what,
                pilot.hypothesis.clone(),
                or_dash(&pilot.metrics),
                period,
                w.coded("plan.pilot_status", &pilot.status),
            ]
        })
        .collect();
    Section::new(w.t("plan.pilots")).with(empty_or(table, w))
}

fn zones(p: &Preparation, w: &Words) -> Section {
    let mut table = w.table(
        "plan.zones_caption",
        &[
            ("plan.zone", false),
            ("plan.geology", false),
            ("plan.allocation_rules", false),
        ],
    );
    table.rows = p
        .zones
        .iter()
        .map(|z| {
            vec![
                z.name.clone(),
                or_dash(&z.geology_notes),
                or_dash(&z.allocation_rules),
            ]
        })
        .collect();
    let unbounded: Vec<&str> = p
        .zones
        .iter()
        .filter(|z| z.polygon.is_none())
        .map(|z| z.name.as_str())
        .collect();
    let mut section = Section::new(w.t("plan.zones")).with(empty_or(table, w));
    if !unbounded.is_empty() {
        section.push(w.paragraph("plan.zones_unbounded", &[("list", &unbounded.join(", "))]));
    }
    section
}

/// The licence types the strategy gives its types of ASM, and the register's holders by status.
fn licensing(view: &PlanView, holders: &[(&'static str, i64)], w: &Words) -> Section {
    let mut section = Section::new(w.t("plan.licensing"));
    let types: Vec<String> = view
        .licence_types
        .iter()
        .map(|code| label(w.lang, "licence_types", code))
        .collect();
    section.push(match types.is_empty() {
        true => w.paragraph("plan.no_licence_types", &[]),
        false => w.paragraph("plan.licence_types", &[("list", &types.join(", "))]),
    });
    let mut table = w.table(
        "plan.holders_caption",
        &[("plan.licence_status", false), ("plan.holders", true)],
    );
    table.rows = holders
        .iter()
        .map(|(status, n)| vec![w.coded("plan.licence_status", status), int(w.lang, *n)])
        .collect();
    let all: i64 = holders.iter().map(|(_, n)| n).sum();
    if all == 0 {
        return section.with(w.empty());
    }
    table.total = Some(vec![w.t("plan.total"), int(w.lang, all)]);
    section.with(Block::Table(table))
}
