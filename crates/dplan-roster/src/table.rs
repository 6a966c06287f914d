//! Reading a participant list into a plain table of text cells.
//!
//! Lists arrive as whatever the sender's Excel wrote: CSV in UTF-8 (with or
//! without BOM), in Windows-1252 (German Excel's "CSV (Trennzeichen-getrennt)"),
//! in GBK (Chinese Excel's CSV), in UTF-16 (Excel's "Unicode text"), with `;`,
//! `,` or tabs between cells; or a workbook (`.xlsx`, or `.xls` from WPS and
//! old Office). This module hides all of that behind [`Table`].

use std::{borrow::Cow, io::Cursor, path::Path};

use calamine::{Data, Reader, Xls, XlsError, Xlsx, XlsxError};
use encoding_rs::{GBK, UTF_16BE, UTF_16LE, WINDOWS_1252};
use serde::Serialize;
use ts_rs::TS;

use crate::{RosterError, columns};

/// Files larger than this are refused before they are parsed: a participant
/// list is a few kilobytes, and a large file is most likely the wrong one.
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// Tables with more data rows than this are refused.
pub const MAX_ROWS: usize = 100_000;

/// How many rows at the top may hold a title ("Delegationsliste Luzhou
/// 2027") before the header row.
const HEADER_SEARCH: usize = 10;

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

/// Reads a participant list.
///
/// The content decides how, not the file name: workbooks are recognised by
/// their first bytes, so an `.xlsx` that a mail program renamed is still
/// read as one, and text is read as CSV whatever it is called. Use
/// [`FileKind::from_path`] to refuse unsuitable names before reading.
pub fn read_table(bytes: &[u8]) -> Result<Table, RosterError> {
    if bytes.len() > MAX_BYTES {
        return Err(RosterError::TooLarge { bytes: bytes.len() });
    }
    if bytes.is_empty() {
        return Err(RosterError::Empty);
    }
    let raw = if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)?
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        read_xls(bytes)?
    } else if let Some(what) = binary_kind(bytes) {
        return Err(RosterError::NotATable { what });
    } else {
        read_csv(bytes)?
    };
    into_table(raw)
}

/// Rows as read, before the header is found: (row number, cells).
type RawRows = Vec<(usize, Vec<String>)>;

fn into_table(raw: RawRows) -> Result<Table, RosterError> {
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

/// Turns the bytes of a text file into text, guessing the encoding as
/// Excel's own CSV files need.
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return UTF_16LE.decode_without_bom_handling(rest).0;
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return UTF_16BE.decode_without_bom_handling(rest).0;
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(text);
    }
    if looks_like_gbk(bytes) {
        let (text, had_errors) = GBK.decode_without_bom_handling(bytes);
        if !had_errors {
            return text;
        }
    }
    WINDOWS_1252.decode_without_bom_handling(bytes).0
}

/// Chinese text in GBK is made of byte pairs that are both above 0x80,
/// while German text in Windows-1252 has single high bytes (ä, ö, ü, ß)
/// between ASCII letters. So a file whose high bytes almost all come in
/// pairs of GB2312's main range is taken to be GBK.
fn looks_like_gbk(bytes: &[u8]) -> bool {
    let (mut high, mut paired) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(&t) if (0xA1..=0xFE).contains(&b) && (0xA1..=0xFE).contains(&t) => {
                high += 2;
                paired += 2;
                i += 2;
            }
            _ => {
                high += 1;
                i += 1;
            }
        }
    }
    paired >= 4 && paired * 10 >= high * 9
}

fn read_csv(bytes: &[u8]) -> Result<RawRows, RosterError> {
    let text = decode(bytes);
    if text.trim().is_empty() {
        return Err(RosterError::Empty);
    }
    // Some systems export a web page or XML under an Excel or CSV name;
    // read as CSV it would be a table of tags.
    let start: String = text.trim_start().chars().take(9).collect();
    let start = start.to_ascii_lowercase();
    if ["<!doctype", "<html", "<?xml", "<table"]
        .iter()
        .any(|t| start.starts_with(t))
    {
        return Err(RosterError::NotATable {
            what: Some("a web page or XML file; open it in Excel and save it as .xlsx"),
        });
    }
    // Excel writes and reads a first line `sep=;` that names the separator;
    // Excel does not show it, so it does not count as a row either.
    let (explicit, body) = match text.split_once('\n') {
        Some((first, rest)) if is_sep_line(first) => (first.trim().chars().nth(4), rest),
        _ if is_sep_line(&text) => (text.trim().chars().nth(4), ""),
        _ => (None, &text[..]),
    };
    let delimiter = match explicit {
        Some(c) if c.is_ascii() => c as u8,
        _ => detect_delimiter(body),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    let mut rows = Vec::new();
    // Row numbers are counted here, not taken from the parser, whose line
    // count lags behind CRLF endings and blank lines. Excel shows a quoted
    // cell with line breaks as one row, so the breaks inside cells are
    // subtracted from the line breaks before a record.
    let bytes = body.as_bytes();
    let (mut counted_to, mut line_breaks, mut breaks_in_cells) = (0usize, 0usize, 0usize);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(RosterError::Csv {
                    row: (line_breaks + 1).saturating_sub(breaks_in_cells).max(1),
                    reason: e.to_string(),
                });
            }
        }
        // The parser's offset may point at the end of the previous line or
        // at blank lines before the record.
        let mut start = record.position().map_or(counted_to, |p| p.byte() as usize);
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        let start = start.max(counted_to);
        line_breaks += count_line_breaks(&bytes[counted_to..start]);
        counted_to = start;
        let number = line_breaks + 1 - breaks_in_cells.min(line_breaks);
        breaks_in_cells += record
            .iter()
            .map(|c| count_line_breaks(c.as_bytes()))
            .sum::<usize>();
        if rows.len() > MAX_ROWS + HEADER_SEARCH {
            return Err(RosterError::TooManyRows);
        }
        rows.push((
            number,
            record.iter().map(|c| c.trim().to_string()).collect(),
        ));
    }
    Ok(rows)
}

