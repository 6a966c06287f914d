//! The fixed words and date forms dplan writes in German, English and
//! Chinese: labels of calendar descriptions and itineraries, the words for
//! roles, sides, kinds and statuses, day headings, date ranges, zones as
//! their readers know them.
//!
//! This is the one vocabulary: the printout, the calendar export and the
//! participant lists use it here, and the app reads it from
//! `ui/src/lib/api/vocabulary.ts`, which the store's type test generates
//! from [`vocabulary`]. A word is written once, in all three languages.

use crate::{ContactKind, ItemKind, ItemStatus, Lang, Role, Side, TextField, VisitStatus};

/// One word in German, English and Chinese.
pub type Word = [&'static str; 3];

/// The word in one language.
pub fn pick(lang: Lang, word: Word) -> &'static str {
    let [de, en, zh] = word;
    match lang {
        Lang::De => de,
        Lang::En => en,
        Lang::Zh => zh,
    }
}

pub const ROLES: [Role; 7] = [
    Role::HeadOfDelegation,
    Role::Member,
    Role::Interpreter,
    Role::Host,
    Role::Staff,
    Role::Driver,
    Role::Press,
];

/// A participant's role, as a word for a person (the roster's column, the
/// printout's lists, the app's choice).
pub fn role_word(role: Role) -> Word {
    match role {
        Role::HeadOfDelegation => ["Delegationsleiter/in", "Head of delegation", "团长"],
        Role::Member => ["Delegationsmitglied", "Delegation member", "代表团成员"],
        Role::Interpreter => ["Dolmetscher/in", "Interpreter", "翻译"],
        Role::Host => ["Gastgeber/in", "Host", "东道主"],
        Role::Staff => ["Betreuer/in", "Staff", "工作人员"],
        Role::Driver => ["Fahrer/in", "Driver", "司机"],
        Role::Press => ["Pressevertreter/in", "Press", "记者"],
    }
}

/// The side a participant is on, as a word for a person.
pub fn side_word(side: Side) -> Word {
    match side {
        Side::Guest => ["Gast", "Guest", "来宾"],
        Side::Host => ["Gastgeber", "Host", "接待方"],
    }
}

pub const KINDS: [ItemKind; 10] = [
    ItemKind::Reception,
    ItemKind::Meeting,
    ItemKind::Meal,
    ItemKind::Visit,
    ItemKind::Signing,
    ItemKind::Press,
    ItemKind::Transfer,
    ItemKind::Flight,
    ItemKind::Hotel,
    ItemKind::FreeTime,
];

pub fn kind_word(kind: ItemKind) -> Word {
    match kind {
        ItemKind::Reception => ["Empfang", "Reception", "招待会"],
        ItemKind::Meeting => ["Gespräch", "Meeting", "会谈"],
        ItemKind::Meal => ["Essen", "Meal", "用餐"],
        ItemKind::Visit => ["Besichtigung", "Visit", "参观"],
        ItemKind::Signing => ["Unterzeichnung", "Signing", "签约"],
        ItemKind::Press => ["Pressetermin", "Press event", "媒体活动"],
        ItemKind::Transfer => ["Transfer", "Transfer", "接送"],
        ItemKind::Flight => ["Flug", "Flight", "航班"],
        ItemKind::Hotel => ["Hotel", "Hotel", "酒店"],
        ItemKind::FreeTime => ["Freizeit", "Free time", "自由活动"],
    }
}

pub fn item_status_word(status: ItemStatus) -> Word {
    match status {
        ItemStatus::Tentative => ["Vorläufig", "Tentative", "待定"],
        ItemStatus::Confirmed => ["Bestätigt", "Confirmed", "已确认"],
        ItemStatus::Cancelled => ["Abgesagt", "Cancelled", "已取消"],
    }
}

pub fn visit_status_word(status: VisitStatus) -> Word {
    match status {
        VisitStatus::Planning => ["In Planung", "Planning", "筹备中"],
        VisitStatus::Confirmed => ["Bestätigt", "Confirmed", "已确认"],
        VisitStatus::Completed => ["Abgeschlossen", "Completed", "已结束"],
        VisitStatus::Cancelled => ["Abgesagt", "Cancelled", "已取消"],
    }
}

/// A language's name.
pub fn lang_word(lang: Lang) -> Word {
    match lang {
        Lang::De => ["Deutsch", "German", "德语"],
        Lang::En => ["Englisch", "English", "英语"],
        Lang::Zh => ["Chinesisch", "Chinese", "中文"],
    }
}

