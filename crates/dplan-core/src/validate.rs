//! Validation results that name the field and the problem, and the checks
//! for free text that every entity shares.
//!
//! A problem is a code with its parameters ([`Problem`]); its sentence is
//! written by [`crate::says`] in the reader's language. `reason` holds it in
//! English until whoever shows it asks for another ([`Invalid::in_lang`]).

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Lang, Texts, says::Says};

/// One problem with one field. `field` is a dotted path such as `title.de`,
/// `start` or, inside a visit file, `programme[3].end`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    pub field: String,
    /// The problem as a sentence for people, in the language asked for.
    pub reason: String,
    /// The problem as a code and its parameters, for scripts and for
    /// writing `reason` in another language.
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        FieldError {
            field: field.into(),
            reason: problem.to_string(),
            problem,
        }
    }
}

/// What is wrong with a field: a code (`code` in JSON) and its parameters.
/// Every variant is written in German, English and Chinese by
/// [`Says::problem`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    Empty,
    TooLong {
        len: usize,
        max: usize,
    },
    EdgeSpaces,
    LineBreak {
        at: usize,
    },
    ControlCharacter {
        character: String,
        at: usize,
    },
    /// U+2028 or U+2029: calendars and documents would break the line
    /// where the field shows none.
    LineSeparator {
        character: String,
        at: usize,
    },
    DirectionOverride {
        character: String,
        at: usize,
    },
    Markup {
        tag: String,
    },
    /// A date outside the years dplan plans with.
    DateOutsideWindow {
        date: String,
        earliest: i32,
        latest: i32,
    },
    /// The same, for a date of birth, which the sentence does not repeat.
    BirthDateOutsideWindow {
        earliest: i32,
        latest: i32,
    },
    /// A local time in the hour skipped when summer time begins.
    TimeInGap {
        local: String,
        zone: String,
    },
    /// A local time in the hour repeated when the clocks go back.
    TimeAmbiguous {
        local: String,
        zone: String,
    },
    EndNotAfterStart,
    ItemTooLong {
        hours: i64,
    },
    LastDayBeforeFirstDay,
    AllDayItemTooLong {
        days: i64,
    },
    VisitTooLong {
        days: i64,
    },
    TooManyContacts {
        max: usize,
    },
    SamePersonTwice,
    PrecedenceBelowOne,
    DepartureNotAfterArrival,
    PassportNumber,
    Email {
        value: String,
    },
    Phone {
        value: String,
    },
    LanguageCode {
        value: String,
    },
    TravelTooLong {
        minutes: u32,
    },
    SameVenueTwice,
    VenuePairTwice,
    /// An id that a file lists twice.
    AppearsTwice {
        id: String,
    },
    BelongsToAnotherVisit,
    NotAmongFilePersons {
        id: String,
    },
    NotAmongFileVenues {
        id: String,
    },
    TakesPartTwice,
    NotAParticipant {
        id: String,
    },
    PersonNotAParticipant,
    VenueUnused,
    CannotMoveDates {
        first_day: String,
    },
    /// An item moved by whole days would leave the calendar.
    CannotMoveItem {
        days: i32,
    },
    ItemOfAnotherVisit {
        id: String,
        visit: String,
    },
    ItemCannotMoveVisit,
    OrderIncomplete,
    NoSuchPerson {
        id: String,
    },
    NoSuchVenue {
        id: String,
    },
    PersonMismatch,
    SameAsRow {
        row: usize,
    },
    // What the store refuses because of what is stored already.
    /// A `what` ("visit", "person", "venue", "item") with this id exists.
    ExistsAlready {
        what: String,
        id: String,
    },
    /// A list row names a person id stored under another name.
    PersonIdTaken {
        row: usize,
        id: String,
    },
    AlreadyTakesPart,
    PersonInVisits {
        visits: usize,
    },
    VenueInUse {
        items: usize,
    },
    PurgeBeforeVisitOver,
    /// A colleague's change to the same records reached the team database
    /// while this one was being saved; this one was not.
    ChangedConcurrently,
    /// A copy goes only into a database that holds no data yet (or a file
    /// that does not exist yet).
    CopyTargetNotEmpty {
        database: String,
    },
    /// A database setting that is neither a PostgreSQL address dplan can
    /// read nor a file's path.
    NotADatabaseAddress {
        value: String,
        reason: String,
    },
    /// A saved database setting must not carry its password.
    DatabasePasswordInAddress,
    /// The team database's server asks for a password that neither the
    /// user nor the password file gave.
    DatabasePasswordNeeded {
        database: String,
    },
    /// The team database's server refused the user name or password.
    DatabaseLoginRefused {
        database: String,
    },
    /// The team database's server could not be reached.
    DatabaseUnreachable {
        database: String,
        reason: String,
    },
    // What a calendar export or a publish refuses.
    /// A calendar for a person who neither takes part in the visit nor is
    /// responsible for any of its items.
    NotInVisit {
        id: String,
    },
    NoItemsYet,
    /// The guest edition leaves out every item of the selection.
    GuestEditionLeavesAllOut,
    AttendsNothing {
        name: String,
    },
    ResponsibleForNothing {
        name: String,
    },
    /// An item whose time cannot be written (stored before it was
    /// checked): its title and why.
    ItemNotExportable {
        title: String,
        reason: Box<Problem>,
    },
    ReminderTooLong {
        minutes: u32,
        max: u32,
    },
    // What a printed document refuses.
    /// An itinerary is written in one language or two, each once.
    ItineraryLanguages {
        asked: u32,
    },
    /// No font for Chinese is installed; `looked` names those looked for.
    NoCjkFont {
        looked: String,
    },
    NotAServerAddress {
        value: String,
    },
    AddressNamesNoServer,
    /// A user name or password in an address, where shell histories and
    /// logs keep it.
    AddressWithLogin,
    NotACollectionAddress {
        value: String,
    },
    NotAWebAddress {
        value: String,
    },
    NoPublishTarget,
    NotAFolder {
        path: String,
    },
    NoSuchCalendar {
        name: String,
        calendars: String,
    },
    FeedNotRemoved {
        file: String,
        folder: String,
        reason: String,
    },
    /// Someone else is publishing the visit's calendars (the app on
    /// another screen, the CLI); their lease runs until `until` (UTC).
    PublishInProgress {
        who: String,
        until: String,
    },
    /// A visit whose calendars are published cannot be deleted before they
    /// are withdrawn.
    VisitCalendarsPublished,
    /// The calendar server needs the user's password, which the app keeps
    /// only while it runs.
    CalendarPasswordNeeded,
    /// The calendar server did not accept the user name and password (401).
    CalendarLoginRefused {
        url: String,
    },
    /// The calendar server knows the user but denies the right (403).
    CalendarForbidden {
        url: String,
    },
    CalendarUnreachable {
        url: String,
        reason: String,
    },
    CalendarServerAnswer {
        method: String,
        url: String,
        status: u16,
        answer: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Says(Lang::En).problem(self))
    }
}

