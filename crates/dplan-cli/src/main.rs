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
use dplan_core::{Edition, ErrorKind, Kinded, Lang, PersonId, Side, VisitId};
use dplan_roster as roster;
use dplan_store::{Store, StoreError};

/// A language on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum LangArg {
    De,
    En,
    Zh,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::De => Lang::De,
            LangArg::En => Lang::En,
            LangArg::Zh => Lang::Zh,
        }
    }
}

/// Guest or host side, for rows of a list that do not say.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum SideArg {
    Guest,
    Host,
}

/// How two languages stand on a printed page.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum LayoutArg {
    /// Beside each other
    Side,
    /// One under the other
    Stacked,
}

/// Guest or internal edition of a document or calendar.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum EditionArg {
    Guest,
    Internal,
}

impl From<EditionArg> for Edition {
    fn from(e: EditionArg) -> Edition {
        match e {
            EditionArg::Guest => Edition::Guest,
            EditionArg::Internal => Edition::Internal,
        }
    }
}

#[derive(Parser)]
#[command(
    name = "dplan",
    version,
    about = "Delegation Planner on the command line: visits, imports, exports, backups",
    after_help = "Exit codes: 0 done; 1 a fault of dplan's own; 2 the command line or \
                  the input is wrong; 3 something named does not exist; 4 what is stored \
                  (or someone else at work) stands in the way; 5 the database, the file \
                  system or a server failed."
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
    /// Show a visit with its participants and programme, or one person's own
    /// programme in it
    Show {
        /// Visit id, or a unique beginning of it
        visit: String,
        /// Only this person's items (those they attend or are responsible
        /// for), with their arrival, departure and hotel: a person id (as
        /// `show --json` lists it) or a unique beginning of one
        #[arg(long, value_name = "PERSON")]
        participant: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Check a visit's programme for conflicts: people or venues booked
    /// twice, too little time between venues, items outside a participant's
    /// stay or the visit's days, no common language without an interpreter
    Check {
        visit: String,
        /// Language of the warnings (default: the environment's locale,
        /// else English); --json keeps each warning's kind as its code
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        #[arg(long)]
        json: bool,
    },
    /// List the venues with their ids (for check-settings --travel)
    Venues {
        #[arg(long)]
        json: bool,
    },
    /// Show or change the conflict check's settings; without options it
    /// shows them
    CheckSettings {
        /// Minutes the way between two places takes when no travel time is
        /// set for them (0 turns the travel check off)
        #[arg(long, value_name = "MINUTES")]
        default_travel_minutes: Option<u32>,
        /// Also find a venue booked by two visits at once
        #[arg(long, value_name = "true|false")]
        venues_across_visits: Option<bool>,
        /// Set the way between two venues (both directions): VENUE:VENUE=MINUTES
        #[arg(long, value_name = "A:B=MINUTES")]
        travel: Vec<String>,
        /// Forget the way between two venues: VENUE:VENUE
        #[arg(long, value_name = "A:B")]
        remove_travel: Vec<String>,
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
    /// Import a visit file; a visit with the same id is updated in place.
    /// Persons and venues that other visits also use are listed when the
    /// file changes them
    ImportVisit {
        file: PathBuf,
        /// Show what would be imported; store nothing
        #[arg(long)]
        dry_run: bool,
        /// Keep the stored version of persons and venues other visits also use
        #[arg(long)]
        keep_shared: bool,
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
        #[arg(long, value_enum, default_value = "guest")]
        side: SideArg,
        #[arg(long)]
        json: bool,
    },
    /// Write a calendar file (.ics) for Outlook and other calendars: the
    /// whole programme, one participant's own programme, or one staff
    /// member's duties
    ExportIcs {
        visit: String,
        /// Only the items this person attends (a person id as `show --json`
        /// lists it, or a unique beginning of one)
        #[arg(long, value_name = "PERSON", conflicts_with = "staff")]
        participant: Option<String>,
        /// Only the items this person is responsible for
        #[arg(long, value_name = "PERSON")]
        staff: Option<String>,
        #[arg(short, long, value_name = "FILE.ics")]
        output: PathBuf,
        /// Languages of titles and descriptions, the first leading: de, en,
        /// zh, or two or three of them, e.g. de,zh
        #[arg(
            long,
            value_enum,
            value_delimiter = ',',
            default_value = "de",
            value_name = "LANGS"
        )]
        lang: Vec<LangArg>,
        /// A reminder this many minutes before each item (at most two
        /// weeks: 20160)
        #[arg(long, value_name = "MINUTES", value_parser = clap::value_parser!(u32).range(0..=i64::from(dplan_ics::MAX_REMINDER_MINUTES)))]
        reminder: Option<u32>,
        /// Guest edition (no internal notes, staff duties or cancelled
        /// items) or internal edition (everything). Default: guest for the
        /// whole visit and for guests, internal for hosts and staff
        #[arg(long, value_enum, value_name = "EDITION")]
        edition: Option<EditionArg>,
        /// In a guest edition, include tentative items (marked as such)
        #[arg(long)]
        tentative: bool,
    },
    /// Write the printed itinerary (A4, bilingual) as .pdf or .html: the
    /// whole visit, or one participant's own itinerary
    ExportItinerary {
        visit: String,
        /// Only this person's items, with their arrival, departure and hotel
        #[arg(long, value_name = "PERSON")]
        participant: Option<String>,
        #[arg(short, long, value_name = "FILE.pdf|FILE.html")]
        output: PathBuf,
        /// One or two languages, the first leading: de, en, zh, de,zh, de,en, en,zh
        #[arg(
            long,
            value_enum,
            value_delimiter = ',',
            default_value = "de,zh",
            value_name = "LANGS"
        )]
        lang: Vec<LangArg>,
        /// Two languages beside each other or one under the other
        #[arg(long, value_enum, default_value = "side")]
        layout: LayoutArg,
        /// The version stamp ("Stand: …") as RFC 3339, instead of now; the
        /// same data and stamp give the same PDF
        #[arg(long, value_name = "TIME")]
        stamp: Option<chrono::DateTime<Utc>>,
        /// Guest edition (no internal notes, staff duties or cancelled
        /// items) or internal edition (everything). Default: guest for the
        /// whole visit and for guests, internal for hosts and staff
        #[arg(long, value_enum, value_name = "EDITION")]
        edition: Option<EditionArg>,
        /// In a guest edition, include tentative items (marked as such)
        #[arg(long)]
        tentative: bool,
    },
    /// Write a visit's participants in order of precedence to .csv (UTF-8
    /// with BOM, for Excel) or .xlsx
    ExportRoster {
        visit: String,
        #[arg(short, long, value_name = "FILE.csv|FILE.xlsx")]
        output: PathBuf,
        /// Language of headers, titles and organisations
        #[arg(long, value_enum, default_value = "de")]
        lang: LangArg,
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
    /// Keep a visit's calendars in step with the plan: one for the whole
    /// programme (guest edition), one per participant, one per staff
    /// member's duties; on a CalDAV server (--caldav; sends only what
    /// changed, leaves entries someone else changed on the server alone;
    /// password from DPLAN_CALDAV_PASSWORD or a prompt) or as subscription
    /// feeds in a folder a web server serves (--folder; for Outlook)
    #[command(group(clap::ArgGroup::new("to").required(true).args(["caldav", "folder"])))]
    Publish {
        visit: String,
        /// The collection the visit's calendars go into, e.g.
        /// https://kalender.herne.de/protokoll/
        #[arg(long, value_name = "URL")]
        caldav: Option<String>,
        /// The user to log in as (without: anonymous)
        #[arg(long, value_name = "NAME", conflicts_with = "folder")]
        user: Option<String>,
        /// The folder the web server serves (without a directory listing:
        /// each feed's file name is its secret)
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
        /// The address the folder is served at, to print each feed's link
        #[arg(long, value_name = "URL", conflicts_with = "caldav")]
        base_url: Option<String>,
        /// Revoke one feed's address (its name from the list, e.g.
        /// programm, or all): the file goes, the next publish makes a new one
        #[arg(long, value_name = "CALENDAR", conflicts_with = "caldav")]
        revoke: Option<String>,
        /// Whether this visit's guests' calendars name the people at each
        /// item (remembered for the visit; without it, what the visit said
        /// before, at first no)
        #[arg(long, value_name = "yes|no", value_parser = yes_no, num_args = 0..=1, default_missing_value = "yes")]
        names: Option<bool>,
        /// Take the visit's calendars back: remove its collections from the
        /// server (--caldav) or its feeds from the folder (--folder); then
        /// the visit can be deleted
        #[arg(long, conflicts_with_all = ["revoke", "names"])]
        withdraw: bool,
        /// Languages of titles and descriptions, the first leading
        #[arg(
            long,
            value_enum,
            value_delimiter = ',',
            default_value = "de,zh",
            value_name = "LANGS"
        )]
        lang: Vec<LangArg>,
        #[arg(long)]
        json: bool,
    },
    /// Print where the database is, its schema version and the release of
    /// the time-zone database this build carries
    Info {
        #[arg(long)]
        json: bool,
    },
}

