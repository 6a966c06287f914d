//! The roster as a file for Excel: CSV and `.xlsx`.
//!
//! The CSV is what German Excel opens with a double click: UTF-8 with a BOM
//! (without it Excel reads Windows-1252 and shows Chinese names as noise),
//! cells separated by `;` (German Excel's list separator; a `,` file opens
//! as one column there), lines ended by CRLF. There is no `sep=;` line:
//! Excel then ignores the BOM. Cells that Excel would run as a formula
//! (`=`, `+`, `-`, `@`, tab, CR at the start) get a `'` in front, the usual
//! defence against CSV injection; the workbook needs none, because its
//! cells are written as text and never as formulas.
//!
//! Personal data (dietary and accessibility needs, passport) is not part of
//! a roster row at all: a list that is printed or mailed around must not
//! carry it by accident.

use dplan_core::{Lang, Movement, Participant, Person, Role, Side};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};
use serde::Serialize;
use ts_rs::TS;

use crate::RosterError;

/// One participant's line in the roster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct RosterRow {
    pub precedence: u32,
    pub side: Side,
    pub role: Role,
    /// The name as shown everywhere: "刘强 Liu Qiang", "Dr. Frank Dudda".
    pub name: String,
    pub name_zh: String,
    pub pinyin: String,
    /// The official title.
    pub title: String,
    pub organisation: String,
    pub position: String,
    pub email: String,
    pub phone: String,
    /// "2027-03-25 10:30 CET, Flughafen Düsseldorf (DUS), LH 723".
    pub arrival: String,
    pub departure: String,
    pub hotel: String,
}

impl RosterRow {
    /// The row for `participant`, who is `person`, with texts in `lang`
    /// (falling back to German, then English, then Chinese).
    pub fn new(participant: &Participant, person: &Person, lang: Lang) -> RosterRow {
        RosterRow {
            precedence: participant.precedence,
            side: participant.side,
            role: participant.role,
            name: person.display_name(),
            name_zh: person.name_zh.clone().unwrap_or_default(),
            pinyin: person.pinyin.clone().unwrap_or_default(),
            title: person.title.best(lang).to_string(),
            organisation: person.organisation_in(lang).to_string(),
            position: person.position.best(lang).to_string(),
            email: person.email.clone().unwrap_or_default(),
            phone: person.phone.clone().unwrap_or_default(),
            arrival: participant
                .arrival
                .as_ref()
                .map(movement)
                .unwrap_or_default(),
            departure: participant
                .departure
                .as_ref()
                .map(movement)
                .unwrap_or_default(),
            hotel: participant.hotel.clone().unwrap_or_default(),
        }
    }

    fn cells(&self, lang: Lang) -> [String; 14] {
        [
            self.precedence.to_string(),
            dplan_core::words::pick(lang, dplan_core::words::side_word(self.side)).to_string(),
            dplan_core::words::role(lang, self.role).to_string(),
            self.name.clone(),
            self.name_zh.clone(),
            self.pinyin.clone(),
            self.title.clone(),
            self.organisation.clone(),
            self.position.clone(),
            self.email.clone(),
            self.phone.clone(),
            self.arrival.clone(),
            self.departure.clone(),
            self.hotel.clone(),
        ]
    }
}

fn movement(m: &Movement) -> String {
    let mut parts = vec![format!("{} {}", m.at.display_local(), m.at.abbreviation())];
    if !m.place.is_empty() {
        parts.push(m.place.clone());
    }
    if let Some(t) = m.transport.as_deref().filter(|t| !t.is_empty()) {
        parts.push(t.to_string());
    }
    parts.join(", ")
}

/// The column headers in `lang`. They are among the names that
/// [`crate::detect_mapping`] recognises, so an exported roster can be
/// imported again.
fn headers(lang: Lang) -> [&'static str; 14] {
    match lang {
        Lang::De => [
            "Rang",
            "Seite",
            "Rolle",
            "Name",
            "Chinesischer Name",
            "Pinyin",
            "Amtsbezeichnung",
            "Organisation",
            "Funktion",
            "E-Mail",
            "Telefon",
            "Ankunft",
            "Abreise",
            "Hotel",
        ],
        Lang::En => [
            "Precedence",
            "Side",
            "Role",
            "Name",
            "Chinese name",
            "Pinyin",
            "Official title",
            "Organisation",
            "Position",
            "E-mail",
            "Phone",
            "Arrival",
            "Departure",
            "Hotel",
        ],
        Lang::Zh => [
            "排序",
            "方",
            "角色",
            "姓名",
            "中文姓名",
            "拼音",
            "职衔",
            "单位",
            "职务",
            "电子邮件",
            "电话",
            "抵达",
            "离开",
            "酒店",
        ],
    }
}

