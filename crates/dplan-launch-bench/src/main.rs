//! Launch benchmark: how long Delegation Planner takes from launch until a
//! screen is painted with its data, and how much memory the whole process
//! tree (the app and its WebKit processes) holds once it has settled, each
//! against an empty Tauri window built the same way, measured in one run.
//!
//! Both programs write `dplan-trace: shown SCREEN` to standard error when
//! their page reports that it has painted (the app only with `DPLAN_TRACE`
//! set). This program starts each one, times the line from the moment it
//! spawned the process, waits for the tree to settle, sums the proportional
//! set size (PSS) of every process in the tree from
//! `/proc/PID/smaps_rollup`, and ends the tree. It prints figures and asserts
//! nothing; `.ci/bench-launch` builds everything and runs it under Xvfb.
//!
//! With `--before PATH`, an older release build of the app is measured in
//! the same run, interleaved with the current one, so a change's cost is
//! read side by side with the empty window it is held against.
//!
//! Usage: `launch-bench --app PATH --empty PATH [--before PATH] [--db PATH] [--runs N] [--settle SECONDS]`

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use dplan_core::large;
use dplan_store::Store;

struct Args {
    app: PathBuf,
    empty: PathBuf,
    /// An older build of the app to measure beside the current one.
    before: Option<PathBuf>,
    db: Option<PathBuf>,
    runs: usize,
    settle: Duration,
}

fn parse_args() -> Result<Args, String> {
    let mut app = None;
    let mut empty = None;
    let mut db = None;
    let mut before = None;
    let mut runs = 5;
    let mut settle = Duration::from_secs(5);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--app" => app = Some(PathBuf::from(value()?)),
            "--empty" => empty = Some(PathBuf::from(value()?)),
            "--db" => db = Some(PathBuf::from(value()?)),
            "--before" => before = Some(PathBuf::from(value()?)),
            "--runs" => runs = value()?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--settle" => {
                settle =
                    Duration::from_secs_f64(value()?.parse().map_err(|e| format!("--settle: {e}"))?)
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Args {
        app: app.ok_or("--app PATH is required (the release build of the app)")?,
        empty: empty.ok_or("--empty PATH is required (the release build of the empty window)")?,
        before,
        db,
        runs: runs.max(1),
        settle,
    })
}

struct Scenario {
    label: &'static str,
    program: PathBuf,
    args: Vec<String>,
    /// The screen whose `shown` line ends the timing.
    screen: &'static str,
    /// Extra environment for the process.
    env: &'static [(&'static str, &'static str)],
}

struct Sample {
    shown: Duration,
    pss_kib: u64,
    processes: usize,
}

