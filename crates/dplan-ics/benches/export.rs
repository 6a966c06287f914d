//! Calendar export of a 10,000-item visit with 500 participants: the whole
//! programme as one file, and one file per participant; median of several
//! runs. Then Python's `icalendar` package writes the same events
//! (`benches/icalendar_bench.py`, Debian's python3-icalendar) in the same
//! run, and the ratio is printed. Prints figures and asserts nothing; the
//! targets are under 50 ms for the 10,000-item file and at least 20× faster
//! than Python.
//!
//! Run with `cargo bench -p dplan-ics`.

use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use dplan_core::large::{Size, generate};
use dplan_core::tz::Asia::Shanghai;
use dplan_core::view::VisitView;
use dplan_core::{Lang, Participant, Role, Schedule, Side, VisitFile};
use dplan_ics::{Options, Scope, export};

const ITEMS: usize = 10_000;
const PARTICIPANTS: usize = 500;

fn visit() -> VisitFile {
    let data = generate(
        Size {
            visits: 1,
            persons: PARTICIPANTS,
            items: ITEMS,
            venues: 60,
            big_visit_items: ITEMS,
        },
        7,
    );
    let mut file = data.visits.into_iter().next().expect("one visit");
    file.persons.extend(data.other_persons);
    file.participants.clear();
    for (i, p) in file.persons.iter().enumerate() {
        let side = if i % 2 == 0 { Side::Guest } else { Side::Host };
        file.participants.push(Participant {
            visit_id: file.visit.id,
            person_id: p.id,
            side,
            role: match i % 25 {
                0 => Role::Interpreter,
                1 => Role::Staff,
                _ => Role::Member,
            },
            precedence: (i / 2 + 1) as u32,
            arrival: None,
            departure: None,
            hotel: None,
        });
    }
    let ids: Vec<_> = file.persons.iter().map(|p| p.id).collect();
    for (n, item) in file.programme.iter_mut().enumerate() {
        // Each person in about 200 items; a staff member responsible.
        item.attendees = (0..10).map(|k| ids[(n * 7 + k * 53) % ids.len()]).collect();
        item.responsible = vec![ids[(n * 25 + 1) % ids.len()]];
        if n % 3 == 0 {
            item.notes = "请各位代表于上午九点前在酒店大堂集合，统一乘车前往市政厅。Treffpunkt: Foyer, 08:45."
                .into();
        }
        // Every fifth item in Luzhou.
        if n % 5 == 0
            && let Schedule::Timed { start, end } = &mut item.schedule
        {
            start.zone = Shanghai;
            end.zone = Shanghai;
        }
    }
    file
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let file = visit();
    let options = Options {
        stamp: Utc.with_ymd_and_hms(2027, 3, 1, 8, 0, 0).unwrap(),
        langs: vec![Lang::De, Lang::Zh],
        reminder_minutes: Some(30),
        edition: dplan_core::Edition::Internal,
        tentative: false,
        refresh_minutes: None,
        names: true,
        takebacks_only: false,
    };

    let view_time = median(
        (0..5)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(VisitView::new(&file));
                t.elapsed()
            })
            .collect(),
    );
    let view = VisitView::new(&file);
    let mut text = String::new();
    let whole = median(
        (0..9)
            .map(|_| {
                let t = Instant::now();
                text = export(&view, Scope::Visit, &options).expect("exports");
                t.elapsed()
            })
            .collect(),
    );
    let events = text.matches("\r\nBEGIN:VEVENT\r\n").count();

    let per_person = median(
        (0..3)
            .map(|_| {
                let t = Instant::now();
                let mut bytes = 0;
                for p in &view.participants {
                    bytes += export(&view, Scope::Participant(p.person_id), &options)
                        .map(|s| s.len())
                        .unwrap_or(0);
                }
                std::hint::black_box(bytes);
                t.elapsed()
            })
            .collect(),
    );

    println!(
        "dplan-ics export, {ITEMS} items, {PARTICIPANTS} participants, languages de+zh, reminders"
    );
    println!(
        "  VisitView::new (store's file → view):   {:8.1} ms",
        ms(view_time)
    );
    println!(
        "  whole visit, one file:                  {:8.1} ms  ({events} events, {:.1} MB)   target < 50 ms",
        ms(whole),
        text.len() as f64 / 1e6
    );
    println!(
        "  one file per participant ({PARTICIPANTS} files):   {:8.1} ms  ({:.2} ms per file)",
        ms(per_person),
        ms(per_person) / PARTICIPANTS as f64
    );

    python_comparison(&text, whole);
}

/// The same events written by Python's icalendar package, timed by the
/// script itself (building the calendar and `to_ical()`, not reading JSON).
fn python_comparison(text: &str, ours: Duration) {
    let unfolded = text.replace("\r\n ", "");
    let mut events = Vec::new();
    for block in unfolded.split("\r\nBEGIN:VEVENT\r\n").skip(1) {
        let mut e = serde_json::Map::new();
        for line in block.split("\r\n") {
            if line == "END:VEVENT" || line == "BEGIN:VALARM" {
                break;
            }
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let (name, tzid) = match key.split_once(";TZID=") {
                Some((n, z)) => (n, Some(z)),
                None => (key.split(';').next().unwrap_or(key), None),
            };
            let unescaped = value
                .replace("\\n", "\n")
                .replace("\\,", ",")
                .replace("\\;", ";")
                .replace("\\\\", "\\");
            e.insert(name.to_lowercase(), unescaped.into());
            if let Some(z) = tzid {
                e.insert(format!("{}_tzid", name.to_lowercase()), z.into());
            }
        }
        events.push(serde_json::Value::Object(e));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let json = dir.path().join("events.json");
    std::fs::write(&json, serde_json::to_vec(&events).expect("json")).expect("write");
    let script =
        std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
            .join("benches/icalendar_bench.py");
    // Debian's python3-icalendar lives with the system Python.
    let python = if std::path::Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    };
    match Command::new(python).arg(script).arg(&json).output() {
        Ok(out) if out.status.success() => {
            let report = String::from_utf8_lossy(&out.stdout);
            let python_ms: f64 = report
                .lines()
                .find_map(|l| l.strip_prefix("median_ms "))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(f64::NAN);
            let version = report
                .lines()
                .find_map(|l| l.strip_prefix("version "))
                .unwrap_or("?");
            println!(
                "  Python icalendar {version}, same {} events:  {python_ms:8.1} ms",
                events.len()
            );
            println!(
                "  ratio: {:.1}× faster                      target ≥ 20×",
                python_ms / ms(ours)
            );
        }
        Ok(out) => println!(
            "  Python comparison failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ),
        Err(e) => println!(
            "  Python comparison not run ({python}: {e}); .ci/setup installs python3-icalendar"
        ),
    }
}
