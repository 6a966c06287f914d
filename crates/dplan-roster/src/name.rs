//! Reading a whole name from one cell: "Dr. Frank Dudda", "Liu Qiang",
//! "LIU Qiang", "Dudda, Frank", "刘强", "刘强 Liu Qiang".
//!
//! The rules, in order:
//!
//! 1. Characters and Latin together ("刘强 Liu Qiang", as the app itself
//!    shows Chinese names) are the Chinese name and the Latin name.
//! 2. A salutation in front ("Herr", "Frau", "Mr", "Ms") is dropped, and
//!    academic titles in front ("Prof. Dr.", "Dr.-Ing.") become the
//!    academic title.
//! 3. With a comma, the family name comes before it: "Dudda, Frank".
//! 4. A word in capitals among others is the family name, as international
//!    lists write it: "LIU Qiang", "Frank DUDDA". It is stored in normal
//!    case ("Liu", "Dudda").
//! 5. If the first word is a common Chinese family name in pinyin, the name
//!    is in Chinese order: "Liu Qiang" is family name Liu, given name Qiang.
//!    The caller also treats a name as Chinese when the row has a Chinese
//!    name or pinyin.
//! 6. Otherwise the name is in German order and the last word is the family
//!    name, together with a particle before it: "Ursula von der Leyen".
//!
//! A name in characters alone ("刘强") is split after the family name: one
//! character, or two for the compound family names (欧阳, 司马, …).

use crate::fold::{fold, has_han, is_han, without_tone_marks};

/// A name read from one cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct NameParts {
    pub family: String,
    pub given: String,
    pub academic: Option<String>,
    /// The name in characters, where the cell held one.
    pub zh: Option<String>,
    pub family_first: bool,
}

/// Common Chinese family names in pinyin without tone marks, folded.
const CHINESE_FAMILY_NAMES: &[&str] = &[
    "wang",
    "li",
    "zhang",
    "liu",
    "chen",
    "yang",
    "huang",
    "zhao",
    "wu",
    "zhou",
    "xu",
    "sun",
    "ma",
    "zhu",
    "hu",
    "guo",
    "he",
    "gao",
    "lin",
    "luo",
    "zheng",
    "liang",
    "xie",
    "song",
    "tang",
    "han",
    "feng",
    "deng",
    "cao",
    "peng",
    "zeng",
    "xiao",
    "tian",
    "dong",
    "yuan",
    "pan",
    "yu",
    "jiang",
    "cai",
    "jia",
    "ding",
    "wei",
    "xue",
    "ye",
    "yan",
    "lu",
    "lue",
    "lv",
    "du",
    "dai",
    "xia",
    "zhong",
    "fu",
    "qin",
    "qiu",
    "jin",
    "fan",
    "tan",
    "shi",
    "shen",
    "liao",
    "yao",
    "fang",
    "kong",
    "bai",
    "cui",
    "kang",
    "mao",
    "shao",
    "meng",
    "long",
    "wan",
    "duan",
    "lei",
    "qian",
    "yin",
    "yi",
    "chang",
    "qiao",
    "lai",
    "gong",
    "wen",
    "pang",
    "lan",
    "tao",
    "hong",
    "zou",
    "xiong",
    "hao",
    "gu",
    "mo",
    "ren",
    "niu",
    "geng",
    "kuang",
    "ou",
    "ouyang",
    "sima",
    "zhuge",
    "situ",
    "shangguan",
    "dongfang",
    "huangfu",
    "murong",
];

/// Chinese family names of two characters.
const COMPOUND_FAMILY_NAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "钟离", "端木", "万俟", "澹台", "申屠", "太史", "闻人", "独孤",
];

const SALUTATIONS: &[&str] = &[
    "herr", "frau", "hr.", "fr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "先生", "女士",
];

const PARTICLES: &[&str] = &[
    "von", "van", "de", "der", "den", "zu", "vom", "zum", "ten", "ter", "da", "di", "del", "della",
    "dos", "du", "la", "le", "op",
];

