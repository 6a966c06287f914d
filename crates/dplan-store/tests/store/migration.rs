use std::path::Path;

use dplan_core::{NameOrder, Person, PersonId};
use dplan_store::{APPLICATION_ID, ErrorKind, SCHEMA_VERSION, Store};
use rusqlite::Connection;

#[test]
fn a_new_file_gets_the_current_schema_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/folder/dplan.sqlite3");
    {
        let s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        assert!(s.is_empty().unwrap());
    }
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let app: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app, APPLICATION_ID);
    drop(conn);
    let s = Store::open(&path).unwrap();
    assert_eq!(
        s.schema_version().unwrap(),
        SCHEMA_VERSION,
        "reopening migrates nothing twice"
    );
}

#[test]
fn foreign_keys_are_enforced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fk.sqlite3");
    let (s, _) = {
        let mut s = Store::open(&path).unwrap();
        s.load_demo().unwrap();
        (s, ())
    };
    drop(s);
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    let violations: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(violations, 0);
}

#[test]
fn a_newer_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.sqlite3");
    drop(Store::open(&path).unwrap());
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path)
        .err()
        .expect("a newer schema must be refused");
    assert_eq!(err.kind(), ErrorKind::Storage);
    let msg = err.to_string();
    assert!(
        msg.contains(&format!("schema version {}", SCHEMA_VERSION + 5)),
        "{msg}"
    );
    assert!(msg.contains("update dplan"), "{msg}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file must not change"
    );
}

#[test]
fn files_that_are_not_ours_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "Dies ist keine Datenbank, sondern ein Text mit genug Länge für SQLite.".repeat(20),
    )
    .unwrap();
    let err = Store::open(&text).err().unwrap();
    assert!(
        err.to_string()
            .contains("is not a Delegation Planner database"),
        "{err}"
    );
    assert!(std::fs::read_to_string(&text).unwrap().len() > 100);

    let foreign = dir.path().join("foreign.sqlite3");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let err = Store::open(&foreign).err().unwrap();
    assert!(err.to_string().contains("another application"), "{err}");
}

/// Runs `writes` small write transactions on a store of its own on `path`.
fn write_persons(path: &Path, thread: usize, writes: usize) -> Vec<String> {
    let mut s = Store::open(path).unwrap();
    let mut failures = Vec::new();
    for i in 0..writes {
        let p = Person::new(
            PersonId::derived(&format!("concurrency/{thread}/{i}")),
            "Weber",
            format!("Writer {thread}-{i}"),
            NameOrder::GivenFirst,
        );
        if let Err(e) = s.insert_person(&p) {
            failures.push(e.to_string());
        }
    }
    failures
}

#[test]
fn two_stores_writing_to_one_file_at_once_wait_for_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.sqlite3");
    drop(Store::open(&path).unwrap());
    let writers: Vec<_> = (0..2)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || write_persons(&path, t, 200))
        })
        .collect();
    let failures: Vec<String> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    assert!(
        failures.is_empty(),
        "a second writer waits instead of failing: {} failed, first: {:?}",
        failures.len(),
        failures.first()
    );
    assert_eq!(
        Store::open(&path).unwrap().list_persons().unwrap().len(),
        400
    );
}

#[test]
fn two_stores_creating_one_new_file_at_once_both_open_it() {
    for round in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.sqlite3");
        let openers: Vec<_> = (0..3)
            .map(|t| {
                let path = path.clone();
                std::thread::spawn(move || write_persons(&path, t, 5))
            })
            .collect();
        for o in openers {
            let failures = o.join().unwrap();
            assert!(failures.is_empty(), "round {round}: {failures:?}");
        }
        let s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(s.list_persons().unwrap().len(), 15);
    }
}

/// Issue 13: notes written before guest notes existed are internal notes,
/// and must stay out of guest copies after the upgrade.
#[test]
fn a_version_4_database_keeps_its_notes_internal_after_migrating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.sqlite3");
    let demo = dplan_core::demo::visits(dplan_core::demo::stamp()).remove(0);
    {
        let mut s = Store::open(&path).unwrap();
        s.load_demo().unwrap();
    }
    // Takes the file back to schema 4 as it was: without the guest note
    // columns that migration 5 adds.
    {
        let conn = Connection::open(&path).unwrap();
        back_to_schema_5(&conn);
        for table in ["programme_item", "visit"] {
            for lang in ["de", "en", "zh"] {
                conn.execute_batch(&format!(
                    "ALTER TABLE {table} DROP COLUMN guest_notes_{lang}"
                ))
                .unwrap();
            }
        }
        conn.pragma_update(None, "user_version", 4).unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    let visit = s.get_visit(demo.visit.id).unwrap();
    assert_eq!(visit.notes, demo.visit.notes, "the old notes are kept");
    assert!(visit.guest_notes.is_empty(), "no note became a guest note");
    let items = s.list_programme(demo.visit.id).unwrap();
    assert_eq!(items.len(), demo.programme.len());
    for item in &items {
        let old = demo.programme.iter().find(|i| i.id == item.id).unwrap();
        assert_eq!(item.notes, old.notes, "the old notes are kept");
        assert!(item.guest_notes.is_empty(), "no note became a guest note");
    }
}

/// Issue 13: a room stored before rooms were translated is the German room
/// after the upgrade, and no venue gains a Chinese address by itself.
#[test]
fn a_version_5_database_keeps_its_rooms_as_the_german_rooms() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.sqlite3");
    {
        let mut s = Store::open(&path).unwrap();
        s.load_demo().unwrap();
    }
    // Takes the file back to schema 5: without the columns migration 6 adds.
    {
        let conn = Connection::open(&path).unwrap();
        back_to_schema_5(&conn);
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    let venues = s.list_venues().unwrap();
    let council = venues
        .iter()
        .find(|v| v.room.de.as_deref() == Some("Ratssaal"))
        .expect("the council chamber keeps its German room");
    assert_eq!(
        (council.room.en.as_deref(), council.room.zh.as_deref()),
        (None, None)
    );
    assert!(venues.iter().all(|v| v.address_zh.is_none()));
}

