//! From a table and its mapping to persons and participants, row by row,
//! with every problem named by row and column.

use std::{borrow::Cow, collections::HashMap, fmt};

use dplan_core::{
    Invalid, Lang, ListedParticipant, NameOrder, Participant, Person, PersonId, PersonalData, Role,
    Side, Texts, VisitId,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    Field, Mapping, RosterError, Row, Table,
    fold::{fold, has_han, is_chinese_text},
    name::{self, NameParts},
};

/// What to assume where a row says nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportOptions {
    /// The side of rows without a side column or with the cell empty:
    /// usually the guests, since lists come from the visiting delegation.
    pub default_side: Side,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            default_side: Side::Guest,
        }
    }
}

/// Whether rows with errors stop the whole import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportPolicy {
    /// Nothing is imported unless every row is valid (the default).
    AllOrNothing,
    /// The valid rows are imported and the others reported; the user chose
    /// this after seeing the errors.
    ValidRowsOnly,
}

/// One problem with one row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowError {
    /// The row number as Excel shows it.
    pub row: usize,
    /// The column as the user knows it (its header), where one is to blame.
    pub column: Option<String>,
    pub reason: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(c) => write!(f, "row {}, column „{c}“: {}", self.row, self.reason),
            None => write!(f, "row {}: {}", self.row, self.reason),
        }
    }
}

/// A valid row, ready for the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub row: usize,
    /// A new person with a fresh id. When the store finds a known person
    /// with the same [`Person::identity_key`], it uses that person instead and sets
    /// `participant.person_id` to the known id.
    pub person: Person,
    pub participant: Participant,
    /// Whether the precedence came from the file. Where it did not, the row
    /// was placed after the given ones on its side, in file order.
    pub precedence_given: bool,
    /// [`Person::identity_key`] of `person`.
    pub key: String,
    /// How the row was read where that involved a guess, such as splitting
    /// a whole name; worth showing so that the user can check.
    pub notes: Vec<String>,
}

impl Draft {
    /// The row as the store's import takes it: the rank is the precedence
    /// the file gave, if it gave one.
    pub fn listed(&self) -> ListedParticipant {
        ListedParticipant {
            person: self.person.clone(),
            side: self.participant.side,
            role: self.participant.role,
            rank: self.precedence_given.then_some(self.participant.precedence),
            hotel: self.participant.hotel.clone(),
        }
    }
}

/// What importing a table would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportPlan {
    /// The valid rows, in file order.
    pub drafts: Vec<Draft>,
    /// Every problem, in row order.
    pub errors: Vec<RowError>,
    /// How many data rows the table had.
    pub rows: usize,
    /// Columns that were left out (see [`Mapping::unmapped`]).
    pub unmapped: Vec<String>,
}

impl ImportPlan {
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// How many rows have at least one error.
    pub fn invalid_rows(&self) -> usize {
        let mut rows: Vec<usize> = self.errors.iter().map(|e| e.row).collect();
        rows.dedup();
        rows.len()
    }

    /// The drafts to store under `policy`: all of them, or, when any row is
    /// wrong and the import is all-or-nothing, an error and none.
    pub fn accepted(&self, policy: ImportPolicy) -> Result<&[Draft], RosterError> {
        match (policy, self.errors.first()) {
            (ImportPolicy::AllOrNothing, Some(first)) => Err(RosterError::InvalidRows {
                count: self.invalid_rows(),
                first: first.clone(),
            }),
            _ => Ok(&self.drafts),
        }
    }
}

