use dplan_core::{Invalid, Movement, Participant, Person, PersonId, Problem, Side, VisitId};

use crate::sql::{Row, Sql};
use crate::{
    Result, Store, StoreError,
    codec::{code, zoned_columns},
};

fn movement(row: &Row, prefix: &str) -> Result<Option<Movement>> {
    Ok(match row.zoned(prefix)? {
        None => None,
        Some(at) => Some(Movement {
            at,
            place: row
                .get::<Option<String>>(&format!("{prefix}_place"))?
                .unwrap_or_default(),
            transport: row.get(&format!("{prefix}_transport"))?,
        }),
    })
}

fn from_row(row: &Row) -> Result<Participant> {
    Ok(Participant {
        visit_id: row.parse("visit_id")?,
        person_id: row.parse("person_id")?,
        side: row.decode("side")?,
        role: row.decode("role")?,
        precedence: row.get("precedence")?,
        arrival: movement(row, "arrival")?,
        departure: movement(row, "departure")?,
        hotel: row.get("hotel")?,
    })
}

pub(crate) fn upsert(db: &dyn Sql, p: &Participant) -> Result<()> {
    let (a_local, a_zone, a_occ) = zoned_columns(p.arrival.as_ref().map(|m| &m.at));
    let (d_local, d_zone, d_occ) = zoned_columns(p.departure.as_ref().map(|m| &m.at));
    db.exec(
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
        &[
            (":visit_id", p.visit_id.to_string().into()),
            (":person_id", p.person_id.to_string().into()),
            (":side", code(&p.side).into()),
            (":role", code(&p.role).into()),
            (":precedence", p.precedence.into()),
            (":a_local", a_local.into()),
            (":a_zone", a_zone.into()),
            (":a_occ", a_occ.into()),
            (":a_place", p.arrival.as_ref().map(|m| m.place.clone()).into()),
            (
                ":a_transport",
                p.arrival.as_ref().and_then(|m| m.transport.clone()).into(),
            ),
            (":d_local", d_local.into()),
            (":d_zone", d_zone.into()),
            (":d_occ", d_occ.into()),
            (":d_place", p.departure.as_ref().map(|m| m.place.clone()).into()),
            (
                ":d_transport",
                p.departure.as_ref().and_then(|m| m.transport.clone()).into(),
            ),
            (":hotel", p.hotel.clone().into()),
        ],
    )?;
    Ok(())
}

pub(crate) fn list(db: &dyn Sql, visit: VisitId) -> Result<Vec<Participant>> {
    db.rows(
        "SELECT * FROM participant WHERE visit_id = :visit
         ORDER BY CASE side WHEN 'guest' THEN 0 ELSE 1 END, precedence, person_id",
        &[(":visit", visit.to_string().into())],
    )?
    .iter()
    .map(from_row)
    .collect()
}

/// Adds a participant to their side's order of precedence by role: a head
/// of delegation after the heads already there, anyone else at the end
/// ([`dplan_core::merge_precedence`]); the precedence `p` carries is not
/// used. The side is renumbered without gaps.
fn join(db: &dyn Sql, p: &Participant) -> Result<()> {
    let before: Vec<(PersonId, dplan_core::Role)> = list(db, p.visit_id)?
        .into_iter()
        .filter(|q| q.side == p.side)
        .map(|q| (q.person_id, q.role))
        .collect();
    upsert(db, p)?;
    let order = dplan_core::merge_precedence(&before, &[(p.person_id, p.role, None)]);
    renumber(db, p.visit_id, &order)
}

/// Numbers the participants in `order` 1, 2, 3 … in the visit's order of
/// precedence (one side's participants, first first).
pub(crate) fn renumber(db: &dyn Sql, visit: VisitId, order: &[PersonId]) -> Result<()> {
    for (i, person) in order.iter().enumerate() {
        db.exec(
            "UPDATE participant SET precedence = :n WHERE visit_id = :visit AND person_id = :person",
            &[
                (":visit", visit.to_string().into()),
                (":person", person.to_string().into()),
                (":n", (i as i64 + 1).into()),
            ],
        )?;
    }
    Ok(())
}

