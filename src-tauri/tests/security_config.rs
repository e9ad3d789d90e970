//! Security is configuration: these tests read the shipped Tauri config and capability files and
//! fail if the CSP loosens, a remote origin appears, or the webview gains a permission beyond
//! Lode's own commands.

use serde_json::Value;
use std::collections::BTreeSet;

fn read_json(path: &str) -> Value {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_text(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The command names registered in `generate_handler!` in main.rs.
/// The commands main.rs registers: every entry of its `generate_handler![…]`, whatever module.
fn registered_commands() -> BTreeSet<String> {
    let main = read_text("src/main.rs");
    let start = main
        .find("generate_handler![")
        .expect("main.rs registers its commands");
    let list = &main[start + "generate_handler![".len()..];
    let list = &list[..list.find(']').expect("the list ends")];
    list.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| entry.rsplit("::").next().unwrap_or(entry).to_owned())
        .collect()
}

#[test]
fn the_csp_allows_only_the_app_itself() {
    let config = read_json("tauri.conf.json");
    let csp = config["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP must be set");
    let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
    assert!(
        directives
            .iter()
            .any(|d| d.starts_with("default-src 'self'")),
        "default-src must be 'self': {csp}"
    );
    for source in csp.split([' ', ';']).filter(|s| !s.is_empty()) {
        let remote = source.starts_with("http") && source != "http://ipc.localhost";
        assert!(!remote, "no remote origin may be allowed: {source}");
        assert_ne!(source, "'unsafe-eval'", "no eval");
        assert_ne!(source, "*", "no wildcard source");
    }
    assert!(
        config["build"].get("devUrl").is_none(),
        "the shipped app embeds ui/dist"
    );
}

#[test]
fn the_window_may_call_exactly_lodes_commands() {
    let capability = read_json("capabilities/main.json");
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("plain permission names only").to_owned())
        .collect();
    let expected: BTreeSet<String> = registered_commands()
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(
        granted, expected,
        "one permission per registered command, and no other"
    );
    let build = read_text("build.rs");
    for command in registered_commands() {
        assert!(
            build.contains(&format!("\"{command}\"")),
            "{command} missing from build.rs"
        );
    }
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    assert!(
        capability.get("remote").is_none(),
        "no remote origin may use the IPC"
    );
}

#[test]
fn the_window_is_titled_and_sized_for_a_modest_laptop() {
    let config = read_json("tauri.conf.json");
    let window = &config["app"]["windows"][0];
    assert_eq!(window["title"], "Lode");
    assert!(window["minWidth"].as_u64().unwrap() <= 1366);
    assert!(window["minHeight"].as_u64().unwrap() <= 768);
}
