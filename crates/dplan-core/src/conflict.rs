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

/// The check's settings as the user keeps them (in the store, edited in the
/// app): the default way between two places, the known ways between venue
/// pairs, and whether venues are checked across visits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckSettings {
    pub default_travel_minutes: u32,
    pub venues_across_visits: bool,
    /// One entry per pair of venues; it serves both directions.
    pub travel: Vec<TravelTime>,
}

/// The minutes the way between two venues takes, in either direction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TravelTime {
    pub from: VenueId,
    pub to: VenueId,
    pub minutes: u32,
}

impl CheckSettings {
    /// A day; a longer way is a travel day, not a gap between two items.
    pub const MAX_TRAVEL_MINUTES: u32 = 24 * 60;

    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::default();
        if self.default_travel_minutes > Self::MAX_TRAVEL_MINUTES {
            c.push(
                "default_travel_minutes",
                Problem::TravelTooLong {
                    minutes: Self::MAX_TRAVEL_MINUTES,
                },
            );
        }
        let mut seen = std::collections::HashSet::new();
        for (i, t) in self.travel.iter().enumerate() {
            let field = |f: &str| format!("travel.{i}.{f}");
            if t.from == t.to {
                c.push(field("to"), Problem::SameVenueTwice);
            } else if !seen.insert((t.from.min(t.to), t.from.max(t.to))) {
                c.push(field("to"), Problem::VenuePairTwice);
            }
            if t.minutes > Self::MAX_TRAVEL_MINUTES {
                c.push(
                    field("minutes"),
                    Problem::TravelTooLong {
                        minutes: Self::MAX_TRAVEL_MINUTES,
                    },
                );
            }
        }
        c.finish()
    }

    /// Sets the way between two venues (either order names the same pair),
    /// or forgets it with `None`.
    pub fn set_travel(&mut self, a: VenueId, b: VenueId, minutes: Option<u32>) {
        self.travel
            .retain(|t| (t.from, t.to) != (a, b) && (t.from, t.to) != (b, a));
        if let Some(minutes) = minutes {
            self.travel.push(TravelTime {
                from: a,
                to: b,
                minutes,
            });
        }
    }

    /// The options [`check`] takes, its sentences in `lang`.
    pub fn options(&self, lang: Lang) -> CheckOptions {
        CheckOptions {
            default_travel_minutes: self.default_travel_minutes,
            travel: self
                .travel
                .iter()
                .map(|t| ((t.from, t.to), t.minutes))
                .collect(),
            venues_across_visits: self.venues_across_visits,
            lang,
        }
    }
}

