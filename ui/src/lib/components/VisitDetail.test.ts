import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks } from "@tauri-apps/api/mocks";
import VisitDetail from "./VisitDetail.svelte";
import type { PersonProgramme, Warning } from "../api/types";
import { item, mockBackend, participant, visitView } from "../test-fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
});

const reception = item({ attendees: [{ person_id: "p-liu", name: "刘强 Liu Qiang" }] });

const view = visitView({
  participants: [
    participant({ person_id: "p-liu", name: "刘强 Liu Qiang", precedence: 1 }),
    participant({ person_id: "p-wang", name: "王芳 Wang Fang", precedence: 2 }),
  ],
  programme: [reception],
});

const warning = (severity: Warning["severity"]): Warning => ({
  kind: "before_arrival",
  severity,
  items: ["reception"],
  visits: ["visit-1"],
  persons: ["p-liu"],
  venue: null,
  overlap_minutes: null,
  needed_minutes: null,
  available_minutes: null,
  message: "刘强 Liu Qiang attends Empfang im Rathaus before arriving.",
});

const liuProgramme: PersonProgramme = {
  visit: view.visit,
  person: { person_id: "p-liu", name: "刘强 Liu Qiang" },
  participant: view.participants[0],
  programme: [{ item: reception, attends: true, responsible: false }],
};

function setup(warnings: Warning[]) {
  const calls = mockBackend({
    get_visit: () => view,
    list_purges: () => [],
    check_visit: () => warnings,
    person_programme: ({ person }) => (person === "p-liu" ? liuProgramme : null),
    itinerary_preview: () => ({
      html: `<div class="itinerary"><div class="item" data-testid="itinerary-item">Empfang</div></div>`,
      missing: [],
    }),
  });
  render(VisitDetail, { id: "visit-1", onback: () => {}, onopen: () => {} });
  return calls;
}

describe("VisitDetail", () => {
  it("publishes again after a change and says so; a visit never published stays quiet", async () => {
    let published = false;
    const calls = mockBackend({
      get_visit: () => view,
      list_purges: () => [],
      check_visit: () => [],
      reorder_participants: () => null,
      follow_calendars: () =>
        published ? { at: "2027-03-01T13:05:00Z", calendars: 4, changes: 1, requests: 1, conflicts: [], links: [], password_needed: false } : null,
    });
    render(VisitDetail, { id: "visit-1", onback: () => {}, onopen: () => {} });
    const people = await screen.findAllByTestId("participant");
    // Not published before: asked after the change, nothing shown.
    await fireEvent.click(within(people[1]).getByLabelText("Nach oben"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "follow_calendars")).toHaveLength(1));
    expect(screen.queryByTestId("calendar-follow")).toBeNull();
    // Published: the calendars follow, and the overview says when.
    published = true;
    await fireEvent.click(within(people[1]).getByLabelText("Nach oben"));
    const line = await screen.findByTestId("calendar-follow");
    expect(line.textContent).toMatch(/^Kalender folgen dem Plan · zuletzt \d\d:\d\d$/);
    // Opening the visit alone publishes nothing.
    expect(calls.filter((c) => c.cmd === "follow_calendars")).toHaveLength(2);
  });

  it("opens the publishing panel from the toolbar", async () => {
    mockBackend({
      get_visit: () => view,
      list_purges: () => [],
      check_visit: () => [],
      get_publish_settings: () => ({ caldav_url: null, caldav_user: null, folder: null, base_url: null }),
      get_calendar_names: () => false,
    });
    render(VisitDetail, { id: "visit-1", onback: () => {}, onopen: () => {} });
    const open = await screen.findByTestId("open-publish");
    expect(open.textContent).toBe("Kalender veröffentlichen …");
    await fireEvent.click(open);
    expect(await screen.findByTestId("calendar-publish")).toBeTruthy();
  });

  it("counts conflicts and tentative warnings in the overview and opens them in the programme", async () => {
    localStorage.setItem("dplan.warningsPanel", "closed");
    setup([warning("conflict"), warning("conflict"), warning("tentative")]);
    const line = await screen.findByTestId("overview-warnings");
    expect(line.textContent?.replace(/\s+/g, " ")).toContain("Prüfung: 2 Konflikte · 1 unter Vorbehalt");
    expect([...line.querySelectorAll("[data-tone]")].map((s) => (s as HTMLElement).dataset.tone)).toEqual(["conflict", "tentative"]);
    // The programme's panel is folded, as the user left it; the overview opens it.
    expect(screen.queryAllByTestId("warning")).toHaveLength(0);
    await fireEvent.click(within(line).getByTestId("overview-show-warnings"));
    await waitFor(() => expect(screen.getAllByTestId("warning")).toHaveLength(3));
  });

  it("says there are no conflicts, with nothing to open", async () => {
    setup([]);
    const line = await screen.findByTestId("overview-warnings");
    expect(line.textContent?.replace(/\s+/g, " ").trim()).toBe("Prüfung: Keine Konflikte");
    expect(within(line).queryByTestId("overview-show-warnings")).toBeNull();
  });

  it("opens a participant's own programme from the participants list", async () => {
    const asked = setup([]);
    const people = await screen.findAllByTestId("participant");
    expect(people).toHaveLength(2);
    await fireEvent.click(within(people[0]).getByTestId("participant-programme"));
    const own = await screen.findByTestId("person-programme");
    expect((screen.getByTestId("programme-person") as HTMLSelectElement).value).toBe("p-liu");
    await waitFor(() => expect(within(own).getAllByTestId("person-item")).toHaveLength(1));
    expect(asked.map((c) => c.cmd)).toContain("person_programme");
  });

  it("opens the programme's print panel from the toolbar, on the person the programme shows", async () => {
    const asked = setup([]);
    const print = await screen.findByTestId("print-visit-programme");
    expect(print.textContent).toBe("Programm drucken / PDF …");
    await fireEvent.change(screen.getByTestId("programme-person"), { target: { value: "p-liu" } });
    await fireEvent.click(print);
    const panel = await screen.findByTestId("itinerary-print");
    expect((panel.querySelector("[name=itinerary_person]") as HTMLSelectElement).value).toBe("p-liu");
    await screen.findByTestId("itinerary-preview");
    expect(asked.map((c) => c.cmd)).toContain("itinerary_preview");
  });
});
