//! Runs the real `dplan` binary on temp databases: SQLite files, and for
//! what a team's server database does the same, scratch databases on the
//! test server too (`on_both`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

struct Env {
    dir: tempfile::TempDir,
    db: PathBuf,
    /// What `--db` says: the SQLite file, or a server database's address
    /// (without its password, which the run passes as PGPASSWORD).
    setting: String,
    password: Option<String>,
    _server: Option<dplan_store::testing::Scratch>,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("dplan.sqlite3");
        Env {
            setting: db.display().to_string(),
            dir,
            db,
            password: None,
            _server: None,
        }
    }

    /// A fresh database of its own on the test server.
    fn server() -> Env {
        let scratch = dplan_store::testing::Scratch::new();
        let (scheme, rest) = scratch.url.split_once("://").unwrap();
        let (login, host) = rest.split_once('@').unwrap();
        let (user, password) = login.split_once(':').unwrap();
        Env {
            setting: format!("{scheme}://{user}@{host}"),
            password: Some(password.to_string()),
            _server: Some(scratch),
            ..Env::new()
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dplan"));
        cmd.arg("--db")
            .arg(&self.setting)
            .args(args)
            .env_remove("DPLAN_DB")
            .env_remove("PGPASSWORD")
            .env("PGPASSFILE", "/dev/null")
            // Messages follow the locale; the tests read English unless
            // they ask for another language.
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8");
        if let Some(p) = &self.password {
            cmd.env("PGPASSWORD", p);
        }
        cmd.output().unwrap()
    }

    /// Runs and expects success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "dplan {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Runs and expects an error of the user's, the data's or the
    /// machine's: exit 2 to 5 by its kind (1 is dplan's own fault), one
    /// line on stderr, no panic.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            matches!(out.status.code(), Some(2..=5)),
            "dplan {args:?} should fail with 2 to 5, not {:?}: {stderr}",
            out.status.code()
        );
        assert!(
            !stderr.contains("panicked"),
            "no panic for bad input: {stderr}"
        );
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        assert!(stderr.starts_with("dplan: "), "{stderr}");
        stderr
    }
}

/// Runs `body` on a SQLite file, then on a database of the test server.
fn on_both(body: impl Fn(&Env)) {
    eprintln!("--- on SQLite");
    body(&Env::new());
    eprintln!("--- on PostgreSQL");
    body(&Env::server());
}

const INCOMING: &str = "768476de-1c39-5ef3-b3f4-3cfb34a2bdf3";

#[test]
fn demo_twice_changes_nothing() {
    on_both(|env| {
        let first = env.json(&["demo", "--json"]);
        assert_eq!(first[0]["created"], true);
        let second = env.json(&["demo", "--json"]);
        for r in second.as_array().unwrap() {
            assert_eq!(r["created"], false);
            assert_eq!(r["items_added"], 0);
            assert_eq!(r["items_changed"], 0);
            assert_eq!(r["persons_updated"], 0);
        }
        assert!(env.ok(&["demo"]).contains("already loaded, unchanged"));
    });
}

#[test]
fn visits_json_has_the_documented_keys() {
    on_both(|env| {
        env.ok(&["demo"]);
        let visits = env.json(&["visits", "--json"]);
        let visits = visits.as_array().unwrap();
        assert_eq!(visits.len(), 2);
        let incoming = visits
            .iter()
            .find(|v| v["id"] == INCOMING)
            .expect("incoming demo visit");
        let mut keys: Vec<&str> = incoming
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "direction",
                "first_day",
                "id",
                "last_day",
                "status",
                "title"
            ]
        );
        assert_eq!(incoming["direction"], "incoming");
        assert_eq!(incoming["first_day"], "2027-03-24");
        assert_eq!(incoming["status"], "confirmed");
    });
}

#[test]
fn show_json_lists_participants_in_precedence_and_the_programme() {
    on_both(|env| {
        env.ok(&["demo"]);
        let shown = env.json(&["show", &INCOMING[..8], "--json"]);
        assert_eq!(shown["visit"]["id"], INCOMING);
        let participants = shown["participants"].as_array().unwrap();
        assert_eq!(participants[0]["name"], "刘强 Liu Qiang");
        assert!(participants.iter().all(|p| p["person_id"].is_string()));
        let guests: Vec<u64> = participants
            .iter()
            .filter(|p| p["side"] == "guest")
            .map(|p| p["precedence"].as_u64().unwrap())
            .collect();
        assert_eq!(guests, (1..=6).collect::<Vec<_>>());
        let programme = shown["programme"].as_array().unwrap();
        assert_eq!(programme.len(), 19);
        let flight = programme.iter().find(|i| i["kind"] == "flight").unwrap();
        for key in [
            "id",
            "title",
            "schedule",
            "zone",
            "venue",
            "attendees",
            "status",
            "start_utc",
            "end_utc",
        ] {
            assert!(flight.get(key).is_some(), "item has `{key}`");
        }
        assert_eq!(flight["zone"], "Europe/Berlin");
        assert_eq!(flight["start_utc"], "2027-03-28T10:40:00Z");
        assert_eq!(flight["end_utc"], "2027-03-29T00:30:00Z");
        assert_eq!(flight["title"]["zh"], "返程：杜塞尔多夫—成都");

        let text = env.ok(&["show", INCOMING]);
        assert!(text.contains("12:40 CEST – 08:30 CST (+1)"), "{text}");
        assert!(text.contains("09:30–10:30 CET"));
    });
}

