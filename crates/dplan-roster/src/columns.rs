//! Which column of a list holds what: header names recognised in German,
//! English and Chinese, and the mapping the user can correct.

use std::{
    collections::{BTreeMap, HashMap},
    sync::OnceLock,
};

use dplan_core::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    RosterError, Table,
    fold::{fold, has_han, is_chinese_text},
};

/// What a roster column can hold. The model has no free-text notes on a
/// person or a participant, so there is no notes field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The family name in Latin script; or the whole name where no column
    /// holds the given name (it is then split, see [`crate::plan_import`]).
    FamilyName,
    GivenName,
    /// The name in Chinese characters.
    NameZh,
    Pinyin,
    /// "Dr.", "Prof. Dr.".
    AcademicTitle,
    /// The official title ("Oberbürgermeister"), in German.
    TitleDe,
    TitleEn,
    TitleZh,
    /// The form of address ("Herr Oberbürgermeister"), in German.
    AddressDe,
    AddressEn,
    AddressZh,
    OrganisationDe,
    OrganisationEn,
    OrganisationZh,
    PositionDe,
    PositionEn,
    PositionZh,
    Email,
    Phone,
    Languages,
    Side,
    Role,
    Precedence,
    Hotel,
    /// Personal data: dietary needs.
    Dietary,
    /// Personal data: accessibility needs.
    Accessibility,
}

impl Field {
    pub const ALL: [Field; 26] = [
        Field::FamilyName,
        Field::GivenName,
        Field::NameZh,
        Field::Pinyin,
        Field::AcademicTitle,
        Field::TitleDe,
        Field::TitleEn,
        Field::TitleZh,
        Field::AddressDe,
        Field::AddressEn,
        Field::AddressZh,
        Field::OrganisationDe,
        Field::OrganisationEn,
        Field::OrganisationZh,
        Field::PositionDe,
        Field::PositionEn,
        Field::PositionZh,
        Field::Email,
        Field::Phone,
        Field::Languages,
        Field::Side,
        Field::Role,
        Field::Precedence,
        Field::Hotel,
        Field::Dietary,
        Field::Accessibility,
    ];

    /// The field's name for a mapping form, in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        let [de, en, zh] = match self {
            Field::FamilyName => ["Familienname", "Family name", "姓"],
            Field::GivenName => ["Vorname", "Given name", "名"],
            Field::NameZh => ["Chinesischer Name", "Chinese name", "中文姓名"],
            Field::Pinyin => ["Pinyin", "Pinyin", "拼音"],
            Field::AcademicTitle => ["Akademischer Titel", "Academic title", "学衔"],
            Field::TitleDe => [
                "Amtsbezeichnung (deutsch)",
                "Official title (German)",
                "职衔（德文）",
            ],
            Field::TitleEn => [
                "Amtsbezeichnung (englisch)",
                "Official title (English)",
                "职衔（英文）",
            ],
            Field::TitleZh => [
                "Amtsbezeichnung (chinesisch)",
                "Official title (Chinese)",
                "职衔（中文）",
            ],
            Field::AddressDe => [
                "Anrede (deutsch)",
                "Form of address (German)",
                "称呼（德文）",
            ],
            Field::AddressEn => [
                "Anrede (englisch)",
                "Form of address (English)",
                "称呼（英文）",
            ],
            Field::AddressZh => [
                "Anrede (chinesisch)",
                "Form of address (Chinese)",
                "称呼（中文）",
            ],
            Field::OrganisationDe => [
                "Organisation (deutsch)",
                "Organisation (German)",
                "单位（德文）",
            ],
            Field::OrganisationEn => [
                "Organisation (englisch)",
                "Organisation (English)",
                "单位（英文）",
            ],
            Field::OrganisationZh => [
                "Organisation (chinesisch)",
                "Organisation (Chinese)",
                "单位（中文）",
            ],
            Field::PositionDe => ["Funktion (deutsch)", "Position (German)", "职务（德文）"],
            Field::PositionEn => ["Funktion (englisch)", "Position (English)", "职务（英文）"],
            Field::PositionZh => [
                "Funktion (chinesisch)",
                "Position (Chinese)",
                "职务（中文）",
            ],
            Field::Email => ["E-Mail", "E-mail", "电子邮件"],
            Field::Phone => ["Telefon", "Phone", "电话"],
            Field::Languages => ["Sprachen", "Languages", "语言"],
            Field::Side => ["Seite", "Side", "方"],
            Field::Role => ["Rolle", "Role", "角色"],
            Field::Precedence => ["Rang", "Precedence", "排序"],
            Field::Hotel => ["Hotel", "Hotel", "酒店"],
            Field::Dietary => ["Ernährung", "Dietary needs", "饮食"],
            Field::Accessibility => ["Barrierefreiheit", "Accessibility", "无障碍"],
        };
        match lang {
            Lang::De => de,
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// Which column (counted from 0) feeds which field. Each field has at most
/// one column and each column feeds at most one field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Mapping {
    pub fields: BTreeMap<Field, usize>,
}

