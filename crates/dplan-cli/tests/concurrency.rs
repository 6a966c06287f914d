//! Several real `dplan` processes writing to one database at once, a
//! SQLite file or a team's server database: each waits for the others'
//! writes instead of failing with "database is locked" or a conflict.

use std::path::{Path, PathBuf};

use std::process::Command;

use dplan_core::{ItemId, VisitFile, VisitId, demo};

/// Runs `dplan --db DB ARGS` and returns its stderr if it did not exit 0.
fn dplan(db: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_dplan"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DPLAN_DB")
        .output()
        .unwrap();
    (!out.status.success()).then(|| {
        format!(
            "dplan {args:?} exited with {}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// A copy of the incoming demo visit under another id, in two versions
/// whose programme notes differ, so every import of the other version
/// writes.
fn versions(dir: &Path, key: &str) -> [PathBuf; 2] {
    let base = demo::visits(demo::stamp()).remove(0);
    let mut file = base.clone();
    file.visit.id = VisitId::derived(&format!("concurrency/{key}"));
    for (i, item) in file.programme.iter_mut().enumerate() {
        item.id = ItemId::derived(&format!("concurrency/{key}/{i}"));
        item.visit_id = file.visit.id;
    }
    for p in &mut file.participants {
        p.visit_id = file.visit.id;
    }
    let mut other: VisitFile = file.clone();
    for item in &mut other.programme {
        item.notes = format!("{} (geändert)", item.notes);
    }
    [("first", file), ("second", other)].map(|(name, f)| {
        let path = dir.join(format!("{key}-{name}.json"));
        std::fs::write(&path, f.to_json()).unwrap();
        path
    })
}

#[test]
fn three_dplan_processes_writing_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    // Every writer starts on a file that does not exist yet, so creating
    // it and its schema is raced too.
    let db = dir.path().join("dplan.sqlite3").display().to_string();
    three_writers(&db, dir.path());
}

#[test]
fn three_dplan_processes_writing_to_one_server_database_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    // A fresh database: the schema's creation is raced too.
    let server = dplan_store::testing::Scratch::new();
    three_writers(&server.url, dir.path());
}

/// Two processes import versions of two visits that share their people,
/// a third loads the demo (the same people again) and changes settings,
/// all at once; every run succeeds.
fn three_writers(db: &str, dir: &Path) {
    let a = versions(dir, "a");
    let b = versions(dir, "b");
    let rounds = 12;
    let writers: Vec<std::thread::JoinHandle<Vec<String>>> = vec![
        {
            let db = db.to_string();
            std::thread::spawn(move || {
                (0..rounds)
                    .filter_map(|i| dplan(&db, &["import-visit", a[i % 2].to_str().unwrap()]))
                    .collect()
            })
        },
        {
            let db = db.to_string();
            std::thread::spawn(move || {
                (0..rounds)
                    .filter_map(|i| dplan(&db, &["import-visit", b[i % 2].to_str().unwrap()]))
                    .collect()
            })
        },
        {
            let db = db.to_string();
            std::thread::spawn(move || {
                (0..rounds)
                    .filter_map(|i| {
                        if i % 2 == 0 {
                            dplan(&db, &["demo"])
                        } else {
                            let minutes = if i % 4 == 1 { "20" } else { "30" };
                            dplan(
                                &db,
                                &["check-settings", "--default-travel-minutes", minutes],
                            )
                        }
                    })
                    .collect()
            })
        },
    ];
    let failures: Vec<String> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} runs failed; the first: {}",
        failures.len(),
        3 * rounds,
        failures.first().map(String::as_str).unwrap_or("")
    );
    assert_eq!(dplan(db, &["visits"]), None);
}
