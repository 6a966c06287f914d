use dplan_core::{Problem, Texts, Venue, VenueId};

use crate::sql::{Row, Sql};
use crate::{Result, Store, StoreError};

const COLUMNS: &str =
    "id, name_de, name_en, name_zh, address, address_zh, room, room_en, room_zh, time_zone";

fn from_row(row: &Row) -> Result<Venue> {
    Ok(Venue {
        id: row.parse("id")?,
        name: row.texts("name")?,
        address: row.get("address")?,
        address_zh: row.get("address_zh")?,
        // `room` is the German room, from before rooms were translated.
        room: Texts {
            de: row.get("room")?,
            en: row.get("room_en")?,
            zh: row.get("room_zh")?,
        },
        time_zone: row.parse("time_zone")?,
    })
}

pub(crate) fn upsert(db: &dyn Sql, v: &Venue) -> Result<()> {
    db.exec(
        "INSERT INTO venue (id, name_de, name_en, name_zh, address, address_zh,
                            room, room_en, room_zh, time_zone)
         VALUES (:id, :name_de, :name_en, :name_zh, :address, :address_zh,
                 :room, :room_en, :room_zh, :time_zone)
         ON CONFLICT (id) DO UPDATE SET
            name_de = excluded.name_de, name_en = excluded.name_en, name_zh = excluded.name_zh,
            address = excluded.address, address_zh = excluded.address_zh,
            room = excluded.room, room_en = excluded.room_en, room_zh = excluded.room_zh,
            time_zone = excluded.time_zone",
        &[
            (":id", v.id.to_string().into()),
            (":name_de", v.name.de.clone().into()),
            (":name_en", v.name.en.clone().into()),
            (":name_zh", v.name.zh.clone().into()),
            (":address", v.address.clone().into()),
            (":address_zh", v.address_zh.clone().into()),
            (":room", v.room.de.clone().into()),
            (":room_en", v.room.en.clone().into()),
            (":room_zh", v.room.zh.clone().into()),
            (":time_zone", v.time_zone.name().into()),
        ],
    )?;
    Ok(())
}

pub(crate) fn get(db: &dyn Sql, id: VenueId) -> Result<Option<Venue>> {
    db.first_row(
        &format!("SELECT {COLUMNS} FROM venue WHERE id = :id"),
        &[(":id", id.to_string().into())],
    )?
    .map(|r| from_row(&r))
    .transpose()
}

/// The venues a visit's programme uses, in no particular order, in one
/// query.
pub(crate) fn of_visit(db: &dyn Sql, visit: dplan_core::VisitId) -> Result<Vec<Venue>> {
    db.rows(
        &format!(
            "SELECT {COLUMNS} FROM venue
             WHERE id IN (SELECT venue_id FROM programme_item WHERE visit_id = :visit)"
        ),
        &[(":visit", visit.to_string().into())],
    )?
    .iter()
    .map(from_row)
    .collect()
}

fn list(db: &dyn Sql) -> Result<Vec<Venue>> {
    db.rows(
        &format!("SELECT {COLUMNS} FROM venue ORDER BY name_de NULLS FIRST, room NULLS FIRST, id"),
        &[],
    )?
    .iter()
    .map(from_row)
    .collect()
}

/// Deletes a venue that no programme item uses.
fn delete(db: &dyn Sql, id: VenueId) -> Result<()> {
    let used: i64 = db
        .first_row(
            "SELECT count(*) AS n FROM programme_item WHERE venue_id = :id",
            &[(":id", id.to_string().into())],
        )?
        .map_or(Ok(0), |r| r.get("n"))?;
    if used > 0 {
        return Err(StoreError::Conflict(Problem::VenueInUse {
            items: used as usize,
        }));
    }
    let n = db.exec(
        "DELETE FROM venue WHERE id = :id",
        &[(":id", id.to_string().into())],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound {
            what: "venue",
            key: id.to_string(),
        });
    }
    Ok(())
}

