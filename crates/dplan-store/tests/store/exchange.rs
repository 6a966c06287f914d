use dplan_core::tz::Europe::Berlin;
use dplan_core::{ItemStatus, Lang, Schedule, ZonedLocal, demo};
use dplan_store::{
    ErrorKind, ImportOptions, ImportReport, SharedChange, SharedKind, SharedRecords,
};

use crate::{on_both, on_both_demo, store};

#[test]
fn importing_the_same_file_twice_changes_nothing() {
    on_both_demo(|mut s, file| {
        let report = s.import_visit(&file).unwrap();
        assert!(
            report.is_noop(),
            "second import must change nothing: {report}"
        );
        assert_eq!(report.items_unchanged, file.programme.len());
    });
}

#[test]
fn export_then_import_elsewhere_gives_the_same_file() {
    on_both_demo(|s, file| {
        let exported = s.export_visit(file.visit.id, demo::stamp(), true).unwrap();
        let mut other = store();
        let report = other.import_visit(&exported).unwrap();
        assert!(report.created);
        let again = other
            .export_visit(file.visit.id, demo::stamp(), true)
            .unwrap();
        assert_eq!(again, exported);
    });
}

#[test]
fn export_leaves_personal_data_out_unless_asked() {
    on_both_demo(|s, file| {
        let plain = s.export_visit(file.visit.id, demo::stamp(), false).unwrap();
        assert!(plain.persons.iter().all(|p| p.personal.is_none()));
        assert!(!plain.to_json().contains("Schweinefleisch"));
        let full = s.export_visit(file.visit.id, demo::stamp(), true).unwrap();
        assert!(full.to_json().contains("Schweinefleisch"));
    });
}

#[test]
fn an_updated_file_is_matched_by_id() {
    on_both_demo(|mut s, mut file| {
        let moved_id = file.programme[4].id;
        if let Schedule::Timed { start, end } = &mut file.programme[4].schedule {
            *start = ZonedLocal::parse("2027-03-25T09:00", Berlin).unwrap();
            *end = ZonedLocal::parse("2027-03-25T10:00", Berlin).unwrap();
        }
        file.programme[5].status = ItemStatus::Cancelled;
        file.programme[6].notes = "Neue Notiz".into();
        let removed = file.programme.pop().unwrap();
        let report = s.import_visit(&file).unwrap();
        assert_eq!(
            (
                report.items_changed,
                report.items_removed,
                report.items_added
            ),
            (3, 1, 0),
            "{report}"
        );
        assert!(!report.created);
        assert_eq!(
            s.get_item(moved_id).unwrap().revision,
            1,
            "a moved item gets a higher SEQUENCE"
        );
        assert_eq!(
            s.get_item(file.programme[6].id).unwrap().revision,
            0,
            "a note is not a calendar change"
        );
        assert_eq!(
            s.get_item(removed.id).unwrap_err().kind(),
            ErrorKind::NotFound
        );
    });
}

#[test]
fn a_failure_midway_leaves_the_database_as_it_was() {
    on_both_demo(|mut s, file| {
        let before = s.export_visit(file.visit.id, demo::stamp(), true).unwrap();
        // The outgoing visit's file, with one item id taken from the incoming
        // visit: valid on its own, so the import writes rows before it finds out.
        let mut other = demo::visits(demo::stamp()).remove(1);
        other.visit.title.de = Some("Geändert".into());
        other.programme[3].id = file.programme[3].id;
        let err = s.import_visit(&other).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid, "{err}");
        assert!(
            err.to_string().contains("belongs to another visit"),
            "{err}"
        );
        let after = s.export_visit(file.visit.id, demo::stamp(), true).unwrap();
        assert_eq!(after, before);
        assert_ne!(
            s.get_visit(other.visit.id).unwrap().title.de.as_deref(),
            Some("Geändert"),
            "the half-done import must be rolled back"
        );
    });
}

#[test]
fn report_says_what_happened() {
    on_both(|mut s| {
        let file = demo::visits(demo::stamp()).remove(1);
        let r: ImportReport = s.import_visit(&file).unwrap();
        assert!(r.created);
        assert_eq!(r.items_added, file.programme.len());
        assert_eq!(r.persons_added, file.persons.len());
        assert!(
            r.to_string()
                .starts_with("created visit \"Delegationsreise der Stadt Herne nach Luzhou\"")
        );
    });
}

/// A second visit that shares every person and venue of `file`: the same
/// programme and participants under new ids, titled "Besuch 2026".
fn sharing_visit(file: &dplan_core::VisitFile) -> dplan_core::VisitFile {
    let mut other = file.clone();
    other.visit.id = dplan_core::VisitId::derived("test/besuch-2026");
    other.visit.title = dplan_core::Texts::de("Besuch 2026");
    for p in &mut other.participants {
        p.visit_id = other.visit.id;
    }
    for (n, item) in other.programme.iter_mut().enumerate() {
        item.id = dplan_core::ItemId::derived(&format!("test/besuch-2026/{n}"));
        item.visit_id = other.visit.id;
    }
    other
}

