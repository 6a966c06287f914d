//! The address book and a visit's participants.

use dplan_core::view::PersonEntry;
use dplan_core::{Participant, Person, PersonId, PersonalData, Side, VisitId};

use crate::{Result, Store};

/// Everyone in the address book, each with the key a search matches.
pub fn list(store: &Store) -> Result<Vec<PersonEntry>> {
    Ok(store
        .list_persons()?
        .into_iter()
        .map(PersonEntry::new)
        .collect())
}

/// A person by their id or a unique beginning of it.
pub fn resolve(store: &Store, key: &str) -> Result<PersonId> {
    Ok(store.resolve_person(key)?)
}

/// Saves a person's address-book entry. Personal data is left as stored
/// unless the person carries some.
pub fn update(store: &mut Store, person: &Person) -> Result<()> {
    Ok(store.update_person(person)?)
}

/// A person's personal data (passport, birth date, nationality, dietary
/// and accessibility needs), read only when the user asks to see it.
pub fn personal_data(store: &Store, id: PersonId) -> Result<PersonalData> {
    Ok(store.get_personal_data(id)?)
}

/// Deletes a person who takes part in no visit.
pub fn delete(store: &mut Store, id: PersonId) -> Result<()> {
    Ok(store.delete_person(id)?)
}

/// Adds a participant; with `person`, a new person is created with them in
/// the same transaction.
pub fn add_participant(
    store: &mut Store,
    person: Option<&Person>,
    participant: &Participant,
) -> Result<()> {
    match person {
        Some(person) => Ok(store.insert_participant_with_person(person, participant)?),
        None => Ok(store.insert_participant(participant)?),
    }
}

/// Saves a participant's side, role, precedence, arrival, departure and
/// hotel.
pub fn update_participant(store: &mut Store, participant: &Participant) -> Result<()> {
    Ok(store.update_participant(participant)?)
}

pub fn remove_participant(store: &mut Store, visit: VisitId, person: PersonId) -> Result<()> {
    Ok(store.delete_participant(visit, person)?)
}

/// Sets one side's order of precedence, first first.
pub fn reorder(store: &mut Store, visit: VisitId, side: Side, order: &[PersonId]) -> Result<()> {
    Ok(store.reorder_participants(visit, side, order)?)
}

/// A search query folded as [`PersonEntry::search_key`] is, to look for
/// inside it.
pub fn search_key(query: &str) -> String {
    dplan_core::view::search_key(query)
}
