//! The command line as clap reads it: the commands, their arguments and the
//! values they take (languages, sides, layouts, editions). `main.rs` runs
//! each command; nothing here reads the database.

use std::path::PathBuf;

use chrono::Utc;
use clap::{Parser, Subcommand};
use dplan_core::{Edition, Lang, Side};

/// A language on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum LangArg {
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
pub(crate) enum SideArg {
    Guest,
    Host,
}

/// How two languages stand on a printed page.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub(crate) enum LayoutArg {
    /// Beside each other
    Side,
    /// One under the other
    Stacked,
}

/// Guest or internal edition of a document or calendar.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub(crate) enum EditionArg {
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
pub(crate) struct Cli {
    /// The database: a SQLite file's path, or a team database's address on
    /// a PostgreSQL server (postgres://user@server/database; the password
    /// from PGPASSWORD or ~/.pgpass). Default: the one the app was set to,
    /// else the app's file in the platform's app-data folder
    #[arg(long, global = true, env = "DPLAN_DB", value_name = "PATH|URL")]
    pub(crate) db: Option<String>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Load the demo visits (running it again changes nothing)
    Demo(DemoArgs),
    /// List visits, latest first
    Visits(VisitsArgs),
    /// Show a visit with its participants and programme, or one person's own
    /// programme in it
    Show(ShowArgs),
    /// Check a visit's programme for conflicts: people or venues booked
    /// twice, too little time between venues, items outside a participant's
    /// stay or the visit's days, no common language without an interpreter
    Check(CheckArgs),
    /// List the venues with their ids (for check-settings --travel)
    Venues(VenuesArgs),
    /// Show or change the conflict check's settings; without options it
    /// shows them
    CheckSettings(CheckSettingsArgs),
    /// Write a whole visit to a JSON file (format: docs/visit-file.md)
    ExportVisit(ExportVisitArgs),
    /// Import a visit file; a visit with the same id is updated in place.
    /// Persons and venues that other visits also use are listed when the
    /// file changes them
    ImportVisit(ImportVisitArgs),
    /// Add the people in a participant list (.csv or .xlsx) to a visit. Known
    /// persons (same name and organisation) are matched, not duplicated.
    /// Nothing is imported while any row is invalid, unless --only-valid
    ImportParticipants(ImportParticipantsArgs),
    /// Write a calendar file (.ics) for Outlook and other calendars: the
    /// whole programme, one participant's own programme, or one staff
    /// member's duties
    ExportIcs(ExportIcsArgs),
    /// Write the printed itinerary (A4, bilingual) as .pdf or .html: the
    /// whole visit, or one participant's own itinerary
    ExportItinerary(ExportItineraryArgs),
    /// Write a visit's participants in order of precedence to .csv (UTF-8
    /// with BOM, for Excel) or .xlsx
    ExportRoster(ExportRosterArgs),
    /// Remove the personal data (passport, birth date, nationality, dietary
    /// and accessibility notes) of a completed or cancelled visit's
    /// participants; people in a visit that is not over keep theirs
    PurgePersonalData(PurgePersonalDataArgs),
    /// Write a consistent copy of the database (safe while the app runs)
    Backup(BackupArgs),
    /// Copy a whole database into an empty one, between a SQLite file and a
    /// team's server either way (a team starts on a server; an archive or a
    /// laptop gets a file): every visit, person, personal data, setting
    /// and calendar state, unchanged
    Copy(CopyArgs),
    /// Replace the database with a backup, after checking the backup
    Restore(RestoreArgs),
    /// Keep a visit's calendars in step with the plan: one for the whole
    /// programme (guest edition), one per participant, one per staff
    /// member's duties; on a CalDAV server (--caldav; sends only what
    /// changed, leaves entries someone else changed on the server alone;
    /// password from DPLAN_CALDAV_PASSWORD or a prompt) or as subscription
    /// feeds in a folder a web server serves (--folder; for Outlook)
    Publish(PublishArgs),
    /// Print where the database is, its schema version and the release of
    /// the time-zone database this build carries
    Info(InfoArgs),
}

