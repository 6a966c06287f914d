use std::path::Path;

use chrono::{TimeZone, Utc};
use dplan_core::{
    ListedParticipant, NameOrder, Person, PersonId, PersonalData, Role, Side, Texts, VisitFile,
    VisitStatus, demo,
};
use dplan_store::{ErrorKind, ListedOutcome, Store};

use crate::on_both_demo;

fn new_person(key: &str, family: &str, given: &str) -> Person {
    let mut p = Person::new(
        PersonId::derived(&format!("roster-test/{key}")),
        family,
        given,
        NameOrder::GivenFirst,
    );
    p.organisation = Texts::de("Hochschule Bochum");
    p.languages = vec!["de".into()];
    p
}

fn listed(person: Person, side: Side, role: Role, rank: Option<u32>) -> ListedParticipant {
    ListedParticipant {
        person,
        side,
        role,
        rank,
        hotel: None,
    }
}

/// Names on one side, in the visit's order of precedence.
fn side_names(s: &Store, visit: dplan_core::VisitId, side: Side) -> Vec<String> {
    s.list_participants(visit)
        .unwrap()
        .into_iter()
        .filter(|p| p.side == side)
        .map(|p| s.get_person(p.person_id).unwrap().display_name())
        .collect()
}

#[test]
fn a_list_adds_new_people_matches_known_ones_and_places_them_by_role() {
    on_both_demo(|mut s, file| {
        let visit = file.visit.id;
        let other_visit = &demo::visits(demo::stamp())[1];
        // Someone from the other demo visit, written as a list would have them:
        // another id, the same name and organisation.
        let mut known = other_visit
            .persons
            .iter()
            .find(|p| !file.persons.iter().any(|q| q.id == p.id))
            .expect("the outgoing demo visit has someone the incoming one lacks")
            .clone();
        let known_id = known.id;
        known.id = PersonId::derived("roster-test/known-again");
        known.given_name = known.given_name.to_uppercase();
        let mut already = file.persons[0].clone();
        already.id = PersonId::derived("roster-test/already");
        let persons_before = s.list_persons().unwrap().len();
        let guests_before = side_names(&s, visit, Side::Guest);

        let list = [
            listed(
                new_person("a", "Schäfer", "Lena"),
                Side::Host,
                Role::Staff,
                Some(2),
            ),
            listed(known, Side::Host, Role::Interpreter, Some(1)),
            listed(already, Side::Guest, Role::Member, None),
            listed(
                new_person("head", "Krüger", "Tim"),
                Side::Host,
                Role::HeadOfDelegation,
                None,
            ),
        ];
        let report = s.import_participants(visit, &list, false).unwrap();

        let outcomes: Vec<ListedOutcome> = report.rows.iter().map(|r| r.outcome).collect();
        assert_eq!(
            outcomes,
            [
                ListedOutcome::NewPerson,
                ListedOutcome::KnownPerson,
                ListedOutcome::AlreadyInVisit,
                ListedOutcome::NewPerson
            ]
        );
        assert_eq!(
            report.rows[1].person_id,
            known_id.to_string(),
            "matched, not duplicated"
        );
        assert_eq!(
            s.list_persons().unwrap().len(),
            persons_before + 2,
            "only the two new people join the address book"
        );
        assert_eq!(
            side_names(&s, visit, Side::Guest),
            guests_before,
            "guests unchanged"
        );
        let hosts = side_names(&s, visit, Side::Host);
        assert_eq!(
            hosts[0], "Tim Krüger",
            "a new head of delegation leads the side: {hosts:?}"
        );
        let n = hosts.len();
        assert_eq!(
            &hosts[n - 2..],
            [
                s.get_person(known_id).unwrap().display_name(),
                "Lena Schäfer".to_string()
            ],
            "the others follow the hosts already there, by the rank the list gives"
        );
        let precedences: Vec<u32> = s
            .list_participants(visit)
            .unwrap()
            .into_iter()
            .filter(|p| p.side == Side::Host)
            .map(|p| p.precedence)
            .collect();
        assert_eq!(
            precedences,
            (1..=n as u32).collect::<Vec<_>>(),
            "numbered without gaps"
        );
    });
}

#[test]
fn a_dry_run_reports_the_same_and_stores_nothing() {
    on_both_demo(|mut s, file| {
        let visit = file.visit.id;
        let before = s.export_visit(visit, demo::stamp(), true).unwrap();
        let persons_before = s.list_persons().unwrap();
        let list = [listed(
            new_person("dry", "Nowak", "Eva"),
            Side::Host,
            Role::Member,
            None,
        )];
        let dry = s.import_participants(visit, &list, true).unwrap();
        assert!(dry.dry_run);
        assert_eq!(dry.new_persons, 1);
        assert_eq!(s.export_visit(visit, demo::stamp(), true).unwrap(), before);
        assert_eq!(s.list_persons().unwrap(), persons_before);
        let real = s.import_participants(visit, &list, false).unwrap();
        assert_eq!(
            real.rows, dry.rows,
            "the dry run said exactly what the import did"
        );
    });
}

