//! From a file to drafts of persons and participants: detection, names,
//! errors by row and column, all-or-nothing.

use dplan_core::{Lang, NameOrder, PersonId, Role, Side, VisitId};
use dplan_roster::{
    Draft, Field, ImportOptions, ImportPlan, ImportPolicy, Mapping, RosterError, detect_mapping,
    plan_import, read_table,
};

use crate::fixtures::bytes;

fn visit() -> VisitId {
    VisitId::derived("test/visit")
}

/// Ids derived from a counter, so that runs repeat.
fn ids() -> impl FnMut() -> PersonId {
    let mut n = 0;
    move || {
        n += 1;
        PersonId::derived(&format!("test/person/{n}"))
    }
}

fn plan(name: &str) -> ImportPlan {
    let table = read_table(&bytes(name)).unwrap();
    let mapping = detect_mapping(&table);
    plan_import(&table, &mapping, visit(), &ImportOptions::default(), ids()).unwrap()
}

fn names(drafts: &[Draft]) -> Vec<String> {
    drafts.iter().map(|d| d.person.display_name()).collect()
}

#[test]
fn a_chinese_list_gives_chinese_names_in_chinese_order() {
    let plan = plan("chinese_utf8.csv");
    assert!(plan.is_valid(), "{:?}", plan.errors);
    assert_eq!(
        names(&plan.drafts),
        [
            "刘强 Liu Qiang",
            "王芳 Wang Fang",
            "欧阳明 Ouyang Ming",
            "张丽 Zhang Li"
        ]
    );
    let liu = &plan.drafts[0];
    assert_eq!(liu.person.name_order, NameOrder::FamilyFirst);
    assert_eq!(liu.person.pinyin.as_deref(), Some("Liú Qiáng"));
    assert_eq!(
        liu.person.organisation.zh.as_deref(),
        Some("泸州市人民政府")
    );
    assert_eq!(liu.person.position.zh.as_deref(), Some("副市长"));
    assert_eq!(liu.person.phone.as_deref(), Some("+86 138 0000 0001"));
    assert_eq!(liu.participant.role, Role::HeadOfDelegation);
    assert_eq!(plan.drafts[3].participant.role, Role::Interpreter);
    // No side column: all are guests; no precedence column: file order.
    assert!(
        plan.drafts
            .iter()
            .all(|d| d.participant.side == Side::Guest)
    );
    let order: Vec<u32> = plan
        .drafts
        .iter()
        .map(|d| d.participant.precedence)
        .collect();
    assert_eq!(order, [1, 2, 3, 4]);
    assert!(plan.drafts.iter().all(|d| !d.precedence_given));
    assert_eq!(plan.unmapped, ["序号"]);
}

#[test]
fn ids_come_from_the_caller_in_row_order() {
    let plan = plan("chinese_utf8.csv");
    let mut expected = ids();
    for d in &plan.drafts {
        let id = expected();
        assert_eq!(d.person.id, id);
        assert_eq!(d.participant.person_id, id);
        assert_eq!(d.participant.visit_id, visit());
    }
}

#[test]
fn a_german_list_with_bom_fills_both_sides() {
    let plan = plan("german_bom.csv");
    assert!(plan.is_valid(), "{:?}", plan.errors);
    assert_eq!(
        names(&plan.drafts),
        ["Dr. Frank Dudda", "刘强 Liu Qiang", "王芳 Wang Fang"]
    );
    let dudda = &plan.drafts[0];
    assert_eq!(dudda.person.name_order, NameOrder::GivenFirst);
    assert_eq!(dudda.participant.side, Side::Host);
    assert_eq!(dudda.participant.role, Role::Host);
    assert_eq!(dudda.participant.precedence, 1);
    assert!(dudda.precedence_given);
    assert_eq!(dudda.person.email.as_deref(), Some("frank.dudda@herne.de"));
    assert_eq!(
        dudda.person.position.de.as_deref(),
        Some("Oberbürgermeister")
    );
    let liu = &plan.drafts[1];
    assert_eq!(liu.person.name_order, NameOrder::FamilyFirst);
    assert_eq!(liu.participant.role, Role::HeadOfDelegation);
    assert_eq!(plan.drafts[2].participant.precedence, 2);
}

#[test]
fn a_windows_1252_list_keeps_its_umlauts() {
    let plan = plan("german_windows1252.csv");
    assert!(plan.is_valid(), "{:?}", plan.errors);
    assert_eq!(
        names(&plan.drafts),
        ["Jürgen Müller", "Bärbel Groß", "Ülkü Özdemir"]
    );
    assert_eq!(
        plan.drafts[0].participant.hotel.as_deref(),
        Some("Hotel Straßburger Hof")
    );
    assert_eq!(plan.drafts[1].participant.hotel, None);
}

