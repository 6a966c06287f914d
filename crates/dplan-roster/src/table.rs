//! Reading a participant list into a plain table of text cells.
//!
//! Lists arrive as whatever the sender's Excel wrote: CSV in UTF-8 (with or
//! without BOM), in Windows-1252 (German Excel's "CSV (Trennzeichen-getrennt)"),
//! in GBK (Chinese Excel's CSV), in UTF-16 (Excel's "Unicode text"), with `;`,
//! `,` or tabs between cells; or a workbook (`.xlsx`, or `.xls` from WPS and
//! old Office). This module hides all of that behind [`Table`].

use std::{fs::File, io::Read, path::Path};

use serde::Serialize;
use ts_rs::TS;

use crate::{EncodingNote, RosterError, columns};

// The caps below bound what any file can make dplan hold in memory. A
// participant list has a few dozen columns and at most a few thousand rows;
// every cap is far above that and far below what would hurt the machine.

/// Files larger than this are refused before they are read: a participant
/// list is a few kilobytes, and a large file is most likely the wrong one.
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// Tables with more data rows than this are refused.
pub const MAX_ROWS: usize = 100_000;

/// Tables wider than this are refused: the column of the rightmost
/// non-empty cell counts.
pub const MAX_COLUMNS: usize = 1_000;

/// Tables with more cells than this (counting each row up to its last
/// non-empty cell) are refused: the grid of strings stays under ~120 MB.
pub const MAX_CELLS: usize = 5_000_000;

/// Excel's own limit for the text of one cell.
pub const MAX_CELL_CHARS: usize = 32_767;

/// The text of all cells together. A workbook can repeat one long shared
/// string in every cell, so this is what keeps a small file from becoming
/// gigabytes of text.
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// The parts (files) in an `.xlsx` archive; a workbook has a dozen or two.
pub const MAX_ZIP_ENTRIES: usize = 1_000;

/// The size of one worksheet part unpacked (calamine streams worksheets).
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The size of one of the parts calamine keeps whole in memory (shared
/// strings, styles, the workbook and its relationships), whose structures
/// take several times their size in memory.
pub const MAX_LOADED_PART_BYTES: u64 = 16 * 1024 * 1024;

/// The size of all parts of an `.xlsx` unpacked.
pub const MAX_UNPACKED_BYTES: u64 = 200 * 1024 * 1024;

/// How many rows at the top may hold a title ("Delegationsliste Luzhou
/// 2027") before the header row.
pub(crate) const HEADER_SEARCH: usize = 10;

/// What the file's name says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// `.csv` or `.txt`: text with separators.
    Csv,
    /// `.xlsx` (also `.xlsm`).
    Xlsx,
    /// `.xls`, the Excel format before 2007.
    Xls,
}

impl FileKind {
    /// The kind from the file name's extension (case-insensitive).
    pub fn from_path(path: &Path) -> Result<FileKind, RosterError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("csv" | "txt" | "tsv") => Ok(FileKind::Csv),
            Some("xlsx" | "xlsm") => Ok(FileKind::Xlsx),
            Some("xls") => Ok(FileKind::Xls),
            _ => Err(RosterError::UnknownFileType {
                name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            }),
        }
    }
}

/// A participant list as a table of text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Table {
    /// The header row's cells, trimmed; as many as the widest row has
    /// columns (blank where the header cell is empty).
    pub headers: Vec<String>,
    /// The row number of the header, as Excel shows it (usually 1; later
    /// when title rows stand above it).
    pub header_row: usize,
    /// The data rows below the header, entirely empty rows left out.
    pub rows: Vec<Row>,
    /// Set when the encoding of a text list was guessed (no BOM, not
    /// UTF-8); front ends warn when it is doubtful.
    #[ts(inline)]
    pub encoding: Option<EncodingNote>,
}

