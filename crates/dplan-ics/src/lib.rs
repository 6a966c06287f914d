//! iCalendar (`.ics`) export of a visit's programme, of one participant's
//! own programme, or of one staff member's duties, for Outlook desktop and
//! Outlook on the web first, then Thunderbird, Apple and Google calendars.
//!
//! [`export`] turns a [`VisitView`] into the text of one `VCALENDAR` with
//! `METHOD:PUBLISH` (a published schedule, not a meeting invitation: no
//! `ATTENDEE` properties, so Outlook sends no replies), `X-WR-CALNAME`, a
//! `VTIMEZONE` for every zone used, and one `VEVENT` per item.
//!
//! Written with the `ics` crate. What it does not do is added here:
//! - `VTIMEZONE` observances from the time-zone database ([`zone`]): the
//!   crate only has builders for them;
//! - folding: the crate starts continuation lines with a space and then 75
//!   more octets (76 in all); [`fold::refold`] folds again to 75 octets,
//!   never inside a UTF-8 character;
//! - control characters in text and quoting of parameter values
//!   ([`fold::text`], [`fold::param`]); the crate escapes `\ ; ,` and line
//!   breaks only.
//!
//! Each event keeps its item's id as `UID` for the item's whole life. A
//! file is one *feed* (an audience: [`Scope::feed_key`]); [`export_feed`]
//! compares every event with what the feed carried before
//! ([`dplan_core::calendar::Published`], kept by the store): any change a
//! calendar shows (summary, place, description, times, status, reminder)
//! raises its `SEQUENCE` and moves its `DTSTAMP` to the time of the change,
//! and an item that left the feed (deleted, or its person taken off it) is
//! written once more as cancelled, in every later file until the visit is
//! over. Calendars that match UIDs (Outlook on the web, Thunderbird, Apple,
//! Google, Outlook for meetings) then update and cancel; Outlook desktop
//! adds an imported `PUBLISH` file as new appointments, so the office
//! imports into a fresh calendar or subscribes to a published feed instead
//! (README, "Calendars").
//!
//! The file is made in a guest or an internal [`Edition`]: a guest's
//! calendar has no internal notes and no staff duties, and shows a cancelled
//! item only to take back one it carried before; in an internal one
//! cancelled items stay in. A cancelled item (and every item of a cancelled
//! visit) is marked in its summary ("Abgesagt / 已取消: …", Outlook reads
//! `STATUS` only as a fallback) and keeps the time free. Summaries and
//! places are kept within Outlook's 255 characters with every language
//! shortened alike, and the export says which it shortened. Timed items are written in their own zone
//! (`DTSTART;TZID=Europe/Berlin:…`), the end in its own zone (flights); a
//! time in the repeated hour of autumn, which a local time cannot name
//! unambiguously, is written in UTC. Personal data is never read: the view holds none.

pub mod fold;
mod zone;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone,
    Timelike, Utc,
};
use dplan_core::calendar::{Published, fingerprint};
use dplan_core::tz::Tz;
use dplan_core::view::{ItemView, PersonRef, VisitView};
use dplan_core::words::{self, Label};
use dplan_core::{
    Edition, ItemKind, ItemStatus, Lang, PersonId, Role, Schedule, VisitStatus, ZonedLocal,
};
use ics::components::Property;
use ics::properties::{Action, Description, Location, Method, Status, Summary, Transp, Trigger};
use ics::{Alarm, Event, ICalendar};

/// Whose items go into the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The whole programme.
    Visit,
    /// The items a person attends: their own programme.
    Participant(PersonId),
    /// The items a person is responsible for: their duties.
    Staff(PersonId),
}

impl Scope {
    /// The feed a file for this scope in this edition belongs to: what the
    /// store keeps its events under. A guest's feed and an internal one are
    /// apart, so a guest's calendar never takes back (and so names) an item
    /// only an internal file carried; within one edition the feed is the
    /// same whatever the languages, so its `SEQUENCE`s only ever rise.
    pub fn feed_key(self, edition: Edition) -> String {
        let scope = match self {
            Scope::Visit => "visit".into(),
            Scope::Participant(p) => format!("participant/{p}"),
            Scope::Staff(p) => format!("staff/{p}"),
        };
        match edition {
            Edition::Guest => scope,
            Edition::Internal => format!("{scope}/intern"),
        }
    }

