//! Every local time an export writes, read back through the file's own
//! `VTIMEZONE` the way RFC 5545 reads it and the way Outlook does (only the
//! latest `STANDARD`/`DAYLIGHT` pair, applied to every year), must be the
//! instant the tz database gives. Checked for the demo, the clock-change
//! cases, zones whose rules changed (Asia/Almaty 2024, New York 2006/2007)
//! and every zone the tz database knows.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use dplan_core::tz::{Asia::Almaty, Tz};
use dplan_core::view::VisitView;
use dplan_core::{ItemId, Lang, Schedule, VisitFile, ZonedLocal, demo};
use dplan_ics::Scope;

use crate::{export_ok, options};

/// One `STANDARD` or `DAYLIGHT` observance.
#[derive(Clone, Debug)]
struct Obs {
    daylight: bool,
    start: NaiveDateTime,
    from: i64,
    to: i64,
    /// `BYMONTH`, `BYDAY` week (-1 = last) and weekday, `UNTIL`.
    rule: Option<(u32, i64, Weekday, Option<DateTime<Utc>>)>,
}

fn offset(v: &str) -> i64 {
    let sign = if v.starts_with('-') { -1 } else { 1 };
    let d = &v[1..];
    let h: i64 = d[0..2].parse().unwrap();
    let m: i64 = d[2..4].parse().unwrap();
    let s: i64 = d.get(4..6).map_or(0, |s| s.parse().unwrap());
    sign * (h * 3600 + m * 60 + s)
}

fn weekday(code: &str) -> Weekday {
    match code {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => panic!("weekday {code}"),
    }
}

/// The `VTIMEZONE`s of a file by `TZID`.
fn zones(text: &str) -> Vec<(String, Vec<Obs>)> {
    let unfolded = text.replace("\r\n ", "");
    let mut out: Vec<(String, Vec<Obs>)> = Vec::new();
    let mut current: Option<Obs> = None;
    for line in unfolded.split("\r\n") {
        let (key, value) = line.split_once(':').unwrap_or((line, ""));
        match (key, value) {
            ("BEGIN", "VTIMEZONE") => out.push((String::new(), vec![])),
            ("TZID", id) => out.last_mut().unwrap().0 = id.to_string(),
            ("BEGIN", "STANDARD" | "DAYLIGHT") => {
                current = Some(Obs {
                    daylight: value == "DAYLIGHT",
                    start: NaiveDateTime::default(),
                    from: 0,
                    to: 0,
                    rule: None,
                })
            }
            ("DTSTART", v) if current.is_some() => {
                current.as_mut().unwrap().start =
                    NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S").unwrap()
            }
            ("TZOFFSETFROM", v) if current.is_some() => current.as_mut().unwrap().from = offset(v),
            ("TZOFFSETTO", v) if current.is_some() => current.as_mut().unwrap().to = offset(v),
            ("RRULE", v) if current.is_some() => {
                let part = |k: &str| {
                    v.split(';')
                        .find_map(|p| p.strip_prefix(&format!("{k}=")))
                        .map(str::to_string)
                };
                assert_eq!(part("FREQ").as_deref(), Some("YEARLY"), "{v}");
                let byday = part("BYDAY").unwrap();
                let (n, wd) = byday.split_at(byday.len() - 2);
                let until = part("UNTIL").map(|u| {
                    NaiveDateTime::parse_from_str(u.trim_end_matches('Z'), "%Y%m%dT%H%M%S")
                        .unwrap()
                        .and_utc()
                });
                current.as_mut().unwrap().rule = Some((
                    part("BYMONTH").unwrap().parse().unwrap(),
                    n.parse().unwrap(),
                    weekday(wd),
                    until,
                ));
            }
            ("END", "STANDARD" | "DAYLIGHT") => {
                out.last_mut().unwrap().1.push(current.take().unwrap());
            }
            _ => {}
        }
    }
    out
}

