use chrono::NaiveDate;
use dplan_core::{NameOrder, Person, PersonId, PersonalData, Texts};
use dplan_store::ErrorKind;

use crate::{on_both, on_both_demo};

pub fn liu() -> Person {
    Person {
        id: PersonId::derived("test/liu"),
        family_name: "Liu".into(),
        given_name: "Qiang".into(),
        name_zh: Some("刘强".into()),
        pinyin: Some("Liú Qiáng".into()),
        name_order: NameOrder::FamilyFirst,
        academic_title: None,
        title: Texts::all("Parteisekretär", "Party Secretary", "书记"),
        address: Texts::all("Herr Sekretär Liu", "Secretary Liu", "刘书记"),
        organisation: Texts::all("Stadt Luzhou", "City of Luzhou", "泸州市"),
        position: Texts::default(),
        email: Some("liu@example.cn".into()),
        phone: Some("+86 830 000".into()),
        languages: vec!["zh".into(), "en".into()],
        personal: None,
    }
}

fn personal() -> PersonalData {
    PersonalData {
        passport_number: Some("E12345678".into()),
        date_of_birth: NaiveDate::from_ymd_opt(1968, 5, 4),
        nationality: Some("CHN".into()),
        dietary: Some("kein Schweinefleisch".into()),
        accessibility: None,
    }
}

#[test]
fn person_round_trips_without_personal_data_by_default() {
    on_both(|mut s| {
        let mut p = liu();
        p.personal = Some(personal());
        s.insert_person(&p).unwrap();
        let back = s.get_person(p.id).unwrap();
        assert_eq!(back.personal, None, "personal data is read only on request");
        assert_eq!(
            Person {
                personal: Some(personal()),
                ..back
            },
            p
        );
        assert_eq!(s.get_personal_data(p.id).unwrap(), personal());
    });
}

#[test]
fn updating_without_personal_data_keeps_it_and_an_empty_one_removes_it() {
    on_both(|mut s| {
        let mut p = liu();
        p.personal = Some(personal());
        s.insert_person(&p).unwrap();
        let mut changed = liu();
        changed.given_name = "Qiangwei".into();
        s.update_person(&changed).unwrap();
        assert_eq!(
            s.get_personal_data(p.id).unwrap(),
            personal(),
            "None means 'not included'"
        );
        changed.personal = Some(PersonalData::default());
        s.update_person(&changed).unwrap();
        assert!(s.get_personal_data(p.id).unwrap().is_empty());
    });
}

#[test]
fn a_person_in_a_visit_cannot_be_deleted() {
    on_both_demo(|mut s, file| {
        let err = s.delete_person(file.participants[0].person_id).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Conflict);
        // Said in the user's language, with its code kept.
        let report = dplan_store::ErrorReport::from(&err);
        assert_eq!(
            report.problem,
            Some(Box::new(dplan_core::Problem::PersonInVisits { visits: 2 }))
        );
        assert_eq!(
            report.clone().in_lang(dplan_core::Lang::De).message,
            "Die Person nimmt an 2 Besuchen teil; zuerst dort entfernen"
        );
        assert_eq!(
            report.in_lang(dplan_core::Lang::Zh).message,
            "此人参加了2次访问；请先从中移除"
        );
        let mut lone = liu();
        lone.id = PersonId::derived("lone");
        s.insert_person(&lone).unwrap();
        s.delete_person(lone.id).unwrap();
    });
}

#[test]
fn a_400_character_name_is_refused_with_its_field() {
    on_both(|mut s| {
        let mut p = liu();
        p.family_name = "L".repeat(400);
        let err = s.insert_person(&p).unwrap_err();
        assert_eq!(
            err.to_string(),
            "family_name: is 400 characters long; at most 100 are allowed"
        );
        assert!(s.list_persons().unwrap().is_empty());
    });
}

#[test]
fn persons_resolve_by_unique_prefix() {
    on_both_demo(|s, file| {
        let id = file.persons[0].id;
        assert_eq!(s.resolve_person(&id.to_string()[..8]).unwrap(), id);
        assert_eq!(
            s.resolve_person("zzzz").unwrap_err().kind(),
            ErrorKind::NotFound
        );
    });
}

#[test]
fn many_persons_are_stored_all_or_none() {
    on_both(|mut s| {
        let mut good = liu();
        good.id = PersonId::derived("many/1");
        let mut bad = liu();
        bad.id = PersonId::derived("many/2");
        bad.family_name = String::new();
        let err = s.upsert_persons(&[good.clone(), bad]).unwrap_err();
        assert_eq!(
            err.invalid().unwrap().errors[0].field,
            "persons[1].family_name"
        );
        assert!(
            s.list_persons().unwrap().is_empty(),
            "nothing is stored when one entry is bad"
        );
        s.upsert_persons(&[good.clone()]).unwrap();
        assert_eq!(s.list_persons().unwrap(), vec![good]);
    });
}

#[test]
fn the_address_book_sorts_umlauts_and_pinyin_like_a_german_list() {
    on_both(|mut s| {
        let names = [
            ("Öztürk", "Ayla"),
            ("Liú", "Fāng"),
            ("Oberhausen", "Jan"),
            ("Lin", "Mei"),
            ("Müller", "Jürgen"),
            ("Mueller", "Anna"),
        ];
        for (i, (family, given)) in names.iter().enumerate() {
            let mut p = liu();
            p.id = PersonId::derived(&format!("sort/{i}"));
            p.family_name = family.to_string();
            p.given_name = given.to_string();
            s.insert_person(&p).unwrap();
        }
        let order: Vec<String> = s
            .list_persons()
            .unwrap()
            .into_iter()
            .map(|p| p.family_name)
            .collect();
        assert_eq!(
            order,
            ["Lin", "Liú", "Mueller", "Müller", "Oberhausen", "Öztürk"],
            "Ö sorts as O and Liú as Liu, not after Z as byte order would"
        );
    });
}
