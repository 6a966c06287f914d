use std::collections::{HashMap, HashSet};

use dplan_core::{Invalid, ItemId, PersonId, Problem, ProgrammeItem, Schedule, VisitId};

use crate::sql::{Row, Sql};
use crate::{
    Result, Store, StoreError,
    codec::{code, day_text, utc_text, zoned_columns},
};

const COLUMNS: &str = "id, visit_id, title_de, title_en, title_zh, kind, all_day, \
     start_local, start_zone, start_occurrence, end_local, end_zone, end_occurrence, \
     first_day, last_day, venue_id, notes, guest_notes_de, guest_notes_en, guest_notes_zh, \
     dress_code_de, dress_code_en, dress_code_zh, transport, status, revision";

fn from_row(row: &Row) -> Result<ProgrammeItem> {
    let all_day: bool = row.get("all_day")?;
    let schedule = if all_day {
        Schedule::AllDay {
            first_day: row.parse("first_day")?,
            last_day: row.parse("last_day")?,
        }
    } else {
        // The schema's CHECK keeps both times of a timed item.
        let missing = |column: &str| StoreError::Column {
            column: column.into(),
            reason: "is NULL in a timed item".into(),
        };
        Schedule::Timed {
            start: row.zoned("start")?.ok_or_else(|| missing("start_local"))?,
            end: row.zoned("end")?.ok_or_else(|| missing("end_local"))?,
        }
    };
    Ok(ProgrammeItem {
        id: row.parse("id")?,
        visit_id: row.parse("visit_id")?,
        title: row.texts("title")?,
        kind: row.decode("kind")?,
        schedule,
        venue_id: row.parse_opt("venue_id")?,
        attendees: vec![],
        responsible: vec![],
        notes: row.get("notes")?,
        guest_notes: row.texts("guest_notes")?,
        dress_code: row.texts("dress_code")?,
        transport: row.get("transport")?,
        status: row.decode("status")?,
        revision: row.get("revision")?,
    })
}

