use dplan_core::{Person, PersonId, PersonalData, Problem, VisitId};

use crate::sql::{Row, Sql};
use crate::{
    Result, Store, StoreError,
    codec::{code, day_text, list_json},
};

const COLUMNS: &str = "id, family_name, given_name, name_zh, pinyin, name_order, academic_title, \
     title_de, title_en, title_zh, address_de, address_en, address_zh, \
     organisation_de, organisation_en, organisation_zh, position_de, position_en, position_zh, \
     email, phone, languages";

fn from_row(row: &Row) -> Result<Person> {
    Ok(Person {
        id: row.parse("id")?,
        family_name: row.get("family_name")?,
        given_name: row.get("given_name")?,
        name_zh: row.get("name_zh")?,
        pinyin: row.get("pinyin")?,
        name_order: row.decode("name_order")?,
        academic_title: row.get("academic_title")?,
        title: row.texts("title")?,
        address: row.texts("address")?,
        organisation: row.texts("organisation")?,
        position: row.texts("position")?,
        email: row.get("email")?,
        phone: row.get("phone")?,
        languages: row.json("languages")?,
        personal: None,
    })
}

fn personal_from_row(row: &Row) -> Result<PersonalData> {
    Ok(PersonalData {
        passport_number: row.get("passport_number")?,
        date_of_birth: row.parse_opt("date_of_birth")?,
        nationality: row.get("nationality")?,
        dietary: row.get("dietary")?,
        accessibility: row.get("accessibility")?,
    })
}

/// Writes a person (insert or update in place). Personal data is written
/// only when the person carries it (`Some`); `None` leaves it as stored.
pub(crate) fn upsert(db: &dyn Sql, p: &Person) -> Result<()> {
    db.exec(
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
        &[
            (":id", p.id.to_string().into()),
            (":family_name", p.family_name.clone().into()),
            (":given_name", p.given_name.clone().into()),
            (":name_zh", p.name_zh.clone().into()),
            (":pinyin", p.pinyin.clone().into()),
            (":name_order", code(&p.name_order).into()),
            (":academic_title", p.academic_title.clone().into()),
            (":title_de", p.title.de.clone().into()),
            (":title_en", p.title.en.clone().into()),
            (":title_zh", p.title.zh.clone().into()),
            (":address_de", p.address.de.clone().into()),
            (":address_en", p.address.en.clone().into()),
            (":address_zh", p.address.zh.clone().into()),
            (":organisation_de", p.organisation.de.clone().into()),
            (":organisation_en", p.organisation.en.clone().into()),
            (":organisation_zh", p.organisation.zh.clone().into()),
            (":position_de", p.position.de.clone().into()),
            (":position_en", p.position.en.clone().into()),
            (":position_zh", p.position.zh.clone().into()),
            (":email", p.email.clone().into()),
            (":phone", p.phone.clone().into()),
            (":languages", list_json(&p.languages).into()),
        ],
    )?;
    if let Some(personal) = &p.personal {
        write_personal(db, p.id, personal)?;
    }
    Ok(())
}

fn write_personal(db: &dyn Sql, id: PersonId, d: &PersonalData) -> Result<()> {
    if d.is_empty() {
        db.exec(
            "DELETE FROM person_personal WHERE person_id = :id",
            &[(":id", id.to_string().into())],
        )?;
        return Ok(());
    }
    db.exec(
        "INSERT INTO person_personal (person_id, passport_number, date_of_birth, nationality, dietary, accessibility)
         VALUES (:id, :passport, :dob, :nationality, :dietary, :accessibility)
         ON CONFLICT (person_id) DO UPDATE SET
            passport_number = excluded.passport_number, date_of_birth = excluded.date_of_birth,
            nationality = excluded.nationality, dietary = excluded.dietary,
            accessibility = excluded.accessibility",
        &[
            (":id", id.to_string().into()),
            (":passport", d.passport_number.clone().into()),
            (":dob", d.date_of_birth.map(day_text).into()),
            (":nationality", d.nationality.clone().into()),
            (":dietary", d.dietary.clone().into()),
            (":accessibility", d.accessibility.clone().into()),
        ],
    )?;
    Ok(())
}

pub(crate) fn get(db: &dyn Sql, id: PersonId) -> Result<Option<Person>> {
    db.first_row(
        &format!("SELECT {COLUMNS} FROM person WHERE id = :id"),
        &[(":id", id.to_string().into())],
    )?
    .map(|r| from_row(&r))
    .transpose()
}

/// The persons who take part in a visit, in no particular order, in one
/// query (a visit's screen reads them all).
pub(crate) fn of_visit(db: &dyn Sql, visit: VisitId) -> Result<Vec<Person>> {
    db.rows(
        &format!(
            "SELECT {COLUMNS} FROM person
             WHERE id IN (SELECT person_id FROM participant WHERE visit_id = :visit)"
        ),
        &[(":visit", visit.to_string().into())],
    )?
    .iter()
    .map(from_row)
    .collect()
}

pub(crate) fn get_personal(db: &dyn Sql, id: PersonId) -> Result<PersonalData> {
    Ok(db
        .first_row(
            "SELECT * FROM person_personal WHERE person_id = :id",
            &[(":id", id.to_string().into())],
        )?
        .map(|r| personal_from_row(&r))
        .transpose()?
        .unwrap_or_default())
}

/// Every person in the address book, in no particular order, without
/// personal data.
pub(crate) fn list(db: &dyn Sql) -> Result<Vec<Person>> {
    db.rows(&format!("SELECT {COLUMNS} FROM person"), &[])?
        .iter()
        .map(from_row)
        .collect()
}