    /// The scope and edition a feed key names ([`Scope::feed_key`]).
    pub fn from_feed_key(key: &str) -> Option<(Scope, Edition)> {
        let (key, edition) = match key.strip_suffix("/intern") {
            Some(k) => (k, Edition::Internal),
            None => (key, Edition::Guest),
        };
        let scope = match key.split_once('/') {
            None if key == "visit" => Scope::Visit,
            Some(("participant", p)) => Scope::Participant(p.parse().ok()?),
            Some(("staff", p)) => Scope::Staff(p.parse().ok()?),
            _ => return None,
        };
        Some((scope, edition))
    }
}

/// The longest reminder: two weeks, Outlook's own longest choice.
pub const MAX_REMINDER_MINUTES: u32 = 14 * 24 * 60;

/// The most characters Outlook keeps of a summary or a place; it cuts the
/// rest, and with it the last language.
pub const MAX_FIELD_CHARS: usize = 255;

/// A calendar file and what the store keeps of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feed {
    /// The file's text: UTF-8 without BOM, CRLF line ends, lines folded to
    /// 75 octets.
    pub text: String,
    /// Every event the file carries, live and cancelled-after-removal, as
    /// the feed's memory for the next export.
    pub published: Vec<Published>,
    /// The items whose summary or place was shortened to
    /// [`MAX_FIELD_CHARS`] (their titles in the leading language).
    pub shortened: Vec<String>,
    /// Where the `VTIMEZONE`s stand in `text`.
    zones: std::ops::Range<usize>,
    /// Where each event of `published` stands in `text`, in the same order.
    events: Vec<std::ops::Range<usize>>,
}

impl Feed {
    /// The live events (not the cancellations of removed items) each as a
    /// calendar object of its own, for a CalDAV server (RFC 4791 4.1: one
    /// `UID` per resource, the time zones it needs, no `METHOD`): the
    /// event's `UID` and the resource's text.
    pub fn resources(&self) -> Vec<(&str, String)> {
        let zones = &self.text[self.zones.clone()];
        self.published
            .iter()
            .zip(&self.events)
            .filter(|(p, _)| !p.gone)
            .map(|(p, range)| {
                let event = &self.text[range.clone()];
                let mut r =
                    String::with_capacity(RESOURCE_HEAD.len() + zones.len() + event.len() + 16);
                r.push_str(RESOURCE_HEAD);
                r.push_str(zones);
                r.push_str(event);
                r.push_str("END:VCALENDAR\r\n");
                (p.uid.as_str(), r)
            })
            .collect()
    }
}

/// The head of a calendar object resource.
const RESOURCE_HEAD: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Stadt Herne//Delegation Planner//DE\r\nCALSCALE:GREGORIAN\r\n";

/// How the file is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// `DTSTAMP` of every event: when the file was made (injected, so that
    /// tests and golden files are stable).
    pub stamp: DateTime<Utc>,
    /// The languages of titles, venue names and descriptions, the first
    /// leading; each text appears once in each language it exists in.
    pub langs: Vec<Lang>,
    /// A reminder this many minutes before each timed item that is not
    /// cancelled.
    pub reminder_minutes: Option<u32>,
    /// Guest or internal edition: a guest's calendar holds no internal
    /// note, no staff duty and no cancelled item ([`Edition`]).
    pub edition: Edition,
    /// Whether a guest edition holds tentative items (marked as such).
    pub tentative: bool,
    /// For a subscription feed: how often subscribers should fetch it
    /// again, in minutes (`REFRESH-INTERVAL`, and `X-PUBLISHED-TTL` for
    /// Outlook).
    pub refresh_minutes: Option<u32>,
    /// Whether descriptions name the people at each item (attendees,
    /// interpreters, responsible staff). A calendar that may reach other
    /// hands (a guest's subscription feed) names nobody unless asked.
    pub names: bool,
    /// For a feed whose reader left its audience (a host who became a
    /// guest, a person taken out of the visit): it carries only the
    /// cancellations of what it carried before, never a current item.
    pub takebacks_only: bool,
}

impl Options {
    pub fn new(stamp: DateTime<Utc>) -> Self {
        Options {
            stamp,
            langs: vec![Lang::De],
            reminder_minutes: None,
            edition: Edition::Guest,
            tentative: false,
            refresh_minutes: None,
            names: true,
            takebacks_only: false,
        }
    }
}

