//! The app under test: a WebDriver session on the real window, and the few things a test does with it.

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::error::CmdError;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use crate::driver::Driver;
use crate::paths;

/// How long a test waits for something to appear or change before it fails.
const WAIT_LIMIT: Duration = Duration::from_secs(20);
/// How long the first screen may take (a cold start of WebKit and the first data load).
const READY_LIMIT: Duration = Duration::from_secs(60);
const POLL: Duration = Duration::from_millis(100);

/// A running Lode window. Relaunching on the same data folder is a new `App`.
pub struct App {
    // Dropped in this order when a test fails: the client, then the driver, which ends the app.
    client: Client,
    driver: Driver,
    launched: Instant,
}

impl App {
    /// Starts tauri-driver and the app on `data_dir`, and waits for the UI's first screen
    /// (`body[data-ready="true"]`).
    pub async fn launch(data_dir: &Path) -> App {
        App::launch_with(data_dir, &[]).await
    }

    /// Launches with extra environment for the app, such as `LODE_DIALOG_PATH`, the file its
    /// save and open dialogs answer with in these tests.
    pub async fn launch_with(data_dir: &Path, env: &[(&str, &Path)]) -> App {
        let launched = Instant::now();
        log(launched, format_args!("launch on {}", data_dir.display()));
        let driver = Driver::start(data_dir, env);
        let application = paths::app_binary();
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "tauri:options".to_owned(),
            json!({ "application": application }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&driver.url())
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "no WebDriver session for {} through {}: {e}",
                    application.display(),
                    driver.url()
                )
            });
        let app = App {
            client,
            driver,
            launched,
        };
        app.wait_for_within(r#"body[data-ready="true"]"#, READY_LIMIT)
            .await;
        app.step(format_args!("ready"));
        app
    }

    /// Ends the session, which closes the window and ends the app, then stops tauri-driver and checks
    /// that nothing is left running on the data folder.
    pub async fn close(self) {
        self.step(format_args!("close"));
        let App {
            client,
            driver,
            launched,
        } = self;
        client
            .close()
            .await
            .unwrap_or_else(|e| panic!("the WebDriver session did not end cleanly: {e}"));
        driver.stop();
        log(launched, format_args!("closed"));
    }

    /// Notes a step of the test on stderr, which the test runner shows when the test fails.
    fn step(&self, what: std::fmt::Arguments<'_>) {
        log(self.launched, what);
    }

    /// The data folder the app runs on.
    pub fn data_dir(&self) -> &Path {
        self.driver.data_dir()
    }

    /// The WebDriver session, for what the helpers below do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Opens a step from the sidebar and waits for its records.
    pub async fn open_step(&self, step: &str) {
        self.click(&format!(r#"[data-testid="nav-step-{step}"]"#))
            .await;
        self.wait_for(&format!(
            r#"[data-testid="step-page"][data-step="{step}"] [data-testid="step-records"]"#
        ))
        .await;
    }

    /// Polls `probe` until it gives a value; fails the test, naming `what`, after the wait limit.
    pub async fn wait_until<T>(&self, what: &str, probe: impl AsyncFnMut() -> Option<T>) -> T {
        match self.wait_until_or_timeout(what, probe).await {
            Some(value) => value,
            None => panic!("waited {} s for {what}", WAIT_LIMIT.as_secs()),
        }
    }

    /// Polls `probe` until it gives a value, or gives `None` after the wait limit.
    async fn wait_until_or_timeout<T>(
        &self,
        what: &str,
        mut probe: impl AsyncFnMut() -> Option<T>,
    ) -> Option<T> {
        self.step(format_args!("wait for {what}"));
        let deadline = Instant::now() + WAIT_LIMIT;
        loop {
            if let Some(value) = probe().await {
                return Some(value);
            }
            if Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until an element matches `css`, and returns the first one.
    pub async fn wait_for(&self, css: &str) -> Element {
        self.step(format_args!("wait for `{css}`"));
        self.wait_for_within(css, WAIT_LIMIT).await
    }

    async fn wait_for_within(&self, css: &str, limit: Duration) -> Element {
        let deadline = Instant::now() + limit;
        loop {
            let error = match self.client.find(Locator::Css(css)).await {
                Ok(element) => return element,
                Err(error) => error,
            };
            assert!(
                Instant::now() < deadline,
                "waited {} s for an element matching `{css}`; last answer: {}",
                limit.as_secs(),
                explain(&error)
            );
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until an element matching `css` is displayed, and returns it.
    pub async fn wait_for_visible(&self, css: &str) -> Element {
        let what = format!("`{css}` to be displayed");
        self.wait_until(&what, async || {
            let element = self.client.find(Locator::Css(css)).await.ok()?;
            element
                .is_displayed()
                .await
                .ok()
                .filter(|shown| *shown)
                .map(|_| element)
        })
        .await
    }

    /// Waits until an element matching `css` has `text` in its text.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> Element {
        let what = format!("an element matching `{css}` with the text {text:?}");
        self.wait_until(&what, async || {
            for element in self.client.find_all(Locator::Css(css)).await.ok()? {
                if element.text().await.is_ok_and(|shown| shown.contains(text)) {
                    return Some(element);
                }
            }
            None
        })
        .await
    }

    /// Every element matching `css` now (possibly none).
    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("could not look for `{css}`: {e}"))
    }

    /// Whether an element matches `css` now.
    pub async fn exists(&self, css: &str) -> bool {
        !self.find_all(css).await.is_empty()
    }

    /// Clicks the element matching `css` once it is there and can be clicked.
    pub async fn click(&self, css: &str) {
        self.step(format_args!("click `{css}`"));
        let deadline = Instant::now() + WAIT_LIMIT;
        loop {
            let error = match self.client.find(Locator::Css(css)).await {
                Ok(element) => match element.click().await {
                    Ok(()) => return,
                    Err(error) => {
                        // WebKit does not always scroll an element inside a scrolled panel into
                        // view before clicking it: bring it to the middle, then try again.
                        if let Ok(arg) = serde_json::to_value(&element) {
                            let _ = self
                                .client
                                .execute(
                                    "arguments[0].scrollIntoView({block: 'center'});",
                                    vec![arg],
                                )
                                .await;
                        }
                        error
                    }
                },
                Err(error) => error,
            };
            assert!(
                Instant::now() < deadline,
                "waited {} s to click `{css}`; last answer: {}",
                WAIT_LIMIT.as_secs(),
                explain(&error)
            );
            tokio::time::sleep(POLL).await;
        }
    }

    /// Replaces the text of the field matching `css` with `text`, as typed.
    pub async fn fill(&self, css: &str, text: &str) {
        self.step(format_args!("fill `{css}` with {text:?}"));
        let field = self.wait_for_within(css, WAIT_LIMIT).await;
        field
            .clear()
            .await
            .unwrap_or_else(|e| panic!("could not clear `{css}`: {e}"));
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("could not type into `{css}`: {e}"));
    }

    /// Types `iso` (YYYY-MM-DD) into the date field matching `css` as a person types it into WebKit's
    /// date control under the tests' locale: month/day/year, the slashes moving to the next segment.
    /// Fails, saying what the field holds, if that is another date.
    pub async fn fill_date(&self, css: &str, iso: &str) {
        self.step(format_args!("type the date {iso} into `{css}`"));
        let [year, month, day] = iso.splitn(3, '-').collect::<Vec<_>>()[..] else {
            panic!("fill_date takes YYYY-MM-DD, not {iso:?}");
        };
        let field = self.wait_for_within(css, WAIT_LIMIT).await;
        field
            .send_keys(&format!("{month}/{day}/{year}"))
            .await
            .unwrap_or_else(|e| panic!("could not type into `{css}`: {e}"));
        let mut last = None;
        let what = format!("`{css}` to hold {iso}");
        let held = self
            .wait_until_or_timeout(&what, async || {
                last = field.prop("value").await.ok()?;
                (last.as_deref() == Some(iso)).then_some(())
            })
            .await;
        assert!(held.is_some(), "`{css}` holds {last:?}, not {iso}");
    }

    /// Picks the option whose value is `value` in the select matching `css`.
    pub async fn select(&self, css: &str, value: &str) {
        self.step(format_args!("choose {value:?} in `{css}`"));
        let select = self.wait_for_within(css, WAIT_LIMIT).await;
        select
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("could not choose {value:?} in `{css}`: {e}"));
        let what = format!("`{css}` to show {value:?}");
        self.wait_until(&what, async || {
            let chosen = select.prop("value").await.ok()??;
            (chosen == value).then_some(())
        })
        .await;
    }

    /// The text of the element matching `css`, once it is there.
    pub async fn text(&self, css: &str) -> String {
        self.wait_for_within(css, WAIT_LIMIT)
            .await
            .text()
            .await
            .unwrap_or_else(|e| panic!("could not read the text of `{css}`: {e}"))
    }

    /// An attribute of the element matching `css`, once it is there.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.wait_for_within(css, WAIT_LIMIT)
            .await
            .attr(name)
            .await
            .unwrap_or_else(|e| panic!("could not read {name} of `{css}`: {e}"))
    }

    /// Whether the checkbox matching `css` is ticked.
    pub async fn is_checked(&self, css: &str) -> bool {
        self.wait_for_within(css, WAIT_LIMIT)
            .await
            .is_selected()
            .await
            .unwrap_or_else(|e| panic!("could not read whether `{css}` is ticked: {e}"))
    }

    /// Saves what the window shows as a PNG at `path` (its folder is created).
    pub async fn screenshot(&self, path: &Path) {
        self.step(format_args!("screenshot to {}", path.display()));
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("the WebDriver screenshot failed: {e}"));
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", folder.display()));
        }
        std::fs::write(path, png)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}

/// A WebDriver error in words: WebKitWebDriver often sends an empty message, so the W3C error code
/// ("no such element", "element not interactable") is given too.
fn explain(error: &CmdError) -> String {
    match error {
        CmdError::Standard(error) if error.message.is_empty() => format!("{:?}", error.error),
        CmdError::Standard(error) => format!("{:?}: {}", error.error, error.message),
        other => other.to_string(),
    }
}

fn log(since: Instant, what: std::fmt::Arguments<'_>) {
    eprintln!("[e2e {:>7.2} s] {what}", since.elapsed().as_secs_f64());
}
