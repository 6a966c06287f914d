//! Subscription feeds: one `.ics` file per audience in a folder that the
//! city's web server serves, for calendars that subscribe to a web address
//! (Outlook desktop and on the web, Apple, Google, Thunderbird). Outlook
//! does not speak CalDAV, but it re-reads a subscribed address on its own,
//! so this is the way a plan follows into Outlook.
//!
//! Each file is named by a secret token of its audience (unguessable; the
//! folder must be served without a directory listing), which the office can
//! revoke: the file goes, and the next publish issues a new name. A file is
//! written beside its final name and renamed into place, so a subscriber
//! fetching during a publish gets the old file or the new one, never half.
//! A file whose content did not change is not rewritten (its date stays, so
//! HTTP caches keep working).

use std::path::{Path, PathBuf};

use dplan_core::view::VisitView;
use dplan_core::{Edition, VisitId};
use dplan_ics::{IcsError, Options};
use dplan_store::{FeedToken, Store};

use crate::{Audience, PublishError, PublishOptions, audiences, same_events};

/// How often subscribers should fetch again: `X-PUBLISHED-TTL` (Outlook)
/// and `REFRESH-INTERVAL`.
pub const REFRESH_MINUTES: u32 = 60;

/// Where the feeds go.
#[derive(Clone, Debug)]
pub struct FolderTarget {
    pub dir: PathBuf,
    /// The address the folder is served at (`https://www.herne.de/kalender/`),
    /// to print each feed's link; without it, only file names.
    pub base_url: Option<String>,
}

/// One audience's feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedLink {
    pub audience: Audience,
    /// The file's name in the folder: `{token}.ics`.
    pub file: String,
    /// Its address, when the folder's address is known.
    pub url: Option<String>,
    /// Events in it (cancellations of removed items included).
    pub events: usize,
    /// Written by this publish (`false`: unchanged).
    pub written: bool,
}

/// What publishing to a folder did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FolderReport {
    pub feeds: Vec<FeedLink>,
}

fn file_name(token: &str) -> String {
    format!("{token}.ics")
}

fn link(target: &FolderTarget, file: &str) -> Option<String> {
    target.base_url.as_ref().map(|b| {
        let mut b = b.clone();
        if !b.ends_with('/') {
            b.push('/');
        }
        b + file
    })
}

/// A new secret: 128 random bits (UUID v4's 122 and its fixed bits), as hex.
fn fresh_token() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Writes every audience's feed of a visit into the folder, while no other
/// publish of the visit runs.
pub fn publish_folder(
    store: &mut Store,
    visit: VisitId,
    target: &FolderTarget,
    options: &PublishOptions,
) -> Result<FolderReport, PublishError> {
    let store = std::cell::RefCell::new(store);
    crate::leased(&store, visit, options.now, |_| {
        crate::StoreAccess::with_store(&store, |s| write_feeds(s, visit, target, options))
    })
}

/// [`publish_folder`] with the lease held.
pub(crate) fn write_feeds(
    store: &mut Store,
    visit: VisitId,
    target: &FolderTarget,
    options: &PublishOptions,
) -> Result<FolderReport, PublishError> {
    if !target.dir.is_dir() {
        return Err(PublishError::Refused(dplan_core::Problem::NotAFolder {
            path: target.dir.display().to_string(),
        }));
    }
    let view = store.visit_view(visit)?;
    let mut report = FolderReport::default();
    let all = audiences(&view);
    for audience in &all {
        if let Some(f) = write_feed(
            store,
            visit,
            target,
            options,
            &view,
            audience.clone(),
            false,
        )? {
            report.feeds.push(f);
        }
    }
    // Feeds of people who left every audience (taken off their items, or
    // out of the visit): their subscribers still get the cancellations
    // until the visit is over.
    let keys: Vec<String> = all.iter().map(Audience::feed_key).collect();
    for token in store.feed_tokens(visit)? {
        if keys.contains(&token.feed) {
            continue;
        }
        let Some((scope, edition)) = dplan_ics::Scope::from_feed_key(&token.feed) else {
            continue;
        };
        // Only takebacks: a host who became a guest still holds the
        // address of their internal feed, which must not go on showing
        // the internal edition.
        let audience = former_audience(&view, scope, edition);
        if let Some(f) = write_feed(store, visit, target, options, &view, audience, true)? {
            report.feeds.push(f);
        }
    }
    Ok(report)
}

/// The audience of a feed whose reader is in none of the visit's
/// audiences any more.
fn former_audience(view: &VisitView, scope: dplan_ics::Scope, edition: Edition) -> Audience {
    let title = view.visit.title.best(dplan_core::Lang::De);
    let (kind, person) = match (scope, edition) {
        (dplan_ics::Scope::Visit, _) => ("programm", None),
        (dplan_ics::Scope::Participant(p), Edition::Guest) => ("gast", Some(p)),
        (dplan_ics::Scope::Participant(p), Edition::Internal) => ("intern", Some(p)),
        (dplan_ics::Scope::Staff(p), _) => ("aufgaben", Some(p)),
    };
    let name = person.and_then(|p| view.name_of(p)).unwrap_or_default();
    Audience {
        scope,
        edition,
        slug: match person {
            Some(p) => format!("{kind}-{p}"),
            None => kind.into(),
        },
        name: format!("{title} – {name}"),
    }
}

