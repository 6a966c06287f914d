//! Hostile `.xls` files (issue 12): calamine parses every sheet while
//! opening the file, so these are refused from their records before it
//! does.

use std::time::Instant;

use dplan_roster::{RosterError, read_table};

use crate::workbook::{compound, label, record, xls};

#[test]
fn a_small_xls_list_is_read() {
    let t = read_table(&xls(
        &[],
        &[
            label(0, 0, "Nachname"),
            label(0, 1, "Vorname"),
            label(1, 0, "Dudda"),
            label(1, 1, "Frank"),
        ],
    ))
    .unwrap();
    assert_eq!(t.headers, ["Nachname", "Vorname"]);
    assert_eq!(t.rows[0].cells, ["Dudda", "Frank"]);
}

#[test]
fn xls_cells_in_far_corners_are_refused_without_allocating() {
    let start = Instant::now();
    let err = read_table(&xls(&[], &[label(0, 0, "Name"), label(65535, 65535, "x")])).unwrap_err();
    assert!(start.elapsed().as_secs() < 2);
    assert!(
        matches!(
            err,
            RosterError::TooManyColumns {
                row: 65536,
                column: 65536
            }
        ),
        "{err:?}"
    );
}

#[test]
fn xls_dimensions_claiming_millions_of_cells_are_refused() {
    // Rows 0..1,000,000, columns 0..255: calamine would reserve 255 million
    // cells before reading one.
    let mut dims = 0u32.to_le_bytes().to_vec();
    dims.extend(1_000_000u32.to_le_bytes());
    dims.extend(0u16.to_le_bytes());
    dims.extend(255u16.to_le_bytes());
    dims.extend(0u16.to_le_bytes());
    let err = read_table(&xls(&[], &[record(0x0200, &dims), label(0, 0, "Name")])).unwrap_err();
    assert!(matches!(err, RosterError::TooManyCells), "{err:?}");
}

#[test]
fn xls_labels_claiming_long_texts_are_refused() {
    // Each 13-byte label claims 65,535 characters, which calamine reserves.
    let mut cells = vec![label(0, 0, "Name")];
    for row in 1..2000u16 {
        let mut data = row.to_le_bytes().to_vec();
        data.extend([0, 0, 0, 0, 0xFF, 0xFF, 0]);
        cells.push(record(0x0204, &data));
    }
    let err = read_table(&xls(&[], &cells)).unwrap_err();
    assert!(matches!(err, RosterError::TooMuchText), "{err:?}");
}

#[test]
fn an_xls_sheet_starting_past_the_end_is_damaged() {
    let bof = record(
        0x0809,
        &[0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    );
    let mut bound = 0x00FF_FFFFu32.to_le_bytes().to_vec();
    bound.extend([0, 0, 1, 0, b'A']);
    let mut stream = bof;
    stream.extend(record(0x0085, &bound));
    stream.extend(record(0x000A, &[]));
    let err = read_table(&compound(&stream)).unwrap_err();
    assert!(matches!(err, RosterError::Damaged { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("the workbook is damaged: "),
        "{err}"
    );
}
