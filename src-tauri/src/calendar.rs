//! The calendar export (.ics) from the app: the whole programme, one
//! person's own programme, or one person's duties, saved where the user
//! picks in the native dialog.

use chrono::Utc;
use dplan_core::{Edition, Lang, PersonId, VisitId, calendar::SavedCalendar};
use dplan_ics::{IcsError, Options, Scope};
use tauri::{AppHandle, State};

use crate::{
    dialogs,
    error::{IpcError, IpcResult},
    state::AppState,
};

fn ics_error(e: IcsError) -> IpcError {
    IpcError::kinded(e)
}

/// Asks where to save and writes the calendar file there. `person` narrows
/// it to the items that person attends, or, with `duties`, the items they
/// are responsible for; `edition` says whether it is a guest's or an
/// internal calendar. The file is compared with what this calendar carried
/// before (its feed): changed events get a higher `SEQUENCE`, removed items
/// come back as cancelled; what it carries is kept once the file is
/// written. Returns where it went and what it holds, or `None` if the user
/// cancelled.
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
    let scope = match person {
        Some(p) if duties => Scope::Staff(p),
        Some(p) => Scope::Participant(p),
        None => Scope::Visit,
    };
    let options = Options {
        langs,
        reminder_minutes,
        edition,
        tentative,
        ..Options::new(Utc::now())
    };
    let feed_key = scope.feed_key(edition);
    // Refuse an empty or unknown selection before the dialog opens.
    let feed = state.with(|s| {
        let view = s.visit_view(visit_id)?;
        let before = s.published(visit_id, &feed_key)?;
        dplan_ics::export_feed(&view, scope, &options, &before).map_err(ics_error)
    })?;
    let Some(path) = dialogs::save_bytes(
        &app,
        ("iCalendar (Outlook)", &["ics"]),
        &suggested_name,
        feed.text.as_bytes(),
    )?
    else {
        return Ok(None);
    };
    state.with(|s| Ok(s.record_published(visit_id, &feed_key, &feed.published)?))?;
    Ok(Some(SavedCalendar {
        path,
        events: feed.published.len(),
        taken_back: feed.published.iter().filter(|p| p.gone).count(),
        shortened: feed.shortened,
    }))
}
