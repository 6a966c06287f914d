//! Store benchmark on the five-year data set (`dplan demo --large`): prints
//! figures, asserts nothing about time. Run with
//! `cargo bench -p dplan-store --bench store`.

mod common;

use std::time::Instant;

use common::{median, ms};

use chrono::{DateTime, Utc};
use dplan_core::{large, view::VisitView};
use dplan_store::Store;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.sqlite3");
    let t = Instant::now();
    let data = large::generate(large::Size::FIVE_YEARS, 1);
    let generated = t.elapsed();
    let mut store = Store::open(&path).expect("open");
    let t = Instant::now();
    store.import_large(&data).expect("import");
    let imported = t.elapsed();
    let big = data.visits[0].visit.id;
    drop(data);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);

    let store = Store::open(&path).expect("reopen");
    let list = median(21, || store.list_visits().expect("list"));
    let programme = median(21, || store.list_programme(big).expect("programme"));
    let view = median(21, || {
        let file = store
            .export_visit(big, DateTime::<Utc>::UNIX_EPOCH, false)
            .expect("export");
        VisitView::new(&file)
    });
    let persons = median(5, || store.list_persons().expect("persons"));

    println!("five-year data set: 500 visits, 20,000 persons, 100,000 programme items");
    println!("  generate in memory           {}", ms(generated));
    println!("  import (500 transactions)    {}", ms(imported));
    println!(
        "  database file                {:.1} MiB",
        size as f64 / 1048576.0
    );
    println!("  list_visits (500)            {}  median of 21", ms(list));
    println!(
        "  list_programme (300 items)   {}  median of 21",
        ms(programme)
    );
    println!(
        "  visit view (300 items)       {}  median of 21 (what the app's visit screen loads)",
        ms(view)
    );
    println!(
        "  list_persons (20,000)        {}  median of 5",
        ms(persons)
    );
}
