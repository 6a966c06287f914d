//! The sentences dplan says to its user (the conflict check's warnings and
//! the reasons an item's time cannot be placed), in German, English and
//! Chinese. The check gives each warning a code ([`crate::conflict::WarningKind`])
//! and its parameters (items, persons, venue, minutes); the sentence is made
//! here, in the language of whoever reads it: the app's language, or the
//! CLI's `--lang`.
//!
//! Every sentence is a match over the three languages side by side, so a
//! new sentence cannot be written in one language only.

use chrono::{Datelike, NaiveDate};

use crate::{Lang, Problem, Schedule, ZonedLocal, time::LocalTimeError, words};

/// The sentences in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Says(pub Lang);

impl Says {
    /// A title in quotation marks: „Empfang“, „Empfang“, “欢迎仪式”.
    pub fn quoted(self, s: &str) -> String {
        match self.0 {
            Lang::De | Lang::En => format!("„{s}“"),
            Lang::Zh => format!("“{s}”"),
        }
    }

    /// `n` minutes.
    pub fn minutes(self, n: u32) -> String {
        match (self.0, n) {
            (Lang::De, 1) => "1 Minute".into(),
            (Lang::De, n) => format!("{n} Minuten"),
            (Lang::En, 1) => "1 minute".into(),
            (Lang::En, n) => format!("{n} minutes"),
            (Lang::Zh, n) => format!("{n}分钟"),
        }
    }

    /// Writes `len` entries as the language lists them; of more than five,
    /// four are named and the rest counted (naming a fifth is shorter than
    /// "and 1 other"). Entries are written in place, not gathered first,
    /// because writing warnings is most of the check's work when there are
    /// many.
    pub fn list(self, out: &mut String, len: usize, mut entry: impl FnMut(&mut String, usize)) {
        const NAMED: usize = 4;
        let named = if len <= NAMED + 1 { len } else { NAMED };
        let (comma, and) = match self.0 {
            Lang::De => (", ", " und "),
            Lang::En => (", ", " and "),
            Lang::Zh => ("、", "和"),
        };
        for i in 0..named {
            if i > 0 {
                out.push_str(if i + 1 == len { and } else { comma });
            }
            entry(out, i);
        }
        if named < len {
            let rest = len - named;
            out.push_str(&match self.0 {
                Lang::De => format!(" und {rest} weitere"),
                Lang::En => format!(" and {rest} others"),
                Lang::Zh => format!("等另外{rest}人"),
            });
        }
    }

    /// The zone as the reader knows it: MEZ/MESZ in German, CET/CEST in
    /// English, 北京时间 or 欧洲中部时间 in Chinese (never the ambiguous "CST").
    pub fn zone(self, t: &ZonedLocal) -> String {
        words::zone_wording(self.0, t)
    }

    /// A date: `25.03.2027`, `2027-03-25`, `2027年3月25日`.
    pub fn date(self, d: NaiveDate) -> String {
        match self.0 {
            Lang::De => d.format("%d.%m.%Y").to_string(),
            Lang::En => d.to_string(),
            Lang::Zh => words::date(Lang::Zh, d),
        }
    }

    /// A moment with its zone: `24.03.2027 14:35 MEZ`.
    pub fn moment(self, t: &ZonedLocal) -> String {
        format!(
            "{} {} {}",
            self.date(t.local.date()),
            t.local.format("%H:%M"),
            self.zone(t)
        )
    }

    /// A span of days: `24.03.2027 – 27.03.2027`, `2027年3月24日至2027年3月27日`.
    pub fn days(self, first: NaiveDate, last: NaiveDate) -> String {
        if first == last {
            return self.date(first);
        }
        match self.0 {
            Lang::Zh => format!("{}至{}", self.date(first), self.date(last)),
            _ => format!("{} – {}", self.date(first), self.date(last)),
        }
    }

    /// A day without its year, for a span within one visit: `24.03.`,
    /// `24/3`, `3月24日`.
    pub fn short_date(self, d: NaiveDate) -> String {
        match self.0 {
            Lang::De => format!("{:02}.{:02}.", d.day(), d.month()),
            Lang::En => format!("{}/{}", d.day(), d.month()),
            Lang::Zh => format!("{}月{}日", d.month(), d.day()),
        }
    }

    /// When an item happens on its own day, as a timetable writes it: the
    /// one formatter of every screen, document and CLI listing of a
    /// programme. Times are the item's own local times with the short
    /// abbreviation of their zone (MEZ/MESZ in German); an end on a later
    /// day is counted: `10:00–11:30 MEZ`, `01:30 MEZ – 03:30 MESZ`,
    /// `21:00 MEZ – 14:10 CST (+1)`, `ganztägig`, `24.03.–27.03.`.
    /// Sentences that must name the date use [`Says::when`]. The zones'
    /// abbreviations (`CET`, `CST`) are the tz database's at start and end,
    /// as [`crate::view::ItemView`] carries them; an all-day item has none.
    pub fn times(
        self,
        schedule: &Schedule,
        start_abbreviation: &str,
        end_abbreviation: &str,
    ) -> String {
        match schedule {
            Schedule::AllDay {
                first_day,
                last_day,
            } if first_day == last_day => words::label(self.0, words::Label::AllDay).into(),
            Schedule::AllDay {
                first_day,
                last_day,
            } => format!(
                "{}–{}",
                self.short_date(*first_day),
                self.short_date(*last_day)
            ),
            Schedule::Timed { start, end } => {
                let sa = words::zone_abbreviation(self.0, start_abbreviation);
                let ea = words::zone_abbreviation(self.0, end_abbreviation);
                let (st, et) = (start.local.format("%H:%M"), end.local.format("%H:%M"));
                let days = (end.local.date() - start.local.date()).num_days();
                if days == 0 && sa == ea {
                    format!("{st}–{et} {sa}")
                } else if days == 0 {
                    format!("{st} {sa} – {et} {ea}")
                } else {
                    format!("{st} {sa} – {et} {ea} ({days:+})")
                }
            }
        }
    }

