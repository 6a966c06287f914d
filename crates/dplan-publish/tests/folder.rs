//! Subscription feeds in a folder: one file per audience named by a secret
//! token, refresh hints for Outlook, nothing a guest's feed must not carry,
//! unchanged files left alone, revocation, and a reader who fetches during
//! a publish never sees half a file.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, TimeZone, Utc};
use dplan_core::view::VisitView;
use dplan_core::{Edition, Lang, demo};
use dplan_publish::folder::revoke;
use dplan_publish::{FolderTarget, PublishOptions, audiences, publish_folder};
use dplan_store::Store;

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, day, 8, 0, 0).unwrap()
}

fn options(day: u32) -> PublishOptions {
    PublishOptions {
        now: at(day),
        langs: vec![Lang::De, Lang::Zh],
        names: false,
    }
}

fn demo_store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.load_demo().unwrap();
    s
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn each_audience_gets_a_secret_file_with_refresh_hints() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store();
    let id = demo::incoming_id();
    let target = FolderTarget {
        dir: dir.path().to_path_buf(),
        base_url: Some("https://www.herne.de/kalender".into()),
    };
    let report = publish_folder(&mut store, id, &target, &options(1)).unwrap();
    let view = VisitView::new(&store.export_visit(id, demo::stamp(), false).unwrap());
    assert_eq!(report.feeds.len(), audiences(&view).len());
    assert_eq!(files(dir.path()).len(), report.feeds.len());
    for f in &report.feeds {
        assert!(f.written);
        // 32 hex digits: 128 bits nobody guesses.
        let token = f.file.strip_suffix(".ics").unwrap();
        assert_eq!(token.len(), 32);
        assert!(token.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(
            f.url.as_deref(),
            Some(format!("https://www.herne.de/kalender/{}", f.file).as_str())
        );
        let text = std::fs::read_to_string(dir.path().join(&f.file)).unwrap();
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.contains("\r\nX-PUBLISHED-TTL:PT60M\r\n"), "{text}");
        assert!(text.contains("\r\nREFRESH-INTERVAL;VALUE=DURATION:PT60M\r\n"));
        assert!(text.contains("\r\nMETHOD:PUBLISH\r\n"));
    }
    let tokens: std::collections::HashSet<&str> =
        report.feeds.iter().map(|f| f.file.as_str()).collect();
    assert_eq!(tokens.len(), report.feeds.len(), "one name per feed");
}

#[test]
fn a_guests_feed_names_nobody_and_carries_no_internal_or_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store();
    let id = demo::incoming_id();
    let target = FolderTarget {
        dir: dir.path().to_path_buf(),
        base_url: None,
    };
    let report = publish_folder(&mut store, id, &target, &options(1)).unwrap();
    let full = demo::visits(demo::stamp()).remove(0);
    let internal_notes: Vec<&str> = full
        .programme
        .iter()
        .map(|i| i.notes.trim())
        .filter(|n| n.len() > 8)
        .collect();
    assert!(!internal_notes.is_empty(), "the demo has internal notes");
    let personal: Vec<String> = full
        .persons
        .iter()
        .filter_map(|p| p.personal.as_ref())
        .flat_map(|d| d.passport_number.clone())
        .collect();
    let names: Vec<String> = full.persons.iter().map(|p| p.family_name.clone()).collect();
    let mut guests = 0;
    for f in &report.feeds {
        let text = std::fs::read_to_string(dir.path().join(&f.file))
            .unwrap()
            .replace("\r\n ", "");
        for p in &personal {
            assert!(
                !text.contains(p.as_str()),
                "personal data in {}",
                f.audience.slug
            );
        }
        if f.audience.edition == Edition::Guest {
            guests += 1;
            for n in &internal_notes {
                assert!(!text.contains(n), "internal note in {}", f.audience.slug);
            }
            // The calendar's own name may name its reader; no event does.
            let events = &text[text.find("BEGIN:VEVENT").unwrap()..];
            for n in &names {
                // As a word: "Chen" is not in "Chengdu".
                let named = events.match_indices(n.as_str()).any(|(at, _)| {
                    let before = events[..at].chars().next_back();
                    let after = events[at + n.len()..].chars().next();
                    !before.is_some_and(char::is_alphabetic)
                        && !after.is_some_and(char::is_alphabetic)
                });
                assert!(!named, "{n} named in {}", f.audience.slug);
            }
            assert!(!events.contains("Teilnehmende"));
        } else {
            // Staff's and hosts' calendars name who is where.
            assert!(text.contains("Teilnehmende"), "{}", f.audience.slug);
        }
    }
    assert!(guests > 1, "the whole programme and the guests' own");

    // Named when the office says so.
    let named = publish_folder(
        &mut store,
        id,
        &target,
        &PublishOptions {
            names: true,
            ..options(2)
        },
    )
    .unwrap();
    let programm = named
        .feeds
        .iter()
        .find(|f| f.audience.slug == "programm")
        .unwrap();
    let text = std::fs::read_to_string(dir.path().join(&programm.file)).unwrap();
    assert!(text.contains("Teilnehmende"));
}

