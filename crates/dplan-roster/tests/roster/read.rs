//! Reading files of every shape into a table.

use dplan_roster::{EncodingNote, RosterError, Table, TextEncoding, read_table};

use crate::fixtures::bytes;

fn table(name: &str) -> Table {
    read_table(&bytes(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn column<'t>(t: &'t Table, header: &str) -> Vec<&'t str> {
    let c = t
        .headers
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no column {header} in {:?}", t.headers));
    t.rows.iter().map(|r| r.cell(c)).collect()
}

#[test]
fn utf8_with_commas_and_chinese_names() {
    let t = table("chinese_utf8.csv");
    assert_eq!(
        t.headers,
        ["序号", "姓名", "拼音", "单位", "职务", "角色", "手机"]
    );
    assert_eq!(column(&t, "姓名"), ["刘强", "王芳", "欧阳明", "张丽"]);
    assert_eq!(column(&t, "拼音")[0], "Liú Qiáng");
    assert_eq!(
        t.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        [2, 3, 4, 5]
    );
}

#[test]
fn utf8_with_bom_loses_the_bom() {
    let t = table("german_bom.csv");
    assert_eq!(
        t.headers[0], "Nachname",
        "the BOM must not stick to the first header"
    );
    assert_eq!(column(&t, "Chinesischer Name"), ["", "刘强", "王芳"]);
    assert_eq!(column(&t, "Organisation")[2], "Außenamt Luzhou");
}

#[test]
fn windows_1252_umlauts_are_decoded() {
    let t = table("german_windows1252.csv");
    assert_eq!(column(&t, "Nachname"), ["Müller", "Groß", "Özdemir"]);
    assert_eq!(column(&t, "Vorname"), ["Jürgen", "Bärbel", "Ülkü"]);
    assert_eq!(
        column(&t, "Hotel"),
        ["Hotel Straßburger Hof", "", "Hotel Straßburger Hof"]
    );
}

#[test]
fn gbk_from_chinese_excel_is_decoded() {
    let gbk = table("chinese_gbk.csv");
    let utf8 = read_table(crate::fixtures::chinese_gbk_text().as_bytes()).unwrap();
    assert_eq!((&gbk.headers, &gbk.rows), (&utf8.headers, &utf8.rows));
    assert_eq!(gbk.rows[2].cells[1], "欧阳明");
    // The encoding was guessed, and the guess is not in doubt.
    assert_eq!(
        gbk.encoding,
        Some(EncodingNote {
            read_as: TextEncoding::Gbk,
            doubtful: false
        })
    );
    assert_eq!(utf8.encoding, None);
}

#[test]
fn utf16_unicode_text_with_tabs_is_read() {
    assert_eq!(table("unicode_text.txt"), table("german_bom.csv"));
}

#[test]
fn quoted_cells_keep_separators_quotes_and_line_breaks() {
    let t = table("quoted_multiline.csv");
    assert_eq!(
        column(&t, "Organisation"),
        [
            "Stadt Herne; Der Oberbürgermeister",
            "Herner Gesellschaft für\r\nWirtschaftsförderung \"WFG\" mbH",
            "Zeile 1\nZeile 2\nZeile 3",
            "Stadt Herne",
        ]
    );
    // Excel shows each quoted multi-line cell as one row, so the rows are
    // 2, 3, 4, 5 although the last starts on line 8 of the file.
    assert_eq!(
        t.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        [2, 3, 4, 5]
    );
}

#[test]
fn an_empty_file_says_so() {
    let err = read_table(&bytes("empty.csv")).unwrap_err();
    assert!(matches!(err, RosterError::Empty), "{err:?}");
    assert_eq!(err.to_string(), "the file is empty");
    for blank in [&b"\xEF\xBB\xBF"[..], b"  \r\n\r\n", b"\xFF\xFE"] {
        assert!(
            matches!(read_table(blank), Err(RosterError::Empty)),
            "{blank:?}"
        );
    }
}

#[test]
fn a_file_of_empty_rows_has_no_header() {
    let err = read_table(b";;;\r\n;;\r\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "the file has no header row: every row is empty"
    );
}

#[test]
fn a_headers_only_file_is_a_table_without_rows() {
    let t = table("headers_only.csv");
    assert_eq!(t.headers, ["Nachname", "Vorname", "Organisation"]);
    assert!(t.rows.is_empty());
}

#[test]
fn a_renamed_pdf_is_not_a_table() {
    let err = read_table(&bytes("renamed_pdf.csv")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "not a CSV or Excel file (it looks like a PDF document)"
    );
    let err = read_table(b"\x00\x01\x02\x03binary\x00\x00").unwrap_err();
    assert_eq!(err.to_string(), "not a CSV or Excel file");
    let err = read_table(b"<html><table><tr><td>Name</td></tr></table></html>").unwrap_err();
    assert!(err.to_string().contains("a web page"), "{err}");
}

#[test]
fn files_over_the_limit_are_refused_before_parsing() {
    let big = vec![b'a'; dplan_roster::MAX_BYTES + 1];
    let err = read_table(&big).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the file is 51 MB; files over 50 MB are not imported (is it really a participant list?)"
    );
}

#[test]
fn tables_over_the_row_limit_are_refused() {
    let mut text = String::from("Name\n");
    for i in 0..=dplan_roster::MAX_ROWS {
        text.push_str(&format!("P{i}\n"));
    }
    let err = read_table(text.as_bytes()).unwrap_err();
    assert!(matches!(err, RosterError::TooManyRows), "{err:?}");
    // Exactly the limit is fine.
    let at_limit: String = text
        .lines()
        .take(dplan_roster::MAX_ROWS + 1)
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        read_table(at_limit.as_bytes()).unwrap().rows.len(),
        dplan_roster::MAX_ROWS
    );
}

#[test]
fn old_mac_line_endings_count_rows_too() {
    let t = read_table(b"Name;Vorname\rDudda;Frank\r\rLiu;Qiang\r").unwrap();
    assert_eq!(t.rows.iter().map(|r| r.number).collect::<Vec<_>>(), [2, 4]);
}
