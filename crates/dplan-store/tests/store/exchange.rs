use chrono_tz::Europe::Berlin;
use dplan_core::{ItemStatus, Schedule, ZonedLocal, demo};
use dplan_store::{ErrorKind, ImportReport};

use crate::{demo_store, store};

#[test]
fn importing_the_same_file_twice_changes_nothing() {
    let (mut s, file) = demo_store();
    let report = s.import_visit(&file).unwrap();
    assert!(
        report.is_noop(),
        "second import must change nothing: {report}"
    );
    assert_eq!(report.items_unchanged, file.programme.len());
}

#[test]
fn export_then_import_elsewhere_gives_the_same_file() {
    let (s, file) = demo_store();
    let exported = s.export_visit(file.visit.id, demo::stamp(), true).unwrap();
    let mut other = store();
    let report = other.import_visit(&exported).unwrap();
    assert!(report.created);
    let again = other
        .export_visit(file.visit.id, demo::stamp(), true)
        .unwrap();
    assert_eq!(again, exported);
}

#[test]
fn export_leaves_personal_data_out_unless_asked() {
    let (s, file) = demo_store();
    let plain = s.export_visit(file.visit.id, demo::stamp(), false).unwrap();
    assert!(plain.persons.iter().all(|p| p.personal.is_none()));
    assert!(!plain.to_json().contains("Schweinefleisch"));
    let full = s.export_visit(file.visit.id, demo::stamp(), true).unwrap();
    assert!(full.to_json().contains("Schweinefleisch"));
}

#[test]
fn an_updated_file_is_matched_by_id() {
    let (mut s, mut file) = demo_store();
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
}

#[test]
fn a_failure_midway_leaves_the_database_as_it_was() {
    let (mut s, file) = demo_store();
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
}

#[test]
fn report_says_what_happened() {
    let mut s = store();
    let file = demo::visits(demo::stamp()).remove(1);
    let r: ImportReport = s.import_visit(&file).unwrap();
    assert!(r.created);
    assert_eq!(r.items_added, file.programme.len());
    assert_eq!(r.persons_added, file.persons.len());
    assert!(
        r.to_string()
            .starts_with("created visit \"Delegationsreise der Stadt Herne nach Luzhou\"")
    );
}