    /// When an item happens, with the date, as briefly as is unambiguous:
    /// `2027-03-25 10:00–11:30 CET`, `2026-03-29 01:30 CET – 03:30 CEST`,
    /// `2027-05-16 13:30 CEST – 2027-05-17 06:10 CST`, `2027-03-24 – 2027-03-27, all day`.
    pub fn when(self, schedule: &Schedule) -> String {
        match schedule {
            Schedule::AllDay {
                first_day,
                last_day,
            } => format!(
                "{}{}{}",
                self.days(*first_day, *last_day),
                if self.0 == Lang::Zh { "，" } else { ", " },
                words::label(self.0, words::Label::AllDay)
            ),
            Schedule::Timed { start, end } => {
                let (sa, ea) = (self.zone(start), self.zone(end));
                let (sd, ed) = (start.local.date(), end.local.date());
                let (sdd, edd) = (self.date(sd), self.date(ed));
                let (st, et) = (start.local.format("%H:%M"), end.local.format("%H:%M"));
                match (sd == ed, sa == ea) {
                    (true, true) => format!("{sdd} {st}–{et} {sa}"),
                    (true, false) => format!("{sdd} {st} {sa} – {et} {ea}"),
                    (false, true) => format!("{sdd} {st} – {edd} {et} {sa}"),
                    (false, false) => format!("{sdd} {st} {sa} – {edd} {et} {ea}"),
                }
            }
        }
    }

    /// „Title“ (when), the way warnings name an item.
    pub fn item(self, title: &str, schedule: &Schedule) -> String {
        match self.0 {
            Lang::Zh => format!("{}（{}）", self.quoted(title), self.when(schedule)),
            _ => format!("{} ({})", self.quoted(title), self.when(schedule)),
        }
    }

    /// An item of another visit than the one it is compared with.
    pub fn of_visit(self, item: &str, visit_title: &str) -> String {
        let visit = self.quoted(visit_title);
        match self.0 {
            Lang::De => format!("{item} im Besuch {visit}"),
            Lang::En => format!("{item} of {visit}"),
            Lang::Zh => format!("{visit}中的{item}"),
        }
    }

    /// Why a local time cannot be placed.
    pub fn local_time(self, e: &LocalTimeError) -> String {
        match (self.0, e) {
            (Lang::En, e) => e.to_string(),
            (Lang::De, LocalTimeError::Gap { local, zone }) => format!(
                "{} gibt es in {zone} nicht: Die Uhren überspringen diese Stunde (Beginn der Sommerzeit)",
                self.local(local)
            ),
            (Lang::De, LocalTimeError::Ambiguous { local, zone }) => format!(
                "{} gibt es in {zone} zweimal (die Uhren werden zurückgestellt): Bitte angeben, ob das erste (Sommerzeit) oder das zweite Mal (Normalzeit) gemeint ist",
                self.local(local)
            ),
            (Lang::Zh, LocalTimeError::Gap { local, zone }) => format!(
                "{zone}不存在{}：夏令时开始时时钟跳过这一小时",
                self.local(local)
            ),
            (Lang::Zh, LocalTimeError::Ambiguous { local, zone }) => format!(
                "{}在{zone}出现两次（时钟回拨）：请说明是第一次（夏令时）还是第二次（标准时间）",
                self.local(local)
            ),
        }
    }

    /// `2026-03-29T02:30` as the language writes a date and time.
    fn local(self, local: &str) -> String {
        match crate::time::local_minutes::parse(local) {
            Ok(t) => format!("{} {}", self.date(t.date()), t.format("%H:%M")),
            Err(_) => local.to_string(),
        }
    }

    pub fn start_problem(self, e: &LocalTimeError) -> String {
        let reason = self.local_time(e);
        match self.0 {
            Lang::De => format!("Beginn: {reason}"),
            Lang::En => format!("its start {reason}"),
            Lang::Zh => format!("开始时间：{reason}"),
        }
    }

    pub fn end_problem(self, e: &LocalTimeError) -> String {
        let reason = self.local_time(e);
        match self.0 {
            Lang::De => format!("Ende: {reason}"),
            Lang::En => format!("its end {reason}"),
            Lang::Zh => format!("结束时间：{reason}"),
        }
    }

    pub fn ends_before_start(self, end: &ZonedLocal, start: &ZonedLocal) -> String {
        let (end, start) = (self.moment(end), self.moment(start));
        match self.0 {
            Lang::De => format!("Es endet {end}, nicht nach seinem Beginn {start}"),
            Lang::En => format!("it ends at {end}, not after its start at {start}"),
            Lang::Zh => format!("结束时间{end}不晚于开始时间{start}"),
        }
    }