#[test]
fn an_unchanged_feed_is_not_rewritten_and_a_revoked_one_gets_a_new_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store();
    let id = demo::incoming_id();
    let target = FolderTarget {
        dir: dir.path().to_path_buf(),
        base_url: None,
    };
    let first = publish_folder(&mut store, id, &target, &options(1)).unwrap();
    let again = publish_folder(&mut store, id, &target, &options(2)).unwrap();
    assert!(again.feeds.iter().all(|f| !f.written));
    assert_eq!(
        first.feeds.iter().map(|f| &f.file).collect::<Vec<_>>(),
        again.feeds.iter().map(|f| &f.file).collect::<Vec<_>>()
    );

    let old = first
        .feeds
        .iter()
        .find(|f| f.audience.slug == "programm")
        .unwrap();
    let gone = revoke(&mut store, id, dir.path(), Some("programm"), at(3)).unwrap();
    assert_eq!(gone.len(), 1);
    assert!(!dir.path().join(&old.file).exists());
    assert_eq!(files(dir.path()).len(), first.feeds.len() - 1);
    let next = publish_folder(&mut store, id, &target, &options(4)).unwrap();
    let new = next
        .feeds
        .iter()
        .find(|f| f.audience.slug == "programm")
        .unwrap();
    assert_ne!(new.file, old.file);
    assert!(new.written);
    // Only that one changed its name.
    let unchanged = next
        .feeds
        .iter()
        .filter(|f| first.feeds.iter().any(|o| o.file == f.file))
        .count();
    assert_eq!(unchanged, first.feeds.len() - 1);

    let err = revoke(&mut store, id, dir.path(), Some("nobody"), at(5)).unwrap_err();
    assert!(
        err.to_string().contains("names no calendar of this visit"),
        "{err}"
    );
    let all = revoke(&mut store, id, dir.path(), None, at(5)).unwrap();
    assert_eq!(all.len(), first.feeds.len());
    assert!(files(dir.path()).is_empty());
}

#[test]
fn a_reader_during_publishing_never_sees_half_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store();
    let id = demo::incoming_id();
    let target = FolderTarget {
        dir: dir.path().to_path_buf(),
        base_url: None,
    };
    let first = publish_folder(&mut store, id, &target, &options(1)).unwrap();
    let path = dir.path().join(
        &first
            .feeds
            .iter()
            .find(|f| f.audience.slug == "programm")
            .unwrap()
            .file,
    );
    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let (done, path) = (done.clone(), path.clone());
        std::thread::spawn(move || {
            let mut reads = 0usize;
            let mut versions = std::collections::HashSet::new();
            while !done.load(Ordering::Relaxed) {
                let text = std::fs::read_to_string(&path).expect("the file is always there");
                assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "half a file");
                assert!(text.ends_with("END:VCALENDAR\r\n"), "half a file");
                assert_eq!(
                    text.matches("BEGIN:VEVENT").count(),
                    text.matches("END:VEVENT").count()
                );
                versions.insert(text.len());
                reads += 1;
            }
            (reads, versions.len())
        })
    };
    let mut item = store.list_programme(id).unwrap()[3].clone();
    for n in 0..40 {
        // Titles of different lengths, so every publish rewrites the file.
        item.title.de = Some(format!("Empfang{}", "!".repeat(n % 7)));
        item = store.update_item(&item).unwrap();
        publish_folder(&mut store, id, &target, &options(2)).unwrap();
    }
    done.store(true, Ordering::Relaxed);
    let (reads, versions) = reader.join().expect("the reader saw whole files only");
    assert!(reads > 40, "{reads} reads");
    assert!(versions > 1, "the reader saw the file change");
}

