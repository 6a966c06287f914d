//! The visit file: one whole visit as versioned JSON, for moving a visit
//! between machines and colleagues (`dplan export-visit` / `import-visit`).
//!
//! ```json
//! { "format": "dplan-visit", "version": 1, "exported_at": "2026-11-26T10:00:00Z",
//!   "visit": {..}, "venues": [..], "persons": [..], "participants": [..], "programme": [..] }
//! ```
//!
//! The format is documented in `docs/visit-file.md`. A reader refuses files of
//! another format or a newer version before it looks at anything else.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    Invalid, ItemId, Movement, Participant, Person, Problem, ProgrammeItem, Schedule, Texts, Venue,
    Visit, VisitId, VisitStatus, ZonedLocal, validate::Checker,
};

pub const FORMAT: &str = "dplan-visit";
/// The version this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitFile {
    pub format: String,
    pub version: u32,
    pub exported_at: DateTime<Utc>,
    pub visit: Visit,
    #[serde(default)]
    pub venues: Vec<Venue>,
    #[serde(default)]
    pub persons: Vec<Person>,
    #[serde(default)]
    pub participants: Vec<Participant>,
    #[serde(default)]
    pub programme: Vec<ProgrammeItem>,
}

/// Why a visit file cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("not a visit file: {0}")]
    Syntax(String),
    #[error("not a visit file: `format` is {found:?}, expected \"dplan-visit\"")]
    WrongFormat { found: String },
    #[error(
        "the file has format version {found}; this version of dplan reads up to version {FORMAT_VERSION}; update dplan"
    )]
    TooNew { found: u32 },
    #[error("the file is not valid: {0}")]
    Invalid(#[from] Invalid),
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

impl VisitFile {
    pub fn new(exported_at: DateTime<Utc>, visit: Visit) -> Self {
        VisitFile {
            format: FORMAT.to_string(),
            version: FORMAT_VERSION,
            exported_at,
            visit,
            venues: vec![],
            persons: vec![],
            participants: vec![],
            programme: vec![],
        }
    }

    /// Reads and validates a visit file.
    pub fn parse(json: &str) -> Result<Self, FileError> {
        let header: Header =
            serde_json::from_str(json).map_err(|e| FileError::Syntax(e.to_string()))?;
        match header.format.as_deref() {
            Some(FORMAT) => {}
            other => {
                return Err(FileError::WrongFormat {
                    found: other.unwrap_or("(missing)").to_string(),
                });
            }
        }
        match header.version {
            Some(v) if v > FORMAT_VERSION => return Err(FileError::TooNew { found: v }),
            Some(0) | None => {
                return Err(FileError::Syntax("`version` must be 1 or more".into()));
            }
            Some(_) => {}
        }
        let file: VisitFile =
            serde_json::from_str(json).map_err(|e| FileError::Syntax(e.to_string()))?;
        file.validate()?;
        Ok(file)
    }

    /// The visit as the template for another one (next year's visit) that
    /// starts on `first_day`: new ids for the visit and its items, every
    /// date moved by the same whole number of days with local times kept
    /// (10:00 stays 10:00), status back to planning, revisions back to 0.
    /// Persons and venues are shared, not copied. `new_item_id` is called
    /// once per item, in programme order. A first day outside the model's
    /// window, or dates that cannot be moved that far, are refused; the
    /// copy is validated as a whole when it is imported.
    pub fn as_template(
        &self,
        new_visit_id: VisitId,
        first_day: NaiveDate,
        mut new_item_id: impl FnMut() -> ItemId,
    ) -> Result<VisitFile, Invalid> {
        let mut c = Checker::default();
        if !c.date("first_day", first_day) {
            return c.finish().map(|()| self.clone());
        }
        // Dates stored before the window was enforced may lie anywhere, so
        // every step is checked rather than assumed to fit.
        let delta = Duration::try_days((first_day - self.visit.first_day).num_days());
        let shift = |d: NaiveDate| delta.and_then(|delta| d.checked_add_signed(delta));
        let days = (first_day - self.visit.first_day).num_days();
        let shift_time = |t: &ZonedLocal| delta.and_then(|delta| t.moved_by(delta));
        let too_far = || {
            Invalid::one(
                "first_day",
                Problem::CannotMoveDates {
                    first_day: first_day.to_string(),
                },
            )
        };
        let mut file = self.clone();
        file.visit.id = new_visit_id;
        file.visit.first_day = shift(self.visit.first_day).ok_or_else(too_far)?;
        file.visit.last_day = shift(self.visit.last_day).ok_or_else(too_far)?;
        file.visit.status = VisitStatus::Planning;
        for p in &mut file.participants {
            p.visit_id = new_visit_id;
            for m in [&mut p.arrival, &mut p.departure].into_iter().flatten() {
                m.at = shift_time(&m.at).ok_or_else(too_far)?;
            }
        }
        for item in &mut file.programme {
            item.id = new_item_id();
            item.visit_id = new_visit_id;
            item.revision = 0;
            item.schedule = item.schedule.moved_by_days(days).ok_or_else(too_far)?;
        }
        Ok(file)
    }

    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks only that every date of the visit lies in the model's window.
    /// A visit an older version stored may hold dates that no screen can
    /// show; it is refused by name, so the user can export or delete it,
    /// while rules added since (stricter texts) do not lock a stored visit.
    pub fn check_dates(&self) -> Result<(), Invalid> {
        check_dates(
            &self.visit,
            self.participants
                .iter()
                .map(|p| (p.arrival.as_ref(), p.departure.as_ref())),
            self.programme.iter().map(|i| (&i.title, &i.schedule)),
        )
    }

    /// Checks every entry and that the entries agree with each other: every
    /// participant and item belongs to this visit, names persons and venues
    /// in the file, and nobody appears twice. The file also carries nothing
    /// beyond its own visit: every person takes part in it and every venue
    /// is used by its programme, because an import writes those records into
    /// the address book that all visits share, and a file must not be able
    /// to rename or rewrite what only other visits use. Errors name the
    /// entry, e.g. `programme[3] (Empfang im Rathaus).end` or
    /// `persons[2] (Wang Fang): is not a participant of this visit`.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::default();
        c.merge(self.visit.validate(), "visit");

        let mut venue_ids = HashSet::new();
        for (i, v) in self.venues.iter().enumerate() {
            let at = format!("venues[{i}] ({})", v.name.best(crate::Lang::De));
            c.merge(v.validate(), &at);
            if !venue_ids.insert(v.id) {
                c.push(
                    format!("{at}.id"),
                    Problem::AppearsTwice {
                        id: v.id.to_string(),
                    },
                );
            }
        }
        let mut person_ids = HashSet::new();
        for (i, p) in self.persons.iter().enumerate() {
            let at = format!("persons[{i}] ({})", p.display_name());
            c.merge(p.validate(), &at);
            if !person_ids.insert(p.id) {
                c.push(
                    format!("{at}.id"),
                    Problem::AppearsTwice {
                        id: p.id.to_string(),
                    },
                );
            }
        }
        let mut participant_ids = HashSet::new();
        for (i, p) in self.participants.iter().enumerate() {
            let at = format!("participants[{i}]");
            c.merge(p.validate(), &at);
            if p.visit_id != self.visit.id {
                c.push(format!("{at}.visit_id"), Problem::BelongsToAnotherVisit);
            }
            if !person_ids.contains(&p.person_id) {
                c.push(
                    format!("{at}.person_id"),
                    Problem::NotAmongFilePersons {
                        id: p.person_id.to_string(),
                    },
                );
            }
            if !participant_ids.insert(p.person_id) {
                c.push(format!("{at}.person_id"), Problem::TakesPartTwice);
            }
        }
        let mut item_ids = HashSet::new();
        for (i, item) in self.programme.iter().enumerate() {
            let at = format!("programme[{i}] ({})", item.title.best(crate::Lang::De));
            c.merge(item.validate(), &at);
            if item.visit_id != self.visit.id {
                c.push(format!("{at}.visit_id"), Problem::BelongsToAnotherVisit);
            }
            if !item_ids.insert(item.id) {
                c.push(
                    format!("{at}.id"),
                    Problem::AppearsTwice {
                        id: item.id.to_string(),
                    },
                );
            }
            if let Some(v) = item.venue_id
                && !venue_ids.contains(&v)
            {
                c.push(
                    format!("{at}.venue_id"),
                    Problem::NotAmongFileVenues { id: v.to_string() },
                );
            }
            for (field, ids) in [
                ("attendees", &item.attendees),
                ("responsible", &item.responsible),
            ] {
                for (j, id) in ids.iter().enumerate() {
                    if !participant_ids.contains(id) {
                        c.push(
                            format!("{at}.{field}[{j}]"),
                            Problem::NotAParticipant { id: id.to_string() },
                        );
                    }
                }
            }
        }
        for (i, p) in self.persons.iter().enumerate() {
            if !participant_ids.contains(&p.id) {
                c.push(
                    format!("persons[{i}] ({})", p.display_name()),
                    Problem::PersonNotAParticipant,
                );
            }
        }
        let used: HashSet<_> = self.programme.iter().filter_map(|i| i.venue_id).collect();
        for (i, v) in self.venues.iter().enumerate() {
            if !used.contains(&v.id) {
                c.push(
                    format!("venues[{i}] ({})", v.name.best(crate::Lang::De)),
                    Problem::VenueUnused,
                );
            }
        }
        c.finish()
    }
}