/// Why a calendar cannot be made; each says itself in the reader's
/// language through its [`Problem`](dplan_core::Problem).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum IcsError {
    #[error("{}", self.problem())]
    NotInVisit(PersonId),
    /// The file would hold no event; the problem says whose.
    #[error("{0}")]
    Empty(dplan_core::Problem),
    /// An item whose time cannot be written (stored before it was
    /// checked: a date outside the years dplan plans with, a local time
    /// the clocks skip).
    #[error("{}", self.problem())]
    InvalidTime {
        title: String,
        reason: dplan_core::Problem,
    },
    #[error("{}", self.problem())]
    Reminder(u32),
}

impl dplan_core::Kinded for IcsError {
    fn kind(&self) -> dplan_core::ErrorKind {
        match self {
            IcsError::NotInVisit(_) => dplan_core::ErrorKind::NotFound,
            _ => dplan_core::ErrorKind::Invalid,
        }
    }

    fn problem(&self) -> Option<dplan_core::Problem> {
        Some(IcsError::problem(self))
    }
}

impl IcsError {
    /// The error as a code and its parameters, written in any language by
    /// [`dplan_core::says::Says::problem`].
    pub fn problem(&self) -> dplan_core::Problem {
        use dplan_core::Problem;
        match self {
            IcsError::NotInVisit(p) => Problem::NotInVisit { id: p.to_string() },
            IcsError::Empty(p) => p.clone(),
            IcsError::InvalidTime { title, reason } => Problem::ItemNotExportable {
                title: title.clone(),
                reason: Box::new(reason.clone()),
            },
            IcsError::Reminder(m) => Problem::ReminderTooLong {
                minutes: *m,
                max: MAX_REMINDER_MINUTES,
            },
        }
    }
}

/// The file's text for a feed that carried nothing before: UTF-8 without
/// BOM, CRLF line ends, lines folded to 75 octets.
pub fn export(view: &VisitView, scope: Scope, options: &Options) -> Result<String, IcsError> {
    export_feed(view, scope, options, &[]).map(|f| f.text)
}

