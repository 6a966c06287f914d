//! The cases issue 6 names: clock changes in Berlin both ways, Shanghai, a
//! flight across midnight and zones, an all-day item, a long Chinese text
//! that must fold, a value crafted to break out of its line, an item moved
//! between two exports, a cancelled item; and whose items each file holds.

use chrono::Duration;
use dplan_core::tz::{Asia::Shanghai, Europe::Berlin, Tz};
use dplan_core::view::VisitView;
use dplan_core::{
    Edition, ItemId, ItemKind, ItemStatus, Lang, Occurrence, PersonalData, ProgrammeItem, Schedule,
    Texts, VisitFile, ZonedLocal, demo,
};
use dplan_ics::{Options, Scope};

use crate::{assert_times_match, demo_view, export_ok, golden, options, parse};

fn at(local: &str, zone: Tz) -> ZonedLocal {
    ZonedLocal::parse(local, zone).unwrap()
}

pub const LONG_CHINESE: &str = "请各位代表于上午九点前在酒店大堂集合，统一乘车前往市政厅。\
    市政厅议会大厅将悬挂两市市旗，欢迎仪式结束后请在金书上签名留念。\
    午餐后参观赫尔内经济促进公司及中国能力中心，晚上由市长设宴款待。";

fn item(
    file: &VisitFile,
    key: &str,
    title: Texts,
    kind: ItemKind,
    schedule: Schedule,
) -> ProgrammeItem {
    ProgrammeItem {
        id: ItemId::derived(&format!("ics-case/{key}")),
        visit_id: file.visit.id,
        title,
        kind,
        schedule,
        venue_id: file.venues.first().map(|v| v.id),
        attendees: file
            .participants
            .iter()
            .take(3)
            .map(|p| p.person_id)
            .collect(),
        responsible: vec![file.participants[6].person_id],
        notes: String::new(),
        guest_notes: Default::default(),
        dress_code: Texts::default(),
        transport: None,
        status: ItemStatus::Confirmed,
        revision: 2,
    }
}

/// The demo's incoming visit with one item for each case.
pub fn cases_file() -> VisitFile {
    let mut f = demo::visits(demo::stamp()).remove(0);
    f.programme.truncate(2);
    let timed = |s: ZonedLocal, e: ZonedLocal| Schedule::Timed { start: s, end: e };
    // Across the spring-forward gap: 01:30 CET to 03:30 CEST is one hour.
    let spring = item(
        &f,
        "spring",
        Texts::all("Nachtzug-Ankunft", "Night train arrival", "夜车抵达"),
        ItemKind::Transfer,
        timed(
            at("2026-03-29T01:30", Berlin),
            at("2026-03-29T03:30", Berlin),
        ),
    );
    // In the repeated hour of autumn: first 02:15 CEST, then 02:30 CET.
    let mut first = at("2026-10-25T02:15", Berlin);
    first.occurrence = Some(Occurrence::First);
    let mut second = at("2026-10-25T02:30", Berlin);
    second.occurrence = Some(Occurrence::Second);
    let autumn = item(
        &f,
        "autumn",
        Texts::all("Nachtschicht Hafen", "Port night shift", "港口夜班"),
        ItemKind::Visit,
        timed(first, second),
    );
    let shanghai = item(
        &f,
        "shanghai",
        Texts::all(
            "Besuch Luzhou Laojiao",
            "Visit to Luzhou Laojiao",
            "参观泸州老窖",
        ),
        ItemKind::Visit,
        timed(
            at("2027-05-18T09:00", Shanghai),
            at("2027-05-18T11:30", Shanghai),
        ),
    );
    let flight = item(
        &f,
        "flight",
        Texts::all(
            "Flug Chengdu – Düsseldorf",
            "Flight Chengdu – Düsseldorf",
            "成都—杜塞尔多夫航班",
        ),
        ItemKind::Flight,
        timed(
            at("2027-05-20T23:50", Shanghai),
            at("2027-05-21T06:10", Berlin),
        ),
    );
    let all_day = item(
        &f,
        "all-day",
        Texts::all("Freier Tag", "Free day", "自由活动日"),
        ItemKind::FreeTime,
        Schedule::AllDay {
            first_day: "2027-03-27".parse().unwrap(),
            last_day: "2027-03-28".parse().unwrap(),
        },
    );
    let mut chinese = item(
        &f,
        "chinese",
        Texts::all(
            "Empfang im Ratssaal",
            "Reception in the council chamber",
            "市政厅议会大厅欢迎仪式",
        ),
        ItemKind::Reception,
        timed(
            at("2027-03-25T09:30", Berlin),
            at("2027-03-25T10:30", Berlin),
        ),
    );
    chinese.notes = LONG_CHINESE.into();
    chinese.dress_code = Texts::all("Dunkler Anzug", "Dark suit", "深色西装");
    let mut cancelled = item(
        &f,
        "cancelled",
        Texts::all("Stadtrundfahrt", "City tour", "城市观光"),
        ItemKind::Visit,
        timed(
            at("2027-03-26T17:00", Berlin),
            at("2027-03-26T18:00", Berlin),
        ),
    );
    cancelled.status = ItemStatus::Cancelled;
    let mut tentative = item(
        &f,
        "tentative",
        Texts::de("Einkaufsbummel"),
        ItemKind::FreeTime,
        timed(
            at("2027-03-27T15:00", Berlin),
            at("2027-03-27T17:00", Berlin),
        ),
    );
    tentative.status = ItemStatus::Tentative;
    f.programme.extend([
        spring, autumn, shanghai, flight, all_day, chinese, cancelled, tentative,
    ]);
    f
}

