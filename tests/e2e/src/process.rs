//! Processes: SIGTERM without unsafe code, and finding what still runs on a test's data folder.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

/// A process seen in `/proc`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Process {
    pub pid: u32,
    pub parent: u32,
    pub name: String,
}

/// Sends SIGTERM to `pid` through `kill` (this workspace forbids the unsafe `libc::kill`).
pub fn sigterm(pid: u32) {
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// The live processes whose environment has `LODE_DATA_DIR=<data_dir>`: tauri-driver,
/// WebKitWebDriver, the app and WebKit's helper processes all inherit it from the driver. Each test
/// has its own temporary data folder, so these are exactly the processes the test started.
pub fn running_on(data_dir: &Path) -> Vec<Process> {
    let wanted = format!("LODE_DATA_DIR={}", data_dir.display());
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    let own = std::process::id();
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| *pid != own)
        .filter(|pid| {
            // A zombie has an empty environment, so only live processes match.
            fs::read(format!("/proc/{pid}/environ")).is_ok_and(|environ| {
                environ
                    .split(|byte| *byte == 0)
                    .any(|var| var == wanted.as_bytes())
            })
        })
        .map(|pid| Process {
            pid,
            parent: status_field(pid, "PPid:")
                .and_then(|parent| parent.parse().ok())
                .unwrap_or(0),
            name: fs::read_to_string(format!("/proc/{pid}/comm"))
                .unwrap_or_default()
                .trim()
                .to_owned(),
        })
        .collect()
}

/// One line per process: pid, name, parent, state and what it waits in, for a report.
pub fn describe(processes: &[Process]) -> String {
    processes
        .iter()
        .map(|process| {
            let pid = process.pid;
            let field = |key: &str| status_field(pid, key).unwrap_or_else(|| "?".to_owned());
            let wchan = fs::read_to_string(format!("/proc/{pid}/wchan")).unwrap_or_default();
            format!(
                "  pid {pid} {}: parent {}, state {}, threads {}, waiting in {}",
                process.name,
                process.parent,
                field("State:"),
                field("Threads:"),
                if wchan.is_empty() {
                    "?"
                } else {
                    wchan.as_str()
                }
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn status_field(pid: u32, key: &str) -> Option<String> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(key))
        .map(|value| value.trim().to_owned())
}
