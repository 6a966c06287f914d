//! Participant lists as they really arrive by e-mail, in and out.
//!
//! Import runs in three pure steps, so that the app can show each to the
//! protocol officer before anything is stored:
//!
//! 1. [`read_table`] turns the bytes of a `.csv`/`.txt` (UTF-8, UTF-8 with
//!    BOM, UTF-16 from Excel's "Unicode text", Windows-1252 from German Excel,
//!    GBK from Chinese Excel; `;`, `,` or tab separated) or an `.xlsx`/`.xls`
//!    workbook into a [`Table`]: header names and [`Row`]s of text cells, each
//!    row numbered as Excel shows it.
//! 2. [`detect_mapping`] recognises the header names (German, English,
//!    Chinese) and says which column feeds which [`Field`]; the [`Mapping`]
//!    can be corrected by hand with [`Mapping::with_override`].
//! 3. [`plan_import`] builds, for each row, a [`Draft`] (a
//!    [`dplan_core::Person`] and its [`dplan_core::Participant`]) or the
//!    [`RowError`]s that say which row and column is wrong and why. The
//!    resulting [`ImportPlan`] is all-or-nothing unless the caller asks for
//!    the valid rows only ([`ImportPolicy`]).
//!
//! Matching rows against persons already in the address book is the store's
//! work; both sides compare [`dplan_core::Person::identity_key`]s so they agree on what "the same
//! person" means.
//!
//! [`ListReview`] gathers what the app's import dialog shows of a list
//! before anything is stored.
//!
//! Export: [`RosterRow`] is one line of the roster, built from the model;
//! [`roster_csv`] writes it for Excel (UTF-8 with BOM, `;`, formula
//! injection neutralised) and [`roster_xlsx`] as a workbook.
//!
//! Nothing here reads the clock or makes random ids, and only
//! [`read_table_file`] touches the file system (to check a list's size
//! before reading it): callers pass bytes and an id generator in and get
//! bytes or values out.
//!
//! No file can crash the reader: files, workbook parts, rows, columns,
//! cells and text are capped ([`MAX_BYTES`], [`MAX_ROWS`], [`MAX_COLUMNS`],
//! [`MAX_CELLS`], [`MAX_CELL_CHARS`], [`MAX_TEXT_BYTES`], [`MAX_ZIP_ENTRIES`],
//! [`MAX_PART_BYTES`], [`MAX_UNPACKED_BYTES`]) before anything that size is
//! allocated, and a list whose encoding had to be guessed carries an
//! [`EncodingNote`].

mod columns;
mod delimited;
mod encoding;
mod error;
mod export;
mod fold;
mod import;
mod name;
mod review;
mod table;
mod workbook;
mod xls;
mod xlsx;

pub use columns::{Field, Mapping, detect_mapping};
pub use encoding::{EncodingNote, TextEncoding};
pub use error::RosterError;
pub use export::{RosterRow, roster_csv, roster_rows, roster_xlsx};
pub use import::{Draft, ImportOptions, ImportPlan, ImportPolicy, RowError, plan_import};
pub use review::{ColumnView, DraftView, FieldChoice, ListReview, SAMPLE_ROWS};
pub use table::{
    FileKind, MAX_BYTES, MAX_CELL_CHARS, MAX_CELLS, MAX_COLUMNS, MAX_LOADED_PART_BYTES,
    MAX_PART_BYTES, MAX_ROWS, MAX_TEXT_BYTES, MAX_UNPACKED_BYTES, MAX_ZIP_ENTRIES, Row, Table,
    read_table, read_table_file,
};