pub const TEXT_FIELDS: [TextField; 10] = [
    TextField::Title,
    TextField::GuestNotes,
    TextField::DressCode,
    TextField::VenueName,
    TextField::Room,
    TextField::AddressZh,
    TextField::Contact,
    TextField::Position,
    TextField::FormOfAddress,
    TextField::Organisation,
];

pub const CONTACT_KINDS: [ContactKind; 4] = [
    ContactKind::Hotel,
    ContactKind::DutyPhone,
    ContactKind::Consulate,
    ContactKind::Other,
];

/// What a contact of the visit is, on the contacts page and in the app.
pub fn contact_kind_word(kind: ContactKind) -> Word {
    match kind {
        ContactKind::Hotel => ["Hotel", "Hotel", "酒店"],
        ContactKind::DutyPhone => ["Bereitschaftstelefon", "Duty phone", "值班电话"],
        ContactKind::Consulate => ["Konsulat", "Consulate", "领事馆"],
        ContactKind::Other => ["Kontakt", "Contact", "联系方式"],
    }
}

/// A translatable text, as a report of missing translations names it.
pub fn text_field_word(field: TextField) -> Word {
    match field {
        TextField::Title => ["Titel", "Title", "标题"],
        TextField::GuestNotes => ["Hinweise für Gäste", "Notes for guests", "来宾须知"],
        TextField::DressCode => ["Kleiderordnung", "Dress code", "着装要求"],
        TextField::VenueName => ["Ort", "Venue", "地点"],
        TextField::Room => ["Raum", "Room", "房间"],
        TextField::AddressZh => [
            "Adresse in chinesischen Schriftzeichen",
            "Address in Chinese characters",
            "中文地址",
        ],
        TextField::Contact => ["Kontakt", "Contact", "联系方式"],
        TextField::Position => ["Amtsbezeichnung", "Position", "职务"],
        TextField::FormOfAddress => ["Anrede", "Form of address", "称呼"],
        TextField::Organisation => ["Organisation", "Organisation", "单位"],
    }
}

