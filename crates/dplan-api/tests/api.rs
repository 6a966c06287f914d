//! The application layer's actions, on a real (in-memory) store with the
//! demo visits: what the app's commands and the CLI's subcommands call.

use chrono::{NaiveDate, Utc};
use dplan_api::calendar::{CalendarRequest, Scope};
use dplan_api::itinerary::{ItineraryFormat, ItineraryRequest, Layout};
use dplan_api::roster::RosterFormat;
use dplan_api::{ApiError, Store, items, visits};
use dplan_core::{
    Edition, ErrorKind, ItemStatus, Kinded, Lang, PersonId, Problem, ProgrammeItem, Schedule, Side,
    VisitId,
};

fn demo() -> (Store, VisitId) {
    let mut store = Store::open_in_memory().unwrap();
    let reports = visits::load_demo(&mut store).unwrap();
    (store, reports[0].visit_id.parse().unwrap())
}

fn a_timed_item(store: &Store, visit: VisitId) -> ProgrammeItem {
    let view = visits::view(store, visit).unwrap();
    let id = view
        .programme
        .iter()
        .find(|i| matches!(i.schedule, Schedule::Timed { .. }))
        .unwrap()
        .id;
    store.get_item(id).unwrap()
}

#[test]
fn setting_an_items_status_changes_that_alone_and_raises_its_revision() {
    let (mut store, visit) = demo();
    let before = a_timed_item(&store, visit);
    let after = items::set_status(&mut store, before.id, ItemStatus::Cancelled).unwrap();
    assert_eq!(after.status, ItemStatus::Cancelled);
    assert!(after.revision > before.revision);
    assert_eq!(
        ProgrammeItem {
            status: before.status,
            revision: before.revision,
            ..after.clone()
        },
        before
    );
    assert_eq!(store.get_item(before.id).unwrap(), after);
}

#[test]
fn moving_an_item_by_days_keeps_its_local_times_and_zones() {
    let (mut store, visit) = demo();
    let before = a_timed_item(&store, visit);
    let after = items::move_by_days(&mut store, before.id, 2).unwrap();
    let (Schedule::Timed { start: s0, end: e0 }, Schedule::Timed { start: s1, end: e1 }) =
        (&before.schedule, &after.schedule)
    else {
        unreachable!()
    };
    assert_eq!(s1.local, s0.local + chrono::Duration::days(2));
    assert_eq!(e1.local, e0.local + chrono::Duration::days(2));
    assert_eq!((s1.zone, e1.zone), (s0.zone, e0.zone));
    assert_eq!(
        items::move_by_days(&mut store, before.id, -2)
            .unwrap()
            .schedule,
        before.schedule
    );
}

#[test]
fn an_item_moved_off_the_calendar_is_refused_and_left_as_it_was() {
    let (mut store, visit) = demo();
    let before = a_timed_item(&store, visit);
    let e = items::move_by_days(&mut store, before.id, i32::MAX).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Invalid);
    assert_eq!(
        e.fields()[0].problem,
        Problem::CannotMoveItem { days: i32::MAX }
    );
    assert_eq!(store.get_item(before.id).unwrap(), before);
}

