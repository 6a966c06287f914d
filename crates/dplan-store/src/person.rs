use dplan_core::{Person, PersonId, PersonalData, Problem, VisitId};
use rusqlite::{Connection, OptionalExtension, Row, named_params};

use crate::{
    Result, Store, StoreError,
    codec::{decode, json_list, list_json, opt_parse, parse, texts},
};

const COLUMNS: &str = "id, family_name, given_name, name_zh, pinyin, name_order, academic_title, \
     title_de, title_en, title_zh, address_de, address_en, address_zh, \
     organisation_de, organisation_en, organisation_zh, position_de, position_en, position_zh, \
     email, phone, languages";

fn from_row(row: &Row) -> rusqlite::Result<Person> {
    Ok(Person {
        id: parse(row, "id")?,
        family_name: row.get("family_name")?,
        given_name: row.get("given_name")?,
        name_zh: row.get("name_zh")?,
        pinyin: row.get("pinyin")?,
        name_order: decode(row, "name_order")?,
        academic_title: row.get("academic_title")?,
        title: texts(row, "title")?,
        address: texts(row, "address")?,
        organisation: texts(row, "organisation")?,
        position: texts(row, "position")?,
        email: row.get("email")?,
        phone: row.get("phone")?,
        languages: json_list(row, "languages")?,
        personal: None,
    })
}

fn personal_from_row(row: &Row) -> rusqlite::Result<PersonalData> {
    Ok(PersonalData {
        passport_number: row.get("passport_number")?,
        date_of_birth: opt_parse(row, "date_of_birth")?,
        nationality: row.get("nationality")?,
        dietary: row.get("dietary")?,
        accessibility: row.get("accessibility")?,
    })
}

/// Writes a person (insert or update in place). Personal data is written
/// only when the person carries it (`Some`); `None` leaves it as stored.
pub(crate) fn upsert(conn: &Connection, p: &Person) -> Result<()> {
    crate::codec::exec(
        conn,
        "INSERT INTO person (id, family_name, given_name, name_zh, pinyin, name_order, academic_title,
            title_de, title_en, title_zh, address_de, address_en, address_zh,
            organisation_de, organisation_en, organisation_zh, position_de, position_en, position_zh,
            email, phone, languages)
         VALUES (:id, :family_name, :given_name, :name_zh, :pinyin, :name_order, :academic_title,
            :title_de, :title_en, :title_zh, :address_de, :address_en, :address_zh,
            :organisation_de, :organisation_en, :organisation_zh, :position_de, :position_en, :position_zh,
            :email, :phone, :languages)
         ON CONFLICT (id) DO UPDATE SET
            family_name = excluded.family_name, given_name = excluded.given_name,
            name_zh = excluded.name_zh, pinyin = excluded.pinyin, name_order = excluded.name_order,
            academic_title = excluded.academic_title,
            title_de = excluded.title_de, title_en = excluded.title_en, title_zh = excluded.title_zh,
            address_de = excluded.address_de, address_en = excluded.address_en, address_zh = excluded.address_zh,
            organisation_de = excluded.organisation_de, organisation_en = excluded.organisation_en,
            organisation_zh = excluded.organisation_zh,
            position_de = excluded.position_de, position_en = excluded.position_en, position_zh = excluded.position_zh,
            email = excluded.email, phone = excluded.phone, languages = excluded.languages",
        named_params! {
            ":id": p.id.to_string(),
            ":family_name": p.family_name,
            ":given_name": p.given_name,
            ":name_zh": p.name_zh,
            ":pinyin": p.pinyin,
            ":name_order": crate::codec::code(&p.name_order),
            ":academic_title": p.academic_title,
            ":title_de": p.title.de, ":title_en": p.title.en, ":title_zh": p.title.zh,
            ":address_de": p.address.de, ":address_en": p.address.en, ":address_zh": p.address.zh,
            ":organisation_de": p.organisation.de, ":organisation_en": p.organisation.en,
            ":organisation_zh": p.organisation.zh,
            ":position_de": p.position.de, ":position_en": p.position.en, ":position_zh": p.position.zh,
            ":email": p.email,
            ":phone": p.phone,
            ":languages": list_json(&p.languages),
        },
    )?;
    if let Some(personal) = &p.personal {
        write_personal(conn, p.id, personal)?;
    }
    Ok(())
}

fn write_personal(conn: &Connection, id: PersonId, d: &PersonalData) -> Result<()> {
    if d.is_empty() {
        crate::codec::exec(
            conn,
            "DELETE FROM person_personal WHERE person_id = ?1",
            [id.to_string()],
        )?;
        return Ok(());
    }
    crate::codec::exec(
        conn,
        "INSERT INTO person_personal (person_id, passport_number, date_of_birth, nationality, dietary, accessibility)
         VALUES (:id, :passport, :dob, :nationality, :dietary, :accessibility)
         ON CONFLICT (person_id) DO UPDATE SET
            passport_number = excluded.passport_number, date_of_birth = excluded.date_of_birth,
            nationality = excluded.nationality, dietary = excluded.dietary,
            accessibility = excluded.accessibility",
        named_params! {
            ":id": id.to_string(),
            ":passport": d.passport_number,
            ":dob": d.date_of_birth.map(crate::codec::day_text),
            ":nationality": d.nationality,
            ":dietary": d.dietary,
            ":accessibility": d.accessibility,
        },
    )?;
    Ok(())
}

