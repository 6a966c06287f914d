//! A calendar that follows the plan: a feed compared with what it carried
//! before raises SEQUENCE for every visible change and only for those,
//! takes back removed items as cancelled until the visit is over, marks
//! cancelled items (and a cancelled visit's) so Outlook shows them, and
//! keeps summaries within Outlook's 255 characters.

use chrono::Duration;
use dplan_core::calendar::Published;
use dplan_core::view::VisitView;
use dplan_core::{Edition, ItemStatus, Lang, VisitStatus};
use dplan_ics::{Feed, IcsError, MAX_FIELD_CHARS, Options, Scope, export_feed};

use crate::{Parsed, demo_view, options, parse, stamp};

fn feed(view: &VisitView, scope: Scope, options: &Options, before: &[Published]) -> Feed {
    export_feed(view, scope, options, before).expect("exports")
}

fn event<'a>(events: &'a [Parsed], uid: &str) -> &'a Parsed {
    events
        .iter()
        .find(|e| e.uid == uid)
        .unwrap_or_else(|| panic!("no event {uid}"))
}

/// A second export a day later.
fn later(langs: &[Lang]) -> Options {
    Options {
        stamp: stamp() + Duration::days(1),
        ..options(langs)
    }
}

#[test]
fn an_unchanged_feed_is_the_same_file_a_day_later() {
    let view = demo_view();
    let first = feed(&view, Scope::Visit, &options(&[Lang::De, Lang::Zh]), &[]);
    let again = feed(
        &view,
        Scope::Visit,
        &later(&[Lang::De, Lang::Zh]),
        &first.published,
    );
    assert_eq!(
        again.text, first.text,
        "no change: same SEQUENCE and DTSTAMP"
    );
    assert_eq!(again.published, first.published);
    assert!(first.published.iter().all(|p| !p.gone));
}

#[test]
fn every_visible_change_raises_the_sequence_of_that_event_only() {
    let view = demo_view();
    let first = feed(&view, Scope::Visit, &options(&[Lang::De]), &[]);
    let (_, old) = parse(&first.text);
    // A title, a venue's address (every item there), the attendees, the
    // internal notes: none of them moves the time or the venue.
    let mut changed = view.clone();
    changed.programme[0].title.de = Some("Neuer Titel".into());
    // The venue most items use.
    let venue = changed
        .programme
        .iter()
        .filter_map(|i| i.venue.clone())
        .max_by_key(|v| {
            let uses =
                |i: &&dplan_core::view::ItemView| i.venue.as_ref().is_some_and(|w| w.id == v.id);
            view.programme.iter().filter(uses).count()
        })
        .expect("a venue");
    for i in changed.programme.iter_mut() {
        if let Some(v) = i.venue.as_mut().filter(|v| v.id == venue.id) {
            v.address = "Friedrich-Ebert-Platz 2a, 44623 Herne".into();
        }
    }
    let mut touched: Vec<String> = vec![changed.programme[0].id.to_string()];
    let with_people = changed
        .programme
        .iter_mut()
        .skip(1)
        .find(|i| i.attendees.len() > 1 && i.venue.as_ref().is_none_or(|v| v.id != venue.id))
        .expect("an item with attendees");
    with_people.attendees.pop();
    touched.push(with_people.id.to_string());
    let last = changed.programme.last_mut().unwrap();
    last.notes = "Fahrer wartet am Seiteneingang".into();
    touched.push(last.id.to_string());
    let next = feed(
        &changed,
        Scope::Visit,
        &later(&[Lang::De]),
        &first.published,
    );
    let (_, new) = parse(&next.text);
    let at_venue = changed
        .programme
        .iter()
        .filter(|i| i.venue.as_ref().is_some_and(|v| v.id == venue.id))
        .map(|i| i.id.to_string());
    touched.extend(at_venue);
    assert!(touched.len() > 4, "the venue is used by more than one item");
    assert!(touched.len() < new.len(), "some items are untouched");
    for e in &new {
        let o = event(&old, &e.uid);
        if touched.contains(&e.uid) {
            assert_eq!(e.sequence, o.sequence + 1, "{}", e.summary);
        } else {
            assert_eq!(e.sequence, o.sequence, "{}", e.summary);
        }
    }
    // DTSTAMP says when each event last changed.
    for p in &next.published {
        let expected = match touched.contains(&p.uid) {
            true => stamp() + Duration::days(1),
            false => stamp(),
        };
        assert_eq!(p.changed_at, expected);
    }
    assert!(next.text.contains("DTSTAMP:20270302T080000Z"));
    // A third export with the new state sends nothing new.
    let third = feed(
        &changed,
        Scope::Visit,
        &Options {
            stamp: stamp() + Duration::days(2),
            ..options(&[Lang::De])
        },
        &next.published,
    );
    assert_eq!(third.text, next.text);
}

