//! The roster for Excel: order, BOM, injection, and reading it back.

use calamine::{Data, Reader, Xlsx};
use dplan_core::{Lang, Participant, Person, PersonId, VisitFile, demo};
use dplan_roster::{
    ImportOptions, RosterRow, detect_mapping, plan_import, read_table, roster_csv, roster_xlsx,
};

fn demo_visit() -> VisitFile {
    demo::visits(demo::stamp()).remove(0)
}

fn rows(file: &VisitFile, lang: Lang) -> Vec<RosterRow> {
    file.participants
        .iter()
        .map(|p| {
            let person = file.persons.iter().find(|x| x.id == p.person_id).unwrap();
            RosterRow::new(p, person, lang)
        })
        .collect()
}

/// A guest whose texts try to run formulas in Excel.
fn attacker(file: &VisitFile) -> (Participant, Person) {
    let mut person = file.persons[0].clone();
    person.id = PersonId::derived("attacker");
    person.family_name = "=cmd|' /C calc'!A0".into();
    person.given_name = "Eve".into();
    person.name_zh = None;
    person.pinyin = None;
    person.academic_title = None;
    person.name_order = dplan_core::NameOrder::GivenFirst;
    person.organisation = dplan_core::Texts::de("@SUM(1+1)*cmd|' /C calc'!A0");
    person.position = dplan_core::Texts::de("-2+3");
    person.phone = Some("+49 2323 16-0".into());
    assert_eq!(
        person.validate(),
        Ok(()),
        "the model lets these through, so the export must defend"
    );
    let mut participant = file.participants[0].clone();
    participant.person_id = person.id;
    participant.precedence = 99;
    (participant, person)
}

#[test]
fn the_csv_has_a_bom_semicolons_and_the_roster_in_precedence_order() {
    let file = demo_visit();
    let mut rows = rows(&file, Lang::De);
    rows.reverse();
    let csv = roster_csv(&rows, Lang::De);
    assert!(
        csv.starts_with(b"\xEF\xBB\xBF"),
        "Excel needs the BOM to read UTF-8"
    );
    let text = std::str::from_utf8(&csv[3..]).unwrap();
    assert!(text.starts_with(
        "Rang;Seite;Rolle;Name;Chinesischer Name;Pinyin;Amtsbezeichnung;Organisation;Funktion;E-Mail;Telefon;Ankunft;Abreise;Hotel\r\n"
    ));
    let table = read_table(&csv).unwrap();
    let keys: Vec<(String, u32)> = table
        .rows
        .iter()
        .map(|r| (r.cells[1].clone(), r.cells[0].parse().unwrap()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_by_key(|(side, rank)| (side != "Gast", *rank));
    assert_eq!(keys, sorted, "guests first, each side by rank");
    assert_eq!(table.rows.len(), file.participants.len());
}

#[test]
fn names_round_trip_through_the_csv_chinese_included() {
    let file = demo_visit();
    let rows = rows(&file, Lang::De);
    let table = read_table(&roster_csv(&rows, Lang::De)).unwrap();
    let mut expected: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r.name.clone(), r.name_zh.clone()))
        .collect();
    let mut got: Vec<(String, String)> = table
        .rows
        .iter()
        .map(|r| (r.cells[3].clone(), r.cell(4).to_string()))
        .collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    assert!(got.iter().any(|(_, zh)| zh == "刘强"), "{got:?}");
}

#[test]
fn an_exported_roster_imports_as_the_same_persons() {
    for lang in [Lang::De, Lang::En, Lang::Zh] {
        let file = demo_visit();
        let csv = roster_csv(&rows(&file, lang), lang);
        let table = read_table(&csv).unwrap();
        let mut n = 0;
        let plan = plan_import(
            &table,
            &detect_mapping(&table),
            file.visit.id,
            &ImportOptions::default(),
            || {
                n += 1;
                PersonId::derived(&n.to_string())
            },
        )
        .unwrap();
        assert!(plan.is_valid(), "{lang:?}: {:?}", plan.errors);
        for d in &plan.drafts {
            let original = file
                .persons
                .iter()
                .find(|p| p.display_name() == d.person.display_name())
                .unwrap_or_else(|| panic!("{lang:?}: no person named {}", d.person.display_name()));
            assert_eq!(
                (
                    &d.person.family_name,
                    &d.person.given_name,
                    &d.person.name_zh
                ),
                (
                    &original.family_name,
                    &original.given_name,
                    &original.name_zh
                ),
                "{lang:?}"
            );
            let part = file
                .participants
                .iter()
                .find(|p| p.person_id == original.id)
                .unwrap();
            assert_eq!(
                (
                    d.participant.side,
                    d.participant.role,
                    d.participant.precedence
                ),
                (part.side, part.role, part.precedence),
                "{lang:?}: {}",
                original.display_name()
            );
        }
    }
}

