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
    assert!(
        matches!(err, PublishError::Unauthorized { status: 401, .. }),
        "{err}"
    );
    assert!(requests.load(Ordering::SeqCst) >= 1, "the server was asked");
    assert!(
        !seen_held.load(Ordering::SeqCst),
        "the store was held during a request"
    );
    // Settings, the plan, and the record of what was sent: separate steps.
    assert_eq!(watched.steps.load(Ordering::SeqCst), 3);
    // Nothing was recorded for the refused collection.
    let store = watched.store.into_inner();
    assert!(
        store
            .caldav_collections(demo::incoming_id())
            .unwrap()
            .is_empty()
    );
}
