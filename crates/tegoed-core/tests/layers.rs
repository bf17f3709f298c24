//! The layers of `ARCHITECTURE.md`, checked on the source: nothing imports
//! upward. The store (`book`) knows no rule, reader or use case; readers and
//! rules never touch the book or a use case; the ground knows only the
//! ground. Test code (`tests.rs`, `#[cfg(test)]` modules) may reach anywhere.
#![allow(clippy::unwrap_used, reason = "a test reads its own source tree")]

use std::fs;
use std::path::{Path, PathBuf};

const GROUND: &[&str] = &[
    "money",
    "reference",
    "customer",
    "invoice",
    "allocation",
    "sniff",
];
const READERS: &[&str] = &["archive", "statement", "ledger", "intake", "invoice_pdf"];
const RULES: &[&str] = &["matching", "receivables", "dunning", "law", "letters"];
const STORE: &[&str] = &["book"];
const USE_CASES: &[&str] = &[
    "import",
    "reconcile",
    "overview",
    "today",
    "record",
    "remind",
    "outbox",
    "dossier",
    "demo",
    "settings",
];

/// The `crate::<module>` paths a source file's code (not its comments or
/// test code) names.
fn named_modules(source: &str) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or_default();
    let mut named = Vec::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let module: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            named.push(module);
        }
    }
    named
}

fn sources(module: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let single = root.join(format!("{module}.rs"));
    if single.exists() {
        files.push(single);
    }
    let mut folders = vec![root.join(module)];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|name| name != "tests") {
                    folders.push(path);
                }
            } else if path.extension().is_some_and(|ext| ext == "rs")
                && path.file_name().is_some_and(|name| name != "tests.rs")
            {
                files.push(path);
            }
        }
    }
    assert!(!files.is_empty(), "no source for module {module}");
    files
}

/// Every `crate::` path in `modules` that names one of `forbidden`.
fn violations(modules: &[&str], forbidden: &[&[&str]]) -> Vec<String> {
    let forbidden: Vec<&str> = forbidden
        .iter()
        .flat_map(|layer| layer.iter())
        .copied()
        .collect();
    let mut found = Vec::new();
    for module in modules {
        for file in sources(module) {
            let source = fs::read_to_string(&file).unwrap();
            for named in named_modules(&source) {
                if forbidden.contains(&named.as_str()) && named != *module {
                    found.push(format!("{} names crate::{named}", file.display()));
                }
            }
        }
    }
    found
}

#[test]
fn the_store_knows_no_rule_reader_or_use_case() {
    assert_eq!(
        violations(STORE, &[RULES, READERS, USE_CASES]),
        Vec::<String>::new()
    );
}

#[test]
fn readers_and_rules_never_touch_the_book_or_a_use_case() {
    assert_eq!(
        violations(READERS, &[STORE, USE_CASES]),
        Vec::<String>::new()
    );
    assert_eq!(violations(RULES, &[STORE, USE_CASES]), Vec::<String>::new());
}

#[test]
fn the_ground_knows_only_the_ground() {
    assert_eq!(
        violations(GROUND, &[READERS, RULES, STORE, USE_CASES]),
        Vec::<String>::new()
    );
}

#[test]
fn the_check_sees_an_upward_import() {
    let source =
        "use crate::book::Book;\n// crate::today in a comment\n#[cfg(test)]\nuse crate::demo;";
    assert_eq!(named_modules(source), vec!["book".to_owned()]);
}
