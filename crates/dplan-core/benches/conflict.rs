//! The conflict check on 100,000 programme items, 2,000 persons and 300
//! venues, all visits at once with venues checked across visits: median of
//! several runs of `check` (building the borrowed input is timed apart).
//! Prints figures and asserts nothing; the target is under 50 ms.
//!
//! Two data sets of that size:
//! - `generated`: `large::generate` as the store benchmark uses it, with
//!   arrivals and departures added. Its programmes are not planned but
//!   dealt out (20 items a day in 12 slots, random venues 15 minutes apart,
//!   mixed languages, no interpreters), so most items clash somehow: the
//!   worst case, where writing the warnings dominates.
//! - `planned`: built here as a protocol office would plan, two groups per
//!   visit side by side, rooms apart, an interpreter in each group, with
//!   three items a visit given a person from the other group at the same
//!   time: the usual case, 1,500 warnings.
//! - `crowded`: one visit whose 100,000 items all take place at the same
//!   time in the same room with the same two people: the pathological
//!   programme of issue 12 (five billion pairs), which the check answers
//!   with the first double bookings and a count of the rest.
//!
//! Each data set is checked with its sentences in English, German and
//! Chinese, side by side: the language must not change the cost.
//!
//! Run with `cargo bench -p dplan-core --bench conflict`; add `-- planned`
//! or `-- generated` for one data set only.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use chrono::{Duration as Days, NaiveDate, NaiveDateTime};
use dplan_core::large::{Size, generate};
use dplan_core::tz::{Asia::Shanghai, Europe::Berlin, Tz};
use dplan_core::{
    CheckInput, CheckOptions, Direction, ItemId, ItemKind, ItemStatus, Lang, Movement, NameOrder,
    Participant, Person, PersonId, ProgrammeItem, Role, Schedule, Side, Texts, Venue, VenueId,
    Visit, VisitFile, VisitId, VisitStatus, Warning, ZonedLocal, check,
};

const ITEMS: usize = 100_000;
const PERSONS: usize = 2_000;
const VENUES: usize = 300;
const VISITS: usize = 500;
const RUNS: usize = 7;

/// Makes one data set.
type DataSet = fn() -> Vec<VisitFile>;

fn main() {
    // Cargo passes `--bench`; any other argument picks data sets by name.
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let sets: [(&str, DataSet); 3] = [
        ("generated", generated),
        ("planned", planned),
        ("crowded", crowded),
    ];
    for (name, make) in sets {
        if !only.is_empty() && !only.iter().any(|o| name.contains(o.as_str())) {
            continue;
        }
        let files = make();
        let items: usize = files.iter().map(|f| f.programme.len()).sum();
        let persons: std::collections::HashSet<PersonId> = files
            .iter()
            .flat_map(|f| f.persons.iter().map(|p| p.id))
            .collect();
        let venues: std::collections::HashSet<VenueId> = files
            .iter()
            .flat_map(|f| f.venues.iter().map(|v| v.id))
            .collect();
        let started = Instant::now();
        let input = CheckInput::from_files(&files);
        let build = started.elapsed();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{name}: {items} items, {} persons, {} venues, {} visits; input built in {:.1} ms",
            persons.len(),
            venues.len(),
            files.len(),
            ms(build)
        );
        let mut warnings: Vec<Warning> = Vec::new();
        for lang in [Lang::En, Lang::De, Lang::Zh] {
            let options = CheckOptions {
                venues_across_visits: true,
                lang,
                ..CheckOptions::default()
            };
            let mut times = Vec::with_capacity(RUNS);
            for _ in 0..RUNS {
                let started = Instant::now();
                let found = check(&input, &options);
                times.push(started.elapsed());
                // The previous run's warnings are freed outside the timing.
                warnings = found;
            }
            times.sort();
            println!(
                "  check ({lang:?}): median {:.1} ms (min {:.1}, max {:.1}) over {RUNS} runs",
                ms(times[RUNS / 2]),
                ms(times[0]),
                ms(times[RUNS - 1]),
            );
        }
        let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
        for w in &warnings {
            *kinds.entry(format!("{:?}", w.kind)).or_default() += 1;
        }
        println!("  {} warnings: {kinds:?}", warnings.len());
    }
}

/// The first planned visit's first item and people, its item copied until
/// the programme holds [`ITEMS`] items at one time and place.
fn crowded() -> Vec<VisitFile> {
    let mut f = planned().swap_remove(0);
    let mut item = f.programme[0].clone();
    item.status = ItemStatus::Confirmed;
    item.attendees.truncate(2);
    f.programme = (0..ITEMS)
        .map(|n| ProgrammeItem {
            id: ItemId::derived(&format!("bench/crowded/{n}")),
            ..item.clone()
        })
        .collect();
    vec![f]
}

/// `large::generate` at the benchmark's size, every participant given an
/// arrival on the visit's first morning and a departure on its last evening.
fn generated() -> Vec<VisitFile> {
    let size = Size {
        visits: VISITS,
        persons: PERSONS,
        items: ITEMS,
        venues: VENUES,
        big_visit_items: ITEMS / VISITS,
    };
    let mut files = generate(size, 1).visits;
    for f in &mut files {
        let zone = f.visit.time_zone;
        let (first, last) = (f.visit.first_day, f.visit.last_day);
        for p in &mut f.participants {
            p.arrival = movement(first, 6, zone);
            p.departure = movement(last, 23, zone);
        }
    }
    files
}

