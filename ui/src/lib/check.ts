// What the programme view makes of the conflict check's warnings: which
// items carry one, how many of each severity there are, and the names of
// the people a warning mentions only by id.
import type { ItemId, PersonId, Severity, VisitView, Warning } from "./api/types";
import { i18n } from "./i18n.svelte";

/** The warnings of each item they name, in the check's order (by time). */
export function warningsByItem(warnings: Warning[]): Map<ItemId, Warning[]> {
  const byItem = new Map<ItemId, Warning[]>();
  for (const w of warnings) {
    for (const id of w.items) byItem.set(id, [...(byItem.get(id) ?? []), w]);
  }
  return byItem;
}

/** "conflict" if any of the warnings is one; a tentative item only makes them `tentative`. */
export function worstSeverity(warnings: Warning[]): Severity {
  return warnings.some((w) => w.severity === "conflict") ? "conflict" : "tentative";
}

export function countWarnings(warnings: Warning[]): { conflicts: number; tentative: number } {
  const conflicts = warnings.filter((w) => w.severity === "conflict").length;
  return { conflicts, tentative: warnings.length - conflicts };
}

/** "2 Konflikte", "1 unter Vorbehalt", or "Keine Konflikte", each with the tone it is shown in. */
export function warningSummary(warnings: Warning[]): { tone: "none" | Severity; text: string }[] {
  const { conflicts, tentative } = countWarnings(warnings);
  if (conflicts + tentative === 0) return [{ tone: "none", text: i18n.t("noConflicts") }];
  const parts: { tone: Severity; text: string }[] = [];
  if (conflicts > 0) {
    parts.push({ tone: "conflict", text: conflicts === 1 ? i18n.t("conflictsOne") : i18n.fill("conflictsMany", { n: conflicts }) });
  }
  if (tentative > 0) parts.push({ tone: "tentative", text: i18n.fill("tentativeCount", { n: tentative }) });
  return parts;
}

/**
 * The name of every person the visit shows: its participants, and the staff
 * who are responsible for items without taking part.
 */
export function personNames(view: VisitView): Map<PersonId, string> {
  const names = new Map<PersonId, string>();
  for (const p of view.participants) names.set(p.person_id, p.name);
  for (const item of view.programme) {
    for (const r of [...item.attendees, ...item.responsible]) {
      if (!names.has(r.person_id)) names.set(r.person_id, r.name);
    }
  }
  return names;
}

/**
 * Whom a panel offers to export or print for: the people of `personNames`
 * (participants in precedence, then staff responsible for items without
 * taking part), and `chosen`, the person the programme shows, as `unknown`
 * if the visit names them nowhere.
 */
export function personChoices(view: VisitView, chosen: PersonId | "", unknown: string): { id: PersonId; name: string }[] {
  const names = personNames(view);
  if (chosen && !names.has(chosen)) names.set(chosen, unknown);
  return [...names].map(([id, name]) => ({ id, name }));
}