#[test]
fn the_apps_settings_publish_to_the_folder_and_then_follow() {
    use dplan_core::calendar::PublishSettings;
    let dir = tempfile::tempdir().unwrap();
    let store = std::cell::RefCell::new(demo_store());
    let id = demo::incoming_id();
    assert!(!dplan_publish::was_published(&store.borrow(), id).unwrap());
    let err = dplan_publish::publish_all(&store, id, None, at(1), vec![Lang::De]).unwrap_err();
    assert!(
        err.to_string().contains("no place to publish to yet"),
        "{err}"
    );

    let settings = PublishSettings {
        folder: Some(dir.path().display().to_string()),
        base_url: Some("https://www.herne.de/kalender/".into()),
        ..Default::default()
    };
    dplan_publish::check_settings(&settings).unwrap();
    store.borrow_mut().save_publish_settings(&settings).unwrap();
    assert_eq!(store.borrow().publish_settings().unwrap(), settings);
    let o = dplan_publish::publish_all(&store, id, None, at(1), vec![Lang::De]).unwrap();
    assert_eq!(o.links.len(), o.calendars);
    assert_eq!(o.changes, o.calendars, "every feed written the first time");
    assert!(
        o.links
            .iter()
            .all(|l| l.link.starts_with("https://www.herne.de/kalender/"))
    );
    let store = store.into_inner();
    assert!(dplan_publish::was_published(&store, id).unwrap());
    // The links a printed itinerary carries: the whole programme's, and a
    // participant's own.
    let whole = dplan_publish::feed_link(&store, id, None).unwrap().unwrap();
    let programm = o.links.iter().find(|l| l.calendar == "programm").unwrap();
    assert_eq!(whole, programm.link);
    let guest = o
        .links
        .iter()
        .find(|l| l.calendar.starts_with("gast-"))
        .unwrap();
    let person: dplan_core::PersonId = guest.calendar["gast-".len()..].parse().unwrap();
    assert_eq!(
        dplan_publish::feed_link(&store, id, Some(person))
            .unwrap()
            .as_deref(),
        Some(guest.link.as_str())
    );
    let store = std::cell::RefCell::new(store);
    let again = dplan_publish::publish_all(&store, id, None, at(2), vec![Lang::De]).unwrap();
    assert_eq!(again.changes, 0);
    // Without the folder's web address there is no link to print.
    let mut store = store.into_inner();
    store
        .save_publish_settings(&PublishSettings {
            base_url: None,
            ..settings.clone()
        })
        .unwrap();
    assert_eq!(dplan_publish::feed_link(&store, id, None).unwrap(), None);

    for bad in [
        PublishSettings {
            caldav_url: Some("kalender.herne.de".into()),
            ..Default::default()
        },
        PublishSettings {
            base_url: Some("www.herne.de/kalender".into()),
            ..Default::default()
        },
    ] {
        assert!(dplan_publish::check_settings(&bad).is_err(), "{bad:?}");
    }
}

#[test]
fn an_internal_file_never_makes_a_guests_feed_take_back_what_it_never_showed() {
    // The office saved the internal programme (cancelled and tentative
    // items in it) as a file; then it publishes the guests' feeds.
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store();
    let id = demo::incoming_id();
    let view = VisitView::new(&store.export_visit(id, at(1), false).unwrap());
    let internal = dplan_ics::Options {
        edition: Edition::Internal,
        ..dplan_ics::Options::new(at(1))
    };
    let file = dplan_ics::export_feed(&view, dplan_ics::Scope::Visit, &internal, &[]).unwrap();
    assert!(file.text.contains("STATUS:CANCELLED") && file.text.contains("STATUS:TENTATIVE"));
    store
        .record_published(
            id,
            &dplan_ics::Scope::Visit.feed_key(Edition::Internal),
            &file.published,
        )
        .unwrap();
    let target = FolderTarget {
        dir: dir.path().into(),
        base_url: None,
    };
    let report = publish_folder(&mut store, id, &target, &options(2)).unwrap();
    let programm = report
        .feeds
        .iter()
        .find(|f| f.audience.slug == "programm")
        .unwrap();
    let text = std::fs::read_to_string(dir.path().join(&programm.file)).unwrap();
    assert!(!text.contains("STATUS:CANCELLED"), "{text}");
    assert!(!text.contains("Abgesagt"), "{text}");
    assert!(!text.contains("STATUS:TENTATIVE"), "{text}");
}

