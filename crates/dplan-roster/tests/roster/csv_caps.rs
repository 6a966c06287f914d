//! Caps on text lists and on files (issue 12): checked while the list is
//! parsed, and the file size before the file is read.

use dplan_roster::{MAX_BYTES, MAX_COLUMNS, RosterError, read_table, read_table_file};

#[test]
fn a_file_over_the_size_cap_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Liste.csv");
    // A sparse file: large to the file system, no bytes on disk.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_BYTES as u64 + 1).unwrap();
    let start = std::time::Instant::now();
    let err = read_table_file(&path).unwrap_err();
    assert!(start.elapsed().as_millis() < 500, "{:?}", start.elapsed());
    assert_eq!(
        err.to_string(),
        "the file is 51 MB; files over 50 MB are not imported (is it really a participant list?)"
    );
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(6 * 1024 * 1024 * 1024).unwrap();
    assert!(matches!(
        read_table_file(&path),
        Err(RosterError::TooLarge { bytes: 6442450944 })
    ));
}

#[test]
fn a_file_is_read_through_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Liste.csv");
    std::fs::write(&path, "Nachname;Vorname\nDudda;Frank\n").unwrap();
    assert_eq!(
        read_table_file(&path).unwrap().rows[0].cells,
        ["Dudda", "Frank"]
    );
    let err = read_table_file(&dir.path().join("fehlt.csv")).unwrap_err();
    assert!(matches!(err, RosterError::Unreadable { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("the file could not be read: "),
        "{err}"
    );
}

#[test]
fn csv_rows_wider_than_the_cap_are_refused() {
    let mut text = String::from("Name;Vorname\n");
    text.push_str(&"x;".repeat(MAX_COLUMNS));
    text.push_str("x\n");
    let err = read_table(text.as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "row 2 has a cell in column ALM (column 1001); lists wider than 1000 columns are not imported"
    );
    // Empty cells at the end of a row do not count: Excel writes them for
    // columns that were once used.
    let text = format!("Name;Vorname{}\nDudda;Frank\n", ";".repeat(5000));
    assert_eq!(
        read_table(text.as_bytes()).unwrap().headers,
        ["Name", "Vorname"]
    );
}

#[test]
fn a_csv_cell_longer_than_excel_allows_is_refused() {
    let text = format!("Name;Notiz\nDudda;\"{}\"\n", "a".repeat(40_000));
    let err = read_table(text.as_bytes()).unwrap_err();
    assert!(
        matches!(
            err,
            RosterError::CellTooLong {
                row: 2,
                column: 2,
                chars: 40_000
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_csv_with_more_cells_than_the_cap_is_refused() {
    // 10,000 rows of 600 columns: 6 million cells.
    let row = format!("{}\n", ["x"; 600].join(","));
    let text = row.repeat(10_000);
    let err = read_table(text.as_bytes()).unwrap_err();
    assert!(matches!(err, RosterError::TooManyCells), "{err:?}");
}
