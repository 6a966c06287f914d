use dplan_core::{Invalid, Movement, Participant, Person, PersonId, Problem, Side, VisitId};
use rusqlite::{Connection, OptionalExtension, Row, named_params};

use crate::{
    Result, Store, StoreError,
    codec::{code, decode, parse, zoned, zoned_columns},
};

fn movement(row: &Row, prefix: &str) -> rusqlite::Result<Option<Movement>> {
    Ok(match zoned(row, prefix)? {
        None => None,
        Some(at) => Some(Movement {
            at,
            place: row
                .get::<_, Option<String>>(format!("{prefix}_place").as_str())?
                .unwrap_or_default(),
            transport: row.get(format!("{prefix}_transport").as_str())?,
        }),
    })
}

fn from_row(row: &Row) -> rusqlite::Result<Participant> {
    Ok(Participant {
        visit_id: parse(row, "visit_id")?,
        person_id: parse(row, "person_id")?,
        side: decode(row, "side")?,
        role: decode(row, "role")?,
        precedence: row.get("precedence")?,
        arrival: movement(row, "arrival")?,
        departure: movement(row, "departure")?,
        hotel: row.get("hotel")?,
    })
}

pub(crate) fn upsert(conn: &Connection, p: &Participant) -> Result<()> {
    let (a_local, a_zone, a_occ) = zoned_columns(p.arrival.as_ref().map(|m| &m.at));
    let (d_local, d_zone, d_occ) = zoned_columns(p.departure.as_ref().map(|m| &m.at));
    crate::codec::exec(
        conn,
        "INSERT INTO participant (visit_id, person_id, side, role, precedence,
            arrival_local, arrival_zone, arrival_occurrence, arrival_place, arrival_transport,
            departure_local, departure_zone, departure_occurrence, departure_place, departure_transport,
            hotel)
         VALUES (:visit_id, :person_id, :side, :role, :precedence,
            :a_local, :a_zone, :a_occ, :a_place, :a_transport,
            :d_local, :d_zone, :d_occ, :d_place, :d_transport, :hotel)
         ON CONFLICT (visit_id, person_id) DO UPDATE SET
            side = excluded.side, role = excluded.role, precedence = excluded.precedence,
            arrival_local = excluded.arrival_local, arrival_zone = excluded.arrival_zone,
            arrival_occurrence = excluded.arrival_occurrence, arrival_place = excluded.arrival_place,
            arrival_transport = excluded.arrival_transport,
            departure_local = excluded.departure_local, departure_zone = excluded.departure_zone,
            departure_occurrence = excluded.departure_occurrence,
            departure_place = excluded.departure_place, departure_transport = excluded.departure_transport,
            hotel = excluded.hotel",
        named_params! {
            ":visit_id": p.visit_id.to_string(),
            ":person_id": p.person_id.to_string(),
            ":side": code(&p.side),
            ":role": code(&p.role),
            ":precedence": p.precedence,
            ":a_local": a_local, ":a_zone": a_zone, ":a_occ": a_occ,
            ":a_place": p.arrival.as_ref().map(|m| &m.place),
            ":a_transport": p.arrival.as_ref().and_then(|m| m.transport.as_ref()),
            ":d_local": d_local, ":d_zone": d_zone, ":d_occ": d_occ,
            ":d_place": p.departure.as_ref().map(|m| &m.place),
            ":d_transport": p.departure.as_ref().and_then(|m| m.transport.as_ref()),
            ":hotel": p.hotel,
        },
    )?;
    Ok(())
}