#[test]
fn every_case_parses_back_to_the_stores_instants() {
    let view = VisitView::new(&cases_file());
    let text = export_ok(&view, Scope::Visit, &options(&[Lang::De, Lang::Zh]));
    let (_, events) = parse(&text);
    assert_eq!(events.len(), view.programme.len());
    assert_times_match(&view, &events);
    let by = |key: &str| {
        let id = ItemId::derived(&format!("ics-case/{key}")).to_string();
        events.iter().find(|e| e.uid == id).unwrap().clone()
    };
    let spring = by("spring");
    assert_eq!(
        spring.end - spring.start,
        Duration::hours(1),
        "the night loses an hour"
    );
    let autumn = by("autumn");
    assert_eq!(autumn.start.to_rfc3339(), "2026-10-25T00:15:00+00:00");
    assert_eq!(autumn.end.to_rfc3339(), "2026-10-25T01:30:00+00:00");
    // Times in the repeated hour cannot be named by local time: UTC.
    assert!(text.contains("DTSTART:20261025T001500Z\r\n"), "{text}");
    assert!(text.contains("DTEND:20261025T013000Z\r\n"), "{text}");
    let flight = by("flight");
    assert_eq!(flight.start.to_rfc3339(), "2027-05-20T15:50:00+00:00");
    assert_eq!(flight.end.to_rfc3339(), "2027-05-21T04:10:00+00:00");
    assert!(text.contains("DTSTART;TZID=Asia/Shanghai:20270520T235000\r\n"));
    assert!(text.contains("DTEND;TZID=Europe/Berlin:20270521T061000\r\n"));
    let all_day = by("all-day");
    assert!(all_day.all_day);
    assert!(text.contains("DTSTART;VALUE=DATE:20270327\r\nDTEND;VALUE=DATE:20270329\r\n"));
    assert_eq!(by("cancelled").status, "CANCELLED");
    assert_eq!(by("tentative").status, "TENTATIVE");
    let chinese = by("chinese");
    assert!(
        chinese.description.contains(LONG_CHINESE),
        "{}",
        chinese.description
    );
    assert!(
        chinese
            .description
            .contains("Kleiderordnung / 着装要求: Dunkler Anzug / 深色西装")
    );
    assert_eq!(
        chinese.summary,
        "Empfang im Ratssaal / 市政厅议会大厅欢迎仪式"
    );
    golden("cases-de-zh.ics", &text);
}

#[test]
fn a_value_crafted_to_break_out_stays_inside() {
    let mut view = demo_view();
    let evil = "Empfang\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:Gekapert";
    view.programme[0].title = Texts::de(evil);
    view.programme[0].notes = format!("{evil}\nDESCRIPTION;X=\"a:b\":c,d;e\\f");
    let text = export_ok(&view, Scope::Visit, &options(&[Lang::De]));
    let begins = text.matches("\r\nBEGIN:VEVENT\r\n").count();
    assert_eq!(begins, view.programme.len(), "no event was injected");
    assert!(!text.contains("\r\nUID:evil"), "{text}");
    let (_, events) = parse(&text);
    assert_eq!(events.len(), view.programme.len());
    let first = events
        .iter()
        .find(|e| e.uid == view.programme[0].id.to_string())
        .unwrap();
    assert_eq!(first.summary, evil.replace("\r\n", "\n"));
    assert!(
        first.description.contains("DESCRIPTION;X=\"a:b\":c,d;e\\f"),
        "{}",
        first.description
    );
}

