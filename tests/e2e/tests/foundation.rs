//! The foundation, end to end in the real window: first-run set-up, workspaces, a step's checklist and
//! notes surviving a restart, validation errors, and switching language.

use lode_e2e::first_run::set_up_with_a_workspace;
use lode_e2e::{App, screenshots_dir, within_time_limit};

const CHECKBOXES: &str = r#"input[type="checkbox"][data-testid^="check-"]"#;
const STEP_1_1_PAGE: &str = r#"[data-testid="step-page"][data-step="1.1"]"#;
const SAVED: &str = r#"[data-testid="save-state"][data-state="saved"]"#;

fn fresh_data_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("lode-e2e-data-")
        .tempdir()
        .expect("a temporary data folder")
}

async fn open_step_1_1(app: &App) {
    app.click(r#"[data-testid="nav-step-1.1"]"#).await;
    app.wait_for(STEP_1_1_PAGE).await;
}

#[tokio::test]
async fn first_run_then_workspace_then_checklist_and_note_survive_a_relaunch() {
    within_time_limit(async {
        let data = fresh_data_dir();
        let note = "Met the district council; the chiefdom task force list is agreed.";

        let app = App::launch(data.path()).await;
        set_up_with_a_workspace(&app).await;
        open_step_1_1(&app).await;
        app.wait_for(CHECKBOXES).await;
        let first = app.find_all(CHECKBOXES).await.remove(0);
        let test_id = first
            .attr("data-testid")
            .await
            .expect("the checkbox's data-testid")
            .expect("the checkbox has a data-testid");
        let checkbox = format!(r#"[data-testid="{test_id}"]"#);
        assert!(
            !app.is_checked(&checkbox).await,
            "a new workspace starts with nothing ticked"
        );
        app.click(&checkbox).await;
        app.wait_until("the first checklist item to be ticked", async || {
            app.is_checked(&checkbox).await.then_some(())
        })
        .await;
        app.fill("#note-text", note).await;
        app.click(r#"[data-testid="note-add"]"#).await;
        app.wait_for_text(r#"[data-testid="note-item"]"#, note)
            .await;
        app.wait_for(SAVED).await;
        app.close().await;

        let app = App::launch(data.path()).await;
        open_step_1_1(&app).await;
        assert!(
            app.is_checked(&checkbox).await,
            "the item {checkbox} ticked before the restart must still be ticked"
        );
        app.wait_for_text(r#"[data-testid="note-item"]"#, note)
            .await;
        app.close().await;
    })
    .await;
}

#[tokio::test]
async fn setup_form_shows_field_errors_for_missing_values() {
    within_time_limit(async {
        let data = fresh_data_dir();

        let app = App::launch(data.path()).await;
        app.wait_for("#setup-office-name").await;
        app.click(r#"[data-testid="setup-submit"]"#).await;
        app.wait_for_visible(r#"[data-testid="error-summary"]"#)
            .await;
        let summary = app.text(r#"[data-testid="error-summary"]"#).await;
        assert!(
            !summary.trim().is_empty(),
            "the error summary must say what is missing"
        );
        app.close().await;

        let app = App::launch(data.path()).await;
        assert!(
            app.exists("#setup-office-name").await,
            "nothing may be saved from a rejected set-up, so the set-up form comes back"
        );
        assert!(
            !app.exists(r#"[data-testid="home"]"#).await,
            "there is no home screen before set-up"
        );
        app.close().await;
    })
    .await;
}

#[tokio::test]
async fn switching_to_french_translates_the_home_screen_at_once() {
    within_time_limit(async {
        let data = fresh_data_dir();
        let card = r#"[data-testid="step-card-1.1"]"#;
        let shots = screenshots_dir();
        let (english_shot, french_shot) = (shots.join("home-en.png"), shots.join("home-fr.png"));

        let app = App::launch(data.path()).await;
        set_up_with_a_workspace(&app).await;
        app.wait_for(r#"html[lang="en"]"#).await;
        let english = app.text(card).await;
        app.screenshot(&english_shot).await;

        app.select("#language", "fr").await;
        app.wait_for(r#"html[lang="fr"]"#).await;
        let french = app
            .wait_until("the step 1.1 card to change language", async || {
                let text = app.text(card).await;
                (text != english).then_some(text)
            })
            .await;
        assert!(
            !french.trim().is_empty(),
            "the step card must still say something"
        );
        app.screenshot(&french_shot).await;
        app.close().await;

        for shot in [&english_shot, &french_shot] {
            let bytes = std::fs::read(shot).expect("the screenshot was written");
            assert!(
                bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 1000,
                "{} must be a non-empty PNG ({} bytes)",
                shot.display(),
                bytes.len()
            );
        }
    })
    .await;
}
