//! Human-readable output.

use std::fmt::Write;

use dplan_core::{
    Lang, Severity, Side, Venue, VenueId, Visit, Warning,
    conflict::CheckSettings,
    view::{ItemView, PersonProgramme, VisitView},
};
use serde::Serialize;

/// One line of `dplan visits --json`.
#[derive(Serialize)]
pub struct VisitRow {
    pub id: String,
    pub title: String,
    pub direction: dplan_core::Direction,
    pub first_day: chrono::NaiveDate,
    pub last_day: chrono::NaiveDate,
    pub status: dplan_core::VisitStatus,
}

impl From<&Visit> for VisitRow {
    fn from(v: &Visit) -> Self {
        VisitRow {
            id: v.id.to_string(),
            title: v.title.best(Lang::De).to_string(),
            direction: v.direction,
            first_day: v.first_day,
            last_day: v.last_day,
            status: v.status,
        }
    }
}

fn code<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub fn visits_table(visits: &[Visit]) -> String {
    if visits.is_empty() {
        return "no visits yet; `dplan demo` loads the demo visits\n".into();
    }
    let mut out = String::new();
    for v in visits {
        let _ = writeln!(
            out,
            "{}  {} – {}  {:<8}  {:<9}  {}",
            &v.id.to_string()[..8],
            v.first_day,
            v.last_day,
            code(&v.direction),
            code(&v.status),
            v.title.best(Lang::De)
        );
    }
    out
}

pub fn visit_text(view: &VisitView) -> String {
    let v = &view.visit;
    let mut out = String::new();
    let _ = writeln!(out, "{}", v.title.best(Lang::De));
    for lang in [Lang::En, Lang::Zh] {
        if let Some(t) = v.title.get(lang) {
            let _ = writeln!(out, "{t}");
        }
    }
    let _ = writeln!(
        out,
        "{} · {} · {} – {} · {} · {}",
        code(&v.direction),
        v.partner_city,
        v.first_day,
        v.last_day,
        v.time_zone.name(),
        code(&v.status)
    );
    if !v.hosts.is_empty() {
        let _ = writeln!(out, "hosts: {}", v.hosts.join(", "));
    }
    let _ = writeln!(out, "id: {}", v.id);

    for (side, heading) in [(Side::Guest, "Guests"), (Side::Host, "Hosts")] {
        let people: Vec<_> = view
            .participants
            .iter()
            .filter(|p| p.side == side)
            .collect();
        if people.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{heading}");
        for p in people {
            let title = p.title.best(Lang::De);
            let org = p.organisation.best(Lang::De);
            let detail = [title, org]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                out,
                "  {:>2}. {} — {} [{}]",
                p.precedence,
                p.name,
                detail,
                code(&p.role)
            );
        }
    }

    let _ = writeln!(out, "\nProgramme");
    let mut day = None;
    for item in &view.programme {
        let d = item.schedule.first_day();
        if day != Some(d) {
            let _ = writeln!(out, "{}", d.format("%a %Y-%m-%d"));
            day = Some(d);
        }
        let _ = writeln!(out, "  {}", item_line(item));
    }
    out
}

/// One person's programme: who, arrival, departure and hotel, then their
/// items day by day; duties are marked.
pub fn person_text(own: &PersonProgramme) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — {}",
        own.person.name,
        own.visit.title.best(Lang::De)
    );
    if let Some(p) = &own.participant {
        let _ = writeln!(out, "{} · {}", code(&p.side), code(&p.role));
        for (label, m) in [("arrival", &p.arrival), ("departure", &p.departure)] {
            if let Some(m) = m {
                let transport = m
                    .transport
                    .as_deref()
                    .map(|t| format!(" ({t})"))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{label}: {} {}, {}{transport}",
                    m.at.display_local(),
                    m.at.abbreviation(),
                    m.place
                );
            }
        }
        if let Some(h) = &p.hotel {
            let _ = writeln!(out, "hotel: {h}");
        }
    }
    let _ = writeln!(out, "\nProgramme");
    if own.programme.is_empty() {
        let _ = writeln!(out, "  (no items)");
    }
    let mut day = None;
    for e in &own.programme {
        let d = e.item.schedule.first_day();
        if day != Some(d) {
            let _ = writeln!(out, "{}", d.format("%a %Y-%m-%d"));
            day = Some(d);
        }
        let duty = match (e.attends, e.responsible) {
            (_, false) => "",
            (true, true) => " (attends, responsible)",
            (false, true) => " (responsible)",
        };
        let _ = writeln!(out, "  {}{duty}", item_line(&e.item));
    }
    out
}

