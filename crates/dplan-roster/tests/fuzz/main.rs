//! Fuzzing the list readers (issue 12: nothing a file can hold crashes
//! dplan). A small deterministic mutation fuzzer: a seeded xorshift picks
//! byte flips, inserts, deletes, splices and tokens that have broken
//! readers before, over the committed corpus in `corpus/{csv,xlsx,xls}/`.
//! Workbooks are mutated inside (the worksheet XML, the BIFF records) and
//! packed again, so the mutations reach the readers rather than failing
//! the archive's checksums; a share of cases mutates the raw file too.
//!
//! Each case must return a table within the caps or a `RosterError`; a
//! panic that escapes the reader fails the test with the seed and case
//! that found it. `DPLAN_FUZZ_CASES` multiplies nothing: it sets the number
//! of cases per reader for longer local runs; `DPLAN_FUZZ_SECONDS` bounds
//! each reader's run (default 60 s) so CI stays bounded on slow machines.

#[allow(dead_code)]
#[path = "../roster/workbook.rs"]
mod workbook;

use std::{
    cell::{Cell, RefCell},
    path::PathBuf,
    sync::Once,
    time::{Duration, Instant},
};

use dplan_roster::{MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, RosterError, Table, read_table};
use encoding_rs::{SHIFT_JIS, WINDOWS_1252};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/corpus")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

fn inline(cell: &str, text: &str) -> String {
    format!(r#"<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// The corpus as it should be on disk: (folder, file name, bytes).
fn corpus() -> Vec<(&'static str, String, Vec<u8>)> {
    let mut out = Vec::new();
    for name in [
        "chinese_gbk.csv",
        "chinese_utf8.csv",
        "german_bom.csv",
        "german_windows1252.csv",
        "headers_only.csv",
        "missing_family_name.csv",
        "quoted_multiline.csv",
        "unicode_text.txt",
    ] {
        out.push(("csv", name.to_string(), fixture(name)));
    }
    out.push((
        "csv",
        "sep_line_title_rows.csv".into(),
        b"sep=,\r\nDelegation Luzhou 2027,,\r\n,,\r\nName,Vorname,Organisation\r\nDudda,Frank,Stadt Herne\r\n\"Liu, Qiang\",,\"Stadt\r\nLuzhou\"\r\n".to_vec(),
    ));
    out.push((
        "csv",
        "shift_jis.csv".into(),
        SHIFT_JIS
            .encode("氏名,所属\n山田太郎,東京都庁\nヤマダ,通訳\n")
            .0
            .into_owned(),
    ));
    let mut mixed = WINDOWS_1252
        .encode("Nachname;Vorname\nMüller;Jürgen\n")
        .0
        .into_owned();
    mixed.extend("刘;强\n".as_bytes());
    out.push(("csv", "mixed_encodings.csv".into(), mixed));

    let german = workbook::sheet(
        "A1:C3",
        &format!(
            r#"<row r="1">{}{}{}</row><row r="2">{}{}<c r="C2"><v>1</v></c></row><row r="3">{}{}<c r="C3" t="b"><v>1</v></c></row>"#,
            inline("A1", "Nachname"),
            inline("B1", "Vorname"),
            inline("C1", "Rang"),
            inline("A2", "Dudda"),
            inline("B2", "Frank"),
            inline("A3", "Müller"),
            inline("B3", "Jürgen"),
        ),
    );
    out.push((
        "xlsx",
        "german_inline.xlsx".into(),
        workbook::xlsx(&german, None),
    ));
    let shared = workbook::shared_strings(&[
        "Delegation Luzhou 2027",
        "姓名",
        "单位",
        "刘强",
        "泸州市人民政府",
        "王芳",
    ]);
    let chinese = workbook::sheet(
        "B1:C5",
        r#"<row r="1"><c r="B1" t="s"><v>0</v></c></row><row r="3"><c r="B3" t="s"><v>1</v></c><c r="C3" t="s"><v>2</v></c></row><row r="4"><c r="B4" t="s"><v>3</v></c><c r="C4" t="s"><v>4</v></c></row><row r="5"><c r="B5" t="s"><v>5</v></c><c r="C5"><v>46508.5</v></c></row>"#,
    );
    out.push((
        "xlsx",
        "chinese_shared.xlsx".into(),
        workbook::xlsx(&chinese, Some(&shared)),
    ));
    out.push(("xlsx", "excel_written.xlsx".into(), excel_written()));

    let label = workbook::label;
    out.push((
        "xls",
        "german.xls".into(),
        workbook::xls(
            &[],
            &[
                label(0, 0, "Nachname"),
                label(0, 1, "Vorname"),
                label(1, 0, "Dudda"),
                label(1, 1, "Frank"),
                label(2, 0, "Liu"),
                label(2, 1, "Qiang"),
            ],
        ),
    ));
    out
}

/// A list as Excel writes it (rust_xlsxwriter), dated so the bytes stay
/// the same: a title row, the header in row 3 from column B, numbers and a
/// date.
fn excel_written() -> Vec<u8> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2027, 5, 1).unwrap();
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    sheet.write_string(0, 1, "Delegation Luzhou 2027").unwrap();
    for (c, h) in ["Rang", "Nachname", "Vorname", "Ankunft"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, 1 + c as u16, *h).unwrap();
    }
    sheet.write_number(3, 1, 1.0).unwrap();
    sheet.write_string(3, 2, "Liu").unwrap();
    sheet.write_string(3, 3, "Qiang").unwrap();
    sheet
        .write_datetime_with_format(3, 4, ExcelDateTime::from_ymd(2027, 5, 3).unwrap(), &date)
        .unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn corpus_on_disk_is_current() {
    let mut stale = Vec::new();
    for (folder, name, bytes) in corpus() {
        let dir = corpus_dir().join(folder);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(&name);
        if std::fs::read(&path).ok().as_deref() != Some(&bytes[..]) {
            std::fs::write(&path, &bytes).unwrap();
            stale.push(format!("{folder}/{name}"));
        }
    }
    assert!(
        stale.is_empty(),
        "rewrote stale corpus files {stale:?}; commit them"
    );
}

