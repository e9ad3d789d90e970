//! The demo workspace in the real window, set up by `lode demo` as `cargo xtask run` does: its 300
//! sites page, sort and filter through the backend, the overview counts them all, and the French
//! interface shows the same register translated.

use lode_e2e::{App, demo_data, screenshots_dir, within_time_limit};

const COUNT: &str = r#"[data-testid="sites-count"]"#;
const WOMEN_CELLS: &str = r#"[data-testid="site-row"] td.num:nth-of-type(7)"#;

async fn numbers(app: &App, css: &str) -> Vec<i64> {
    let mut numbers = Vec::new();
    for cell in app.find_all(css).await {
        let text = cell.text().await.expect("a cell's text");
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        numbers.push(digits.parse().unwrap_or(0));
    }
    numbers
}

async fn first_site(app: &App) -> String {
    app.text(r#"[data-testid="site-row"] .row-link"#).await
}

#[tokio::test]
async fn the_demo_sites_page_sort_filter_and_add_up() {
    within_time_limit(async {
        let data = demo_data("demo", 3);
        let shots = screenshots_dir();

        let app = App::launch(data.path()).await;
        app.wait_for(r#"[data-testid="step-card-1.3"][data-status="in_progress"]"#)
            .await;
        app.screenshot(&shots.join("demo-home.png")).await;

        app.click(r#"[data-testid="nav-sites"]"#).await;
        app.wait_for_text(COUNT, "1–100 of 300").await;

        // Women miners, most first: the backend sorts all 300, not only the page shown.
        app.click(r#"[data-testid="sites-sort-minersFemale"]"#)
            .await;
        app.click(r#"[data-testid="sites-sort-minersFemale"]"#)
            .await;
        app.wait_for(r#"th[aria-sort="descending"] [data-testid="sites-sort-minersFemale"]"#)
            .await;
        let women = app
            .wait_until("the page sorted by women, most first", async || {
                let women = numbers(&app, WOMEN_CELLS).await;
                (women.len() == 100 && women.is_sorted_by(|a, b| a >= b)).then_some(women)
            })
            .await;
        app.click(r#"[data-testid="sites-next"]"#).await;
        app.wait_for_text(COUNT, "101–200 of 300").await;
        let next_page = numbers(&app, WOMEN_CELLS).await;
        assert!(
            next_page.iter().all(|n| *n <= women[99]),
            "the second page continues the order: {} then {next_page:?}",
            women[99]
        );
        app.screenshot(&shots.join("demo-sites.png")).await;

        // Gold only: fewer sites, each one gold.
        app.select(r#"[data-testid="sites-filter-commodity"]"#, "gold")
            .await;
        let gold = app
            .wait_until("the gold filter to apply", async || {
                let text = app.text(COUNT).await;
                let total: i64 = text.rsplit(' ').next()?.replace(',', "").parse().ok()?;
                (text.starts_with("1–") && total < 300).then_some(total)
            })
            .await;
        assert!(gold > 0, "the demo has gold sites");
        // The commodity column's full label is its title (the cell may be cut short).
        for cell in app
            .find_all(r#"[data-testid="site-row"] td:nth-of-type(3)"#)
            .await
        {
            assert_eq!(cell.attr("title").await.unwrap().as_deref(), Some("Gold"));
        }

        // A name typed into the search finds that site among the gold ones.
        let name = first_site(&app).await;
        app.fill(r#"[data-testid="sites-filter-text"]"#, &name)
            .await;
        app.wait_for_text(COUNT, "of 1").await;
        assert_eq!(first_site(&app).await, name);

        app.click(r#"[data-testid="context-tab-overview"]"#).await;
        app.wait_for_text(r#"[data-testid="overview-sites"]"#, "300")
            .await;
        app.wait_for(r#"[data-testid="overview-chart"]"#).await;
        app.screenshot(&shots.join("demo-overview.png")).await;

        app.select("#language", "fr").await;
        app.click(r#"[data-testid="nav-sites"]"#).await;
        app.wait_for_text(COUNT, "sur 300").await;
        app.screenshot(&shots.join("demo-sites-fr.png")).await;
        app.close().await;
    })
    .await;
}

/// The demo's Phase 3 as `cargo xtask run` shows it: a plan of forty actions on the timeline, a
/// register of 2,000 licence holders that counts, filters and opens with the history of each
/// licence, and indicators with two years of measurements on their charts.
#[tokio::test]
async fn the_demo_plan_register_and_indicators_are_there_to_work_with() {
    within_time_limit(async {
        let data = demo_data("demo", 3);
        let shots = screenshots_dir();
        let app = App::launch(data.path()).await;
        app.wait_for(r#"[data-testid="home"]"#).await;

        app.click(r#"[data-testid="nav-step-3.1"]"#).await;
        app.wait_for(r#"[data-testid="plan-timeline"][data-count="40"]"#)
            .await;

        app.click(r#"[data-testid="nav-licence-holders"]"#).await;
        app.wait_for_text(r#"[data-testid="holders-count"]"#, "1–100 of 2,000")
            .await;
        let renewals = app
            .attr(r#"[data-testid="licence-renewals"]"#, "data-count")
            .await
            .and_then(|n| n.parse::<i64>().ok())
            .expect("the renewals due are counted");
        assert!(renewals > 0, "some demo licences are due for renewal");
        app.click(r#"[data-testid="licence-status-count"][data-status="suspended"]"#)
            .await;
        app.wait_for_text(r#"[data-testid="holders-count"]"#, "1–80 of 80")
            .await;
        assert!(
            app.find_all(r#"[data-testid="holder-row"]:not([data-status="suspended"])"#)
                .await
                .is_empty(),
            "the status filter leaves suspended licences only"
        );
        app.click(r#"[data-testid="holder-row"] [data-testid="holder-open"]"#)
            .await;
        app.wait_for(r#"[data-testid="holder-history"][data-count="2"]"#)
            .await;
        app.screenshot(&shots.join("demo-licence-register.png"))
            .await;

        app.click(r#"[data-testid="nav-step-3.3"]"#).await;
        app.wait_for(r#"[data-testid="indicator-chart"][data-count="8"]"#)
            .await;
        assert_eq!(
            app.find_all(r#"[data-testid="indicator-chart"][data-count="8"]"#)
                .await
                .len(),
            5,
            "five indicators with eight quarters each"
        );
        app.screenshot(&shots.join("demo-indicators.png")).await;
        app.close().await;
    })
    .await;
}