#[test]
fn one_bad_row_stores_nothing_and_every_bad_row_is_named() {
    on_both_demo(|mut s, file| {
        let visit = file.visit.id;
        let before = s.export_visit(visit, demo::stamp(), true).unwrap();
        let persons_before = s.list_persons().unwrap().len();
        let mut nameless = new_person("nameless", "", "Karl");
        nameless.email = Some("kein-at-zeichen".into());
        let list = [
            listed(
                new_person("ok", "Becker", "Jonas"),
                Side::Host,
                Role::Member,
                None,
            ),
            listed(nameless, Side::Host, Role::Member, None),
            listed(
                new_person("twice", "Becker", "Jonas"),
                Side::Host,
                Role::Member,
                None,
            ),
        ];
        let err = s.import_participants(visit, &list, false).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid);
        let fields: Vec<String> = err
            .invalid()
            .unwrap()
            .errors
            .iter()
            .map(|e| e.field.clone())
            .collect();
        assert_eq!(
            fields,
            [
                "rows[1].family_name",
                "rows[1].email",
                "rows[2].family_name"
            ],
            "{err}"
        );
        assert!(err.to_string().contains("same person as row 1"), "{err}");
        assert_eq!(s.export_visit(visit, demo::stamp(), true).unwrap(), before);
        assert_eq!(s.list_persons().unwrap().len(), persons_before);
    });
}

#[test]
fn personal_data_is_removed_only_after_the_visit_and_kept_for_people_still_travelling() {
    on_both_demo(|mut s, file| {
        let visit = file.visit.id;
        let at = Utc.with_ymd_and_hms(2027, 4, 2, 9, 0, 0).unwrap();
        let err = s.purge_personal_data(visit, at).unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::Conflict,
            "the visit is still confirmed: {err}"
        );
        assert!(s.list_purges(visit).unwrap().is_empty());

        let with_data: Vec<PersonId> = file
            .persons
            .iter()
            .filter(|p| p.personal.as_ref().is_some_and(|d| !d.is_empty()))
            .map(|p| p.id)
            .collect();
        assert!(
            !with_data.is_empty(),
            "the demo has personal data to remove"
        );
        let outgoing = demo::visits(demo::stamp())[1].clone();
        let travelling: Vec<PersonId> = with_data
            .iter()
            .copied()
            .filter(|id| outgoing.participants.iter().any(|p| p.person_id == *id))
            .collect();

        let mut v = s.get_visit(visit).unwrap();
        v.status = VisitStatus::Completed;
        s.update_visit(&v).unwrap();
        let record = s.purge_personal_data(visit, at).unwrap();
        assert_eq!(record.purged as usize, with_data.len() - travelling.len());
        assert_eq!(record.kept as usize, travelling.len());
        for id in &with_data {
            let data = s.get_personal_data(*id).unwrap();
            assert_eq!(
                data.is_empty(),
                !travelling.contains(id),
                "data stays only for people in a visit that is not over"
            );
        }
        assert_eq!(s.list_purges(visit).unwrap(), vec![record]);
    });
}

/// The incoming demo visit, over, with a passport number made of `prefix`
/// and a serial for each of its persons.
fn visit_with_passports(prefix: &str) -> (VisitFile, Vec<String>) {
    let mut file = demo::visits(demo::stamp()).remove(0);
    file.visit.status = VisitStatus::Completed;
    let mut numbers = Vec::new();
    for (i, p) in file.persons.iter_mut().enumerate() {
        let number = format!("{prefix}{i:04}");
        p.personal = Some(PersonalData {
            passport_number: Some(number.clone()),
            ..p.personal.clone().unwrap_or_default()
        });
        numbers.push(number);
    }
    (file, numbers)
}

/// The passport numbers found in the raw bytes of a database file and its
/// write-ahead log.
fn numbers_in_files(db: &Path, numbers: &[String]) -> Vec<String> {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    let mut bytes = std::fs::read(db).unwrap();
    bytes.extend(std::fs::read(std::path::PathBuf::from(wal)).unwrap_or_default());
    numbers
        .iter()
        .filter(|n| bytes.windows(n.len()).any(|w| w == n.as_bytes()))
        .cloned()
        .collect()
}

#[test]
fn passport_numbers_can_be_found_in_the_file_before_a_purge() {
    // The control for the test below: the search does find what is there.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dplan.sqlite3");
    let mut s = Store::open(&db).unwrap();
    let (file, numbers) = visit_with_passports("QZPASS");
    s.import_visit(&file).unwrap();
    assert_eq!(numbers_in_files(&db, &numbers), numbers);
    let backup = dir.path().join("backup.sqlite3");
    s.backup_to(&backup).unwrap();
    assert_eq!(numbers_in_files(&backup, &numbers), numbers);
}

#[test]
fn purged_passport_numbers_are_gone_from_the_file_its_log_and_later_backups() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dplan.sqlite3");
    let mut s = Store::open(&db).unwrap();
    // First the numbers as they were, then new ones: an update must not
    // leave the old record's bytes behind either.
    let (file, mut numbers) = visit_with_passports("QZOLD");
    s.import_visit(&file).unwrap();
    let (file, newer) = visit_with_passports("QZNEW");
    s.import_visit(&file).unwrap();
    numbers.extend(newer.iter().cloned());
    assert_eq!(
        numbers_in_files(&db, &newer),
        newer,
        "the numbers are stored before the purge"
    );

    let record = s
        .purge_personal_data(
            file.visit.id,
            Utc.with_ymd_and_hms(2027, 4, 2, 9, 0, 0).unwrap(),
        )
        .unwrap();
    assert_eq!(record.purged as usize, file.persons.len());
    assert_eq!(
        numbers_in_files(&db, &numbers),
        Vec::<String>::new(),
        "no purged passport number may remain in the database file or its log"
    );
    let backup = dir.path().join("backup.sqlite3");
    s.backup_to(&backup).unwrap();
    assert_eq!(
        numbers_in_files(&backup, &numbers),
        Vec::<String>::new(),
        "nor in a backup made afterwards"
    );
}
