//! What can go wrong with a whole file, said so that a protocol officer knows
//! what to do next. Problems with single rows are [`crate::RowError`]s.

use crate::RowError;

#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    #[error("the file is empty")]
    Empty,

    #[error(
        "the file is {} MB; files over {} MB are not imported (is it really a participant list?)",
        megabytes(.bytes),
        crate::MAX_BYTES / (1024 * 1024)
    )]
    TooLarge { bytes: u64 },

    /// The file system would not give the bytes (missing file, no access).
    #[error("the file could not be read: {reason}")]
    Unreadable { reason: String },

    #[error(
        "the table has more than {} rows; participant lists that long are not imported (split the file)",
        crate::MAX_ROWS
    )]
    TooManyRows,

    /// A cell stands further right than any participant list reaches.
    #[error(
        "row {row} has a cell in column {} (column {column}); lists wider than {} columns are not imported",
        crate::table::column_letters(.column - 1),
        crate::MAX_COLUMNS
    )]
    TooManyColumns { row: usize, column: usize },

    #[error(
        "the table has more than {} cells; lists that large are not imported (split the file)",
        crate::MAX_CELLS
    )]
    TooManyCells,

    #[error(
        "row {row}, column {}: the cell holds {chars} characters; cells longer than {} characters (Excel's own limit) are not imported",
        crate::table::column_letters(.column - 1),
        crate::MAX_CELL_CHARS
    )]
    CellTooLong {
        row: usize,
        column: usize,
        chars: usize,
    },

    #[error(
        "the cells hold more than {} MB of text; lists that large are not imported (is it really a participant list?)",
        crate::MAX_TEXT_BYTES / (1024 * 1024)
    )]
    TooMuchText,

    /// The workbook is a ZIP archive with more parts than any workbook
    /// needs: a sign of a crafted file.
    #[error(
        "the Excel file holds {count} parts; workbooks with more than {} parts are not imported",
        crate::MAX_ZIP_ENTRIES
    )]
    TooManyParts { count: usize },

    /// One part of the workbook unpacks to more than its limit (whatever
    /// size the archive declares for it).
    #[error(
        "the part „{part}“ of the Excel file unpacks to more than {} MB; workbooks that large are not imported (is it really a participant list?)",
        .limit / (1024 * 1024)
    )]
    PartTooLarge { part: String, limit: u64 },

    #[error(
        "the Excel file unpacks to more than {} MB; workbooks that large are not imported (is it really a participant list?)",
        crate::MAX_UNPACKED_BYTES / (1024 * 1024)
    )]
    UnpackedTooLarge,

    /// The reader gave up inside the workbook's structure (it panicked, or
    /// the file's records contradict each other).
    #[error("the workbook is damaged: {reason}; open it in Excel and save it again")]
    Damaged { reason: String },

    #[error("the file has no header row: every row is empty")]
    NoHeader,

    /// The bytes are neither text nor a workbook. `what` names what they look
    /// like, when that is known ("a PDF document").
    #[error("not a CSV or Excel file{}", looks_like(.what))]
    NotATable { what: Option<&'static str> },

    /// The file name says neither CSV nor Excel.
    #[error("„{name}“ is not a CSV or Excel file: import a .csv, .txt, .xlsx or .xls file")]
    UnknownFileType { name: String },

    #[error(
        "the Excel file is password-protected: open it in Excel, remove the password and save it again"
    )]
    PasswordProtected,

    #[error("the Excel file could not be read ({reason}); open it in Excel and save it again")]
    Workbook { reason: String },

    #[error("the Excel file has no worksheet")]
    NoWorksheet,

    #[error("row {row}: {reason}")]
    Csv { row: usize, reason: String },

    #[error(
        "no column holds the family name (columns: {}); choose the column for the family name",
        .columns.join(", ")
    )]
    NoNameColumn { columns: Vec<String> },

    #[error("the file has column headers but no rows with participants")]
    NoRows,

    #[error("there is no column {column}; the file has {count} columns")]
    NoSuchColumn { column: usize, count: usize },

    /// Some rows are wrong and the import was asked to be all-or-nothing.
    #[error(
        "nothing was imported: {count} {} errors (first: {first})",
        if *.count == 1 { "row has" } else { "rows have" }
    )]
    InvalidRows { count: usize, first: RowError },

    #[error("the Excel file could not be written: {0}")]
    Export(String),
}

/// A file that cannot be read is the file system's; writing an Excel file
/// fails for the same reasons; everything else is the list itself.
impl dplan_core::Kinded for RosterError {
    fn kind(&self) -> dplan_core::ErrorKind {
        match self {
            RosterError::Unreadable { .. } | RosterError::Export(_) => {
                dplan_core::ErrorKind::Storage
            }
            _ => dplan_core::ErrorKind::Invalid,
        }
    }
}

fn megabytes(bytes: &u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

fn looks_like(what: &Option<&'static str>) -> String {
    what.map(|w| format!(" (it looks like {w})"))
        .unwrap_or_default()
}