#[test]
fn export_and_import_round_trip_equal() {
    let a = Env::new();
    a.ok(&["demo"]);
    let file = a.path("visit.json");
    a.ok(&["export-visit", INCOMING, "-o", file.to_str().unwrap()]);
    let b = Env::new();
    let report = b.json(&["import-visit", file.to_str().unwrap(), "--json"]);
    assert_eq!(report["created"], true);
    let again = b.path("again.json");
    b.ok(&["export-visit", INCOMING, "-o", again.to_str().unwrap()]);
    assert_eq!(
        without_stamp(&file),
        without_stamp(&again),
        "export → import → export is stable"
    );

    // Importing it again is a no-op; a changed item counts as changed.
    let report = b.json(&["import-visit", file.to_str().unwrap(), "--json"]);
    assert_eq!(report["items_changed"], 0);
    let mut json: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    json["programme"][5]["status"] = "cancelled".into();
    std::fs::write(&file, json.to_string()).unwrap();
    let report = b.json(&["import-visit", file.to_str().unwrap(), "--json"]);
    assert_eq!(report["items_changed"], 1);
    let shown = b.json(&["show", INCOMING, "--json"]);
    let id = json["programme"][5]["id"].clone();
    let item = shown["programme"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(item["status"], "cancelled");
    assert_eq!(item["revision"], 1);
}

fn without_stamp(path: &Path) -> Value {
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("exported_at");
    v
}

#[test]
fn personal_data_is_exported_only_on_request() {
    on_both(|env| {
        env.ok(&["demo"]);
        let plain = env.path("plain.json");
        env.ok(&["export-visit", INCOMING, "-o", plain.to_str().unwrap()]);
        assert!(
            !std::fs::read_to_string(&plain)
                .unwrap()
                .contains("Schweinefleisch")
        );
        let full = env.path("full.json");
        env.ok(&[
            "export-visit",
            INCOMING,
            "-o",
            full.to_str().unwrap(),
            "--with-personal-data",
        ]);
        assert!(
            std::fs::read_to_string(&full)
                .unwrap()
                .contains("Schweinefleisch")
        );
    });
}

#[test]
fn a_bad_file_imports_nothing_and_names_the_entry() {
    on_both(|env| {
        env.ok(&["demo"]);
        let before = env.ok(&["show", INCOMING, "--json"]);
        let file = env.path("bad.json");
        env.ok(&["export-visit", INCOMING, "-o", file.to_str().unwrap()]);
        let mut json: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        json["visit"]["title"]["de"] = "Geändert".into();
        json["programme"][4]["schedule"]["end"]["local"] = "2027-03-25T08:00".into();
        std::fs::write(&file, json.to_string()).unwrap();
        let err = env.fails(&["import-visit", file.to_str().unwrap()]);
        assert!(err.contains("programme[4] (Empfang im Ratssaal mit Eintrag in das Goldene Buch).end: must be after the start"), "{err}");
        assert_eq!(
            env.ok(&["show", INCOMING, "--json"]),
            before,
            "nothing was imported"
        );

        std::fs::write(&file, "{ not json").unwrap();
        assert!(
            env.fails(&["import-visit", file.to_str().unwrap()])
                .contains("not a visit file")
        );
        std::fs::write(&file, r#"{"format":"dplan-visit","version":99}"#).unwrap();
        assert!(
            env.fails(&["import-visit", file.to_str().unwrap()])
                .contains("update dplan")
        );
        env.fails(&["import-visit", env.path("missing.json").to_str().unwrap()]);
    });
}

#[test]
fn backup_and_restore() {
    let env = Env::new();
    env.ok(&["demo"]);
    let backup = env.path("backup.sqlite3");
    env.ok(&["backup", backup.to_str().unwrap()]);
    let other = Env::new();
    other.ok(&["restore", backup.to_str().unwrap()]);
    assert_eq!(
        other.ok(&["show", INCOMING, "--json"]),
        env.ok(&["show", INCOMING, "--json"])
    );
    let junk = env.path("junk.sqlite3");
    std::fs::write(&junk, "junk".repeat(2000)).unwrap();
    assert!(
        other
            .fails(&["restore", junk.to_str().unwrap()])
            .contains("not a Delegation Planner database")
    );
    assert_eq!(
        other.json(&["visits", "--json"]).as_array().unwrap().len(),
        2
    );
}

#[test]
fn user_errors_exit_non_zero_with_one_line() {
    let env = Env::new();
    env.ok(&["demo"]);
    assert!(
        env.fails(&["show", "ffffffff"])
            .contains("no visit `ffffffff`")
    );
    env.fails(&["show", ""]);
    env.fails(&[
        "export-visit",
        "nope",
        "-o",
        env.path("x.json").to_str().unwrap(),
    ]);
    // Writing into a folder that does not exist.
    env.fails(&[
        "export-visit",
        INCOMING,
        "-o",
        env.path("no/such/dir/x.json").to_str().unwrap(),
    ]);

    let newer = Env::new();
    newer.ok(&["visits"]);
    let conn = rusqlite_free_bump(&newer.db);
    assert!(conn.contains("update dplan"), "{conn}");
}

/// Marks the database as written by a newer dplan (by patching the header's
/// user_version field) and returns the error `dplan visits` prints.
fn rusqlite_free_bump(db: &Path) -> String {
    let mut bytes = std::fs::read(db).unwrap();
    // user_version is the big-endian u32 at offset 60 of the SQLite header.
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    std::fs::write(db, &bytes).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dplan"))
        .arg("--db")
        .arg(db)
        .arg("visits")
        .output()
        .unwrap();
    // A database this dplan cannot read: storage (exit 5).
    assert_eq!(out.status.code(), Some(5));
    assert_eq!(
        std::fs::read(db).unwrap(),
        bytes,
        "a newer database stays untouched"
    );
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn dplan_db_environment_variable_selects_the_database() {
    let env = Env::new();
    let out = Command::new(env!("CARGO_BIN_EXE_dplan"))
        .args(["demo"])
        .env("DPLAN_DB", &env.db)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(env.json(&["visits", "--json"]).as_array().unwrap().len(), 2);
}

#[test]
fn personal_data_is_purged_only_after_the_visit_is_over() {
    on_both(|env| {
        env.ok(&["demo"]);
        let err = env.fails(&["purge-personal-data", INCOMING]);
        assert!(err.contains("only after a visit is over"), "{err}");

        // Mark the visit completed through a visit file, as a script would.
        let file = env.path("visit.json");
        env.ok(&["export-visit", INCOMING, "-o", file.to_str().unwrap()]);
        let mut visit: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        visit["visit"]["status"] = "completed".into();
        std::fs::write(&file, visit.to_string()).unwrap();
        env.ok(&["import-visit", file.to_str().unwrap()]);

        let with_data = |env: &Env| {
            let full = env.path("full.json");
            env.ok(&[
                "export-visit",
                INCOMING,
                "-o",
                full.to_str().unwrap(),
                "--with-personal-data",
            ]);
            let file: Value =
                serde_json::from_str(&std::fs::read_to_string(&full).unwrap()).unwrap();
            file["persons"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| {
                    p["personal"]
                        .as_object()
                        .is_some_and(|d| d.values().any(|v| !v.is_null()))
                })
                .count() as u64
        };
        let before = with_data(env);
        let record = env.json(&["purge-personal-data", INCOMING, "--json"]);
        let (purged, kept) = (
            record["purged"].as_u64().unwrap(),
            record["kept"].as_u64().unwrap(),
        );
        assert!(purged > 0, "{record}");
        assert_eq!(purged + kept, before, "{record}");
        assert_eq!(
            with_data(env),
            kept,
            "only people in a visit that is not over keep their data"
        );
    });
}

/// A list as a partner city sends it: German Excel's semicolon CSV, with
/// one person the demo already knows (same name and organisation).
const LIST: &str = "\u{feff}Nachname;Vorname;中文姓名;Organisation;Funktion;Rolle\r\n\
Chen;Jing;陈静;Handelskammer Luzhou;Referentin;Mitglied\r\n\
Liu;Qiang;刘强;Stadtregierung Luzhou;Vizebürgermeister;Delegationsleitung\r\n\
Schäfer;Lena;;Hochschule Bochum;Dozentin;Mitglied\r\n";

#[test]
fn a_participant_list_imports_after_a_dry_run_and_matches_known_people() {
    on_both(|env| {
        env.ok(&["demo"]);
        let list = env.path("liste.csv");
        std::fs::write(&list, LIST).unwrap();
        let persons = |env: &Env| env.json(&["info", "--json"])["persons"].as_u64().unwrap();
        let before = persons(env);

        let dry = env.json(&[
            "import-participants",
            INCOMING,
            list.to_str().unwrap(),
            "--dry-run",
            "--json",
        ]);
        assert_eq!(dry["import"]["dry_run"], true);
        assert_eq!(dry["import"]["new_persons"], 2, "{dry}");
        assert_eq!(
            dry["import"]["already_in_visit"], 1,
            "刘强 is in the visit already: {dry}"
        );
        assert_eq!(persons(env), before, "a dry run stores nothing");

        let text = env.ok(&["import-participants", INCOMING, list.to_str().unwrap()]);
        assert!(text.contains("2 new to the address book"), "{text}");
        assert_eq!(persons(env), before + 2);
        let show = env.json(&["show", INCOMING, "--json"]);
        let names: Vec<&str> = show["participants"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["side"] == "guest")
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names[0], "刘强 Liu Qiang",
            "the head of delegation keeps the lead"
        );
        assert!(names.contains(&"陈静 Chen Jing"), "{names:?}");

        // Again: everyone is in the visit now, nothing changes.
        let again = env.json(&[
            "import-participants",
            INCOMING,
            list.to_str().unwrap(),
            "--json",
        ]);
        assert_eq!(again["import"]["already_in_visit"], 3, "{again}");
        assert_eq!(persons(env), before + 2);
    });
}

#[test]
fn a_list_with_a_bad_row_imports_nothing_unless_asked_for_the_valid_rows() {
    on_both(|env| {
        env.ok(&["demo"]);
        let list = env.path("liste.csv");
        std::fs::write(
            &list,
            "Nachname,Vorname,E-Mail\nWeber,Anna,anna@example.de\n,Karl,karl@example.de\n",
        )
        .unwrap();
        let out = env.run(&["import-participants", INCOMING, list.to_str().unwrap()]);
        // The list is wrong: a user error (exit 2).
        assert_eq!(out.status.code(), Some(2));
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.contains("row 3"), "the bad row is named: {stdout}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("nothing was imported"), "{stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");

        let ok = env.json(&[
            "import-participants",
            INCOMING,
            list.to_str().unwrap(),
            "--only-valid",
            "--json",
        ]);
        assert_eq!(ok["import"]["new_persons"], 1, "{ok}");
        assert_eq!(ok["skipped_rows"][0]["row"], 3, "{ok}");
    });
}

#[test]
fn a_column_detection_cannot_read_is_mapped_by_hand() {
    on_both(|env| {
        env.ok(&["demo"]);
        let list = env.path("liste.csv");
        std::fs::write(&list, "Feld 1;Feld 2\nKrüger;Tim\n").unwrap();
        let err = env.fails(&["import-participants", INCOMING, list.to_str().unwrap()]);
        assert!(err.contains("liste.csv"), "{err}");
        let out = env.json(&[
            "import-participants",
            INCOMING,
            list.to_str().unwrap(),
            "--map",
            "family_name=A",
            "--map",
            "given_name=Feld 2",
            "--side",
            "host",
            "--json",
        ]);
        assert_eq!(out["import"]["rows"][0]["name"], "Tim Krüger", "{out}");
        let err = env.fails(&[
            "import-participants",
            INCOMING,
            list.to_str().unwrap(),
            "--map",
            "surname=A",
        ]);
        assert!(err.contains("not a field"), "{err}");
    });
}

#[test]
fn the_roster_exports_for_excel_in_order_of_precedence() {
    on_both(|env| {
        env.ok(&["demo"]);
        let csv = env.path("roster.csv");
        env.ok(&["export-roster", INCOMING, "-o", csv.to_str().unwrap()]);
        let bytes = std::fs::read(&csv).unwrap();
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "UTF-8 with BOM for Excel"
        );
        let table = dplan_roster::read_table(&bytes).unwrap();
        let show = env.json(&["show", INCOMING, "--json"]);
        assert_eq!(
            table.rows.len(),
            show["participants"].as_array().unwrap().len()
        );
        assert!(
            table.rows[0].cells.iter().any(|c| c.contains("刘强")),
            "the head of delegation comes first: {:?}",
            table.rows[0].cells
        );

        let xlsx = env.path("roster.xlsx");
        env.ok(&[
            "export-roster",
            INCOMING,
            "-o",
            xlsx.to_str().unwrap(),
            "--lang",
            "en",
        ]);
        let table = dplan_roster::read_table(&std::fs::read(&xlsx).unwrap()).unwrap();
        assert!(table.rows[0].cells.iter().any(|c| c.contains("刘强")));

        let err = env.fails(&[
            "export-roster",
            INCOMING,
            "-o",
            env.path("roster.pdf").to_str().unwrap(),
        ]);
        assert!(err.contains(".csv or .xlsx"), "{err}");
    });
}

#[test]
fn check_finds_a_person_booked_twice_and_the_demo_clean() {
    let env = Env::new();
    env.ok(&["demo"]);
    assert_eq!(env.ok(&["check", INCOMING]), "no conflicts\n");
    assert_eq!(
        env.json(&["check", INCOMING, "--json"]),
        Value::Array(vec![])
    );

    // A second item at the time of the town-hall reception, for its first
    // guest, goes in through a visit file.
    let file = env.path("visit.json");
    env.ok(&["export-visit", INCOMING, "-o", file.to_str().unwrap()]);
    let mut json: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let programme = json["programme"].as_array_mut().unwrap();
    let reception = programme
        .iter()
        .find(|i| i["kind"] == "reception")
        .unwrap()
        .clone();
    let mut twin = reception.clone();
    twin["id"] = "0b9a4c55-2b8f-4e8e-9d44-4c1a1f6f0001".into();
    twin["title"] = serde_json::json!({"de": "Interview", "en": null, "zh": null});
    twin["venue_id"] = Value::Null;
    twin["attendees"] = serde_json::json!([reception["attendees"][0]]);
    twin["responsible"] = serde_json::json!([]);
    programme.push(twin);
    std::fs::write(&file, json.to_string()).unwrap();
    env.ok(&["import-visit", file.to_str().unwrap()]);

    let warnings = env.json(&["check", &INCOMING[..8], "--json"]);
    let warnings = warnings.as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0]["kind"], "person_double_booked");
    assert_eq!(warnings[0]["severity"], "conflict");
    assert_eq!(warnings[0]["persons"][0], reception["attendees"][0]);
    let text = env.ok(&["check", INCOMING]);
    assert!(text.starts_with("1 conflict(s)"), "{text}");
    assert!(text.contains("„Interview“"), "{text}");

    // The same warning in German and Chinese; the code stays.
    let text = env.ok(&["check", INCOMING, "--lang", "de"]);
    assert!(text.starts_with("1 Konflikt, 0 mit vorläufigen"), "{text}");
    assert!(text.contains("person_double_booked"), "{text}");
    assert!(
        text.contains("ist 60 Minuten lang gleichzeitig in „Interview“ (25.03.2027"),
        "{text}"
    );
    assert!(text.contains(" MEZ)"), "{text}");
    let text = env.ok(&["check", INCOMING, "--lang", "zh"]);
    assert!(text.starts_with("1个冲突"), "{text}");
    assert!(text.contains("同时安排在"), "{text}");
    assert!(text.contains("欧洲中部时间"), "{text}");
    let de = env.json(&["check", INCOMING, "--lang", "de", "--json"]);
    assert_eq!(de[0]["kind"], "person_double_booked");
    assert!(de[0]["message"].as_str().unwrap().contains("gleichzeitig"));

    // Without --lang the environment's locale decides.
    let out = Command::new(env!("CARGO_BIN_EXE_dplan"))
        .args(["--db", env.db.to_str().unwrap(), "check", INCOMING])
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "de_DE.UTF-8")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("1 Konflikt"), "{text}");

    // An unknown language is a usage error.
    assert_eq!(
        env.run(&["check", INCOMING, "--lang", "fr"]).status.code(),
        Some(2)
    );
}