/// The rows in the order of precedence: guests first, each side by rank.
fn in_precedence(rows: &[RosterRow]) -> Vec<&RosterRow> {
    let mut sorted: Vec<&RosterRow> = rows.iter().collect();
    sorted.sort_by_key(|r| (r.side, r.precedence));
    sorted
}

/// Puts `'` before a cell that Excel would otherwise run as a formula.
fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn push_csv_cell(out: &mut Vec<u8>, cell: &str) {
    let cell = neutralised(cell);
    if cell.contains([';', '"', '\n', '\r']) {
        out.push(b'"');
        out.extend_from_slice(cell.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(cell.as_bytes());
    }
}

fn push_csv_line<S: AsRef<str>>(out: &mut Vec<u8>, cells: &[S]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(b';');
        }
        push_csv_cell(out, cell.as_ref());
    }
    out.extend_from_slice(b"\r\n");
}

/// The roster as CSV for Excel, with headers and role and side words in
/// `lang`, in order of precedence.
/// The roster of a whole visit, guests then hosts, each side in order of
/// precedence (as [`dplan_core::VisitFile`] lists its participants).
pub fn roster_rows(file: &dplan_core::VisitFile, lang: Lang) -> Vec<RosterRow> {
    let persons: std::collections::HashMap<_, _> = file.persons.iter().map(|p| (p.id, p)).collect();
    let mut participants: Vec<&Participant> = file.participants.iter().collect();
    participants.sort_by_key(|p| (p.side, p.precedence));
    participants
        .into_iter()
        .filter_map(|p| {
            persons
                .get(&p.person_id)
                .map(|person| RosterRow::new(p, person, lang))
        })
        .collect()
}

pub fn roster_csv(rows: &[RosterRow], lang: Lang) -> Vec<u8> {
    let mut out = Vec::with_capacity(3 + 200 * (rows.len() + 1));
    out.extend_from_slice(b"\xEF\xBB\xBF");
    push_csv_line(&mut out, &headers(lang));
    for row in in_precedence(rows) {
        push_csv_line(&mut out, &row.cells(lang));
    }
    out
}

/// The roster as an Excel workbook: one sheet, a bold header row that stays
/// in view, a filter, and column widths that fit the text.
pub fn roster_xlsx(rows: &[RosterRow], lang: Lang) -> Result<Vec<u8>, RosterError> {
    write_xlsx(rows, lang).map_err(|e| RosterError::Export(e.to_string()))
}

fn write_xlsx(rows: &[RosterRow], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // A fixed creation date keeps the file the same for the same roster;
    // otherwise the writer would read the clock.
    book.set_properties(
        &DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    let sheet = book.add_worksheet();
    sheet.set_name(match lang {
        Lang::De => "Teilnehmende",
        Lang::En => "Participants",
        Lang::Zh => "参加人员",
    })?;
    let bold = Format::new().set_bold();
    let headers = headers(lang);
    let mut widths: Vec<usize> = headers.iter().map(|h| display_width(h)).collect();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let sorted = in_precedence(rows);
    for (r, row) in sorted.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_number(r, 0, row.precedence)?;
        for (c, cell) in row.cells(lang).iter().enumerate().skip(1) {
            if !cell.is_empty() {
                sheet.write_string(r, c as u16, cell)?;
                widths[c] = widths[c].max(display_width(cell));
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, (*w + 2).clamp(6, 60) as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, sorted.len() as u32, headers.len() as u16 - 1)?;
    book.save_to_buffer()
}

/// Width in Excel's character units: Chinese characters take two.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if crate::fold::is_han(c) || c > '\u{2E80}' {
                2
            } else {
                1
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_others_left_alone() {
        for (cell, out) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+86 830 000", "'+86 830 000"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("Liu", "Liu"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralised(cell), out);
        }
    }

    #[test]
    fn csv_cells_are_quoted_where_needed() {
        let mut out = Vec::new();
        push_csv_line(&mut out, &["a;b", "say \"hi\"", "two\nlines", "plain"]);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"a;b\";\"say \"\"hi\"\"\";\"two\nlines\";plain\r\n"
        );
    }

    #[test]
    fn widths_count_chinese_double() {
        assert_eq!(display_width("Liu"), 3);
        assert_eq!(display_width("刘强"), 4);
    }
}