fn get(db: &dyn Sql, visit: VisitId, person: PersonId) -> Result<Option<Participant>> {
    db.first_row(
        "SELECT * FROM participant WHERE visit_id = :visit AND person_id = :person",
        &[
            (":visit", visit.to_string().into()),
            (":person", person.to_string().into()),
        ],
    )?
    .map(|r| from_row(&r))
    .transpose()
}

/// Removes a person from a visit and from every item of its programme.
pub(crate) fn remove(db: &dyn Sql, visit: VisitId, person: PersonId) -> Result<()> {
    let params = [
        (":visit", visit.to_string().into()),
        (":person", person.to_string().into()),
    ];
    db.exec(
        "DELETE FROM item_person WHERE person_id = :person
         AND item_id IN (SELECT id FROM programme_item WHERE visit_id = :visit)",
        &params,
    )?;
    let n = db.exec(
        "DELETE FROM participant WHERE visit_id = :visit AND person_id = :person",
        &params,
    )?;
    if n == 0 {
        return Err(StoreError::NotFound {
            what: "participant",
            key: format!("{person} in visit {visit}"),
        });
    }
    Ok(())
}

impl Store {
    /// Adds a person to a visit.
    pub fn insert_participant(&mut self, p: &Participant) -> Result<()> {
        p.validate()?;
        let tx = self.begin()?;
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
        let tx = self.begin()?;
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
        let tx = self.begin()?;
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
        list(self.db(), visit)
    }

    /// Sets one side's order of precedence: `order` lists every participant
    /// of that side, first first. All or nothing.
    pub fn reorder_participants(
        &mut self,
        visit: VisitId,
        side: Side,
        order: &[PersonId],
    ) -> Result<()> {
        let tx = self.begin()?;
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
        let tx = self.begin()?;
        remove(&tx, visit, person)?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::testing::on_both;

    #[test]
    fn participants_keep_their_order_and_movements_alike_on_both_backends() {
        on_both(|backend, db| {
            let file = &dplan_core::demo::visits(dplan_core::demo::stamp())[0];
            crate::visit::upsert(db, &file.visit).unwrap();
            for p in &file.persons {
                crate::person::upsert(db, p).unwrap();
            }
            // Joined one by one: heads of delegation first, then the rest in
            // the order they came, guests before hosts.
            for p in file.participants.iter().rev() {
                join(db, p).unwrap();
            }
            let listed = list(db, file.visit.id).unwrap();
            assert_eq!(listed.len(), file.participants.len(), "{backend}");
            let sides: Vec<Side> = listed.iter().map(|p| p.side).collect();
            let mut sorted = sides.clone();
            sorted.sort_by_key(|s| *s != Side::Guest);
            assert_eq!(sides, sorted, "{backend}: guests first");
            for side in [Side::Guest, Side::Host] {
                let numbers: Vec<u32> = listed
                    .iter()
                    .filter(|p| p.side == side)
                    .map(|p| p.precedence)
                    .collect();
                assert_eq!(
                    numbers,
                    (1..=numbers.len() as u32).collect::<Vec<_>>(),
                    "{backend}"
                );
            }
            // Arrivals and departures with their zone and occurrence.
            let moving = file
                .participants
                .iter()
                .find(|p| p.arrival.is_some())
                .unwrap();
            let stored = get(db, moving.visit_id, moving.person_id).unwrap().unwrap();
            assert_eq!(
                (&stored.arrival, &stored.departure),
                (&moving.arrival, &moving.departure),
                "{backend}"
            );
            // A new order for the guests, then one of them leaves.
            let mut guests: Vec<PersonId> = listed
                .iter()
                .filter(|p| p.side == Side::Guest)
                .map(|p| p.person_id)
                .collect();
            guests.reverse();
            renumber(db, file.visit.id, &guests).unwrap();
            let now: Vec<PersonId> = list(db, file.visit.id)
                .unwrap()
                .iter()
                .filter(|p| p.side == Side::Guest)
                .map(|p| p.person_id)
                .collect();
            assert_eq!(now, guests, "{backend}");
            remove(db, file.visit.id, guests[0]).unwrap();
            assert!(
                get(db, file.visit.id, guests[0]).unwrap().is_none(),
                "{backend}"
            );
            assert!(
                matches!(
                    remove(db, file.visit.id, guests[0]),
                    Err(StoreError::NotFound { .. })
                ),
                "{backend}"
            );
        });
    }
}
