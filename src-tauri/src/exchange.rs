//! Commands that move whole visits in and out as visit files. The file
//! dialogs are shown here, on the Rust side, so the webview never names a
//! path: it can only ask for a dialog, and the user picks the file.

use dplan_api::exchange::{self, ImportOptions, ImportReport, SharedRecords};
use dplan_core::VisitId;
use tauri::{AppHandle, State};

use crate::{
    dialogs,
    error::{IpcError, IpcResult},
    state::AppState,
};

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
        exchange::export_to(s, id, &path, false)?;
        Ok(Some(path.display().to_string()))
    })
}

/// Imports a visit file: a new visit, or an update of the one with the same
/// id. With `choose_file`, asks for the file first and keeps it in
/// [`AppState`] (`None` if the user cancelled); otherwise imports the file
/// read last, so the dry run and the import the user then confirms read
/// one file once. `shared` says what happens to persons and venues other
/// visits also use; with `dry_run` nothing is stored.
#[tauri::command(async)]
pub fn import_visit_file(
    app: AppHandle,
    state: State<'_, AppState>,
    choose_file: bool,
    shared: SharedRecords,
    dry_run: bool,
) -> IpcResult<Option<ImportReport>> {
    if choose_file {
        let Some(path) = dialogs::open_path(&app, &[(FILTER_NAME, &["json"])])? else {
            return Ok(None);
        };
        state.keep_visit_file(exchange::read_file(&path)?);
    }
    let file = state
        .kept_visit_file()
        .ok_or_else(|| IpcError::internal("no visit file has been read; choose a file first"))?;
    let report = state.with(|s| {
        Ok(exchange::import(
            s,
            &file,
            ImportOptions { shared, dry_run },
        )?)
    })?;
    if !dry_run {
        state.forget_visit_file();
    }
    Ok(Some(report))
}

/// Forgets the visit file read for an import the user then cancelled: it
/// may carry personal data, which is kept no longer than needed.
#[tauri::command]
pub fn discard_visit_file(state: State<'_, AppState>) {
    state.forget_visit_file();
}