/// Everything wrong with one value; never empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, TS)]
pub struct Invalid {
    pub errors: Vec<FieldError>,
}

impl Invalid {
    pub fn one(field: impl Into<String>, problem: Problem) -> Self {
        Invalid {
            errors: vec![FieldError::new(field, problem)],
        }
    }

    /// Every reason written in `lang`.
    pub fn in_lang(mut self, lang: Lang) -> Self {
        for e in &mut self.errors {
            e.reason = Says(lang).problem(&e.problem);
        }
        self
    }

    /// Puts `prefix.` in front of every field, for errors of a nested value.
    pub fn within(mut self, prefix: &str) -> Self {
        for e in &mut self.errors {
            e.field = format!("{prefix}.{}", e.field);
        }
        self
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {}", e.field, e.reason)?;
        }
        Ok(())
    }
}

/// Longest name part (family or given name, pinyin).
pub(crate) const NAME_MAX: usize = 100;
/// Longest one-line text: titles, organisations, addresses.
pub(crate) const LINE_MAX: usize = 300;
/// Longest multi-line note.
pub(crate) const NOTE_MAX: usize = 4000;

/// Collects field errors while a value is checked.
#[derive(Default)]
pub(crate) struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    /// A telephone number: digits, spaces and `+-/().`, at most 40
    /// characters, at least one digit.
    pub(crate) fn phone(&mut self, field: &str, phone: &str) {
        let ok = phone.chars().any(|ch| ch.is_ascii_digit())
            && phone.len() <= 40
            && phone
                .chars()
                .all(|ch| ch.is_ascii_digit() || " +-/().".contains(ch));
        if !ok {
            self.push(
                field,
                Problem::Phone {
                    value: phone.to_string(),
                },
            );
        }
    }

    pub(crate) fn push(&mut self, field: impl Into<String>, problem: Problem) {
        self.errors.push(FieldError::new(field, problem));
    }

    pub(crate) fn merge(&mut self, result: Result<(), Invalid>, prefix: &str) {
        if let Err(inv) = result {
            self.errors.extend(inv.within(prefix).errors);
        }
    }

    pub(crate) fn finish(self) -> Result<(), Invalid> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Invalid {
                errors: self.errors,
            })
        }
    }

    /// A one-line text that must not be empty.
    pub(crate) fn required_line(&mut self, field: &str, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.push(field, Problem::Empty);
        } else {
            self.line(field, value, max);
        }
    }

    /// A one-line text (empty allowed).
    pub(crate) fn line(&mut self, field: &str, value: &str, max: usize) {
        if let Some(reason) = text_problem(value, max, false) {
            self.push(field, reason);
        }
    }

    pub(crate) fn optional_line(&mut self, field: &str, value: &Option<String>, max: usize) {
        if let Some(v) = value {
            self.line(field, v, max);
        }
    }

    /// A multi-line note: line breaks and tabs are fine.
    pub(crate) fn note(&mut self, field: &str, value: &str) {
        if let Some(reason) = text_problem(value, NOTE_MAX, true) {
            self.push(field, reason);
        }
    }

    /// A multi-line note in German, English and Chinese, each optional.
    pub(crate) fn note_texts(&mut self, field: &str, value: &Texts) {
        for (lang, v) in [("de", &value.de), ("en", &value.en), ("zh", &value.zh)] {
            if let Some(v) = v {
                self.note(&format!("{field}.{lang}"), v);
            }
        }
    }

    /// A date, which must lie in the model's window (see
    /// [`crate::time::in_date_window`]). Returns whether it does, so callers
    /// do date arithmetic only on dates that are safe for it.
    pub(crate) fn date(&mut self, field: &str, date: chrono::NaiveDate) -> bool {
        let ok = crate::time::in_date_window(date);
        if !ok {
            self.push(field, crate::time::date_window_problem(date));
        }
        ok
    }

    /// A local time whose date must lie in the window and which must exist
    /// in its zone; returns its instant when both hold.
    pub(crate) fn zoned(
        &mut self,
        field: &str,
        at: &crate::ZonedLocal,
    ) -> Option<chrono::DateTime<chrono::Utc>> {
        if !self.date(field, at.local.date()) {
            return None;
        }
        at.utc().map_err(|e| self.push(field, e.problem())).ok()
    }

    pub(crate) fn texts(&mut self, field: &str, value: &Texts, max: usize, de_required: bool) {
        if de_required && value.de.as_deref().is_none_or(|s| s.trim().is_empty()) {
            self.push(format!("{field}.de"), Problem::Empty);
        }
        for (lang, v) in [("de", &value.de), ("en", &value.en), ("zh", &value.zh)] {
            self.optional_line(&format!("{field}.{lang}"), v, max);
        }
    }
}