#[test]
fn formula_cells_are_neutralised_in_the_csv() {
    let file = demo_visit();
    let (participant, person) = attacker(&file);
    let row = RosterRow::new(&participant, &person, Lang::De);
    let csv = roster_csv(&[row], Lang::De);
    let table = read_table(&csv).unwrap();
    let cells = &table.rows[0].cells;
    assert_eq!(
        cells[3], "Eve =cmd|' /C calc'!A0",
        "a name that does not start with = stays"
    );
    assert_eq!(cells[7], "'@SUM(1+1)*cmd|' /C calc'!A0");
    assert_eq!(cells[8], "'-2+3");
    assert_eq!(cells[10], "'+49 2323 16-0");
    for cell in cells {
        assert!(
            !cell.starts_with(['=', '+', '-', '@']),
            "{cell:?} would run in Excel"
        );
    }
}

#[test]
fn the_workbook_holds_text_never_formulas() {
    let file = demo_visit();
    let (participant, mut person) = attacker(&file);
    person.given_name = String::new();
    let mut rows = rows(&file, Lang::Zh);
    rows.push(RosterRow::new(&participant, &person, Lang::Zh));
    let bytes = roster_xlsx(&rows, Lang::Zh).unwrap();
    assert_eq!(
        bytes,
        roster_xlsx(&rows, Lang::Zh).unwrap(),
        "the same roster gives the same file"
    );

    let mut book = Xlsx::new(std::io::Cursor::new(&bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["参加人员"]);
    let formulas = book.worksheet_formula("参加人员").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell may hold a formula"
    );
    let range = book.worksheet_range("参加人员").unwrap();
    let eve = range
        .rows()
        .find(|r| r[0] == Data::Float(99.0))
        .expect("precedence is a number");
    assert_eq!(
        eve[3],
        Data::String("=cmd|' /C calc'!A0".into()),
        "kept as text, verbatim"
    );

    let table = read_table(&bytes).unwrap();
    assert_eq!(table.headers[..4], ["排序", "方", "角色", "姓名"]);
    // The workbook and the CSV say the same, but for the CSV's marks
    // against formulas.
    let csv_table = read_table(&roster_csv(&rows, Lang::Zh)).unwrap();
    let unmarked: Vec<Vec<String>> = csv_table
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.strip_prefix('\'').unwrap_or(c).to_string())
                .collect()
        })
        .collect();
    let xlsx_rows: Vec<Vec<String>> = table.rows.iter().map(|r| r.cells.clone()).collect();
    assert_eq!(xlsx_rows, unmarked);
}

#[test]
fn arrivals_show_local_time_zone_place_and_flight() {
    let file = demo_visit();
    let row = rows(&file, Lang::De)
        .into_iter()
        .find(|r| r.name == "刘强 Liu Qiang")
        .expect("the demo's head of delegation");
    assert!(
        row.arrival
            .starts_with("2027-03-24 14:35 CET, Flughafen Düsseldorf (DUS), "),
        "{}",
        row.arrival
    );
    assert!(
        row.departure.starts_with("2027-03-28 12:40 CEST, "),
        "{}",
        row.departure
    );
}

#[test]
fn no_personal_data_in_the_roster() {
    let file = demo_visit();
    let with_personal: Vec<&Person> = file
        .persons
        .iter()
        .filter(|p| p.personal.is_some())
        .collect();
    assert!(
        !with_personal.is_empty(),
        "the demo should have personal data to leave out"
    );
    let csv = roster_csv(&rows(&file, Lang::De), Lang::De);
    let text = String::from_utf8(csv).unwrap();
    for p in with_personal {
        let personal = p.personal.as_ref().unwrap();
        for secret in [
            &personal.dietary,
            &personal.accessibility,
            &personal.passport_number,
        ]
        .into_iter()
        .flatten()
        {
            assert!(
                !text.contains(secret.as_str()),
                "{secret} leaked into the roster"
            );
        }
    }
}
