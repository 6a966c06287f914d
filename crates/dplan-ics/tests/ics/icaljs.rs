//! Every export read by Mozilla's ical.js (the parser inside Thunderbird),
//! through Node: `tests/icaljs.mjs` registers the file's own VTIMEZONEs and
//! prints each event's UTC start and end, which must equal the store's. This
//! checks the generated time-zone rules, not only the local times.

use std::process::Command;

use serde_json::Value;

use crate::rules::all_exports;

#[test]
fn ical_js_reads_every_file_to_the_same_instants() {
    let dir = tempfile::tempdir().unwrap();
    let files = all_exports();
    let mut paths = Vec::new();
    for (n, (_, _, text)) in files.iter().enumerate() {
        let path = dir.path().join(format!("{n}.ics"));
        std::fs::write(&path, text).unwrap();
        paths.push(path);
    }
    let script = crate::crate_dir().join("tests/icaljs.mjs");
    let out = Command::new("node")
        .arg(script)
        .args(&paths)
        .output()
        .expect("node runs (installed by .ci/setup)");
    assert!(
        out.status.success(),
        "ical.js failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let parsed: Vec<Vec<Value>> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(parsed.len(), files.len());
    for ((name, view, _), events) in files.iter().zip(&parsed) {
        for e in events {
            let uid = e["uid"].as_str().unwrap();
            let item = view
                .programme
                .iter()
                .find(|i| i.id.to_string() == uid)
                .unwrap_or_else(|| panic!("{name}: {uid}"));
            if e["allDay"].as_bool().unwrap() {
                assert_eq!(
                    e["start"].as_str().unwrap(),
                    item.schedule.first_day().to_string()
                );
                let end = item.schedule.last_day().succ_opt().unwrap().to_string();
                assert_eq!(e["end"].as_str().unwrap(), end, "{name}");
            } else {
                let iso = |t: Option<chrono::DateTime<chrono::Utc>>| {
                    t.unwrap().format("%Y-%m-%dT%H:%M:%SZ").to_string()
                };
                assert_eq!(
                    e["start"].as_str().unwrap(),
                    iso(item.start_utc),
                    "{name}: {uid}"
                );
                assert_eq!(
                    e["end"].as_str().unwrap(),
                    iso(item.end_utc),
                    "{name}: {uid}"
                );
            }
            assert_eq!(e["sequence"].as_u64().unwrap(), u64::from(item.revision));
        }
    }
}
