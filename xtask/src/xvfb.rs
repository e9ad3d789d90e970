//! A private X display for machines without one: Xvfb on a free display number, and the checks that
//! tell when an application's window is up and drawn.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crate::command::{Cmd, Error, Result, terminate};

/// The screen of the private display, as in shared/docs/testing-the-app.md.
pub const SCREEN: &str = "1366x768x24";

/// A running Xvfb; dropping it stops it.
pub struct Xvfb {
    child: Child,
    display: String,
}

impl Xvfb {
    /// Starts Xvfb on a display number it picks itself (`-displayfd`), and returns once it accepts
    /// connections (Xvfb writes the number only then).
    pub fn start() -> Result<Self> {
        let mut child = Cmd::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                SCREEN,
                "-nolisten",
                "tcp",
            ])
            .spawn_with(Stdio::piped())?;
        let stdout = child.stdout.take();
        let (sender, receiver) = mpsc::channel();
        thread::spawn(move || {
            let mut line = String::new();
            if let Some(stdout) = stdout {
                let _ = BufReader::new(stdout).read_line(&mut line);
            }
            let _ = sender.send(line);
        });
        let line = receiver
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_default();
        let mut xvfb = Self {
            child,
            display: String::new(),
        };
        match line.trim().parse::<u32>() {
            Ok(number) => {
                xvfb.display = format!(":{number}");
                println!("Xvfb is up on display {}", xvfb.display);
                Ok(xvfb)
            }
            Err(_) => Err(Error::new(format!(
                "Xvfb did not report a display number within 30 s (it wrote {line:?})"
            ))),
        }
    }

    pub fn display(&self) -> &str {
        &self.display
    }

    /// Saves the whole screen as a PNG with ImageMagick's `import`.
    pub fn screenshot(&self, path: &Path, show: bool) -> Result<()> {
        let cmd = Cmd::new("import")
            .env("DISPLAY", &self.display)
            .args(["-window", "root"])
            .arg(path);
        if show {
            cmd.run()
        } else {
            cmd.query().map(drop)
        }
    }

    /// The top-level windows `xwininfo -root -tree` lists whose name or class mentions `name`.
    pub fn windows_named(&self, name: &str) -> Result<Vec<String>> {
        let tree = Cmd::new("xwininfo")
            .env("DISPLAY", &self.display)
            .args(["-root", "-tree"])
            .query()?;
        Ok(windows_named(&tree, name))
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        terminate(&mut self.child, "Xvfb", Duration::from_secs(10));
    }
}

/// Lines of `xwininfo -root -tree` for windows whose quoted name or class contains `name`, ignoring
/// case, and that are big enough to be a real window (GTK also maps a 10x10 leader window).
fn windows_named(tree: &str, name: &str) -> Vec<String> {
    let name = name.to_lowercase();
    tree.lines()
        .map(str::trim)
        .filter(|line| line.starts_with("0x"))
        .filter(|line| {
            let lower = line.to_lowercase();
            lower
                .split('"')
                .skip(1)
                .step_by(2)
                .any(|quoted| quoted.contains(&name))
        })
        .filter(|line| size(line).is_some_and(|(width, height)| width >= 100 && height >= 100))
        .map(str::to_owned)
        .collect()
}

/// The size of a window from its `xwininfo -tree` line (`… 1024x720+0+0  +0+0`).
fn size(line: &str) -> Option<(u32, u32)> {
    let quoted_end = line.rfind('"').unwrap_or(0);
    line[quoted_end..].split_whitespace().find_map(|word| {
        let (width, rest) = word.split_once('x')?;
        let (height, _position) = rest.split_once(['+', '-'])?;
        Some((width.parse().ok()?, height.parse().ok()?))
    })
}

/// How many distinct colours a PNG has (`identify -format %k`); a window still blank has one or two.
pub fn colour_count(path: &Path) -> Result<u64> {
    let out = Cmd::new("identify")
        .args(["-format", "%k"])
        .arg(path)
        .query()?;
    out.trim()
        .parse()
        .map_err(|_| Error::new(format!("identify gave {out:?} for {}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TREE: &str = r#"
xwininfo: Window id: 0x3c3 (the root window) (has no name)

  Root window id: 0x3c3 (the root window) (has no name)
  Parent window id: 0x0 (none)
     3 children:
     0x200001 "lode-app": ("lode-app" "Lode-app")  10x10+10+10  +10+10
     0x200003 "Lode": ("lode-app" "Lode-app")  1024x720+0+0  +0+0
        1 child:
        0x200004 (has no name): ()  1024x720+0+0  +0+0
     0x400001 (has no name): ()  1x1+-1+-1  +-1+-1
"#;

    #[test]
    fn the_app_window_is_found_by_title_or_class_whatever_the_case() {
        let found = windows_named(TREE, "LODE");
        assert_eq!(
            found.len(),
            1,
            "only the real window, not the 10x10 leader: {found:?}"
        );
        assert!(found[0].starts_with("0x200003 \"Lode\""));
    }

    #[test]
    fn a_window_size_is_read_from_its_geometry() {
        assert_eq!(
            size(r#"0x200003 "Lode": ("lode-app" "Lode-app")  1024x720+0+0  +0+0"#),
            Some((1024, 720))
        );
        assert_eq!(
            size("0x400001 (has no name): ()  1x1+-1+-1  +-1+-1"),
            Some((1, 1))
        );
    }

    #[test]
    fn unnamed_windows_are_not_taken_for_the_app() {
        assert!(windows_named(TREE, "firefox").is_empty());
    }
}
