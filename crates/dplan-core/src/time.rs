//! Local time in an IANA zone, the way protocol thinks about time.
//!
//! An item at "10:00 in Luzhou" stays at 10:00 in Luzhou whatever happens to
//! the rules elsewhere; the UTC instant is derived from the local time and the
//! zone's rules, never stored as the truth.

use crate::tz::Tz;
use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which of the two instants a repeated local time means when the clocks go
/// back (in Europe/Berlin, 02:00–03:00 on the last Sunday of October happens
/// twice: first in summer time, then in standard time).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Occurrence {
    /// The earlier instant (still summer time).
    First,
    /// The later instant (already standard time).
    Second,
}

/// The first year of the window every date the model accepts lies in.
pub const EARLIEST_YEAR: i32 = 1900;
/// The last year of that window.
pub const LATEST_YEAR: i32 = 2200;

/// Whether `date` lies in the documented window (1900-01-01 to 2200-12-31).
///
/// A visit file or a form may carry any date chrono can parse, down to the
/// year −262143; dates that far out make date arithmetic overflow (a day
/// before, a day after) and have no place in a protocol office's plans. With
/// every stored date inside the window, adding or subtracting a visit's
/// length stays far from chrono's limits.
pub fn in_date_window(date: NaiveDate) -> bool {
    (EARLIEST_YEAR..=LATEST_YEAR).contains(&date.year())
}

/// The reason a date outside the window is refused, in English.
pub fn date_window_reason(date: NaiveDate) -> String {
    date_window_problem(date).to_string()
}

/// The problem of a date outside the window, for a field error.
pub fn date_window_problem(date: NaiveDate) -> crate::Problem {
    crate::Problem::DateOutsideWindow {
        date: date.to_string(),
        earliest: EARLIEST_YEAR,
        latest: LATEST_YEAR,
    }
}

/// A wall-clock time in a named zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct ZonedLocal {
    /// Local date and time to the minute, as `YYYY-MM-DDTHH:MM`.
    #[serde(with = "local_minutes")]
    #[ts(type = "string")]
    pub local: NaiveDateTime,
    /// IANA zone name, e.g. `Europe/Berlin` or `Asia/Shanghai`.
    #[ts(type = "string")]
    pub zone: Tz,
    /// Needed only when `local` happens twice in `zone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<Occurrence>,
}

impl ZonedLocal {
    /// The same local time `delta` later in the same zone, the same of two
    /// occurrences; `None` past the calendar's end.
    pub fn moved_by(&self, delta: chrono::Duration) -> Option<ZonedLocal> {
        Some(ZonedLocal {
            local: self.local.checked_add_signed(delta)?,
            ..*self
        })
    }
}

/// Why a local time cannot be turned into an instant.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LocalTimeError {
    #[error(
        "{local} does not exist in {zone}: the clocks skip that hour (daylight saving time begins)"
    )]
    Gap { local: String, zone: String },
    #[error(
        "{local} happens twice in {zone} (the clocks go back): say whether the first (summer time) or the second (standard time) is meant"
    )]
    Ambiguous { local: String, zone: String },
}

impl LocalTimeError {
    /// The same as a field's problem.
    pub fn problem(&self) -> crate::Problem {
        match self.clone() {
            LocalTimeError::Gap { local, zone } => crate::Problem::TimeInGap { local, zone },
            LocalTimeError::Ambiguous { local, zone } => {
                crate::Problem::TimeAmbiguous { local, zone }
            }
        }
    }
}

impl ZonedLocal {
    pub fn new(local: NaiveDateTime, zone: Tz) -> Self {
        ZonedLocal {
            local,
            zone,
            occurrence: None,
        }
    }

    /// Parses `YYYY-MM-DDTHH:MM` (or with a space, or with seconds) in `zone`.
    pub fn parse(local: &str, zone: Tz) -> Result<Self, String> {
        local_minutes::parse(local).map(|l| ZonedLocal::new(l, zone))
    }

    /// The instant this local time denotes.
    pub fn instant(&self) -> Result<DateTime<Tz>, LocalTimeError> {
        match self.zone.from_local_datetime(&self.local) {
            LocalResult::Single(t) => Ok(t),
            LocalResult::Ambiguous(first, second) => match self.occurrence {
                Some(Occurrence::First) => Ok(first),
                Some(Occurrence::Second) => Ok(second),
                None => Err(LocalTimeError::Ambiguous {
                    local: local_minutes::format(&self.local),
                    zone: self.zone.name().to_string(),
                }),
            },
            LocalResult::None => Err(LocalTimeError::Gap {
                local: local_minutes::format(&self.local),
                zone: self.zone.name().to_string(),
            }),
        }
    }

