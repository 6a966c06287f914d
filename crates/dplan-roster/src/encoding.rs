//! Turning the bytes of a text list into text, and saying when that was a
//! guess worth checking.
//!
//! A file with a byte order mark, or one that is valid UTF-8, says what it
//! is. Anything else is guessed: GBK when its high bytes come in the pairs
//! Chinese text makes, otherwise Windows-1252, which never fails to decode
//! and therefore turns a Japanese or half-converted list into mojibake
//! without a word. [`EncodingNote`] carries the guess, and whether the text
//! looks wrong read that way, to the people who must check the names.

use std::{borrow::Cow, fmt};

use encoding_rs::{GBK, UTF_16BE, UTF_16LE, WINDOWS_1252};
use serde::Serialize;
use ts_rs::TS;

/// The encoding a list without BOM that is not UTF-8 was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, TS)]
pub enum TextEncoding {
    /// Western European, as German Excel writes "CSV (Trennzeichen-getrennt)".
    #[serde(rename = "windows_1252")]
    Windows1252,
    /// Simplified Chinese, as Chinese Excel and WPS write CSV.
    #[serde(rename = "gbk")]
    Gbk,
}

impl TextEncoding {
    fn label(self) -> &'static str {
        match self {
            TextEncoding::Windows1252 => "Windows-1252 (Western European)",
            TextEncoding::Gbk => "GBK (Chinese)",
        }
    }
}

/// A list's encoding was guessed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, TS)]
pub struct EncodingNote {
    #[ts(inline)]
    pub read_as: TextEncoding,
    /// The text does not look like that encoding (Japanese Shift-JIS, a mix
    /// of encodings, bytes the encoding does not define): names are likely
    /// garbled and the user should be warned.
    pub doubtful: bool,
}

impl fmt::Display for EncodingNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the list's encoding was guessed as {}; check names with umlauts and Chinese characters, or save the list as UTF-8 / .xlsx",
            self.read_as.label()
        )
    }
}

/// Decodes a text list; the note is `None` when the bytes said their
/// encoding (BOM, or valid UTF-8).
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, Option<EncodingNote>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest), None);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (UTF_16LE.decode_without_bom_handling(rest).0, None);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (UTF_16BE.decode_without_bom_handling(rest).0, None);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), None);
    }
    if looks_like_gbk(bytes) {
        let (text, had_errors) = GBK.decode_without_bom_handling(bytes);
        if !had_errors {
            let note = EncodingNote {
                read_as: TextEncoding::Gbk,
                doubtful: false,
            };
            return (text, Some(note));
        }
    }
    let note = EncodingNote {
        read_as: TextEncoding::Windows1252,
        doubtful: implausible_windows_1252(bytes),
    };
    (
        WINDOWS_1252.decode_without_bom_handling(bytes).0,
        Some(note),
    )
}

/// Chinese text in GBK is made of byte pairs that are both above 0x80,
/// while German text in Windows-1252 has single high bytes (ä, ö, ü, ß)
/// between ASCII letters. So a file whose high bytes almost all come in
/// pairs of GB2312's main range is taken to be GBK.
pub(crate) fn looks_like_gbk(bytes: &[u8]) -> bool {
    let (mut high, mut paired) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(&t) if (0xA1..=0xFE).contains(&b) && (0xA1..=0xFE).contains(&t) => {
                high += 2;
                paired += 2;
                i += 2;
            }
            _ => {
                high += 1;
                i += 1;
            }
        }
    }
    paired >= 4 && paired * 10 >= high * 9
}

