//! What the two workbook readers (`xlsx.rs`, `xls.rs`) share: calamine
//! calls kept from taking the app down, a sheet's cells read into a checked
//! grid, and cells written as Excel shows them.

use calamine::Data;

use crate::RosterError;
use crate::table::{Grid, GridRows, HEADER_SEARCH, MAX_COLUMNS, MAX_ROWS};

/// A workbook whose sheets are all empty is an empty file to the user.
pub(crate) fn no_cells(sheets: &[String]) -> Result<GridRows, RosterError> {
    if sheets.is_empty() {
        Err(RosterError::NoWorksheet)
    } else {
        Err(RosterError::Empty)
    }
}

/// Runs code that calls into calamine, turning a panic into
/// [`RosterError::Damaged`].
///
/// This is the last line of defence, not the first: the caps are checked
/// before calamine sees a file, so that it cannot be made to allocate more
/// than they allow (a failed allocation aborts the process and cannot be
/// caught). But calamine indexes and does arithmetic on numbers taken from
/// the file (cell references, record lengths), and a damaged file can make
/// that panic; in the app a panic on a command thread would take the whole
/// window down with the list. The panic hook still prints the panic to
/// stderr, which is harmless. This relies on the default `panic = "unwind"`.
pub(crate) fn guarded<T>(read: impl FnOnce() -> Result<T, RosterError>) -> Result<T, RosterError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)) {
        Ok(result) => result,
        Err(panic) => {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "the reader stopped".to_string());
            Err(RosterError::Damaged { reason })
        }
    }
}

/// The used cells of a sheet as numbered rows; `None` when it has none.
pub(crate) fn range_rows(range: &calamine::Range<Data>) -> Result<Option<GridRows>, RosterError> {
    let Some((first_row, _)) = range.start() else {
        return Ok(None);
    };
    if range.height() > MAX_ROWS + HEADER_SEARCH + 1 {
        return Err(RosterError::TooManyRows);
    }
    if range.width() > MAX_COLUMNS {
        return Err(RosterError::TooManyColumns {
            row: first_row as usize + 1,
            column: range.width(),
        });
    }
    let mut grid = Grid::default();
    for (i, cells) in range.rows().enumerate() {
        let number = first_row as usize + i + 1;
        grid.check_row(0)?;
        let mut texts = Vec::with_capacity(cells.len());
        for (column, cell) in cells.iter().enumerate() {
            let text = cell_text(cell);
            grid.check_cell(number, column + 1, &text)?;
            texts.push(text);
        }
        grid.push(number, texts)?;
    }
    if grid.is_blank() {
        return Ok(None);
    }
    Ok(Some(grid.into_rows()))
}

/// A cell as the user reads it in Excel: whole numbers without `.0`, dates
/// as `YYYY-MM-DD` (with the time where there is one).
pub(crate) fn cell_text(cell: &Data) -> String {
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

pub(crate) fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}
