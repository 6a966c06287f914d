//! Calendars that follow the plan: where to publish (the office's
//! settings), publishing a visit to a CalDAV server and as subscription
//! feeds in a folder, following each change, revoking a feed's address and
//! taking a visit's calendars back.
//!
//! A publish takes the store only for its short steps ([`StoreAccess`]), so
//! a slow calendar server never holds up the app's other commands; one
//! visit is published by one colleague at a time (a lease in the store).

use std::path::Path;

use chrono::{DateTime, Utc};
use dplan_core::calendar::{PublishOutcome, PublishSettings, Withdrawn};
use dplan_core::{Lang, VisitId};

use crate::{Result, Store};

pub use dplan_publish::{
    Audience, CaldavReport, CaldavTarget, CollectionReport, Conflict, ConflictKind, FeedLink,
    FolderReport, FolderTarget, PublishError, StoreAccess,
};
pub use dplan_store::FeedToken;

pub fn settings(store: &Store) -> Result<PublishSettings> {
    Ok(store.publish_settings()?)
}

/// Checks and saves where to publish; returns the settings as stored.
pub fn save_settings(store: &mut Store, settings: &PublishSettings) -> Result<PublishSettings> {
    dplan_publish::check_settings(settings)?;
    store.save_publish_settings(settings)?;
    Ok(store.publish_settings()?)
}

/// Saves the folder subscription feeds go into.
pub fn set_folder(store: &mut Store, dir: &Path) -> Result<PublishSettings> {
    let mut settings = store.publish_settings()?;
    settings.folder = Some(dir.display().to_string());
    save_settings(store, &settings)
}

/// Whether this visit's guests' calendars name the people at each item.
pub fn calendar_names(store: &Store, visit: VisitId) -> Result<bool> {
    Ok(store.calendar_names(visit)?)
}

/// Says whether guests' calendars name people; returns it as stored.
pub fn set_calendar_names(store: &mut Store, visit: VisitId, names: bool) -> Result<bool> {
    store.set_calendar_names(visit, names)?;
    Ok(store.calendar_names(visit)?)
}

/// Whether the visit's calendars were ever published (then each change is
/// published again).
pub fn was_published(store: &Store, visit: VisitId) -> Result<bool> {
    Ok(dplan_publish::was_published(store, visit)?)
}

/// Publishes the visit wherever the office's settings say. The feeds are
/// written even when the CalDAV server fails; the outcome says what
/// happened where.
pub fn publish(
    store: &impl StoreAccess,
    visit: VisitId,
    password: Option<String>,
    langs: Vec<Lang>,
    now: DateTime<Utc>,
) -> Result<PublishOutcome> {
    Ok(dplan_publish::publish_all(
        store, visit, password, now, langs,
    )?)
}

/// Takes the visit's calendars back from the server and the folder the
/// settings name; then the visit can be deleted.
pub fn withdraw(
    store: &impl StoreAccess,
    visit: VisitId,
    password: Option<String>,
    now: DateTime<Utc>,
) -> Result<Withdrawn> {
    Ok(dplan_publish::withdraw_all(store, visit, password, now)?)
}

/// How calendars named on the command line are written.
pub struct Publishing {
    pub langs: Vec<Lang>,
    /// Remember for this visit whether guests' calendars name people;
    /// `None` keeps what the visit said before.
    pub names: Option<bool>,
    pub now: DateTime<Utc>,
}

impl Publishing {
    fn options(&self, store: &mut Store, visit: VisitId) -> Result<dplan_publish::PublishOptions> {
        if let Some(n) = self.names {
            store.set_calendar_names(visit, n)?;
        }
        Ok(dplan_publish::PublishOptions {
            now: self.now,
            langs: self.langs.clone(),
            names: store.calendar_names(visit)?,
        })
    }
}

/// Publishes the visit's calendars to one CalDAV collection: sends only
/// what changed, leaves entries someone else changed on the server alone.
pub fn to_caldav(
    store: &mut Store,
    visit: VisitId,
    target: &CaldavTarget,
    how: &Publishing,
) -> Result<CaldavReport> {
    let options = how.options(store, visit)?;
    Ok(dplan_publish::publish_caldav(
        store, visit, target, &options,
    )?)
}

/// Writes the visit's subscription feeds into a folder a web server serves.
pub fn to_folder(
    store: &mut Store,
    visit: VisitId,
    target: &FolderTarget,
    how: &Publishing,
) -> Result<FolderReport> {
    let options = how.options(store, visit)?;
    Ok(dplan_publish::publish_folder(
        store, visit, target, &options,
    )?)
}

/// Revokes one feed's address (by its name, e.g. `programm`), or every
/// feed of the visit with `None`: the file goes, the next publish makes a
/// new one. Returns the revoked feeds.
pub fn revoke_feeds(
    store: &mut Store,
    visit: VisitId,
    dir: &Path,
    slug: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<FeedToken>> {
    Ok(dplan_publish::folder::revoke(store, visit, dir, slug, now)?)
}

/// Removes the visit's collections from a CalDAV server; returns how many.
pub fn withdraw_caldav(
    store: &mut Store,
    visit: VisitId,
    target: &CaldavTarget,
    now: DateTime<Utc>,
) -> Result<usize> {
    Ok(dplan_publish::withdraw_caldav(store, visit, target, now)?)
}

/// The reader's subscription feed, when the office published one.
pub fn feed_link(
    store: &Store,
    visit: VisitId,
    reader: Option<dplan_core::PersonId>,
) -> Result<Option<String>> {
    Ok(dplan_publish::feed_link(store, visit, reader)?)
}

/// A CalDAV target; the address is checked (`http(s)://`, no login in it).
pub fn caldav_target(
    url: &str,
    user: Option<String>,
    password: Option<String>,
) -> Result<CaldavTarget> {
    Ok(CaldavTarget::new(url, user, password)?)
}
