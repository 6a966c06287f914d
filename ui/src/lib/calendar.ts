// What the export panels (the calendar, the itinerary's PDF) share: the
// languages they offer and the suggested names of the files. Outlook, mail
// programs and Windows shares all handle plain ASCII names, so a name keeps
// only letters, digits and dashes; umlauts are spelled out the German way.

import type { Edition, Lang, PersonId, VisitView } from "./api/types";

/** The props of both export panels. */
export type ExportPanelProps = {
  view: VisitView;
  /** The person chosen in the programme ("" for everyone): preselected here. */
  person?: PersonId | "";
  onclose: () => void;
};

/** The languages an export can be in, named in their own language whatever the UI's. */
export const LANGUAGE_CHOICES = [
  { value: "de", label: "Deutsch" },
  { value: "de,zh", label: "Deutsch + 中文" },
  { value: "de,en", label: "Deutsch + English" },
  { value: "en,zh", label: "English + 中文" },
];

/** The editions a document is made in, the safe one first. */
export const EDITIONS: Edition[] = ["guest", "internal"];

/**
 * The edition a document gets until the user picks one, as `dplan` chooses
 * it (`Edition::for_reader` in dplan-core): the guest edition for the whole
 * visit ("for the delegation") and for anyone on the guest side; the
 * internal one for hosts, for staff named only as responsible, and for
 * anyone's duties.
 */
export function defaultEdition(view: VisitView, person: PersonId | null, duties = false): Edition {
  if (!person) return "guest";
  if (duties) return "internal";
  return view.participants.find((p) => p.person_id === person)?.side === "guest" ? "guest" : "internal";
}

const SPELLED: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", Ä: "Ae", Ö: "Oe", Ü: "Ue", ß: "ss" };

/** "Empfang für Gäste" → "Empfang-fuer-Gaeste"; "刘强 Liú Qiáng" → "Liu-Qiang". */
export function slug(text: string): string {
  return text
    .replace(/[äöüÄÖÜß]/g, (c) => SPELLED[c])
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * "Besuch-der-Delegation-aus-Luzhou-in-Herne-Liu-Qiang.ics" for a person's
 * own programme, "…-Jonas-Weber-Aufgaben.ics" for their duties (so the two
 * never get the same name), "programm.ics" when nothing is left; the word
 * for duties follows the UI's language.
 */
export function calendarFileName(visitTitle: string, person: string | null, duties = false, lang: "de" | "en" = "de"): string {
  const name = [visitTitle, person ?? ""].map(slug).filter(Boolean).join("-");
  const suffix = duties && person !== null ? (lang === "en" ? "Duties" : "Aufgaben") : "";
  return `${[name || (suffix ? "" : "programm"), suffix].filter(Boolean).join("-")}.ics`;
}

/**
 * "Besuch-der-Delegation-aus-Luzhou-in-Herne-Programm.pdf" for the whole
 * visit, "Besuch-der-Delegation-aus-Luzhou-in-Herne-Liu-Qiang.pdf" for one
 * person; the word for programme follows the itinerary's leading language.
 */
export function itineraryFileName(visitTitle: string, person: string | null, lead: Lang): string {
  const programme = lead === "en" ? "Programme" : "Programm";
  const name = [visitTitle, person ?? programme].map(slug).filter(Boolean).join("-");
  return `${name || programme}.pdf`;
}

/** "14:05": the reader's own clock time of an instant, for "published at". */
export function clockTime(at: string, lang: "de" | "en"): string {
  return new Date(at).toLocaleTimeString(lang === "de" ? "de-DE" : "en-GB", { hour: "2-digit", minute: "2-digit" });
}
