use dplan_core::{Problem, Visit, VisitId};

use crate::sql::{Row, Sql};
use crate::{
    Result, Store, StoreError,
    codec::{code, day_text, list_json, to_json},
};

const COLUMNS: &str = "id, title_de, title_en, title_zh, direction, partner_city, first_day, \
                       last_day, time_zone, status, hosts, notes, guest_notes_de, \
                       guest_notes_en, guest_notes_zh, contacts";

fn from_row(row: &Row) -> Result<Visit> {
    Ok(Visit {
        id: row.parse("id")?,
        title: row.texts("title")?,
        direction: row.decode("direction")?,
        partner_city: row.get("partner_city")?,
        first_day: row.parse("first_day")?,
        last_day: row.parse("last_day")?,
        time_zone: row.parse("time_zone")?,
        status: row.decode("status")?,
        hosts: row.json("hosts")?,
        notes: row.get("notes")?,
        guest_notes: row.texts("guest_notes")?,
        contacts: row.json("contacts")?,
    })
}

/// Writes a visit row (insert or replace in place). The caller validated it.
pub(crate) fn upsert(db: &dyn Sql, v: &Visit) -> Result<()> {
    db.exec(
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
        &[
            (":id", v.id.to_string().into()),
            (":title_de", v.title.de.clone().into()),
            (":title_en", v.title.en.clone().into()),
            (":title_zh", v.title.zh.clone().into()),
            (":direction", code(&v.direction).into()),
            (":partner_city", v.partner_city.clone().into()),
            (":first_day", day_text(v.first_day).into()),
            (":last_day", day_text(v.last_day).into()),
            (":time_zone", v.time_zone.name().into()),
            (":status", code(&v.status).into()),
            (":hosts", list_json(&v.hosts).into()),
            (":notes", v.notes.clone().into()),
            (":gn_de", v.guest_notes.de.clone().into()),
            (":gn_en", v.guest_notes.en.clone().into()),
            (":gn_zh", v.guest_notes.zh.clone().into()),
            (":contacts", to_json(&v.contacts).into()),
        ],
    )?;
    Ok(())
}

pub(crate) fn get(db: &dyn Sql, id: VisitId) -> Result<Option<Visit>> {
    db.first_row(
        &format!("SELECT {COLUMNS} FROM visit WHERE id = :id"),
        &[(":id", id.to_string().into())],
    )?
    .map(|r| from_row(&r))
    .transpose()
}

/// All visits, latest first.
fn list(db: &dyn Sql) -> Result<Vec<Visit>> {
    db.rows(
        &format!("SELECT {COLUMNS} FROM visit ORDER BY first_day DESC, title_de NULLS FIRST, id"),
        &[],
    )?
    .iter()
    .map(from_row)
    .collect()
}

/// Deletes a visit with its participants and programme (persons and
/// venues stay in the address book); refused while its calendars are
/// published.
fn delete(db: &dyn Sql, id: VisitId) -> Result<()> {
    // Its calendars on a server or in a web folder would stay there,
    // out of reach once the visit is gone: withdrawn first.
    let published: bool = db
        .first_row(
            "SELECT (EXISTS (SELECT 1 FROM caldav_collection WHERE visit_id = :id)
                  OR EXISTS (SELECT 1 FROM feed_token
                             WHERE visit_id = :id AND revoked_at IS NULL)) AS published",
            &[(":id", id.to_string().into())],
        )?
        .map_or(Ok(false), |r| r.get("published"))?;
    if published {
        return Err(StoreError::Conflict(Problem::VisitCalendarsPublished));
    }
    let n = db.exec(
        "DELETE FROM visit WHERE id = :id",
        &[(":id", id.to_string().into())],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound {
            what: "visit",
            key: id.to_string(),
        });
    }
    Ok(())
}