#[test]
fn show_participant_lists_only_their_items() {
    on_both(|env| {
        env.ok(&["demo"]);
        let all = env.json(&["show", INCOMING, "--json"]);
        let head = all["participants"][0]["person_id"].as_str().unwrap();
        let own = env.json(&["show", INCOMING, "--participant", &head[..8], "--json"]);
        assert_eq!(own["person"]["name"], "刘强 Liu Qiang");
        assert_eq!(own["participant"]["arrival"]["transport"], "LH 2011");
        let items = own["programme"].as_array().unwrap();
        assert!(!items.is_empty() && items.len() < 19);
        for e in items {
            let attendees = e["item"]["attendees"].as_array().unwrap();
            let responsible = e["item"]["responsible"].as_array().unwrap();
            assert!(
                attendees
                    .iter()
                    .chain(responsible)
                    .any(|r| r["person_id"] == head),
                "{e}"
            );
        }
        assert!(
            items.iter().any(|e| e["item"]["kind"] == "flight"),
            "the flight home is theirs"
        );
        let text = env.ok(&["show", INCOMING, "--participant", head]);
        assert!(text.starts_with("刘强 Liu Qiang — "), "{text}");
        assert!(
            text.contains("arrival: 2027-03-24 14:35 CET, Flughafen Düsseldorf (DUS) (LH 2011)")
        );

        // Someone from the other visit is not in this one.
        let outgoing = env.json(&["visits", "--json"]);
        let other = outgoing
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["id"] != INCOMING)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        let theirs = env.json(&["show", &other, "--json"]);
        let stranger = theirs["participants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["person_id"].as_str().unwrap())
            .find(|id| {
                !all["participants"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p["person_id"] == *id)
            })
            .unwrap()
            .to_string();
        let err = env.fails(&["show", INCOMING, "--participant", &stranger]);
        assert!(err.contains("takes no part in this visit"), "{err}");
    });
}

