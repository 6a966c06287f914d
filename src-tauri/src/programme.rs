//! Commands for venues and programme items, with the programme list's
//! quick actions.

use dplan_api::items;
use dplan_core::{ItemId, ItemStatus, ProgrammeItem, Venue};
use tauri::State;

use crate::{error::IpcResult, state::AppState};

#[tauri::command(async)]
pub fn list_venues(state: State<'_, AppState>) -> IpcResult<Vec<Venue>> {
    state.with(|s| Ok(items::venues(s)?))
}

/// The item as stored, with the fields a view leaves out.
#[tauri::command(async)]
pub fn get_item(state: State<'_, AppState>, id: ItemId) -> IpcResult<ProgrammeItem> {
    state.with(|s| Ok(items::get(s, id)?))
}

#[tauri::command(async)]
pub fn create_item(state: State<'_, AppState>, item: ProgrammeItem) -> IpcResult<()> {
    state.with(|s| Ok(items::create(s, &item)?))
}

/// Returns the item as stored, with its revision raised when a calendar
/// shows the change.
#[tauri::command(async)]
pub fn update_item(state: State<'_, AppState>, item: ProgrammeItem) -> IpcResult<ProgrammeItem> {
    state.with(|s| Ok(items::update(s, &item)?))
}

#[tauri::command(async)]
pub fn delete_item(state: State<'_, AppState>, id: ItemId) -> IpcResult<()> {
    state.with(|s| Ok(items::delete(s, id)?))
}

/// Confirms, cancels or marks tentative one item.
#[tauri::command(async)]
pub fn set_item_status(
    state: State<'_, AppState>,
    id: ItemId,
    status: ItemStatus,
) -> IpcResult<ProgrammeItem> {
    state.with(|s| Ok(items::set_status(s, id, status)?))
}

/// Moves one item by whole days at the same local times.
#[tauri::command(async)]
pub fn move_item_by_days(
    state: State<'_, AppState>,
    id: ItemId,
    days: i32,
) -> IpcResult<ProgrammeItem> {
    state.with(|s| Ok(items::move_by_days(s, id, days)?))
}