/// The file for `scope`, compared with what its feed carried `before`:
/// changed events get a higher `SEQUENCE`, items that left the feed come
/// back as cancelled until the visit is over.
pub fn export_feed(
    view: &VisitView,
    scope: Scope,
    options: &Options,
    before: &[Published],
) -> Result<Feed, IcsError> {
    if let Some(m) = options
        .reminder_minutes
        .filter(|m| *m > MAX_REMINDER_MINUTES)
    {
        return Err(IcsError::Reminder(m));
    }
    let langs: &[Lang] = if options.langs.is_empty() {
        &[Lang::De]
    } else {
        &options.langs
    };
    let lead = langs[0];
    // Names are looked up in the whole view: staff named only as
    // responsible are not in a guest edition's items.
    let person_name = match scope {
        Scope::Visit => None,
        Scope::Participant(p) | Scope::Staff(p) => match view.name_of(p) {
            Some(n) => Some(n),
            // Taken out of the visit: their calendar still takes back what
            // it carried, until the visit is over.
            None if !before.is_empty() => None,
            None => return Err(IcsError::NotInVisit(p)),
        },
    };
    let full = view;
    // A guest's calendar shows tentative items only when asked, but an
    // item it already showed and that became tentative stays, marked as
    // tentative: it is not cancelled, and calling it so would mislead.
    let mut guest_view = view.for_edition(options.edition, true);
    if options.edition == Edition::Guest && !options.tentative {
        let shown: std::collections::HashSet<&str> = before
            .iter()
            .filter(|p| !p.gone)
            .map(|p| p.uid.as_str())
            .collect();
        guest_view.programme.retain(|i| {
            i.status != ItemStatus::Tentative || shown.contains(i.id.to_string().as_str())
        });
    }
    let view = &guest_view;
    let items = if options.takebacks_only {
        Vec::new()
    } else {
        in_scope(view, scope)
    };
    // Items the feed carried that are no longer in it, until the visit is
    // over: written as cancelled so that calendars take them back.
    let live: std::collections::HashSet<String> = items.iter().map(|i| i.id.to_string()).collect();
    let visit_over = view
        .visit
        .last_day
        .succ_opt()
        .is_none_or(|after| options.stamp.date_naive() > after);
    let mut gone: Vec<&Published> = before
        .iter()
        .filter(|p| !visit_over && !live.contains(&p.uid))
        .collect();
    gone.sort_by(|a, b| (&a.start, &a.uid).cmp(&(&b.start, &b.uid)));
    if items.is_empty() && gone.is_empty() {
        use dplan_core::Problem;
        if options.edition == Edition::Guest && !in_scope(full, scope).is_empty() {
            return Err(IcsError::Empty(Problem::GuestEditionLeavesAllOut));
        }
        return Err(IcsError::Empty(match (scope, person_name) {
            (Scope::Participant(_), Some(n)) => Problem::AttendsNothing {
                name: n.to_string(),
            },
            (Scope::Staff(_), Some(n)) => Problem::ResponsibleForNothing {
                name: n.to_string(),
            },
            _ => Problem::NoItemsYet,
        }));
    }

    let mut cal = ICalendar::new("2.0", "-//Stadt Herne//Delegation Planner//DE");
    cal.push(Property::new("CALSCALE", "GREGORIAN"));
    cal.push(Method::new("PUBLISH"));
    let title = joined(langs, |l| view.visit.title.get(l));
    let name = match (person_name, scope) {
        (Some(n), Scope::Staff(_)) => {
            format!("{title} – {n} ({})", words::label(lead, Label::Duties))
        }
        (Some(n), _) => format!("{title} – {n}"),
        (None, _) => title,
    };
    cal.push(Property::new("X-WR-CALNAME", fold::text(&name)));
    cal.push(Property::new("NAME", fold::text(&name)));
    if let Some(minutes) = options.refresh_minutes {
        let mut p = Property::new("REFRESH-INTERVAL", format!("PT{minutes}M"));
        p.add(ics::parameters::Value::new("DURATION"));
        cal.push(p);
        cal.push(Property::new("X-PUBLISHED-TTL", format!("PT{minutes}M")));
    }
    cal.push(Property::new(
        "X-WR-TIMEZONE",
        fold::text(view.visit.time_zone.name()),
    ));

    // Dates outside the model's window (stored before it was enforced)
    // would make the time-zone rules span millennia and the day arithmetic
    // below overflow, so such an item is refused by name.
    for item in &items {
        let (first, last) = (item.schedule.first_day(), item.schedule.last_day());
        if let Some(bad) = [first, last]
            .into_iter()
            .find(|d| !dplan_core::time::in_date_window(*d))
        {
            return Err(IcsError::InvalidTime {
                title: item.title.best(lead).to_string(),
                reason: dplan_core::time::date_window_problem(bad),
            });
        }
    }

    // Every zone the events name, with the years they fall in.
    let mut zones: BTreeMap<&'static str, (Tz, i32, i32)> = BTreeMap::new();
    for item in &items {
        if let Schedule::Timed { start, end } = &item.schedule {
            for t in [start, end] {
                let y = t.local.year();
                let e = zones.entry(t.zone.name()).or_insert((t.zone, y, y));
                e.1 = e.1.min(y);
                e.2 = e.2.max(y);
            }
        }
    }
    let zones: HashMap<Tz, zone::Zone> = zones
        .values()
        .map(|(tz, first, last)| (*tz, zone::Zone::new(*tz, *first, *last)))
        .collect();
    let mut names: Vec<&Tz> = zones.keys().collect();
    names.sort_by_key(|tz| tz.name());
    for tz in names {
        cal.add_timezone(zones[tz].vtimezone());
    }

    // The calendar's head (all but its END line), then each event written
    // and folded while it is fresh, then the END line.
    let head = fold::refold(&cal.to_string());
    let head = head.strip_suffix("END:VCALENDAR\r\n").unwrap_or(&head);
    let mut out = String::with_capacity(head.len() + items.len() * 900);
    out.push_str(head);
    // A line of its own, not the words inside a folded text.
    let zone_range = match head.find("\r\nBEGIN:VTIMEZONE\r\n") {
        Some(at) => at + 2..head.len(),
        None => head.len()..head.len(),
    };
    let mut events = Vec::with_capacity(items.len() + gone.len());
    let mut writer = Writer {
        stamp: options.stamp,
        before: before.iter().map(|p| (p.uid.as_str(), p)).collect(),
        visit_cancelled: view.visit.status == VisitStatus::Cancelled,
        published: Vec::with_capacity(items.len() + gone.len()),
        shortened: Vec::new(),
        langs,
        labels: Labels::new(langs),
        interpreters: view
            .participants
            .iter()
            .filter(|p| p.role == Role::Interpreter)
            .map(|p| p.person_id)
            .collect(),
        reminder: options.reminder_minutes,
        names: options.names,
        zones,
        steady: HashMap::new(),
        scratch: String::with_capacity(4096),
    };
    for item in items {
        let at = out.len();
        writer.event(item, &mut out)?;
        events.push(at..out.len());
    }
    for p in gone {
        let at = out.len();
        writer.tombstone(p, &mut out);
        events.push(at..out.len());
    }
    out.push_str("END:VCALENDAR\r\n");
    Ok(Feed {
        text: out,
        published: writer.published,
        shortened: writer.shortened,
        zones: zone_range,
        events,
    })
}

