//! Reading `.xls` workbooks (BIFF8 in a compound file) without trusting
//! them.
//!
//! calamine parses every sheet of an `.xls` while opening it, with no way
//! to stop it part-way: it reserves the cells a `Dimensions` record claims,
//! builds a dense grid spanning the cells' positions, and reserves each
//! text's claimed length (a 13-byte record can ask for 64 KiB). So the
//! workbook stream is taken out of the compound file here (with the `cfb`
//! crate), its records are walked the way calamine walks them, and what
//! calamine would allocate is added up and held against the caps. Only then
//! is the checked stream put into a fresh compound file of its own and
//! handed to calamine, so calamine reads exactly the bytes that were
//! checked, not whatever its own reading of a crafted container finds.

use std::io::{Cursor, Read, Write};

use calamine::{Reader, Xls, XlsError};

use crate::{
    RosterError,
    table::{GridRows, MAX_CELLS, MAX_COLUMNS, MAX_TEXT_BYTES},
    workbook::{guarded, no_cells, range_rows},
};

/// Worksheets in one workbook: calamine walks the stream once per sheet.
const MAX_SHEETS: usize = 64;

/// How many bytes of text a formula's record may become: calamine writes
/// each formula out as text, names and references longer than their tokens.
const FORMULA_TEXT_PER_BYTE: usize = 16;

pub(crate) fn read(bytes: &[u8]) -> Result<GridRows, RosterError> {
    let stream = guarded(|| workbook_stream(bytes))?;
    guarded(|| check_records(&stream))?;
    let packed = guarded(|| repack(&stream))?;
    guarded(|| {
        let mut book = Xls::new(Cursor::new(&packed[..])).map_err(xls_error)?;
        let sheets = book.sheet_names();
        for name in &sheets {
            let range = book.worksheet_range(name).map_err(xls_error)?;
            if let Some(rows) = range_rows(&range)? {
                return Ok(rows);
            }
        }
        no_cells(&sheets)
    })
}

fn damaged(reason: impl std::fmt::Display) -> RosterError {
    RosterError::Damaged {
        reason: reason.to_string(),
    }
}

/// The `Workbook` (or, from Excel 5, `Book`) stream, read up to the file
/// size cap.
fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, RosterError> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(damaged)?;
    // A password-protected .xlsx is stored in this container format.
    if file.exists("/EncryptedPackage") {
        return Err(RosterError::PasswordProtected);
    }
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or(RosterError::NotATable {
            what: Some("an old Word or other Office file"),
        })?;
    let stream = file.open_stream(name).map_err(damaged)?;
    let mut out = Vec::new();
    stream
        .take(crate::MAX_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(damaged)?;
    if out.len() > crate::MAX_BYTES {
        return Err(RosterError::TooLarge {
            bytes: out.len() as u64,
        });
    }
    Ok(out)
}

fn repack(stream: &[u8]) -> Result<Vec<u8>, RosterError> {
    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
            .map_err(damaged)?;
    let mut out = file.create_stream("/Workbook").map_err(damaged)?;
    out.write_all(stream).map_err(damaged)?;
    out.flush().map_err(damaged)?;
    drop(out);
    file.flush().map_err(damaged)?;
    Ok(file.into_inner().into_inner())
}

/// A BIFF record with the `Continue` records that follow it, split exactly
/// as calamine's `RecordIter` splits them.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
    cont: Vec<&'a [u8]>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn records(mut stream: &[u8]) -> impl Iterator<Item = Result<Record<'_>, RosterError>> {
    std::iter::from_fn(move || {
        if stream.is_empty() {
            return None;
        }
        let (Some(typ), Some(len)) = (u16_at(stream, 0), u16_at(stream, 2)) else {
            stream = &[];
            return Some(Err(damaged("a record is cut off")));
        };
        let len = len as usize;
        if stream.len() < len + 4 {
            stream = &[];
            return Some(Err(damaged("a record is cut off")));
        }
        let (data, next) = stream.split_at(len + 4);
        stream = next;
        let mut cont = Vec::new();
        while stream.len() > 4 && u16_at(stream, 0) == Some(0x003C) {
            let len = u16_at(stream, 2).unwrap_or(0) as usize;
            if stream.len() < len + 4 {
                stream = &[];
                return Some(Err(damaged("a record is cut off")));
            }
            let (c, next) = stream.split_at(len + 4);
            cont.push(&c[4..]);
            stream = next;
        }
        Some(Ok(Record {
            typ,
            data: &data[4..],
            cont,
        }))
    })
}