/// Finds the one id in `table` that equals `key` or starts with it, so that
/// people can type the first characters of an id as they do with git.
pub(crate) fn resolve<T>(
    db: &dyn Sql,
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
    // Ids are lower case; LIKE ignores case in SQLite only, so the key is
    // lowered here for both.
    let ids = db
        .rows(
            &format!("SELECT id FROM {table} WHERE id LIKE :key || '%'"),
            &[(":key", key.trim().to_ascii_lowercase().into())],
        )?
        .iter()
        .map(|r| r.parse::<T>("id"))
        .collect::<Result<Vec<_>>>()?;
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
        let tx = self.begin()?;
        if get(&tx, visit.id)?.is_some() {
            return Err(StoreError::Conflict(Problem::ExistsAlready {
                what: "visit".into(),
                id: visit.id.to_string(),
            }));
        }
        upsert(&tx, visit)?;
        tx.commit()
    }

    pub fn update_visit(&mut self, visit: &Visit) -> Result<()> {
        visit.validate()?;
        let tx = self.begin()?;
        if get(&tx, visit.id)?.is_none() {
            return Err(StoreError::NotFound {
                what: "visit",
                key: visit.id.to_string(),
            });
        }
        upsert(&tx, visit)?;
        tx.commit()
    }

    pub fn get_visit(&self, id: VisitId) -> Result<Visit> {
        get(self.db(), id)?.ok_or_else(|| StoreError::NotFound {
            what: "visit",
            key: id.to_string(),
        })
    }

    /// All visits, latest first.
    pub fn list_visits(&self) -> Result<Vec<Visit>> {
        list(self.db())
    }

    /// Deletes a visit with its participants and programme (persons and
    /// venues stay in the address book).
    pub fn delete_visit(&mut self, id: VisitId) -> Result<()> {
        let tx = self.begin()?;
        delete(&tx, id)?;
        tx.commit()
    }

    /// A visit by its full id or a unique beginning of it.
    pub fn resolve_visit(&self, key: &str) -> Result<VisitId> {
        resolve(self.db(), "visit", "visit", key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::testing::on_both;

    fn visit(id: &str, title: Option<&str>, first: &str) -> Visit {
        let mut v = dplan_core::demo::visits(dplan_core::demo::stamp())[0]
            .visit
            .clone();
        v.id = id.parse().unwrap();
        v.title.de = title.map(str::to_string);
        v.first_day = first.parse().unwrap();
        v.last_day = v.first_day + chrono::Duration::days(3);
        v
    }

    #[test]
    fn visits_round_trip_list_resolve_and_delete_alike_on_both_backends() {
        on_both(|backend, db| {
            let a = visit(
                "aaaa1111-0000-4000-8000-000000000001",
                Some("Besuch aus Luzhou"),
                "2027-03-24",
            );
            let b = visit("aaaa2222-0000-4000-8000-000000000002", None, "2027-03-24");
            let c = visit(
                "bbbb3333-0000-4000-8000-000000000003",
                Some("Reise nach Luzhou"),
                "2027-09-10",
            );
            for v in [&a, &b, &c] {
                upsert(db, v).unwrap();
            }
            assert_eq!(get(db, a.id).unwrap().as_ref(), Some(&a), "{backend}");
            // Latest first; on one day the untitled (German) one first.
            let ids: Vec<VisitId> = list(db).unwrap().iter().map(|v| v.id).collect();
            assert_eq!(ids, [c.id, b.id, a.id], "{backend}");
            // A unique beginning of an id, in any case; an ambiguous one.
            let found: VisitId = resolve(db, "visit", "visit", "BBBB").unwrap();
            assert_eq!(found, c.id, "{backend}");
            let err = resolve::<VisitId>(db, "visit", "visit", "aaaa").unwrap_err();
            assert!(
                matches!(err, StoreError::AmbiguousKey { .. }),
                "{backend}: {err}"
            );
            // Published calendars keep a visit from being deleted.
            db.exec(
                "INSERT INTO feed_token (token, visit_id, feed, issued_at)
                 VALUES ('0123456789abcdef0123', :v, 'visit', '2027-03-01T08:00:00Z')",
                &[(":v", a.id.to_string().into())],
            )
            .unwrap();
            let err = delete(db, a.id).unwrap_err();
            assert!(
                matches!(err, StoreError::Conflict(Problem::VisitCalendarsPublished)),
                "{backend}: {err}"
            );
            delete(db, b.id).unwrap();
            assert!(
                matches!(delete(db, b.id), Err(StoreError::NotFound { .. })),
                "{backend}"
            );
            assert_eq!(list(db).unwrap().len(), 2, "{backend}");
        });
    }
}
