//! Commands for the conflict check, its settings, one person's programme
//! and the question a form asks about a local time.

use dplan_api::{check, visits};
use dplan_core::{
    Lang, LocalTimeInfo, PersonId, VisitId, WallTime, Warning, conflict::CheckSettings,
    view::PersonProgramme,
};
use tauri::State;

use crate::{error::IpcResult, state::AppState};

/// The visit's warnings, their sentences in `lang` (the app's language).
#[tauri::command(async)]
pub fn check_visit(state: State<'_, AppState>, id: VisitId, lang: Lang) -> IpcResult<Vec<Warning>> {
    // The check itself runs after the store is unlocked: a programme with
    // thousands of clashes must not hold up every other command.
    let input = state.with(|s| Ok(check::load(s, id)?))?;
    crate::state::contained(|| Ok(input.run(lang)))
}

#[tauri::command(async)]
pub fn get_check_settings(state: State<'_, AppState>) -> IpcResult<CheckSettings> {
    state.with(|s| Ok(check::settings(s)?))
}

#[tauri::command(async)]
pub fn save_check_settings(state: State<'_, AppState>, settings: CheckSettings) -> IpcResult<()> {
    state.with(|s| Ok(check::save_settings(s, &settings).map(|_| ())?))
}

#[tauri::command(async)]
pub fn person_programme(
    state: State<'_, AppState>,
    visit: VisitId,
    person: PersonId,
) -> IpcResult<PersonProgramme> {
    state.with(|s| Ok(visits::person_programme(s, visit, person)?))
}

/// Whether a local time exists in its zone and, when it happens twice,
/// both instants; answered without the database.
#[tauri::command]
pub fn local_time_info(local: String, zone: String) -> IpcResult<LocalTimeInfo> {
    Ok(check::local_time_info(&local, &zone)?)
}

/// Instants as the clocks of `zone` show them (the programme's second
/// column of times); answered without the database.
#[tauri::command]
pub fn wall_times(
    instants: Vec<chrono::DateTime<chrono::Utc>>,
    zone: String,
) -> IpcResult<Vec<WallTime>> {
    Ok(check::wall_times(&instants, &zone)?)
}
