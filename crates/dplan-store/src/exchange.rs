//! Import and export of whole visits.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use dplan_core::{
    Invalid, ItemId, Lang, PersonId, VenueId, VisitFile, VisitId, demo, large::LargeData,
};
use serde::Serialize;

use crate::{Result, Store, participant, person, programme, venue, visit};

/// What an import did, entry by entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ImportReport {
    pub visit_id: String,
    pub title: String,
    /// The visit was new here (otherwise it was updated in place).
    pub created: bool,
    pub items_added: usize,
    pub items_changed: usize,
    pub items_unchanged: usize,
    pub items_removed: usize,
    pub persons_added: usize,
    pub persons_updated: usize,
    pub venues_added: usize,
    pub venues_updated: usize,
    pub participants: usize,
}

impl ImportReport {
    /// Whether the import changed nothing at all.
    pub fn is_noop(&self) -> bool {
        !self.created
            && self.items_added + self.items_changed + self.items_removed == 0
            && self.persons_added + self.persons_updated == 0
            && self.venues_added + self.venues_updated == 0
    }
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} visit \"{}\" ({}): programme {} added, {} changed, {} unchanged, {} removed; \
             persons {} added, {} updated; venues {} added, {} updated; {} participants",
            if self.created { "created" } else { "updated" },
            self.title,
            self.visit_id,
            self.items_added,
            self.items_changed,
            self.items_unchanged,
            self.items_removed,
            self.persons_added,
            self.persons_updated,
            self.venues_added,
            self.venues_updated,
            self.participants,
        )
    }
}

impl Store {
    /// Imports a whole visit in one transaction. A visit with the same id is
    /// updated in place: programme items are matched by id (an item whose
    /// time, venue or status changed gets a higher revision), and items and
    /// participants the file no longer has are removed. Persons and venues
    /// are added or updated in the address book; stored personal data is kept
    /// unless the file carries some. If anything is wrong, nothing is written.
    pub fn import_visit(&mut self, file: &VisitFile) -> Result<ImportReport> {
        file.validate()?;
        let visit_id = file.visit.id;
        let tx = self.conn.transaction()?;
        let mut report = ImportReport {
            visit_id: visit_id.to_string(),
            title: file.visit.title.best(Lang::De).to_string(),
            participants: file.participants.len(),
            ..ImportReport::default()
        };

        match visit::get(&tx, visit_id)? {
            None => report.created = true,
            Some(old) if old == file.visit => {}
            Some(_) => {}
        }
        visit::upsert(&tx, &file.visit)?;

        for v in &file.venues {
            match venue::get(&tx, v.id)? {
                None => report.venues_added += 1,
                Some(old) if &old == v => continue,
                Some(_) => report.venues_updated += 1,
            }
            venue::upsert(&tx, v)?;
        }

        for p in &file.persons {
            match person::get(&tx, p.id)? {
                None => report.persons_added += 1,
                Some(old) => {
                    let personal_changed = match &p.personal {
                        Some(d) => person::get_personal(&tx, p.id)? != *d,
                        None => false,
                    };
                    let mut old = old;
                    old.personal = p.personal.clone();
                    if &old == p && !personal_changed {
                        continue;
                    }
                    report.persons_updated += 1;
                }
            }
            person::upsert(&tx, p)?;
        }

        // Participants the file no longer has leave the visit, and its items.
        let keep: HashSet<PersonId> = file.participants.iter().map(|p| p.person_id).collect();
        for old in participant::list(&tx, visit_id)? {
            if !keep.contains(&old.person_id) {
                tx.execute(
                    "DELETE FROM item_person WHERE person_id = ?2
                     AND item_id IN (SELECT id FROM programme_item WHERE visit_id = ?1)",
                    [visit_id.to_string(), old.person_id.to_string()],
                )?;
                tx.execute(
                    "DELETE FROM participant WHERE visit_id = ?1 AND person_id = ?2",
                    [visit_id.to_string(), old.person_id.to_string()],
                )?;
            }
        }
        for p in &file.participants {
            participant::upsert(&tx, p)?;
        }

        let mut old_items: HashMap<ItemId, dplan_core::ProgrammeItem> =
            programme::list(&tx, visit_id)?
                .into_iter()
                .map(|i| (i.id, i))
                .collect();
        for (i, item) in file.programme.iter().enumerate() {
            let mut stored = item.clone();
            match old_items.remove(&item.id) {
                Some(old) => {
                    stored.revision = programme::next_revision(&old, item);
                    if old == stored {
                        report.items_unchanged += 1;
                        continue;
                    }
                    report.items_changed += 1;
                }
                None => {
                    if let Some(elsewhere) = programme::get(&tx, item.id)? {
                        return Err(Invalid::one(
                            format!("programme[{i}].id"),
                            format!(
                                "item {} belongs to another visit ({})",
                                item.id, elsewhere.visit_id
                            ),
                        )
                        .into());
                    }
                    report.items_added += 1;
                }
            }
            programme::upsert(&tx, &stored)?;
        }
        for gone in old_items.keys() {
            tx.execute(
                "DELETE FROM programme_item WHERE id = ?1",
                [gone.to_string()],
            )?;
            report.items_removed += 1;
        }
        tx.commit()?;
        Ok(report)
    }

    /// Loads the demo visits (`dplan_core::demo`); loading them again
    /// changes nothing. One report per visit.
    pub fn load_demo(&mut self) -> Result<Vec<ImportReport>> {
        demo::visits(demo::stamp())
            .iter()
            .map(|file| self.import_visit(file))
            .collect()
    }

    /// Loads a generated benchmark data set: the persons in no visit, then
    /// every visit.
    pub fn import_large(&mut self, data: &LargeData) -> Result<()> {
        self.upsert_persons(&data.other_persons)?;
        for file in &data.visits {
            self.import_visit(file)?;
        }
        Ok(())
    }

    /// A whole visit as a file: the visit, its participants with their
    /// persons, the venues its programme uses, and the programme. Personal
    /// data goes in only when `with_personal_data` is set.
    pub fn export_visit(
        &self,
        id: VisitId,
        exported_at: DateTime<Utc>,
        with_personal_data: bool,
    ) -> Result<VisitFile> {
        let mut file = VisitFile::new(exported_at, self.get_visit(id)?);
        file.participants = self.list_participants(id)?;
        for p in &file.participants {
            let mut person = self.get_person(p.person_id)?;
            if with_personal_data {
                person.personal = Some(person::get_personal(&self.conn, p.person_id)?);
            }
            file.persons.push(person);
        }
        file.programme = self.list_programme(id)?;
        let mut seen = HashSet::<VenueId>::new();
        for item in &file.programme {
            if let Some(v) = item.venue_id
                && seen.insert(v)
            {
                file.venues.push(self.get_venue(v)?);
            }
        }
        Ok(file)
    }
}
