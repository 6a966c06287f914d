//! Printed itineraries: the whole visit or one person's own, in one or two
//! languages, as the guest's or the internal edition; as PDF, as an HTML
//! page, or as the app's preview.

use std::path::Path;

use chrono::{DateTime, Utc};
use dplan_core::view::VisitView;
use dplan_core::{Edition, Lang, MissingTranslation, PersonId, VisitId};
use serde::Serialize;

use crate::{ApiError, Result, Store};

pub use dplan_print::Layout;

/// What itinerary to print.
#[derive(Clone, Debug)]
pub struct ItineraryRequest {
    /// One person's own itinerary, or (`None`) the whole visit's.
    pub person: Option<PersonId>,
    /// One or two languages, the first leading.
    pub langs: Vec<Lang>,
    pub layout: Layout,
    /// Guest or internal; `None` for the reader's own (guest for the whole
    /// visit and for guests, internal for hosts).
    pub edition: Option<Edition>,
    /// In a guest edition, include tentative items (marked as such).
    pub tentative: bool,
    /// The version stamp ("Stand: …"): the same data and stamp give the
    /// same PDF.
    pub stamp: DateTime<Utc>,
}

/// An itinerary ready to be typeset.
pub struct Itinerary {
    view: VisitView,
    scope: dplan_print::Scope,
    options: dplan_print::PrintOptions,
}

/// The app's preview, and what it prints untranslated, for the dialog to
/// list before anything is printed.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct ItineraryPreview {
    pub html: String,
    pub missing: Vec<MissingTranslation>,
}

/// Reads what the itinerary needs: the visit, the reader's subscription
/// feed when the office published one, and, for an internal edition only,
/// the participants' dietary and access needs.
pub fn prepare(store: &Store, visit: VisitId, request: &ItineraryRequest) -> Result<Itinerary> {
    let view = store.visit_view(visit)?;
    let edition = request
        .edition
        .unwrap_or_else(|| Edition::for_reader(&view, request.person));
    let needs = match edition {
        Edition::Internal => dplan_print::needs_of(&store.export_visit(visit, Utc::now(), true)?),
        Edition::Guest => Default::default(),
    };
    let options = dplan_print::PrintOptions {
        layout: request.layout,
        edition,
        tentative: request.tentative,
        needs,
        calendar_link: dplan_publish::feed_link(store, visit, request.person)?,
        ..dplan_print::PrintOptions::new(request.langs.clone(), request.stamp)
    };
    let scope = request
        .person
        .map_or(dplan_print::Scope::Visit, dplan_print::Scope::Person);
    Ok(Itinerary {
        view,
        scope,
        options,
    })
}

impl Itinerary {
    pub fn pdf(&self) -> Result<Vec<u8>> {
        Ok(dplan_print::pdf(&self.view, self.scope, &self.options)?)
    }

    pub fn html_page(&self) -> Result<String> {
        Ok(dplan_print::html_page(
            &self.view,
            self.scope,
            &self.options,
        )?)
    }

    pub fn preview(&self) -> Result<ItineraryPreview> {
        let (html, missing) = dplan_print::html_fragment(&self.view, self.scope, &self.options)?;
        Ok(ItineraryPreview { html, missing })
    }

    /// The texts printed in another language than asked for, because they
    /// have no translation.
    pub fn missing(&self) -> Result<Vec<MissingTranslation>> {
        Ok(dplan_print::missing_translations(
            &self.view,
            self.scope,
            &self.options,
        )?)
    }
}

/// The formats an itinerary is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItineraryFormat {
    Pdf,
    Html,
}

impl ItineraryFormat {
    /// The format a file's name asks for (.pdf, .html or .htm).
    pub fn of_path(path: &Path) -> Result<ItineraryFormat> {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("pdf") => Ok(ItineraryFormat::Pdf),
            Some(e) if e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm") => {
                Ok(ItineraryFormat::Html)
            }
            _ => Err(ApiError::FileName {
                path: path.into(),
                expected: ".pdf or .html",
            }),
        }
    }
}

/// Writes the itinerary to `path` in the format its name asks for (whole
/// or not at all); returns the texts it printed untranslated.
pub fn export_to(
    store: &Store,
    visit: VisitId,
    request: &ItineraryRequest,
    path: &Path,
) -> Result<Vec<MissingTranslation>> {
    let format = ItineraryFormat::of_path(path)?;
    let itinerary = prepare(store, visit, request)?;
    let bytes = match format {
        ItineraryFormat::Pdf => itinerary.pdf()?,
        ItineraryFormat::Html => itinerary.html_page()?.into_bytes(),
    };
    dplan_store::write_atomically(path, &bytes).map_err(|e| ApiError::from(e).about_file(path))?;
    itinerary.missing()
}
