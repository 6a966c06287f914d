//! Hostile `.xlsx` files (issue 12): each is refused with a message that
//! names the cap, quickly, and without calamine allocating what the file
//! claims.

use std::time::{Duration, Instant};

use dplan_roster::{MAX_COLUMNS, RosterError, read_table};

use crate::workbook::{package, shared_strings, sheet, unpack, xlsx};

/// Reads `bytes`, requiring an answer within `limit` (debug build).
fn timed(bytes: &[u8], limit: Duration) -> Result<dplan_roster::Table, RosterError> {
    let start = Instant::now();
    let result = read_table(bytes);
    assert!(
        start.elapsed() < limit,
        "took {:?}: the file was processed, not refused",
        start.elapsed()
    );
    result
}

fn inline(cell: &str, text: &str) -> String {
    format!(r#"<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

#[test]
fn xlsx_dimension_claiming_the_whole_sheet_is_refused_without_allocating() {
    // The attacker's file: the whole sheet claimed, and a cell in its last
    // corner, so that a dense grid would be 2^34 cells (512 GiB).
    let rows = format!(
        r#"<row r="1">{}{}</row><row r="1048576">{}</row>"#,
        inline("A1", "Name"),
        inline("B1", "Vorname"),
        inline("XFD1048576", "x")
    );
    let bytes = xlsx(&sheet("A1:XFD1048576", &rows), None);
    assert!(bytes.len() < 2048, "{} bytes", bytes.len());
    let err = timed(&bytes, Duration::from_secs(2)).unwrap_err();
    assert!(
        matches!(
            err,
            RosterError::TooManyColumns {
                row: 1048576,
                column: 16384
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "row 1048576 has a cell in column XFD (column 16384); lists wider than 1000 columns are not imported"
    );
}

#[test]
fn a_lying_dimension_alone_does_not_matter() {
    let rows = format!(
        r#"<row r="1">{}{}</row><row r="2">{}{}</row>"#,
        inline("A1", "Nachname"),
        inline("B1", "Vorname"),
        inline("A2", "Dudda"),
        inline("B2", "Frank")
    );
    let t = timed(
        &xlsx(&sheet("A1:XFD1048576", &rows), None),
        Duration::from_secs(2),
    )
    .unwrap();
    assert_eq!(t.headers, ["Nachname", "Vorname"]);
    assert_eq!(t.rows[0].cells, ["Dudda", "Frank"]);
    assert_eq!(t.encoding, None);
}

#[test]
fn xlsx_far_apart_rows_are_read_sparsely() {
    // Rows 1 and 1,000,000: a dense grid would hold a million rows.
    let rows = format!(
        r#"<row r="1">{}</row><row r="1000000">{}</row>"#,
        inline("A1", "Name"),
        inline("A1000000", "Dudda")
    );
    let t = timed(&xlsx(&sheet("A1", &rows), None), Duration::from_secs(2)).unwrap();
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.rows[0].number, 1_000_000);
}

#[test]
fn xlsx_shared_strings_bomb_is_refused_before_calamine_reads_it() {
    // 17 MiB of shared strings deflate to a few kilobytes.
    let si = "<si><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></si>";
    let mut strings = shared_strings(&[]);
    strings.truncate(strings.len() - "</sst>".len());
    strings.push_str(&si.repeat(17 * 1024 * 1024 / si.len() + 1));
    strings.push_str("</sst>");
    let bytes = xlsx(
        &sheet("A1", r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#),
        Some(&strings),
    );
    assert!(bytes.len() < 200 * 1024, "{} bytes", bytes.len());
    let err = timed(&bytes, Duration::from_secs(10)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the part „xl/sharedStrings.xml“ of the Excel file unpacks to more than 16 MB; workbooks that large are not imported (is it really a participant list?)"
    );
}

#[test]
fn one_long_shared_string_in_many_cells_is_refused() {
    // 30,000 characters, shown in 3,000 cells: 90 MB of text from a file
    // of a few kilobytes.
    let long = "x".repeat(30_000);
    let strings = shared_strings(&["Name", &long]);
    let mut rows = String::from(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#);
    for r in 2..3002 {
        rows.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="s"><v>1</v></c></row>"#
        ));
    }
    let err = timed(
        &xlsx(&sheet("A1", &rows), Some(&strings)),
        Duration::from_secs(10),
    )
    .unwrap_err();
    assert!(matches!(err, RosterError::TooMuchText), "{err:?}");
    assert_eq!(
        err.to_string(),
        "the cells hold more than 64 MB of text; lists that large are not imported (is it really a participant list?)"
    );
}

#[test]
fn xlsx_malformed_cell_references_are_refused_not_panicking() {
    for r in [
        "A0",
        "ZZZZZZ1",
        "ZZZZZZZZZZZZ1",
        "A99999999999",
        "A4294967296",
        "1A",
        "",
        "A-1",
        "Ä1",
    ] {
        let rows = format!(
            r#"<row r="1">{}{}</row>"#,
            inline("A1", "Name"),
            inline(r, "x")
        );
        match timed(&xlsx(&sheet("A1", &rows), None), Duration::from_secs(2)) {
            Err(
                RosterError::Workbook { .. }
                | RosterError::Damaged { .. }
                | RosterError::TooManyColumns { .. },
            ) => {}
            other => panic!("r=\"{r}\": {other:?}"),
        }
    }
    // A row number past u32 in the row element itself.
    let rows = format!(r#"<row r="99999999999">{}</row>"#, inline("A1", "Name"));
    assert!(read_table(&xlsx(&sheet("A1", &rows), None)).is_err());
    // A dimension whose end lies before its start: calamine subtracts the
    // two corners (overflowing in a debug build), which is caught.
    let rows = format!(r#"<row r="1">{}</row>"#, inline("A1", "Name"));
    let read = read_table(&xlsx(&sheet("B2:A1", &rows), None));
    assert!(
        matches!(read, Ok(_) | Err(RosterError::Damaged { .. })),
        "{read:?}"
    );
}

/// Sets the uncompressed size that the local and central headers declare
/// for every part to `size`.
fn declare_size(bytes: &mut [u8], size: u32) {
    let mut i = 0;
    while i + 30 < bytes.len() {
        match &bytes[i..i + 4] {
            b"PK\x03\x04" => bytes[i + 22..i + 26].copy_from_slice(&size.to_le_bytes()),
            b"PK\x01\x02" => bytes[i + 24..i + 28].copy_from_slice(&size.to_le_bytes()),
            _ => {}
        }
        i += 1;
    }
}

#[test]
fn a_zip_part_whose_declared_size_lies_is_measured_by_what_it_unpacks_to() {
    let si = "<si><t>bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb</t></si>";
    let mut strings = shared_strings(&[]);
    strings.truncate(strings.len() - "</sst>".len());
    strings.push_str(&si.repeat(17 * 1024 * 1024 / si.len() + 1));
    strings.push_str("</sst>");
    let mut bytes = xlsx(
        &sheet("A1", r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#),
        Some(&strings),
    );
    declare_size(&mut bytes, 100);
    let err = timed(&bytes, Duration::from_secs(10)).unwrap_err();
    assert!(
        matches!(
            &err,
            RosterError::PartTooLarge { part, .. } if part == "xl/sharedStrings.xml"
        ) || matches!(&err, RosterError::Workbook { .. }),
        "{err:?}"
    );
}

#[test]
fn too_many_columns_are_refused_and_the_limit_itself_is_read() {
    // Column 1000 is ALL, 1001 is ALM.
    let rows = format!(
        r#"<row r="1">{}{}</row>"#,
        inline("A1", "Name"),
        inline("ALL1", "x")
    );
    let t = read_table(&xlsx(&sheet("A1", &rows), None)).unwrap();
    assert_eq!(t.headers.len(), MAX_COLUMNS);
    let rows = format!(
        r#"<row r="1">{}{}</row>"#,
        inline("A1", "Name"),
        inline("ALM1", "x")
    );
    let err = read_table(&xlsx(&sheet("A1", &rows), None)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "row 1 has a cell in column ALM (column 1001); lists wider than 1000 columns are not imported"
    );
}

#[test]
fn an_archive_with_too_many_parts_is_refused() {
    let mut parts = unpack(&xlsx(&sheet("A1", ""), None));
    for i in 0..1000 {
        parts.push((format!("xl/media/image{i}.png"), vec![]));
    }
    let parts: Vec<(&str, Vec<u8>)> = parts.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let err = read_table(&package(&parts)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the Excel file holds 1005 parts; workbooks with more than 1000 parts are not imported"
    );
}

#[test]
fn a_cell_longer_than_excel_allows_is_refused() {
    let rows = format!(
        r#"<row r="1">{}</row><row r="2">{}</row>"#,
        inline("A1", "Name"),
        inline("A2", &"ü".repeat(32_768))
    );
    let err = read_table(&xlsx(&sheet("A1", &rows), None)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "row 2, column A: the cell holds 32768 characters; cells longer than 32767 characters (Excel's own limit) are not imported"
    );
}
