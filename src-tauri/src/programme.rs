//! Commands for venues and programme items.

use dplan_core::{ItemId, ProgrammeItem, Venue};
use tauri::State;

use crate::{error::IpcResult, state::AppState};

#[tauri::command(async)]
pub fn list_venues(state: State<'_, AppState>) -> IpcResult<Vec<Venue>> {
    state.with(|s| Ok(s.list_venues()?))
}

#[tauri::command(async)]
pub fn create_item(state: State<'_, AppState>, item: ProgrammeItem) -> IpcResult<()> {
    state.with(|s| Ok(s.insert_item(&item)?))
}

/// Returns the item as stored, with its revision raised if its time, venue
/// or status changed.
#[tauri::command(async)]
pub fn update_item(state: State<'_, AppState>, item: ProgrammeItem) -> IpcResult<ProgrammeItem> {
    state.with(|s| Ok(s.update_item(&item)?))
}

#[tauri::command(async)]
pub fn delete_item(state: State<'_, AppState>, id: ItemId) -> IpcResult<()> {
    state.with(|s| Ok(s.delete_item(id)?))
}
