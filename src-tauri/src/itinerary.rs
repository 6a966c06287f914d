//! Printed itineraries from the app: a preview to print with the system's
//! print dialog, and "Save as PDF", which writes the same PDF as
//! `dplan export-itinerary` (both call dplan-print).

use chrono::Utc;
use dplan_core::{Edition, Lang, MissingTranslation, PersonId, VisitId, view::VisitView};
use dplan_print::{Layout, PrintError, PrintOptions, Scope};
use tauri::{AppHandle, State};

use crate::{
    dialogs,
    error::{IpcError, IpcResult},
    state::AppState,
};

fn print_error(e: PrintError) -> IpcError {
    IpcError::kinded(e)
}

fn view_of(state: &AppState, visit_id: VisitId) -> IpcResult<VisitView> {
    state.with(|s| Ok(s.visit_view(visit_id)?))
}

/// The print options; an internal edition also gets the participants'
/// dietary and access needs, read from the store only for it.
fn options(
    state: &AppState,
    visit_id: VisitId,
    person: Option<PersonId>,
    langs: Vec<Lang>,
    layout: Layout,
    edition: Edition,
    tentative: bool,
) -> IpcResult<PrintOptions> {
    let needs = match edition {
        Edition::Internal => state.with(|s| {
            Ok(dplan_print::needs_of(&s.export_visit(
                visit_id,
                Utc::now(),
                true,
            )?))
        })?,
        Edition::Guest => Default::default(),
    };
    // The reader's subscription feed, when the office published one.
    let calendar_link =
        state.with(|s| dplan_publish::feed_link(s, visit_id, person).map_err(IpcError::kinded))?;
    Ok(PrintOptions {
        layout,
        edition,
        tentative,
        needs,
        calendar_link,
        ..PrintOptions::new(langs, Utc::now())
    })
}

fn scope(person: Option<PersonId>) -> Scope {
    person.map_or(Scope::Visit, Scope::Person)
}

/// The preview and what it prints untranslated, for the dialog to list
/// before anything is printed.
#[derive(serde::Serialize)]
pub struct ItineraryPreview {
    html: String,
    missing: Vec<MissingTranslation>,
}

/// The itinerary as an element with scoped style, for the print preview.
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
    let view = view_of(&state, visit_id)?;
    let options = options(&state, visit_id, person, langs, layout, edition, tentative)?;
    let (html, missing) = dplan_print::html_fragment(&view, scope(person), &options)
        .map_err(|e| print_error(e).in_lang(state.lang()))?;
    Ok(ItineraryPreview { html, missing })
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
    let view = view_of(&state, visit_id)?;
    let options = options(&state, visit_id, person, langs, layout, edition, tentative)?;
    let bytes = dplan_print::pdf(&view, scope(person), &options)
        .map_err(|e| print_error(e).in_lang(state.lang()))?;
    dialogs::save_bytes(&app, ("PDF", &["pdf"]), &suggested_name, &bytes)
}