    pub fn last_day_before_first(self, last: NaiveDate, first: NaiveDate) -> String {
        let (last, first) = (self.date(last), self.date(first));
        match self.0 {
            Lang::De => format!("Sein letzter Tag {last} liegt vor seinem ersten Tag {first}"),
            Lang::En => format!("its last day {last} is before its first day {first}"),
            Lang::Zh => format!("最后一天{last}早于第一天{first}"),
        }
    }

    pub fn cannot_check(self, item_title: &str, reason: &str) -> String {
        let title = self.quoted(item_title);
        match self.0 {
            Lang::De => format!("{title} kann nicht geprüft werden: {reason}"),
            Lang::En => format!("{title} cannot be checked: {reason}"),
            Lang::Zh => format!("无法检查{title}：{reason}"),
        }
    }

    pub fn outside_days(self, item: &str, visit_title: &str, days: &str) -> String {
        let visit = self.quoted(visit_title);
        match self.0 {
            Lang::De => format!("{item} liegt außerhalb der Tage von {visit} ({days})"),
            Lang::En => format!("{item} is outside the days of {visit} ({days})"),
            Lang::Zh => format!("{item}不在{visit}的日期内（{days}）"),
        }
    }

    pub fn arrives_after_start(self, names: &str, one: bool, at: &str, item: &str) -> String {
        match self.0 {
            Lang::De => {
                let verb = if one { "reist" } else { "reisen" };
                format!("{names} {verb} erst {at} an, nach dem Beginn von {item}")
            }
            Lang::En => {
                let verb = if one { "arrives" } else { "arrive" };
                format!("{names} {verb} at {at}, after the start of {item}")
            }
            Lang::Zh => format!("{names}于{at}抵达，晚于{item}的开始时间"),
        }
    }

    pub fn departs_before_end(self, names: &str, one: bool, at: &str, item: &str) -> String {
        match self.0 {
            Lang::De => {
                let verb = if one { "reist" } else { "reisen" };
                format!("{names} {verb} schon {at} ab, vor dem Ende von {item}")
            }
            Lang::En => {
                let verb = if one { "departs" } else { "depart" };
                format!("{names} {verb} at {at}, before the end of {item}")
            }
            Lang::Zh => format!("{names}于{at}离开，早于{item}的结束时间"),
        }
    }

    /// The beginning of the warning; the people and their languages follow.
    pub fn no_common_language(self, item: &str) -> String {
        match self.0 {
            Lang::De => format!(
                "Die Personen in {item} haben keine gemeinsame Sprache, und niemand von ihnen dolmetscht: "
            ),
            Lang::En => format!(
                "The people in {item} share no language and none of them is an interpreter: "
            ),
            Lang::Zh => format!("{item}的人员没有共同语言，且其中没有翻译："),
        }
    }

    pub fn double_booked(self, names: &str, one: bool, a: &str, b: &str, minutes: u32) -> String {
        let m = self.minutes(minutes);
        match self.0 {
            Lang::De => {
                let verb = if one { "ist" } else { "sind" };
                format!("{names} {verb} {m} lang gleichzeitig in {a} und {b}")
            }
            Lang::En => {
                let verb = if one { "is" } else { "are" };
                format!("{names} {verb} in {a} and {b} at once for {m}")
            }
            Lang::Zh => format!("{names}同时安排在{a}和{b}，重叠{m}"),
        }
    }

    pub fn venue_booked(self, venue: &str, a: &str, b: &str, minutes: u32) -> String {
        let m = self.minutes(minutes);
        match self.0 {
            Lang::De => format!("{venue} ist {m} lang gleichzeitig für {a} und {b} gebucht"),
            Lang::En => format!("{venue} is booked for {a} and {b} at once for {m}"),
            Lang::Zh => format!("{venue}同时被{a}和{b}占用，重叠{m}"),
        }
    }

