//! A visit's participant list as a whole: adding a list of people at once
//! (matched against the address book, placed in the order of precedence by
//! role) and removing personal data once the visit is over.

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::{DateTime, Utc};
use dplan_core::{
    FieldError, Invalid, Joining, ListedParticipant, Participant, PersonId, Problem, Side, VisitId,
    VisitStatus, merge_precedence,
};
use serde::Serialize;

use crate::sql::Sql;
use crate::{Result, Store, StoreError, participant, person, visit};

/// What happened to one row of an imported list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ListedOutcome {
    /// The person was new to the address book and was added to it.
    NewPerson,
    /// The address book knew the person (same name and organisation); the
    /// entry there was used as it is, not duplicated.
    KnownPerson,
    /// The person takes part in the visit already; nothing was changed.
    AlreadyInVisit,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ListedRow {
    /// Position in the list given to the import, from 0.
    pub index: usize,
    pub name: String,
    pub person_id: String,
    pub outcome: ListedOutcome,
}

/// What an import of a participant list did (or, on a dry run, would do).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ParticipantImportReport {
    pub visit_id: String,
    /// Nothing was stored: the report says what an import would do.
    pub dry_run: bool,
    pub rows: Vec<ListedRow>,
    pub new_persons: usize,
    pub known_persons: usize,
    pub already_in_visit: usize,
}

impl fmt::Display for ParticipantImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {} new to the address book, {} known from it, {} already in the visit",
            if self.dry_run {
                "dry run, nothing stored"
            } else {
                "imported"
            },
            self.new_persons,
            self.known_persons,
            self.already_in_visit
        )?;
        for row in &self.rows {
            let what = match row.outcome {
                ListedOutcome::NewPerson => "new",
                ListedOutcome::KnownPerson => "known (matched by name and organisation)",
                ListedOutcome::AlreadyInVisit => "already in the visit, unchanged",
            };
            writeln!(f, "  {:>4}  {}  {what}", row.index + 1, row.name)?;
        }
        Ok(())
    }
}

/// The record of one removal of personal data after a visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PurgeRecord {
    pub visit_id: String,
    pub purged_at: DateTime<Utc>,
    /// Persons whose personal data was removed.
    pub purged: u32,
    /// Persons whose personal data was kept because they take part in a
    /// visit that is not over yet.
    pub kept: u32,
}

/// Every person in the address book by [`dplan_core::Person::identity_key`].
fn identities(db: &dyn Sql) -> Result<HashMap<String, PersonId>> {
    let mut map = HashMap::new();
    for p in person::list(db)? {
        // The first entry wins, as it does for the person a user sees first.
        map.entry(p.identity_key()).or_insert(p.id);
    }
    Ok(map)
}