#[derive(clap::Args)]
pub(crate) struct DemoArgs {
    /// Instead: generate a five-year benchmark database (500 visits,
    /// 20,000 persons, 100,000 programme items)
    #[arg(long)]
    pub(crate) large: bool,
    /// Seed for --large; the same seed gives the same data
    #[arg(long, default_value_t = 1, requires = "large")]
    pub(crate) seed: u64,
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(clap::Args)]
pub(crate) struct VisitsArgs {
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(clap::Args)]
pub(crate) struct ShowArgs {
    /// Visit id, or a unique beginning of it
    pub(crate) visit: String,
    /// Only this person's items (those they attend or are responsible
    /// for), with their arrival, departure and hotel: a person id (as
    /// `show --json` lists it) or a unique beginning of one
    #[arg(long, value_name = "PERSON")]
    pub(crate) participant: Option<String>,
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(clap::Args)]
pub(crate) struct CheckArgs {
    pub(crate) visit: String,
    /// Language of the warnings (default: the environment's locale,
    /// else English); --json keeps each warning's kind as its code
    #[arg(long, value_enum)]
    pub(crate) lang: Option<LangArg>,
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(clap::Args)]
pub(crate) struct VenuesArgs {
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(clap::Args)]
pub(crate) struct CheckSettingsArgs {
    /// Minutes the way between two places takes when no travel time is
    /// set for them (0 turns the travel check off)
    #[arg(long, value_name = "MINUTES")]
    pub(crate) default_travel_minutes: Option<u32>,
    /// Also find a venue booked by two visits at once
    #[arg(long, value_name = "true|false")]
    pub(crate) venues_across_visits: Option<bool>,
    /// Set the way between two venues (both directions): VENUE:VENUE=MINUTES
    #[arg(long, value_name = "A:B=MINUTES")]
    pub(crate) travel: Vec<String>,
    /// Forget the way between two venues: VENUE:VENUE
    #[arg(long, value_name = "A:B")]
    pub(crate) remove_travel: Vec<String>,
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(clap::Args)]
pub(crate) struct ExportVisitArgs {
    pub(crate) visit: String,
    #[arg(short, long, value_name = "FILE.json")]
    pub(crate) output: PathBuf,
    /// Include passport numbers, birth dates, dietary and accessibility notes
    #[arg(long)]
    pub(crate) with_personal_data: bool,
}

#[derive(clap::Args)]
pub(crate) struct ImportVisitArgs {
    pub(crate) file: PathBuf,
    /// Show what would be imported; store nothing
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Keep the stored version of persons and venues other visits also use
    #[arg(long)]
    pub(crate) keep_shared: bool,
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(clap::Args)]
pub(crate) struct ImportParticipantsArgs {
    pub(crate) visit: String,
    pub(crate) file: PathBuf,
    /// Show what would be imported; store nothing
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Import the valid rows and skip the invalid ones
    #[arg(long)]
    pub(crate) only_valid: bool,
    /// Map a field to a column where detection fails: FIELD=COLUMN, the
    /// column by header, letter (C) or number (3); e.g. family_name=C
    #[arg(long = "map", value_name = "FIELD=COLUMN")]
    pub(crate) map: Vec<String>,
    /// Side for rows that do not say
    #[arg(long, value_enum, default_value = "guest")]
    pub(crate) side: SideArg,
    #[arg(long)]
    pub(crate) json: bool,
}

/// Which edition of a document or calendar, for whom.
#[derive(clap::Args)]
pub(crate) struct EditionChoice {
    /// Guest edition (no internal notes, staff duties or cancelled
    /// items) or internal edition (everything). Default: guest for the
    /// whole visit and for guests, internal for hosts and staff
    #[arg(long, value_enum, value_name = "EDITION")]
    pub(crate) edition: Option<EditionArg>,
    /// In a guest edition, include tentative items (marked as such)
    #[arg(long)]
    pub(crate) tentative: bool,
}

impl EditionChoice {
    /// The edition asked for; `None` for the reader's own.
    pub(crate) fn edition(&self) -> Option<Edition> {
        self.edition.map(Edition::from)
    }
}

#[derive(clap::Args)]
pub(crate) struct ExportIcsArgs {
    pub(crate) visit: String,
    /// Only the items this person attends (a person id as `show --json`
    /// lists it, or a unique beginning of one)
    #[arg(long, value_name = "PERSON", conflicts_with = "staff")]
    pub(crate) participant: Option<String>,
    /// Only the items this person is responsible for
    #[arg(long, value_name = "PERSON")]
    pub(crate) staff: Option<String>,
    #[arg(short, long, value_name = "FILE.ics")]
    pub(crate) output: PathBuf,
    /// Languages of titles and descriptions, the first leading: de, en,
    /// zh, or two or three of them, e.g. de,zh
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "de",
        value_name = "LANGS"
    )]
    pub(crate) lang: Vec<LangArg>,
    /// A reminder this many minutes before each item (at most two
    /// weeks: 20160)
    #[arg(long, value_name = "MINUTES", value_parser = clap::value_parser!(u32).range(0..=i64::from(dplan_api::calendar::MAX_REMINDER_MINUTES)))]
    pub(crate) reminder: Option<u32>,
    #[command(flatten)]
    pub(crate) edition: EditionChoice,
}

