//! Import and export of whole visits.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use dplan_core::{
    Invalid, ItemId, Lang, Person, PersonId, PersonalData, VenueId, VisitFile, VisitId, demo,
    large::LargeData,
};
use serde::{Deserialize, Serialize};

use crate::sql::Sql;
use crate::{Result, Store, StoreError, participant, person, programme, venue, visit};

/// What an import does with a person or venue that the file changes and
/// that other visits also use: the address book is shared, so a change
/// made for one visit shows in the others.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SharedRecords {
    /// Apply the file's version; the change is reported.
    #[default]
    Update,
    /// Keep the stored person or venue and still import the visit.
    Keep,
}

/// How [`Store::import_visit_with`] imports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    pub shared: SharedRecords,
    /// Compute the report, then roll everything back.
    pub dry_run: bool,
}

/// Which kind of shared record a [`SharedChange`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SharedKind {
    Person,
    Venue,
}

/// A person or venue that the file changes and other visits also use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SharedChange {
    #[ts(inline)]
    pub what: SharedKind,
    pub id: String,
    /// The name as stored, the one the user knows it by.
    pub name: String,
    /// The file's keys of the fields that differ (`family_name`,
    /// `personal.passport_number`); never their values, which may be
    /// personal data.
    pub fields: Vec<String>,
    /// The German titles of the other visits that use it.
    pub other_visits: Vec<String>,
}

/// What an import did, entry by entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ImportReport {
    pub visit_id: String,
    pub title: String,
    /// Nothing was stored: the report says what the import would do.
    pub dry_run: bool,
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
    /// Whether the shared changes below were applied or the stored
    /// versions kept.
    #[ts(inline)]
    pub shared: SharedRecords,
    /// Persons and venues this file changes that other visits also use.
    #[ts(inline)]
    pub shared_changes: Vec<SharedChange>,
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
            "{}{} visit \"{}\" ({}): programme {} added, {} changed, {} unchanged, {} removed; \
             persons {} added, {} updated; venues {} added, {} updated; {} participants",
            if self.dry_run {
                "dry run: would have "
            } else {
                ""
            },
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
        )?;
        for c in &self.shared_changes {
            let what = match c.what {
                SharedKind::Person => "person",
                SharedKind::Venue => "venue",
            };
            let others = c
                .other_visits
                .iter()
                .map(|t| format!("„{t}“"))
                .collect::<Vec<_>>()
                .join(", ");
            let outcome = match self.shared {
                SharedRecords::Update => "changed",
                SharedRecords::Keep => "kept as stored",
            };
            write!(
                f,
                "\n{what} {} (also in {others}): {} {outcome}",
                c.name,
                c.fields.join(", "),
            )?;
        }
        Ok(())
    }
}

/// The stored personal data with the file's values laid over it, field by
/// field: a field the file leaves out or empty keeps the stored value, so a
/// file can add and correct personal data but never erase it (only the
/// purge and the person form do that).
fn merge_personal(stored: &PersonalData, file: Option<&PersonalData>) -> PersonalData {
    let Some(file) = file else {
        return stored.clone();
    };
    let text = |new: &Option<String>, old: &Option<String>| match new {
        Some(v) if !v.trim().is_empty() => Some(v.clone()),
        _ => old.clone(),
    };
    PersonalData {
        passport_number: text(&file.passport_number, &stored.passport_number),
        date_of_birth: file.date_of_birth.or(stored.date_of_birth),
        nationality: text(&file.nationality, &stored.nationality),
        dietary: text(&file.dietary, &stored.dietary),
        accessibility: text(&file.accessibility, &stored.accessibility),
    }
}

/// The file's keys of the person's fields that differ.
fn person_changes(
    old: &Person,
    new: &Person,
    old_p: &PersonalData,
    new_p: &PersonalData,
) -> Vec<String> {
    let mut fields = Vec::new();
    let mut check = |key: &str, differs: bool| {
        if differs {
            fields.push(key.to_string());
        }
    };
    check("family_name", old.family_name != new.family_name);
    check("given_name", old.given_name != new.given_name);
    check("name_zh", old.name_zh != new.name_zh);
    check("pinyin", old.pinyin != new.pinyin);
    check("name_order", old.name_order != new.name_order);
    check("academic_title", old.academic_title != new.academic_title);
    check("title", old.title != new.title);
    check("address", old.address != new.address);
    check("organisation", old.organisation != new.organisation);
    check("position", old.position != new.position);
    check("email", old.email != new.email);
    check("phone", old.phone != new.phone);
    check("languages", old.languages != new.languages);
    check(
        "personal.passport_number",
        old_p.passport_number != new_p.passport_number,
    );
    check(
        "personal.date_of_birth",
        old_p.date_of_birth != new_p.date_of_birth,
    );
    check(
        "personal.nationality",
        old_p.nationality != new_p.nationality,
    );
    check("personal.dietary", old_p.dietary != new_p.dietary);
    check(
        "personal.accessibility",
        old_p.accessibility != new_p.accessibility,
    );
    fields
}