/// Reads every row of `table` through `mapping` into a [`Draft`] or
/// [`RowError`]s. `new_id` makes the id of each new person (called once
/// per data row, in order).
///
/// Names: a name in characters, in the Chinese-name column or in the
/// family-name column, makes the name order family-first (so does pinyin);
/// other names are given-first. Where the Latin name is missing it comes
/// from the pinyin ("Liú Qiáng" → Liu, Qiang) or, failing that, from the
/// characters (刘强 → 刘, 强). A family-name column with no given-name
/// column beside it holds whole names, which are split as described in
/// the `name` module ("Dr. Frank Dudda", "Liu Qiang", "Dudda, Frank"), and
/// the draft's notes say how.
///
/// Cells are read as one line: a line break typed into a cell (Alt+Enter)
/// becomes a space. Text in Chinese characters in a German or English
/// column goes into the Chinese text when that is otherwise empty.
pub fn plan_import(
    table: &Table,
    mapping: &Mapping,
    visit_id: VisitId,
    options: &ImportOptions,
    mut new_id: impl FnMut() -> PersonId,
) -> Result<ImportPlan, RosterError> {
    mapping.check(table)?;
    if [Field::FamilyName, Field::NameZh, Field::Pinyin]
        .iter()
        .all(|f| mapping.column(*f).is_none())
    {
        return Err(RosterError::NoNameColumn {
            columns: (0..table.headers.len())
                .map(|c| table.column_label(c))
                .collect(),
        });
    }
    if table.rows.is_empty() {
        return Err(RosterError::NoRows);
    }
    let reader = RowReader {
        table,
        mapping,
        visit_id,
        options,
    };
    let mut drafts: Vec<Draft> = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        match reader.read(row, new_id()) {
            Ok(draft) => {
                if let Some(first) = seen.get(&draft.key) {
                    errors.push(RowError {
                        row: row.number,
                        column: None,
                        reason: format!(
                            "the same person as in row {first} (same name and organisation)"
                        ),
                    });
                    continue;
                }
                seen.insert(draft.key.clone(), row.number);
                drafts.push(draft);
            }
            Err(row_errors) => errors.extend(row_errors),
        }
    }
    place_in_precedence(&mut drafts);
    Ok(ImportPlan {
        drafts,
        errors,
        rows: table.rows.len(),
        unmapped: mapping.unmapped(table),
    })
}

/// Gives rows without a precedence the places after the given ones on
/// their side, in file order.
fn place_in_precedence(drafts: &mut [Draft]) {
    for side in [Side::Guest, Side::Host] {
        let mut next = drafts
            .iter()
            .filter(|d| d.participant.side == side && d.precedence_given)
            .map(|d| d.participant.precedence)
            .max()
            .unwrap_or(0);
        for d in drafts
            .iter_mut()
            .filter(|d| d.participant.side == side && !d.precedence_given)
        {
            next = next.saturating_add(1);
            d.participant.precedence = next;
        }
    }
}

struct RowReader<'a> {
    table: &'a Table,
    mapping: &'a Mapping,
    visit_id: VisitId,
    options: &'a ImportOptions,
}