fn read_corpus(folder: &str) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus_dir().join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// xorshift64*: small, seeded, the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&[u8]] = &[
    b"\"",
    b"\"\"",
    b";",
    b",",
    b"\t",
    b"\r\n",
    b"\r",
    b"\n",
    b"sep=;\n",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\x81\x40",
    b"\xC3",
    b"\xE4",
    b"\x00",
    b"=cmd|' /C calc'!A0",
    b"r=\"XFD1048576\"",
    b"r=\"A0\"",
    b"r=\"ZZZZZZZ1\"",
    b"r=\"A99999999999\"",
    b"r=\"\"",
    b"<row r=\"4294967295\">",
    b"<row r=\"0\">",
    b"<dimension ref=\"A1:XFD1048576\"/>",
    b"<c r=\"A1\" t=\"s\"><v>99</v></c>",
    b"<c r=\"B2\" t=\"inlineStr\"><is><t>x</t></is></c>",
    b"t=\"d\"",
    b"t=\"e\"",
    b"<v>1e308</v>",
    b"<v>-1</v>",
    b"&#0;",
    b"&amp;",
    b"<![CDATA[",
    b"</sheetData>",
    b"<sheetData>",
    b"\xFF\xFF",
    b"\xFF\xFF\xFF\xFF",
    b"\x00\x00\x00\x00",
    b"\x0A\x00\x00\x00",
    b"\x3C\x00\x04\x00",
    b"\x09\x08\x10\x00",
];

/// Applies one to four mutations.
fn mutate(rng: &mut Rng, input: &[u8], others: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = out.len();
        let at = rng.below(len + 1);
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                out[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                out[i] = [0, 0xFF, 0x7F, 0x80, b'"', b';', b'\n', b'<', b'9'][rng.below(9)];
            }
            2 => {
                let n = 1 + rng.below(8);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                out.splice(at..at, bytes);
            }
            3 if len > 0 => {
                let end = (at + 1 + rng.below(32)).min(len);
                out.drain(at.min(len)..end);
            }
            4 if len > 0 => {
                let from = rng.below(len);
                let end = (from + 1 + rng.below(256)).min(len);
                let chunk = out[from..end].to_vec();
                out.splice(at..at, chunk);
            }
            5 if !others.is_empty() => {
                let other = &others[rng.below(others.len())];
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let end = (from + 1 + rng.below(512)).min(other.len());
                    out.splice(at..at, other[from..end].iter().copied());
                }
            }
            6 if len >= 4 => {
                // A little-endian number overwritten with an extreme one.
                let i = rng.below(len - 3);
                let v: [u8; 4] = match rng.below(4) {
                    0 => [0xFF; 4],
                    1 => [0; 4],
                    2 => [0xFF, 0xFF, 0, 0],
                    _ => (rng.next() as u32).to_le_bytes(),
                };
                out[i..i + 4].copy_from_slice(&v);
            }
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())];
                out.splice(at..at, token.iter().copied());
            }
        }
    }
    out
}

thread_local! {
    static PANICS: Cell<usize> = const { Cell::new(0) };
    static LAST_PANIC: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Counts panics per thread instead of printing them: calamine's panics on
/// damaged input are caught by the reader and reported here as a number.
fn quiet_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            PANICS.with(|p| p.set(p.get() + 1));
            LAST_PANIC.with(|l| *l.borrow_mut() = info.to_string());
        }));
    });
}