impl Default for CheckSettings {
    fn default() -> Self {
        CheckSettings {
            default_travel_minutes: CheckOptions::DEFAULT_TRAVEL_MINUTES,
            venues_across_visits: false,
            travel: vec![],
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

/// The warnings found so far.
#[derive(Default)]
struct Findings(Vec<Placed>);

/// A warning with the position it sorts at: the first and the last item's
/// start.
type Placed = ((i64, i64), Warning);

/// A hasher for the check's own maps: ids are random or name-derived UUIDs
/// and the other keys are small numbers, none chosen by an attacker, so a
/// fast multiplicative hash (FxHash's) serves; SipHash cost a third of the
/// check's time on the benchmark.
#[derive(Default)]
struct IdHasher(u64);

impl IdHasher {
    fn add(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits weak, and the table picks its
        // bucket from them; folding the high half in spreads them.
        self.0 ^ (self.0 >> 32)
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// Local times turned into UTC, with each zone's offset remembered per local
/// day: resolving a time through the zone's rules is most of the cost of
/// reading 100,000 items, and a programme has few distinct days. A day is
/// remembered only when the zone keeps one offset through it (probed every
/// three hours; no zone has changed its offset twice within three hours);
/// the days the clocks change, and their gaps and repeated hours, take the
/// exact way through [`ZonedLocal::utc`].
#[derive(Default)]
struct Clock {
    days: FastMap<(Tz, NaiveDate), Option<i32>>,
}

impl Clock {
    fn utc(&mut self, t: &ZonedLocal) -> Result<i64, crate::LocalTimeError> {
        let day = t.local.date();
        let steady = *self
            .days
            .entry((t.zone, day))
            .or_insert_with(|| steady_offset(t.zone, day));
        match steady {
            Some(offset) => Ok(t.local.and_utc().timestamp() - i64::from(offset)),
            None => t.utc().map(|u| u.timestamp()),
        }
    }
}

/// The zone's offset from UTC in seconds if it is the same all day.
fn steady_offset(zone: Tz, day: NaiveDate) -> Option<i32> {
    let midnight = day.and_time(NaiveTime::MIN);
    let mut offset = None;
    for hours in (0..=24).step_by(3) {
        let local = midnight.checked_add_signed(Duration::hours(hours))?;
        let o = zone
            .offset_from_local_datetime(&local)
            .single()?
            .fix()
            .local_minus_utc();
        if offset.is_some_and(|x| x != o) {
            return None;
        }
        offset = Some(o);
    }
    offset
}

/// Transfers and flights are the journey itself: they may begin before the
/// arrival and end after the departure or the visit's last day, and an
/// airport or station is not booked like a room.
fn is_journey(kind: ItemKind) -> bool {
    matches!(kind, ItemKind::Transfer | ItemKind::Flight)
}

/// Nobody needs a common language for a hotel stay, a flight or free time.
fn needs_common_language(kind: ItemKind) -> bool {
    !matches!(
        kind,
        ItemKind::Hotel | ItemKind::Flight | ItemKind::FreeTime
    )
}

struct PersonRec<'a> {
    id: PersonId,
    person: Option<&'a Person>,
    name: OnceCell<String>,
}

struct VenueRec<'a> {
    id: VenueId,
    venue: Option<&'a Venue>,
    /// Venues at the same address (rooms of one building) share a place:
    /// no travel time between them.
    place: u32,
}

/// A participant's part in one visit, as far as the check needs it.
struct Stay {
    arrival: Option<(i64, ZonedLocal)>,
    departure: Option<(i64, ZonedLocal)>,
    interpreter: bool,
    rank: (Side, u32),
}

/// An item that takes part in the check (not cancelled).
struct Entry<'a> {
    item: &'a ProgrammeItem,
    visit: Option<u32>,
    venue: Option<u32>,
    /// The UTC span in seconds, for timed items whose times exist.
    span: Option<(i64, i64)>,
    /// Where the item's warnings sort: its UTC start, or an estimate when
    /// it has none.
    order: i64,
    /// The item's persons (attendees, then responsible ones not also
    /// attending) as a range of `Model::flat`.
    persons: (u32, u32),
    label: OnceCell<String>,
}

struct Model<'a, 'o> {
    options: &'o CheckOptions,
    visits: Vec<&'a Visit>,
    persons: Vec<PersonRec<'a>>,
    venues: Vec<VenueRec<'a>>,
    stays: Vec<Stay>,
    /// Keyed by `visit << 32 | person`.
    stay_index: FastMap<u64, u32>,
    stays_with_movements: bool,
    entries: Vec<Entry<'a>>,
    flat: Vec<u32>,
    /// Beside `flat`: each person's stay in the item's visit, or `NO_STAY`.
    flat_stays: Vec<u32>,
    invalid: Vec<(u32, String)>,
}

const NO_STAY: u32 = u32::MAX;

fn key(visit: u32, other: u32) -> u64 {
    (u64::from(visit) << 32) | u64::from(other)
}

impl<'a, 'o> Model<'a, 'o> {
    fn new(input: &CheckInput<'a>, options: &'o CheckOptions) -> Self {
        let mut visits = Vec::new();
        let mut visit_index: FastMap<VisitId, u32> = FastMap::default();
        for v in &input.visits {
            if let hash_map::Entry::Vacant(slot) = visit_index.entry(v.id) {
                slot.insert(visits.len() as u32);
                visits.push(*v);
            }
        }

        let mut persons = Vec::with_capacity(input.persons.len());
        let mut person_index: FastMap<PersonId, u32> = FastMap::default();
        person_index.reserve(input.persons.len());
        for p in &input.persons {
            person_index.entry(p.id).or_insert_with(|| {
                persons.push(PersonRec {
                    id: p.id,
                    person: Some(*p),
                    name: OnceCell::new(),
                });
                persons.len() as u32 - 1
            });
        }
        // Items and participants may name persons the input lacks; they are
        // still checked, under their id.
        let mut person_of = |id: PersonId, persons: &mut Vec<PersonRec<'a>>| -> u32 {
            *person_index.entry(id).or_insert_with(|| {
                persons.push(PersonRec {
                    id,
                    person: None,
                    name: OnceCell::new(),
                });
                persons.len() as u32 - 1
            })
        };

        let mut stays_with_movements = false;
        let mut venues = Vec::with_capacity(input.venues.len());
        let mut venue_index: FastMap<VenueId, u32> = FastMap::default();
        let mut places: HashMap<&str, u32> = HashMap::new();
        for v in &input.venues {
            if venue_index.contains_key(&v.id) {
                continue;
            }
            let n = venues.len() as u32;
            let address = v.address.trim();
            let place = if address.is_empty() {
                n
            } else {
                *places.entry(address).or_insert(n)
            };
            venue_index.insert(v.id, n);
            venues.push(VenueRec {
                id: v.id,
                venue: Some(*v),
                place,
            });
        }

        // One lookup per person of an item finds both the person and their
        // stay: a million of them on the benchmark, so they are not tripled.
        let mut stays = Vec::with_capacity(input.participants.len());
        let mut stay_index: FastMap<u64, u32> = FastMap::default();
        let mut members: FastMap<(u32, PersonId), (u32, u32)> = FastMap::default();
        for p in &input.participants {
            let Some(&visit) = visit_index.get(&p.visit_id) else {
                continue;
            };
            let person = person_of(p.person_id, &mut persons);
            if stay_index.contains_key(&key(visit, person)) {
                continue;
            }
            let instant = |m: &Option<crate::Movement>| {
                let m = m.as_ref()?;
                Some((m.at.utc().ok()?.timestamp(), m.at))
            };
            let stay = Stay {
                arrival: instant(&p.arrival),
                departure: instant(&p.departure),
                interpreter: p.role == Role::Interpreter,
                rank: (p.side, p.precedence),
            };
            let n = stays.len() as u32;
            stays_with_movements |= stay.arrival.is_some() || stay.departure.is_some();
            stays.push(stay);
            stay_index.insert(key(visit, person), n);
            members.insert((visit, p.person_id), (person, n));
        }

        let mut entries = Vec::with_capacity(input.items.len());
        let mut flat = Vec::with_capacity(input.items.len() * 8);
        let mut flat_stays = Vec::with_capacity(input.items.len() * 8);
        let mut clock = Clock::default();
        let says = Says(options.lang);
        let mut invalid = Vec::new();
        // Consecutive items of a visit name the same people, so a small
        // direct-mapped cache answers most lookups before the map does.
        let mut recent = [(u32::MAX, PersonId::derived(""), 0u32, NO_STAY); 256];
        for item in &input.items {
            // An item given twice (a visit file passed twice) is not
            // filtered here, which would cost a lookup per item; its twin
            // is skipped in the sweeps and its warnings merged at the end.
            if item.status == ItemStatus::Cancelled {
                continue;
            }
            let visit = visit_index.get(&item.visit_id).copied();
            if visit.is_some_and(|v| visits[v as usize].status == VisitStatus::Cancelled) {
                continue;
            }
            let venue = item.venue_id.map(|id| {
                *venue_index.entry(id).or_insert_with(|| {
                    venues.push(VenueRec {
                        id,
                        venue: None,
                        place: venues.len() as u32,
                    });
                    venues.len() as u32 - 1
                })
            });
            let from = flat.len();
            for id in item.attendees.iter().chain(&item.responsible) {
                let v = visit.unwrap_or(u32::MAX);
                let slot = &mut recent[(id.as_uuid().as_u128() as usize ^ v as usize) & 255];
                let (p, stay) = if slot.0 == v && slot.1 == *id {
                    (slot.2, slot.3)
                } else {
                    let (p, stay) = match visit.and_then(|v| members.get(&(v, *id))) {
                        Some(&(p, stay)) => (p, stay),
                        None => (person_of(*id, &mut persons), NO_STAY),
                    };
                    *slot = (v, *id, p, stay);
                    (p, stay)
                };
                if !flat[from..].contains(&p) {
                    flat.push(p);
                    flat_stays.push(stay);
                }
            }
            let n = entries.len() as u32;
            let (span, order) = match &item.schedule {
                Schedule::Timed { start, end } => match (clock.utc(start), clock.utc(end)) {
                    (Ok(s), Ok(e)) if e > s => (Some((s, e)), s),
                    (Ok(s), Ok(_)) => {
                        invalid.push((n, says.ends_before_start(end, start)));
                        (None, s)
                    }
                    (s, e) => {
                        let reason = match (s, e) {
                            (Err(err), _) => says.start_problem(&err),
                            (_, Err(err)) => says.end_problem(&err),
                            _ => String::new(),
                        };
                        invalid.push((n, reason));
                        // The local time read as UTC is near enough to sort by.
                        (None, start.local.and_utc().timestamp())
                    }
                },
                Schedule::AllDay {
                    first_day,
                    last_day,
                } => {
                    if last_day < first_day {
                        invalid.push((n, says.last_day_before_first(*last_day, *first_day)));
                    }
                    let zone = visit.map_or(crate::tz::UTC, |v| visits[v as usize].time_zone);
                    let midnight = first_day.and_time(NaiveTime::MIN);
                    let order = zone
                        .from_local_datetime(&midnight)
                        .earliest()
                        .map_or(midnight.and_utc().timestamp(), |t| t.timestamp());
                    (None, order)
                }
            };
            entries.push(Entry {
                item,
                visit,
                venue,
                span,
                order,
                persons: (from as u32, flat.len() as u32),
                label: OnceCell::new(),
            });
        }

        Model {
            options,
            visits,
            persons,
            venues,
            stays,
            stay_index,
            stays_with_movements,
            entries,
            flat,
            flat_stays,
            invalid,
        }
    }

    fn persons_of(&self, e: &Entry<'_>) -> &[u32] {
        &self.flat[e.persons.0 as usize..e.persons.1 as usize]
    }

    /// The item's persons with their stays in its visit.
    fn people_of(&self, e: &Entry<'_>) -> impl Iterator<Item = (u32, Option<&Stay>)> {
        let range = e.persons.0 as usize..e.persons.1 as usize;
        self.flat[range.clone()]
            .iter()
            .zip(&self.flat_stays[range])
            .map(|(p, s)| (*p, self.stays.get(*s as usize)))
    }

    fn stay(&self, visit: Option<u32>, person: u32) -> Option<&Stay> {
        let n = self.stay_index.get(&key(visit?, person))?;
        self.stays.get(*n as usize)
    }

    /// The checks that look at one item at a time.
    fn single_items(&self, out: &mut Findings) {
        for (n, reason) in &self.invalid {
            let e = &self.entries[*n as usize];
            let message = self
                .says()
                .cannot_check(e.item.title.best(self.lang()), reason);
            out.push(self.warning(WarningKind::InvalidTime, &[*n], vec![], None, message));
        }
        let mut common: Vec<&str> = Vec::new();
        let mut known: Vec<u32> = Vec::new();
        for (n, e) in self.entries.iter().enumerate() {
            let n = n as u32;
            self.visit_days(n, e, out);
            if !is_journey(e.item.kind) && self.stays_with_movements {
                self.presence(n, e, out);
            }
            if needs_common_language(e.item.kind) {
                self.language(n, e, &mut common, &mut known, out);
            }
        }
    }

    /// Items must lie within the visit's days, compared as local dates in
    /// the item's own zones. A journey need only touch them: the flight home
    /// may land on the next day in another zone.
    fn visit_days(&self, n: u32, e: &Entry<'_>, out: &mut Findings) {
        let Some(v) = e.visit else { return };
        let visit = self.visits[v as usize];
        let (first, last) = match &e.item.schedule {
            // An item ending at midnight ends on the day before.
            Schedule::Timed { start, end } => (
                start.local.date(),
                end.local
                    .checked_sub_signed(Duration::minutes(1))
                    .map_or(end.local.date(), |t| t.date())
                    .max(start.local.date()),
            ),
            Schedule::AllDay {
                first_day,
                last_day,
            } => (*first_day, *last_day),
        };
        let outside = if is_journey(e.item.kind) {
            first > visit.last_day || last < visit.first_day
        } else {
            first < visit.first_day || last > visit.last_day
        };
        if outside {
            let says = self.says();
            let message = says.outside_days(
                self.label(n),
                visit.title.best(self.lang()),
                &says.days(visit.first_day, visit.last_day),
            );
            out.push(self.warning(WarningKind::OutsideVisitDays, &[n], vec![], None, message));
        }
    }

    /// A person's arrival and departure bound the items they are in: a timed
    /// item must not start before the arrival nor end after the departure;
    /// an all-day item must not lie wholly before the arrival's day or after
    /// the departure's day (a room booked from the evening before a night
    /// arrival is right).
    fn presence(&self, n: u32, e: &Entry<'_>, out: &mut Findings) {
        // Persons arriving (or leaving) at the same moment share a warning.
        let mut groups: Vec<(WarningKind, i64, ZonedLocal, Vec<u32>)> = Vec::new();
        for (p, stay) in self.people_of(e) {
            let Some(stay) = stay else {
                continue;
            };
            let (before, after) = match (&e.item.schedule, e.span) {
                (
                    Schedule::AllDay {
                        first_day,
                        last_day,
                    },
                    _,
                ) => (
                    stay.arrival.filter(|(_, at)| *last_day < at.local.date()),
                    stay.departure
                        .filter(|(_, at)| *first_day > at.local.date()),
                ),
                (Schedule::Timed { .. }, Some((s, end))) => (
                    stay.arrival.filter(|(t, _)| s < *t),
                    stay.departure.filter(|(t, _)| end > *t),
                ),
                (Schedule::Timed { .. }, None) => (None, None),
            };
            for (kind, found) in [
                (WarningKind::BeforeArrival, before),
                (WarningKind::AfterDeparture, after),
            ] {
                let Some((t, at)) = found else { continue };
                match groups.iter_mut().find(|g| g.0 == kind && g.1 == t) {
                    Some(g) => g.3.push(p),
                    None => groups.push((kind, t, at, vec![p])),
                }
            }
        }
        for (kind, _, at, persons) in groups {
            let persons = self.ranked(e.visit, persons);
            let (names, one) = self.names(&persons);
            let says = self.says();
            let at = says.moment(&at);
            let message = if kind == WarningKind::BeforeArrival {
                says.arrives_after_start(&names, one, &at, self.label(n))
            } else {
                says.departs_before_end(&names, one, &at, self.label(n))
            };
            out.push(self.warning(kind, &[n], persons, None, message));
        }
    }

    /// The persons whose languages are known must share one, unless an
    /// interpreter is among the item's persons. Unknown languages are no
    /// conflict: they are simply not counted.
    fn language(
        &self,
        n: u32,
        e: &Entry<'a>,
        common: &mut Vec<&'a str>,
        known: &mut Vec<u32>,
        out: &mut Findings,
    ) {
        common.clear();
        known.clear();
        for (p, stay) in self.people_of(e) {
            if stay.is_some_and(|s| s.interpreter) {
                return;
            }
            let Some(person) = self.persons[p as usize].person else {
                continue;
            };
            if person.languages.is_empty() {
                continue;
            }
            if known.is_empty() {
                common.extend(person.languages.iter().map(String::as_str));
            } else {
                common.retain(|c| person.languages.iter().any(|l| l.eq_ignore_ascii_case(c)));
            }
            known.push(p);
        }
        if known.len() < 2 || !common.is_empty() {
            return;
        }
        let persons = self.ranked(e.visit, known.clone());
        let mut message = self.says().no_common_language(self.label(n));
        self.says().list(&mut message, persons.len(), |out, i| {
            let p = persons[i];
            out.push_str(self.name(p));
            out.push_str(" (");
            if let Some(person) = self.persons[p as usize].person {
                for (j, lang) in person.languages.iter().enumerate() {
                    if j > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(lang);
                }
            }
            out.push(')');
        });
        out.push(self.warning(WarningKind::NoCommonLanguage, &[n], persons, None, message));
    }

    /// Double bookings and travel times: all timed items sorted once by
    /// start, distributed into one list per person and one per venue (each
    /// list then already in order of start), and each list swept once.
    fn sweeps(&self, out: &mut Findings) {
        let mut timed: Vec<u32> = (0..self.entries.len() as u32)
            .filter(|n| self.entries[*n as usize].span.is_some())
            .collect();
        let span = |n: u32| self.entries[n as usize].span.unwrap_or_default();
        timed.sort_unstable_by_key(|&n| {
            let (s, e) = span(n);
            (s, e, n)
        });
        // From here on items are named by their rank in that order.
        let starts: Vec<i64> = timed.iter().map(|&n| span(n).0).collect();
        let ends: Vec<i64> = timed.iter().map(|&n| span(n).1).collect();
        let twin = |a: u32, b: u32| {
            let id = |r: u32| self.entries[timed[r as usize] as usize].item.id;
            id(a) == id(b)
        };

        let buckets = Buckets::new(self.persons.len(), &timed, |n| {
            self.persons_of(&self.entries[n as usize]).iter().copied()
        });
        let mut doubles: Vec<(u32, u32, u32)> = Vec::new();
        let mut travels: Vec<(u32, u32, u32)> = Vec::new();
        let max_travel = self
            .options
            .travel
            .values()
            .copied()
            .max()
            .unwrap_or(0)
            .max(self.options.default_travel_minutes);
        let mut active = BinaryHeap::new();
        let mut crowded: Vec<(u32, Unlisted)> = Vec::new();
        for p in 0..self.persons.len() {
            let unlisted = sweep(
                buckets.of(p),
                &starts,
                &ends,
                &mut active,
                twin,
                |a, b| doubles.push((a, b, p as u32)),
                |a, b| {
                    // Only a cheap filter here; the way's minutes are looked
                    // up once per pair of items below.
                    let (x, y) = (
                        &self.entries[timed[a as usize] as usize],
                        &self.entries[timed[b as usize] as usize],
                    );
                    let gap = starts[b as usize] - ends[a as usize];
                    if gap < i64::from(max_travel) * 60
                        && x.item.kind != ItemKind::Transfer
                        && y.item.kind != ItemKind::Transfer
                        && let (Some(u), Some(v)) = (x.venue, y.venue)
                        && self.venues[u as usize].place != self.venues[v as usize].place
                    {
                        travels.push((a, b, p as u32));
                    }
                },
            );
            if let Some(u) = unlisted {
                crowded.push((p as u32, u));
            }
        }
        for (p, u) in crowded {
            out.push(self.unlisted(&timed, u, Some(p), None));
        }

        doubles.sort_unstable();
        for group in doubles.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
            let (a, b) = (timed[group[0].0 as usize], timed[group[0].1 as usize]);
            let persons: Vec<u32> = group.iter().map(|g| g.2).collect();
            out.push(self.double_booking(a, b, persons));
        }
        travels.sort_unstable();
        for group in travels.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
            let (ra, rb) = (group[0].0 as usize, group[0].1 as usize);
            let (a, b) = (timed[ra], timed[rb]);
            let gap = starts[rb] - ends[ra];
            let (Some(u), Some(v)) = (
                self.entries[a as usize].venue,
                self.entries[b as usize].venue,
            ) else {
                continue;
            };
            let needed = self
                .options
                .travel_minutes(self.venues[u as usize].id, self.venues[v as usize].id)
                .unwrap_or(self.options.default_travel_minutes);
            if gap < i64::from(needed) * 60 {
                let persons: Vec<u32> = group.iter().map(|g| g.2).collect();
                out.push(self.travel(a, b, persons, needed, gap));
            }
        }