#[test]
fn a_quick_action_on_an_unknown_item_is_not_found() {
    let (mut store, _) = demo();
    let e = items::set_status(
        &mut store,
        dplan_core::ItemId::random(),
        ItemStatus::Confirmed,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
}

#[test]
fn one_persons_programme_of_a_stranger_is_not_found() {
    let (store, visit) = demo();
    let stranger = PersonId::random();
    let e = visits::person_programme(&store, visit, stranger).unwrap_err();
    assert!(matches!(e, ApiError::NotInVisit { person } if person == stranger));
    assert_eq!(e.kind(), ErrorKind::NotFound);
}

#[test]
fn a_duplicate_starts_on_its_first_day_in_planning() {
    let (mut store, visit) = demo();
    let day = NaiveDate::from_ymd_opt(2031, 5, 12).unwrap();
    let copy = visits::duplicate(&mut store, visit, day).unwrap();
    let view = visits::view(&store, copy).unwrap();
    assert_eq!(view.visit.first_day, day);
    assert_eq!(view.visit.status, dplan_core::VisitStatus::Planning);
    assert_eq!(
        view.programme.len(),
        visits::view(&store, visit).unwrap().programme.len()
    );
}

#[test]
fn a_calendar_is_recorded_so_the_next_takes_back_what_is_gone() {
    let (mut store, visit) = demo();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("programm.ics");
    let request = CalendarRequest {
        scope: Scope::Visit,
        langs: vec![Lang::De, Lang::Zh],
        reminder_minutes: None,
        edition: None,
        tentative: false,
        now: Utc::now(),
    };
    let first = dplan_api::calendar::export_to(&mut store, visit, &request, &path).unwrap();
    assert!(first.events > 0);
    assert_eq!(first.taken_back, 0);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR"));

    // An item the first file carried is deleted: the next file takes it back.
    let view = visits::view(&store, visit).unwrap();
    let carried = view
        .programme
        .iter()
        .find(|i| text.contains(&i.id.to_string()))
        .unwrap()
        .id;
    items::delete(&mut store, carried).unwrap();
    let second = dplan_api::calendar::export_to(&mut store, visit, &request, &path).unwrap();
    assert_eq!(second.taken_back, 1);
    assert_eq!(second.events, first.events);
}

#[test]
fn the_default_edition_is_the_readers_own() {
    let (store, visit) = demo();
    let view = visits::view(&store, visit).unwrap();
    assert_eq!(
        dplan_api::calendar::default_edition(&view, Scope::Visit),
        Edition::Guest
    );
    let host = view
        .participants
        .iter()
        .find(|p| p.side == Side::Host)
        .unwrap();
    assert_eq!(
        dplan_api::calendar::default_edition(&view, Scope::Staff(host.person_id)),
        Edition::Internal
    );
}

#[test]
fn an_itinerary_has_one_or_two_languages_for_every_caller() {
    let (store, visit) = demo();
    let request = |langs: Vec<Lang>| ItineraryRequest {
        person: None,
        langs,
        layout: Layout::SideBySide,
        edition: None,
        tentative: false,
        stamp: Utc::now(),
    };
    let page = dplan_api::itinerary::prepare(&store, visit, &request(vec![Lang::De, Lang::Zh]))
        .unwrap()
        .html_page()
        .unwrap();
    assert!(page.contains("<html"));
    for wrong in [
        vec![],
        vec![Lang::De, Lang::En, Lang::Zh],
        vec![Lang::De, Lang::De],
    ] {
        let e = dplan_api::itinerary::prepare(&store, visit, &request(wrong))
            .unwrap()
            .html_page()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Invalid);
    }
}

#[test]
fn a_file_name_that_says_no_format_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let e = RosterFormat::of_path(&dir.path().join("liste.txt")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Invalid);
    assert!(e.to_string().contains(".csv or .xlsx"), "{e}");

    let (store, visit) = demo();
    let request = ItineraryRequest {
        person: None,
        langs: vec![Lang::De],
        layout: Layout::Stacked,
        edition: None,
        tentative: false,
        stamp: Utc::now(),
    };
    let path = dir.path().join("reise.docx");
    let e = dplan_api::itinerary::export_to(&store, visit, &request, &path).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Invalid);
    assert!(!path.exists());
    assert_eq!(
        ItineraryFormat::of_path(std::path::Path::new("Reise.PDF")).unwrap(),
        ItineraryFormat::Pdf
    );
}

#[test]
fn a_list_that_cannot_be_read_names_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gaeste.pdf");
    std::fs::write(&path, b"%PDF-1.7").unwrap();
    let e = dplan_api::roster::read_file(&path).unwrap_err();
    assert!(e.to_string().contains("gaeste.pdf"), "{e}");
    assert_eq!(e.kind(), ErrorKind::Invalid);
}

#[test]
fn times_in_a_second_zone_come_from_the_tz_database() {
    let instants = ["2028-04-10T01:30:00Z", "2028-01-10T01:30:00Z"].map(|t| t.parse().unwrap());
    let times = dplan_api::check::wall_times(&instants, "Europe/Berlin").unwrap();
    let shown: Vec<_> = times
        .iter()
        .map(|t| (t.local.format("%H:%M").to_string(), t.abbreviation.as_str()))
        .collect();
    assert_eq!(
        shown,
        [("03:30".to_string(), "CEST"), ("02:30".to_string(), "CET")]
    );
    let e = dplan_api::check::wall_times(&instants, "Mars/Olympus").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Invalid);
}

#[test]
fn a_search_finds_people_as_an_import_matches_them() {
    let (store, _) = demo();
    let found = |query: &str| {
        let key = dplan_api::people::search_key(query);
        dplan_api::people::list(&store)
            .unwrap()
            .into_iter()
            .filter(|e| e.search_key.contains(&key))
            .map(|e| e.person.family_name)
            .collect::<Vec<_>>()
    };
    assert_eq!(found("liú qiáng"), ["Liu"]);
    assert_eq!(found("刘强"), ["Liu"]);
    assert!(found("").len() > 2);
}