fn main() {
    if let Err(e) = run() {
        eprintln!("launch-bench: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    if std::env::var_os("DISPLAY").is_none() {
        return Err("no DISPLAY: run under xvfb-run (see .ci/bench-launch)".into());
    }
    let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;

    // The five-year data set; its first visit is the one with 300 items.
    let data = large::generate(large::Size::FIVE_YEARS, 1);
    let big = data.visits[0].visit.id;
    let big_items = data.visits[0].programme.len();
    let db = args
        .db
        .clone()
        .unwrap_or_else(|| scratch.path().join("large.sqlite3"));
    let mut store = Store::open(&db).map_err(|e| e.to_string())?;
    if store.is_empty().map_err(|e| e.to_string())? {
        eprintln!(
            "launch-bench: generating the five-year data set in {}",
            db.display()
        );
        let t = Instant::now();
        store.import_large(&data).map_err(|e| e.to_string())?;
        eprintln!(
            "launch-bench: imported in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    let visits = store.list_visits().map_err(|e| e.to_string())?.len();
    drop(store);
    drop(data);

    let mut scenarios = vec![
        Scenario {
            label: "empty Tauri window",
            program: args.empty.clone(),
            args: vec![],
            screen: "empty",
            env: &[],
        },
        // The app paints without GPU compositing on Linux (see
        // `paint_without_gpu_compositing`); the same empty window painted
        // that way shows what the app itself adds.
        Scenario {
            label: "empty window, no compositing",
            program: args.empty.clone(),
            args: vec![],
            screen: "empty",
            env: &[("WEBKIT_DISABLE_COMPOSITING_MODE", "1")],
        },
        Scenario {
            label: "dplan: visit list",
            program: args.app.clone(),
            args: vec![],
            screen: "visits",
            env: &[],
        },
        Scenario {
            label: "dplan: 300-item programme",
            program: args.app.clone(),
            args: vec!["--open".into(), big.to_string()],
            screen: "visit",
            env: &[],
        },
    ];
    if let Some(before) = &args.before {
        scenarios.push(Scenario {
            label: "dplan before: visit list",
            program: before.clone(),
            args: vec![],
            screen: "visits",
            env: &[],
        });
        scenarios.push(Scenario {
            label: "dplan before: 300-item prog.",
            program: before.clone(),
            args: vec!["--open".into(), big.to_string()],
            screen: "visit",
            env: &[],
        });
    }

    // One warm-up start of each, not counted (first starts fill the page
    // cache from disk), then the runs interleaved so drift hits all alike.
    let mut samples: Vec<Vec<Sample>> = scenarios.iter().map(|_| Vec::new()).collect();
    for round in 0..=args.runs {
        for (i, s) in scenarios.iter().enumerate() {
            let home = scratch.path().join(format!("home-{i}"));
            let sample = run_once(s, &db, &home, args.settle)?;
            eprintln!(
                "launch-bench: {:<30} {} {:>6.0} ms {:>7.1} MiB ({} processes)",
                s.label,
                if round == 0 { "warm-up" } else { "run    " },
                ms(sample.shown),
                mib(sample.pss_kib),
                sample.processes
            );
            if round > 0 {
                samples[i].push(sample);
            }
        }
    }

    println!(
        "Launch benchmark: {} runs each (median), release builds, Xvfb; data: {visits} visits, the opened one with {big_items} items; PSS summed over the process tree after {:.0} s",
        args.runs,
        args.settle.as_secs_f64()
    );
    println!(
        "{:<30} {:>9} {:>7} {:>7}   {:>10} {:>7} {:>7}   {:>9}",
        "", "to shown", "ratio", "ratio²", "PSS", "ratio", "ratio²", "processes"
    );
    let medians: Vec<(f64, f64, usize)> = samples
        .iter()
        .map(|runs| {
            (
                median(runs.iter().map(|s| ms(s.shown)).collect()),
                median(runs.iter().map(|s| mib(s.pss_kib)).collect()),
                runs.iter().map(|s| s.processes).max().unwrap_or(0),
            )
        })
        .collect();
    let (base_ms, base_mib, _) = medians[0];
    let (soft_ms, soft_mib, _) = medians[1];
    for (s, (t, m, n)) in scenarios.iter().zip(&medians) {
        println!(
            "{:<30} {:>6.0} ms {:>6.2}× {:>6.2}×   {:>6.1} MiB {:>6.2}× {:>6.2}×   {:>9}",
            s.label,
            t,
            t / base_ms,
            t / soft_ms,
            m,
            m / base_mib,
            m / soft_mib,
            n
        );
    }
    println!(
        "ratio: against the empty window as built (WebKitGTK's default painting); ratio²: against the empty window painted without compositing, as the app paints"
    );
    println!("targets: at most 1.20× the empty window's time and 1.30× its memory");
    Ok(())
}

/// Starts `s`, waits for its `shown` line, lets it settle, measures the
/// tree's memory and ends the tree.
fn run_once(s: &Scenario, db: &Path, home: &Path, settle: Duration) -> Result<Sample, String> {
    let start = Instant::now();
    let mut child = Command::new(&s.program)
        .args(&s.args)
        .env("DPLAN_DB", db)
        .env("DPLAN_TRACE", "1")
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .envs(s.env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", s.program.display()))?;
    let stderr = child.stderr.take().ok_or("no stderr pipe")?;
    let want = format!("dplan-trace: shown {}", s.screen);
    let (tx, rx) = mpsc::channel();
    // The reader keeps draining the pipe after the line, so a chatty
    // process never blocks on a full pipe.
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.trim() == want {
                let _ = tx.send(Instant::now());
            }
        }
    });
    let shown = match rx.recv_timeout(Duration::from_secs(90)) {
        Ok(at) => at - start,
        Err(_) => {
            end_tree(&mut child);
            return Err(format!(
                "{} did not report `{}` within 90 s",
                s.label, s.screen
            ));
        }
    };
    std::thread::sleep(settle);
    let tree = process_tree(child.id());
    let pss_kib = tree.iter().map(|&pid| pss_kib(pid)).sum();
    end_tree(&mut child);
    Ok(Sample {
        shown,
        pss_kib,
        processes: tree.len(),
    })
}

/// `root` and every process below it, from the parent links in `/proc`.
fn process_tree(root: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse().ok()) else {
                continue;
            };
            if let Some(ppid) = parent_of(pid) {
                children.entry(ppid).or_default().push(pid);
            }
        }
    }
    let mut tree = vec![root];
    let mut i = 0;
    while i < tree.len() {
        tree.extend(children.get(&tree[i]).into_iter().flatten());
        i += 1;
    }
    tree
}

/// The parent from `/proc/PID/stat`; the command name may hold spaces and
/// parentheses, so the fields are read after its last `)`.
fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(1)?.parse().ok()
}

/// The process's proportional set size: shared pages counted by share, so
/// the sum over a tree is what the tree costs the machine.
fn pss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Asks the tree to end (SIGTERM), and kills what is left after 5 s.
fn end_tree(child: &mut Child) {
    let tree = process_tree(child.id());
    signal(&tree, libc::SIGTERM);
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    signal(&tree, libc::SIGKILL);
    let _ = child.wait();
}

fn signal(pids: &[u32], sig: libc::c_int) {
    for &pid in pids {
        // Only positive pids of our own tree: never 0 or -1, which would
        // signal whole process groups.
        if let Ok(pid) = libc::pid_t::try_from(pid)
            && pid > 1
        {
            // SAFETY: kill(2) with a positive pid signals that one process.
            unsafe {
                libc::kill(pid, sig);
            }
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
