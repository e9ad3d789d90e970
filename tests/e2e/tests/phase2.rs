//! Phase 2 end to end in the real window, from the demo's Phase 1 (`lode demo --through-phase 1`):
//! an officer assesses a technique, accepts the proposed types, weighs the criteria and sees the
//! ranking change, builds the strategy of the two first types, runs the checks, follows a finding to
//! fix it, signs off (saying why findings remain) and finds the version locked, then starts version 2.

use fantoccini::Locator;
use fantoccini::key::Key;
use lode_e2e::{App, demo_data, screenshots_dir, within_time_limit};

const RANKING_ROWS: &str = r#"[data-testid="ranking-row"]"#;

/// The values of `attribute` on every element matching `css`, in page order.
async fn attrs(app: &App, css: &str, attribute: &str) -> Vec<String> {
    let mut values = Vec::new();
    for element in app.find_all(css).await {
        values.push(
            element
                .attr(attribute)
                .await
                .ok()
                .flatten()
                .unwrap_or_default(),
        );
    }
    values
}

/// Types `value` into the field and presses Enter, as an officer sets a weight.
async fn enter(app: &App, css: &str, value: &str) {
    app.fill(css, value).await;
    let field = app
        .client()
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("`{css}`: {e}"));
    field
        .send_keys(&String::from(char::from(Key::Enter)))
        .await
        .unwrap_or_else(|e| panic!("could not press Enter in `{css}`: {e}"));
}

/// Sets the four built-in weights and waits until the ranking shows the new top total.
async fn weigh(app: &App, weights: [(&str, &str); 4]) -> Vec<String> {
    for (basis, weight) in weights {
        enter(app, &format!("#criterion-weight-{basis}"), weight).await;
        app.wait_for(&format!(
            r#"[data-testid="criterion-row"][data-basis="{basis}"][data-weight="{weight}"]"#
        ))
        .await;
    }
    app.wait_for(&format!(
        r#"{RANKING_ROWS}[data-rank="1"][data-total="100"]"#
    ))
    .await;
    attrs(app, RANKING_ROWS, "data-id").await
}