/// Says what is wrong with a text a person typed or a file carried, or `None`.
///
/// Control characters (other than line breaks and tabs in notes) would break
/// CSV, iCalendar and print output; bidirectional overrides can make a name
/// read as something else; and markup has no place in a name or title, so
/// all of them are refused with a message that says which.
pub(crate) fn text_problem(value: &str, max: usize, multi_line: bool) -> Option<Problem> {
    let len = value.chars().count();
    if len > max {
        return Some(Problem::TooLong { len, max });
    }
    if value.trim() != value && !multi_line {
        return Some(Problem::EdgeSpaces);
    }
    for (i, c) in value.chars().enumerate() {
        let at = i + 1;
        let allowed_break = multi_line && (c == '\n' || c == '\t' || c == '\r');
        if c.is_control() && !allowed_break {
            return Some(if c == '\n' || c == '\r' {
                Problem::LineBreak { at }
            } else {
                Problem::ControlCharacter {
                    character: format!("U+{:04X}", c as u32),
                    at,
                }
            });
        }
        if matches!(c, '\u{2028}' | '\u{2029}') {
            return Some(Problem::LineSeparator {
                character: format!("U+{:04X}", c as u32),
                at,
            });
        }
        if matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
            return Some(Problem::DirectionOverride {
                character: format!("U+{:04X}", c as u32),
                at,
            });
        }
    }
    markup_tag(value).map(|tag| Problem::Markup { tag })
}

