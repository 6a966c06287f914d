//! Lists whose encoding had to be guessed (issue 12): the table says so,
//! and says when the guess is doubtful, so the app and the CLI can warn
//! instead of importing mojibake silently.

use dplan_roster::{EncodingNote, TextEncoding, read_table};
use encoding_rs::{GBK, SHIFT_JIS, WINDOWS_1252};

fn note(bytes: &[u8]) -> Option<EncodingNote> {
    read_table(bytes).unwrap().encoding
}

const DOUBTFUL: Option<EncodingNote> = Some(EncodingNote {
    read_as: TextEncoding::Windows1252,
    doubtful: true,
});

#[test]
fn a_shift_jis_list_is_read_with_a_warning() {
    let (bytes, _, _) =
        SHIFT_JIS.encode("氏名,所属,役職\n山田太郎,東京都庁,部長\nヤマダ,ハナコ,通訳\n");
    let note = note(&bytes);
    assert_eq!(note, DOUBTFUL);
    assert_eq!(
        note.unwrap().to_string(),
        "the list's encoding was guessed as Windows-1252 (Western European); check names with umlauts and Chinese characters, or save the list as UTF-8 / .xlsx"
    );
}

#[test]
fn a_list_mixing_encodings_is_read_with_a_warning() {
    // Windows-1252 rows with one row pasted in as UTF-8.
    let mut bytes = WINDOWS_1252
        .encode("Nachname;Vorname\nMüller;Jürgen\n")
        .0
        .into_owned();
    bytes.extend("刘;强\n".as_bytes());
    assert_eq!(note(&bytes), DOUBTFUL);
    // GBK rows with a Windows-1252 row among them.
    let mut bytes = GBK
        .encode("姓名,单位\n刘强,泸州市人民政府\n")
        .0
        .into_owned();
    bytes.extend(WINDOWS_1252.encode("Müller,Stadt Herne\n").0.iter());
    let read = note(&bytes);
    assert!(
        read.is_some_and(|n| n.doubtful || n.read_as == TextEncoding::Gbk),
        "{read:?}"
    );
}

#[test]
fn unambiguous_lists_are_read_without_a_warning() {
    assert_eq!(
        note("Nachname;Vorname\nMüller;Jürgen\n刘;强\n".as_bytes()),
        None
    );
    let de = WINDOWS_1252
        .encode("Nachname;Vorname;Ort\nRößler;Bärbel;Göttingen\n„Groß“;Ülkü;Düsseldorf – Süd\n")
        .0;
    assert_eq!(
        note(&de),
        Some(EncodingNote {
            read_as: TextEncoding::Windows1252,
            doubtful: false
        })
    );
    let zh = GBK
        .encode("姓名,单位\n刘强,泸州市人民政府\n王芳,泸州市外事办公室\n")
        .0;
    assert_eq!(
        note(&zh),
        Some(EncodingNote {
            read_as: TextEncoding::Gbk,
            doubtful: false
        })
    );
}
