//! The team database against the SQLite file, side by side in one run, on
//! the five-year data set: loading the 300-item visit view, and 20 clients
//! each saving 500 item edits to a visit of their own at once (edits per
//! second, and a count of lost updates, which must be zero). Needs the
//! test server: `bash .ci/with-servers cargo bench -p dplan-store --bench team`.
//! Prints figures; fails only when an update was lost.

mod common;

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use common::{median, ms};
use dplan_core::{ItemId, VisitId, large};
use dplan_store::Store;
use dplan_store::testing::Scratch;

const CLIENTS: usize = 20;
const EDITS: usize = 500;

/// `CLIENTS` connections from `open`, each editing the notes of its own
/// visit's items `EDITS` times, all at once; the wall time, and how many
/// items do not hold the last note their client wrote (lost updates).
fn edits_at_once(
    open: impl Fn() -> Store + Sync,
    visits: &[VisitId],
    round: &str,
) -> (Duration, usize) {
    let start = Arc::new(Barrier::new(CLIENTS + 1));
    let results = std::thread::scope(|scope| {
        let workers: Vec<_> = visits
            .iter()
            .take(CLIENTS)
            .map(|&visit| {
                let mut store = open();
                let start = start.clone();
                scope.spawn(move || {
                    let items: Vec<ItemId> = store
                        .list_programme(visit)
                        .expect("programme")
                        .iter()
                        .map(|i| i.id)
                        .collect();
                    let mut last = std::collections::HashMap::new();
                    start.wait();
                    for n in 0..EDITS {
                        let id = items[n % items.len()];
                        let mut item = store.get_item(id).expect("item");
                        item.notes = format!("{round} {visit} {n}");
                        store.update_item(&item).expect("the edit is saved");
                        last.insert(id, item.notes);
                    }
                    last
                })
            })
            .collect();
        start.wait();
        let t = Instant::now();
        let last: Vec<_> = workers.into_iter().map(|w| w.join().unwrap()).collect();
        (t.elapsed(), last)
    });
    let (took, last) = results;
    let check = open();
    let lost = last
        .iter()
        .flatten()
        .filter(|(id, notes)| check.get_item(**id).expect("item").notes != **notes)
        .count();
    (took, lost)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.sqlite3");
    let data = large::generate(large::Size::FIVE_YEARS, 1);
    let big = data.visits[0].visit.id;
    let visits: Vec<VisitId> = data.visits.iter().map(|f| f.visit.id).collect();
    let mut file = Store::open(&path).expect("open");
    file.import_large(&data).expect("import");
    drop(data);

    let server = Scratch::new();
    let mut team = server.store();
    let t = Instant::now();
    let copied = file.copy_to(&mut team).expect("copy to the server");
    let copy_time = t.elapsed();

    let file_view = median(21, || {
        std::hint::black_box(file.visit_view(big).expect("view"));
    });
    let team_view = median(21, || {
        std::hint::black_box(team.visit_view(big).expect("view"));
    });
    drop(file);
    drop(team);

    let (file_took, file_lost) = edits_at_once(|| Store::open(&path).expect("open"), &visits, "a");
    let (team_took, team_lost) = edits_at_once(|| server.store(), &visits, "b");
    let per_second = |d: Duration| (CLIENTS * EDITS) as f64 / d.as_secs_f64();

    println!("five-year data set (500 visits, 20,000 persons, 100,000 items); server on loopback");
    println!(
        "  copy SQLite -> server        {} ({} records)",
        ms(copy_time),
        copied.rows
    );
    println!("  visit view (300 items), median of 21");
    println!("    SQLite file                {}", ms(file_view));
    println!(
        "    PostgreSQL                 {}  ({:.2}x SQLite; target <= 2x and < 50 ms)",
        ms(team_view),
        team_view.as_secs_f64() / file_view.as_secs_f64()
    );
    println!("  {CLIENTS} clients x {EDITS} item edits, each client its own visit, at once");
    println!(
        "    SQLite file                {:.0} edits/s ({}), lost updates: {file_lost}",
        per_second(file_took),
        ms(file_took)
    );
    println!(
        "    PostgreSQL                 {:.0} edits/s ({}), lost updates: {team_lost}",
        per_second(team_took),
        ms(team_took)
    );
    assert_eq!(file_lost + team_lost, 0, "no update may be lost");
}
