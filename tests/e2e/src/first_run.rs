//! The first minutes of a new installation, shared by the tests: the set-up form, then the first
//! workspace. Only the hooks of docs/commands.md are used.

use crate::App;

/// The office a test sets up: a district office in Sierra Leone.
pub const OFFICE_NAME: &str = "Kono District Mining Office";
pub const COUNTRY: &str = "Sierra Leone";
pub const OFFICER_NAME: &str = "Aminata Kamara";
pub const OFFICER_ROLE: &str = "District mining officer";

/// The first workspace a test creates.
pub const WORKSPACE_NAME: &str = "Koidu ASM formalisation";
pub const JURISDICTION: &str = "Kono District";

/// Fills in the first-run set-up form in English and submits it.
pub async fn set_up_installation(app: &App) {
    app.wait_for("#setup-office-name").await;
    app.fill("#setup-office-name", OFFICE_NAME).await;
    app.select("#setup-level", "district").await;
    app.fill("#setup-country", COUNTRY).await;
    app.fill("#setup-officer-name", OFFICER_NAME).await;
    app.fill("#setup-officer-role", OFFICER_ROLE).await;
    app.select("#setup-language", "en").await;
    app.click(r#"[data-testid="setup-submit"]"#).await;
}

/// Creates a workspace with the form that follows set-up, and waits for its home screen.
pub async fn create_first_workspace(app: &App) {
    app.wait_for("#workspace-name").await;
    app.fill("#workspace-name", WORKSPACE_NAME).await;
    app.fill("#workspace-jurisdiction", JURISDICTION).await;
    app.click(r#"[data-testid="workspace-create"]"#).await;
    app.wait_for(r#"[data-testid="home"]"#).await;
}

/// A new installation with one workspace, on its home screen.
pub async fn set_up_with_a_workspace(app: &App) {
    set_up_installation(app).await;
    create_first_workspace(app).await;
}
