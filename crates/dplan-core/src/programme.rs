//! The programme of a visit.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    Invalid, ItemId, PersonId, Problem, VenueId, VisitId, ZonedLocal,
    validate::{Checker, LINE_MAX},
};

/// Longest flight or train number: "LH 2011", "ICE 125", with room for a
/// code-share ("CA 931 / LH 7370").
const TRANSPORT_MAX: usize = 40;

/// Longest timed item (a long-haul flight with a stop-over fits).
pub const MAX_ITEM_HOURS: i64 = 48;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Reception,
    Meeting,
    Meal,
    Visit,
    Signing,
    Press,
    Transfer,
    Flight,
    Hotel,
    FreeTime,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    Tentative,
    Confirmed,
    Cancelled,
}

/// When an item happens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Schedule {
    /// From a local time to a local time; the end may be in another zone
    /// (a flight from Frankfurt landing in Chengdu).
    Timed { start: ZonedLocal, end: ZonedLocal },
    /// Whole days, first and last included (a hotel stay, a free day).
    AllDay {
        first_day: NaiveDate,
        last_day: NaiveDate,
    },
}

impl Schedule {
    /// The same schedule whole days later (earlier for negative `days`),
    /// at the same local times in the same zones: 10:00 stays 10:00, and
    /// the first or second 02:30 of a night the clocks go back stays the
    /// one it was. `None` when a date would leave the calendar.
    pub fn moved_by_days(&self, days: i64) -> Option<Schedule> {
        let delta = chrono::Duration::try_days(days)?;
        let day = |d: NaiveDate| d.checked_add_signed(delta);
        Some(match self {
            Schedule::Timed { start, end } => Schedule::Timed {
                start: start.moved_by(delta)?,
                end: end.moved_by(delta)?,
            },
            Schedule::AllDay {
                first_day,
                last_day,
            } => Schedule::AllDay {
                first_day: day(*first_day)?,
                last_day: day(*last_day)?,
            },
        })
    }