impl Store {
    /// Adds a list of people to a visit in one transaction. Each person the
    /// address book knows (same name and organisation) is used as stored,
    /// not duplicated; the others are added to it. Heads of delegation go
    /// to the top of their side, everyone else after the participants
    /// already there, by the rank the list gives ([`merge_precedence`]).
    /// If any row is invalid, nothing is stored and every row's errors are
    /// named (`rows[3].family_name`). With `dry_run`, the report says what
    /// would happen and nothing is stored.
    pub fn import_participants(
        &mut self,
        visit_id: VisitId,
        listed: &[ListedParticipant],
        dry_run: bool,
    ) -> Result<ParticipantImportReport> {
        let mut errors: Vec<FieldError> = Vec::new();
        let mut first_row: HashMap<String, usize> = HashMap::new();
        for (i, l) in listed.iter().enumerate() {
            let row = format!("rows[{i}]");
            if let Err(inv) = l.person.validate() {
                errors.extend(inv.within(&row).errors);
            }
            let part = Participant {
                visit_id,
                person_id: l.person.id,
                side: l.side,
                role: l.role,
                precedence: 1,
                arrival: None,
                departure: None,
                hotel: l.hotel.clone(),
            };
            if let Err(inv) = part.validate() {
                errors.extend(inv.within(&row).errors);
            }
            if let Some(first) = first_row.insert(l.person.identity_key(), i) {
                errors.push(FieldError::new(
                    format!("{row}.family_name"),
                    dplan_core::Problem::SameAsRow { row: first + 1 },
                ));
            }
        }
        if !errors.is_empty() {
            return Err(Invalid { errors }.into());
        }

        let tx = self.begin()?;
        visit::get(&tx, visit_id)?.ok_or_else(|| StoreError::NotFound {
            what: "visit",
            key: visit_id.to_string(),
        })?;
        let known = identities(&tx)?;
        let existing = participant::list(&tx, visit_id)?;
        let present: HashSet<PersonId> = existing.iter().map(|p| p.person_id).collect();

        let mut report = ParticipantImportReport {
            visit_id: visit_id.to_string(),
            dry_run,
            rows: Vec::with_capacity(listed.len()),
            new_persons: 0,
            known_persons: 0,
            already_in_visit: 0,
        };
        let mut joining: Vec<(Side, PersonId, &ListedParticipant)> = Vec::new();
        for (index, l) in listed.iter().enumerate() {
            let (person_id, outcome) = match known.get(&l.person.identity_key()) {
                Some(&id) if present.contains(&id) => (id, ListedOutcome::AlreadyInVisit),
                Some(&id) => (id, ListedOutcome::KnownPerson),
                None => {
                    if person::get(&tx, l.person.id)?.is_some() {
                        return Err(StoreError::Conflict(Problem::PersonIdTaken {
                            row: index + 1,
                            id: l.person.id.to_string(),
                        }));
                    }
                    person::upsert(&tx, &l.person)?;
                    (l.person.id, ListedOutcome::NewPerson)
                }
            };
            match outcome {
                ListedOutcome::NewPerson => report.new_persons += 1,
                ListedOutcome::KnownPerson => report.known_persons += 1,
                ListedOutcome::AlreadyInVisit => report.already_in_visit += 1,
            }
            if outcome != ListedOutcome::AlreadyInVisit {
                joining.push((l.side, person_id, l));
            }
            report.rows.push(ListedRow {
                index,
                name: l.person.display_name(),
                person_id: person_id.to_string(),
                outcome,
            });
        }

        for side in [Side::Guest, Side::Host] {
            let before: Vec<(PersonId, dplan_core::Role)> = existing
                .iter()
                .filter(|p| p.side == side)
                .map(|p| (p.person_id, p.role))
                .collect();
            let new: Vec<Joining> = joining
                .iter()
                .filter(|(s, _, _)| *s == side)
                .map(|(_, id, l)| (*id, l.role, l.rank))
                .collect();
            if new.is_empty() {
                continue;
            }
            for (id, l) in joining
                .iter()
                .filter(|(s, _, _)| *s == side)
                .map(|(_, id, l)| (id, l))
            {
                participant::upsert(
                    &tx,
                    &Participant {
                        visit_id,
                        person_id: *id,
                        side,
                        role: l.role,
                        // Placed properly just below, with the whole side.
                        precedence: u32::MAX,
                        arrival: None,
                        departure: None,
                        hotel: l.hotel.clone(),
                    },
                )?;
            }
            participant::renumber(&tx, visit_id, &merge_precedence(&before, &new))?;
        }

        if !dry_run {
            tx.commit()?;
        }
        Ok(report)
    }

