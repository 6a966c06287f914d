//! Commands for visits. Each is a few lines over the store.

use chrono::{NaiveDate, Utc};
use dplan_core::{ItemId, Visit, VisitId, view::VisitView};
use tauri::State;

use crate::{error::IpcResult, state::AppState};

#[tauri::command(async)]
pub fn list_visits(state: State<'_, AppState>) -> IpcResult<Vec<Visit>> {
    state.with(|s| Ok(s.list_visits()?))
}

#[tauri::command(async)]
pub fn get_visit(state: State<'_, AppState>, id: String) -> IpcResult<VisitView> {
    state.with(|s| {
        let id = s.resolve_visit(&id)?;
        let file = s.export_visit(id, Utc::now(), false)?;
        file.check_dates().map_err(dplan_store::StoreError::from)?;
        Ok(VisitView::new(&file))
    })
}

#[tauri::command(async)]
pub fn create_visit(state: State<'_, AppState>, visit: Visit) -> IpcResult<()> {
    state.with(|s| Ok(s.insert_visit(&visit)?))
}

#[tauri::command(async)]
pub fn update_visit(state: State<'_, AppState>, visit: Visit) -> IpcResult<()> {
    state.with(|s| Ok(s.update_visit(&visit)?))
}

#[tauri::command(async)]
pub fn delete_visit(state: State<'_, AppState>, id: VisitId) -> IpcResult<()> {
    state.with(|s| Ok(s.delete_visit(id)?))
}

/// Copies a visit as the template for a new one that starts on `first_day`:
/// same programme at the same local times, moved by whole days.
#[tauri::command(async)]
pub fn duplicate_visit(
    state: State<'_, AppState>,
    id: VisitId,
    first_day: NaiveDate,
) -> IpcResult<VisitId> {
    state.with(|s| {
        let file = s.export_visit(id, Utc::now(), false)?;
        let copy = file
            .as_template(VisitId::random(), first_day, ItemId::random)
            .map_err(dplan_store::StoreError::from)?;
        s.import_visit(&copy)?;
        Ok(copy.visit.id)
    })
}

#[tauri::command(async)]
pub fn load_demo(state: State<'_, AppState>) -> IpcResult<usize> {
    state.with(|s| Ok(s.load_demo()?.len()))
}
