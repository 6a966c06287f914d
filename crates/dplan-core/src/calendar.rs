//! What a calendar was given: the memory that lets a later export update
//! and cancel what an earlier one delivered.
//!
//! A calendar file for one audience (the whole visit, one participant's own
//! programme, one staff member's duties) is a *feed*. For every event a feed
//! carried, the store keeps a [`Published`] record: a fingerprint of the
//! event as the calendar shows it, the `SEQUENCE` it went out with, when it
//! last changed, and enough of it (summary and times in UTC) to write it
//! once more as cancelled when the item leaves the feed (deleted, or its
//! person taken off it). The calendar crate compares, the store keeps, and
//! this module only names the record, so neither depends on the other.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the app says after it saved a calendar file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedCalendar {
    /// Where the file went.
    pub path: String,
    /// How many events it holds.
    pub events: usize,
    /// How many of them take back, as cancelled, items an earlier file of
    /// this calendar carried and this one no longer does.
    pub taken_back: usize,
    /// Items whose title or place was shortened to the 255 characters
    /// Outlook keeps (their titles).
    pub shortened: Vec<String>,
}

/// One event as a feed last carried it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// The event's `UID`: the item's id.
    pub uid: String,
    /// A fingerprint of everything the calendar shows of the event (all but
    /// `DTSTAMP` and `SEQUENCE`); a different one means a visible change.
    pub fingerprint: String,
    /// The `SEQUENCE` it was written with.
    pub sequence: u32,
    /// When it last changed: its `DTSTAMP`.
    pub changed_at: DateTime<Utc>,
    /// Its summary as written (for the cancellation of a removed item).
    pub summary: String,
    /// Its start and end as written in UTC (`20270325T083000Z`) or as dates
    /// (`20270325`, all day; the end is the day after the last).
    pub start: String,
    pub end: String,
    /// The item has left the feed and the event is kept as cancelled until
    /// the visit is over (a tombstone).
    pub gone: bool,
}

/// 64-bit FNV-1a of `text`, as 16 hex digits: a fingerprint that stays the
/// same across builds and platforms (std's hasher promises neither).
pub fn fingerprint(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_is_fnv1a_and_stable() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_eq!(fingerprint("a"), "af63dc4c8601ec8c");
        assert_eq!(fingerprint("foobar"), "85944171f73967e8");
    }
}

/// Where the office publishes calendars that follow the plan: a CalDAV
/// collection (the password is never stored), a folder a web server serves
/// for subscription feeds, or both.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PublishSettings {
    /// The collection visits' calendars go into, e.g.
    /// `https://kalender.herne.de/protokoll/`.
    pub caldav_url: Option<String>,
    pub caldav_user: Option<String>,
    /// The folder for subscription feeds.
    pub folder: Option<String>,
    /// The address that folder is served at.
    pub base_url: Option<String>,
}

/// One subscription feed's link, as the app shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FeedLinkView {
    /// `programm`, `gast-…`, `intern-…`, `aufgaben-…`.
    pub calendar: String,
    /// The calendar's name.
    pub name: String,
    /// Its address (or only its file name when the folder's address is not
    /// set).
    pub link: String,
}

/// What publishing a visit's calendars did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PublishOutcome {
    pub at: DateTime<Utc>,
    /// Calendars kept in step (on the server and as feeds).
    pub calendars: usize,
    /// Entries sent, changed or removed on the server, and feeds rewritten.
    pub changes: usize,
    /// HTTP requests sent to the server.
    pub requests: usize,
    /// Entries someone else changed on the server, left as they are there
    /// (their UIDs).
    pub conflicts: Vec<String>,
    /// The subscription feeds' links.
    pub links: Vec<FeedLinkView>,
    /// The calendar server was left out: its user's password is not known
    /// (the app keeps it only while it runs). The feeds were published.
    pub password_needed: bool,
}

/// What withdrawing a visit's calendars did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Withdrawn {
    /// Calendars removed from the CalDAV server.
    pub collections: usize,
    /// Subscription feeds whose files were removed.
    pub feeds: usize,
}
