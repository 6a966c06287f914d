//! A large, deterministic data set for benchmarks: five years of visits
//! (500 visits, 20,000 persons, 100,000 programme items by default), one of
//! them with a 300-item programme. No clock and no randomness: a seeded
//! linear congruential generator makes the same data every time.

use crate::tz::{Asia::Shanghai, Europe::Berlin};
use chrono::{Duration, NaiveDate};

use crate::{
    Direction, ItemId, ItemKind, ItemStatus, NameOrder, Participant, Person, PersonId,
    ProgrammeItem, Role, Schedule, Side, Texts, Venue, VenueId, Visit, VisitFile, VisitId,
    VisitStatus, ZonedLocal,
};

/// How big the data set is.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub visits: usize,
    pub persons: usize,
    pub items: usize,
    pub venues: usize,
    /// Items in the first visit, the one benchmarks open.
    pub big_visit_items: usize,
}

impl Size {
    /// Five years of a busy protocol office.
    pub const FIVE_YEARS: Size = Size {
        visits: 500,
        persons: 20_000,
        items: 100_000,
        venues: 300,
        big_visit_items: 300,
    };
}

/// The generated data: the visits as files, and the persons who take part in
/// no visit (the rest of the address book).
pub struct LargeData {
    pub visits: Vec<VisitFile>,
    pub other_persons: Vec<Person>,
}

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const FAMILY: &[(&str, &str)] = &[
    ("Liu", "刘"),
    ("Wang", "王"),
    ("Zhang", "张"),
    ("Chen", "陈"),
    ("Li", "李"),
    ("Zhao", "赵"),
    ("Huang", "黄"),
    ("Zhou", "周"),
    ("Wu", "吴"),
    ("Xu", "徐"),
];
const GIVEN: &[(&str, &str)] = &[
    ("Qiang", "强"),
    ("Fang", "芳"),
    ("Wei", "伟"),
    ("Jing", "静"),
    ("Lei", "磊"),
    ("Na", "娜"),
    ("Min", "敏"),
    ("Jun", "军"),
    ("Yan", "燕"),
    ("Hui", "慧"),
];
const GERMAN_FAMILY: &[&str] = &[
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
];
const GERMAN_GIVEN: &[&str] = &[
    "Anna", "Jörg", "Sabine", "Thomas", "Julia", "Markus", "Katrin", "Stefan", "Petra", "Lukas",
];