/// One data row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Row {
    /// The row number as Excel shows it (the header row is 1 when nothing
    /// stands above it). In a CSV a quoted cell with line breaks is still one
    /// row, as in Excel, so this is not the line number in a text editor.
    pub number: usize,
    /// The cells, trimmed. A row may be shorter than the header.
    pub cells: Vec<String>,
}

impl Row {
    /// The cell in `column`, or "" where the row is shorter.
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map(String::as_str).unwrap_or("")
    }
}

impl Table {
    /// How the user knows a column: its header, or "column C" where the
    /// header cell is empty.
    pub fn column_label(&self, column: usize) -> String {
        match self.headers.get(column) {
            Some(h) if !h.is_empty() => h.clone(),
            _ => format!("column {}", column_letters(column)),
        }
    }

    /// The column a person names: by its header ("Nachname", compared
    /// folded), by Excel's letters ("C") or by its number from 1 ("3").
    pub fn find_column(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        let folded = crate::fold::fold(name);
        if let Some(c) = self
            .headers
            .iter()
            .position(|h| !h.is_empty() && crate::fold::fold(h) == folded)
        {
            return Some(c);
        }
        if let Ok(n) = name.parse::<usize>() {
            return (1..=self.headers.len()).contains(&n).then(|| n - 1);
        }
        (0..self.headers.len()).find(|&c| column_letters(c).eq_ignore_ascii_case(name))
    }
}

/// Excel's name of a zero-based column: 0 → A, 25 → Z, 26 → AA.
pub(crate) fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.reverse();
    String::from_utf8_lossy(&letters).into_owned()
}

/// Reads a participant list from a file, checking its size before reading
/// it: a file over [`MAX_BYTES`] is refused without reading a byte.
pub fn read_table_file(path: &Path) -> Result<Table, RosterError> {
    let unreadable = |e: std::io::Error| RosterError::Unreadable {
        reason: e.to_string(),
    };
    let file = File::open(path).map_err(unreadable)?;
    let len = file.metadata().map_err(unreadable)?.len();
    if len > MAX_BYTES as u64 {
        return Err(RosterError::TooLarge { bytes: len });
    }
    // The file may grow between the check and the read (or be a pipe that
    // reports no length), so the read stops one byte past the cap.
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    read_table(&bytes)
}

