//! The calendar export (.ics) from the app: the whole programme, one
//! person's own programme, or one person's duties, saved where the user
//! picks in the native dialog.

use chrono::Utc;
use dplan_api::calendar::{self, CalendarRequest, Scope};
use dplan_core::{Edition, Lang, PersonId, VisitId, calendar::SavedCalendar};
use tauri::{AppHandle, State};

use crate::{dialogs, error::IpcResult, state::AppState};

/// Asks where to save and writes the calendar file there. `person` narrows
/// it to the items that person attends, or, with `duties`, the items they
/// are responsible for; `edition` says whether it is a guest's or an
/// internal calendar. Returns where it went and what it holds, or `None`
/// if the user cancelled.
#[allow(clippy::too_many_arguments)]
#[tauri::command(async)]
pub fn export_calendar(
    app: AppHandle,
    state: State<'_, AppState>,
    visit_id: VisitId,
    person: Option<PersonId>,
    duties: bool,
    langs: Vec<Lang>,
    reminder_minutes: Option<u32>,
    edition: Edition,
    tentative: bool,
    suggested_name: String,
) -> IpcResult<Option<SavedCalendar>> {
    let request = CalendarRequest {
        scope: match person {
            Some(p) if duties => Scope::Staff(p),
            Some(p) => Scope::Participant(p),
            None => Scope::Visit,
        },
        langs,
        reminder_minutes,
        edition: Some(edition),
        tentative,
        now: Utc::now(),
    };
    // An empty or unknown selection is refused before the dialog opens.
    let made = state.with(|s| Ok(calendar::make(s, visit_id, &request)?))?;
    let Some(path) = dialogs::save_bytes(
        &app,
        ("iCalendar (Outlook)", &["ics"]),
        &suggested_name,
        made.text().as_bytes(),
    )?
    else {
        return Ok(None);
    };
    state
        .with(|s| Ok(calendar::record(s, &made, std::path::Path::new(&path))?))
        .map(Some)
}