    /// The UTC span, for timed items whose times exist.
    pub fn utc_span(&self) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        match self {
            Schedule::Timed { start, end } => Some((start.utc().ok()?, end.utc().ok()?)),
            Schedule::AllDay { .. } => None,
        }
    }

    /// The local day the item starts on.
    pub fn first_day(&self) -> NaiveDate {
        match self {
            Schedule::Timed { start, .. } => start.local.date(),
            Schedule::AllDay { first_day, .. } => *first_day,
        }
    }

    /// The local day the item ends on.
    pub fn last_day(&self) -> NaiveDate {
        match self {
            Schedule::Timed { end, .. } => end.local.date(),
            Schedule::AllDay { last_day, .. } => *last_day,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProgrammeItem {
    /// Stable for the item's whole life; calendar exports use it as `UID`.
    pub id: ItemId,
    pub visit_id: VisitId,
    pub title: crate::Texts,
    pub kind: ItemKind,
    pub schedule: Schedule,
    #[serde(default)]
    pub venue_id: Option<VenueId>,
    /// Who attends, in no particular order (lists are shown in precedence).
    #[serde(default)]
    pub attendees: Vec<PersonId>,
    /// Staff responsible for the item.
    #[serde(default)]
    pub responsible: Vec<PersonId>,
    /// Internal notes for the protocol office: never printed in a guest
    /// edition, never in a calendar made for a guest.
    #[serde(default)]
    pub notes: String,
    /// Notes for the guests, shown in guest copies; empty when there are none.
    #[serde(default)]
    #[ts(optional, as = "Option<crate::Texts>")]
    pub guest_notes: crate::Texts,
    /// What to wear ("Dunkler Anzug"); empty when nothing is asked.
    #[serde(default)]
    #[ts(optional, as = "Option<crate::Texts>")]
    pub dress_code: crate::Texts,
    /// The flight or train number of a journey ("3U 8792", "ICE 125"),
    /// printed with the item and carried into calendars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub transport: Option<String>,
    pub status: ItemStatus,
    /// Rises whenever the time, venue or status changes; calendar exports
    /// use it as `SEQUENCE` so that calendars replace the old entry.
    #[serde(default)]
    pub revision: u32,
}

impl ProgrammeItem {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::default();
        c.texts("title", &self.title, LINE_MAX, true);
        c.texts("dress_code", &self.dress_code, LINE_MAX, false);
        c.optional_line("transport", &self.transport, TRANSPORT_MAX);
        match &self.schedule {
            Schedule::Timed { start, end } => {
                let s = c.zoned("start", start);
                let e = c.zoned("end", end);
                if let (Some(s), Some(e)) = (s, e) {
                    if e <= s {
                        c.push("end", Problem::EndNotAfterStart);
                    } else if (e - s).num_hours() > MAX_ITEM_HOURS {
                        c.push(
                            "end",
                            Problem::ItemTooLong {
                                hours: MAX_ITEM_HOURS,
                            },
                        );
                    }
                }
            }
            Schedule::AllDay {
                first_day,
                last_day,
            } => {
                let in_window = c.date("first_day", *first_day) & c.date("last_day", *last_day);
                if !in_window {
                    // The span of dates out of range means nothing.
                } else if last_day < first_day {
                    c.push("last_day", Problem::LastDayBeforeFirstDay);
                } else if (*last_day - *first_day).num_days() >= crate::visit::MAX_VISIT_DAYS {
                    c.push(
                        "last_day",
                        Problem::AllDayItemTooLong {
                            days: crate::visit::MAX_VISIT_DAYS,
                        },
                    );
                }
            }
        }
        for (field, ids) in [
            ("attendees", &self.attendees),
            ("responsible", &self.responsible),
        ] {
            let mut seen = std::collections::HashSet::new();
            for (i, id) in ids.iter().enumerate() {
                if !seen.insert(id) {
                    c.push(format!("{field}[{i}]"), Problem::SamePersonTwice);
                }
            }
        }
        c.note("notes", &self.notes);
        c.note_texts("guest_notes", &self.guest_notes);
        c.finish()
    }

    /// Whether a change from `old` to `self` is one a calendar must see:
    /// time, zone, venue or status. Such a change raises the revision.
    pub fn calendar_change_from(&self, old: &ProgrammeItem) -> bool {
        self.schedule != old.schedule || self.venue_id != old.venue_id || self.status != old.status
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Texts;
    use crate::tz::{Asia::Shanghai, Europe::Berlin};

    fn item(start: &str, sz: crate::tz::Tz, end: &str, ez: crate::tz::Tz) -> ProgrammeItem {
        ProgrammeItem {
            id: ItemId::derived("i"),
            visit_id: VisitId::derived("v"),
            title: Texts::de("Flug"),
            kind: ItemKind::Flight,
            schedule: Schedule::Timed {
                start: ZonedLocal::parse(start, sz).unwrap(),
                end: ZonedLocal::parse(end, ez).unwrap(),
            },
            venue_id: None,
            attendees: vec![],
            responsible: vec![],
            notes: String::new(),
            guest_notes: Texts::default(),
            dress_code: Texts::default(),
            transport: None,
            status: ItemStatus::Confirmed,
            revision: 0,
        }
    }

    #[test]
    fn moving_by_whole_days_keeps_local_times_and_which_of_two_occurrences() {
        let mut i = item("2027-10-31T02:30", Berlin, "2027-10-31T03:30", Berlin);
        if let Schedule::Timed { start, .. } = &mut i.schedule {
            start.occurrence = Some(crate::time::Occurrence::Second);
        }
        let moved = i.schedule.moved_by_days(7).unwrap();
        let Schedule::Timed { start, end } = &moved else {
            panic!("timed")
        };
        assert_eq!(start.local.to_string(), "2027-11-07 02:30:00");
        assert_eq!(start.occurrence, Some(crate::time::Occurrence::Second));
        assert_eq!(end.local.to_string(), "2027-11-07 03:30:00");
        assert_eq!(moved.moved_by_days(-7).unwrap(), i.schedule);
        let days = Schedule::AllDay {
            first_day: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
            last_day: NaiveDate::from_ymd_opt(2027, 3, 2).unwrap(),
        };
        assert_eq!(
            days.moved_by_days(-1).unwrap().first_day().to_string(),
            "2027-02-28"
        );
        assert_eq!(i.schedule.moved_by_days(i64::MAX), None);
    }

    #[test]
    fn a_flight_may_end_in_another_zone_across_midnight() {
        // Chengdu 01:30 CST is 17:30 UTC the day before; Frankfurt 06:40 CEST is 04:40 UTC.
        let i = item("2027-05-22T01:30", Shanghai, "2027-05-22T06:40", Berlin);
        assert_eq!(i.validate(), Ok(()));
        let (s, e) = i.schedule.utc_span().unwrap();
        assert_eq!((e - s).num_minutes(), 11 * 60 + 10);
    }

    #[test]
    fn end_before_start_is_named() {
        let i = item("2027-03-25T10:00", Berlin, "2027-03-25T09:00", Berlin);
        assert_eq!(
            i.validate().unwrap_err().to_string(),
            "end: must be after the start"
        );
        // 10:00 in Shanghai is 03:00 in Berlin: same local digits, earlier instant.
        let i = item("2027-03-25T10:00", Berlin, "2027-03-25T10:00", Shanghai);
        assert_eq!(
            i.validate().unwrap_err().to_string(),
            "end: must be after the start"
        );
    }

    #[test]
    fn a_time_in_the_gap_is_refused_on_its_field() {
        let i = item("2027-03-28T02:30", Berlin, "2027-03-28T04:00", Berlin);
        let err = i.validate().unwrap_err();
        assert_eq!(err.errors[0].field, "start");
        assert!(
            err.errors[0]
                .reason
                .contains("does not exist in Europe/Berlin")
        );
    }

    #[test]
    fn only_calendar_relevant_changes_count() {
        let a = item("2027-03-25T10:00", Berlin, "2027-03-25T11:00", Berlin);
        let mut b = a.clone();
        b.notes = "neu".into();
        b.title = Texts::de("Anderer Titel");
        assert!(!b.calendar_change_from(&a));
        b.status = ItemStatus::Cancelled;
        assert!(b.calendar_change_from(&a));
    }
}
