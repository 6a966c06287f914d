import { describe, expect, it } from "vitest";
import { countWarnings, personChoices, personNames, warningsByItem, worstSeverity } from "./check";
import type { VisitView, Warning } from "./api/types";
import { visitWithStaff } from "./test-fixtures";

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

  it("offers the participants in precedence, then staff, then the programme's person if the visit names them nowhere", () => {
    const view = visitWithStaff();
    const everyone = [
      { id: "p-liu", name: "刘强 Liu Qiang" },
      { id: "p-berger", name: "Dr. Anna Berger" },
      { id: "p-weber", name: "Jonas Weber" },
    ];
    expect(personChoices(view, "", "Unbekannte Person")).toEqual(everyone);
    expect(personChoices(view, "p-weber", "Unbekannte Person")).toEqual(everyone);
    expect(personChoices(view, "p-gone", "Unbekannte Person")).toEqual([...everyone, { id: "p-gone", name: "Unbekannte Person" }]);
    expect(personChoices({ ...view, participants: [], programme: [] }, "", "?")).toEqual([]);
  });
});
