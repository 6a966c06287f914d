//! Publishing a 300-item visit (the benchmark set's big visit) to a real
//! CalDAV server on loopback, for all its audiences: the first publish (every
//! calendar made and filled), the same publish again without a change, and
//! a re-publish after one item moved. The yardstick, measured in the same
//! run, is what dplan would send without its memory of the server: every
//! resource again (a fresh publish into new collections). Prints times
//! and request counts; targets: first publish under 2 s, re-publish after
//! one change under 100 ms.
//!
//!     bash .ci/with-servers cargo bench -p dplan-publish --bench publish

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use dplan_core::large::{Size, generate};
use dplan_core::{Lang, Schedule};
use dplan_publish::{CaldavTarget, PublishOptions, publish_caldav};
use dplan_store::Store;

fn main() {
    let var = |k: &str| {
        std::env::var(k).unwrap_or_else(|_| panic!("{k} is not set: run under .ci/with-servers"))
    };
    let (url, user, password) = (
        var("DPLAN_TEST_CALDAV_URL"),
        var("DPLAN_TEST_CALDAV_USER"),
        var("DPLAN_TEST_CALDAV_PASSWORD"),
    );
    let size = Size {
        visits: 1,
        persons: 120,
        items: 300,
        venues: 30,
        big_visit_items: 300,
    };
    let data = generate(size, 11);
    let visit = data.visits[0].visit.id;
    let options = |minute: u32| PublishOptions {
        now: Utc.with_ymd_and_hms(2021, 12, 1, 8, minute, 0).unwrap(),
        langs: vec![Lang::De, Lang::Zh],
        names: false,
    };
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;

    // The yardstick and the first publish are the same thing: every
    // calendar made and every resource sent. One run (it takes long).
    let mut cold = Vec::new();
    let mut store = Store::open_in_memory().unwrap();
    store.import_large(&data).unwrap();
    let mut last_target = None;
    for run in 0..1 {
        let mut s = Store::open_in_memory().unwrap();
        s.import_large(&data).unwrap();
        let target = CaldavTarget::new(
            &format!("{url}bench-{}-{run}/", std::process::id()),
            Some(user.clone()),
            Some(password.clone()),
        )
        .unwrap();
        let t = Instant::now();
        let report = publish_caldav(&mut s, visit, &target, &options(0)).unwrap();
        cold.push((t.elapsed(), report));
        if run == 0 {
            store = s;
            last_target = Some(target);
        }
    }
    let target = last_target.unwrap();
    let (calendars, resources) = {
        let r = &cold[0].1;
        (
            r.collections.len(),
            r.collections.iter().map(|(_, c)| c.added).sum::<usize>(),
        )
    };
    cold.sort_by_key(|(d, _)| *d);
    let (first, first_report) = &cold[0];

    // Again without a change.
    let mut unchanged = Vec::new();
    for n in 0..5 {
        let t = Instant::now();
        let r = publish_caldav(&mut store, visit, &target, &options(1 + n)).unwrap();
        unchanged.push((t.elapsed(), r.requests()));
    }
    unchanged.sort();

    // One item moved by a quarter of an hour, then re-published; five times.
    // After each, the server's own share: the same resources PUT again by a
    // bare client (no ETag check, no dplan), the floor any client pays.
    let urls = store.caldav_collections(visit).unwrap();
    let etags = |store: &Store| -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        for url in &urls {
            for r in store
                .caldav_collection(visit, url)
                .unwrap()
                .unwrap_or_default()
            {
                out.push((url.clone(), r.uid, r.etag));
            }
        }
        out
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let auth = dplan_publish::caldav::basic_authorization(&user, &password);
    let mut floor = Vec::new();
    let mut one_change = Vec::new();
    for n in 0..5 {
        let before = etags(&store);
        let mut item = store.list_programme(visit).unwrap()[10 + n].clone();
        if let Schedule::Timed { start, end } = &mut item.schedule {
            start.local += chrono::Duration::minutes(15);
            end.local += chrono::Duration::minutes(15);
        }
        store.update_item(&item).unwrap();
        let t = Instant::now();
        let r = publish_caldav(&mut store, visit, &target, &options(10 + n as u32)).unwrap();
        one_change.push((t.elapsed(), r.requests()));
        let changed: Vec<String> = etags(&store)
            .into_iter()
            .filter(|e| !before.contains(e))
            .map(|(url, uid, _)| format!("{url}{uid}.ics"))
            .collect();
        let texts: Vec<String> = changed
            .iter()
            .map(|href| {
                agent
                    .get(href)
                    .header("Authorization", &auth)
                    .call()
                    .unwrap()
                    .body_mut()
                    .read_to_string()
                    .unwrap()
            })
            .collect();
        let t = Instant::now();
        for (href, text) in changed.iter().zip(&texts) {
            let status = agent
                .put(href)
                .header("Authorization", &auth)
                .header("Content-Type", "text/calendar; charset=utf-8")
                .send(text.as_str())
                .unwrap()
                .status();
            assert!(status.is_success(), "{href}: {status}");
        }
        floor.push((t.elapsed(), changed.len()));
    }
    floor.sort();
    one_change.sort();

    println!(
        "publishing a {}-item visit to Radicale on loopback: {calendars} calendars, {resources} entries",
        size.big_visit_items
    );
    println!(
        "  first publish (= yardstick: everything sent)         {:>8.1} ms  {:>6} requests   target < 2000 ms",
        ms(*first),
        first_report.requests()
    );
    println!(
        "  again, nothing changed                       median {:>8.1} ms  {:>6} requests",
        ms(unchanged[2].0),
        unchanged[2].1
    );
    println!(
        "  again after one item moved                   median {:>8.1} ms  {:>6} requests   target < 100 ms",
        ms(one_change[2].0),
        one_change[2].1
    );
    println!(
        "  the same writes from a bare client (server floor)    median {:>8.1} ms  {:>6} requests",
        ms(floor[2].0),
        floor[2].1
    );
    println!(
        "  one change costs {:.1}% of sending everything",
        100.0 * ms(one_change[2].0) / ms(*first)
    );
}
