//! Publishing to a real CalDAV server: Debian's Radicale, started on
//! 127.0.0.1 by `.ci/with-servers` (which `.ci/test` runs the tests under).
//! What the server holds is read back with an independent client (Debian's
//! python3-caldav) and with plain HTTP. Without the server this test fails:
//! it never skips.

use std::collections::HashMap;
use std::process::Command;

use chrono::{DateTime, Duration, TimeZone, Utc};
use dplan_core::view::VisitView;
use dplan_core::{Edition, ItemStatus, Lang, Schedule, demo};
use dplan_publish::{
    CaldavReport, CaldavTarget, ConflictKind, PublishOptions, audiences, publish_caldav,
};
use dplan_store::Store;
use serde_json::Value;

struct Server {
    url: String,
    user: String,
    password: String,
}

fn server() -> Server {
    let var = |k: &str| {
        std::env::var(k).unwrap_or_else(|_| {
            panic!(
                "{k} is not set: these tests need the Radicale server that .ci/with-servers starts \
                 (bash .ci/with-servers cargo test …)"
            )
        })
    };
    Server {
        url: var("DPLAN_TEST_CALDAV_URL"),
        user: var("DPLAN_TEST_CALDAV_USER"),
        password: var("DPLAN_TEST_CALDAV_PASSWORD"),
    }
}

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, day, 8, 0, 0).unwrap()
}

fn publish(store: &mut Store, target: &CaldavTarget, now: DateTime<Utc>) -> CaldavReport {
    let options = PublishOptions {
        now,
        langs: vec![Lang::De, Lang::Zh],
        names: false,
    };
    publish_caldav(store, demo::incoming_id(), target, &options).expect("publishes")
}

