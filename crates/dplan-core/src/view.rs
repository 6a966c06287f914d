//! Read-only views of a visit for display and for `--json` output: the
//! visit with its participants (in precedence order, with display names)
//! and its programme (with UTC instants, zone abbreviations and venue).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::{
    ItemId, ItemKind, ItemStatus, Lang, Movement, Participant, Person, PersonId, ProgrammeItem,
    Role, Schedule, Side, Texts, Venue, Visit, VisitFile, says::Says,
};

/// What the app shows in its footer and uses to decide whether to offer
/// the demo.
#[derive(Clone, Debug, Serialize, TS)]
pub struct AppInfo {
    pub db_path: String,
    /// No visit stored yet.
    pub empty: bool,
    pub version: String,
    /// The release of the time-zone database the build carries.
    pub tzdata: String,
    /// A visit to open at start (`delegation-planner --open VISIT`), as the
    /// user gave it: an id or a unique beginning of one.
    pub open_visit: Option<String>,
}

/// A person in the address book with the name as it is shown everywhere.
#[derive(Clone, Debug, Serialize, TS)]
pub struct PersonEntry {
    pub display_name: String,
    /// What a search finds the person by: the names (Latin and Chinese),
    /// pinyin and the organisation in every language, each folded as the
    /// store folds names when it matches people ([`search_key`]: "mueller"
    /// finds "Müller", "liu" finds "Liú"), joined by `|`. A search folds
    /// its query the same way and looks for it inside.
    pub search_key: String,
    pub person: Person,
}

impl PersonEntry {
    pub fn new(person: Person) -> PersonEntry {
        let display_name = person.display_name();
        let o = &person.organisation;
        let search_key = [
            Some(display_name.as_str()),
            Some(person.family_name.as_str()),
            Some(person.given_name.as_str()),
            person.name_zh.as_deref(),
            person.pinyin.as_deref(),
            o.de.as_deref(),
            o.en.as_deref(),
            o.zh.as_deref(),
        ]
        .into_iter()
        .flatten()
        .flat_map(search_forms)
        .filter(|k| !k.is_empty())
        .collect::<Vec<_>>()
        .join("|");
        PersonEntry {
            display_name,
            search_key,
            person,
        }
    }
}

/// A text folded for searching people: the store's identity folding
/// (umlauts spelled out, accents and tone marks dropped, lower case, no
/// white space), so a search and the import's matching agree.
pub fn search_key(text: &str) -> String {
    crate::name::fold_identity(text)
}

