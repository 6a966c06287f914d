//! The invariants ARCHITECTURE.md states, checked: the core crates never
//! depend on tauri (or WebKit), and only the store crate contains SQL.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const CORE: &[&str] = &[
    "dplan-core",
    "dplan-store",
    "dplan-roster",
    "dplan-ics",
    "dplan-print",
    "dplan-publish",
    "dplan-cli",
];
const FORBIDDEN: &[&str] = &["tauri", "wry", "webkit2gtk", "gtk", "tao"];

/// The workspace's root, found from where cargo runs this test (not where it
/// was built: a shared target directory may have built it in another checkout).
fn workspace_root() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo")).join("../..")
}

#[test]
fn core_crates_never_depend_on_tauri() {
    let root = workspace_root();
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(&root)
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: HashMap<&str, &str> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let nodes: HashMap<&str, &Value> = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    for krate in CORE {
        let root_id = names
            .iter()
            .find(|(_, n)| *n == krate)
            .map(|(id, _)| *id)
            .unwrap();
        // Everything the crate compiles, its dev-dependencies included.
        let mut seen = HashSet::new();
        let mut todo = vec![(root_id, vec![*krate])];
        while let Some((id, path)) = todo.pop() {
            if !seen.insert(id) {
                continue;
            }
            for dep in nodes[id]["deps"].as_array().unwrap() {
                let dep_id = dep["pkg"].as_str().unwrap();
                let name = names[dep_id];
                let mut via = path.clone();
                via.push(name);
                assert!(
                    !FORBIDDEN
                        .iter()
                        .any(|f| name == *f || name.starts_with(&format!("{f}-"))),
                    "{krate} must not depend on {name} (via {})",
                    via.join(" → ")
                );
                todo.push((dep_id, via));
            }
        }
    }
}

#[test]
fn only_the_store_contains_sql() {
    let root = workspace_root();
    let mut offenders = Vec::new();
    for dir in [
        "crates/dplan-core/src",
        "crates/dplan-roster/src",
        "crates/dplan-ics/src",
        "crates/dplan-print/src",
        "crates/dplan-cli/src",
        "src-tauri/src",
    ] {
        visit(&root.join(dir), &mut |path, text| {
            for needle in [
                "SELECT ",
                "INSERT INTO",
                "DELETE FROM",
                "CREATE TABLE",
                "rusqlite",
            ] {
                if text.contains(needle) {
                    offenders.push(format!("{} contains `{needle}`", path.display()));
                }
            }
        });
    }
    assert!(
        offenders.is_empty(),
        "SQL belongs in dplan-store: {offenders:#?}"
    );
}

fn visit(dir: &Path, f: &mut dyn FnMut(&Path, &str)) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            visit(&path, f);
        } else if path.extension().is_some_and(|x| x == "rs") {
            f(&path, &std::fs::read_to_string(&path).unwrap());
        }
    }
}