/// Writes an item and its people. The caller validated it and checked its
/// references; `revision` is written as given.
pub(crate) fn upsert(db: &dyn Sql, item: &ProgrammeItem) -> Result<()> {
    let (start, end, first_day, last_day) = match &item.schedule {
        Schedule::Timed { start, end } => (Some(start), Some(end), None, None),
        Schedule::AllDay {
            first_day,
            last_day,
        } => (None, None, Some(*first_day), Some(*last_day)),
    };
    let (s_local, s_zone, s_occ) = zoned_columns(start);
    let (e_local, e_zone, e_occ) = zoned_columns(end);
    let span = item.schedule.utc_span();
    let sort_key = match span {
        Some((s, _)) => utc_text(&s),
        None => format!("{}T00:00:00Z", day_text(item.schedule.first_day())),
    };
    db.exec(
        "INSERT INTO programme_item (id, visit_id, title_de, title_en, title_zh, kind, all_day,
            start_local, start_zone, start_occurrence, end_local, end_zone, end_occurrence,
            first_day, last_day, start_utc, end_utc, sort_key, venue_id, notes,
            guest_notes_de, guest_notes_en, guest_notes_zh,
            dress_code_de, dress_code_en, dress_code_zh, transport, status, revision)
         VALUES (:id, :visit_id, :title_de, :title_en, :title_zh, :kind, :all_day,
            :s_local, :s_zone, :s_occ, :e_local, :e_zone, :e_occ,
            :first_day, :last_day, :start_utc, :end_utc, :sort_key, :venue_id, :notes,
            :gn_de, :gn_en, :gn_zh, :dc_de, :dc_en, :dc_zh, :transport, :status, :revision)
         ON CONFLICT (id) DO UPDATE SET
            visit_id = excluded.visit_id,
            title_de = excluded.title_de, title_en = excluded.title_en, title_zh = excluded.title_zh,
            kind = excluded.kind, all_day = excluded.all_day,
            start_local = excluded.start_local, start_zone = excluded.start_zone,
            start_occurrence = excluded.start_occurrence,
            end_local = excluded.end_local, end_zone = excluded.end_zone,
            end_occurrence = excluded.end_occurrence,
            first_day = excluded.first_day, last_day = excluded.last_day,
            start_utc = excluded.start_utc, end_utc = excluded.end_utc, sort_key = excluded.sort_key,
            venue_id = excluded.venue_id, notes = excluded.notes,
            guest_notes_de = excluded.guest_notes_de, guest_notes_en = excluded.guest_notes_en,
            guest_notes_zh = excluded.guest_notes_zh,
            dress_code_de = excluded.dress_code_de, dress_code_en = excluded.dress_code_en,
            dress_code_zh = excluded.dress_code_zh, transport = excluded.transport,
            status = excluded.status,
            revision = excluded.revision",
        &[
            (":id", item.id.to_string().into()),
            (":visit_id", item.visit_id.to_string().into()),
            (":title_de", item.title.de.clone().into()),
            (":title_en", item.title.en.clone().into()),
            (":title_zh", item.title.zh.clone().into()),
            (":kind", code(&item.kind).into()),
            (
                ":all_day",
                matches!(item.schedule, Schedule::AllDay { .. }).into(),
            ),
            (":s_local", s_local.into()),
            (":s_zone", s_zone.into()),
            (":s_occ", s_occ.into()),
            (":e_local", e_local.into()),
            (":e_zone", e_zone.into()),
            (":e_occ", e_occ.into()),
            (":first_day", first_day.map(day_text).into()),
            (":last_day", last_day.map(day_text).into()),
            (":start_utc", span.map(|(s, _)| utc_text(&s)).into()),
            (":end_utc", span.map(|(_, e)| utc_text(&e)).into()),
            (":sort_key", sort_key.into()),
            (":venue_id", item.venue_id.map(|v| v.to_string()).into()),
            (":notes", item.notes.clone().into()),
            (":gn_de", item.guest_notes.de.clone().into()),
            (":gn_en", item.guest_notes.en.clone().into()),
            (":gn_zh", item.guest_notes.zh.clone().into()),
            (":dc_de", item.dress_code.de.clone().into()),
            (":dc_en", item.dress_code.en.clone().into()),
            (":dc_zh", item.dress_code.zh.clone().into()),
            (":transport", item.transport.clone().into()),
            (":status", code(&item.status).into()),
            (":revision", item.revision.into()),
        ],
    )?;
    db.exec(
        "DELETE FROM item_person WHERE item_id = :item",
        &[(":item", item.id.to_string().into())],
    )?;
    for (duty, ids) in [
        ("attendee", &item.attendees),
        ("responsible", &item.responsible),
    ] {
        for (pos, id) in ids.iter().enumerate() {
            db.exec(
                "INSERT INTO item_person (item_id, person_id, duty, position)
                 VALUES (:item, :person, :duty, :position)",
                &[
                    (":item", item.id.to_string().into()),
                    (":person", id.to_string().into()),
                    (":duty", duty.into()),
                    (":position", (pos as i64).into()),
                ],
            )?;
        }
    }
    Ok(())
}