impl Mapping {
    pub fn column(&self, field: Field) -> Option<usize> {
        self.fields.get(&field).copied()
    }

    /// The field a column feeds, if any.
    pub fn field_of(&self, column: usize) -> Option<Field> {
        self.fields
            .iter()
            .find(|(_, c)| **c == column)
            .map(|(f, _)| *f)
    }

    /// The mapping with `field` fed by `column`, or by no column when
    /// `None`. A column feeds one field only, so whatever it fed before is
    /// unmapped.
    pub fn with_override(mut self, field: Field, column: Option<usize>) -> Mapping {
        self.fields.remove(&field);
        if let Some(column) = column {
            self.fields.retain(|_, c| *c != column);
            self.fields.insert(field, column);
        }
        self
    }

    /// The labels of the columns that feed no field but have a header or
    /// data, so that the user sees what is left out.
    pub fn unmapped(&self, table: &Table) -> Vec<String> {
        (0..table.headers.len())
            .filter(|&c| self.field_of(c).is_none())
            .filter(|&c| {
                !table.headers[c].is_empty() || table.rows.iter().any(|r| !r.cell(c).is_empty())
            })
            .map(|c| table.column_label(c))
            .collect()
    }

    /// Refuses a mapping that names a column the table does not have.
    pub(crate) fn check(&self, table: &Table) -> Result<(), RosterError> {
        let count = table.headers.len();
        match self.fields.values().find(|&&c| c >= count) {
            Some(&column) => Err(RosterError::NoSuchColumn { column, count }),
            None => Ok(()),
        }
    }
}

/// What a header names, before the language of its text is settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Group {
    /// "Name", "姓名": the family name or the whole name, or the name in
    /// characters if that is what the column holds.
    Name,
    Family,
    Given,
    NameZh,
    Pinyin,
    /// "Titel", "Title": academic, unless a language is named ("Titel
    /// (deutsch)" is the app's own label for the official title).
    Academic,
    Title,
    Address,
    Organisation,
    Position,
    Email,
    Phone,
    Languages,
    Side,
    Role,
    Precedence,
    Hotel,
    Dietary,
    Accessibility,
}

/// The language a header word is written in, which is also the language of
/// the text below it where that matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Word {
    De,
    En,
    Zh,
    /// The same in German and English ("Name", "Organisation", "Hotel").
    Both,
}