/// The words the app shows for codes, by section (`role`, `side`, `kind`,
/// `item_status`, `visit_status`, `contact_kind`, `text_field`, `lang`), each with its code
/// as the JSON writes it.
pub fn vocabulary() -> Vec<(&'static str, Vec<(String, Word)>)> {
    fn code<T: serde::Serialize>(value: T) -> String {
        serde_json::to_value(value)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
    vec![
        (
            "role",
            ROLES.iter().map(|r| (code(r), role_word(*r))).collect(),
        ),
        (
            "side",
            [Side::Guest, Side::Host]
                .iter()
                .map(|s| (code(s), side_word(*s)))
                .collect(),
        ),
        (
            "kind",
            KINDS.iter().map(|k| (code(k), kind_word(*k))).collect(),
        ),
        (
            "item_status",
            [
                ItemStatus::Tentative,
                ItemStatus::Confirmed,
                ItemStatus::Cancelled,
            ]
            .iter()
            .map(|s| (code(s), item_status_word(*s)))
            .collect(),
        ),
        (
            "visit_status",
            [
                VisitStatus::Planning,
                VisitStatus::Confirmed,
                VisitStatus::Completed,
                VisitStatus::Cancelled,
            ]
            .iter()
            .map(|s| (code(s), visit_status_word(*s)))
            .collect(),
        ),
        (
            "contact_kind",
            CONTACT_KINDS
                .iter()
                .map(|k| (code(k), contact_kind_word(*k)))
                .collect(),
        ),
        (
            "text_field",
            TEXT_FIELDS
                .iter()
                .map(|f| (code(f), text_field_word(*f)))
                .collect(),
        ),
        (
            "lang",
            [Lang::De, Lang::En, Lang::Zh]
                .iter()
                .map(|l| (code(l), lang_word(*l)))
                .collect(),
        ),
        (
            "zone",
            ZONE_ABBREVIATIONS
                .iter()
                .map(|(a, w)| (a.to_string(), *w))
                .collect(),
        ),
    ]
}
use chrono::{Datelike, NaiveDate, Weekday};

/// A fixed label in one language.
pub fn label(lang: Lang, key: Label) -> &'static str {
    use Label::*;
    let [de, en, zh] = match key {
        Programme => ["Programm", "Programme", "日程安排"],
        Delegation => ["Delegation", "Delegation", "代表团"],
        Hosts => ["Gastgeber", "Hosts", "接待方"],
        Contacts => ["Kontakte", "Contacts", "联系方式"],
        Attendees => ["Teilnehmende", "Attendees", "出席人员"],
        Responsible => ["Verantwortlich", "Responsible", "负责人"],
        DressCode => ["Kleiderordnung", "Dress code", "着装要求"],
        Notes => ["Hinweise", "Notes", "备注"],
        Version => ["Stand", "Version", "版本"],
        Page => ["Seite", "Page", "页"],
        Of => ["von", "of", "/"],
        AllDay => ["ganztägig", "all day", "全天"],
        Cancelled => ["Abgesagt", "Cancelled", "已取消"],
        Tentative => ["Vorläufig", "Tentative", "待定"],
        Arrival => ["Anreise", "Arrival", "抵达"],
        Departure => ["Abreise", "Departure", "离开"],
        Hotel => ["Hotel", "Hotel", "酒店"],
        YourStay => ["Ihr Aufenthalt", "Your stay", "您的行程"],
        Phone => ["Telefon", "Phone", "电话"],
        Email => ["E-Mail", "E-mail", "电子邮件"],
        PersonalItinerary => ["Persönliches Programm", "Personal itinerary", "个人日程"],
        Nothing => ["Keine Programmpunkte.", "No items.", "无日程。"],
        Interpreter => ["Dolmetschung", "Interpreter", "翻译"],
        Duties => ["Aufgaben", "duties", "职责"],
        Transport => ["Flug/Zug", "Flight/train", "航班/车次"],
        // In a staff member's own copy: an item they run, not only attend.
        OnDuty => ["Ihre Aufgabe", "Your duty", "您的职责"],
        InternalNotes => ["Interne Notizen", "Internal notes", "内部备注"],
        InternalEdition => [
            "Interne Fassung – nicht für Gäste",
            "Internal edition – not for guests",
            "内部版本——请勿交予来宾",
        ],
        Draft => ["Entwurf", "Draft", "草稿"],
        Needs => [
            "Ernährung und Barrierefreiheit",
            "Dietary and access needs",
            "饮食与无障碍需求",
        ],
        Dietary => ["Ernährung", "Dietary", "饮食"],
        Landing => ["Ankunft", "Arrival", "到达"],
        Emergency => ["Notrufnummern", "Emergency numbers", "紧急电话"],
        Police => ["Polizei", "Police", "报警"],
        FireAndAmbulance => [
            "Feuerwehr und Rettungsdienst",
            "Fire and ambulance",
            "火警和急救",
        ],
        Fire => ["Feuerwehr", "Fire", "火警"],
        Ambulance => ["Rettungsdienst", "Ambulance", "急救"],
        Staff => [
            "Begleitung und Organisation",
            "Staff and interpreters",
            "随行及工作人员",
        ],
        Accessibility => ["Barrierefreiheit", "Access", "无障碍"],
        SubscribeCalendar => [
            "Programm als Kalender abonnieren",
            "Subscribe to the programme as a calendar",
            "订阅日程日历",
        ],
        SubscribeHint => [
            "Mit der Kamera des Telefons scannen oder die Adresse in Outlook unter „Kalender hinzufügen › Aus dem Internet abonnieren“ eingeben. Der Kalender folgt jeder Änderung des Programms.",
            "Scan with your phone's camera, or enter the address in Outlook under “Add calendar › Subscribe from web”. The calendar follows every change to the programme.",
            "请用手机相机扫描，或在 Outlook 中选择“添加日历 › 从网络订阅”并输入该地址。日历会随日程的每次变更自动更新。",
        ],
    };
    match lang {
        Lang::De => de,
        Lang::En => en,
        Lang::Zh => zh,
    }
}

#[derive(Clone, Copy, Debug)]
pub enum Label {
    Programme,
    Delegation,
    Hosts,
    Contacts,
    Attendees,
    Responsible,
    DressCode,
    Notes,
    Version,
    Page,
    Of,
    AllDay,
    Cancelled,
    Tentative,
    Arrival,
    Departure,
    Hotel,
    YourStay,
    Phone,
    Email,
    PersonalItinerary,
    Nothing,
    Interpreter,
    Duties,
    InternalNotes,
    InternalEdition,
    Draft,
    Needs,
    Landing,
    Staff,
    Emergency,
    Police,
    FireAndAmbulance,
    Fire,
    Ambulance,
    Dietary,
    Accessibility,
    Transport,
    OnDuty,
    SubscribeCalendar,
    SubscribeHint,
}

