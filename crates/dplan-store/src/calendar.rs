//! What each calendar feed of a visit carried
//! ([`dplan_core::calendar::Published`]): read before an export, replaced
//! after it; the CalDAV collections dplan keeps, the feeds' secret tokens,
//! the publish lease and the publish settings.

use dplan_core::calendar::PublishSettings;
use dplan_core::{VisitId, calendar::Published};

use crate::sql::{Row, Sql};
use crate::{Result, Store, codec::utc_text};

fn from_row(row: &Row) -> Result<Published> {
    Ok(Published {
        uid: row.get("uid")?,
        fingerprint: row.get("fingerprint")?,
        sequence: row.get("sequence")?,
        changed_at: row.parse("changed_at")?,
        summary: row.get("summary")?,
        start: row.get("start_at")?,
        end: row.get("end_at")?,
        gone: row.get("gone")?,
    })
}

fn published(db: &dyn Sql, visit: VisitId, feed: &str) -> Result<Vec<Published>> {
    db.rows(
        "SELECT uid, fingerprint, sequence, changed_at, summary, start_at, end_at, gone
         FROM calendar_event WHERE visit_id = :visit AND feed = :feed",
        &[(":visit", visit.to_string().into()), (":feed", feed.into())],
    )?
    .iter()
    .map(from_row)
    .collect()
}

fn record_published(db: &dyn Sql, visit: VisitId, feed: &str, events: &[Published]) -> Result<()> {
    db.exec(
        "DELETE FROM calendar_event WHERE visit_id = :visit AND feed = :feed",
        &[(":visit", visit.to_string().into()), (":feed", feed.into())],
    )?;
    for e in events {
        db.exec(
            "INSERT INTO calendar_event (visit_id, feed, uid, fingerprint, sequence,
                 changed_at, summary, start_at, end_at, gone)
             VALUES (:visit, :feed, :uid, :fingerprint, :sequence,
                 :changed_at, :summary, :start_at, :end_at, :gone)",
            &[
                (":visit", visit.to_string().into()),
                (":feed", feed.into()),
                (":uid", e.uid.clone().into()),
                (":fingerprint", e.fingerprint.clone().into()),
                (":sequence", e.sequence.into()),
                (":changed_at", utc_text(&e.changed_at).into()),
                (":summary", e.summary.clone().into()),
                (":start_at", e.start.clone().into()),
                (":end_at", e.end.clone().into()),
                (":gone", e.gone.into()),
            ],
        )?;
    }
    Ok(())
}

impl Store {
    /// The events the feed `feed` of a visit carried last, in no order;
    /// none for a feed never exported.
    pub fn published(&self, visit: VisitId, feed: &str) -> Result<Vec<Published>> {
        published(self.db(), visit, feed)
    }

