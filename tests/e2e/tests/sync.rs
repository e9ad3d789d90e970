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

/// The passphrase of the national office's sealing key in the test below.
const PASSPHRASE: &str = "Kalima river at dawn";

/// This office's public key, as `lode keys show` prints it (the 64 hexadecimal digits).
fn public_key(data: &Path) -> String {
    let output = Command::new(cli_binary())
        .args(["keys", "show"])
        .env("LODE_DATA_DIR", data)
        .output()
        .expect("`lode keys show` runs");
    String::from_utf8_lossy(&output.stdout)
        .split(|c: char| !c.is_ascii_hexdigit())
        .find(|word| word.len() == 64)
        .expect("the public key is printed")
        .to_owned()
}

/// The national office makes its sealing key and sends a reference package down; the district
/// imports it, sees the national strategy, whom it seals to and what was acknowledged, then sends a
/// sealed bundle up, which the national office opens only with its passphrase.
#[tokio::test]
async fn a_reference_package_goes_down_and_a_sealed_bundle_comes_back_up() {
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
        lode(national.path(), &["demo", "--through-phase", "2"]);
        // Keys were exchanged (by phone, in the first test); the district's first bundle arrived.
        lode(district.path(), &["keys", "create"]);
        lode(national.path(), &["keys", "create"]);
        let (district_key, national_key) = (public_key(district.path()), public_key(national.path()));
        lode(national.path(), &["keys", "trust", "--office", "Mbeli district office", &district_key]);
        lode(district.path(), &["keys", "trust", "--office", "National mining office", &national_key]);
        let first = bundles.path().join("district-1.lodebundle");
        lode(district.path(), &["export", first.to_str().unwrap()]);
        lode(national.path(), &["import", first.to_str().unwrap()]);

        // The national office makes its sealing key and exports its reference package.
        let reference = bundles.path().join("reference.lodebundle");
        let app = App::launch_with(national.path(), &[("LODE_DIALOG_PATH", &reference)]).await;
        open_sync(&app).await;
        app.fill("#seal-create-passphrase", PASSPHRASE).await;
        app.fill("#seal-create-confirm", PASSPHRASE).await;
        app.click(r#"[data-testid="seal-create"]"#).await;
        let recipient = app
            .wait_until("the sealing recipient", async || {
                app.attr(r#"[data-testid="seal-recipient"]"#, "value").await
            })
            .await;
        assert!(recipient.starts_with("age1"), "{recipient}");
        shot(&app, "national-sealing").await;
        assert!(
            app.is_checked(r#"[data-testid="export-reference"]"#).await,
            "a national office sends reference packages unless the officer says otherwise"
        );
        app.click(r#"[data-testid="sync-export"]"#).await;
        app.wait_for(r#"[data-testid="sync-export-result"][data-kind="national_reference"]"#)
            .await;
        app.close().await;

        // The district imports it: the national strategy arrives, with whom to seal to and the
        // acknowledgement of bundle 1.
        let app = App::launch_with(district.path(), &[("LODE_DIALOG_PATH", &reference)]).await;
        national_imports(&app).await;
        app.wait_for(r#"[data-testid="seal-to"][data-from="reference"]"#).await;
        assert_eq!(app.text(r#"[data-testid="seal-to-value"]"#).await.trim(), recipient);
        app.wait_for(r#"[data-testid="export-acknowledged"][data-sequence="1"]"#)
            .await;
        assert!(app.is_checked(r#"[data-testid="export-seal"]"#).await, "sealing is the default now");
        assert_eq!(
            app.find_all(r#"[data-testid="workspace-switcher"] option"#).await.len(),
            2,
            "the district's own workspace and the national strategy"
        );
        shot(&app, "district-sealing").await;
        rename_site(&app, "Kalima 1", "Kalima 1 (sealed)").await;
        app.close().await;

        // Its next bundle goes sealed: nothing of it can be read from the file.
        let sealed = bundles.path().join("district-2.lodebundle");
        let app = App::launch_with(district.path(), &[("LODE_DIALOG_PATH", &sealed)]).await;
        open_sync(&app).await;
        app.click(r#"[data-testid="sync-export"]"#).await;
        app.wait_for(r#"[data-testid="sync-export-result"][data-sealed-for="National mining office"]"#)
            .await;
        app.close().await;
        let bytes = std::fs::read(&sealed).expect("the sealed bundle");
        assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
        assert!(!bytes.windows(17).any(|w| w == b"Kalima 1 (sealed)"));

        // The national office opens it: a wrong passphrase is refused and can be typed again.
        let app = App::launch_with(national.path(), &[("LODE_DIALOG_PATH", &sealed)]).await;
        open_sync(&app).await;
        app.click(r#"[data-testid="sync-import"]"#).await;
        app.wait_for(r#"[data-testid="import-sealed"]"#).await;
        app.fill("#import-passphrase", "not the passphrase").await;
        app.click(r#"[data-testid="import-unlock"]"#).await;
        app.wait_for(r#"#import-passphrase[aria-invalid="true"]"#).await;
        shot(&app, "national-wrong-passphrase").await;
        app.fill("#import-passphrase", PASSPHRASE).await;
        app.click(r#"[data-testid="import-unlock"]"#).await;
        app.wait_for(r#"[data-testid="bundle-preview"] [data-testid="bundle-preview-row"][data-outcome="updated"][data-table="site"]"#)
            .await;
        app.click(r#"[data-testid="bundle-apply"]"#).await;
        app.wait_for(r#"[data-testid="bundle-result"]"#).await;
        let workspace = app
            .attr(r#"[data-testid="workspace-switcher"] option:not(:checked)"#, "value")
            .await
            .expect("the district's workspace is here");
        app.select(r#"[data-testid="workspace-switcher"]"#, &workspace).await;
        find_site(&app, "(sealed)").await;
        app.close().await;
    })
    .await;
}
