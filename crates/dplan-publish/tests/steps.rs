//! A publish holds the store only for its short steps: while it talks to
//! the calendar server, the app's other commands can use the store.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chrono::{TimeZone, Utc};
use dplan_core::calendar::PublishSettings;
use dplan_core::{Lang, demo};
use dplan_publish::{PublishError, StoreAccess, publish_all};
use dplan_store::Store;

/// A store that says whether a step is running.
struct Watched {
    store: std::cell::RefCell<Store>,
    held: Arc<AtomicBool>,
    steps: AtomicUsize,
}

impl StoreAccess for Watched {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, PublishError>,
    ) -> Result<T, PublishError> {
        self.held.store(true, Ordering::SeqCst);
        self.steps.fetch_add(1, Ordering::SeqCst);
        let r = f(&mut self.store.borrow_mut());
        self.held.store(false, Ordering::SeqCst);
        r
    }
}

#[test]
fn the_server_is_asked_while_the_store_is_free() {
    // A server on loopback that notes whether the store was held when a
    // request came, and refuses the login.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let held = Arc::new(AtomicBool::new(false));
    let seen_held = Arc::new(AtomicBool::new(false));
    let requests = Arc::new(AtomicUsize::new(0));
    {
        let (held, seen_held, requests) = (held.clone(), seen_held.clone(), requests.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { break };
                if held.load(Ordering::SeqCst) {
                    seen_held.store(true, Ordering::SeqCst);
                }
                requests.fetch_add(1, Ordering::SeqCst);
                let mut buf = [0u8; 8192];
                let _ = stream.read(&mut buf);
                let _ = stream.write_all(
                    b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                );
            }
        });
    }
    let mut store = Store::open_in_memory().unwrap();
    store.load_demo().unwrap();
    store
        .save_publish_settings(&PublishSettings {
            caldav_url: Some(format!("http://127.0.0.1:{port}/dplan/")),
            caldav_user: Some("publisher".into()),
            ..Default::default()
        })
        .unwrap();
    let watched = Watched {
        store: std::cell::RefCell::new(store),
        held: held.clone(),
        steps: AtomicUsize::new(0),
    };
    let err = publish_all(
        &watched,
        demo::incoming_id(),
        Some("wrong".into()),
        Utc.with_ymd_and_hms(2027, 3, 1, 8, 0, 0).unwrap(),
        vec![Lang::De],
    )
    .unwrap_err();
    assert!(matches!(err, PublishError::LoginRefused { .. }), "{err}");
    assert!(requests.load(Ordering::SeqCst) >= 1, "the server was asked");
    assert!(
        !seen_held.load(Ordering::SeqCst),
        "the store was held during a request"
    );
    // The settings, taking the lease, the plan, the record of what was
    // sent, and giving the lease back: separate steps.
    assert_eq!(watched.steps.load(Ordering::SeqCst), 5);
    // Nothing was recorded for the refused collection.
    let store = watched.store.into_inner();
    assert!(
        store
            .caldav_collections(demo::incoming_id())
            .unwrap()
            .is_empty()
    );
}

/// One request as a scripted peer sees it: method, path, headers, body.
struct Asked {
    method: String,
    path: String,
    head: String,
}

impl Asked {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then_some(v.trim())
        })
    }
}

/// A scripted HTTP peer on loopback (keep-alive, one thread per
/// connection): `answer` gives each request's status line with any extra
/// headers, and its body. For what a real server (Radicale, in caldav.rs) does not do:
/// fail part-way, hand out weak ETags.
fn scripted(answer: impl Fn(&Asked) -> (String, String) + Send + Sync + 'static) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let answer = Arc::new(answer);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { break };
            let answer = answer.clone();
            std::thread::spawn(move || {
                loop {
                    let mut head = Vec::new();
                    let mut byte = [0u8; 1];
                    while !head.ends_with(b"\r\n\r\n") {
                        match stream.read(&mut byte) {
                            Ok(1) => head.push(byte[0]),
                            _ => return,
                        }
                    }
                    let head = String::from_utf8_lossy(&head).to_string();
                    let mut first = head.split(' ');
                    let asked = Asked {
                        method: first.next().unwrap_or("").to_string(),
                        path: first.next().unwrap_or("").to_string(),
                        head: head.clone(),
                    };
                    let length = asked
                        .header("content-length")
                        .and_then(|v| v.parse::<usize>().ok())
                        .unwrap_or(0);
                    let mut body = vec![0u8; length];
                    if stream.read_exact(&mut body).is_err() {
                        return;
                    }
                    let (status, body) = answer(&asked);
                    let reply = format!(
                        "HTTP/1.1 {status}\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    if stream.write_all(reply.as_bytes()).is_err() {
                        return;
                    }
                }
            });
        }
    });
    port
}

