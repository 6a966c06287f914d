//! Exports read back by a parser this project did not write (the
//! `icalendar` crate's), golden files with the clock injected, and the rules
//! every file keeps. `icaljs.rs` reads the same files with Mozilla's ical.js.

mod cases;
mod feeds;
mod icaljs;
mod rules;
mod zones;

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use dplan_core::tz::Tz;
use dplan_core::view::VisitView;
use dplan_ics::{Options, Scope, export};

/// What an independent parser says one event is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub uid: String,
    pub sequence: u32,
    pub status: String,
    pub summary: String,
    pub description: String,
    pub location: Option<String>,
    /// UTC for timed events; midnight UTC of the date for all-day ones.
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub all_day: bool,
}

fn instant(prop: &icalendar::parser::Property<'_>) -> (DateTime<Utc>, bool) {
    let val = prop.val.as_str();
    let param = |k: &str| {
        prop.params
            .iter()
            .find(|p| p.key.as_str() == k)
            .and_then(|p| {
                p.val
                    .as_ref()
                    .map(|v| v.as_str().trim_matches('"').to_string())
            })
    };
    if param("VALUE").as_deref() == Some("DATE") {
        let d = NaiveDate::parse_from_str(val, "%Y%m%d").expect("DATE value");
        return (d.and_hms_opt(0, 0, 0).unwrap().and_utc(), true);
    }
    if let Some(utc) = val.strip_suffix('Z') {
        let t = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").expect("UTC value");
        return (t.and_utc(), false);
    }
    let tzid = param("TZID").unwrap_or_else(|| panic!("floating time {val}"));
    let tz: Tz = tzid.parse().expect("TZID names an IANA zone");
    let local = NaiveDateTime::parse_from_str(val, "%Y%m%dT%H%M%S").expect("local value");
    // RFC 5545 3.3.5: a repeated local time means its first occurrence.
    let t = tz
        .from_local_datetime(&local)
        .earliest()
        .expect("local time exists");
    (t.with_timezone(&Utc), false)
}

/// Reads an export with the `icalendar` crate's parser.
pub fn parse(text: &str) -> (HashMap<String, String>, Vec<Parsed>) {
    let unfolded = icalendar::parser::unfold(text);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("the icalendar crate reads it");
    let props = cal
        .properties
        .iter()
        .map(|p| (p.name.as_str().to_string(), p.val.as_str().to_string()))
        .collect();
    let events = cal
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|c| {
            let get = |k: &str| {
                c.find_prop(k)
                    .map(|p| p.val.clone().unescape_text().as_str().to_string())
            };
            let (start, all_day) = instant(c.find_prop("DTSTART").expect("DTSTART"));
            let (end, _) = instant(c.find_prop("DTEND").expect("DTEND"));
            Parsed {
                uid: get("UID").expect("UID"),
                sequence: get("SEQUENCE").expect("SEQUENCE").parse().unwrap(),
                status: get("STATUS").expect("STATUS"),
                summary: get("SUMMARY").expect("SUMMARY"),
                description: get("DESCRIPTION").unwrap_or_default(),
                location: get("LOCATION"),
                start,
                end,
                all_day,
            }
        })
        .collect();
    (props, events)
}

/// Every event's UTC start and end equal the view's, and each item is there
/// once under its id.
pub fn assert_times_match(view: &VisitView, events: &[Parsed]) {
    for e in events {
        let item = view
            .programme
            .iter()
            .find(|i| i.id.to_string() == e.uid)
            .unwrap_or_else(|| panic!("UID {} is an item's id", e.uid));
        if e.all_day {
            let (first, last) = (item.schedule.first_day(), item.schedule.last_day());
            assert_eq!(e.start.date_naive(), first, "{}", e.summary);
            assert_eq!(
                e.end.date_naive(),
                last.succ_opt().unwrap(),
                "exclusive end: {}",
                e.summary
            );
        } else {
            assert_eq!(Some(e.start), item.start_utc, "start of {}", e.summary);
            assert_eq!(Some(e.end), item.end_utc, "end of {}", e.summary);
        }
        assert_eq!(e.sequence, item.revision);
    }
    let mut uids: Vec<_> = events.iter().map(|e| &e.uid).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), events.len(), "each item once");
}

pub fn stamp() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, 1, 8, 0, 0).unwrap()
}

pub fn options(langs: &[dplan_core::Lang]) -> Options {
    Options {
        stamp: stamp(),
        langs: langs.to_vec(),
        reminder_minutes: None,
        edition: dplan_core::Edition::Internal,
        tentative: false,
        refresh_minutes: None,
        names: true,
        takebacks_only: false,
    }
}

/// The crate's folder, from where cargo runs the tests (not where it built
/// them: a shared target directory may have built them in another checkout).
pub fn crate_dir() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
}

pub fn golden_dir() -> PathBuf {
    crate_dir().join("tests/golden")
}

/// Compares with the committed golden file; a stale one is rewritten and
/// the test fails, so a reviewed change is committed with the code.
pub fn golden(name: &str, text: &str) {
    let path = golden_dir().join(name);
    let committed = std::fs::read(&path).unwrap_or_default();
    if committed != text.as_bytes() {
        std::fs::write(&path, text).unwrap();
        panic!(
            "{} was stale and has been rewritten; review and commit it",
            path.display()
        );
    }
}

pub fn demo_view() -> VisitView {
    VisitView::new(&dplan_core::demo::visits(dplan_core::demo::stamp())[0])
}

pub fn export_ok(view: &VisitView, scope: Scope, options: &Options) -> String {
    export(view, scope, options).expect("exports")
}