    pub fn utc(&self) -> Result<DateTime<Utc>, LocalTimeError> {
        self.instant().map(|t| t.with_timezone(&Utc))
    }

    /// The zone's abbreviation at this time, e.g. `CEST`, `CET` or `CST`.
    pub fn abbreviation(&self) -> String {
        match self.instant() {
            Ok(t) => t.format("%Z").to_string(),
            Err(_) => self.zone.name().to_string(),
        }
    }

    /// `YYYY-MM-DD HH:MM`.
    pub fn display_local(&self) -> String {
        self.local.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// What a local time is in its zone, for a form to ask the right question
/// while the user types: which instant it denotes, that it does not exist,
/// or that it happens twice and which of the two is meant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LocalTimeInfo {
    /// One instant.
    Single {
        abbreviation: String,
        utc: DateTime<Utc>,
    },
    /// The hour skipped when daylight saving time begins.
    Gap { message: String },
    /// The hour repeated when the clocks go back: both instants, the first
    /// (summer time) first.
    Ambiguous {
        first: Resolution,
        second: Resolution,
        message: String,
    },
}

/// One of the two instants of a repeated local time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Resolution {
    pub occurrence: Occurrence,
    /// `CEST` for the first, `CET` for the second in Europe/Berlin.
    pub abbreviation: String,
    pub utc: DateTime<Utc>,
}

impl LocalTimeInfo {
    pub fn of(local: NaiveDateTime, zone: Tz) -> LocalTimeInfo {
        let at = ZonedLocal::new(local, zone);
        let resolution = |occurrence: Occurrence, t: DateTime<Tz>| Resolution {
            occurrence,
            abbreviation: t.format("%Z").to_string(),
            utc: t.with_timezone(&Utc),
        };
        match zone.from_local_datetime(&local) {
            LocalResult::Single(t) => LocalTimeInfo::Single {
                abbreviation: t.format("%Z").to_string(),
                utc: t.with_timezone(&Utc),
            },
            LocalResult::Ambiguous(first, second) => LocalTimeInfo::Ambiguous {
                first: resolution(Occurrence::First, first),
                second: resolution(Occurrence::Second, second),
                message: at
                    .instant()
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default(),
            },
            LocalResult::None => LocalTimeInfo::Gap {
                message: at
                    .instant()
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default(),
            },
        }
    }
}

/// Serde for local times to the minute. Reading also accepts seconds and a
/// space instead of the `T`, as spreadsheets write them.
/// An instant as the clocks of a zone show it: the programme's second
/// column of times ("what time is it in Luzhou then?").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct WallTime {
    /// Local date and time to the minute, as `YYYY-MM-DDTHH:MM`.
    #[serde(with = "local_minutes")]
    #[ts(type = "string")]
    pub local: NaiveDateTime,
    /// The zone's abbreviation then, from the tz database (`CEST`, `CST`,
    /// `+05`).
    pub abbreviation: String,
}

impl WallTime {
    pub fn of(utc: DateTime<Utc>, zone: Tz) -> WallTime {
        let t = utc.with_timezone(&zone);
        WallTime {
            local: t.naive_local(),
            abbreviation: t.format("%Z").to_string(),
        }
    }
}

pub(crate) mod local_minutes {
    use chrono::NaiveDateTime;
    use serde::{Deserialize, Deserializer, Serializer};

    const FORMAT: &str = "%Y-%m-%dT%H:%M";

    pub fn format(t: &NaiveDateTime) -> String {
        t.format(FORMAT).to_string()
    }

