//! What each calendar feed carried is kept per visit and feed, replaced
//! whole, and goes with its visit.

use chrono::{TimeZone, Utc};
use dplan_core::calendar::Published;
use dplan_core::demo;

use crate::on_both_demo;

fn event(uid: &str, sequence: u32, gone: bool) -> Published {
    Published {
        uid: uid.into(),
        fingerprint: dplan_core::calendar::fingerprint(uid),
        sequence,
        changed_at: Utc.with_ymd_and_hms(2027, 3, 1, 8, 0, 0).unwrap(),
        summary: "Empfang im Rathaus / 市政厅欢迎仪式".into(),
        start: "20270325T083000Z".into(),
        end: "20270326".into(),
        gone,
    }
}

#[test]
fn a_feed_is_kept_replaced_whole_and_goes_with_its_visit() {
    on_both_demo(|mut s, _| {
        let id = demo::incoming_id();
        assert!(s.published(id, "visit").unwrap().is_empty());
        let first = vec![event("a", 0, false), event("b", 3, true)];
        s.record_published(id, "visit", &first).unwrap();
        s.record_published(id, "participant/x", &[event("a", 7, false)])
            .unwrap();
        let mut read = s.published(id, "visit").unwrap();
        read.sort_by(|a, b| a.uid.cmp(&b.uid));
        assert_eq!(read, first);

        s.record_published(id, "visit", &[event("c", 1, false)])
            .unwrap();
        assert_eq!(
            s.published(id, "visit").unwrap(),
            vec![event("c", 1, false)]
        );
        assert_eq!(
            s.published(id, "participant/x").unwrap(),
            vec![event("a", 7, false)],
            "other feeds keep theirs"
        );

        s.delete_visit(id).unwrap();
        assert!(s.published(id, "visit").unwrap().is_empty());
        assert!(s.published(id, "participant/x").unwrap().is_empty());
    });
}