/// Each collection's events as python3-caldav reads them.
fn read_back(urls: &[String], login: bool) -> HashMap<String, Vec<Value>> {
    let s = server();
    let mut cmd = Command::new("/usr/bin/python3");
    cmd.arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/read_caldav.py"))
        .args(urls);
    if !login {
        cmd.env_remove("DPLAN_TEST_CALDAV_USER")
            .env_remove("DPLAN_TEST_CALDAV_PASSWORD");
    } else {
        cmd.env("DPLAN_TEST_CALDAV_USER", &s.user)
            .env("DPLAN_TEST_CALDAV_PASSWORD", &s.password);
    }
    let out = cmd.output().expect("python3 runs");
    assert!(
        out.status.success(),
        "read_caldav.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all: HashMap<String, Value> = serde_json::from_slice(&out.stdout).unwrap();
    all.into_iter()
        .map(|(k, v)| (k, v.as_array().unwrap().clone()))
        .collect()
}

/// An HTTP status for a plain request, with or without the login.
fn status(method: &str, url: &str, login: bool, body: Option<&str>) -> u16 {
    let s = server();
    let mut cmd = Command::new("curl");
    cmd.args(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", method]);
    if login {
        cmd.args(["-u", &format!("{}:{}", s.user, s.password)]);
    }
    if let Some(b) = body {
        cmd.args(["-H", "Content-Type: text/calendar", "--data-binary", b]);
    }
    let out = cmd.arg(url).output().expect("curl runs");
    String::from_utf8_lossy(&out.stdout).parse().unwrap()
}

/// The events a collection must hold: the audience's items as the view has
/// them, start and end in UTC.
fn expected(view: &VisitView, audience: &dplan_publish::Audience) -> Vec<(String, String, String)> {
    let shown = view.for_edition(audience.edition, false);
    let mut out: Vec<(String, String, String)> = shown
        .programme
        .iter()
        .filter(|i| match audience.scope {
            dplan_ics::Scope::Visit => true,
            dplan_ics::Scope::Participant(p) => i.involvement(p).0,
            dplan_ics::Scope::Staff(p) => i.involvement(p).1,
        })
        .map(|i| {
            let (s, e) = match &i.schedule {
                Schedule::Timed { .. } => (
                    i.start_utc
                        .unwrap()
                        .format("%Y-%m-%dT%H:%M:%SZ")
                        .to_string(),
                    i.end_utc.unwrap().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                ),
                Schedule::AllDay {
                    first_day,
                    last_day,
                } => (
                    first_day.to_string(),
                    last_day.succ_opt().unwrap().to_string(),
                ),
            };
            (i.id.to_string(), s, e)
        })
        .collect();
    out.sort();
    out
}

fn as_read(events: &[Value]) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = events
        .iter()
        .map(|e| {
            (
                e["uid"].as_str().unwrap().to_string(),
                e["start"].as_str().unwrap().to_string(),
                e["end"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_visit_published_to_radicale_follows_the_plan() {
    let s = server();
    let target = CaldavTarget::new(&s.url, Some(s.user.clone()), Some(s.password.clone())).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    store.load_demo().unwrap();
    let id = demo::incoming_id();
    let view = |st: &Store| VisitView::new(&st.export_visit(id, demo::stamp(), false).unwrap());

    // First publish: every calendar made and filled.
    let first = publish(&mut store, &target, at(1));
    let v = view(&store);
    let all = audiences(&v);
    assert_eq!(first.collections.len(), all.len());
    assert!(
        all.len() > 10,
        "the whole programme, participants and staff"
    );
    for (n, (_, c)) in first.collections.iter().enumerate() {
        assert!(c.created, "{}", c.url);
        assert!(c.conflicts.is_empty());
        // A PROPFIND (not there: 404), one MKCALENDAR, one PUT per event;
        // the first may also make the collection above (its MKCALENDAR is
        // refused with 409, then MKCOL and MKCALENDAR again), unless a test
        // running alongside made it first.
        match n {
            0 => assert!([2, 4].contains(&(c.requests - c.added)), "{c:?}"),
            _ => assert_eq!(c.requests, 2 + c.added, "{}", c.url),
        }
    }

    // Read back by another client: every item there, at the store's instants.
    let urls: Vec<String> = all.iter().map(|a| target.collection(id, a)).collect();
    let read = read_back(&urls, true);
    for (a, url) in all.iter().zip(&urls) {
        assert_eq!(as_read(&read[url]), expected(&v, a), "{}", a.name);
    }
    // A guest's calendar shows no cancelled item; the internal one does.
    let programm = &urls[0];
    assert!(read[programm].iter().all(|e| e["status"] != "CANCELLED"));

    // Twice without a change: not one request.
    let again = publish(&mut store, &target, at(2));
    assert_eq!(again.requests(), 0);

    // Move one item, delete one, cancel one: exactly those three requests
    // reach the whole programme (a PUT and two DELETEs: a guest's calendar
    // holds no cancelled item).
    let shown = v.for_edition(Edition::Guest, false);
    let confirmed: Vec<_> = shown
        .programme
        .iter()
        .filter(|i| {
            i.status == ItemStatus::Confirmed && matches!(i.schedule, Schedule::Timed { .. })
        })
        .map(|i| i.id)
        .collect();
    let (moved, deleted, cancelled) = (confirmed[1], confirmed[2], confirmed[3]);
    let mut item = store.get_item(moved).unwrap();
    if let Schedule::Timed { start, end } = &mut item.schedule {
        start.local += Duration::minutes(30);
        end.local += Duration::minutes(30);
    }
    store.update_item(&item).unwrap();
    store.delete_item(deleted).unwrap();
    let mut item = store.get_item(cancelled).unwrap();
    item.status = ItemStatus::Cancelled;
    store.update_item(&item).unwrap();
    let third = publish(&mut store, &target, at(3));
    let (_, whole) = &third.collections[0];
    assert_eq!(whole.url, *programm);
    assert_eq!(
        (whole.requests, whole.changed, whole.removed, whole.added),
        (3, 1, 2, 0),
        "{whole:?}"
    );
    let v = view(&store);
    let read = read_back(std::slice::from_ref(programm), true);
    assert_eq!(as_read(&read[programm]), expected(&v, &all[0]));
    let moved_event = read[programm]
        .iter()
        .find(|e| e["uid"] == moved.to_string())
        .unwrap();
    assert_eq!(moved_event["sequence"], 1, "a moved item's SEQUENCE rises");
    for gone in [deleted, cancelled] {
        assert!(read[programm].iter().all(|e| e["uid"] != gone.to_string()));
    }

    // Someone edits an entry on the server; dplan then changes it too: the
    // server's version is reported and kept.
    let theirs = confirmed[4];
    let href = format!("{programm}{theirs}.ics");
    let mut body = String::from_utf8(
        Command::new("curl")
            .args(["-s", "-u", &format!("{}:{}", s.user, s.password), &href])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(body.contains("BEGIN:VEVENT"), "{body}");
    body = body.replace("SUMMARY:", "SUMMARY:Geändert im Kalender – ");
    let put = status("PUT", &href, true, Some(&body));
    assert!(matches!(put, 201 | 204), "{put}");
    let mut item = store.get_item(theirs).unwrap();
    item.title.de = Some("Neuer Titel aus dplan".into());
    store.update_item(&item).unwrap();
    let fourth = publish(&mut store, &target, at(4));
    let (_, whole) = &fourth.collections[0];
    assert_eq!(whole.conflicts.len(), 1, "{whole:?}");
    assert_eq!(whole.conflicts[0].uid, theirs.to_string());
    assert_eq!(whole.conflicts[0].what, ConflictKind::ChangedOnServer);
    let read = read_back(std::slice::from_ref(programm), true);
    let kept = read[programm]
        .iter()
        .find(|e| e["uid"] == theirs.to_string())
        .unwrap();
    assert!(
        kept["summary"]
            .as_str()
            .unwrap()
            .starts_with("Geändert im Kalender"),
        "{kept}"
    );

    // Guests' calendars are readable without a login; staff duties are not.
    assert_eq!(status("GET", programm, false, None), 200);
    let duties = all
        .iter()
        .zip(&urls)
        .find(|(a, _)| a.slug.starts_with("aufgaben-"))
        .unwrap()
        .1;
    assert_eq!(status("GET", duties, false, None), 401);
    assert_eq!(
        read_back(std::slice::from_ref(programm), false)[programm].len(),
        read[programm].len()
    );
}

#[test]
fn a_wrong_password_is_refused_with_a_clear_message() {
    let s = server();
    let target = CaldavTarget::new(
        &s.url,
        Some(s.user.clone()),
        Some("not the password".into()),
    )
    .unwrap();
    let mut store = Store::open_in_memory().unwrap();
    store.load_demo().unwrap();
    let err = publish_caldav(
        &mut store,
        demo::outgoing_id(),
        &target,
        &PublishOptions {
            now: at(1),
            langs: vec![Lang::De],
            names: false,
        },
    )
    .unwrap_err();
    assert!(
        matches!(err, dplan_publish::PublishError::LoginRefused { .. })
            && err.to_string().contains("refused the login"),
        "{err}"
    );
    assert!(!err.to_string().contains("not the password"));
    // Nothing recorded.
    assert!(
        store
            .caldav_collections(demo::outgoing_id())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn addresses_with_a_login_or_without_a_scheme_are_refused() {
    for (url, says) in [
        (
            "https://publisher:geheim@kalender.herne.de/",
            "must not contain a user name",
        ),
        ("kalender.herne.de/protokoll", "must begin with https://"),
        ("https:///protokoll", "names no server"),
        ("https://kalender.herne.de/a b/", "no spaces"),
    ] {
        let err = CaldavTarget::new(url, None, None).unwrap_err().to_string();
        assert!(err.contains(says), "{url}: {err}");
        assert!(!err.contains("geheim"), "{err}");
    }
    let t = CaldavTarget::new("https://kalender.herne.de/protokoll", None, None).unwrap();
    assert_eq!(t.base, "https://kalender.herne.de/protokoll/");
}

#[test]
fn a_calendar_found_on_the_server_is_taken_over_not_refused() {
    // Another machine (or a lost database) published the visit before:
    // its collections are there, unknown to this store.
    let s = server();
    let base = format!("{}uebernahme/", s.url);
    let target = CaldavTarget::new(&base, Some(s.user.clone()), Some(s.password.clone())).unwrap();
    let id = demo::outgoing_id();
    let options = PublishOptions {
        now: at(1),
        langs: vec![Lang::De],
        names: false,
    };
    let mut first = Store::open_in_memory().unwrap();
    first.load_demo().unwrap();
    publish_caldav(&mut first, id, &target, &options).expect("first machine publishes");

    let mut second = Store::open_in_memory().unwrap();
    second.load_demo().unwrap();
    let report = publish_caldav(&mut second, id, &target, &options).expect("takes over");
    assert_eq!(report.conflicts(), 0, "{report:?}");
    for (_, c) in &report.collections {
        assert!(!c.created, "{}", c.url);
        // One PROPFIND, then every entry written over the one found.
        assert_eq!(c.requests, 1 + c.changed, "{c:?}");
        assert_eq!(c.added, 0, "{c:?}");
    }
    // And from then on it follows like the first one did.
    let again = publish_caldav(
        &mut second,
        id,
        &target,
        &PublishOptions {
            now: at(2),
            ..options
        },
    )
    .unwrap();
    assert_eq!(again.requests(), 0);
    let urls: Vec<String> = report
        .collections
        .iter()
        .map(|(_, c)| c.url.clone())
        .collect();
    let read = read_back(&urls, true);
    let v = VisitView::new(&second.export_visit(id, demo::stamp(), false).unwrap());
    for (a, _) in &report.collections {
        let url = target.collection(id, a);
        assert_eq!(as_read(&read[&url]), expected(&v, a), "{}", a.name);
    }
}

#[test]
fn withdrawn_calendars_are_gone_from_the_server_and_the_visit_can_go() {
    let s = server();
    let base = format!("{}zurueck/", s.url);
    let target = CaldavTarget::new(&base, Some(s.user.clone()), Some(s.password.clone())).unwrap();
    let id = demo::outgoing_id();
    let mut store = Store::open_in_memory().unwrap();
    store.load_demo().unwrap();
    let options = PublishOptions {
        now: at(1),
        langs: vec![Lang::De],
        names: false,
    };
    let report = publish_caldav(&mut store, id, &target, &options).unwrap();
    let urls: Vec<String> = report
        .collections
        .iter()
        .map(|(_, c)| c.url.clone())
        .collect();
    assert!(urls.len() > 3);
    for url in &urls {
        assert_eq!(status("GET", url, true, None), 200, "{url}");
    }
    assert!(
        store.delete_visit(id).is_err(),
        "published: withdrawn first"
    );

    // The settings name another address by now: what dplan put under the
    // old one goes all the same.
    let moved = CaldavTarget::new(
        &format!("{}anderswo/", s.url),
        Some(s.user.clone()),
        Some(s.password.clone()),
    )
    .unwrap();
    let removed = dplan_publish::withdraw_caldav(&mut store, id, &moved, at(2)).unwrap();
    assert_eq!(removed, urls.len());
    for url in &urls {
        assert_eq!(status("GET", url, true, None), 404, "{url}");
    }
    assert!(store.caldav_collections(id).unwrap().is_empty());
    store.delete_visit(id).unwrap();
}

#[test]
fn a_write_whose_answer_was_lost_is_taken_over_not_a_conflict() {
    let s = server();
    let base = format!("{}verloren/", s.url);
    let target = CaldavTarget::new(&base, Some(s.user.clone()), Some(s.password.clone())).unwrap();
    let id = demo::outgoing_id();
    let mut store = Store::open_in_memory().unwrap();
    store.load_demo().unwrap();
    let options = PublishOptions {
        now: at(1),
        langs: vec![Lang::De],
        names: false,
    };
    let first = publish_caldav(&mut store, id, &target, &options).unwrap();
    // The server took a PUT, but its answer never came back (a timeout):
    // the store does not know that resource is there.
    let url = first.collections[0].1.url.clone();
    let mut known = store.caldav_collection(id, &url).unwrap().unwrap();
    let lost = known.pop().expect("a resource");
    store.record_caldav_collection(id, &url, &known).unwrap();

    let next = publish_caldav(
        &mut store,
        id,
        &target,
        &PublishOptions {
            now: at(2),
            ..options.clone()
        },
    )
    .unwrap();
    assert_eq!(next.conflicts(), 0, "{next:?}");
    let c = &next
        .collections
        .iter()
        .find(|(_, c)| c.url == url)
        .unwrap()
        .1;
    // Refused as new (412), its ETag asked, written over it.
    assert_eq!((c.requests, c.added), (3, 1), "{c:?}");
    let now = store.caldav_collection(id, &url).unwrap().unwrap();
    assert!(now.iter().any(|r| r.uid == lost.uid));
    // And from then on nothing is sent.
    let again = publish_caldav(
        &mut store,
        id,
        &target,
        &PublishOptions {
            now: at(3),
            ..options
        },
    )
    .unwrap();
    assert_eq!(again.requests(), 0);
}