fn movement(day: NaiveDate, hour: u32, zone: Tz) -> Option<Movement> {
    Some(Movement {
        at: ZonedLocal::new(at(day, hour, 0), zone),
        place: String::new(),
        transport: None,
    })
}

fn at(day: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    day.and_hms_opt(hour, minute, 0).unwrap_or_default()
}

/// 500 visits of ten days, 3.6 days apart (so two or three run at once),
/// each with 20 participants from one of 100 blocks of the address book
/// (a block returns a year later, so nobody is in two visits at once) in
/// two groups of ten; each group has ten items a day, 50 minutes long with
/// 40 minutes between them, in rooms no other group uses at the time.
fn planned() -> Vec<VisitFile> {
    let persons: Vec<Person> = (0..PERSONS)
        .map(|i| {
            let chinese = i % 2 == 0;
            let mut p = Person::new(
                PersonId::derived(&format!("bench/person/{i}")),
                if chinese { "Liu" } else { "Müller" },
                format!("P{i}"),
                if chinese {
                    NameOrder::FamilyFirst
                } else {
                    NameOrder::GivenFirst
                },
            );
            p.languages = if chinese {
                vec!["zh".into()]
            } else {
                vec!["de".into(), "en".into()]
            };
            p
        })
        .collect();
    let venues: Vec<Venue> = (0..VENUES)
        .map(|i| Venue {
            id: VenueId::derived(&format!("bench/venue/{i}")),
            name: Texts::de(&format!("Ort {i}")),
            address: format!("Straße {i}"),
            address_zh: None,
            room: Texts::default(),
            time_zone: if i % 2 == 0 { Berlin } else { Shanghai },
        })
        .collect();
    let start = NaiveDate::from_ymd_opt(2022, 1, 10).unwrap_or_default();
    let per_visit = ITEMS / VISITS;
    let days = 10;
    let per_group_day = per_visit / 2 / days;
    (0..VISITS)
        .map(|v| {
            let zone = if v % 2 == 0 { Berlin } else { Shanghai };
            let first_day = start + Days::days((v as i64 * 1820) / VISITS as i64);
            let visit = Visit {
                id: VisitId::derived(&format!("bench/visit/{v}")),
                title: Texts::de(&format!("Besuch {v}")),
                direction: if v % 2 == 0 {
                    Direction::Incoming
                } else {
                    Direction::Outgoing
                },
                partner_city: "Luzhou".into(),
                first_day,
                last_day: first_day + Days::days(days as i64 - 1),
                time_zone: zone,
                status: VisitStatus::Confirmed,
                hosts: vec![],
                notes: String::new(),
                guest_notes: Default::default(),
                contacts: vec![],
            };
            let mut f = VisitFile::new(chrono::DateTime::UNIX_EPOCH, visit);
            let block = (v % 100) * 20;
            for k in 0..20 {
                let p = &persons[block + k];
                f.persons.push(p.clone());
                f.participants.push(Participant {
                    visit_id: f.visit.id,
                    person_id: p.id,
                    side: if k < 10 { Side::Guest } else { Side::Host },
                    role: if k % 10 == 0 {
                        Role::Interpreter
                    } else {
                        Role::Member
                    },
                    precedence: (k % 10) as u32 + 1,
                    arrival: movement(first_day, 6, zone),
                    departure: movement(f.visit.last_day, 23, zone),
                    hotel: None,
                });
            }
            let group = |g: usize| -> Vec<PersonId> {
                (0..10).map(|k| persons[block + g * 10 + k].id).collect()
            };
            let mut n = 0;
            for d in 0..days {
                let day = first_day + Days::days(d as i64);
                for slot in 0..per_group_day {
                    for g in 0..2 {
                        let begin = at(day, 7, 0) + Days::minutes(slot as i64 * 90);
                        // Visits running at once use different fifths of the venues.
                        let venue = &venues[(v % 5) * 60 + (d * 20 + slot * 2 + g) % 60];
                        if !f.venues.iter().any(|x| x.id == venue.id) {
                            f.venues.push(venue.clone());
                        }
                        let mut attendees = group(g);
                        if n % 97 == 0 {
                            attendees.push(group(1 - g)[5]);
                        }
                        f.programme.push(ProgrammeItem {
                            id: ItemId::derived(&format!("bench/item/{v}/{n}")),
                            visit_id: f.visit.id,
                            title: Texts::de(&format!("Termin {n}")),
                            kind: ItemKind::Meeting,
                            schedule: Schedule::Timed {
                                start: ZonedLocal::new(begin, zone),
                                end: ZonedLocal::new(begin + Days::minutes(50), zone),
                            },
                            venue_id: Some(venue.id),
                            attendees,
                            responsible: vec![],
                            notes: String::new(),
                            guest_notes: Default::default(),
                            dress_code: Texts::default(),
                            transport: None,
                            status: if n % 10 == 0 {
                                ItemStatus::Tentative
                            } else {
                                ItemStatus::Confirmed
                            },
                            revision: 0,
                        });
                        n += 1;
                    }
                }
            }
            f
        })
        .collect()
}