/// The day of `year` a `BYMONTH`/`BYDAY` rule names.
fn rule_day(year: i32, month: u32, week: i64, wd: Weekday) -> NaiveDate {
    if week > 0 {
        NaiveDate::from_weekday_of_month_opt(year, month, wd, week as u8).unwrap()
    } else {
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        }
        .unwrap();
        let mut d = next.pred_opt().unwrap();
        while d.weekday() != wd {
            d = d.pred_opt().unwrap();
        }
        d
    }
}

/// Every onset of an observance up to `year`, in UTC seconds.
fn onsets(o: &Obs, year: i32) -> Vec<i64> {
    let utc = |local: NaiveDateTime| local.and_utc().timestamp() - o.from;
    match o.rule {
        None => vec![utc(o.start)],
        Some((month, week, wd, until)) => (o.start.year()..=year)
            .map(|y| utc(rule_day(y, month, week, wd).and_time(o.start.time())))
            .filter(|t| *t >= utc(o.start))
            .filter(|t| until.is_none_or(|u| *t <= u.timestamp()))
            .collect(),
    }
}

/// RFC 5545: the observance with the latest onset at or before the
/// instant is in force. A local time is the instant whose offset that
/// observance gives; of two, the first.
fn rfc_instant(obs: &[Obs], local: NaiveDateTime) -> Option<i64> {
    let mut candidates: Vec<i64> = obs.iter().map(|o| o.to).collect();
    candidates.sort_by(|a, b| b.cmp(a));
    candidates.dedup();
    candidates.into_iter().find_map(|off| {
        let t = local.and_utc().timestamp() - off;
        let in_force = obs
            .iter()
            .flat_map(|o| {
                onsets(o, local.year() + 1)
                    .into_iter()
                    .map(move |s| (s, o.to))
            })
            .filter(|(s, _)| *s <= t)
            .max_by_key(|(s, _)| *s)?;
        (in_force.1 == off).then_some(t)
    })
}

/// Outlook: only the latest `STANDARD` and `DAYLIGHT` (by `DTSTART`),
/// their yearly rules applied to the local time's year.
fn outlook_instant(obs: &[Obs], local: NaiveDateTime) -> i64 {
    let latest = |daylight: bool| {
        obs.iter()
            .filter(|o| o.daylight == daylight)
            .max_by_key(|o| o.start)
    };
    let off = match (latest(false), latest(true)) {
        (Some(s), Some(d)) => {
            let (Some((sm, sw, swd, _)), Some((dm, dw, dwd, _))) = (s.rule, d.rule) else {
                panic!("Outlook needs yearly rules: {obs:?}")
            };
            let y = local.year();
            let ds = rule_day(y, dm, dw, dwd).and_time(d.start.time());
            let ss = rule_day(y, sm, sw, swd).and_time(s.start.time());
            let dst = if ds < ss {
                ds <= local && local < ss
            } else {
                !(ss <= local && local < ds)
            };
            if dst { d.to } else { s.to }
        }
        (Some(only), None) | (None, Some(only)) => only.to,
        (None, None) => panic!("no observance"),
    };
    local.and_utc().timestamp() - off
}

/// Checks every `DTSTART`/`DTEND` with a `TZID` in `text`; returns how many.
fn check_file(text: &str) -> usize {
    let zones = zones(text);
    let unfolded = text.replace("\r\n ", "");
    let mut checked = 0;
    for line in unfolded.split("\r\n") {
        let Some(rest) = line
            .strip_prefix("DTSTART;TZID=")
            .or_else(|| line.strip_prefix("DTEND;TZID="))
        else {
            continue;
        };
        let (tzid, value) = rest.split_once(':').unwrap();
        let tzid = tzid.trim_matches('"');
        let local = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").unwrap();
        let tz: Tz = tzid.parse().unwrap();
        let truth = tz
            .from_local_datetime(&local)
            .earliest()
            .expect("an existing local time")
            .timestamp();
        let obs = &zones
            .iter()
            .find(|(id, _)| id == tzid)
            .unwrap_or_else(|| panic!("no VTIMEZONE {tzid}"))
            .1;
        assert_eq!(
            rfc_instant(obs, local),
            Some(truth),
            "RFC reading of {tzid} {local}"
        );
        assert_eq!(
            outlook_instant(obs, local),
            truth,
            "Outlook reading of {tzid} {local}"
        );
        checked += 1;
    }
    checked
}