    pub fn more_double_bookings(
        self,
        who: &str,
        more: u32,
        a: &str,
        b: &str,
        listed: usize,
    ) -> String {
        match (self.0, more) {
            (Lang::De, 1) => format!(
                "{who} hat ab {a} und {b} eine weitere Doppelbuchung; nur die ersten {listed} sind aufgeführt"
            ),
            (Lang::De, n) => format!(
                "{who} hat ab {a} und {b} {n} weitere Doppelbuchungen; nur die ersten {listed} sind aufgeführt"
            ),
            (Lang::En, 1) => format!(
                "{who} has 1 more double booking from {a} and {b} on; only the first {listed} are listed"
            ),
            (Lang::En, n) => format!(
                "{who} has {n} more double bookings from {a} and {b} on; only the first {listed} are listed"
            ),
            (Lang::Zh, n) => {
                format!("{who}自{a}和{b}起还有{n}处重复安排；仅列出前{listed}处")
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub fn travel_too_short(
        self,
        names: &str,
        one: bool,
        available: u32,
        a: &str,
        venue_a: &str,
        b: &str,
        venue_b: &str,
        needed: u32,
    ) -> String {
        let (have, need) = (self.minutes(available), self.minutes(needed));
        match self.0 {
            Lang::De => {
                let verb = if one { "hat" } else { "haben" };
                format!(
                    "{names} {verb} {have} von {a} in {venue_a} bis {b} in {venue_b}; der Weg dauert {need}"
                )
            }
            Lang::En => {
                let verb = if one { "has" } else { "have" };
                format!(
                    "{names} {verb} {have} from {a} at {venue_a} to {b} at {venue_b}; the way takes {need}"
                )
            }
            Lang::Zh => {
                format!("{names}从{venue_a}的{a}到{venue_b}的{b}只有{have}，路程需要{need}")
            }
        }
    }

    /// The first line of a check's report.
    pub fn check_summary(self, conflicts: usize, tentative: usize) -> String {
        match (self.0, conflicts + tentative) {
            (Lang::De, 0) => "Keine Konflikte".into(),
            (Lang::En, 0) => "no conflicts".into(),
            (Lang::Zh, 0) => "没有冲突".into(),
            (Lang::De, _) => format!(
                "{conflicts} {}, {tentative} mit vorläufigen Programmpunkten",
                if conflicts == 1 {
                    "Konflikt"
                } else {
                    "Konflikte"
                }
            ),
            (Lang::En, _) => {
                format!("{conflicts} conflict(s), {tentative} involving tentative items")
            }
            (Lang::Zh, _) => format!("{conflicts}个冲突，{tentative}个涉及待定日程"),
        }
    }

    /// How firm a warning is, as one word.
    pub fn severity(self, severity: crate::conflict::Severity) -> &'static str {
        use crate::conflict::Severity::*;
        match (self.0, severity) {
            (Lang::De, Conflict) => "Konflikt",
            (Lang::De, Tentative) => "vorläufig",
            (Lang::En, Conflict) => "conflict",
            (Lang::En, Tentative) => "tentative",
            (Lang::Zh, Conflict) => "冲突",
            (Lang::Zh, Tentative) => "待定",
        }
    }

    /// What is wrong with a field, as the sentence beside it (its subject is
    /// the field: "must not be empty").
    pub fn problem(self, p: &Problem) -> String {
        use Problem::*;
        let l = self.0;
        let pick = |de: String, en: String, zh: String| match l {
            Lang::De => de,
            Lang::En => en,
            Lang::Zh => zh,
        };
        match p {
            Empty => pick(
                "darf nicht leer sein".into(),
                "must not be empty".into(),
                "不得为空".into(),
            ),
            TooLong { len, max } => pick(
                format!("ist {len} Zeichen lang; höchstens {max} sind erlaubt"),
                format!("is {len} characters long; at most {max} are allowed"),
                format!("长度为{len}个字符；最多允许{max}个"),
            ),
            EdgeSpaces => pick(
                "darf nicht mit Leerzeichen beginnen oder enden".into(),
                "must not begin or end with spaces".into(),
                "开头或结尾不得有空格".into(),
            ),
            LineBreak { at } => pick(
                format!("enthält an Stelle {at} einen Zeilenumbruch"),
                format!("contains a line break at position {at}"),
                format!("第{at}个字符处含有换行符"),
            ),
            ControlCharacter { character, at } => pick(
                format!("enthält an Stelle {at} das Steuerzeichen {character}"),
                format!("contains the control character {character} at position {at}"),
                format!("第{at}个字符处含有控制字符{character}"),
            ),
            LineSeparator { character, at } => pick(
                format!("enthält an Stelle {at} den Zeilentrenner {character}; bitte einen gewöhnlichen Zeilenumbruch verwenden (nur in Notizen erlaubt)"),
                format!("contains the line separator {character} at position {at}; use an ordinary line break (allowed in notes only)"),
                format!("第{at}个字符处含有行分隔符{character}；请使用普通换行（仅备注中允许）"),
            ),
            DirectionOverride { character, at } => pick(
                format!("enthält an Stelle {at} die Schreibrichtungs-Umschaltung {character}"),
                format!("contains the text-direction override {character} at position {at}"),
                format!("第{at}个字符处含有文字方向控制符{character}"),
            ),
            Markup { tag } => pick(
                format!("enthält Auszeichnungen ({tag}); bitte reinen Text eingeben"),
                format!("contains markup ({tag}); enter plain text"),
                format!("含有标记（{tag}）；请输入纯文本"),
            ),
            DateOutsideWindow {
                date,
                earliest,
                latest,
            } => pick(
                format!(
                    "{date} liegt außerhalb der Daten, mit denen dplan plant ({earliest}-01-01 bis {latest}-12-31)"
                ),
                format!(
                    "{date} is outside the dates dplan plans with ({earliest}-01-01 to {latest}-12-31)"
                ),
                format!("{date}超出了dplan可规划的日期范围（{earliest}-01-01至{latest}-12-31）"),
            ),
            BirthDateOutsideWindow { earliest, latest } => pick(
                format!(
                    "liegt außerhalb der Daten, die dplan annimmt ({earliest}-01-01 bis {latest}-12-31)"
                ),
                format!("is outside the dates dplan accepts ({earliest}-01-01 to {latest}-12-31)"),
                format!("超出了dplan接受的日期范围（{earliest}-01-01至{latest}-12-31）"),
            ),
            TimeInGap { local, zone } => self.local_time(&LocalTimeError::Gap {
                local: local.clone(),
                zone: zone.clone(),
            }),
            TimeAmbiguous { local, zone } => self.local_time(&LocalTimeError::Ambiguous {
                local: local.clone(),
                zone: zone.clone(),
            }),
            EndNotAfterStart => pick(
                "muss nach dem Beginn liegen".into(),
                "must be after the start".into(),
                "必须晚于开始时间".into(),
            ),
            ItemTooLong { hours } => pick(
                format!(
                    "ein Programmpunkt dauert höchstens {hours} Stunden; für längere einen ganztägigen anlegen"
                ),
                format!("an item may last at most {hours} hours; use an all-day item for longer"),
                format!("日程最长{hours}小时；更长的请设为全天日程"),
            ),
            LastDayBeforeFirstDay => pick(
                "darf nicht vor dem ersten Tag liegen".into(),
                "must not be before the first day".into(),
                "不得早于第一天".into(),
            ),
            AllDayItemTooLong { days } => pick(
                format!(
                    "ein ganztägiger Programmpunkt dauert höchstens {days} Tage, so lange wie ein Besuch"
                ),
                format!("an all-day item may last at most {days} days, as long as a visit"),
                format!("全天日程最长{days}天，与一次访问相同"),
            ),
            VisitTooLong { days } => pick(
                format!("ein Besuch dauert höchstens {days} Tage"),
                format!("a visit may last at most {days} days"),
                format!("一次访问最长{days}天"),
            ),
            TooManyContacts { max } => pick(
                format!("höchstens {max} Kontakte je Besuch"),
                format!("at most {max} contacts per visit"),
                format!("每次访问最多{max}个联系方式"),
            ),
            SamePersonTwice => pick(
                "nennt dieselbe Person zweimal".into(),
                "names the same person twice".into(),
                "重复列出同一人".into(),
            ),
            PrecedenceBelowOne => pick(
                "muss 1 oder mehr sein".into(),
                "must be 1 or more".into(),
                "必须为1或更大".into(),
            ),
            DepartureNotAfterArrival => pick(
                "muss nach der Ankunft liegen".into(),
                "must be after the arrival".into(),
                "必须晚于抵达时间".into(),
            ),
            PassportNumber => pick(
                "muss aus 1 bis 20 Buchstaben und Ziffern bestehen".into(),
                "must be 1 to 20 letters and digits".into(),
                "须为1至20位字母和数字".into(),
            ),
            Email { value } => pick(
                format!("„{value}“ ist keine E-Mail-Adresse"),
                format!("`{value}` is not an e-mail address"),
                format!("“{value}”不是电子邮件地址"),
            ),
            Phone { value } => pick(
                format!(
                    "„{value}“ ist keine Telefonnummer (nur Ziffern, Leerzeichen und + - / ( ))"
                ),
                format!("`{value}` is not a phone number (digits, spaces and + - / ( ) only)"),
                format!("“{value}”不是电话号码（只能包含数字、空格和 + - / ( )）"),
            ),
            LanguageCode { value } => pick(
                format!("„{value}“ ist kein Sprachkürzel wie de, en oder zh"),
                format!("`{value}` is not a language code such as de, en or zh"),
                format!("“{value}”不是语言代码（如 de、en 或 zh）"),
            ),
            TravelTooLong { minutes } => pick(
                format!("darf höchstens {minutes} Minuten betragen"),
                format!("must be at most {minutes} minutes"),
                format!("最多{minutes}分钟"),
            ),
            SameVenueTwice => pick(
                "muss ein anderer Ort als der Ausgangsort sein".into(),
                "must be another venue than the start".into(),
                "必须与出发地点不同".into(),
            ),
            VenuePairTwice => pick(
                "dieses Ortspaar ist zweimal aufgeführt".into(),
                "this pair of venues is listed twice".into(),
                "该地点组合重复列出".into(),
            ),
            AppearsTwice { id } => pick(
                format!("{id} kommt zweimal vor"),
                format!("{id} appears twice"),
                format!("{id}出现了两次"),
            ),
            BelongsToAnotherVisit => pick(
                "gehört zu einem anderen Besuch".into(),
                "belongs to another visit".into(),
                "属于另一次访问".into(),
            ),
            NotAmongFilePersons { id } => pick(
                format!("{id} ist nicht unter den Personen der Datei"),
                format!("{id} is not among the file's persons"),
                format!("{id}不在文件的人员中"),
            ),
            NotAmongFileVenues { id } => pick(
                format!("{id} ist nicht unter den Orten der Datei"),
                format!("{id} is not among the file's venues"),
                format!("{id}不在文件的地点中"),
            ),
            TakesPartTwice => pick(
                "nimmt zweimal teil".into(),
                "takes part twice".into(),
                "重复参加".into(),
            ),
            NotAParticipant { id } => pick(
                format!("{id} nimmt an diesem Besuch nicht teil"),
                format!("{id} is not a participant of the visit"),
                format!("{id}不是本次访问的参与者"),
            ),
            PersonNotAParticipant => pick(
                "nimmt an diesem Besuch nicht teil".into(),
                "is not a participant of this visit".into(),
                "不是本次访问的参与者".into(),
            ),
            VenueUnused => pick(
                "kein Programmpunkt dieses Besuchs nutzt ihn".into(),
                "no programme item of this visit uses it".into(),
                "本次访问没有日程使用该地点".into(),
            ),
            CannotMoveDates { first_day } => pick(
                format!("die Tage des Besuchs lassen sich nicht auf {first_day} verschieben"),
                format!("the visit's dates cannot be moved to {first_day}"),
                format!("访问日期无法移至{first_day}"),
            ),
            CannotMoveItem { days } => pick(
                format!("der Programmpunkt lässt sich nicht um {days} Tage verschieben"),
                format!("the item cannot be moved by {days} days"),
                format!("日程无法移动{days}天"),
            ),
            ItemOfAnotherVisit { id, visit } => pick(
                format!("Programmpunkt {id} gehört zu einem anderen Besuch ({visit})"),
                format!("item {id} belongs to another visit ({visit})"),
                format!("日程{id}属于另一次访问（{visit}）"),
            ),
            ItemCannotMoveVisit => pick(
                "ein Programmpunkt kann nicht in einen anderen Besuch wechseln".into(),
                "an item cannot move to another visit".into(),
                "日程不能移至另一次访问".into(),
            ),
            OrderIncomplete => pick(
                "muss jede teilnehmende Person dieser Seite genau einmal nennen".into(),
                "must list every participant of that side exactly once".into(),
                "必须恰好列出该方每位参与者一次".into(),
            ),
            NoSuchPerson { id } => pick(
                format!("keine Person {id}"),
                format!("no person {id}"),
                format!("没有人员{id}"),
            ),
            NoSuchVenue { id } => pick(
                format!("kein Ort {id}"),
                format!("no venue {id}"),
                format!("没有地点{id}"),
            ),
            PersonMismatch => pick(
                "passt nicht zur neuen Person".into(),
                "does not match the new person".into(),
                "与新人员不符".into(),
            ),
            ExistsAlready { what, id } => {
                let [de, en, zh] = match what.as_str() {
                    "visit" => ["Besuch", "visit", "访问"],
                    "person" => ["Person", "person", "人员"],
                    "venue" => ["Ort", "venue", "地点"],
                    _ => ["Programmpunkt", "programme item", "日程"],
                };
                pick(
                    format!("{de} {id} gibt es schon"),
                    format!("{en} {id} exists already"),
                    format!("{zh}{id}已存在"),
                )
            }
            PersonIdTaken { row, id } => pick(
                format!("Zeile {row}: Person {id} gibt es schon unter einem anderen Namen"),
                format!("row {row}: person id {id} exists already with another name"),
                format!("第{row}行：人员{id}已以其他姓名存在"),
            ),
            AlreadyTakesPart => pick(
                "Die Person nimmt an diesem Besuch schon teil".into(),
                "the person takes part in this visit already".into(),
                "此人已参加本次访问".into(),
            ),
            PersonInVisits { visits } => pick(
                match visits {
                    1 => "Die Person nimmt an einem Besuch teil; zuerst dort entfernen".into(),
                    n => format!("Die Person nimmt an {n} Besuchen teil; zuerst dort entfernen"),
                },
                format!("the person takes part in {visits} visit(s); remove them from those first"),
                format!("此人参加了{visits}次访问；请先从中移除"),
            ),
            VenueInUse { items } => pick(
                match items {
                    1 => "Ein Programmpunkt nutzt den Ort; zuerst ihn ändern".into(),
                    n => format!("{n} Programmpunkte nutzen den Ort; zuerst sie ändern"),
                },
                format!("the venue is used by {items} programme item(s); change them first"),
                format!("有{items}项日程使用该地点；请先修改这些日程"),
            ),
            NotInVisit { id } => pick(
                format!("Die Person {id} nimmt an diesem Besuch nicht teil und ist für keinen seiner Programmpunkte zuständig"),
                format!("the person {id} takes no part in this visit and is responsible for none of its items"),
                format!("人员{id}未参加此次访问，也不负责任何日程"),
            ),
            NoItemsYet => pick(
                "Nichts zu exportieren: der Besuch hat noch keine Programmpunkte".into(),
                "nothing to export: the visit has no programme items yet".into(),
                "没有可导出的内容：此次访问尚无日程".into(),
            ),
            GuestEditionLeavesAllOut => pick(
                "Nichts zu exportieren: die Gästefassung lässt jeden Programmpunkt dieser Auswahl aus (Aufgaben des Personals, abgesagte und vorläufige Punkte); bitte die interne Fassung wählen".into(),
                "nothing to export: the guest edition leaves out every item of this selection (staff duties, cancelled and tentative items); choose the internal edition".into(),
                "没有可导出的内容：宾客版不含此选择中的任何日程（工作人员任务、已取消和待定的日程）；请选择内部版".into(),
            ),
            AttendsNothing { name } => pick(
                format!("Nichts zu exportieren: {name} nimmt an keinem Programmpunkt dieses Besuchs teil"),
                format!("nothing to export: {name} attends no item of this visit"),
                format!("没有可导出的内容：{name}未参加此次访问的任何日程"),
            ),
            ResponsibleForNothing { name } => pick(
                format!("Nichts zu exportieren: {name} ist für keinen Programmpunkt dieses Besuchs zuständig"),
                format!("nothing to export: {name} is responsible for no item of this visit"),
                format!("没有可导出的内容：{name}不负责此次访问的任何日程"),
            ),
            ItemNotExportable { title, reason } => {
                let reason = self.problem(reason);
                pick(
                    format!("„{title}“ kann nicht exportiert werden: {reason}"),
                    format!("„{title}“ cannot be exported: {reason}"),
                    format!("“{title}”无法导出：{reason}"),
                )
            }
            ReminderTooLong { minutes, max } => pick(
                format!("Eine Erinnerung {minutes} Minuten vorher ist mehr als zwei Wochen ({max} Minuten)"),
                format!("a reminder of {minutes} minutes is more than two weeks ({max} minutes)"),
                format!("提前{minutes}分钟的提醒超过两周（{max}分钟）"),
            ),
            ItineraryLanguages { asked } => pick(
                format!("Ein Reiseplan hat eine oder zwei Sprachen, jede einmal; gewählt wurden {asked}"),
                format!("an itinerary has one or two languages, each once; {asked} were chosen"),
                format!("行程单使用一种或两种语言，每种一次；所选为{asked}种"),
            ),
            NoCjkFont { looked } => pick(
                format!("Es ist keine Schrift für Chinesisch installiert (gesucht: {looked}); unter Debian: apt install fonts-noto-cjk"),
                format!("no font for Chinese is installed (looked for {looked}); on Debian: apt install fonts-noto-cjk"),
                format!("未安装中文字体（已查找：{looked}）；Debian 上请运行：apt install fonts-noto-cjk"),
            ),
            NotAServerAddress { value } => pick(
                format!("„{value}“ ist keine Adresse eines Kalenderservers: sie muss mit https:// (oder http://) beginnen"),
                format!("„{value}“ is not a calendar server address: it must begin with https:// (or http://)"),
                format!("“{value}”不是日历服务器地址：必须以 https://（或 http://）开头"),
            ),
            AddressNamesNoServer => pick(
                "Die Adresse nennt keinen Server".into(),
                "the address names no server".into(),
                "该地址未指明服务器".into(),
            ),
            AddressWithLogin => pick(
                "Die Adresse darf weder Benutzernamen noch Passwort enthalten; beide werden getrennt angegeben".into(),
                "the address must not contain a user name or password; give them separately".into(),
                "地址中不得包含用户名或密码；请分别填写".into(),
            ),
            NotACollectionAddress { value } => pick(
                format!("„{value}“ ist keine Sammlungsadresse (keine Leerzeichen, ? oder #)"),
                format!("„{value}“ is not a collection address (no spaces, ? or #)"),
                format!("“{value}”不是日历集合地址（不得含空格、? 或 #）"),
            ),
            NotAWebAddress { value } => pick(
                format!("„{value}“ ist keine Webadresse: sie muss mit https:// (oder http://) beginnen und den Server nennen"),
                format!("„{value}“ is not a web address: it must begin with https:// (or http://) and name the server"),
                format!("“{value}”不是网址：必须以 https://（或 http://）开头并指明服务器"),
            ),
            NoPublishTarget => pick(
                "Noch kein Ziel zum Veröffentlichen: bitte die Adresse eines Kalenderservers oder einen Ordner für Abonnements angeben".into(),
                "no place to publish to yet: give a calendar server address or a folder for subscription feeds".into(),
                "尚无发布位置：请填写日历服务器地址或订阅文件夹".into(),
            ),
            NotAFolder { path } => pick(
                format!("{path} ist kein Ordner"),
                format!("{path} is not a folder"),
                format!("{path}不是文件夹"),
            ),
            NoSuchCalendar { name, calendars } => pick(
                format!("„{name}“ ist kein Kalender dieses Besuchs; es gibt: {calendars}"),
                format!("„{name}“ names no calendar of this visit; they are: {calendars}"),
                format!("“{name}”不是此次访问的日历；现有：{calendars}"),
            ),
            FeedNotRemoved { file, folder, reason } => pick(
                format!("Das gesperrte Abonnement {file} konnte nicht aus {folder} entfernt werden: {reason}"),
                format!("the revoked feed {file} could not be removed from {folder}: {reason}"),
                format!("已撤销的订阅{file}无法从{folder}中删除：{reason}"),
            ),
            PublishInProgress { who, until } => {
                let until = until.get(11..16).unwrap_or(until);
                pick(
                    format!("Die Kalender dieses Besuchs werden gerade veröffentlicht ({who}); bitte danach erneut versuchen (spätestens {until} UTC)"),
                    format!("this visit's calendars are being published right now ({who}); try again afterwards (at the latest {until} UTC)"),
                    format!("此次访问的日历正在发布中（{who}）；请稍后再试（最迟 UTC {until}）"),
                )
            }
            VisitCalendarsPublished => pick(
                "Die Kalender dieses Besuchs sind veröffentlicht: zuerst zurückziehen (in der App unter „Kalender veröffentlichen …“, sonst dplan publish --withdraw), dann löschen".into(),
                "this visit's calendars are published: withdraw them first (in the app under “Publish calendars …”, or dplan publish --withdraw), then delete it".into(),
                "此次访问的日历已发布：请先撤回（在应用程序的“发布日历…”中，或使用 dplan publish --withdraw），再删除".into(),
            ),
            CalendarPasswordNeeded => pick(
                "Der Kalenderserver braucht das Passwort; die App behält es nur, bis sie geschlossen wird".into(),
                "the calendar server needs the password; the app keeps it only until it closes".into(),
                "日历服务器需要密码；应用程序仅在关闭前保留密码".into(),
            ),
            CalendarLoginRefused { url } => pick(
                format!("Der Kalenderserver hat die Anmeldung abgelehnt ({url}): bitte Benutzernamen und Passwort prüfen"),
                format!("the calendar server refused the login ({url}): check the user name and password"),
                format!("日历服务器拒绝登录（{url}）：请检查用户名和密码"),
            ),
            CalendarForbidden { url } => pick(
                format!("Der Kalenderserver verweigert diesem Benutzer den Zugriff auf {url}: die Rechte auf dem Server müssen das Schreiben erlauben"),
                format!("the calendar server denies this user access to {url}: the rights on the server must allow writing there"),
                format!("日历服务器拒绝该用户访问{url}：服务器上的权限须允许写入"),
            ),
            CalendarUnreachable { url, reason } => pick(
                format!("Der Kalenderserver ist unter {url} nicht erreichbar: {reason}"),
                format!("the calendar server cannot be reached at {url}: {reason}"),
                format!("无法连接日历服务器{url}：{reason}"),
            ),
            CalendarServerAnswer { method, url, status, answer } => pick(
                format!("Der Kalenderserver antwortete auf {method} {url} mit HTTP {status}: {answer}"),
                format!("the calendar server answered HTTP {status} to {method} {url}: {answer}"),
                format!("日历服务器对 {method} {url} 返回 HTTP {status}：{answer}"),
            ),
            ChangedConcurrently => pick(
                "Jemand anderes hat dieselben Daten im selben Moment geändert; Ihre Änderung wurde nicht gespeichert. Bitte neu laden und erneut versuchen".into(),
                "someone else changed the same records at the same moment; your change was not saved. Reload and try again".into(),
                "其他人同时修改了相同的数据；您的修改未保存。请重新加载后再试".into(),
            ),
            CopyTargetNotEmpty { database } => pick(
                format!("{database} enthält schon Daten: kopiert wird nur in eine leere Datenbank oder eine neue Datei"),
                format!("{database} holds data already: dplan copies only into an empty database or a new file"),
                format!("{database} 中已有数据：只能复制到空数据库或新文件中"),
            ),
            NotADatabaseAddress { value, reason } => pick(
                format!("„{value}“ ist weder eine PostgreSQL-Adresse (postgres://benutzer@server/datenbank) noch ein Dateipfad: {reason}"),
                format!("“{value}” is neither a PostgreSQL address (postgres://user@server/database) nor a file path: {reason}"),
                format!("“{value}”既不是 PostgreSQL 地址（postgres://用户@服务器/数据库）也不是文件路径：{reason}"),
            ),
            DatabasePasswordInAddress => pick(
                "Das Passwort gehört nicht in die gespeicherte Adresse: bei der Verbindung eingeben oder in ~/.pgpass hinterlegen".into(),
                "the password does not belong in the saved address: enter it when connecting or put it in ~/.pgpass".into(),
                "密码不应保存在地址中：请在连接时输入，或保存在 ~/.pgpass 中".into(),
            ),
            DatabasePasswordNeeded { database } => pick(
                format!("Die Team-Datenbank {database} braucht ein Passwort: bitte eingeben (die App behält es nur, bis sie geschlossen wird) oder in der Passwortdatei von PostgreSQL (~/.pgpass) hinterlegen"),
                format!("the team database {database} needs a password: enter it (the app keeps it only until it closes) or put it in PostgreSQL's password file (~/.pgpass)"),
                format!("团队数据库 {database} 需要密码：请输入（应用程序仅在关闭前保留密码）或将其保存在 PostgreSQL 的密码文件（~/.pgpass）中"),
            ),
            DatabaseLoginRefused { database } => pick(
                format!("Der Datenbankserver hat die Anmeldung abgelehnt ({database}): bitte Benutzernamen und Passwort prüfen"),
                format!("the database server refused the login ({database}): check the user name and password"),
                format!("数据库服务器拒绝登录（{database}）：请检查用户名和密码"),
            ),
            DatabaseUnreachable { database, reason } => pick(
                format!("Der Datenbankserver ist nicht erreichbar ({database}): {reason}"),
                format!("the database server cannot be reached ({database}): {reason}"),
                format!("无法连接数据库服务器（{database}）：{reason}"),
            ),
            PurgeBeforeVisitOver => pick(
                "Personenbezogene Daten werden erst nach dem Besuch gelöscht: zuerst als abgeschlossen (oder abgesagt) markieren".into(),
                "personal data is removed only after a visit is over: mark it completed (or cancelled) first".into(),
                "访问结束后才能删除个人数据：请先将其标记为已结束（或已取消）".into(),
            ),
            SameAsRow { row } => pick(
                format!(
                    "nennt dieselbe Person wie Zeile {row} (gleicher Name und gleiche Organisation)"
                ),
                format!("lists the same person as row {row} (same name and organisation)"),
                format!("与第{row}行为同一人（姓名和单位相同）"),
            ),
        }
    }

    /// The heading of a report of texts printed untranslated.
    pub fn missing_translations(self, n: usize) -> String {
        match (self.0, n) {
            (Lang::De, 1) => {
                "1 Text hat keine Übersetzung und erscheint in einer anderen Sprache:".into()
            }
            (Lang::De, n) => format!(
                "{n} Texte haben keine Übersetzung und erscheinen in einer anderen Sprache:"
            ),
            (Lang::En, 1) => "1 text has no translation and is printed in another language:".into(),
            (Lang::En, n) => {
                format!("{n} texts have no translation and are printed in another language:")
            }
            (Lang::Zh, n) => format!("{n}处文字没有译文，将以其他语言印出："),
        }
    }

    /// One line of that report: „Empfang“ – Hinweise für Gäste – Chinesisch.
    pub fn missing_translation(self, m: &crate::MissingTranslation) -> String {
        format!(
            "{} – {} – {}",
            self.quoted(&m.what),
            words::pick(self.0, words::text_field_word(m.field)),
            words::pick(self.0, words::lang_word(m.lang))
        )
    }
}