/// Header names as people type them; compared folded (case, accents,
/// spaces and punctuation ignored).
const HEADERS: &[(&str, Group, Word)] = {
    use Group::*;
    use Word::*;
    &[
        ("Name", Name, Both),
        ("Namen", Name, De),
        ("Vollständiger Name", Name, De),
        ("Name, Vorname", Name, De),
        ("Nachname, Vorname", Name, De),
        ("Vorname Name", Name, De),
        ("Vorname Nachname", Name, De),
        ("Full name", Name, En),
        ("Teilnehmer", Name, De),
        ("Teilnehmerin", Name, De),
        ("Teilnehmende", Name, De),
        ("Person", Name, Both),
        ("Participant", Name, En),
        ("参会人员", Name, Zh),
        ("参加人员", Name, Zh),
        ("姓名", Name, Zh),
        ("英文名", Name, Zh),
        ("英文姓名", Name, Zh),
        ("Nachname", Family, De),
        ("Familienname", Family, De),
        ("Zuname", Family, De),
        ("Last name", Family, En),
        ("Surname", Family, En),
        ("Family name", Family, En),
        ("姓", Family, Zh),
        ("姓氏", Family, Zh),
        ("Vorname", Given, De),
        ("Vornamen", Given, De),
        ("Rufname", Given, De),
        ("First name", Given, En),
        ("Given name", Given, En),
        ("Forename", Given, En),
        ("名", Given, Zh),
        ("名字", Given, Zh),
        ("中文名", NameZh, Zh),
        ("中文姓名", NameZh, Zh),
        ("中文名字", NameZh, Zh),
        ("汉字姓名", NameZh, Zh),
        ("Pinyin", Pinyin, Both),
        ("Name (Pinyin)", Pinyin, Both),
        ("Pinyin name", Pinyin, En),
        ("拼音", Pinyin, Zh),
        ("姓名拼音", Pinyin, Zh),
        ("拼音姓名", Pinyin, Zh),
        ("Titel", Academic, De),
        ("Akad. Titel", Academic, De),
        ("Akademischer Titel", Academic, De),
        ("Akademischer Grad", Academic, De),
        ("Title", Academic, En),
        ("Academic title", Academic, En),
        ("学衔", Academic, Zh),
        ("Amtsbezeichnung", Title, De),
        ("Dienstbezeichnung", Title, De),
        ("Official title", Title, En),
        ("职衔", Title, Zh),
        ("Anrede", Address, De),
        ("Form of address", Address, En),
        ("Salutation", Address, En),
        ("称呼", Address, Zh),
        ("称谓", Address, Zh),
        ("Organisation", Organisation, Both),
        ("Institution", Organisation, Both),
        ("Organization", Organisation, En),
        ("Company", Organisation, En),
        ("Employer", Organisation, En),
        ("Behörde", Organisation, De),
        ("Firma", Organisation, De),
        ("Unternehmen", Organisation, De),
        ("Dienststelle", Organisation, De),
        ("Einrichtung", Organisation, De),
        ("单位", Organisation, Zh),
        ("工作单位", Organisation, Zh),
        ("所属单位", Organisation, Zh),
        ("机构", Organisation, Zh),
        ("组织", Organisation, Zh),
        ("Funktion", Position, De),
        ("Stellung", Position, De),
        ("Position", Position, Both),
        ("Job title", Position, En),
        ("Function", Position, En),
        ("职务", Position, Zh),
        ("职位", Position, Zh),
        ("E-Mail", Email, Both),
        ("Mail", Email, Both),
        ("E-Mail-Adresse", Email, De),
        ("Email address", Email, En),
        ("邮箱", Email, Zh),
        ("电子邮件", Email, Zh),
        ("电子邮箱", Email, Zh),
        ("邮件", Email, Zh),
        ("Telefon", Phone, De),
        ("Tel.", Phone, Both),
        ("Tel.-Nr.", Phone, De),
        ("Telefonnummer", Phone, De),
        ("Telefon-Nr.", Phone, De),
        ("Mobil", Phone, De),
        ("Mobilnummer", Phone, De),
        ("Mobiltelefon", Phone, De),
        ("Handy", Phone, De),
        ("Phone", Phone, En),
        ("Telephone", Phone, En),
        ("Phone number", Phone, En),
        ("Mobile", Phone, En),
        ("电话", Phone, Zh),
        ("电话号码", Phone, Zh),
        ("联系电话", Phone, Zh),
        ("手机", Phone, Zh),
        ("手机号", Phone, Zh),
        ("手机号码", Phone, Zh),
        ("Sprachen", Languages, De),
        ("Sprache", Languages, De),
        ("Sprachkenntnisse", Languages, De),
        ("Languages", Languages, En),
        ("Language", Languages, En),
        ("语言", Languages, Zh),
        ("外语", Languages, Zh),
        ("Seite", Side, De),
        ("Side", Side, En),
        ("方", Side, Zh),
        ("所属方", Side, Zh),
        ("Rolle", Role, De),
        ("Role", Role, En),
        ("角色", Role, Zh),
        ("身份", Role, Zh),
        ("Rang", Precedence, De),
        ("Rangfolge", Precedence, De),
        ("Reihenfolge", Precedence, De),
        ("Protokollarische Reihenfolge", Precedence, De),
        ("Precedence", Precedence, En),
        ("Order of precedence", Precedence, En),
        ("Order", Precedence, En),
        ("Rank", Precedence, En),
        ("排序", Precedence, Zh),
        ("顺序", Precedence, Zh),
        ("排名", Precedence, Zh),
        ("Hotel", Hotel, Both),
        ("Unterkunft", Hotel, De),
        ("Accommodation", Hotel, En),
        ("酒店", Hotel, Zh),
        ("宾馆", Hotel, Zh),
        ("住宿", Hotel, Zh),
        ("入住酒店", Hotel, Zh),
        ("Ernährung", Dietary, De),
        ("Diät", Dietary, De),
        ("Essenswünsche", Dietary, De),
        ("Unverträglichkeiten", Dietary, De),
        ("Dietary", Dietary, En),
        ("Diet", Dietary, En),
        ("Dietary requirements", Dietary, En),
        ("Dietary needs", Dietary, En),
        ("饮食", Dietary, Zh),
        ("饮食禁忌", Dietary, Zh),
        ("饮食要求", Dietary, Zh),
        ("忌口", Dietary, Zh),
        ("Barrierefreiheit", Accessibility, De),
        ("Accessibility", Accessibility, En),
        ("Accessibility needs", Accessibility, En),
        ("无障碍", Accessibility, Zh),
        ("无障碍需求", Accessibility, Zh),
    ]
};