/// The demo visit with one hour-long item at noon local time on each day.
fn visit_on(days: &[(Tz, NaiveDate)]) -> VisitView {
    let mut f: VisitFile = demo::visits(demo::stamp()).remove(0);
    let template = f.programme[1].clone();
    f.programme = days
        .iter()
        .enumerate()
        .filter_map(|(n, (tz, day))| {
            let start = ZonedLocal::parse(&format!("{day}T12:00"), *tz).ok()?;
            let end = ZonedLocal::parse(&format!("{day}T13:00"), *tz).ok()?;
            // A zone that changes its clock at noon: not this day.
            start.utc().ok()?;
            end.utc().ok()?;
            let mut item = template.clone();
            item.id = ItemId::derived(&format!("zones/{n}"));
            item.schedule = Schedule::Timed { start, end };
            item.venue_id = None;
            Some(item)
        })
        .collect();
    f.visit.first_day = days.iter().map(|d| d.1).min().unwrap();
    f.visit.last_day = days.iter().map(|d| d.1).max().unwrap();
    VisitView::new(&f)
}

fn export(view: &VisitView) -> String {
    export_ok(view, Scope::Visit, &options(&[Lang::De]))
}

#[test]
fn the_demo_and_the_clock_change_cases_read_the_same_everywhere() {
    for f in demo::visits(demo::stamp()) {
        assert!(check_file(&export(&VisitView::new(&f))) > 0);
    }
    let cases = VisitView::new(&crate::cases::cases_file());
    check_file(&export(&cases));
}

#[test]
fn almaty_2024_before_and_after_its_change() {
    let days: Vec<(Tz, NaiveDate)> = [(1, 15), (2, 28), (3, 2), (4, 10)]
        .iter()
        .map(|(m, d)| (Almaty, NaiveDate::from_ymd_opt(2024, *m, *d).unwrap()))
        .collect();
    let view = visit_on(&days);
    let text = export(&view);
    check_file(&text);
    // Outlook cannot read January in Almaty's latest rule: that event is in UTC.
    let (_, events) = crate::parse(&text);
    crate::assert_times_match(&view, &events);
    assert!(text.contains("DTSTART:20240115T060000Z"), "{text}");
    assert!(text.contains("DTSTART;TZID=Asia/Almaty:20240410T120000"));
}

#[test]
fn new_york_across_the_2007_rule_change() {
    let ny: Tz = "America/New_York".parse().unwrap();
    let days: Vec<(Tz, NaiveDate)> = [(2006, 3, 20), (2006, 7, 1), (2006, 10, 31), (2007, 3, 20)]
        .iter()
        .map(|(y, m, d)| (ny, NaiveDate::from_ymd_opt(*y, *m, *d).unwrap()))
        .collect();
    let view = visit_on(&days);
    let text = export(&view);
    assert!(check_file(&text) >= 4);
    let (_, events) = crate::parse(&text);
    crate::assert_times_match(&view, &events);
    // 20 March 2006 was still standard time; Outlook's 2007 rule says
    // daylight, so it goes in UTC (12:00 EST = 17:00 UTC).
    assert!(text.contains("DTSTART:20060320T170000Z"), "{text}");
}

#[test]
fn every_zone_of_the_tz_database_reads_the_same_everywhere() {
    let mut checked = 0;
    for tz in dplan_core::tz::all() {
        let days: Vec<(Tz, NaiveDate)> = (0..10)
            .map(|n| {
                let d = NaiveDate::from_ymd_opt(2025, 1, 7).unwrap() + Duration::days(n * 71);
                (tz, d)
            })
            .collect();
        let view = visit_on(&days);
        if view.programme.is_empty() {
            continue;
        }
        checked += check_file(&export(&view));
    }
    assert!(checked > 5_000, "{checked} local times checked");
}
