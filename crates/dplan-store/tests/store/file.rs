use dplan_core::demo;
use dplan_store::{ErrorKind, ErrorReport, write_atomically};

use crate::{on_both_demo, store};

#[test]
fn a_visit_file_written_to_disk_imports_elsewhere_as_the_same_visit() {
    on_both_demo(|s, file| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Besuch 泸州.json");
        let written = s
            .export_visit_file(file.visit.id, &path, demo::stamp(), false)
            .unwrap();
        assert!(
            written.persons.iter().all(|p| p.personal.is_none()),
            "the app's export leaves personal data out"
        );
        let mut other = store();
        let report = other.import_visit_file(&path).unwrap();
        assert!(report.created);
        assert_eq!(
            other
                .export_visit(file.visit.id, demo::stamp(), false)
                .unwrap(),
            written
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(
            names,
            ["Besuch 泸州.json"],
            "no partial file is left behind"
        );
    });
}

#[test]
fn a_broken_or_foreign_file_is_refused_by_name_and_changes_nothing() {
    on_both_demo(|mut s, file| {
        let before = s.export_visit(file.visit.id, demo::stamp(), true).unwrap();
        let dir = tempfile::tempdir().unwrap();

        let truncated = dir.path().join("truncated.json");
        let text = file.to_json();
        std::fs::write(&truncated, &text[..text.len() / 2]).unwrap();
        let err = s.import_visit_file(&truncated).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid);
        assert!(
            err.to_string().contains("truncated.json: not a visit file"),
            "the message names the file: {err}"
        );

        // Valid JSON of the right format with an empty partner city: the field
        // error reaches the UI with its path.
        let mut bad = file.clone();
        bad.visit.partner_city = String::new();
        let invalid = dir.path().join("invalid.json");
        std::fs::write(&invalid, bad.to_json()).unwrap();
        let err = s.import_visit_file(&invalid).unwrap_err();
        let report = ErrorReport::from(&err);
        assert_eq!(report.kind, ErrorKind::Invalid);
        assert!(
            report
                .fields
                .iter()
                .any(|f| f.field.ends_with("partner_city")),
            "field errors survive: {:?}",
            report.fields
        );

        let missing = s.import_visit_file(&dir.path().join("missing.json"));
        assert_eq!(missing.unwrap_err().kind(), ErrorKind::Storage);

        assert_eq!(
            s.export_visit(file.visit.id, demo::stamp(), true).unwrap(),
            before,
            "nothing stored was changed"
        );
    });
}

#[test]
fn a_failed_write_leaves_what_was_there_and_no_scratch_file() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should go makes the final rename fail.
    let path = dir.path().join("visit.json");
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("inside.txt"), "old").unwrap();
    let err = write_atomically(&path, b"new").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Storage);
    assert!(err.to_string().contains("cannot write"), "{err}");
    assert_eq!(
        std::fs::read_to_string(path.join("inside.txt")).unwrap(),
        "old"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["visit.json"], "the scratch file is removed");
}

#[test]
fn writing_a_file_leaves_an_unrelated_partial_file_alone() {
    // Regression: the file was written as `NAME.partial` first, which
    // overwrote (and on failure deleted) a file of that name.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("visit.json");
    let other = dir.path().join("visit.json.partial");
    std::fs::write(&other, "someone else's").unwrap();
    write_atomically(&path, b"new").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "someone else's");
}