/// The items of `view` a file for `scope` holds, in programme order.
fn in_scope(view: &VisitView, scope: Scope) -> Vec<&ItemView> {
    view.programme
        .iter()
        .filter(|i| match scope {
            Scope::Visit => true,
            Scope::Participant(p) => i.involvement(p).0,
            Scope::Staff(p) => i.involvement(p).1,
        })
        .collect()
}

/// Stands in for `DTSTAMP` while an event is fingerprinted; replaced by
/// the stamp and `SEQUENCE` once they are known.
const STAMP_SLOT: &str = "DTSTAMP:@\r\n";

/// Writes events; keeps what every event needs computed once.
struct Writer<'a> {
    stamp: DateTime<Utc>,
    before: HashMap<&'a str, &'a Published>,
    visit_cancelled: bool,
    published: Vec<Published>,
    shortened: Vec<String>,
    langs: &'a [Lang],
    labels: Labels,
    interpreters: Vec<PersonId>,
    reminder: Option<u32>,
    names: bool,
    /// The zones the events name, over the export's years.
    zones: HashMap<Tz, zone::Zone>,
    /// Whether a zone keeps one offset through a local day (then no time of
    /// that day is ambiguous); the clock changes on few days.
    steady: HashMap<(Tz, NaiveDate), bool>,
    scratch: String,
}

