//! The four lists of the app's commands cannot drift apart: the app
//! manifest in `build.rs` (each command needs an `allow-*` permission),
//! `generate_handler!` in `lib.rs` (what Rust registers), the capability
//! `capabilities/main.json` (what the window may call) and the UI's typed
//! wrappers in `ui/src/lib/api/commands.ts` (what the UI calls). A command
//! added to one and not the others fails this test, naming it.

use std::collections::BTreeSet;
use std::path::Path;

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The text between `start` and the first `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no `{start}`")) + start.len();
    let rest = &text[from..];
    &rest[..rest
        .find(end)
        .unwrap_or_else(|| panic!("no `{end}` after `{start}`"))]
}

/// The quoted strings in `text`.
fn quoted(text: &str) -> BTreeSet<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn manifest() -> BTreeSet<String> {
    quoted(between(
        &read("build.rs"),
        "const COMMANDS: &[&str] = &[",
        "];",
    ))
}

fn handler() -> BTreeSet<String> {
    between(&read("src/lib.rs"), "generate_handler![", "]")
        .split(',')
        .filter_map(|path| path.trim().rsplit("::").next())
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

fn capability() -> BTreeSet<String> {
    let capability: serde_json::Value =
        serde_json::from_str(&read("capabilities/main.json")).unwrap();
    capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|permission| permission.as_str()?.strip_prefix("allow-"))
        .map(|name| name.replace('-', "_"))
        .collect()
}

fn ui_wrappers() -> BTreeSet<String> {
    read("../ui/src/lib/api/commands.ts")
        .split("call(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_four_command_lists_agree() {
    let manifest = manifest();
    assert!(manifest.len() > 10, "{manifest:?}");
    for (name, list) in [
        ("generate_handler! in lib.rs", handler()),
        ("capabilities/main.json", capability()),
        ("ui/src/lib/api/commands.ts", ui_wrappers()),
    ] {
        let missing: Vec<&String> = manifest.difference(&list).collect();
        let extra: Vec<&String> = list.difference(&manifest).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{name} disagrees with build.rs: missing {missing:?}, not in build.rs {extra:?}"
        );
    }
}
