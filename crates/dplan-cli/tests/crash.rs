//! Kills real `dplan` processes with SIGKILL while they write (imports of a
//! large visit file, the demo, a restore) at seeded random moments, and
//! checks after each kill that the database is intact and that every
//! change happened whole or not at all: on a SQLite file, and on a team's
//! server database (where a restore is the administrator's, so not among
//! the actions).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dplan_api::Store;
use dplan_core::large::{Size, generate};
use dplan_core::{VisitFile, demo};

/// What a visit looks like for this test: its items (id and time) and its
/// participants, each sorted.
type VisitPrint = (Vec<String>, Vec<String>);
/// Every visit in a database by id.
type DbPrint = BTreeMap<String, VisitPrint>;

fn print_of(file: &VisitFile) -> VisitPrint {
    let mut items: Vec<String> = file
        .programme
        .iter()
        .map(|i| format!("{} {:?} {:?}", i.id, i.schedule, i.status))
        .collect();
    items.sort();
    let mut people: Vec<String> = file
        .participants
        .iter()
        .map(|p| p.person_id.to_string())
        .collect();
    people.sort();
    (items, people)
}

/// Opens the database as the app would after a crash, checks it and reads
/// what it holds.
fn db_print(db: &str) -> DbPrint {
    let store = Store::open_database(db).expect("the database opens after a kill");
    let problems = store.check_integrity().unwrap();
    assert!(
        problems.is_empty(),
        "the database is intact after a kill: {problems:?}"
    );
    store
        .list_visits()
        .unwrap()
        .into_iter()
        .map(|v| {
            let file = store.export_visit(v.id, demo::stamp(), false).unwrap();
            (v.id.to_string(), print_of(&file))
        })
        .collect()
}

/// splitmix64: a seeded generator, so a failing sequence of kills can be
/// repeated.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

struct Action {
    name: &'static str,
    args: Vec<String>,
    /// Whether the whole database changes at once (a restore); otherwise
    /// each visit must be whole on its own (the demo loads its two visits
    /// one after the other, each in its own transaction).
    whole: bool,
    /// The database after the action ran to completion from `before`.
    after: Box<dyn Fn(&DbPrint) -> DbPrint>,
}

fn dplan(db: &str, args: &[String]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dplan"));
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DPLAN_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

fn run_to_end(db: &str, args: &[String]) -> Duration {
    let started = Instant::now();
    let out = dplan(db, args).output().unwrap();
    assert!(
        out.status.success(),
        "dplan {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    started.elapsed()
}

fn write_visit(dir: &Path, name: &str, file: &VisitFile) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, file.to_json()).unwrap();
    path
}

/// An action that imports `file`: afterwards its visit is exactly the file's.
fn import(name: &'static str, path: &Path, file: &VisitFile) -> Action {
    let id = file.visit.id.to_string();
    let print = print_of(file);
    Action {
        name,
        args: vec!["import-visit".into(), path.display().to_string()],
        whole: false,
        after: Box::new(move |before| {
            let mut after = before.clone();
            after.insert(id.clone(), print.clone());
            after
        }),
    }
}

#[test]
fn writers_killed_at_random_moments_leave_every_change_whole_or_absent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dplan.sqlite3").display().to_string();
    kill_writers(&db, dir.path(), true, Duration::from_secs(60));
}

#[test]
fn writers_killed_at_random_moments_leave_a_server_database_whole() {
    let dir = tempfile::tempdir().unwrap();
    let server = dplan_store::testing::Scratch::new();
    // Each round reads whole visits back over the network twice: about
    // 30 kills in a minute.
    kill_writers(&server.url, dir.path(), false, Duration::from_secs(60));
}