/// Whether a word is (part of) an academic title: "Dr.", "Prof.",
/// "Dr.-Ing.", "Dipl.-Kfm.", "h.c.", "PhD".
pub(crate) fn is_academic(word: &str) -> bool {
    let w = word.to_lowercase();
    let w = w.trim_end_matches(',');
    w == "dr"
        || w == "prof"
        || w.starts_with("dr.")
        || w.starts_with("prof.")
        || w.starts_with("dipl.")
        || matches!(
            w,
            "mag."
                | "ing."
                | "med."
                | "rer."
                | "nat."
                | "phil."
                | "jur."
                | "h.c."
                | "mult."
                | "pd"
                | "dres."
                | "phd"
                | "ph.d."
                | "mba"
                | "ll.m."
                | "m.a."
                | "b.a."
                | "博士"
                | "教授"
        )
}

/// Whether a word is a salutation that has no place in a name.
pub(crate) fn is_salutation(word: &str) -> bool {
    SALUTATIONS.contains(&word.to_lowercase().as_str())
}

/// Splits a name written in characters after its family name.
pub(crate) fn split_chinese(name: &str) -> (String, String) {
    let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    let family_len = match COMPOUND_FAMILY_NAMES.iter().find(|f| name.starts_with(**f)) {
        Some(f) if name.chars().count() > 2 => f.chars().count(),
        _ => 1,
    };
    let mut chars = name.chars();
    let family: String = chars.by_ref().take(family_len).collect();
    (family, chars.collect())
}

/// Family and given name from pinyin (always family first): "Liú Qiáng"
/// gives Liu and Qiang; tone marks go, ü stays.
pub(crate) fn from_pinyin(pinyin: &str) -> (String, String) {
    let plain = without_tone_marks(pinyin);
    let mut words = plain.split_whitespace();
    let family = words.next().unwrap_or("").to_string();
    (family, words.collect::<Vec<_>>().join(" "))
}

/// "MÜLLER-LÜDENSCHEIDT" → "Müller-Lüdenscheidt".
fn normal_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

