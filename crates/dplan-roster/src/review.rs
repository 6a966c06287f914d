//! What the app's import dialog shows of a list before anything is stored:
//! the columns with a few rows, how each column is read, and each row's
//! result.

use dplan_core::{Lang, Role, Side, VisitId};
use serde::Serialize;
use ts_rs::TS;

use crate::{
    EncodingNote, Field, ImportOptions, Mapping, RosterError, RowError, Table, plan_import,
};

/// Rows shown under the column headers, enough to recognise a list.
pub const SAMPLE_ROWS: usize = 8;

/// A column as the dialog lists it, with the field it feeds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ColumnView {
    pub index: usize,
    /// The header, or "column C" where the list has none.
    pub label: String,
    pub field: Option<Field>,
}

/// A field the user can map a column to, with its name in the UI languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FieldChoice {
    pub field: Field,
    pub de: String,
    pub en: String,
}

/// A valid row as the dialog lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct DraftView {
    pub row: usize,
    pub name: String,
    pub organisation: String,
    pub side: Side,
    pub role: Role,
    /// Guesses worth checking, such as how a whole name was split.
    pub notes: Vec<String>,
}

/// A participant list read with a mapping, ready to be checked by a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ListReview {
    /// The row that held the headers, as Excel numbers it.
    pub header_row: usize,
    pub columns: Vec<ColumnView>,
    /// The first rows' cells, column by column.
    pub sample: Vec<Vec<String>>,
    /// Data rows in the list.
    pub rows: usize,
    pub mapping: Mapping,
    pub fields: Vec<FieldChoice>,
    pub drafts: Vec<DraftView>,
    pub errors: Vec<RowError>,
    /// Columns that feed no field.
    pub unmapped: Vec<String>,
    /// The list's encoding, when it had to be guessed; the dialog warns
    /// when the guess is doubtful.
    #[ts(inline)]
    pub encoding: Option<EncodingNote>,
}

impl ListReview {
    /// Reads `table` with `mapping` for a visit; ids are not needed to
    /// review, so every draft gets the same placeholder one.
    pub fn new(
        table: &Table,
        mapping: &Mapping,
        visit_id: VisitId,
        options: &ImportOptions,
    ) -> Result<ListReview, RosterError> {
        let plan = plan_import(table, mapping, visit_id, options, || {
            dplan_core::PersonId::derived("review")
        })?;
        Ok(ListReview {
            header_row: table.header_row,
            columns: (0..table.headers.len())
                .map(|index| ColumnView {
                    index,
                    label: table.column_label(index),
                    field: mapping.field_of(index),
                })
                .collect(),
            sample: table
                .rows
                .iter()
                .take(SAMPLE_ROWS)
                .map(|r| {
                    (0..table.headers.len())
                        .map(|c| r.cell(c).to_string())
                        .collect()
                })
                .collect(),
            rows: plan.rows,
            mapping: mapping.clone(),
            fields: Field::ALL
                .iter()
                .map(|&field| FieldChoice {
                    field,
                    de: field.label(Lang::De).to_string(),
                    en: field.label(Lang::En).to_string(),
                })
                .collect(),
            drafts: plan
                .drafts
                .iter()
                .map(|d| DraftView {
                    row: d.row,
                    name: d.person.display_name(),
                    organisation: d.person.organisation.best(Lang::De).to_string(),
                    side: d.participant.side,
                    role: d.participant.role,
                    notes: d.notes.clone(),
                })
                .collect(),
            errors: plan.errors,
            unmapped: plan.unmapped,
            encoding: table.encoding,
        })
    }
}
