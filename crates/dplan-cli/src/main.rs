//! `dplan`: the headless command-line tool of Delegation Planner, over the
//! same database as the desktop app. Human-readable output by default,
//! `--json` for scripts; a one-line reason on stderr and an exit status by
//! the kind of error (listed in `--help`).
//!
//! Each command is one function that parses its arguments, calls the
//! application layer (`dplan-api`) and presents the answer.

mod args;
mod output;

use std::process::ExitCode;

use args::*;
use chrono::Utc;
use clap::Parser;
use dplan_api::{ApiError, ErrorReport, Store, roster};
use dplan_core::{ErrorKind, Kinded, Lang};

/// An error for the user: one line, no stack trace, and an exit code by
/// its kind ([`ErrorKind::exit_code`]).
struct Failure {
    kind: ErrorKind,
    message: String,
    /// An error as it says itself in any language.
    said: Option<ErrorReport>,
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

/// Every error of the application layer keeps its kind on the way out.
impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        let said = ErrorReport::of(&e);
        Failure {
            kind: e.kind(),
            message: e.to_string(),
            said: (said.problem.is_some() || !said.fields.is_empty()).then_some(said),
        }
    }
}

/// A failed write to standard output.
impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::of(Kinded::kind(&e), e.to_string())
    }
}

type Done = Result<(), Failure>;

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

fn run(cli: Cli) -> Done {
    let db = Db(dplan_api::database::chosen(cli.db.as_deref())?);
    match cli.command {
        Command::Demo(a) => demo(&db, a),
        Command::Visits(a) => visits(&db, a),
        Command::Show(a) => show(&db, a),
        Command::Check(a) => check(&db, a),
        Command::Venues(a) => venues(&db, a),
        Command::CheckSettings(a) => check_settings(&db, a),
        Command::ExportVisit(a) => export_visit(&db, a),
        Command::ImportVisit(a) => import_visit(&db, a),
        Command::ImportParticipants(a) => import_participants(&db, a),
        Command::ExportIcs(a) => export_ics(&db, a),
        Command::ExportItinerary(a) => export_itinerary(&db, a),
        Command::ExportRoster(a) => export_roster(&db, a),
        Command::PurgePersonalData(a) => purge_personal_data(&db, a),
        Command::Backup(a) => backup(&db, a),
        Command::Copy(a) => copy(&db, a),
        Command::Restore(a) => restore(&db, a),
        Command::Publish(a) => publish(&db, a),
        Command::Info(a) => info(&db, a),
    }
}

/// The database setting a command works on, opened when the command needs
/// it.
struct Db(String);

impl Db {
    fn open(&self) -> Result<Store, Failure> {
        Ok(dplan_api::database::open(&self.0, None)?)
    }