#[derive(clap::Args)]
pub(crate) struct ExportItineraryArgs {
    pub(crate) visit: String,
    /// Only this person's items, with their arrival, departure and hotel
    #[arg(long, value_name = "PERSON")]
    pub(crate) participant: Option<String>,
    #[arg(short, long, value_name = "FILE.pdf|FILE.html")]
    pub(crate) output: PathBuf,
    /// One or two languages, the first leading: de, en, zh, de,zh, de,en, en,zh
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "de,zh",
        value_name = "LANGS"
    )]
    pub(crate) lang: Vec<LangArg>,
    /// Two languages beside each other or one under the other
    #[arg(long, value_enum, default_value = "side")]
    pub(crate) layout: LayoutArg,
    /// The version stamp ("Stand: …") as RFC 3339, instead of now; the
    /// same data and stamp give the same PDF
    #[arg(long, value_name = "TIME")]
    pub(crate) stamp: Option<chrono::DateTime<Utc>>,
    #[command(flatten)]
    pub(crate) edition: EditionChoice,
}

#[derive(clap::Args)]
pub(crate) struct ExportRosterArgs {
    pub(crate) visit: String,
    #[arg(short, long, value_name = "FILE.csv|FILE.xlsx")]
    pub(crate) output: PathBuf,
    /// Language of headers, titles and organisations
    #[arg(long, value_enum, default_value = "de")]
    pub(crate) lang: LangArg,
}

#[derive(clap::Args)]
pub(crate) struct PurgePersonalDataArgs {
    pub(crate) visit: String,
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(clap::Args)]
pub(crate) struct BackupArgs {
    pub(crate) file: PathBuf,
}

#[derive(clap::Args)]
pub(crate) struct CopyArgs {
    /// The database to copy (default: the one --db names)
    #[arg(long, value_name = "PATH|URL")]
    pub(crate) from: Option<String>,
    /// Where to: a SQLite file that does not exist yet, or a server
    /// database that holds no data
    #[arg(long, value_name = "PATH|URL")]
    pub(crate) to: String,
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(clap::Args)]
pub(crate) struct RestoreArgs {
    pub(crate) file: PathBuf,
}

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("to").required(true).args(["caldav", "folder"])))]
pub(crate) struct PublishArgs {
    pub(crate) visit: String,
    /// The collection the visit's calendars go into, e.g.
    /// https://kalender.herne.de/protokoll/
    #[arg(long, value_name = "URL")]
    pub(crate) caldav: Option<String>,
    /// The user to log in as (without: anonymous)
    #[arg(long, value_name = "NAME", conflicts_with = "folder")]
    pub(crate) user: Option<String>,
    /// The folder the web server serves (without a directory listing:
    /// each feed's file name is its secret)
    #[arg(long, value_name = "DIR")]
    pub(crate) folder: Option<PathBuf>,
    /// The address the folder is served at, to print each feed's link
    #[arg(long, value_name = "URL", conflicts_with = "caldav")]
    pub(crate) base_url: Option<String>,
    /// Revoke one feed's address (its name from the list, e.g.
    /// programm, or all): the file goes, the next publish makes a new one
    #[arg(long, value_name = "CALENDAR", conflicts_with = "caldav")]
    pub(crate) revoke: Option<String>,
    /// Whether this visit's guests' calendars name the people at each
    /// item (remembered for the visit; without it, what the visit said
    /// before, at first no)
    #[arg(long, value_name = "yes|no", value_parser = yes_no, num_args = 0..=1, default_missing_value = "yes")]
    pub(crate) names: Option<bool>,
    /// Take the visit's calendars back: remove its collections from the
    /// server (--caldav) or its feeds from the folder (--folder); then
    /// the visit can be deleted
    #[arg(long, conflicts_with_all = ["revoke", "names"])]
    pub(crate) withdraw: bool,
    /// Languages of titles and descriptions, the first leading
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "de,zh",
        value_name = "LANGS"
    )]
    pub(crate) lang: Vec<LangArg>,
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(clap::Args)]
pub(crate) struct InfoArgs {
    #[arg(long)]
    pub(crate) json: bool,
}
impl From<SideArg> for Side {
    fn from(s: SideArg) -> Side {
        match s {
            SideArg::Guest => Side::Guest,
            SideArg::Host => Side::Host,
        }
    }
}

impl From<LayoutArg> for dplan_api::itinerary::Layout {
    fn from(l: LayoutArg) -> Self {
        match l {
            LayoutArg::Side => dplan_api::itinerary::Layout::SideBySide,
            LayoutArg::Stacked => dplan_api::itinerary::Layout::Stacked,
        }
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
