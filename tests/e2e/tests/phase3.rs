//! Phase 3 end to end in the real window, from the demo's signed strategy (`lode demo
//! --through-phase 2`): an officer sets the plan period, plans an action from an instrument of the
//! strategy with an owner and a budget and sees it on the timeline and in the totals, registers
//! licence holders (a duplicate is caught, an illegal status change refused, the history kept),
//! adopts an indicator and records a measurement and a computed value, holds a review with an
//! adjustment, and follows the trace from the action back to the strategy — then finds it all
//! after a relaunch.

use lode_e2e::{App, demo_data, screenshots_dir, within_time_limit};

const ACTION_ROW: &str = r#"[data-testid="plan-action-row"]"#;

async fn shot(app: &App, name: &str) {
    app.screenshot(&screenshots_dir().join(format!("phase3-{name}.png")))
        .await;
}

/// The value of the first option of a select that is not the empty "choose" one.
async fn first_choice(app: &App, select: &str) -> String {
    app.attr(&format!(r#"{select} option:not([value=""])"#), "value")
        .await
        .unwrap_or_else(|| panic!("`{select}` offers no choice"))
}

async fn plan_period(app: &App) {
    app.fill_date("#plan-period-start-on", "2027-01-01").await;
    app.fill_date("#plan-period-end-on", "2029-12-31").await;
    app.fill("#plan-period-currency", "USD").await;
    app.click(r#"[data-testid="plan-period-save"]"#).await;
}

/// Plans an action from an instrument the strategy uses (that of its first measure), owned by a
/// department of the task force with one budget line, and returns its id.
async fn plan_an_action(app: &App) -> String {
    let instrument = app
        .attr(
            r#"#plan-action-from option[value^="measure:"]"#,
            "data-instrument",
        )
        .await
        .expect("the signed strategy offers its measures to plan");
    app.select("#plan-action-from", &format!("instrument:{instrument}"))
        .await;
    app.wait_for(r#"[data-testid="plan-action-form"]"#).await;
    assert_eq!(
        app.attr("#plan-action-instrument", "value").await,
        Some(instrument),
        "an action made from an instrument starts on it"
    );
    app.fill(
        "#plan-action-title",
        "Open the one-stop licensing window in Kamituga",
    )
    .await;
    app.fill_date("#plan-action-start-on", "2027-02-01").await;
    app.fill_date("#plan-action-end-on", "2027-09-30").await;
    let department = first_choice(app, "#plan-action-department-id").await;
    app.select("#plan-action-department-id", &department).await;
    app.click(r#"[data-testid="plan-action-budget-add"]"#).await;
    app.fill("#plan-action-budget-amount-0", "48000").await;
    app.fill("#plan-action-budget-currency-0", "USD").await;
    app.fill("#plan-action-budget-year-0", "2027").await;
    app.click(r#"[data-testid="plan-action-save"]"#).await;
    let row = app
        .wait_for(&format!(r#"{ACTION_ROW}[data-warnings=""]"#))
        .await;
    row.attr("data-id")
        .await
        .ok()
        .flatten()
        .expect("an action row has its id")
}

async fn timeline_and_totals(app: &App, action: &str) {
    app.wait_for(&format!(
        r#"[data-testid="timeline-bar"][data-id="{action}"][data-start="2027-02-01"][data-end="2027-09-30"]"#
    ))
    .await;
    app.wait_for(r#"[data-testid="plan-timeline"][data-count="1"]"#)
        .await;
    app.wait_for(
        r#"[data-testid="totals-by-year"] [data-testid="totals-row"][data-key="2027"] [data-testid="totals-amount"][data-currency="USD"][data-amount="48000"]"#,
    )
    .await;
}

async fn add_holder(app: &App, name: &str, national_id: &str) {
    app.click(r#"[data-testid="holder-add"]"#).await;
    app.wait_for(r#"[data-testid="holder-form"]"#).await;
    app.select("#holder-kind", "individual").await;
    app.select("#holder-status", "applied").await;
    app.fill("#holder-name", name).await;
    app.fill("#holder-national-id", national_id).await;
    app.fill_date("#holder-birth-date", "1988-04-12").await;
    app.select("#holder-sex", "female").await;
    app.select("#holder-licence-type", "artisanal_permit").await;
    app.click(r#"[data-testid="holder-save"]"#).await;
}

/// Registers a holder, is stopped from registering her twice, is refused an illegal status change,
/// grants the licence and finds both statuses in the history. Returns the holder's id.
async fn licence_register(app: &App) -> String {
    add_holder(app, "Aline Bahati", "CD-0042 7781").await;
    let row = app
        .wait_for(r#"[data-testid="holder-row"][data-status="applied"]"#)
        .await;
    let holder = row.attr("data-id").await.ok().flatten().expect("an id");
    shot(app, "holder-saved").await;

    add_holder(app, "Aline BAHATI", "cd00427781").await;
    app.wait_for(&format!(
        r#"[data-testid="holder-duplicates"] [data-testid="holder-duplicate-row"][data-id="{holder}"]"#
    ))
    .await;
    shot(app, "holder-duplicate").await;
    app.click(r#"[data-testid="holder-duplicates-cancel"]"#)
        .await;
    assert_eq!(
        app.find_all(r#"[data-testid="holder-row"]"#).await.len(),
        1,
        "a holder declined as a duplicate is not saved"
    );

    app.click(&format!(
        r#"[data-testid="holder-row"][data-id="{holder}"] [data-testid="holder-open"]"#
    ))
    .await;
    app.wait_for(&format!(
        r#"[data-testid="holder-detail"][data-id="{holder}"]"#
    ))
    .await;
    app.select("#holder-status", "suspended").await;
    app.click(r#"[data-testid="holder-save"]"#).await;
    let refusal = app.text("#holder-status-error").await;
    assert!(
        !refusal.trim().is_empty(),
        "an application cannot be suspended: the refusal says so"
    );
    shot(app, "holder-illegal-transition").await;
    app.select("#holder-status", "granted").await;
    app.fill_date("#holder-issued-on", "2027-03-01").await;
    app.fill_date("#holder-expires-on", "2029-02-28").await;
    app.click(r#"[data-testid="holder-save"]"#).await;
    app.wait_for(&format!(
        r#"[data-testid="holder-row"][data-id="{holder}"][data-status="granted"]"#
    ))
    .await;
    app.wait_for(r#"[data-testid="holder-history"][data-count="2"]"#)
        .await;
    app.wait_for(r#"[data-testid="holder-history-row"][data-from=""][data-to="applied"]"#)
        .await;
    app.wait_for(r#"[data-testid="holder-history-row"][data-from="applied"][data-to="granted"]"#)
        .await;
    app.wait_for(r#"[data-testid="licence-status-count"][data-status="granted"][data-count="1"]"#)
        .await;
    holder
}

/// The adopted indicator row of `code`.
fn indicator(code: &str) -> String {
    format!(r#"[data-testid="indicator-row"][data-code="{code}"]"#)
}

async fn adopt(app: &App, code: &str, baseline: &str, target: &str) {
    app.click(r#"[data-testid="indicator-add"]"#).await;
    app.wait_for(r#"[data-testid="indicator-form"]"#).await;
    app.select("#indicator-indicator", code).await;
    app.fill("#indicator-baseline", baseline).await;
    app.fill_date("#indicator-baseline-on", "2026-12-31").await;
    app.fill("#indicator-target", target).await;
    app.fill_date("#indicator-target-on", "2029-12-31").await;
    app.click(r#"[data-testid="indicator-save"]"#).await;
    app.wait_for(&indicator(code)).await;
}

/// Adopts a survey indicator and records a value (its chart grows by a point), then the computable
/// count of registered miners, whose value Lode reads from the register (one granted individual).
async fn monitoring(app: &App) {
    app.open_step("3.3").await;
    adopt(app, "retorts_in_use", "40", "400").await;
    let retorts = indicator("retorts_in_use");
    app.wait_for(&format!(
        r#"{retorts} [data-testid="indicator-chart"][data-count="0"]"#
    ))
    .await;
    app.click(&format!(r#"{retorts} [data-testid="measurement-add"]"#))
        .await;
    app.wait_for(r#"[data-testid="measurement-form"]"#).await;
    app.fill_date("#measurement-on", "2027-06-30").await;
    app.fill("#measurement-value", "85").await;
    app.fill(
        "#measurement-source",
        "Extension visit reports, second quarter",
    )
    .await;
    app.click(r#"[data-testid="measurement-save"]"#).await;
    app.wait_for(&format!(
        r#"{retorts} [data-testid="indicator-chart"][data-count="1"] [data-testid="chart-point"][data-on="2027-06-30"][data-value="85"]"#
    ))
    .await;

    adopt(app, "registered_miners", "0", "5000").await;
    let miners = indicator("registered_miners");
    assert!(
        !app.exists(&format!(r#"{miners} [data-testid="measurement-add"]"#))
            .await,
        "a computed indicator takes no typed value"
    );
    app.wait_for(&format!(
        r#"{miners} [data-testid="indicator-current"][data-value="1"]"#
    ))
    .await;
    app.click(&format!(r#"{miners} [data-testid="measurement-compute"]"#))
        .await;
    app.wait_for(&format!(
        r#"{miners} [data-testid="measurement-row"][data-value="1"]"#
    ))
    .await;
    shot(app, "monitoring").await;
}

/// Holds a review whose adjustment moves the planned action.
async fn review(app: &App, action: &str) {
    app.click(r#"[data-testid="review-add"]"#).await;
    app.wait_for(r#"[data-testid="review-form"]"#).await;
    app.fill_date("#review-held-on", "2027-07-15").await;
    app.fill("#review-period", "2027-Q2").await;
    app.fill_date("#review-next-on", "2028-01-15").await;
    app.fill(
        "#review-findings",
        "The window opened late: the premises were ready only in May.",
    )
    .await;
    app.click(r#"[data-testid="review-adjustment-add"]"#).await;
    app.fill(
        "#review-adjustments-description-0",
        "Extend the window's opening to the end of 2027.",
    )
    .await;
    app.select("#review-adjustments-action-0", action).await;
    app.click(r#"[data-testid="review-save"]"#).await;
    app.wait_for(&format!(
        r#"[data-testid="review-row"][data-adjustments="1"] [data-testid="review-adjustment"][data-action-id="{action}"]"#
    ))
    .await;
    shot(app, "review").await;
}

/// From the action back to the strategy: the measures it carries out and the goals they serve.
async fn trace(app: &App, action: &str) {
    app.open_step("3.1").await;
    app.click(&format!(
        r#"{ACTION_ROW}[data-id="{action}"] [data-testid="plan-action-trace"]"#
    ))
    .await;
    app.wait_for(&format!(
        r#"[data-testid="trace-panel"][data-action-id="{action}"] [data-testid="trace-measures"] [data-testid="trace-measure"]"#
    ))
    .await;
    app.wait_for(&format!(
        r#"[data-testid="trace-panel"] [data-testid="trace-actions"] [data-testid="trace-action"][data-id="{action}"]"#
    ))
    .await;
    app.wait_for(
        r#"[data-testid="trace-panel"] [data-testid="trace-goals"] [data-testid="trace-goal"]"#,
    )
    .await;
    shot(app, "trace").await;
}

/// After a relaunch the plan, the register and the monitoring are all there.
async fn after_relaunch(app: &App, action: &str, holder: &str) {
    app.wait_for(r#"[data-testid="home"]"#).await;
    app.open_step("3.1").await;
    app.wait_for(&format!(
        r#"[data-testid="timeline-bar"][data-id="{action}"]"#
    ))
    .await;
    app.wait_for(&format!(
        r#"[data-testid="holder-row"][data-id="{holder}"][data-status="granted"]"#
    ))
    .await;
    app.open_step("3.3").await;
    app.wait_for(&format!(
        r#"{} [data-testid="indicator-chart"][data-count="1"]"#,
        indicator("retorts_in_use")
    ))
    .await;
    app.wait_for(r#"[data-testid="review-row"][data-adjustments="1"]"#)
        .await;
}

#[tokio::test]
async fn an_officer_plans_registers_monitors_and_reviews_from_the_demo_strategy() {
    within_time_limit(async {
        let data = demo_data("phase3", 2);
        let app = App::launch(data.path()).await;
        app.wait_for(r#"[data-testid="home"]"#).await;

        app.open_step("3.1").await;
        shot(&app, "step-3-1-empty").await;
        plan_period(&app).await;
        let action = plan_an_action(&app).await;
        timeline_and_totals(&app, &action).await;
        shot(&app, "action-planned").await;

        let holder = licence_register(&app).await;
        monitoring(&app).await;
        review(&app, &action).await;
        trace(&app, &action).await;
        app.close().await;

        let app = App::launch(data.path()).await;
        after_relaunch(&app, &action, &holder).await;
        app.close().await;
    })
    .await;
}