        // Venues: keyed by venue, or by visit and venue unless the option
        // asks for bookings across visits.
        let mut keys: FastMap<u64, u32> = FastMap::default();
        let mut venue_key = vec![u32::MAX; self.entries.len()];
        // In the input's order, not by start: reading 100,000 items in
        // random order costs a cache miss each.
        for (n, e) in self.entries.iter().enumerate() {
            let Some(v) = e
                .venue
                .filter(|_| e.span.is_some() && !is_journey(e.item.kind))
            else {
                continue;
            };
            venue_key[n] = if self.options.venues_across_visits {
                v
            } else {
                let next = keys.len() as u32;
                *keys
                    .entry(key(e.visit.unwrap_or(u32::MAX), v))
                    .or_insert(next)
            };
        }
        let groups = if self.options.venues_across_visits {
            self.venues.len()
        } else {
            keys.len()
        };
        let buckets = Buckets::new(groups, &timed, |n| {
            let k = venue_key[n as usize];
            (k != u32::MAX).then_some(k).into_iter()
        });
        for k in 0..groups {
            let unlisted = sweep(
                buckets.of(k),
                &starts,
                &ends,
                &mut active,
                twin,
                |a, b| out.push(self.venue_booking(timed[a as usize], timed[b as usize])),
                |_, _| {},
            );
            if let Some(u) = unlisted {
                let first = self.entries[timed[u.first.0 as usize] as usize].venue;
                out.push(self.unlisted(&timed, u, None, first));
            }
        }
    }

    /// The one warning for a person's or venue's double bookings beyond
    /// those listed: how many more, from which pair on.
    fn unlisted(
        &self,
        timed: &[u32],
        u: Unlisted,
        person: Option<u32>,
        venue: Option<u32>,
    ) -> Placed {
        let (a, b) = (timed[u.first.0 as usize], timed[u.first.1 as usize]);
        let more = u32::try_from(u.count).unwrap_or(u32::MAX);
        let (kind, who, persons, venue_id) = match person {
            Some(p) => (
                WarningKind::PersonDoubleBooked,
                self.name(p).to_string(),
                vec![p],
                None,
            ),
            None => {
                let v = venue.unwrap_or_default();
                (
                    WarningKind::VenueDoubleBooked,
                    self.venue_name(v),
                    vec![],
                    self.venues.get(v as usize).map(|r| r.id),
                )
            }
        };
        let message = self.says().more_double_bookings(
            &who,
            more,
            self.label(a),
            &self.other_label(a, b),
            MAX_OVERLAPS_LISTED,
        );
        let mut w = self.warning(kind, &[a, b], persons, venue_id, message);
        w.1.unlisted = Some(more);
        w
    }

    fn double_booking(&self, a: u32, b: u32, persons: Vec<u32>) -> Placed {
        let (ea, eb) = (&self.entries[a as usize], &self.entries[b as usize]);
        let minutes = overlap_minutes(ea, eb);
        let persons = self.ranked(ea.visit, persons);
        let (names, one) = self.names(&persons);
        let message =
            self.says()
                .double_booked(&names, one, self.label(a), &self.other_label(a, b), minutes);
        let mut w = self.warning(
            WarningKind::PersonDoubleBooked,
            &[a, b],
            persons,
            None,
            message,
        );
        w.1.overlap_minutes = Some(minutes);
        w
    }

    fn venue_booking(&self, a: u32, b: u32) -> Placed {
        let (ea, eb) = (&self.entries[a as usize], &self.entries[b as usize]);
        let minutes = overlap_minutes(ea, eb);
        let venue = ea.venue.unwrap_or_default();
        let message = self.says().venue_booked(
            &self.venue_name(venue),
            self.label(a),
            &self.other_label(a, b),
            minutes,
        );
        let mut w = self.warning(
            WarningKind::VenueDoubleBooked,
            &[a, b],
            vec![],
            Some(self.venues[venue as usize].id),
            message,
        );
        w.1.overlap_minutes = Some(minutes);
        w
    }

    fn travel(&self, a: u32, b: u32, persons: Vec<u32>, needed: u32, gap: i64) -> Placed {
        let (ea, eb) = (&self.entries[a as usize], &self.entries[b as usize]);
        let available = u32::try_from(gap.max(0) / 60).unwrap_or(u32::MAX);
        let persons = self.ranked(ea.visit, persons);
        let (names, one) = self.names(&persons);
        let message = self.says().travel_too_short(
            &names,
            one,
            available,
            self.label(a),
            &self.venue_name(ea.venue.unwrap_or_default()),
            &self.other_label(a, b),
            &self.venue_name(eb.venue.unwrap_or_default()),
            needed,
        );
        let mut w = self.warning(WarningKind::TravelTooShort, &[a, b], persons, None, message);
        w.1.needed_minutes = Some(needed);
        w.1.available_minutes = Some(available);
        w
    }

    fn warning(
        &self,
        kind: WarningKind,
        entries: &[u32],
        persons: Vec<u32>,
        venue: Option<VenueId>,
        message: String,
    ) -> Placed {
        let items = || entries.iter().map(|n| &self.entries[*n as usize]);
        let severity = if items().all(|e| e.item.status == ItemStatus::Confirmed) {
            Severity::Conflict
        } else {
            Severity::Tentative
        };
        let mut visits: Vec<VisitId> = Vec::with_capacity(1);
        for e in items() {
            if !visits.contains(&e.item.visit_id) {
                visits.push(e.item.visit_id);
            }
        }
        let order = (
            items().next().map_or(0, |e| e.order),
            items().next_back().map_or(0, |e| e.order),
        );
        (
            order,
            Warning {
                kind,
                severity,
                items: items().map(|e| e.item.id).collect(),
                visits,
                persons: persons
                    .iter()
                    .map(|p| self.persons[*p as usize].id)
                    .collect(),
                venue,
                overlap_minutes: None,
                needed_minutes: None,
                available_minutes: None,
                unlisted: None,
                message,
            },
        )
    }

    /// Persons in order of precedence in the visit (guests first), then
    /// those who are no participant, by name.
    fn ranked(&self, visit: Option<u32>, mut persons: Vec<u32>) -> Vec<u32> {
        persons.sort_by_cached_key(|p| {
            let rank = self.stay(visit, *p).map(|s| s.rank);
            (rank.is_none(), rank, self.name(*p), *p)
        });
        persons
    }

    fn lang(&self) -> Lang {
        self.options.lang
    }

    fn says(&self) -> Says {
        Says(self.options.lang)
    }

    fn name(&self, p: u32) -> &str {
        let rec = &self.persons[p as usize];
        rec.name.get_or_init(|| match rec.person {
            Some(person) => person.display_name(),
            None => rec.id.to_string(),
        })
    }

    /// The persons' names as a list, and whether it is one person.
    fn names(&self, persons: &[u32]) -> (String, bool) {
        let mut names = String::new();
        self.says().list(&mut names, persons.len(), |out, i| {
            out.push_str(self.name(persons[i]));
        });
        (names, persons.len() == 1)
    }

    /// „Title“ (when), the way messages name an item.
    fn label(&self, n: u32) -> &str {
        let e = &self.entries[n as usize];
        e.label.get_or_init(|| {
            self.says()
                .item(e.item.title.best(self.lang()), &e.item.schedule)
        })
    }

    /// The second item of a pair, naming its visit when it is another one.
    fn other_label(&self, a: u32, b: u32) -> Cow<'_, str> {
        let (ea, eb) = (&self.entries[a as usize], &self.entries[b as usize]);
        match eb.visit {
            Some(v) if eb.item.visit_id != ea.item.visit_id => Cow::Owned(self.says().of_visit(
                self.label(b),
                self.visits[v as usize].title.best(self.lang()),
            )),
            _ => Cow::Borrowed(self.label(b)),
        }
    }

    fn venue_name(&self, v: u32) -> String {
        let rec = &self.venues[v as usize];
        match rec.venue {
            Some(venue) if venue.room.is_empty() => venue.name.best(self.lang()).to_string(),
            Some(venue) => format!(
                "{}, {}",
                venue.name.best(self.lang()),
                venue.room.best(self.lang())
            ),
            None => rec.id.to_string(),
        }
    }
}

