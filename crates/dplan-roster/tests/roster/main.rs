//! Tests of dplan-roster on files as they arrive. One binary whose modules
//! follow the crate's steps: reading files, detecting columns, planning the
//! import, exporting the roster, and a large file.

mod csv_caps;
mod encoding;
mod export;
mod fixtures;
mod import;
mod large;
mod read;
mod workbook;
mod xls_caps;
mod xlsx;
mod xlsx_caps;
