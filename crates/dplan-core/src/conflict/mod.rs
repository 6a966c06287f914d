//! The conflict check of a programme (`dplan check`, the programme view's
//! warnings): people or venues booked twice, too little time between venues,
//! items outside a participant's stay or the visit's days, items whose people
//! share no language, and items whose time cannot be placed at all.
//!
//! [`check`] is a pure function of the model ([`CheckInput`]) and the user's
//! settings ([`CheckOptions`]); it returns [`Warning`]s in a fixed order, each
//! naming the items, persons and venue involved. Its sentence is written in
//! the language the options ask for ([`CheckOptions::lang`]), by
//! [`crate::says`]; the kind is the code scripts read.
//!
//! Times are compared as half-open UTC intervals `[start, end)` derived from
//! each item's local time and zone, so items that touch do not overlap and a
//! night with a clock change lasts as long as it really does. Cancelled items
//! (and the items of cancelled visits) take part in nothing. The double
//! bookings and travel times come from one sort of all timed items by start
//! and one sweep per person and per venue, so the work is O(n log n + k) for
//! n items and k findings; nothing compares all items pairwise.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, hash_map};
use std::hash::{BuildHasherDefault, Hasher};

use crate::tz::Tz;
use chrono::{Duration, NaiveDate, NaiveTime, Offset, TimeZone};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod model;
mod settings;
#[cfg(test)]
mod tests;

use model::{Findings, Model};
pub use settings::{CheckSettings, TravelTime};

use crate::{
    Invalid, ItemId, ItemKind, ItemStatus, Lang, Participant, Person, PersonId, Problem,
    ProgrammeItem, Role, Schedule, Side, Venue, VenueId, Visit, VisitFile, VisitId, VisitStatus,
    ZonedLocal, says::Says, validate::Checker,
};

/// What is wrong. The order of the variants is the order in which warnings
/// about the same moment are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// The item's start or end does not exist (a time in the hour skipped
    /// when daylight saving time begins), is ambiguous without a choice of
    /// occurrence, or the item ends before it starts.
    InvalidTime,
    /// The item lies (partly) outside the visit's first to last day.
    OutsideVisitDays,
    /// The item starts before a person in it has arrived.
    BeforeArrival,
    /// The item ends after a person in it has departed.
    AfterDeparture,
    /// A person is in two items at once.
    PersonDoubleBooked,
    /// A venue holds two items at once.
    VenueDoubleBooked,
    /// Between two items at different places there is less time than the
    /// way takes.
    TravelTooShort,
    /// The people in an item share no language and none is an interpreter.
    NoCommonLanguage,
}

/// How firm the warning is: a clash of confirmed items must be solved, one
/// involving a tentative item is a caution while planning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Every item involved is confirmed.
    Conflict,
    /// At least one item involved is tentative.
    Tentative,
}

/// One finding of the check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Warning {
    pub kind: WarningKind,
    pub severity: Severity,
    /// The items involved, the earlier first.
    pub items: Vec<ItemId>,
    /// The visits of those items, each once, in the items' order; a venue
    /// or person booked across visits names more than one.
    pub visits: Vec<VisitId>,
    /// The persons involved, in order of precedence (guests first).
    pub persons: Vec<PersonId>,
    pub venue: Option<VenueId>,
    /// How long two items overlap (double bookings).
    pub overlap_minutes: Option<u32>,
    /// How long the way between two venues takes (travel warnings).
    pub needed_minutes: Option<u32>,
    /// How much time there is between the two items (travel warnings).
    pub available_minutes: Option<u32>,
    /// Set on the one warning that stands for the double bookings of a
    /// person or venue beyond [`MAX_OVERLAPS_LISTED`]: how many more there
    /// are. A programme with thousands of items at one time would otherwise
    /// give millions of warnings.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unlisted: Option<u32>,
    /// One sentence in the language of [`CheckOptions::lang`] naming the
    /// items (titles in that language, local times with the zone as its
    /// readers know it), the people and the venue. Scripts read `kind` and
    /// the fields above; the sentence is for people.
    pub message: String,
}