impl Writer<'_> {
    fn event(&mut self, item: &ItemView, out: &mut String) -> Result<(), IcsError> {
        let langs = self.langs;
        // Every item of a cancelled visit is cancelled.
        let status = match self.visit_cancelled {
            true => ItemStatus::Cancelled,
            false => item.status,
        };
        let (start, end) = match &item.schedule {
            Schedule::Timed { start, end } => {
                let (s, t) = item.start_utc.zip(item.end_utc).ok_or_else(|| {
                    let err = start.utc().and(end.utc()).err();
                    IcsError::InvalidTime {
                        title: item.title.best(langs[0]).to_string(),
                        reason: err.map_or_else(
                            || dplan_core::time::date_window_problem(start.local.date()),
                            |e| e.problem(),
                        ),
                    }
                })?;
                (self.timed("DTSTART", start, s), self.timed("DTEND", end, t))
            }
            Schedule::AllDay {
                first_day,
                last_day,
            } => {
                let mut s = Property::new("DTSTART", date(*first_day));
                s.add(ics::parameters::Value::new("DATE"));
                // The end of an all-day event is the day after its last.
                let after = last_day.succ_opt().unwrap_or(*last_day);
                let mut d = Property::new("DTEND", date(after));
                d.add(ics::parameters::Value::new("DATE"));
                (s, d)
            }
        };
        let (utc_start, utc_end) = match &item.schedule {
            Schedule::Timed { .. } => (
                item.start_utc.map(utc_stamp).unwrap_or_default(),
                item.end_utc.map(utc_stamp).unwrap_or_default(),
            ),
            Schedule::AllDay {
                first_day,
                last_day,
            } => (
                date(*first_day),
                date(last_day.succ_opt().unwrap_or(*last_day)),
            ),
        };
        let mut e = Event::new(item.id.to_string(), "@");
        let prefix = match status {
            ItemStatus::Cancelled => self.labels.cancelled_prefix.as_str(),
            _ => "",
        };
        let (title, cut_title) = fit(
            &texts(langs, |l| item.title.get(l)),
            " / ",
            MAX_FIELD_CHARS - prefix.chars().count(),
        );
        let summary = fold::text(&format!("{prefix}{title}"));
        e.push(Summary::new(summary.clone()));
        e.push(start);
        e.push(end);
        let mut cut_place = false;
        if let Some(v) = &item.venue {
            // A Chinese reader's calendar carries the address a driver in
            // China reads, beside the one a map finds.
            let address_zh = match langs.contains(&Lang::Zh) {
                true => v.address_zh.as_deref().unwrap_or(""),
                false => "",
            };
            let mut parts = vec![joined(langs, |l| v.name.get(l))];
            let room = joined(langs, |l| v.room.get(l));
            for part in [room.as_str(), v.address.as_str(), address_zh] {
                if !part.trim().is_empty() {
                    parts.push(part.trim().to_string());
                }
            }
            let (place, cut) = fit(&parts, ", ", MAX_FIELD_CHARS);
            cut_place = cut;
            e.push(Location::new(fold::text(&place)));
        }
        if cut_title || cut_place {
            self.shortened.push(item.title.best(langs[0]).to_string());
        }
        e.push(Description::new(fold::text(
            &self.description(item, status),
        )));
        e.push(match status {
            ItemStatus::Confirmed => Status::confirmed(),
            ItemStatus::Tentative => Status::tentative(),
            ItemStatus::Cancelled => Status::cancelled(),
        });
        // Hotel nights, free time, whole days and cancelled items keep the
        // time free in Outlook; tentative items show as such.
        let informational = matches!(item.kind, ItemKind::Hotel | ItemKind::FreeTime)
            || matches!(item.schedule, Schedule::AllDay { .. })
            || status == ItemStatus::Cancelled;
        let busy = if informational {
            "FREE"
        } else if status == ItemStatus::Tentative {
            "TENTATIVE"
        } else {
            "BUSY"
        };
        e.push(if informational {
            Transp::transparent()
        } else {
            Transp::opaque()
        });
        e.push(Property::new("X-MICROSOFT-CDO-BUSYSTATUS", busy));
        if let (Some(minutes), Schedule::Timed { .. }, false) = (
            self.reminder,
            &item.schedule,
            status == ItemStatus::Cancelled,
        ) {
            let mut alarm = Alarm::new(Action::display(), Trigger::new(format!("-PT{minutes}M")));
            alarm.push(Description::new(summary));
            e.add_alarm(alarm);
        }
        self.finish(
            e,
            Published {
                uid: item.id.to_string(),
                fingerprint: String::new(),
                sequence: item.revision,
                changed_at: self.stamp,
                summary: title,
                start: utc_start,
                end: utc_end,
                gone: false,
            },
            out,
        );
        Ok(())
    }

    /// An item the feed carried and no longer does, written as cancelled
    /// (in UTC, so it needs no time zone of its own).
    fn tombstone(&mut self, was: &Published, out: &mut String) {
        let mut e = Event::new(was.uid.clone(), "@");
        let prefix = &self.labels.cancelled_prefix;
        let (title, _) = fit(
            std::slice::from_ref(&was.summary),
            "",
            MAX_FIELD_CHARS - prefix.chars().count(),
        );
        e.push(Summary::new(fold::text(&format!("{prefix}{title}"))));
        for (key, at) in [("DTSTART", &was.start), ("DTEND", &was.end)] {
            let mut p = Property::new(key, at.clone());
            if !at.contains('T') {
                p.add(ics::parameters::Value::new("DATE"));
            }
            e.push(p);
        }
        e.push(Description::new(fold::text(&self.labels.cancelled)));
        e.push(Status::cancelled());
        e.push(Transp::transparent());
        e.push(Property::new("X-MICROSOFT-CDO-BUSYSTATUS", "FREE"));
        self.finish(
            e,
            Published {
                gone: true,
                sequence: 0,
                ..was.clone()
            },
            out,
        );
    }

    /// Fingerprints the event as the calendar shows it, compares it with
    /// what the feed carried, writes `DTSTAMP` and `SEQUENCE` accordingly,
    /// and folds it into `out`. `now.sequence` is the least `SEQUENCE` the
    /// event may have (the item's revision).
    fn finish(&mut self, e: Event<'_>, mut now: Published, out: &mut String) {
        self.scratch.clear();
        let _ = write!(self.scratch, "{e}");
        now.fingerprint = fingerprint(&self.scratch);
        let floor = now.sequence;
        match self.before.get(now.uid.as_str()) {
            Some(was) if was.fingerprint == now.fingerprint => {
                now.sequence = was.sequence.max(floor);
                now.changed_at = was.changed_at;
            }
            Some(was) => {
                now.sequence = was.sequence.saturating_add(1).max(floor);
                now.changed_at = self.stamp;
            }
            None => now.changed_at = self.stamp,
        }
        let head = format!(
            "DTSTAMP:{}\r\nSEQUENCE:{}\r\n",
            utc_stamp(now.changed_at),
            now.sequence
        );
        if let Some(at) = self.scratch.find(STAMP_SLOT) {
            self.scratch.replace_range(at..at + STAMP_SLOT.len(), &head);
        }
        fold::refold_into(out, &self.scratch);
        self.published.push(now);
    }

    /// A timed `DTSTART`/`DTEND`: local time with `TZID`, or UTC for a time
    /// in the repeated hour when the clocks go back (RFC 5545 (3.3.5) reads
    /// such a local time as its first occurrence, so the second cannot be
    /// named at all, and readers differ even on the first) and for a time
    /// Outlook would read wrongly because the zone's rules changed within
    /// the export ([`zone::Zone::outlook_agrees`]); UTC is the same
    /// everywhere.
    fn timed(
        &mut self,
        key: &'static str,
        at: &ZonedLocal,
        utc: DateTime<Utc>,
    ) -> Property<'static> {
        let day = at.local.date();
        let steady = *self.steady.entry((at.zone, day)).or_insert_with(|| {
            // The offsets 14 hours either side of the local day (every
            // zone's day lies within) agree when no change falls into it.
            let probe = |t: chrono::NaiveDateTime| at.zone.offset_from_utc_datetime(&t).fix();
            let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
            match (
                midnight.checked_sub_signed(Duration::hours(14)),
                midnight.checked_add_signed(Duration::hours(38)),
            ) {
                (Some(before), Some(after)) => probe(before) == probe(after),
                _ => false,
            }
        });
        if !steady && let LocalResult::Ambiguous(..) = at.zone.from_local_datetime(&at.local) {
            return Property::new(key, utc_stamp(utc));
        }
        if self
            .zones
            .get(&at.zone)
            .is_some_and(|z| !z.outlook_agrees(utc))
        {
            return Property::new(key, utc_stamp(utc));
        }
        let mut p = Property::new(key, local_stamp(at.local));
        p.add(ics::parameters::TzIDParam::new(
            fold::param(at.zone.name()).into_owned(),
        ));
        p
    }

    /// The flight or train number, attendees in order of precedence,
    /// interpreters, responsible staff,
    /// dress code, notes for the guests and internal notes, each on its own line with a label in the
    /// chosen languages.
    fn description(&self, item: &ItemView, status: ItemStatus) -> String {
        let l = &self.labels;
        let mut out = String::new();
        let mut line = |label: &str, value: &dyn Fn(&mut String)| {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(label);
            value(&mut out);
        };
        match status {
            ItemStatus::Tentative => line(&l.tentative, &|_| {}),
            ItemStatus::Cancelled => line(&l.cancelled, &|_| {}),
            ItemStatus::Confirmed => {}
        }
        if let Some(t) = item.transport.as_deref().map(str::trim)
            && !t.is_empty()
        {
            line(&l.transport, &|o| {
                o.push_str(": ");
                o.push_str(t);
            });
        }
        let names = |refs: &mut dyn Iterator<Item = &PersonRef>, out: &mut String| {
            for (n, r) in refs.enumerate() {
                out.push_str(if n == 0 { ": " } else { ", " });
                out.push_str(&r.name);
            }
        };
        if self.names && !item.attendees.is_empty() {
            line(&l.attendees, &|o| names(&mut item.attendees.iter(), o));
        }
        let interpreting = || {
            item.attendees
                .iter()
                .filter(|a| self.interpreters.contains(&a.person_id))
        };
        if self.names && interpreting().next().is_some() {
            line(&l.interpreter, &|o| names(&mut interpreting(), o));
        }
        if self.names && !item.responsible.is_empty() {
            line(&l.responsible, &|o| names(&mut item.responsible.iter(), o));
        }
        let dress = joined(self.langs, |lang| item.dress_code.get(lang));
        if !dress.is_empty() {
            line(&l.dress_code, &|o| {
                o.push_str(": ");
                o.push_str(&dress);
            });
        }
        let guest_notes = joined(self.langs, |lang| item.guest_notes.get(lang));
        if !guest_notes.is_empty() {
            line(&l.notes, &|o| {
                o.push_str(": ");
                o.push_str(&guest_notes);
            });
        }
        // Internal notes reach only an internal edition: a guest's view has
        // none.
        let notes = item.notes.trim();
        if !notes.is_empty() {
            line(&l.internal_notes, &|o| {
                o.push_str(": ");
                o.push_str(notes);
            });
        }
        out
    }
}