    /// Removes the personal data (passport, birth date, nationality, dietary
    /// and accessibility needs) of a visit's participants once the visit is
    /// over (completed or cancelled), and records that it was done. A person
    /// who also takes part in a visit that is not over keeps their data, and
    /// the record counts them. All or nothing.
    pub fn purge_personal_data(
        &mut self,
        visit_id: VisitId,
        at: DateTime<Utc>,
    ) -> Result<PurgeRecord> {
        let tx = self.begin()?;
        let v = visit::get(&tx, visit_id)?.ok_or_else(|| StoreError::NotFound {
            what: "visit",
            key: visit_id.to_string(),
        })?;
        if !matches!(v.status, VisitStatus::Completed | VisitStatus::Cancelled) {
            return Err(StoreError::Conflict(Problem::PurgeBeforeVisitOver));
        }
        let (purged, kept) = person::purge_personal_for_visit(&tx, visit_id)?;
        tx.exec(
            "INSERT INTO personal_data_purge (visit_id, purged_at, purged, kept)
             VALUES (:visit, :at, :purged, :kept)",
            &[
                (":visit", visit_id.to_string().into()),
                (":at", at.to_rfc3339().into()),
                (":purged", purged.into()),
                (":kept", kept.into()),
            ],
        )?;
        tx.commit()?;
        // The store deletes with `secure_delete` on, so the removed records
        // are zeroed in their pages; but the pages as they were before
        // stay in the write-ahead log until a checkpoint copies the new
        // ones into the file. Truncating the log erases them now. If a
        // reader keeps the log busy past the timeout, the purge has still
        // happened and the next checkpoint erases them. A server database
        // has no such file here: the server's autovacuum reclaims the rows,
        // and its logs and backups are its administrator's (README).
        if let Ok(conn) = self.sqlite("checkpoint") {
            let _: (i64, i64, i64) =
                conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
        }
        Ok(PurgeRecord {
            visit_id: visit_id.to_string(),
            purged_at: at,
            purged,
            kept,
        })
    }

    /// When personal data was removed after this visit, newest first.
    pub fn list_purges(&self, visit_id: VisitId) -> Result<Vec<PurgeRecord>> {
        list_purges(self.db(), visit_id)
    }
}

fn list_purges(db: &dyn Sql, visit_id: VisitId) -> Result<Vec<PurgeRecord>> {
    db.rows(
        "SELECT purged_at, purged, kept FROM personal_data_purge
         WHERE visit_id = :visit ORDER BY purged_at DESC",
        &[(":visit", visit_id.to_string().into())],
    )?
    .iter()
    .map(|r| {
        Ok(PurgeRecord {
            visit_id: visit_id.to_string(),
            purged_at: r
                .parse::<DateTime<chrono::FixedOffset>>("purged_at")?
                .with_timezone(&Utc),
            purged: r.get("purged")?,
            kept: r.get("kept")?,
        })
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::testing::on_both;

    #[test]
    fn purges_are_listed_newest_first_alike_on_both_backends() {
        on_both(|backend, db| {
            let visit = dplan_core::demo::visits(dplan_core::demo::stamp())[0]
                .visit
                .clone();
            crate::visit::upsert(db, &visit).unwrap();
            for (at, purged, kept) in [
                ("2027-04-01T09:00:00+00:00", 3_u32, 1_u32),
                ("2027-04-02T10:30:00+00:00", 0, 0),
            ] {
                db.exec(
                    "INSERT INTO personal_data_purge (visit_id, purged_at, purged, kept)
                     VALUES (:visit, :at, :purged, :kept)",
                    &[
                        (":visit", visit.id.to_string().into()),
                        (":at", at.into()),
                        (":purged", purged.into()),
                        (":kept", kept.into()),
                    ],
                )
                .unwrap();
            }
            let listed = list_purges(db, visit.id).unwrap();
            let seen: Vec<(String, u32, u32)> = listed
                .iter()
                .map(|p| (p.purged_at.to_rfc3339(), p.purged, p.kept))
                .collect();
            assert_eq!(
                seen,
                [
                    ("2027-04-02T10:30:00+00:00".to_string(), 0, 0),
                    ("2027-04-01T09:00:00+00:00".to_string(), 3, 1)
                ],
                "{backend}"
            );
        });
    }
}
