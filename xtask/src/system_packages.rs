//! The Debian 12 packages that building, running and driving the app need; missing ones are installed
//! with apt-get (as root, or through sudo), and nothing runs when all are present.

use crate::command::{Cmd, Error, Result, find_on_path};

/// What a fresh Debian 12 machine lacks for Lode: the compiler and the WebKitGTK stack that Tauri
/// links, the WebDriver that drives the window, Xvfb for a window without a display, ImageMagick for
/// screenshots, poppler for looking at PDFs, and x11-utils (`xwininfo`) to see when a window is up.
pub const PACKAGES: [&str; 14] = [
    "build-essential",
    "pkg-config",
    "libwebkit2gtk-4.1-dev",
    "libxdo-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "webkit2gtk-driver",
    "xvfb",
    "xauth",
    "imagemagick",
    "poppler-utils",
    "x11-utils",
    // The WebKitGTK stack does not pull in a font on a minimal system; without one, text is boxes.
    "fonts-dejavu-core",
];

/// Installs whichever of [`PACKAGES`] are missing.
pub fn ensure() -> Result<()> {
    if find_on_path("dpkg-query").is_none() {
        println!(
            "dpkg-query not found: this is not Debian, so the system packages are not checked \
             (Debian 12 names: {})",
            PACKAGES.join(" ")
        );
        return Ok(());
    }
    let query = Cmd::new("dpkg-query")
        .args(["-W", "-f=${Package} ${Status}\\n"])
        .args(PACKAGES);
    println!("$ {}", query.display());
    let missing = missing(&query.query()?);
    if missing.is_empty() {
        println!("all {} system packages are installed", PACKAGES.len());
        return Ok(());
    }
    println!("missing system packages: {}", missing.join(" "));
    let sudo = if is_root() {
        None
    } else if find_on_path("sudo").is_some() {
        Some("sudo")
    } else {
        return Err(Error::new(format!(
            "these system packages are missing and this user is not root and has no sudo: {}\n\
             install them as root: apt-get update && apt-get install -y {}",
            missing.join(" "),
            missing.join(" ")
        )));
    };
    apt(sudo).arg("update").run()?;
    apt(sudo).args(["install", "-y"]).args(&missing).run()
}

fn apt(sudo: Option<&str>) -> Cmd {
    match sudo {
        Some(sudo) => Cmd::new(sudo).args(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]),
        None => Cmd::new("apt-get").env("DEBIAN_FRONTEND", "noninteractive"),
    }
}

/// The packages of [`PACKAGES`] that `dpkg-query -W -f='${Package} ${Status}\n'` does not report as
/// installed (a package dpkg never heard of is not in its output at all).
fn missing(dpkg_output: &str) -> Vec<&'static str> {
    PACKAGES
        .into_iter()
        .filter(|package| {
            !dpkg_output.lines().any(|line| {
                let mut words = line.split_whitespace();
                let name = words.next().unwrap_or("");
                let status: Vec<&str> = words.collect();
                let name = name.split(':').next().unwrap_or(name);
                name == *package && status == ["install", "ok", "installed"]
            })
        })
        .collect()
}

/// Whether this process runs as root, read from `/proc/self/status` (no unsafe `geteuid`).
fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("Uid:"))
                .and_then(|line| line.split_whitespace().nth(2).map(|euid| euid == "0"))
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packages_reported_installed_are_not_missing() {
        let output: String = PACKAGES
            .iter()
            .map(|package| format!("{package} install ok installed\n"))
            .collect();
        assert!(missing(&output).is_empty(), "nothing should be installed");
    }

    #[test]
    fn packages_removed_or_unknown_to_dpkg_are_missing() {
        let output: String = PACKAGES
            .iter()
            .filter(|package| **package != "xvfb")
            .map(|package| {
                if *package == "imagemagick" {
                    format!("{package} deinstall ok config-files\n")
                } else {
                    format!("{package} install ok installed\n")
                }
            })
            .collect();
        assert_eq!(missing(&output), ["xvfb", "imagemagick"]);
    }

    #[test]
    fn an_architecture_suffix_does_not_hide_an_installed_package() {
        let output: String = PACKAGES
            .iter()
            .map(|package| format!("{package}:amd64 install ok installed\n"))
            .collect();
        assert!(missing(&output).is_empty());
    }
}
