//! `VTIMEZONE` components generated from the time-zone database ([`dplan_core::tz`])
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
//! (iCalcreator#86, #106). Every zone starts with an observance for the
//! offset in force before the first change (from 1601, as Outlook writes
//! it), so that no time of the export falls before all observances (where
//! readers disagree); a zone without changes (Asia/Shanghai) has only that
//! one.
//!
//! Outlook keeps only the latest `STANDARD`/`DAYLIGHT` pair of a zone and
//! applies it to every year. [`Zone::outlook_agrees`] says whether that
//! reading gives the true offset at an instant; where it does not (a zone
//! whose rules changed within the export: Asia/Almaty in 2024, the United
//! States in 2007), the event is written in UTC instead.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc, Weekday};
use dplan_core::Tz;
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
        dst: o.dst(),
        name: match o.abbreviation() {
            "" => utc_offset(offset),
            a => a.to_string(),
        },
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

/// A yearly change as a `BYMONTH`/`BYDAY` rule reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Yearly {
    month: u32,
    week: i8,
    weekday: Weekday,
    time: chrono::NaiveTime,
    /// Offset before and after, in seconds east of UTC.
    from: i32,
    to: i32,
}

impl Yearly {
    fn of(c: &Change) -> Yearly {
        let onset = c.onset();
        Yearly {
            month: onset.month(),
            week: week_of_month(onset.date()),
            weekday: onset.weekday(),
            time: onset.time(),
            from: c.from,
            to: c.to.offset,
        }
    }

    /// When the rule's change happens in `year`, in UTC seconds.
    fn onset_in(&self, year: i32) -> Option<i64> {
        let first = NaiveDate::from_ymd_opt(year, self.month, 1)?;
        let day = if self.week > 0 {
            let ahead = (7 + self.weekday.num_days_from_monday()
                - first.weekday().num_days_from_monday())
                % 7;
            first + chrono::Duration::days(i64::from(ahead) + 7 * (i64::from(self.week) - 1))
        } else {
            let next = if self.month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, self.month + 1, 1)?
            };
            let last = next.pred_opt()?;
            let back = (7 + last.weekday().num_days_from_monday()
                - self.weekday.num_days_from_monday())
                % 7;
            last - chrono::Duration::days(i64::from(back))
        };
        Some(day.and_time(self.time).and_utc().timestamp() - i64::from(self.from))
    }
}

/// A zone over the years of one export: its observances, and the latest
/// standard and daylight rules, which are all Outlook reads.
pub(crate) struct Zone {
    tz: Tz,
    rules: Vec<Rule>,
    latest_standard: Option<Yearly>,
    latest_daylight: Option<Yearly>,
    /// The offset of a zone without changes.
    constant: Option<i32>,
}

impl Zone {
    /// `tz` for an export whose items lie in `first_year..=last_year`; the
    /// year before is included, so that the first item's observance began
    /// before it.
    pub(crate) fn new(tz: Tz, first_year: i32, last_year: i32) -> Zone {
        let (initial, changes) = changes(tz, first_year - 1, last_year);
        let latest = |dst: bool| {
            changes
                .iter()
                .rev()
                .find(|c| c.to.dst == dst)
                .map(Yearly::of)
        };
        Zone {
            tz,
            rules: rules_of(&initial, &changes, last_year),
            latest_standard: latest(false),
            latest_daylight: latest(true),
            constant: changes.is_empty().then_some(initial.offset),
        }
    }

    /// The offset Outlook gives the instant `utc` (seconds since the epoch)
    /// from the zone's latest standard and daylight rules alone.
    fn outlook_offset(&self, utc: i64) -> Option<i32> {
        if let Some(offset) = self.constant {
            return Some(offset);
        }
        match (self.latest_standard, self.latest_daylight) {
            (Some(s), Some(d)) => {
                let year = DateTime::from_timestamp(utc, 0)?.year();
                let (ds, ss) = (d.onset_in(year)?, s.onset_in(year)?);
                let dst = if ds < ss {
                    ds <= utc && utc < ss
                } else {
                    !(ss <= utc && utc < ds)
                };
                Some(if dst { d.to } else { s.to })
            }
            (Some(only), None) | (None, Some(only)) => Some(only.to),
            (None, None) => None,
        }
    }

