//! What each calendar feed of a visit carried
//! ([`dplan_core::calendar::Published`]): read before an export, replaced
//! after it.

use dplan_core::{VisitId, calendar::Published};
use rusqlite::{Row, params};

use crate::{
    Result, Store,
    codec::{parse, utc_text},
};

fn from_row(row: &Row) -> rusqlite::Result<Published> {
    Ok(Published {
        uid: row.get("uid")?,
        fingerprint: row.get("fingerprint")?,
        sequence: row.get("sequence")?,
        changed_at: parse(row, "changed_at")?,
        summary: row.get("summary")?,
        start: row.get("start_at")?,
        end: row.get("end_at")?,
        gone: row.get("gone")?,
    })
}

impl Store {
    /// The events the feed `feed` of a visit carried last, in no order;
    /// none for a feed never exported.
    pub fn published(&self, visit: VisitId, feed: &str) -> Result<Vec<Published>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT uid, fingerprint, sequence, changed_at, summary, start_at, end_at, gone
             FROM calendar_event WHERE visit_id = ?1 AND feed = ?2",
        )?;
        let rows = stmt.query_map(params![visit.to_string(), feed], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces what the feed carried with `events`, in one transaction:
    /// called once the file has been written.
    pub fn record_published(
        &mut self,
        visit: VisitId,
        feed: &str,
        events: &[Published],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM calendar_event WHERE visit_id = ?1 AND feed = ?2",
            params![visit.to_string(), feed],
        )?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO calendar_event (visit_id, feed, uid, fingerprint, sequence,
                     changed_at, summary, start_at, end_at, gone)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for e in events {
                insert.execute(params![
                    visit.to_string(),
                    feed,
                    e.uid,
                    e.fingerprint,
                    e.sequence,
                    utc_text(&e.changed_at),
                    e.summary,
                    e.start,
                    e.end,
                    e.gone,
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

/// A calendar object dplan put on a CalDAV server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteResource {
    /// The event's `UID`; the resource is `{collection}{uid}.ics`.
    pub uid: String,
    /// The `ETag` the server gave it.
    pub etag: String,
    /// A fingerprint of the text sent.
    pub fingerprint: String,
}

impl Store {
    /// What dplan last put into the CalDAV collection `url` for a visit,
    /// or `None` if it never created or used that collection.
    pub fn caldav_collection(
        &self,
        visit: VisitId,
        url: &str,
    ) -> Result<Option<Vec<RemoteResource>>> {
        let known: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM caldav_collection WHERE visit_id = ?1 AND url = ?2)",
            params![visit.to_string(), url],
            |r| r.get(0),
        )?;
        if !known {
            return Ok(None);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT uid, etag, fingerprint FROM caldav_resource
             WHERE visit_id = ?1 AND url = ?2 ORDER BY uid",
        )?;
        let rows = stmt.query_map(params![visit.to_string(), url], |r| {
            Ok(RemoteResource {
                uid: r.get(0)?,
                etag: r.get(1)?,
                fingerprint: r.get(2)?,
            })
        })?;
        Ok(Some(rows.collect::<rusqlite::Result<_>>()?))
    }

    /// Records what the collection `url` holds after a publish, replacing
    /// what was recorded, in one transaction.
    pub fn record_caldav_collection(
        &mut self,
        visit: VisitId,
        url: &str,
        resources: &[RemoteResource],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO caldav_collection (visit_id, url) VALUES (?1, ?2)
             ON CONFLICT DO NOTHING",
            params![visit.to_string(), url],
        )?;
        tx.execute(
            "DELETE FROM caldav_resource WHERE visit_id = ?1 AND url = ?2",
            params![visit.to_string(), url],
        )?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO caldav_resource (visit_id, url, uid, etag, fingerprint)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for r in resources {
                insert.execute(params![
                    visit.to_string(),
                    url,
                    r.uid,
                    r.etag,
                    r.fingerprint
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

impl Store {
    /// Forgets a CalDAV collection of a visit (it was removed from the
    /// server), with what dplan knew it held.
    pub fn forget_caldav_collection(&mut self, visit: VisitId, url: &str) -> Result<()> {
        self.conn.execute(
            "DELETE FROM caldav_collection WHERE visit_id = ?1 AND url = ?2",
            params![visit.to_string(), url],
        )?;
        Ok(())
    }

    /// Every CalDAV collection dplan used for a visit.
    pub fn caldav_collections(&self, visit: VisitId) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT url FROM caldav_collection WHERE visit_id = ?1 ORDER BY url")?;
        let rows = stmt.query_map([visit.to_string()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The secret token that names one subscription feed's file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedToken {
    pub feed: String,
    pub token: String,
    pub issued_at: chrono::DateTime<chrono::Utc>,
    /// The folder its file was last written to (`None`: not yet, or before
    /// dplan kept it).
    pub folder: Option<String>,
}

fn feed_token_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FeedToken> {
    Ok(FeedToken {
        feed: r.get(0)?,
        token: r.get(1)?,
        issued_at: parse(r, "issued_at")?,
        folder: r.get(3)?,
    })
}

impl Store {
    /// The live token of a visit's feed, issuing `fresh` (issued `at`) if
    /// it has none.
    pub fn feed_token(
        &mut self,
        visit: VisitId,
        feed: &str,
        fresh: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<FeedToken> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO feed_token (token, visit_id, feed, issued_at)
             SELECT ?1, ?2, ?3, ?4
             WHERE NOT EXISTS (SELECT 1 FROM feed_token
                               WHERE visit_id = ?2 AND feed = ?3 AND revoked_at IS NULL)",
            params![fresh, visit.to_string(), feed, utc_text(&at)],
        )?;
        let token = tx.query_row(
            "SELECT feed, token, issued_at, folder FROM feed_token
             WHERE visit_id = ?1 AND feed = ?2 AND revoked_at IS NULL",
            params![visit.to_string(), feed],
            feed_token_row,
        )?;
        tx.commit()?;
        Ok(token)
    }

    /// The live tokens of a visit's feeds.
    pub fn feed_tokens(&self, visit: VisitId) -> Result<Vec<FeedToken>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT feed, token, issued_at, folder FROM feed_token
             WHERE visit_id = ?1 AND revoked_at IS NULL ORDER BY feed",
        )?;
        let rows = stmt.query_map([visit.to_string()], feed_token_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records the folder a feed's file was written to.
    pub fn set_feed_folder(&mut self, visit: VisitId, token: &str, folder: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE feed_token SET folder = ?3 WHERE visit_id = ?1 AND token = ?2",
            params![visit.to_string(), token, folder],
        )?;
        Ok(())
    }

    /// Revokes the live token of one feed of a visit (or of all its feeds
    /// with `None`) and returns the tokens revoked, whose files the caller
    /// removes.
    pub fn revoke_feed_tokens(
        &mut self,
        visit: VisitId,
        feed: Option<&str>,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<FeedToken>> {
        let tx = self.conn.transaction()?;
        let revoked: Vec<FeedToken> = {
            let mut stmt = tx.prepare(
                "UPDATE feed_token SET revoked_at = ?3
                 WHERE visit_id = ?1 AND revoked_at IS NULL AND (?2 IS NULL OR feed = ?2)
                 RETURNING feed, token, issued_at, folder",
            )?;
            let rows = stmt.query_map(
                params![visit.to_string(), feed, utc_text(&at)],
                feed_token_row,
            )?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        tx.commit()?;
        Ok(revoked)
    }
}

impl Store {
    /// Takes the lease on publishing a visit's calendars for `holder` (a
    /// fresh id per publish; `who` says in a message who that is) until
    /// `until`. Refused with a conflict while another holder's lease runs.
    pub fn take_publish_lease(
        &mut self,
        visit: VisitId,
        holder: &str,
        who: &str,
        now: chrono::DateTime<chrono::Utc>,
        until: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        use rusqlite::OptionalExtension;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let other: Option<(String, String, String)> = tx
            .query_row(
                "SELECT holder, who, until FROM publish_lease WHERE visit_id = ?1",
                [visit.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if let Some((h, w, u)) = other
            && h != holder
            && u > utc_text(&now)
        {
            return Err(crate::StoreError::Conflict(
                dplan_core::Problem::PublishInProgress { who: w, until: u },
            ));
        }
        tx.execute(
            "INSERT INTO publish_lease (visit_id, holder, who, until) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (visit_id) DO UPDATE SET holder = ?2, who = ?3, until = ?4",
            params![visit.to_string(), holder, who, utc_text(&until)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Gives the lease back, if `holder` still has it.
    pub fn release_publish_lease(&mut self, visit: VisitId, holder: &str) -> Result<()> {
        self.conn.execute(
            "DELETE FROM publish_lease WHERE visit_id = ?1 AND holder = ?2",
            params![visit.to_string(), holder],
        )?;
        Ok(())
    }
}

impl Store {
    /// Where calendars are published; empty until the office says.
    pub fn publish_settings(&self) -> Result<dplan_core::calendar::PublishSettings> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row(
                "SELECT caldav_url, caldav_user, folder, base_url
                 FROM publish_settings WHERE id = 1",
                [],
                |r| {
                    Ok(dplan_core::calendar::PublishSettings {
                        caldav_url: r.get(0)?,
                        caldav_user: r.get(1)?,
                        folder: r.get(2)?,
                        base_url: r.get(3)?,
                    })
                },
            )
            .optional()?
            .unwrap_or_default())
    }

    /// Saves where calendars are published. The caller checks the
    /// addresses (the publish crate knows what a collection address is).
    pub fn save_publish_settings(
        &mut self,
        s: &dplan_core::calendar::PublishSettings,
    ) -> Result<()> {
        let blank = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        };
        self.conn.execute(
            "INSERT INTO publish_settings (id, caldav_url, caldav_user, folder, base_url)
             VALUES (1, ?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET caldav_url = excluded.caldav_url,
                caldav_user = excluded.caldav_user, folder = excluded.folder,
                base_url = excluded.base_url",
            params![
                blank(&s.caldav_url),
                blank(&s.caldav_user),
                blank(&s.folder),
                blank(&s.base_url),
            ],
        )?;
        Ok(())
    }

    /// Whether the visit's guests' calendars name the people at each item
    /// (they do not until the visit says so).
    pub fn calendar_names(&self, visit: VisitId) -> Result<bool> {
        use rusqlite::OptionalExtension;
        self.get_visit(visit)?;
        Ok(self
            .conn
            .query_row(
                "SELECT names FROM visit_calendar WHERE visit_id = ?1",
                [visit.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(false))
    }

    pub fn set_calendar_names(&mut self, visit: VisitId, names: bool) -> Result<()> {
        self.get_visit(visit)?;
        self.conn.execute(
            "INSERT INTO visit_calendar (visit_id, names) VALUES (?1, ?2)
             ON CONFLICT (visit_id) DO UPDATE SET names = excluded.names",
            params![visit.to_string(), names],
        )?;
        Ok(())
    }
}