/// Builds the data set. `seed` selects one of many equally shaped sets.
pub fn generate(size: Size, seed: u64) -> LargeData {
    let mut rng = Lcg(seed ^ 0x5EED);
    let persons: Vec<Person> = (0..size.persons)
        .map(|i| {
            let chinese = i % 2 == 0;
            let id = PersonId::derived(&format!("large/person/{i}"));
            if chinese {
                let (f, fz) = FAMILY[rng.below(FAMILY.len())];
                let (g, gz) = GIVEN[rng.below(GIVEN.len())];
                Person {
                    id,
                    family_name: f.into(),
                    given_name: g.into(),
                    name_zh: Some(format!("{fz}{gz}")),
                    pinyin: Some(format!("{f} {g}")),
                    name_order: NameOrder::FamilyFirst,
                    academic_title: None,
                    title: Texts::all("Direktor", "Director", "主任"),
                    address: Texts::default(),
                    organisation: Texts::all("Stadt Luzhou", "City of Luzhou", "泸州市"),
                    position: Texts::default(),
                    email: None,
                    phone: None,
                    languages: vec!["zh".into()],
                    personal: None,
                }
            } else {
                Person {
                    id,
                    family_name: GERMAN_FAMILY[rng.below(GERMAN_FAMILY.len())].into(),
                    given_name: GERMAN_GIVEN[rng.below(GERMAN_GIVEN.len())].into(),
                    name_zh: None,
                    pinyin: None,
                    name_order: NameOrder::GivenFirst,
                    academic_title: (i % 7 == 1).then(|| "Dr.".into()),
                    title: Texts::all("Referent", "Officer", "专员"),
                    address: Texts::default(),
                    organisation: Texts::all("Stadt Herne", "City of Herne", "赫尔内市"),
                    position: Texts::default(),
                    email: None,
                    phone: None,
                    languages: vec!["de".into(), "en".into()],
                    personal: None,
                }
            }
        })
        .collect();
    let venues: Vec<Venue> = (0..size.venues)
        .map(|i| {
            let in_china = i % 3 == 0;
            Venue {
                id: VenueId::derived(&format!("large/venue/{i}")),
                name: Texts::all(
                    &format!("Ort {i}"),
                    &format!("Venue {i}"),
                    &format!("地点 {i}"),
                ),
                address: format!(
                    "Straße {i}, {}",
                    if in_china { "Luzhou" } else { "44623 Herne" }
                ),
                address_zh: None,
                room: Texts::default(),
                time_zone: if in_china { Shanghai } else { Berlin },
            }
        })
        .collect();

    let start = NaiveDate::from_ymd_opt(2022, 1, 10).unwrap_or_default();
    let other_items = size.items.saturating_sub(size.big_visit_items);
    let per_visit = other_items / size.visits.saturating_sub(1).max(1);
    let mut used = vec![false; persons.len()];
    let mut files = Vec::with_capacity(size.visits);
    for v in 0..size.visits {
        let incoming = v % 2 == 0;
        let zone = if incoming { Berlin } else { Shanghai };
        let first_day = start + Duration::days((v as i64 * 1820) / size.visits.max(1) as i64);
        let items = if v == 0 {
            size.big_visit_items
        } else {
            per_visit
        };
        let days = (items / 10).clamp(3, 10) as i64;
        let visit = Visit {
            id: VisitId::derived(&format!("large/visit/{v}")),
            title: Texts::all(
                &format!("Besuch {v}"),
                &format!("Visit {v}"),
                &format!("访问 {v}"),
            ),
            direction: if incoming {
                Direction::Incoming
            } else {
                Direction::Outgoing
            },
            partner_city: "Luzhou (泸州)".into(),
            first_day,
            last_day: first_day + Duration::days(days - 1),
            time_zone: zone,
            status: VisitStatus::Completed,
            hosts: vec!["Stadt Herne".into()],
            notes: String::new(),
            guest_notes: Default::default(),
            contacts: vec![],
        };
        let mut file = VisitFile::new(chrono::DateTime::UNIX_EPOCH, visit);
        let people: Vec<usize> = (0..20).map(|_| rng.below(persons.len())).collect();
        let mut seen = std::collections::HashSet::new();
        for (k, &p) in people.iter().enumerate() {
            if !seen.insert(p) {
                continue;
            }
            used[p] = true;
            file.persons.push(persons[p].clone());
            let side = if k < 10 { Side::Guest } else { Side::Host };
            let precedence = file.participants.iter().filter(|x| x.side == side).count() as u32 + 1;
            file.participants.push(Participant {
                visit_id: file.visit.id,
                person_id: persons[p].id,
                side,
                role: if precedence == 1 && side == Side::Guest {
                    Role::HeadOfDelegation
                } else {
                    Role::Member
                },
                precedence,
                arrival: None,
                departure: None,
                hotel: None,
            });
        }
        let attendees: Vec<PersonId> = file.participants.iter().map(|p| p.person_id).collect();
        let mut venue_ids = std::collections::HashSet::new();
        for n in 0..items {
            let day = first_day + Duration::days((n as i64) % days);
            let slot = (n as i64 / days) % 12;
            let begin = day.and_hms_opt(7, 0, 0).unwrap_or_default() + Duration::minutes(slot * 75);
            let venue = &venues[rng.below(venues.len())];
            if venue_ids.insert(venue.id) {
                file.venues.push(venue.clone());
            }
            let take = 2 + rng.below(attendees.len().saturating_sub(2).max(1));
            file.programme.push(ProgrammeItem {
                id: ItemId::derived(&format!("large/item/{v}/{n}")),
                visit_id: file.visit.id,
                title: Texts::all(
                    &format!("Termin {n}"),
                    &format!("Appointment {n}"),
                    &format!("日程 {n}"),
                ),
                kind: ItemKind::Meeting,
                schedule: Schedule::Timed {
                    start: ZonedLocal::new(begin, zone),
                    end: ZonedLocal::new(begin + Duration::minutes(60), zone),
                },
                venue_id: Some(venue.id),
                attendees: attendees.iter().take(take).copied().collect(),
                responsible: vec![],
                notes: String::new(),
                guest_notes: Default::default(),
                dress_code: Texts::default(),
                transport: None,
                status: ItemStatus::Confirmed,
                revision: 0,
            });
        }
        files.push(file);
    }
    let other_persons = persons
        .into_iter()
        .zip(used)
        .filter(|(_, u)| !u)
        .map(|(p, _)| p)
        .collect();
    LargeData {
        visits: files,
        other_persons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_set_has_the_requested_shape_and_is_valid() {
        let size = Size {
            visits: 10,
            persons: 200,
            items: 400,
            venues: 20,
            big_visit_items: 40,
        };
        let data = generate(size, 1);
        assert_eq!(data.visits.len(), 10);
        assert_eq!(data.visits[0].programme.len(), 40);
        let items: usize = data.visits.iter().map(|f| f.programme.len()).sum();
        assert_eq!(items, 40 + 9 * 40);
        let in_visits: std::collections::HashSet<_> = data
            .visits
            .iter()
            .flat_map(|f| f.persons.iter().map(|p| p.id))
            .collect();
        assert_eq!(in_visits.len() + data.other_persons.len(), 200);
        for f in &data.visits {
            assert_eq!(
                f.validate(),
                Ok(()),
                "{}",
                f.visit.title.best(crate::Lang::De)
            );
        }
    }

    #[test]
    fn generation_is_deterministic() {
        let size = Size {
            visits: 3,
            persons: 50,
            items: 60,
            venues: 5,
            big_visit_items: 30,
        };
        let a = generate(size, 7);
        let b = generate(size, 7);
        assert_eq!(a.visits, b.visits);
    }
}