    pub fn parse(s: &str) -> Result<NaiveDateTime, String> {
        let s = s.trim();
        for f in [
            FORMAT,
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%d %H:%M:%S",
        ] {
            if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
                return Ok(t);
            }
        }
        Err(format!(
            "`{s}` is not a valid local date and time (expected YYYY-MM-DDTHH:MM, e.g. 2027-03-25T10:30)"
        ))
    }

    pub fn serialize<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        let s = String::deserialize(d)?;
        parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_on_the_clocks_of_another_zone() {
        let utc = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let shanghai: Tz = "Asia/Shanghai".parse().unwrap();
        let at = |t: &WallTime| (local_minutes::format(&t.local), t.abbreviation.clone());
        // Summer and winter in Herne, the same instant in Luzhou.
        assert_eq!(
            at(&WallTime::of(utc("2027-03-28T01:30:00Z"), berlin)),
            ("2027-03-28T03:30".into(), "CEST".into())
        );
        assert_eq!(
            at(&WallTime::of(utc("2027-03-28T00:30:00Z"), berlin)),
            ("2027-03-28T01:30".into(), "CET".into())
        );
        assert_eq!(
            at(&WallTime::of(utc("2027-03-27T20:30:00Z"), shanghai)),
            ("2027-03-28T04:30".into(), "CST".into())
        );
        // A zone without a letter abbreviation says its offset.
        let almaty: Tz = "Asia/Almaty".parse().unwrap();
        assert_eq!(
            WallTime::of(utc("2025-06-01T00:00:00Z"), almaty).abbreviation,
            "+05"
        );
    }
    use crate::tz::{Asia::Shanghai, Europe::Berlin};

    fn at(s: &str, zone: Tz) -> ZonedLocal {
        ZonedLocal::parse(s, zone).unwrap()
    }

    #[test]
    fn spring_forward_gap_is_refused() {
        let err = at("2026-03-29T02:30", Berlin).utc().unwrap_err();
        assert_eq!(
            err.to_string(),
            "2026-03-29T02:30 does not exist in Europe/Berlin: the clocks skip that hour (daylight saving time begins)"
        );
    }

    #[test]
    fn repeated_hour_needs_a_choice() {
        let mut t = at("2026-10-25T02:30", Berlin);
        assert!(matches!(t.utc(), Err(LocalTimeError::Ambiguous { .. })));
        t.occurrence = Some(Occurrence::First);
        assert_eq!(t.utc().unwrap().to_rfc3339(), "2026-10-25T00:30:00+00:00");
        assert_eq!(t.abbreviation(), "CEST");
        t.occurrence = Some(Occurrence::Second);
        assert_eq!(t.utc().unwrap().to_rfc3339(), "2026-10-25T01:30:00+00:00");
        assert_eq!(t.abbreviation(), "CET");
    }

    #[test]
    fn local_time_info_names_both_instants_of_a_repeated_hour() {
        let local = local_minutes::parse("2026-10-25T02:30").unwrap();
        let LocalTimeInfo::Ambiguous {
            first,
            second,
            message,
        } = LocalTimeInfo::of(local, Berlin)
        else {
            panic!("2026-10-25 02:30 happens twice in Berlin");
        };
        assert_eq!(
            (first.occurrence, first.abbreviation.as_str()),
            (Occurrence::First, "CEST")
        );
        assert_eq!(
            (second.occurrence, second.abbreviation.as_str()),
            (Occurrence::Second, "CET")
        );
        assert_eq!(second.utc - first.utc, chrono::Duration::hours(1));
        assert!(message.contains("happens twice"), "{message}");

        let gap = local_minutes::parse("2026-03-29T02:30").unwrap();
        assert!(
            matches!(LocalTimeInfo::of(gap, Berlin), LocalTimeInfo::Gap { message } if message.contains("does not exist"))
        );
        let plain = local_minutes::parse("2026-10-25T10:00").unwrap();
        assert_eq!(
            LocalTimeInfo::of(plain, Shanghai),
            LocalTimeInfo::Single {
                abbreviation: "CST".into(),
                utc: "2026-10-25T02:00:00Z".parse().unwrap()
            }
        );
    }

    #[test]
    fn shanghai_has_no_daylight_saving() {
        let t = at("2027-03-28T02:30", Shanghai);
        assert_eq!(t.utc().unwrap().to_rfc3339(), "2027-03-27T18:30:00+00:00");
        assert_eq!(t.abbreviation(), "CST");
    }

    #[test]
    fn json_form_is_minutes_and_zone_name() {
        let t = at("2027-03-25 10:00:00", Berlin);
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"local":"2027-03-25T10:00","zone":"Europe/Berlin"}"#
        );
        let back: ZonedLocal =
            serde_json::from_str(r#"{"local":"2027-03-25T10:00","zone":"Europe/Berlin"}"#).unwrap();
        assert_eq!(back, t);
        let bad = serde_json::from_str::<ZonedLocal>(
            r#"{"local":"2027-02-30T10:00","zone":"Europe/Berlin"}"#,
        );
        assert!(
            bad.unwrap_err()
                .to_string()
                .contains("is not a valid local date and time")
        );
        let bad_zone = serde_json::from_str::<ZonedLocal>(
            r#"{"local":"2027-02-03T10:00","zone":"Mars/Olympus"}"#,
        );
        assert!(bad_zone.is_err());
    }
}
