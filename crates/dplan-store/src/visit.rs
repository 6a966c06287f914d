use dplan_core::{Problem, Visit, VisitId};
use rusqlite::{Connection, OptionalExtension, Row, named_params};

use crate::{
    Result, Store, StoreError,
    codec::{
        code, date, day_text, decode, json, json_list, list_json, parse, texts, to_json, zone,
    },
};

const COLUMNS: &str = "id, title_de, title_en, title_zh, direction, partner_city, first_day, \
                       last_day, time_zone, status, hosts, notes, guest_notes_de, \
                       guest_notes_en, guest_notes_zh, contacts";

fn from_row(row: &Row) -> rusqlite::Result<Visit> {
    Ok(Visit {
        id: parse(row, "id")?,
        title: texts(row, "title")?,
        direction: decode(row, "direction")?,
        partner_city: row.get("partner_city")?,
        first_day: date(row, "first_day")?,
        last_day: date(row, "last_day")?,
        time_zone: zone(row, "time_zone")?,
        status: decode(row, "status")?,
        hosts: json_list(row, "hosts")?,
        notes: row.get("notes")?,
        guest_notes: texts(row, "guest_notes")?,
        contacts: json(row, "contacts")?,
    })
}

/// Writes a visit row (insert or replace in place). The caller validated it.
pub(crate) fn upsert(conn: &Connection, v: &Visit) -> Result<()> {
    crate::codec::exec(
        conn,
        "INSERT INTO visit (id, title_de, title_en, title_zh, direction, partner_city, first_day,
                            last_day, time_zone, status, hosts, notes,
                            guest_notes_de, guest_notes_en, guest_notes_zh, contacts)
         VALUES (:id, :title_de, :title_en, :title_zh, :direction, :partner_city, :first_day,
                 :last_day, :time_zone, :status, :hosts, :notes,
                 :gn_de, :gn_en, :gn_zh, :contacts)
         ON CONFLICT (id) DO UPDATE SET
            title_de = excluded.title_de, title_en = excluded.title_en, title_zh = excluded.title_zh,
            direction = excluded.direction, partner_city = excluded.partner_city,
            first_day = excluded.first_day, last_day = excluded.last_day,
            time_zone = excluded.time_zone, status = excluded.status,
            hosts = excluded.hosts, notes = excluded.notes,
            guest_notes_de = excluded.guest_notes_de, guest_notes_en = excluded.guest_notes_en,
            guest_notes_zh = excluded.guest_notes_zh, contacts = excluded.contacts",
        named_params! {
            ":id": v.id.to_string(),
            ":title_de": v.title.de, ":title_en": v.title.en, ":title_zh": v.title.zh,
            ":direction": code(&v.direction),
            ":partner_city": v.partner_city,
            ":first_day": day_text(v.first_day),
            ":last_day": day_text(v.last_day),
            ":time_zone": v.time_zone.name(),
            ":status": code(&v.status),
            ":hosts": list_json(&v.hosts),
            ":notes": v.notes,
            ":gn_de": v.guest_notes.de, ":gn_en": v.guest_notes.en, ":gn_zh": v.guest_notes.zh,
            ":contacts": to_json(&v.contacts),
        },
    )?;
    Ok(())
}

pub(crate) fn get(conn: &Connection, id: VisitId) -> Result<Option<Visit>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM visit WHERE id = ?1"),
            [id.to_string()],
            from_row,
        )
        .optional()?)
}

/// Finds the one id in `table` that equals `key` or starts with it, so that
/// people can type the first characters of an id as they do with git.
pub(crate) fn resolve<T>(
    conn: &Connection,
    table: &'static str,
    what: &'static str,
    key: &str,
) -> Result<T>
where
    T: Copy + std::fmt::Display + std::str::FromStr,
    T::Err: std::fmt::Display,
{
    if let Ok(id) = key.trim().parse::<T>() {
        return Ok(id);
    }
    // Only the beginning of an id can match: anything longer than an id or
    // with other characters than its hex digits and hyphens (a `%` or `_`
    // would be a LIKE wildcard; 100,000 characters are "too complex" for
    // SQLite) is no id of ours.
    let plausible = key.trim().len() <= 36
        && key
            .trim()
            .chars()
            .all(|c| c.is_ascii_hexdigit() || c == '-');
    if !plausible {
        return Err(StoreError::NotFound {
            what,
            key: key.to_string(),
        });
    }
    let mut stmt = conn.prepare(&format!("SELECT id FROM {table} WHERE id LIKE ?1 || '%'"))?;
    let ids = stmt
        .query_map([key.trim().to_ascii_lowercase()], |r| parse::<T>(r, "id"))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    resolve_key(what, key, ids)
}

fn resolve_key<T: Copy + std::fmt::Display>(
    what: &'static str,
    key: &str,
    ids: impl IntoIterator<Item = T>,
) -> Result<T> {
    let key_lower = key.trim().to_ascii_lowercase();
    if key_lower.is_empty() {
        return Err(StoreError::NotFound {
            what,
            key: key.to_string(),
        });
    }
    let matches: Vec<T> = ids
        .into_iter()
        .filter(|id| id.to_string().starts_with(&key_lower))
        .collect();
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(StoreError::NotFound {
            what,
            key: key.to_string(),
        }),
        many => Err(StoreError::AmbiguousKey {
            what,
            key: key.to_string(),
            candidates: many
                .iter()
                .take(5)
                .map(|m| m.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

impl Store {
    pub fn insert_visit(&mut self, visit: &Visit) -> Result<()> {
        visit.validate()?;
        if get(&self.conn, visit.id)?.is_some() {
            return Err(StoreError::Conflict(Problem::ExistsAlready {
                what: "visit".into(),
                id: visit.id.to_string(),
            }));
        }
        upsert(&self.conn, visit)
    }

    pub fn update_visit(&mut self, visit: &Visit) -> Result<()> {
        visit.validate()?;
        if get(&self.conn, visit.id)?.is_none() {
            return Err(StoreError::NotFound {
                what: "visit",
                key: visit.id.to_string(),
            });
        }
        upsert(&self.conn, visit)
    }

    pub fn get_visit(&self, id: VisitId) -> Result<Visit> {
        get(&self.conn, id)?.ok_or_else(|| StoreError::NotFound {
            what: "visit",
            key: id.to_string(),
        })
    }

    /// All visits, latest first.
    pub fn list_visits(&self) -> Result<Vec<Visit>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM visit ORDER BY first_day DESC, title_de"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Deletes a visit with its participants and programme (persons and
    /// venues stay in the address book).
    pub fn delete_visit(&mut self, id: VisitId) -> Result<()> {
        // Its calendars on a server or in a web folder would stay there,
        // out of reach once the visit is gone: withdrawn first.
        let published: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM caldav_collection WHERE visit_id = ?1)
                 OR EXISTS (SELECT 1 FROM feed_token
                            WHERE visit_id = ?1 AND revoked_at IS NULL)",
            [id.to_string()],
            |r| r.get(0),
        )?;
        if published {
            return Err(StoreError::Conflict(
                dplan_core::Problem::VisitCalendarsPublished,
            ));
        }
        let n = self
            .conn
            .execute("DELETE FROM visit WHERE id = ?1", [id.to_string()])?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "visit",
                key: id.to_string(),
            });
        }
        Ok(())
    }

    /// A visit by its full id or a unique beginning of it.
    pub fn resolve_visit(&self, key: &str) -> Result<VisitId> {
        resolve(&self.conn, "visit", "visit", key)
    }
}
