use std::path::{Path, PathBuf};

use dplan_core::demo;
use dplan_store::{APPLICATION_ID, ErrorKind, SCHEMA_VERSION, Store};
use rusqlite::Connection;

/// The migrations as released, to build databases the way an older dplan
/// left them.
const MIGRATIONS: &[&str] = &[
    include_str!("../../src/migrations/0001_initial.sql"),
    include_str!("../../src/migrations/0002_personal_data_purge.sql"),
    include_str!("../../src/migrations/0003_check_settings.sql"),
    include_str!("../../src/migrations/0004_dress_code.sql"),
];

/// A database at schema `version`, made by the first `version` migrations
/// as an older dplan ran them, and marked as ours.
fn old_database(path: &Path, version: usize) -> Connection {
    let conn = Connection::open(path).unwrap();
    for sql in &MIGRATIONS[..version] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", version as u32)
        .unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    conn
}

/// A live database with the demo loaded, in its own folder.
fn live() -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.sqlite3");
    let mut s = Store::open(&path).unwrap();
    s.load_demo().unwrap();
    (dir, path, s)
}

/// The bytes of a database file and its write-ahead log, after a
/// checkpoint has moved everything committed into the file.
fn bytes_on_disk(path: &Path) -> (Vec<u8>, Vec<u8>) {
    let conn = Connection::open(path).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    drop(conn);
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    (
        std::fs::read(path).unwrap(),
        std::fs::read(PathBuf::from(wal)).unwrap_or_default(),
    )
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    names.sort();
    names
}

/// Restores `backup` into the live database and expects a refusal whose
/// message contains `reason`, with the live database unchanged to the byte
/// and no temporary file left behind.
fn refused(backup: &Path, reason: &str) {
    let (dir, path, mut s) = live();
    let before = bytes_on_disk(&path);
    let files_before = names_in(dir.path());
    let err = s.restore_from(backup).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Storage, "{err}");
    let msg = err.to_string();
    assert!(msg.contains(reason), "the message names the reason: {msg}");
    assert!(
        msg.contains("the backup is not usable") && msg.ends_with("nothing was changed"),
        "{msg}"
    );
    assert!(
        bytes_on_disk(&path) == before,
        "a refused restore must leave the live database byte for byte as it was ({msg})"
    );
    assert_eq!(
        names_in(dir.path()),
        files_before,
        "no temporary file is left"
    );
    assert_eq!(s.list_visits().unwrap().len(), 2, "the store still works");
    assert!(s.check_integrity().unwrap().is_empty());
}

#[test]
fn backup_and_restore_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("live.sqlite3")).unwrap();
    s.load_demo().unwrap();
    let id = demo::incoming_id();
    let before = s.export_visit(id, demo::stamp(), true).unwrap();
    let backup = dir.path().join("backup.sqlite3");
    s.backup_to(&backup).unwrap();
    assert_eq!(
        names_in(dir.path()),
        ["backup.sqlite3", "live.sqlite3"],
        "a backup leaves only itself beside the database"
    );

    s.delete_visit(id).unwrap();
    s.restore_from(&backup).unwrap();
    assert_eq!(s.export_visit(id, demo::stamp(), true).unwrap(), before);
    assert_eq!(
        names_in(dir.path()),
        ["backup.sqlite3", "live.sqlite3"],
        "a restore leaves no temporary file"
    );
    drop(s);
    let conn = Connection::open(dir.path().join("live.sqlite3")).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        mode, "wal",
        "the restored database keeps its write-ahead log"
    );
}

#[test]
fn a_restore_into_a_store_in_memory_works_too() {
    let dir = tempfile::tempdir().unwrap();
    let (_live_dir, _, s) = live();
    let backup = dir.path().join("backup.sqlite3");
    s.backup_to(&backup).unwrap();
    let mut memory = Store::open_in_memory().unwrap();
    memory.restore_from(&backup).unwrap();
    assert_eq!(memory.list_visits().unwrap().len(), 2);
}

#[test]
fn a_backup_of_an_older_schema_is_migrated_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("v3.sqlite3");
    let conn = old_database(&backup, 3);
    conn.execute(
        "INSERT INTO visit (id, direction, partner_city, first_day, last_day, time_zone, status)
         VALUES ('0b8a1f5e-6c67-4d5b-9a39-3c5f0e0b1a01', 'incoming', 'Luzhou',
                 '2027-03-24', '2027-03-28', 'Europe/Berlin', 'planning')",
        [],
    )
    .unwrap();
    drop(conn);
    let (_live_dir, _, mut s) = live();
    s.restore_from(&backup).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    let visits = s.list_visits().unwrap();
    assert_eq!(visits.len(), 1, "the backup's one visit replaced the demo");
    assert_eq!(visits[0].partner_city, "Luzhou");
    assert!(s.check_integrity().unwrap().is_empty());
}

#[test]
fn restore_of_a_schema_whose_migration_fails_leaves_the_live_database_untouched() {
    let dir = tempfile::tempdir().unwrap();
    // Version 2 with the table that migration 3 creates already there: the
    // migration fails half way through the upgrade.
    let backup = dir.path().join("v2.sqlite3");
    old_database(&backup, 2)
        .execute_batch("CREATE TABLE check_settings (id INTEGER PRIMARY KEY)")
        .unwrap();
    refused(
        &backup,
        &format!(
            "bringing it from schema version 2 to {SCHEMA_VERSION} failed: database error: table check_settings already exists"
        ),
    );

    // Version 3 whose programme already has a column that migration 4 adds.
    let backup = dir.path().join("v3.sqlite3");
    old_database(&backup, 3)
        .execute_batch("ALTER TABLE programme_item ADD COLUMN dress_code_en TEXT")
        .unwrap();
    refused(&backup, "duplicate column name: dress_code_en");
}

