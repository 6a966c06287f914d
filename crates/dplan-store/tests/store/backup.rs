use dplan_core::demo;
use dplan_store::Store;

#[test]
fn backup_and_restore_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("live.sqlite3")).unwrap();
    s.load_demo().unwrap();
    let id = demo::incoming_id();
    let before = s.export_visit(id, demo::stamp(), true).unwrap();
    let backup = dir.path().join("backup.sqlite3");
    s.backup_to(&backup).unwrap();
    assert!(!dir.path().join("backup.partial").exists());

    s.delete_visit(id).unwrap();
    s.restore_from(&backup).unwrap();
    assert_eq!(s.export_visit(id, demo::stamp(), true).unwrap(), before);
}

#[test]
fn a_bad_backup_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("live.sqlite3")).unwrap();
    s.load_demo().unwrap();
    let garbage = dir.path().join("garbage.sqlite3");
    std::fs::write(&garbage, vec![b'x'; 4096]).unwrap();
    let err = s.restore_from(&garbage).unwrap_err();
    assert!(
        err.to_string()
            .contains("is not a Delegation Planner database"),
        "{err}"
    );

    let empty = dir.path().join("empty.sqlite3");
    rusqlite::Connection::open(&empty)
        .unwrap()
        .execute_batch("VACUUM")
        .unwrap();
    assert!(s.restore_from(&empty).is_err());
    assert!(s.restore_from(&dir.path().join("missing.sqlite3")).is_err());
    assert_eq!(
        s.list_visits().unwrap().len(),
        2,
        "a refused restore keeps the data"
    );
}
