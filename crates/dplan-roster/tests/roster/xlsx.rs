//! Excel workbooks: written here with rust_xlsxwriter (no binary file is
//! committed) and read back through calamine.

use dplan_core::{PersonId, Side, VisitId};
use dplan_roster::{ImportOptions, RosterError, detect_mapping, plan_import, read_table};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A list as a protocol office writes it in Excel: a title row, a blank
/// row, the header in row 3 starting at column B, numbers stored as
/// numbers, a date, and Chinese names.
fn workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    sheet
        .write_string_with_format(0, 1, "Delegation Luzhou 2027", &bold)
        .unwrap();
    for (c, h) in [
        "Rang",
        "Nachname",
        "Vorname",
        "Chinesischer Name",
        "Organisation",
        "Telefon",
        "Seite",
        "Ankunft",
    ]
    .iter()
    .enumerate()
    {
        sheet
            .write_string_with_format(2, 1 + c as u16, *h, &bold)
            .unwrap();
    }
    // Rank, family name, given name, Chinese name, organisation, phone, side.
    type Line<'a> = (
        f64,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        Option<f64>,
        &'a str,
    );
    let rows: [Line; 3] = [
        (
            1.0,
            "Liu",
            "Qiang",
            "刘强",
            "Stadtregierung Luzhou",
            Some(868_300_000_001.0),
            "Gast",
        ),
        (2.0, "Wang", "Fang", "王芳", "Außenamt Luzhou", None, "Gast"),
        (
            1.0,
            "Dudda",
            "Frank",
            "",
            "Stadt Herne",
            Some(2_323_160.0),
            "Gastgeber",
        ),
    ];
    for (i, (rank, family, given, zh, org, phone, side)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write_number(r, 1, *rank).unwrap();
        sheet.write_string(r, 2, *family).unwrap();
        sheet.write_string(r, 3, *given).unwrap();
        if !zh.is_empty() {
            sheet.write_string(r, 4, *zh).unwrap();
        }
        sheet.write_string(r, 5, *org).unwrap();
        if let Some(p) = phone {
            sheet.write_number(r, 6, *p).unwrap();
        }
        sheet.write_string(r, 7, *side).unwrap();
    }
    let arrival = ExcelDateTime::from_ymd(2027, 3, 25).unwrap();
    sheet
        .write_datetime_with_format(3, 8, &arrival, &date)
        .unwrap();
    let arrival = ExcelDateTime::from_ymd(2027, 3, 25)
        .unwrap()
        .and_hms(10, 30, 0)
        .unwrap();
    sheet
        .write_datetime_with_format(4, 8, &arrival, &date)
        .unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn a_workbook_reads_as_excel_shows_it() {
    let t = read_table(&workbook()).unwrap();
    assert_eq!(
        t.headers,
        [
            "Rang",
            "Nachname",
            "Vorname",
            "Chinesischer Name",
            "Organisation",
            "Telefon",
            "Seite",
            "Ankunft"
        ]
    );
    assert_eq!(t.header_row, 3, "the title row above the header is skipped");
    assert_eq!(
        t.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        [4, 5, 6]
    );
    let liu = &t.rows[0].cells;
    assert_eq!(liu[0], "1", "whole numbers without .0");
    assert_eq!(liu[3], "刘强");
    assert_eq!(liu[5], "868300000001");
    assert_eq!(liu[7], "2027-03-25", "dates as ISO dates");
    assert_eq!(t.rows[1].cells[7], "2027-03-25 10:30");
}

#[test]
fn a_workbook_imports_like_a_csv() {
    let t = read_table(&workbook()).unwrap();
    let mut n = 0;
    let plan = plan_import(
        &t,
        &detect_mapping(&t),
        VisitId::derived("v"),
        &ImportOptions::default(),
        || {
            n += 1;
            PersonId::derived(&n.to_string())
        },
    )
    .unwrap();
    assert!(plan.is_valid(), "{:?}", plan.errors);
    let got: Vec<(String, Side, u32)> = plan
        .drafts
        .iter()
        .map(|d| {
            (
                d.person.display_name(),
                d.participant.side,
                d.participant.precedence,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("刘强 Liu Qiang".to_string(), Side::Guest, 1),
            ("王芳 Wang Fang".to_string(), Side::Guest, 2),
            ("Frank Dudda".to_string(), Side::Host, 1),
        ]
    );
    assert_eq!(plan.unmapped, ["Ankunft"]);
}

#[test]
fn the_first_sheet_with_cells_is_read() {
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Deckblatt").unwrap();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Name").unwrap();
    sheet.write_string(1, 0, "Dudda").unwrap();
    let t = read_table(&book.save_to_buffer().unwrap()).unwrap();
    assert_eq!(t.headers, ["Name"]);
    assert_eq!(t.rows[0].cells, ["Dudda"]);
}

#[test]
fn an_empty_workbook_is_an_empty_file() {
    let mut book = Workbook::new();
    book.add_worksheet();
    let err = read_table(&book.save_to_buffer().unwrap()).unwrap_err();
    assert!(matches!(err, RosterError::Empty), "{err:?}");
}

fn zip(files: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in files {
        zip.start_file(*name, options).unwrap();
        std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_zip_that_is_not_a_workbook_is_named() {
    let word = zip(&[
        ("[Content_Types].xml", "<Types/>"),
        (
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        ),
        ("word/document.xml", "<document/>"),
    ]);
    let photos = zip(&[("Fotos/Empfang.txt", "kein Bild")]);
    for bytes in [word, photos] {
        let err = read_table(&bytes).unwrap_err();
        assert_eq!(
            err.to_string(),
            "not a CSV or Excel file (it looks like a ZIP archive or a Word or PowerPoint file)"
        );
    }
}

#[test]
fn a_cut_off_workbook_is_named_as_damaged() {
    let whole = workbook();
    let err = read_table(&whole[..whole.len() * 2 / 3]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the Excel file could not be read (it is damaged"),
        "{err}"
    );
}
