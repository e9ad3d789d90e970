//! Phase 1 end to end in the real window: an officer completes steps 1.1–1.4 from an empty workspace,
//! sees the home screen's readiness move, is stopped by a bad coordinate with a message on the field,
//! and finds every record again after a relaunch.

use lode_e2e::first_run::set_up_with_a_workspace;
use lode_e2e::{App, screenshots_dir, within_time_limit};

const PHASE_1: [&str; 4] = ["1.1", "1.2", "1.3", "1.4"];

const FOCAL_PERSON: &str = "Fatmata Sesay";
const STAKEHOLDERS: [(&str, &str, &str); 2] = [
    ("Koidu Women Miners Association", "women_miners", "female"),
    ("Tankoro Diggers Union", "diggers", "male"),
];
const EVENT_PLACE: &str = "Koidu town hall";
const SITES: [(&str, &str, &str, &str, &str, &str); 3] = [
    // name, latitude, longitude, commodity, women, men
    (
        "Bandafayie pit 3",
        "8.6412",
        "-10.9721",
        "diamonds",
        "12",
        "48",
    ),
    (
        "Gbense gold terrace",
        "8.6010",
        "-10.9900",
        "gold",
        "30",
        "70",
    ),
    (
        "Yengema sand pit",
        "8.6201",
        "-11.0417",
        "construction_materials",
        "5",
        "15",
    ),
];
const CAPACITY_OFFICE: &str = "Kono district office";
const NODES: [(&str, &str); 2] = [
    ("Bandafayie pits", "mine_site"),
    ("Koidu licensed dealer", "local_buyer"),
];
const PARTNER: &str = "Diamonds for Development Fund";

fn fresh_data_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("lode-e2e-phase1-")
        .tempdir()
        .expect("a temporary data folder")
}

