//! A seven-day, 80-item itinerary in two languages (German + Chinese) to
//! PDF: the first run in a process (which also searches the system's fonts)
//! and the median of the following runs (each starts with Typst's caches
//! empty: `pdf` evicts them). Prints figures and asserts
//! nothing; the target is under 1 s.
//!
//! Run with `cargo bench -p dplan-print`.

use std::time::{Duration, Instant};

use chrono::{Duration as Days, TimeZone, Utc};
use dplan_core::view::VisitView;
use dplan_core::{ItemId, Lang, Schedule, ZonedLocal, demo};
use dplan_print::{Layout, PrintOptions, Scope};

fn seven_days_eighty_items() -> VisitView {
    let mut file = demo::visits(demo::stamp()).remove(0);
    let template = file.programme.clone();
    file.visit.last_day = file.visit.first_day + Days::days(6);
    file.programme.clear();
    for n in 0..80 {
        let mut item = template[n % template.len()].clone();
        item.id = ItemId::derived(&format!("bench/{n}"));
        let day = file.visit.first_day + Days::days((n / 12) as i64 % 7);
        let start = day.and_hms_opt(8, 0, 0).unwrap() + Days::minutes((n % 12) as i64 * 50);
        let zone = dplan_core::tz::Europe::Berlin;
        item.schedule = Schedule::Timed {
            start: ZonedLocal::new(start, zone),
            end: ZonedLocal::new(start + Days::minutes(45), zone),
        };
        file.programme.push(item);
    }
    VisitView::new(&file)
}

fn main() {
    let view = seven_days_eighty_items();
    let opts = PrintOptions {
        layout: Layout::SideBySide,
        ..PrintOptions::new(
            vec![Lang::De, Lang::Zh],
            Utc.with_ymd_and_hms(2027, 3, 1, 8, 0, 0).unwrap(),
        )
    };
    let t = Instant::now();
    let first = dplan_print::pdf(&view, Scope::Visit, &opts).expect("typesets");
    let cold = t.elapsed();
    let mut runs: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(dplan_print::pdf(&view, Scope::Visit, &opts).expect("typesets"));
            t.elapsed()
        })
        .collect();
    runs.sort();
    let pages = String::from_utf8_lossy(&first)
        .matches("/Type /Page\n")
        .count();
    println!("dplan-print: 7 days, 80 items, German + Chinese side by side, A4 PDF");
    println!(
        "  first in a process (incl. font search): {:7.0} ms   ({} KB{})",
        cold.as_secs_f64() * 1000.0,
        first.len() / 1024,
        if pages > 0 {
            format!(", {pages} pages")
        } else {
            String::new()
        }
    );
    println!(
        "  median of 5 after that:                 {:7.0} ms   target < 1000 ms",
        runs[2].as_secs_f64() * 1000.0
    );
    let t = Instant::now();
    std::hint::black_box(dplan_print::html_page(&view, Scope::Visit, &opts).expect("writes"));
    println!(
        "  the same as HTML:                       {:7.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
}
