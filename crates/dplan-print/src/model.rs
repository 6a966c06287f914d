//! The itinerary as a document: every text already in its languages and
//! formatted (dates, times with zone abbreviations, names in precedence
//! order), so the Typst template and the HTML writer only lay it out. Lists
//! named `…: Vec<String>` hold one entry per chosen language, in order.

use chrono::{DateTime, Utc};
use dplan_core::tz::Tz;
use dplan_core::view::{ItemView, ParticipantView, VisitView};
use std::collections::HashMap;

use dplan_core::{
    Direction, Edition, ItemKind, ItemStatus, Lang, MissingTranslation, PersonId, Role, Schedule,
    Side, TextField, Texts, VisitStatus,
};
use serde::Serialize;

use dplan_core::words::{self, Label, joined as joined_label};

/// Whose itinerary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The whole programme.
    Visit,
    /// One person's items (those they attend or are responsible for), with
    /// their arrival, departure and hotel.
    Person(PersonId),
}

/// Two languages beside each other in columns, or one under the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    SideBySide,
    Stacked,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrintOptions {
    /// One or two languages; the first leads (running header, page numbers).
    pub langs: Vec<Lang>,
    pub layout: Layout,
    /// The version stamp ("Stand: …"); injected so the same input gives the
    /// same PDF.
    pub stamp: DateTime<Utc>,
    /// The zone the stamp is shown in: the protocol office's.
    pub office_zone: Tz,
    /// Guest or internal edition; see [`Edition`].
    pub edition: Edition,
    /// Whether a guest edition shows tentative items (marked as such).
    pub tentative: bool,
    /// The participants' dietary and access needs, for an internal
    /// edition's lists at each item (see [`needs_of`]); a guest edition
    /// never prints them, whatever this holds.
    pub needs: HashMap<PersonId, Needs>,
    /// The address of the reader's subscription feed, printed with a QR
    /// code so the programme can follow into a phone or Outlook.
    pub calendar_link: Option<String>,
}

/// What the staff must know about one person at a meal or a venue. Personal
/// data: only an internal edition prints it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Needs {
    pub dietary: Option<String>,
    pub accessibility: Option<String>,
}

