// The suggested names of exported files (the calendar, the itinerary's PDF).
// Outlook, mail programs and Windows shares all handle plain ASCII names, so
// a name keeps only letters, digits and dashes; umlauts are spelled out the
// German way.

import type { Lang } from "./api/types";

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

/** "Besuch-der-Delegation-aus-Luzhou-in-Herne-Liu-Qiang.ics"; "programm.ics" when nothing is left. */
export function calendarFileName(visitTitle: string, person: string | null): string {
  const name = [visitTitle, person ?? ""].map(slug).filter(Boolean).join("-");
  return `${name || "programm"}.ics`;
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