/// The file's keys of the venue's fields that differ.
fn venue_changes(old: &dplan_core::Venue, new: &dplan_core::Venue) -> Vec<String> {
    [
        ("name", old.name != new.name),
        ("address", old.address != new.address),
        ("address_zh", old.address_zh != new.address_zh),
        ("room", old.room != new.room),
        ("time_zone", old.time_zone != new.time_zone),
    ]
    .into_iter()
    .filter(|(_, differs)| *differs)
    .map(|(key, _)| key.to_string())
    .collect()
}

/// The German titles of the visits other than `visit` that `sql` finds for
/// the record `id` (`:record` is the record, `:visit` the visit), by first day.
fn other_visits(db: &dyn Sql, sql: &str, id: String, visit: VisitId) -> Result<Vec<String>> {
    db.rows(
        sql,
        &[(":record", id.into()), (":visit", visit.to_string().into())],
    )?
    .iter()
    .map(|r| {
        let de: Option<String> = r.get("title_de")?;
        let en: Option<String> = r.get("title_en")?;
        Ok(de.or(en).unwrap_or_default())
    })
    .collect()
}

/// The other visits in which a person takes part.
const PERSON_ELSEWHERE: &str = "SELECT DISTINCT v.id, v.title_de, v.title_en, v.first_day
     FROM participant p JOIN visit v ON v.id = p.visit_id
     WHERE p.person_id = :record AND v.id <> :visit
     ORDER BY v.first_day, v.title_de NULLS FIRST, v.id";

/// The other visits whose programme uses a venue.
const VENUE_ELSEWHERE: &str = "SELECT DISTINCT v.id, v.title_de, v.title_en, v.first_day
     FROM programme_item i JOIN visit v ON v.id = i.visit_id
     WHERE i.venue_id = :record AND v.id <> :visit
     ORDER BY v.first_day, v.title_de NULLS FIRST, v.id";

impl Store {
    /// Imports a whole visit, applying changes to persons and venues other
    /// visits share (see [`Store::import_visit_with`]).
    pub fn import_visit(&mut self, file: &VisitFile) -> Result<ImportReport> {
        self.import_visit_with(file, ImportOptions::default())
    }