/// Runs the actions on `db` again and again, killing most runs at a random
/// moment, for at most `budget`; `restore` says whether restoring a backup
/// is among the actions.
fn kill_writers(db: &str, dir: &Path, restore: bool, budget: Duration) {
    // Two visits of several hundred items each, and a shorter version of
    // the first, so an import both adds and removes many rows.
    let data = generate(
        Size {
            visits: 2,
            persons: 400,
            items: 900,
            venues: 20,
            big_visit_items: 600,
        },
        7,
    );
    let a = data.visits[0].clone();
    let mut a_short = a.clone();
    a_short.programme.truncate(a.programme.len() / 3);
    // A visit file lists only the venues its programme uses.
    a_short
        .venues
        .retain(|v| a_short.programme.iter().any(|i| i.venue_id == Some(v.id)));
    let b = data.visits[1].clone();
    let a_path = write_visit(dir, "a.json", &a);
    let a_short_path = write_visit(dir, "a-short.json", &a_short);
    let b_path = write_visit(dir, "b.json", &b);

    // The backup holds no visit, so restoring it and loading the demo
    // both change the database whichever ran last.
    run_to_end(db, &["visits".into()]);
    let backup = dir.join("backup.sqlite3");
    if restore {
        run_to_end(db, &["backup".into(), backup.display().to_string()]);
    }
    let backup_print = db_print(db);
    let demo_prints: Vec<(String, VisitPrint)> = demo::visits(demo::stamp())
        .iter()
        .map(|f| (f.visit.id.to_string(), print_of(f)))
        .collect();

    let mut actions = vec![
        import("import a", &a_path, &a),
        import("import a (shorter)", &a_short_path, &a_short),
        import("import b", &b_path, &b),
        Action {
            name: "demo",
            args: vec!["demo".into()],
            whole: false,
            after: Box::new(move |before| {
                let mut after = before.clone();
                after.extend(demo_prints.iter().cloned());
                after
            }),
        },
        Action {
            name: "restore",
            args: vec!["restore".into(), backup.display().to_string()],
            whole: true,
            after: Box::new(move |_| backup_print.clone()),
        },
    ];
    if !restore {
        actions.pop();
    }

    // How long each action takes when left alone bounds the moment of the
    // kill, so kills land in every phase of the work.
    let mut took = Vec::new();
    for action in &actions {
        took.push(run_to_end(db, &action.args));
    }

    let mut rng = Rng(0x00C0_FFEE);
    let (mut kills, mut completed, mut rounds) = (0, 0, 0);
    let mut outcomes: BTreeMap<(&str, &str), u32> = BTreeMap::new();
    let started = Instant::now();
    while kills < 50 && started.elapsed() < budget {
        rounds += 1;
        let pick = rng.below(actions.len() as u64) as usize;
        let action = &actions[pick];
        let before = db_print(db);
        let expected = (action.after)(&before);
        let window = took[pick].as_micros() as u64 * 11 / 10;
        let delay = Duration::from_micros(rng.below(window));

        let mut child = dplan(db, &action.args).spawn().unwrap();
        std::thread::sleep(delay);
        let killed = match child.try_wait().unwrap() {
            Some(_) => false,
            None => {
                // SIGKILL on unix, to this child only.
                child.kill().unwrap();
                true
            }
        };
        let out = child.wait_with_output().unwrap();
        if killed {
            kills += 1;
        } else {
            assert!(
                out.status.success(),
                "{} failed without a kill: {}",
                action.name,
                String::from_utf8_lossy(&out.stderr)
            );
            completed += 1;
        }

        let now = db_print(db);
        let partial: Vec<&String> = now
            .keys()
            .chain(expected.keys())
            .chain(before.keys())
            .filter(|k| now.get(*k) != expected.get(*k) && now.get(*k) != before.get(*k))
            .collect();
        let outcome = if now == before && now == expected {
            "nothing to change"
        } else if now == expected {
            "done"
        } else if now == before {
            "not begun"
        } else if !action.whole && partial.is_empty() {
            "some visits done, each whole"
        } else {
            panic!(
                "round {rounds}: `{}` killed after {delay:?} left a partial change (visits {partial:?})",
                action.name
            );
        };
        *outcomes.entry((action.name, outcome)).or_default() += 1;
    }
    eprintln!(
        "crash test: {rounds} rounds, {kills} kills, {completed} runs completed, in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    for ((name, outcome), n) in &outcomes {
        eprintln!("  {name}: {outcome} {n}");
    }
    // A killed restore cannot remove its temporary copy; say how many are
    // left, as the file a user would find beside the database.
    let left: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".dplan-restore"))
        .collect();
    eprintln!(
        "  temporary restore files left by killed restores: {}",
        left.len()
    );
    assert!(kills >= 20, "too few kills to mean anything: {kills}");
}
