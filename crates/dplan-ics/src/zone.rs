//! `VTIMEZONE` components generated from the time-zone database (chrono-tz)
//! for the years an export covers.
//!
//! The zone's offset changes in those years (and the year before, so that
//! the first item's time has an observance that began before it) are found
//! by probing the rules once a day and narrowing each change to the second.
//! Changes that follow one yearly rule (the same month, weekday and week of
//! the month, local time and offsets, as "the last Sunday of March at
//! 02:00") become one `DAYLIGHT` or `STANDARD` observance with an `RRULE`,
//! which is the form Outlook reads: it ignores observances listed by
//! `RDATE` and shifts events by an hour when it finds no rule
//! (iCalcreator#86, #106). A zone without changes (Asia/Shanghai) gets one
//! `STANDARD` observance with its constant offset.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc, Weekday};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use ics::properties::{RRule, TzName};
use ics::{Daylight, Standard};

/// The offset in force at an instant: seconds east of UTC, whether it is
/// daylight saving time, and its abbreviation.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Observance {
    offset: i32,
    dst: bool,
    name: String,
}

fn observance(tz: Tz, t: i64) -> Observance {
    let at = DateTime::from_timestamp(t, 0)
        .unwrap_or_default()
        .naive_utc();
    let o = tz.offset_from_utc_datetime(&at);
    let offset = o.fix().local_minus_utc();
    Observance {
        offset,
        dst: !o.dst_offset().is_zero(),
        name: o
            .abbreviation()
            .map(str::to_string)
            .unwrap_or_else(|| utc_offset(offset)),
    }
}

/// One change of a zone's offset.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Change {
    utc: i64,
    from: i32,
    to: Observance,
}

impl Change {
    /// The local time the change happens at, on the clock before it.
    fn onset(&self) -> NaiveDateTime {
        DateTime::from_timestamp(self.utc + i64::from(self.from), 0)
            .unwrap_or_default()
            .naive_utc()
    }

    /// What must stay the same for changes to share one yearly rule.
    fn rule(&self) -> (bool, i32, i32, String, u32, i8, Weekday, chrono::NaiveTime) {
        let onset = self.onset();
        (
            self.to.dst,
            self.from,
            self.to.offset,
            self.to.name.clone(),
            onset.month(),
            week_of_month(onset.date()),
            onset.weekday(),
            onset.time(),
        )
    }
}

/// The week of the month a day is in, as `BYDAY` counts it: -1 for the last
/// such weekday of the month, else 1 to 4.
fn week_of_month(d: NaiveDate) -> i8 {
    let next_month = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    let days_in_month = next_month
        .and_then(|n| n.pred_opt())
        .map_or(31, |last| last.day());
    if d.day() + 7 > days_in_month {
        -1
    } else {
        ((d.day() - 1) / 7 + 1) as i8
    }
}

/// The zone's offset changes from the start of `first_year` to the end of
/// `last_year`. A change and its reversal within one day would be missed;
/// no zone has had one.
fn changes(tz: Tz, first_year: i32, last_year: i32) -> (Observance, Vec<Change>) {
    let year_start = |y: i32| {
        Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0)
            .single()
            .map_or(0, |t| t.timestamp())
    };
    let (start, end) = (year_start(first_year), year_start(last_year + 1));
    let initial = observance(tz, start);
    let mut current = initial.clone();
    let mut out = Vec::new();
    let mut t = start;
    while t < end {
        let next = (t + 86_400).min(end);
        if observance(tz, next) == current {
            t = next;
            continue;
        }
        // The change lies in (t, next]: halve to the second.
        let (mut lo, mut hi) = (t, next);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if observance(tz, mid) == current {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let to = observance(tz, hi);
        out.push(Change {
            utc: hi,
            from: current.offset,
            to: to.clone(),
        });
        current = to;
        t = hi;
    }
    (initial, out)
}

/// `+0100`, `-0330`, or with seconds where the offset has them.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