/// Checks that every date of a visit lies in the model's window, naming
/// each entry as the visit file does (`programme[3] (Empfang).end`): the
/// one check behind [`VisitFile::check_dates`] and
/// [`crate::view::VisitView::check_dates`].
pub(crate) fn check_dates<'a>(
    visit: &Visit,
    movements: impl Iterator<Item = (Option<&'a Movement>, Option<&'a Movement>)>,
    programme: impl Iterator<Item = (&'a Texts, &'a Schedule)>,
) -> Result<(), Invalid> {
    let mut c = Checker::default();
    c.date("visit.first_day", visit.first_day);
    c.date("visit.last_day", visit.last_day);
    for (i, (arrival, departure)) in movements.enumerate() {
        for (field, m) in [("arrival", arrival), ("departure", departure)] {
            if let Some(m) = m {
                c.date(&format!("participants[{i}].{field}.at"), m.at.local.date());
            }
        }
    }
    for (i, (title, schedule)) in programme.enumerate() {
        let at = format!("programme[{i}] ({})", title.best(crate::Lang::De));
        match schedule {
            Schedule::Timed { start, end } => {
                c.date(&format!("{at}.start"), start.local.date());
                c.date(&format!("{at}.end"), end.local.date());
            }
            Schedule::AllDay {
                first_day,
                last_day,
            } => {
                c.date(&format!("{at}.first_day"), *first_day);
                c.date(&format!("{at}.last_day"), *last_day);
            }
        }
    }
    c.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    #[test]
    fn demo_files_round_trip_through_json() {
        for file in demo::visits(demo::stamp()) {
            let json = file.to_json();
            let back = VisitFile::parse(&json).unwrap();
            assert_eq!(back, file);
        }
    }

    #[test]
    fn other_formats_and_newer_versions_are_refused_first() {
        let err = VisitFile::parse(r#"{"format":"something","version":1}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"not a visit file: `format` is "something", expected "dplan-visit""#
        );
        let err =
            VisitFile::parse(r#"{"format":"dplan-visit","version":7,"visit":42}"#).unwrap_err();
        assert!(matches!(err, FileError::TooNew { found: 7 }));
        let err = VisitFile::parse("[1,2").unwrap_err();
        assert!(err.to_string().starts_with("not a visit file:"), "{err}");
    }

    #[test]
    fn a_bad_entry_is_named_by_position_and_title() {
        let mut file = demo::visits(demo::stamp()).remove(0);
        let item = &mut file.programme[4];
        if let crate::Schedule::Timed { start, end } = &mut item.schedule {
            std::mem::swap(start, end);
        }
        let title = item.title.de.clone().unwrap();
        let err = VisitFile::parse(&file.to_json())
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                format!(
                    "the file is not valid: programme[4] ({title}).end: must be after the start"
                )
                .as_str()
            )
        );
    }

    #[test]
    fn a_stored_visit_with_dates_outside_the_window_is_named_by_its_dates_only() {
        let mut file = demo::visits(demo::stamp()).remove(0);
        file.check_dates().unwrap();
        // A rule added later (here: a title that is now too long) does not
        // lock a stored visit; only dates no screen can show do.
        file.programme[0].title.de = Some("x".repeat(5_000));
        file.check_dates().unwrap();
        file.visit.first_day = NaiveDate::from_ymd_opt(-262_000, 1, 1).unwrap();
        let err = file.check_dates().unwrap_err().to_string();
        assert!(err.contains("visit.first_day"), "{err}");
        assert!(!err.contains("programme"), "{err}");
    }

    #[test]
    fn a_template_moves_every_date_and_keeps_local_times() {
        let file = demo::visits(demo::stamp()).remove(1);
        let mut n = 0;
        let first_day = file.visit.first_day + Duration::days(364);
        let copy = file
            .as_template(VisitId::derived("copy"), first_day, || {
                n += 1;
                ItemId::derived(&format!("copy/{n}"))
            })
            .unwrap();
        assert_eq!(copy.validate(), Ok(()));
        assert_eq!(copy.visit.first_day.to_string(), "2028-05-14");
        assert_eq!(copy.visit.status, VisitStatus::Planning);
        assert_eq!(n, file.programme.len());
        let (old, new) = (&file.programme[1], &copy.programme[1]);
        assert_ne!(old.id, new.id);
        match (&old.schedule, &new.schedule) {
            (Schedule::Timed { start: a, end: b }, Schedule::Timed { start: c, end: d }) => {
                assert_eq!(a.local.time(), c.local.time());
                assert_eq!((c.local - a.local).num_days(), 364);
                assert_eq!((d.zone, b.zone), (b.zone, d.zone));
            }
            other => panic!("flight is timed: {other:?}"),
        }
        assert!(
            copy.participants
                .iter()
                .all(|p| p.visit_id == copy.visit.id)
        );
        assert_eq!(copy.persons, file.persons, "persons are shared, not copied");
    }

    #[test]
    fn a_file_carries_only_its_own_persons_and_venues() {
        let mut file = demo::visits(demo::stamp()).remove(0);
        let other = demo::visits(demo::stamp()).remove(1);
        let stranger = other
            .persons
            .iter()
            .find(|p| file.persons.iter().all(|q| q.id != p.id))
            .cloned()
            .unwrap();
        let unused = other
            .venues
            .iter()
            .find(|v| file.venues.iter().all(|w| w.id != v.id))
            .cloned()
            .unwrap();
        file.persons.push(stranger.clone());
        file.venues.push(unused.clone());
        let err = file.validate().unwrap_err().to_string();
        let (p, v) = (file.persons.len() - 1, file.venues.len() - 1);
        assert!(
            err.contains(&format!(
                "persons[{p}] ({}): is not a participant of this visit",
                stranger.display_name()
            )),
            "{err}"
        );
        assert!(
            err.contains(&format!(
                "venues[{v}] ({}): no programme item of this visit uses it",
                unused.name.best(crate::Lang::De)
            )),
            "{err}"
        );
    }

    #[test]
    fn references_must_resolve_within_the_file() {
        let mut file = demo::visits(demo::stamp()).remove(0);
        file.persons.remove(0);
        let err = file.validate().unwrap_err().to_string();
        assert!(err.contains("participants[0].person_id"), "{err}");
        assert!(err.contains("is not among the file's persons"), "{err}");
    }

    #[test]
    fn a_template_for_an_extreme_first_day_is_refused_not_a_panic() {
        let file = demo::visits(demo::stamp()).remove(0);
        for first_day in [
            NaiveDate::MIN,
            NaiveDate::MAX,
            day("1899-12-31"),
            day("2201-01-01"),
        ] {
            let err = file
                .as_template(VisitId::derived("copy"), first_day, || ItemId::derived("x"))
                .unwrap_err();
            assert_eq!(err.errors[0].field, "first_day", "{first_day}");
        }
        // A visit stored before the window existed moves without a panic.
        let mut old = file.clone();
        old.visit.first_day = NaiveDate::MIN;
        old.visit.last_day = NaiveDate::MIN;
        assert!(
            old.as_template(VisitId::derived("copy"), day("2027-01-01"), || {
                ItemId::derived("x")
            })
            .is_err()
        );
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
}