/// Finds something that looks like an HTML/XML tag or entity start: `<` followed
/// by a letter, `/`, `!` or `?`. A lone `<` as in "Budget < 500 €" is fine.
fn markup_tag(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'<'
            && let Some(&next) = bytes.get(i + 1)
            && (next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?'))
        {
            let tag: String = value[i..]
                .chars()
                .take_while(|c| *c != '>')
                .take(20)
                .collect();
            return Some(format!("{tag}…"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(v: &str) -> Option<String> {
        text_problem(v, NAME_MAX, false).map(|p| p.to_string())
    }

    #[test]
    fn plain_names_pass() {
        for ok in [
            "Liu",
            "刘强",
            "Müller-Lüdenscheidt",
            "O'Brien",
            "Budget < 500 €",
            "",
        ] {
            assert_eq!(problem(ok), None, "{ok:?} should be accepted");
        }
    }

    #[test]
    fn bad_text_is_refused_with_a_specific_reason() {
        let long = "x".repeat(400);
        for (input, expected) in [
            (
                long.as_str(),
                "is 400 characters long; at most 100 are allowed",
            ),
            ("Liu\nQiang", "contains a line break at position 4"),
            (
                "Liu\u{7}",
                "contains the control character U+0007 at position 4",
            ),
            (
                "<script>alert(1)</script>",
                "contains markup (<script…); enter plain text",
            ),
            (
                "a\u{202E}b",
                "contains the text-direction override U+202E at position 2",
            ),
            (" Liu", "must not begin or end with spaces"),
        ] {
            assert_eq!(problem(input).as_deref(), Some(expected), "input {input:?}");
        }
    }

    #[test]
    fn notes_may_span_lines_but_not_hold_other_controls() {
        assert_eq!(text_problem("Zeile 1\nZeile 2\tx", NOTE_MAX, true), None);
        assert!(text_problem("a\u{0}b", NOTE_MAX, true).is_some());
    }

    #[test]
    fn line_and_paragraph_separators_are_refused_everywhere() {
        for (c, code) in [('\u{2028}', "U+2028"), ('\u{2029}', "U+2029")] {
            for multi_line in [false, true] {
                assert_eq!(
                    text_problem(&format!("Empfang{c}Rathaus"), NOTE_MAX, multi_line),
                    Some(Problem::LineSeparator {
                        character: code.into(),
                        at: 8
                    })
                );
            }
        }
    }

    #[test]
    fn invalid_displays_every_field() {
        let inv = Invalid {
            errors: vec![
                FieldError::new("a", Problem::Empty),
                FieldError::new("b", Problem::EndNotAfterStart),
            ],
        };
        assert_eq!(
            inv.to_string(),
            "a: must not be empty; b: must be after the start"
        );
        assert_eq!(
            inv.within("p[1]").to_string(),
            "p[1].a: must not be empty; p[1].b: must be after the start"
        );
    }

    #[test]
    fn every_problem_reads_in_german_english_and_chinese() {
        let long = "x".repeat(400);
        let bad = [long.as_str(), "Liu\nQiang", "<b>Liu</b>", " Liu"];
        let inv = Invalid {
            errors: bad
                .iter()
                .map(|v| FieldError::new("family_name", text_problem(v, NAME_MAX, false).unwrap()))
                .collect(),
        };
        let json = serde_json::to_value(&inv).unwrap();
        assert_eq!(json["errors"][0]["problem"]["code"], "too_long");
        assert_eq!(json["errors"][0]["problem"]["len"], 400);
        let reasons = |lang| -> Vec<String> {
            inv.clone()
                .in_lang(lang)
                .errors
                .into_iter()
                .map(|e| e.reason)
                .collect()
        };
        assert_eq!(
            reasons(Lang::De),
            [
                "ist 400 Zeichen lang; höchstens 100 sind erlaubt",
                "enthält an Stelle 4 einen Zeilenumbruch",
                "enthält Auszeichnungen (<b…); bitte reinen Text eingeben",
                "darf nicht mit Leerzeichen beginnen oder enden",
            ]
        );
        assert_eq!(
            reasons(Lang::Zh),
            [
                "长度为400个字符；最多允许100个",
                "第4个字符处含有换行符",
                "含有标记（<b…）；请输入纯文本",
                "开头或结尾不得有空格",
            ]
        );
    }
}