#[test]
fn check_settings_keep_travel_times_between_venues() {
    on_both(|env| {
        env.ok(&["demo"]);
        let venues = env.json(&["venues", "--json"]);
        let id = |name: &str| {
            venues
                .as_array()
                .unwrap()
                .iter()
                .find(|v| v["name"]["de"].as_str().unwrap().starts_with(name))
                .unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        };
        let (town_hall, port) = (id("Schloss Strünkede"), id("duisport"));
        let shown = env.json(&[
            "check-settings",
            "--default-travel-minutes",
            "20",
            "--venues-across-visits",
            "true",
            "--travel",
            &format!("{}:{}=45", &town_hall[..8], &port[..8]),
            "--json",
        ]);
        assert_eq!(shown["default_travel_minutes"], 20);
        assert_eq!(shown["venues_across_visits"], true);
        assert_eq!(shown["travel"].as_array().unwrap().len(), 1);
        assert_eq!(shown["travel"][0]["minutes"], 45);
        let text = env.ok(&["check-settings"]);
        assert!(
            text.contains("duisport – Duisburger Hafen ↔ Schloss Strünkede"),
            "{text}"
        );
        assert!(text.contains("45 min"), "{text}");

        // Reversed, the same pair is replaced, not added; then forgotten.
        let shown = env.json(&[
            "check-settings",
            "--travel",
            &format!("{port}:{town_hall}=50"),
            "--json",
        ]);
        assert_eq!(shown["travel"].as_array().unwrap().len(), 1);
        assert_eq!(shown["travel"][0]["minutes"], 50);
        let shown = env.json(&[
            "check-settings",
            "--remove-travel",
            &format!("{town_hall}:{port}"),
            "--json",
        ]);
        assert_eq!(shown["travel"], Value::Array(vec![]));

        let err = env.fails(&["check-settings", "--travel", &format!("{port}:{port}=5")]);
        assert!(err.contains("another venue"), "{err}");
        let err = env.fails(&["check-settings", "--travel", &format!("{port}:ffffffff=5")]);
        assert!(err.contains("ffffffff"), "{err}");
        let err = env.fails(&["check-settings", "--default-travel-minutes", "9999"]);
        assert!(err.contains("at most 1440"), "{err}");
        assert_eq!(
            env.json(&["check-settings", "--json"])["default_travel_minutes"],
            20
        );
    });
}

#[test]
fn publish_writes_subscription_feeds_and_revokes_one() {
    let env = Env::new();
    env.ok(&["demo"]);
    let dir = env.path("feeds");
    std::fs::create_dir(&dir).unwrap();
    let dir_arg = dir.to_str().unwrap();
    let feeds = env.json(&[
        "publish",
        INCOMING,
        "--folder",
        dir_arg,
        "--base-url",
        "https://www.herne.de/kalender/",
        "--json",
    ]);
    let feeds = feeds.as_array().unwrap();
    assert!(feeds.len() > 5);
    let programm = feeds.iter().find(|f| f["calendar"] == "programm").unwrap();
    let file = programm["file"].as_str().unwrap();
    assert_eq!(
        programm["url"].as_str().unwrap(),
        format!("https://www.herne.de/kalender/{file}")
    );
    assert!(dir.join(file).exists());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), feeds.len());

    let out = env.run(&[
        "publish", INCOMING, "--folder", dir_arg, "--revoke", "programm",
    ]);
    assert!(out.status.success());
    assert!(!dir.join(file).exists());
    let text = env.ok(&["publish", INCOMING, "--folder", dir_arg]);
    assert!(text.contains("– Programm\n"), "{text}");
    assert!(!text.contains(file));

    // One of the two ways is needed, and a login belongs to CalDAV only.
    let out = env.run(&["publish", INCOMING]);
    assert!(!out.status.success());
    let out = env.run(&["publish", INCOMING, "--folder", dir_arg, "--user", "x"]);
    assert!(!out.status.success());
    let err = env.fails(&[
        "publish",
        INCOMING,
        "--caldav",
        "https://publisher:geheim@kalender.herne.de/",
    ]);
    assert!(err.contains("must not contain a user name"), "{err}");
    assert!(!err.contains("geheim"), "{err}");

    // Naming people in guests' calendars is remembered for the visit.
    let programm_text = |env: &Env| {
        let feeds = env.json(&["publish", INCOMING, "--folder", dir_arg, "--json"]);
        let f = feeds
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["calendar"] == "programm")
            .unwrap()
            .clone();
        std::fs::read_to_string(dir.join(f["file"].as_str().unwrap())).unwrap()
    };
    assert!(!programm_text(&env).contains("Teilnehmende"));
    env.ok(&["publish", INCOMING, "--folder", dir_arg, "--names"]);
    assert!(programm_text(&env).contains("Teilnehmende"), "remembered");
    env.ok(&["publish", INCOMING, "--folder", dir_arg, "--names", "no"]);
    assert!(!programm_text(&env).contains("Teilnehmende"));

    // A published visit is withdrawn before it can be deleted.
    let visit: dplan_core::VisitId = INCOMING.parse().unwrap();
    let err = dplan_api::Store::open(&env.db)
        .unwrap()
        .delete_visit(visit)
        .unwrap_err();
    assert!(err.to_string().contains("withdraw"), "{err}");
    env.ok(&["publish", INCOMING, "--folder", dir_arg, "--withdraw"]);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    dplan_api::Store::open(&env.db)
        .unwrap()
        .delete_visit(visit)
        .unwrap();
}