fn is_capitals(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

/// Reads a whole name from one cell (see the module's rules). `chinese`
/// says that the row is known to hold a Chinese name (it has characters or
/// pinyin elsewhere), so a name without capitals or comma is family-first.
pub(crate) fn split_whole(cell: &str, chinese: bool) -> NameParts {
    let mut parts = NameParts {
        family_first: chinese,
        ..NameParts::default()
    };
    let mut latin = cell.trim().to_string();
    if has_han(cell) {
        let zh: String = cell.chars().filter(|c| is_han(*c)).collect();
        latin = cell
            .chars()
            .filter(|c| !is_han(*c))
            .collect::<String>()
            .trim()
            .to_string();
        if latin.chars().any(char::is_alphabetic) {
            parts.family_first = true;
        } else {
            let (family, given) = split_chinese(&zh);
            parts.family = family;
            parts.given = given;
            parts.family_first = true;
            parts.zh = Some(zh);
            return parts;
        }
        parts.zh = Some(zh);
    }
    let mut words: Vec<&str> = latin.split_whitespace().collect();
    while words.first().is_some_and(|w| is_salutation(w)) {
        words.remove(0);
    }
    let titles = words.iter().take_while(|w| is_academic(w)).count();
    // A title alone is more likely a family name than nothing at all.
    let titles = titles.min(words.len().saturating_sub(1));
    if titles > 0 {
        parts.academic = Some(words[..titles].join(" "));
        words.drain(..titles);
    }
    let rest = words.join(" ");
    if let Some((family, given)) = rest.split_once(',') {
        let given = given.trim();
        let suffix = !given.is_empty() && given.split_whitespace().all(is_academic);
        if suffix {
            // "Frank Dudda, PhD": the comma marks a title after the name.
            parts.academic.get_or_insert_with(|| given.to_string());
            return split_words(parts, family.split_whitespace().collect());
        }
        parts.family = family.trim().to_string();
        parts.given = given.to_string();
        parts.family_first = parts.family_first || is_chinese_family_name(&parts.family);
        return parts;
    }
    split_words(parts, words)
}

fn is_chinese_family_name(word: &str) -> bool {
    CHINESE_FAMILY_NAMES.contains(&fold(word).as_str())
}

fn split_words(mut parts: NameParts, words: Vec<&str>) -> NameParts {
    match words.len() {
        0 => return parts,
        1 => {
            parts.family = words[0].to_string();
            return parts;
        }
        _ => {}
    }
    let capitals: Vec<usize> = (0..words.len())
        .filter(|&i| is_capitals(words[i]))
        .collect();
    if !capitals.is_empty() && capitals.len() < words.len() {
        let (first, last) = (capitals[0], capitals[capitals.len() - 1]);
        if last - first + 1 == capitals.len() && (first == 0 || last == words.len() - 1) {
            parts.family = words[first..=last]
                .iter()
                .map(|w| normal_case(w))
                .collect::<Vec<_>>()
                .join(" ");
            let given: Vec<&str> = words[..first]
                .iter()
                .chain(&words[last + 1..])
                .copied()
                .collect();
            parts.given = given.join(" ");
            parts.family_first = first == 0;
            return parts;
        }
    }
    if parts.family_first || is_chinese_family_name(words[0]) {
        parts.family = words[0].to_string();
        parts.given = words[1..].join(" ");
        parts.family_first = true;
        return parts;
    }
    let start = (1..words.len() - 1)
        .find(|&i| PARTICLES.contains(&words[i]))
        .unwrap_or(words.len() - 1);
    parts.family = words[start..].join(" ");
    parts.given = words[..start].join(" ");
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(cell: &str) -> (String, String, Option<String>, Option<String>, bool) {
        let p = split_whole(cell, false);
        (p.family, p.given, p.academic, p.zh, p.family_first)
    }

    fn s(x: &str) -> String {
        x.to_string()
    }

    #[test]
    fn german_names_are_given_name_first() {
        assert_eq!(
            read("Frank Dudda"),
            (s("Dudda"), s("Frank"), None, None, false)
        );
        assert_eq!(
            read("Dr. Frank Dudda"),
            (s("Dudda"), s("Frank"), Some(s("Dr.")), None, false)
        );
        assert_eq!(
            read("Herr Prof. Dr.-Ing. Hans-Peter Müller"),
            (
                s("Müller"),
                s("Hans-Peter"),
                Some(s("Prof. Dr.-Ing.")),
                None,
                false
            )
        );
        assert_eq!(
            read("Ursula von der Leyen"),
            (s("von der Leyen"), s("Ursula"), None, None, false)
        );
        assert_eq!(
            read("Dudda, Frank"),
            (s("Dudda"), s("Frank"), None, None, false)
        );
        assert_eq!(
            read("Frank Dudda, PhD"),
            (s("Dudda"), s("Frank"), Some(s("PhD")), None, false)
        );
        assert_eq!(read("Dudda"), (s("Dudda"), s(""), None, None, false));
        assert_eq!(read("Dr."), (s("Dr."), s(""), None, None, false));
    }

    #[test]
    fn chinese_names_are_family_name_first() {
        assert_eq!(read("Liu Qiang"), (s("Liu"), s("Qiang"), None, None, true));
        assert_eq!(
            read("Zhang Xiaoming"),
            (s("Zhang"), s("Xiaoming"), None, None, true)
        );
        // Western order with the family name in capitals.
        assert_eq!(read("Qiang LIU"), (s("Liu"), s("Qiang"), None, None, false));
        assert_eq!(read("LIU Qiang"), (s("Liu"), s("Qiang"), None, None, true));
        assert_eq!(
            read("Frank DUDDA"),
            (s("Dudda"), s("Frank"), None, None, false)
        );
        // A Western name that merely ends in a Chinese family name.
        assert_eq!(read("Frank Li"), (s("Li"), s("Frank"), None, None, false));
    }

    #[test]
    fn names_in_characters_are_split_after_the_family_name() {
        assert_eq!(
            read("刘强"),
            (s("刘"), s("强"), None, Some(s("刘强")), true)
        );
        assert_eq!(
            read("欧阳修文"),
            (s("欧阳"), s("修文"), None, Some(s("欧阳修文")), true)
        );
        assert_eq!(
            read("欧阳"),
            (s("欧"), s("阳"), None, Some(s("欧阳")), true)
        );
        assert_eq!(
            read("刘强 Liu Qiang"),
            (s("Liu"), s("Qiang"), None, Some(s("刘强")), true)
        );
    }

    #[test]
    fn pinyin_gives_the_latin_name() {
        assert_eq!(from_pinyin("Liú Qiáng"), (s("Liu"), s("Qiang")));
        assert_eq!(from_pinyin("Ōuyáng Xiū Wén"), (s("Ouyang"), s("Xiu Wen")));
        assert_eq!(from_pinyin("Lǚ Xīn"), (s("Lü"), s("Xin")));
    }
}