/// The description's labels in the chosen languages: "Teilnehmende / 出席人员".
struct Labels {
    tentative: String,
    cancelled: String,
    /// "Abgesagt / 已取消: ", before a cancelled item's summary.
    cancelled_prefix: String,
    attendees: String,
    interpreter: String,
    responsible: String,
    dress_code: String,
    transport: String,
    notes: String,
    internal_notes: String,
}

impl Labels {
    fn new(langs: &[Lang]) -> Self {
        let label = |key| words::joined(langs, key);
        Labels {
            tentative: label(Label::Tentative),
            cancelled: label(Label::Cancelled),
            cancelled_prefix: match langs {
                [Lang::Zh] => format!("{}：", label(Label::Cancelled)),
                _ => format!("{}: ", label(Label::Cancelled)),
            },
            attendees: label(Label::Attendees),
            interpreter: label(Label::Interpreter),
            responsible: label(Label::Responsible),
            dress_code: label(Label::DressCode),
            transport: label(Label::Transport),
            notes: label(Label::Notes),
            internal_notes: label(Label::InternalNotes),
        }
    }
}

/// `20270325T093000`, written by hand: chrono's formatter parses its
/// pattern on every call, a third of the export's time on the benchmark.
fn local_stamp(t: NaiveDateTime) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