#[test]
fn a_visit_file_cannot_rename_a_person_of_another_visit() {
    on_both_demo(|mut s, mut file| {
        let outgoing = demo::visits(demo::stamp()).remove(1);
        let mut stranger = outgoing
            .persons
            .iter()
            .find(|p| file.persons.iter().all(|q| q.id != p.id))
            .cloned()
            .expect("the outgoing visit has someone the incoming one has not");
        let before = s.get_person(stranger.id).unwrap();
        stranger.family_name = "Umbenannt".into();
        stranger.personal = Some(dplan_core::PersonalData::default());
        file.persons.push(stranger.clone());
        let err = s.import_visit(&file).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid, "{err}");
        assert!(
            err.to_string().contains(&format!(
                "persons[{}] ({}): is not a participant of this visit",
                file.persons.len() - 1,
                stranger.display_name()
            )),
            "the refusal names the entry: {err}"
        );
        assert_eq!(
            s.get_person(stranger.id).unwrap(),
            before,
            "a person of another visit is not renamed"
        );
    });
}

#[test]
fn an_empty_personal_block_keeps_stored_passport_data() {
    on_both_demo(|mut s, file| {
        let mut full = s.export_visit(file.visit.id, demo::stamp(), true).unwrap();
        // The demo has no passport numbers; a file with personal data adds one.
        let index = 0;
        let id = full.persons[index].id;
        let mut stored = s.get_personal_data(id).unwrap();
        stored.passport_number = Some("E12345678".into());
        stored.nationality = Some("CHN".into());
        full.persons[index].personal = Some(stored.clone());
        s.import_visit(&full).unwrap();
        assert_eq!(s.get_personal_data(id).unwrap(), stored);

        let mut empty = full.clone();
        empty.persons[index].personal = Some(dplan_core::PersonalData::default());
        let report = s.import_visit(&empty).unwrap();
        assert!(report.is_noop(), "an empty block is no change: {report}");
        assert_eq!(
            s.get_personal_data(id).unwrap(),
            stored,
            "an empty personal block must not erase passport data"
        );

        // A block with one value replaces that field only.
        let mut one = full.clone();
        one.persons[index].personal = Some(dplan_core::PersonalData {
            dietary: Some("vegetarisch".into()),
            nationality: Some(String::new()),
            ..Default::default()
        });
        let report = s.import_visit(&one).unwrap();
        assert_eq!(report.persons_updated, 1, "{report}");
        let after = s.get_personal_data(id).unwrap();
        assert_eq!(after.dietary.as_deref(), Some("vegetarisch"));
        assert_eq!(after.passport_number, stored.passport_number);
        assert_eq!(
            after.nationality, stored.nationality,
            "an empty field keeps the stored value"
        );
    });
}

#[test]
fn changes_to_a_venue_other_visits_use_are_reported() {
    on_both_demo(|mut s, mut file| {
        s.import_visit(&sharing_visit(&file)).unwrap();
        let venue = file.venues[0].clone();
        file.venues[0].address = "Friedrich-Ebert-Platz 99, 44623 Herne".into();
        let report = s.import_visit(&file).unwrap();
        assert_eq!(
            report.shared_changes,
            vec![SharedChange {
                what: SharedKind::Venue,
                id: venue.id.to_string(),
                name: venue.name.best(Lang::De).to_string(),
                fields: vec!["address".into()],
                other_visits: vec!["Besuch 2026".into()],
            }],
            "{report}"
        );
        assert_eq!(report.venues_updated, 1);
        assert_eq!(
            s.get_venue(venue.id).unwrap().address,
            "Friedrich-Ebert-Platz 99, 44623 Herne",
            "Update applies the file's version"
        );
        assert!(
            report.to_string().contains(&format!(
                "\nvenue {} (also in „Besuch 2026“): address changed",
                venue.name.best(Lang::De)
            )),
            "{report}"
        );
    });
}

#[test]
fn keep_shared_keeps_the_stored_person() {
    on_both_demo(|mut s, mut file| {
        s.import_visit(&sharing_visit(&file)).unwrap();
        let before = s.get_person(file.persons[0].id).unwrap();
        file.persons[0].family_name = "Umbenannt".into();
        file.programme[0].notes = "Neue Notiz".into();
        let options = ImportOptions {
            shared: SharedRecords::Keep,
            dry_run: false,
        };
        let report = s.import_visit_with(&file, options).unwrap();
        assert_eq!(report.shared_changes.len(), 1, "{report}");
        assert_eq!(report.shared_changes[0].name, before.display_name());
        assert_eq!(report.shared_changes[0].fields, vec!["family_name"]);
        assert_eq!(report.persons_updated, 0, "{report}");
        assert_eq!(
            report.items_changed, 1,
            "the visit itself is still imported"
        );
        assert!(
            report.to_string().contains("family_name kept as stored"),
            "{report}"
        );
        assert_eq!(
            s.get_person(before.id).unwrap(),
            before,
            "Keep leaves the shared person as stored"
        );
        assert_eq!(
            s.get_item(file.programme[0].id).unwrap().notes,
            "Neue Notiz"
        );
    });
}

