use std::collections::{HashMap, HashSet};

use dplan_core::{Invalid, ItemId, PersonId, Problem, ProgrammeItem, Schedule, VisitId};
use rusqlite::{Connection, OptionalExtension, Row, named_params};

use crate::{
    Result, Store, StoreError,
    codec::{
        code, date, day_text, decode, opt_parse, parse, texts, utc_text, zoned, zoned_columns,
    },
};

const COLUMNS: &str = "id, visit_id, title_de, title_en, title_zh, kind, all_day, \
     start_local, start_zone, start_occurrence, end_local, end_zone, end_occurrence, \
     first_day, last_day, venue_id, notes, guest_notes_de, guest_notes_en, guest_notes_zh, \
     dress_code_de, dress_code_en, dress_code_zh, transport, status, revision";

fn from_row(row: &Row) -> rusqlite::Result<ProgrammeItem> {
    let all_day: bool = row.get("all_day")?;
    let schedule = if all_day {
        Schedule::AllDay {
            first_day: date(row, "first_day")?,
            last_day: date(row, "last_day")?,
        }
    } else {
        let missing = || {
            rusqlite::Error::InvalidColumnType(0, "start_local".into(), rusqlite::types::Type::Null)
        };
        Schedule::Timed {
            start: zoned(row, "start")?.ok_or_else(missing)?,
            end: zoned(row, "end")?.ok_or_else(missing)?,
        }
    };
    Ok(ProgrammeItem {
        id: parse(row, "id")?,
        visit_id: parse(row, "visit_id")?,
        title: texts(row, "title")?,
        kind: decode(row, "kind")?,
        schedule,
        venue_id: opt_parse(row, "venue_id")?,
        attendees: vec![],
        responsible: vec![],
        notes: row.get("notes")?,
        guest_notes: texts(row, "guest_notes")?,
        dress_code: texts(row, "dress_code")?,
        transport: row.get("transport")?,
        status: decode(row, "status")?,
        revision: row.get("revision")?,
    })
}

/// Writes an item and its people. The caller validated it and checked its
/// references; `revision` is written as given.
pub(crate) fn upsert(conn: &Connection, item: &ProgrammeItem) -> Result<()> {
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
    crate::codec::exec(
        conn,
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
        named_params! {
            ":id": item.id.to_string(),
            ":visit_id": item.visit_id.to_string(),
            ":title_de": item.title.de, ":title_en": item.title.en, ":title_zh": item.title.zh,
            ":kind": code(&item.kind),
            ":all_day": matches!(item.schedule, Schedule::AllDay { .. }),
            ":s_local": s_local, ":s_zone": s_zone, ":s_occ": s_occ,
            ":e_local": e_local, ":e_zone": e_zone, ":e_occ": e_occ,
            ":first_day": first_day.map(day_text),
            ":last_day": last_day.map(day_text),
            ":start_utc": span.map(|(s, _)| utc_text(&s)),
            ":end_utc": span.map(|(_, e)| utc_text(&e)),
            ":sort_key": sort_key,
            ":venue_id": item.venue_id.map(|v| v.to_string()),
            ":notes": item.notes,
            ":gn_de": item.guest_notes.de, ":gn_en": item.guest_notes.en, ":gn_zh": item.guest_notes.zh,
            ":dc_de": item.dress_code.de, ":dc_en": item.dress_code.en, ":dc_zh": item.dress_code.zh,
            ":transport": item.transport,
            ":status": code(&item.status),
            ":revision": item.revision,
        },
    )?;
    crate::codec::exec(
        conn,
        "DELETE FROM item_person WHERE item_id = ?1",
        [item.id.to_string()],
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO item_person (item_id, person_id, duty, position) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (duty, ids) in [
        ("attendee", &item.attendees),
        ("responsible", &item.responsible),
    ] {
        for (pos, id) in ids.iter().enumerate() {
            stmt.execute(rusqlite::params![
                item.id.to_string(),
                id.to_string(),
                duty,
                pos as i64
            ])?;
        }
    }
    Ok(())
}

/// Checks what the item refers to: its visit, its venue, and that everyone
/// it names takes part in the visit.
fn check_references(conn: &Connection, item: &ProgrammeItem) -> Result<()> {
    crate::visit::get(conn, item.visit_id)?.ok_or_else(|| StoreError::NotFound {
        what: "visit",
        key: item.visit_id.to_string(),
    })?;
    let mut errors = Vec::new();
    if let Some(v) = item.venue_id
        && crate::venue::get(conn, v)?.is_none()
    {
        errors.push(Invalid::one(
            "venue_id",
            dplan_core::Problem::NoSuchVenue { id: v.to_string() },
        ));
    }
    let participants: HashSet<PersonId> = crate::participant::list(conn, item.visit_id)?
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

fn load_people(conn: &Connection, visit: VisitId, items: &mut [ProgrammeItem]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT ip.item_id, ip.person_id, ip.duty FROM item_person ip
         JOIN programme_item pi ON pi.id = ip.item_id
         WHERE pi.visit_id = ?1 ORDER BY ip.item_id, ip.duty, ip.position",
    )?;
    let mut by_item: HashMap<ItemId, (Vec<PersonId>, Vec<PersonId>)> = HashMap::new();
    let rows = stmt.query_map([visit.to_string()], |r| {
        Ok((
            parse::<ItemId>(r, "item_id")?,
            parse::<PersonId>(r, "person_id")?,
            r.get::<_, String>("duty")?,
        ))
    })?;
    for row in rows {
        let (item, person, duty) = row?;
        let entry = by_item.entry(item).or_default();
        if duty == "responsible" {
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

pub(crate) fn get(conn: &Connection, id: ItemId) -> Result<Option<ProgrammeItem>> {
    let item = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM programme_item WHERE id = ?1"),
            [id.to_string()],
            from_row,
        )
        .optional()?;
    let Some(item) = item else { return Ok(None) };
    let mut items = [item];
    load_people(conn, items[0].visit_id, &mut items)?;
    let [item] = items;
    Ok(Some(item))
}

pub(crate) fn list(conn: &Connection, visit: VisitId) -> Result<Vec<ProgrammeItem>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM programme_item WHERE visit_id = ?1 ORDER BY sort_key, all_day DESC, id"
    ))?;
    let mut items = stmt
        .query_map([visit.to_string()], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    load_people(conn, visit, &mut items)?;
    Ok(items)
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
        let tx = self.conn.transaction()?;
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
        let tx = self.conn.transaction()?;
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
        get(&self.conn, id)?.ok_or_else(|| StoreError::NotFound {
            what: "programme item",
            key: id.to_string(),
        })
    }

    /// The visit's programme in time order.
    pub fn list_programme(&self, visit: VisitId) -> Result<Vec<ProgrammeItem>> {
        list(&self.conn, visit)
    }

    pub fn delete_item(&mut self, id: ItemId) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM programme_item WHERE id = ?1", [id.to_string()])?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "programme item",
                key: id.to_string(),
            });
        }
        Ok(())
    }
}