fn utc_stamp(t: DateTime<Utc>) -> String {
    let mut s = local_stamp(t.naive_utc());
    s.push('Z');
    s
}

fn date(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// The text in each language it exists in, each once, joined by " / ".
fn joined<'t>(langs: &[Lang], get: impl Fn(Lang) -> Option<&'t str>) -> String {
    texts(langs, get).join(" / ")
}

/// The text in each language it exists in, each once; if it exists in
/// none of them, the German (or any) text.
fn texts<'t>(langs: &[Lang], get: impl Fn(Lang) -> Option<&'t str>) -> Vec<String> {
    let mut parts: Vec<String> = Vec::with_capacity(langs.len());
    for &l in langs {
        if let Some(t) = get(l).map(str::trim)
            && !parts.iter().any(|p| p == t)
        {
            parts.push(t.to_string());
        }
    }
    if parts.is_empty() {
        for l in [Lang::De, Lang::En, Lang::Zh] {
            if let Some(t) = get(l) {
                return vec![t.trim().to_string()];
            }
        }
    }
    parts
}

/// `parts` joined by `sep` within `max` characters: if they are longer,
/// each part is shortened in proportion to its length and ends in "…", so
/// every language keeps its share instead of the last one vanishing.
/// Says whether anything was shortened.
fn fit(parts: &[String], sep: &str, max: usize) -> (String, bool) {
    let lens: Vec<usize> = parts.iter().map(|p| p.chars().count()).collect();
    let seps = sep.chars().count() * parts.len().saturating_sub(1);
    let total: usize = lens.iter().sum::<usize>() + seps;
    if total <= max {
        return (parts.join(sep), false);
    }
    let room = max.saturating_sub(seps);
    let text: usize = lens.iter().sum::<usize>().max(1);
    let cut: Vec<String> = parts
        .iter()
        .zip(&lens)
        .map(|(p, &len)| {
            let share = (room * len / text).max(1);
            if len <= share {
                p.clone()
            } else {
                let mut s: String = p.chars().take(share - 1).collect();
                s.truncate(s.trim_end().len());
                s.push('…');
                s
            }
        })
        .collect();
    let joined = cut.join(sep);
    // Shares rounded up for very short parts can still go over: a hard cap.
    if joined.chars().count() > max {
        let mut s: String = joined.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        return (s, true);
    }
    (joined, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_never_goes_over_the_limit() {
        let many: Vec<String> = (0..120).map(|i| format!("Teil{i}")).collect();
        let (text, cut) = fit(&many, ", ", MAX_FIELD_CHARS);
        assert!(cut);
        assert!(text.chars().count() <= MAX_FIELD_CHARS, "{text}");
        let two = ["德".repeat(300), "D".repeat(40)];
        let (text, cut) = fit(&two, " / ", MAX_FIELD_CHARS);
        assert!(cut && text.chars().count() <= MAX_FIELD_CHARS);
        assert!(text.contains('D'), "every language keeps a share: {text}");
        let short = ["Rathaus".to_string(), "市政厅".to_string()];
        assert_eq!(
            fit(&short, " / ", MAX_FIELD_CHARS),
            ("Rathaus / 市政厅".into(), false)
        );
    }
}