/// The check's findings, one per line, conflicts and cautions apart, in
/// `lang`; the kind stays the code scripts match.
pub fn warnings_text(warnings: &[Warning], lang: Lang) -> String {
    let says = dplan_core::says::Says(lang);
    let conflicts = warnings
        .iter()
        .filter(|w| w.severity == Severity::Conflict)
        .count();
    let mut out = says.check_summary(conflicts, warnings.len() - conflicts);
    out.push('\n');
    let width = [Severity::Conflict, Severity::Tentative]
        .map(|s| says.severity(s).chars().count())
        .into_iter()
        .max()
        .unwrap_or(0);
    for w in warnings {
        let mark = says.severity(w.severity);
        let pad = width - mark.chars().count();
        let _ = writeln!(
            out,
            "{mark}{:pad$}  {:<20}  {}",
            "",
            code(&w.kind),
            w.message
        );
    }
    out
}

pub fn settings_text(settings: &CheckSettings, venues: &[Venue]) -> String {
    let name = |id: VenueId| {
        venues
            .iter()
            .find(|v| v.id == id)
            .map(|v| v.name.best(Lang::De).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "default travel time:   {} min{}",
        settings.default_travel_minutes,
        if settings.default_travel_minutes == 0 {
            " (travel check off)"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "venues across visits:  {}",
        if settings.venues_across_visits {
            "yes"
        } else {
            "no"
        }
    );
    for t in &settings.travel {
        let _ = writeln!(
            out,
            "travel: {} ↔ {}: {} min",
            name(t.from),
            name(t.to),
            t.minutes
        );
    }
    out
}

fn item_line(item: &ItemView) -> String {
    let mut line = format!(
        "{:<18} {}",
        item.time_range(Lang::En),
        item.title.best(Lang::De)
    );
    if let Some(t) = &item.transport {
        let _ = write!(line, " ({t})");
    }
    if let Some(venue) = &item.venue {
        let _ = write!(line, " — {}", venue.name.best(Lang::De));
        if !venue.room.is_empty() {
            let _ = write!(line, ", {}", venue.room.best(Lang::De));
        }
    }
    if item.status != dplan_core::ItemStatus::Confirmed {
        let _ = write!(line, " [{}]", code(&item.status));
    }
    line
}

/// One calendar of `dplan publish --json`.
#[derive(Serialize)]
struct PublishedCollection<'a> {
    calendar: &'a str,
    url: &'a str,
    created: bool,
    added: usize,
    changed: usize,
    removed: usize,
    unchanged: usize,
    requests: usize,
    conflicts: Vec<PublishConflict<'a>>,
}

#[derive(Serialize)]
struct PublishConflict<'a> {
    uid: &'a str,
    /// `changed_on_server` or `exists_on_server`.
    what: &'static str,
}

/// What `dplan publish` did, calendar by calendar.
pub fn publish_report(
    report: &dplan_api::publish::CaldavReport,
    json: bool,
) -> std::io::Result<()> {
    use dplan_api::publish::ConflictKind;
    let rows: Vec<PublishedCollection> = report
        .collections
        .iter()
        .map(|(a, c)| PublishedCollection {
            calendar: &a.name,
            url: &c.url,
            created: c.created,
            added: c.added,
            changed: c.changed,
            removed: c.removed,
            unchanged: c.unchanged,
            requests: c.requests,
            conflicts: c
                .conflicts
                .iter()
                .map(|x| PublishConflict {
                    uid: &x.uid,
                    what: match x.what {
                        ConflictKind::ChangedOnServer => "changed_on_server",
                        ConflictKind::ExistsOnServer => "exists_on_server",
                    },
                })
                .collect(),
        })
        .collect();
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    for r in &rows {
        let mut line = format!("{}: ", r.calendar);
        if r.created {
            line.push_str("created, ");
        }
        let _ = write!(
            line,
            "{} added, {} changed, {} removed, {} unchanged ({} requests)\n  {}",
            r.added, r.changed, r.removed, r.unchanged, r.requests, r.url
        );
        println!("{line}");
        for c in &r.conflicts {
            println!(
                "  left alone: {} ({})",
                c.uid,
                match c.what {
                    "changed_on_server" => "changed on the server by someone else",
                    _ => "made on the server by someone else",
                }
            );
        }
    }
    println!("{} calendars, {} requests", rows.len(), report.requests());
    Ok(())
}

/// One feed of `dplan publish --folder --json`.
#[derive(Serialize)]
struct FolderFeed<'a> {
    calendar: &'a str,
    name: &'a str,
    file: &'a str,
    url: Option<&'a str>,
    events: usize,
    written: bool,
}

/// The feeds' links: the index the office hands out (each link is a
/// secret; whoever has it can read that calendar).
pub fn folder_report(report: &dplan_api::publish::FolderReport, json: bool) -> std::io::Result<()> {
    let rows: Vec<FolderFeed> = report
        .feeds
        .iter()
        .map(|f| FolderFeed {
            calendar: &f.audience.slug,
            name: &f.audience.name,
            file: &f.file,
            url: f.url.as_deref(),
            events: f.events,
            written: f.written,
        })
        .collect();
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    for r in &rows {
        println!(
            "{}\n  {}\n  {} events, {}",
            r.name,
            r.url.unwrap_or(r.file),
            r.events,
            if r.written { "written" } else { "unchanged" }
        );
    }
    Ok(())
}