#[test]
fn a_moved_item_keeps_its_uid_and_raises_its_sequence() {
    let mut store = dplan_store::Store::open_in_memory().unwrap();
    store.load_demo().unwrap();
    let id = demo::incoming_id();
    let view =
        |s: &dplan_store::Store| VisitView::new(&s.export_visit(id, demo::stamp(), false).unwrap());
    let before = export_ok(&view(&store), Scope::Visit, &options(&[Lang::De]));
    let mut item = store.list_programme(id).unwrap()[5].clone();
    if let Schedule::Timed { start, end } = &mut item.schedule {
        start.local += Duration::minutes(30);
        end.local += Duration::minutes(30);
    }
    store.update_item(&item).unwrap();
    let after_view = view(&store);
    let after = export_ok(&after_view, Scope::Visit, &options(&[Lang::De]));
    let (_, old) = parse(&before);
    let (_, new) = parse(&after);
    let find = |events: &[crate::Parsed]| {
        events
            .iter()
            .find(|e| e.uid == item.id.to_string())
            .unwrap()
            .clone()
    };
    let (o, n) = (find(&old), find(&new));
    assert_eq!(n.sequence, o.sequence + 1);
    assert_eq!(n.start - o.start, Duration::minutes(30));
    assert_times_match(&after_view, &new);
    // Nothing else changed its sequence.
    for e in &new {
        if e.uid != n.uid {
            assert_eq!(
                e.sequence,
                old.iter().find(|x| x.uid == e.uid).unwrap().sequence
            );
        }
    }
}

#[test]
fn personal_data_never_appears() {
    let mut store = dplan_store::Store::open_in_memory().unwrap();
    let mut file = demo::visits(demo::stamp()).remove(0);
    for p in &mut file.persons {
        p.personal = Some(PersonalData {
            passport_number: Some("EK1234567".into()),
            date_of_birth: Some("1971-04-02".parse().unwrap()),
            nationality: Some("CHN".into()),
            dietary: Some("keine Meeresfrüchte".into()),
            accessibility: Some("Rollstuhl".into()),
        });
    }
    store.import_visit(&file).unwrap();
    let view = VisitView::new(
        &store
            .export_visit(file.visit.id, demo::stamp(), false)
            .unwrap(),
    );
    for scope in [
        Scope::Visit,
        Scope::Participant(file.participants[0].person_id),
    ] {
        let text = export_ok(&view, scope, &options(&[Lang::De, Lang::En, Lang::Zh]));
        for secret in ["EK1234567", "1971", "CHN", "Meeresfrüchte", "Rollstuhl"] {
            assert!(!text.contains(secret), "{secret} in {scope:?}");
        }
    }
}

#[test]
fn a_participants_file_and_a_staff_file_hold_only_their_items() {
    let view = demo_view();
    let liu = view.participants[0].person_id;
    // A guest's own calendar: the guest edition.
    let text = export_ok(
        &view,
        Scope::Participant(liu),
        &Options {
            edition: Edition::Guest,
            ..options(&[Lang::De, Lang::En])
        },
    );
    let (props, events) = parse(&text);
    assert_eq!(
        props["X-WR-CALNAME"],
        "Besuch der Delegation aus Luzhou in Herne / Visit of the Luzhou delegation to Herne – 刘强 Liu Qiang"
    );
    let own = view.for_person(liu).unwrap();
    let expected: Vec<String> = own
        .programme
        .iter()
        .filter(|e| e.attends && e.item.status == ItemStatus::Confirmed)
        .map(|e| e.item.id.to_string())
        .collect();
    assert_eq!(
        events.iter().map(|e| e.uid.clone()).collect::<Vec<_>>(),
        expected
    );
    assert_times_match(&view, &events);
    golden("demo-liu-qiang-de-en.ics", &text);

    let wagner = view
        .participants
        .iter()
        .find(|p| p.name == "Julia Wagner")
        .unwrap()
        .person_id;
    let text = export_ok(&view, Scope::Staff(wagner), &options(&[Lang::De]));
    let (props, events) = parse(&text);
    assert!(props["X-WR-CALNAME"].ends_with("– Julia Wagner (Aufgaben)"));
    assert!(!events.is_empty());
    for e in &events {
        let item = view
            .programme
            .iter()
            .find(|i| i.id.to_string() == e.uid)
            .unwrap();
        assert!(
            item.responsible.iter().any(|r| r.person_id == wagner),
            "{}",
            e.summary
        );
        assert!(e.description.contains("Verantwortlich: Julia Wagner"));
    }
    golden("demo-julia-wagner-staff-de.ics", &text);

    let stranger = dplan_core::PersonId::derived("nobody");
    assert_eq!(
        dplan_ics::export(&view, Scope::Participant(stranger), &options(&[Lang::De])),
        Err(dplan_ics::IcsError::NotInVisit(stranger))
    );
}

