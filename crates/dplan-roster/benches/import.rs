//! Import of a 10,000-row participant list, as CSV and as XLSX, generated
//! in memory: read_table + detect_mapping + plan_import, median of several
//! runs. Prints figures and asserts nothing; the targets are under 300 ms
//! for the CSV and under 1 s for the XLSX.
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
}