async fn assess_a_technique(app: &App) {
    app.open_step("2.1").await;
    let row = r#"[data-testid="technique-row"][data-code="tailings_into_waterways"]"#;
    app.click(&format!(r#"{row} [data-testid="technique-edit"]"#))
        .await;
    app.select("#technique-category", "unacceptable").await;
    app.click(r#"[data-testid="technique-save"]"#).await;
    let message = app.text("#technique-rationale-error").await;
    assert!(
        !message.trim().is_empty(),
        "a category changed from the catalogue's needs a reason"
    );
    app.fill(
        "#technique-rationale",
        "The river below the sites is the town's drinking water.",
    )
    .await;
    app.click(r#"[data-testid="technique-save"]"#).await;
    app.wait_for(&format!(
        r#"{row}[data-changed="true"][data-category="unacceptable"]"#
    ))
    .await;
}

/// Accepts the proposals and returns the ranking under two different weightings.
async fn types_and_priorities(app: &App) -> (Vec<String>, Vec<String>) {
    app.open_step("2.2").await;
    app.click(r#"[data-testid="types-accept"]"#).await;
    app.wait_for(r#"[data-testid="types-accepted"]"#).await;
    app.wait_for(r#"[data-testid="types-unassigned"][data-count="0"], [data-testid="type-row"]"#)
        .await;
    let types = app.find_all(r#"[data-testid="type-row"]"#).await.len();
    assert!(
        types >= 6,
        "the demo's 300 sites give six types or more, got {types}"
    );
    let by_people = weigh(
        app,
        [
            ("people_affected", "100"),
            ("unacceptable_severity", "0"),
            ("economic_value", "0"),
            ("government_leverage", "0"),
        ],
    )
    .await;
    let by_value = weigh(
        app,
        [
            ("economic_value", "100"),
            ("people_affected", "0"),
            ("unacceptable_severity", "0"),
            ("government_leverage", "0"),
        ],
    )
    .await;
    app.wait_for(r#"[data-testid="ranking-moved"]"#).await;
    (by_people, by_value)
}

/// The strategy of one type: approaches (the licence type only when `licence` is given) and a
/// measure eliminating each unacceptable technique present.
async fn build_strategy(app: &App, type_id: &str, licence: Option<&str>) {
    app.click(&format!(
        r#"[data-testid="strategy-type"][data-id="{type_id}"]"#
    ))
    .await;
    app.wait_for(&format!(
        r#"[data-testid="section-strategy"][data-type-id="{type_id}"]"#
    ))
    .await;
    app.select("#strategy-allocate-land", "no").await;
    app.select("#strategy-impacts-approach", "both").await;
    if let Some(licence) = licence {
        app.select("#strategy-licence-type", licence).await;
    }
    app.fill(
        "#strategy-transboundary",
        "Gold leaves through informal traders; align export fees with neighbours.",
    )
    .await;
    app.click(r#"[data-testid="strategy-save"]"#).await;
    app.wait_for(r#"[data-testid="strategy-form"] .saved-note"#)
        .await;
    loop {
        let left = app
            .find_all(r#"[data-testid="strategy-technique-eliminate"]"#)
            .await
            .len();
        if left == 0 {
            break;
        }
        app.click(r#"[data-testid="strategy-technique-eliminate"]"#)
            .await;
        app.select("#measure-instrument", "licensing_regulation_enforcement")
            .await;
        app.click(r#"[data-testid="measure-save"]"#).await;
        app.wait_until("one unacceptable technique fewer left", async || {
            let now = app
                .find_all(r#"[data-testid="strategy-technique-eliminate"]"#)
                .await
                .len();
            (now < left).then_some(())
        })
        .await;
    }
}

async fn run_checks(app: &App) {
    app.click(r#"[data-testid="finalise-run"]"#).await;
    app.wait_for(r#"[data-testid="finalise-checked"]"#).await;
}

#[tokio::test]
async fn an_officer_builds_checks_and_signs_off_a_strategy_from_the_demo_phase_1() {
    within_time_limit(async {
        let data = demo_data("phase2", 1);
        let shots = screenshots_dir();
        let app = App::launch(data.path()).await;

        assess_a_technique(&app).await;
        app.screenshot(&shots.join("phase2-techniques.png")).await;

        let (by_people, by_value) = types_and_priorities(&app).await;
        assert_ne!(by_people, by_value, "weighing value instead of people reorders the types");
        app.screenshot(&shots.join("phase2-ranking.png")).await;

        app.open_step("2.3").await;
        let ranked = attrs(&app, r#"[data-testid="strategy-type"]"#, "data-id").await;
        assert_eq!(ranked, by_value, "step 2.3 lists the types in rank order");
        build_strategy(&app, &ranked[0], None).await;
        build_strategy(&app, &ranked[1], Some("small_scale_licence")).await;
        app.screenshot(&shots.join("phase2-strategy.png")).await;

        app.open_step("2.4").await;
        run_checks(&app).await;
        let missing_licence = format!(
            r#"[data-testid="finding-row"][data-rule="no_licence_type"][data-type-id="{}"]"#,
            ranked[0]
        );
        app.wait_for(&missing_licence).await;
        assert!(
            !app.exists(&format!(
                r#"[data-testid="finding-row"][data-rule="type_without_approaches"][data-type-id="{}"]"#,
                ranked[1]
            ))
            .await,
            "the second type has both approaches"
        );
        app.screenshot(&shots.join("phase2-findings.png")).await;

        // The finding's link leads to the type's strategy, where the licence type is set.
        app.click(&format!(r#"{missing_licence} [data-testid="finding-go"]"#))
            .await;
        app.wait_for(&format!(
            r#"[data-testid="section-strategy"][data-type-id="{}"]"#,
            ranked[0]
        ))
        .await;
        app.select("#strategy-licence-type", "artisanal_permit").await;
        app.click(r#"[data-testid="strategy-save"]"#).await;
        app.wait_for(r#"[data-testid="strategy-form"] .saved-note"#)
            .await;
        app.open_step("2.4").await;
        run_checks(&app).await;
        assert!(
            !app.exists(&missing_licence).await,
            "the finding is gone once the licence type is set"
        );
        let open = app.find_all(r#"[data-testid="finding-row"]"#).await.len();
        assert!(open > 0, "the other types are still to be done");

        app.click(r#"[data-testid="version-sign"]"#).await;
        app.fill(
            "#version-note",
            "The two priority types come first; the others follow in version 2.",
        )
        .await;
        app.click(r#"[data-testid="version-sign-confirm"]"#).await;
        app.wait_for(r#"[data-testid="version-state"][data-state="signed"]"#)
            .await;
        app.wait_for(r#"[data-testid="version-locked"]"#).await;
        app.wait_for_text(r#"[data-testid="version-note"]"#, "priority types")
            .await;
        app.screenshot(&shots.join("phase2-signed.png")).await;

        app.open_step("2.3").await;
        app.wait_for(r#"[data-testid="strategy-locked"]"#).await;
        app.close().await;

        // After a relaunch the version is still signed; version 2 opens and compares with it.
        let app = App::launch(data.path()).await;
        app.open_step("2.4").await;
        app.wait_for(r#"[data-testid="version-box"][data-locked="true"]"#)
            .await;
        app.click(r#"[data-testid="version-new"]"#).await;
        app.wait_for(r#"[data-testid="version-number"][data-number="2"]"#)
            .await;
        app.wait_for(r#"[data-testid="version-state"][data-state="draft"]"#)
            .await;
        app.select(r#"[data-testid="compare-from"]"#, "1").await;
        app.select(r#"[data-testid="compare-to"]"#, "").await;
        app.click(r#"[data-testid="compare-run"]"#).await;
        app.wait_for(r#"[data-testid="compare-empty"], [data-testid="compare-result"]"#)
            .await;
        assert!(
            app.exists(r#"[data-testid="compare-empty"]"#).await,
            "nothing changed since version 1 was signed"
        );
        app.close().await;
    })
    .await;
}
