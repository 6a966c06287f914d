//! Calendars that follow the plan, from the app: where to publish (saved;
//! the CalDAV password only kept while the app runs), publishing a visit
//! now, and following each change of a visit that was published before.

use chrono::Utc;
use dplan_api::publish::{self, PublishError, StoreAccess};
use dplan_core::{
    Lang, VisitId,
    calendar::{PublishOutcome, PublishSettings, Withdrawn},
};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::{
    error::{IpcError, IpcResult},
    state::AppState,
};

#[tauri::command(async)]
pub fn get_publish_settings(state: State<'_, AppState>) -> IpcResult<PublishSettings> {
    state.with(|s| Ok(publish::settings(s)?))
}

/// Saves where to publish; `password` (for the CalDAV user) is kept in
/// memory only, until the app closes.
#[tauri::command(async)]
pub fn save_publish_settings(
    state: State<'_, AppState>,
    settings: PublishSettings,
    password: Option<String>,
) -> IpcResult<PublishSettings> {
    let saved = state.with(|s| Ok(publish::save_settings(s, &settings)?))?;
    if let Some(p) = password.filter(|p| !p.is_empty()) {
        state.set_caldav_password(p);
    }
    Ok(saved)
}

/// Asks for the folder subscription feeds go into and saves it.
#[tauri::command(async)]
pub fn choose_publish_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> IpcResult<Option<PublishSettings>> {
    let Some(dir) = app.dialog().file().blocking_pick_folder() else {
        return Ok(None);
    };
    let dir = dir.into_path().map_err(IpcError::internal)?;
    state.with(|s| Ok(publish::set_folder(s, &dir)?)).map(Some)
}

/// The app's store for a publish: taken for each short step only, so a
/// slow calendar server never holds up the app's other commands. An error
/// of a step keeps its kind.
struct Steps<'a>(&'a AppState);

impl StoreAccess for Steps<'_> {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut dplan_api::Store) -> Result<T, PublishError>,
    ) -> Result<T, PublishError> {
        let mut failed = None;
        let answer = self.0.with(|s| match f(s) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                failed = Some(e);
                Ok(None)
            }
        });
        match (answer, failed) {
            (_, Some(e)) => Err(e),
            (Ok(Some(v)), None) => Ok(v),
            (Ok(None), None) => Err(PublishError::Unavailable("no answer".into())),
            (Err(e), None) => Err(PublishError::Unavailable(e.message().to_string())),
        }
    }
}

fn publish_now(state: &AppState, visit_id: VisitId, langs: Vec<Lang>) -> IpcResult<PublishOutcome> {
    // One publish at a time: two would race for the same ETags.
    let _one = state.publishing();
    publish::publish(
        &Steps(state),
        visit_id,
        state.caldav_password(),
        langs,
        Utc::now(),
    )
    .map_err(|e| IpcError::from(e).in_lang(state.lang()))
}

/// Publishes a visit's calendars now.
#[tauri::command(async)]
pub fn publish_calendars(
    state: State<'_, AppState>,
    visit_id: VisitId,
    langs: Vec<Lang>,
) -> IpcResult<PublishOutcome> {
    publish_now(&state, visit_id, langs)
}

/// After a change: publishes again if the visit's calendars were published
/// before; `None` if they never were.
#[tauri::command(async)]
pub fn follow_calendars(
    state: State<'_, AppState>,
    visit_id: VisitId,
    langs: Vec<Lang>,
) -> IpcResult<Option<PublishOutcome>> {
    let published = state.with(|s| Ok(publish::was_published(s, visit_id)?))?;
    if !published {
        return Ok(None);
    }
    publish_now(&state, visit_id, langs).map(Some)
}

/// Whether this visit's guests' calendars name the people at each item.
#[tauri::command(async)]
pub fn get_calendar_names(state: State<'_, AppState>, visit_id: VisitId) -> IpcResult<bool> {
    state.with(|s| Ok(publish::calendar_names(s, visit_id)?))
}

#[tauri::command(async)]
pub fn set_calendar_names(
    state: State<'_, AppState>,
    visit_id: VisitId,
    names: bool,
) -> IpcResult<bool> {
    state.with(|s| Ok(publish::set_calendar_names(s, visit_id, names)?))
}

/// Takes the visit's calendars back from the server and the folder; then
/// the visit can be deleted.
#[tauri::command(async)]
pub fn withdraw_calendars(state: State<'_, AppState>, visit_id: VisitId) -> IpcResult<Withdrawn> {
    let _one = state.publishing();
    publish::withdraw(
        &Steps(&state),
        visit_id,
        state.caldav_password(),
        Utc::now(),
    )
    .map_err(|e| IpcError::from(e).in_lang(state.lang()))
}