pub(crate) fn list(conn: &Connection, visit: VisitId) -> Result<Vec<Participant>> {
    let mut stmt = conn.prepare(
        "SELECT * FROM participant WHERE visit_id = ?1
         ORDER BY CASE side WHEN 'guest' THEN 0 ELSE 1 END, precedence, person_id",
    )?;
    let rows = stmt.query_map([visit.to_string()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds a participant to their side's order of precedence by role: a head
/// of delegation after the heads already there, anyone else at the end
/// ([`dplan_core::merge_precedence`]); the precedence `p` carries is not
/// used. The side is renumbered without gaps.
fn join(conn: &Connection, p: &Participant) -> Result<()> {
    let before: Vec<(PersonId, dplan_core::Role)> = list(conn, p.visit_id)?
        .into_iter()
        .filter(|q| q.side == p.side)
        .map(|q| (q.person_id, q.role))
        .collect();
    upsert(conn, p)?;
    let order = dplan_core::merge_precedence(&before, &[(p.person_id, p.role, None)]);
    renumber(conn, p.visit_id, &order)
}

/// Numbers the participants in `order` 1, 2, 3 … in the visit's order of
/// precedence (one side's participants, first first).
pub(crate) fn renumber(conn: &Connection, visit: VisitId, order: &[PersonId]) -> Result<()> {
    let mut stmt = conn
        .prepare("UPDATE participant SET precedence = ?3 WHERE visit_id = ?1 AND person_id = ?2")?;
    for (i, person) in order.iter().enumerate() {
        stmt.execute(rusqlite::params![
            visit.to_string(),
            person.to_string(),
            i as i64 + 1
        ])?;
    }
    Ok(())
}

fn get(conn: &Connection, visit: VisitId, person: PersonId) -> Result<Option<Participant>> {
    Ok(conn
        .query_row(
            "SELECT * FROM participant WHERE visit_id = ?1 AND person_id = ?2",
            [visit.to_string(), person.to_string()],
            from_row,
        )
        .optional()?)
}

impl Store {
    /// Adds a person to a visit.
    pub fn insert_participant(&mut self, p: &Participant) -> Result<()> {
        p.validate()?;
        let tx = self.conn.transaction()?;
        crate::visit::get(&tx, p.visit_id)?.ok_or_else(|| StoreError::NotFound {
            what: "visit",
            key: p.visit_id.to_string(),
        })?;
        if crate::person::get(&tx, p.person_id)?.is_none() {
            return Err(Invalid::one(
                "person_id",
                dplan_core::Problem::NoSuchPerson {
                    id: p.person_id.to_string(),
                },
            )
            .into());
        }
        if get(&tx, p.visit_id, p.person_id)?.is_some() {
            return Err(StoreError::Conflict(Problem::AlreadyTakesPart));
        }
        join(&tx, p)?;
        tx.commit()?;
        Ok(())
    }

    /// Adds a new person to the address book and to a visit, both or neither.
    pub fn insert_participant_with_person(
        &mut self,
        person: &Person,
        p: &Participant,
    ) -> Result<()> {
        let mut errors = Vec::new();
        for result in [person.validate(), p.validate()] {
            if let Err(inv) = result {
                errors.extend(inv.errors);
            }
        }
        if p.person_id != person.id {
            errors.push(dplan_core::FieldError::new(
                "person_id",
                dplan_core::Problem::PersonMismatch,
            ));
        }
        if !errors.is_empty() {
            return Err(Invalid { errors }.into());
        }
        let tx = self.conn.transaction()?;
        crate::visit::get(&tx, p.visit_id)?.ok_or_else(|| StoreError::NotFound {
            what: "visit",
            key: p.visit_id.to_string(),
        })?;
        if crate::person::get(&tx, person.id)?.is_some() {
            return Err(StoreError::Conflict(Problem::ExistsAlready {
                what: "person".into(),
                id: person.id.to_string(),
            }));
        }
        crate::person::upsert(&tx, person)?;
        join(&tx, p)?;
        tx.commit()?;
        Ok(())
    }

    pub fn update_participant(&mut self, p: &Participant) -> Result<()> {
        p.validate()?;
        let tx = self.conn.transaction()?;
        if get(&tx, p.visit_id, p.person_id)?.is_none() {
            return Err(StoreError::NotFound {
                what: "participant",
                key: format!("{} in visit {}", p.person_id, p.visit_id),
            });
        }
        upsert(&tx, p)?;
        tx.commit()?;
        Ok(())
    }

    /// The visit's participants: guests, then hosts, each in order of precedence.
    pub fn list_participants(&self, visit: VisitId) -> Result<Vec<Participant>> {
        list(&self.conn, visit)
    }

    /// Sets one side's order of precedence: `order` lists every participant
    /// of that side, first first. All or nothing.
    pub fn reorder_participants(
        &mut self,
        visit: VisitId,
        side: Side,
        order: &[PersonId],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let current: Vec<PersonId> = list(&tx, visit)?
            .into_iter()
            .filter(|p| p.side == side)
            .map(|p| p.person_id)
            .collect();
        let mut a = current.clone();
        let mut b = order.to_vec();
        a.sort();
        b.sort();
        if a != b {
            return Err(Invalid::one("order", dplan_core::Problem::OrderIncomplete).into());
        }
        renumber(&tx, visit, order)?;
        tx.commit()?;
        Ok(())
    }

    /// Removes a person from a visit and from every item of its programme.
    pub fn delete_participant(&mut self, visit: VisitId, person: PersonId) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM item_person WHERE person_id = ?2
             AND item_id IN (SELECT id FROM programme_item WHERE visit_id = ?1)",
            [visit.to_string(), person.to_string()],
        )?;
        let n = tx.execute(
            "DELETE FROM participant WHERE visit_id = ?1 AND person_id = ?2",
            [visit.to_string(), person.to_string()],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "participant",
                key: format!("{person} in visit {visit}"),
            });
        }
        tx.commit()?;
        Ok(())
    }
}
