//! Import of a 10,000-row participant list, as CSV and as XLSX, generated
//! in memory: read_table + detect_mapping + plan_import, median of several
//! runs. Prints figures and asserts nothing; the targets are under 300 ms
//! for the CSV and under 1 s for the XLSX.
//!
//! A second figure times the whole import as the app and `dplan
//! import-participants` do it: read, plan, and the store's one transaction
//! that matches and adds 10,000 persons and participants, into a database
//! file holding the demo visits.
//!
//! Run with `cargo bench -p dplan-roster`.

use std::time::{Duration, Instant};

use dplan_core::{PersonId, VisitId};
use dplan_roster::{ImportOptions, detect_mapping, plan_import, read_table};
use rust_xlsxwriter::Workbook;

const ROWS: usize = 10_000;

const HEADERS: [&str; 12] = [
    "Rang",
    "Nachname",
    "Vorname",
    "Chinesischer Name",
    "Pinyin",
    "Organisation",
    "Funktion",
    "E-Mail",
    "Telefon",
    "Seite",
    "Rolle",
    "Hotel",
];

fn row(i: usize) -> [String; 12] {
    let chinese = i.is_multiple_of(2);
    [
        (i / 2 + 1).to_string(),
        if chinese {
            format!("Liu{i}")
        } else {
            format!("Müller{i}")
        },
        if chinese {
            "Qiang".into()
        } else {
            "Jürgen".into()
        },
        if chinese {
            format!("刘强{i}")
        } else {
            String::new()
        },
        if chinese {
            "Liú Qiáng".into()
        } else {
            String::new()
        },
        if chinese {
            "泸州市人民政府".into()
        } else {
            "Stadt Herne; Fachbereich 41".into()
        },
        "Sachbearbeitung".into(),
        format!("person{i}@example.org"),
        format!("+49 2323 16-{i}"),
        if chinese {
            "Gast".into()
        } else {
            "Gastgeber".into()
        },
        if i.is_multiple_of(10) {
            "Dolmetschen".into()
        } else {
            String::new()
        },
        "Parkhotel Herne".into(),
    ]
}

fn csv() -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    out.extend(HEADERS.join(";").as_bytes());
    out.extend(b"\r\n");
    for i in 0..ROWS {
        let cells: Vec<String> = row(i)
            .iter()
            .map(|c| {
                if c.contains(';') {
                    format!("\"{c}\"")
                } else {
                    c.clone()
                }
            })
            .collect();
        out.extend(cells.join(";").as_bytes());
        out.extend(b"\r\n");
    }
    out
}

fn xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for i in 0..ROWS {
        let r = i as u32 + 1;
        for (c, cell) in row(i).iter().enumerate() {
            match cell.parse::<f64>() {
                Ok(n) if c == 0 => sheet.write_number(r, 0, n),
                _ if cell.is_empty() => continue,
                _ => sheet.write_string(r, c as u16, cell),
            }
            .expect("cell");
        }
    }
    book.save_to_buffer().expect("workbook")
}

/// One import, returning how many rows became drafts.
fn import(bytes: &[u8]) -> usize {
    let table = read_table(bytes).expect("the generated file reads");
    let mapping = detect_mapping(&table);
    let mut n = 0u64;
    let plan = plan_import(
        &table,
        &mapping,
        VisitId::derived("bench"),
        &ImportOptions::default(),
        || {
            n += 1;
            PersonId::derived(&n.to_string())
        },
    );
    plan.expect("the generated file imports").drafts.len()
}

fn median(bytes: &[u8], runs: usize) -> (Duration, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut drafts = 0;
    for _ in 0..runs {
        let start = Instant::now();
        drafts = import(bytes);
        times.push(start.elapsed());
    }
    times.sort();
    (times[runs / 2], drafts)
}

/// Read, plan and store, into a fresh database file with the demo loaded;
/// returns the time of the whole and of the store's transaction.
fn import_into_store(bytes: &[u8]) -> (Duration, Duration, usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = dplan_store::Store::open(&dir.path().join("bench.sqlite3")).expect("store");
    store.load_demo().expect("demo");
    let visit = dplan_core::demo::visits(dplan_core::demo::stamp())[0]
        .visit
        .id;
    let start = Instant::now();
    let table = read_table(bytes).expect("the generated file reads");
    let mapping = detect_mapping(&table);
    let plan = plan_import(
        &table,
        &mapping,
        visit,
        &ImportOptions::default(),
        PersonId::random,
    )
    .expect("the generated file imports");
    let listed: Vec<_> = plan
        .drafts
        .iter()
        .map(dplan_roster::Draft::listed)
        .collect();
    let stored = Instant::now();
    let report = store
        .import_participants(visit, &listed, false)
        .expect("the store imports the list");
    (start.elapsed(), stored.elapsed(), report.new_persons)
}

fn main() {
    let csv = csv();
    let xlsx = xlsx();
    for (what, bytes, runs, target) in [("CSV ", &csv, 11, 300), ("XLSX", &xlsx, 7, 1000)] {
        let (time, drafts) = median(bytes, runs);
        println!(
            "{what} {ROWS} rows, {:>5} KB: median {:>6.1} ms of {runs} runs (target < {target} ms), {drafts} drafts",
            bytes.len() / 1024,
            time.as_secs_f64() * 1000.0,
        );
    }
    for (what, bytes) in [("CSV ", &csv), ("XLSX", &xlsx)] {
        let mut runs: Vec<(Duration, Duration, usize)> =
            (0..3).map(|_| import_into_store(bytes)).collect();
        runs.sort();
        let (whole, store, added) = runs[1];
        println!(
            "{what} {ROWS} rows end to end (read, plan, store in one transaction): median {:>6.1} ms of 3, of which the store {:>6.1} ms; {added} persons added",
            whole.as_secs_f64() * 1000.0,
            store.as_secs_f64() * 1000.0,
        );
    }
}