/// The forms a field is found by: folded as the store folds names, and,
/// where it has umlauts, also with them as plain letters, since people
/// type "muller" as often as "mueller" for Müller.
fn search_forms(text: &str) -> Vec<String> {
    let folded = search_key(text);
    let plain: String = text
        .chars()
        .map(|c| match c {
            'ä' => 'a',
            'ö' => 'o',
            'ü' => 'u',
            'Ä' => 'A',
            'Ö' => 'O',
            'Ü' => 'U',
            c => c,
        })
        .collect();
    let plain = search_key(&plain);
    match plain == folded {
        true => vec![folded],
        false => vec![folded, plain],
    }
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct VisitView {
    pub visit: Visit,
    pub participants: Vec<ParticipantView>,
    pub programme: Vec<ItemView>,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct ParticipantView {
    pub person_id: PersonId,
    pub name: String,
    /// The Chinese name of a German participant who has one, for
    /// documents in Chinese ("安娜·贝格尔"); the name above holds the
    /// characters of a Chinese participant already.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name_zh: Option<String>,
    pub side: Side,
    pub role: Role,
    pub precedence: u32,
    pub title: Texts,
    /// The form of address: "Herr Vizebürgermeister Liu" / "刘副市长".
    pub address: Texts,
    pub organisation: Texts,
    pub arrival: Option<Movement>,
    pub departure: Option<Movement>,
    pub hotel: Option<String>,
    /// Contact details, for the itinerary's contacts page.
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct PersonRef {
    pub person_id: PersonId,
    pub name: String,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct ItemView {
    pub id: ItemId,
    pub title: Texts,
    pub kind: ItemKind,
    pub schedule: Schedule,
    /// The zone the item starts in.
    pub zone: Option<String>,
    /// Zone abbreviations at start and end, e.g. `CEST`, `CST`.
    pub start_abbreviation: Option<String>,
    pub end_abbreviation: Option<String>,
    /// When the item happens on its day, in each language, as every
    /// screen and document writes it ([`Says::times`]): `09:30–10:30 MEZ`.
    pub times: Texts,
    pub start_utc: Option<DateTime<Utc>>,
    pub end_utc: Option<DateTime<Utc>>,
    pub venue: Option<Venue>,
    /// Attendees in order of precedence (guests first).
    pub attendees: Vec<PersonRef>,
    pub responsible: Vec<PersonRef>,
    /// Internal notes: for the protocol office only.
    pub notes: String,
    /// Notes for the guests.
    pub guest_notes: Texts,
    pub dress_code: Texts,
    /// The flight or train number of a journey.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub transport: Option<String>,
    pub status: ItemStatus,
    pub revision: u32,
}

impl VisitView {
    pub fn new(file: &VisitFile) -> VisitView {
        VisitView::of(
            &file.visit,
            &file.persons,
            &file.venues,
            &file.participants,
            &file.programme,
        )
    }

    /// The view of a visit from its records as they are stored: its
    /// participants' persons and its items' venues.
    pub fn of(
        visit: &Visit,
        persons: &[Person],
        venues: &[Venue],
        participants: &[Participant],
        programme: &[ProgrammeItem],
    ) -> VisitView {
        let persons: HashMap<PersonId, &Person> = persons.iter().map(|p| (p.id, p)).collect();
        let venues: HashMap<_, &Venue> = venues.iter().map(|v| (v.id, v)).collect();
        let mut participants: Vec<&Participant> = participants.iter().collect();
        participants.sort_by_key(|p| (p.side, p.precedence));
        let rank: HashMap<PersonId, usize> = participants
            .iter()
            .enumerate()
            .map(|(i, p)| (p.person_id, i))
            .collect();
        let name = |id: &PersonId| {
            persons
                .get(id)
                .map(|p| p.display_name())
                .unwrap_or_else(|| id.to_string())
        };
        let refs = |ids: &[PersonId]| {
            let mut ids: Vec<&PersonId> = ids.iter().collect();
            ids.sort_by_key(|id| rank.get(id).copied().unwrap_or(usize::MAX));
            ids.into_iter()
                .map(|id| PersonRef {
                    person_id: *id,
                    name: name(id),
                })
                .collect()
        };
        VisitView {
            visit: visit.clone(),
            participants: participants
                .iter()
                .map(|p| {
                    let person = persons.get(&p.person_id);
                    ParticipantView {
                        person_id: p.person_id,
                        name: name(&p.person_id),
                        name_zh: person
                            .and_then(|x| x.chinese_name_beside())
                            .map(str::to_string),
                        side: p.side,
                        role: p.role,
                        precedence: p.precedence,
                        title: person.map(|x| x.title.clone()).unwrap_or_default(),
                        address: person.map(|x| x.address.clone()).unwrap_or_default(),
                        organisation: person.map(|x| x.organisation.clone()).unwrap_or_default(),
                        arrival: p.arrival.clone(),
                        departure: p.departure.clone(),
                        hotel: p.hotel.clone(),
                        phone: person.and_then(|x| x.phone.clone()),
                        email: person.and_then(|x| x.email.clone()),
                    }
                })
                .collect(),
            programme: programme
                .iter()
                .map(|i| {
                    let (zone, sa, ea) = match &i.schedule {
                        Schedule::Timed { start, end } => (
                            Some(start.zone.name().to_string()),
                            Some(start.abbreviation()),
                            Some(end.abbreviation()),
                        ),
                        Schedule::AllDay { .. } => (None, None, None),
                    };
                    let span = i.schedule.utc_span();
                    let times = |lang| {
                        Some(Says(lang).times(
                            &i.schedule,
                            sa.as_deref().unwrap_or(""),
                            ea.as_deref().unwrap_or(""),
                        ))
                    };
                    ItemView {
                        id: i.id,
                        title: i.title.clone(),
                        kind: i.kind,
                        schedule: i.schedule.clone(),
                        zone,
                        times: Texts {
                            de: times(Lang::De),
                            en: times(Lang::En),
                            zh: times(Lang::Zh),
                        },
                        start_abbreviation: sa,
                        end_abbreviation: ea,
                        start_utc: span.map(|s| s.0),
                        end_utc: span.map(|s| s.1),
                        venue: i
                            .venue_id
                            .and_then(|v| venues.get(&v).map(|v| (*v).clone())),
                        attendees: refs(&i.attendees),
                        responsible: refs(&i.responsible),
                        notes: i.notes.clone(),
                        guest_notes: i.guest_notes.clone(),
                        dress_code: i.dress_code.clone(),
                        transport: i.transport.clone(),
                        status: i.status,
                        revision: i.revision,
                    }
                })
                .collect(),
        }
    }
}

/// One person's own programme in a visit: the items they attend and those
/// they are responsible for (transfers and flights included, as items), in
/// programme order, with their arrival, departure and hotel.
#[derive(Clone, Debug, Serialize, TS)]
pub struct PersonProgramme {
    pub visit: Visit,
    pub person: PersonRef,
    /// Their part in the visit; `None` for staff who are responsible for
    /// items without taking part.
    pub participant: Option<ParticipantView>,
    pub programme: Vec<PersonItem>,
}

/// An item of a person's programme and why it is theirs.
#[derive(Clone, Debug, Serialize, TS)]
pub struct PersonItem {
    pub item: ItemView,
    /// The person is among the attendees.
    pub attends: bool,
    /// The person is responsible for the item (a staff duty).
    pub responsible: bool,
}

impl VisitView {
    /// The programme of one person, or `None` when the person neither takes
    /// part in the visit nor is responsible for any of its items.
    pub fn for_person(&self, person: PersonId) -> Option<PersonProgramme> {
        let programme: Vec<PersonItem> = self
            .programme
            .iter()
            .filter_map(|i| {
                let (attends, responsible) = i.involvement(person);
                (attends || responsible).then(|| PersonItem {
                    item: i.clone(),
                    attends,
                    responsible,
                })
            })
            .collect();
        Some(PersonProgramme {
            visit: self.visit.clone(),
            person: PersonRef {
                person_id: person,
                name: self.name_of(person)?.to_string(),
            },
            participant: self
                .participants
                .iter()
                .find(|p| p.person_id == person)
                .cloned(),
            programme,
        })
    }

    /// Checks only that every date of the visit lies in the model's window,
    /// as [`VisitFile::check_dates`] does for a file: a visit an older
    /// version stored is refused by name instead of shown wrong.
    pub fn check_dates(&self) -> Result<(), crate::Invalid> {
        crate::exchange::check_dates(
            &self.visit,
            self.participants
                .iter()
                .map(|p| (p.arrival.as_ref(), p.departure.as_ref())),
            self.programme.iter().map(|i| (&i.title, &i.schedule)),
        )
    }

    /// The display name of a participant, or of a person named in an item
    /// (staff responsible without taking part); `None` for anyone else.
    pub fn name_of(&self, person: PersonId) -> Option<&str> {
        if let Some(p) = self.participants.iter().find(|p| p.person_id == person) {
            return Some(&p.name);
        }
        self.programme
            .iter()
            .flat_map(|i| i.attendees.iter().chain(&i.responsible))
            .find(|r| r.person_id == person)
            .map(|r| r.name.as_str())
    }
}

impl ItemView {
    /// Whether a person attends the item, and whether they are responsible
    /// for it: what makes an item part of their own programme.
    pub fn involvement(&self, person: PersonId) -> (bool, bool) {
        let named = |refs: &[PersonRef]| refs.iter().any(|r| r.person_id == person);
        (named(&self.attendees), named(&self.responsible))
    }

    /// When the item happens on its day ([`Says::times`]).
    pub fn time_range(&self, lang: Lang) -> String {
        Says(lang).times(
            &self.schedule,
            self.start_abbreviation.as_deref().unwrap_or(""),
            self.end_abbreviation.as_deref().unwrap_or(""),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use chrono::Datelike;

    #[test]
    fn a_person_is_found_as_the_store_matches_names() {
        let file = &demo::visits(demo::stamp())[0];
        let liu = file
            .persons
            .iter()
            .find(|p| p.family_name == "Liu")
            .unwrap()
            .clone();
        let entry = PersonEntry::new(liu);
        for query in ["liu", "LIÚ qiang", "刘强", "Liú Qiáng"] {
            assert!(
                entry.search_key.contains(&search_key(query)),
                "{query} in {}",
                entry.search_key
            );
        }
        let mut mueller = file.persons[0].clone();
        mueller.family_name = "Müller".into();
        mueller.organisation.de = Some("Straßenbauamt".into());
        let entry = PersonEntry::new(mueller);
        for query in ["mueller", "Müller", "MULLER", "strassenbau", "müller"] {
            assert!(
                entry.search_key.contains(&search_key(query)),
                "{query} in {}",
                entry.search_key
            );
        }
        assert!(!entry.search_key.contains(&search_key("Miller")));
        // Fields are kept apart: a query does not run from one into the next.
        assert!(!search_key("|").is_empty());
    }

    #[test]
    fn attendees_are_listed_in_precedence_order_guests_first() {
        let file = &demo::visits(demo::stamp())[0];
        let view = VisitView::new(file);
        let reception = view
            .programme
            .iter()
            .find(|i| i.kind == ItemKind::Reception)
            .unwrap();
        assert_eq!(reception.attendees[0].name, "刘强 Liu Qiang");
        assert_eq!(view.participants[0].role, Role::HeadOfDelegation);
        assert!(
            view.participants
                .iter()
                .position(|p| p.side == Side::Host)
                .unwrap()
                == 6
        );
    }

    #[test]
    fn a_persons_programme_holds_only_their_items() {
        let file = &demo::visits(demo::stamp())[0];
        let view = VisitView::new(file);
        for p in &view.participants {
            let own = view.for_person(p.person_id).unwrap();
            assert_eq!(own.person.name, p.name);
            let expected: Vec<ItemId> = file
                .programme
                .iter()
                .filter(|i| {
                    i.attendees.contains(&p.person_id) || i.responsible.contains(&p.person_id)
                })
                .map(|i| i.id)
                .collect();
            let got: Vec<ItemId> = own.programme.iter().map(|e| e.item.id).collect();
            assert_eq!(got, expected, "{}", p.name);
            for e in &own.programme {
                assert_eq!(
                    e.attends,
                    e.item.attendees.iter().any(|a| a.person_id == p.person_id)
                );
                assert_eq!(
                    e.responsible,
                    e.item
                        .responsible
                        .iter()
                        .any(|a| a.person_id == p.person_id)
                );
            }
        }
        // The head of the guests attends some but not all items.
        let head = view.for_person(view.participants[0].person_id).unwrap();
        assert!(!head.programme.is_empty() && head.programme.len() < view.programme.len());
        assert!(view.for_person(PersonId::derived("nobody")).is_none());
    }

    #[test]
    fn a_view_names_each_date_outside_the_window_as_its_file_would() {
        let mut file = demo::visits(demo::stamp())[0].clone();
        assert_eq!(VisitView::new(&file).check_dates(), Ok(()));
        let i = file
            .programme
            .iter()
            .position(|i| matches!(i.schedule, Schedule::Timed { .. }))
            .unwrap();
        if let Schedule::Timed { end, .. } = &mut file.programme[i].schedule {
            end.local = end.local.with_year(1200).unwrap();
        }
        let from_view = VisitView::new(&file).check_dates().unwrap_err();
        assert_eq!(Err(from_view.clone()), file.check_dates());
        let title = file.programme[i].title.best(Lang::De);
        assert_eq!(
            from_view
                .errors
                .iter()
                .map(|e| e.field.as_str())
                .collect::<Vec<_>>(),
            [format!("programme[{i}] ({title}).end")]
        );
    }

    #[test]
    fn time_ranges_show_zone_abbreviations() {
        let view = VisitView::new(&demo::visits(demo::stamp())[0]);
        let ranges: Vec<String> = view
            .programme
            .iter()
            .map(|i| i.time_range(Lang::De))
            .collect();
        for expected in [
            "09:30–10:30 MEZ",
            "12:40 MESZ – 08:30 CST (+1)",
            "24.03.–27.03.",
        ] {
            assert!(ranges.contains(&expected.to_string()), "{ranges:?}");
        }
        let english: Vec<String> = view
            .programme
            .iter()
            .map(|i| i.time_range(Lang::En))
            .collect();
        assert!(english.contains(&"12:40 CEST – 08:30 CST (+1)".to_string()));
        assert!(english.contains(&"24/3–27/3".to_string()));
        // The view carries the same words for the screens.
        let item = &view.programme[0];
        assert_eq!(
            item.times.get(Lang::De),
            Some(item.time_range(Lang::De).as_str())
        );
    }
}
