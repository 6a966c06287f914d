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
use dplan_core::{Lang, PersonId, Side, VisitId, view::VisitView};
use dplan_roster as roster;
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
    /// Add the people in a participant list (.csv or .xlsx) to a visit. Known
    /// persons (same name and organisation) are matched, not duplicated.
    /// Nothing is imported while any row is invalid, unless --only-valid
    ImportParticipants {
        visit: String,
        file: PathBuf,
        /// Show what would be imported; store nothing
        #[arg(long)]
        dry_run: bool,
        /// Import the valid rows and skip the invalid ones
        #[arg(long)]
        only_valid: bool,
        /// Map a field to a column where detection fails: FIELD=COLUMN, the
        /// column by header, letter (C) or number (3); e.g. family_name=C
        #[arg(long = "map", value_name = "FIELD=COLUMN")]
        map: Vec<String>,
        /// Side for rows that do not say
        #[arg(long, value_parser = ["guest", "host"], default_value = "guest")]
        side: String,
        #[arg(long)]
        json: bool,
    },
    /// Write a visit's participants in order of precedence to .csv (UTF-8
    /// with BOM, for Excel) or .xlsx
    ExportRoster {
        visit: String,
        #[arg(short, long, value_name = "FILE.csv|FILE.xlsx")]
        output: PathBuf,
        /// Language of headers, titles and organisations
        #[arg(long, value_parser = ["de", "en", "zh"], default_value = "de")]
        lang: String,
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
        Command::ImportParticipants {
            visit,
            file,
            dry_run,
            only_valid,
            map,
            side,
            json,
        } => {
            let mut store = open(&path)?;
            let id = store.resolve_visit(&visit)?;
            let options = roster::ImportOptions {
                default_side: if side == "host" {
                    Side::Host
                } else {
                    Side::Guest
                },
            };
            let plan = roster_plan(&file, &map, id, &options)?;
            let policy = if only_valid {
                roster::ImportPolicy::ValidRowsOnly
            } else {
                roster::ImportPolicy::AllOrNothing
            };
            if !plan.errors.is_empty() && (!only_valid || !json) {
                for e in &plan.errors {
                    println!("{}: {e}", file.display());
                }
            }
            let drafts = plan.accepted(policy).map_err(|e| {
                Failure(format!(
                    "{}: {e} (--only-valid imports the valid rows)",
                    file.display()
                ))
            })?;
            let listed: Vec<_> = drafts.iter().map(roster::Draft::listed).collect();
            let report = store.import_participants(id, &listed, dry_run)?;
            if json {
                print_json(&serde_json::json!({
                    "rows": plan.rows,
                    "skipped_rows": plan.errors,
                    "unmapped_columns": plan.unmapped,
                    "import": report,
                }))?;
            } else {
                if !plan.unmapped.is_empty() {
                    println!("columns not imported: {}", plan.unmapped.join(", "));
                }
                for d in drafts.iter().filter(|d| !d.notes.is_empty()) {
                    println!("row {}: {}", d.row, d.notes.join("; "));
                }
                print!("{report}");
            }
        }
        Command::ExportRoster {
            visit,
            output,
            lang,
        } => {
            let store = open(&path)?;
            let id = store.resolve_visit(&visit)?;
            let lang = match lang.as_str() {
                "en" => Lang::En,
                "zh" => Lang::Zh,
                _ => Lang::De,
            };
            let file = store.export_visit(id, Utc::now(), false)?;
            let rows = roster::roster_rows(&file, lang);
            let bytes = match output.extension().and_then(|e| e.to_str()) {
                Some(e) if e.eq_ignore_ascii_case("xlsx") => roster::roster_xlsx(&rows, lang)?,
                Some(e) if e.eq_ignore_ascii_case("csv") => roster::roster_csv(&rows, lang),
                _ => {
                    return Err(Failure(format!(
                        "{}: name the file .csv or .xlsx",
                        output.display()
                    )));
                }
            };
            dplan_store::write_atomically(&output, &bytes)?;
            eprintln!("wrote {} ({} participants)", output.display(), rows.len());
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

/// Reads a participant list and plans its import, with the user's column
/// mappings (`family_name=C`) over the detected ones.
fn roster_plan(
    file: &Path,
    map: &[String],
    visit: VisitId,
    options: &roster::ImportOptions,
) -> Result<roster::ImportPlan, Failure> {
    let fail = |e: &dyn std::fmt::Display| Failure(format!("{}: {e}", file.display()));
    roster::FileKind::from_path(file).map_err(|e| fail(&e))?;
    let bytes = std::fs::read(file).map_err(|e| fail(&e))?;
    let table = roster::read_table(&bytes).map_err(|e| fail(&e))?;
    let mut mapping = roster::detect_mapping(&table);
    for m in map {
        let (field, column) = m
            .split_once('=')
            .ok_or_else(|| Failure(format!("--map {m}: write FIELD=COLUMN, e.g. family_name=C")))?;
        let field: roster::Field = serde_json::from_value(field.trim().into()).map_err(|_| {
            Failure(format!(
                "--map {m}: `{field}` is not a field; fields: {}",
                roster::Field::ALL
                    .iter()
                    .map(|f| serde_json::to_value(f)
                        .map(|v| v.as_str().unwrap_or_default().to_string())
                        .unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        let column = table.find_column(column).ok_or_else(|| {
            Failure(format!(
                "--map {m}: the file has no column `{column}` (name a header, a letter or a number)"
            ))
        })?;
        mapping = mapping.with_override(field, Some(column));
    }
    roster::plan_import(&table, &mapping, visit, options, PersonId::random).map_err(|e| fail(&e))
}