/// Line breaks as Excel counts them: LF, CRLF, or a lone CR.
fn count_line_breaks(bytes: &[u8]) -> usize {
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

fn is_sep_line(line: &str) -> bool {
    let line = line.trim();
    line.len() == 5 && line.to_ascii_lowercase().starts_with("sep=")
}

/// Picks `;`, tab or `,`: whichever occurs most often outside quotes in one
/// of the first lines (the header, or a title line above it).
fn detect_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 3] = [b';', b'\t', b','];
    let mut best = [0usize; 3];
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    let mut lines = 0;
    for b in text.bytes() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' if !in_quotes => {
                for (best, count) in best.iter_mut().zip(&mut counts) {
                    *best = (*best).max(*count);
                    *count = 0;
                }
                lines += 1;
                if lines == HEADER_SEARCH {
                    break;
                }
            }
            _ if !in_quotes => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    for (best, count) in best.iter_mut().zip(&counts) {
        *best = (*best).max(*count);
    }
    // Ties go to the earlier candidate: `;` is what German Excel writes.
    let mut pick = 2;
    for i in [1, 0] {
        if best[i] > 0 && best[i] >= best[pick] {
            pick = i;
        }
    }
    CANDIDATES[pick]
}

fn read_xlsx(bytes: &[u8]) -> Result<RawRows, RosterError> {
    // Word and PowerPoint files are ZIP archives too. A workbook has a part
    // `xl/workbook.xml`, and ZIP stores the names of its parts uncompressed.
    if !bytes.windows(11).any(|w| w == b"xl/workbook") {
        return Err(RosterError::NotATable {
            what: Some("a ZIP archive or a Word or PowerPoint file"),
        });
    }
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let sheets = book.sheet_names();
    for name in &sheets {
        let range = book.worksheet_range(name).map_err(xlsx_error)?;
        if let Some(rows) = range_rows(&range)? {
            return Ok(rows);
        }
    }
    no_cells(&sheets)
}

fn read_xls(bytes: &[u8]) -> Result<RawRows, RosterError> {
    // A password-protected .xlsx is stored in the old container format, so
    // the xlsx reader is asked first: it recognises the encryption.
    if let Err(XlsxError::Password) = Xlsx::new(Cursor::new(bytes)) {
        return Err(RosterError::PasswordProtected);
    }
    let mut book = Xls::new(Cursor::new(bytes)).map_err(xls_error)?;
    let sheets = book.sheet_names();
    for name in &sheets {
        let range = book.worksheet_range(name).map_err(xls_error)?;
        if let Some(rows) = range_rows(&range)? {
            return Ok(rows);
        }
    }
    no_cells(&sheets)
}

/// A workbook whose sheets are all empty is an empty file to the user.
fn no_cells(sheets: &[String]) -> Result<RawRows, RosterError> {
    if sheets.is_empty() {
        Err(RosterError::NoWorksheet)
    } else {
        Err(RosterError::Empty)
    }
}

fn xlsx_error(e: XlsxError) -> RosterError {
    match e {
        XlsxError::Password => RosterError::PasswordProtected,
        XlsxError::Zip(e) => RosterError::Workbook {
            reason: format!("it is damaged: {e}"),
        },
        other => RosterError::Workbook {
            reason: other.to_string(),
        },
    }
}

fn xls_error(e: XlsError) -> RosterError {
    match e {
        XlsError::Password => RosterError::PasswordProtected,
        XlsError::Cfb(_) => RosterError::NotATable {
            what: Some("an old Word or other Office file"),
        },
        other => RosterError::Workbook {
            reason: other.to_string(),
        },
    }
}

/// The used cells of a sheet as numbered rows; `None` when it has none.
fn range_rows(range: &calamine::Range<Data>) -> Result<Option<RawRows>, RosterError> {
    let Some((first_row, _)) = range.start() else {
        return Ok(None);
    };
    if range.height() > MAX_ROWS + HEADER_SEARCH + 1 {
        return Err(RosterError::TooManyRows);
    }
    let rows: RawRows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            (
                first_row as usize + i + 1,
                cells.iter().map(cell_text).collect(),
            )
        })
        .collect();
    if rows.iter().all(|(_, c)| c.iter().all(String::is_empty)) {
        return Ok(None);
    }
    Ok(Some(rows))
}

/// A cell as the user reads it in Excel: whole numbers without `.0`, dates
/// as `YYYY-MM-DD` (with the time where there is one).
fn cell_text(cell: &Data) -> String {
    let text = match cell {
        Data::Empty => return String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if dt.is_duration() || dt.as_f64() < 1.0 {
                format!("{h:02}:{mi:02}")
            } else if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}")
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    };
    text.trim().to_string()
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn windows_1252_and_gbk_are_told_apart() {
        // "Müller;Straße" in Windows-1252.
        let de = b"M\xFCller;Stra\xDFe\n";
        assert!(!looks_like_gbk(de));
        assert_eq!(decode(de), "Müller;Straße\n");
        let (gbk, _, _) = GBK.encode("姓名;单位\n刘强;泸州市人民政府\n");
        assert!(looks_like_gbk(&gbk));
        assert_eq!(decode(&gbk), "姓名;单位\n刘强;泸州市人民政府\n");
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
