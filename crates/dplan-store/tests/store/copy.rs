//! `Store::copy_to`: a whole database to another backend and back, equal.

use chrono::{TimeZone, Utc};
use dplan_core::calendar::{PublishSettings, Published};
use dplan_core::conflict::{CheckSettings, TravelTime};
use dplan_core::{Problem, VisitStatus, demo};
use dplan_store::testing::{Scratch, dump};
use dplan_store::{ErrorKind, RemoteResource, Store};

/// A SQLite store with a row in every table.
fn everything() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.load_demo().unwrap();
    let files = demo::visits(demo::stamp());
    let (incoming, outgoing) = (&files[0], &files[1]);
    let at = Utc.with_ymd_and_hms(2027, 4, 2, 9, 0, 0).unwrap();
    let (a, b) = (incoming.venues[0].id, incoming.venues[1].id);
    s.save_check_settings(&CheckSettings {
        default_travel_minutes: 40,
        venues_across_visits: true,
        travel: vec![TravelTime {
            from: a.max(b),
            to: a.min(b),
            minutes: 25,
        }],
    })
    .unwrap();
    s.save_publish_settings(&PublishSettings {
        caldav_url: Some("https://kalender.herne.de/protokoll/".into()),
        caldav_user: Some("protokoll".into()),
        folder: Some("/srv/feeds".into()),
        base_url: Some("https://kalender.herne.de/feeds/".into()),
    })
    .unwrap();
    s.feed_token(outgoing.visit.id, "programm", "0123456789abcdef0123", at)
        .unwrap();
    s.record_published(
        outgoing.visit.id,
        "programm",
        &[Published {
            uid: "u1@dplan".into(),
            fingerprint: "00ff".into(),
            sequence: 3,
            changed_at: at,
            summary: "Empfang 泸州".into(),
            start: "20270325T083000Z".into(),
            end: "20270325T093000Z".into(),
            gone: true,
        }],
    )
    .unwrap();
    let url = "https://kalender.herne.de/protokoll/besuch/";
    s.record_caldav_collection(
        outgoing.visit.id,
        url,
        &[RemoteResource {
            uid: "u1@dplan".into(),
            etag: "\"e1\"".into(),
            fingerprint: "00ff".into(),
        }],
    )
    .unwrap();
    s.set_calendar_names(outgoing.visit.id, true).unwrap();
    s.take_publish_lease(
        outgoing.visit.id,
        "holder",
        "Julia Wagner",
        at,
        at + chrono::Duration::minutes(5),
    )
    .unwrap();
    let mut v = s.get_visit(incoming.visit.id).unwrap();
    v.status = VisitStatus::Completed;
    s.update_visit(&v).unwrap();
    s.purge_personal_data(incoming.visit.id, at).unwrap();
    s
}

#[test]
fn a_file_copied_to_a_server_and_back_compares_equal() {
    let original = everything();
    let before = dump(&original);
    let empty: Vec<&str> = before
        .iter()
        .filter(|(_, rows)| rows.is_empty())
        .map(|(t, _)| t.as_str())
        .collect();
    assert!(empty.is_empty(), "every table has a row to copy: {empty:?}");

    let server = Scratch::new();
    let mut team = server.store();
    let report = original.copy_to(&mut team).unwrap();
    assert_eq!(report.visits, 2);
    assert_eq!(
        report.rows,
        before.iter().map(|(_, r)| r.len() as u64).sum::<u64>()
    );
    assert_eq!(dump(&team), before, "the server holds what the file held");

    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archiv.sqlite3");
    let back = team.copy_to_new_file(&archive).unwrap();
    assert_eq!(back.rows, report.rows);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["archiv.sqlite3"], "the file alone, no leftovers");
    let reopened = Store::open(&archive).unwrap();
    assert_eq!(dump(&reopened), before, "the round trip compares equal");
    assert!(reopened.check_integrity().unwrap().is_empty());
}

#[test]
fn a_copy_goes_only_into_an_empty_database_or_a_new_file() {
    let original = everything();
    let server = Scratch::new();
    let mut team = server.store();
    team.load_demo().unwrap();
    let held = dump(&team);
    let err = original.copy_to(&mut team).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err}");
    assert!(matches!(
        dplan_core::Kinded::problem(&err),
        Some(Problem::CopyTargetNotEmpty { .. })
    ));
    assert_eq!(dump(&team), held, "nothing was merged");

    let dir = tempfile::tempdir().unwrap();
    let there = dir.path().join("da.sqlite3");
    std::fs::write(&there, b"not ours").unwrap();
    let err = original.copy_to_new_file(&there).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err}");
    assert_eq!(std::fs::read(&there).unwrap(), b"not ours");
}

#[test]
fn a_copy_that_fails_half_way_leaves_the_server_empty() {
    let original = everything();
    let server = Scratch::new();
    let mut team = server.store();
    // A rule the source breaks, added on the server by hand: the copy of
    // the programme fails after the visits, people and venues went in.
    let mut admin = postgres::Client::connect(&server.url, postgres::NoTls).unwrap();
    admin
        .batch_execute("ALTER TABLE programme_item ADD CONSTRAINT no_items CHECK (false) NOT VALID")
        .unwrap();
    let err = original.copy_to(&mut team).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err}");
    assert!(
        dump(&team).iter().all(|(_, rows)| rows.is_empty()),
        "nothing of a failed copy stays"
    );
}
