use dplan_core::{Movement, PersonId, Role, Side, ZonedLocal};
use dplan_store::ErrorKind;

use crate::on_both_demo;

#[test]
fn participants_list_guests_then_hosts_in_precedence() {
    on_both_demo(|s, file| {
        let listed = s.list_participants(file.visit.id).unwrap();
        assert_eq!(
            listed, file.participants,
            "demo participants come back in their order"
        );
        assert_eq!(listed[0].role, Role::HeadOfDelegation);
    });
}

#[test]
fn participant_round_trip_and_removal_from_items() {
    on_both_demo(|mut s, file| {
        let mut p = file.participants[1].clone();
        p.precedence = 9;
        p.hotel = None;
        p.arrival = Some(Movement {
            at: ZonedLocal::parse("2027-03-24T18:00", dplan_core::tz::Europe::Berlin).unwrap(),
            place: "Köln Hbf".into(),
            transport: Some("ICE 1025".into()),
        });
        s.update_participant(&p).unwrap();
        let back = s
            .list_participants(file.visit.id)
            .unwrap()
            .into_iter()
            .find(|x| x.person_id == p.person_id)
            .unwrap();
        assert_eq!(back, p);

        s.delete_participant(file.visit.id, p.person_id).unwrap();
        let still_attending = s
            .list_programme(file.visit.id)
            .unwrap()
            .iter()
            .any(|i| i.attendees.contains(&p.person_id));
        assert!(
            !still_attending,
            "a removed participant leaves every item of the visit"
        );
    });
}

#[test]
fn unknown_person_and_double_entry_are_refused() {
    on_both_demo(|mut s, file| {
        let mut p = file.participants[0].clone();
        assert_eq!(
            s.insert_participant(&p).unwrap_err().kind(),
            ErrorKind::Conflict
        );
        p.person_id = PersonId::derived("nobody");
        let err = s.insert_participant(&p).unwrap_err();
        assert_eq!(err.invalid().unwrap().errors[0].field, "person_id");
        p.side = Side::Host;
        p.precedence = 0;
        assert_eq!(
            s.insert_participant(&p).unwrap_err().kind(),
            ErrorKind::Invalid
        );
    });
}

#[test]
fn a_new_person_and_their_participation_are_stored_together_or_not_at_all() {
    on_both_demo(|mut s, file| {
        let mut person = crate::person::liu();
        person.id = PersonId::derived("new/zhou");
        person.family_name = "Zhou".into();
        let mut p = file.participants[0].clone();
        p.person_id = person.id;
        p.precedence = 0;
        let err = s.insert_participant_with_person(&person, &p).unwrap_err();
        assert_eq!(err.invalid().unwrap().errors[0].field, "precedence");
        assert_eq!(
            s.get_person(person.id).unwrap_err().kind(),
            ErrorKind::NotFound,
            "the person must not be stored without the participation"
        );
        p.precedence = 7;
        s.insert_participant_with_person(&person, &p).unwrap();
        assert_eq!(s.get_person(person.id).unwrap().family_name, "Zhou");
        let stored = s
            .list_participants(file.visit.id)
            .unwrap()
            .into_iter()
            .find(|x| x.person_id == person.id)
            .expect("the participation is stored");
        // A second head of delegation follows the first (placed by role).
        assert_eq!(stored.precedence, 2);
        p.precedence = 2;
        assert_eq!(stored, p);
    });
}

#[test]
fn precedence_is_reordered_all_or_nothing() {
    on_both_demo(|mut s, file| {
        let mut guests: Vec<PersonId> = file
            .participants
            .iter()
            .filter(|p| p.side == Side::Guest)
            .map(|p| p.person_id)
            .collect();
        guests.swap(0, 1);
        s.reorder_participants(file.visit.id, Side::Guest, &guests)
            .unwrap();
        let listed: Vec<PersonId> = s
            .list_participants(file.visit.id)
            .unwrap()
            .iter()
            .filter(|p| p.side == Side::Guest)
            .map(|p| p.person_id)
            .collect();
        assert_eq!(listed, guests);

        let before = s.list_participants(file.visit.id).unwrap();
        let err = s
            .reorder_participants(file.visit.id, Side::Guest, &guests[1..])
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid);
        assert_eq!(s.list_participants(file.visit.id).unwrap(), before);
    });
}

#[test]
fn a_participant_added_singly_is_placed_by_role() {
    on_both_demo(|mut s, file| {
        let visit = file.visit.id;
        let host = |s: &dplan_store::Store| -> Vec<(PersonId, u32)> {
            s.list_participants(visit)
                .unwrap()
                .into_iter()
                .filter(|p| p.side == Side::Host)
                .map(|p| (p.person_id, p.precedence))
                .collect()
        };
        let before = host(&s);
        let mut head = dplan_core::Person::new(
            PersonId::derived("participant-test/head"),
            "Krüger",
            "Tim",
            dplan_core::NameOrder::GivenFirst,
        );
        head.organisation = dplan_core::Texts::de("Stadt Herne");
        let mut p = file.participants[0].clone();
        p.person_id = head.id;
        p.side = Side::Host;
        p.role = Role::HeadOfDelegation;
        p.precedence = 99;
        p.arrival = None;
        p.departure = None;
        s.insert_participant_with_person(&head, &p).unwrap();
        let after = host(&s);
        let heads_before = file
            .participants
            .iter()
            .filter(|q| q.side == Side::Host && q.role == Role::HeadOfDelegation)
            .count();
        assert_eq!(
            after[heads_before].0, head.id,
            "a new head of delegation follows the heads already there, before everyone else"
        );
        assert_eq!(
            after.iter().map(|x| x.1).collect::<Vec<_>>(),
            (1..=before.len() as u32 + 1).collect::<Vec<_>>(),
            "the side is numbered without gaps, whatever precedence was sent"
        );
    });
}
