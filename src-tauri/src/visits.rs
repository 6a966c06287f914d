//! Commands for visits. Each is a few lines over the store.

use chrono::Utc;
use dplan_core::{
    Visit, VisitId, demo,
    view::{AppInfo, VisitView},
};
use tauri::State;

use crate::{error::IpcResult, state::AppState};

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> IpcResult<AppInfo> {
    state.with(|s| {
        Ok(AppInfo {
            db_path: state.db_path.display().to_string(),
            empty: s.is_empty()?,
            version: env!("CARGO_PKG_VERSION").to_string(),
        })
    })
}

#[tauri::command(async)]
pub fn list_visits(state: State<'_, AppState>) -> IpcResult<Vec<Visit>> {
    state.with(|s| Ok(s.list_visits()?))
}

#[tauri::command(async)]
pub fn get_visit(state: State<'_, AppState>, id: String) -> IpcResult<VisitView> {
    state.with(|s| {
        let id = s.resolve_visit(&id)?;
        let file = s.export_visit(id, Utc::now(), false)?;
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

#[tauri::command(async)]
pub fn load_demo(state: State<'_, AppState>) -> IpcResult<usize> {
    state.with(|s| {
        let files = demo::visits(demo::stamp());
        for file in &files {
            s.import_visit(file)?;
        }
        Ok(files.len())
    })
}