/// The needs of every person in a visit file read with its personal data.
pub fn needs_of(file: &dplan_core::VisitFile) -> HashMap<PersonId, Needs> {
    file.persons
        .iter()
        .filter_map(|p| {
            let data = p.personal.as_ref()?;
            let clean = |s: &Option<String>| {
                s.as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            let needs = Needs {
                dietary: clean(&data.dietary),
                accessibility: clean(&data.accessibility),
            };
            (needs != Needs::default()).then_some((p.id, needs))
        })
        .collect()
}

impl PrintOptions {
    pub fn new(langs: Vec<Lang>, stamp: DateTime<Utc>) -> Self {
        PrintOptions {
            langs,
            layout: Layout::SideBySide,
            stamp,
            office_zone: dplan_core::tz::Europe::Berlin,
            edition: Edition::Guest,
            tentative: false,
            needs: HashMap::new(),
            calendar_link: None,
        }
    }
}

/// The reader's subscription feed: a heading and a hint over the
/// languages, the address, and its QR code as SVG.
#[derive(Clone, Debug, Serialize)]
pub struct CalendarLink {
    pub title: Vec<&'static str>,
    pub hint: Vec<String>,
    pub url: String,
    pub qr: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Document {
    pub lang: Vec<&'static str>,
    pub layout: Layout,
    pub kicker: Vec<String>,
    pub title: Vec<String>,
    /// "Persönliches Programm – 刘强 Liu Qiang" for one person's itinerary.
    pub subtitle: Vec<String>,
    pub dates: Vec<String>,
    pub cities: String,
    pub stamp: Vec<String>,
    /// What the reader must see first, each over the languages: "Interne
    /// Fassung – nicht für Gäste / 内部版本——请勿交予来宾", "Entwurf / 草稿".
    pub marks: Vec<String>,
    /// The same marks in the first language, for the foot of every page.
    pub marks_lead: String,
    /// The visit's notes for the guests, one per language ("" when none).
    pub guest_notes: Vec<String>,
    /// The visit's internal notes, by line; empty in a guest edition.
    pub internal_notes: Vec<String>,
    /// Running header and footer text, in the first language.
    pub header: String,
    pub footer: String,
    /// "Seite ", " von ", "" around the page number and count.
    pub page: [&'static str; 3],
    pub labels: Labels,
    pub stay: Option<Stay>,
    /// The delegation's principals (head and members), by precedence.
    pub guests: Vec<Member>,
    /// The hosts' principals, by precedence.
    pub hosts: Vec<Member>,
    /// Interpreters, protocol staff, drivers and press of both sides.
    pub staff: Vec<Member>,
    pub days: Vec<Day>,
    pub contacts: Vec<Contact>,
    /// The emergency numbers where the visit takes place: Germany for a
    /// delegation received in Herne, China for one travelling there.
    pub emergency: Vec<Emergency>,
    /// The reader's subscription feed, when the office published one.
    pub calendar: Option<CalendarLink>,
    /// The texts this document prints in another language than asked for,
    /// because they have no translation; what the app lists before
    /// printing and the CLI reports.
    #[serde(skip)]
    pub missing: Vec<MissingTranslation>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Labels {
    pub programme: Vec<&'static str>,
    pub delegation: Vec<&'static str>,
    /// "Begleitung und Organisation / 随行及工作人员".
    pub staff: Vec<&'static str>,
    /// What follows a label: ": ", or "：" after Chinese.
    pub colon: &'static str,
    pub hosts: Vec<&'static str>,
    pub contacts: Vec<&'static str>,
    pub emergency: Vec<&'static str>,
    pub your_stay: Vec<&'static str>,
    pub nothing: Vec<&'static str>,
    /// Joined over the languages: "Teilnehmende / 出席人员".
    pub attendees: String,
    pub responsible: String,
    pub notes: String,
    pub internal_notes: String,
    /// "Ernährung und Barrierefreiheit / 饮食与无障碍需求".
    pub needs: String,
    pub dress_code: Vec<&'static str>,
    /// "Flug/Zug / 航班/车次".
    pub transport: String,
    pub phone: String,
    pub email: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Stay {
    pub name: String,
    pub lines: Vec<StayLine>,
}

#[derive(Clone, Debug, Serialize)]
pub struct StayLine {
    pub label: String,
    pub value: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Member {
    pub name: String,
    /// The form of address in each language ("" where there is none).
    pub address: Vec<String>,
    pub role: Vec<String>,
    pub title: Vec<String>,
    pub organisation: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Day {
    pub heading: Vec<String>,
    pub items: Vec<Entry>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    /// In the first language (times read the same in all); whole days name
    /// themselves in each language.
    pub time: String,
    /// The arrival of an item that ends on a later day (a night flight),
    /// shown on that day too; the item itself stands under its start day.
    pub arrival: bool,
    pub title: Vec<String>,
    /// "Vorläufig", "Abgesagt", or "" for a confirmed item.
    pub status: Vec<String>,
    pub cancelled: bool,
    pub venue: Vec<String>,
    pub address: String,
    /// The address in Chinese characters, for a driver in China ("" when
    /// none); printed in every language, as the driver reads it.
    pub address_zh: String,
    pub attendees: String,
    pub responsible: String,
    pub dress: Vec<String>,
    /// The flight or train number ("" when none).
    pub transport: String,
    /// "Ihre Aufgabe / 您的职责" in a personal copy where the reader is
    /// responsible for the item, not only attending; empty otherwise.
    pub duty: Vec<String>,
    /// Notes for the guests, one per language ("" when none).
    pub guest_notes: Vec<String>,
    /// The internal notes' lines; empty in a guest edition.
    pub notes: Vec<String>,
    /// The attendees' dietary and access needs, one line each; only in an
    /// internal edition.
    pub needs: Vec<String>,
}

/// One emergency number and what it is for, in each language.
#[derive(Clone, Debug, Serialize)]
pub struct Emergency {
    pub label: Vec<String>,
    pub number: &'static str,
}

/// The emergency numbers of the country the visit takes place in.
fn emergency_numbers(direction: Direction) -> &'static [(Label, &'static str)] {
    match direction {
        // Germany: 110 police, 112 fire brigade and ambulance.
        Direction::Incoming => &[(Label::Police, "110"), (Label::FireAndAmbulance, "112")],
        // China: 110 police, 119 fire, 120 ambulance.
        Direction::Outgoing => &[
            (Label::Police, "110"),
            (Label::Fire, "119"),
            (Label::Ambulance, "120"),
        ],
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Contact {
    pub name: String,
    pub role: Vec<String>,
    pub organisation: Vec<String>,
    pub phone: String,
    pub email: String,
}

fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::De => "de",
        Lang::En => "en",
        Lang::Zh => "zh",
    }
}

/// The text in `lang`, else the best other.
/// A person's name as a document prints it: a German participant's
/// Chinese name beside the Latin one where the document has Chinese
/// ("Dr. Anna Berger 安娜·贝格尔"), and no line break between a name's
/// characters and its Latin spelling.
fn person_name(name: &str, name_zh: Option<&str>, langs: &[Lang]) -> String {
    match name_zh {
        Some(zh) if langs.contains(&Lang::Zh) => bind_cjk(&format!("{name} {zh}")),
        _ => bind_cjk(name),
    }
}

/// `s` with each space beside a Chinese character made a no-break space:
/// "刘强 Liu Qiang" never breaks after "刘强".
pub(crate) fn bind_cjk(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let cjk = |c: Option<&char>| {
        c.is_some_and(|c| {
            matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3134f}' | '·')
        })
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let before = i.checked_sub(1).and_then(|k| chars.get(k));
            if c == ' ' && (cjk(before) || cjk(chars.get(i + 1))) {
                '\u{a0}'
            } else {
                c
            }
        })
        .collect()
}

fn text(t: &Texts, lang: Lang) -> String {
    t.best(lang).trim().to_string()
}

impl Document {
    /// The itinerary of `view` for `scope`; `None` when the person takes no
    /// part in the visit.
    pub fn new(view: &VisitView, scope: Scope, options: &PrintOptions) -> Option<Document> {
        let langs: Vec<Lang> = if options.langs.is_empty() {
            vec![Lang::De]
        } else {
            options.langs.clone()
        };
        let lead = langs[0];
        let per = |f: &dyn Fn(Lang) -> String| langs.iter().map(|l| f(*l)).collect::<Vec<_>>();
        let per_static = |key: Label| {
            langs
                .iter()
                .map(|l| words::label(*l, key))
                .collect::<Vec<_>>()
        };
        // Names are looked up in the whole view: staff named only as
        // responsible are not in a guest edition's items.
        let reader = match scope {
            Scope::Visit => None,
            Scope::Person(p) => Some(view.name_of(p)?.to_string()),
        };
        let view = &view.for_edition(options.edition, options.tentative);
        let visit = &view.visit;

        let (items, stay, subtitle): (Vec<&ItemView>, Option<Stay>, Vec<String>) = match scope {
            Scope::Visit => (
                view.programme.iter().collect(),
                None,
                per(&|l| words::label(l, Label::Programme).to_string()),
            ),
            Scope::Person(p) => {
                let name = reader.unwrap_or_default();
                let items = view
                    .programme
                    .iter()
                    .filter(|i| {
                        let (a, r) = i.involvement(p);
                        a || r
                    })
                    .collect();
                let participant = view.participants.iter().find(|x| x.person_id == p);
                let stay = Stay {
                    name: person_name(
                        &name,
                        participant.and_then(|x| x.name_zh.as_deref()),
                        &langs,
                    ),
                    lines: participant
                        .map(|x| stay_lines(x, &langs))
                        .unwrap_or_default(),
                };
                // Named formally where the person has a form of address:
                // "Persönliches Programm – Herr Vizebürgermeister Liu",
                // "个人日程——刘副市长".
                let subtitle = per(&|l| {
                    let whom = participant
                        .map(|x| text(&x.address, l))
                        .filter(|a| !a.is_empty())
                        .unwrap_or_else(|| bind_cjk(&name));
                    format!(
                        "{}{}{whom}",
                        words::label(l, Label::PersonalItinerary),
                        words::dash(l)
                    )
                });
                (items, Some(stay), subtitle)
            }
        };

        let missing = missing_translations(view, &items, &langs);

        let local_stamp = options.stamp.with_timezone(&options.office_zone);
        let stamp_abbr = local_stamp.format("%Z").to_string();
        let stamp = per(&|l| {
            let date = words::date(l, local_stamp.date_naive());
            let time = local_stamp.format("%H:%M");
            let zone = words::zone_abbreviation(l, &stamp_abbr);
            match l {
                Lang::Zh => format!(
                    "{}：{date} {time}（{zone}）",
                    words::label(l, Label::Version)
                ),
                _ => format!("{}: {date}, {time} {zone}", words::label(l, Label::Version)),
            }
        });
        let home = |l: Lang| match l {
            Lang::Zh => "赫尔内",
            _ => "Herne",
        };
        let cities = match visit.direction {
            Direction::Incoming => format!("{} → {}", visit.partner_city, home(lead)),
            Direction::Outgoing => format!("{} → {}", home(lead), visit.partner_city),
        };

        // The principals of each side, then everyone who travels or works
        // with them (interpreters, protocol, drivers, press) apart.
        let principal = |r: Role| matches!(r, Role::HeadOfDelegation | Role::Member | Role::Host);
        let members = |side: Option<Side>| {
            view.participants
                .iter()
                .filter(|p| match side {
                    Some(side) => p.side == side && principal(p.role),
                    None => !principal(p.role),
                })
                .map(|p| Member {
                    name: person_name(&p.name, p.name_zh.as_deref(), &langs),
                    address: per(&|l| text(&p.address, l)),
                    role: per(&|l| words::role(l, p.role).to_string()),
                    title: per(&|l| text(&p.title, l)),
                    organisation: per(&|l| text(&p.organisation, l)),
                })
                .collect::<Vec<_>>()
        };

        // Each item under its start day; an item that ends on a later day
        // (a flight through the night, a journey across zones) shows its
        // arrival on that day too, in the order of the day's instants.
        let mut placed: Vec<(chrono::NaiveDate, Vec<(i64, Entry)>)> = Vec::new();
        let mut place = |day: chrono::NaiveDate, at: i64, entry: Entry, last: bool| {
            let k = match placed.binary_search_by_key(&day, |(d, _)| *d) {
                Ok(k) => k,
                Err(k) => {
                    placed.insert(k, (day, Vec::new()));
                    k
                }
            };
            let list = &mut placed[k].1;
            let at_pos = if last {
                list.len()
            } else {
                list.iter().position(|(t, _)| *t > at).unwrap_or(list.len())
            };
            list.insert(at_pos, (at, entry));
        };
        for item in items {
            let needs = match options.edition {
                Edition::Internal => needs_at(item, &options.needs, lead),
                Edition::Guest => vec![],
            };
            let at = item.start_utc.map_or(i64::MIN, |t| t.timestamp());
            place(
                item.schedule.first_day(),
                at,
                Entry {
                    needs,
                    duty: match scope {
                        Scope::Person(p) if item.involvement(p).1 => per_static(Label::OnDuty)
                            .into_iter()
                            .map(str::to_string)
                            .collect(),
                        _ => vec![],
                    },
                    ..entry(item, &langs)
                },
                true,
            );
            if let Schedule::Timed { start, end } = &item.schedule
                && end.local.date() > start.local.date()
                && item.status != ItemStatus::Cancelled
            {
                let at = item.end_utc.map_or(i64::MAX, |t| t.timestamp());
                place(end.local.date(), at, arrival(item, end, &langs), false);
            }
        }
        let days: Vec<Day> = placed
            .into_iter()
            .map(|(day, list)| Day {
                heading: per(&|l| words::day_heading(l, day)),
                items: list.into_iter().map(|(_, e)| e).collect(),
            })
            .collect();

        // Whom a guest may need to call: the protocol staff of both sides
        // (the travelling protocol officer among them), interpreters and
        // drivers, then the visit's hotel, duty phone and consulate. Only
        // with a number: a contact without one helps no one.
        let contacts = view
            .participants
            .iter()
            .filter(|p| matches!(p.role, Role::Staff | Role::Interpreter | Role::Driver))
            .filter(|p| p.phone.as_deref().is_some_and(|n| !n.trim().is_empty()))
            .map(|p| Contact {
                name: person_name(&p.name, p.name_zh.as_deref(), &langs),
                role: per(&|l| words::role(l, p.role).to_string()),
                organisation: per(&|l| text(&p.organisation, l)),
                phone: p.phone.clone().unwrap_or_default(),
                email: p.email.clone().unwrap_or_default(),
            })
            .chain(visit.contacts.iter().map(|c| {
                // "Bereitschaftstelefon" over "值班电话", as a person's name
                // stands over their role.
                let word = words::contact_kind_word(c.kind);
                let name = words::pick(lead, word);
                Contact {
                    name: name.to_string(),
                    role: langs
                        .iter()
                        .map(|l| words::pick(*l, word))
                        .filter(|w| *w != name)
                        .map(str::to_string)
                        .collect(),
                    organisation: per(&|l| text(&c.name, l)),
                    phone: c.phone.trim().to_string(),
                    email: String::new(),
                }
            }))
            .collect();

        let title = per(&|l| text(&visit.title, l));
        let mut mark_keys = Vec::new();
        if options.edition == Edition::Internal {
            mark_keys.push(Label::InternalEdition);
        }
        if visit.status == VisitStatus::Planning {
            mark_keys.push(Label::Draft);
        }
        let marks = mark_keys.iter().map(|k| joined_label(&langs, *k)).collect();
        let marks_lead = mark_keys
            .iter()
            .map(|k| words::label(lead, *k).to_uppercase())
            .collect::<Vec<_>>()
            .join(" · ");
        Some(Document {
            lang: langs.iter().map(|l| code(*l)).collect(),
            layout: if langs.len() > 1 {
                options.layout
            } else {
                Layout::Stacked
            },
            kicker: per(&|l| match l {
                Lang::De => "Stadt Herne · Protokoll".into(),
                Lang::En => "City of Herne · Protocol".into(),
                Lang::Zh => "赫尔内市 · 礼宾".into(),
            }),
            header: one_line(&match &stay {
                Some(s) => format!("{} – {}", title[0], s.name),
                None => title[0].clone(),
            }),
            footer: stamp[0].clone(),
            title,
            subtitle,
            dates: per(&|l| words::date_range(l, visit.first_day, visit.last_day)),
            cities,
            stamp,
            marks,
            marks_lead,
            guest_notes: per(&|l| text(&visit.guest_notes, l)),
            internal_notes: lines(&visit.notes),
            page: match lead {
                Lang::De => ["Seite ", " von ", ""],
                Lang::En => ["Page ", " of ", ""],
                Lang::Zh => ["第 ", " 页，共 ", " 页"],
            },
            labels: Labels {
                programme: per_static(Label::Programme),
                delegation: per_static(Label::Delegation),
                staff: per_static(Label::Staff),
                // A label whose last words are Chinese takes the
                // full-width colon: "出席人员：", "Teilnehmende / 出席人员：".
                colon: if langs.last() == Some(&Lang::Zh) {
                    "："
                } else {
                    ": "
                },
                hosts: per_static(Label::Hosts),
                contacts: per_static(Label::Contacts),
                emergency: per_static(Label::Emergency),
                your_stay: per_static(Label::YourStay),
                nothing: per_static(Label::Nothing),
                attendees: joined_label(&langs, Label::Attendees),
                responsible: joined_label(&langs, Label::Responsible),
                notes: joined_label(&langs, Label::Notes),
                internal_notes: joined_label(&langs, Label::InternalNotes),
                needs: joined_label(&langs, Label::Needs),
                dress_code: per_static(Label::DressCode),
                transport: joined_label(&langs, Label::Transport),
                phone: joined_label(&langs, Label::Phone),
                email: joined_label(&langs, Label::Email),
            },
            stay,
            guests: members(Some(Side::Guest)),
            hosts: members(Some(Side::Host)),
            staff: members(None),
            days,
            contacts,
            emergency: emergency_numbers(visit.direction)
                .iter()
                .map(|(label, number)| Emergency {
                    label: per(&|l| words::label(l, *label).to_string()),
                    number,
                })
                .collect(),
            calendar: options.calendar_link.as_deref().and_then(|url| {
                Some(CalendarLink {
                    title: per_static(Label::SubscribeCalendar),
                    hint: per(&|l| words::label(l, Label::SubscribeHint).to_string()),
                    url: url.to_string(),
                    qr: crate::qr::svg(url)?,
                })
            }),
            missing,
        })
    }
}

fn stay_lines(p: &ParticipantView, langs: &[Lang]) -> Vec<StayLine> {
    let mut out = Vec::new();
    for (key, m) in [
        (Label::Arrival, &p.arrival),
        (Label::Departure, &p.departure),
    ] {
        if let Some(m) = m {
            let transport = m
                .transport
                .as_deref()
                .map(|t| format!(" · {t}"))
                .unwrap_or_default();
            let day = m.at.local.date();
            out.push(StayLine {
                label: joined_label(langs, key),
                value: format!(
                    "{} {} {}{} · {}",
                    words::date(langs[0], day),
                    m.at.local.format("%H:%M"),
                    words::zone_abbreviation(langs[0], &m.at.abbreviation()),
                    transport,
                    m.place
                ),
            });
        }
    }
    if let Some(h) = &p.hotel {
        out.push(StayLine {
            label: joined_label(langs, Label::Hotel),
            value: h.clone(),
        });
    }
    out
}

fn entry(item: &ItemView, langs: &[Lang]) -> Entry {
    let per = |f: &dyn Fn(Lang) -> String| langs.iter().map(|l| f(*l)).collect::<Vec<_>>();
    let names = |refs: &[dplan_core::view::PersonRef]| {
        refs.iter()
            .map(|r| bind_cjk(&r.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Entry {
        arrival: false,
        time: match item.schedule {
            Schedule::Timed { .. } => item.time_range(langs[0]),
            Schedule::AllDay { .. } => {
                let mut parts: Vec<String> = Vec::new();
                for l in langs {
                    let t = item.time_range(*l);
                    if !parts.contains(&t) {
                        parts.push(t);
                    }
                }
                parts.join(" / ")
            }
        },
        title: per(&|l| text(&item.title, l)),
        status: per(&|l| words::status(l, item.status).unwrap_or("").to_string()),
        cancelled: item.status == ItemStatus::Cancelled,
        venue: per(&|l| {
            item.venue
                .as_ref()
                .map(|v| {
                    let name = text(&v.name, l);
                    let room = text(&v.room, l);
                    let comma = if l == Lang::Zh { "，" } else { ", " };
                    if room.is_empty() || name.contains(&room) {
                        name
                    } else {
                        format!("{name}{comma}{room}")
                    }
                })
                .unwrap_or_default()
        }),
        address: item
            .venue
            .as_ref()
            .map(|v| v.address.trim().to_string())
            .unwrap_or_default(),
        address_zh: item
            .venue
            .as_ref()
            .and_then(|v| v.address_zh.as_deref())
            .map(|a| a.trim().to_string())
            .unwrap_or_default(),
        attendees: names(&item.attendees),
        responsible: names(&item.responsible),
        dress: per(&|l| {
            if item.dress_code.is_empty() {
                String::new()
            } else {
                text(&item.dress_code, l)
            }
        }),
        transport: item
            .transport
            .as_deref()
            .map(|t| t.trim().to_string())
            .unwrap_or_default(),
        duty: vec![],
        guest_notes: per(&|l| text(&item.guest_notes, l)),
        notes: lines(&item.notes),
        needs: vec![],
    }
}

/// The arrival of an item that ends on a later day: its end time and
/// title under the arrival day, "Ankunft: Flug Shanghai – Düsseldorf".
fn arrival(item: &ItemView, end: &dplan_core::ZonedLocal, langs: &[Lang]) -> Entry {
    let per = |f: &dyn Fn(Lang) -> String| langs.iter().map(|l| f(*l)).collect::<Vec<_>>();
    let zone = words::zone_abbreviation(langs[0], item.end_abbreviation.as_deref().unwrap_or(""));
    Entry {
        time: format!("{} {zone}", end.local.format("%H:%M")),
        arrival: true,
        title: per(&|l| {
            let colon = if l == Lang::Zh { "：" } else { ": " };
            format!(
                "{}{colon}{}",
                words::label(l, Label::Landing),
                text(&item.title, l)
            )
        }),
        status: per(&|l| words::status(l, item.status).unwrap_or("").to_string()),
        cancelled: false,
        venue: per(&|_| String::new()),
        address: String::new(),
        address_zh: String::new(),
        attendees: String::new(),
        responsible: String::new(),
        dress: per(&|_| String::new()),
        transport: String::new(),
        duty: vec![],
        guest_notes: per(&|_| String::new()),
        notes: vec![],
        needs: vec![],
    }
}

/// One line per attendee with needs: at a meal (or a reception, where food
/// is served) what they eat and how they get about, elsewhere how they get
/// about. Labels in the document's first language: the internal edition is
/// for the host's staff.
fn needs_at(item: &ItemView, needs: &HashMap<PersonId, Needs>, lang: Lang) -> Vec<String> {
    let meal = matches!(item.kind, ItemKind::Meal | ItemKind::Reception);
    item.attendees
        .iter()
        .filter_map(|r| {
            let n = needs.get(&r.person_id)?;
            let mut parts = Vec::new();
            if meal && let Some(d) = &n.dietary {
                parts.push(format!("{}: {d}", words::label(lang, Label::Dietary)));
            }
            if let Some(a) = &n.accessibility {
                parts.push(format!("{}: {a}", words::label(lang, Label::Accessibility)));
            }
            (!parts.is_empty()).then(|| format!("{} – {}", r.name, parts.join("; ")))
        })
        .collect()
}

/// Every translatable text the document prints that lacks one of `langs`:
/// the visit's title and notes for guests, each item's title, notes for
/// guests, dress code, venue and room (and the Chinese address of a venue
/// in China, which drivers need in any edition), and the participants' titles and
/// organisations (both lists print in every itinerary).
fn missing_translations(
    view: &VisitView,
    items: &[&ItemView],
    langs: &[Lang],
) -> Vec<MissingTranslation> {
    let lead = langs[0];
    let mut out = Vec::new();
    let visit = &view.visit;
    let visit_title = text(&visit.title, lead);
    out.extend(MissingTranslation::of(
        &visit.title,
        langs,
        &visit_title,
        TextField::Title,
    ));
    out.extend(MissingTranslation::of(
        &visit.guest_notes,
        langs,
        &visit_title,
        TextField::GuestNotes,
    ));
    for item in items {
        let what = text(&item.title, lead);
        for (t, field) in [
            (&item.title, TextField::Title),
            (&item.guest_notes, TextField::GuestNotes),
            (&item.dress_code, TextField::DressCode),
        ] {
            out.extend(MissingTranslation::of(t, langs, &what, field));
        }
        if let Some(v) = &item.venue {
            let venue = text(&v.name, lead);
            out.extend(MissingTranslation::of(
                &v.name,
                langs,
                &venue,
                TextField::VenueName,
            ));
            out.extend(MissingTranslation::of(
                &v.room,
                langs,
                &venue,
                TextField::Room,
            ));
            // A driver in China needs the address in Chinese characters,
            // whatever the document's languages.
            if v.in_chinese_speaking_region()
                && !v.address.trim().is_empty()
                && v.address_zh.as_deref().is_none_or(|a| a.trim().is_empty())
            {
                out.push(MissingTranslation {
                    what: venue,
                    field: TextField::AddressZh,
                    lang: Lang::Zh,
                });
            }
        }
    }
    for c in &visit.contacts {
        out.extend(MissingTranslation::of(
            &c.name,
            langs,
            &text(&c.name, lead),
            TextField::Contact,
        ));
    }
    for p in &view.participants {
        out.extend(MissingTranslation::of(
            &p.title,
            langs,
            &p.name,
            TextField::Position,
        ));
        out.extend(MissingTranslation::of(
            &p.address,
            langs,
            &p.name,
            TextField::FormOfAddress,
        ));
        out.extend(MissingTranslation::of(
            &p.organisation,
            langs,
            &p.name,
            TextField::Organisation,
        ));
    }
    // In the document's order, each once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|m| seen.insert(m.clone()));
    out
}

/// The running header's room: about 84 Latin letters at its size beside
/// the stamp, a Chinese character taking two.
const HEADER_WIDTH: usize = 84;

/// A text cut to one line of the running header, with "…" where it was
/// cut, so a long title never wraps into the rule below it.
fn one_line(s: &str) -> String {
    let width = |c: char| {
        if c.is_ascii() {
            1
        } else if ('\u{2E80}'..='\u{FFEF}').contains(&c) {
            2
        } else {
            1
        }
    };
    if s.chars().map(width).sum::<usize>() <= HEADER_WIDTH {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        if used + width(c) > HEADER_WIDTH - 1 {
            break;
        }
        used += width(c);
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// A note's lines without blank ones.
fn lines(notes: &str) -> Vec<String> {
    notes
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}
