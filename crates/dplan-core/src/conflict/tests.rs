//! The conflict check's tests: each rule, the order of warnings, the bounds.

use super::model::Clock;
use super::*;

#[test]
fn a_travel_pair_is_set_once_in_either_order_and_forgotten() {
    let (a, b) = (VenueId::derived("a"), VenueId::derived("b"));
    let mut s = CheckSettings::default();
    s.set_travel(a, b, Some(20));
    s.set_travel(b, a, Some(45));
    assert_eq!(
        s.travel,
        vec![TravelTime {
            from: b,
            to: a,
            minutes: 45
        }]
    );
    s.set_travel(a, b, None);
    assert!(s.travel.is_empty());
}
use crate::tz::{Asia::Shanghai, Europe::Berlin, Tz};
use crate::{Direction, Movement, NameOrder, Occurrence, Texts, demo};

fn person(key: &str, family: &str, given: &str, zh: Option<&str>, langs: &[&str]) -> Person {
    let order = if zh.is_some() {
        NameOrder::FamilyFirst
    } else {
        NameOrder::GivenFirst
    };
    let mut p = Person::new(PersonId::derived(key), family, given, order);
    p.name_zh = zh.map(Into::into);
    p.languages = langs.iter().map(|l| l.to_string()).collect();
    p
}

fn liu() -> Person {
    person("liu", "Liu", "Qiang", Some("刘强"), &["zh"])
}
fn wang() -> Person {
    person("wang", "Wang", "Fang", Some("王芳"), &["zh", "en"])
}
fn zhao() -> Person {
    person("zhao", "Zhao", "Lei", Some("赵磊"), &[])
}
fn berger() -> Person {
    let mut p = person("berger", "Berger", "Anna", None, &["de", "en"]);
    p.academic_title = Some("Dr.".into());
    p
}
fn xu() -> Person {
    person("xu", "Xu", "Yan", Some("徐燕"), &["de", "zh", "en"])
}
fn wagner() -> Person {
    person("wagner", "Wagner", "Julia", None, &["de", "en"])
}

fn at(local: &str, zone: Tz) -> ZonedLocal {
    ZonedLocal::parse(local, zone).unwrap()
}

