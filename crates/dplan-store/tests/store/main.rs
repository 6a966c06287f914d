//! Store tests on in-memory and temp-file databases; modules mirror `src/`.

mod backup;
mod calendar;
mod check;
mod exchange;
mod file;
mod migration;
mod participant;
mod person;
mod programme;
mod roster;
mod venue;
mod visit;

use dplan_core::{VisitFile, demo};
use dplan_store::Store;

/// A fresh in-memory store.
pub fn store() -> Store {
    Store::open_in_memory().expect("in-memory store opens")
}

/// A store with the demo visits loaded, and the incoming one as a file.
pub fn demo_store() -> (Store, VisitFile) {
    let mut s = store();
    let reports = s.load_demo().expect("demo imports");
    assert!(
        reports.iter().all(|r| r.created),
        "a fresh store gets both demo visits"
    );
    (s, demo::visits(demo::stamp()).remove(0))
}
