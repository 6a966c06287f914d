//! How names compare: for sorting the address book and rosters, and for
//! recognising a person who is already known when a list is imported.
//!
//! German lists sort "Müller" with "Muller" (DIN 5007, dictionary order),
//! and Chinese names sort by their pinyin without tone marks, so "Liú" sorts
//! with "Liu". Both come down to the same folding: decompose, drop the
//! combining marks, spell ß as ss, compare case-insensitively. Telling two
//! entries apart is stricter about umlauts ([`fold_identity`]): "Müller"
//! is the same person as "Mueller", as German transliteration has it.

use unicode_normalization::UnicodeNormalization;

/// `s` folded for comparison: lower case, without accents, umlaut dots or
/// tone marks, ß as ss, inner white space collapsed to one space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for ch in s.nfkd() {
        if is_combining_mark(ch) {
            continue;
        }
        if ch.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match ch {
            'ß' | 'ẞ' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'ł' | 'Ł' => out.push('l'),
            _ => out.extend(ch.to_lowercase()),
        }
    }
    out
}

/// `s` folded for telling whether two entries name the same thing (a
/// person's name, a column header): German umlauts spelled out (`ü` → `ue`,
/// `ß` → `ss`, so "Müller" and "Mueller" agree, as passports and Chinese
/// lists write them), other accents and pinyin tone marks dropped,
/// full-width forms made plain, lower case, and every white space removed.
pub fn fold_identity(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkc() {
        if c.is_whitespace() {
            continue;
        }
        match c {
            'ä' | 'Ä' => out.push_str("ae"),
            'ö' | 'Ö' => out.push_str("oe"),
            'ü' | 'Ü' => out.push_str("ue"),
            'ß' | 'ẞ' => out.push_str("ss"),
            _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            _ => {
                for d in c.to_lowercase().nfd() {
                    if !is_combining_mark(d) {
                        out.push(d);
                    }
                }
            }
        }
    }
    out
}

/// Combining diacritical marks (accents, umlaut dots, pinyin tone marks)
/// as they appear after canonical decomposition.
fn is_combining_mark(ch: char) -> bool {
    matches!(ch, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn identity_folding_spells_umlauts_and_ignores_case_width_and_spaces() {
        use super::fold_identity;
        for (a, b) in [
            ("Müller", "MUELLER"),
            ("Straße", "strasse"),
            ("Liú Qiáng", "liuqiang"),
            ("Ｅ－Ｍａｉｌ", "e-mail"),
            ("  Stadt\u{a0}Herne ", "stadtherne"),
            ("René", "rene"),
        ] {
            assert_eq!(fold_identity(a), fold_identity(b), "{a:?} and {b:?}");
        }
        assert_eq!(fold_identity("刘 强"), "刘强");
        assert_ne!(
            fold_identity("Lü"),
            fold_identity("Lu"),
            "ü is its own vowel"
        );
    }

    #[test]
    fn folding_drops_umlauts_accents_and_tone_marks() {
        assert_eq!(fold("Müller"), "muller");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Liú Qiáng"), "liu qiang");
        assert_eq!(fold("Lǚ  Xiǎo\tmíng "), "lu xiao ming");
        assert_eq!(fold("Ørsted"), "orsted");
        assert_eq!(fold("刘强"), "刘强");
        assert_eq!(fold(""), "");
    }
}