fn berlin(start: &str, end: &str) -> Schedule {
    Schedule::Timed {
        start: at(start, Berlin),
        end: at(end, Berlin),
    }
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A hand-built visit: persons join in the order added, guests and
/// hosts each by precedence.
struct Fixture {
    file: VisitFile,
}

impl Fixture {
    fn new(key: &str, title: &str, first: &str, last: &str) -> Fixture {
        let visit = Visit {
            id: VisitId::derived(key),
            title: Texts::de(title),
            direction: Direction::Incoming,
            partner_city: "Luzhou".into(),
            first_day: day(first),
            last_day: day(last),
            time_zone: Berlin,
            status: VisitStatus::Confirmed,
            hosts: vec![],
            notes: String::new(),
            guest_notes: Default::default(),
            contacts: vec![],
        };
        Fixture {
            file: VisitFile::new(demo::stamp(), visit),
        }
    }

    /// The usual cast: 刘强 and 王芳 as guests; Dr. Anna Berger, 徐燕
    /// (interpreter) and Julia Wagner as hosts; 赵磊, languages unknown.
    fn with_cast(key: &str, first: &str, last: &str) -> Fixture {
        let mut f = Fixture::new(key, "Testbesuch", first, last);
        f.join(liu(), Side::Guest, Role::HeadOfDelegation);
        f.join(wang(), Side::Guest, Role::Member);
        f.join(zhao(), Side::Guest, Role::Member);
        f.join(berger(), Side::Host, Role::Host);
        f.join(xu(), Side::Host, Role::Interpreter);
        f.join(wagner(), Side::Host, Role::Staff);
        f
    }

    fn join(&mut self, p: Person, side: Side, role: Role) -> &mut Participant {
        let precedence = self
            .file
            .participants
            .iter()
            .filter(|x| x.side == side)
            .count() as u32
            + 1;
        self.file.participants.push(Participant {
            visit_id: self.file.visit.id,
            person_id: p.id,
            side,
            role,
            precedence,
            arrival: None,
            departure: None,
            hotel: None,
        });
        self.file.persons.push(p);
        self.file.participants.last_mut().unwrap()
    }

    fn participant(&mut self, p: &Person) -> &mut Participant {
        self.file
            .participants
            .iter_mut()
            .find(|x| x.person_id == p.id)
            .unwrap()
    }

    fn venue(&mut self, key: &str, name: &str, room: Option<&str>, address: &str) -> VenueId {
        let id = VenueId::derived(key);
        self.file.venues.push(Venue {
            id,
            name: Texts::de(name),
            address: address.into(),
            address_zh: None,
            room: room.map(Texts::de).unwrap_or_default(),
            time_zone: Berlin,
        });
        id
    }

    fn item(
        &mut self,
        title: &str,
        schedule: Schedule,
        venue: Option<VenueId>,
        people: &[&Person],
    ) -> &mut ProgrammeItem {
        self.file.programme.push(ProgrammeItem {
            id: ItemId::derived(&format!("{}/{title}", self.file.visit.id)),
            visit_id: self.file.visit.id,
            title: Texts::de(title),
            kind: ItemKind::Meeting,
            schedule,
            venue_id: venue,
            attendees: people.iter().map(|p| p.id).collect(),
            responsible: vec![],
            notes: String::new(),
            guest_notes: Default::default(),
            dress_code: Texts::default(),
            transport: None,
            status: ItemStatus::Confirmed,
            revision: 0,
        });
        self.file.programme.last_mut().unwrap()
    }

    fn id(&self, title: &str) -> ItemId {
        self.file
            .programme
            .iter()
            .find(|i| i.title.best(Lang::De) == title)
            .unwrap()
            .id
    }

    fn check(&self, options: &CheckOptions) -> Vec<Warning> {
        check(&CheckInput::from_file(&self.file), options)
    }

    fn messages(&self) -> Vec<String> {
        messages(&self.check(&CheckOptions::default()))
    }
}

fn messages(warnings: &[Warning]) -> Vec<String> {
    warnings.iter().map(|w| w.message.clone()).collect()
}

fn rathaus(f: &mut Fixture) -> VenueId {
    f.venue(
        "rathaus",
        "Rathaus Herne",
        Some("Ratssaal"),
        "Friedrich-Ebert-Platz 2, 44623 Herne",
    )
}

fn hafen(f: &mut Fixture) -> VenueId {
    f.venue(
        "hafen",
        "duisport",
        None,
        "Alte Ruhrorter Straße 42, 47119 Duisburg",
    )
}

#[test]
fn a_person_in_two_overlapping_items_golden() {
    let mut f = Fixture::with_cast("golden", "2027-03-24", "2027-03-28");
    let (r, h) = (rathaus(&mut f), hafen(&mut f));
    f.item(
        "Empfang im Rathaus",
        berlin("2027-03-25T10:00", "2027-03-25T11:30"),
        Some(r),
        &[&liu(), &berger(), &xu()],
    );
    f.item(
        "Besuch Hafen",
        berlin("2027-03-25T11:00", "2027-03-25T12:00"),
        Some(h),
        &[&xu(), &liu(), &wagner()],
    );
    let warnings = f.check(&CheckOptions::default());
    let expected = Warning {
        kind: WarningKind::PersonDoubleBooked,
        severity: Severity::Conflict,
        items: vec![f.id("Empfang im Rathaus"), f.id("Besuch Hafen")],
        visits: vec![f.file.visit.id],
        persons: vec![liu().id, xu().id],
        venue: None,
        overlap_minutes: Some(30),
        needed_minutes: None,
        available_minutes: None,
        unlisted: None,
        message: "刘强 Liu Qiang and 徐燕 Xu Yan are in „Empfang im Rathaus“ (2027-03-25 10:00–11:30 CET) and „Besuch Hafen“ (2027-03-25 11:00–12:00 CET) at once for 30 minutes".into(),
    };
    assert_eq!(warnings, [expected]);
    let json = serde_json::to_value(&warnings[0]).unwrap();
    assert_eq!(json["kind"], "person_double_booked");
    assert_eq!(json["severity"], "conflict");
    assert_eq!(json["overlap_minutes"], 30);
    assert_eq!(json["venue"], serde_json::Value::Null);
}

#[test]
fn warnings_are_written_in_the_readers_language_with_the_same_code() {
    let mut f = Fixture::with_cast("langs", "2027-03-24", "2027-03-28");
    let r = rathaus(&mut f);
    f.item(
        "Empfang im Rathaus",
        berlin("2027-03-25T10:00", "2027-03-25T11:30"),
        Some(r),
        &[&liu(), &xu()],
    )
    .title = Texts {
        de: Some("Empfang im Rathaus".into()),
        en: Some("Reception at the town hall".into()),
        zh: Some("市政厅欢迎仪式".into()),
    };
    f.item(
        "Videokonferenz",
        Schedule::Timed {
            start: at("2027-03-25T17:30", Shanghai),
            end: at("2027-03-25T18:00", Shanghai),
        },
        None,
        &[&liu()],
    );
    // 02:30 on the night the clocks go forward does not exist.
    f.item(
        "Nachtzug",
        berlin("2027-03-28T02:30", "2027-03-28T05:00"),
        None,
        &[&wagner()],
    );
    let says = |lang: Lang| {
        let options = CheckOptions {
            lang,
            ..CheckOptions::default()
        };
        let w = f.check(&options);
        let kinds: Vec<_> = w.iter().map(|w| w.kind).collect();
        assert_eq!(
            kinds,
            [WarningKind::PersonDoubleBooked, WarningKind::InvalidTime],
            "{lang:?}"
        );
        messages(&w)
    };
    assert_eq!(
        says(Lang::De),
        [
            "刘强 Liu Qiang ist 30 Minuten lang gleichzeitig in „Empfang im Rathaus“ (25.03.2027 10:00–11:30 MEZ) und „Videokonferenz“ (25.03.2027 17:30–18:00 CST)",
            "„Nachtzug“ kann nicht geprüft werden: Beginn: 28.03.2027 02:30 gibt es in Europe/Berlin nicht: Die Uhren überspringen diese Stunde (Beginn der Sommerzeit)",
        ]
    );
    assert_eq!(
        says(Lang::En),
        [
            "刘强 Liu Qiang is in „Reception at the town hall“ (2027-03-25 10:00–11:30 CET) and „Videokonferenz“ (2027-03-25 17:30–18:00 CST) at once for 30 minutes",
            "„Nachtzug“ cannot be checked: its start 2027-03-28T02:30 does not exist in Europe/Berlin: the clocks skip that hour (daylight saving time begins)",
        ]
    );
    assert_eq!(
        says(Lang::Zh),
        [
            "刘强 Liu Qiang同时安排在“市政厅欢迎仪式”（2027年3月25日 10:00–11:30 欧洲中部时间）和“Videokonferenz”（2027年3月25日 17:30–18:00 北京时间），重叠30分钟",
            "无法检查“Nachtzug”：开始时间：Europe/Berlin不存在2027年3月28日 02:30：夏令时开始时时钟跳过这一小时",
        ]
    );
}

#[test]
fn items_that_touch_do_not_overlap() {
    let mut f = Fixture::with_cast("touch", "2027-03-24", "2027-03-28");
    let r = rathaus(&mut f);
    f.item(
        "Empfang",
        berlin("2027-03-25T10:00", "2027-03-25T11:00"),
        Some(r),
        &[&liu(), &xu()],
    );
    f.item(
        "Mittagessen",
        berlin("2027-03-25T11:00", "2027-03-25T12:00"),
        Some(r),
        &[&liu(), &xu()],
    );
    assert_eq!(f.messages(), Vec::<String>::new());
}

#[test]
fn cancelled_items_and_visits_take_part_in_nothing() {
    let mut f = Fixture::with_cast("cancelled", "2027-03-24", "2027-03-28");
    let r = rathaus(&mut f);
    f.item(
        "Empfang",
        berlin("2027-03-25T10:00", "2027-03-25T11:30"),
        Some(r),
        &[&liu(), &berger()],
    )
    .status = ItemStatus::Cancelled;
    f.item(
        "Abgesagter Besuch",
        berlin("2027-03-25T11:00", "2027-03-25T12:00"),
        Some(r),
        &[&liu(), &xu()],
    );
    f.item(
        "Niemand kommt",
        berlin("2027-03-29T11:00", "2027-03-29T12:00"),
        Some(r),
        &[],
    )
    .status = ItemStatus::Cancelled;
    assert_eq!(f.messages(), Vec::<String>::new());

    // Once the cancelled item is back, it clashes; once the visit is
    // cancelled, nothing does.
    f.file.programme[0].status = ItemStatus::Confirmed;
    assert_eq!(f.messages().len(), 3, "{:?}", f.messages());
    f.file.visit.status = VisitStatus::Cancelled;
    assert_eq!(f.messages(), Vec::<String>::new());
}

#[test]
fn a_tentative_item_gives_a_tentative_warning() {
    let mut f = Fixture::with_cast("tentative", "2027-03-24", "2027-03-28");
    f.item(
        "Empfang",
        berlin("2027-03-25T10:00", "2027-03-25T11:30"),
        None,
        &[&liu(), &xu()],
    );
    f.item(
        "Vielleicht Hafen",
        berlin("2027-03-25T11:00", "2027-03-25T12:00"),
        None,
        &[&liu(), &xu()],
    )
    .status = ItemStatus::Tentative;
    f.item(
        "Gespräch",
        berlin("2027-03-25T11:45", "2027-03-25T12:30"),
        None,
        &[&liu(), &berger()],
    );
    let got: Vec<(WarningKind, Severity)> = f
        .check(&CheckOptions::default())
        .iter()
        .map(|w| (w.kind, w.severity))
        .collect();
    assert_eq!(
        got,
        [
            (WarningKind::PersonDoubleBooked, Severity::Tentative),
            (WarningKind::PersonDoubleBooked, Severity::Tentative),
            (WarningKind::NoCommonLanguage, Severity::Conflict),
        ]
    );
}

#[test]
fn every_overlapping_pair_is_reported_once_and_nested_items_only_with_their_container() {
    let mut f = Fixture::with_cast("nested", "2027-03-24", "2027-03-28");
    for (title, start, end) in [
        ("Ganzer Tag", "09:00", "17:00"),
        ("Erstes", "10:00", "11:00"),
        ("Zweites", "12:00", "13:00"),
        ("Drittes", "12:30", "14:00"),
    ] {
        f.item(
            title,
            berlin(&format!("2027-03-25T{start}"), &format!("2027-03-25T{end}")),
            None,
            &[&liu()],
        );
    }
    assert_eq!(
        f.messages(),
        [
            "刘强 Liu Qiang is in „Ganzer Tag“ (2027-03-25 09:00–17:00 CET) and „Erstes“ (2027-03-25 10:00–11:00 CET) at once for 60 minutes",
            "刘强 Liu Qiang is in „Ganzer Tag“ (2027-03-25 09:00–17:00 CET) and „Zweites“ (2027-03-25 12:00–13:00 CET) at once for 60 minutes",
            "刘强 Liu Qiang is in „Ganzer Tag“ (2027-03-25 09:00–17:00 CET) and „Drittes“ (2027-03-25 12:30–14:00 CET) at once for 90 minutes",
            "刘强 Liu Qiang is in „Zweites“ (2027-03-25 12:00–13:00 CET) and „Drittes“ (2027-03-25 12:30–14:00 CET) at once for 30 minutes",
        ]
    );
}

#[test]
fn a_venue_booked_twice_within_the_visit_and_across_visits() {
    let mut f = Fixture::with_cast("venue", "2027-03-24", "2027-03-28");
    let r = rathaus(&mut f);
    f.item(
        "Empfang",
        berlin("2027-03-25T10:00", "2027-03-25T11:00"),
        Some(r),
        &[&liu(), &xu()],
    );
    f.item(
        "Ratssitzung",
        berlin("2027-03-25T10:30", "2027-03-25T11:30"),
        Some(r),
        &[&berger(), &wagner()],
    );
    assert_eq!(
        f.messages(),
        [
            "Rathaus Herne, Ratssaal is booked for „Empfang“ (2027-03-25 10:00–11:00 CET) and „Ratssitzung“ (2027-03-25 10:30–11:30 CET) at once for 30 minutes"
        ]
    );

    let mut other = Fixture::new("other", "Zweiter Besuch", "2027-03-25", "2027-03-26");
    other.join(wang(), Side::Guest, Role::HeadOfDelegation);
    let r = rathaus(&mut other);
    other.item(
        "Vortrag",
        berlin("2027-03-25T10:45", "2027-03-25T12:00"),
        Some(r),
        &[&wang()],
    );
    f.file.programme.remove(1);
    let input = CheckInput::from_files([&f.file, &other.file]);
    assert_eq!(
        messages(&check(&input, &CheckOptions::default())),
        Vec::<String>::new(),
        "venues are checked per visit unless asked"
    );
    let across = CheckOptions {
        venues_across_visits: true,
        ..CheckOptions::default()
    };
    let warnings = check(&input, &across);
    assert_eq!(
        messages(&warnings),
        [
            "Rathaus Herne, Ratssaal is booked for „Empfang“ (2027-03-25 10:00–11:00 CET) and „Vortrag“ (2027-03-25 10:45–12:00 CET) of „Zweiter Besuch“ at once for 15 minutes"
        ]
    );
    assert_eq!(warnings[0].visits, [f.file.visit.id, other.file.visit.id]);
    assert_eq!(warnings[0].venue, Some(r));
}

#[test]
fn a_visit_given_twice_gives_its_warnings_once() {
    let mut f = Fixture::with_cast("twice", "2027-03-24", "2027-03-28");
    let (r, h) = (rathaus(&mut f), hafen(&mut f));
    f.item(
        "Empfang",
        berlin("2027-03-25T10:00", "2027-03-25T11:00"),
        Some(r),
        &[&liu(), &berger()],
    );
    f.item(
        "Sitzung",
        berlin("2027-03-25T10:30", "2027-03-25T11:30"),
        Some(r),
        &[&liu()],
    );
    f.item(
        "Hafen",
        berlin("2027-03-25T11:40", "2027-03-25T12:00"),
        Some(h),
        &[&liu()],
    );
    f.item(
        "Danach",
        berlin("2027-03-29T10:00", "2027-03-29T11:00"),
        None,
        &[],
    );
    let once = f.check(&CheckOptions::default());
    assert_eq!(once.len(), 5, "{:?}", messages(&once));
    for across in [false, true] {
        let options = CheckOptions {
            venues_across_visits: across,
            ..CheckOptions::default()
        };
        let twice = check(&CheckInput::from_files([&f.file, &f.file]), &options);
        assert_eq!(twice, once);
    }
}

#[test]
fn an_airport_is_not_booked_like_a_room() {
    let mut f = Fixture::with_cast("airport", "2027-03-24", "2027-03-28");
    let dus = f.venue("dus", "Flughafen Düsseldorf", None, "40474 Düsseldorf");
    f.item(
        "Abholung",
        berlin("2027-03-24T14:00", "2027-03-24T15:00"),
        Some(dus),
        &[&wagner()],
    )
    .kind = ItemKind::Transfer;
    f.item(
        "Abflug",
        berlin("2027-03-24T14:30", "2027-03-24T16:00"),
        Some(dus),
        &[&berger()],
    )
    .kind = ItemKind::Flight;
    assert_eq!(f.messages(), Vec::<String>::new());
}

#[test]
fn too_little_time_between_venues() {
    let mut f = Fixture::with_cast("travel", "2027-03-24", "2027-03-28");
    let r = rathaus(&mut f);
    let ob = f.venue(
        "rathaus-ob",
        "Rathaus Herne",
        Some("Besprechungsraum"),
        "Friedrich-Ebert-Platz 2, 44623 Herne",
    );
    let h = hafen(&mut f);
    let hotel = f.venue(
        "hotel",
        "Parkhotel",
        None,
        "Schaeferstraße 109, 44623 Herne",
    );
    let castle = f.venue(
        "schloss",
        "Schloss Strünkede",
        None,
        "Karl-Brandt-Weg 5, 44629 Herne",
    );
    let both = [&liu(), &xu()];
    f.item(
        "Empfang",
        berlin("2027-03-25T10:00", "2027-03-25T11:00"),
        Some(r),
        &both,
    );
    // Another room at the same address needs no travel time.
    f.item(
        "Gespräch",
        berlin("2027-03-25T11:15", "2027-03-25T12:00"),
        Some(ob),
        &both,
    );
    f.item(
        "Besuch Hafen",
        berlin("2027-03-25T12:20", "2027-03-25T13:00"),
        Some(h),
        &both,
    );
    // A transfer is the way itself.
    f.item(
        "Fahrt",
        berlin("2027-03-25T13:00", "2027-03-25T13:30"),
        Some(hotel),
        &both,
    )
    .kind = ItemKind::Transfer;
    f.item(
        "Abendessen",
        berlin("2027-03-25T13:35", "2027-03-25T15:00"),
        Some(castle),
        &both,
    );
    let expected = "刘强 Liu Qiang and 徐燕 Xu Yan have 20 minutes from „Gespräch“ (2027-03-25 11:15–12:00 CET) at Rathaus Herne, Besprechungsraum to „Besuch Hafen“ (2027-03-25 12:20–13:00 CET) at duisport; the way takes 30 minutes";
    assert_eq!(f.messages(), [expected]);
    let w = &f.check(&CheckOptions::default())[0];
    assert_eq!(
        (w.needed_minutes, w.available_minutes),
        (Some(30), Some(20))
    );

    let quick = CheckOptions::default().with_travel(ob, h, 15);
    assert_eq!(messages(&f.check(&quick)), Vec::<String>::new());
    // The table serves both directions.
    let slow = CheckOptions::default().with_travel(h, ob, 45);
    assert_eq!(
        messages(&f.check(&slow)),
        [expected.replace("takes 30", "takes 45")]
    );
    let off = CheckOptions {
        default_travel_minutes: 0,
        ..CheckOptions::default()
    };
    assert_eq!(messages(&f.check(&off)), Vec::<String>::new());
}

#[test]
fn the_way_is_measured_from_the_item_that_ended_last() {
    let mut f = Fixture::with_cast("last", "2027-03-24", "2027-03-28");
    let (r, h) = (rathaus(&mut f), hafen(&mut f));
    f.item(
        "Lang",
        berlin("2027-03-25T09:00", "2027-03-25T10:00"),
        Some(r),
        &[&liu()],
    );
    f.item(
        "Kurz",
        berlin("2027-03-25T09:15", "2027-03-25T09:30"),
        Some(r),
        &[&liu()],
    );
    f.item(
        "Hafen",
        berlin("2027-03-25T10:05", "2027-03-25T11:00"),
        Some(h),
        &[&liu()],
    );
    assert_eq!(
        f.messages(),
        [
            "刘强 Liu Qiang is in „Lang“ (2027-03-25 09:00–10:00 CET) and „Kurz“ (2027-03-25 09:15–09:30 CET) at once for 15 minutes",
            "Rathaus Herne, Ratssaal is booked for „Lang“ (2027-03-25 09:00–10:00 CET) and „Kurz“ (2027-03-25 09:15–09:30 CET) at once for 15 minutes",
            "刘强 Liu Qiang has 5 minutes from „Lang“ (2027-03-25 09:00–10:00 CET) at Rathaus Herne, Ratssaal to „Hafen“ (2027-03-25 10:05–11:00 CET) at duisport; the way takes 30 minutes",
        ]
    );
}

#[test]
fn a_night_flight_across_zones_then_too_little_time_after_landing() {
    let mut f = Fixture::with_cast("flight", "2027-03-22", "2027-03-26");
    let pvg = f.venue("pvg", "Flughafen Shanghai Pudong", None, "Pudong, Shanghai");
    let messe = f.venue(
        "messe",
        "Messe Düsseldorf",
        None,
        "Messeplatz, 40474 Düsseldorf",
    );
    // 01:30 in Shanghai is 17:30 UTC the day before; 06:00 CET is 05:00 UTC.
    f.item(
        "Flug Shanghai – Düsseldorf",
        Schedule::Timed {
            start: at("2027-03-23T01:30", Shanghai),
            end: at("2027-03-23T06:00", Berlin),
        },
        Some(pvg),
        &[&liu()],
    )
    .kind = ItemKind::Flight;
    f.item(
        "Messebesuch",
        berlin("2027-03-23T06:30", "2027-03-23T08:00"),
        Some(messe),
        &[&liu()],
    );
    let options = CheckOptions {
        default_travel_minutes: 45,
        ..CheckOptions::default()
    };
    assert_eq!(
        messages(&f.check(&options)),
        [
            "刘强 Liu Qiang has 30 minutes from „Flug Shanghai – Düsseldorf“ (2027-03-23 01:30 CST – 06:00 CET) at Flughafen Shanghai Pudong to „Messebesuch“ (2027-03-23 06:30–08:00 CET) at Messe Düsseldorf; the way takes 45 minutes"
        ]
    );
}

#[test]
fn the_night_the_clocks_go_forward_is_an_hour_shorter_and_its_gap_is_named() {
    let mut f = Fixture::with_cast("spring", "2026-03-27", "2026-03-30");
    let both = [&liu(), &xu()];
    // 01:30 CET to 03:30 CEST is one hour: 00:30 to 01:30 UTC.
    f.item(
        "Nachtfahrt",
        berlin("2026-03-29T01:30", "2026-03-29T03:30"),
        None,
        &both,
    );
    f.item(
        "Frühstück",
        berlin("2026-03-29T03:15", "2026-03-29T04:00"),
        None,
        &both,
    );
    f.item(
        "Danach",
        berlin("2026-03-29T04:00", "2026-03-29T05:00"),
        None,
        &both,
    );
    // 02:30 does not exist that night.
    f.item(
        "Lesung",
        berlin("2026-03-29T02:30", "2026-03-29T03:00"),
        None,
        &both,
    );
    assert_eq!(
        f.messages(),
        [
            "刘强 Liu Qiang and 徐燕 Xu Yan are in „Nachtfahrt“ (2026-03-29 01:30 CET – 03:30 CEST) and „Frühstück“ (2026-03-29 03:15–04:00 CEST) at once for 15 minutes",
            "„Lesung“ cannot be checked: its start 2026-03-29T02:30 does not exist in Europe/Berlin: the clocks skip that hour (daylight saving time begins)",
        ]
    );
}

#[test]
fn the_repeated_hour_is_told_apart_by_its_occurrence() {
    let mut f = Fixture::with_cast("autumn", "2026-10-23", "2026-10-27");
    let both = [&liu(), &xu()];
    let once = |local: &str, occurrence| ZonedLocal {
        occurrence: Some(occurrence),
        ..at(local, Berlin)
    };
    // 00:00–00:45 UTC and 01:30–01:45 UTC: the same digits, an hour apart.
    f.item(
        "Erste Runde",
        Schedule::Timed {
            start: once("2026-10-25T02:00", Occurrence::First),
            end: once("2026-10-25T02:45", Occurrence::First),
        },
        None,
        &both,
    );
    f.item(
        "Zweite Runde",
        Schedule::Timed {
            start: once("2026-10-25T02:30", Occurrence::Second),
            end: once("2026-10-25T02:45", Occurrence::Second),
        },
        None,
        &both,
    );
    f.item(
        "Dritte Runde",
        berlin("2026-10-25T02:40", "2026-10-25T02:40"),
        None,
        &both,
    )
    .schedule = Schedule::Timed {
        start: once("2026-10-25T02:40", Occurrence::Second),
        end: at("2026-10-25T03:10", Berlin),
    };
    f.item(
        "Ohne Angabe",
        berlin("2026-10-25T02:30", "2026-10-25T03:30"),
        None,
        &both,
    );
    assert_eq!(
        f.messages(),
        [
            "刘强 Liu Qiang and 徐燕 Xu Yan are in „Zweite Runde“ (2026-10-25 02:30–02:45 CET) and „Dritte Runde“ (2026-10-25 02:40–03:10 CET) at once for 5 minutes",
            "„Ohne Angabe“ cannot be checked: its start 2026-10-25T02:30 happens twice in Europe/Berlin (the clocks go back): say whether the first (summer time) or the second (standard time) is meant",
        ]
    );
}

#[test]
fn items_before_the_arrival_or_after_the_departure() {
    let mut f = Fixture::with_cast("presence", "2027-03-24", "2027-03-28");
    let movement = |local: &str| {
        Some(Movement {
            at: at(local, Berlin),
            place: "Flughafen Düsseldorf (DUS)".into(),
            transport: None,
        })
    };
    for p in [liu(), wang()] {
        let x = f.participant(&p);
        x.arrival = movement("2027-03-24T14:35");
        x.departure = movement("2027-03-28T12:40");
    }
    f.participant(&wang()).departure = movement("2027-03-26T20:00");
    // The journeys themselves are exempt.
    f.item(
        "Ankunft",
        berlin("2027-03-24T14:35", "2027-03-24T15:30"),
        None,
        &[&liu(), &wang(), &xu()],
    )
    .kind = ItemKind::Transfer;
    f.item(
        "Rückflug",
        Schedule::Timed {
            start: at("2027-03-28T12:40", Berlin),
            end: at("2027-03-29T08:30", Shanghai),
        },
        None,
        &[&liu()],
    )
    .kind = ItemKind::Flight;
    f.item(
        "Stadtführung",
        berlin("2027-03-24T13:00", "2027-03-24T14:00"),
        None,
        &[&liu(), &wang(), &xu()],
    );
    f.item(
        "Stadtrundgang",
        berlin("2027-03-24T15:30", "2027-03-24T16:00"),
        None,
        &[&liu(), &wang(), &xu()],
    );
    let hotel = f.item(
        "Hotel",
        Schedule::AllDay {
            first_day: day("2027-03-24"),
            last_day: day("2027-03-27"),
        },
        None,
        &[&liu(), &wang()],
    );
    hotel.kind = ItemKind::Hotel;
    f.item(
        "Ausflug",
        Schedule::AllDay {
            first_day: day("2027-03-27"),
            last_day: day("2027-03-27"),
        },
        None,
        &[&liu(), &wang(), &xu()],
    );
    f.item(
        "Abschied",
        berlin("2027-03-28T12:00", "2027-03-28T13:00"),
        None,
        &[&xu()],
    )
    .responsible = vec![liu().id];
    assert_eq!(
        f.messages(),
        [
            "刘强 Liu Qiang and 王芳 Wang Fang arrive at 2027-03-24 14:35 CET, after the start of „Stadtführung“ (2027-03-24 13:00–14:00 CET)",
            "王芳 Wang Fang departs at 2027-03-26 20:00 CET, before the end of „Ausflug“ (2027-03-27, all day)",
            "刘强 Liu Qiang departs at 2027-03-28 12:40 CEST, before the end of „Abschied“ (2027-03-28 12:00–13:00 CEST)",
            // Responsible for the farewell and on the plane: both true.
            "刘强 Liu Qiang is in „Abschied“ (2027-03-28 12:00–13:00 CEST) and „Rückflug“ (2027-03-28 12:40 CEST – 2027-03-29 08:30 CST) at once for 20 minutes",
        ]
    );
}

#[test]
fn items_outside_the_visit_days() {
    let mut f = Fixture::with_cast("days", "2027-03-24", "2027-03-28");
    f.item(
        "Vorgespräch",
        berlin("2027-03-23T10:00", "2027-03-23T11:00"),
        None,
        &[],
    );
    // Ending at midnight is still the last day.
    f.item(
        "Spätes Essen",
        berlin("2027-03-28T21:00", "2027-03-29T00:00"),
        None,
        &[],
    );
    f.item(
        "Nachtbar",
        berlin("2027-03-28T23:00", "2027-03-29T01:00"),
        None,
        &[],
    );
    f.item(
        "Hotel",
        Schedule::AllDay {
            first_day: day("2027-03-24"),
            last_day: day("2027-03-29"),
        },
        None,
        &[],
    )
    .kind = ItemKind::Hotel;
    // A journey need only touch the visit's days.
    f.item(
        "Anreise",
        Schedule::Timed {
            start: at("2027-03-23T23:30", Shanghai),
            end: at("2027-03-24T06:00", Berlin),
        },
        None,
        &[],
    )
    .kind = ItemKind::Flight;
    f.item(
        "Rückflug",
        Schedule::Timed {
            start: at("2027-03-28T12:40", Berlin),
            end: at("2027-03-29T08:30", Shanghai),
        },
        None,
        &[],
    )
    .kind = ItemKind::Flight;
    assert_eq!(
        f.messages(),
        [
            "„Vorgespräch“ (2027-03-23 10:00–11:00 CET) is outside the days of „Testbesuch“ (2027-03-24 – 2027-03-28)",
            "„Hotel“ (2027-03-24 – 2027-03-29, all day) is outside the days of „Testbesuch“ (2027-03-24 – 2027-03-28)",
            "„Nachtbar“ (2027-03-28 23:00 – 2027-03-29 01:00 CEST) is outside the days of „Testbesuch“ (2027-03-24 – 2027-03-28)",
        ]
    );
}

#[test]
fn people_without_a_common_language_need_an_interpreter() {
    let mut f = Fixture::with_cast("language", "2027-03-24", "2027-03-28");
    let slot = |h: u32| {
        berlin(
            &format!("2027-03-25T{h:02}:00"),
            &format!("2027-03-25T{h:02}:30"),
        )
    };
    f.item("Ohne Dolmetscherin", slot(9), None, &[&liu(), &berger()]);
    f.item(
        "Mit Dolmetscherin",
        slot(10),
        None,
        &[&liu(), &berger(), &xu()],
    );
    // 赵磊's languages are unknown, which is no conflict.
    f.item("Unbekannt", slot(11), None, &[&zhao(), &berger()]);
    f.item("Englisch", slot(12), None, &[&wang(), &berger()]);
    f.item("Hotel", slot(13), None, &[&liu(), &berger()]).kind = ItemKind::Hotel;
    // Responsible persons count too.
    f.item("Verantwortlich", slot(14), None, &[&liu()])
        .responsible = vec![wagner().id];
    assert_eq!(
        f.messages(),
        [
            "The people in „Ohne Dolmetscherin“ (2027-03-25 09:00–09:30 CET) share no language and none of them is an interpreter: 刘强 Liu Qiang (zh) and Dr. Anna Berger (de, en)",
            "The people in „Verantwortlich“ (2027-03-25 14:00–14:30 CET) share no language and none of them is an interpreter: 刘强 Liu Qiang (zh) and Julia Wagner (de, en)",
        ]
    );
}

#[test]
fn remembered_offsets_agree_with_the_zone_rules() {
    // Lord Howe moves its clocks by half an hour, Kathmandu is 5:45 ahead,
    // Chatham changes at 02:45; every local quarter hour of two years.
    let zones: [Tz; 6] = [
        Berlin,
        Shanghai,
        crate::tz::Australia::Lord_Howe,
        crate::tz::Asia::Kathmandu,
        crate::tz::Pacific::Chatham,
        crate::tz::America::St_Johns,
    ];
    let mut clock = Clock::default();
    let start = day("2026-01-01").and_time(NaiveTime::MIN);
    for zone in zones {
        for q in 0..(2 * 366 * 24 * 4) {
            for occurrence in [None, Some(Occurrence::First), Some(Occurrence::Second)] {
                let t = ZonedLocal {
                    local: start + Duration::minutes(q * 15),
                    zone,
                    occurrence,
                };
                let exact = t.utc().map(|u| u.timestamp());
                assert_eq!(clock.utc(&t), exact, "{t:?}");
            }
        }
    }
}

fn list(names: &[&str]) -> String {
    let mut out = String::new();
    Says(Lang::En).list(&mut out, names.len(), |o, i| o.push_str(names[i]));
    out
}

#[test]
fn long_lists_of_names_are_cut_short() {
    assert_eq!(list(&[]), "");
    assert_eq!(list(&["A"]), "A");
    assert_eq!(list(&["A", "B"]), "A and B");
    assert_eq!(list(&["A", "B", "C", "D", "E"]), "A, B, C, D and E");
    assert_eq!(
        list(&["A", "B", "C", "D", "E", "F"]),
        "A, B, C, D and 2 others"
    );
}

#[test]
fn the_demo_visits_have_no_conflicts() {
    let files = demo::visits(demo::stamp());
    for file in &files {
        let warnings = check(&CheckInput::from_file(file), &CheckOptions::default());
        assert_eq!(messages(&warnings), Vec::<String>::new());
    }
    let all = CheckOptions {
        venues_across_visits: true,
        ..CheckOptions::default()
    };
    assert_eq!(
        messages(&check(&CheckInput::from_files(&files), &all)),
        Vec::<String>::new()
    );
}

#[test]
fn thousands_of_items_at_one_time_and_place_give_a_bounded_list() {
    // Regression: 2,000 items at the same time and place gave four
    // million warnings in 40 s; 100,000 aborted.
    let mut f = Fixture::with_cast("crowd", "2027-03-25", "2027-03-25");
    let saal = rathaus(&mut f);
    let n = 2_000;
    for i in 0..n {
        f.item(
            &format!("Termin {i}"),
            berlin("2027-03-25T10:00", "2027-03-25T11:00"),
            Some(saal),
            &[&liu(), &berger()],
        );
    }
    let warnings = f.check(&CheckOptions::default());
    let pairs = (n * (n - 1) / 2) as u64;
    let of = |kind: WarningKind| -> (usize, u64) {
        let listed = warnings
            .iter()
            .filter(|w| w.kind == kind && w.unlisted.is_none());
        let more = warnings
            .iter()
            .filter_map(|w| (w.kind == kind).then_some(w.unlisted).flatten());
        (listed.count(), more.map(u64::from).sum())
    };
    // Liu and Berger share each pair, so their double bookings are one
    // warning per pair; each of them says how many more there are.
    let (listed, more) = of(WarningKind::PersonDoubleBooked);
    assert!(
        listed <= 2 * MAX_OVERLAPS_LISTED,
        "{listed} person warnings listed"
    );
    assert_eq!(
        more,
        2 * (pairs - MAX_OVERLAPS_LISTED as u64),
        "each person's count"
    );
    let (listed, more) = of(WarningKind::VenueDoubleBooked);
    assert_eq!(listed, MAX_OVERLAPS_LISTED);
    assert_eq!(more, pairs - MAX_OVERLAPS_LISTED as u64);
    let summary = warnings
        .iter()
        .find(|w| w.kind == WarningKind::VenueDoubleBooked && w.unlisted.is_some())
        .unwrap();
    assert!(
        summary
            .message
            .starts_with("Rathaus Herne, Ratssaal has 1998900 more double bookings from „Termin"),
        "{}",
        summary.message
    );
    assert!(summary.message.ends_with("only the first 100 are listed"));
}

#[test]
fn dates_at_the_limits_of_the_calendar_do_not_panic_the_check() {
    // Regression: a visit file with dates near chrono's limits was
    // accepted and then made the check panic, which bricked the app.
    let mut f = Fixture::with_cast("limits", "2027-03-25", "2027-03-26");
    f.file.visit.first_day = NaiveDate::MIN;
    f.file.visit.last_day = NaiveDate::MAX;
    for (i, (a, b)) in [
        (NaiveDate::MIN, NaiveDate::MIN),
        (NaiveDate::MAX, NaiveDate::MAX),
        (NaiveDate::MIN, NaiveDate::MAX),
    ]
    .into_iter()
    .enumerate()
    {
        f.item(
            &format!("Ganztag {i}"),
            Schedule::AllDay {
                first_day: a,
                last_day: b,
            },
            None,
            &[&liu()],
        );
        for zone in [Berlin, Shanghai, crate::tz::Pacific::Kiritimati] {
            let (start, end) = (
                a.and_time(NaiveTime::MIN),
                b.and_hms_opt(23, 59, 0).unwrap(),
            );
            f.item(
                &format!("Zeit {i} {zone}"),
                Schedule::Timed {
                    start: ZonedLocal::new(start, zone),
                    end: ZonedLocal::new(end, zone),
                },
                None,
                &[&liu(), &berger()],
            );
        }
    }
    f.participant(&liu()).arrival = Some(crate::Movement {
        at: ZonedLocal::new(NaiveDate::MAX.and_time(NaiveTime::MIN), Berlin),
        place: String::new(),
        transport: None,
    });
    // Whatever it finds, it returns.
    let warnings = f.check(&CheckOptions::default());
    assert!(!warnings.is_empty());
}