/// Which column each of the model's fields came from, so that the model's
/// validation errors can name the column.
#[derive(Default)]
struct Sources(Vec<(&'static str, usize)>);

impl Sources {
    /// Records where `path` came from; a later source replaces an earlier.
    fn add(&mut self, path: &'static str, column: Option<usize>) {
        if let Some(c) = column {
            self.0.retain(|(p, _)| *p != path);
            self.0.push((path, c));
        }
    }

    /// The column of a field path such as `title.de` or `languages[2]`.
    fn column(&self, path: &str) -> Option<usize> {
        let path = path.split('[').next().unwrap_or(path);
        self.0.iter().find(|(p, _)| *p == path).map(|(_, c)| *c)
    }
}

impl RowReader<'_> {
    /// The cell that feeds `field`, as one line, or `None` when empty.
    fn get<'r>(&self, row: &'r Row, field: Field) -> Option<(Cow<'r, str>, usize)> {
        let column = self.mapping.column(field)?;
        let cell = row.cell(column);
        if cell.is_empty() {
            return None;
        }
        Some((unmarked(one_line(cell)), column))
    }

    fn error(&self, row: &Row, column: Option<usize>, reason: impl Into<String>) -> RowError {
        RowError {
            row: row.number,
            column: column.map(|c| self.table.column_label(c)),
            reason: reason.into(),
        }
    }

    fn read(&self, row: &Row, id: PersonId) -> Result<Draft, Vec<RowError>> {
        let mut errors = Vec::new();
        let mut sources = Sources::default();
        let mut notes = Vec::new();
        let mut person = Person::new(id, "", "", NameOrder::GivenFirst);
        self.read_name(row, &mut person, &mut sources, &mut notes);

        if let Some((v, c)) = self.get(row, Field::AcademicTitle) {
            // A salutation is not a title; "Herr Dr. Liu" would be wrong.
            let words: Vec<&str> = v
                .split_whitespace()
                .filter(|w| !name::is_salutation(w))
                .collect();
            if !words.is_empty() {
                person.academic_title = Some(words.join(" "));
                sources.add("academic_title", Some(c));
            }
        }
        let texts = {
            use Field::*;
            [
                (
                    &mut person.title,
                    [TitleDe, TitleEn, TitleZh],
                    ["title.de", "title.en", "title.zh"],
                ),
                (
                    &mut person.address,
                    [AddressDe, AddressEn, AddressZh],
                    ["address.de", "address.en", "address.zh"],
                ),
                (
                    &mut person.organisation,
                    [OrganisationDe, OrganisationEn, OrganisationZh],
                    ["organisation.de", "organisation.en", "organisation.zh"],
                ),
                (
                    &mut person.position,
                    [PositionDe, PositionEn, PositionZh],
                    ["position.de", "position.en", "position.zh"],
                ),
            ]
        };
        for (texts, fields, paths) in texts {
            self.read_texts(row, texts, fields, paths, &mut sources);
        }
        if let Some((v, c)) = self.get(row, Field::Email) {
            person.email = Some(v.strip_prefix("mailto:").unwrap_or(&v).to_string());
            sources.add("email", Some(c));
        }
        if let Some((v, c)) = self.get(row, Field::Phone) {
            person.phone = Some(v.into_owned());
            sources.add("phone", Some(c));
        }
        if let Some((v, c)) = self.get(row, Field::Languages) {
            person.languages = languages(&v);
            sources.add("languages", Some(c));
        }
        let dietary = self.get(row, Field::Dietary);
        let accessibility = self.get(row, Field::Accessibility);
        if dietary.is_some() || accessibility.is_some() {
            sources.add("personal.dietary", dietary.as_ref().map(|d| d.1));
            sources.add(
                "personal.accessibility",
                accessibility.as_ref().map(|d| d.1),
            );
            person.personal = Some(PersonalData {
                dietary: dietary.map(|d| d.0.into_owned()),
                accessibility: accessibility.map(|d| d.0.into_owned()),
                ..PersonalData::default()
            });
        }

        let side = match self.get(row, Field::Side) {
            None => self.options.default_side,
            Some((v, c)) => parse_side(&v).unwrap_or_else(|| {
                errors.push(self.error(
                    row,
                    Some(c),
                    format!("`{v}` is not a side: write Gast/Guest/客方 or Gastgeber/Host/主方"),
                ));
                self.options.default_side
            }),
        };
        let default_role = match side {
            Side::Guest => Role::Member,
            Side::Host => Role::Host,
        };
        let role = match self.get(row, Field::Role) {
            None => default_role,
            Some((v, c)) => parse_role(&v).unwrap_or_else(|| {
                errors.push(self.error(
                    row,
                    Some(c),
                    format!(
                        "`{v}` is not a role: write {} (or the English or Chinese word)",
                        role_words_de()
                    ),
                ));
                default_role
            }),
        };
        let precedence = match self.get(row, Field::Precedence) {
            None => None,
            Some((v, c)) => {
                sources.add("precedence", Some(c));
                match parse_precedence(&v) {
                    Some(p) => Some(p),
                    None => {
                        errors.push(self.error(
                            row,
                            Some(c),
                            format!("`{v}` is not a number (1 is first in precedence)"),
                        ));
                        None
                    }
                }
            }
        };
        let hotel = self.get(row, Field::Hotel).map(|(v, c)| {
            sources.add("hotel", Some(c));
            v.into_owned()
        });
        let participant = Participant {
            visit_id: self.visit_id,
            person_id: person.id,
            side,
            role,
            // Rows without a precedence are placed once all rows are read;
            // 1 stands in so that validation judges the rest.
            precedence: precedence.unwrap_or(1),
            arrival: None,
            departure: None,
            hotel,
        };

        for invalid in [person.validate(), participant.validate()]
            .into_iter()
            .filter_map(Result::err)
        {
            self.push_invalid(row, invalid, &sources, &mut errors);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Draft {
            row: row.number,
            key: person.identity_key(),
            person,
            participant,
            precedence_given: precedence.is_some(),
            notes,
        })
    }

    fn push_invalid(
        &self,
        row: &Row,
        invalid: Invalid,
        sources: &Sources,
        errors: &mut Vec<RowError>,
    ) {
        for e in invalid.errors {
            let column = sources.column(&e.field);
            // Without a column the model's field name is all there is to
            // go by; with one, the column says it.
            let reason = match column {
                Some(_) => e.reason,
                None => format!("{}: {}", e.field, e.reason),
            };
            errors.push(self.error(row, column, reason));
        }
    }

    fn read_name(
        &self,
        row: &Row,
        person: &mut Person,
        sources: &mut Sources,
        notes: &mut Vec<String>,
    ) {
        let family = self.get(row, Field::FamilyName);
        let given = self.get(row, Field::GivenName);
        let zh = self.get(row, Field::NameZh);
        let pinyin = self.get(row, Field::Pinyin);
        let whole_names = self.mapping.column(Field::GivenName).is_none();
        // The family name is blamed on the first name column there is.
        let family_column = [Field::FamilyName, Field::Pinyin, Field::NameZh]
            .iter()
            .find_map(|f| self.mapping.column(*f));
        sources.add("family_name", family_column);
        sources.add("given_name", self.mapping.column(Field::GivenName));
        sources.add("name_zh", self.mapping.column(Field::NameZh));
        sources.add("pinyin", self.mapping.column(Field::Pinyin));

        person.name_zh = zh.as_ref().map(|z| z.0.to_string());
        person.pinyin = pinyin.as_ref().map(|p| p.0.to_string());
        // A row with a Chinese name or pinyin is a Chinese name, unless the
        // characters spell a foreign name with the interpunct between its
        // parts ("安娜·贝格尔" for Anna Berger), written given name first.
        let transliterated = person
            .name_zh
            .as_deref()
            .is_some_and(|z| z.contains(['·', '•', '・', '‧']));
        let chinese = (person.name_zh.is_some() && !transliterated) || person.pinyin.is_some();

        let mut parts = NameParts::default();
        if let Some((f, _)) = &family {
            let given_han = given.as_ref().is_some_and(|g| has_han(&g.0));
            if has_han(f) && (given.is_none() || given_han) {
                // 姓 刘, 名 强: the name in characters, split as written.
                let cell = format!("{f}{}", given.as_ref().map_or("", |g| &*g.0));
                parts = name::split_whole(&cell, true);
            } else if whole_names {
                parts = name::split_whole(f, chinese);
                if !parts.given.is_empty() || parts.academic.is_some() {
                    notes.push(describe_split(f, &parts));
                }
            } else {
                parts.family = f.to_string();
                parts.given = given.as_ref().map(|g| g.0.to_string()).unwrap_or_default();
            }
        }
        if person.name_zh.is_none() && parts.zh.is_some() {
            person.name_zh = parts.zh.take();
            sources.add("name_zh", family.as_ref().map(|f| f.1));
        }
        // Characters give no Latin name; the pinyin gives one.
        if parts.family.is_empty() || has_han(&parts.family) {
            if let Some((p, _)) = &pinyin {
                (parts.family, parts.given) = name::from_pinyin(p);
            } else if parts.family.is_empty()
                && let Some(z) = &person.name_zh
            {
                (parts.family, parts.given) = name::split_chinese(z);
            }
        }
        if has_han(&parts.family) {
            notes.push(format!(
                "„{}“ has no Latin-script name in the file (no pinyin); family and given name are kept in characters until one is added",
                person.name_zh.as_deref().unwrap_or(&parts.family)
            ));
        }
        let family_first = chinese || parts.family_first;
        person.family_name = parts.family;
        person.given_name = parts.given;
        if parts.academic.is_some() {
            person.academic_title = parts.academic;
            sources.add("academic_title", family.as_ref().map(|f| f.1));
        }
        person.name_order = if family_first {
            NameOrder::FamilyFirst
        } else {
            NameOrder::GivenFirst
        };
    }

    /// Reads the three columns of one multilingual text. Chinese text in a
    /// German or English column moves to Chinese when that is empty.
    fn read_texts(
        &self,
        row: &Row,
        texts: &mut Texts,
        [de, en, zh]: [Field; 3],
        paths: [&'static str; 3],
        sources: &mut Sources,
    ) {
        if let Some((v, c)) = self.get(row, zh) {
            texts.zh = Some(v.into_owned());
            sources.add(paths[2], Some(c));
        }
        for (field, slot, path) in [(de, 0, paths[0]), (en, 1, paths[1])] {
            let Some((v, c)) = self.get(row, field) else {
                continue;
            };
            if texts.zh.is_none() && is_chinese_text(&v) {
                texts.zh = Some(v.into_owned());
                sources.add(paths[2], Some(c));
                continue;
            }
            let target = if slot == 0 {
                &mut texts.de
            } else {
                &mut texts.en
            };
            *target = Some(v.into_owned());
            sources.add(path, Some(c));
        }
    }
}

fn describe_split(cell: &str, parts: &NameParts) -> String {
    let mut what = Vec::new();
    if let Some(a) = &parts.academic {
        what.push(format!("academic title „{a}“"));
    }
    if let Some(z) = &parts.zh
        && z != cell
    {
        what.push(format!("Chinese name „{z}“"));
    }
    what.push(format!("family name „{}“", parts.family));
    if !parts.given.is_empty() {
        what.push(format!("given name „{}“", parts.given));
    }
    format!("„{cell}“ was read as {}", what.join(", "))
}

/// A cell as one line: a line break typed into a cell becomes a space.
fn one_line(cell: &str) -> Cow<'_, str> {
    if !cell.contains(['\n', '\r']) {
        return Cow::Borrowed(cell);
    }
    Cow::Owned(
        cell.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// A cell without the `'` that an export put before `=`, `+`, `-` or `@`
/// so that Excel would not run it (see [`crate::roster_csv`]); the same
/// mark is how people keep Excel from reading "+86 …" as a formula.
fn unmarked(cell: Cow<'_, str>) -> Cow<'_, str> {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => Cow::Owned(rest.to_string()),
        _ => cell,
    }
}

/// A value compared loosely: folded, letters and digits only.
fn value_key(v: &str) -> String {
    fold(v).chars().filter(|c| c.is_alphanumeric()).collect()
}

fn parse_side(v: &str) -> Option<Side> {
    match value_key(v).as_str() {
        "gast" | "gaeste" | "guest" | "guests" | "delegation" | "besucher" | "visitor"
        | "visitors" | "客方" | "客人" | "来宾" | "代表团" | "来访" => Some(Side::Guest),
        "gastgeber" | "gastgeberin" | "host" | "hosts" | "主方" | "东道主" | "接待方" => {
            Some(Side::Host)
        }
        _ => None,
    }
}

/// "Delegationsleiter/in, Delegationsmitglied, … or Pressevertreter/in".
fn role_words_de() -> String {
    let words: Vec<&str> = dplan_core::words::ROLES
        .iter()
        .map(|r| dplan_core::words::role(Lang::De, *r))
        .collect();
    match words.split_last() {
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The role a cell names: any word of the vocabulary in any of its
/// languages (what dplan's own lists and printouts write), or a common
/// synonym.
fn parse_role(v: &str) -> Option<Role> {
    let key = value_key(v);
    if let Some(role) = dplan_core::words::ROLES.iter().find(|r| {
        dplan_core::words::role_word(**r)
            .iter()
            .any(|w| value_key(w) == key)
    }) {
        return Some(*role);
    }
    let role = match key.as_str() {
        "delegationsleitung"
        | "delegationsleiter"
        | "delegationsleiterin"
        | "leitung"
        | "leiter"
        | "leiterin"
        | "headofdelegation"
        | "delegationhead"
        | "head"
        | "团长" => Role::HeadOfDelegation,
        "mitglied"
        | "delegationsmitglied"
        | "member"
        | "delegationmember"
        | "团员"
        | "成员"
        | "代表团成员" => Role::Member,
        "dolmetschen" | "dolmetschung" | "dolmetscher" | "dolmetscherin" | "uebersetzer"
        | "uebersetzerin" | "interpreter" | "translator" | "翻译" | "口译" => Role::Interpreter,
        "gastgeber" | "gastgeberin" | "host" | "主人" | "东道主" => Role::Host,
        "organisation" | "betreuung" | "betreuer" | "betreuerin" | "mitarbeiter"
        | "mitarbeiterin" | "begleitung" | "begleiter" | "begleiterin" | "protokoll" | "staff"
        | "工作人员" | "随员" => Role::Staff,
        "fahrdienst" | "fahrer" | "fahrerin" | "driver" | "司机" => Role::Driver,
        "presse" | "pressevertreter" | "pressevertreterin" | "press" | "journalist"
        | "journalistin" | "media" | "记者" | "媒体" => Role::Press,
        _ => return None,
    };
    Some(role)
}

/// "1", "01", "1." (German ordinal) or "1.0".
fn parse_precedence(v: &str) -> Option<u32> {
    let v = v.trim();
    let v = v
        .strip_suffix(".0")
        .or_else(|| v.strip_suffix('.'))
        .unwrap_or(v);
    v.parse().ok()
}

/// Languages as codes: "de, zh", "Deutsch / Englisch", "中文、英语". Words
/// that are not known are kept, so that validation names them.
fn languages(v: &str) -> Vec<String> {
    let mut codes = Vec::new();
    for word in v
        .split(|c: char| c.is_whitespace() || ",;/、，；+&".contains(c))
        .filter(|w| !w.is_empty())
    {
        let key = value_key(word);
        if matches!(key.as_str(), "und" | "and" | "和" | "sowie") {
            continue;
        }
        let code = match key.as_str() {
            "de" | "deu" | "ger" | "deutsch" | "german" | "德语" | "德文" => "de".to_string(),
            "en" | "eng" | "englisch" | "english" | "英语" | "英文" => "en".to_string(),
            "zh" | "chi" | "zho" | "chinesisch" | "chinese" | "mandarin" | "中文" | "汉语"
            | "普通话" => "zh".to_string(),
            "fr" | "franzoesisch" | "french" | "法语" => "fr".to_string(),
            "ru" | "russisch" | "russian" | "俄语" => "ru".to_string(),
            "es" | "spanisch" | "spanish" | "西班牙语" => "es".to_string(),
            "ja" | "japanisch" | "japanese" | "日语" => "ja".to_string(),
            _ => word.to_string(),
        };
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_roles_and_precedence_are_read_in_three_languages() {
        for (v, side) in [
            ("Gast", Side::Guest),
            ("guest", Side::Guest),
            ("客方", Side::Guest),
            ("Delegation", Side::Guest),
            ("Gastgeber", Side::Host),
            ("HOST", Side::Host),
            ("主方", Side::Host),
        ] {
            assert_eq!(parse_side(v), Some(side), "{v}");
        }
        assert_eq!(parse_side("beide"), None);
        for (v, role) in [
            ("Delegationsleitung", Role::HeadOfDelegation),
            ("Head of delegation", Role::HeadOfDelegation),
            ("head_of_delegation", Role::HeadOfDelegation),
            ("团长", Role::HeadOfDelegation),
            ("Mitglied", Role::Member),
            ("团员", Role::Member),
            ("Dolmetscherin", Role::Interpreter),
            ("翻译", Role::Interpreter),
            ("Übersetzer", Role::Interpreter),
            ("Fahrdienst", Role::Driver),
            ("Presse", Role::Press),
            ("Organisation", Role::Staff),
        ] {
            assert_eq!(parse_role(v), Some(role), "{v}");
        }
        for (v, p) in [
            ("1", Some(1)),
            ("02", Some(2)),
            ("3.", Some(3)),
            ("4.0", Some(4)),
            ("x", None),
            ("-1", None),
        ] {
            assert_eq!(parse_precedence(v), p, "{v}");
        }
    }

    #[test]
    fn every_role_and_side_word_dplan_writes_is_read_back_in_every_language() {
        use dplan_core::words;
        for lang in [Lang::De, Lang::En, Lang::Zh] {
            for role in words::ROLES {
                let word = words::role(lang, role);
                assert_eq!(parse_role(word), Some(role), "{lang:?} {word}");
            }
            for side in [Side::Guest, Side::Host] {
                let word = words::pick(lang, words::side_word(side));
                assert_eq!(parse_side(word), Some(side), "{lang:?} {word}");
            }
        }
        // Words of earlier versions and of the old printout still read.
        for (v, role) in [
            ("Dolmetschung", Role::Interpreter),
            ("Dolmetschen", Role::Interpreter),
            ("Betreuung", Role::Staff),
            ("媒体", Role::Press),
        ] {
            assert_eq!(parse_role(v), Some(role), "{v}");
        }
    }

    #[test]
    fn languages_become_codes() {
        assert_eq!(languages("de, zh"), ["de", "zh"]);
        assert_eq!(
            languages("Deutsch / Englisch und Chinesisch"),
            ["de", "en", "zh"]
        );
        assert_eq!(languages("中文、英语"), ["zh", "en"]);
        assert_eq!(languages("DE;EN;de"), ["de", "en"]);
        assert_eq!(languages("Klingonisch"), ["Klingonisch"]);
    }

    #[test]
    fn the_exports_formula_mark_is_taken_off() {
        assert_eq!(unmarked("'+86 830".into()), "+86 830");
        assert_eq!(unmarked("'=1+1".into()), "=1+1");
        assert_eq!(unmarked("O'Brien".into()), "O'Brien");
        assert_eq!(unmarked("'Liu'".into()), "'Liu'");
    }

    #[test]
    fn cells_with_line_breaks_become_one_line() {
        assert_eq!(
            one_line("Stadt Herne\r\n  Fachbereich Protokoll"),
            "Stadt Herne Fachbereich Protokoll"
        );
        assert!(matches!(one_line("Herne"), Cow::Borrowed(_)));
    }
}