/// Writes one audience's feed if it has anything to carry (a file whose
/// text did not change is left as it is) and records what it carries.
fn write_feed(
    store: &mut Store,
    visit: VisitId,
    target: &FolderTarget,
    options: &PublishOptions,
    view: &VisitView,
    audience: Audience,
    takebacks_only: bool,
) -> Result<Option<FeedLink>, PublishError> {
    let feed_key = audience.feed_key();
    let before = store.published(visit, &feed_key)?;
    let o = Options {
        langs: options.langs.clone(),
        edition: audience.edition,
        refresh_minutes: Some(REFRESH_MINUTES),
        // A guest's feed may reach other hands: it names nobody unless the
        // office says so.
        names: audience.edition == Edition::Internal || options.names,
        takebacks_only,
        ..Options::new(options.now)
    };
    let feed = match dplan_ics::export_feed(view, audience.scope, &o, &before) {
        Ok(f) => f,
        Err(IcsError::Empty(_) | IcsError::NotInVisit(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let token = store.feed_token(visit, &feed_key, &fresh_token(), options.now)?;
    let name = file_name(&token.token);
    let path = target.dir.join(&name);
    let written = std::fs::read(&path).ok().as_deref() != Some(feed.text.as_bytes());
    if written {
        dplan_store::write_atomically(&path, feed.text.as_bytes())?;
    }
    let folder = target.dir.to_string_lossy();
    if token.folder.as_deref() != Some(&folder) {
        // The office moved its feed folder: the file moves with it, and
        // the old folder does not go on serving a feed that stopped
        // following.
        if let Some(old) = &token.folder {
            remove(Path::new(old), &name)?;
        }
        store.set_feed_folder(visit, &token.token, &folder)?;
    }
    if !same_events(&before, &feed.published) {
        store.record_published(visit, &feed_key, &feed.published)?;
    }
    Ok(Some(FeedLink {
        url: link(target, &name),
        file: name,
        events: feed.published.len(),
        written,
        audience,
    }))
}

/// Revokes the feed of one audience (by its slug, as [`Audience::slug`]),
/// or of all with `None`, while no publish of the visit runs: its file is
/// removed (from the folder it was written to, or `dir` if dplan does not
/// know) and the next publish names it anew. Returns the tokens revoked.
pub fn revoke(
    store: &mut Store,
    visit: VisitId,
    dir: &Path,
    slug: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<FeedToken>, PublishError> {
    let store = std::cell::RefCell::new(store);
    crate::leased(&store, visit, now, |_| {
        crate::StoreAccess::with_store(&store, |s| revoke_held(s, visit, Some(dir), slug, now))
    })
}

/// [`revoke`] with the lease held. Each file goes before its token is
/// revoked: a file that cannot be removed keeps its token, so that a second
/// try finds it again.
pub(crate) fn revoke_held(
    store: &mut Store,
    visit: VisitId,
    dir: Option<&Path>,
    slug: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<FeedToken>, PublishError> {
    let feed = match slug {
        None => None,
        Some(s) => {
            let view = store.visit_view(visit)?;
            let mut all = audiences(&view);
            // And the feeds of people who left every audience.
            for t in store.feed_tokens(visit)? {
                if let Some((scope, edition)) = dplan_ics::Scope::from_feed_key(&t.feed)
                    && !all.iter().any(|a| a.feed_key() == t.feed)
                {
                    all.push(former_audience(&view, scope, edition));
                }
            }
            let a = all.iter().find(|a| a.slug == s).ok_or_else(|| {
                PublishError::Refused(dplan_core::Problem::NoSuchCalendar {
                    name: dplan_core::text::for_message(s),
                    calendars: all
                        .iter()
                        .map(|a| a.slug.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                })
            })?;
            Some(a.feed_key())
        }
    };
    let live: Vec<FeedToken> = store
        .feed_tokens(visit)?
        .into_iter()
        .filter(|t| feed.as_ref().is_none_or(|f| *f == t.feed))
        .collect();
    let mut revoked = Vec::with_capacity(live.len());
    for t in live {
        let name = file_name(&t.token);
        if let Some(old) = t.folder.as_deref() {
            remove(Path::new(old), &name)?;
        }
        if let Some(dir) = dir {
            remove(dir, &name)?;
        }
        revoked.extend(store.revoke_feed_tokens(visit, Some(&t.feed), now)?);
    }
    Ok(revoked)
}

/// Removes a feed's file from a folder; one that is not there is gone.
fn remove(dir: &Path, name: &str) -> Result<(), PublishError> {
    match std::fs::remove_file(dir.join(name)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(PublishError::Refused(dplan_core::Problem::FeedNotRemoved {
            file: name.to_string(),
            folder: dir.display().to_string(),
            reason: e.to_string(),
        })),
    }
}