#[test]
fn a_deleted_item_is_taken_back_as_cancelled_until_the_visit_is_over() {
    let view = demo_view();
    let first = feed(&view, Scope::Visit, &options(&[Lang::De, Lang::Zh]), &[]);
    let mut fewer = view.clone();
    let removed = fewer.programme.remove(4);
    let next = feed(
        &fewer,
        Scope::Visit,
        &later(&[Lang::De, Lang::Zh]),
        &first.published,
    );
    let (_, events) = parse(&next.text);
    assert_eq!(events.len(), view.programme.len());
    let gone = event(&events, &removed.id.to_string());
    let (_, old) = parse(&first.text);
    let was = event(&old, &removed.id.to_string());
    assert_eq!(gone.status, "CANCELLED");
    assert!(
        gone.summary.starts_with("Abgesagt / 已取消: "),
        "{}",
        gone.summary
    );
    assert!(gone.summary.ends_with(&was.summary), "{}", gone.summary);
    assert_eq!(gone.sequence, was.sequence + 1);
    assert_eq!(
        (gone.start, gone.end),
        (was.start, was.end),
        "same instants"
    );
    assert!(next.published.iter().any(|p| p.gone && p.uid == gone.uid));
    // Its DTSTAMP is when it was taken back.
    assert!(
        vevent(&next.text, &gone.uid).contains("DTSTAMP:20270302T080000Z"),
        "{}",
        vevent(&next.text, &gone.uid)
    );
    let block = vevent(&next.text, &gone.uid);
    assert!(block.contains("X-MICROSOFT-CDO-BUSYSTATUS:FREE"), "{block}");
    assert!(block.contains("TRANSP:TRANSPARENT"), "{block}");

    // Exported again the next day: still there, unchanged.
    let again = feed(
        &fewer,
        Scope::Visit,
        &Options {
            stamp: stamp() + Duration::days(2),
            ..options(&[Lang::De, Lang::Zh])
        },
        &next.published,
    );
    assert_eq!(again.text, next.text);

    // After the visit the cancellation is no longer written or kept.
    let after = Options {
        stamp: (view.visit.last_day + Duration::days(2))
            .and_hms_opt(9, 0, 0)
            .unwrap()
            .and_utc(),
        ..options(&[Lang::De, Lang::Zh])
    };
    let over = feed(&fewer, Scope::Visit, &after, &next.published);
    assert!(!over.text.contains(&gone.uid));
    assert!(over.published.iter().all(|p| !p.gone));
}

#[test]
fn a_person_taken_off_an_item_gets_it_back_as_cancelled_in_their_own_calendar() {
    let view = demo_view();
    let item = view
        .programme
        .iter()
        .find(|i| i.attendees.len() > 1)
        .expect("an item with attendees");
    let person = item.attendees[0].person_id;
    let mine = Options {
        edition: Edition::Guest,
        ..options(&[Lang::Zh, Lang::De])
    };
    let first = feed(&view, Scope::Participant(person), &mine, &[]);
    let mut off = view.clone();
    let i = off.programme.iter_mut().find(|i| i.id == item.id).unwrap();
    i.attendees.retain(|a| a.person_id != person);
    let next = feed(
        &off,
        Scope::Participant(person),
        &Options {
            stamp: stamp() + Duration::days(1),
            ..mine.clone()
        },
        &first.published,
    );
    let (_, events) = parse(&next.text);
    let gone = event(&events, &item.id.to_string());
    assert_eq!(gone.status, "CANCELLED");
    assert!(
        gone.summary.starts_with("已取消 / Abgesagt: "),
        "{}",
        gone.summary
    );
    // The whole programme still has it, as it was.
    let whole = feed(&off, Scope::Visit, &mine, &[]);
    assert_eq!(
        event(&parse(&whole.text).1, &item.id.to_string()).status,
        "CONFIRMED"
    );
}