/// Words that name a language inside a header ("Organisation (englisch)",
/// "Name EN", "Chinese name", "单位（英文）").
const LANGUAGE_WORDS: &[(&str, Lang)] = &[
    ("de", Lang::De),
    ("deu", Lang::De),
    ("dt", Lang::De),
    ("deutsch", Lang::De),
    ("deutsche", Lang::De),
    ("deutscher", Lang::De),
    ("german", Lang::De),
    ("德文", Lang::De),
    ("德语", Lang::De),
    ("en", Lang::En),
    ("eng", Lang::En),
    ("engl", Lang::En),
    ("englisch", Lang::En),
    ("englische", Lang::En),
    ("englischer", Lang::En),
    ("english", Lang::En),
    ("英文", Lang::En),
    ("英语", Lang::En),
    ("zh", Lang::Zh),
    ("cn", Lang::Zh),
    ("chin", Lang::Zh),
    ("chinesisch", Lang::Zh),
    ("chinesische", Lang::Zh),
    ("chinesischer", Lang::Zh),
    ("chinese", Lang::Zh),
    ("中文", Lang::Zh),
    ("汉语", Lang::Zh),
];

/// A header read: what it names, the language it names (if it does) and
/// the language its own words are in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Header {
    group: Group,
    named: Option<Lang>,
    word: Word,
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect()
}

fn lookup(key: &str) -> Option<(Group, Word)> {
    // Folded once; the first spelling of a key wins, as in the list.
    static FOLDED: OnceLock<HashMap<String, (Group, Word)>> = OnceLock::new();
    let folded = FOLDED.get_or_init(|| {
        let mut map = HashMap::new();
        for (name, group, word) in HEADERS {
            map.entry(words(name).concat()).or_insert((*group, *word));
        }
        map
    });
    folded.get(key).copied()
}