    /// Imports a whole visit in one transaction. A visit with the same id is
    /// updated in place: programme items are matched by id (an item whose
    /// time, venue or status changed gets a higher revision), and items and
    /// participants the file no longer has are removed. Persons and venues
    /// are added or updated in the address book; stored personal data is
    /// kept field by field unless the file carries a value for it. A person
    /// or venue that other visits also use and that the file changes is
    /// listed in `shared_changes`, and updated or kept as `options.shared`
    /// says. With `options.dry_run` everything is rolled back after the
    /// report is made. If anything is wrong, nothing is written.
    pub fn import_visit_with(
        &mut self,
        file: &VisitFile,
        options: ImportOptions,
    ) -> Result<ImportReport> {
        file.validate()?;
        let visit_id = file.visit.id;
        let tx = self.begin()?;
        let mut report = ImportReport {
            visit_id: visit_id.to_string(),
            title: file.visit.title.best(Lang::De).to_string(),
            participants: file.participants.len(),
            dry_run: options.dry_run,
            shared: options.shared,
            ..ImportReport::default()
        };

        if visit::get(&tx, visit_id)?.is_none() {
            report.created = true;
        }
        visit::upsert(&tx, &file.visit)?;

        for v in &file.venues {
            match venue::get(&tx, v.id)? {
                None => report.venues_added += 1,
                Some(old) if &old == v => continue,
                Some(old) => {
                    let others = other_visits(&tx, VENUE_ELSEWHERE, v.id.to_string(), visit_id)?;
                    if !others.is_empty() {
                        report.shared_changes.push(SharedChange {
                            what: SharedKind::Venue,
                            id: v.id.to_string(),
                            name: old.name.best(Lang::De).to_string(),
                            fields: venue_changes(&old, v),
                            other_visits: others,
                        });
                        if options.shared == SharedRecords::Keep {
                            continue;
                        }
                    }
                    report.venues_updated += 1;
                }
            }
            venue::upsert(&tx, v)?;
        }

        for p in &file.persons {
            let stored_personal = person::get_personal(&tx, p.id)?;
            let personal = merge_personal(&stored_personal, p.personal.as_ref());
            let mut merged = p.clone();
            // Writing `None` leaves the stored row alone; the merged data is
            // written only when it differs, so nothing is ever cleared here.
            merged.personal = (personal != stored_personal).then_some(personal.clone());
            match person::get(&tx, p.id)? {
                None => report.persons_added += 1,
                Some(old) => {
                    let fields = person_changes(&old, p, &stored_personal, &personal);
                    if fields.is_empty() {
                        continue;
                    }
                    let others = other_visits(&tx, PERSON_ELSEWHERE, p.id.to_string(), visit_id)?;
                    if !others.is_empty() {
                        report.shared_changes.push(SharedChange {
                            what: SharedKind::Person,
                            id: p.id.to_string(),
                            name: old.display_name(),
                            fields,
                            other_visits: others,
                        });
                        if options.shared == SharedRecords::Keep {
                            continue;
                        }
                    }
                    report.persons_updated += 1;
                }
            }
            person::upsert(&tx, &merged)?;
        }
        // Participants the file no longer has leave the visit, and its items.
        let keep: HashSet<PersonId> = file.participants.iter().map(|p| p.person_id).collect();
        for old in participant::list(&tx, visit_id)? {
            if !keep.contains(&old.person_id) {
                participant::remove(&tx, visit_id, old.person_id)?;
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
                            dplan_core::Problem::ItemOfAnotherVisit {
                                id: item.id.to_string(),
                                visit: elsewhere.visit_id.to_string(),
                            },
                        )
                        .into());
                    }
                    report.items_added += 1;
                }
            }
            programme::upsert(&tx, &stored)?;
        }
        for gone in old_items.keys() {
            programme::delete(&tx, *gone)?;
            report.items_removed += 1;
        }
        if options.dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
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
    /// A visit as the screens, calendars and documents show it, read
    /// straight from the store (no personal data).
    pub fn visit_view(&self, id: VisitId) -> Result<dplan_core::view::VisitView> {
        let file =
            self.read_snapshot(|db| visit_file(db, id, DateTime::<Utc>::UNIX_EPOCH, false))?;
        Ok(dplan_core::view::VisitView::of(
            &file.visit,
            &file.persons,
            &file.venues,
            &file.participants,
            &file.programme,
        ))
    }

    pub fn export_visit(
        &self,
        id: VisitId,
        exported_at: DateTime<Utc>,
        with_personal_data: bool,
    ) -> Result<VisitFile> {
        self.read_snapshot(|db| visit_file(db, id, exported_at, with_personal_data))
    }
}

/// A visit with its participants (in order of precedence), their persons
/// (in the same order), its programme and the venues it uses (in the order
/// the programme first names them): five queries, whatever the visit's
/// size, plus one per person for personal data when asked.
fn visit_file(
    db: &dyn Sql,
    id: VisitId,
    exported_at: DateTime<Utc>,
    with_personal_data: bool,
) -> Result<VisitFile> {
    let v = visit::get(db, id)?.ok_or_else(|| StoreError::NotFound {
        what: "visit",
        key: id.to_string(),
    })?;
    let mut file = VisitFile::new(exported_at, v);
    file.participants = participant::list(db, id)?;
    let mut persons: HashMap<PersonId, Person> = person::of_visit(db, id)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    for p in &file.participants {
        let mut person = persons
            .remove(&p.person_id)
            .ok_or_else(|| StoreError::NotFound {
                what: "person",
                key: p.person_id.to_string(),
            })?;
        if with_personal_data {
            person.personal = Some(person::get_personal(db, p.person_id)?);
        }
        file.persons.push(person);
    }
    file.programme = programme::list(db, id)?;
    let mut venues: HashMap<VenueId, dplan_core::Venue> = venue::of_visit(db, id)?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    for item in &file.programme {
        if let Some(v) = item.venue_id.and_then(|v| venues.remove(&v)) {
            file.venues.push(v);
        }
    }
    Ok(file)
}
