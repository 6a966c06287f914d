//! The demo visits: one incoming delegation from Luzhou to Herne (ending on
//! the day the clocks spring forward in Germany, 2027-03-28) and one Herne
//! delegation to Luzhou (flights from Europe/Berlin landing in Asia/Shanghai).
//!
//! They are built as [`VisitFile`]s with ids derived from fixed names, so
//! loading them is an ordinary import and loading them twice changes nothing.
//! People and institutions' names are real places but fictional persons.

use crate::tz::{Asia::Shanghai, Europe::Berlin, Tz};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::{
    ContactKind, Direction, ItemId, ItemKind, ItemStatus, Movement, NameOrder, Participant, Person,
    PersonId, PersonalData, ProgrammeItem, Role, Schedule, Side, Texts, Venue, VenueId, Visit,
    VisitContact, VisitFile, VisitId, VisitStatus, ZonedLocal,
};

/// The export stamp the demo files carry.
pub fn stamp() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0)
        .single()
        .unwrap_or_default()
}

pub fn incoming_id() -> VisitId {
    VisitId::derived("demo/visit/luzhou-to-herne-2027")
}

pub fn outgoing_id() -> VisitId {
    VisitId::derived("demo/visit/herne-to-luzhou-2027")
}

/// Both demo visits, incoming first.
pub fn visits(exported_at: DateTime<Utc>) -> Vec<VisitFile> {
    let people = People::new();
    vec![
        incoming(exported_at, &people),
        outgoing(exported_at, &people),
    ]
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn at(local: &str, zone: Tz) -> ZonedLocal {
    ZonedLocal::parse(local, zone).unwrap_or_else(|e| panic!("demo time {local}: {e}"))
}

fn chinese(key: &str, family: &str, given: &str, zh: &str, pinyin: &str) -> Person {
    let mut p = Person::new(
        PersonId::derived(&format!("demo/person/{key}")),
        family,
        given,
        NameOrder::FamilyFirst,
    );
    p.name_zh = Some(zh.into());
    p.pinyin = Some(pinyin.into());
    p.languages = vec!["zh".into()];
    p
}

fn german(key: &str, academic: Option<&str>, given: &str, family: &str) -> Person {
    let mut p = Person::new(
        PersonId::derived(&format!("demo/person/{key}")),
        family,
        given,
        NameOrder::GivenFirst,
    );
    p.academic_title = academic.map(Into::into);
    p.languages = vec!["de".into(), "en".into()];
    p
}

fn dietary(note: &str) -> Option<PersonalData> {
    Some(PersonalData {
        dietary: Some(note.into()),
        ..PersonalData::default()
    })
}

/// Everyone in the demo, reused across both visits as the address book is.
struct People {
    liu: Person,
    wang: Person,
    zhang: Person,
    chen: Person,
    zhao: Person,
    li: Person,
    zhou: Person,
    sun: Person,
    berger: Person,
    schneider: Person,
    keller: Person,
    richter: Person,
    xu: Person,
    wagner: Person,
    krueger: Person,
    vogel: Person,
}

impl People {
    fn new() -> People {
        let luzhou_gov = Texts::all(
            "Stadtregierung Luzhou",
            "Luzhou Municipal Government",
            "泸州市人民政府",
        );
        let herne = Texts::all("Stadt Herne", "City of Herne", "赫尔内市");
        let wfg = Texts::all(
            "WfG Herne – Wirtschaftsförderungsgesellschaft Herne",
            "WfG Herne Economic Development Agency",
            "赫尔内经济促进公司",
        );
        People {
            liu: Person {
                title: Texts::all("Vizebürgermeister", "Vice Mayor", "副市长"),
                address: Texts::all("Herr Vizebürgermeister Liu", "Vice Mayor Liu", "刘副市长"),
                organisation: luzhou_gov.clone(),
                phone: Some("+86 830 310 0001".into()),
                personal: dietary("kein Schweinefleisch"),
                ..chinese("liu-qiang", "Liu", "Qiang", "刘强", "Liú Qiáng")
            },
            wang: Person {
                title: Texts::all("Direktorin", "Director", "主任"),
                address: Texts::all("Frau Direktorin Wang", "Director Wang", "王主任"),
                organisation: Texts::all(
                    "Amt für auswärtige Angelegenheiten der Stadt Luzhou",
                    "Luzhou Foreign Affairs Office",
                    "泸州市外事办公室",
                ),
                email: Some("wang.fang@example.cn".into()),
                phone: Some("+86 830 310 0002".into()),
                languages: vec!["zh".into(), "en".into()],
                ..chinese("wang-fang", "Wang", "Fang", "王芳", "Wáng Fāng")
            },
            zhang: Person {
                title: Texts::all("Stellvertretender Direktor", "Deputy Director", "副局长"),
                address: Texts::all("Herr Zhang", "Deputy Director Zhang", "张副局长"),
                organisation: Texts::all(
                    "Handelsamt der Stadt Luzhou",
                    "Luzhou Bureau of Commerce",
                    "泸州市商务局",
                ),
                ..chinese("zhang-wei", "Zhang", "Wei", "张伟", "Zhāng Wěi")
            },
            chen: Person {
                title: Texts::all("Geschäftsführerin", "General Manager", "总经理"),
                address: Texts::all("Frau Chen", "Ms Chen", "陈总"),
                organisation: Texts::all(
                    "Hafen- und Logistikgruppe Luzhou",
                    "Luzhou Port Logistics Group",
                    "泸州港务物流集团",
                ),
                languages: vec!["zh".into(), "en".into()],
                personal: dietary("vegetarisch"),
                ..chinese("chen-jing", "Chen", "Jing", "陈静", "Chén Jìng")
            },
            zhao: Person {
                title: Texts::all("Vizepräsident", "Vice President", "副院长"),
                address: Texts::all("Herr Vizepräsident Zhao", "Vice President Zhao", "赵副院长"),
                organisation: Texts::all(
                    "Sichuan Vocational College of Chemical Technology",
                    "Sichuan Vocational College of Chemical Technology",
                    "四川化工职业技术学院",
                ),
                personal: Some(PersonalData {
                    accessibility: Some("Gehbehinderung: Aufzug, kurze Wege".into()),
                    ..PersonalData::default()
                }),
                ..chinese("zhao-lei", "Zhao", "Lei", "赵磊", "Zhào Lěi")
            },
            li: Person {
                title: Texts::all("Dolmetscherin", "Interpreter", "翻译"),
                address: Texts::all("Frau Li", "Ms Li", "李女士"),
                organisation: Texts::all(
                    "Amt für auswärtige Angelegenheiten der Stadt Luzhou",
                    "Luzhou Foreign Affairs Office",
                    "泸州市外事办公室",
                ),
                languages: vec!["zh".into(), "de".into(), "en".into()],
                phone: Some("+86 830 310 0006".into()),
                ..chinese("li-na", "Li", "Na", "李娜", "Lǐ Nà")
            },
            zhou: Person {
                title: Texts::all("Protokollreferent", "Protocol Officer", "礼宾科科员"),
                address: Texts::all("Herr Zhou", "Mr Zhou", "周先生"),
                organisation: Texts::all(
                    "Amt für auswärtige Angelegenheiten der Stadt Luzhou",
                    "Luzhou Foreign Affairs Office",
                    "泸州市外事办公室",
                ),
                phone: Some("+86 830 310 0007".into()),
                languages: vec!["zh".into(), "en".into()],
                ..chinese("zhou-jie", "Zhou", "Jie", "周杰", "Zhōu Jié")
            },
            sun: Person {
                title: Texts::all(
                    "Stellvertretende Geschäftsführerin",
                    "Deputy General Manager",
                    "副总经理",
                ),
                address: Texts::all("Frau Sun", "Ms Sun", "孙总"),
                organisation: Texts::all(
                    "Luzhou Laojiao",
                    "Luzhou Laojiao Co., Ltd.",
                    "泸州老窖股份有限公司",
                ),
                ..chinese("sun-li", "Sun", "Li", "孙丽", "Sūn Lì")
            },
            berger: Person {
                title: Texts::all("Oberbürgermeisterin", "Lord Mayor", "市长"),
                address: Texts::all(
                    "Frau Oberbürgermeisterin",
                    "Lord Mayor Berger",
                    "贝格尔市长",
                ),
                organisation: herne.clone(),
                email: Some("oberbuergermeisterin@example.org".into()),
                phone: Some("+49 2323 16 0001".into()),
                // Her name as Chinese documents write it.
                name_zh: Some("安娜·贝格尔".into()),
                ..german("anna-berger", Some("Dr."), "Anna", "Berger")
            },
            schneider: Person {
                title: Texts::all("Geschäftsführer", "Managing Director", "总经理"),
                address: Texts::all("Herr Schneider", "Mr Schneider", "施耐德总经理"),
                organisation: wfg.clone(),
                phone: Some("+49 2323 16 0002".into()),
                ..german("markus-schneider", None, "Markus", "Schneider")
            },
            keller: Person {
                title: Texts::all(
                    "Vizepräsident für Internationales",
                    "Vice President International Affairs",
                    "国际事务副校长",
                ),
                address: Texts::all("Herr Professor Keller", "Professor Keller", "凯勒教授"),
                organisation: Texts::all(
                    "Hochschule Bochum",
                    "Bochum University of Applied Sciences",
                    "波鸿应用技术大学",
                ),
                ..german("thomas-keller", Some("Prof. Dr."), "Thomas", "Keller")
            },
            richter: Person {
                title: Texts::all(
                    "Leiterin China-Kompetenzzentrum",
                    "Head of the China Competence Centre",
                    "中国能力中心主任",
                ),
                address: Texts::all("Frau Richter", "Ms Richter", "里希特主任"),
                organisation: wfg,
                email: Some("richter@example.org".into()),
                phone: Some("+49 2323 16 0004".into()),
                languages: vec!["de".into(), "en".into(), "zh".into()],
                ..german("sabine-richter", None, "Sabine", "Richter")
            },
            xu: Person {
                title: Texts::all("Dolmetscherin", "Interpreter", "翻译"),
                address: Texts::all("Frau Xu", "Ms Xu", "徐女士"),
                organisation: herne.clone(),
                phone: Some("+49 2323 16 0005".into()),
                languages: vec!["de".into(), "zh".into(), "en".into()],
                ..chinese("xu-yan", "Xu", "Yan", "徐燕", "Xú Yàn")
            },
            wagner: Person {
                title: Texts::all("Protokoll", "Protocol", "礼宾"),
                address: Texts::all("Frau Wagner", "Ms Wagner", "瓦格纳女士"),
                organisation: herne.clone(),
                email: Some("protokoll@example.org".into()),
                phone: Some("+49 2323 16 0006".into()),
                ..german("julia-wagner", None, "Julia", "Wagner")
            },
            krueger: Person {
                title: Texts::all("Fahrer", "Driver", "司机"),
                organisation: herne.clone(),
                phone: Some("+49 2323 16 0007".into()),
                languages: vec!["de".into()],
                ..german("stefan-krueger", None, "Stefan", "Krüger")
            },
            vogel: Person {
                title: Texts::all("Pressestelle", "Press Office", "新闻办公室"),
                organisation: herne,
                phone: Some("+49 2323 16 0008".into()),
                ..german("katrin-vogel", None, "Katrin", "Vogel")
            },
        }
    }
}

/// Builds one visit file.
struct Builder {
    key: &'static str,
    file: VisitFile,
}

impl Builder {
    fn venue(&mut self, key: &str, name: Texts, address: &str, room: Texts, zone: Tz) -> VenueId {
        let id = VenueId::derived(&format!("demo/venue/{key}"));
        if !self.file.venues.iter().any(|v| v.id == id) {
            self.file.venues.push(Venue {
                id,
                name,
                address: address.into(),
                address_zh: None,
                room,
                time_zone: zone,
            });
        }
        id
    }

    /// The address of a venue in China in Chinese characters, for drivers.
    fn chinese_address(&mut self, id: VenueId, zh: &str) {
        if let Some(v) = self.file.venues.iter_mut().find(|v| v.id == id) {
            v.address_zh = Some(zh.into());
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn join(
        &mut self,
        person: &Person,
        side: Side,
        role: Role,
        arrival: Option<Movement>,
        departure: Option<Movement>,
        hotel: Option<&str>,
    ) {
        let precedence = self
            .file
            .participants
            .iter()
            .filter(|p| p.side == side)
            .count() as u32
            + 1;
        self.file.persons.push(person.clone());
        self.file.participants.push(Participant {
            visit_id: self.file.visit.id,
            person_id: person.id,
            side,
            role,
            precedence,
            arrival,
            departure,
            hotel: hotel.map(Into::into),
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn item(
        &mut self,
        key: &str,
        title: Texts,
        kind: ItemKind,
        schedule: Schedule,
        venue: Option<VenueId>,
        attendees: &[&Person],
        responsible: &[&Person],
        notes: &str,
    ) -> &mut ProgrammeItem {
        self.file.programme.push(ProgrammeItem {
            id: ItemId::derived(&format!("demo/{}/item/{key}", self.key)),
            visit_id: self.file.visit.id,
            title,
            kind,
            schedule,
            venue_id: venue,
            attendees: attendees.iter().map(|p| p.id).collect(),
            responsible: responsible.iter().map(|p| p.id).collect(),
            notes: notes.into(),
            guest_notes: Texts::default(),
            dress_code: Texts::default(),
            transport: None,
            status: ItemStatus::Confirmed,
            revision: 0,
        });
        let last = self.file.programme.len() - 1;
        &mut self.file.programme[last]
    }
}

/// The protocol office's duty phone, the same on every visit.
fn duty_phone() -> VisitContact {
    VisitContact {
        kind: ContactKind::DutyPhone,
        name: Texts::all(
            "Protokoll der Stadt Herne, Bereitschaft",
            "City of Herne protocol office, on duty",
            "赫尔内市礼宾处值班",
        ),
        phone: "+49 171 000 0100".into(),
    }
}

/// `base` and then `extra`.
fn with<'a>(base: &[&'a Person], extra: &[&'a Person]) -> Vec<&'a Person> {
    base.iter().chain(extra).copied().collect()
}

fn timed(start: &str, start_zone: Tz, end: &str, end_zone: Tz) -> Schedule {
    Schedule::Timed {
        start: at(start, start_zone),
        end: at(end, end_zone),
    }
}

fn berlin(start: &str, end: &str) -> Schedule {
    timed(start, Berlin, end, Berlin)
}

fn luzhou(start: &str, end: &str) -> Schedule {
    timed(start, Shanghai, end, Shanghai)
}

fn incoming(exported_at: DateTime<Utc>, p: &People) -> VisitFile {
    let visit = Visit {
        id: incoming_id(),
        title: Texts::all(
            "Besuch der Delegation aus Luzhou in Herne",
            "Visit of the Luzhou delegation to Herne",
            "泸州市代表团访问赫尔内",
        ),
        direction: Direction::Incoming,
        partner_city: "Luzhou (泸州)".into(),
        first_day: day(2027, 3, 24),
        last_day: day(2027, 3, 28),
        time_zone: Berlin,
        status: VisitStatus::Confirmed,
        hosts: vec![
            "Stadt Herne".into(),
            "WfG Herne".into(),
            "IHK Mittleres Ruhrgebiet".into(),
            "Hochschule Bochum".into(),
        ],
        notes: "Städtepartnerschaft seit 2019. Flaggen beider Städte im Ratssaal; Goldenes Buch bereitlegen.\nAm 28.03. beginnt die Sommerzeit (02:00 → 03:00).".into(),
        guest_notes: Texts::all(
            "Am 28.03. beginnt in Deutschland die Sommerzeit: Die Uhren werden um 02:00 auf 03:00 vorgestellt.",
            "Daylight saving time begins in Germany on 28 March: clocks go forward from 02:00 to 03:00.",
            "德国夏令时于3月28日开始：时钟于02:00拨快至03:00。",
        ),
        // Demo numbers: zeros where a real number's digits would be.
        contacts: vec![
            VisitContact {
                kind: ContactKind::Hotel,
                name: Texts::all(
                    "Parkhotel Herne, Rezeption",
                    "Parkhotel Herne, front desk",
                    "赫尔内公园酒店前台",
                ),
                phone: "+49 2323 000 200".into(),
            },
            duty_phone(),
            VisitContact {
                kind: ContactKind::Consulate,
                name: Texts::all(
                    "Generalkonsulat der Volksrepublik China in Düsseldorf",
                    "Consulate General of the People's Republic of China in Düsseldorf",
                    "中华人民共和国驻杜塞尔多夫总领事馆",
                ),
                phone: "+49 211 000 0300".into(),
            },
        ],
    };
    let mut b = Builder {
        key: "in2027",
        file: VisitFile::new(exported_at, visit),
    };

    let dus = b.venue(
        "dus",
        Texts::all(
            "Flughafen Düsseldorf",
            "Düsseldorf Airport",
            "杜塞尔多夫机场",
        ),
        "Flughafenstraße 105, 40474 Düsseldorf",
        Texts::all(
            "Terminal B, Ankunft",
            "Terminal B, arrivals",
            "B航站楼到达层",
        ),
        Berlin,
    );
    let hotel = b.venue(
        "parkhotel",
        Texts::all("Parkhotel Herne", "Parkhotel Herne", "赫尔内公园酒店"),
        "Schaeferstraße 109, 44623 Herne",
        Texts::default(),
        Berlin,
    );
    let council = b.venue(
        "rathaus-ratssaal",
        Texts::all("Rathaus Herne", "Herne Town Hall", "赫尔内市政厅"),
        "Friedrich-Ebert-Platz 2, 44623 Herne",
        Texts::all("Ratssaal", "Council Chamber", "议会大厅"),
        Berlin,
    );
    let mayor_room = b.venue(
        "rathaus-ob",
        Texts::all("Rathaus Herne", "Herne Town Hall", "赫尔内市政厅"),
        "Friedrich-Ebert-Platz 2, 44623 Herne",
        Texts::all(
            "Besprechungsraum der Oberbürgermeisterin",
            "Lord Mayor's meeting room",
            "市长会议室",
        ),
        Berlin,
    );
    let wfg = b.venue(
        "wfg",
        Texts::all(
            "WfG Herne, China-Kompetenzzentrum",
            "WfG Herne, China Competence Centre",
            "赫尔内经济促进公司中国能力中心",
        ),
        "Westring 303, 44629 Herne",
        Texts::default(),
        Berlin,
    );
    let hs = b.venue(
        "hs-bochum",
        Texts::all(
            "Hochschule Bochum",
            "Bochum University of Applied Sciences",
            "波鸿应用技术大学",
        ),
        "Am Hochschulcampus 1, 44801 Bochum",
        Texts::all("Senatssaal", "Senate Hall", "学术委员会会议厅"),
        Berlin,
    );
    let ihk = b.venue(
        "ihk",
        Texts::all(
            "IHK Mittleres Ruhrgebiet",
            "Chamber of Commerce Mid-Ruhr",
            "鲁尔区中部工商会",
        ),
        "Ostring 30–32, 44787 Bochum",
        Texts::all("Plenarsaal", "Plenary Hall", "全体会议厅"),
        Berlin,
    );
    let duisport = b.venue(
        "duisport",
        Texts::all(
            "duisport – Duisburger Hafen",
            "duisport – Port of Duisburg",
            "杜伊斯堡港",
        ),
        "Alte Ruhrorter Straße 42–52, 47119 Duisburg",
        Texts::default(),
        Berlin,
    );
    let castle = b.venue(
        "struenkede",
        Texts::all("Schloss Strünkede", "Strünkede Castle", "施特伦克德宫"),
        "Karl-Brandt-Weg 5, 44629 Herne",
        Texts::default(),
        Berlin,
    );

    let fly_in = |flight: &str| {
        Some(Movement {
            at: at("2027-03-24T14:35", Berlin),
            place: "Flughafen Düsseldorf (DUS)".into(),
            transport: Some(flight.into()),
        })
    };
    let fly_out = |flight: &str| {
        Some(Movement {
            at: at("2027-03-28T12:40", Berlin),
            place: "Flughafen Düsseldorf (DUS)".into(),
            transport: Some(flight.into()),
        })
    };
    let hotel_name = Some("Parkhotel Herne");
    for (person, role) in [
        (&p.liu, Role::HeadOfDelegation),
        (&p.wang, Role::Member),
        (&p.zhang, Role::Member),
        (&p.chen, Role::Member),
        (&p.zhao, Role::Member),
        (&p.li, Role::Interpreter),
    ] {
        b.join(
            person,
            Side::Guest,
            role,
            fly_in("LH 2011"),
            fly_out("LH 2024"),
            hotel_name,
        );
    }
    b.join(&p.berger, Side::Host, Role::Host, None, None, None);
    b.join(&p.schneider, Side::Host, Role::Host, None, None, None);
    b.join(&p.keller, Side::Host, Role::Host, None, None, None);
    b.join(&p.richter, Side::Host, Role::Host, None, None, None);
    b.join(&p.xu, Side::Host, Role::Interpreter, None, None, None);
    b.join(&p.wagner, Side::Host, Role::Staff, None, None, None);
    b.join(&p.krueger, Side::Host, Role::Driver, None, None, None);
    b.join(&p.vogel, Side::Host, Role::Press, None, None, None);

    let guests: Vec<&Person> = vec![&p.liu, &p.wang, &p.zhang, &p.chen, &p.zhao, &p.li];

    b.item(
        "arrival",
        Texts::all(
            "Ankunft und Abholung am Flughafen",
            "Arrival and pick-up at the airport",
            "抵达机场，接机",
        ),
        ItemKind::Transfer,
        berlin("2027-03-24T14:35", "2027-03-24T15:30"),
        Some(dus),
        &with(&guests, &[&p.wagner, &p.xu, &p.krueger]),
        &[&p.wagner],
        "Schild „Delegation Luzhou / 泸州代表团“; Kleinbus mit 9 Plätzen.",
    );
    b.item(
        "transfer-hotel",
        Texts::all(
            "Fahrt nach Herne, Check-in",
            "Drive to Herne, check-in",
            "前往赫尔内，办理入住",
        ),
        ItemKind::Transfer,
        berlin("2027-03-24T15:30", "2027-03-24T16:30"),
        Some(hotel),
        &with(&guests, &[&p.wagner, &p.krueger]),
        &[&p.krueger],
        "",
    );
    b.item(
        "hotel",
        Texts::all(
            "Hotel: Parkhotel Herne",
            "Hotel: Parkhotel Herne",
            "住宿：赫尔内公园酒店",
        ),
        ItemKind::Hotel,
        Schedule::AllDay {
            first_day: day(2027, 3, 24),
            last_day: day(2027, 3, 27),
        },
        Some(hotel),
        &with(&guests, &[]),
        &[&p.wagner],
        "4 Nächte, Einzelzimmer; Zimmer für Herrn Zhao im Erdgeschoss.",
    );
    b.item(
        "welcome-dinner",
        Texts::all("Begrüßungsabendessen", "Welcome dinner", "欢迎晚宴"),
        ItemKind::Meal,
        berlin("2027-03-24T19:00", "2027-03-24T21:00"),
        Some(hotel),
        &with(&guests, &[&p.richter, &p.xu, &p.wagner]),
        &[&p.richter],
        "",
    );
    b.item(
        "reception",
        Texts::all(
            "Empfang im Ratssaal mit Eintrag in das Goldene Buch",
            "Reception in the council chamber and signing of the Golden Book",
            "市政厅议会大厅欢迎仪式并签名金书",
        ),
        ItemKind::Reception,
        berlin("2027-03-25T09:30", "2027-03-25T10:30"),
        Some(council),
        &with(
            &guests,
            &[
                &p.berger,
                &p.schneider,
                &p.richter,
                &p.xu,
                &p.wagner,
                &p.vogel,
            ],
        ),
        &[&p.wagner],
        "Flaggen Herne und Luzhou; Fototermin mit der Presse.",
    )
    .dress_code = Texts::all("Dunkler Anzug", "Dark suit", "深色西装");
    b.item(
        "talks",
        Texts::all(
            "Partnerschaftsgespräche mit der Oberbürgermeisterin",
            "Partnership talks with the Lord Mayor",
            "与市长进行友好城市会谈",
        ),
        ItemKind::Meeting,
        berlin("2027-03-25T10:45", "2027-03-25T12:15"),
        Some(mayor_room),
        &[
            &p.liu,
            &p.wang,
            &p.zhang,
            &p.li,
            &p.berger,
            &p.schneider,
            &p.xu,
        ],
        &[&p.wagner],
        "Themen: Jugendaustausch 2028, Hafenkooperation, Berufsbildung.",
    );
    b.item(
        "lunch-1",
        Texts::all("Mittagessen", "Lunch", "午餐"),
        ItemKind::Meal,
        berlin("2027-03-25T12:30", "2027-03-25T13:45"),
        Some(council),
        &with(&guests, &[&p.berger, &p.xu, &p.wagner]),
        &[&p.wagner],
        "",
    );
    b.item(
        "wfg",
        Texts::all(
            "Besuch der WfG Herne und des China-Kompetenzzentrums",
            "Visit to WfG Herne and the China Competence Centre",
            "参观赫尔内经济促进公司及中国能力中心",
        ),
        ItemKind::Visit,
        berlin("2027-03-25T14:30", "2027-03-25T17:00"),
        Some(wfg),
        &with(&guests, &[&p.schneider, &p.richter, &p.xu]),
        &[&p.richter],
        "",
    );
    b.item(
        "press",
        Texts::all("Pressegespräch", "Press briefing", "记者见面会"),
        ItemKind::Press,
        berlin("2027-03-25T17:00", "2027-03-25T17:30"),
        Some(wfg),
        &[&p.liu, &p.li, &p.schneider, &p.vogel],
        &[&p.vogel],
        "",
    );
    b.item(
        "hs-bochum",
        Texts::all(
            "Besuch der Hochschule Bochum",
            "Visit to Bochum University of Applied Sciences",
            "参观波鸿应用技术大学",
        ),
        ItemKind::Visit,
        berlin("2027-03-26T09:30", "2027-03-26T11:30"),
        Some(hs),
        &with(&guests, &[&p.keller, &p.xu, &p.wagner]),
        &[&p.wagner],
        "Laborrundgang barrierefrei planen.",
    );
    b.item(
        "ihk",
        Texts::all(
            "Wirtschaftsgespräch bei der IHK Mittleres Ruhrgebiet",
            "Business talks at the IHK Mid-Ruhr",
            "鲁尔区中部工商会经济座谈",
        ),
        ItemKind::Meeting,
        berlin("2027-03-26T14:00", "2027-03-26T16:00"),
        Some(ihk),
        &with(&guests, &[&p.schneider, &p.richter, &p.xu]),
        &[&p.richter],
        "",
    );
    b.item(
        "signing",
        Texts::all(
            "Unterzeichnung der Absichtserklärung zur Berufsbildung",
            "Signing of the letter of intent on vocational training",
            "签署职业教育合作意向书",
        ),
        ItemKind::Signing,
        berlin("2027-03-26T16:00", "2027-03-26T16:30"),
        Some(ihk),
        &with(&guests, &[&p.schneider, &p.richter, &p.xu, &p.vogel]),
        &[&p.richter],
        "Zwei Ausfertigungen, deutsch und chinesisch.",
    );
    b.item(
        "to-duisburg",
        Texts::all("Fahrt nach Duisburg", "Drive to Duisburg", "前往杜伊斯堡"),
        ItemKind::Transfer,
        berlin("2027-03-27T09:00", "2027-03-27T10:00"),
        Some(duisport),
        &with(&guests, &[&p.richter, &p.xu, &p.krueger]),
        &[&p.krueger],
        "",
    );
    b.item(
        "duisport",
        Texts::all(
            "Besuch des Duisburger Hafens, Endpunkt der Seidenstraßen-Bahn",
            "Visit to the Port of Duisburg, terminus of the Silk Road railway",
            "参观杜伊斯堡港——中欧班列终点站",
        ),
        ItemKind::Visit,
        berlin("2027-03-27T10:00", "2027-03-27T12:30"),
        Some(duisport),
        &with(&guests, &[&p.richter, &p.xu]),
        &[&p.richter],
        "Hafenrundfahrt bei gutem Wetter.",
    );
    let park = b.item(
        "gysenberg",
        Texts::all(
            "Spaziergang im Gysenbergpark",
            "Walk in Gysenberg Park",
            "游览吉森贝格公园",
        ),
        ItemKind::FreeTime,
        berlin("2027-03-27T15:00", "2027-03-27T17:00"),
        None,
        &[],
        &[&p.wagner],
        "Abgesagt: Gäste wünschen freie Zeit.",
    );
    park.status = ItemStatus::Cancelled;
    park.revision = 1;
    let shop = b.item(
        "free",
        Texts::all(
            "Freie Zeit in der Innenstadt",
            "Free time in the city centre",
            "市中心自由活动",
        ),
        ItemKind::FreeTime,
        berlin("2027-03-27T15:00", "2027-03-27T18:00"),
        None,
        &[],
        &[&p.wagner],
        "",
    );
    shop.status = ItemStatus::Tentative;
    shop.attendees = with(&guests, &[&p.xu]).iter().map(|x| x.id).collect();
    let banquet = b.item(
        "farewell-dinner",
        Texts::all(
            "Abschiedsabendessen auf Schloss Strünkede",
            "Farewell dinner at Strünkede Castle",
            "施特伦克德宫告别晚宴",
        ),
        ItemKind::Meal,
        berlin("2027-03-27T19:00", "2027-03-27T22:00"),
        Some(castle),
        &with(
            &guests,
            &[
                &p.berger,
                &p.schneider,
                &p.keller,
                &p.richter,
                &p.xu,
                &p.wagner,
            ],
        ),
        &[&p.wagner],
        "Tischordnung nach Protokoll; Gastgeschenke übergeben.",
    );
    banquet.dress_code = Texts::all("Festliche Kleidung", "Formal attire", "正装");
    banquet.guest_notes = Texts::all(
        "Gemeinsame Abfahrt mit dem Bus am Hotel, 30 Minuten vor Beginn.",
        "The coach leaves the hotel 30 minutes before the start.",
        "大巴于开始前30分钟从酒店出发。",
    );
    b.item(
        "to-airport",
        Texts::all(
            "Fahrt zum Flughafen Düsseldorf (Beginn der Sommerzeit!)",
            "Drive to Düsseldorf Airport (clocks go forward tonight!)",
            "前往杜塞尔多夫机场（夏令时开始！）",
        ),
        ItemKind::Transfer,
        berlin("2027-03-28T09:00", "2027-03-28T10:15"),
        Some(dus),
        &with(&guests, &[&p.wagner, &p.krueger]),
        &[&p.krueger],
        "Nachts 02:00 → 03:00 Uhr: Weckruf auf MESZ stellen.",
    );
    b.item(
        "departure",
        Texts::all(
            "Rückflug Düsseldorf – Chengdu",
            "Flight home Düsseldorf – Chengdu",
            "返程：杜塞尔多夫—成都",
        ),
        ItemKind::Flight,
        timed("2027-03-28T12:40", Berlin, "2027-03-29T08:30", Shanghai),
        Some(dus),
        &with(&guests, &[]),
        &[&p.wagner],
        "Über Frankfurt. Ankunft Ortszeit Chengdu.",
    )
    .transport = Some("LH 2024".into());
    b.file
}

fn outgoing(exported_at: DateTime<Utc>, p: &People) -> VisitFile {
    let visit = Visit {
        id: outgoing_id(),
        title: Texts::all(
            "Delegationsreise der Stadt Herne nach Luzhou",
            "Herne delegation to Luzhou",
            "赫尔内市代表团访问泸州",
        ),
        direction: Direction::Outgoing,
        partner_city: "Luzhou (泸州)".into(),
        first_day: day(2027, 5, 16),
        last_day: day(2027, 5, 22),
        time_zone: Shanghai,
        status: VisitStatus::Planning,
        hosts: vec!["泸州市人民政府 (Stadtregierung Luzhou)".into(), "泸州老窖 (Luzhou Laojiao)".into()],
        notes: "Visa rechtzeitig beantragen (8 Wochen). Gastgeschenke: Herner Stadtansichten, Ruhrgebietskohle als Briefbeschwerer.".into(),
        guest_notes: Texts::default(),
        contacts: vec![
            VisitContact {
                kind: ContactKind::Hotel,
                name: Texts::all(
                    "Hotel am Jangtse, Rezeption",
                    "Yangtze Riverside Hotel, front desk",
                    "泸州长江大酒店前台",
                ),
                phone: "+86 830 000 0200".into(),
            },
            duty_phone(),
            VisitContact {
                kind: ContactKind::Consulate,
                name: Texts::all(
                    "Generalkonsulat der Bundesrepublik Deutschland in Chengdu",
                    "Consulate General of the Federal Republic of Germany in Chengdu",
                    "德意志联邦共和国驻成都总领事馆",
                ),
                phone: "+86 28 0000 0800".into(),
            },
        ],
    };
    let mut b = Builder {
        key: "out2027",
        file: VisitFile::new(exported_at, visit),
    };
    let fra = b.venue(
        "fra",
        Texts::all("Flughafen Frankfurt", "Frankfurt Airport", "法兰克福机场"),
        "60547 Frankfurt am Main",
        Texts::all("Terminal 1", "Terminal 1", "1号航站楼"),
        Berlin,
    );
    let herne_hbf = b.venue(
        "herne-hbf",
        Texts::all("Bahnhof Herne", "Herne station", "赫尔内火车站"),
        "Bahnhofplatz 1, 44623 Herne",
        Texts::default(),
        Berlin,
    );
    let tfu = b.venue(
        "tfu",
        Texts::all(
            "Flughafen Chengdu Tianfu",
            "Chengdu Tianfu International Airport",
            "成都天府国际机场",
        ),
        "Jianyang, Chengdu, Sichuan",
        Texts::default(),
        Shanghai,
    );
    let hotel = b.venue(
        "luzhou-hotel",
        Texts::all(
            "Hotel am Jangtse, Luzhou",
            "Yangtze Riverside Hotel, Luzhou",
            "泸州长江大酒店",
        ),
        "Jiangyang District, Luzhou, Sichuan",
        Texts::default(),
        Shanghai,
    );
    let gov = b.venue(
        "luzhou-gov",
        Texts::all(
            "Rathaus Luzhou",
            "Luzhou Municipal Government",
            "泸州市人民政府",
        ),
        "Jiangyang District, Luzhou, Sichuan",
        Texts::all("Empfangssaal", "Reception Hall", "接待厅"),
        Shanghai,
    );
    let laojiao = b.venue(
        "laojiao",
        Texts::all(
            "Luzhou Laojiao, Guojiao-1573-Platz",
            "Luzhou Laojiao, Guojiao 1573 Square",
            "泸州老窖国窖1573广场",
        ),
        "Longmatan District, Luzhou, Sichuan",
        Texts::default(),
        Shanghai,
    );
    let port = b.venue(
        "luzhou-port",
        Texts::all(
            "Hafen Luzhou am Jangtse",
            "Port of Luzhou on the Yangtze",
            "泸州港",
        ),
        "Longmatan District, Luzhou, Sichuan",
        Texts::default(),
        Shanghai,
    );
    let college = b.venue(
        "college",
        Texts::all(
            "Sichuan Vocational College of Chemical Technology",
            "Sichuan Vocational College of Chemical Technology",
            "四川化工职业技术学院",
        ),
        "Longmatan District, Luzhou, Sichuan",
        Texts::all("Konferenzsaal", "Conference Hall", "会议厅"),
        Shanghai,
    );
    for (venue, zh) in [
        (tfu, "四川省成都市简阳市成都天府国际机场"),
        (hotel, "四川省泸州市江阳区泸州长江大酒店"),
        (gov, "四川省泸州市江阳区泸州市人民政府"),
        (laojiao, "四川省泸州市龙马潭区国窖1573广场"),
        (port, "四川省泸州市龙马潭区泸州港"),
        (college, "四川省泸州市龙马潭区四川化工职业技术学院"),
    ] {
        b.chinese_address(venue, zh);
    }

    let back = Some(Movement {
        at: at("2027-05-22T01:50", Shanghai),
        place: "Flughafen Chengdu Tianfu (TFU)".into(),
        transport: Some("3U 8791".into()),
    });
    let arrive = Some(Movement {
        at: at("2027-05-17T06:10", Shanghai),
        place: "Flughafen Chengdu Tianfu (TFU)".into(),
        transport: Some("3U 8792".into()),
    });
    let hotel_name = Some("泸州长江大酒店 (Hotel am Jangtse)");
    b.join(
        &p.berger,
        Side::Guest,
        Role::HeadOfDelegation,
        arrive.clone(),
        back.clone(),
        hotel_name,
    );
    b.join(
        &p.schneider,
        Side::Guest,
        Role::Member,
        arrive.clone(),
        back.clone(),
        hotel_name,
    );
    b.join(
        &p.richter,
        Side::Guest,
        Role::Member,
        arrive.clone(),
        back.clone(),
        hotel_name,
    );
    b.join(
        &p.xu,
        Side::Guest,
        Role::Interpreter,
        arrive.clone(),
        back.clone(),
        hotel_name,
    );
    b.join(
        &p.wagner,
        Side::Guest,
        Role::Staff,
        arrive,
        back,
        hotel_name,
    );
    b.join(&p.liu, Side::Host, Role::Host, None, None, None);
    b.join(&p.wang, Side::Host, Role::Host, None, None, None);
    b.join(&p.zhang, Side::Host, Role::Host, None, None, None);
    b.join(&p.sun, Side::Host, Role::Host, None, None, None);
    b.join(&p.li, Side::Host, Role::Interpreter, None, None, None);
    b.join(&p.zhou, Side::Host, Role::Staff, None, None, None);

    let herne: Vec<&Person> = vec![&p.berger, &p.schneider, &p.richter, &p.xu, &p.wagner];

    b.item(
        "train",
        Texts::all(
            "Bahnfahrt Herne – Frankfurt Flughafen",
            "Train Herne – Frankfurt Airport",
            "火车：赫尔内—法兰克福机场",
        ),
        ItemKind::Transfer,
        berlin("2027-05-16T08:47", "2027-05-16T11:20"),
        Some(herne_hbf),
        &with(&herne, &[]),
        &[&p.wagner],
        "ICE über Köln; Sitzplätze reserviert, Wagen 12.",
    )
    .transport = Some("ICE 125".into());
    b.item(
        "flight-out",
        Texts::all(
            "Flug Frankfurt – Chengdu",
            "Flight Frankfurt – Chengdu",
            "航班：法兰克福—成都",
        ),
        ItemKind::Flight,
        timed("2027-05-16T13:30", Berlin, "2027-05-17T06:10", Shanghai),
        Some(fra),
        &with(&herne, &[]),
        &[&p.wagner],
        "Flug 3U 8792, Abflug MESZ, Ankunft Ortszeit Chengdu (CST).",
    )
    .transport = Some("3U 8792".into());
    b.item(
        "to-luzhou",
        Texts::all(
            "Fahrt Chengdu – Luzhou",
            "Drive Chengdu – Luzhou",
            "成都—泸州",
        ),
        ItemKind::Transfer,
        luzhou("2027-05-17T07:30", "2027-05-17T11:00"),
        Some(tfu),
        &with(&herne, &[&p.zhou]),
        &[&p.zhou],
        "Abholung durch das Außenamt Luzhou.",
    );
    b.item(
        "hotel",
        Texts::all(
            "Hotel am Jangtse",
            "Yangtze Riverside Hotel",
            "泸州长江大酒店",
        ),
        ItemKind::Hotel,
        Schedule::AllDay {
            first_day: day(2027, 5, 17),
            last_day: day(2027, 5, 21),
        },
        Some(hotel),
        &with(&herne, &[]),
        &[&p.wagner],
        "",
    );
    b.item(
        "welcome",
        Texts::all(
            "Begrüßungsabendessen der Stadt Luzhou",
            "Welcome dinner hosted by the City of Luzhou",
            "泸州市政府欢迎晚宴",
        ),
        ItemKind::Meal,
        luzhou("2027-05-17T18:30", "2027-05-17T20:30"),
        Some(hotel),
        &with(&herne, &[&p.liu, &p.wang, &p.li]),
        &[&p.zhou],
        "",
    );
    b.item(
        "reception",
        Texts::all(
            "Empfang durch die Stadtregierung Luzhou",
            "Reception by the Luzhou Municipal Government",
            "泸州市人民政府会见",
        ),
        ItemKind::Reception,
        luzhou("2027-05-18T09:00", "2027-05-18T10:00"),
        Some(gov),
        &with(&herne, &[&p.liu, &p.wang, &p.zhang, &p.li]),
        &[&p.zhou],
        "",
    );
    b.item(
        "talks",
        Texts::all(
            "Partnerschaftsgespräche",
            "Partnership talks",
            "友好城市会谈",
        ),
        ItemKind::Meeting,
        luzhou("2027-05-18T10:15", "2027-05-18T12:00"),
        Some(gov),
        &with(&herne, &[&p.liu, &p.wang, &p.zhang, &p.li]),
        &[&p.wagner],
        "",
    );
    b.item(
        "laojiao",
        Texts::all(
            "Besuch von Luzhou Laojiao",
            "Visit to Luzhou Laojiao",
            "参观泸州老窖",
        ),
        ItemKind::Visit,
        luzhou("2027-05-18T14:30", "2027-05-18T16:30"),
        Some(laojiao),
        &with(&herne, &[&p.sun, &p.li]),
        &[&p.zhou],
        "",
    );
    b.item(
        "port",
        Texts::all(
            "Besuch des Hafens Luzhou, Partner des Duisburger Hafens",
            "Visit to the Port of Luzhou, partner of the Port of Duisburg",
            "参观泸州港",
        ),
        ItemKind::Visit,
        luzhou("2027-05-19T09:30", "2027-05-19T11:30"),
        Some(port),
        &with(&herne, &[&p.zhang, &p.li]),
        &[&p.zhou],
        "",
    );
    b.item(
        "signing",
        Texts::all(
            "Unterzeichnung der Hochschulkooperation",
            "Signing of the university cooperation agreement",
            "签署高校合作协议",
        ),
        ItemKind::Signing,
        luzhou("2027-05-19T14:00", "2027-05-19T15:00"),
        Some(college),
        &with(&herne, &[&p.wang, &p.li]),
        &[&p.richter],
        "",
    );
    b.item(
        "press",
        Texts::all("Pressegespräch", "Press conference", "新闻发布会"),
        ItemKind::Press,
        luzhou("2027-05-19T15:00", "2027-05-19T15:30"),
        Some(college),
        &[&p.berger, &p.xu, &p.wang, &p.li],
        &[&p.zhou],
        "",
    );
    let culture = b.item(
        "culture",
        Texts::all(
            "Kulturprogramm: Altstadt und Jangtse-Ufer",
            "Culture: old town and Yangtze riverside",
            "文化活动：老城区与长江沿岸",
        ),
        ItemKind::FreeTime,
        Schedule::AllDay {
            first_day: day(2027, 5, 20),
            last_day: day(2027, 5, 20),
        },
        None,
        &with(&herne, &[&p.li]),
        &[&p.zhou],
        "Programm noch offen.",
    );
    culture.status = ItemStatus::Tentative;
    b.item(
        "forum",
        Texts::all(
            "Wirtschaftsforum Luzhou–Herne",
            "Luzhou–Herne business forum",
            "泸州—赫尔内经济论坛",
        ),
        ItemKind::Meeting,
        luzhou("2027-05-21T09:00", "2027-05-21T12:00"),
        Some(gov),
        &with(&herne, &[&p.zhang, &p.li]),
        &[&p.richter],
        "",
    );
    b.item(
        "farewell",
        Texts::all("Abschiedsessen", "Farewell dinner", "告别晚宴"),
        ItemKind::Meal,
        luzhou("2027-05-21T18:00", "2027-05-21T19:30"),
        Some(hotel),
        &with(&herne, &[&p.liu, &p.wang, &p.li]),
        &[&p.zhou],
        "",
    );
    b.item(
        "to-airport",
        Texts::all(
            "Fahrt Luzhou – Flughafen Chengdu",
            "Drive Luzhou – Chengdu airport",
            "泸州—成都天府机场",
        ),
        ItemKind::Transfer,
        luzhou("2027-05-21T20:00", "2027-05-21T23:30"),
        Some(tfu),
        &with(&herne, &[&p.zhou]),
        &[&p.zhou],
        "",
    );
    b.item(
        "flight-home",
        Texts::all(
            "Rückflug Chengdu – Frankfurt",
            "Flight home Chengdu – Frankfurt",
            "返程：成都—法兰克福",
        ),
        ItemKind::Flight,
        timed("2027-05-22T01:50", Shanghai, "2027-05-22T07:05", Berlin),
        Some(tfu),
        &with(&herne, &[]),
        &[&p.wagner],
        "Nachtflug über Mitternacht; Ankunft Ortszeit Frankfurt (MESZ).",
    )
    .transport = Some("3U 8791".into());
    b.item(
        "train-home",
        Texts::all(
            "Bahnfahrt Frankfurt Flughafen – Herne",
            "Train Frankfurt Airport – Herne",
            "火车：法兰克福机场—赫尔内",
        ),
        ItemKind::Transfer,
        berlin("2027-05-22T08:40", "2027-05-22T11:15"),
        Some(fra),
        &with(&herne, &[]),
        &[&p.wagner],
        "",
    );
    b.file
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_visits_are_valid() {
        for file in visits(stamp()) {
            assert_eq!(
                file.validate(),
                Ok(()),
                "{}",
                file.visit.title.best(crate::Lang::De)
            );
        }
    }

    #[test]
    fn demo_is_deterministic() {
        assert_eq!(visits(stamp()), visits(stamp()));
    }

    #[test]
    fn incoming_visit_has_an_item_on_the_day_the_clocks_change() {
        let file = &visits(stamp())[0];
        let dst_day = day(2027, 3, 28);
        assert!(
            file.programme
                .iter()
                .any(|i| i.schedule.first_day() == dst_day)
        );
        let abbreviations: Vec<String> = file
            .programme
            .iter()
            .filter_map(|i| match &i.schedule {
                Schedule::Timed { start, .. } => Some(start.abbreviation()),
                _ => None,
            })
            .collect();
        assert!(abbreviations.contains(&"CET".to_string()));
        assert!(abbreviations.contains(&"CEST".to_string()));
    }

    #[test]
    fn outgoing_visit_flies_from_berlin_time_into_shanghai_time() {
        let file = &visits(stamp())[1];
        let flight = file
            .programme
            .iter()
            .find(|i| i.kind == ItemKind::Flight)
            .expect("a flight");
        match &flight.schedule {
            Schedule::Timed { start, end } => {
                assert_eq!(start.zone, Berlin);
                assert_eq!(end.zone, Shanghai);
            }
            other => panic!("flight is not timed: {other:?}"),
        }
    }
}