#[test]
fn a_cancelled_item_says_so_in_its_summary_and_keeps_the_time_free() {
    let mut view = demo_view();
    view.programme[0].status = ItemStatus::Cancelled;
    let text = feed(&view, Scope::Visit, &options(&[Lang::De, Lang::Zh]), &[]).text;
    let uid = view.programme[0].id.to_string();
    let e = event(&parse(&text).1, &uid).clone();
    assert!(
        e.summary.starts_with("Abgesagt / 已取消: "),
        "{}",
        e.summary
    );
    assert_eq!(e.status, "CANCELLED");
    let block = vevent(&text, &uid);
    assert!(block.contains("X-MICROSOFT-CDO-BUSYSTATUS:FREE"), "{block}");
    assert!(!block.contains("BEGIN:VALARM"), "{block}");
    // One language: its own colon.
    let zh = feed(&view, Scope::Visit, &options(&[Lang::Zh]), &[]).text;
    assert!(
        event(&parse(&zh).1, &uid).summary.starts_with("已取消："),
        "{zh}"
    );
}

#[test]
fn a_cancelled_visit_cancels_every_item_in_every_edition() {
    let mut view = demo_view();
    view.visit.status = VisitStatus::Cancelled;
    for edition in [Edition::Guest, Edition::Internal] {
        let o = Options {
            edition,
            ..options(&[Lang::De])
        };
        let (_, events) = parse(&feed(&view, Scope::Visit, &o, &[]).text);
        assert!(!events.is_empty());
        for e in &events {
            assert_eq!(e.status, "CANCELLED", "{edition:?}: {}", e.summary);
            assert!(e.summary.starts_with("Abgesagt: "), "{}", e.summary);
        }
    }
}

#[test]
fn long_titles_keep_every_language_within_outlooks_limit() {
    let mut view = demo_view();
    let de = "Empfang ".repeat(25); // 200 characters
    let zh = "市政厅欢迎仪式".repeat(20); // 140 characters
    view.programme[0].title.de = Some(de.trim().to_string());
    view.programme[0].title.zh = Some(zh.clone());
    let out = feed(&view, Scope::Visit, &options(&[Lang::De, Lang::Zh]), &[]);
    let e = event(&parse(&out.text).1, &view.programme[0].id.to_string()).clone();
    let len = e.summary.chars().count();
    assert!(len <= MAX_FIELD_CHARS, "{len}");
    assert!(len > MAX_FIELD_CHARS - 10, "uses the room: {len}");
    let (a, b) = e.summary.split_once(" / ").expect("both languages");
    assert!(a.starts_with("Empfang") && a.ends_with('…'), "{a}");
    assert!(b.starts_with("市政厅") && b.ends_with('…'), "{b}");
    assert_eq!(out.shortened, vec![de.trim().to_string()]);
    // Cancelled, the prefix fits too.
    view.programme[0].status = ItemStatus::Cancelled;
    let out = feed(&view, Scope::Visit, &options(&[Lang::De, Lang::Zh]), &[]);
    let e = event(&parse(&out.text).1, &view.programme[0].id.to_string()).clone();
    assert!(e.summary.chars().count() <= MAX_FIELD_CHARS);
    assert!(e.summary.starts_with("Abgesagt / 已取消: Empfang"));
    // Short titles are not touched.
    let plain = feed(
        &demo_view(),
        Scope::Visit,
        &options(&[Lang::De, Lang::Zh]),
        &[],
    );
    assert!(plain.shortened.is_empty());
}

#[test]
fn a_reminder_longer_than_two_weeks_is_refused() {
    let view = demo_view();
    for (minutes, ok) in [(20160, true), (20161, false), (u32::MAX, false)] {
        let o = Options {
            reminder_minutes: Some(minutes),
            ..options(&[Lang::De])
        };
        match export_feed(&view, Scope::Visit, &o, &[]) {
            Ok(_) => assert!(ok, "{minutes}"),
            Err(e) => {
                assert!(!ok, "{minutes}");
                assert_eq!(e, IcsError::Reminder(minutes));
            }
        }
    }
}

/// The unfolded text of the VEVENT with this UID.
fn vevent(text: &str, uid: &str) -> String {
    let unfolded = text.replace("\r\n ", "");
    let at = unfolded.find(&format!("UID:{uid}\r\n")).expect("the event");
    let begin = unfolded[..at].rfind("BEGIN:VEVENT").unwrap();
    let end = at + unfolded[at..].find("END:VEVENT").unwrap();
    unfolded[begin..end].to_string()
}

