//! A fuzz harness for the visit-file importer that runs in every test run
//! for a bounded number of cases (issue 12: nothing a file can hold crashes
//! dplan or destroys data).
//!
//! Each case takes a file of the corpus (`tests/fuzz/visit/*.json`, plus
//! the demo visits as exported), changes it the way a hostile or broken
//! file would (values replaced by extreme dates, huge or control-laden
//! strings, numbers at their limits, entries repeated or removed, or bytes
//! flipped, cut and spliced) and imports it into one store that keeps
//! everything imported so far. Whatever happens, nothing may panic; an
//! import that fails must leave the store as it was; and every visit that
//! is stored must survive its check, its view and its export. The
//! generator is a seeded xorshift, so a failing case is reproduced by its
//! number. `DPLAN_FUZZ_CASES` sets how many cases run (default 1,000).

use std::path::PathBuf;

use dplan_core::{Lang, VisitFile, demo, view::VisitView};
use dplan_store::Store;
use serde_json::Value;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Values that have broken importers before, or could.
fn hostile(rng: &mut Rng) -> Value {
    let pick = [
        Value::from("-262143-01-01"),
        Value::from("+262142-12-31"),
        Value::from("+262142-12-31T23:59"),
        Value::from("-262143-01-01T00:00"),
        Value::from("1899-12-31"),
        Value::from("2201-01-01"),
        Value::from("2027-02-30"),
        Value::from("2027-03-28T02:30"),
        Value::from("2027-10-31T02:30"),
        Value::from("Mars/Olympus"),
        Value::from(""),
        Value::from("x".repeat(100_000)),
        Value::from("a\u{0}b\u{1b}[31m\u{7}"),
        Value::from("<script>alert(1)</script>"),
        Value::from("\u{202E}gnaiQ uiL"),
        Value::from("刘".repeat(400)),
        Value::from(u32::MAX),
        Value::from(u64::MAX),
        Value::from(-1),
        Value::from(0),
        Value::from(1e308),
        Value::Null,
        Value::Bool(true),
        Value::Array(vec![]),
        Value::Object(Default::default()),
        Value::from("00000000-0000-0000-0000-000000000000"),
    ];
    pick[rng.below(pick.len())].clone()
}

/// Every path to a value in `v`, as JSON pointers.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(
                    x,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn mutate(text: &str, rng: &mut Rng) -> Vec<u8> {
    let Ok(mut json) = serde_json::from_str::<Value>(text) else {
        return text.as_bytes().to_vec();
    };
    let mut paths = Vec::new();
    pointers(&json, String::new(), &mut paths);
    for _ in 0..1 + rng.below(3) {
        let path = paths[rng.below(paths.len())].clone();
        match rng.below(6) {
            // Replace a value.
            0..=2 => {
                if let Some(v) = json.pointer_mut(&path) {
                    *v = hostile(rng);
                }
            }
            // Repeat an array's entry (the same person or item twice).
            3 => {
                if let Some(Value::Array(a)) = json.pointer_mut(&path)
                    && !a.is_empty()
                {
                    let e = a[rng.below(a.len())].clone();
                    for _ in 0..1 + rng.below(50) {
                        a.push(e.clone());
                    }
                }
            }
            // Remove a key or an entry.
            4 => {
                if let Some((parent, key)) = path.rsplit_once('/')
                    && let Some(p) = json.pointer_mut(parent)
                {
                    match p {
                        Value::Object(m) => {
                            m.remove(key);
                        }
                        Value::Array(a) => {
                            if let Ok(i) = key.parse::<usize>()
                                && i < a.len()
                            {
                                a.remove(i);
                            }
                        }
                        _ => {}
                    }
                }
            }
            // Swap two values of the file.
            _ => {
                let other = paths[rng.below(paths.len())].clone();
                if let (Some(a), Some(b)) =
                    (json.pointer(&path).cloned(), json.pointer(&other).cloned())
                    && !path.starts_with(&other)
                    && !other.starts_with(&path)
                {
                    *json.pointer_mut(&path).unwrap() = b;
                    *json.pointer_mut(&other).unwrap() = a;
                }
            }
        }
    }
    let mut bytes = serde_json::to_vec(&json).unwrap_or_default();
    // Now and then, damage the bytes themselves.
    if rng.below(5) == 0 && !bytes.is_empty() {
        for _ in 0..1 + rng.below(4) {
            let i = rng.below(bytes.len());
            match rng.below(3) {
                0 => bytes[i] = rng.next() as u8,
                1 => bytes.truncate(i),
                _ => {
                    const NOISE: &[u8] = b"{[\"\\\x00\xff,:";
                    bytes.insert(i, NOISE[rng.below(NOISE.len())]);
                }
            }
            if bytes.is_empty() {
                break;
            }
        }
    }
    bytes
}

fn corpus() -> Vec<String> {
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
        .join("tests/fuzz/visit");
    let mut files: Vec<String> = demo::visits(demo::stamp())
        .iter()
        .map(VisitFile::to_json)
        .collect();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    for p in paths {
        files.push(std::fs::read_to_string(&p).unwrap());
    }
    files
}

/// What a failed import must leave as it was.
fn fingerprint(s: &Store) -> String {
    let visits = s.list_visits().unwrap();
    let mut out = format!(
        "{visits:?}{:?}{:?}",
        s.list_persons().unwrap(),
        s.list_venues().unwrap()
    );
    for v in visits {
        out.push_str(&format!("{:?}", s.list_programme(v.id).unwrap()));
        out.push_str(&format!("{:?}", s.list_participants(v.id).unwrap()));
    }
    out
}

#[test]
fn hostile_visit_files_never_panic_and_a_refused_one_changes_nothing() {
    let cases: usize = std::env::var("DPLAN_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000);
    let corpus = corpus();
    assert!(corpus.len() >= 4, "the corpus has files");
    let mut store = Store::open_in_memory().unwrap();
    store.load_demo().unwrap();
    let (mut parsed, mut imported) = (0, 0);
    for case in 0..cases {
        let mut rng =
            Rng(0x9E37_79B9_7F4A_7C15 ^ (case as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
        let seed = &corpus[rng.below(corpus.len())];
        let bytes = mutate(seed, &mut rng);
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let Ok(file) = VisitFile::parse(text) else {
            continue;
        };
        parsed += 1;
        let before = fingerprint(&store);
        match store.import_visit(&file) {
            Ok(_) => {
                imported += 1;
                let id = file.visit.id;
                store
                    .check_visit(id, Lang::De)
                    .unwrap_or_else(|e| panic!("case {case}: check: {e}"));
                let back = store
                    .export_visit(id, demo::stamp(), true)
                    .unwrap_or_else(|e| panic!("case {case}: export: {e}"));
                let view = VisitView::new(&back);
                for p in &view.participants {
                    let _ = view.for_person(p.person_id);
                }
                let _ = back.as_template(
                    dplan_core::VisitId::derived("fuzz/copy"),
                    back.visit.first_day,
                    || dplan_core::ItemId::derived("fuzz/item"),
                );
            }
            Err(_) => assert_eq!(
                fingerprint(&store),
                before,
                "case {case}: a refused import changed the store"
            ),
        }
    }
    eprintln!(
        "fuzz visit files: {cases} cases, {parsed} parsed as visit files, {imported} imported"
    );
    assert!(
        parsed > cases / 10,
        "the mutations keep enough files readable: {parsed}"
    );
}
