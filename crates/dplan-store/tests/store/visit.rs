use chrono::NaiveDate;
use dplan_core::{ContactKind, Direction, Texts, Visit, VisitContact, VisitId, VisitStatus};
use dplan_store::ErrorKind;

use crate::{on_both, on_both_demo};

fn visit() -> Visit {
    Visit {
        id: VisitId::derived("test/visit"),
        title: Texts::all("Besuch", "Visit", "访问"),
        direction: Direction::Outgoing,
        partner_city: "Luzhou".into(),
        first_day: NaiveDate::from_ymd_opt(2027, 9, 1).unwrap(),
        last_day: NaiveDate::from_ymd_opt(2027, 9, 5).unwrap(),
        time_zone: dplan_core::tz::Asia::Shanghai,
        status: VisitStatus::Planning,
        hosts: vec!["泸州市人民政府".into(), "WfG Herne".into()],
        notes: "Zeile 1\nZeile 2".into(),
        guest_notes: Texts::all("Willkommen\nin Herne", "Welcome", "欢迎"),
        contacts: vec![VisitContact {
            kind: ContactKind::Consulate,
            name: Texts::all(
                "Generalkonsulat der Bundesrepublik Deutschland in Chengdu",
                "Consulate General of Germany in Chengdu",
                "德国驻成都总领事馆",
            ),
            phone: "+86 28 0000 0800".into(),
        }],
    }
}

#[test]
fn visit_round_trips_with_every_field() {
    on_both(|mut s| {
        let v = visit();
        s.insert_visit(&v).unwrap();
        assert_eq!(
            s.get_visit(v.id).unwrap(),
            v,
            "what was stored must come back unchanged"
        );
        let mut changed = v.clone();
        changed.status = VisitStatus::Confirmed;
        changed.title.en = None;
        s.update_visit(&changed).unwrap();
        assert_eq!(s.get_visit(v.id).unwrap(), changed);
        assert_eq!(s.list_visits().unwrap(), vec![changed]);
    });
}

#[test]
fn invalid_visit_is_refused_and_nothing_is_stored() {
    on_both(|mut s| {
        let mut v = visit();
        v.last_day = NaiveDate::from_ymd_opt(2027, 8, 1).unwrap();
        let err = s.insert_visit(&v).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid);
        assert_eq!(err.invalid().unwrap().errors[0].field, "last_day");
        assert!(
            s.list_visits().unwrap().is_empty(),
            "an invalid visit must not be stored"
        );
    });
}

#[test]
fn duplicate_insert_is_a_conflict_and_missing_update_is_not_found() {
    on_both(|mut s| {
        s.insert_visit(&visit()).unwrap();
        assert_eq!(
            s.insert_visit(&visit()).unwrap_err().kind(),
            ErrorKind::Conflict
        );
        let mut other = visit();
        other.id = VisitId::derived("other");
        assert_eq!(
            s.update_visit(&other).unwrap_err().kind(),
            ErrorKind::NotFound
        );
        assert_eq!(
            s.delete_visit(other.id).unwrap_err().kind(),
            ErrorKind::NotFound
        );
    });
}

#[test]
fn visits_resolve_by_unique_prefix() {
    on_both(|mut s| {
        let v = visit();
        s.insert_visit(&v).unwrap();
        let prefix = &v.id.to_string()[..6];
        assert_eq!(s.resolve_visit(prefix).unwrap(), v.id);
        assert_eq!(
            s.resolve_visit("ffffffff").unwrap_err().kind(),
            ErrorKind::NotFound
        );
    });
}

#[test]
fn deleting_a_visit_removes_its_programme_but_keeps_people() {
    on_both_demo(|mut s, file| {
        let persons = s.list_persons().unwrap().len();
        s.delete_visit(file.visit.id).unwrap();
        assert!(s.list_programme(file.visit.id).unwrap().is_empty());
        assert!(s.list_participants(file.visit.id).unwrap().is_empty());
        assert_eq!(
            s.list_persons().unwrap().len(),
            persons,
            "the address book outlives visits"
        );
    });
}
