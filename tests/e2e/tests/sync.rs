//! Two offices exchanging bundles in the real window, each on its own data folder: the district
//! (the demo's Phase 1, `lode demo --through-phase 1`) makes its key and exports a bundle; the
//! national office (set up with `lode init`, with a workspace of its own from the demo) trusts
//! that key after reading its fingerprint,
//! previews the bundle, imports it, sees the district in the national view and finds its
//! workspace. Both then rename the same
//! site; the district's next bundle raises a conflict, which the national officer resolves side
//! by side by keeping the district's version. The dialogs answer with `LODE_DIALOG_PATH`.

use std::path::Path;
use std::process::Command;

use lode_e2e::{App, cli_binary, screenshots_dir, within_time_limit};

fn lode(data: &Path, args: &[&str]) {
    let output = Command::new(cli_binary())
        .args(args)
        .env("LODE_DATA_DIR", data)
        .output()
        .expect("`lode` runs");
    assert!(
        output.status.success(),
        "`lode {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn folder(prefix: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .expect("a temporary folder")
}

async fn shot(app: &App, name: &str) {
    app.screenshot(&screenshots_dir().join(format!("sync-{name}.png")))
        .await;
}

async fn open_sync(app: &App) {
    app.click(r#"[data-testid="nav-sync"]"#).await;
    app.wait_for(r#"[data-testid="sync-page"]"#).await;
}

/// Renames the site now called `from`, through the sites register.
async fn rename_site(app: &App, from: &str, to: &str) {
    app.click(r#"[data-testid="nav-sites"]"#).await;
    app.fill(r#"[data-testid="sites-filter-text"]"#, from).await;
    app.wait_for_text(r#"[data-testid="sites-count"]"#, "of 1")
        .await;
    app.click(r#"[data-testid="site-row"] .row-link"#).await;
    app.fill("#site-name", to).await;
    app.click(r#"[data-testid="site-save"]"#).await;
    app.wait_for_text(r#"[data-testid="site-row"]"#, to).await;
}

/// Waits until the sites register finds exactly one site for `text`.
async fn find_site(app: &App, text: &str) {
    app.click(r#"[data-testid="nav-sites"]"#).await;
    app.fill(r#"[data-testid="sites-filter-text"]"#, text).await;
    app.wait_for_text(r#"[data-testid="sites-count"]"#, "of 1")
        .await;
}

/// The district makes its key (once) and exports; returns its public key.
async fn district_exports(data: &Path, bundle: &Path, sequence: &str) -> String {
    let app = App::launch_with(data, &[("LODE_DIALOG_PATH", bundle)]).await;
    app.wait_for(r#"[data-testid="home"]"#).await;
    open_sync(&app).await;
    if app.exists(r#"[data-testid="sync-key-create"]"#).await {
        app.click(r#"[data-testid="sync-key-create"]"#).await;
    }
    app.wait_for(r#"[data-testid="sync-key-fingerprint"]"#)
        .await;
    let public = app
        .attr(r#"[data-testid="sync-key-public"]"#, "value")
        .await
        .expect("the public key is shown");
    app.click(r#"[data-testid="sync-export"]"#).await;
    app.wait_for(&format!(
        r#"[data-testid="sync-export-result"][data-sequence="{sequence}"]"#
    ))
    .await;
    shot(&app, &format!("district-export-{sequence}")).await;
    app.close().await;
    public
}

/// The national office previews and applies a bundle; returns the preview's conflict count.
async fn national_imports(app: &App) -> String {
    open_sync(app).await;
    app.click(r#"[data-testid="sync-import"]"#).await;
    let counts = app
        .wait_for(r#"[data-testid="bundle-preview"] [data-testid="bundle-preview-counts"]"#)
        .await;
    let conflicts = counts
        .attr("data-conflicts")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    shot(app, "national-preview").await;
    app.click(r#"[data-testid="bundle-apply"]"#).await;
    app.wait_for(r#"[data-testid="bundle-result"]"#).await;
    conflicts
}

#[tokio::test]
async fn a_district_bundle_is_trusted_previewed_imported_and_its_conflict_resolved() {
    within_time_limit(async {
        let district = folder("lode-e2e-district-");
        let national = folder("lode-e2e-national-");
        let bundles = folder("lode-e2e-bundles-");
        lode(district.path(), &["demo", "--through-phase", "1"]);
        lode(
            national.path(),
            &[
                "init", "--office", "National mining office", "--level", "national",
                "--country", "CD", "--officer", "Jean Kabila", "--role", "Analyst",
            ],
        );
        lode(national.path(), &["demo", "--through-phase", "1"]);
        let first = bundles.path().join("district-1.lodebundle");
        let public = district_exports(district.path(), &first, "1").await;

        // The national office trusts the district's key, then previews and imports its bundle.
        let app = App::launch_with(national.path(), &[("LODE_DIALOG_PATH", &first)]).await;
        open_sync(&app).await;
        app.fill("#trust-office", "Lwanga provincial mining office").await;
        app.fill("#trust-public-key", &public).await;
        app.click(r#"[data-testid="trust-save"]"#).await;
        app.wait_for(r#"[data-testid="trust-fingerprint"]"#).await;
        app.wait_for(r#"[data-testid="trusted-row"][data-revoked="false"]"#)
            .await;
        let preview_conflicts = national_imports(&app).await;
        assert_eq!(preview_conflicts, "0");
        app.wait_for(r#"[data-testid="received-row"][data-review-state="received"]"#)
            .await;
        app.wait_for_text(r#"[data-testid="topbar-sync"]"#, "Received")
            .await;
        // The national view counts the district's sites and marks its office as on time.
        app.click(r#"[data-testid="nav-national"]"#).await;
        app.wait_for(r#"[data-testid="national-page"]"#).await;
        app.wait_for(r#"[data-testid="national-submission-row"][data-on-time="true"]"#)
            .await;
        assert_eq!(
            app.find_all(r#"[data-testid="national-district-row"][data-sites="300"]"#)
                .await
                .len(),
            2,
            "the national demo and the district's workspace, 300 sites each"
        );
        shot(&app, "national-view").await;
        // The district's workspace is now here beside the national one: open it, rename a site.
        let workspace = app
            .attr(
                r#"[data-testid="workspace-switcher"] option:not(:checked)"#,
                "value",
            )
            .await
            .expect("the district's workspace arrived");
        app.select(r#"[data-testid="workspace-switcher"]"#, &workspace)
            .await;
        rename_site(&app, "Kalima 1", "Kalima 1 (national check)").await;
        app.close().await;

        // The district renames the same site and sends its next bundle.
        let app = App::launch(district.path()).await;
        rename_site(&app, "Kalima 1", "Kalima 1 (district survey)").await;
        app.close().await;
        let second = bundles.path().join("district-2.lodebundle");
        district_exports(district.path(), &second, "2").await;

        // The national office imports it: one conflict, resolved by keeping the district's name.
        let app = App::launch_with(national.path(), &[("LODE_DIALOG_PATH", &second)]).await;
        assert_eq!(national_imports(&app).await, "1");
        app.click(r#"[data-testid="conflict-row"] [data-testid="conflict-open"]"#)
            .await;
        app.wait_for(r#"[data-testid="conflict-detail"] [data-testid="conflict-field"][data-column="name"]"#)
            .await;
        assert!(
            app.text(r#"[data-testid="conflict-field"][data-column="name"] [data-testid="conflict-incoming"]"#)
                .await
                .contains("district survey")
        );
        shot(&app, "conflict").await;
        app.click(r#"[data-testid="conflict-keep-incoming"]"#).await;
        app.wait_until("the conflict to leave the queue", async || {
            (!app.exists(r#"[data-testid="conflict-row"]"#).await).then_some(())
        })
        .await;
        find_site(&app, "district survey").await;
        app.close().await;
    })
    .await;
}