fn language_word(word: &str) -> Option<Lang> {
    LANGUAGE_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, l)| *l)
}

/// Reads one header name.
fn read_header(header: &str) -> Option<Header> {
    // Anything but letters and digits separates words, the full-width
    // brackets of Chinese headers too, so "单位（英文）" splits like
    // "Organisation (englisch)".
    let words = words(header);
    if words.is_empty() {
        return None;
    }
    if let Some((group, word)) = lookup(&words.concat()) {
        return Some(Header {
            group,
            named: None,
            word,
        });
    }
    let mut named = None;
    let mut rest = Vec::new();
    for w in &words {
        match language_word(w) {
            Some(l) if named.is_none() => named = Some(l),
            _ => rest.push(w.as_str()),
        }
    }
    let mut key = rest.concat();
    // Chinese headers write the language without a space: "英文单位".
    if named.is_none() {
        for (w, l) in LANGUAGE_WORDS.iter().filter(|(w, _)| has_han(w)) {
            if let Some(k) = key.strip_prefix(w).or_else(|| key.strip_suffix(w))
                && !k.is_empty()
            {
                named = Some(*l);
                key = k.to_string();
                break;
            }
        }
    }
    named?;
    let (group, word) = lookup(&key)?;
    Some(Header { group, named, word })
}

/// How many of `cells` are header names this crate knows; used to find the
/// header row below title rows.
pub(crate) fn recognised_headers(cells: &[String]) -> usize {
    // A roster has a few dozen columns at most; looking further in a very
    // wide row would only cost time.
    cells
        .iter()
        .take(200)
        .filter(|c| c.chars().count() <= 60 && read_header(c).is_some())
        .count()
}

/// Recognises the columns of `table` by their header names.
///
/// Header names are compared ignoring case, accents, spaces and punctuation
/// ("E-Mail", "email", "Ｅｍａｉｌ"). Where a header names a language
/// ("Organisation (englisch)", "单位（英文）", "Chinese name") the text goes
/// into that language. Otherwise a Chinese header means Chinese text, and a
/// header that reads the same in German and English ("Organisation",
/// "Position") takes the language of the other headers: a list headed "Last
/// name, First name" is English. A column headed "Name" or "姓名" whose
/// cells are mostly in Chinese characters is the Chinese name. When two
/// columns name the same field the first wins and the second is reported
/// as unmapped.
pub fn detect_mapping(table: &Table) -> Mapping {
    let headers: Vec<Option<Header>> = table.headers.iter().map(|h| read_header(h)).collect();
    let (de, en) = headers
        .iter()
        .flatten()
        .fold((0, 0), |(de, en), h| match h.word {
            Word::De => (de + 1, en),
            Word::En => (de, en + 1),
            _ => (de, en),
        });
    let list_lang = if en > de { Lang::En } else { Lang::De };
    let mut mapping = Mapping::default();
    for (column, header) in headers.iter().enumerate() {
        let Some(h) = header else { continue };
        let text_lang = h.named.unwrap_or(match h.word {
            Word::De => Lang::De,
            Word::En => Lang::En,
            Word::Zh => Lang::Zh,
            Word::Both => list_lang,
        });
        let in_lang = |de, en, zh| match text_lang {
            Lang::De => de,
            Lang::En => en,
            Lang::Zh => zh,
        };
        let field = match h.group {
            Group::Name if h.named == Some(Lang::Zh) || mostly_chinese(table, column) => {
                Field::NameZh
            }
            Group::Name | Group::Family => Field::FamilyName,
            Group::Given => Field::GivenName,
            Group::NameZh => Field::NameZh,
            Group::Pinyin => Field::Pinyin,
            Group::Academic if h.named.is_none() => Field::AcademicTitle,
            Group::Academic | Group::Title => {
                in_lang(Field::TitleDe, Field::TitleEn, Field::TitleZh)
            }
            Group::Address => in_lang(Field::AddressDe, Field::AddressEn, Field::AddressZh),
            Group::Organisation => in_lang(
                Field::OrganisationDe,
                Field::OrganisationEn,
                Field::OrganisationZh,
            ),
            Group::Position => in_lang(Field::PositionDe, Field::PositionEn, Field::PositionZh),
            Group::Email => Field::Email,
            Group::Phone => Field::Phone,
            Group::Languages => Field::Languages,
            Group::Side => Field::Side,
            Group::Role => Field::Role,
            Group::Precedence => Field::Precedence,
            Group::Hotel => Field::Hotel,
            Group::Dietary => Field::Dietary,
            Group::Accessibility => Field::Accessibility,
        };
        mapping.fields.entry(field).or_insert(column);
    }
    mapping
}