pub(crate) fn get(conn: &Connection, id: PersonId) -> Result<Option<Person>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM person WHERE id = ?1"))?
        .query_row([id.to_string()], from_row)
        .optional()?)
}

pub(crate) fn get_personal(conn: &Connection, id: PersonId) -> Result<PersonalData> {
    Ok(conn
        .query_row(
            "SELECT * FROM person_personal WHERE person_id = ?1",
            [id.to_string()],
            personal_from_row,
        )
        .optional()?
        .unwrap_or_default())
}

/// Every person in the address book, in no particular order, without
/// personal data.
pub(crate) fn list(conn: &Connection) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM person"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deletes the personal data of the visit's participants, except for those
/// who take part in another visit that is not over. Returns how many
/// persons' data was deleted and how many kept theirs.
pub(crate) fn purge_personal_for_visit(conn: &Connection, visit: VisitId) -> Result<(u32, u32)> {
    let purged = conn.execute(
        "DELETE FROM person_personal
         WHERE person_id IN (SELECT person_id FROM participant WHERE visit_id = ?1)
           AND person_id NOT IN (
               SELECT p.person_id FROM participant p JOIN visit v ON v.id = p.visit_id
               WHERE v.id <> ?1 AND v.status NOT IN ('completed', 'cancelled'))",
        [visit.to_string()],
    )?;
    let kept: u32 = conn.query_row(
        "SELECT count(*) FROM person_personal
         WHERE person_id IN (SELECT person_id FROM participant WHERE visit_id = ?1)",
        [visit.to_string()],
        |r| r.get(0),
    )?;
    Ok((purged as u32, kept))
}

impl Store {
    pub fn insert_person(&mut self, person: &Person) -> Result<()> {
        person.validate()?;
        let tx = self.conn.transaction()?;
        if get(&tx, person.id)?.is_some() {
            return Err(StoreError::Conflict(Problem::ExistsAlready {
                what: "person".into(),
                id: person.id.to_string(),
            }));
        }
        upsert(&tx, person)?;
        tx.commit()?;
        Ok(())
    }

    /// Adds or updates many persons in one transaction: all or none. Errors
    /// name the entry (`persons[3].family_name`).
    pub fn upsert_persons(&mut self, persons: &[Person]) -> Result<()> {
        let mut errors = Vec::new();
        for (i, p) in persons.iter().enumerate() {
            if let Err(inv) = p.validate() {
                errors.extend(inv.within(&format!("persons[{i}]")).errors);
            }
        }
        if !errors.is_empty() {
            return Err(dplan_core::Invalid { errors }.into());
        }
        let tx = self.conn.transaction()?;
        for p in persons {
            upsert(&tx, p)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Updates a person; their personal data only if `person.personal` is set.
    pub fn update_person(&mut self, person: &Person) -> Result<()> {
        person.validate()?;
        let tx = self.conn.transaction()?;
        if get(&tx, person.id)?.is_none() {
            return Err(StoreError::NotFound {
                what: "person",
                key: person.id.to_string(),
            });
        }
        upsert(&tx, person)?;
        tx.commit()?;
        Ok(())
    }

    /// A person without their personal data.
    pub fn get_person(&self, id: PersonId) -> Result<Person> {
        get(&self.conn, id)?.ok_or_else(|| StoreError::NotFound {
            what: "person",
            key: id.to_string(),
        })
    }

    /// A person's personal data (empty when none is stored). Read it only
    /// where it is needed, and never log it.
    pub fn get_personal_data(&self, id: PersonId) -> Result<PersonalData> {
        self.get_person(id)?;
        get_personal(&self.conn, id)
    }

    /// The address book, sorted by family name, then given name, the way
    /// [`Person::sort_key`] compares them ("Müller" with "Muller", "Liú"
    /// with "Liu"); SQLite's own collations know neither.
    pub fn list_persons(&self) -> Result<Vec<Person>> {
        let mut persons = list(&self.conn)?;
        persons.sort_by_cached_key(Person::sort_key);
        Ok(persons)
    }

    /// Deletes a person who takes part in no visit.
    pub fn delete_person(&mut self, id: PersonId) -> Result<()> {
        let visits: i64 = self.conn.query_row(
            "SELECT count(*) FROM participant WHERE person_id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )?;
        if visits > 0 {
            return Err(StoreError::Conflict(Problem::PersonInVisits {
                visits: visits as usize,
            }));
        }
        let n = self
            .conn
            .execute("DELETE FROM person WHERE id = ?1", [id.to_string()])?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "person",
                key: id.to_string(),
            });
        }
        Ok(())
    }

    /// A person by full id or a unique beginning of it.
    pub fn resolve_person(&self, key: &str) -> Result<PersonId> {
        crate::visit::resolve(&self.conn, "person", "person", key)
    }
}