/// A label in each of `langs`, each wording once: "Teilnehmende / 出席人员".
pub fn joined(langs: &[Lang], key: Label) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for l in langs {
        let t = label(*l, key);
        if !parts.contains(&t) {
            parts.push(t);
        }
    }
    parts.join(" / ")
}

/// The status an item shows beside its title; a confirmed one shows none.
pub fn status(lang: Lang, status: ItemStatus) -> Option<&'static str> {
    match status {
        ItemStatus::Confirmed => None,
        other => Some(pick(lang, item_status_word(other))),
    }
}

pub fn role(lang: Lang, role: Role) -> &'static str {
    pick(lang, role_word(role))
}

const WEEKDAYS_DE: [&str; 7] = [
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const WEEKDAYS_ZH: [&str; 7] = [
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
    "星期日",
];
const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn weekday_index(w: Weekday) -> usize {
    w.num_days_from_monday() as usize
}

/// "Mittwoch, 24. März 2027", "Wednesday, 24 March 2027", "2027年3月24日 星期三".
pub fn day_heading(lang: Lang, d: NaiveDate) -> String {
    let w = weekday_index(d.weekday());
    let m = d.month0() as usize;
    match lang {
        Lang::De => format!(
            "{}, {}. {} {}",
            WEEKDAYS_DE[w],
            d.day(),
            MONTHS_DE[m],
            d.year()
        ),
        Lang::En => format!(
            "{}, {} {} {}",
            WEEKDAYS_EN[w],
            d.day(),
            MONTHS_EN[m],
            d.year()
        ),
        Lang::Zh => format!(
            "{}年{}月{}日 {}",
            d.year(),
            d.month(),
            d.day(),
            WEEKDAYS_ZH[w]
        ),
    }
}

/// "24. März 2027".
pub fn date(lang: Lang, d: NaiveDate) -> String {
    let m = d.month0() as usize;
    match lang {
        Lang::De => format!("{}. {} {}", d.day(), MONTHS_DE[m], d.year()),
        Lang::En => format!("{} {} {}", d.day(), MONTHS_EN[m], d.year()),
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
    }
}

/// The dash between a heading and what it is about: " – " in German and
/// English, the Chinese dash "——" (no spaces) in Chinese.
pub fn dash(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "——",
        _ => " – ",
    }
}

/// "24.–28. März 2027", "24–28 March 2027", "2027年3月24日至28日", with
/// months and years where they differ.
pub fn date_range(lang: Lang, a: NaiveDate, b: NaiveDate) -> String {
    if a == b {
        return date(lang, a);
    }
    let same_month = a.year() == b.year() && a.month() == b.month();
    let same_year = a.year() == b.year();
    match lang {
        Lang::De if same_month => format!("{}.–{}", a.day(), date(lang, b)),
        Lang::De if same_year => format!(
            "{}. {} – {}",
            a.day(),
            MONTHS_DE[a.month0() as usize],
            date(lang, b)
        ),
        Lang::En if same_month => format!("{}–{}", a.day(), date(lang, b)),
        Lang::En if same_year => format!(
            "{} {} – {}",
            a.day(),
            MONTHS_EN[a.month0() as usize],
            date(lang, b)
        ),
        Lang::Zh if same_month => format!("{}至{}日", date(lang, a), b.day()),
        Lang::Zh if same_year => format!("{}至{}月{}日", date(lang, a), b.month(), b.day()),
        Lang::Zh => format!("{}至{}", date(lang, a), date(lang, b)),
        _ => format!("{} – {}", date(lang, a), date(lang, b)),
    }
}

/// The abbreviations readers write in their own way (German MEZ/MESZ).
const ZONE_ABBREVIATIONS: [(&str, Word); 2] = [
    ("CET", ["MEZ", "CET", "CET"]),
    ("CEST", ["MESZ", "CEST", "CEST"]),
];

/// The zone abbreviation as readers of `lang` know it: MEZ/MESZ in German.
pub fn zone_abbreviation(lang: Lang, abbreviation: &str) -> String {
    ZONE_ABBREVIATIONS
        .iter()
        .find(|(a, _)| *a == abbreviation)
        .map_or_else(|| abbreviation.into(), |(_, w)| pick(lang, *w).into())
}

