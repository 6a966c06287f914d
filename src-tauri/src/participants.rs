//! Commands for the address book and a visit's participants.

use dplan_api::people;
use dplan_core::{Participant, Person, PersonId, PersonalData, Side, VisitId, view::PersonEntry};
use tauri::State;

use crate::{error::IpcResult, state::AppState};

#[tauri::command(async)]
pub fn list_persons(state: State<'_, AppState>) -> IpcResult<Vec<PersonEntry>> {
    state.with(|s| Ok(people::list(s)?))
}

/// Saves a person's address-book entry. Personal data is left as stored
/// unless the person carries some.
#[tauri::command(async)]
pub fn update_person(state: State<'_, AppState>, person: Person) -> IpcResult<()> {
    state.with(|s| Ok(people::update(s, &person)?))
}

/// A person's personal data, for the person form when the user asks to
/// see it.
#[tauri::command(async)]
pub fn get_personal_data(state: State<'_, AppState>, id: PersonId) -> IpcResult<PersonalData> {
    state.with(|s| Ok(people::personal_data(s, id)?))
}

/// Deletes a person who takes part in no visit.
#[tauri::command(async)]
pub fn delete_person(state: State<'_, AppState>, id: PersonId) -> IpcResult<()> {
    state.with(|s| Ok(people::delete(s, id)?))
}

/// Adds a participant; with `person`, a new person is created with them in
/// the same transaction.
#[tauri::command(async)]
pub fn add_participant(
    state: State<'_, AppState>,
    person: Option<Person>,
    participant: Participant,
) -> IpcResult<()> {
    state.with(|s| Ok(people::add_participant(s, person.as_ref(), &participant)?))
}

/// Saves a participant's side, role, precedence, arrival, departure and hotel.
#[tauri::command(async)]
pub fn update_participant(state: State<'_, AppState>, participant: Participant) -> IpcResult<()> {
    state.with(|s| Ok(people::update_participant(s, &participant)?))
}

#[tauri::command(async)]
pub fn remove_participant(
    state: State<'_, AppState>,
    visit_id: VisitId,
    person_id: PersonId,
) -> IpcResult<()> {
    state.with(|s| Ok(people::remove_participant(s, visit_id, person_id)?))
}

/// Sets one side's order of precedence, first first.
#[tauri::command(async)]
pub fn reorder_participants(
    state: State<'_, AppState>,
    visit_id: VisitId,
    side: Side,
    order: Vec<PersonId>,
) -> IpcResult<()> {
    state.with(|s| Ok(people::reorder(s, visit_id, side, &order)?))
}

/// A search query folded as the address book's search keys are; answered
/// without the database.
#[tauri::command]
pub fn search_key(query: String) -> String {
    people::search_key(&query)
}
