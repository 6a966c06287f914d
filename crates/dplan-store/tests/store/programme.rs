use chrono::NaiveDate;
use dplan_core::tz::{Asia::Shanghai, Europe::Berlin};
use dplan_core::{
    ItemId, ItemKind, ItemStatus, Lang, Occurrence, PersonId, Problem, ProgrammeItem, Schedule,
    Texts, VenueId, ZonedLocal,
};
use dplan_store::{ErrorKind, ErrorReport};

use crate::on_both_demo;

fn item(file: &dplan_core::VisitFile, schedule: Schedule) -> ProgrammeItem {
    ProgrammeItem {
        id: ItemId::derived("test/item"),
        visit_id: file.visit.id,
        title: Texts::all("Stadtführung", "City tour", "城市游览"),
        kind: ItemKind::Visit,
        schedule,
        venue_id: file.venues.first().map(|v| v.id),
        attendees: vec![
            file.participants[0].person_id,
            file.participants[1].person_id,
        ],
        responsible: vec![file.participants[6].person_id],
        notes: "Treffpunkt Foyer".into(),
        guest_notes: dplan_core::Texts::all("Bitte pünktlich", "Please be on time", "请准时"),
        dress_code: Texts::all("Dunkler Anzug", "Dark suit", "深色西装"),
        transport: Some("LH 2011".into()),
        status: ItemStatus::Tentative,
        revision: 0,
    }
}

fn at(s: &str, z: dplan_core::tz::Tz) -> ZonedLocal {
    ZonedLocal::parse(s, z).unwrap()
}

#[test]
fn timed_cross_zone_and_all_day_items_round_trip() {
    on_both_demo(|mut s, file| {
        let mut repeated = at("2026-10-25T02:30", Berlin);
        repeated.occurrence = Some(Occurrence::Second);
        for (n, schedule) in [
            Schedule::Timed {
                start: at("2027-03-25T13:00", Berlin),
                end: at("2027-03-26T07:00", Shanghai),
            },
            Schedule::AllDay {
                first_day: NaiveDate::from_ymd_opt(2027, 3, 25).unwrap(),
                last_day: NaiveDate::from_ymd_opt(2027, 3, 26).unwrap(),
            },
            Schedule::Timed {
                start: repeated,
                end: at("2026-10-25T04:00", Berlin),
            },
        ]
        .into_iter()
        .enumerate()
        {
            let mut i = item(&file, schedule);
            i.id = ItemId::derived(&format!("round-trip/{n}"));
            s.insert_item(&i).unwrap();
            assert_eq!(
                s.get_item(i.id).unwrap(),
                i,
                "item {n} must come back unchanged"
            );
        }
    });
}

#[test]
fn revision_rises_only_for_time_venue_or_status() {
    on_both_demo(|mut s, file| {
        let i = item(
            &file,
            Schedule::Timed {
                start: at("2027-03-25T13:00", Berlin),
                end: at("2027-03-25T14:00", Berlin),
            },
        );
        s.insert_item(&i).unwrap();

        let mut retitled = i.clone();
        retitled.title = Texts::de("Neue Stadtführung");
        retitled.notes = "anderer Treffpunkt".into();
        assert_eq!(
            s.update_item(&retitled).unwrap().revision,
            0,
            "title and notes do not reach calendars"
        );

        let mut moved = retitled.clone();
        moved.schedule = Schedule::Timed {
            start: at("2027-03-25T15:00", Berlin),
            end: at("2027-03-25T16:00", Berlin),
        };
        assert_eq!(s.update_item(&moved).unwrap().revision, 1);
        let mut cancelled = moved.clone();
        cancelled.status = ItemStatus::Cancelled;
        assert_eq!(s.update_item(&cancelled).unwrap().revision, 2);
        let mut elsewhere = cancelled.clone();
        elsewhere.venue_id = file.venues.get(2).map(|v| v.id);
        assert_eq!(s.update_item(&elsewhere).unwrap().revision, 3);
        assert_eq!(
            s.get_item(i.id).unwrap().revision,
            3,
            "the revision is persisted"
        );
    });
}