impl Store {
    pub fn insert_venue(&mut self, venue: &Venue) -> Result<()> {
        venue.validate()?;
        let tx = self.begin()?;
        if get(&tx, venue.id)?.is_some() {
            return Err(StoreError::Conflict(Problem::ExistsAlready {
                what: "venue".into(),
                id: venue.id.to_string(),
            }));
        }
        upsert(&tx, venue)?;
        tx.commit()
    }

    pub fn update_venue(&mut self, venue: &Venue) -> Result<()> {
        venue.validate()?;
        let tx = self.begin()?;
        if get(&tx, venue.id)?.is_none() {
            return Err(StoreError::NotFound {
                what: "venue",
                key: venue.id.to_string(),
            });
        }
        upsert(&tx, venue)?;
        tx.commit()
    }

    pub fn get_venue(&self, id: VenueId) -> Result<Venue> {
        get(self.db(), id)?.ok_or_else(|| StoreError::NotFound {
            what: "venue",
            key: id.to_string(),
        })
    }

    pub fn list_venues(&self) -> Result<Vec<Venue>> {
        list(self.db())
    }

    /// A venue by full id or a unique beginning of it.
    pub fn resolve_venue(&self, key: &str) -> Result<VenueId> {
        crate::visit::resolve(self.db(), "venue", "venue", key)
    }

    /// Deletes a venue that no programme item uses.
    pub fn delete_venue(&mut self, id: VenueId) -> Result<()> {
        let tx = self.begin()?;
        delete(&tx, id)?;
        tx.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::testing::on_both;

    fn venue(name: &str) -> Venue {
        Venue {
            id: VenueId::random(),
            name: Texts::all(name, "Town hall", "市政厅"),
            address: "Friedrich-Ebert-Platz 2, 44623 Herne".into(),
            address_zh: Some("赫尔内市".into()),
            room: Texts::de("Ratssaal"),
            time_zone: "Europe/Berlin".parse().unwrap(),
        }
    }

    #[test]
    fn venues_round_trip_and_one_in_use_stays_on_both_backends() {
        on_both(|backend, db| {
            let (a, b) = (venue("Rathaus"), venue("Akademie Mont-Cenis"));
            // Named in Chinese only: listed first on both, as SQLite orders NULL.
            let c = Venue {
                name: Texts {
                    zh: Some("泸州港".into()),
                    ..Texts::default()
                },
                ..venue("")
            };
            upsert(db, &c).unwrap();
            upsert(db, &a).unwrap();
            upsert(db, &b).unwrap();
            assert_eq!(get(db, a.id).unwrap().as_ref(), Some(&a), "{backend}");
            let mut changed = a.clone();
            changed.room = Texts::all("Ratssaal", "Council chamber", "议事厅");
            changed.address_zh = None;
            upsert(db, &changed).unwrap();
            assert_eq!(list(db).unwrap(), [c, b.clone(), changed], "{backend}");
            db.exec(
                "INSERT INTO visit (id, direction, partner_city, first_day, last_day, time_zone, status)
                 VALUES ('v', 'incoming', 'Luzhou', '2027-03-24', '2027-03-28', 'Europe/Berlin', 'planning')",
                &[],
            )
            .unwrap();
            db.exec(
                "INSERT INTO programme_item (id, visit_id, kind, all_day, first_day, last_day, sort_key, venue_id, status)
                 VALUES ('i', 'v', 'visit', 1, '2027-03-24', '2027-03-24', 'k', :venue, 'confirmed')",
                &[(":venue", b.id.to_string().into())],
            )
            .unwrap();
            let err = delete(db, b.id).unwrap_err();
            assert!(
                matches!(err, StoreError::Conflict(Problem::VenueInUse { items: 1 })),
                "{backend}: {err}"
            );
            delete(db, a.id).unwrap();
            assert_eq!(get(db, a.id).unwrap(), None, "{backend}");
            assert!(
                matches!(delete(db, a.id), Err(StoreError::NotFound { .. })),
                "{backend}"
            );
        });
    }
}