#[test]
fn golden_a_second_file_with_a_move_a_removal_and_a_cancelled_visit() {
    let view = demo_view();
    let first = feed(&view, Scope::Visit, &options(&[Lang::De, Lang::Zh]), &[]);
    // A day later: one item moved by half an hour, one removed.
    let mut next = view.clone();
    let removed = next.programme.remove(2);
    let moved = &mut next.programme[3];
    moved.start_utc = moved.start_utc.map(|t| t + Duration::minutes(30));
    moved.end_utc = moved.end_utc.map(|t| t + Duration::minutes(30));
    if let dplan_core::Schedule::Timed { start, end } = &mut moved.schedule {
        start.local += Duration::minutes(30);
        end.local += Duration::minutes(30);
    }
    let second = feed(
        &next,
        Scope::Visit,
        &later(&[Lang::De, Lang::Zh]),
        &first.published,
    );
    assert!(second.text.contains(&format!("UID:{}", removed.id)));
    crate::golden("feed-second-de-zh.ics", &second.text);
    // Then the whole visit is called off.
    next.visit.status = VisitStatus::Cancelled;
    let third = feed(
        &next,
        Scope::Visit,
        &Options {
            stamp: stamp() + Duration::days(2),
            ..options(&[Lang::De, Lang::Zh])
        },
        &second.published,
    );
    let (_, events) = parse(&third.text);
    assert!(events.iter().all(|e| e.status == "CANCELLED"));
    crate::golden("feed-cancelled-visit-de-zh.ics", &third.text);
}

#[test]
fn a_guests_feed_and_an_internal_one_are_kept_apart() {
    let p = dplan_core::PersonId::derived("feed-key");
    for scope in [Scope::Visit, Scope::Participant(p), Scope::Staff(p)] {
        let guest = scope.feed_key(Edition::Guest);
        let internal = scope.feed_key(Edition::Internal);
        assert_ne!(guest, internal, "{scope:?}");
        assert_eq!(Scope::from_feed_key(&guest), Some((scope, Edition::Guest)));
        assert_eq!(
            Scope::from_feed_key(&internal),
            Some((scope, Edition::Internal))
        );
    }
    // Keys of the first release of feeds (guest and internal shared one).
    assert_eq!(Scope::Visit.feed_key(Edition::Guest), "visit");
    assert_eq!(Scope::from_feed_key("nonsense/x"), None);
}

#[test]
fn an_item_a_guest_saw_that_becomes_tentative_stays_as_tentative_not_cancelled() {
    let view = demo_view();
    let guest = Options {
        edition: Edition::Guest,
        ..options(&[Lang::De, Lang::Zh])
    };
    let first = feed(&view, Scope::Visit, &guest, &[]);
    let shown = view
        .for_edition(Edition::Guest, false)
        .programme
        .iter()
        .map(|i| i.id)
        .nth(2)
        .unwrap();
    let mut changed = view.clone();
    let i = changed
        .programme
        .iter_mut()
        .find(|i| i.id == shown)
        .unwrap();
    i.status = ItemStatus::Tentative;
    let next = feed(
        &changed,
        Scope::Visit,
        &Options {
            stamp: stamp() + Duration::days(1),
            ..guest.clone()
        },
        &first.published,
    );
    let (_, events) = parse(&next.text);
    let e = event(&events, &shown.to_string());
    assert_eq!(e.status, "TENTATIVE", "{}", e.summary);
    assert!(!e.summary.contains("Abgesagt"), "{}", e.summary);
    assert!(next.published.iter().all(|p| !p.gone));
    // A tentative item the guest never saw stays out.
    let never = changed
        .programme
        .iter()
        .find(|i| i.status == ItemStatus::Tentative && i.id != shown)
        .expect("the demo has a tentative item");
    assert!(!first.text.contains(&never.id.to_string()));
    assert!(!next.text.contains(&never.id.to_string()));
    // Confirmed again: back to confirmed, one SEQUENCE higher still.
    let again = feed(
        &view,
        Scope::Visit,
        &Options {
            stamp: stamp() + Duration::days(2),
            ..guest
        },
        &next.published,
    );
    let back = event(&parse(&again.text).1, &shown.to_string()).clone();
    assert_eq!(back.status, "CONFIRMED");
    assert_eq!(back.sequence, e.sequence + 1);
}
