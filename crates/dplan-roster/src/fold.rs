//! Folding text for comparison: header names and person keys must match
//! however a list was typed (case, accents, full-width forms, spaces).

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Header names and person keys compare the way the core tells entries
/// apart: see [`dplan_core::name::fold_identity`].
pub(crate) use dplan_core::name::fold_identity as fold;

/// A Chinese character (CJK unified ideographs and their extensions).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}'
        | '〇'
    )
}

pub(crate) fn has_han(s: &str) -> bool {
    s.chars().any(is_han)
}

/// Text written in Chinese rather than in Latin script: it has characters
/// and no Latin letters.
pub(crate) fn is_chinese_text(s: &str) -> bool {
    has_han(s) && !s.chars().any(|c| c.is_alphabetic() && c.is_ascii())
}

/// Drops the tone marks of pinyin but keeps `ü`, which is a different vowel
/// ("Lü" is not "Lu"): "Liú Qiáng" → "Liu Qiang", "Lǚ" → "Lü".
pub(crate) fn without_tone_marks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        // U+0308 is the diaeresis of ü; every other combining mark on a
        // pinyin vowel is a tone.
        if is_combining_mark(c) && c != '\u{308}' {
            continue;
        }
        out.push(c);
    }
    out.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_marks_go_but_the_umlaut_of_pinyin_stays() {
        assert_eq!(without_tone_marks("Liú Qiáng"), "Liu Qiang");
        assert_eq!(without_tone_marks("Lǚ Xīn"), "Lü Xin");
        assert_eq!(without_tone_marks("Ōuyáng"), "Ouyang");
    }

    #[test]
    fn chinese_text_is_told_from_latin() {
        assert!(is_chinese_text("泸州市人民政府"));
        assert!(is_chinese_text("刘强（团长）"));
        assert!(!is_chinese_text("刘强 Liu Qiang"));
        assert!(!is_chinese_text("Stadt Herne"));
    }
}
