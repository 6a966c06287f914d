//! The conflict check's settings, and the check of a stored visit together
//! with the visits that overlap it.

use chrono::Duration;
use dplan_core::{
    CheckInput, VisitId, VisitStatus, Warning,
    conflict::{CheckSettings, TravelTime, check},
};
use rusqlite::{OptionalExtension, params};

use crate::{Result, Store, StoreError, codec::parse};

impl Store {
    /// The check's settings; the defaults until the user saves some.
    pub fn check_settings(&self) -> Result<CheckSettings> {
        let mut settings = self
            .conn
            .query_row(
                "SELECT default_travel_minutes, venues_across_visits FROM check_settings WHERE id = 1",
                [],
                |r| {
                    Ok(CheckSettings {
                        default_travel_minutes: r.get(0)?,
                        venues_across_visits: r.get(1)?,
                        travel: vec![],
                    })
                },
            )
            .optional()?
            .unwrap_or_default();
        let mut stmt = self.conn.prepare(
            "SELECT venue_a, venue_b, minutes FROM travel_time ORDER BY venue_a, venue_b",
        )?;
        settings.travel = stmt
            .query_map([], |r| {
                Ok(TravelTime {
                    from: parse(r, "venue_a")?,
                    to: parse(r, "venue_b")?,
                    minutes: r.get("minutes")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(settings)
    }

    /// Replaces the check's settings (all ways between venues included) in
    /// one transaction; invalid settings or unknown venues change nothing.
    pub fn save_check_settings(&mut self, settings: &CheckSettings) -> Result<()> {
        settings.validate()?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO check_settings (id, default_travel_minutes, venues_across_visits)
             VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET
                default_travel_minutes = excluded.default_travel_minutes,
                venues_across_visits = excluded.venues_across_visits",
            params![
                settings.default_travel_minutes,
                settings.venues_across_visits
            ],
        )?;
        tx.execute("DELETE FROM travel_time", [])?;
        for t in &settings.travel {
            for v in [t.from, t.to] {
                if crate::venue::get(&tx, v)?.is_none() {
                    return Err(StoreError::NotFound {
                        what: "venue",
                        key: v.to_string(),
                    });
                }
            }
            let (a, b) = (t.from.min(t.to), t.from.max(t.to));
            tx.execute(
                "INSERT INTO travel_time (venue_a, venue_b, minutes) VALUES (?1, ?2, ?3)",
                params![a.to_string(), b.to_string(), t.minutes],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Checks a visit's programme with the saved settings. The visits whose
    /// days touch this one's (a day either side, for flights over midnight)
    /// are read too, so a person or, when the settings say so, a venue
    /// booked by another visit at the same time is found; only warnings
    /// that involve this visit are returned.
    pub fn check_visit(&self, id: VisitId) -> Result<Vec<Warning>> {
        let settings = self.check_settings()?;
        let visit = self.get_visit(id)?;
        let stamp = chrono::DateTime::UNIX_EPOCH;
        let mut files = vec![self.export_visit(id, stamp, false)?];
        let (from, to) = (
            visit.first_day - Duration::days(1),
            visit.last_day + Duration::days(1),
        );
        for other in self.list_visits()? {
            if other.id != id
                && other.status != VisitStatus::Cancelled
                && other.first_day <= to
                && other.last_day >= from
            {
                files.push(self.export_visit(other.id, stamp, false)?);
            }
        }
        let mut warnings = check(&CheckInput::from_files(&files), &settings.options());
        warnings.retain(|w| w.visits.contains(&id));
        Ok(warnings)
    }
}
