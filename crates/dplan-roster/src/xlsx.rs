//! Reading `.xlsx` workbooks without trusting them.
//!
//! calamine's `worksheet_range` builds one dense grid spanning the used
//! cells: a sheet with one cell in A1 and one in XFD1048576 asks for 2³⁴
//! cells (512 GiB), and a failed allocation aborts the process. So the
//! worksheet is read here through calamine's streaming cell reader
//! (`worksheet_cells_reader`), which keeps no grid and ignores the
//! `<dimension>` claim for allocation, and the rows are built sparsely with
//! every cap checked per cell: memory then grows with the cells that really
//! hold text, never with the positions they claim.
//!
//! What calamine does keep whole (shared strings, styles, the workbook's
//! lists) is bounded by unpacking every part of the archive here first,
//! counting the bytes that really come out, not the sizes the archive
//! declares, and refusing archives with too many parts or parts that
//! unpack too large.

use std::{
    collections::BTreeMap,
    io::{Cursor, Read},
};

use calamine::{Data, DataRef, Reader, Xlsx, XlsxError};

use crate::{
    RosterError,
    table::{
        Grid, GridRows, HEADER_SEARCH, MAX_CELLS, MAX_COLUMNS, MAX_LOADED_PART_BYTES,
        MAX_PART_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES, MAX_ZIP_ENTRIES,
    },
    workbook::{cell_text, guarded, no_cells},
};

/// Sheets looked at for the list: each empty one costs a full parse, and
/// many sheet entries may name the same large part.
const MAX_SHEETS: usize = 32;

pub(crate) fn read(bytes: &[u8]) -> Result<GridRows, RosterError> {
    // Word and PowerPoint files are ZIP archives too. A workbook has a part
    // `xl/workbook`, and ZIP stores the names of its parts uncompressed.
    if !bytes.windows(11).any(|w| w == b"xl/workbook") {
        return Err(RosterError::NotATable {
            what: Some("a ZIP archive or a Word or PowerPoint file"),
        });
    }
    guarded(|| check_archive(bytes))?;
    guarded(|| read_checked(bytes))
}

/// Unpacks every part once, counting what really comes out.
fn check_archive(bytes: &[u8]) -> Result<(), RosterError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(RosterError::TooManyParts {
            count: archive.len(),
        });
    }
    let mut total = 0u64;
    let mut sink = vec![0u8; 64 * 1024];
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).map_err(damaged)?;
        let name = part.name().map_err(damaged)?.into_owned();
        let limit = part_limit(&name);
        let too_large = || RosterError::PartTooLarge {
            part: name.clone(),
            limit,
        };
        // The declared size refuses honest large parts without unpacking
        // them; the count below catches the ones that lie.
        if part.size() > limit {
            return Err(too_large());
        }
        let mut unpacked = 0u64;
        let mut limited = (&mut part).take(limit + 1);
        loop {
            let n = limited.read(&mut sink).map_err(|e| RosterError::Workbook {
                reason: format!("it is damaged: {e}"),
            })?;
            if n == 0 {
                break;
            }
            unpacked += n as u64;
            total += n as u64;
            if total > MAX_UNPACKED_BYTES {
                return Err(RosterError::UnpackedTooLarge);
            }
        }
        if unpacked > limit {
            return Err(too_large());
        }
    }
    Ok(())
}

/// Worksheets are streamed by calamine; the other XML parts it reads are
/// kept whole, as strings and structures several times their size.
fn part_limit(name: &str) -> u64 {
    let name = name.to_ascii_lowercase();
    let kept_whole =
        !name.starts_with("xl/worksheets/") && (name.ends_with(".xml") || name.ends_with(".rels"));
    if kept_whole {
        MAX_LOADED_PART_BYTES
    } else {
        MAX_PART_BYTES
    }
}

fn read_checked(bytes: &[u8]) -> Result<GridRows, RosterError> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let sheets = book.sheet_names();
    for name in sheets.iter().take(MAX_SHEETS) {
        if let Some(rows) = sheet_rows(&mut book, name)? {
            return Ok(rows);
        }
    }
    no_cells(&sheets)
}

/// One sheet's cells as rows; `None` when none holds text.
fn sheet_rows(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Option<GridRows>, RosterError> {
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet holds no cells.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(None),
        Err(e) => return Err(xlsx_error(e)),
    };
    // Cells by row, each row's cells by column: only cells that hold
    // something are kept. Columns count from the leftmost cell with a
    // value, rows keep their number, as `worksheet_range` had them.
    let mut rows: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    let mut grid = Grid::default();
    let mut first_column = u32::MAX;
    let mut kept = 0usize;
    while let Some(cell) = reader.next_cell().map_err(xlsx_error)? {
        let value = cell.get_value();
        if matches!(value, DataRef::Empty) {
            continue;
        }
        let (row, column) = cell.get_position();
        let number = row as usize + 1;
        if column as usize >= MAX_COLUMNS {
            return Err(RosterError::TooManyColumns {
                row: number,
                column: column as usize + 1,
            });
        }
        first_column = first_column.min(column);
        // A shared string is measured before it is copied: one long string
        // may stand in many cells.
        if let DataRef::SharedString(s) = value {
            grid.check_cell(number, column as usize + 1, s)?;
        }
        let text = cell_text(&Data::from(value.clone()));
        if !matches!(value, DataRef::SharedString(_)) {
            grid.check_cell(number, column as usize + 1, &text)?;
        }
        if !rows.contains_key(&row) && rows.len() > MAX_ROWS + HEADER_SEARCH {
            return Err(RosterError::TooManyRows);
        }
        kept += 1;
        if kept > MAX_CELLS {
            return Err(RosterError::TooManyCells);
        }
        rows.entry(row).or_default().insert(column, text);
    }
    drop(reader);
    let mut grid_rows = Grid::default();
    for (row, cells) in rows {
        let Some(&last) = cells.keys().next_back() else {
            continue;
        };
        let width = (last - first_column + 1) as usize;
        grid_rows.check_row(0)?;
        let mut texts = vec![String::new(); width];
        for (column, text) in cells {
            texts[(column - first_column) as usize] = text;
        }
        grid_rows.push(row as usize + 1, texts)?;
    }
    if grid_rows.is_blank() {
        return Ok(None);
    }
    Ok(Some(grid_rows.into_rows()))
}

fn damaged(e: zip::result::ZipError) -> RosterError {
    RosterError::Workbook {
        reason: format!("it is damaged: {e}"),
    }
}

pub(crate) fn xlsx_error(e: XlsxError) -> RosterError {
    match e {
        XlsxError::Password => RosterError::PasswordProtected,
        XlsxError::Zip(e) => damaged(e),
        other => RosterError::Workbook {
            reason: other.to_string(),
        },
    }
}
