//! What only a team's server database does: several connections at once.
//! (Everything a SQLite file does too runs on both backends elsewhere.)

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use dplan_core::{Problem, demo};
use dplan_store::testing::Scratch;
use dplan_store::{ErrorKind, SCHEMA_VERSION, Store};

#[test]
fn a_server_database_opens_by_its_address_and_says_where_it_is() {
    let db = Scratch::new();
    let s = Store::open_database(&db.url).unwrap();
    assert!(s.is_server());
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(s.is_empty().unwrap());
    let (_, password) = db
        .url
        .split_once("://")
        .unwrap()
        .1
        .split_once('@')
        .unwrap()
        .0
        .split_once(':')
        .expect("the test server's address has a password");
    assert!(
        !s.location().contains(password),
        "the location never shows the password: {}",
        s.location()
    );
    assert!(s.location().starts_with("postgres"), "{}", s.location());
    assert_eq!(s.check_integrity().unwrap(), Vec::<String>::new());

    // A path is a SQLite file, as before.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dplan.sqlite3");
    let local = Store::open_database(file.to_str().unwrap()).unwrap();
    assert!(!local.is_server());
    assert_eq!(local.location(), file.to_str().unwrap());
}

#[test]
fn a_server_database_is_backed_up_by_its_administrator_and_the_error_says_so() {
    let db = Scratch::new();
    let mut s = db.store();
    let dir = tempfile::tempdir().unwrap();
    let err = s.backup_to(&dir.path().join("b.sqlite3")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid, "{err}");
    assert!(err.to_string().contains("administrator"), "{err}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing is written"
    );
    let err = s.restore_from(&dir.path().join("b.sqlite3")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid, "{err}");
}

#[test]
fn colleagues_on_one_server_see_each_others_changes() {
    let db = Scratch::new();
    let mut julia = db.store();
    let kai = db.store();
    julia.load_demo().unwrap();
    assert_eq!(kai.list_visits().unwrap(), julia.list_visits().unwrap());
    let file = demo::visits(demo::stamp()).remove(0);
    let mut item = julia.list_programme(file.visit.id).unwrap().remove(0);
    item.notes = "Treffpunkt geändert".into();
    julia.update_item(&item).unwrap();
    assert_eq!(kai.get_item(item.id).unwrap().notes, "Treffpunkt geändert");
}

#[test]
fn of_many_publishers_at_once_exactly_one_gets_the_lease() {
    let db = Scratch::new();
    let mut first = db.store();
    first.load_demo().unwrap();
    let visit = demo::visits(demo::stamp()).remove(0).visit.id;
    let now = chrono::Utc::now();
    let until = now + chrono::Duration::minutes(5);
    let n = 8;
    let start = Arc::new(Barrier::new(n));
    let outcomes: Vec<_> = (0..n)
        .map(|i| {
            let mut s = db.store();
            let start = start.clone();
            std::thread::spawn(move || {
                start.wait();
                s.take_publish_lease(
                    visit,
                    &format!("holder-{i}"),
                    &format!("app {i}"),
                    now,
                    until,
                )
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|t| t.join().unwrap())
        .collect();
    let won = outcomes.iter().filter(|o| o.is_ok()).count();
    assert_eq!(won, 1, "{outcomes:?}");
    for o in outcomes.iter().filter_map(|o| o.as_ref().err()) {
        assert_eq!(o.kind(), ErrorKind::Conflict, "{o}");
    }
}

/// A colleague's transaction changes an item while this app's save of the
/// same item is under way (it read the item, then waits for the row): the
/// save is refused as a conflict, said in words, and the colleague's change
/// stays.
#[test]
fn a_save_that_overlaps_a_colleagues_change_of_the_same_item_is_a_conflict() {
    let db = Scratch::new();
    let mut s = db.store();
    s.load_demo().unwrap();
    let file = demo::visits(demo::stamp()).remove(0);
    let mut item = s.list_programme(file.visit.id).unwrap().remove(0);

    // The colleague's transaction: begun, the row changed, not committed.
    let mut colleague = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
    let mut tx = colleague.transaction().unwrap();
    tx.execute(
        "UPDATE programme_item SET notes = 'vom Kollegen' WHERE id = $1",
        &[&item.id.to_string()],
    )
    .unwrap();

    let saver = std::thread::spawn(move || {
        item.notes = "von mir".into();
        s.update_item(&item)
    });
    // Wait until the save stands at the colleague's row lock.
    let mut watcher = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let waiting: i64 = watcher
            .query_one(
                "SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND wait_event_type = 'Lock'",
                &[],
            )
            .unwrap()
            .get(0);
        if waiting > 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the save never waited for the row"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    tx.commit().unwrap();

    let err = saver.join().unwrap().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err}");
    assert_eq!(
        dplan_core::Kinded::problem(&err),
        Some(Problem::ChangedConcurrently)
    );
    let stored = db.store();
    let notes = stored
        .list_programme(file.visit.id)
        .unwrap()
        .into_iter()
        .next()
        .unwrap()
        .notes;
    assert_eq!(notes, "vom Kollegen", "the colleague's change stays");
}

/// An open app hears within a second that a colleague changed something,
/// and who; its own changes it does not hear.
#[test]
fn a_colleagues_change_reaches_a_listening_app_within_a_second() {
    let db = Scratch::new();
    let mut app = db.store();
    app.load_demo().unwrap();
    let mut listener = app.listener().unwrap();
    assert_eq!(listener.wait(Duration::from_millis(50)).unwrap(), vec![]);

    // The app's own save is not news to it.
    let file = demo::visits(demo::stamp()).remove(0);
    let mut item = app.list_programme(file.visit.id).unwrap().remove(0);
    item.notes = "von der App".into();
    app.update_item(&item).unwrap();
    assert_eq!(listener.wait(Duration::from_millis(300)).unwrap(), vec![]);

    let mut colleague = db.store();
    item.notes = "vom Kollegen".into();
    let saved = Instant::now();
    colleague.update_item(&item).unwrap();
    let heard = listener.wait(Duration::from_secs(5)).unwrap();
    let after = saved.elapsed();
    assert_eq!(heard.len(), 1, "{heard:?}");
    assert_eq!(
        heard[0].by.as_deref(),
        Some("dplan"),
        "the test server's user"
    );
    assert!(after < Duration::from_secs(1), "heard after {after:?}");
    // Nothing more.
    assert_eq!(listener.wait(Duration::from_millis(100)).unwrap(), vec![]);
}

/// On a file, what another process commits (the CLI, a second app) is
/// heard too, without a name.
#[test]
fn a_change_to_a_file_from_another_connection_is_heard() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dplan.sqlite3");
    let app = Store::open(&path).unwrap();
    let mut listener = app.listener().unwrap();
    assert_eq!(listener.wait(Duration::from_millis(50)).unwrap(), vec![]);
    let mut cli = Store::open(&path).unwrap();
    cli.load_demo().unwrap();
    let heard = listener.wait(Duration::from_secs(5)).unwrap();
    assert_eq!(heard, vec![dplan_store::Change { by: None }]);
    assert_eq!(listener.wait(Duration::from_millis(300)).unwrap(), vec![]);
}