#[test]
fn a_guests_calendar_holds_no_internal_note_duty_or_cancelled_item() {
    let view = demo_view();
    let internal: Vec<&str> = view
        .programme
        .iter()
        .flat_map(|i| i.notes.lines())
        .chain(view.visit.notes.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert!(!internal.is_empty());
    let guest = Options {
        edition: Edition::Guest,
        ..options(&[Lang::De, Lang::Zh])
    };
    let liu = view.participants[0].person_id;
    for scope in [Scope::Visit, Scope::Participant(liu)] {
        let text = export_ok(&view, scope, &guest);
        // Unfolded, so that a note cut by folding is still found.
        let unfolded = text.replace("\r\n ", "");
        for note in &internal {
            let escaped = note.replace(',', "\\,").replace(';', "\\;");
            assert!(!unfolded.contains(&escaped), "{scope:?}: {note}");
        }
        assert!(!unfolded.contains("Interne Notizen"), "{scope:?}");
        assert!(!unfolded.contains("Verantwortlich"), "{scope:?}");
        let (_, events) = parse(&text);
        for e in &events {
            let item = view
                .programme
                .iter()
                .find(|i| i.id.to_string() == e.uid)
                .unwrap();
            assert_eq!(item.status, ItemStatus::Confirmed, "{}", e.summary);
        }
    }
    // The whole visit for the delegation: every confirmed item, with the
    // notes written for the guests.
    let (_, events) = parse(&export_ok(&view, Scope::Visit, &guest));
    let confirmed: Vec<_> = view
        .programme
        .iter()
        .filter(|i| i.status == ItemStatus::Confirmed)
        .collect();
    assert_eq!(events.len(), confirmed.len());
    let with_notes = confirmed
        .iter()
        .find(|i| i.guest_notes.get(Lang::De).is_some())
        .expect("the demo has notes for the guests");
    let event = events
        .iter()
        .find(|e| e.uid == with_notes.id.to_string())
        .unwrap();
    assert!(
        event.description.contains(&format!(
            "Hinweise / 备注: {}",
            with_notes.guest_notes.get(Lang::De).unwrap()
        )),
        "{}",
        event.description
    );
    // Asked for, tentative items are in and say so.
    let tentative = export_ok(
        &view,
        Scope::Visit,
        &Options {
            tentative: true,
            ..guest.clone()
        },
    );
    let (_, events) = parse(&tentative);
    assert!(events.len() > confirmed.len());
    assert!(tentative.contains("STATUS:TENTATIVE"));
    assert!(!tentative.contains("STATUS:CANCELLED"));
}

#[test]
fn the_whole_demo_visit_with_reminders() {
    let view = demo_view();
    let text = export_ok(
        &view,
        Scope::Visit,
        &Options {
            reminder_minutes: Some(30),
            ..options(&[Lang::De, Lang::Zh])
        },
    );
    let (props, events) = parse(&text);
    assert_eq!(props["METHOD"], "PUBLISH");
    assert_eq!(events.len(), view.programme.len());
    assert_times_match(&view, &events);
    let timed_live = view
        .programme
        .iter()
        .filter(|i| i.status != ItemStatus::Cancelled && i.start_utc.is_some())
        .count();
    assert_eq!(text.matches("BEGIN:VALARM\r\n").count(), timed_live);
    assert_eq!(text.matches("TRIGGER:-PT30M\r\n").count(), timed_live);
    // Attendees in precedence order, the interpreter named.
    let reception = events
        .iter()
        .find(|e| e.summary.starts_with("Empfang im Ratssaal"))
        .unwrap();
    assert!(
        reception
            .description
            .contains("Teilnehmende / 出席人员: 刘强 Liu Qiang, 王芳 Wang Fang"),
        "{}",
        reception.description
    );
    assert!(
        reception.description.contains("Dolmetschung / 翻译: "),
        "{}",
        reception.description
    );
    assert!(
        reception
            .location
            .as_deref()
            .unwrap()
            .contains("Friedrich-Ebert-Platz 2, 44623 Herne")
    );
    golden("demo-incoming-de-zh.ics", &text);
}