    /// Whether Outlook, reading only the latest rules, gives `utc` the
    /// zone's true offset.
    pub(crate) fn outlook_agrees(&self, utc: DateTime<Utc>) -> bool {
        let truth = self
            .tz
            .offset_from_utc_datetime(&utc.naive_utc())
            .fix()
            .local_minus_utc();
        self.outlook_offset(utc.timestamp()) == Some(truth)
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

/// The observances of `tz` for the years `first_year..=last_year` (the
/// caller includes the year before the export's first).
#[cfg(test)]
pub(crate) fn rules(tz: Tz, first_year: i32, last_year: i32) -> Vec<Rule> {
    let (initial, changes) = changes(tz, first_year, last_year);
    rules_of(&initial, &changes, last_year)
}

/// The observance in force before the first change, then one observance
/// per run of changes that share a yearly rule.
fn rules_of(initial: &Observance, changes: &[Change], last_year: i32) -> Vec<Rule> {
    let offset = utc_offset(initial.offset);
    let before = Rule {
        dst: initial.dst,
        start: "16010101T000000".into(),
        from: offset.clone(),
        to: offset,
        name: initial.name.clone(),
        rrule: None,
    };
    // Runs of changes in consecutive years that share one rule.
    let mut runs: Vec<Vec<&Change>> = Vec::new();
    for c in changes {
        let year = c.onset().year();
        match runs.iter_mut().find(|r| {
            let last = r[r.len() - 1];
            last.rule() == c.rule() && last.onset().year() + 1 == year
        }) {
            Some(run) => run.push(c),
            None => runs.push(vec![c]),
        }
    }
    let runs = runs.iter().map(|run| {
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
    });
    std::iter::once(before).chain(runs).collect()
}

impl Zone {
    /// The zone's `VTIMEZONE`.
    pub(crate) fn vtimezone(&self) -> ics::TimeZone<'static> {
        vtimezone(self.tz, &self.rules)
    }
}

fn vtimezone(tz: Tz, rules: &[Rule]) -> ics::TimeZone<'static> {
    let mut zone: Option<ics::TimeZone<'static>> = None;
    let tzid = crate::fold::param(tz.name()).into_owned();
    for r in rules.iter().cloned() {
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
    use dplan_core::tz::{
        America::New_York, America::Santiago, Asia::Almaty, Asia::Shanghai, Australia::Sydney,
        Europe::Berlin,
    };

    #[test]
    fn berlin_has_last_sunday_rules_from_the_year_before() {
        let rules = rules(Berlin, 2026, 2027);
        assert_eq!(
            rules,
            vec![
                Rule {
                    dst: false,
                    start: "16010101T000000".into(),
                    from: "+0100".into(),
                    to: "+0100".into(),
                    name: "CET".into(),
                    rrule: None,
                },
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
                start: "16010101T000000".into(),
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
    fn almaty_2024_has_its_old_offset_before_the_change_and_is_not_for_outlook() {
        // Kazakhstan moved Almaty from +06 to +05 on 1 March 2024.
        let rules = rules(Almaty, 2023, 2024);
        assert_eq!(rules[0].start, "16010101T000000");
        assert_eq!(
            (rules[0].from.as_str(), rules[0].to.as_str()),
            ("+0600", "+0600")
        );
        assert_eq!(rules.len(), 2, "{rules:#?}");
        assert_eq!(
            (rules[1].from.as_str(), rules[1].to.as_str()),
            ("+0600", "+0500")
        );
        let zone = Zone::new(Almaty, 2024, 2024);
        let at = |m, d| Utc.with_ymd_and_hms(2024, m, d, 6, 0, 0).unwrap();
        // Outlook reads only the latest rule (+05): January would be an hour off.
        assert!(!zone.outlook_agrees(at(1, 15)));
        assert!(zone.outlook_agrees(at(3, 15)));
    }

    #[test]
    fn new_york_across_2007_is_right_for_outlook_only_under_the_new_rules() {
        let zone = Zone::new(New_York, 2006, 2007);
        let at = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 16, 0, 0).unwrap();
        // 2006: daylight time began on 2 April and ended on 29 October; the
        // 2007 rules (second Sunday of March, first Sunday of November)
        // put 20 March and 31 October 2006 in daylight time.
        assert!(!zone.outlook_agrees(at(2006, 3, 20)));
        assert!(!zone.outlook_agrees(at(2006, 10, 31)));
        assert!(zone.outlook_agrees(at(2006, 7, 1)));
        assert!(zone.outlook_agrees(at(2006, 1, 10)));
        for (m, d) in [(3, 20), (7, 1), (10, 31), (11, 20)] {
            assert!(zone.outlook_agrees(at(2007, m, d)), "2007-{m}-{d}");
        }
    }

    #[test]
    fn outlook_agrees_with_steady_rules_around_the_year() {
        for tz in [Berlin, Shanghai, Sydney, Santiago] {
            let zone = Zone::new(tz, 2027, 2027);
            for day in (0..365).step_by(3) {
                let t = Utc.with_ymd_and_hms(2027, 1, 1, 11, 0, 0).unwrap()
                    + chrono::Duration::days(day);
                assert!(zone.outlook_agrees(t), "{tz} {t}");
            }
        }
    }

    #[test]
    fn offsets_are_written_with_sign_and_minutes() {
        assert_eq!(utc_offset(3600), "+0100");
        assert_eq!(utc_offset(-12_600), "-0330");
        assert_eq!(utc_offset(8 * 3600), "+0800");
        assert_eq!(utc_offset(4075), "+010755");
    }
}
