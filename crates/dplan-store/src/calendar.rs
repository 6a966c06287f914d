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