#[test]
fn a_participant_taken_out_of_the_visit_gets_their_items_taken_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store();
    let id = demo::incoming_id();
    let target = FolderTarget {
        dir: dir.path().into(),
        base_url: None,
    };
    let first = publish_folder(&mut store, id, &target, &options(1)).unwrap();
    let guest = first
        .feeds
        .iter()
        .find(|f| f.audience.slug.starts_with("gast-"))
        .unwrap()
        .clone();
    let dplan_ics::Scope::Participant(person) = guest.audience.scope else {
        panic!("a participant's feed")
    };
    let before = std::fs::read_to_string(dir.path().join(&guest.file)).unwrap();
    let events = before.matches("BEGIN:VEVENT").count();
    assert!(events > 0);
    // Off every item, then out of the visit.
    for mut item in store.list_programme(id).unwrap() {
        if item.attendees.contains(&person) {
            item.attendees.retain(|p| *p != person);
            store.update_item(&item).unwrap();
        }
    }
    store.delete_participant(id, person).unwrap();
    let next = publish_folder(&mut store, id, &target, &options(2)).unwrap();
    let again = next
        .feeds
        .iter()
        .find(|f| f.file == guest.file)
        .expect("the former participant's feed is still kept");
    assert!(again.written);
    let after = std::fs::read_to_string(dir.path().join(&guest.file)).unwrap();
    assert_eq!(after.matches("BEGIN:VEVENT").count(), events);
    assert_eq!(after.matches("STATUS:CANCELLED").count(), events, "{after}");
    // And it can still be revoked by its name.
    let gone = revoke(
        &mut store,
        id,
        dir.path(),
        Some(&again.audience.slug),
        at(2),
    )
    .unwrap();
    assert_eq!(gone.len(), 1);
    assert!(!dir.path().join(&guest.file).exists());
}

#[test]
fn a_host_who_becomes_a_guest_keeps_no_internal_feed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store();
    let id = demo::incoming_id();
    let target = FolderTarget {
        dir: dir.path().into(),
        base_url: None,
    };
    let first = publish_folder(&mut store, id, &target, &options(1)).unwrap();
    let internal = first
        .feeds
        .iter()
        .find(|f| f.audience.slug.starts_with("intern-"))
        .expect("a host's internal feed")
        .clone();
    let dplan_ics::Scope::Participant(person) = internal.audience.scope else {
        panic!("a participant's feed")
    };
    let before = std::fs::read_to_string(dir.path().join(&internal.file)).unwrap();
    let events = before.matches("BEGIN:VEVENT").count();
    assert!(events > 0);
    assert!(before.matches("STATUS:CANCELLED").count() < events);
    // The same person, now on the guests' side of the same visit.
    let mut p = store
        .list_participants(id)
        .unwrap()
        .into_iter()
        .find(|p| p.person_id == person)
        .unwrap();
    p.side = dplan_core::Side::Guest;
    p.precedence = 99;
    store.update_participant(&p).unwrap();
    let next = publish_folder(&mut store, id, &target, &options(2)).unwrap();
    // Their guest feed is new; the internal one only takes back.
    assert!(
        next.feeds
            .iter()
            .any(|f| f.audience.slug == format!("gast-{person}") && f.file != internal.file)
    );
    let kept = next
        .feeds
        .iter()
        .find(|f| f.file == internal.file)
        .expect("the internal feed still carries its takebacks");
    assert!(kept.written);
    let after = std::fs::read_to_string(dir.path().join(&internal.file)).unwrap();
    let now = after.matches("BEGIN:VEVENT").count();
    assert!(now > 0);
    assert_eq!(after.matches("STATUS:CANCELLED").count(), now, "{after}");
    // A takeback carries no internal note.
    let full = demo::visits(demo::stamp()).remove(0);
    for note in full
        .programme
        .iter()
        .map(|i| i.notes.trim())
        .filter(|n| n.len() > 8)
    {
        assert!(!after.contains(note), "{after}");
    }
}

#[test]
fn without_the_calendar_servers_password_the_feeds_still_follow() {
    use dplan_core::calendar::PublishSettings;
    let dir = tempfile::tempdir().unwrap();
    let store = std::cell::RefCell::new(demo_store());
    let id = demo::incoming_id();
    store
        .borrow_mut()
        .save_publish_settings(&PublishSettings {
            // Never asked: no password is known after the app restarted.
            caldav_url: Some("http://127.0.0.1:9/dplan/".into()),
            caldav_user: Some("publisher".into()),
            folder: Some(dir.path().display().to_string()),
            ..Default::default()
        })
        .unwrap();
    let o = dplan_publish::publish_all(&store, id, None, at(1), vec![Lang::De]).unwrap();
    assert!(o.password_needed);
    assert_eq!(o.requests, 0);
    assert!(o.calendars > 0 && o.links.len() == o.calendars);
    assert_eq!(files(dir.path()).len(), o.calendars);
}