/// No collection is there yet (PROPFIND 404), MKCALENDAR makes it, and
/// PUTs succeed until `fail_after` of them went through, then the server
/// fails (503) until told otherwise. Counts the PUTs it accepted.
fn flaky_server(fail_after: Arc<AtomicUsize>, puts: Arc<AtomicUsize>) -> u16 {
    scripted(move |a| {
        let status = match a.method.as_str() {
            "PROPFIND" => "404 Not Found".to_string(),
            "MKCALENDAR" => "201 Created".to_string(),
            "PUT" if puts.load(Ordering::SeqCst) < fail_after.load(Ordering::SeqCst) => {
                let n = puts.fetch_add(1, Ordering::SeqCst);
                format!("201 Created\r\nETag: \"e{n}\"")
            }
            "PUT" => "503 Service Unavailable".to_string(),
            _ => "405 Method Not Allowed".to_string(),
        };
        (status, String::new())
    })
}

#[test]
fn a_publish_cut_short_keeps_what_it_sent_and_the_next_one_sends_the_rest() {
    let fail_after = Arc::new(AtomicUsize::new(3));
    let puts = Arc::new(AtomicUsize::new(0));
    let port = flaky_server(fail_after.clone(), puts.clone());
    let mut store = Store::open_in_memory().unwrap();
    store.load_demo().unwrap();
    let id = demo::outgoing_id();
    let target = dplan_publish::CaldavTarget::new(
        &format!("http://127.0.0.1:{port}/dplan/"),
        Some("publisher".into()),
        Some("geheim".into()),
    )
    .unwrap();
    let options = dplan_publish::PublishOptions {
        now: Utc.with_ymd_and_hms(2027, 3, 1, 8, 0, 0).unwrap(),
        langs: vec![Lang::De],
        names: false,
    };
    let err = dplan_publish::publish_caldav(&mut store, id, &target, &options).unwrap_err();
    assert!(
        matches!(err, PublishError::Server { status: 503, .. }),
        "{err}"
    );
    // The three entries the server took are recorded with their ETags.
    let collections = store.caldav_collections(id).unwrap();
    assert_eq!(collections.len(), 1, "{collections:?}");
    let kept = store
        .caldav_collection(id, &collections[0])
        .unwrap()
        .unwrap();
    let mut etags: Vec<&str> = kept.iter().map(|r| r.etag.as_str()).collect();
    etags.sort();
    assert_eq!(etags, ["\"e0\"", "\"e1\"", "\"e2\""]);

    // The server is back: the next publish sends the rest, and nothing it
    // sent before, and reports no conflict.
    fail_after.store(usize::MAX, Ordering::SeqCst);
    let report = dplan_publish::publish_caldav(&mut store, id, &target, &options).unwrap();
    assert_eq!(report.conflicts(), 0);
    let (_, first) = &report.collections[0];
    assert_eq!(first.unchanged, 3, "{first:?}");
    assert_eq!(first.added, first.requests, "only PUTs of what was missing");
    let sent: usize = report.collections.iter().map(|(_, c)| c.added).sum();
    assert_eq!(puts.load(Ordering::SeqCst), 3 + sent);
}

