//! The fixture files, written byte for byte by this module so that their
//! encoding is exact (a Windows-1252 file cannot be kept honest by an
//! editor). The tests use these bytes; the copies in `tests/fixtures/` are
//! for people to open and to try in the app, and
//! `fixtures_on_disk_are_current` keeps them equal to the bytes here.

use std::path::PathBuf;

use encoding_rs::WINDOWS_1252;

/// A Chinese delegation's list as Chinese Excel or WPS write it: UTF-8,
/// commas, Chinese headers, names in characters with pinyin.
const CHINESE_UTF8: &str = "\
序号,姓名,拼音,单位,职务,角色,手机
1,刘强,Liú Qiáng,泸州市人民政府,副市长,团长,+86 138 0000 0001
2,王芳,Wáng Fāng,泸州市外事办公室,主任,团员,+86 138 0000 0002
3,欧阳明,Ōuyáng Míng,泸州老窖集团,总经理,团员,
4,张丽,Zhāng Lì,泸州市外事办公室,翻译,翻译,
";

/// German Excel's "CSV UTF-8": a BOM, semicolons, CRLF.
const GERMAN_BOM: &str = "\u{feff}\
Nachname;Vorname;Akad. Titel;Chinesischer Name;Organisation;Funktion;E-Mail;Seite;Rolle;Rang\r\n\
Dudda;Frank;Dr.;;Stadt Herne;Oberbürgermeister;frank.dudda@herne.de;Gastgeber;Gastgeber;1\r\n\
Liu;Qiang;;刘强;Stadtregierung Luzhou;Vizebürgermeister;;Gast;Delegationsleitung;1\r\n\
Wang;Fang;;王芳;Außenamt Luzhou;Direktorin;;Gast;Mitglied;2\r\n";

/// German Excel's "CSV (Trennzeichen-getrennt)": Windows-1252, semicolons,
/// CRLF, umlauts and ß.
const GERMAN_1252: &str = "\
Nachname;Vorname;Organisation;Funktion;Hotel\r\n\
Müller;Jürgen;Stadt Herne;Büroleiter;Hotel Straßburger Hof\r\n\
Groß;Bärbel;Wirtschaftsförderung Herne;Geschäftsführerin;\r\n\
Özdemir;Ülkü;Stadt Herne;Protokoll;Hotel Straßburger Hof\r\n";

/// Quoted cells holding `;`, doubled quotes and line breaks, then a row
/// whose family name is missing: its row number must count the multi-line
/// cells above it as one row each, as Excel shows them.
const QUOTED_MULTILINE: &str = "\
Nachname;Vorname;Organisation;Funktion\r\n\
Dudda;Frank;\"Stadt Herne; Der Oberbürgermeister\";Oberbürgermeister\r\n\
Schmidt;Anna;\"Herner Gesellschaft für\r\nWirtschaftsförderung \"\"WFG\"\" mbH\";Geschäftsführerin\r\n\
Becker;Tom;\"Zeile 1\nZeile 2\nZeile 3\";Protokoll\r\n\
;Lisa;Stadt Herne;Presse\r\n";

const HEADERS_ONLY: &str = "Nachname;Vorname;Organisation\r\n";

/// An English list with whole names in one column and a row without a
/// name (row 4).
const MISSING_FAMILY_NAME: &str = "\
Full name,Organization,Job title,Side,Role,Order
Dr. Frank Dudda,City of Herne,Lord Mayor,Host,Host,1
LIU Qiang,Luzhou Municipal Government,Vice Mayor,Guest,Head of delegation,1
,Luzhou Foreign Affairs Office,Director,Guest,Member,2
Wang Fang,Luzhou Foreign Affairs Office,Interpreter,Guest,Interpreter,
";

/// The Chinese list as GBK can hold it: GBK has the pinyin vowels with
/// tone marks in lower case only, so "Ōuyáng" loses its first macron.
pub fn chinese_gbk_text() -> String {
    CHINESE_UTF8.replace('Ō', "O")
}

/// What `fixtures/<name>` holds.
pub fn bytes(name: &str) -> Vec<u8> {
    match name {
        "chinese_utf8.csv" => CHINESE_UTF8.as_bytes().to_vec(),
        "german_bom.csv" => GERMAN_BOM.as_bytes().to_vec(),
        "german_windows1252.csv" => {
            let (bytes, _, unmappable) = WINDOWS_1252.encode(GERMAN_1252);
            assert!(
                !unmappable,
                "the Windows-1252 fixture holds a character 1252 lacks"
            );
            bytes.into_owned()
        }
        "quoted_multiline.csv" => QUOTED_MULTILINE.as_bytes().to_vec(),
        "empty.csv" => Vec::new(),
        "headers_only.csv" => HEADERS_ONLY.as_bytes().to_vec(),
        "missing_family_name.csv" => MISSING_FAMILY_NAME.as_bytes().to_vec(),
        "chinese_gbk.csv" => {
            let text = chinese_gbk_text();
            let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
            assert!(!unmappable, "the GBK fixture holds a character GBK lacks");
            bytes.into_owned()
        }
        "unicode_text.txt" => {
            // Excel's "Unicode text": UTF-16 little-endian with BOM, tabs.
            let text = GERMAN_BOM.trim_start_matches('\u{feff}').replace(';', "\t");
            let mut out = vec![0xFF, 0xFE];
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            out
        }
        "renamed_pdf.csv" => {
            b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec()
        }
        _ => panic!("no fixture {name}"),
    }
}

pub const NAMES: &[&str] = &[
    "chinese_utf8.csv",
    "german_bom.csv",
    "german_windows1252.csv",
    "quoted_multiline.csv",
    "empty.csv",
    "headers_only.csv",
    "missing_family_name.csv",
    "chinese_gbk.csv",
    "unicode_text.txt",
    "renamed_pdf.csv",
];

fn dir() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
        .join("tests/fixtures")
}

/// Rewrites a stale or missing fixture and fails, so that a change here
/// cannot go unnoticed in the committed files.
#[test]
fn fixtures_on_disk_are_current() {
    let mut stale = Vec::new();
    for name in NAMES {
        let path = dir().join(name);
        let want = bytes(name);
        if std::fs::read(&path).ok().as_deref() != Some(&want[..]) {
            std::fs::write(&path, &want).unwrap();
            stale.push(*name);
        }
    }
    assert!(
        stale.is_empty(),
        "rewrote stale fixtures {stale:?}; commit them"
    );
}

#[test]
fn the_windows_1252_fixture_really_is_windows_1252() {
    let bytes = bytes("german_windows1252.csv");
    assert!(std::str::from_utf8(&bytes).is_err());
    // ü is the single byte 0xFC and ß 0xDF, as German Excel writes them.
    assert!(bytes.windows(3).any(|w| w == b"M\xFCl"));
    assert!(bytes.windows(3).any(|w| w == b"a\xDFb"));
}