/// Whether bytes that are neither UTF-8 nor GBK look wrong as Windows-1252.
///
/// Western text in Windows-1252 has its high bytes alone between ASCII
/// letters (Müller, Groß), now and then two letters together (Rößler), and
/// the punctuation of 0x80–0x9F („ “ – €) next to ASCII. Text in another
/// encoding breaks that pattern, so any of these is taken as a sign:
/// - a byte Windows-1252 does not define (0x81, 0x8D, 0x8F, 0x90, 0x9D),
///   which Shift-JIS uses as a lead byte;
/// - a complete UTF-8 sequence in a file that is not UTF-8 as a whole:
///   parts of the list were saved in another encoding;
/// - a byte from 0x80–0x9F other than common punctuation („ “ ” ‚ ‘ ’ – —
///   … € ‹ ›) next to another high byte: double-byte text (Shift-JIS, Big5,
///   broken GBK); a closing quote after „Groß“ is still German;
/// - at least half of the high bytes standing in runs: words made of
///   non-Latin characters.
pub(crate) fn implausible_windows_1252(bytes: &[u8]) -> bool {
    let (mut high, mut in_runs) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        let run_end = bytes[i..]
            .iter()
            .position(|&b| b < 0x80)
            .map_or(bytes.len(), |n| i + n);
        let run = &bytes[i..run_end];
        if run
            .iter()
            .any(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
        {
            return true;
        }
        if run.len() >= 2 {
            let odd_c1 = |b: &u8| {
                (0x80..=0x9F).contains(b)
                    && !matches!(
                        b,
                        0x80 | 0x82 | 0x84 | 0x85 | 0x8B | 0x91..=0x94 | 0x96 | 0x97 | 0x9B
                    )
            };
            if run.iter().any(odd_c1) || holds_utf8_sequence(run) {
                return true;
            }
            in_runs += run.len();
        }
        high += run.len();
        i = run_end;
    }
    in_runs >= 4 && in_runs * 2 >= high
}

/// Whether a run of high bytes contains a well-formed UTF-8 multi-byte
/// sequence of the kinds a list holds: Latin letters (ä as C3 A4), or
/// three- and four-byte characters (Chinese, quotation marks). Other
/// two-byte sequences are left out because Windows-1252 text makes them
/// (ß before a closing quote is DF 93).
fn holds_utf8_sequence(run: &[u8]) -> bool {
    (0..run.len()).any(|i| {
        let need = match run[i] {
            0xC2..=0xC5 => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF4 => 3,
            _ => return false,
        };
        run.get(i..=i + need)
            .is_some_and(|s| std::str::from_utf8(s).is_ok())
    })
}

#[cfg(test)]
mod tests {
    use encoding_rs::SHIFT_JIS;

    use super::*;

    #[test]
    fn windows_1252_and_gbk_are_told_apart() {
        // "Müller;Straße" in Windows-1252.
        let de = b"M\xFCller;Stra\xDFe\n";
        assert!(!looks_like_gbk(de));
        let (text, note) = decode(de);
        assert_eq!(text, "Müller;Straße\n");
        assert_eq!(
            note,
            Some(EncodingNote {
                read_as: TextEncoding::Windows1252,
                doubtful: false
            })
        );
        let (gbk, _, _) = GBK.encode("姓名;单位\n刘强;泸州市人民政府\n");
        assert!(looks_like_gbk(&gbk));
        let (text, note) = decode(&gbk);
        assert_eq!(text, "姓名;单位\n刘强;泸州市人民政府\n");
        assert!(note.is_some_and(|n| n.read_as == TextEncoding::Gbk && !n.doubtful));
    }

    #[test]
    fn german_names_with_two_umlauts_together_are_not_doubtful() {
        let (bytes, _, _) =
            WINDOWS_1252.encode("Name;Ort\nRößler;Göttingen\nGroß;Düsseldorf\n„Müller“;–\n");
        assert!(!implausible_windows_1252(&bytes));
    }

    #[test]
    fn shift_jis_and_mixed_text_are_doubtful() {
        for text in [
            "氏名,所属\n山田太郎,東京都庁\n",
            "ﾔﾏﾀﾞ,ﾀﾛｳ\n",
            "ヤマダ,タロウ\n",
        ] {
            let (bytes, _, _) = SHIFT_JIS.encode(text);
            assert!(implausible_windows_1252(&bytes), "{text}");
        }
        // Windows-1252 "Müller" beside UTF-8 "Jürgen".
        assert!(implausible_windows_1252(b"M\xFCller;J\xC3\xBCrgen\n"));
    }
}