#[test]
fn end_before_start_and_gap_times_store_nothing() {
    on_both_demo(|mut s, file| {
        let before = s.list_programme(file.visit.id).unwrap();
        let backwards = item(
            &file,
            Schedule::Timed {
                start: at("2027-03-25T13:00", Berlin),
                end: at("2027-03-25T12:00", Berlin),
            },
        );
        let err = s.insert_item(&backwards).unwrap_err();
        assert_eq!(err.to_string(), "end: must be after the start");
        // As the app shows it to a German or Chinese user: the same code, the
        // reason and the message in their language.
        let de = ErrorReport::from(&err).in_lang(Lang::De);
        assert_eq!(de.fields[0].reason, "muss nach dem Beginn liegen");
        assert_eq!(de.message, "end: muss nach dem Beginn liegen");
        let zh = ErrorReport::from(&err).in_lang(Lang::Zh);
        assert_eq!(zh.fields[0].reason, "必须晚于开始时间");
        assert_eq!(zh.fields[0].problem, Problem::EndNotAfterStart);
        let gap = item(
            &file,
            Schedule::Timed {
                start: at("2027-03-28T02:30", Berlin),
                end: at("2027-03-28T04:00", Berlin),
            },
        );
        let err = s.insert_item(&gap).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid);
        assert_eq!(
            ErrorReport::from(&err).in_lang(Lang::De).fields[0].reason,
            "28.03.2027 02:30 gibt es in Europe/Berlin nicht: Die Uhren überspringen diese Stunde (Beginn der Sommerzeit)"
        );
        assert!(
            err.to_string()
                .starts_with("start: 2027-03-28T02:30 does not exist in Europe/Berlin"),
            "{err}"
        );
        assert_eq!(s.list_programme(file.visit.id).unwrap(), before);
    });
}

#[test]
fn references_must_be_participants_and_known_venues() {
    on_both_demo(|mut s, file| {
        let mut i = item(
            &file,
            Schedule::Timed {
                start: at("2027-03-25T13:00", Berlin),
                end: at("2027-03-25T14:00", Berlin),
            },
        );
        i.attendees.push(PersonId::derived("stranger"));
        i.venue_id = Some(VenueId::derived("nowhere"));
        let err = s.insert_item(&i).unwrap_err();
        let fields: Vec<&str> = err
            .invalid()
            .unwrap()
            .errors
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, vec!["venue_id", "attendees[2]"]);
        assert_eq!(s.get_item(i.id).unwrap_err().kind(), ErrorKind::NotFound);
    });
}

#[test]
fn programme_lists_in_time_order() {
    on_both_demo(|s, file| {
        let listed = s.list_programme(file.visit.id).unwrap();
        assert_eq!(listed.len(), file.programme.len());
        let starts: Vec<_> = listed.iter().map(|i| i.schedule.first_day()).collect();
        let mut sorted = starts.clone();
        sorted.sort();
        assert_eq!(starts, sorted);
    });
}

#[test]
fn revision_at_its_maximum_stays_there() {
    on_both_demo(|mut s, file| {
        let mut i = item(
            &file,
            Schedule::Timed {
                start: at("2027-03-25T13:00", Berlin),
                end: at("2027-03-25T14:00", Berlin),
            },
        );
        i.revision = u32::MAX;
        s.insert_item(&i).unwrap();
        let mut moved = i.clone();
        moved.schedule = Schedule::Timed {
            start: at("2027-03-25T15:00", Berlin),
            end: at("2027-03-25T16:00", Berlin),
        };
        assert_eq!(
            s.update_item(&moved).unwrap().revision,
            u32::MAX,
            "a change at the highest revision neither panics nor wraps to 0"
        );
        assert_eq!(s.get_item(i.id).unwrap().revision, u32::MAX);
    });
}