#[test]
fn info_names_the_time_zone_database_it_carries() {
    on_both(|env| {
        let info = env.json(&["info", "--json"]);
        let tzdata = info["tzdata"].as_str().unwrap();
        assert_eq!(tzdata, dplan_core::TZDB_VERSION);
        // "2026f": a year and a letter, as IANA numbers its releases.
        assert!(
            tzdata.len() == 5 && tzdata[..4].parse::<u32>().unwrap() >= 2026,
            "{tzdata}"
        );
        assert!(env.ok(&["info"]).contains(&format!("IANA tzdata {tzdata}")));
    });
}

#[test]
fn a_second_calendar_file_takes_back_a_deleted_item_as_cancelled() {
    on_both(|env| {
        env.ok(&["demo"]);
        let first = env.path("first.ics");
        let internal = ["--edition", "internal"];
        let out = env.run(
            &[
                &["export-ics", INCOMING, "-o", first.to_str().unwrap()][..],
                &internal,
            ]
            .concat(),
        );
        assert!(out.status.success());
        let said = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(said.contains("(19 events)"), "{said}");
        // The visit comes back from its file without its first item.
        let file = env.path("visit.json");
        env.ok(&["export-visit", INCOMING, "-o", file.to_str().unwrap()]);
        let mut json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let removed = json["programme"].as_array_mut().unwrap().remove(0);
        let uid = removed["id"].as_str().unwrap().to_string();
        std::fs::write(&file, json.to_string()).unwrap();
        env.ok(&["import-visit", file.to_str().unwrap()]);

        let second = env.path("second.ics");
        let out = env.run(
            &[
                &["export-ics", INCOMING, "-o", second.to_str().unwrap()][..],
                &internal,
            ]
            .concat(),
        );
        let said = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(
            said.contains("(19 events, 1 of them taking back removed items as cancelled)"),
            "{said}"
        );
        let text = std::fs::read_to_string(&second).unwrap();
        let unfolded = text.replace("\r\n ", "");
        let at = unfolded
            .find(&format!("UID:{uid}\r\n"))
            .expect("still there");
        let event = &unfolded[at..at + unfolded[at..].find("END:VEVENT").unwrap()];
        assert!(event.contains("STATUS:CANCELLED\r\n"), "{event}");
        assert!(event.contains("SUMMARY:Abgesagt: "), "{event}");
        assert!(event.contains("SEQUENCE:1\r\n"), "{event}");
        // Only the removed item changed.
        let first = std::fs::read_to_string(&first).unwrap();
        assert_eq!(
            first.matches("SEQUENCE:").count(),
            text.matches("SEQUENCE:").count()
        );
        let out = env.run(&[
            "export-ics",
            INCOMING,
            "-o",
            second.to_str().unwrap(),
            "--reminder",
            "20161",
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(err.contains("20161 is not in 0..=20160"), "{err}");
    });
}

#[test]
fn export_ics_writes_the_visit_a_participant_and_staff_duties() {
    on_both(|env| {
        env.ok(&["demo"]);
        let shown = env.json(&["show", INCOMING, "--json"]);
        let head = shown["participants"][0]["person_id"].as_str().unwrap();
        let all = env.path("visit.ics");
        env.ok(&[
            "export-ics",
            INCOMING,
            "-o",
            all.to_str().unwrap(),
            "--lang",
            "de,zh",
            "--reminder",
            "15",
            "--edition",
            "internal",
        ]);
        let text = std::fs::read_to_string(&all).unwrap();
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert_eq!(text.matches("\r\nBEGIN:VEVENT\r\n").count(), 19);
        assert!(text.contains("TRIGGER:-PT15M\r\n"));
        assert!(text.contains("X-WR-CALNAME:Besuch der Delegation aus Luzhou in Herne / "));

        let own = env.path("liu.ics");
        env.ok(&[
            "export-ics",
            INCOMING,
            "--participant",
            &head[..8],
            "-o",
            own.to_str().unwrap(),
        ]);
        let text = std::fs::read_to_string(&own).unwrap();
        let n = text.matches("\r\nBEGIN:VEVENT\r\n").count();
        assert!(n > 0 && n < 19, "{n}");
        assert!(text.contains("– 刘强 Liu Qiang"));

        // A language clap does not know is a usage error that lists the others.
        let out = env.run(&[
            "export-ics",
            INCOMING,
            "--lang",
            "fr",
            "-o",
            own.to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2));
        assert!(err.contains("'fr'") && err.contains("de, en, zh"), "{err}");
        let err = env.fails(&[
            "export-ics",
            INCOMING,
            "--lang",
            "de,zh,de",
            "-o",
            own.to_str().unwrap(),
        ]);
        assert!(err.contains("`de` is named twice"), "{err}");
        let err = env.fails(&[
            "export-ics",
            INCOMING,
            "--staff",
            &head[..8],
            "-o",
            own.to_str().unwrap(),
        ]);
        assert_eq!(
            err,
            "dplan: nothing to export: 刘强 Liu Qiang is responsible for no item of this visit\n"
        );
    });
}

#[test]
fn export_itinerary_writes_a_pdf_and_html_reproducibly() {
    on_both(|env| {
        env.ok(&["demo"]);
        let a = env.path("a.pdf");
        let b = env.path("b.pdf");
        for out in [&a, &b] {
            env.ok(&[
                "export-itinerary",
                INCOMING,
                "-o",
                out.to_str().unwrap(),
                "--stamp",
                "2027-03-01T08:30:00Z",
            ]);
        }
        let pdf = std::fs::read(&a).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(pdf, std::fs::read(&b).unwrap(), "same input, same PDF");

        let html = env.path("liu.html");
        let shown = env.json(&["show", INCOMING, "--json"]);
        let head = shown["participants"][0]["person_id"].as_str().unwrap();
        env.ok(&[
            "export-itinerary",
            INCOMING,
            "--participant",
            &head[..8],
            "--lang",
            "de,en",
            "--layout",
            "stacked",
            "-o",
            html.to_str().unwrap(),
        ]);
        let page = std::fs::read_to_string(&html).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"));
        // The characters and the Latin name are bound by a no-break space.
        assert!(page.contains("刘强\u{a0}Liu Qiang"));
        assert!(page.contains("Persönliches Programm"));

        // The demo is translated throughout: a Chinese copy reports nothing.
        let zh = env.path("zh.html");
        let out = env.run(&[
            "export-itinerary",
            INCOMING,
            "--lang",
            "zh",
            "-o",
            zh.to_str().unwrap(),
        ]);
        assert!(out.status.success());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!stderr.contains("no translation"), "{stderr}");
        // A note for the guests written in German only is named when a Chinese
        // copy is made, and printed in German.
        let file = env.path("visit.json");
        env.ok(&["export-visit", INCOMING, "-o", file.to_str().unwrap()]);
        let mut json: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let first = &mut json["programme"][0];
        let title = first["title"]["zh"].as_str().unwrap().to_string();
        first["guest_notes"] = serde_json::json!({"de": "Bitte Reisepass mitbringen."});
        std::fs::write(&file, json.to_string()).unwrap();
        env.ok(&["import-visit", file.to_str().unwrap()]);
        let out = env.run(&[
            "export-itinerary",
            INCOMING,
            "--lang",
            "zh",
            "-o",
            zh.to_str().unwrap(),
        ]);
        assert!(out.status.success());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains("1 text has no translation and is printed in another language:"),
            "{stderr}"
        );
        assert!(
            stderr.contains(&format!("„{title}“ – Notes for guests – Chinese")),
            "{stderr}"
        );
        assert!(
            std::fs::read_to_string(&zh)
                .unwrap()
                .contains("Bitte Reisepass mitbringen.")
        );

        let err = env.fails(&[
            "export-itinerary",
            INCOMING,
            "--lang",
            "de,en,zh",
            "-o",
            html.to_str().unwrap(),
        ]);
        assert!(err.contains("one or two languages"), "{err}");
        let err = env.fails(&[
            "export-itinerary",
            INCOMING,
            "-o",
            env.path("x.docx").to_str().unwrap(),
        ]);
        assert!(err.contains(".pdf or .html"), "{err}");
    });
}

