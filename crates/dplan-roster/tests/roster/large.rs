//! A 10 MB list, generated in a temporary directory (not committed).

use std::io::Write;

use dplan_core::{PersonId, VisitId};
use dplan_roster::{ImportOptions, ImportPolicy, detect_mapping, plan_import, read_table};

#[test]
fn a_ten_megabyte_csv_imports_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gross.csv");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    file.write_all("\u{feff}Nr.;Nachname;Vorname;Chinesischer Name;Organisation;Funktion;E-Mail;Telefon;Seite;Rang;Hotel\r\n".as_bytes())
        .unwrap();
    let mut rows = 0;
    let mut written = 0;
    while written < 10 * 1024 * 1024 {
        let line = format!(
            "{rows};Müller-Lüdenscheidt{rows};Hans-Jürgen;刘强{rows};\"Stadtverwaltung Herne; Fachbereich {}\";Sachbearbeitung Öffentlichkeitsarbeit;person{rows}@herne.de;+49 2323 16-{rows};{};{};Parkhotel Herne\r\n",
            rows % 40,
            if rows % 3 == 0 { "Gastgeber" } else { "Gast" },
            rows + 1,
        );
        file.write_all(line.as_bytes()).unwrap();
        written += line.len();
        rows += 1;
    }
    file.flush().unwrap();
    drop(file);
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() >= 10 * 1024 * 1024);

    let table = read_table(&bytes).unwrap();
    assert_eq!(table.rows.len(), rows);
    let mut n = 0u64;
    let plan = plan_import(
        &table,
        &detect_mapping(&table),
        VisitId::derived("large"),
        &ImportOptions::default(),
        || {
            n += 1;
            PersonId::derived(&n.to_string())
        },
    )
    .unwrap();
    assert!(plan.is_valid(), "{:?}", plan.errors.first());
    assert_eq!(
        plan.accepted(ImportPolicy::AllOrNothing).unwrap().len(),
        rows
    );
    assert_eq!(plan.drafts[rows - 1].row, rows + 1);
}
