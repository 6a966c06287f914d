//! Printed itineraries from the app: a preview to print with the system's
//! print dialog, and "Save as PDF", which writes the same PDF as
//! `dplan export-itinerary` (both call the application layer).

use chrono::Utc;
use dplan_api::itinerary::{self, ItineraryPreview, ItineraryRequest, Layout};
use dplan_core::{Edition, Lang, PersonId, VisitId};
use tauri::{AppHandle, State};

use crate::{dialogs, error::IpcResult, state::AppState};

fn request(
    person: Option<PersonId>,
    langs: Vec<Lang>,
    layout: Layout,
    edition: Edition,
    tentative: bool,
) -> ItineraryRequest {
    ItineraryRequest {
        person,
        langs,
        layout,
        edition: Some(edition),
        tentative,
        stamp: Utc::now(),
    }
}

/// The itinerary as an element with scoped style, for the print preview,
/// and what it prints untranslated.
#[tauri::command(async)]
pub fn itinerary_preview(
    state: State<'_, AppState>,
    visit_id: VisitId,
    person: Option<PersonId>,
    langs: Vec<Lang>,
    layout: Layout,
    edition: Edition,
    tentative: bool,
) -> IpcResult<ItineraryPreview> {
    let request = request(person, langs, layout, edition, tentative);
    let prepared = state.with(|s| Ok(itinerary::prepare(s, visit_id, &request)?))?;
    // Typeset after the store is unlocked.
    prepared
        .preview()
        .map_err(|e| crate::error::IpcError::from(e).in_lang(state.lang()))
}

/// Typesets the itinerary, asks where to save it and writes the PDF there.
/// Returns the path, or `None` if the user cancelled.
#[allow(clippy::too_many_arguments)]
#[tauri::command(async)]
pub fn save_itinerary_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    visit_id: VisitId,
    person: Option<PersonId>,
    langs: Vec<Lang>,
    layout: Layout,
    edition: Edition,
    tentative: bool,
    suggested_name: String,
) -> IpcResult<Option<String>> {
    let request = request(person, langs, layout, edition, tentative);
    let prepared = state.with(|s| Ok(itinerary::prepare(s, visit_id, &request)?))?;
    let bytes = prepared
        .pdf()
        .map_err(|e| crate::error::IpcError::from(e).in_lang(state.lang()))?;
    dialogs::save_bytes(&app, ("PDF", &["pdf"]), &suggested_name, &bytes)
}