#[test]
fn exports_default_to_the_guest_edition_for_guests_and_the_internal_one_for_hosts() {
    on_both(|env| {
        env.ok(&["demo"]);
        let shown = env.json(&["show", INCOMING, "--json"]);
        let people = shown["participants"].as_array().unwrap();
        let id = |side: &str| {
            people.iter().find(|p| p["side"] == side).unwrap()["person_id"]
                .as_str()
                .unwrap()
                .to_string()
        };
        let (guest, host) = (id("guest"), id("host"));
        let page = |extra: &[&str]| {
            let out = env.path("page.html");
            let mut args = vec!["export-itinerary", INCOMING, "-o", out.to_str().unwrap()];
            args.extend_from_slice(extra);
            env.ok(&args);
            std::fs::read_to_string(&out).unwrap()
        };
        // An internal note of the demo (the visit's own) and its mark.
        let note = "Goldenes Buch bereitlegen";
        let mark = "Interne Fassung – nicht für Gäste";
        let whole = page(&[]);
        assert!(!whole.contains(note) && !whole.contains(mark));
        assert!(!whole.contains("class=\"internal\""));
        // A delegate's dietary need (personal data) is in the staff's copy at
        // the meals, never in a guest's.
        let diet = "vegetarisch";
        assert!(!whole.contains(diet));
        let whole = page(&["--edition", "internal"]);
        assert!(whole.contains(note) && whole.contains(mark));
        assert!(whole.contains("Ernährung und Barrierefreiheit") && whole.contains(diet));
        let mine = page(&["--participant", &guest]);
        assert!(!mine.contains("class=\"internal\"") && !mine.contains(mark));
        let theirs = page(&["--participant", &host]);
        assert!(theirs.contains(mark), "a host's copy is internal");

        let calendar = |extra: &[&str]| {
            let out = env.path("cal.ics");
            let mut args = vec!["export-ics", INCOMING, "-o", out.to_str().unwrap()];
            args.extend_from_slice(extra);
            env.ok(&args);
            std::fs::read_to_string(&out).unwrap()
        };
        let events = |text: &str| text.matches("\r\nBEGIN:VEVENT\r\n").count();
        let guests = calendar(&[]);
        assert!(!guests.contains("STATUS:CANCELLED") && !guests.contains("Verantwortlich"));
        assert_eq!(events(&guests), events(&calendar(&["--edition", "guest"])));
        let everything = calendar(&["--edition", "internal"]);
        assert!(events(&everything) > events(&guests));
        assert!(everything.contains("STATUS:CANCELLED"));
        assert!(events(&calendar(&["--tentative"])) > events(&guests));
        // A word clap does not know is a usage error (exit 2) that names it.
        let out = env.run(&["export-ics", INCOMING, "-o", "x.ics", "--edition", "gast"]);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("'gast'") && err.contains("guest, internal"),
            "{err}"
        );
    });
}

// Regression tests for issue 12: nothing a file can hold crashes dplan.

#[test]
fn a_visit_file_with_a_first_day_far_outside_any_real_range_is_refused_with_the_field_named() {
    on_both(|env| {
        env.ok(&["demo"]);
        let before = env.ok(&["show", INCOMING, "--json"]);
        let file = env.path("extreme.json");
        env.ok(&["export-visit", INCOMING, "-o", file.to_str().unwrap()]);
        let original: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let first = |list: &str, key: &str, wanted: &str| {
            original[list]
                .as_array()
                .unwrap()
                .iter()
                .position(|e| {
                    e.pointer(key)
                        .is_some_and(|v| v == wanted || wanted.is_empty() && v.is_object())
                })
                .unwrap()
        };
        let timed = first("programme", "/schedule/type", "timed");
        let arriving = first("participants", "/arrival", "");
        let (item_at, item_field) = (
            format!("/programme/{timed}/schedule/start/local"),
            format!("programme[{timed}]"),
        );
        let (arrival_at, arrival_field) = (
            format!("/participants/{arriving}/arrival/at/local"),
            format!("participants[{arriving}]"),
        );
        for (pointer, value, field) in [
            ("/visit/first_day", "-262143-01-01", "visit.first_day"),
            ("/visit/first_day", "1899-12-31", "visit.first_day"),
            ("/visit/last_day", "+262142-12-31", "visit.last_day"),
            (item_at.as_str(), "+262142-12-31T10:00", item_field.as_str()),
            (
                arrival_at.as_str(),
                "-262143-01-01T10:00",
                arrival_field.as_str(),
            ),
        ] {
            let mut json = original.clone();
            *json
                .pointer_mut(pointer)
                .unwrap_or_else(|| panic!("{pointer}")) = value.into();
            std::fs::write(&file, json.to_string()).unwrap();
            let err = env.fails(&["import-visit", file.to_str().unwrap()]);
            assert!(err.contains(field), "{pointer}: {err}");
            assert!(
                err.contains("outside the dates dplan plans with (1900-01-01 to 2200-12-31)"),
                "{pointer}: {err}"
            );
        }
        // An all-day item longer than a visit may be.
        let mut json = original.clone();
        json["programme"][0]["schedule"] = serde_json::json!({
            "type": "all_day", "first_day": "2027-01-01", "last_day": "2027-12-31"
        });
        std::fs::write(&file, json.to_string()).unwrap();
        let err = env.fails(&["import-visit", file.to_str().unwrap()]);
        assert!(
            err.contains("an all-day item may last at most 90 days"),
            "{err}"
        );
        assert_eq!(
            env.ok(&["show", INCOMING, "--json"]),
            before,
            "nothing was imported"
        );
    });
}

/// A database written before dates were kept in a window: its rows are
/// changed behind the store's back, as an old dplan could have stored them.
fn store_dates_at_the_calendars_limits(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(&format!(
        "UPDATE visit SET first_day = '-262143-01-01', last_day = '-262143-01-05' WHERE id = '{INCOMING}';
         UPDATE programme_item SET start_local = '+262142-12-31T23:00', end_local = '+262142-12-31T23:30'
           WHERE visit_id = '{INCOMING}' AND all_day = 0 AND rowid % 2 = 0;
         UPDATE programme_item SET start_local = '-262143-01-01T00:00', end_local = '-262143-01-01T01:00'
           WHERE visit_id = '{INCOMING}' AND all_day = 0 AND rowid % 2 = 1;"
    ))
    .unwrap();
}