impl Findings {
    fn push(&mut self, w: Placed) {
        self.0.push(w);
    }
}

/// Ranks of timed items grouped by a key (person or venue), each group in
/// order of rank, made by a counting sort: the items are sorted once, not
/// once per group.
struct Buckets {
    offsets: Vec<u32>,
    ranks: Vec<u32>,
}

impl Buckets {
    fn new<I: Iterator<Item = u32>>(
        groups: usize,
        timed: &[u32],
        keys: impl Fn(u32) -> I,
    ) -> Buckets {
        let mut offsets = vec![0u32; groups + 1];
        for &n in timed {
            for k in keys(n) {
                offsets[k as usize + 1] += 1;
            }
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut fill = offsets.clone();
        let mut ranks = vec![0u32; offsets[groups] as usize];
        for (rank, &n) in timed.iter().enumerate() {
            for k in keys(n) {
                let at = &mut fill[k as usize];
                ranks[*at as usize] = rank as u32;
                *at += 1;
            }
        }
        Buckets { offsets, ranks }
    }

    fn of(&self, group: usize) -> &[u32] {
        &self.ranks[self.offsets[group] as usize..self.offsets[group + 1] as usize]
    }
}

/// The overlaps of one sweep that were counted but not listed: how many,
/// and the first such pair (ranks).
#[derive(Clone, Copy)]
struct Unlisted {
    count: u64,
    first: (u32, u32),
}

/// One sweep over ranks in order of start. `active` holds the earlier items
/// still running, ordered by end so the finished ones leave cheaply; each
/// one still running when the next starts is an overlap. The first
/// [`MAX_OVERLAPS_LISTED`] overlaps are passed to `overlap`; the rest are
/// only counted, so the sweep costs O(m log m + k) for m items and k listed
/// overlaps whatever the programme. When nothing is running, the item that
/// ended last and the next one are passed to `next` (the way from one to
/// the other). Twins (the same item given twice) do not overlap each other.
fn sweep(
    ranks: &[u32],
    starts: &[i64],
    ends: &[i64],
    active: &mut BinaryHeap<Reverse<(i64, u32)>>,
    twin: impl Fn(u32, u32) -> bool,
    mut overlap: impl FnMut(u32, u32),
    mut next: impl FnMut(u32, u32),
) -> Option<Unlisted> {
    active.clear();
    let mut listed = 0usize;
    let mut unlisted: Option<Unlisted> = None;
    let mut last: Option<u32> = None;
    for &r in ranks {
        let s = starts[r as usize];
        while active.peek().is_some_and(|Reverse((end, _))| *end <= s) {
            active.pop();
        }
        if active.is_empty() {
            if let Some(l) = last {
                next(l, r);
            }
        } else if listed < MAX_OVERLAPS_LISTED {
            for &Reverse((_, a)) in active.iter() {
                if twin(a, r) {
                    continue;
                }
                if listed < MAX_OVERLAPS_LISTED {
                    overlap(a, r);
                    listed += 1;
                } else {
                    let u = unlisted.get_or_insert(Unlisted {
                        count: 0,
                        first: (a, r),
                    });
                    u.count += 1;
                }
            }
        } else {
            // Past the cap, twins are not told apart: the count is what a
            // person has to sort out either way.
            let u = unlisted.get_or_insert(Unlisted {
                count: 0,
                first: (active.peek().map_or(r, |Reverse((_, a))| *a), r),
            });
            u.count += active.len() as u64;
        }
        active.push(Reverse((ends[r as usize], r)));
        if last.is_none_or(|l| ends[r as usize] > ends[l as usize]) {
            last = Some(r);
        }
    }
    unlisted
}

fn overlap_minutes(a: &Entry<'_>, b: &Entry<'_>) -> u32 {
    let ((s1, e1), (s2, e2)) = (a.span.unwrap_or_default(), b.span.unwrap_or_default());
    let seconds = (e1.min(e2) - s1.max(s2)).max(0);
    u32::try_from((seconds + 59) / 60).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_travel_pair_is_set_once_in_either_order_and_forgotten() {
        let (a, b) = (VenueId::derived("a"), VenueId::derived("b"));
        let mut s = CheckSettings::default();
        s.set_travel(a, b, Some(20));
        s.set_travel(b, a, Some(45));
        assert_eq!(
            s.travel,
            vec![TravelTime {
                from: b,
                to: a,
                minutes: 45
            }]
        );
        s.set_travel(a, b, None);
        assert!(s.travel.is_empty());
    }
    use crate::tz::{Asia::Shanghai, Europe::Berlin, Tz};
    use crate::{Direction, Movement, NameOrder, Occurrence, Texts, demo};

    fn person(key: &str, family: &str, given: &str, zh: Option<&str>, langs: &[&str]) -> Person {
        let order = if zh.is_some() {
            NameOrder::FamilyFirst
        } else {
            NameOrder::GivenFirst
        };
        let mut p = Person::new(PersonId::derived(key), family, given, order);
        p.name_zh = zh.map(Into::into);
        p.languages = langs.iter().map(|l| l.to_string()).collect();
        p
    }

    fn liu() -> Person {
        person("liu", "Liu", "Qiang", Some("刘强"), &["zh"])
    }
    fn wang() -> Person {
        person("wang", "Wang", "Fang", Some("王芳"), &["zh", "en"])
    }
    fn zhao() -> Person {
        person("zhao", "Zhao", "Lei", Some("赵磊"), &[])
    }
    fn berger() -> Person {
        let mut p = person("berger", "Berger", "Anna", None, &["de", "en"]);
        p.academic_title = Some("Dr.".into());
        p
    }
    fn xu() -> Person {
        person("xu", "Xu", "Yan", Some("徐燕"), &["de", "zh", "en"])
    }
    fn wagner() -> Person {
        person("wagner", "Wagner", "Julia", None, &["de", "en"])
    }

    fn at(local: &str, zone: Tz) -> ZonedLocal {
        ZonedLocal::parse(local, zone).unwrap()
    }

    fn berlin(start: &str, end: &str) -> Schedule {
        Schedule::Timed {
            start: at(start, Berlin),
            end: at(end, Berlin),
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// A hand-built visit: persons join in the order added, guests and
    /// hosts each by precedence.
    struct Fixture {
        file: VisitFile,
    }

    impl Fixture {
        fn new(key: &str, title: &str, first: &str, last: &str) -> Fixture {
            let visit = Visit {
                id: VisitId::derived(key),
                title: Texts::de(title),
                direction: Direction::Incoming,
                partner_city: "Luzhou".into(),
                first_day: day(first),
                last_day: day(last),
                time_zone: Berlin,
                status: VisitStatus::Confirmed,
                hosts: vec![],
                notes: String::new(),
                guest_notes: Default::default(),
                contacts: vec![],
            };
            Fixture {
                file: VisitFile::new(demo::stamp(), visit),
            }
        }

        /// The usual cast: 刘强 and 王芳 as guests; Dr. Anna Berger, 徐燕
        /// (interpreter) and Julia Wagner as hosts; 赵磊, languages unknown.
        fn with_cast(key: &str, first: &str, last: &str) -> Fixture {
            let mut f = Fixture::new(key, "Testbesuch", first, last);
            f.join(liu(), Side::Guest, Role::HeadOfDelegation);
            f.join(wang(), Side::Guest, Role::Member);
            f.join(zhao(), Side::Guest, Role::Member);
            f.join(berger(), Side::Host, Role::Host);
            f.join(xu(), Side::Host, Role::Interpreter);
            f.join(wagner(), Side::Host, Role::Staff);
            f
        }

        fn join(&mut self, p: Person, side: Side, role: Role) -> &mut Participant {
            let precedence = self
                .file
                .participants
                .iter()
                .filter(|x| x.side == side)
                .count() as u32
                + 1;
            self.file.participants.push(Participant {
                visit_id: self.file.visit.id,
                person_id: p.id,
                side,
                role,
                precedence,
                arrival: None,
                departure: None,
                hotel: None,
            });
            self.file.persons.push(p);
            self.file.participants.last_mut().unwrap()
        }

        fn participant(&mut self, p: &Person) -> &mut Participant {
            self.file
                .participants
                .iter_mut()
                .find(|x| x.person_id == p.id)
                .unwrap()
        }

        fn venue(&mut self, key: &str, name: &str, room: Option<&str>, address: &str) -> VenueId {
            let id = VenueId::derived(key);
            self.file.venues.push(Venue {
                id,
                name: Texts::de(name),
                address: address.into(),
                address_zh: None,
                room: room.map(Texts::de).unwrap_or_default(),
                time_zone: Berlin,
            });
            id
        }

        fn item(
            &mut self,
            title: &str,
            schedule: Schedule,
            venue: Option<VenueId>,
            people: &[&Person],
        ) -> &mut ProgrammeItem {
            self.file.programme.push(ProgrammeItem {
                id: ItemId::derived(&format!("{}/{title}", self.file.visit.id)),
                visit_id: self.file.visit.id,
                title: Texts::de(title),
                kind: ItemKind::Meeting,
                schedule,
                venue_id: venue,
                attendees: people.iter().map(|p| p.id).collect(),
                responsible: vec![],
                notes: String::new(),
                guest_notes: Default::default(),
                dress_code: Texts::default(),
                transport: None,
                status: ItemStatus::Confirmed,
                revision: 0,
            });
            self.file.programme.last_mut().unwrap()
        }

        fn id(&self, title: &str) -> ItemId {
            self.file
                .programme
                .iter()
                .find(|i| i.title.best(Lang::De) == title)
                .unwrap()
                .id
        }

        fn check(&self, options: &CheckOptions) -> Vec<Warning> {
            check(&CheckInput::from_file(&self.file), options)
        }

        fn messages(&self) -> Vec<String> {
            messages(&self.check(&CheckOptions::default()))
        }
    }

    fn messages(warnings: &[Warning]) -> Vec<String> {
        warnings.iter().map(|w| w.message.clone()).collect()
    }

    fn rathaus(f: &mut Fixture) -> VenueId {
        f.venue(
            "rathaus",
            "Rathaus Herne",
            Some("Ratssaal"),
            "Friedrich-Ebert-Platz 2, 44623 Herne",
        )
    }

    fn hafen(f: &mut Fixture) -> VenueId {
        f.venue(
            "hafen",
            "duisport",
            None,
            "Alte Ruhrorter Straße 42, 47119 Duisburg",
        )
    }

    #[test]
    fn a_person_in_two_overlapping_items_golden() {
        let mut f = Fixture::with_cast("golden", "2027-03-24", "2027-03-28");
        let (r, h) = (rathaus(&mut f), hafen(&mut f));
        f.item(
            "Empfang im Rathaus",
            berlin("2027-03-25T10:00", "2027-03-25T11:30"),
            Some(r),
            &[&liu(), &berger(), &xu()],
        );
        f.item(
            "Besuch Hafen",
            berlin("2027-03-25T11:00", "2027-03-25T12:00"),
            Some(h),
            &[&xu(), &liu(), &wagner()],
        );
        let warnings = f.check(&CheckOptions::default());
        let expected = Warning {
            kind: WarningKind::PersonDoubleBooked,
            severity: Severity::Conflict,
            items: vec![f.id("Empfang im Rathaus"), f.id("Besuch Hafen")],
            visits: vec![f.file.visit.id],
            persons: vec![liu().id, xu().id],
            venue: None,
            overlap_minutes: Some(30),
            needed_minutes: None,
            available_minutes: None,
            unlisted: None,
            message: "刘强 Liu Qiang and 徐燕 Xu Yan are in „Empfang im Rathaus“ (2027-03-25 10:00–11:30 CET) and „Besuch Hafen“ (2027-03-25 11:00–12:00 CET) at once for 30 minutes".into(),
        };
        assert_eq!(warnings, [expected]);
        let json = serde_json::to_value(&warnings[0]).unwrap();
        assert_eq!(json["kind"], "person_double_booked");
        assert_eq!(json["severity"], "conflict");
        assert_eq!(json["overlap_minutes"], 30);
        assert_eq!(json["venue"], serde_json::Value::Null);
    }

    #[test]
    fn warnings_are_written_in_the_readers_language_with_the_same_code() {
        let mut f = Fixture::with_cast("langs", "2027-03-24", "2027-03-28");
        let r = rathaus(&mut f);
        f.item(
            "Empfang im Rathaus",
            berlin("2027-03-25T10:00", "2027-03-25T11:30"),
            Some(r),
            &[&liu(), &xu()],
        )
        .title = Texts {
            de: Some("Empfang im Rathaus".into()),
            en: Some("Reception at the town hall".into()),
            zh: Some("市政厅欢迎仪式".into()),
        };
        f.item(
            "Videokonferenz",
            Schedule::Timed {
                start: at("2027-03-25T17:30", Shanghai),
                end: at("2027-03-25T18:00", Shanghai),
            },
            None,
            &[&liu()],
        );
        // 02:30 on the night the clocks go forward does not exist.
        f.item(
            "Nachtzug",
            berlin("2027-03-28T02:30", "2027-03-28T05:00"),
            None,
            &[&wagner()],
        );
        let says = |lang: Lang| {
            let options = CheckOptions {
                lang,
                ..CheckOptions::default()
            };
            let w = f.check(&options);
            let kinds: Vec<_> = w.iter().map(|w| w.kind).collect();
            assert_eq!(
                kinds,
                [WarningKind::PersonDoubleBooked, WarningKind::InvalidTime],
                "{lang:?}"
            );
            messages(&w)
        };
        assert_eq!(
            says(Lang::De),
            [
                "刘强 Liu Qiang ist 30 Minuten lang gleichzeitig in „Empfang im Rathaus“ (25.03.2027 10:00–11:30 MEZ) und „Videokonferenz“ (25.03.2027 17:30–18:00 CST)",
                "„Nachtzug“ kann nicht geprüft werden: Beginn: 28.03.2027 02:30 gibt es in Europe/Berlin nicht: Die Uhren überspringen diese Stunde (Beginn der Sommerzeit)",
            ]
        );
        assert_eq!(
            says(Lang::En),
            [
                "刘强 Liu Qiang is in „Reception at the town hall“ (2027-03-25 10:00–11:30 CET) and „Videokonferenz“ (2027-03-25 17:30–18:00 CST) at once for 30 minutes",
                "„Nachtzug“ cannot be checked: its start 2027-03-28T02:30 does not exist in Europe/Berlin: the clocks skip that hour (daylight saving time begins)",
            ]
        );
        assert_eq!(
            says(Lang::Zh),
            [
                "刘强 Liu Qiang同时安排在“市政厅欢迎仪式”（2027年3月25日 10:00–11:30 欧洲中部时间）和“Videokonferenz”（2027年3月25日 17:30–18:00 北京时间），重叠30分钟",
                "无法检查“Nachtzug”：开始时间：Europe/Berlin不存在2027年3月28日 02:30：夏令时开始时时钟跳过这一小时",
            ]
        );
    }

    #[test]
    fn items_that_touch_do_not_overlap() {
        let mut f = Fixture::with_cast("touch", "2027-03-24", "2027-03-28");
        let r = rathaus(&mut f);
        f.item(
            "Empfang",
            berlin("2027-03-25T10:00", "2027-03-25T11:00"),
            Some(r),
            &[&liu(), &xu()],
        );
        f.item(
            "Mittagessen",
            berlin("2027-03-25T11:00", "2027-03-25T12:00"),
            Some(r),
            &[&liu(), &xu()],
        );
        assert_eq!(f.messages(), Vec::<String>::new());
    }

    #[test]
    fn cancelled_items_and_visits_take_part_in_nothing() {
        let mut f = Fixture::with_cast("cancelled", "2027-03-24", "2027-03-28");
        let r = rathaus(&mut f);
        f.item(
            "Empfang",
            berlin("2027-03-25T10:00", "2027-03-25T11:30"),
            Some(r),
            &[&liu(), &berger()],
        )
        .status = ItemStatus::Cancelled;
        f.item(
            "Abgesagter Besuch",
            berlin("2027-03-25T11:00", "2027-03-25T12:00"),
            Some(r),
            &[&liu(), &xu()],
        );
        f.item(
            "Niemand kommt",
            berlin("2027-03-29T11:00", "2027-03-29T12:00"),
            Some(r),
            &[],
        )
        .status = ItemStatus::Cancelled;
        assert_eq!(f.messages(), Vec::<String>::new());

        // Once the cancelled item is back, it clashes; once the visit is
        // cancelled, nothing does.
        f.file.programme[0].status = ItemStatus::Confirmed;
        assert_eq!(f.messages().len(), 3, "{:?}", f.messages());
        f.file.visit.status = VisitStatus::Cancelled;
        assert_eq!(f.messages(), Vec::<String>::new());
    }

    #[test]
    fn a_tentative_item_gives_a_tentative_warning() {
        let mut f = Fixture::with_cast("tentative", "2027-03-24", "2027-03-28");
        f.item(
            "Empfang",
            berlin("2027-03-25T10:00", "2027-03-25T11:30"),
            None,
            &[&liu(), &xu()],
        );
        f.item(
            "Vielleicht Hafen",
            berlin("2027-03-25T11:00", "2027-03-25T12:00"),
            None,
            &[&liu(), &xu()],
        )
        .status = ItemStatus::Tentative;
        f.item(
            "Gespräch",
            berlin("2027-03-25T11:45", "2027-03-25T12:30"),
            None,
            &[&liu(), &berger()],
        );
        let got: Vec<(WarningKind, Severity)> = f
            .check(&CheckOptions::default())
            .iter()
            .map(|w| (w.kind, w.severity))
            .collect();
        assert_eq!(
            got,
            [
                (WarningKind::PersonDoubleBooked, Severity::Tentative),
                (WarningKind::PersonDoubleBooked, Severity::Tentative),
                (WarningKind::NoCommonLanguage, Severity::Conflict),
            ]
        );
    }

    #[test]
    fn every_overlapping_pair_is_reported_once_and_nested_items_only_with_their_container() {
        let mut f = Fixture::with_cast("nested", "2027-03-24", "2027-03-28");
        for (title, start, end) in [
            ("Ganzer Tag", "09:00", "17:00"),
            ("Erstes", "10:00", "11:00"),
            ("Zweites", "12:00", "13:00"),
            ("Drittes", "12:30", "14:00"),
        ] {
            f.item(
                title,
                berlin(&format!("2027-03-25T{start}"), &format!("2027-03-25T{end}")),
                None,
                &[&liu()],
            );
        }
        assert_eq!(
            f.messages(),
            [
                "刘强 Liu Qiang is in „Ganzer Tag“ (2027-03-25 09:00–17:00 CET) and „Erstes“ (2027-03-25 10:00–11:00 CET) at once for 60 minutes",
                "刘强 Liu Qiang is in „Ganzer Tag“ (2027-03-25 09:00–17:00 CET) and „Zweites“ (2027-03-25 12:00–13:00 CET) at once for 60 minutes",
                "刘强 Liu Qiang is in „Ganzer Tag“ (2027-03-25 09:00–17:00 CET) and „Drittes“ (2027-03-25 12:30–14:00 CET) at once for 90 minutes",
                "刘强 Liu Qiang is in „Zweites“ (2027-03-25 12:00–13:00 CET) and „Drittes“ (2027-03-25 12:30–14:00 CET) at once for 30 minutes",
            ]
        );
    }

    #[test]
    fn a_venue_booked_twice_within_the_visit_and_across_visits() {
        let mut f = Fixture::with_cast("venue", "2027-03-24", "2027-03-28");
        let r = rathaus(&mut f);
        f.item(
            "Empfang",
            berlin("2027-03-25T10:00", "2027-03-25T11:00"),
            Some(r),
            &[&liu(), &xu()],
        );
        f.item(
            "Ratssitzung",
            berlin("2027-03-25T10:30", "2027-03-25T11:30"),
            Some(r),
            &[&berger(), &wagner()],
        );
        assert_eq!(
            f.messages(),
            [
                "Rathaus Herne, Ratssaal is booked for „Empfang“ (2027-03-25 10:00–11:00 CET) and „Ratssitzung“ (2027-03-25 10:30–11:30 CET) at once for 30 minutes"
            ]
        );

        let mut other = Fixture::new("other", "Zweiter Besuch", "2027-03-25", "2027-03-26");
        other.join(wang(), Side::Guest, Role::HeadOfDelegation);
        let r = rathaus(&mut other);
        other.item(
            "Vortrag",
            berlin("2027-03-25T10:45", "2027-03-25T12:00"),
            Some(r),
            &[&wang()],
        );
        f.file.programme.remove(1);
        let input = CheckInput::from_files([&f.file, &other.file]);
        assert_eq!(
            messages(&check(&input, &CheckOptions::default())),
            Vec::<String>::new(),
            "venues are checked per visit unless asked"
        );
        let across = CheckOptions {
            venues_across_visits: true,
            ..CheckOptions::default()
        };
        let warnings = check(&input, &across);
        assert_eq!(
            messages(&warnings),
            [
                "Rathaus Herne, Ratssaal is booked for „Empfang“ (2027-03-25 10:00–11:00 CET) and „Vortrag“ (2027-03-25 10:45–12:00 CET) of „Zweiter Besuch“ at once for 15 minutes"
            ]
        );
        assert_eq!(warnings[0].visits, [f.file.visit.id, other.file.visit.id]);
        assert_eq!(warnings[0].venue, Some(r));
    }

    #[test]
    fn a_visit_given_twice_gives_its_warnings_once() {
        let mut f = Fixture::with_cast("twice", "2027-03-24", "2027-03-28");
        let (r, h) = (rathaus(&mut f), hafen(&mut f));
        f.item(
            "Empfang",
            berlin("2027-03-25T10:00", "2027-03-25T11:00"),
            Some(r),
            &[&liu(), &berger()],
        );
        f.item(
            "Sitzung",
            berlin("2027-03-25T10:30", "2027-03-25T11:30"),
            Some(r),
            &[&liu()],
        );
        f.item(
            "Hafen",
            berlin("2027-03-25T11:40", "2027-03-25T12:00"),
            Some(h),
            &[&liu()],
        );
        f.item(
            "Danach",
            berlin("2027-03-29T10:00", "2027-03-29T11:00"),
            None,
            &[],
        );
        let once = f.check(&CheckOptions::default());
        assert_eq!(once.len(), 5, "{:?}", messages(&once));
        for across in [false, true] {
            let options = CheckOptions {
                venues_across_visits: across,
                ..CheckOptions::default()
            };
            let twice = check(&CheckInput::from_files([&f.file, &f.file]), &options);
            assert_eq!(twice, once);
        }
    }

    #[test]
    fn an_airport_is_not_booked_like_a_room() {
        let mut f = Fixture::with_cast("airport", "2027-03-24", "2027-03-28");
        let dus = f.venue("dus", "Flughafen Düsseldorf", None, "40474 Düsseldorf");
        f.item(
            "Abholung",
            berlin("2027-03-24T14:00", "2027-03-24T15:00"),
            Some(dus),
            &[&wagner()],
        )
        .kind = ItemKind::Transfer;
        f.item(
            "Abflug",
            berlin("2027-03-24T14:30", "2027-03-24T16:00"),
            Some(dus),
            &[&berger()],
        )
        .kind = ItemKind::Flight;
        assert_eq!(f.messages(), Vec::<String>::new());
    }

    #[test]
    fn too_little_time_between_venues() {
        let mut f = Fixture::with_cast("travel", "2027-03-24", "2027-03-28");
        let r = rathaus(&mut f);
        let ob = f.venue(
            "rathaus-ob",
            "Rathaus Herne",
            Some("Besprechungsraum"),
            "Friedrich-Ebert-Platz 2, 44623 Herne",
        );
        let h = hafen(&mut f);
        let hotel = f.venue(
            "hotel",
            "Parkhotel",
            None,
            "Schaeferstraße 109, 44623 Herne",
        );
        let castle = f.venue(
            "schloss",
            "Schloss Strünkede",
            None,
            "Karl-Brandt-Weg 5, 44629 Herne",
        );
        let both = [&liu(), &xu()];
        f.item(
            "Empfang",
            berlin("2027-03-25T10:00", "2027-03-25T11:00"),
            Some(r),
            &both,
        );
        // Another room at the same address needs no travel time.
        f.item(
            "Gespräch",
            berlin("2027-03-25T11:15", "2027-03-25T12:00"),
            Some(ob),
            &both,
        );
        f.item(
            "Besuch Hafen",
            berlin("2027-03-25T12:20", "2027-03-25T13:00"),
            Some(h),
            &both,
        );
        // A transfer is the way itself.
        f.item(
            "Fahrt",
            berlin("2027-03-25T13:00", "2027-03-25T13:30"),
            Some(hotel),
            &both,
        )
        .kind = ItemKind::Transfer;
        f.item(
            "Abendessen",
            berlin("2027-03-25T13:35", "2027-03-25T15:00"),
            Some(castle),
            &both,
        );
        let expected = "刘强 Liu Qiang and 徐燕 Xu Yan have 20 minutes from „Gespräch“ (2027-03-25 11:15–12:00 CET) at Rathaus Herne, Besprechungsraum to „Besuch Hafen“ (2027-03-25 12:20–13:00 CET) at duisport; the way takes 30 minutes";
        assert_eq!(f.messages(), [expected]);
        let w = &f.check(&CheckOptions::default())[0];
        assert_eq!(
            (w.needed_minutes, w.available_minutes),
            (Some(30), Some(20))
        );

        let quick = CheckOptions::default().with_travel(ob, h, 15);
        assert_eq!(messages(&f.check(&quick)), Vec::<String>::new());
        // The table serves both directions.
        let slow = CheckOptions::default().with_travel(h, ob, 45);
        assert_eq!(
            messages(&f.check(&slow)),
            [expected.replace("takes 30", "takes 45")]
        );
        let off = CheckOptions {
            default_travel_minutes: 0,
            ..CheckOptions::default()
        };
        assert_eq!(messages(&f.check(&off)), Vec::<String>::new());
    }

    #[test]
    fn the_way_is_measured_from_the_item_that_ended_last() {
        let mut f = Fixture::with_cast("last", "2027-03-24", "2027-03-28");
        let (r, h) = (rathaus(&mut f), hafen(&mut f));
        f.item(
            "Lang",
            berlin("2027-03-25T09:00", "2027-03-25T10:00"),
            Some(r),
            &[&liu()],
        );
        f.item(
            "Kurz",
            berlin("2027-03-25T09:15", "2027-03-25T09:30"),
            Some(r),
            &[&liu()],
        );
        f.item(
            "Hafen",
            berlin("2027-03-25T10:05", "2027-03-25T11:00"),
            Some(h),
            &[&liu()],
        );
        assert_eq!(
            f.messages(),
            [
                "刘强 Liu Qiang is in „Lang“ (2027-03-25 09:00–10:00 CET) and „Kurz“ (2027-03-25 09:15–09:30 CET) at once for 15 minutes",
                "Rathaus Herne, Ratssaal is booked for „Lang“ (2027-03-25 09:00–10:00 CET) and „Kurz“ (2027-03-25 09:15–09:30 CET) at once for 15 minutes",
                "刘强 Liu Qiang has 5 minutes from „Lang“ (2027-03-25 09:00–10:00 CET) at Rathaus Herne, Ratssaal to „Hafen“ (2027-03-25 10:05–11:00 CET) at duisport; the way takes 30 minutes",
            ]
        );
    }

    #[test]
    fn a_night_flight_across_zones_then_too_little_time_after_landing() {
        let mut f = Fixture::with_cast("flight", "2027-03-22", "2027-03-26");
        let pvg = f.venue("pvg", "Flughafen Shanghai Pudong", None, "Pudong, Shanghai");
        let messe = f.venue(
            "messe",
            "Messe Düsseldorf",
            None,
            "Messeplatz, 40474 Düsseldorf",
        );
        // 01:30 in Shanghai is 17:30 UTC the day before; 06:00 CET is 05:00 UTC.
        f.item(
            "Flug Shanghai – Düsseldorf",
            Schedule::Timed {
                start: at("2027-03-23T01:30", Shanghai),
                end: at("2027-03-23T06:00", Berlin),
            },
            Some(pvg),
            &[&liu()],
        )
        .kind = ItemKind::Flight;
        f.item(
            "Messebesuch",
            berlin("2027-03-23T06:30", "2027-03-23T08:00"),
            Some(messe),
            &[&liu()],
        );
        let options = CheckOptions {
            default_travel_minutes: 45,
            ..CheckOptions::default()
        };
        assert_eq!(
            messages(&f.check(&options)),
            [
                "刘强 Liu Qiang has 30 minutes from „Flug Shanghai – Düsseldorf“ (2027-03-23 01:30 CST – 06:00 CET) at Flughafen Shanghai Pudong to „Messebesuch“ (2027-03-23 06:30–08:00 CET) at Messe Düsseldorf; the way takes 45 minutes"
            ]
        );
    }

    #[test]
    fn the_night_the_clocks_go_forward_is_an_hour_shorter_and_its_gap_is_named() {
        let mut f = Fixture::with_cast("spring", "2026-03-27", "2026-03-30");
        let both = [&liu(), &xu()];
        // 01:30 CET to 03:30 CEST is one hour: 00:30 to 01:30 UTC.
        f.item(
            "Nachtfahrt",
            berlin("2026-03-29T01:30", "2026-03-29T03:30"),
            None,
            &both,
        );
        f.item(
            "Frühstück",
            berlin("2026-03-29T03:15", "2026-03-29T04:00"),
            None,
            &both,
        );
        f.item(
            "Danach",
            berlin("2026-03-29T04:00", "2026-03-29T05:00"),
            None,
            &both,
        );
        // 02:30 does not exist that night.
        f.item(
            "Lesung",
            berlin("2026-03-29T02:30", "2026-03-29T03:00"),
            None,
            &both,
        );
        assert_eq!(
            f.messages(),
            [
                "刘强 Liu Qiang and 徐燕 Xu Yan are in „Nachtfahrt“ (2026-03-29 01:30 CET – 03:30 CEST) and „Frühstück“ (2026-03-29 03:15–04:00 CEST) at once for 15 minutes",
                "„Lesung“ cannot be checked: its start 2026-03-29T02:30 does not exist in Europe/Berlin: the clocks skip that hour (daylight saving time begins)",
            ]
        );
    }

    #[test]
    fn the_repeated_hour_is_told_apart_by_its_occurrence() {
        let mut f = Fixture::with_cast("autumn", "2026-10-23", "2026-10-27");
        let both = [&liu(), &xu()];
        let once = |local: &str, occurrence| ZonedLocal {
            occurrence: Some(occurrence),
            ..at(local, Berlin)
        };
        // 00:00–00:45 UTC and 01:30–01:45 UTC: the same digits, an hour apart.
        f.item(
            "Erste Runde",
            Schedule::Timed {
                start: once("2026-10-25T02:00", Occurrence::First),
                end: once("2026-10-25T02:45", Occurrence::First),
            },
            None,
            &both,
        );
        f.item(
            "Zweite Runde",
            Schedule::Timed {
                start: once("2026-10-25T02:30", Occurrence::Second),
                end: once("2026-10-25T02:45", Occurrence::Second),
            },
            None,
            &both,
        );
        f.item(
            "Dritte Runde",
            berlin("2026-10-25T02:40", "2026-10-25T02:40"),
            None,
            &both,
        )
        .schedule = Schedule::Timed {
            start: once("2026-10-25T02:40", Occurrence::Second),
            end: at("2026-10-25T03:10", Berlin),
        };
        f.item(
            "Ohne Angabe",
            berlin("2026-10-25T02:30", "2026-10-25T03:30"),
            None,
            &both,
        );
        assert_eq!(
            f.messages(),
            [
                "刘强 Liu Qiang and 徐燕 Xu Yan are in „Zweite Runde“ (2026-10-25 02:30–02:45 CET) and „Dritte Runde“ (2026-10-25 02:40–03:10 CET) at once for 5 minutes",
                "„Ohne Angabe“ cannot be checked: its start 2026-10-25T02:30 happens twice in Europe/Berlin (the clocks go back): say whether the first (summer time) or the second (standard time) is meant",
            ]
        );
    }

    #[test]
    fn items_before_the_arrival_or_after_the_departure() {
        let mut f = Fixture::with_cast("presence", "2027-03-24", "2027-03-28");
        let movement = |local: &str| {
            Some(Movement {
                at: at(local, Berlin),
                place: "Flughafen Düsseldorf (DUS)".into(),
                transport: None,
            })
        };
        for p in [liu(), wang()] {
            let x = f.participant(&p);
            x.arrival = movement("2027-03-24T14:35");
            x.departure = movement("2027-03-28T12:40");
        }
        f.participant(&wang()).departure = movement("2027-03-26T20:00");
        // The journeys themselves are exempt.
        f.item(
            "Ankunft",
            berlin("2027-03-24T14:35", "2027-03-24T15:30"),
            None,
            &[&liu(), &wang(), &xu()],
        )
        .kind = ItemKind::Transfer;
        f.item(
            "Rückflug",
            Schedule::Timed {
                start: at("2027-03-28T12:40", Berlin),
                end: at("2027-03-29T08:30", Shanghai),
            },
            None,
            &[&liu()],
        )
        .kind = ItemKind::Flight;
        f.item(
            "Stadtführung",
            berlin("2027-03-24T13:00", "2027-03-24T14:00"),
            None,
            &[&liu(), &wang(), &xu()],
        );
        f.item(
            "Stadtrundgang",
            berlin("2027-03-24T15:30", "2027-03-24T16:00"),
            None,
            &[&liu(), &wang(), &xu()],
        );
        let hotel = f.item(
            "Hotel",
            Schedule::AllDay {
                first_day: day("2027-03-24"),
                last_day: day("2027-03-27"),
            },
            None,
            &[&liu(), &wang()],
        );
        hotel.kind = ItemKind::Hotel;
        f.item(
            "Ausflug",
            Schedule::AllDay {
                first_day: day("2027-03-27"),
                last_day: day("2027-03-27"),
            },
            None,
            &[&liu(), &wang(), &xu()],
        );
        f.item(
            "Abschied",
            berlin("2027-03-28T12:00", "2027-03-28T13:00"),
            None,
            &[&xu()],
        )
        .responsible = vec![liu().id];
        assert_eq!(
            f.messages(),
            [
                "刘强 Liu Qiang and 王芳 Wang Fang arrive at 2027-03-24 14:35 CET, after the start of „Stadtführung“ (2027-03-24 13:00–14:00 CET)",
                "王芳 Wang Fang departs at 2027-03-26 20:00 CET, before the end of „Ausflug“ (2027-03-27, all day)",
                "刘强 Liu Qiang departs at 2027-03-28 12:40 CEST, before the end of „Abschied“ (2027-03-28 12:00–13:00 CEST)",
                // Responsible for the farewell and on the plane: both true.
                "刘强 Liu Qiang is in „Abschied“ (2027-03-28 12:00–13:00 CEST) and „Rückflug“ (2027-03-28 12:40 CEST – 2027-03-29 08:30 CST) at once for 20 minutes",
            ]
        );
    }

    #[test]
    fn items_outside_the_visit_days() {
        let mut f = Fixture::with_cast("days", "2027-03-24", "2027-03-28");
        f.item(
            "Vorgespräch",
            berlin("2027-03-23T10:00", "2027-03-23T11:00"),
            None,
            &[],
        );
        // Ending at midnight is still the last day.
        f.item(
            "Spätes Essen",
            berlin("2027-03-28T21:00", "2027-03-29T00:00"),
            None,
            &[],
        );
        f.item(
            "Nachtbar",
            berlin("2027-03-28T23:00", "2027-03-29T01:00"),
            None,
            &[],
        );
        f.item(
            "Hotel",
            Schedule::AllDay {
                first_day: day("2027-03-24"),
                last_day: day("2027-03-29"),
            },
            None,
            &[],
        )
        .kind = ItemKind::Hotel;
        // A journey need only touch the visit's days.
        f.item(
            "Anreise",
            Schedule::Timed {
                start: at("2027-03-23T23:30", Shanghai),
                end: at("2027-03-24T06:00", Berlin),
            },
            None,
            &[],
        )
        .kind = ItemKind::Flight;
        f.item(
            "Rückflug",
            Schedule::Timed {
                start: at("2027-03-28T12:40", Berlin),
                end: at("2027-03-29T08:30", Shanghai),
            },
            None,
            &[],
        )
        .kind = ItemKind::Flight;
        assert_eq!(
            f.messages(),
            [
                "„Vorgespräch“ (2027-03-23 10:00–11:00 CET) is outside the days of „Testbesuch“ (2027-03-24 – 2027-03-28)",
                "„Hotel“ (2027-03-24 – 2027-03-29, all day) is outside the days of „Testbesuch“ (2027-03-24 – 2027-03-28)",
                "„Nachtbar“ (2027-03-28 23:00 – 2027-03-29 01:00 CEST) is outside the days of „Testbesuch“ (2027-03-24 – 2027-03-28)",
            ]
        );
    }

    #[test]
    fn people_without_a_common_language_need_an_interpreter() {
        let mut f = Fixture::with_cast("language", "2027-03-24", "2027-03-28");
        let slot = |h: u32| {
            berlin(
                &format!("2027-03-25T{h:02}:00"),
                &format!("2027-03-25T{h:02}:30"),
            )
        };
        f.item("Ohne Dolmetscherin", slot(9), None, &[&liu(), &berger()]);
        f.item(
            "Mit Dolmetscherin",
            slot(10),
            None,
            &[&liu(), &berger(), &xu()],
        );
        // 赵磊's languages are unknown, which is no conflict.
        f.item("Unbekannt", slot(11), None, &[&zhao(), &berger()]);
        f.item("Englisch", slot(12), None, &[&wang(), &berger()]);
        f.item("Hotel", slot(13), None, &[&liu(), &berger()]).kind = ItemKind::Hotel;
        // Responsible persons count too.
        f.item("Verantwortlich", slot(14), None, &[&liu()])
            .responsible = vec![wagner().id];
        assert_eq!(
            f.messages(),
            [
                "The people in „Ohne Dolmetscherin“ (2027-03-25 09:00–09:30 CET) share no language and none of them is an interpreter: 刘强 Liu Qiang (zh) and Dr. Anna Berger (de, en)",
                "The people in „Verantwortlich“ (2027-03-25 14:00–14:30 CET) share no language and none of them is an interpreter: 刘强 Liu Qiang (zh) and Julia Wagner (de, en)",
            ]
        );
    }

    #[test]
    fn remembered_offsets_agree_with_the_zone_rules() {
        // Lord Howe moves its clocks by half an hour, Kathmandu is 5:45 ahead,
        // Chatham changes at 02:45; every local quarter hour of two years.
        let zones: [Tz; 6] = [
            Berlin,
            Shanghai,
            crate::tz::Australia::Lord_Howe,
            crate::tz::Asia::Kathmandu,
            crate::tz::Pacific::Chatham,
            crate::tz::America::St_Johns,
        ];
        let mut clock = Clock::default();
        let start = day("2026-01-01").and_time(NaiveTime::MIN);
        for zone in zones {
            for q in 0..(2 * 366 * 24 * 4) {
                for occurrence in [None, Some(Occurrence::First), Some(Occurrence::Second)] {
                    let t = ZonedLocal {
                        local: start + Duration::minutes(q * 15),
                        zone,
                        occurrence,
                    };
                    let exact = t.utc().map(|u| u.timestamp());
                    assert_eq!(clock.utc(&t), exact, "{t:?}");
                }
            }
        }
    }

    fn list(names: &[&str]) -> String {
        let mut out = String::new();
        Says(Lang::En).list(&mut out, names.len(), |o, i| o.push_str(names[i]));
        out
    }

    #[test]
    fn long_lists_of_names_are_cut_short() {
        assert_eq!(list(&[]), "");
        assert_eq!(list(&["A"]), "A");
        assert_eq!(list(&["A", "B"]), "A and B");
        assert_eq!(list(&["A", "B", "C", "D", "E"]), "A, B, C, D and E");
        assert_eq!(
            list(&["A", "B", "C", "D", "E", "F"]),
            "A, B, C, D and 2 others"
        );
    }

    #[test]
    fn the_demo_visits_have_no_conflicts() {
        let files = demo::visits(demo::stamp());
        for file in &files {
            let warnings = check(&CheckInput::from_file(file), &CheckOptions::default());
            assert_eq!(messages(&warnings), Vec::<String>::new());
        }
        let all = CheckOptions {
            venues_across_visits: true,
            ..CheckOptions::default()
        };
        assert_eq!(
            messages(&check(&CheckInput::from_files(&files), &all)),
            Vec::<String>::new()
        );
    }

    #[test]
    fn thousands_of_items_at_one_time_and_place_give_a_bounded_list() {
        // Regression: 2,000 items at the same time and place gave four
        // million warnings in 40 s; 100,000 aborted.
        let mut f = Fixture::with_cast("crowd", "2027-03-25", "2027-03-25");
        let saal = rathaus(&mut f);
        let n = 2_000;
        for i in 0..n {
            f.item(
                &format!("Termin {i}"),
                berlin("2027-03-25T10:00", "2027-03-25T11:00"),
                Some(saal),
                &[&liu(), &berger()],
            );
        }
        let warnings = f.check(&CheckOptions::default());
        let pairs = (n * (n - 1) / 2) as u64;
        let of = |kind: WarningKind| -> (usize, u64) {
            let listed = warnings
                .iter()
                .filter(|w| w.kind == kind && w.unlisted.is_none());
            let more = warnings
                .iter()
                .filter_map(|w| (w.kind == kind).then_some(w.unlisted).flatten());
            (listed.count(), more.map(u64::from).sum())
        };
        // Liu and Berger share each pair, so their double bookings are one
        // warning per pair; each of them says how many more there are.
        let (listed, more) = of(WarningKind::PersonDoubleBooked);
        assert!(
            listed <= 2 * MAX_OVERLAPS_LISTED,
            "{listed} person warnings listed"
        );
        assert_eq!(
            more,
            2 * (pairs - MAX_OVERLAPS_LISTED as u64),
            "each person's count"
        );
        let (listed, more) = of(WarningKind::VenueDoubleBooked);
        assert_eq!(listed, MAX_OVERLAPS_LISTED);
        assert_eq!(more, pairs - MAX_OVERLAPS_LISTED as u64);
        let summary = warnings
            .iter()
            .find(|w| w.kind == WarningKind::VenueDoubleBooked && w.unlisted.is_some())
            .unwrap();
        assert!(
            summary.message.starts_with(
                "Rathaus Herne, Ratssaal has 1998900 more double bookings from „Termin"
            ),
            "{}",
            summary.message
        );
        assert!(summary.message.ends_with("only the first 100 are listed"));
    }

    #[test]
    fn dates_at_the_limits_of_the_calendar_do_not_panic_the_check() {
        // Regression: a visit file with dates near chrono's limits was
        // accepted and then made the check panic, which bricked the app.
        let mut f = Fixture::with_cast("limits", "2027-03-25", "2027-03-26");
        f.file.visit.first_day = NaiveDate::MIN;
        f.file.visit.last_day = NaiveDate::MAX;
        for (i, (a, b)) in [
            (NaiveDate::MIN, NaiveDate::MIN),
            (NaiveDate::MAX, NaiveDate::MAX),
            (NaiveDate::MIN, NaiveDate::MAX),
        ]
        .into_iter()
        .enumerate()
        {
            f.item(
                &format!("Ganztag {i}"),
                Schedule::AllDay {
                    first_day: a,
                    last_day: b,
                },
                None,
                &[&liu()],
            );
            for zone in [Berlin, Shanghai, crate::tz::Pacific::Kiritimati] {
                let (start, end) = (
                    a.and_time(NaiveTime::MIN),
                    b.and_hms_opt(23, 59, 0).unwrap(),
                );
                f.item(
                    &format!("Zeit {i} {zone}"),
                    Schedule::Timed {
                        start: ZonedLocal::new(start, zone),
                        end: ZonedLocal::new(end, zone),
                    },
                    None,
                    &[&liu(), &berger()],
                );
            }
        }
        f.participant(&liu()).arrival = Some(crate::Movement {
            at: ZonedLocal::new(NaiveDate::MAX.and_time(NaiveTime::MIN), Berlin),
            place: String::new(),
            transport: None,
        });
        // Whatever it finds, it returns.
        let warnings = f.check(&CheckOptions::default());
        assert!(!warnings.is_empty());
    }
}
