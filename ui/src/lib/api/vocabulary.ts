// Generated from dplan-core's words.rs by `cargo test -p dplan-api --test types`.
// Do not edit by hand: change the word in Rust and rerun the test.

export const vocabulary = {
  role: {
    head_of_delegation: { de: "Delegationsleiter/in", en: "Head of delegation", zh: "团长" },
    member: { de: "Delegationsmitglied", en: "Delegation member", zh: "代表团成员" },
    interpreter: { de: "Dolmetscher/in", en: "Interpreter", zh: "翻译" },
    host: { de: "Gastgeber/in", en: "Host", zh: "东道主" },
    staff: { de: "Betreuer/in", en: "Staff", zh: "工作人员" },
    driver: { de: "Fahrer/in", en: "Driver", zh: "司机" },
    press: { de: "Pressevertreter/in", en: "Press", zh: "记者" },
  },
  side: {
    guest: { de: "Gast", en: "Guest", zh: "来宾" },
    host: { de: "Gastgeber", en: "Host", zh: "接待方" },
  },
  kind: {
    reception: { de: "Empfang", en: "Reception", zh: "招待会" },
    meeting: { de: "Gespräch", en: "Meeting", zh: "会谈" },
    meal: { de: "Essen", en: "Meal", zh: "用餐" },
    visit: { de: "Besichtigung", en: "Visit", zh: "参观" },
    signing: { de: "Unterzeichnung", en: "Signing", zh: "签约" },
    press: { de: "Pressetermin", en: "Press event", zh: "媒体活动" },
    transfer: { de: "Transfer", en: "Transfer", zh: "接送" },
    flight: { de: "Flug", en: "Flight", zh: "航班" },
    hotel: { de: "Hotel", en: "Hotel", zh: "酒店" },
    free_time: { de: "Freizeit", en: "Free time", zh: "自由活动" },
  },
  item_status: {
    tentative: { de: "Vorläufig", en: "Tentative", zh: "待定" },
    confirmed: { de: "Bestätigt", en: "Confirmed", zh: "已确认" },
    cancelled: { de: "Abgesagt", en: "Cancelled", zh: "已取消" },
  },
  visit_status: {
    planning: { de: "In Planung", en: "Planning", zh: "筹备中" },
    confirmed: { de: "Bestätigt", en: "Confirmed", zh: "已确认" },
    completed: { de: "Abgeschlossen", en: "Completed", zh: "已结束" },
    cancelled: { de: "Abgesagt", en: "Cancelled", zh: "已取消" },
  },
  contact_kind: {
    hotel: { de: "Hotel", en: "Hotel", zh: "酒店" },
    duty_phone: { de: "Bereitschaftstelefon", en: "Duty phone", zh: "值班电话" },
    consulate: { de: "Konsulat", en: "Consulate", zh: "领事馆" },
    other: { de: "Kontakt", en: "Contact", zh: "联系方式" },
  },
  text_field: {
    title: { de: "Titel", en: "Title", zh: "标题" },
    guest_notes: { de: "Hinweise für Gäste", en: "Notes for guests", zh: "来宾须知" },
    dress_code: { de: "Kleiderordnung", en: "Dress code", zh: "着装要求" },
    venue_name: { de: "Ort", en: "Venue", zh: "地点" },
    room: { de: "Raum", en: "Room", zh: "房间" },
    address_zh: { de: "Adresse in chinesischen Schriftzeichen", en: "Address in Chinese characters", zh: "中文地址" },
    contact: { de: "Kontakt", en: "Contact", zh: "联系方式" },
    position: { de: "Amtsbezeichnung", en: "Position", zh: "职务" },
    form_of_address: { de: "Anrede", en: "Form of address", zh: "称呼" },
    organisation: { de: "Organisation", en: "Organisation", zh: "单位" },
  },
  lang: {
    de: { de: "Deutsch", en: "German", zh: "德语" },
    en: { de: "Englisch", en: "English", zh: "英语" },
    zh: { de: "Chinesisch", en: "Chinese", zh: "中文" },
  },
  zone: {
    CET: { de: "MEZ", en: "CET", zh: "CET" },
    CEST: { de: "MESZ", en: "CEST", zh: "CEST" },
  },
} as const;

export type Section = keyof typeof vocabulary;