#[test]
fn weak_etags_are_compared_before_writing_instead_of_never_matching() {
    use std::collections::HashMap;
    use std::sync::Mutex;
    // A server that gives weak ETags and, as RFC 9110 says, never lets
    // If-Match match one: resources by path, each with a version.
    let versions: Arc<Mutex<HashMap<String, u32>>> = Arc::default();
    let conditional = Arc::new(AtomicUsize::new(0));
    let port = {
        let (versions, conditional) = (versions.clone(), conditional.clone());
        scripted(move |a| {
            let mut s = versions.lock().unwrap();
            let status = match (a.method.as_str(), s.get(&a.path).copied()) {
                ("PROPFIND", Some(v)) => {
                    let body = format!(
                        "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>{}</d:href>\
                         <d:propstat><d:prop><d:getetag>W/\"{v}\"</d:getetag></d:prop>\
                         </d:propstat></d:response></d:multistatus>",
                        a.path
                    );
                    return ("207 Multi-Status".into(), body);
                }
                ("PROPFIND", None) => "404 Not Found".to_string(),
                ("MKCALENDAR", _) => "201 Created".into(),
                ("PUT" | "DELETE", _) if a.header("if-match").is_some() => {
                    conditional.fetch_add(1, Ordering::SeqCst);
                    "412 Precondition Failed".into()
                }
                ("PUT", Some(_)) if a.header("if-none-match").is_some() => {
                    "412 Precondition Failed".into()
                }
                ("PUT", v) => {
                    let v = v.map_or(1, |v| v + 1);
                    s.insert(a.path.clone(), v);
                    format!("201 Created\r\nETag: W/\"{v}\"")
                }
                ("DELETE", _) => {
                    s.remove(&a.path);
                    "204 No Content".into()
                }
                _ => "405 Method Not Allowed".into(),
            };
            (status, String::new())
        })
    };
    let mut store = Store::open_in_memory().unwrap();
    store.load_demo().unwrap();
    let id = demo::outgoing_id();
    let target =
        dplan_publish::CaldavTarget::new(&format!("http://127.0.0.1:{port}/dplan/"), None, None)
            .unwrap();
    let at = |day| dplan_publish::PublishOptions {
        now: Utc.with_ymd_and_hms(2027, 3, day, 8, 0, 0).unwrap(),
        langs: vec![Lang::De],
        names: false,
    };
    dplan_publish::publish_caldav(&mut store, id, &target, &at(1)).unwrap();

    // One item changes: compared (PROPFIND), then written; no If-Match
    // that could only fail.
    let confirmed: Vec<_> = store
        .list_programme(id)
        .unwrap()
        .into_iter()
        .filter(|i| i.status == dplan_core::ItemStatus::Confirmed)
        .collect();
    let item = confirmed[0].clone();
    let mut changed = item.clone();
    changed.title.de = Some("Neuer Titel".into());
    store.update_item(&changed).unwrap();
    let report = dplan_publish::publish_caldav(&mut store, id, &target, &at(2)).unwrap();
    assert_eq!(report.conflicts(), 0, "{report:?}");
    let (_, whole) = &report.collections[0];
    assert_eq!((whole.changed, whole.requests), (1, 2), "{whole:?}");
    assert_eq!(conditional.load(Ordering::SeqCst), 0);

    // Someone edits it on the server: reported, not overwritten.
    let path = format!("/dplan/{id}-programm/{}.ics", item.id);
    *versions.lock().unwrap().get_mut(&path).unwrap() += 10;
    changed.title.de = Some("Noch ein Titel".into());
    store.update_item(&changed).unwrap();
    let report = dplan_publish::publish_caldav(&mut store, id, &target, &at(3)).unwrap();
    let (_, whole) = &report.collections[0];
    assert_eq!(whole.conflicts.len(), 1, "{whole:?}");
    assert_eq!(
        versions.lock().unwrap()[&path],
        12,
        "left as the server has it"
    );

    // A deleted item: compared, then removed.
    let other = confirmed[1].id;
    store.delete_item(other).unwrap();
    let report = dplan_publish::publish_caldav(&mut store, id, &target, &at(4)).unwrap();
    let (_, whole) = &report.collections[0];
    assert_eq!(whole.removed, 1, "{whole:?}");
    assert!(
        !versions
            .lock()
            .unwrap()
            .contains_key(&format!("/dplan/{id}-programm/{other}.ics"))
    );
    assert_eq!(conditional.load(Ordering::SeqCst), 0);
}