/// Deletes the personal data of the visit's participants, except for those
/// who take part in another visit that is not over. Returns how many
/// persons' data was deleted and how many kept theirs.
pub(crate) fn purge_personal_for_visit(db: &dyn Sql, visit: VisitId) -> Result<(u32, u32)> {
    let purged = db.exec(
        "DELETE FROM person_personal
         WHERE person_id IN (SELECT person_id FROM participant WHERE visit_id = :visit)
           AND person_id NOT IN (
               SELECT p.person_id FROM participant p JOIN visit v ON v.id = p.visit_id
               WHERE v.id <> :visit AND v.status NOT IN ('completed', 'cancelled'))",
        &[(":visit", visit.to_string().into())],
    )?;
    let kept: i64 = db
        .first_row(
            "SELECT count(*) AS n FROM person_personal
             WHERE person_id IN (SELECT person_id FROM participant WHERE visit_id = :visit)",
            &[(":visit", visit.to_string().into())],
        )?
        .map_or(Ok(0), |r| r.get("n"))?;
    Ok((purged as u32, kept as u32))
}

/// Deletes a person who takes part in no visit.
fn delete(db: &dyn Sql, id: PersonId) -> Result<()> {
    let visits: i64 = db
        .first_row(
            "SELECT count(*) AS n FROM participant WHERE person_id = :id",
            &[(":id", id.to_string().into())],
        )?
        .map_or(Ok(0), |r| r.get("n"))?;
    if visits > 0 {
        return Err(StoreError::Conflict(Problem::PersonInVisits {
            visits: visits as usize,
        }));
    }
    let n = db.exec(
        "DELETE FROM person WHERE id = :id",
        &[(":id", id.to_string().into())],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound {
            what: "person",
            key: id.to_string(),
        });
    }
    Ok(())
}

impl Store {
    pub fn insert_person(&mut self, person: &Person) -> Result<()> {
        person.validate()?;
        let tx = self.begin()?;
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
        let tx = self.begin()?;
        for p in persons {
            upsert(&tx, p)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Updates a person; their personal data only if `person.personal` is set.
    pub fn update_person(&mut self, person: &Person) -> Result<()> {
        person.validate()?;
        let tx = self.begin()?;
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
        get(self.db(), id)?.ok_or_else(|| StoreError::NotFound {
            what: "person",
            key: id.to_string(),
        })
    }

    /// A person's personal data (empty when none is stored). Read it only
    /// where it is needed, and never log it.
    pub fn get_personal_data(&self, id: PersonId) -> Result<PersonalData> {
        self.get_person(id)?;
        get_personal(self.db(), id)
    }

    /// The address book, sorted by family name, then given name, the way
    /// [`Person::sort_key`] compares them ("Müller" with "Muller", "Liú"
    /// with "Liu"); the databases' own collations know neither.
    pub fn list_persons(&self) -> Result<Vec<Person>> {
        let mut persons = list(self.db())?;
        persons.sort_by_cached_key(Person::sort_key);
        Ok(persons)
    }

    /// Deletes a person who takes part in no visit.
    pub fn delete_person(&mut self, id: PersonId) -> Result<()> {
        let tx = self.begin()?;
        delete(&tx, id)?;
        tx.commit()
    }

    /// A person by full id or a unique beginning of it.
    pub fn resolve_person(&self, key: &str) -> Result<PersonId> {
        crate::visit::resolve(self.db(), "person", "person", key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::testing::on_both;

    #[test]
    fn persons_and_their_personal_data_round_trip_and_purge_alike_on_both_backends() {
        on_both(|backend, db| {
            let file = &dplan_core::demo::visits(dplan_core::demo::stamp())[0];
            let mut liu = file
                .persons
                .iter()
                .find(|p| p.family_name == "Liu")
                .unwrap()
                .clone();
            liu.personal = Some(PersonalData {
                passport_number: Some("E12345678".into()),
                date_of_birth: Some("1968-05-02".parse().unwrap()),
                nationality: Some("CN".into()),
                dietary: Some("kein Schweinefleisch".into()),
                accessibility: None,
            });
            upsert(db, &liu).unwrap();
            let stored = get(db, liu.id).unwrap().unwrap();
            assert_eq!(
                stored,
                Person {
                    personal: None,
                    ..liu.clone()
                },
                "{backend}"
            );
            assert_eq!(
                Some(get_personal(db, liu.id).unwrap()),
                liu.personal,
                "{backend}"
            );
            // Written without personal data: what is stored stays.
            upsert(
                db,
                &Person {
                    personal: None,
                    ..liu.clone()
                },
            )
            .unwrap();
            assert_eq!(
                Some(get_personal(db, liu.id).unwrap()),
                liu.personal,
                "{backend}"
            );
            assert_eq!(list(db).unwrap().len(), 1, "{backend}");

            // In a completed visit: its personal data is purged, and the
            // person can no longer be deleted while they take part.
            let mut visit = file.visit.clone();
            visit.status = dplan_core::VisitStatus::Completed;
            crate::visit::upsert(db, &visit).unwrap();
            db.exec(
                "INSERT INTO participant (visit_id, person_id, side, role, precedence)
                 VALUES (:v, :p, 'guest', 'head_of_delegation', 1)",
                &[
                    (":v", visit.id.to_string().into()),
                    (":p", liu.id.to_string().into()),
                ],
            )
            .unwrap();
            let err = delete(db, liu.id).unwrap_err();
            assert!(
                matches!(
                    err,
                    StoreError::Conflict(Problem::PersonInVisits { visits: 1 })
                ),
                "{backend}: {err}"
            );
            assert_eq!(
                purge_personal_for_visit(db, visit.id).unwrap(),
                (1, 0),
                "{backend}"
            );
            assert!(get_personal(db, liu.id).unwrap().is_empty(), "{backend}");
        });
    }
}
