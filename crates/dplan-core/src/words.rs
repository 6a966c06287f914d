//! The fixed words and date forms the exports write in German, English and
//! Chinese: labels of calendar descriptions and itineraries, roles, day
//! headings, date ranges, zone abbreviations as German readers know them.

use crate::{ItemStatus, Lang, Role, Side};
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
        InternalNotes => ["Interne Notizen", "Internal notes", "内部备注"],
        InternalEdition => [
            "Interne Fassung – nicht für Gäste",
            "Internal edition – not for guests",
            "内部版本 – 请勿交予来宾",
        ],
        Draft => ["Entwurf", "Draft", "草稿"],
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

pub fn status(lang: Lang, status: ItemStatus) -> Option<&'static str> {
    match status {
        ItemStatus::Confirmed => None,
        ItemStatus::Tentative => Some(label(lang, Label::Tentative)),
        ItemStatus::Cancelled => Some(label(lang, Label::Cancelled)),
    }
}

pub fn role(lang: Lang, role: Role, side: Side) -> &'static str {
    let [de, en, zh] = match (role, side) {
        (Role::HeadOfDelegation, _) => ["Delegationsleitung", "Head of delegation", "团长"],
        (Role::Member, _) => ["Delegationsmitglied", "Member", "团员"],
        (Role::Interpreter, _) => ["Dolmetschung", "Interpreter", "翻译"],
        (Role::Host, _) => ["Gastgeber", "Host", "接待方"],
        (Role::Staff, _) => ["Betreuung", "Staff", "工作人员"],
        (Role::Driver, _) => ["Fahrdienst", "Driver", "司机"],
        (Role::Press, _) => ["Presse", "Press", "媒体"],
    };
    match lang {
        Lang::De => de,
        Lang::En => en,
        Lang::Zh => zh,
    }
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
        _ => format!("{} – {}", date(lang, a), date(lang, b)),
    }
}

/// The zone abbreviation as readers of `lang` know it: MEZ/MESZ in German.
pub fn zone_abbreviation(lang: Lang, abbreviation: &str) -> String {
    match (lang, abbreviation) {
        (Lang::De, "CET") => "MEZ".into(),
        (Lang::De, "CEST") => "MESZ".into(),
        _ => abbreviation.into(),
    }
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
        assert_eq!(zone_abbreviation(Lang::De, "CEST"), "MESZ");
        assert_eq!(zone_abbreviation(Lang::Zh, "CEST"), "CEST");
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