#[test]
fn dates_at_the_calendars_limits_stored_by_an_old_version_do_not_crash_check_or_export() {
    let env = Env::new();
    env.ok(&["demo"]);
    store_dates_at_the_calendars_limits(&env.db);
    for args in [
        vec!["check", INCOMING],
        vec!["check", INCOMING, "--json"],
        vec!["show", INCOMING],
        vec!["export-ics", INCOMING, "-o"],
        vec!["export-itinerary", INCOMING, "-o"],
    ] {
        let mut args: Vec<String> = args.into_iter().map(String::from).collect();
        if args.last().is_some_and(|a| a == "-o") {
            let ext = if args[0] == "export-ics" {
                "ics"
            } else {
                "html"
            };
            args.push(
                env.path(&format!("out.{ext}"))
                    .to_string_lossy()
                    .into_owned(),
            );
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = env.run(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 2..=5)) && !stderr.contains("panicked"),
            "dplan {args:?}: {:?} {stderr}",
            out.status.code()
        );
    }
    let err = env.fails(&[
        "export-ics",
        INCOMING,
        "-o",
        env.path("x.ics").to_str().unwrap(),
    ]);
    assert!(err.contains("outside the dates dplan plans with"), "{err}");
}

#[test]
fn errors_escape_control_characters_and_cut_long_values() {
    on_both(|env| {
        env.ok(&["demo"]);
        let err = env.fails(&["show", "x\u{1b}[31mrot\u{7}"]);
        assert!(err.contains("x\\u{1b}[31mrot\\u{7}"), "{err}");
        assert!(!err.contains('\u{1b}'), "{err:?}");
        let long = "y".repeat(100_000);
        let err = env.fails(&["show", &long]);
        assert!(err.len() < 400, "{} bytes: {err}", err.len());
        assert!(err.contains("more characters)"), "{err}");
    });
}

#[test]
fn thousands_of_items_at_one_time_and_place_are_checked_with_a_bounded_answer() {
    on_both(|env| {
        env.ok(&["demo"]);
        let file = env.path("crowd.json");
        env.ok(&["export-visit", INCOMING, "-o", file.to_str().unwrap()]);
        let mut json: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let template = json["programme"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| {
                i["venue_id"].is_string()
                    && i["kind"] == "meeting"
                    && i["schedule"]["type"] == "timed"
            })
            .unwrap()
            .clone();
        let programme = json["programme"].as_array_mut().unwrap();
        for n in 0..2_000 {
            let mut item = template.clone();
            item["id"] = format!("00000000-0000-4000-8000-{n:012}").into();
            programme.push(item);
        }
        std::fs::write(&file, json.to_string()).unwrap();
        env.ok(&["import-visit", file.to_str().unwrap()]);
        let warnings = env.json(&["check", INCOMING, "--json"]);
        let warnings = warnings.as_array().unwrap();
        assert!(warnings.len() < 2_000, "{} warnings", warnings.len());
        let more: u64 = warnings.iter().filter_map(|w| w["unlisted"].as_u64()).sum();
        assert!(more > 1_000_000, "the rest is counted, not dropped: {more}");
    });
}

#[test]
fn a_workbook_claiming_the_whole_sheet_is_refused_without_taking_dplan_down() {
    on_both(|env| {
        env.ok(&["demo"]);
        // The 1.6 KB file the end-to-end test drops on the app's import dialog.
        let bomb = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
            .join("../../tests/fixtures/dimension-bomb.xlsx");
        let err = env.fails(&["import-participants", INCOMING, bomb.to_str().unwrap()]);
        assert!(err.contains("dimension-bomb.xlsx"), "{err}");
    });
}

/// Reads a visit file written by a test as JSON.
fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Exports the incoming demo visit with personal data and returns the file.
fn export_incoming(env: &Env, name: &str) -> (PathBuf, Value) {
    let file = env.path(name);
    env.ok(&[
        "export-visit",
        INCOMING,
        "-o",
        file.to_str().unwrap(),
        "--with-personal-data",
    ]);
    let json = read_json(&file);
    (file, json)
}

/// Imports a copy of the incoming visit under another id and the title
/// "Besuch 2026", so that every person and venue of it is shared.
fn import_sharing_visit(env: &Env, incoming: &Value) {
    const OTHER: &str = "0b6c3d0e-8f7a-4c52-9e61-2a3b4c5d6e7f";
    let mut other = incoming.clone();
    other["visit"]["id"] = OTHER.into();
    other["visit"]["title"] = serde_json::json!({"de": "Besuch 2026", "en": null, "zh": null});
    for p in other["participants"].as_array_mut().unwrap() {
        p["visit_id"] = OTHER.into();
    }
    for (n, item) in other["programme"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        item["id"] = format!("0b6c3d0e-8f7a-4c52-9e61-{n:012x}").into();
        item["visit_id"] = OTHER.into();
    }
    let path = env.path("besuch-2026.json");
    std::fs::write(&path, other.to_string()).unwrap();
    env.ok(&["import-visit", path.to_str().unwrap()]);
}

