//! Participant lists (.xlsx, .xls, .csv): read, reviewed with a column
//! mapping, imported (all or nothing, or the valid rows only); and the
//! roster of a visit written in order of precedence.

use std::path::Path;

use chrono::Utc;
use dplan_core::{Lang, PersonId, Side, VisitId};

use crate::{ApiError, Result, Store};

pub use dplan_roster::{
    ColumnView, Draft, DraftView, EncodingNote, Field, FieldChoice, ImportPlan, ImportPolicy,
    ListReview, Mapping, RowError, Table, detect_mapping,
};
pub use dplan_store::{ListedOutcome, ListedRow, ParticipantImportReport};

/// Reads a list the user named. Its kind and size are checked before it is
/// read, so a huge or crafted file is refused without loading it; errors
/// name the file.
pub fn read_file(path: &Path) -> Result<Table> {
    let read = || -> Result<Table> {
        dplan_roster::FileKind::from_path(path)?;
        Ok(dplan_roster::read_table_file(path)?)
    };
    read().map_err(|e| e.about_file(path))
}

/// Reads a list from its bytes (a file dropped on the window).
pub fn read_bytes(bytes: &[u8]) -> Result<Table> {
    Ok(dplan_roster::read_table(bytes)?)
}

fn options(default_side: Side) -> dplan_roster::ImportOptions {
    dplan_roster::ImportOptions { default_side }
}

/// What importing `table` with `mapping` would do, row by row, for the
/// import dialog.
pub fn review(
    table: &Table,
    mapping: &Mapping,
    visit: VisitId,
    default_side: Side,
) -> Result<ListReview> {
    Ok(ListReview::new(
        table,
        mapping,
        visit,
        &options(default_side),
    )?)
}

/// Plans the import of `table`: each row a person with their part in the
/// visit, or the reason it is not.
pub fn plan(
    table: &Table,
    mapping: &Mapping,
    visit: VisitId,
    default_side: Side,
) -> Result<ImportPlan> {
    Ok(dplan_roster::plan_import(
        table,
        mapping,
        visit,
        &options(default_side),
        PersonId::random,
    )?)
}

/// Imports a planned list (or, with `dry_run`, says what that would do).
/// Under [`ImportPolicy::AllOrNothing`] one invalid row stops the whole
/// import; known persons (same name and organisation) are matched, not
/// duplicated.
pub fn import(
    store: &mut Store,
    visit: VisitId,
    plan: &ImportPlan,
    policy: ImportPolicy,
    dry_run: bool,
) -> Result<ParticipantImportReport> {
    let listed: Vec<_> = plan.accepted(policy)?.iter().map(Draft::listed).collect();
    Ok(store.import_participants(visit, &listed, dry_run)?)
}

/// The formats a roster is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RosterFormat {
    /// UTF-8 with a byte-order mark, as Excel reads it.
    Csv,
    Xlsx,
}

impl RosterFormat {
    /// The format a file's name asks for (.csv or .xlsx).
    pub fn of_path(path: &Path) -> Result<RosterFormat> {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("xlsx") => Ok(RosterFormat::Xlsx),
            Some(e) if e.eq_ignore_ascii_case("csv") => Ok(RosterFormat::Csv),
            _ => Err(ApiError::FileName {
                path: path.into(),
                expected: ".csv or .xlsx",
            }),
        }
    }
}

/// Writes the visit's participants in order of precedence to `path` (whole
/// or not at all), headers, titles and organisations in `lang`; returns how
/// many were written.
pub fn export_to(
    store: &Store,
    visit: VisitId,
    lang: Lang,
    format: RosterFormat,
    path: &Path,
) -> Result<usize> {
    let file = store.export_visit(visit, Utc::now(), false)?;
    let rows = dplan_roster::roster_rows(&file, lang);
    let bytes = match format {
        RosterFormat::Csv => dplan_roster::roster_csv(&rows, lang),
        RosterFormat::Xlsx => dplan_roster::roster_xlsx(&rows, lang)?,
    };
    dplan_store::write_atomically(path, &bytes).map_err(|e| ApiError::from(e).about_file(path))?;
    Ok(rows.len())
}