/// The zone of a moment as readers of `lang` know it: MEZ/MESZ in German,
/// the abbreviation in English, and in Chinese 北京时间 for China's zone
/// (whose abbreviation "CST" also names US Central time) and 欧洲中部时间 /
/// 欧洲中部夏令时间 for Central Europe.
pub fn zone_wording(lang: Lang, t: &crate::ZonedLocal) -> String {
    let abbreviation = t.abbreviation();
    if lang == Lang::Zh {
        if CHINA_ZONES.contains(&t.zone.name()) {
            return "北京时间".into();
        }
        match abbreviation.as_str() {
            "CET" => return "欧洲中部时间".into(),
            "CEST" => return "欧洲中部夏令时间".into(),
            _ => {}
        }
    }
    zone_abbreviation(lang, &abbreviation)
}

/// The IANA zones that keep China Standard Time (Beijing time).
const CHINA_ZONES: [&str; 6] = [
    "Asia/Shanghai",
    "Asia/Chongqing",
    "Asia/Chungking",
    "Asia/Harbin",
    "Asia/Urumqi",
    "PRC",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn days_and_ranges_read_naturally() {
        assert_eq!(
            day_heading(Lang::De, d("2027-03-24")),
            "Mittwoch, 24. März 2027"
        );
        assert_eq!(
            day_heading(Lang::En, d("2027-03-24")),
            "Wednesday, 24 March 2027"
        );
        assert_eq!(
            day_heading(Lang::Zh, d("2027-03-24")),
            "2027年3月24日 星期三"
        );
        assert_eq!(
            date_range(Lang::De, d("2027-03-24"), d("2027-03-28")),
            "24.–28. März 2027"
        );
        assert_eq!(
            date_range(Lang::En, d("2027-03-30"), d("2027-04-02")),
            "30 March – 2 April 2027"
        );
        assert_eq!(
            date_range(Lang::Zh, d("2027-03-24"), d("2027-03-28")),
            "2027年3月24日至28日"
        );
        assert_eq!(
            date_range(Lang::De, d("2027-12-30"), d("2028-01-02")),
            "30. Dezember 2027 – 2. Januar 2028"
        );
        assert_eq!(
            date_range(Lang::Zh, d("2027-12-30"), d("2028-01-02")),
            "2027年12月30日至2028年1月2日"
        );
        assert_eq!(zone_abbreviation(Lang::De, "CEST"), "MESZ");
        assert_eq!(zone_abbreviation(Lang::Zh, "CEST"), "CEST");
    }

    #[test]
    fn every_word_of_the_vocabulary_is_there_in_german_english_and_chinese() {
        let mut sections = 0;
        for (section, words) in vocabulary() {
            sections += 1;
            assert!(!words.is_empty(), "{section}");
            for (code, word) in words {
                assert!(!code.is_empty(), "{section}: a word without its code");
                for (lang, w) in ["de", "en", "zh"].iter().zip(word) {
                    assert!(!w.trim().is_empty(), "{section}.{code} has no {lang} word");
                }
                // Chinese words are Chinese, not a German or English word
                // left in place; zone abbreviations stay Latin in a Chinese
                // time range (the long Chinese wording is `zone_wording`).
                assert!(
                    section == "zone"
                        || word[2]
                            .chars()
                            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{section}.{code}: {:?}",
                    word[2]
                );
            }
        }
        assert_eq!(sections, 9);
        // Words that name people, not activities.
        assert_eq!(role(Lang::De, Role::Interpreter), "Dolmetscher/in");
        assert_eq!(role(Lang::Zh, Role::Member), "代表团成员");
    }

    #[test]
    fn chinese_readers_get_beijing_time_not_cst() {
        let at = |zone: &str| {
            crate::ZonedLocal::parse("2027-05-16T13:30", zone.parse().unwrap()).unwrap()
        };
        assert_eq!(zone_wording(Lang::Zh, &at("Asia/Shanghai")), "北京时间");
        assert_eq!(zone_wording(Lang::En, &at("Asia/Shanghai")), "CST");
        assert_eq!(
            zone_wording(Lang::Zh, &at("Europe/Berlin")),
            "欧洲中部夏令时间"
        );
        assert_eq!(zone_wording(Lang::De, &at("Europe/Berlin")), "MESZ");
        assert_eq!(zone_wording(Lang::En, &at("Europe/Berlin")), "CEST");
    }
}
