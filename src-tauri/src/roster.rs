//! Commands for participant lists: reading a list the user picks or drops,
//! reviewing it with a column mapping, importing it, and the roster export.
//! The list read last is kept in [`AppState`] while the dialog is open, so
//! each change of mapping re-reads no file.

use dplan_api::data::{self, PurgeRecord};
use dplan_api::roster::{
    self, ImportPolicy, ListReview, Mapping, ParticipantImportReport, RosterFormat, Table,
};
use dplan_core::{Lang, Side, VisitId};
use tauri::{AppHandle, State, ipc::InvokeBody, ipc::Request};

use crate::{
    dialogs,
    error::{IpcError, IpcResult},
    state::AppState,
};

/// Keeps a list's table and reviews it with the detected mapping.
fn review_table(
    state: &AppState,
    visit_id: VisitId,
    table: Table,
    default_side: Side,
) -> IpcResult<ListReview> {
    let mapping = roster::detect_mapping(&table);
    let review = roster::review(&table, &mapping, visit_id, default_side)?;
    state.keep_list(table);
    Ok(review)
}

/// Asks for a list (.xlsx, .xls, .csv) and reviews it; `None` if the user
/// cancelled.
#[tauri::command(async)]
pub fn open_participant_list(
    app: AppHandle,
    state: State<'_, AppState>,
    visit_id: VisitId,
    default_side: Side,
) -> IpcResult<Option<ListReview>> {
    let Some(path) = dialogs::open_path(&app, &[("Excel, CSV", &["xlsx", "xls", "csv", "txt"])])?
    else {
        return Ok(None);
    };
    let table = roster::read_file(&path)?;
    review_table(&state, visit_id, table, default_side).map(Some)
}

/// Reviews a list dropped on the window: the file's bytes are the raw
/// request body, the visit id and side come as `visit-id` and
/// `default-side` headers.
#[tauri::command(async)]
pub fn load_participant_list(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> IpcResult<ListReview> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(IpcError::internal("the list must be sent as raw bytes"));
    };
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    let visit_id: VisitId = header("visit-id")
        .parse()
        .map_err(|_| IpcError::internal("the visit-id header is missing or not an id"))?;
    let default_side = if header("default-side") == "host" {
        Side::Host
    } else {
        Side::Guest
    };
    let table = roster::read_bytes(bytes)?;
    review_table(&state, visit_id, table, default_side)
}

/// Reviews the list read last with the user's mapping.
#[tauri::command(async)]
pub fn review_participant_list(
    state: State<'_, AppState>,
    visit_id: VisitId,
    mapping: Mapping,
    default_side: Side,
) -> IpcResult<ListReview> {
    state.with_list(|table| Ok(roster::review(table, &mapping, visit_id, default_side)?))
}

/// Imports the list read last (or, with `dry_run`, says what that would
/// do). With `only_valid`, the invalid rows are skipped; otherwise one
/// invalid row stops the whole import.
#[tauri::command(async)]
pub fn import_participant_list(
    state: State<'_, AppState>,
    visit_id: VisitId,
    mapping: Mapping,
    default_side: Side,
    only_valid: bool,
    dry_run: bool,
) -> IpcResult<ParticipantImportReport> {
    let plan =
        state.with_list(|table| Ok(roster::plan(table, &mapping, visit_id, default_side)?))?;
    let policy = match only_valid {
        true => ImportPolicy::ValidRowsOnly,
        false => ImportPolicy::AllOrNothing,
    };
    state.with(|s| Ok(roster::import(s, visit_id, &plan, policy, dry_run)?))
}

/// Asks where to save the roster and writes it as .xlsx or .csv (by the
/// name the user gives, .xlsx if none). Returns the path, or `None` if the
/// user cancelled.
#[tauri::command(async)]
pub fn export_roster(
    app: AppHandle,
    state: State<'_, AppState>,
    visit_id: VisitId,
    lang: Lang,
    suggested_name: String,
) -> IpcResult<Option<String>> {
    let Some(path) = dialogs::save_path(
        &app,
        &[("Excel", &["xlsx"]), ("CSV (Excel)", &["csv"])],
        &suggested_name,
    )?
    else {
        return Ok(None);
    };
    let format = RosterFormat::of_path(&path).unwrap_or(RosterFormat::Xlsx);
    state.with(|s| {
        roster::export_to(s, visit_id, lang, format, &path)?;
        Ok(Some(path.display().to_string()))
    })
}

/// Removes the personal data of a visit that is over.
#[tauri::command(async)]
pub fn purge_personal_data(
    state: State<'_, AppState>,
    visit_id: VisitId,
) -> IpcResult<PurgeRecord> {
    state.with(|s| Ok(data::purge_personal_data(s, visit_id)?))
}

/// When personal data was removed after this visit, newest first.
#[tauri::command(async)]
pub fn list_purges(state: State<'_, AppState>, visit_id: VisitId) -> IpcResult<Vec<PurgeRecord>> {
    state.with(|s| Ok(data::purges(s, visit_id)?))
}