    /// Replaces what the feed carried with `events`, in one transaction:
    /// called once the file has been written.
    pub fn record_published(
        &mut self,
        visit: VisitId,
        feed: &str,
        events: &[Published],
    ) -> Result<()> {
        let tx = self.begin()?;
        record_published(&tx, visit, feed, events)?;
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

fn caldav_collection(
    db: &dyn Sql,
    visit: VisitId,
    url: &str,
) -> Result<Option<Vec<RemoteResource>>> {
    let params = [(":visit", visit.to_string().into()), (":url", url.into())];
    let known: bool = db
        .first_row(
            "SELECT EXISTS (SELECT 1 FROM caldav_collection WHERE visit_id = :visit AND url = :url)
                 AS known",
            &params,
        )?
        .map_or(Ok(false), |r| r.get("known"))?;
    if !known {
        return Ok(None);
    }
    let resources = db
        .rows(
            "SELECT uid, etag, fingerprint FROM caldav_resource
             WHERE visit_id = :visit AND url = :url ORDER BY uid",
            &params,
        )?
        .iter()
        .map(|r| {
            Ok(RemoteResource {
                uid: r.get("uid")?,
                etag: r.get("etag")?,
                fingerprint: r.get("fingerprint")?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Some(resources))
}

fn record_caldav_collection(
    db: &dyn Sql,
    visit: VisitId,
    url: &str,
    resources: &[RemoteResource],
) -> Result<()> {
    let params = [(":visit", visit.to_string().into()), (":url", url.into())];
    db.exec(
        "INSERT INTO caldav_collection (visit_id, url) VALUES (:visit, :url)
         ON CONFLICT DO NOTHING",
        &params,
    )?;
    db.exec(
        "DELETE FROM caldav_resource WHERE visit_id = :visit AND url = :url",
        &params,
    )?;
    for r in resources {
        db.exec(
            "INSERT INTO caldav_resource (visit_id, url, uid, etag, fingerprint)
             VALUES (:visit, :url, :uid, :etag, :fingerprint)",
            &[
                (":visit", visit.to_string().into()),
                (":url", url.into()),
                (":uid", r.uid.clone().into()),
                (":etag", r.etag.clone().into()),
                (":fingerprint", r.fingerprint.clone().into()),
            ],
        )?;
    }
    Ok(())
}

impl Store {
    /// What dplan last put into the CalDAV collection `url` for a visit,
    /// or `None` if it never created or used that collection.
    pub fn caldav_collection(
        &self,
        visit: VisitId,
        url: &str,
    ) -> Result<Option<Vec<RemoteResource>>> {
        caldav_collection(self.db(), visit, url)
    }

    /// Records what the collection `url` holds after a publish, replacing
    /// what was recorded, in one transaction.
    pub fn record_caldav_collection(
        &mut self,
        visit: VisitId,
        url: &str,
        resources: &[RemoteResource],
    ) -> Result<()> {
        let tx = self.begin()?;
        record_caldav_collection(&tx, visit, url, resources)?;
        tx.commit()?;
        Ok(())
    }

    /// Forgets a CalDAV collection of a visit (it was removed from the
    /// server), with what dplan knew it held.
    pub fn forget_caldav_collection(&mut self, visit: VisitId, url: &str) -> Result<()> {
        self.db().exec(
            "DELETE FROM caldav_collection WHERE visit_id = :visit AND url = :url",
            &[(":visit", visit.to_string().into()), (":url", url.into())],
        )?;
        Ok(())
    }

    /// Every CalDAV collection dplan used for a visit.
    pub fn caldav_collections(&self, visit: VisitId) -> Result<Vec<String>> {
        self.db()
            .rows(
                "SELECT url FROM caldav_collection WHERE visit_id = :visit ORDER BY url",
                &[(":visit", visit.to_string().into())],
            )?
            .iter()
            .map(|r| r.get("url"))
            .collect()
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

fn feed_token_row(r: &Row) -> Result<FeedToken> {
    Ok(FeedToken {
        feed: r.get("feed")?,
        token: r.get("token")?,
        issued_at: r.parse("issued_at")?,
        folder: r.get("folder")?,
    })
}

/// The live token of a visit's feed, issuing `fresh` if it has none; the
/// caller holds a transaction.
fn feed_token(
    db: &dyn Sql,
    visit: VisitId,
    feed: &str,
    fresh: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<FeedToken> {
    db.exec(
        "INSERT INTO feed_token (token, visit_id, feed, issued_at)
         SELECT :fresh, :visit, :feed, :at
         WHERE NOT EXISTS (SELECT 1 FROM feed_token
                           WHERE visit_id = :visit AND feed = :feed AND revoked_at IS NULL)",
        &[
            (":fresh", fresh.into()),
            (":visit", visit.to_string().into()),
            (":feed", feed.into()),
            (":at", utc_text(&at).into()),
        ],
    )?;
    let row = db
        .first_row(
            "SELECT feed, token, issued_at, folder FROM feed_token
             WHERE visit_id = :visit AND feed = :feed AND revoked_at IS NULL",
            &[(":visit", visit.to_string().into()), (":feed", feed.into())],
        )?
        .ok_or_else(|| crate::StoreError::NotFound {
            what: "feed token",
            key: feed.to_string(),
        })?;
    feed_token_row(&row)
}

/// Revokes the live token of one feed of a visit (or of all its feeds with
/// `None`); the tokens revoked.
fn revoke_feed_tokens(
    db: &dyn Sql,
    visit: VisitId,
    feed: Option<&str>,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<FeedToken>> {
    db.rows(
        "UPDATE feed_token SET revoked_at = :at
         WHERE visit_id = :visit AND revoked_at IS NULL
           AND (CAST(:feed AS TEXT) IS NULL OR feed = :feed)
         RETURNING feed, token, issued_at, folder",
        &[
            (":visit", visit.to_string().into()),
            (":feed", feed.map(str::to_string).into()),
            (":at", utc_text(&at).into()),
        ],
    )?
    .iter()
    .map(feed_token_row)
    .collect()
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
        let tx = self.begin()?;
        let token = feed_token(&tx, visit, feed, fresh, at)?;
        tx.commit()?;
        Ok(token)
    }

    /// The live tokens of a visit's feeds.
    pub fn feed_tokens(&self, visit: VisitId) -> Result<Vec<FeedToken>> {
        self.db()
            .rows(
                "SELECT feed, token, issued_at, folder FROM feed_token
                 WHERE visit_id = :visit AND revoked_at IS NULL ORDER BY feed",
                &[(":visit", visit.to_string().into())],
            )?
            .iter()
            .map(feed_token_row)
            .collect()
    }

    /// Records the folder a feed's file was written to.
    pub fn set_feed_folder(&mut self, visit: VisitId, token: &str, folder: &str) -> Result<()> {
        self.db().exec(
            "UPDATE feed_token SET folder = :folder WHERE visit_id = :visit AND token = :token",
            &[
                (":visit", visit.to_string().into()),
                (":token", token.into()),
                (":folder", folder.into()),
            ],
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
        let tx = self.begin()?;
        let revoked = revoke_feed_tokens(&tx, visit, feed, at)?;
        tx.commit()?;
        Ok(revoked)
    }
}

/// Takes the lease on publishing a visit's calendars; the caller holds a
/// transaction that has the write lock.
fn take_publish_lease(
    db: &dyn Sql,
    visit: VisitId,
    holder: &str,
    who: &str,
    now: chrono::DateTime<chrono::Utc>,
    until: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let other = db.first_row(
        "SELECT holder, who, until FROM publish_lease WHERE visit_id = :visit",
        &[(":visit", visit.to_string().into())],
    )?;
    if let Some(r) = other {
        let (h, w, u): (String, String, String) =
            (r.get("holder")?, r.get("who")?, r.get("until")?);
        if h != holder && u > utc_text(&now) {
            return Err(crate::StoreError::Conflict(
                dplan_core::Problem::PublishInProgress { who: w, until: u },
            ));
        }
    }
    db.exec(
        "INSERT INTO publish_lease (visit_id, holder, who, until)
         VALUES (:visit, :holder, :who, :until)
         ON CONFLICT (visit_id) DO UPDATE SET
            holder = excluded.holder, who = excluded.who, until = excluded.until",
        &[
            (":visit", visit.to_string().into()),
            (":holder", holder.into()),
            (":who", who.into()),
            (":until", utc_text(&until).into()),
        ],
    )?;
    Ok(())
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
        // The transaction holds the database's write lock on either
        // backend, so two publishers cannot both read "free".
        let tx = self.begin()?;
        take_publish_lease(&tx, visit, holder, who, now, until)?;
        tx.commit()?;
        Ok(())
    }

    /// Gives the lease back, if `holder` still has it.
    pub fn release_publish_lease(&mut self, visit: VisitId, holder: &str) -> Result<()> {
        self.db().exec(
            "DELETE FROM publish_lease WHERE visit_id = :visit AND holder = :holder",
            &[
                (":visit", visit.to_string().into()),
                (":holder", holder.into()),
            ],
        )?;
        Ok(())
    }
}

fn publish_settings(db: &dyn Sql) -> Result<PublishSettings> {
    Ok(
        match db.first_row(
            "SELECT caldav_url, caldav_user, folder, base_url FROM publish_settings WHERE id = 1",
            &[],
        )? {
            Some(r) => PublishSettings {
                caldav_url: r.get("caldav_url")?,
                caldav_user: r.get("caldav_user")?,
                folder: r.get("folder")?,
                base_url: r.get("base_url")?,
            },
            None => PublishSettings::default(),
        },
    )
}

fn save_publish_settings(db: &dyn Sql, s: &PublishSettings) -> Result<()> {
    let blank = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    db.exec(
        "INSERT INTO publish_settings (id, caldav_url, caldav_user, folder, base_url)
         VALUES (1, :caldav_url, :caldav_user, :folder, :base_url)
         ON CONFLICT (id) DO UPDATE SET caldav_url = excluded.caldav_url,
            caldav_user = excluded.caldav_user, folder = excluded.folder,
            base_url = excluded.base_url",
        &[
            (":caldav_url", blank(&s.caldav_url).into()),
            (":caldav_user", blank(&s.caldav_user).into()),
            (":folder", blank(&s.folder).into()),
            (":base_url", blank(&s.base_url).into()),
        ],
    )?;
    Ok(())
}

fn calendar_names(db: &dyn Sql, visit: VisitId) -> Result<bool> {
    db.first_row(
        "SELECT names FROM visit_calendar WHERE visit_id = :visit",
        &[(":visit", visit.to_string().into())],
    )?
    .map_or(Ok(false), |r| r.get("names"))
}

fn set_calendar_names(db: &dyn Sql, visit: VisitId, names: bool) -> Result<()> {
    db.exec(
        "INSERT INTO visit_calendar (visit_id, names) VALUES (:visit, :names)
         ON CONFLICT (visit_id) DO UPDATE SET names = excluded.names",
        &[
            (":visit", visit.to_string().into()),
            (":names", names.into()),
        ],
    )?;
    Ok(())
}

impl Store {
    /// Where calendars are published; empty until the office says.
    pub fn publish_settings(&self) -> Result<PublishSettings> {
        publish_settings(self.db())
    }

    /// Saves where calendars are published. The caller checks the
    /// addresses (the publish crate knows what a collection address is).
    pub fn save_publish_settings(&mut self, s: &PublishSettings) -> Result<()> {
        let tx = self.begin()?;
        save_publish_settings(&tx, s)?;
        tx.commit()
    }

    /// Whether the visit's guests' calendars name the people at each item
    /// (they do not until the visit says so).
    pub fn calendar_names(&self, visit: VisitId) -> Result<bool> {
        self.get_visit(visit)?;
        calendar_names(self.db(), visit)
    }

    pub fn set_calendar_names(&mut self, visit: VisitId, names: bool) -> Result<()> {
        let tx = self.begin()?;
        if crate::visit::get(&tx, visit)?.is_none() {
            return Err(crate::StoreError::NotFound {
                what: "visit",
                key: visit.to_string(),
            });
        }
        set_calendar_names(&tx, visit, names)?;
        tx.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::testing::on_both;
    use chrono::{TimeZone, Utc};

    #[test]
    fn what_calendars_carried_and_where_they_went_alike_on_both_backends() {
        on_both(|backend, db| {
            let at = |m: u32| Utc.with_ymd_and_hms(2027, 3, 1, 8, m, 0).unwrap();
            let visit = dplan_core::demo::visits(dplan_core::demo::stamp())[0]
                .visit
                .clone();
            crate::visit::upsert(db, &visit).unwrap();
            let v = visit.id;

            // A feed's memory, replaced whole.
            let event = |uid: &str, gone: bool| Published {
                uid: uid.into(),
                fingerprint: format!("fp-{uid}"),
                sequence: 2,
                changed_at: at(1),
                summary: "Empfang / 欢迎仪式".into(),
                start: "20270325T090000Z".into(),
                end: "20270325T100000Z".into(),
                gone,
            };
            record_published(db, v, "visit", &[event("a", false), event("b", true)]).unwrap();
            record_published(db, v, "visit", &[event("b", true)]).unwrap();
            assert_eq!(
                published(db, v, "visit").unwrap(),
                [event("b", true)],
                "{backend}"
            );
            assert!(
                published(db, v, "guest:visit").unwrap().is_empty(),
                "{backend}"
            );

            // A CalDAV collection: unknown, then recorded, then forgotten.
            let url = "https://kalender.herne.de/dplan/v-programm/";
            assert_eq!(caldav_collection(db, v, url).unwrap(), None, "{backend}");
            let r = RemoteResource {
                uid: "a".into(),
                etag: "\"1\"".into(),
                fingerprint: "fp".into(),
            };
            record_caldav_collection(db, v, url, &[]).unwrap();
            assert_eq!(
                caldav_collection(db, v, url).unwrap(),
                Some(vec![]),
                "{backend}"
            );
            record_caldav_collection(db, v, url, std::slice::from_ref(&r)).unwrap();
            assert_eq!(
                caldav_collection(db, v, url).unwrap(),
                Some(vec![r]),
                "{backend}"
            );

            // A feed's token: issued once, kept, revoked; a new one after.
            let first = feed_token(db, v, "visit", "0123456789abcdef", at(2)).unwrap();
            assert_eq!(
                (first.token.as_str(), first.issued_at),
                ("0123456789abcdef", at(2)),
                "{backend}"
            );
            let again = feed_token(db, v, "visit", "fedcba9876543210", at(3)).unwrap();
            assert_eq!(again, first, "{backend}");
            feed_token(db, v, "participant/x", "aaaaaaaaaaaaaaaa", at(3)).unwrap();
            let revoked = revoke_feed_tokens(db, v, Some("visit"), at(4)).unwrap();
            assert_eq!(revoked, [first], "{backend}");
            let all = revoke_feed_tokens(db, v, None, at(5)).unwrap();
            assert_eq!(all.len(), 1, "{backend}");
            let fresh = feed_token(db, v, "visit", "fedcba9876543210", at(6)).unwrap();
            assert_eq!(fresh.token, "fedcba9876543210", "{backend}");

            // The publish lease: another holder waits until it runs out.
            take_publish_lease(db, v, "one", "dplan, PID 1", at(0), at(30)).unwrap();
            let err = take_publish_lease(db, v, "two", "app", at(10), at(40)).unwrap_err();
            assert!(
                matches!(err, crate::StoreError::Conflict(_)),
                "{backend}: {err}"
            );
            take_publish_lease(db, v, "two", "app", at(31), at(59)).unwrap();

            // Settings: blanks are none.
            let s = PublishSettings {
                caldav_url: Some("https://kalender.herne.de/dplan/".into()),
                caldav_user: Some("  ".into()),
                folder: None,
                base_url: Some("https://www.herne.de/kalender/".into()),
            };
            save_publish_settings(db, &s).unwrap();
            assert_eq!(
                publish_settings(db).unwrap(),
                PublishSettings {
                    caldav_user: None,
                    ..s
                },
                "{backend}"
            );
            assert!(!calendar_names(db, v).unwrap(), "{backend}");
            set_calendar_names(db, v, true).unwrap();
            assert!(calendar_names(db, v).unwrap(), "{backend}");
        });
    }
}