#[test]
fn dry_run_changes_nothing() {
    on_both_demo(|mut s, mut file| {
        s.import_visit(&sharing_visit(&file)).unwrap();
        let before = s.export_visit(file.visit.id, demo::stamp(), true).unwrap();
        file.persons[0].family_name = "Umbenannt".into();
        file.programme.pop();
        let options = ImportOptions {
            shared: SharedRecords::Update,
            dry_run: true,
        };
        let report = s.import_visit_with(&file, options).unwrap();
        assert!(report.dry_run);
        assert_eq!(
            (report.persons_updated, report.items_removed),
            (1, 1),
            "{report}"
        );
        assert_eq!(report.shared_changes.len(), 1, "{report}");
        assert_eq!(
            s.export_visit(file.visit.id, demo::stamp(), true).unwrap(),
            before,
            "a dry run is rolled back"
        );
    });
}

#[test]
fn guest_notes_round_trip_through_the_visit_file_and_old_files_still_read() {
    on_both_demo(|s, file| {
        let exported = s.export_visit(file.visit.id, demo::stamp(), false).unwrap();
        assert!(
            !exported.visit.guest_notes.is_empty(),
            "the demo visit has guest notes to carry"
        );
        let json = exported.to_json();
        let read = dplan_core::VisitFile::parse(&json).unwrap();
        assert_eq!(read, exported, "guest notes must survive the file");
        let mut other = store();
        other.import_visit(&read).unwrap();
        assert_eq!(
            other
                .export_visit(file.visit.id, demo::stamp(), false)
                .unwrap(),
            exported
        );

        // A file written before guest notes existed has no such fields; it
        // reads, and its notes stay internal.
        let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
        value["visit"]
            .as_object_mut()
            .unwrap()
            .remove("guest_notes");
        for item in value["programme"].as_array_mut().unwrap() {
            item.as_object_mut().unwrap().remove("guest_notes");
        }
        let old = dplan_core::VisitFile::parse(&value.to_string()).unwrap();
        assert!(old.visit.guest_notes.is_empty());
        assert_eq!(old.visit.notes, exported.visit.notes);
        assert!(old.programme.iter().all(|i| i.guest_notes.is_empty()));
    });
}

/// Issue 13: rooms carry de/en/zh and venues in China an address in
/// Chinese characters; a file written before has the room as one string,
/// which reads as the German room.
#[test]
fn translated_rooms_round_trip_and_a_room_written_as_one_string_still_reads() {
    let file = demo::visits(demo::stamp())
        .into_iter()
        .find(|f| f.venues.iter().any(|v| v.address_zh.is_some()))
        .expect("a demo visit to China");
    on_both(|mut s| {
        s.import_visit(&file).unwrap();
        let exported = s.export_visit(file.visit.id, demo::stamp(), false).unwrap();
        let gov = exported
            .venues
            .iter()
            .find(|v| v.room.de.as_deref() == Some("Empfangssaal"))
            .unwrap();
        assert_eq!(gov.room.zh.as_deref(), Some("接待厅"));
        assert!(
            gov.address_zh
                .as_deref()
                .unwrap()
                .starts_with("四川省泸州市")
        );

        let mut value: serde_json::Value = serde_json::from_str(&exported.to_json()).unwrap();
        for venue in value["venues"].as_array_mut().unwrap() {
            let de = venue["room"]["de"].clone();
            venue["room"] = de;
            venue.as_object_mut().unwrap().remove("address_zh");
        }
        let old = dplan_core::VisitFile::parse(&value.to_string()).unwrap();
        let gov = old.venues.iter().find(|v| v.id == gov.id).unwrap();
        assert_eq!(gov.room, dplan_core::Texts::de("Empfangssaal"));
        assert_eq!(gov.address_zh, None);
    });
}

#[test]
fn a_visits_view_is_read_straight_from_the_store() {
    let mut s = dplan_store::Store::open_in_memory().unwrap();
    s.load_demo().unwrap();
    for v in s.list_visits().unwrap() {
        let direct = serde_json::to_value(s.visit_view(v.id).unwrap()).unwrap();
        let via_file = serde_json::to_value(dplan_core::view::VisitView::new(
            &s.export_visit(v.id, chrono::Utc::now(), false).unwrap(),
        ))
        .unwrap();
        assert_eq!(direct, via_file, "{}", v.id);
    }
}