/// Reads a participant list.
///
/// The content decides how, not the file name: workbooks are recognised by
/// their first bytes, so an `.xlsx` that a mail program renamed is still
/// read as one, and text is read as CSV whatever it is called. Use
/// [`FileKind::from_path`] to refuse unsuitable names before reading.
pub fn read_table(bytes: &[u8]) -> Result<Table, RosterError> {
    if bytes.len() > MAX_BYTES {
        return Err(RosterError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    if bytes.is_empty() {
        return Err(RosterError::Empty);
    }
    let (raw, encoding) = if bytes.starts_with(b"PK\x03\x04") {
        (crate::xlsx::read(bytes)?, None)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        (crate::xls::read(bytes)?, None)
    } else if let Some(what) = binary_kind(bytes) {
        return Err(RosterError::NotATable { what });
    } else {
        crate::delimited::read_csv(bytes)?
    };
    into_table(raw.rows, encoding)
}

/// Rows as read, before the header is found: (row number, cells).
type RawRows = Vec<(usize, Vec<String>)>;

/// Rows as they are read, with every cap checked as the rows come in, so
/// that nothing grows past a cap before it is refused.
#[derive(Default)]
pub(crate) struct Grid {
    rows: RawRows,
    cells: usize,
    text: usize,
}

impl Grid {
    /// Checks one cell's text against the caps, before it is kept.
    pub(crate) fn check_cell(
        &mut self,
        row: usize,
        column: usize,
        text: &str,
    ) -> Result<(), RosterError> {
        if column > MAX_COLUMNS {
            return Err(RosterError::TooManyColumns { row, column });
        }
        if text.len() > MAX_CELL_CHARS {
            let chars = text.chars().count();
            if chars > MAX_CELL_CHARS {
                return Err(RosterError::CellTooLong { row, column, chars });
            }
        }
        self.text += text.len();
        if self.text > MAX_TEXT_BYTES {
            return Err(RosterError::TooMuchText);
        }
        Ok(())
    }

    /// Counts `width` more cells and one more row.
    pub(crate) fn check_row(&mut self, width: usize) -> Result<(), RosterError> {
        if self.rows.len() > MAX_ROWS + HEADER_SEARCH {
            return Err(RosterError::TooManyRows);
        }
        self.cells += width;
        if self.cells > MAX_CELLS {
            return Err(RosterError::TooManyCells);
        }
        Ok(())
    }

    /// Adds a row of trimmed cells whose text has been checked, without
    /// its empty cells at the end.
    pub(crate) fn push(
        &mut self,
        number: usize,
        mut cells: Vec<String>,
    ) -> Result<(), RosterError> {
        cells.truncate(last_filled(&cells));
        self.check_row(cells.len())?;
        self.rows.push((number, cells));
        Ok(())
    }

    pub(crate) fn is_blank(&self) -> bool {
        self.rows
            .iter()
            .all(|(_, c)| c.iter().all(String::is_empty))
    }

    pub(crate) fn into_rows(self) -> GridRows {
        GridRows { rows: self.rows }
    }
}

/// The rows of a [`Grid`], all caps checked.
pub(crate) struct GridRows {
    rows: RawRows,
}

fn into_table(raw: RawRows, encoding: Option<EncodingNote>) -> Result<Table, RosterError> {
    let mut rows = raw
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
    // The header is the first of the top rows that names at least two known
    // columns; title rows above it are dropped. Without such a row the first
    // non-empty row is the header, and the mapping will say what is missing.
    let top: Vec<(usize, Vec<String>)> = rows.by_ref().take(HEADER_SEARCH).collect();
    let Some(first) = top.first() else {
        return Err(RosterError::NoHeader);
    };
    let header_at = top
        .iter()
        .position(|(_, cells)| columns::recognised_headers(cells) >= 2)
        .unwrap_or(0);
    let header_row = if header_at == 0 {
        first.0
    } else {
        top[header_at].0
    };
    let mut top = top.into_iter().skip(header_at);
    let Some((_, headers)) = top.next() else {
        return Err(RosterError::NoHeader);
    };
    let mut data = Vec::new();
    for (number, cells) in top.chain(rows) {
        if data.len() == MAX_ROWS {
            return Err(RosterError::TooManyRows);
        }
        data.push(Row { number, cells });
    }
    let width = data
        .iter()
        .map(|r| last_filled(&r.cells))
        .chain([last_filled(&headers)])
        .max()
        .unwrap_or(0);
    let mut headers = headers;
    headers.resize(width, String::new());
    for row in &mut data {
        row.cells.truncate(width);
    }
    Ok(Table {
        headers,
        header_row,
        rows: data,
        encoding,
    })
}

/// One past the last non-empty cell.
fn last_filled(cells: &[String]) -> usize {
    cells
        .iter()
        .rposition(|c| !c.is_empty())
        .map_or(0, |i| i + 1)
}

/// Recognises files that are certainly not text, so that a PDF renamed to
/// `.csv` is refused with a clear message instead of as a table of noise.
/// `Some(None)` means binary of an unknown kind.
fn binary_kind(bytes: &[u8]) -> Option<Option<&'static str>> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"{\\rtf", "a Word (RTF) document"),
        (b"Rar!", "a RAR archive"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(Some(what));
    }
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let head = &bytes[..bytes.len().min(64 * 1024)];
    // Text never holds NUL or most other control bytes; a few stray ones
    // are tolerated (a form feed, an old end-of-file mark).
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A))
        .count();
    if !utf16 && (head.contains(&0) || controls > head.len() / 100) {
        return Some(None);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delimited::detect_delimiter;
    use crate::workbook::number_text;

    fn csv(text: &str) -> Table {
        read_table(text.as_bytes()).unwrap()
    }

    #[test]
    fn column_letters_follow_excel() {
        for (i, name) in [
            (0, "A"),
            (2, "C"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
            (702, "AAA"),
        ] {
            assert_eq!(column_letters(i), name);
        }
    }

    #[test]
    fn the_delimiter_is_the_most_frequent_outside_quotes() {
        assert_eq!(
            detect_delimiter("Name;Vorname;\"Firma, Abteilung\"\n"),
            b';'
        );
        assert_eq!(detect_delimiter("Name,Vorname,\"a;b;c;d\"\n"), b',');
        assert_eq!(detect_delimiter("Name\tVorname\tFirma\n"), b'\t');
        assert_eq!(detect_delimiter("Name\n"), b',');
        // A title line above the header does not decide.
        assert_eq!(
            detect_delimiter("Delegationsliste, Stand Mai\nName;Vorname;Organisation\n"),
            b';'
        );
    }

    #[test]
    fn a_sep_line_names_the_delimiter_and_is_not_a_row() {
        let t = csv("sep=,\r\nName,Vorname\r\nDudda,Frank\r\n");
        assert_eq!(t.headers, ["Name", "Vorname"]);
        assert_eq!(t.header_row, 1);
        assert_eq!(t.rows[0].number, 2);
    }

    #[test]
    fn title_rows_above_the_header_are_skipped() {
        let t = csv(
            "Delegation Luzhou 2027;;\n;;\nName;Vorname;Organisation\nLiu;Qiang;Stadt Luzhou\n",
        );
        assert_eq!(t.headers, ["Name", "Vorname", "Organisation"]);
        assert_eq!(t.header_row, 3);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].number, 4);
    }

    #[test]
    fn blank_lines_count_as_rows_but_are_not_returned() {
        let t = csv("Name,Vorname\n\nDudda,Frank\n , \nLiu,Qiang\n");
        let numbers: Vec<usize> = t.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [3, 5]);
    }

    #[test]
    fn short_rows_read_as_empty_cells_and_empty_trailing_columns_go() {
        let t = csv("Name;Vorname;;\nDudda;;;\n");
        assert_eq!(t.headers, ["Name", "Vorname"]);
        assert_eq!(t.rows[0].cell(1), "");
        assert_eq!(t.rows[0].cell(7), "");
        assert_eq!(t.column_label(1), "Vorname");
        assert_eq!(t.column_label(4), "column E");
    }

    #[test]
    fn excel_numbers_and_dates_read_as_shown() {
        assert_eq!(number_text(1.0), "1");
        assert_eq!(number_text(4923231234.0), "4923231234");
        assert_eq!(number_text(2.5), "2.5");
    }

    #[test]
    fn binary_files_are_named() {
        assert_eq!(binary_kind(b"%PDF-1.7\n..."), Some(Some("a PDF document")));
        assert_eq!(binary_kind(b"abc\0def"), Some(None));
        assert_eq!(binary_kind(b"Name;Vorname\r\n"), None);
    }

    #[test]
    fn file_kinds_come_from_the_extension() {
        assert_eq!(
            FileKind::from_path(Path::new("a/Liste.CSV")).unwrap(),
            FileKind::Csv
        );
        assert_eq!(
            FileKind::from_path(Path::new("Liste.xlsx")).unwrap(),
            FileKind::Xlsx
        );
        assert_eq!(
            FileKind::from_path(Path::new("Liste.xls")).unwrap(),
            FileKind::Xls
        );
        let err = FileKind::from_path(Path::new("Liste.pdf")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "„Liste.pdf“ is not a CSV or Excel file: import a .csv, .txt, .xlsx or .xls file"
        );
    }
}
