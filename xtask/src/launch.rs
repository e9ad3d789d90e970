//! `cargo xtask run`: build everything, set up the demo workspace, and open the app on it — in a window
//! when there is a display, else in a private Xvfb with a screenshot to look at.

use std::fs;
use std::path::Path;
use std::process::Child;
use std::thread;
use std::time::{Duration, Instant};

use crate::command::{Cmd, Error, Result, terminate};
use crate::stage::Stages;
use crate::xvfb::{self, Xvfb};
use crate::{system_packages, ui, workspace};

/// How long the window may take to appear, then to show more than a blank page.
const WINDOW_TIMEOUT: Duration = Duration::from_secs(60);
const DRAWN_TIMEOUT: Duration = Duration::from_secs(30);
/// A drawn page has text, borders and colours; a blank one a handful of colours.
const DRAWN_COLOURS: u64 = 16;
/// Time for the last frame (fonts, transitions) once the page has content.
const SETTLE: Duration = Duration::from_millis(1500);

pub fn run() -> Result<()> {
    let root = workspace::root();
    let target = workspace::target_dir();
    let data_dir = match std::env::var_os("LODE_DATA_DIR").filter(|dir| !dir.is_empty()) {
        Some(dir) => workspace::absolute(Path::new(&dir)),
        None => target.join("demo-data"),
    };
    let mut stages = Stages::new("run");
    stages.run("system packages", system_packages::ensure)?;
    stages.run("UI packages", ui::install)?;
    stages.run("UI build", ui::build)?;
    stages.run("build app and CLI", || {
        Cmd::new(workspace::cargo())
            .current_dir(&root)
            .args(["build", "--locked", "-p", "lode-app", "-p", "lode-cli"])
            .run()
    })?;
    stages.run("demo workspace", || {
        fs::create_dir_all(&data_dir)
            .map_err(|e| Error::new(format!("cannot create {}: {e}", data_dir.display())))?;
        Cmd::new(target.join("debug/lode"))
            .env("LODE_DATA_DIR", &data_dir)
            .arg("demo")
            .run()
    })?;
    let app = target.join("debug/lode-app");
    let has_display = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|var| std::env::var_os(var).is_some_and(|value| !value.is_empty()));
    if has_display {
        stages.print_summary();
        println!(
            "\nopening Lode on {} (close the window to end)",
            data_dir.display()
        );
        return Cmd::new(&app).env("LODE_DATA_DIR", &data_dir).run();
    }
    let screenshot = target.join("screenshots/home.png");
    stages.run("app under Xvfb", || headless(&app, &data_dir, &screenshot))?;
    stages.print_summary();
    println!(
        "\nNo display here, so Lode ran under Xvfb. Screenshot of its window: {}",
        screenshot.display()
    );
    Ok(())
}

/// Runs the app in a private Xvfb until its window is drawn, saves a screenshot, and stops both.
fn headless(app: &Path, data_dir: &Path, screenshot: &Path) -> Result<()> {
    let folder = screenshot.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(folder)
        .map_err(|e| Error::new(format!("cannot create {}: {e}", folder.display())))?;
    let xvfb = Xvfb::start()?;
    let mut app = AppProcess(
        Cmd::new(app)
            .env("DISPLAY", xvfb.display())
            .env("LODE_DATA_DIR", data_dir)
            .spawn()?,
    );
    println!(
        "waiting up to {} s for the window (polling `xwininfo -root -tree`)",
        WINDOW_TIMEOUT.as_secs()
    );
    let window = wait(WINDOW_TIMEOUT, &mut app, || {
        Ok(xvfb.windows_named("lode")?.into_iter().next())
    })?
    .ok_or_else(|| {
        Error::new(format!(
            "no Lode window appeared within {} s",
            WINDOW_TIMEOUT.as_secs()
        ))
    })?;
    println!("window: {window}");
    println!(
        "waiting up to {} s for the page to be drawn (polling `import -window root` + `identify`)",
        DRAWN_TIMEOUT.as_secs()
    );
    let probe = screenshot.with_extension("probe.png");
    let drawn = wait(DRAWN_TIMEOUT, &mut app, || {
        xvfb.screenshot(&probe, false)?;
        let colours = xvfb::colour_count(&probe)?;
        Ok((colours >= DRAWN_COLOURS).then_some(colours))
    });
    let _ = fs::remove_file(&probe);
    match drawn? {
        Some(colours) => println!("page drawn ({colours} colours); settling"),
        None => println!(
            "the page still looks blank after {} s; taking the screenshot anyway",
            DRAWN_TIMEOUT.as_secs()
        ),
    }
    thread::sleep(SETTLE);
    xvfb.screenshot(screenshot, true)?;
    drop(app);
    drop(xvfb);
    Ok(())
}

/// Polls `probe` every 250 ms until it gives a value or `limit` passes; fails at once if the app exits.
fn wait<T>(
    limit: Duration,
    app: &mut AppProcess,
    mut probe: impl FnMut() -> Result<Option<T>>,
) -> Result<Option<T>> {
    let deadline = Instant::now() + limit;
    loop {
        if let Ok(Some(status)) = app.0.try_wait() {
            return Err(Error::new(format!(
                "the app exited before its window was drawn ({status})"
            )));
        }
        if let Some(found) = probe()? {
            return Ok(Some(found));
        }
        if Instant::now() >= deadline {
            return Ok(None);
        }
        thread::sleep(Duration::from_millis(250));
    }
}

/// The app started by `headless`; dropping it stops it.
struct AppProcess(Child);

impl Drop for AppProcess {
    fn drop(&mut self) {
        terminate(&mut self.0, "lode-app", Duration::from_secs(10));
    }
}