#[test]
fn a_visit_file_naming_a_person_who_is_not_a_participant_is_refused_and_changes_nothing() {
    on_both(|env| {
        env.ok(&["demo"]);
        let (file, mut json) = export_incoming(env, "incoming.json");
        let outgoing = env
            .json(&["visits", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["id"] != INCOMING)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        let other_file = env.path("outgoing.json");
        env.ok(&[
            "export-visit",
            &outgoing,
            "-o",
            other_file.to_str().unwrap(),
        ]);
        let before = (
            env.ok(&["show", INCOMING, "--json"]),
            env.ok(&["show", &outgoing, "--json"]),
        );
        let ids: Vec<Value> = json["persons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].clone())
            .collect();
        let mut stranger = read_json(&other_file)["persons"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| !ids.contains(&p["id"]))
            .unwrap()
            .clone();
        stranger["family_name"] = "Umbenannt".into();
        stranger["personal"] = serde_json::json!({});
        let index = ids.len();
        json["persons"].as_array_mut().unwrap().push(stranger);
        std::fs::write(&file, json.to_string()).unwrap();

        let err = env.fails(&["import-visit", file.to_str().unwrap()]);
        assert!(err.contains(&format!("persons[{index}] (")), "{err}");
        assert!(err.contains("is not a participant of this visit"), "{err}");
        assert_eq!(
            (
                env.ok(&["show", INCOMING, "--json"]),
                env.ok(&["show", &outgoing, "--json"]),
            ),
            before,
            "nothing was imported"
        );
    });
}

#[test]
fn a_visit_file_with_an_empty_personal_block_keeps_stored_passport_data() {
    on_both(|env| {
        env.ok(&["demo"]);
        let (file, mut json) = export_incoming(env, "incoming.json");
        // The demo has no passport numbers; a file with personal data adds one.
        let index = 0;
        let passport = Value::from("E12345678");
        json["persons"][index]["personal"]["passport_number"] = passport.clone();
        std::fs::write(&file, json.to_string()).unwrap();
        env.ok(&["import-visit", file.to_str().unwrap()]);
        let (_, stored) = export_incoming(env, "stored.json");
        assert_eq!(
            stored["persons"][index]["personal"]["passport_number"],
            passport
        );

        json["persons"][index]["personal"] = serde_json::json!({});
        std::fs::write(&file, json.to_string()).unwrap();
        env.ok(&["import-visit", file.to_str().unwrap()]);

        let (_, after) = export_incoming(env, "after.json");
        assert_eq!(
            after["persons"][index]["personal"]["passport_number"], passport,
            "an empty personal block must not erase the passport number"
        );
    });
}

#[test]
fn a_change_to_a_person_another_visit_shares_is_reported_and_kept_with_keep_shared() {
    on_both(|env| {
        env.ok(&["demo"]);
        let (file, mut json) = export_incoming(env, "incoming.json");
        import_sharing_visit(env, &json);
        let name = json["persons"][0]["family_name"].clone();
        json["persons"][0]["family_name"] = "Umbenannt".into();
        std::fs::write(&file, json.to_string()).unwrap();
        let path = file.to_str().unwrap();

        let dry = env.ok(&["import-visit", path, "--dry-run"]);
        assert!(
            dry.contains("„Besuch 2026“") && dry.contains("): family_name changed"),
            "{dry}"
        );
        let kept = env.ok(&["import-visit", path, "--keep-shared"]);
        assert!(kept.contains("): family_name kept as stored"), "{kept}");
        let (_, after) = export_incoming(env, "kept.json");
        assert_eq!(
            after["persons"][0]["family_name"], name,
            "--keep-shared keeps the stored person"
        );

        let changed = env.ok(&["import-visit", path]);
        assert!(changed.contains("family_name changed"), "{changed}");
        let (_, after) = export_incoming(env, "changed.json");
        assert_eq!(after["persons"][0]["family_name"], "Umbenannt");
    });
}

#[test]
fn exit_codes_say_the_kind_of_error() {
    let env = Env::new();
    env.ok(&["demo"]);
    let code = |args: &[&str]| env.run(args).status.code();
    // 2: the user's input is wrong.
    assert_eq!(
        code(&["export-ics", INCOMING, "-o", "x.ics", "--reminder", "99999"]),
        Some(2)
    );
    // 3: something named does not exist.
    assert_eq!(
        code(&["show", "00000000-0000-0000-0000-000000000000"]),
        Some(3)
    );
    // 4: someone else stands in the way (another publish of the visit).
    let dir = env.path("feeds");
    std::fs::create_dir(&dir).unwrap();
    let visit: dplan_core::VisitId = INCOMING.parse().unwrap();
    let now = chrono::Utc::now();
    dplan_api::Store::open(&env.db)
        .unwrap()
        .take_publish_lease(
            visit,
            "app",
            "delegation-planner, PID 1",
            now,
            now + chrono::Duration::minutes(5),
        )
        .unwrap();
    assert_eq!(
        code(&["publish", INCOMING, "--folder", dir.to_str().unwrap()]),
        Some(4)
    );
    // 5: the database or the file system fails.
    let out = env.path("no/such/folder/x.ics");
    assert_eq!(
        code(&["export-ics", INCOMING, "-o", out.to_str().unwrap()]),
        Some(5)
    );
    // And the help says so.
    let help = env.ok(&["--help"]);
    assert!(help.contains("Exit codes"), "{help}");
}

#[test]
fn errors_that_say_themselves_follow_the_locale() {
    let env = Env::new();
    env.ok(&["demo"]);
    let stderr = |lang: &str, args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_dplan"))
            .arg("--db")
            .arg(&env.db)
            .args(args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .current_dir(env.dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8(out.stderr).unwrap()
    };
    let args = [
        "export-itinerary",
        INCOMING,
        "--lang",
        "de,en,zh",
        "-o",
        "x.pdf",
    ];
    let de = stderr("de_DE.UTF-8", &args);
    assert!(de.contains("eine oder zwei Sprachen"), "{de}");
    let zh = stderr("zh_CN.UTF-8", &args);
    assert!(zh.contains("一种或两种语言"), "{zh}");
    let en = stderr("C.UTF-8", &args);
    assert!(en.contains("one or two languages"), "{en}");
}

#[test]
fn a_team_database_is_named_without_its_password_and_asks_for_one_it_lacks() {
    let mut env = Env::server();
    env.ok(&["demo"]);
    let info = env.json(&["info", "--json"]);
    assert_eq!(info["database"], env.setting.as_str());
    assert_eq!(info["visits"], 2);
    let password = env.password.take().unwrap();
    assert!(!info.to_string().contains(&password));

    // Without a password (none given, none in PGPASSWORD or a password
    // file), the server's question comes back as the user's to answer.
    let err = env.fails(&["visits"]);
    assert!(err.contains("needs a password"), "{err}");
    assert!(err.contains(&env.setting), "{err}");
    assert_eq!(env.run(&["visits"]).status.code(), Some(2));
    env.password = Some("falsch".into());
    let err = env.fails(&["visits"]);
    assert!(err.contains("refused the login"), "{err}");
    assert!(!err.contains("falsch"), "{err}");
}

#[test]
fn a_team_database_is_backed_up_by_its_administrator() {
    let env = Env::server();
    env.ok(&["demo"]);
    let file = env.path("b.sqlite3");
    let err = env.fails(&["backup", file.to_str().unwrap()]);
    assert!(err.contains("administrator"), "{err}");
    assert_eq!(
        env.run(&["backup", file.to_str().unwrap()]).status.code(),
        Some(2)
    );
    assert!(!file.exists());
}

#[test]
fn an_address_that_is_no_database_says_why() {
    let mut env = Env::new();
    env.setting = "postgres://db.herne.de:notaport/dplan".into();
    let err = env.fails(&["visits"]);
    assert!(err.contains("db.herne.de"), "{err}");
    assert!(err.contains("port"), "{err}");
    assert_eq!(env.run(&["visits"]).status.code(), Some(2));
}

#[test]
fn copy_moves_a_whole_database_onto_a_server_and_back_into_a_new_file() {
    let file = Env::new();
    file.ok(&["demo"]);
    file.ok(&["check-settings", "--default-travel-minutes", "35"]);
    let visits = file.json(&["visits", "--json"]);
    let shown = file.ok(&["show", INCOMING, "--json"]);

    let team = Env::server();
    let out = team.json(&[
        "copy",
        "--from",
        &file.setting,
        "--to",
        &team.setting,
        "--json",
    ]);
    assert_eq!(out["visits"], 2);
    assert_eq!(out["to"], team.setting.as_str());
    assert_eq!(team.json(&["visits", "--json"]), visits);
    assert_eq!(team.ok(&["show", INCOMING, "--json"]), shown);

    // A second copy would merge: refused, exit 4, the server unchanged.
    let err = team.fails(&["copy", "--from", &file.setting, "--to", &team.setting]);
    assert!(err.contains("holds data already"), "{err}");
    assert_eq!(
        team.run(&["copy", "--from", &file.setting, "--to", &team.setting])
            .status
            .code(),
        Some(4)
    );

    // Back into a new file, for the archive: the same visits.
    let archive = team.path("archiv.sqlite3");
    let line = team.ok(&["copy", "--to", archive.to_str().unwrap()]);
    assert!(line.starts_with("copied 2 visits"), "{line}");
    let mut back = Env::new();
    back.setting = archive.display().to_string();
    assert_eq!(back.json(&["visits", "--json"]), visits);
    assert_eq!(back.ok(&["show", INCOMING, "--json"]), shown);
    let err = team.fails(&["copy", "--to", archive.to_str().unwrap()]);
    assert!(err.contains("holds data already"), "{err}");
}
