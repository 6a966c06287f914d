use dplan_core::conflict::{CheckSettings, TravelTime};
use dplan_core::{
    ItemId, ItemKind, ItemStatus, Lang, ProgrammeItem, Schedule, VenueId, Visit, VisitId,
    WarningKind,
};
use dplan_store::ErrorKind;

use crate::on_both_demo;

/// A confirmed timed meeting-like item of the demo visit that has a venue
/// (journeys do not book their venue).
fn held_item(file: &dplan_core::VisitFile) -> ProgrammeItem {
    file.programme
        .iter()
        .find(|i| {
            i.venue_id.is_some()
                && i.status == ItemStatus::Confirmed
                && matches!(i.schedule, Schedule::Timed { .. })
                && !i.attendees.is_empty()
                && !matches!(i.kind, ItemKind::Transfer | ItemKind::Flight)
        })
        .expect("the demo has a confirmed item at a venue")
        .clone()
}

#[test]
fn the_demo_visits_have_no_warnings() {
    on_both_demo(|s, _| {
        for v in s.list_visits().unwrap() {
            assert_eq!(s.check_visit(v.id, Lang::De).unwrap(), vec![], "{}", v.id);
        }
    });
}

#[test]
fn a_person_booked_twice_is_found_in_the_stored_visit() {
    on_both_demo(|mut s, file| {
        let held = held_item(&file);
        let mut twin = held.clone();
        twin.id = ItemId::derived("test/twin");
        twin.venue_id = None;
        twin.attendees = vec![held.attendees[0]];
        twin.responsible = vec![];
        s.insert_item(&twin).unwrap();
        let warnings = s.check_visit(file.visit.id, Lang::De).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:#?}");
        let w = &warnings[0];
        assert_eq!(w.kind, WarningKind::PersonDoubleBooked);
        assert_eq!(w.persons, vec![held.attendees[0]]);
        let mut items = w.items.clone();
        items.sort();
        let mut expected = vec![held.id, twin.id];
        expected.sort();
        assert_eq!(items, expected);
    });
}

#[test]
fn settings_start_at_the_defaults_and_round_trip() {
    on_both_demo(|mut s, file| {
        assert_eq!(s.check_settings().unwrap(), CheckSettings::default());
        let (a, b) = (file.venues[0].id, file.venues[1].id);
        let settings = CheckSettings {
            default_travel_minutes: 40,
            venues_across_visits: true,
            travel: vec![TravelTime {
                from: a.max(b),
                to: a.min(b),
                minutes: 25,
            }],
        };
        s.save_check_settings(&settings).unwrap();
        let back = s.check_settings().unwrap();
        assert_eq!(back.default_travel_minutes, 40);
        assert!(back.venues_across_visits);
        // Kept once per pair, the smaller id first; it serves both directions.
        assert_eq!(
            back.travel,
            vec![TravelTime {
                from: a.min(b),
                to: a.max(b),
                minutes: 25
            }]
        );
        assert_eq!(back.options(Lang::De).travel_minutes(a, b), Some(25));
        assert_eq!(back.options(Lang::De).travel_minutes(b, a), Some(25));
    });
}

#[test]
fn bad_settings_change_nothing() {
    on_both_demo(|mut s, file| {
        let a = file.venues[0].id;
        let good = CheckSettings {
            default_travel_minutes: 20,
            ..CheckSettings::default()
        };
        s.save_check_settings(&good).unwrap();

        let same_venue = CheckSettings {
            default_travel_minutes: 50,
            venues_across_visits: false,
            travel: vec![TravelTime {
                from: a,
                to: a,
                minutes: 10,
            }],
        };
        let err = s.save_check_settings(&same_venue).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid);
        assert_eq!(err.invalid().unwrap().errors[0].field, "travel.0.to");

        let too_long = CheckSettings {
            default_travel_minutes: 5000,
            ..CheckSettings::default()
        };
        let err = s.save_check_settings(&too_long).unwrap_err();
        assert_eq!(
            err.invalid().unwrap().errors[0].field,
            "default_travel_minutes"
        );

        let unknown = CheckSettings {
            default_travel_minutes: 50,
            venues_across_visits: false,
            travel: vec![TravelTime {
                from: a,
                to: VenueId::derived("nowhere"),
                minutes: 10,
            }],
        };
        let err = s.save_check_settings(&unknown).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);

        assert_eq!(s.check_settings().unwrap(), good);
    });
}

#[test]
fn a_venue_booked_by_another_visit_is_found_when_the_settings_say_so() {
    on_both_demo(|mut s, file| {
        let held = held_item(&file);
        let other = Visit {
            id: VisitId::derived("test/other visit"),
            ..file.visit.clone()
        };
        s.insert_visit(&other).unwrap();
        let mut elsewhere = held.clone();
        elsewhere.id = ItemId::derived("test/other visit's item");
        elsewhere.visit_id = other.id;
        elsewhere.attendees = vec![];
        elsewhere.responsible = vec![];
        s.insert_item(&elsewhere).unwrap();

        assert_eq!(s.check_visit(file.visit.id, Lang::De).unwrap(), vec![]);

        s.save_check_settings(&CheckSettings {
            venues_across_visits: true,
            ..CheckSettings::default()
        })
        .unwrap();
        let warnings = s.check_visit(file.visit.id, Lang::De).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:#?}");
        assert_eq!(warnings[0].kind, WarningKind::VenueDoubleBooked);
        assert_eq!(warnings[0].venue, held.venue_id);
        assert!(warnings[0].visits.contains(&other.id));
        // The other visit sees the same clash from its side.
        let theirs = s.check_visit(other.id, Lang::De).unwrap();
        assert_eq!(theirs.len(), 1, "{theirs:#?}");
    });
}
