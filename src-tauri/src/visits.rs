//! Commands for visits. Each is a few lines over the application layer.

use chrono::NaiveDate;
use dplan_api::visits;
use dplan_core::{Visit, VisitId, view::VisitView};
use tauri::State;

use crate::{error::IpcResult, state::AppState};

#[tauri::command(async)]
pub fn list_visits(state: State<'_, AppState>) -> IpcResult<Vec<Visit>> {
    state.with(|s| Ok(visits::list(s)?))
}

#[tauri::command(async)]
pub fn get_visit(state: State<'_, AppState>, id: String) -> IpcResult<VisitView> {
    state.with(|s| Ok(visits::open(s, &id)?))
}

#[tauri::command(async)]
pub fn create_visit(state: State<'_, AppState>, visit: Visit) -> IpcResult<()> {
    state.with(|s| Ok(visits::create(s, &visit)?))
}

#[tauri::command(async)]
pub fn update_visit(state: State<'_, AppState>, visit: Visit) -> IpcResult<()> {
    state.with(|s| Ok(visits::update(s, &visit)?))
}

#[tauri::command(async)]
pub fn delete_visit(state: State<'_, AppState>, id: VisitId) -> IpcResult<()> {
    state.with(|s| Ok(visits::delete(s, id)?))
}

/// Copies a visit as the template for a new one that starts on `first_day`.
#[tauri::command(async)]
pub fn duplicate_visit(
    state: State<'_, AppState>,
    id: VisitId,
    first_day: NaiveDate,
) -> IpcResult<VisitId> {
    state.with(|s| Ok(visits::duplicate(s, id, first_day)?))
}

#[tauri::command(async)]
pub fn load_demo(state: State<'_, AppState>) -> IpcResult<usize> {
    state.with(|s| Ok(visits::load_demo(s)?.len()))
}
