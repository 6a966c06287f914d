//! Store tests; modules mirror `src/`. What a team's server database does
//! as the SQLite file does runs on both (`on_both`); what only a file does
//! (backups, migrations of the file, crash safety) on temp files.

mod backup;
mod calendar;
mod check;
mod copy;
mod exchange;
mod file;
mod migration;
mod participant;
mod person;
mod programme;
mod roster;
mod server;
mod venue;
mod visit;

use dplan_core::{VisitFile, demo};
use dplan_store::Store;

/// A fresh in-memory store.
pub fn store() -> Store {
    Store::open_in_memory().expect("in-memory store opens")
}

/// Runs `body` on a fresh store of each backend: SQLite in memory, then a
/// database of its own on the test server.
pub fn on_both(body: impl Fn(Store)) {
    dplan_store::testing::on_both_stores(|backend, s| {
        eprintln!("--- on {backend}");
        body(s)
    });
}

/// Runs `body` on each backend's store with the demo loaded, and the
/// incoming demo visit as a file.
pub fn on_both_demo(body: impl Fn(Store, VisitFile)) {
    on_both(|s| {
        let (s, file) = with_demo(s);
        body(s, file)
    });
}

/// A store with the demo visits loaded, and the incoming one as a file.
pub fn demo_store() -> (Store, VisitFile) {
    with_demo(store())
}

fn with_demo(mut s: Store) -> (Store, VisitFile) {
    let reports = s.load_demo().expect("demo imports");
    assert!(
        reports.iter().all(|r| r.created),
        "a fresh store gets both demo visits"
    );
    (s, demo::visits(demo::stamp()).remove(0))
}
