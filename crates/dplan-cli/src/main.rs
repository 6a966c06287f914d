//! `dplan`: the headless command-line tool of Delegation Planner, over the
//! same database as the desktop app. Human-readable output by default,
//! `--json` for scripts; exit status 0 on success, 1 with a one-line reason
//! on stderr for anything the user can fix, 2 for a malformed command line.

mod output;

use std::{
    path::{Path, PathBuf},
    process::ExitCode,
};

use chrono::Utc;
use clap::{Parser, Subcommand};
use dplan_core::view::VisitView;
use dplan_store::{Store, StoreError};

#[derive(Parser)]
#[command(
    name = "dplan",
    version,
    about = "Delegation Planner on the command line: visits, imports, exports, backups"
)]
struct Cli {
    /// Database file (default: the app's database in the platform's app-data folder)
    #[arg(long, global = true, env = "DPLAN_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load the demo visits (running it again changes nothing)
    Demo {
        /// Instead: generate a five-year benchmark database (500 visits,
        /// 20,000 persons, 100,000 programme items)
        #[arg(long)]
        large: bool,
        /// Seed for --large; the same seed gives the same data
        #[arg(long, default_value_t = 1, requires = "large")]
        seed: u64,
        #[arg(long)]
        json: bool,
    },
    /// List visits, latest first
    Visits {
        #[arg(long)]
        json: bool,
    },
    /// Show a visit with its participants and programme
    Show {
        /// Visit id, or a unique beginning of it
        visit: String,
        #[arg(long)]
        json: bool,
    },
    /// Write a whole visit to a JSON file (format: docs/visit-file.md)
    ExportVisit {
        visit: String,
        #[arg(short, long, value_name = "FILE.json")]
        output: PathBuf,
        /// Include passport numbers, birth dates, dietary and accessibility notes
        #[arg(long)]
        with_personal_data: bool,
    },
    /// Import a visit file; a visit with the same id is updated in place
    ImportVisit {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Remove the personal data (passport, birth date, nationality, dietary
    /// and accessibility notes) of a completed or cancelled visit's
    /// participants; people in a visit that is not over keep theirs
    PurgePersonalData {
        visit: String,
        #[arg(long)]
        json: bool,
    },
    /// Write a consistent copy of the database (safe while the app runs)
    Backup { file: PathBuf },
    /// Replace the database with a backup, after checking the backup
    Restore { file: PathBuf },
    /// Print where the database is and its schema version
    Info {
        #[arg(long)]
        json: bool,
    },
}

/// An error for the user: one line, no stack trace.
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(msg)) => {
            eprintln!("dplan: {msg}");
            ExitCode::from(1)
        }
    }
}

fn db_path(cli_db: Option<PathBuf>) -> Result<PathBuf, Failure> {
    cli_db.or_else(dplan_store::default_db_path).ok_or_else(|| {
        Failure("cannot find the app-data folder; pass --db PATH or set DPLAN_DB".into())
    })
}

fn open(path: &Path) -> Result<Store, Failure> {
    Store::open(path)
        .map_err(|e| Failure(format!("cannot open the database {}: {e}", path.display())))
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

fn run(cli: Cli) -> Result<(), Failure> {
    let path = db_path(cli.db)?;
    match cli.command {
        Command::Demo {
            large: true, seed, ..
        } => {
            let mut store = open(&path)?;
            let started = std::time::Instant::now();
            let data = dplan_core::large::generate(dplan_core::large::Size::FIVE_YEARS, seed);
            store.import_large(&data)?;
            println!(
                "generated {} visits, {} programme items in {:.1} s; the 300-item visit is {}",
                data.visits.len(),
                data.visits.iter().map(|f| f.programme.len()).sum::<usize>(),
                started.elapsed().as_secs_f64(),
                data.visits[0].visit.id
            );
        }
        Command::Demo { json, .. } => {
            let mut store = open(&path)?;
            let reports = store.load_demo()?;
            if json {
                print_json(&reports)?;
            } else {
                for r in &reports {
                    if r.is_noop() {
                        println!("demo visit \"{}\" is already loaded, unchanged", r.title);
                    } else {
                        println!("{r}");
                    }
                }
            }
        }
        Command::Visits { json } => {
            let store = open(&path)?;
            let visits = store.list_visits()?;
            if json {
                let rows: Vec<_> = visits.iter().map(output::VisitRow::from).collect();
                print_json(&rows)?;
            } else {
                print!("{}", output::visits_table(&visits));
            }
        }
        Command::Show { visit, json } => {
            let store = open(&path)?;
            let id = store.resolve_visit(&visit)?;
            let file = store.export_visit(id, Utc::now(), false)?;
            let view = VisitView::new(&file);
            if json {
                print_json(&view)?;
            } else {
                print!("{}", output::visit_text(&view));
            }
        }
        Command::ExportVisit {
            visit,
            output,
            with_personal_data,
        } => {
            let store = open(&path)?;
            let id = store.resolve_visit(&visit)?;
            let file = store.export_visit_file(id, &output, Utc::now(), with_personal_data)?;
            eprintln!(
                "wrote {} ({} participants, {} programme items{})",
                output.display(),
                file.participants.len(),
                file.programme.len(),
                if with_personal_data {
                    ", with personal data"
                } else {
                    ""
                }
            );
        }
        Command::ImportVisit { file, json } => {
            let mut store = open(&path)?;
            let report = store.import_visit_file(&file).map_err(|e| match e {
                // Read and format errors name the file already.
                StoreError::Io { .. } | StoreError::BadFile { .. } => Failure(e.to_string()),
                e => Failure(format!("{}: nothing imported: {e}", file.display())),
            })?;
            if json {
                print_json(&report)?;
            } else {
                println!("{report}");
            }
        }
        Command::PurgePersonalData { visit, json } => {
            let mut store = open(&path)?;
            let id = store.resolve_visit(&visit)?;
            let record = store.purge_personal_data(id, Utc::now())?;
            if json {
                print_json(&record)?;
            } else {
                println!(
                    "removed the personal data of {} person(s); kept it for {} who take part in a visit that is not over",
                    record.purged, record.kept
                );
            }
        }
        Command::Backup { file } => {
            let store = open(&path)?;
            store.backup_to(&file)?;
            println!("backed up {} to {}", path.display(), file.display());
        }
        Command::Restore { file } => {
            let mut store = open(&path)?;
            store.restore_from(&file)?;
            println!("restored {} from {}", path.display(), file.display());
        }
        Command::Info { json } => {
            let store = open(&path)?;
            let info = serde_json::json!({
                "database": path.display().to_string(),
                "schema_version": store.schema_version()?,
                "visits": store.list_visits()?.len(),
                "persons": store.list_persons()?.len(),
            });
            if json {
                print_json(&info)?;
            } else {
                println!("database:       {}", path.display());
                println!("schema version: {}", info["schema_version"]);
                println!("visits:         {}", info["visits"]);
                println!("persons:        {}", info["persons"]);
            }
        }
    }
    Ok(())
}