/// Drops what migrations 6 to 10 added, as a database of schema 5 was.
/// The office-wide "name people in guests' calendars" of schema 11 becomes
/// every visit's own choice.
#[test]
fn the_office_wide_choice_to_name_people_carries_over_to_every_visit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v11.sqlite3");
    {
        let mut s = Store::open(&path).unwrap();
        s.load_demo().unwrap();
    }
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TABLE visit_calendar;
             ALTER TABLE feed_token DROP COLUMN folder;
             ALTER TABLE publish_settings
                 ADD COLUMN names INTEGER NOT NULL DEFAULT 0 CHECK (names IN (0, 1));
             INSERT INTO publish_settings (id, folder, names) VALUES (1, '/srv/feeds', 1);",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 11).unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    for v in s.list_visits().unwrap() {
        assert!(s.calendar_names(v.id).unwrap(), "{}", v.id);
    }
    assert_eq!(
        s.publish_settings().unwrap().folder.as_deref(),
        Some("/srv/feeds")
    );
}

/// Feeds kept before their keys named the edition: staff duties and a
/// host's own programme move to internal keys (links included), and guests'
/// feeds forget every item the guest edition leaves out.
#[test]
fn feeds_kept_before_editions_were_apart_move_to_their_edition() {
    use dplan_core::calendar::Published;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v12.sqlite3");
    let visit = dplan_core::demo::incoming_id();
    let event = |uid: &str| Published {
        uid: uid.into(),
        fingerprint: "f".into(),
        sequence: 2,
        changed_at: chrono::Utc::now(),
        summary: "s".into(),
        start: "20270325T080000Z".into(),
        end: "20270325T090000Z".into(),
        gone: false,
    };
    let (host, guest, cancelled, confirmed) = {
        let mut s = Store::open(&path).unwrap();
        s.load_demo().unwrap();
        let parts = s.list_participants(visit).unwrap();
        let host = parts
            .iter()
            .find(|p| p.side == dplan_core::Side::Host)
            .unwrap()
            .person_id;
        let guest = parts
            .iter()
            .find(|p| p.side == dplan_core::Side::Guest)
            .unwrap()
            .person_id;
        let items = s.list_programme(visit).unwrap();
        let of = |st| {
            items
                .iter()
                .find(|i| i.status == st)
                .unwrap()
                .id
                .to_string()
        };
        let (cancelled, confirmed) = (
            of(dplan_core::ItemStatus::Cancelled),
            of(dplan_core::ItemStatus::Confirmed),
        );
        let both = [event(&cancelled), event(&confirmed)];
        for feed in [
            format!("staff/{host}"),
            format!("participant/{host}"),
            format!("participant/{guest}"),
            "visit".to_string(),
        ] {
            s.record_published(visit, &feed, &both).unwrap();
            s.feed_token(
                visit,
                &feed,
                &format!("{:0>20}", feed.replace(['/', '-'], "")),
                chrono::Utc::now(),
            )
            .unwrap();
        }
        (host, guest, cancelled, confirmed)
    };
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("ALTER TABLE feed_token DROP COLUMN folder;")
            .unwrap();
        conn.pragma_update(None, "user_version", 12).unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    let uids = |feed: &str| -> Vec<String> {
        let mut u: Vec<String> = s
            .published(visit, feed)
            .unwrap()
            .into_iter()
            .map(|p| p.uid)
            .collect();
        u.sort();
        u
    };
    let mut both = vec![cancelled.clone(), confirmed.clone()];
    both.sort();
    assert_eq!(uids(&format!("staff/{host}/intern")), both);
    assert_eq!(uids(&format!("participant/{host}/intern")), both);
    assert!(uids(&format!("staff/{host}")).is_empty());
    assert!(uids(&format!("participant/{host}")).is_empty());
    // Guests' feeds keep the confirmed item (and its SEQUENCE) only.
    assert_eq!(
        uids(&format!("participant/{guest}")),
        vec![confirmed.clone()]
    );
    assert_eq!(uids("visit"), vec![confirmed.clone()]);
    assert_eq!(s.published(visit, "visit").unwrap()[0].sequence, 2);
    // The links moved with their feeds.
    let mut feeds: Vec<String> = s
        .feed_tokens(visit)
        .unwrap()
        .into_iter()
        .map(|t| t.feed)
        .collect();
    feeds.sort();
    let mut want = vec![
        format!("staff/{host}/intern"),
        format!("participant/{host}/intern"),
        format!("participant/{guest}"),
        "visit".to_string(),
    ];
    want.sort();
    assert_eq!(feeds, want);
}

fn back_to_schema_5(conn: &Connection) {
    conn.execute_batch(
        "DROP TABLE visit_calendar; DROP TABLE publish_lease; DROP TABLE publish_settings; DROP TABLE feed_token; DROP TABLE caldav_resource;
         DROP TABLE caldav_collection;
         DROP TABLE calendar_event",
    )
    .unwrap();
    for (table, column) in [
        ("venue", "room_en"),
        ("venue", "room_zh"),
        ("venue", "address_zh"),
        ("programme_item", "transport"),
        ("visit", "contacts"),
    ] {
        conn.execute_batch(&format!("ALTER TABLE {table} DROP COLUMN {column}"))
            .unwrap();
    }
    conn.pragma_update(None, "user_version", 5).unwrap();
}