#[test]
fn one_publish_of_a_visit_at_a_time_across_the_app_and_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store();
    let id = demo::incoming_id();
    let target = FolderTarget {
        dir: dir.path().into(),
        base_url: None,
    };
    // Another process is publishing (its lease runs for half an hour).
    store
        .take_publish_lease(
            id,
            "other",
            "dplan, PID 4711",
            at(1),
            at(1) + chrono::Duration::minutes(30),
        )
        .unwrap();
    let err = publish_folder(&mut store, id, &target, &options(1)).unwrap_err();
    assert_eq!(err.kind(), dplan_store::ErrorKind::Conflict);
    assert!(err.to_string().contains("PID 4711"), "{err}");
    let de = dplan_core::says::Says(Lang::De).problem(&err.problem().unwrap());
    assert!(de.contains("gerade veröffentlicht"), "{de}");
    assert!(files(dir.path()).is_empty(), "nothing written meanwhile");
    // Other visits are free.
    publish_folder(&mut store, demo::outgoing_id(), &target, &options(1)).unwrap();
    // Given back, or run out (a crash): the next publish goes ahead, and
    // gives its own lease back when done.
    store.release_publish_lease(id, "other").unwrap();
    publish_folder(&mut store, id, &target, &options(1)).unwrap();
    store
        .take_publish_lease(
            id,
            "other",
            "dplan, PID 4711",
            at(1),
            at(1) + chrono::Duration::minutes(30),
        )
        .unwrap();
    publish_folder(&mut store, id, &target, &options(2)).expect("the old lease ran out");
    store
        .take_publish_lease(
            id,
            "third",
            "dplan, PID 1",
            at(2),
            at(2) + chrono::Duration::minutes(1),
        )
        .expect("free again after the publish");
}

#[test]
fn a_published_visit_is_withdrawn_before_it_can_be_deleted() {
    use dplan_core::calendar::PublishSettings;
    let dir = tempfile::tempdir().unwrap();
    let store = std::cell::RefCell::new(demo_store());
    let id = demo::incoming_id();
    store
        .borrow_mut()
        .save_publish_settings(&PublishSettings {
            folder: Some(dir.path().display().to_string()),
            ..Default::default()
        })
        .unwrap();
    let o = dplan_publish::publish_all(&store, id, None, at(1), vec![Lang::De]).unwrap();
    assert!(o.calendars > 5);
    // Deleting it now would leave its feeds out of reach.
    let err = store.borrow_mut().delete_visit(id).unwrap_err();
    assert_eq!(err.kind(), dplan_store::ErrorKind::Conflict);
    assert!(err.to_string().contains("withdraw"), "{err}");
    assert_eq!(files(dir.path()).len(), o.calendars);

    let w = dplan_publish::withdraw_all(&store, id, None, at(2)).unwrap();
    assert_eq!((w.feeds, w.collections), (o.calendars, 0));
    assert!(files(dir.path()).is_empty());
    assert!(!dplan_publish::was_published(&store.borrow(), id).unwrap());
    store.borrow_mut().delete_visit(id).unwrap();
}

#[test]
fn naming_people_in_guests_calendars_is_the_visits_choice() {
    use dplan_core::calendar::PublishSettings;
    let dir = tempfile::tempdir().unwrap();
    let store = std::cell::RefCell::new(demo_store());
    store
        .borrow_mut()
        .save_publish_settings(&PublishSettings {
            folder: Some(dir.path().display().to_string()),
            ..Default::default()
        })
        .unwrap();
    let (incoming, outgoing) = (demo::incoming_id(), demo::outgoing_id());
    assert!(!store.borrow().calendar_names(incoming).unwrap());
    store
        .borrow_mut()
        .set_calendar_names(incoming, true)
        .unwrap();
    assert!(store.borrow().calendar_names(incoming).unwrap());
    assert!(!store.borrow().calendar_names(outgoing).unwrap());
    let programme = |visit| {
        let o = dplan_publish::publish_all(&store, visit, None, at(1), vec![Lang::De]).unwrap();
        let link = o.links.iter().find(|l| l.calendar == "programm").unwrap();
        std::fs::read_to_string(dir.path().join(&link.link)).unwrap()
    };
    let named = programme(incoming);
    let unnamed = programme(outgoing);
    let says_who = |text: &str| text.contains("Teilnehmende") || text.contains("Dolmetsch");
    assert!(says_who(&named), "{named}");
    assert!(!says_who(&unnamed), "{unnamed}");
    // A visit that is not there has no choice to make.
    let nowhere = dplan_core::VisitId::derived("nowhere");
    assert_eq!(
        store.borrow().calendar_names(nowhere).unwrap_err().kind(),
        dplan_store::ErrorKind::NotFound
    );
}

