import { describe, expect, it } from "vitest";
import { countWarnings, personNames, warningsByItem, worstSeverity } from "./check";
import type { VisitView, Warning } from "./api/types";

const warning = (severity: Warning["severity"], items: string[]): Warning => ({
  kind: "venue_double_booked",
  severity,
  items,
  visits: ["v"],
  persons: [],
  venue: null,
  overlap_minutes: 30,
  needed_minutes: null,
  available_minutes: null,
  message: "",
});

describe("check", () => {
  const a = warning("tentative", ["x", "y"]);
  const b = warning("conflict", ["y", "z"]);

  it("files each warning under every item it names, in the check's order", () => {
    const byItem = warningsByItem([a, b]);
    expect([...byItem.keys()]).toEqual(["x", "y", "z"]);
    expect(byItem.get("y")).toEqual([a, b]);
    expect(byItem.get("x")).toEqual([a]);
  });

  it("counts and ranks severities: one conflict outweighs any tentative warning", () => {
    expect(countWarnings([a, b, a])).toEqual({ conflicts: 1, tentative: 2 });
    expect(worstSeverity([a])).toBe("tentative");
    expect(worstSeverity([a, b])).toBe("conflict");
  });

  it("names participants first, then staff known only from the items", () => {
    const view = {
      participants: [{ person_id: "p1", name: "刘强 Liu Qiang" }],
      programme: [
        { attendees: [{ person_id: "p1", name: "Liu Qiang" }], responsible: [{ person_id: "s1", name: "Jonas Weber" }] },
      ],
    } as unknown as VisitView;
    expect([...personNames(view)]).toEqual([
      ["p1", "刘强 Liu Qiang"],
      ["s1", "Jonas Weber"],
    ]);
  });
});