/// How many double bookings of one person, or of one venue, are listed one
/// by one. Beyond that one warning says how many more there are, so the
/// check's time and output stay bounded for any programme (2,000 items at
/// one time and place would otherwise be two million pairs).
pub const MAX_OVERLAPS_LISTED: usize = 100;

/// The user's settings for the check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckOptions {
    /// Minutes the way between two different places takes when `travel`
    /// does not say; 0 turns the travel check off.
    pub default_travel_minutes: u32,
    /// Minutes between two venues, in either direction (an entry for
    /// `(a, b)` also serves `(b, a)`).
    pub travel: HashMap<(VenueId, VenueId), u32>,
    /// Whether a venue is double-booked by items of different visits too
    /// (the input must then hold those visits' items).
    pub venues_across_visits: bool,
    /// The language of the warnings' sentences.
    pub lang: Lang,
}

impl CheckOptions {
    pub const DEFAULT_TRAVEL_MINUTES: u32 = 30;

    /// Sets the minutes between two venues (both directions).
    pub fn with_travel(mut self, a: VenueId, b: VenueId, minutes: u32) -> Self {
        self.travel.insert((a, b), minutes);
        self
    }

    /// The minutes the table gives for the way between two venues.
    pub fn travel_minutes(&self, a: VenueId, b: VenueId) -> Option<u32> {
        self.travel
            .get(&(a, b))
            .or_else(|| self.travel.get(&(b, a)))
            .copied()
    }
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            default_travel_minutes: Self::DEFAULT_TRAVEL_MINUTES,
            travel: HashMap::new(),
            venues_across_visits: false,
            lang: Lang::En,
        }
    }
}

/// The model the check reads, borrowed. Entries may repeat across visits
/// (the same person or venue in several visit files); the first one counts.
#[derive(Clone, Debug, Default)]
pub struct CheckInput<'a> {
    pub visits: Vec<&'a Visit>,
    pub items: Vec<&'a ProgrammeItem>,
    pub participants: Vec<&'a Participant>,
    pub persons: Vec<&'a Person>,
    pub venues: Vec<&'a Venue>,
}

impl<'a> CheckInput<'a> {
    /// One visit, as a visit file (or the store's export of it) holds it.
    pub fn from_file(file: &'a VisitFile) -> Self {
        Self::from_files([file])
    }

    /// Several visits at once, for the venue check across visits and for
    /// people who take part in more than one.
    pub fn from_files(files: impl IntoIterator<Item = &'a VisitFile>) -> Self {
        let mut input = CheckInput::default();
        for f in files {
            input.visits.push(&f.visit);
            input.items.extend(&f.programme);
            input.participants.extend(&f.participants);
            input.persons.extend(&f.persons);
            input.venues.extend(&f.venues);
        }
        input
    }
}

/// Checks the programme and returns every warning, ordered by the first
/// item's start (UTC), then kind, then the ids involved.
pub fn check(input: &CheckInput<'_>, options: &CheckOptions) -> Vec<Warning> {
    let model = Model::new(input, options);
    let mut out = Findings::default();
    model.single_items(&mut out);
    model.sweeps(&mut out);
    let placed = out.0;
    // The second item's start keeps the pairs of one item in time order;
    // the ids only break the remaining ties, so the order is stable.
    // Indices are sorted rather than the warnings, which are large to move.
    let mut order: Vec<usize> = (0..placed.len()).collect();
    order.sort_by(|&a, &b| {
        let (((a1, a2), x), ((b1, b2), y)) = (&placed[a], &placed[b]);
        (a1, x.kind, a2, &x.items, &x.persons, x.venue, &x.message)
            .cmp(&(b1, y.kind, b2, &y.items, &y.persons, y.venue, &y.message))
    });
    let mut slots: Vec<Option<Warning>> = placed.into_iter().map(|(_, w)| Some(w)).collect();
    let mut warnings: Vec<Warning> = Vec::with_capacity(slots.len());
    for i in order {
        // An item given twice gives its warnings twice, side by side.
        if let Some(w) = slots[i].take()
            && warnings.last() != Some(&w)
        {
            warnings.push(w);
        }
    }
    warnings
}