/// An error for the user: one line, no stack trace, and an exit code by
/// its kind ([`ErrorKind::exit_code`]).
struct Failure {
    kind: ErrorKind,
    message: String,
    /// A crate's error as it says itself in any language.
    said: Option<dplan_store::ErrorReport>,
}

impl Failure {
    /// A command line that names something wrong: exit 2.
    fn user(message: String) -> Failure {
        Failure::of(ErrorKind::Invalid, message)
    }

    fn of(kind: ErrorKind, message: String) -> Failure {
        Failure {
            kind,
            message,
            said: None,
        }
    }

    /// The message in `lang` where the error says itself, else as written.
    fn in_lang(self, lang: Lang) -> String {
        match self.said {
            Some(r) => r.in_lang(lang).message,
            None => self.message,
        }
    }
}

/// An error about one file, to be prefixed with its name.
trait FileError: std::fmt::Display + Kinded {}
impl<E: std::fmt::Display + Kinded> FileError for E {}

/// Every crate's error keeps its kind on the way out.
impl<E: std::fmt::Display + Kinded> From<E> for Failure {
    fn from(e: E) -> Self {
        let said = dplan_store::ErrorReport::of(&e);
        Failure {
            kind: e.kind(),
            message: e.to_string(),
            said: (said.problem.is_some() || !said.fields.is_empty()).then_some(said),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            let code = f.kind.exit_code();
            // In the language the environment's locale names.
            let text = f.in_lang(message_lang(None));
            eprintln!("dplan: {}", dplan_core::text::for_message(&text));
            ExitCode::from(code)
        }
    }
}

