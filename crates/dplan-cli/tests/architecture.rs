//! The invariants ARCHITECTURE.md states, checked: the core crates never
//! depend on tauri (or WebKit), only the store crate contains SQL, and the
//! two front ends reach the store, roster, calendar, print and publish
//! crates only through the application layer (`dplan-api`).

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
    "dplan-api",
    "dplan-cli",
];
const FORBIDDEN: &[&str] = &["tauri", "wry", "webkit2gtk", "gtk", "tao"];

/// The workspace's root, found from where cargo runs this test (not where it
/// was built: a shared target directory may have built it in another checkout).
fn workspace_root() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo")).join("../..")
}

fn metadata() -> Value {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(workspace_root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The app and the CLI.
const FRONT_ENDS: &[&str] = &["delegation-planner", "dplan-cli"];
/// The workspace crates a front end may depend on (for building and
/// running; its tests may use more).
const FRONT_END_MAY_USE: &[&str] = &["dplan-api", "dplan-core"];

/// Each normal dependency of a front end on a workspace crate other than
/// the application layer and core, as `front end → crate`.
fn front_ends_reaching_past_the_api(meta: &Value) -> Vec<String> {
    let members: HashSet<&str> = meta["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    let names: HashMap<&str, &str> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let mut out = Vec::new();
    for node in meta["resolve"]["nodes"].as_array().unwrap() {
        let name = names[node["id"].as_str().unwrap()];
        if !FRONT_ENDS.contains(&name) {
            continue;
        }
        for dep in node["deps"].as_array().unwrap() {
            let id = dep["pkg"].as_str().unwrap();
            let normal = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].is_null());
            if normal && members.contains(id) && !FRONT_END_MAY_USE.contains(&names[id]) {
                out.push(format!("{name} → {}", names[id]));
            }
        }
    }
    out
}

#[test]
fn front_ends_go_through_the_application_layer() {
    let meta = metadata();
    let past = front_ends_reaching_past_the_api(&meta);
    assert!(
        past.is_empty(),
        "the app and the CLI call dplan-api, not the crates beneath it: {past:#?}"
    );

    // The check fires: the CLI given the store as a dependency is caught.
    let mut doctored = meta.clone();
    let id = |name: &str| {
        meta["packages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .map(|p| p["id"].clone())
            .unwrap()
    };
    let (cli, store) = (id("dplan-cli"), id("dplan-store"));
    let node = doctored["resolve"]["nodes"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|n| n["id"] == cli)
        .unwrap();
    node["deps"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "name": "dplan_store",
            "pkg": store,
            "dep_kinds": [{"kind": null, "target": null}],
        }));
    assert_eq!(
        front_ends_reaching_past_the_api(&doctored),
        vec!["dplan-cli → dplan-store".to_string()]
    );
}

#[test]
fn core_crates_never_depend_on_tauri() {
    let meta = metadata();
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
        "crates/dplan-api/src",
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
                "postgres::",
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
