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

/// Writes every audience's feed of a visit into the folder.
pub fn publish_folder(
    store: &mut Store,
    visit: VisitId,
    target: &FolderTarget,
    options: &PublishOptions,
) -> Result<FolderReport, PublishError> {
    if !target.dir.is_dir() {
        return Err(PublishError::Address(format!(
            "{} is not a folder",
            target.dir.display()
        )));
    }
    let file = store.export_visit(visit, options.now, false)?;
    let view = VisitView::new(&file);
    let mut report = FolderReport::default();
    for audience in audiences(&view) {
        let feed_key = audience.scope.feed_key();
        let before = store.published(visit, &feed_key)?;
        let o = Options {
            langs: options.langs.clone(),
            edition: audience.edition,
            refresh_minutes: Some(REFRESH_MINUTES),
            // A guest's feed may reach other hands: it names nobody unless
            // the office says so.
            names: audience.edition == Edition::Internal || options.names,
            ..Options::new(options.now)
        };
        let feed = match dplan_ics::export_feed(&view, audience.scope, &o, &before) {
            Ok(f) => f,
            Err(IcsError::Empty(_)) => continue,
            Err(e) => return Err(e.into()),
        };
        let token = store.feed_token(visit, &feed_key, &fresh_token(), options.now)?;
        let name = file_name(&token.token);
        let path = target.dir.join(&name);
        let written = std::fs::read(&path).ok().as_deref() != Some(feed.text.as_bytes());
        if written {
            dplan_store::write_atomically(&path, feed.text.as_bytes())?;
        }
        if !same_events(&before, &feed.published) {
            store.record_published(visit, &feed_key, &feed.published)?;
        }
        report.feeds.push(FeedLink {
            url: link(target, &name),
            file: name,
            events: feed.published.len(),
            written,
            audience,
        });
    }
    Ok(report)
}

/// Revokes the feed of one audience (by its slug, as [`Audience::slug`]),
/// or of all with `None`: its file is removed and the next publish names it
/// anew. Returns the audiences' feed keys revoked.
pub fn revoke(
    store: &mut Store,
    visit: VisitId,
    dir: &Path,
    slug: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<FeedToken>, PublishError> {
    let feed = match slug {
        None => None,
        Some(s) => {
            let file = store.export_visit(visit, now, false)?;
            let view = VisitView::new(&file);
            let all = audiences(&view);
            let a = all.iter().find(|a| a.slug == s).ok_or_else(|| {
                PublishError::Address(format!(
                    "„{}“ names no calendar of this visit; they are: {}",
                    dplan_core::text::for_message(s),
                    all.iter()
                        .map(|a| a.slug.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
            Some(a.scope.feed_key())
        }
    };
    let revoked = store.revoke_feed_tokens(visit, feed.as_deref(), now)?;
    for t in &revoked {
        match std::fs::remove_file(dir.join(file_name(&t.token))) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(PublishError::Address(format!(
                    "the revoked feed {} could not be removed from {}: {e}",
                    file_name(&t.token),
                    dir.display()
                )));
            }
        }
    }
    Ok(revoked)
}