/// What calamine will allocate for the cells and texts of the workbook.
#[derive(Default)]
struct Tally {
    cells: usize,
    text: usize,
}

impl Tally {
    fn text(&mut self, bytes: usize) -> Result<(), RosterError> {
        self.text = self.text.saturating_add(bytes);
        if self.text > MAX_TEXT_BYTES {
            return Err(RosterError::TooMuchText);
        }
        Ok(())
    }

    fn cells(&mut self, n: usize) -> Result<(), RosterError> {
        self.cells = self.cells.saturating_add(n);
        if self.cells > MAX_CELLS {
            return Err(RosterError::TooManyCells);
        }
        Ok(())
    }
}

/// The smallest box around cell positions; calamine's grid is this box.
#[derive(Default)]
struct Span(Option<(u32, u32, u32, u32)>);

impl Span {
    fn add(&mut self, row: u32, column: u32) {
        self.0 = Some(match self.0 {
            None => (row, row, column, column),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(column), c1.max(column)),
        });
    }

    fn area(&self) -> usize {
        self.0.map_or(0, |(r0, r1, c0, c1)| {
            ((r1 - r0) as usize + 1).saturating_mul((c1 - c0) as usize + 1)
        })
    }
}

/// Walks the workbook's records as calamine will, adding up what it will
/// allocate.
fn check_records(stream: &[u8]) -> Result<(), RosterError> {
    let mut tally = Tally::default();
    let mut sheets = Vec::new();
    let mut strings: Vec<usize> = Vec::new();
    for record in records(stream) {
        let r = record?;
        match r.typ {
            0x0085 => {
                let pos = u32_at(r.data, 0).ok_or_else(|| damaged("a sheet record is cut off"))?;
                sheets.push(pos as usize);
                if sheets.len() > MAX_SHEETS {
                    return Err(RosterError::Workbook {
                        reason: format!("it has more than {MAX_SHEETS} worksheets"),
                    });
                }
            }
            0x00FC => strings = shared_string_lengths(&r)?,
            0x000A => break,
            _ => {}
        }
    }
    // The shared strings are kept once, and copied into every cell that
    // shows one.
    tally.cells(strings.len())?;
    tally.text(strings.iter().map(|&c| 3 * c).sum())?;
    let mut grid = 0usize;
    for pos in sheets {
        let sheet = stream
            .get(pos..)
            .ok_or_else(|| damaged("a sheet starts past the end of the workbook"))?;
        grid = grid.saturating_add(check_sheet(sheet, &strings, &mut tally)?);
        if grid > MAX_CELLS {
            return Err(RosterError::TooManyCells);
        }
    }
    Ok(())
}