fn cases(default: usize) -> usize {
    std::env::var("DPLAN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn within_caps(t: &Table) {
    assert!(t.rows.len() <= MAX_ROWS);
    assert!(t.headers.len() <= MAX_COLUMNS);
    for row in &t.rows {
        assert!(row.cells.len() <= MAX_COLUMNS);
        for cell in &row.cells {
            assert!(cell.chars().count() <= MAX_CELL_CHARS);
        }
    }
}

/// Runs `cases` mutated inputs built by `make` through `read_table`.
fn fuzz(name: &str, seed: u64, default_cases: usize, make: impl Fn(&mut Rng) -> Vec<u8>) {
    quiet_panics();
    let total = cases(default_cases);
    let budget = Duration::from_secs(
        std::env::var("DPLAN_FUZZ_SECONDS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(60),
    );
    let start = Instant::now();
    let mut rng = Rng(seed);
    let (mut ok, mut refused, mut damaged, mut run) = (0usize, 0usize, 0usize, 0usize);
    let mut slowest = (Duration::ZERO, 0usize);
    let mut kinds = std::collections::BTreeMap::<String, usize>::new();
    PANICS.with(|p| p.set(0));
    for case in 0..total {
        if start.elapsed() > budget {
            break;
        }
        let input = make(&mut rng);
        let before = Instant::now();
        let result = std::panic::catch_unwind(|| read_table(&input));
        let took = before.elapsed();
        if took > slowest.0 {
            slowest = (took, case);
        }
        run += 1;
        match result {
            Ok(Ok(table)) => {
                within_caps(&table);
                ok += 1;
            }
            Ok(Err(e)) => {
                if matches!(e, RosterError::Damaged { .. }) {
                    damaged += 1;
                }
                let kind = format!("{e:?}");
                let kind = kind.split([' ', '{', '(']).next().unwrap_or("").to_string();
                *kinds.entry(kind).or_default() += 1;
                refused += 1;
            }
            Err(_) => {
                let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
                let path = dir.join(format!("fuzz-{name}-{seed}-{case}"));
                std::fs::write(&path, &input).unwrap();
                let msg = LAST_PANIC.with(|l| l.borrow().clone());
                panic!(
                    "{name} case {case} (seed {seed}) panicked: {msg}; input in {}",
                    path.display()
                );
            }
        }
    }
    let caught = PANICS.with(|p| p.get());
    eprintln!(
        "fuzz {name}: {run} cases in {:.1?} ({ok} read, {refused} refused {kinds:?}; {caught} panics inside calamine caught as damaged, {damaged} damaged in all); slowest case {} took {:.1?}",
        start.elapsed(),
        slowest.1,
        slowest.0
    );
    assert!(run > 0);
}

#[test]
fn fuzz_csv() {
    let corpus = read_corpus("csv");
    fuzz("csv", 0x5EED_C5F0, 10_000, |rng| {
        let base = &corpus[rng.below(corpus.len())];
        mutate(rng, base, &corpus)
    });
}

#[test]
fn fuzz_xlsx() {
    let corpus: Vec<Vec<(String, Vec<u8>)>> = read_corpus("xlsx")
        .iter()
        .map(|b| workbook::unpack(b))
        .collect();
    let raw = read_corpus("xlsx");
    let texts: Vec<Vec<u8>> = corpus.iter().flatten().map(|(_, b)| b.clone()).collect();
    fuzz("xlsx", 0x5EED_0515, 5_000, |rng| {
        let which = rng.below(corpus.len());
        if rng.below(8) == 0 {
            return mutate(rng, &raw[which], &raw);
        }
        let mut parts = corpus[which].clone();
        // Mostly the worksheets and shared strings, where cells are.
        let cells: Vec<usize> = (0..parts.len())
            .filter(|&i| parts[i].0.contains("sheet") || parts[i].0.contains("haredStrings"))
            .collect();
        let i = if !cells.is_empty() && rng.below(4) != 0 {
            cells[rng.below(cells.len())]
        } else {
            rng.below(parts.len())
        };
        parts[i].1 = mutate(rng, &parts[i].1, &texts);
        let parts: Vec<(&str, Vec<u8>)> =
            parts.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
        workbook::package(&parts)
    });
}

#[test]
fn fuzz_xls() {
    let corpus: Vec<Vec<u8>> = read_corpus("xls")
        .iter()
        .map(|b| {
            let mut file = cfb::CompoundFile::open(std::io::Cursor::new(b)).unwrap();
            let mut stream = Vec::new();
            std::io::Read::read_to_end(&mut file.open_stream("/Workbook").unwrap(), &mut stream)
                .unwrap();
            stream
        })
        .collect();
    let raw = read_corpus("xls");
    fuzz("xls", 0x5EED_0B1F, 5_000, |rng| {
        let which = rng.below(corpus.len());
        if rng.below(8) == 0 {
            return mutate(rng, &raw[which], &raw);
        }
        workbook::compound(&mutate(rng, &corpus[which], &corpus))
    });
}