fn db_path(cli_db: Option<PathBuf>) -> Result<PathBuf, Failure> {
    cli_db.or_else(dplan_store::default_db_path).ok_or_else(|| {
        Failure::user("cannot find the app-data folder; pass --db PATH or set DPLAN_DB".into())
    })
}

fn open(path: &Path) -> Result<Store, Failure> {
    Store::open(path).map_err(|e| {
        Failure::of(
            e.kind(),
            format!("cannot open the database {}: {e}", path.display()),
        )
    })
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::of(ErrorKind::Internal, e.to_string()))?;
    println!("{text}");
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
        Command::Show {
            visit,
            participant: None,
            json,
        } => {
            let store = open(&path)?;
            let id = store.resolve_visit(&visit)?;
            let view = store.visit_view(id)?;
            if json {
                print_json(&view)?;
            } else {
                print!("{}", output::visit_text(&view));
            }
        }
        Command::Show {
            visit,
            participant: Some(person),
            json,
        } => {
            let store = open(&path)?;
            let id = store.resolve_visit(&visit)?;
            let person = store.resolve_person(&person)?;
            let own = store.visit_view(id)?.for_person(person).ok_or_else(|| {
                Failure::user(format!(
                    "{person} takes no part in this visit and is responsible for none of its items"
                ))
            })?;
            if json {
                print_json(&own)?;
            } else {
                print!("{}", output::person_text(&own));
            }
        }
        Command::Check { visit, lang, json } => {
            let lang = message_lang(lang);
            let store = open(&path)?;
            let id = store.resolve_visit(&visit)?;
            let warnings = store.check_visit(id, lang)?;
            if json {
                print_json(&warnings)?;
            } else {
                print!("{}", output::warnings_text(&warnings, lang));
            }
        }
        Command::Venues { json } => {
            let store = open(&path)?;
            let venues = store.list_venues()?;
            if json {
                print_json(&venues)?;
            } else {
                for v in &venues {
                    let room = match v.room.is_empty() {
                        true => String::new(),
                        false => format!(", {}", v.room.best(Lang::De)),
                    };
                    println!(
                        "{}  {}{room} — {}",
                        &v.id.to_string()[..8],
                        v.name.best(Lang::De),
                        v.address
                    );
                }
            }
        }
        Command::CheckSettings {
            default_travel_minutes,
            venues_across_visits,
            travel,
            remove_travel,
            json,
        } => {
            let mut store = open(&path)?;
            let mut settings = store.check_settings()?;
            let changed = default_travel_minutes.is_some()
                || venues_across_visits.is_some()
                || !travel.is_empty()
                || !remove_travel.is_empty();
            if let Some(m) = default_travel_minutes {
                settings.default_travel_minutes = m;
            }
            if let Some(across) = venues_across_visits {
                settings.venues_across_visits = across;
            }
            for arg in &remove_travel {
                let (a, b) = venue_pair(&store, arg, "--remove-travel", "A:B")?;
                settings.set_travel(a, b, None);
            }
            for arg in &travel {
                let (pair, minutes) = arg.rsplit_once('=').ok_or_else(|| {
                    Failure::user(format!("--travel {arg}: write VENUE:VENUE=MINUTES"))
                })?;
                let minutes: u32 = minutes.trim().parse().map_err(|_| {
                    Failure::user(format!(
                        "--travel {arg}: `{minutes}` is not a number of minutes"
                    ))
                })?;
                let (a, b) = venue_pair(&store, pair, "--travel", "A:B=MINUTES")?;
                settings.set_travel(a, b, Some(minutes));
            }
            if changed {
                store.save_check_settings(&settings)?;
                settings = store.check_settings()?;
            }
            if json {
                print_json(&settings)?;
            } else {
                print!(
                    "{}",
                    output::settings_text(&settings, &store.list_venues()?)
                );
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
        Command::ImportVisit {
            file,
            dry_run,
            keep_shared,
            json,
        } => {
            let mut store = open(&path)?;
            let options = dplan_store::ImportOptions {
                shared: if keep_shared {
                    dplan_store::SharedRecords::Keep
                } else {
                    dplan_store::SharedRecords::Update
                },
                dry_run,
            };
            let report = store
                .import_visit_file_with(&file, options)
                .map_err(|e| match e {
                    // Read and format errors name the file already.
                    StoreError::Io { .. } | StoreError::BadFile { .. } => Failure::from(e),
                    e => Failure::of(
                        e.kind(),
                        format!("{}: nothing imported: {e}", file.display()),
                    ),
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
                default_side: match side {
                    SideArg::Host => Side::Host,
                    SideArg::Guest => Side::Guest,
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
                Failure::user(format!(
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
            let lang = Lang::from(lang);
            let file = store.export_visit(id, Utc::now(), false)?;
            let rows = roster::roster_rows(&file, lang);
            let bytes = match output.extension().and_then(|e| e.to_str()) {
                Some(e) if e.eq_ignore_ascii_case("xlsx") => roster::roster_xlsx(&rows, lang)?,
                Some(e) if e.eq_ignore_ascii_case("csv") => roster::roster_csv(&rows, lang),
                _ => {
                    return Err(Failure::user(format!(
                        "{}: name the file .csv or .xlsx",
                        output.display()
                    )));
                }
            };
            dplan_store::write_atomically(&output, &bytes)?;
            eprintln!("wrote {} ({} participants)", output.display(), rows.len());
        }
        Command::ExportIcs {
            visit,
            participant,
            staff,
            output,
            lang,
            reminder,
            edition,
            tentative,
        } => {
            let mut store = open(&path)?;
            let id = store.resolve_visit(&visit)?;
            let scope = match (participant, staff) {
                (Some(p), _) => dplan_ics::Scope::Participant(store.resolve_person(&p)?),
                (_, Some(p)) => dplan_ics::Scope::Staff(store.resolve_person(&p)?),
                _ => dplan_ics::Scope::Visit,
            };
            let view = store.visit_view(id)?;
            let options = dplan_ics::Options {
                langs: langs(&lang)?,
                reminder_minutes: reminder,
                edition: edition.map(Edition::from).unwrap_or(match scope {
                    dplan_ics::Scope::Visit => Edition::Guest,
                    dplan_ics::Scope::Participant(p) => Edition::for_reader(&view, Some(p)),
                    dplan_ics::Scope::Staff(_) => Edition::Internal,
                }),
                tentative,
                ..dplan_ics::Options::new(Utc::now())
            };
            // The feed remembers what it carried once the file is written,
            // so the next file updates and cancels what this one delivered.
            let feed = scope.feed_key(options.edition);
            let before = store.published(id, &feed)?;
            let out = dplan_ics::export_feed(&view, scope, &options, &before)?;
            dplan_store::write_atomically(&output, out.text.as_bytes())?;
            store.record_published(id, &feed, &out.published)?;
            for title in &out.shortened {
                eprintln!(
                    "warning: \"{}\": title or place shortened to {} characters (Outlook keeps no more)",
                    dplan_core::text::for_message(title),
                    dplan_ics::MAX_FIELD_CHARS
                );
            }
            let cancelled = out.published.iter().filter(|p| p.gone).count();
            eprintln!(
                "wrote {} ({} events{})",
                output.display(),
                out.published.len(),
                match cancelled {
                    0 => String::new(),
                    n => format!(", {n} of them taking back removed items as cancelled"),
                }
            );
        }
        Command::ExportItinerary {
            visit,
            participant,
            output,
            lang,
            layout,
            stamp,
            edition,
            tentative,
        } => {
            let store = open(&path)?;
            let id = store.resolve_visit(&visit)?;
            let scope = match participant {
                Some(p) => dplan_print::Scope::Person(store.resolve_person(&p)?),
                None => dplan_print::Scope::Visit,
            };
            let langs = langs(&lang)?;
            let view = store.visit_view(id)?;
            let reader = match scope {
                dplan_print::Scope::Person(p) => Some(p),
                dplan_print::Scope::Visit => None,
            };
            let options = dplan_print::PrintOptions {
                layout: match layout {
                    LayoutArg::Stacked => dplan_print::Layout::Stacked,
                    LayoutArg::Side => dplan_print::Layout::SideBySide,
                },
                edition: edition
                    .map(Edition::from)
                    .unwrap_or_else(|| Edition::for_reader(&view, reader)),
                tentative,
                // The reader's subscription feed, when one was published.
                calendar_link: dplan_publish::feed_link(&store, id, reader)?,
                ..dplan_print::PrintOptions::new(langs, stamp.unwrap_or_else(Utc::now))
            };
            // The staff's copy lists dietary and access needs at each item;
            // the personal data is read only for it.
            let options = match options.edition {
                Edition::Internal => dplan_print::PrintOptions {
                    needs: dplan_print::needs_of(&store.export_visit(id, Utc::now(), true)?),
                    ..options
                },
                Edition::Guest => options,
            };
            let bytes = match output.extension().and_then(|e| e.to_str()) {
                Some(e) if e.eq_ignore_ascii_case("pdf") => {
                    dplan_print::pdf(&view, scope, &options)?
                }
                Some(e) if e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm") => {
                    dplan_print::html_page(&view, scope, &options)?.into_bytes()
                }
                _ => {
                    return Err(Failure::user(format!(
                        "{}: name the file .pdf or .html",
                        output.display()
                    )));
                }
            };
            dplan_store::write_atomically(&output, &bytes)?;
            eprintln!("wrote {}", output.display());
            // Nothing falls back to another language unannounced.
            let missing = dplan_print::missing_translations(&view, scope, &options)?;
            if !missing.is_empty() {
                let says = dplan_core::says::Says(message_lang(None));
                eprintln!("dplan: {}", says.missing_translations(missing.len()));
                for m in &missing {
                    eprintln!(
                        "  {}",
                        dplan_core::text::for_message(&says.missing_translation(m))
                    );
                }
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
        Command::Publish {
            visit,
            folder: Some(dir),
            base_url,
            revoke,
            names,
            withdraw,
            lang,
            json,
            ..
        } => {
            let mut store = open(&path)?;
            let id = store.resolve_visit(&visit)?;
            let revoke = match withdraw {
                true => Some("all".to_string()),
                false => revoke,
            };
            if let Some(which) = revoke {
                let slug = (which != "all").then_some(which.as_str());
                let gone = dplan_publish::folder::revoke(&mut store, id, &dir, slug, Utc::now())?;
                eprintln!(
                    "revoked {} feed address(es); publish again for new ones",
                    gone.len()
                );
                return Ok(());
            }
            let target = dplan_publish::FolderTarget { dir, base_url };
            if let Some(n) = names {
                store.set_calendar_names(id, n)?;
            }
            let options = dplan_publish::PublishOptions {
                now: Utc::now(),
                langs: langs(&lang)?,
                names: store.calendar_names(id)?,
            };
            let report = dplan_publish::publish_folder(&mut store, id, &target, &options)?;
            output::folder_report(&report, json)?;
        }
        Command::Publish {
            visit,
            caldav: Some(caldav),
            user,
            names,
            withdraw,
            lang,
            json,
            ..
        } => {
            let mut store = open(&path)?;
            let id = store.resolve_visit(&visit)?;
            let password = match &user {
                None => None,
                Some(u) => Some(caldav_password(u, &caldav)?),
            };
            let target = dplan_publish::CaldavTarget::new(&caldav, user, password)?;
            if withdraw {
                let n = dplan_publish::withdraw_caldav(&mut store, id, &target, Utc::now())?;
                eprintln!("removed {n} calendar(s) of this visit from the server");
                return Ok(());
            }
            if let Some(n) = names {
                store.set_calendar_names(id, n)?;
            }
            let options = dplan_publish::PublishOptions {
                now: Utc::now(),
                langs: langs(&lang)?,
                names: store.calendar_names(id)?,
            };
            let report = dplan_publish::publish_caldav(&mut store, id, &target, &options)?;
            output::publish_report(&report, json)?;
            let conflicts = report.conflicts();
            if conflicts > 0 {
                return Err(Failure::of(
                    ErrorKind::Conflict,
                    format!(
                        "{conflicts} calendar entries were changed on the server by someone else \
                     and were left as they are there (listed above); \
                     the other changes were published"
                    ),
                ));
            }
        }
        Command::Publish { .. } => unreachable!("clap requires --caldav or --folder"),
        Command::Info { json } => {
            let store = open(&path)?;
            let info = serde_json::json!({
                "database": path.display().to_string(),
                "schema_version": store.schema_version()?,
                "visits": store.list_visits()?.len(),
                "persons": store.list_persons()?.len(),
                "tzdata": dplan_core::TZDB_VERSION,
            });
            if json {
                print_json(&info)?;
            } else {
                println!("database:       {}", path.display());
                println!("schema version: {}", info["schema_version"]);
                println!("visits:         {}", info["visits"]);
                println!("persons:        {}", info["persons"]);
                println!("time zones:     IANA tzdata {}", dplan_core::TZDB_VERSION);
            }
        }
    }
    Ok(())
}

/// The language of messages: `--lang` when given, else the locale the
/// environment names (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first one set,
/// as POSIX orders them), else English.
fn message_lang(arg: Option<LangArg>) -> Lang {
    if let Some(l) = arg {
        return l.into();
    }
    let locale = || {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
    };
    let code = locale().unwrap_or_default();
    match code.get(..2) {
        Some("de") => Lang::De,
        Some("zh") => Lang::Zh,
        _ => Lang::En,
    }
}

/// `yes`/`no` (also `true`/`false`, `ja`/`nein`).
fn yes_no(arg: &str) -> Result<bool, String> {
    match arg.trim().to_lowercase().as_str() {
        "yes" | "true" | "ja" | "1" => Ok(true),
        "no" | "false" | "nein" | "0" => Ok(false),
        _ => Err(format!("`{arg}` is neither yes nor no")),
    }
}

/// The CalDAV password: from DPLAN_CALDAV_PASSWORD, else asked for on the
/// terminal without echo. Never an argument: it would stay in the shell's
/// history and in the process list.
fn caldav_password(user: &str, url: &str) -> Result<String, Failure> {
    if let Ok(p) = std::env::var("DPLAN_CALDAV_PASSWORD") {
        return Ok(p);
    }
    rpassword::prompt_password(format!("password for {user} at {url}: ")).map_err(|e| {
        Failure::user(format!(
            "no password: set DPLAN_CALDAV_PASSWORD or run dplan in a terminal ({e})"
        ))
    })
}

/// The languages of `--lang de,zh`: each once, the first leading.
fn langs(arg: &[LangArg]) -> Result<Vec<Lang>, Failure> {
    let mut out: Vec<Lang> = Vec::with_capacity(arg.len());
    for l in arg {
        let lang = Lang::from(*l);
        if out.contains(&lang) {
            return Err(Failure::user(format!(
                "--lang: `{}` is named twice",
                format!("{l:?}").to_lowercase()
            )));
        }
        out.push(lang);
    }
    Ok(out)
}

/// Two venues named `A:B` (ids or unique beginnings).
fn venue_pair(
    store: &Store,
    arg: &str,
    flag: &str,
    form: &str,
) -> Result<(dplan_core::VenueId, dplan_core::VenueId), Failure> {
    let (a, b) = arg.split_once(':').ok_or_else(|| {
        Failure::user(format!(
            "{flag} {arg}: write {form}, venues as `dplan venues` lists them"
        ))
    })?;
    Ok((store.resolve_venue(a)?, store.resolve_venue(b)?))
}

/// Reads a participant list and plans its import, with the user's column
/// mappings (`family_name=C`) over the detected ones.
fn roster_plan(
    file: &Path,
    map: &[String],
    visit: VisitId,
    options: &roster::ImportOptions,
) -> Result<roster::ImportPlan, Failure> {
    let fail = |e: &dyn FileError| Failure::of(e.kind(), format!("{}: {e}", file.display()));
    roster::FileKind::from_path(file).map_err(|e| fail(&e))?;
    // The size is checked before the file is read (a crafted or wrong file
    // must not be loaded whole).
    let table = roster::read_table_file(file).map_err(|e| fail(&e))?;
    if let Some(note) = table.encoding.filter(|n| n.doubtful) {
        eprintln!("warning: {}: {note}", file.display());
    }
    let mut mapping = roster::detect_mapping(&table);
    for m in map {
        let (field, column) = m.split_once('=').ok_or_else(|| {
            Failure::user(format!("--map {m}: write FIELD=COLUMN, e.g. family_name=C"))
        })?;
        let field: roster::Field = serde_json::from_value(field.trim().into()).map_err(|_| {
            Failure::user(format!(
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
            Failure::user(format!(
                "--map {m}: the file has no column `{column}` (name a header, a letter or a number)"
            ))
        })?;
        mapping = mapping.with_override(field, Some(column));
    }
    roster::plan_import(&table, &mapping, visit, options, PersonId::random).map_err(|e| fail(&e))
}