/// Whether at least half of a column's first filled cells are Chinese text.
fn mostly_chinese(table: &Table, column: usize) -> bool {
    let sample: Vec<&str> = table
        .rows
        .iter()
        .map(|r| r.cell(column))
        .filter(|c| !c.is_empty())
        .take(50)
        .collect();
    let chinese = sample.iter().filter(|c| is_chinese_text(c)).count();
    !sample.is_empty() && chinese * 2 >= sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Row;

    fn table(headers: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            header_row: 1,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| Row {
                    number: i + 2,
                    cells: r.iter().map(|c| c.to_string()).collect(),
                })
                .collect(),
            encoding: None,
        }
    }

    /// The detected fields with the headers that feed them.
    fn detect<'h>(headers: &[&'h str]) -> Vec<(Field, &'h str)> {
        let t = table(headers, &[]);
        let m = detect_mapping(&t);
        m.fields.iter().map(|(f, c)| (*f, headers[*c])).collect()
    }

    #[test]
    fn german_headers() {
        assert_eq!(
            detect(&[
                "Lfd. Nr.",
                "Nachname",
                "Vorname",
                "Akad. Titel",
                "Amtsbezeichnung",
                "Organisation",
                "Funktion",
                "E-Mail",
                "Tel.-Nr.",
                "Sprachen",
                "Seite",
                "Rolle",
                "Rang",
                "Hotel",
                "Ernährung",
                "Barrierefreiheit",
            ]),
            [
                (Field::FamilyName, "Nachname"),
                (Field::GivenName, "Vorname"),
                (Field::AcademicTitle, "Akad. Titel"),
                (Field::TitleDe, "Amtsbezeichnung"),
                (Field::OrganisationDe, "Organisation"),
                (Field::PositionDe, "Funktion"),
                (Field::Email, "E-Mail"),
                (Field::Phone, "Tel.-Nr."),
                (Field::Languages, "Sprachen"),
                (Field::Side, "Seite"),
                (Field::Role, "Rolle"),
                (Field::Precedence, "Rang"),
                (Field::Hotel, "Hotel"),
                (Field::Dietary, "Ernährung"),
                (Field::Accessibility, "Barrierefreiheit"),
            ]
        );
    }

    #[test]
    fn english_headers_make_shared_words_english() {
        assert_eq!(
            detect(&[
                "Last name",
                "First name",
                "Organisation",
                "Position",
                "email "
            ]),
            [
                (Field::FamilyName, "Last name"),
                (Field::GivenName, "First name"),
                (Field::OrganisationEn, "Organisation"),
                (Field::PositionEn, "Position"),
                (Field::Email, "email "),
            ]
        );
    }

    #[test]
    fn chinese_headers_and_named_languages() {
        assert_eq!(
            detect(&[
                "姓",
                "名",
                "拼音",
                "单位",
                "单位（英文）",
                "职务",
                "电子邮件",
                "手机",
                "Organisation (deutsch)",
            ]),
            [
                (Field::FamilyName, "姓"),
                (Field::GivenName, "名"),
                (Field::Pinyin, "拼音"),
                (Field::OrganisationDe, "Organisation (deutsch)"),
                (Field::OrganisationEn, "单位（英文）"),
                (Field::OrganisationZh, "单位"),
                (Field::PositionZh, "职务"),
                (Field::Email, "电子邮件"),
                (Field::Phone, "手机"),
            ]
        );
        assert_eq!(
            detect(&[
                "Chinesischer Name",
                "Titel (englisch)",
                "英文单位",
                "Name EN"
            ]),
            [
                (Field::FamilyName, "Name EN"),
                (Field::NameZh, "Chinesischer Name"),
                (Field::TitleEn, "Titel (englisch)"),
                (Field::OrganisationEn, "英文单位"),
            ]
        );
    }

    #[test]
    fn whole_name_and_pinyin_headers() {
        assert_eq!(
            detect(&["Teilnehmer/in", "Name (Pinyin)", "中文名"]),
            [
                (Field::FamilyName, "Teilnehmer/in"),
                (Field::NameZh, "中文名"),
                (Field::Pinyin, "Name (Pinyin)"),
            ]
        );
    }

    #[test]
    fn headers_are_compared_loosely() {
        for h in [
            "NACHNAME",
            " nachname ",
            "Nach-Name",
            "Nachname*",
            "Ｎａｃｈｎａｍｅ",
        ] {
            assert_eq!(detect(&[h]), [(Field::FamilyName, h)], "{h:?}");
        }
        for h in ["Behörde", "BEHOERDE", "behörde"] {
            assert_eq!(detect(&[h]), [(Field::OrganisationDe, h)], "{h:?}");
        }
    }

    #[test]
    fn a_name_column_in_characters_is_the_chinese_name() {
        let t = table(
            &["姓名", "拼音", "Name"],
            &[
                &["刘强", "Liú Qiáng", "Liu Qiang"],
                &["王芳", "Wáng Fāng", "Wang Fang"],
            ],
        );
        let m = detect_mapping(&t);
        assert_eq!(m.column(Field::NameZh), Some(0));
        assert_eq!(m.column(Field::FamilyName), Some(2));
        let t = table(&["姓名"], &[&["Liu Qiang"]]);
        assert_eq!(detect_mapping(&t).column(Field::FamilyName), Some(0));
    }

    #[test]
    fn the_first_of_two_columns_for_a_field_wins_and_the_rest_is_unmapped() {
        let t = table(
            &["Telefon", "Mobil", "Name", "Bemerkung", ""],
            &[&["1", "2", "x", "", ""]],
        );
        let m = detect_mapping(&t);
        assert_eq!(m.column(Field::Phone), Some(0));
        assert_eq!(m.unmapped(&t), ["Mobil", "Bemerkung"]);
    }

    #[test]
    fn overrides_move_a_field_and_free_its_old_column() {
        let t = table(&["Name", "Bezeichnung"], &[]);
        let m = detect_mapping(&t)
            .with_override(Field::FamilyName, Some(1))
            .with_override(Field::OrganisationDe, Some(0));
        assert_eq!(m.column(Field::FamilyName), Some(1));
        assert_eq!(m.column(Field::OrganisationDe), Some(0));
        let m = m.with_override(Field::FamilyName, Some(0));
        assert_eq!(m.column(Field::OrganisationDe), None);
        assert_eq!(m.with_override(Field::FamilyName, None), Mapping::default());
        let bad = Mapping::default().with_override(Field::Email, Some(9));
        assert_eq!(
            bad.check(&t).unwrap_err().to_string(),
            "there is no column 9; the file has 2 columns"
        );
    }

    #[test]
    fn mappings_travel_as_json_with_snake_case_fields() {
        let m = Mapping::default()
            .with_override(Field::FamilyName, Some(0))
            .with_override(Field::OrganisationZh, Some(3));
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"fields":{"family_name":0,"organisation_zh":3}}"#);
        assert_eq!(serde_json::from_str::<Mapping>(&json).unwrap(), m);
    }
}