fn local_stamp(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn weekday_code(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// One observance of a `VTIMEZONE`, before it is handed to the writer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Rule {
    pub dst: bool,
    pub start: String,
    pub from: String,
    pub to: String,
    pub name: String,
    pub rrule: Option<String>,
}

/// The observances of `tz` for the years `first_year..=last_year` of an
/// export (the year before `first_year` is included by the caller).
pub(crate) fn rules(tz: Tz, first_year: i32, last_year: i32) -> Vec<Rule> {
    let (initial, changes) = changes(tz, first_year, last_year);
    if changes.is_empty() {
        let offset = utc_offset(initial.offset);
        return vec![Rule {
            dst: initial.dst,
            start: "19700101T000000".into(),
            from: offset.clone(),
            to: offset,
            name: initial.name,
            rrule: None,
        }];
    }
    // Runs of changes in consecutive years that share one rule.
    let mut runs: Vec<Vec<&Change>> = Vec::new();
    for c in &changes {
        let year = c.onset().year();
        match runs.iter_mut().find(|r| {
            let last = r[r.len() - 1];
            last.rule() == c.rule() && last.onset().year() + 1 == year
        }) {
            Some(run) => run.push(c),
            None => runs.push(vec![c]),
        }
    }
    runs.iter()
        .map(|run| {
            let (first, last) = (run[0], run[run.len() - 1]);
            let onset = first.onset();
            let mut rrule = format!(
                "FREQ=YEARLY;BYMONTH={};BYDAY={}{}",
                onset.month(),
                week_of_month(onset.date()),
                weekday_code(onset.weekday())
            );
            // A rule that stops before the export's last year is bounded; the
            // last one is left open, as calendars expect.
            if last.onset().year() < last_year {
                let until = DateTime::from_timestamp(last.utc, 0).unwrap_or_default();
                rrule.push_str(&format!(";UNTIL={}", until.format("%Y%m%dT%H%M%SZ")));
            }
            Rule {
                dst: first.to.dst,
                start: local_stamp(onset),
                from: utc_offset(first.from),
                to: utc_offset(first.to.offset),
                name: first.to.name.clone(),
                rrule: Some(rrule),
            }
        })
        .collect()
}

/// The `VTIMEZONE` of `tz` for an export whose items lie in
/// `first_year..=last_year`.
pub(crate) fn vtimezone(tz: Tz, first_year: i32, last_year: i32) -> ics::TimeZone<'static> {
    let mut zone: Option<ics::TimeZone<'static>> = None;
    let tzid = crate::fold::param(tz.name()).into_owned();
    for r in rules(tz, first_year - 1, last_year) {
        if r.dst {
            let mut d = Daylight::new(r.start, r.from, r.to);
            d.push(TzName::new(crate::fold::text(&r.name)));
            if let Some(rule) = r.rrule {
                d.push(RRule::new(rule));
            }
            match &mut zone {
                Some(z) => z.add_daylight(d),
                None => zone = Some(ics::TimeZone::daylight(tzid.clone(), d)),
            }
        } else {
            let mut s = Standard::new(r.start, r.from, r.to);
            s.push(TzName::new(crate::fold::text(&r.name)));
            if let Some(rule) = r.rrule {
                s.push(RRule::new(rule));
            }
            match &mut zone {
                Some(z) => z.add_standard(s),
                None => zone = Some(ics::TimeZone::standard(tzid.clone(), s)),
            }
        }
    }
    let mut zone = zone.unwrap_or_else(|| {
        ics::TimeZone::standard(
            tzid.clone(),
            Standard::new("19700101T000000", "+0000", "+0000"),
        )
    });
    zone.push(ics::components::Property::new("X-LIC-LOCATION", tzid));
    zone
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America::New_York, Asia::Shanghai, Europe::Berlin};

    #[test]
    fn berlin_has_last_sunday_rules_from_the_year_before() {
        let rules = rules(Berlin, 2026, 2027);
        assert_eq!(
            rules,
            vec![
                Rule {
                    dst: true,
                    start: "20260329T020000".into(),
                    from: "+0100".into(),
                    to: "+0200".into(),
                    name: "CEST".into(),
                    rrule: Some("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU".into()),
                },
                Rule {
                    dst: false,
                    start: "20261025T030000".into(),
                    from: "+0200".into(),
                    to: "+0100".into(),
                    name: "CET".into(),
                    rrule: Some("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU".into()),
                },
            ]
        );
    }

    #[test]
    fn shanghai_has_one_constant_observance() {
        assert_eq!(
            rules(Shanghai, 2026, 2027),
            vec![Rule {
                dst: false,
                start: "19700101T000000".into(),
                from: "+0800".into(),
                to: "+0800".into(),
                name: "CST".into(),
                rrule: None,
            }]
        );
    }

    #[test]
    fn a_rule_that_changed_is_bounded_by_until() {
        // The United States moved the start of daylight saving time from the
        // first Sunday of April to the second of March in 2007.
        let rules = rules(New_York, 2005, 2008);
        let dst: Vec<_> = rules.iter().filter(|r| r.dst).collect();
        assert_eq!(dst.len(), 2, "{rules:#?}");
        assert_eq!(dst[0].start, "20050403T020000");
        assert_eq!(
            dst[0].rrule.as_deref(),
            Some("FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z")
        );
        assert_eq!(dst[1].start, "20070311T020000");
        assert_eq!(
            dst[1].rrule.as_deref(),
            Some("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU")
        );
    }

    #[test]
    fn offsets_are_written_with_sign_and_minutes() {
        assert_eq!(utc_offset(3600), "+0100");
        assert_eq!(utc_offset(-12_600), "-0330");
        assert_eq!(utc_offset(8 * 3600), "+0800");
        assert_eq!(utc_offset(4075), "+010755");
    }
}