#[test]
fn restore_of_a_file_with_our_application_id_but_no_tables_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("no-tables.sqlite3");
    let conn = Connection::open(&backup).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION)
        .unwrap();
    drop(conn);
    refused(&backup, "table `participant` is missing");

    // The same at version 0: nothing of ours in it at all.
    let empty = dir.path().join("version-0.sqlite3");
    let conn = Connection::open(&empty).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    drop(conn);
    refused(&empty, "it holds no dplan data");
}

#[test]
fn restore_of_a_backup_with_broken_foreign_keys_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_d, _, s) = live();
    let backup = dir.path().join("broken.sqlite3");
    s.backup_to(&backup).unwrap();
    drop(s);
    // Without foreign keys enforced, another program removes a person that
    // visits and programme items still name.
    let conn = Connection::open(&backup).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         DELETE FROM person WHERE id = (SELECT person_id FROM participant LIMIT 1);",
    )
    .unwrap();
    drop(conn);
    refused(&backup, "refer to rows that are not there");
}

#[test]
fn restore_of_a_damaged_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_d, _, s) = live();
    let backup = dir.path().join("damaged.sqlite3");
    s.backup_to(&backup).unwrap();
    drop(s);
    let mut bytes = std::fs::read(&backup).unwrap();
    // Keep the header and the schema page, scramble the pages after them.
    let page = 4096;
    assert!(bytes.len() > 6 * page, "the demo fills several pages");
    for (i, b) in bytes[2 * page..6 * page].iter_mut().enumerate() {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(&backup, bytes).unwrap();
    refused(&backup, "the backup is not usable");
}

#[test]
fn restore_of_a_newer_schema_or_a_file_that_is_not_sqlite_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_d, _, s) = live();
    let newer = dir.path().join("newer.sqlite3");
    s.backup_to(&newer).unwrap();
    drop(s);
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    refused(&newer, "a newer dplan wrote it");

    let garbage = dir.path().join("garbage.sqlite3");
    std::fs::write(&garbage, vec![b'x'; 4096]).unwrap();
    refused(&garbage, "is not a Delegation Planner database");

    let foreign = dir.path().join("foreign.sqlite3");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    refused(&foreign, "another application");
}

#[test]
fn restore_of_a_backup_with_a_missing_index_or_an_extra_table_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_d, _, s) = live();
    let backup = dir.path().join("changed.sqlite3");
    s.backup_to(&backup).unwrap();
    drop(s);
    Connection::open(&backup)
        .unwrap()
        .execute_batch("DROP INDEX participant_by_person; CREATE TABLE extra (x)")
        .unwrap();
    refused(&backup, "index `participant_by_person` is missing");
    refused(&backup, "it has a table `extra` that dplan does not create");
}

#[test]
fn a_missing_backup_is_refused_and_nothing_changes() {
    let (dir, path, mut s) = live();
    let before = bytes_on_disk(&path);
    let err = s
        .restore_from(&dir.path().join("missing.sqlite3"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Storage);
    assert!(err.to_string().contains("cannot read"), "{err}");
    assert!(bytes_on_disk(&path) == before);
}

#[test]
fn backup_leaves_an_unrelated_partial_file_alone() {
    let (dir, _, s) = live();
    // The old backup wrote to `X.partial` beside `X.db` and deleted what
    // was there first.
    let partial = dir.path().join("X.partial");
    std::fs::write(&partial, "someone else's work").unwrap();
    s.backup_to(&dir.path().join("X.db")).unwrap();
    assert_eq!(
        std::fs::read_to_string(&partial).unwrap(),
        "someone else's work",
        "a file the backup did not make is never touched"
    );
    assert_eq!(
        names_in(dir.path()),
        ["X.db", "X.partial", "live.sqlite3"],
        "the backup leaves no file of its own but the backup"
    );
}

#[test]
fn a_database_the_store_made_passes_its_integrity_check() {
    let (_d, _, s) = live();
    assert_eq!(s.check_integrity().unwrap(), Vec::<String>::new());
}

#[test]
fn a_restore_removes_copies_that_killed_restores_left_but_nothing_else() {
    let (dir, _, mut s) = live();
    let backup_dir = tempfile::tempdir().unwrap();
    let backup = backup_dir.path().join("backup.sqlite3");
    s.backup_to(&backup).unwrap();
    let day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(86_400);
    let make = |name: &str, old: bool| {
        let path = dir.path().join(name);
        std::fs::write(&path, "x").unwrap();
        if old {
            std::fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(day_ago)
                .unwrap();
        }
    };
    make(".dplan-restore.123-00000000000000ab.tmp", true);
    make(".dplan-restore.123-00000000000000ab.tmp-journal", true);
    make(".dplan-restore.456-00000000000000cd.tmp", false);
    make("notes.tmp", true);
    s.restore_from(&backup).unwrap();
    assert_eq!(
        names_in(dir.path()),
        [
            ".dplan-restore.456-00000000000000cd.tmp",
            "live.sqlite3",
            "notes.tmp"
        ],
        "only stale copies of a restore are removed; a recent one may belong to a running restore"
    );
}
