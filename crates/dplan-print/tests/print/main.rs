//! The demo visits printed per visit and per participant in every language
//! pair, checked with poppler's tools as a reader would: the page size is
//! A4, every font is embedded, every item title is there in each chosen
//! language (Chinese included, as text), and a participant's itinerary holds
//! only their items, and a guest edition holds none of the internal notes
//! an internal edition holds all of. Pages are rendered to PNG under `artifacts/itineraries/`
//! to be looked at.

use std::path::PathBuf;
use std::process::Command;

use chrono::{TimeZone, Utc};
use dplan_core::view::VisitView;
use std::collections::HashMap;

use dplan_core::{
    Edition, ItemKind, ItemStatus, Lang, MissingTranslation, PersonId, TextField, demo,
};
use dplan_print::{Document, Layout, Needs, PrintOptions, Scope};

/// The internal edition: every item, every note.
fn options(langs: &[Lang], layout: Layout) -> PrintOptions {
    PrintOptions {
        layout,
        edition: Edition::Internal,
        ..PrintOptions::new(
            langs.to_vec(),
            Utc.with_ymd_and_hms(2027, 3, 1, 8, 30, 0).unwrap(),
        )
    }
}

const PAIRS: [&[Lang]; 4] = [
    &[Lang::De, Lang::Zh],
    &[Lang::De, Lang::En],
    &[Lang::En, Lang::Zh],
    &[Lang::De],
];

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} runs (poppler-utils, installed by .ci/setup): {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn artifacts() -> PathBuf {
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
        .join("../../artifacts/itineraries");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Whitespace and hyphens removed: lines wrap anywhere in a PDF's text, and
/// pdftotext drops a hyphen at a line's end ("China-" + "Kompetenz…").
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

struct Printed {
    text: String,
}

fn print(view: &VisitView, scope: Scope, opts: &PrintOptions, name: &str, pngs: bool) -> Printed {
    let bytes = dplan_print::pdf(view, scope, opts).expect("typesets");
    let path = artifacts().join(format!("{name}.pdf"));
    std::fs::write(&path, &bytes).unwrap();
    let p = path.to_str().unwrap();
    let info = tool("pdfinfo", &[p]);
    assert!(info.contains("(A4)"), "{name}: {info}");
    let fonts = tool("pdffonts", &[p]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{name}: no fonts");
    for row in &rows {
        // name type encoding emb sub uni object ID
        let cols: Vec<&str> = row.split_whitespace().collect();
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "{name}: font not embedded: {row}");
    }
    assert!(fonts.contains("CJK"), "{name}: a CJK font: {fonts}");
    if pngs {
        let prefix = artifacts().join(name);
        tool(
            "pdftoppm",
            &["-png", "-r", "60", "-l", "4", p, prefix.to_str().unwrap()],
        );
    }
    Printed {
        text: squeeze(&tool("pdftotext", &["-enc", "UTF-8", p, "-"])),
    }
}

fn views() -> Vec<VisitView> {
    demo::visits(demo::stamp())
        .iter()
        .map(VisitView::new)
        .collect()
}

#[test]
fn every_visit_in_every_language_pair_has_every_title() {
    for (v, view) in views().iter().enumerate() {
        for (k, langs) in PAIRS.iter().enumerate() {
            for layout in [Layout::SideBySide, Layout::Stacked] {
                if langs.len() == 1 && layout == Layout::Stacked {
                    continue;
                }
                let name = format!("visit{v}-{k}-{layout:?}");
                let printed = print(view, Scope::Visit, &options(langs, layout), &name, k == 0);
                for item in &view.programme {
                    for lang in langs.iter() {
                        let title = squeeze(item.title.best(*lang));
                        assert!(
                            printed.text.contains(&title),
                            "{name}: {title} ({lang:?}) missing"
                        );
                    }
                }
                for p in &view.participants {
                    assert!(
                        printed.text.contains(&squeeze(&p.name)),
                        "{name}: {}",
                        p.name
                    );
                }
                let cover_title = squeeze(view.visit.title.best(langs[0]));
                assert!(printed.text.contains(&cover_title));
            }
        }
    }
}

#[test]
fn a_participants_itinerary_holds_only_their_items() {
    for (v, view) in views().iter().enumerate() {
        for (n, p) in view.participants.iter().enumerate() {
            let langs = PAIRS[n % PAIRS.len()];
            // Each gets the edition made for them: guests the guest one.
            let edition = Edition::for_reader(view, Some(p.person_id));
            let opts = PrintOptions {
                edition,
                ..options(langs, Layout::SideBySide)
            };
            let name = format!("visit{v}-person{n}");
            let printed = print(view, Scope::Person(p.person_id), &opts, &name, n == 0);
            let doc = Document::new(view, Scope::Person(p.person_id), &opts).unwrap();
            let doc_text = squeeze(&serde_json::to_string(&doc).unwrap());
            let own = view
                .for_edition(edition, false)
                .for_person(p.person_id)
                .unwrap();
            for e in &own.programme {
                for lang in langs.iter() {
                    let title = squeeze(e.item.title.best(*lang));
                    assert!(
                        printed.text.contains(&title),
                        "{name}: own item {title} missing"
                    );
                }
            }
            for item in &view.programme {
                if own.programme.iter().any(|e| e.item.id == item.id) {
                    continue;
                }
                let title = squeeze(item.title.best(langs[0]));
                // A title that is also text of the person's own items (a
                // venue, a note) may appear; any other must not.
                if !doc_text.contains(&title) {
                    assert!(
                        !printed.text.contains(&title),
                        "{name}: someone else's {title}"
                    );
                }
            }
            if edition == Edition::Guest {
                for note in internal_notes(view) {
                    assert!(!printed.text.contains(&note), "{name}: {note}");
                }
            }
            if let Some(arrival) = &p.arrival {
                assert!(
                    printed.text.contains(&squeeze(&arrival.place)),
                    "{name}: arrival"
                );
            }
        }
    }
}

/// Every line of the visit's and its items' internal notes, squeezed.
fn internal_notes(view: &VisitView) -> Vec<String> {
    std::iter::once(&view.visit.notes)
        .chain(view.programme.iter().map(|i| &i.notes))
        .flat_map(|n| n.lines())
        .map(squeeze)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The dietary and access needs an internal copy must show: dietary ones
/// at meals and receptions, access ones at every item, of the attendees.
fn needs_shown(view: &VisitView, needs: &HashMap<PersonId, Needs>) -> Vec<String> {
    let mut out = Vec::new();
    for item in view
        .programme
        .iter()
        .filter(|i| i.status != ItemStatus::Cancelled)
    {
        let meal = matches!(item.kind, ItemKind::Meal | ItemKind::Reception);
        for a in &item.attendees {
            if let Some(n) = needs.get(&a.person_id) {
                if meal && let Some(d) = &n.dietary {
                    out.push(squeeze(d));
                }
                if let Some(x) = &n.accessibility {
                    out.push(squeeze(x));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn a_guest_copy_holds_no_internal_note_and_an_internal_copy_all_of_them() {
    let files = demo::visits(demo::stamp());
    for (v, view) in views().iter().enumerate() {
        let notes = internal_notes(view);
        assert!(!notes.is_empty(), "visit {v} has internal notes to test");
        // The demo's delegates have dietary and access needs; a guest copy
        // never prints them, even when they are handed over.
        let needs = dplan_print::needs_of(&files[v]);
        let shown = needs_shown(view, &needs);
        assert!(!shown.is_empty(), "visit {v} has needs to test");
        let all_needs: Vec<String> = needs
            .values()
            .flat_map(|n| [n.dietary.clone(), n.accessibility.clone()])
            .flatten()
            .map(|s| squeeze(&s))
            .collect();
        for (k, langs) in PAIRS.iter().enumerate() {
            let guest = PrintOptions {
                edition: Edition::Guest,
                needs: needs.clone(),
                ..options(langs, Layout::SideBySide)
            };
            let name = format!("visit{v}-{k}-guest");
            let printed = print(view, Scope::Visit, &guest, &name, k == 0);
            for note in notes.iter().chain(&all_needs) {
                assert!(!printed.text.contains(note), "{name}: {note}");
            }
            let html = dplan_print::html_page(view, Scope::Visit, &guest).unwrap();
            assert!(!html.contains("class=\"internal\""), "{name}.html");
            for item in &view.programme {
                let title = squeeze(item.title.best(langs[0]));
                let shown = printed.text.contains(&title);
                match item.status {
                    ItemStatus::Confirmed => assert!(shown, "{name}: {title}"),
                    // A cancelled or tentative title may still be a
                    // confirmed item's (a venue's) words; only check
                    // those that are not.
                    _ => {
                        let elsewhere = view.programme.iter().any(|o| {
                            o.status == ItemStatus::Confirmed
                                && squeeze(&serde_json::to_string(o).unwrap()).contains(&title)
                        });
                        assert!(elsewhere || !shown, "{name}: {title} not for guests");
                    }
                }
            }
            for i in view
                .programme
                .iter()
                .filter(|i| i.status == ItemStatus::Confirmed)
            {
                if let Some(n) = i.guest_notes.get(langs[0]) {
                    let first = squeeze(n.lines().next().unwrap_or(""));
                    assert!(printed.text.contains(&first), "{name}: guest note {first}");
                }
            }
        }
        let name = format!("visit{v}-internal");
        let internal = PrintOptions {
            needs: needs.clone(),
            ..options(&[Lang::De, Lang::Zh], Layout::SideBySide)
        };
        let printed = print(view, Scope::Visit, &internal, &name, true);
        for note in notes.iter().chain(&shown) {
            assert!(printed.text.contains(note), "{name}: {note}");
        }
        assert!(
            printed
                .text
                .contains(&squeeze("Ernährung und Barrierefreiheit")),
            "{name}"
        );
        assert!(
            printed
                .text
                .contains(&squeeze("Interne Fassung – nicht für Gäste"))
        );
    }
}

/// The demo's first visit made hard to set: 80 items over five days with
/// long titles in German and Chinese, long Chinese organisation names, long
/// e-mail addresses and international phone numbers.
fn stress_visit() -> dplan_core::VisitFile {
    use dplan_core::{ItemId, Schedule, Texts, ZonedLocal};
    let mut file = demo::visits(demo::stamp()).remove(0);
    let org_de = "Amt für auswärtige Angelegenheiten, internationale Zusammenarbeit und Städtepartnerschaften der Stadtregierung Luzhou";
    let org_zh = "四川省泸州市人民政府外事办公室国际交流合作处暨中德城市伙伴关系协调办公室";
    for (i, p) in file.persons.iter_mut().enumerate() {
        p.organisation = Texts {
            de: Some(org_de.into()),
            en: None,
            zh: Some(org_zh.into()),
        };
        p.email = Some(format!(
            "internationale.zusammenarbeit.{i}@staedtepartnerschaft-herne-luzhou.example.de"
        ));
        p.phone = Some(format!("+49 2323 16 {:05}", 10_000 + i));
    }
    let base = file
        .programme
        .iter()
        .find(|i| matches!(i.schedule, Schedule::Timed { .. }) && !i.attendees.is_empty())
        .unwrap()
        .clone();
    file.visit.title = Texts {
        de: Some("Besuch der Delegation der Stadtregierung Luzhou zur Vertiefung der Städtepartnerschaft in Wirtschaft, Berufsbildung, Hafenlogistik und Jugendaustausch".into()),
        en: None,
        zh: Some("泸州市人民政府代表团访问赫尔内市深化两市在经济、职业教育、港口物流及青年交流领域的友好城市合作".into()),
    };
    let first = file.visit.first_day;
    file.programme = (0..80)
        .map(|n| {
            let day = first + chrono::Duration::days(i64::from(n / 16));
            let start = day.and_hms_opt(7, 0, 0).unwrap()
                + chrono::Duration::minutes(i64::from(n % 16) * 50);
            let at = |t| ZonedLocal::new(t, dplan_core::tz::Europe::Berlin);
            let mut item = base.clone();
            item.id = ItemId::derived(&format!("stress/{n}"));
            item.title = Texts {
                de: Some(format!(
                    "Programmpunkt {n}: Arbeitsgespräch über Berufsbildungskooperation, Hafenlogistik und Jugendaustausch zwischen den Partnerstädten"
                )),
                en: None,
                zh: Some(format!(
                    "第{n}项：关于职业教育合作、港口物流与友好城市青年交流的工作会谈"
                )),
            };
            item.schedule = Schedule::Timed {
                start: at(start),
                end: at(start + chrono::Duration::minutes(45)),
            };
            item.status = ItemStatus::Confirmed;
            item
        })
        .collect();
    file
}

#[test]
fn a_crowded_visit_with_long_names_sets_cleanly() {
    let file = stress_visit();
    let view = VisitView::new(&file);
    for (langs, layout, name) in [
        (
            &[Lang::De, Lang::Zh][..],
            Layout::SideBySide,
            "stress-de-zh",
        ),
        (
            &[Lang::De, Lang::Zh][..],
            Layout::Stacked,
            "stress-de-zh-stacked",
        ),
        (&[Lang::Zh][..], Layout::Stacked, "stress-zh"),
    ] {
        let opts = options(langs, layout);
        let printed = print(&view, Scope::Visit, &opts, name, true);
        for item in &view.programme {
            for l in langs {
                let title = squeeze(item.title.best(*l));
                assert!(printed.text.contains(&title), "{name}: {title}");
            }
        }
        let path = artifacts().join(format!("{name}.pdf"));
        let p = path.to_str().unwrap();
        let pages: u32 = tool("pdfinfo", &[p])
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap();
        assert!((5..=60).contains(&pages), "{name}: {pages} pages");
        // A phone number never breaks after its country code, and every
        // e-mail address is there whole.
        let raw = tool("pdftotext", &["-enc", "UTF-8", p, "-"]);
        for line in raw.lines() {
            assert!(!line.trim_end().ends_with("+49"), "{name}: {line:?}");
        }
        for person in &file.persons {
            if let Some(e) = &person.email
                && view.participants.iter().any(|x| {
                    use dplan_core::Role;
                    // The contacts: protocol staff, interpreters and
                    // drivers with a number.
                    x.person_id == person.id
                        && x.phone.is_some()
                        && matches!(x.role, Role::Staff | Role::Interpreter | Role::Driver)
                })
            {
                assert!(squeeze(&raw).contains(&squeeze(e)), "{name}: {e}");
            }
        }
        // The last page too, to be looked at.
        let prefix = artifacts().join(format!("{name}-last"));
        tool(
            "pdftoppm",
            &[
                "-png",
                "-r",
                "60",
                "-f",
                &pages.to_string(),
                p,
                prefix.to_str().unwrap(),
            ],
        );
    }
}

#[test]
fn principals_and_staff_are_listed_apart() {
    use dplan_core::Role;
    let view = &views()[0];
    let doc = Document::new(
        view,
        Scope::Visit,
        &options(&[Lang::De, Lang::Zh], Layout::SideBySide),
    )
    .unwrap();
    let role_of = |name: &str| {
        // Printed names carry no-break spaces and a German host's Chinese
        // name after the view's name.
        view.participants
            .iter()
            .find(|p| squeeze(name).starts_with(&squeeze(&p.name)))
            .unwrap()
            .role
    };
    for m in doc.guests.iter().chain(&doc.hosts) {
        assert!(
            matches!(
                role_of(&m.name),
                Role::HeadOfDelegation | Role::Member | Role::Host
            ),
            "{} is no principal",
            m.name
        );
    }
    assert!(!doc.staff.is_empty());
    for m in &doc.staff {
        assert!(
            matches!(
                role_of(&m.name),
                Role::Interpreter | Role::Staff | Role::Driver | Role::Press
            ),
            "{} is a principal",
            m.name
        );
    }
    assert_eq!(
        doc.guests.len() + doc.hosts.len() + doc.staff.len(),
        view.participants.len()
    );
    assert_eq!(doc.guests[0].role[0], "Delegationsleiter/in");
}

#[test]
fn every_itinerary_ends_with_the_emergency_numbers_of_the_country_visited() {
    use dplan_core::Direction;
    for (v, view) in views().iter().enumerate() {
        let opts = PrintOptions {
            edition: Edition::Guest,
            ..options(&[Lang::De, Lang::Zh], Layout::SideBySide)
        };
        let doc = Document::new(view, Scope::Visit, &opts).unwrap();
        let numbers: Vec<&str> = doc.emergency.iter().map(|e| e.number).collect();
        match view.visit.direction {
            Direction::Incoming => assert_eq!(numbers, ["110", "112"], "visit {v}"),
            Direction::Outgoing => assert_eq!(numbers, ["110", "119", "120"], "visit {v}"),
        }
        let name = format!("visit{v}-emergency");
        let printed = print(view, Scope::Visit, &opts, &name, false);
        for e in &doc.emergency {
            assert!(
                printed.text.contains(&squeeze(&e.label[1])),
                "{name}: {:?}",
                e.label
            );
        }
    }
}

#[test]
fn a_guest_is_named_formally_on_the_cover_and_in_the_lists() {
    let view = &views()[0];
    let liu = view.participants[0].person_id;
    let opts = PrintOptions {
        edition: Edition::Guest,
        ..options(&[Lang::De, Lang::Zh], Layout::SideBySide)
    };
    let doc = Document::new(view, Scope::Person(liu), &opts).unwrap();
    assert_eq!(
        doc.subtitle,
        [
            "Persönliches Programm – Herr Vizebürgermeister Liu",
            "个人日程——刘副市长"
        ]
    );
    assert_eq!(
        doc.guests[0].address,
        ["Herr Vizebürgermeister Liu", "刘副市长"]
    );
    let printed = print(view, Scope::Person(liu), &opts, "visit0-liu-formal", true);
    for t in ["Herr Vizebürgermeister Liu", "刘副市长"] {
        assert!(printed.text.contains(&squeeze(t)), "{t}");
    }
}

#[test]
fn a_night_flight_stands_under_its_day_and_its_arrival_under_the_next() {
    use dplan_core::{ItemKind, Schedule, ZonedLocal};
    let mut file = demo::visits(demo::stamp()).remove(0);
    let flight = &mut file.programme[0];
    flight.kind = ItemKind::Flight;
    flight.status = ItemStatus::Confirmed;
    flight.title = dplan_core::Texts::all("Flug nach Shanghai", "Flight to Shanghai", "飞往上海");
    flight.schedule = Schedule::Timed {
        start: ZonedLocal::parse("2027-03-24T21:00", dplan_core::tz::Europe::Berlin).unwrap(),
        end: ZonedLocal::parse("2027-03-25T14:10", dplan_core::tz::Asia::Shanghai).unwrap(),
    };
    let view = VisitView::new(&file);
    let opts = PrintOptions {
        edition: Edition::Guest,
        ..options(&[Lang::De, Lang::Zh], Layout::SideBySide)
    };
    let doc = Document::new(&view, Scope::Visit, &opts).unwrap();
    let day = |heading: &str| {
        doc.days
            .iter()
            .find(|d| d.heading[0] == heading)
            .unwrap_or_else(|| panic!("{heading}"))
    };
    let first = day("Mittwoch, 24. März 2027");
    let departs = first
        .items
        .iter()
        .find(|e| e.title[0] == "Flug nach Shanghai")
        .unwrap();
    assert!(!departs.arrival);
    assert_eq!(departs.time, "21:00 MEZ – 14:10 CST (+1)");
    let next = day("Donnerstag, 25. März 2027");
    let k = next
        .items
        .iter()
        .position(|e| e.arrival)
        .expect("the arrival on the 25th");
    assert_eq!(
        next.items[k].title,
        ["Ankunft: Flug nach Shanghai", "到达：飞往上海"]
    );
    assert_eq!(next.items[k].time, "14:10 CST");
    // 14:10 in Shanghai is 07:10 in Herne: before the day's 09:30 reception.
    assert_eq!(
        k,
        0,
        "{:?}",
        next.items.iter().map(|e| &e.time).collect::<Vec<_>>()
    );
    let html = dplan_print::html_page(&view, Scope::Visit, &opts).unwrap();
    // The demo's own flight home lands the next day too.
    assert_eq!(html.matches("data-testid=\"itinerary-arrival\"").count(), 2);
    assert!(html.contains("Ankunft: Flug nach Shanghai"));
}

#[test]
fn the_same_input_gives_the_same_pdf() {
    let view = &views()[0];
    let opts = options(&[Lang::De, Lang::Zh], Layout::SideBySide);
    let a = dplan_print::pdf(view, Scope::Visit, &opts).unwrap();
    let b = dplan_print::pdf(view, Scope::Visit, &opts).unwrap();
    assert_eq!(a, b);
}

#[test]
fn html_escapes_every_text_and_carries_the_same_items() {
    let mut view = views().remove(0);
    view.programme[0].title.de = Some("<script>alert('x')</script> & Co".into());
    let opts = options(&[Lang::De, Lang::Zh], Layout::Stacked);
    let page = dplan_print::html_page(&view, Scope::Visit, &opts).unwrap();
    assert!(!page.contains("<script>"), "escaped");
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"));
    assert_eq!(
        page.matches("data-testid=\"itinerary-item\"").count(),
        view.programme.len()
    );
    assert!(page.contains("@page { size: A4;"));
    for item in &view.programme[1..] {
        assert!(page.contains(item.title.best(Lang::Zh)), "{:?}", item.title);
    }
}

#[test]
fn a_chinese_copy_names_every_text_it_prints_untranslated() {
    let mut view = views().remove(0);
    // A note for the guests written in German only.
    view.programme[0].guest_notes = dplan_core::Texts::de("Bitte Reisepass mitbringen.");
    let title = view.programme[0].title.best(Lang::Zh).to_string();
    let opts = PrintOptions {
        edition: Edition::Guest,
        ..options(&[Lang::Zh], Layout::Stacked)
    };
    let missing = dplan_print::missing_translations(&view, Scope::Visit, &opts).unwrap();
    assert!(
        missing.contains(&MissingTranslation {
            what: title.clone(),
            field: TextField::GuestNotes,
            lang: Lang::Zh,
        }),
        "{missing:#?}"
    );
    assert!(missing.iter().all(|m| m.lang == Lang::Zh));
    // Each missing text is one the copy really prints in another language.
    let (html, from_preview) = dplan_print::html_fragment(&view, Scope::Visit, &opts).unwrap();
    assert_eq!(from_preview, missing);
    assert!(html.contains("Bitte Reisepass mitbringen."));
    // With the translation there, the report no longer names it.
    view.programme[0].guest_notes.zh = Some("请携带护照。".into());
    let after = dplan_print::missing_translations(&view, Scope::Visit, &opts).unwrap();
    assert!(
        !after
            .iter()
            .any(|m| m.what == title && m.field == TextField::GuestNotes),
        "{after:#?}"
    );
    // German, the language every text is written in first, misses nothing
    // the demo left out.
    let de = dplan_print::missing_translations(
        &view,
        Scope::Visit,
        &options(&[Lang::De], Layout::Stacked),
    )
    .unwrap();
    assert_eq!(de, vec![], "{de:#?}");
}

/// Issue 13: rooms are printed in the reader's language, and a venue in
/// China shows its address in Chinese characters for the driver, in any
/// language; without it, the copy says so before it is handed out.
#[test]
fn rooms_are_translated_and_a_chinese_address_is_printed_for_drivers() {
    let mut view = views()
        .into_iter()
        .find(|v| {
            v.programme
                .iter()
                .any(|i| i.venue.as_ref().is_some_and(|v| v.address_zh.is_some()))
        })
        .expect("a demo visit to China");
    let opts = options(&[Lang::De, Lang::Zh], Layout::Stacked);
    let printed = print(
        &view,
        Scope::Visit,
        &opts,
        "rooms-and-chinese-addresses",
        false,
    );
    assert!(
        printed.text.contains(&squeeze("泸州市人民政府，接待厅")),
        "the room in Chinese"
    );
    assert!(
        printed
            .text
            .contains(&squeeze("Rathaus Luzhou, Empfangssaal"))
    );
    assert!(
        printed.text.contains("四川省泸州市江阳区泸州市人民政府"),
        "the address for the driver"
    );
    let de = dplan_print::missing_translations(
        &view,
        Scope::Visit,
        &options(&[Lang::De], Layout::Stacked),
    )
    .unwrap();
    assert_eq!(de, vec![], "{de:#?}");

    // Without the Chinese address and with an untranslated room, even a
    // German copy names the missing address, and a Chinese copy the room.
    let (id, venue, venue_zh) = view
        .programme
        .iter()
        .filter_map(|i| i.venue.as_ref())
        .find(|v| v.room.de.as_deref() == Some("Empfangssaal"))
        .map(|v| {
            (
                v.id,
                v.name.best(Lang::De).to_string(),
                v.name.best(Lang::Zh).to_string(),
            )
        })
        .unwrap();
    for item in view.programme.iter_mut() {
        if let Some(v) = item.venue.as_mut().filter(|v| v.id == id) {
            v.address_zh = None;
            v.room.zh = None;
        }
    }
    let de = dplan_print::missing_translations(
        &view,
        Scope::Visit,
        &options(&[Lang::De], Layout::Stacked),
    )
    .unwrap();
    assert_eq!(
        de,
        vec![MissingTranslation {
            what: venue.clone(),
            field: TextField::AddressZh,
            lang: Lang::Zh,
        }]
    );
    let zh = dplan_print::missing_translations(
        &view,
        Scope::Visit,
        &options(&[Lang::Zh], Layout::Stacked),
    )
    .unwrap();
    assert!(
        zh.contains(&MissingTranslation {
            what: venue_zh,
            field: TextField::Room,
            lang: Lang::Zh,
        }),
        "{zh:#?}"
    );
}

/// Issue 13: a journey shows its flight or train number, and a staff
/// member's own copy marks the items they run apart from those they only
/// attend.
#[test]
fn flight_numbers_print_and_a_staff_copy_marks_its_duties() {
    let view = views()
        .into_iter()
        .find(|v| {
            v.programme
                .iter()
                .any(|i| i.transport.as_deref() == Some("3U 8792"))
        })
        .expect("the demo's journey to Luzhou");
    let opts = options(&[Lang::De, Lang::Zh], Layout::Stacked);
    let printed = print(&view, Scope::Visit, &opts, "journeys", false);
    for number in ["ICE 125", "3U 8792", "3U 8791"] {
        assert!(printed.text.contains(&squeeze(number)), "{number}");
    }
    assert!(printed.text.contains(&squeeze("Flug/Zug / 航班/车次：")));
    assert!(
        !printed.text.contains("IhreAufgabe"),
        "no duty in the whole visit"
    );

    // The protocol officer who runs the journeys and attends the rest.
    let runs_of =
        |p: dplan_core::PersonId| view.programme.iter().filter(|i| i.involvement(p).1).count();
    let officer = view
        .participants
        .iter()
        .max_by_key(|p| runs_of(p.person_id))
        .expect("participants");
    let opts = options(&[Lang::De], Layout::Stacked);
    let doc = Document::new(&view, Scope::Person(officer.person_id), &opts).unwrap();
    let marked: usize = doc
        .days
        .iter()
        .flat_map(|d| &d.items)
        .filter(|e| !e.duty.is_empty())
        .count();
    let runs = runs_of(officer.person_id);
    assert!(runs > 0);
    assert_eq!(marked, runs, "one mark per item the officer runs");
    let attends_only = doc
        .days
        .iter()
        .flat_map(|d| &d.items)
        .filter(|e| !e.arrival && e.duty.is_empty())
        .count();
    let printed = print(
        &view,
        Scope::Person(officer.person_id),
        &opts,
        "journeys-officer",
        true,
    );
    assert_eq!(printed.text.matches("IhreAufgabe").count(), runs);
    assert_eq!(
        attends_only,
        view.programme
            .iter()
            .filter(|i| i.involvement(officer.person_id) == (true, false))
            .count()
    );
}

/// Issue 13: the contacts page names everyone a guest may need to call,
/// each with a number: protocol staff of both sides, interpreters, drivers,
/// then the hotel, the duty phone and the consulate.
#[test]
fn the_contacts_page_lists_staff_hotel_duty_phone_and_consulate_with_numbers() {
    for mut view in views() {
        let opts = PrintOptions {
            edition: Edition::Guest,
            ..options(&[Lang::De, Lang::Zh], Layout::Stacked)
        };
        let doc = Document::new(&view, Scope::Visit, &opts).unwrap();
        assert!(doc.contacts.iter().all(|c| !c.phone.trim().is_empty()));
        for c in &view.visit.contacts {
            assert!(
                doc.contacts.iter().any(|d| d.phone == c.phone
                    && d.organisation.contains(&c.name.best(Lang::Zh).to_string())),
                "{c:?}"
            );
        }
        for kind in [
            dplan_core::ContactKind::Hotel,
            dplan_core::ContactKind::DutyPhone,
            dplan_core::ContactKind::Consulate,
        ] {
            assert!(
                view.visit.contacts.iter().any(|c| c.kind == kind),
                "{kind:?}"
            );
        }
        for p in &view.participants {
            let staff = matches!(
                p.role,
                dplan_core::Role::Staff | dplan_core::Role::Interpreter | dplan_core::Role::Driver
            );
            let listed = doc
                .contacts
                .iter()
                .any(|c| squeeze(&c.name).starts_with(&squeeze(&p.name)));
            assert_eq!(listed, staff && p.phone.is_some(), "{}", p.name);
        }
        let title = view.visit.title.best(Lang::De).to_string();
        let printed = print(
            &view,
            Scope::Visit,
            &opts,
            &format!("contacts-{}", view.visit.id),
            false,
        );
        // A table cell's lines come out between the other cells' lines.
        for word in [
            "Hotel",
            "酒店",
            "Bereitschaftstelefon",
            "值班电话",
            "Konsulat",
            "领事馆",
        ] {
            assert!(printed.text.contains(word), "{title}: {word}");
        }

        // A contact named in German only is reported for a Chinese copy.
        view.visit.contacts[0].name.zh = None;
        let zh = dplan_print::missing_translations(
            &view,
            Scope::Visit,
            &options(&[Lang::Zh], Layout::Stacked),
        )
        .unwrap();
        assert!(
            zh.iter().any(|m| m.field == TextField::Contact),
            "{title}: {zh:#?}"
        );
    }
}

/// Issue 13: a German host with a Chinese name is named in it in a
/// document with Chinese, and no name breaks between its characters and
/// its Latin spelling.
#[test]
fn a_german_host_carries_her_chinese_name_and_names_never_break_inside() {
    let view = &views()[0];
    let with_zh = Document::new(
        view,
        Scope::Visit,
        &options(&[Lang::De, Lang::Zh], Layout::Stacked),
    )
    .unwrap();
    assert!(
        with_zh
            .hosts
            .iter()
            .any(|m| m.name == "Dr.\u{a0}Anna Berger\u{a0}安娜·贝格尔"
                || m.name == "Dr. Anna Berger\u{a0}安娜·贝格尔"),
        "{:?}",
        with_zh.hosts.iter().map(|m| &m.name).collect::<Vec<_>>()
    );
    assert!(
        with_zh
            .guests
            .iter()
            .any(|m| m.name == "刘强\u{a0}Liu Qiang")
    );
    let without = Document::new(
        view,
        Scope::Visit,
        &options(&[Lang::De, Lang::En], Layout::Stacked),
    )
    .unwrap();
    assert!(without.hosts.iter().any(|m| m.name == "Dr. Anna Berger"));
    let printed = print(
        view,
        Scope::Visit,
        &options(&[Lang::De, Lang::Zh], Layout::SideBySide),
        "chinese-names",
        false,
    );
    assert!(
        printed
            .text
            .contains(&squeeze("Dr. Anna Berger 安娜·贝格尔"))
    );
}

#[test]
fn someone_outside_the_visit_gets_a_clear_error() {
    let view = &views()[0];
    let stranger = dplan_core::PersonId::derived("nobody");
    assert_eq!(
        dplan_print::pdf(
            view,
            Scope::Person(stranger),
            &options(&[Lang::De], Layout::Stacked)
        ),
        Err(dplan_print::PrintError::NotInVisit(stranger))
    );
}

#[test]
fn a_published_calendar_prints_its_link_with_a_qr_code() {
    let view = &views()[0];
    let link = "https://www.herne.de/kalender/0123456789abcdef0123456789abcdef.ics";
    let opts = PrintOptions {
        edition: Edition::Guest,
        calendar_link: Some(link.into()),
        ..options(&[Lang::Zh, Lang::De], Layout::Stacked)
    };
    let doc = Document::new(view, Scope::Visit, &opts).unwrap();
    let c = doc.calendar.as_ref().expect("the link is printed");
    assert_eq!(
        c.title,
        vec!["订阅日程日历", "Programm als Kalender abonnieren"]
    );
    assert!(c.qr.starts_with("<svg"));
    let printed = print(view, Scope::Visit, &opts, "calendar-link-zh-de", true);
    assert!(
        printed.text.contains(&squeeze(link)),
        "the address is printed"
    );
    assert!(printed.text.contains("订阅日程日历"));
    assert!(
        printed
            .text
            .contains(&squeeze("Aus dem Internet abonnieren"))
    );
    // The HTML preview shows the same.
    let (html, _) = dplan_print::html_fragment(view, Scope::Visit, &opts).unwrap();
    assert!(html.contains("<section class=\"calendar\">") && html.contains(link));
    // Without a published feed, no such page part.
    let none = Document::new(view, Scope::Visit, &options(&[Lang::De], Layout::Stacked)).unwrap();
    assert!(none.calendar.is_none());
}

#[test]
fn an_itinerary_has_one_or_two_languages_whoever_asks() {
    let view = &views()[0];
    for langs in [
        vec![],
        vec![Lang::De, Lang::Zh, Lang::En],
        vec![Lang::Zh, Lang::Zh],
    ] {
        let opts = options(&langs, Layout::SideBySide);
        let err = dplan_print::html_page(view, Scope::Visit, &opts).unwrap_err();
        assert_eq!(
            err,
            dplan_print::PrintError::Languages(langs.len()),
            "{langs:?}"
        );
        assert_eq!(
            dplan_core::Kinded::kind(&err),
            dplan_core::ErrorKind::Invalid
        );
    }
    let opts = options(&[Lang::En], Layout::Stacked);
    assert!(dplan_print::html_page(view, Scope::Visit, &opts).is_ok());
}
