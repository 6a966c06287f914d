//! Commands for the address book and a visit's participants.

use dplan_core::{Participant, Person, PersonId, Side, VisitId, view::PersonEntry};
use tauri::State;

use crate::{error::IpcResult, state::AppState};

#[tauri::command(async)]
pub fn list_persons(state: State<'_, AppState>) -> IpcResult<Vec<PersonEntry>> {
    state.with(|s| {
        Ok(s.list_persons()?
            .into_iter()
            .map(PersonEntry::new)
            .collect())
    })
}

/// Adds a participant; with `person`, a new person is created with them in
/// the same transaction.
#[tauri::command(async)]
pub fn add_participant(
    state: State<'_, AppState>,
    person: Option<Person>,
    participant: Participant,
) -> IpcResult<()> {
    state.with(|s| match &person {
        Some(person) => Ok(s.insert_participant_with_person(person, &participant)?),
        None => Ok(s.insert_participant(&participant)?),
    })
}

#[tauri::command(async)]
pub fn remove_participant(
    state: State<'_, AppState>,
    visit_id: VisitId,
    person_id: PersonId,
) -> IpcResult<()> {
    state.with(|s| Ok(s.delete_participant(visit_id, person_id)?))
}

/// Sets one side's order of precedence, first first.
#[tauri::command(async)]
pub fn reorder_participants(
    state: State<'_, AppState>,
    visit_id: VisitId,
    side: Side,
    order: Vec<PersonId>,
) -> IpcResult<()> {
    state.with(|s| Ok(s.reorder_participants(visit_id, side, &order)?))
}