/// Checks one sheet's records; returns the size of the grids calamine
/// will build for it (values and formulas).
fn check_sheet(sheet: &[u8], strings: &[usize], tally: &mut Tally) -> Result<usize, RosterError> {
    let short = || damaged("a cell record is cut off");
    let (mut values, mut formulas) = (Span::default(), Span::default());
    let cell = |span: &mut Span, tally: &mut Tally, row: u16, column: u16| {
        if column as usize >= MAX_COLUMNS {
            return Err(RosterError::TooManyColumns {
                row: row as usize + 1,
                column: column as usize + 1,
            });
        }
        span.add(row as u32, column as u32);
        tally.cells(1)
    };
    let (mut seen_bof, mut depth) = (false, 0usize);
    for record in records(sheet) {
        let r = record?;
        // Embedded charts are substreams that calamine skips.
        if depth > 0 {
            match r.typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let d = r.data;
        let at = |o| u16_at(d, o).ok_or_else(short);
        match r.typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x0200 => {
                // calamine reserves the claimed rows × columns; the sums are
                // made the way its release build makes them.
                let (rf, rl, cf, cl) = match d.len() {
                    10 => (at(0)? as u32, at(2)? as u32, at(4)? as u32, at(6)? as u32),
                    14 | 16 => (
                        u32_at(d, 0).ok_or_else(short)?,
                        u32_at(d, 4).ok_or_else(short)?,
                        at(8)? as u32,
                        at(10)? as u32,
                    ),
                    _ => return Err(damaged("a dimensions record has the wrong length")),
                };
                let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                if rl >= 1 && cl >= 1 {
                    let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1) as usize;
                    let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1) as usize;
                    if rows.saturating_mul(cols) > MAX_CELLS {
                        return Err(RosterError::TooManyCells);
                    }
                }
            }
            // Number, boolean or error, RK.
            0x0203 | 0x0205 | 0x027E => cell(&mut values, tally, at(0)?, at(2)?)?,
            // Label and RString: the text's claimed length is reserved.
            0x0204 | 0x00D6 => {
                cell(&mut values, tally, at(0)?, at(2)?)?;
                tally.text(3 * at(6)? as usize)?;
            }
            0x00FD => {
                let i = u32_at(d, 6).ok_or_else(short)? as usize;
                if let Some(&chars) = strings.get(i) {
                    cell(&mut values, tally, at(0)?, at(2)?)?;
                    tally.text(3 * chars)?;
                }
            }
            0x00BD => {
                let (row, first) = (at(0)?, at(2)?);
                let last = at(d.len().saturating_sub(2))?;
                if last < first {
                    return Err(damaged("a cell record has its columns reversed"));
                }
                cell(&mut values, tally, row, first)?;
                cell(&mut values, tally, row, last)?;
                tally.cells((last - first) as usize)?;
            }
            0x0006 => {
                let (row, column) = (at(0)?, at(2)?);
                cell(&mut values, tally, row, column)?;
                cell(&mut formulas, tally, row, column)?;
                tally.text(d.len().saturating_mul(FORMULA_TEXT_PER_BYTE))?;
            }
            // A formula's text result.
            0x0207 => {
                tally.cells(1)?;
                tally.text(3 * at(0)? as usize)?;
            }
            0x000A => break,
            _ => {}
        }
    }
    Ok(values.area().saturating_add(formulas.area()))
}

/// The lengths in characters of the shared strings, read as calamine reads
/// them (`parse_sst`): strings until the record and its continuations end.
fn shared_string_lengths(r: &Record<'_>) -> Result<Vec<usize>, RosterError> {
    let bad = || damaged("the shared strings are cut off");
    let mut chunks = r.cont.iter().copied();
    let mut data = r.data.get(8..).ok_or_else(bad)?;
    let mut out = Vec::new();
    loop {
        if data.is_empty() {
            match chunks.next() {
                Some(next) => data = next,
                None => break,
            }
            continue;
        }
        if data.len() < 3 {
            return Err(bad());
        }
        let cch = u16_at(data, 0).ok_or_else(bad)? as usize;
        let flags = data[2];
        data = &data[3..];
        let mut runs = 0usize;
        let mut ext = 0usize;
        if flags & 0x8 != 0 {
            runs = u16_at(data, 0).ok_or_else(bad)? as usize;
            data = &data[2..];
        }
        if flags & 0x4 != 0 {
            ext = u32_at(data, 0).ok_or_else(bad)? as usize;
            data = &data[4..];
        }
        // The characters, continued with a new flags byte in each chunk.
        let (mut left, mut high) = (cch, flags & 0x1 != 0);
        while left > 0 {
            let width = if high { 2 } else { 1 };
            let n = left.min(data.len() / width);
            data = &data[n * width..];
            left -= n;
            if left > 0 {
                data = chunks.next().ok_or_else(bad)?;
                high = *data.first().ok_or_else(bad)? & 0x1 != 0;
                data = &data[1..];
            }
        }
        // Formatting runs and phonetic text, skipped across chunks.
        let mut skip = runs * 4 + ext;
        while skip > 0 {
            if data.is_empty() {
                data = chunks.next().ok_or_else(bad)?;
                continue;
            }
            let n = skip.min(data.len());
            data = &data[n..];
            skip -= n;
        }
        out.push(cch);
        if out.len() > MAX_CELLS {
            return Err(RosterError::TooManyCells);
        }
    }
    Ok(out)
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