#[test]
fn while_the_calendar_server_fails_the_feeds_still_follow() {
    use dplan_core::calendar::PublishSettings;
    let dir = tempfile::tempdir().unwrap();
    let store = std::cell::RefCell::new(demo_store());
    let id = demo::incoming_id();
    store
        .borrow_mut()
        .save_publish_settings(&PublishSettings {
            // Nothing listens on port 9 (discard).
            caldav_url: Some("http://127.0.0.1:9/dplan/".into()),
            caldav_user: Some("publisher".into()),
            folder: Some(dir.path().display().to_string()),
            ..Default::default()
        })
        .unwrap();
    let err = dplan_publish::publish_all(&store, id, Some("secret".into()), at(1), vec![Lang::De])
        .unwrap_err();
    assert!(
        matches!(err, dplan_publish::PublishError::Unreachable { .. }),
        "{err}"
    );
    // The server's failure is what the office hears, and the feeds were
    // written all the same.
    let written = files(dir.path());
    assert!(!written.is_empty());
    assert_eq!(written.len(), store.borrow().feed_tokens(id).unwrap().len());
}

#[test]
fn a_feed_moves_with_its_folder_and_is_withdrawn_wherever_it_is() {
    use dplan_core::calendar::PublishSettings;
    let (old, new, later) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let store = std::cell::RefCell::new(demo_store());
    let id = demo::incoming_id();
    let settings = |dir: &Path| PublishSettings {
        folder: Some(dir.display().to_string()),
        ..Default::default()
    };
    store
        .borrow_mut()
        .save_publish_settings(&settings(old.path()))
        .unwrap();
    let first = dplan_publish::publish_all(&store, id, None, at(1), vec![Lang::De]).unwrap();
    let names = files(old.path());
    assert_eq!(names.len(), first.calendars);
    // The office moved its feed folder: the files move, under their names.
    store
        .borrow_mut()
        .save_publish_settings(&settings(new.path()))
        .unwrap();
    dplan_publish::publish_all(&store, id, None, at(2), vec![Lang::De]).unwrap();
    assert!(
        files(old.path()).is_empty(),
        "the old folder serves nothing"
    );
    assert_eq!(files(new.path()), names);
    // Withdrawn while the settings name yet another folder: the files go
    // from where they are.
    store
        .borrow_mut()
        .save_publish_settings(&settings(later.path()))
        .unwrap();
    let w = dplan_publish::withdraw_all(&store, id, None, at(3)).unwrap();
    assert_eq!(w.feeds, names.len());
    assert!(files(new.path()).is_empty());
    assert!(store.borrow().feed_tokens(id).unwrap().is_empty());
    store.borrow_mut().delete_visit(id).unwrap();
}

#[test]
fn a_feed_file_that_cannot_be_removed_keeps_its_token() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store();
    let id = demo::incoming_id();
    let target = FolderTarget {
        dir: dir.path().into(),
        base_url: None,
    };
    publish_folder(&mut store, id, &target, &options(1)).unwrap();
    let tokens = store.feed_tokens(id).unwrap();
    // One "file" that no one can remove as a file, root included.
    let stuck = tokens.last().unwrap().clone();
    let path = dir.path().join(format!("{}.ics", stuck.token));
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    let err = revoke(&mut store, id, dir.path(), None, at(2)).unwrap_err();
    assert_eq!(err.kind(), dplan_store::ErrorKind::Storage, "{err}");
    // Its token is kept, so a second try finds it; the others are revoked
    // and their files gone.
    let live = store.feed_tokens(id).unwrap();
    assert_eq!(live, vec![stuck]);
    assert_eq!(files(dir.path()), vec![format!("{}.ics", live[0].token)]);
}
