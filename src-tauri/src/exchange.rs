//! Commands that move whole visits in and out as visit files. The file
//! dialogs are shown here, on the Rust side, so the webview never names a
//! path: it can only ask for a dialog, and the user picks the file.

use chrono::Utc;
use dplan_core::VisitId;
use dplan_store::ImportReport;
use tauri::{AppHandle, State};

use crate::{dialogs, error::IpcResult, state::AppState};

const FILTER_NAME: &str = "Delegation Planner (JSON)";

/// Asks where to save the visit and writes its visit file there (without
/// personal data). Returns the path written, or `None` if the user cancelled.
#[tauri::command(async)]
pub fn export_visit_file(
    app: AppHandle,
    state: State<'_, AppState>,
    id: VisitId,
    suggested_name: String,
) -> IpcResult<Option<String>> {
    let Some(path) = dialogs::save_path(&app, &[(FILTER_NAME, &["json"])], &suggested_name)? else {
        return Ok(None);
    };
    state.with(|s| {
        s.export_visit_file(id, &path, Utc::now(), false)?;
        Ok(Some(path.display().to_string()))
    })
}

/// Asks for a visit file and imports it: a new visit, or an update of the
/// one with the same id. `None` if the user cancelled.
#[tauri::command(async)]
pub fn import_visit_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> IpcResult<Option<ImportReport>> {
    let Some(path) = dialogs::open_path(&app, &[(FILTER_NAME, &["json"])])? else {
        return Ok(None);
    };
    state.with(|s| Ok(Some(s.import_visit_file(&path)?)))
}