#[test]
fn a_missing_family_name_is_reported_by_row_and_column() {
    let plan = plan("quoted_multiline.csv");
    assert_eq!(plan.errors.len(), 1, "{:?}", plan.errors);
    // Row 5 as Excel shows it, though it starts on line 8 of the file.
    assert_eq!(
        plan.errors[0].to_string(),
        "row 5, column „Nachname“: must not be empty"
    );
    assert_eq!(plan.drafts.len(), 3);
    // A line break typed into a cell becomes a space.
    assert_eq!(
        plan.drafts[1].person.organisation.de.as_deref(),
        Some("Herner Gesellschaft für Wirtschaftsförderung \"WFG\" mbH")
    );
}

#[test]
fn import_is_all_or_nothing_unless_the_user_chooses_the_valid_rows() {
    let plan = plan("missing_family_name.csv");
    assert_eq!(
        plan.errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["row 4, column „Full name“: must not be empty"]
    );
    let err = plan.accepted(ImportPolicy::AllOrNothing).unwrap_err();
    assert!(
        matches!(err, RosterError::InvalidRows { count: 1, .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "nothing was imported: 1 row has errors (first: row 4, column „Full name“: must not be empty)"
    );
    let valid = plan.accepted(ImportPolicy::ValidRowsOnly).unwrap();
    assert_eq!(names(valid), ["Dr. Frank Dudda", "Liu Qiang", "Wang Fang"]);
    // A clean plan is accepted whole under either policy.
    let clean = self::plan("german_bom.csv");
    assert_eq!(clean.accepted(ImportPolicy::AllOrNothing).unwrap().len(), 3);
}

#[test]
fn whole_names_are_split_and_the_split_is_noted() {
    let plan = plan("missing_family_name.csv");
    let d = &plan.drafts;
    assert_eq!(
        (
            d[0].person.academic_title.as_deref(),
            &*d[0].person.given_name,
            &*d[0].person.family_name
        ),
        (Some("Dr."), "Frank", "Dudda")
    );
    assert_eq!(
        d[0].notes,
        [
            "„Dr. Frank Dudda“ was read as academic title „Dr.“, family name „Dudda“, given name „Frank“"
        ]
    );
    assert_eq!(
        (&*d[1].person.family_name, &*d[1].person.given_name),
        ("Liu", "Qiang")
    );
    assert_eq!(d[1].person.name_order, NameOrder::FamilyFirst);
    // An English list: shared words such as "Organization" are English.
    assert_eq!(
        d[1].person.organisation.en.as_deref(),
        Some("Luzhou Municipal Government")
    );
    assert_eq!(d[1].person.position.en.as_deref(), Some("Vice Mayor"));
    // "Wang Fang" has no precedence: after the given ones on the guest side
    // (of the valid rows: row 4's 2 is not taken).
    assert_eq!(d[2].participant.precedence, 2);
    assert!(!d[2].precedence_given);
}

#[test]
fn a_headers_only_file_has_no_participants() {
    let table = read_table(&bytes("headers_only.csv")).unwrap();
    let err = plan_import(
        &table,
        &detect_mapping(&table),
        visit(),
        &ImportOptions::default(),
        ids(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the file has column headers but no rows with participants"
    );
}

#[test]
fn without_a_name_column_the_user_is_asked_for_a_mapping() {
    let table = read_table("Bezeichnung;Dienststelle\nDudda;Stadt Herne\n".as_bytes()).unwrap();
    let mapping = detect_mapping(&table);
    let err = plan_import(&table, &mapping, visit(), &ImportOptions::default(), ids()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no column holds the family name (columns: Bezeichnung, Dienststelle); choose the column for the family name"
    );
    let mapping = mapping.with_override(Field::FamilyName, Some(0));
    let plan = plan_import(&table, &mapping, visit(), &ImportOptions::default(), ids()).unwrap();
    assert_eq!(names(&plan.drafts), ["Dudda"]);
    assert_eq!(
        plan.drafts[0].person.organisation.de.as_deref(),
        Some("Stadt Herne")
    );
}

#[test]
fn a_mapping_with_a_column_the_file_lacks_is_refused() {
    let table = read_table(b"Name\nDudda\n").unwrap();
    let mapping = Mapping::default().with_override(Field::FamilyName, Some(3));
    let err = plan_import(&table, &mapping, visit(), &ImportOptions::default(), ids()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "there is no column 3; the file has 1 columns"
    );
}

#[test]
fn every_bad_cell_is_named_with_the_models_reason() {
    let csv = "Nachname;Vorname;E-Mail;Telefon;Sprachen;Seite;Rolle;Rang;Ernährung\n\
               Dudda;Frank;frank at herne;call me;Klingonisch;beide;Chef;erster;keine Nüsse\n\
               Liu;<b>Qiang</b>;;;zh;Gast;;0;\n";
    let table = read_table(csv.as_bytes()).unwrap();
    let plan = plan_import(
        &table,
        &detect_mapping(&table),
        visit(),
        &ImportOptions::default(),
        ids(),
    )
    .unwrap();
    let errors: Vec<String> = plan.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        errors,
        [
            "row 2, column „Seite“: `beide` is not a side: write Gast/Guest/客方 or Gastgeber/Host/主方",
            "row 2, column „Rolle“: `Chef` is not a role: write Delegationsleiter/in, Delegationsmitglied, Dolmetscher/in, Gastgeber/in, Betreuer/in, Fahrer/in or Pressevertreter/in (or the English or Chinese word)",
            "row 2, column „Rang“: `erster` is not a number (1 is first in precedence)",
            "row 2, column „E-Mail“: `frank at herne` is not an e-mail address",
            "row 2, column „Telefon“: `call me` is not a phone number (digits, spaces and + - / ( ) only)",
            "row 2, column „Sprachen“: `Klingonisch` is not a language code such as de, en or zh",
            "row 3, column „Vorname“: contains markup (<b…); enter plain text",
            "row 3, column „Rang“: must be 1 or more",
        ]
    );
    assert_eq!(plan.invalid_rows(), 2);
    assert!(plan.drafts.is_empty());
}

#[test]
fn personal_data_goes_into_the_personal_part_only() {
    let csv =
        "Name;Vorname;Ernährung;Barrierefreiheit\nLiu;Qiang;kein Schweinefleisch;\nDudda;Frank;;\n";
    let table = read_table(csv.as_bytes()).unwrap();
    let plan = plan_import(
        &table,
        &detect_mapping(&table),
        visit(),
        &ImportOptions::default(),
        ids(),
    )
    .unwrap();
    let personal = plan.drafts[0].person.personal.as_ref().unwrap();
    assert_eq!(personal.dietary.as_deref(), Some("kein Schweinefleisch"));
    assert_eq!(personal.accessibility, None);
    assert_eq!(
        plan.drafts[1].person.personal, None,
        "no personal data means none loaded, not none stored"
    );
    assert!(!format!("{:?}", plan.drafts[0]).contains("Schweinefleisch"));
}

#[test]
fn a_person_twice_in_one_file_is_an_error_on_the_second_row() {
    let csv = "Nachname,Vorname,Organisation\nMüller,Jürgen,Stadt Herne\nMUELLER, juergen ,Stadt  Herne\nMüller,Jürgen,Stadt Bochum\n";
    let table = read_table(csv.as_bytes()).unwrap();
    let plan = plan_import(
        &table,
        &detect_mapping(&table),
        visit(),
        &ImportOptions::default(),
        ids(),
    )
    .unwrap();
    assert_eq!(
        plan.errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["row 3: the same person as in row 2 (same name and organisation)"]
    );
    assert_eq!(plan.drafts.len(), 2);
}

#[test]
fn a_known_person_has_the_same_key_as_the_imported_row() {
    // The store matches drafts against the address book by this key.
    let file = &dplan_core::demo::visits(dplan_core::demo::stamp())[0];
    let known = file
        .persons
        .iter()
        .find(|p| p.family_name == "Liu")
        .unwrap();
    let csv = format!(
        "Familienname;Vorname;Organisation\n{};{};{}\n",
        known.family_name.to_uppercase(),
        known.given_name.to_lowercase(),
        known.organisation.best(Lang::De)
    );
    let table = read_table(csv.as_bytes()).unwrap();
    let plan = plan_import(
        &table,
        &detect_mapping(&table),
        visit(),
        &ImportOptions::default(),
        ids(),
    )
    .unwrap();
    assert_eq!(plan.drafts[0].key, known.identity_key());
}

#[test]
fn chinese_text_in_a_german_column_goes_to_chinese() {
    let csv = "Name;Organisation;Funktion\n刘强;泸州市人民政府;Vizebürgermeister\n";
    let table = read_table(csv.as_bytes()).unwrap();
    let mapping = detect_mapping(&table);
    assert_eq!(mapping.column(Field::NameZh), Some(0));
    let plan = plan_import(&table, &mapping, visit(), &ImportOptions::default(), ids()).unwrap();
    let p = &plan.drafts[0].person;
    assert_eq!(p.organisation.zh.as_deref(), Some("泸州市人民政府"));
    assert_eq!(p.organisation.de, None);
    assert_eq!(p.position.de.as_deref(), Some("Vizebürgermeister"));
    // Characters alone: the family name is the first character.
    assert_eq!((&*p.family_name, &*p.given_name), ("刘", "强"));
    assert_eq!(p.name_zh.as_deref(), Some("刘强"));
    assert_eq!(
        plan.drafts[0].notes,
        [
            "„刘强“ has no Latin-script name in the file (no pinyin); family and given name are kept in characters until one is added"
        ]
    );
}

#[test]
fn the_default_side_applies_where_the_row_says_nothing() {
    let table = read_table(b"Name;Vorname;Seite\nDudda;Frank;\nLiu;Qiang;Gast\n").unwrap();
    let options = ImportOptions {
        default_side: Side::Host,
    };
    let plan = plan_import(&table, &detect_mapping(&table), visit(), &options, ids()).unwrap();
    let sides: Vec<(Side, Role, u32)> = plan
        .drafts
        .iter()
        .map(|d| {
            (
                d.participant.side,
                d.participant.role,
                d.participant.precedence,
            )
        })
        .collect();
    assert_eq!(
        sides,
        [(Side::Host, Role::Host, 1), (Side::Guest, Role::Member, 1)]
    );
}
