//! Calendar files (.ics) for Outlook and other calendars: the whole
//! programme, one participant's own programme, or one staff member's
//! duties. Each file is compared with what that calendar carried before
//! (its feed), so changed events get a higher `SEQUENCE` and removed items
//! come back as cancelled; what a file carries is recorded once it is
//! written.

use std::path::Path;

use chrono::{DateTime, Utc};
use dplan_core::calendar::SavedCalendar;
use dplan_core::view::VisitView;
use dplan_core::{Edition, Lang, VisitId};

use crate::{ApiError, Result, Store};

pub use dplan_ics::{MAX_FIELD_CHARS, MAX_REMINDER_MINUTES, Scope};

/// What calendar to make.
#[derive(Clone, Debug)]
pub struct CalendarRequest {
    pub scope: Scope,
    /// Languages of titles and descriptions, the first leading.
    pub langs: Vec<Lang>,
    pub reminder_minutes: Option<u32>,
    /// Guest or internal; `None` for the reader's own (see
    /// [`default_edition`]).
    pub edition: Option<Edition>,
    /// In a guest edition, include tentative items (marked as such).
    pub tentative: bool,
    pub now: DateTime<Utc>,
}

/// The edition a calendar gets when the user names none: guest for the
/// whole visit and for guests, internal for hosts and for staff duties.
pub fn default_edition(view: &VisitView, scope: Scope) -> Edition {
    match scope {
        Scope::Visit => Edition::Guest,
        Scope::Participant(p) => Edition::for_reader(view, Some(p)),
        Scope::Staff(_) => Edition::Internal,
    }
}

/// A calendar made but not yet delivered.
pub struct Calendar {
    visit: VisitId,
    key: String,
    feed: dplan_ics::Feed,
}

impl Calendar {
    /// The file's text.
    pub fn text(&self) -> &str {
        &self.feed.text
    }

    /// Items whose title or place was shortened to what Outlook keeps.
    pub fn shortened(&self) -> &[String] {
        &self.feed.shortened
    }

    /// What a saved file holds, once it went to `path`.
    pub fn saved(&self, path: &Path) -> SavedCalendar {
        SavedCalendar {
            path: path.display().to_string(),
            events: self.feed.published.len(),
            taken_back: self.feed.published.iter().filter(|p| p.gone).count(),
            shortened: self.feed.shortened.clone(),
        }
    }
}

/// Makes the calendar; an empty or unknown selection is refused here,
/// before anything asks where to save it.
pub fn make(store: &Store, visit: VisitId, request: &CalendarRequest) -> Result<Calendar> {
    let view = store.visit_view(visit)?;
    let edition = request
        .edition
        .unwrap_or_else(|| default_edition(&view, request.scope));
    let options = dplan_ics::Options {
        langs: request.langs.clone(),
        reminder_minutes: request.reminder_minutes,
        edition,
        tentative: request.tentative,
        ..dplan_ics::Options::new(request.now)
    };
    let key = request.scope.feed_key(edition);
    let before = store.published(visit, &key)?;
    let feed = dplan_ics::export_feed(&view, request.scope, &options, &before)?;
    Ok(Calendar { visit, key, feed })
}

/// Records what the delivered file carries, so the next file of this
/// calendar updates and takes back what this one delivered.
pub fn record(store: &mut Store, calendar: &Calendar, path: &Path) -> Result<SavedCalendar> {
    store.record_published(calendar.visit, &calendar.key, &calendar.feed.published)?;
    Ok(calendar.saved(path))
}

/// Makes the calendar, writes it to `path` (whole or not at all) and
/// records it.
pub fn export_to(
    store: &mut Store,
    visit: VisitId,
    request: &CalendarRequest,
    path: &Path,
) -> Result<SavedCalendar> {
    let calendar = make(store, visit, request)?;
    dplan_store::write_atomically(path, calendar.text().as_bytes())
        .map_err(|e| ApiError::from(e).about_file(path))?;
    record(store, &calendar, path)
}
