//! The conflict check's settings, and the check of a stored visit together
//! with the visits that overlap it.

use chrono::Duration;
use dplan_core::{
    CheckInput, Lang, VisitFile, VisitId, VisitStatus, Warning,
    conflict::{CheckSettings, TravelTime, check},
};

use crate::sql::Sql;
use crate::{Result, Store, StoreError};

/// The check's settings; the defaults until the user saves some.
fn settings(db: &dyn Sql) -> Result<CheckSettings> {
    let mut settings = match db.first_row(
        "SELECT default_travel_minutes, venues_across_visits FROM check_settings WHERE id = 1",
        &[],
    )? {
        Some(r) => CheckSettings {
            default_travel_minutes: r.get("default_travel_minutes")?,
            venues_across_visits: r.get("venues_across_visits")?,
            travel: vec![],
        },
        None => CheckSettings::default(),
    };
    settings.travel = db
        .rows(
            "SELECT venue_a, venue_b, minutes FROM travel_time ORDER BY venue_a, venue_b",
            &[],
        )?
        .iter()
        .map(|r| {
            Ok(TravelTime {
                from: r.parse("venue_a")?,
                to: r.parse("venue_b")?,
                minutes: r.get("minutes")?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(settings)
}

/// Replaces the check's settings (all ways between venues included); the
/// caller validated them and holds a transaction.
fn save(db: &dyn Sql, settings: &CheckSettings) -> Result<()> {
    db.exec(
        "INSERT INTO check_settings (id, default_travel_minutes, venues_across_visits)
         VALUES (1, :minutes, :across)
         ON CONFLICT (id) DO UPDATE SET
            default_travel_minutes = excluded.default_travel_minutes,
            venues_across_visits = excluded.venues_across_visits",
        &[
            (":minutes", settings.default_travel_minutes.into()),
            (":across", settings.venues_across_visits.into()),
        ],
    )?;
    db.exec("DELETE FROM travel_time", &[])?;
    for t in &settings.travel {
        for v in [t.from, t.to] {
            if crate::venue::get(db, v)?.is_none() {
                return Err(StoreError::NotFound {
                    what: "venue",
                    key: v.to_string(),
                });
            }
        }
        let (a, b) = (t.from.min(t.to), t.from.max(t.to));
        db.exec(
            "INSERT INTO travel_time (venue_a, venue_b, minutes) VALUES (:a, :b, :minutes)",
            &[
                (":a", a.to_string().into()),
                (":b", b.to_string().into()),
                (":minutes", t.minutes.into()),
            ],
        )?;
    }
    Ok(())
}

impl Store {
    /// The check's settings; the defaults until the user saves some.
    pub fn check_settings(&self) -> Result<CheckSettings> {
        settings(self.db())
    }

    /// Replaces the check's settings (all ways between venues included) in
    /// one transaction; invalid settings or unknown venues change nothing.
    pub fn save_check_settings(&mut self, settings: &CheckSettings) -> Result<()> {
        settings.validate()?;
        let tx = self.begin()?;
        save(&tx, settings)?;
        tx.commit()?;
        Ok(())
    }

    /// Checks a visit's programme with the saved settings (see
    /// [`VisitCheck`]): reads what the check needs, then runs it. The
    /// warnings' sentences are in `lang`.
    pub fn check_visit(&self, id: VisitId, lang: Lang) -> Result<Vec<Warning>> {
        Ok(self.load_visit_check(id)?.run(lang))
    }

    /// Reads what the check of a visit needs: the visit, the visits whose
    /// days touch this one's (a day either side, for flights over
    /// midnight), so a person or, when the settings say so, a venue booked
    /// by another visit at the same time is found, and the settings.
    pub fn load_visit_check(&self, id: VisitId) -> Result<VisitCheck> {
        let settings = self.check_settings()?;
        let visit = self.get_visit(id)?;
        let stamp = chrono::DateTime::UNIX_EPOCH;
        let mut files = vec![self.export_visit(id, stamp, false)?];
        // Checked: a visit stored before dates were kept in a window may
        // start on chrono's first day.
        let day = Duration::days(1);
        let from = visit
            .first_day
            .checked_sub_signed(day)
            .unwrap_or(visit.first_day);
        let to = visit
            .last_day
            .checked_add_signed(day)
            .unwrap_or(visit.last_day);
        for other in self.list_visits()? {
            if other.id != id
                && other.status != VisitStatus::Cancelled
                && other.first_day <= to
                && other.last_day >= from
            {
                files.push(self.export_visit(other.id, stamp, false)?);
            }
        }
        Ok(VisitCheck {
            id,
            files,
            settings,
        })
    }
}

/// Everything the check of one visit reads, owned, so that the check itself
/// runs without the store: the app runs it outside the lock around its
/// store, and a long check never holds up other commands.
pub struct VisitCheck {
    pub id: VisitId,
    /// The visit first, then the visits whose days touch it.
    pub files: Vec<VisitFile>,
    pub settings: CheckSettings,
}

impl VisitCheck {
    /// The warnings that involve the checked visit, their sentences in
    /// `lang`.
    pub fn run(&self, lang: Lang) -> Vec<Warning> {
        let mut warnings = check(
            &CheckInput::from_files(&self.files),
            &self.settings.options(lang),
        );
        warnings.retain(|w| w.visits.contains(&self.id));
        warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::testing::on_both;

    #[test]
    fn the_checks_settings_round_trip_alike_on_both_backends() {
        on_both(|backend, db| {
            assert_eq!(settings(db).unwrap(), CheckSettings::default(), "{backend}");
            let file = &dplan_core::demo::visits(dplan_core::demo::stamp())[0];
            for v in &file.venues {
                crate::venue::upsert(db, v).unwrap();
            }
            let (a, b) = (file.venues[0].id, file.venues[1].id);
            let wanted = CheckSettings {
                default_travel_minutes: 25,
                venues_across_visits: true,
                travel: vec![TravelTime {
                    from: a.max(b),
                    to: a.min(b),
                    minutes: 40,
                }],
            };
            save(db, &wanted).unwrap();
            let stored = settings(db).unwrap();
            assert_eq!(
                (stored.default_travel_minutes, stored.venues_across_visits),
                (25, true),
                "{backend}"
            );
            // Kept once, the smaller id first.
            assert_eq!(
                stored.travel,
                [TravelTime {
                    from: a.min(b),
                    to: a.max(b),
                    minutes: 40
                }],
                "{backend}"
            );
            let unknown = CheckSettings {
                travel: vec![TravelTime {
                    from: a,
                    to: dplan_core::VenueId::random(),
                    minutes: 5,
                }],
                ..wanted
            };
            assert!(
                matches!(save(db, &unknown), Err(StoreError::NotFound { .. })),
                "{backend}"
            );
        });
    }
}
