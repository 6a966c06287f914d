//! Commands for the conflict check, its settings, one person's programme
//! and the question a form asks about a local time.

use dplan_core::tz::Tz;
use dplan_core::{
    Lang, LocalTimeInfo, PersonId, VisitId, Warning, conflict::CheckSettings, view::PersonProgramme,
};
use dplan_store::{ErrorKind, StoreError};
use tauri::State;

use crate::{
    error::{IpcError, IpcResult},
    state::AppState,
};

/// The visit's warnings, their sentences in `lang` (the app's language).
#[tauri::command(async)]
pub fn check_visit(state: State<'_, AppState>, id: VisitId, lang: Lang) -> IpcResult<Vec<Warning>> {
    // The check itself runs after the store is unlocked: a programme with
    // thousands of clashes must not hold up every other command.
    let input = state.with(|s| Ok(s.load_visit_check(id)?))?;
    crate::state::contained(|| Ok(input.run(lang)))
}

#[tauri::command(async)]
pub fn get_check_settings(state: State<'_, AppState>) -> IpcResult<CheckSettings> {
    state.with(|s| Ok(s.check_settings()?))
}

#[tauri::command(async)]
pub fn save_check_settings(state: State<'_, AppState>, settings: CheckSettings) -> IpcResult<()> {
    state.with(|s| Ok(s.save_check_settings(&settings)?))
}

#[tauri::command(async)]
pub fn person_programme(
    state: State<'_, AppState>,
    visit: VisitId,
    person: PersonId,
) -> IpcResult<PersonProgramme> {
    state.with(|s| {
        s.visit_view(visit)?.for_person(person).ok_or_else(|| {
            IpcError::from(StoreError::NotFound {
                what: "participant",
                key: person.to_string(),
            })
        })
    })
}

/// Whether a local time exists in its zone and, when it happens twice,
/// both instants; answered without the database.
#[tauri::command]
pub fn local_time_info(local: String, zone: String) -> IpcResult<LocalTimeInfo> {
    let zone: Tz = zone
        .parse()
        .map_err(|_| IpcError::of(ErrorKind::Invalid, format!("`{zone}` is not a time zone")))?;
    let at = dplan_core::ZonedLocal::parse(&local, zone)
        .map_err(|e| IpcError::of(ErrorKind::Invalid, e))?;
    Ok(LocalTimeInfo::of(at.local, zone))
}