/// Checks what the item refers to: its visit, its venue, and that everyone
/// it names takes part in the visit.
fn check_references(db: &dyn Sql, item: &ProgrammeItem) -> Result<()> {
    crate::visit::get(db, item.visit_id)?.ok_or_else(|| StoreError::NotFound {
        what: "visit",
        key: item.visit_id.to_string(),
    })?;
    let mut errors = Vec::new();
    if let Some(v) = item.venue_id
        && crate::venue::get(db, v)?.is_none()
    {
        errors.push(Invalid::one(
            "venue_id",
            dplan_core::Problem::NoSuchVenue { id: v.to_string() },
        ));
    }
    let participants: HashSet<PersonId> = crate::participant::list(db, item.visit_id)?
        .into_iter()
        .map(|p| p.person_id)
        .collect();
    for (field, ids) in [
        ("attendees", &item.attendees),
        ("responsible", &item.responsible),
    ] {
        for (i, id) in ids.iter().enumerate() {
            if !participants.contains(id) {
                errors.push(Invalid::one(
                    format!("{field}[{i}]"),
                    dplan_core::Problem::NotAParticipant { id: id.to_string() },
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Invalid {
            errors: errors.into_iter().flat_map(|e| e.errors).collect(),
        }
        .into())
    }
}

/// Whose people to read: a visit's items, or one item's.
enum PeopleOf {
    Visit(VisitId),
    Item(ItemId),
}

fn load_people(db: &dyn Sql, of: PeopleOf, items: &mut [ProgrammeItem]) -> Result<()> {
    let mut by_item: HashMap<ItemId, (Vec<PersonId>, Vec<PersonId>)> = HashMap::new();
    let rows = match of {
        PeopleOf::Visit(visit) => db.rows(
            "SELECT ip.item_id, ip.person_id, ip.duty FROM item_person ip
             JOIN programme_item pi ON pi.id = ip.item_id
             WHERE pi.visit_id = :visit ORDER BY ip.item_id, ip.duty, ip.position",
            &[(":visit", visit.to_string().into())],
        )?,
        PeopleOf::Item(item) => db.rows(
            "SELECT item_id, person_id, duty FROM item_person
             WHERE item_id = :item ORDER BY duty, position",
            &[(":item", item.to_string().into())],
        )?,
    };
    for r in rows {
        let entry = by_item.entry(r.parse("item_id")?).or_default();
        let person = r.parse("person_id")?;
        if r.get::<String>("duty")? == "responsible" {
            entry.1.push(person);
        } else {
            entry.0.push(person);
        }
    }
    for item in items {
        if let Some((attendees, responsible)) = by_item.remove(&item.id) {
            item.attendees = attendees;
            item.responsible = responsible;
        }
    }
    Ok(())
}

pub(crate) fn get(db: &dyn Sql, id: ItemId) -> Result<Option<ProgrammeItem>> {
    let Some(row) = db.first_row(
        &format!("SELECT {COLUMNS} FROM programme_item WHERE id = :id"),
        &[(":id", id.to_string().into())],
    )?
    else {
        return Ok(None);
    };
    let mut items = [from_row(&row)?];
    load_people(db, PeopleOf::Item(id), &mut items)?;
    let [item] = items;
    Ok(Some(item))
}

pub(crate) fn list(db: &dyn Sql, visit: VisitId) -> Result<Vec<ProgrammeItem>> {
    let mut items = db
        .rows(
            &format!(
                "SELECT {COLUMNS} FROM programme_item WHERE visit_id = :visit
                 ORDER BY sort_key, all_day DESC, id"
            ),
            &[(":visit", visit.to_string().into())],
        )?
        .iter()
        .map(from_row)
        .collect::<Result<Vec<_>>>()?;
    load_people(db, PeopleOf::Visit(visit), &mut items)?;
    Ok(items)
}

/// Deletes an item with its people.
pub(crate) fn delete(db: &dyn Sql, id: ItemId) -> Result<()> {
    let n = db.exec(
        "DELETE FROM programme_item WHERE id = :id",
        &[(":id", id.to_string().into())],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound {
            what: "programme item",
            key: id.to_string(),
        });
    }
    Ok(())
}

/// The revision an item gets when `new` replaces `old`: a change of time,
/// venue or status raises it past the stored one; a revision carried in
/// (from an import) is kept when it is higher.
pub(crate) fn next_revision(old: &ProgrammeItem, new: &ProgrammeItem) -> u32 {
    // A revision at its maximum stays there: wrapping would send calendars
    // SEQUENCE 0, which Outlook takes for an older version of the event.
    let floor = if new.calendar_change_from(old) {
        old.revision.saturating_add(1)
    } else {
        old.revision
    };
    floor.max(new.revision)
}

impl Store {
    pub fn insert_item(&mut self, item: &ProgrammeItem) -> Result<()> {
        item.validate()?;
        let tx = self.begin()?;
        check_references(&tx, item)?;
        if get(&tx, item.id)?.is_some() {
            return Err(StoreError::Conflict(Problem::ExistsAlready {
                what: "item".into(),
                id: item.id.to_string(),
            }));
        }
        upsert(&tx, item)?;
        tx.commit()?;
        Ok(())
    }

    /// Updates an item and returns it as stored, with its revision raised
    /// when its time, venue or status changed.
    pub fn update_item(&mut self, item: &ProgrammeItem) -> Result<ProgrammeItem> {
        item.validate()?;
        let tx = self.begin()?;
        let old = get(&tx, item.id)?.ok_or_else(|| StoreError::NotFound {
            what: "programme item",
            key: item.id.to_string(),
        })?;
        if old.visit_id != item.visit_id {
            return Err(Invalid::one("visit_id", dplan_core::Problem::ItemCannotMoveVisit).into());
        }
        check_references(&tx, item)?;
        let mut stored = item.clone();
        stored.revision = next_revision(&old, item);
        upsert(&tx, &stored)?;
        tx.commit()?;
        Ok(stored)
    }

    pub fn get_item(&self, id: ItemId) -> Result<ProgrammeItem> {
        get(self.db(), id)?.ok_or_else(|| StoreError::NotFound {
            what: "programme item",
            key: id.to_string(),
        })
    }

    /// The visit's programme in time order.
    pub fn list_programme(&self, visit: VisitId) -> Result<Vec<ProgrammeItem>> {
        list(self.db(), visit)
    }

    pub fn delete_item(&mut self, id: ItemId) -> Result<()> {
        let tx = self.begin()?;
        delete(&tx, id)?;
        tx.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::testing::on_both;

    #[test]
    fn a_programme_reads_back_whole_and_in_time_order_on_both_backends() {
        on_both(|backend, db| {
            let file = &dplan_core::demo::visits(dplan_core::demo::stamp())[0];
            crate::visit::upsert(db, &file.visit).unwrap();
            for p in &file.persons {
                crate::person::upsert(db, p).unwrap();
            }
            for v in &file.venues {
                crate::venue::upsert(db, v).unwrap();
            }
            for p in &file.participants {
                crate::participant::upsert(db, p).unwrap();
            }
            for item in &file.programme {
                check_references(db, item).unwrap();
                upsert(db, item).unwrap();
            }
            let listed = list(db, file.visit.id).unwrap();
            assert_eq!(listed.len(), file.programme.len(), "{backend}");
            for item in &file.programme {
                let stored = listed.iter().find(|i| i.id == item.id).unwrap();
                assert_eq!(stored, item, "{backend}");
                assert_eq!(get(db, item.id).unwrap().as_ref(), Some(item), "{backend}");
            }
            let starts: Vec<_> = listed
                .iter()
                .map(|i| i.schedule.utc_span().map(|s| s.0))
                .collect();
            let mut timed: Vec<_> = starts.iter().flatten().collect();
            let before = timed.clone();
            timed.sort();
            assert_eq!(before, timed, "{backend}: in time order");
            // Someone who does not take part cannot be named.
            let mut stranger = file.programme[0].clone();
            stranger.attendees.push(PersonId::derived("stranger"));
            assert!(
                matches!(check_references(db, &stranger), Err(StoreError::Invalid(_))),
                "{backend}"
            );
            // Deleted with its people.
            let gone = listed.iter().find(|i| !i.attendees.is_empty()).unwrap().id;
            delete(db, gone).unwrap();
            assert_eq!(get(db, gone).unwrap(), None, "{backend}");
            let left = db
                .first_row(
                    "SELECT count(*) AS n FROM item_person WHERE item_id = :i",
                    &[(":i", gone.to_string().into())],
                )
                .unwrap()
                .unwrap();
            assert_eq!(left.get::<i64>("n").unwrap(), 0, "{backend}");
            assert!(
                matches!(delete(db, gone), Err(StoreError::NotFound { .. })),
                "{backend}"
            );
        });
    }
}
