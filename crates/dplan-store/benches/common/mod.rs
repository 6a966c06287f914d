//! What the store's benchmarks share: a median of timed runs, and
//! milliseconds as they are printed.

use std::time::{Duration, Instant};

/// The median time of `runs` calls of `f` (its result kept from the
/// optimiser).
pub fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
