//! The check's model: every timed item placed once in UTC, indexed by
//! person and venue, and the rules run over it (single items, then one
//! sweep per person and per venue).

use super::*;

/// The warnings found so far.
#[derive(Default)]
pub(super) struct Findings(pub(super) Vec<Placed>);

/// A warning with the position it sorts at: the first and the last item's
/// start.
pub(super) type Placed = ((i64, i64), Warning);

/// A hasher for the check's own maps: ids are random or name-derived UUIDs
/// and the other keys are small numbers, none chosen by an attacker, so a
/// fast multiplicative hash (FxHash's) serves; SipHash cost a third of the
/// check's time on the benchmark.
#[derive(Default)]
pub(super) struct IdHasher(u64);

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

pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// Local times turned into UTC, with each zone's offset remembered per local
/// day: resolving a time through the zone's rules is most of the cost of
/// reading 100,000 items, and a programme has few distinct days. A day is
/// remembered only when the zone keeps one offset through it (probed every
/// three hours; no zone has changed its offset twice within three hours);
/// the days the clocks change, and their gaps and repeated hours, take the
/// exact way through [`ZonedLocal::utc`].
#[derive(Default)]
pub(super) struct Clock {
    days: FastMap<(Tz, NaiveDate), Option<i32>>,
}

impl Clock {
    pub(super) fn utc(&mut self, t: &ZonedLocal) -> Result<i64, crate::LocalTimeError> {
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
pub(super) fn steady_offset(zone: Tz, day: NaiveDate) -> Option<i32> {
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
pub(super) fn is_journey(kind: ItemKind) -> bool {
    matches!(kind, ItemKind::Transfer | ItemKind::Flight)
}

/// Nobody needs a common language for a hotel stay, a flight or free time.
pub(super) fn needs_common_language(kind: ItemKind) -> bool {
    !matches!(
        kind,
        ItemKind::Hotel | ItemKind::Flight | ItemKind::FreeTime
    )
}

pub(super) struct PersonRec<'a> {
    id: PersonId,
    person: Option<&'a Person>,
    name: OnceCell<String>,
}

pub(super) struct VenueRec<'a> {
    id: VenueId,
    venue: Option<&'a Venue>,
    /// Venues at the same address (rooms of one building) share a place:
    /// no travel time between them.
    place: u32,
}

/// A participant's part in one visit, as far as the check needs it.
pub(super) struct Stay {
    arrival: Option<(i64, ZonedLocal)>,
    departure: Option<(i64, ZonedLocal)>,
    interpreter: bool,
    rank: (Side, u32),
}

/// An item that takes part in the check (not cancelled).
pub(super) struct Entry<'a> {
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

pub(super) struct Model<'a, 'o> {
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

pub(super) const NO_STAY: u32 = u32::MAX;

pub(super) fn key(visit: u32, other: u32) -> u64 {
    (u64::from(visit) << 32) | u64::from(other)
}

impl<'a, 'o> Model<'a, 'o> {
    pub(super) fn new(input: &CheckInput<'a>, options: &'o CheckOptions) -> Self {
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
    pub(super) fn single_items(&self, out: &mut Findings) {
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
    pub(super) fn sweeps(&self, out: &mut Findings) {
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
pub(super) struct Buckets {
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
pub(super) struct Unlisted {
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
pub(super) fn sweep(
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

pub(super) fn overlap_minutes(a: &Entry<'_>, b: &Entry<'_>) -> u32 {
    let ((s1, e1), (s2, e2)) = (a.span.unwrap_or_default(), b.span.unwrap_or_default());
    let seconds = (e1.min(e2) - s1.max(s2)).max(0);
    u32::try_from((seconds + 59) / 60).unwrap_or(u32::MAX)
}
