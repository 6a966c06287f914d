use dplan_core::{Problem, Texts, Venue, VenueId};
use rusqlite::{Connection, OptionalExtension, Row, named_params};

use crate::{
    Result, Store, StoreError,
    codec::{parse, texts, zone},
};

const COLUMNS: &str =
    "id, name_de, name_en, name_zh, address, address_zh, room, room_en, room_zh, time_zone";

fn from_row(row: &Row) -> rusqlite::Result<Venue> {
    Ok(Venue {
        id: parse(row, "id")?,
        name: texts(row, "name")?,
        address: row.get("address")?,
        address_zh: row.get("address_zh")?,
        // `room` is the German room, from before rooms were translated.
        room: Texts {
            de: row.get("room")?,
            en: row.get("room_en")?,
            zh: row.get("room_zh")?,
        },
        time_zone: zone(row, "time_zone")?,
    })
}

pub(crate) fn upsert(conn: &Connection, v: &Venue) -> Result<()> {
    crate::codec::exec(
        conn,
        "INSERT INTO venue (id, name_de, name_en, name_zh, address, address_zh,
                            room, room_en, room_zh, time_zone)
         VALUES (:id, :name_de, :name_en, :name_zh, :address, :address_zh,
                 :room, :room_en, :room_zh, :time_zone)
         ON CONFLICT (id) DO UPDATE SET
            name_de = excluded.name_de, name_en = excluded.name_en, name_zh = excluded.name_zh,
            address = excluded.address, address_zh = excluded.address_zh,
            room = excluded.room, room_en = excluded.room_en, room_zh = excluded.room_zh,
            time_zone = excluded.time_zone",
        named_params! {
            ":id": v.id.to_string(),
            ":name_de": v.name.de, ":name_en": v.name.en, ":name_zh": v.name.zh,
            ":address": v.address,
            ":address_zh": v.address_zh,
            ":room": v.room.de, ":room_en": v.room.en, ":room_zh": v.room.zh,
            ":time_zone": v.time_zone.name(),
        },
    )?;
    Ok(())
}

pub(crate) fn get(conn: &Connection, id: VenueId) -> Result<Option<Venue>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM venue WHERE id = ?1"),
            [id.to_string()],
            from_row,
        )
        .optional()?)
}

impl Store {
    pub fn insert_venue(&mut self, venue: &Venue) -> Result<()> {
        venue.validate()?;
        if get(&self.conn, venue.id)?.is_some() {
            return Err(StoreError::Conflict(Problem::ExistsAlready {
                what: "venue".into(),
                id: venue.id.to_string(),
            }));
        }
        upsert(&self.conn, venue)
    }

    pub fn update_venue(&mut self, venue: &Venue) -> Result<()> {
        venue.validate()?;
        if get(&self.conn, venue.id)?.is_none() {
            return Err(StoreError::NotFound {
                what: "venue",
                key: venue.id.to_string(),
            });
        }
        upsert(&self.conn, venue)
    }

    pub fn get_venue(&self, id: VenueId) -> Result<Venue> {
        get(&self.conn, id)?.ok_or_else(|| StoreError::NotFound {
            what: "venue",
            key: id.to_string(),
        })
    }

    pub fn list_venues(&self) -> Result<Vec<Venue>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM venue ORDER BY name_de, room"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A venue by full id or a unique beginning of it.
    pub fn resolve_venue(&self, key: &str) -> Result<VenueId> {
        crate::visit::resolve(&self.conn, "venue", "venue", key)
    }

    /// Deletes a venue that no programme item uses.
    pub fn delete_venue(&mut self, id: VenueId) -> Result<()> {
        let used: i64 = self.conn.query_row(
            "SELECT count(*) FROM programme_item WHERE venue_id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )?;
        if used > 0 {
            return Err(StoreError::Conflict(Problem::VenueInUse {
                items: used as usize,
            }));
        }
        let n = self
            .conn
            .execute("DELETE FROM venue WHERE id = ?1", [id.to_string()])?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "venue",
                key: id.to_string(),
            });
        }
        Ok(())
    }
}