    /// The database as it may be shown (a server address without password).
    fn shown(&self) -> String {
        dplan_api::database::shown(&self.0)
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Done {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::of(ErrorKind::Internal, e.to_string()))?;
    println!("{text}");
    Ok(())
}

fn demo(db: &Db, a: DemoArgs) -> Done {
    let mut store = db.open()?;
    if a.large {
        let started = std::time::Instant::now();
        let made = dplan_api::visits::generate_large(&mut store, a.seed)?;
        println!(
            "generated {} visits, {} programme items in {:.1} s; the 300-item visit is {}",
            made.visits,
            made.items,
            started.elapsed().as_secs_f64(),
            made.largest
        );
        return Ok(());
    }
    let reports = dplan_api::visits::load_demo(&mut store)?;
    if a.json {
        return print_json(&reports);
    }
    for r in &reports {
        if r.is_noop() {
            println!("demo visit \"{}\" is already loaded, unchanged", r.title);
        } else {
            println!("{r}");
        }
    }
    Ok(())
}

fn visits(db: &Db, a: VisitsArgs) -> Done {
    let visits = dplan_api::visits::list(&db.open()?)?;
    if a.json {
        let rows: Vec<_> = visits.iter().map(output::VisitRow::from).collect();
        print_json(&rows)
    } else {
        print!("{}", output::visits_table(&visits));
        Ok(())
    }
}

fn show(db: &Db, a: ShowArgs) -> Done {
    let store = db.open()?;
    let id = dplan_api::visits::resolve(&store, &a.visit)?;
    match a.participant {
        None => {
            let view = dplan_api::visits::view(&store, id)?;
            match a.json {
                true => print_json(&view)?,
                false => print!("{}", output::visit_text(&view)),
            }
        }
        Some(person) => {
            let person = dplan_api::people::resolve(&store, &person)?;
            let own = dplan_api::visits::person_programme(&store, id, person)?;
            match a.json {
                true => print_json(&own)?,
                false => print!("{}", output::person_text(&own)),
            }
        }
    }
    Ok(())
}

fn check(db: &Db, a: CheckArgs) -> Done {
    let lang = message_lang(a.lang);
    let store = db.open()?;
    let id = dplan_api::visits::resolve(&store, &a.visit)?;
    let warnings = dplan_api::check::run(&store, id, lang)?;
    match a.json {
        true => print_json(&warnings),
        false => {
            print!("{}", output::warnings_text(&warnings, lang));
            Ok(())
        }
    }
}

fn venues(db: &Db, a: VenuesArgs) -> Done {
    let venues = dplan_api::items::venues(&db.open()?)?;
    if a.json {
        return print_json(&venues);
    }
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
    Ok(())
}

fn check_settings(db: &Db, a: CheckSettingsArgs) -> Done {
    let mut store = db.open()?;
    let mut settings = dplan_api::check::settings(&store)?;
    let changed = a.default_travel_minutes.is_some()
        || a.venues_across_visits.is_some()
        || !a.travel.is_empty()
        || !a.remove_travel.is_empty();
    if let Some(m) = a.default_travel_minutes {
        settings.default_travel_minutes = m;
    }
    if let Some(across) = a.venues_across_visits {
        settings.venues_across_visits = across;
    }
    for arg in &a.remove_travel {
        let (x, y) = venue_pair(&store, arg, "--remove-travel", "A:B")?;
        settings.set_travel(x, y, None);
    }
    for arg in &a.travel {
        let (pair, minutes) = arg
            .rsplit_once('=')
            .ok_or_else(|| Failure::user(format!("--travel {arg}: write VENUE:VENUE=MINUTES")))?;
        let minutes: u32 = minutes.trim().parse().map_err(|_| {
            Failure::user(format!(
                "--travel {arg}: `{minutes}` is not a number of minutes"
            ))
        })?;
        let (x, y) = venue_pair(&store, pair, "--travel", "A:B=MINUTES")?;
        settings.set_travel(x, y, Some(minutes));
    }
    if changed {
        settings = dplan_api::check::save_settings(&mut store, &settings)?;
    }
    match a.json {
        true => print_json(&settings),
        false => {
            let venues = dplan_api::items::venues(&store)?;
            print!("{}", output::settings_text(&settings, &venues));
            Ok(())
        }
    }
}

fn export_visit(db: &Db, a: ExportVisitArgs) -> Done {
    let store = db.open()?;
    let id = dplan_api::visits::resolve(&store, &a.visit)?;
    let file = dplan_api::exchange::export_to(&store, id, &a.output, a.with_personal_data)?;
    eprintln!(
        "wrote {} ({} participants, {} programme items{})",
        a.output.display(),
        file.participants.len(),
        file.programme.len(),
        if a.with_personal_data {
            ", with personal data"
        } else {
            ""
        }
    );
    Ok(())
}

fn import_visit(db: &Db, a: ImportVisitArgs) -> Done {
    use dplan_api::exchange::{ImportOptions, SharedRecords};
    let mut store = db.open()?;
    let options = ImportOptions {
        shared: match a.keep_shared {
            true => SharedRecords::Keep,
            false => SharedRecords::Update,
        },
        dry_run: a.dry_run,
    };
    let report =
        dplan_api::exchange::import_file(&mut store, &a.file, options).map_err(|e| match e {
            // Read and format errors name the file already.
            ApiError::File { path, source } => Failure::of(
                source.kind(),
                format!("{}: nothing imported: {source}", path.display()),
            ),
            e => e.into(),
        })?;
    match a.json {
        true => print_json(&report),
        false => {
            println!("{report}");
            Ok(())
        }
    }
}

fn import_participants(db: &Db, a: ImportParticipantsArgs) -> Done {
    let mut store = db.open()?;
    let id = dplan_api::visits::resolve(&store, &a.visit)?;
    let table = roster::read_file(&a.file)?;
    if let Some(note) = table.encoding.as_ref().filter(|n| n.doubtful) {
        eprintln!("warning: {}: {note}", a.file.display());
    }
    let mapping = mapping(&table, &a.map)?;
    let plan =
        roster::plan(&table, &mapping, id, a.side.into()).map_err(|e| e.about_file(&a.file))?;
    let policy = match a.only_valid {
        true => roster::ImportPolicy::ValidRowsOnly,
        false => roster::ImportPolicy::AllOrNothing,
    };
    if !plan.errors.is_empty() && (!a.only_valid || !a.json) {
        for e in &plan.errors {
            println!("{}: {e}", a.file.display());
        }
    }
    let report = roster::import(&mut store, id, &plan, policy, a.dry_run).map_err(|e| match e {
        ApiError::Roster(e) => Failure::user(format!(
            "{}: {e} (--only-valid imports the valid rows)",
            a.file.display()
        )),
        e => e.into(),
    })?;
    if a.json {
        return print_json(&serde_json::json!({
            "rows": plan.rows,
            "skipped_rows": plan.errors,
            "unmapped_columns": plan.unmapped,
            "import": report,
        }));
    }
    if !plan.unmapped.is_empty() {
        println!("columns not imported: {}", plan.unmapped.join(", "));
    }
    let imported = plan.drafts.iter().filter(|d| !d.notes.is_empty());
    for d in imported {
        println!("row {}: {}", d.row, d.notes.join("; "));
    }
    print!("{report}");
    Ok(())
}

fn export_ics(db: &Db, a: ExportIcsArgs) -> Done {
    use dplan_api::calendar::{self, CalendarRequest, Scope};
    let mut store = db.open()?;
    let id = dplan_api::visits::resolve(&store, &a.visit)?;
    let scope = match (a.participant, a.staff) {
        (Some(p), _) => Scope::Participant(dplan_api::people::resolve(&store, &p)?),
        (_, Some(p)) => Scope::Staff(dplan_api::people::resolve(&store, &p)?),
        _ => Scope::Visit,
    };
    let request = CalendarRequest {
        scope,
        langs: langs(&a.lang)?,
        reminder_minutes: a.reminder,
        edition: a.edition.edition(),
        tentative: a.edition.tentative,
        now: Utc::now(),
    };
    let saved = calendar::export_to(&mut store, id, &request, &a.output)?;
    for title in &saved.shortened {
        eprintln!(
            "warning: \"{}\": title or place shortened to {} characters (Outlook keeps no more)",
            dplan_core::text::for_message(title),
            calendar::MAX_FIELD_CHARS
        );
    }
    eprintln!(
        "wrote {} ({} events{})",
        a.output.display(),
        saved.events,
        match saved.taken_back {
            0 => String::new(),
            n => format!(", {n} of them taking back removed items as cancelled"),
        }
    );
    Ok(())
}

fn export_itinerary(db: &Db, a: ExportItineraryArgs) -> Done {
    use dplan_api::itinerary::{self, ItineraryRequest};
    let store = db.open()?;
    let id = dplan_api::visits::resolve(&store, &a.visit)?;
    let person = match &a.participant {
        Some(p) => Some(dplan_api::people::resolve(&store, p)?),
        None => None,
    };
    let request = ItineraryRequest {
        person,
        langs: langs(&a.lang)?,
        layout: a.layout.into(),
        edition: a.edition.edition(),
        tentative: a.edition.tentative,
        stamp: a.stamp.unwrap_or_else(Utc::now),
    };
    let missing = itinerary::export_to(&store, id, &request, &a.output)?;
    eprintln!("wrote {}", a.output.display());
    // Nothing falls back to another language unannounced.
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
    Ok(())
}

fn export_roster(db: &Db, a: ExportRosterArgs) -> Done {
    let store = db.open()?;
    let id = dplan_api::visits::resolve(&store, &a.visit)?;
    let format = roster::RosterFormat::of_path(&a.output)?;
    let written = roster::export_to(&store, id, a.lang.into(), format, &a.output)?;
    eprintln!("wrote {} ({written} participants)", a.output.display());
    Ok(())
}

fn purge_personal_data(db: &Db, a: PurgePersonalDataArgs) -> Done {
    let mut store = db.open()?;
    let id = dplan_api::visits::resolve(&store, &a.visit)?;
    let record = dplan_api::data::purge_personal_data(&mut store, id)?;
    if a.json {
        return print_json(&record);
    }
    println!(
        "removed the personal data of {} person(s); kept it for {} who take part in a visit that is not over",
        record.purged, record.kept
    );
    Ok(())
}

fn backup(db: &Db, a: BackupArgs) -> Done {
    dplan_api::data::backup(&db.open()?, &a.file)?;
    println!("backed up {} to {}", db.shown(), a.file.display());
    Ok(())
}

fn copy(db: &Db, a: CopyArgs) -> Done {
    let from = a.from.unwrap_or_else(|| db.0.clone());
    let report = dplan_api::database::copy(&from, &a.to)?;
    if a.json {
        return print_json(&report);
    }
    println!(
        "copied {} visits ({} records) from {} to {}",
        report.visits, report.rows, report.from, report.to
    );
    Ok(())
}

fn restore(db: &Db, a: RestoreArgs) -> Done {
    dplan_api::data::restore(&mut db.open()?, &a.file)?;
    println!("restored {} from {}", db.shown(), a.file.display());
    Ok(())
}

fn publish(db: &Db, a: PublishArgs) -> Done {
    use dplan_api::publish::{self, FolderTarget, Publishing};
    let mut store = db.open()?;
    let id = dplan_api::visits::resolve(&store, &a.visit)?;
    let how = Publishing {
        langs: langs(&a.lang)?,
        names: a.names,
        now: Utc::now(),
    };
    if let Some(dir) = a.folder {
        let revoke = match a.withdraw {
            true => Some("all".to_string()),
            false => a.revoke,
        };
        if let Some(which) = revoke {
            let slug = (which != "all").then_some(which.as_str());
            let gone = publish::revoke_feeds(&mut store, id, &dir, slug, how.now)?;
            eprintln!(
                "revoked {} feed address(es); publish again for new ones",
                gone.len()
            );
            return Ok(());
        }
        let target = FolderTarget {
            dir,
            base_url: a.base_url,
        };
        let report = publish::to_folder(&mut store, id, &target, &how)?;
        return Ok(output::folder_report(&report, a.json)?);
    }
    let Some(caldav) = a.caldav else {
        unreachable!("clap requires --caldav or --folder")
    };
    let password = match &a.user {
        None => None,
        Some(u) => Some(caldav_password(u, &caldav)?),
    };
    let target = publish::caldav_target(&caldav, a.user, password)?;
    if a.withdraw {
        let n = publish::withdraw_caldav(&mut store, id, &target, how.now)?;
        eprintln!("removed {n} calendar(s) of this visit from the server");
        return Ok(());
    }
    let report = publish::to_caldav(&mut store, id, &target, &how)?;
    output::publish_report(&report, a.json)?;
    match report.conflicts() {
        0 => Ok(()),
        conflicts => Err(Failure::of(
            ErrorKind::Conflict,
            format!(
                "{conflicts} calendar entries were changed on the server by someone else \
                 and were left as they are there (listed above); \
                 the other changes were published"
            ),
        )),
    }
}

fn info(db: &Db, a: InfoArgs) -> Done {
    let info = dplan_api::data::info(&db.open()?)?;
    if a.json {
        return print_json(&serde_json::json!({
            "database": db.shown(),
            "schema_version": info.schema_version,
            "visits": info.visits,
            "persons": info.persons,
            "tzdata": info.tzdata,
        }));
    }
    println!("database:       {}", db.shown());
    println!("schema version: {}", info.schema_version);
    println!("visits:         {}", info.visits);
    println!("persons:        {}", info.persons);
    println!("time zones:     IANA tzdata {}", info.tzdata);
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
    Ok((
        dplan_api::items::resolve_venue(store, a)?,
        dplan_api::items::resolve_venue(store, b)?,
    ))
}

/// The detected column mapping of a list, with the user's mappings
/// (`family_name=C`) over it.
fn mapping(table: &roster::Table, map: &[String]) -> Result<roster::Mapping, Failure> {
    let mut mapping = roster::detect_mapping(table);
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
    Ok(mapping)
}
