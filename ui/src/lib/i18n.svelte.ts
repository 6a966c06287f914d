// German first, English second. Dates and times are formatted in the
// chosen locale; times are shown in the item's own zone, never converted.
import type { Lang, Texts } from "./api/types";

export type UiLang = "de" | "en";

const strings = {
  de: {
    appTitle: "Delegation Planner",
    visits: "Besuche",
    search: "Suchen …",
    allStatuses: "Alle Status",
    allDirections: "Alle Richtungen",
    incoming: "Empfang in Herne",
    outgoing: "Reise nach",
    planning: "In Planung",
    confirmed: "Bestätigt",
    completed: "Abgeschlossen",
    cancelled: "Abgesagt",
    tentative: "Vorläufig",
    noVisits: "Noch keine Besuche.",
    emptyOffer: "Die Datenbank ist leer. Sollen die Demo-Besuche (Luzhou ↔ Herne) geladen werden?",
    loadDemo: "Demo-Besuche laden",
    loading: "Wird geladen …",
    back: "Zurück",
    guests: "Gäste",
    hosts: "Gastgeber",
    programme: "Programm",
    participants: "Teilnehmende",
    overview: "Überblick",
    days: "Tage",
    items: "Programmpunkte",
    allDay: "ganztägig",
    attendees: "Teilnehmende",
    responsible: "Verantwortlich",
    database: "Datenbank",
    head_of_delegation: "Delegationsleitung",
    member: "Mitglied",
    interpreter: "Dolmetschen",
    host: "Gastgeber",
    staff: "Organisation",
    driver: "Fahrdienst",
    press: "Presse",
    language: "English",
    required: "Pflichtfeld",
    newVisit: "Neuer Besuch",
    titleDe: "Titel (deutsch)",
    titleEn: "Titel (englisch)",
    titleZh: "Titel (chinesisch)",
    direction: "Richtung",
    partnerCity: "Partnerstadt",
    firstDay: "Erster Tag",
    lastDay: "Letzter Tag",
    timeZone: "Zeitzone",
    status: "Status",
    hostOrganisations: "Gastgebende Organisationen (eine je Zeile)",
    notes: "Notizen",
    cancel: "Abbrechen",
    save: "Speichern",
    addParticipant: "Person hinzufügen",
    familyName: "Familienname",
    givenName: "Vorname",
    nameZh: "Name in Schriftzeichen",
    academicTitle: "Akademischer Titel",
    officialTitle: "Amtsbezeichnung",
    organisation: "Organisation",
    side: "Seite",
    role: "Rolle",
    addItem: "Programmpunkt hinzufügen",
    kind: "Art",
    start: "Beginn",
    end: "Ende",
    venue: "Ort",
    deleteVisit: "Besuch löschen",
    confirmDelete: "Wirklich löschen? Programm und Teilnahmen gehen verloren.",
    reception: "Empfang",
    meeting: "Gespräch",
    meal: "Essen",
    visit: "Besichtigung",
    signing: "Unterzeichnung",
    transfer: "Transfer",
    flight: "Flug",
    hotel: "Hotel",
    free_time: "Freizeit",
  },
  en: {
    appTitle: "Delegation Planner",
    visits: "Visits",
    search: "Search …",
    allStatuses: "All statuses",
    allDirections: "All directions",
    incoming: "Incoming to Herne",
    outgoing: "Outgoing to",
    planning: "Planning",
    confirmed: "Confirmed",
    completed: "Completed",
    cancelled: "Cancelled",
    tentative: "Tentative",
    noVisits: "No visits yet.",
    emptyOffer: "The database is empty. Load the demo visits (Luzhou ↔ Herne)?",
    loadDemo: "Load demo visits",
    loading: "Loading …",
    back: "Back",
    guests: "Guests",
    hosts: "Hosts",
    programme: "Programme",
    participants: "Participants",
    overview: "Overview",
    days: "days",
    items: "programme items",
    allDay: "all day",
    attendees: "Attendees",
    responsible: "Responsible",
    database: "Database",
    head_of_delegation: "Head of delegation",
    member: "Member",
    interpreter: "Interpreter",
    host: "Host",
    staff: "Staff",
    driver: "Driver",
    press: "Press",
    language: "Deutsch",
    required: "Required",
    newVisit: "New visit",
    titleDe: "Title (German)",
    titleEn: "Title (English)",
    titleZh: "Title (Chinese)",
    direction: "Direction",
    partnerCity: "Partner city",
    firstDay: "First day",
    lastDay: "Last day",
    timeZone: "Time zone",
    status: "Status",
    hostOrganisations: "Host organisations (one per line)",
    notes: "Notes",
    cancel: "Cancel",
    save: "Save",
    addParticipant: "Add person",
    familyName: "Family name",
    givenName: "Given name",
    nameZh: "Name in characters",
    academicTitle: "Academic title",
    officialTitle: "Official title",
    organisation: "Organisation",
    side: "Side",
    role: "Role",
    addItem: "Add programme item",
    kind: "Kind",
    start: "Start",
    end: "End",
    venue: "Venue",
    deleteVisit: "Delete visit",
    confirmDelete: "Really delete? The programme and participants will be lost.",
    reception: "Reception",
    meeting: "Meeting",
    meal: "Meal",
    visit: "Visit",
    signing: "Signing",
    transfer: "Transfer",
    flight: "Flight",
    hotel: "Hotel",
    free_time: "Free time",
  },
} as const;

export type Key = keyof (typeof strings)["de"];

class I18n {
  lang = $state<UiLang>("de");
  t = (key: Key): string => strings[this.lang][key];
  /** The text in the UI language, else German, English, Chinese. */
  text = (t: Texts | null | undefined): string => {
    if (!t) return "";
    const order: Lang[] = this.lang === "de" ? ["de", "en", "zh"] : ["en", "de", "zh"];
    for (const l of order) {
      const v = t[l];
      if (v && v.trim()) return v;
    }
    return "";
  };
  /** A calendar date ("2027-03-24") as "Mi., 24. März 2027". */
  day = (iso: string): string => {
    const [y, m, d] = iso.split("-").map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return new Intl.DateTimeFormat(this.lang === "de" ? "de-DE" : "en-GB", {
      weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
    }).format(date);
  };
}

export const i18n = new I18n();

/** "abbreviation" German names for the zones the app shows most. */
export function zoneLabel(abbr: string | null, lang: UiLang): string {
  if (!abbr) return "";
  if (lang === "de") return ({ CEST: "MESZ", CET: "MEZ" } as Record<string, string>)[abbr] ?? abbr;
  return abbr;
}
