//! Commands for participant lists: reading a list the user picks or drops,
//! reviewing it with a column mapping, importing it, and the roster export.
//! The list read last is kept in [`AppState`] while the dialog is open, so
//! each change of mapping re-reads no file.

use chrono::Utc;
use dplan_core::{Lang, Side, VisitId};
use dplan_roster::{ImportOptions, ImportPolicy, ListReview, Mapping, Table};
use dplan_store::{ErrorKind, ParticipantImportReport, PurgeRecord};
use tauri::{AppHandle, State, ipc::InvokeBody, ipc::Request};

use crate::{
    dialogs,
    error::{IpcError, IpcResult},
    state::AppState,
};

fn roster_error(e: dplan_roster::RosterError) -> IpcError {
    IpcError::kinded(e)
}

/// Reads the bytes of a list, keeps its table and reviews it with the
/// detected mapping.
fn review_new(
    state: &AppState,
    visit_id: VisitId,
    bytes: &[u8],
    default_side: Side,
) -> IpcResult<ListReview> {
    let table = dplan_roster::read_table(bytes).map_err(roster_error)?;
    review_table(state, visit_id, table, default_side)
}

/// Keeps a list's table and reviews it with the detected mapping.
fn review_table(
    state: &AppState,
    visit_id: VisitId,
    table: Table,
    default_side: Side,
) -> IpcResult<ListReview> {
    let mapping = dplan_roster::detect_mapping(&table);
    let review = ListReview::new(&table, &mapping, visit_id, &ImportOptions { default_side })
        .map_err(roster_error)?;
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
    // The list's size is checked before it is read, so a huge or crafted
    // file is refused without loading it.
    let table = dplan_roster::read_table_file(&path).map_err(|e| match e {
        dplan_roster::RosterError::Unreadable { reason } => IpcError::of(
            ErrorKind::Storage,
            format!("cannot read {}: {reason}", path.display()),
        ),
        e => roster_error(e),
    })?;
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
    review_new(&state, visit_id, bytes, default_side)
}

/// Reviews the list read last with the user's mapping.
#[tauri::command(async)]
pub fn review_participant_list(
    state: State<'_, AppState>,
    visit_id: VisitId,
    mapping: Mapping,
    default_side: Side,
) -> IpcResult<ListReview> {
    state.with_list(|table: &Table| {
        ListReview::new(table, &mapping, visit_id, &ImportOptions { default_side })
            .map_err(roster_error)
    })
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
    let listed = state.with_list(|table: &Table| {
        let plan = dplan_roster::plan_import(
            table,
            &mapping,
            visit_id,
            &ImportOptions { default_side },
            dplan_core::PersonId::random,
        )
        .map_err(roster_error)?;
        let policy = if only_valid {
            ImportPolicy::ValidRowsOnly
        } else {
            ImportPolicy::AllOrNothing
        };
        let drafts = plan.accepted(policy).map_err(roster_error)?;
        Ok(drafts
            .iter()
            .map(dplan_roster::Draft::listed)
            .collect::<Vec<_>>())
    })?;
    state.with(|s| Ok(s.import_participants(visit_id, &listed, dry_run)?))
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
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    state.with(|s| {
        let file = s.export_visit(visit_id, Utc::now(), false)?;
        let rows = dplan_roster::roster_rows(&file, lang);
        let bytes = if csv {
            dplan_roster::roster_csv(&rows, lang)
        } else {
            dplan_roster::roster_xlsx(&rows, lang).map_err(roster_error)?
        };
        dplan_store::write_atomically(&path, &bytes)?;
        Ok(Some(path.display().to_string()))
    })
}

/// Removes the personal data of a visit that is over; see
/// `Store::purge_personal_data`.
#[tauri::command(async)]
pub fn purge_personal_data(
    state: State<'_, AppState>,
    visit_id: VisitId,
) -> IpcResult<PurgeRecord> {
    state.with(|s| Ok(s.purge_personal_data(visit_id, Utc::now())?))
}

/// When personal data was removed after this visit, newest first.
#[tauri::command(async)]
pub fn list_purges(state: State<'_, AppState>, visit_id: VisitId) -> IpcResult<Vec<PurgeRecord>> {
    state.with(|s| Ok(s.list_purges(visit_id)?))
}
