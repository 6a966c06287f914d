//! CSV as Excel writes it: UTF-8 with or without BOM, Windows-1252, GBK or
//! UTF-16 (decoded by `encoding.rs`), with `;`, `,` or tabs between cells
//! (detected, or named by Excel's `sep=` line), read into a checked grid.

use crate::table::{Grid, GridRows, HEADER_SEARCH, MAX_COLUMNS};
use crate::{EncodingNote, RosterError, encoding};

pub(crate) fn read_csv(bytes: &[u8]) -> Result<(GridRows, Option<EncodingNote>), RosterError> {
    let (text, note) = encoding::decode(bytes);
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
    let mut grid = Grid::default();
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
        // The caps are checked before the record becomes strings: a line of
        // a million separators is refused, not turned into a million cells.
        let width = (0..record.len())
            .rfind(|&i| !record[i].trim().is_empty())
            .map_or(0, |i| i + 1);
        grid.check_row(0)?;
        let mut cells = Vec::with_capacity(width.min(MAX_COLUMNS));
        for (column, cell) in record.iter().take(width).enumerate() {
            let cell = cell.trim();
            grid.check_cell(number, column + 1, cell)?;
            cells.push(cell.to_string());
        }
        grid.push(number, cells)?;
    }
    Ok((grid.into_rows(), note))
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
pub(crate) fn detect_delimiter(text: &str) -> u8 {
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