/// What the home screen says of a step: its status and its readiness in percent.
async fn step_card(app: &App, step: &str) -> (String, u32) {
    let card = format!(r#"[data-testid="step-card-{step}"]"#);
    let status = app.attr(&card, "data-status").await.unwrap_or_default();
    let percent = app
        .attr(&format!(r#"{card} [role="progressbar"]"#), "aria-valuenow")
        .await
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(|| panic!("the card of step {step} must show its readiness"));
    (status, percent)
}

async fn open_context_tab(app: &App, tab: &str) {
    let button = format!(r#"[data-testid="context-tab-{tab}"]"#);
    app.click(&button).await;
    app.wait_for(&format!(r#"{button}[aria-selected="true"]"#))
        .await;
}

async fn task_force(app: &App) {
    app.open_step("1.1").await;
    app.fill(
        "#charter-mandate",
        "Coordinate the formalisation of artisanal mining in Kono.",
    )
    .await;
    app.fill("#charter-legal-basis", "Ministerial order 12 of 2026")
        .await;
    app.select("#charter-lead-agency", "mines").await;
    app.fill("#charter-chair", "Director of Mines").await;
    app.click(r#"[data-testid="tf-charter-save"]"#).await;
    app.wait_for(r#"[data-testid="tf-agency-missing-mines"]"#)
        .await;
    // The charter's legal basis meets the checklist's "mandate adopted" without a tick.
    app.wait_for(r#"[data-testid="check-evidence-mandate_adopted"]"#)
        .await;
    assert!(
        app.is_checked(r#"[data-testid="check-mandate_adopted"]"#)
            .await,
        "an item the records show done is ticked"
    );

    app.click(r#"[data-testid="tf-member-add"]"#).await;
    app.select("#member-agency", "mines").await;
    app.fill("#member-department", "Artisanal mining unit")
        .await;
    app.fill("#member-focal-person", FOCAL_PERSON).await;
    app.select("#member-level", "district").await;
    app.fill("#member-role", "Secretariat").await;
    app.click(r#"[data-testid="tf-member-save"]"#).await;
    app.wait_for_text(r#"[data-testid="tf-member-row"]"#, FOCAL_PERSON)
        .await;
    app.wait_for(r#"[data-testid="tf-agency-present-mines"]"#)
        .await;
    app.wait_for(r#"[data-testid="check-evidence-member_mining"]"#)
        .await;
    assert!(
        app.exists(r#"[data-testid="tf-agency-missing-water"]"#)
            .await,
        "the water agency, which the guidance names, is still missing from the task force"
    );

    app.click(r#"[data-testid="tf-meeting-add"]"#).await;
    app.fill_date("#meeting-held-on", "2026-11-02").await;
    app.fill(
        "#meeting-decisions",
        "Adopt the charter; map the sites before the rains.",
    )
    .await;
    app.click(r#"[data-testid="tf-meeting-save"]"#).await;
    app.wait_for_text(r#"[data-testid="tf-meeting-row"]"#, "Adopt the charter")
        .await;
}

async fn forum(app: &App) {
    app.open_step("1.2").await;
    for (organisation, group, sex) in STAKEHOLDERS {
        app.click(r#"[data-testid="forum-stakeholder-add"]"#).await;
        app.fill("#stakeholder-organisation", organisation).await;
        app.select("#stakeholder-group", group).await;
        app.fill("#stakeholder-region", "Kono").await;
        app.select("#stakeholder-representative-sex", sex).await;
        app.select("#stakeholder-influence", "3").await;
        app.select("#stakeholder-interest", "5").await;
        app.click(r#"[data-testid="forum-stakeholder-save"]"#).await;
        app.wait_for_text(r#"[data-testid="forum-stakeholder-row"]"#, organisation)
            .await;
    }

    app.click(r#"[data-testid="forum-event-add"]"#).await;
    app.fill_date("#event-held-on", "2026-11-10").await;
    app.fill("#event-place", EVENT_PLACE).await;
    app.click("#event-steps-1-2").await;
    app.click(r#"[data-testid="forum-event-attendance-add"]"#)
        .await;
    app.select("#event-attendance-group-0", "women_miners")
        .await;
    app.fill("#event-attendance-female-0", "14").await;
    app.fill("#event-attendance-male-0", "2").await;
    app.fill("#event-issues-raised", "Mercury at the washing ponds.")
        .await;
    app.click(r#"[data-testid="forum-event-save"]"#).await;
    app.wait_for_text(r#"[data-testid="forum-event-row"]"#, EVENT_PLACE)
        .await;
    // 14 women of 16 attendees; diggers registered but never consulted.
    app.wait_for_text(r#"[data-testid="forum-gender-balance"]"#, "88")
        .await;
    let never = app.text(r#"[data-testid="forum-never-consulted"]"#).await;
    assert!(
        never.contains("Diggers"),
        "the diggers were registered but never consulted, yet the forum says: {never:?}"
    );
}

async fn add_site(app: &App, site: (&str, &str, &str, &str, &str, &str)) {
    let (name, latitude, longitude, commodity, women, men) = site;
    app.click(r#"[data-testid="site-add"]"#).await;
    app.fill("#site-name", name).await;
    app.fill("#site-admin-unit", "Kono / Gbense chiefdom").await;
    app.fill("#site-latitude", latitude).await;
    app.fill("#site-longitude", longitude).await;
    app.select("#site-commodity", commodity).await;
    app.select("#site-deposit-type", "alluvial").await;
    app.fill("#site-miners-female", women).await;
    app.fill("#site-miners-male", men).await;
    app.click(r#"[data-testid="site-save"]"#).await;
    app.wait_for_text(r#"[data-testid="site-row"]"#, name).await;
}

async fn context(app: &App, shots: &std::path::Path) {
    app.open_step("1.3").await;
    open_context_tab(app, "sites").await;

    // A latitude beyond the pole is refused, on the field, and nothing is saved.
    let (name, _, longitude, commodity, ..) = SITES[0];
    app.click(r#"[data-testid="site-add"]"#).await;
    app.fill("#site-name", name).await;
    app.fill("#site-admin-unit", "Kono / Gbense chiefdom").await;
    app.fill("#site-latitude", "95").await;
    app.fill("#site-longitude", longitude).await;
    app.select("#site-commodity", commodity).await;
    app.click(r#"[data-testid="site-save"]"#).await;
    app.wait_for_visible("#site-latitude-error").await;
    let message = app.text("#site-latitude-error").await;
    assert!(
        message.contains("90"),
        "the latitude's message must say the range it accepts, got {message:?}"
    );
    app.screenshot(&shots.join("phase1-site-error.png")).await;
    app.click(r#"[data-testid="site-form"] button.secondary"#)
        .await;
    assert!(
        !app.exists(r#"[data-testid="site-row"]"#).await,
        "a refused site must not be saved"
    );

    for site in SITES {
        add_site(app, site).await;
    }
    app.wait_for_text(r#"[data-testid="sites-count"]"#, "of 3")
        .await;

    open_context_tab(app, "overview").await;
    app.wait_for_text(r#"[data-testid="overview-sites"]"#, "3")
        .await;
    // 12 + 48 + 30 + 70 + 5 + 15 miners, computed from the sites.
    app.wait_for_text(r#"[data-testid="overview-miners-total"]"#, "180")
        .await;

    open_context_tab(app, "capacity").await;
    app.click(r#"[data-testid="capacity-add"]"#).await;
    app.fill("#capacity-office", CAPACITY_OFFICE).await;
    app.select("#capacity-function", "inspection").await;
    app.select("#capacity-score", "1").await;
    app.fill("#capacity-gap", "One inspector, no vehicle.")
        .await;
    app.click(r#"[data-testid="capacity-save"]"#).await;
    app.wait_for(r#"[data-testid="capacity-cell"][data-function="inspection"]"#)
        .await;

    open_context_tab(app, "supply").await;
    for (name, node_type) in NODES {
        app.click(r#"[data-testid="supply-node-add"]"#).await;
        app.fill("#node-name", name).await;
        app.select("#node-node-type", node_type).await;
        app.click(r#"[data-testid="supply-node-save"]"#).await;
        app.wait_for_text(r#"[data-testid="supply-node-row"]"#, name)
            .await;
    }
    app.click(r#"[data-testid="supply-flow-add"]"#).await;
    let option_of = async |name: &str| {
        let option = app
            .wait_for_text("#flow-from-node option", name)
            .await
            .attr("value")
            .await
            .expect("the node option's value");
        option.expect("a node option has a value")
    };
    let (from, to) = (option_of(NODES[0].0).await, option_of(NODES[1].0).await);
    app.select("#flow-from-node", &from).await;
    app.select("#flow-to-node", &to).await;
    app.fill("#flow-volume", "120").await;
    app.fill("#flow-volume-unit", "carats/month").await;
    app.click(r#"[data-testid="supply-flow-save"]"#).await;
    app.wait_for_text(r#"[data-testid="supply-flow-row"]"#, NODES[1].0)
        .await;
    app.wait_for(r#"[data-testid="supply-diagram-flow"]"#).await;
    app.screenshot(&shots.join("phase1-supply-chain.png")).await;
}

async fn partners(app: &App) {
    app.open_step("1.4").await;
    app.click(r#"[data-testid="partner-add"]"#).await;
    app.fill("#partner-organisation", PARTNER).await;
    app.select("#partner-type", "donor").await;
    app.fill("#partner-programme", "Alluvial diamond formalisation")
        .await;
    app.click("#partner-roles-finance").await;
    app.fill("#partner-funds", "250000").await;
    app.fill("#partner-currency", "USD").await;
    app.fill_date("#partner-start-on", "2027-01-01").await;
    app.fill_date("#partner-end-on", "2028-12-31").await;
    app.click(r#"[data-testid="partner-save"]"#).await;
    app.wait_for_text(r#"[data-testid="partner-row"]"#, PARTNER)
        .await;
}

/// Everything entered before the relaunch is shown again.
async fn everything_is_still_there(app: &App) {
    app.open_step("1.1").await;
    app.wait_for_text(r#"[data-testid="tf-member-row"]"#, FOCAL_PERSON)
        .await;
    app.wait_for(r#"[data-testid="tf-meeting-row"]"#).await;
    app.open_step("1.2").await;
    for (organisation, ..) in STAKEHOLDERS {
        app.wait_for_text(r#"[data-testid="forum-stakeholder-row"]"#, organisation)
            .await;
    }
    app.wait_for_text(r#"[data-testid="forum-event-row"]"#, EVENT_PLACE)
        .await;
    app.open_step("1.3").await;
    open_context_tab(app, "sites").await;
    for (name, ..) in SITES {
        app.wait_for_text(r#"[data-testid="site-row"]"#, name).await;
    }
    open_context_tab(app, "capacity").await;
    app.wait_for(r#"[data-testid="capacity-cell"][data-function="inspection"]"#)
        .await;
    open_context_tab(app, "supply").await;
    app.wait_for(r#"[data-testid="supply-flow-row"]"#).await;
    app.open_step("1.4").await;
    app.wait_for_text(r#"[data-testid="partner-row"]"#, PARTNER)
        .await;
}

async fn phase_1_cards(app: &App) -> Vec<(String, u32)> {
    app.click(r#"[data-testid="nav-home"]"#).await;
    app.wait_for(r#"[data-testid="home"] [data-testid="step-card-1.1"]"#)
        .await;
    let mut cards = Vec::new();
    for step in PHASE_1 {
        cards.push(step_card(app, step).await);
    }
    cards
}

#[tokio::test]
async fn an_officer_completes_phase_1_and_finds_it_all_after_a_relaunch() {
    within_time_limit(async {
        let data = fresh_data_dir();
        let shots = screenshots_dir();

        let app = App::launch(data.path()).await;
        set_up_with_a_workspace(&app).await;
        let before = phase_1_cards(&app).await;
        for (step, (status, percent)) in PHASE_1.iter().zip(&before) {
            assert_eq!(
                (status.as_str(), *percent),
                ("not_started", 0),
                "step {step} of an empty workspace"
            );
        }

        task_force(&app).await;
        app.screenshot(&shots.join("phase1-task-force.png")).await;
        forum(&app).await;
        app.screenshot(&shots.join("phase1-forum.png")).await;
        context(&app, &shots).await;
        partners(&app).await;
        app.screenshot(&shots.join("phase1-partners.png")).await;

        let after = phase_1_cards(&app).await;
        app.screenshot(&shots.join("phase1-home.png")).await;
        for ((step, (status, percent)), (_, was)) in PHASE_1.iter().zip(&after).zip(&before) {
            assert_ne!(status, "not_started", "step {step} has records now");
            assert!(
                percent > was,
                "step {step}'s readiness must have moved from {was}%, it shows {percent}%"
            );
        }
        app.close().await;

        let app = App::launch(data.path()).await;
        assert_eq!(
            phase_1_cards(&app).await,
            after,
            "the home screen shows the same readiness after a relaunch"
        );
        everything_is_still_there(&app).await;
        app.close().await;
    })
    .await;
}
