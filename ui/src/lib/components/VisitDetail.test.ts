import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import VisitDetail from "./VisitDetail.svelte";
import type { ItemView, ParticipantView, PersonProgramme, VisitView, Warning } from "../api/types";

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
});

const guest = (person_id: string, name: string, precedence: number): ParticipantView => ({
  person_id,
  name,
  side: "guest",
  role: "member",
  precedence,
  title: { de: null, en: null, zh: null },
  organisation: { de: null, en: null, zh: null },
  arrival: null,
  departure: null,
  hotel: null,
  phone: null,
  email: null,
});

const reception: ItemView = {
  id: "reception",
  title: { de: "Empfang im Rathaus", en: null, zh: null },
  kind: "reception",
  schedule: {
    type: "timed",
    start: { local: "2027-03-25T10:00", zone: "Europe/Berlin" },
    end: { local: "2027-03-25T11:00", zone: "Europe/Berlin" },
  },
  zone: "Europe/Berlin",
  start_abbreviation: "CET",
  end_abbreviation: "CET",
  start_utc: "2027-03-25T09:00:00Z",
  end_utc: "2027-03-25T10:00:00Z",
  venue: null,
  attendees: [{ person_id: "p-liu", name: "刘强 Liu Qiang" }],
  responsible: [],
  notes: "",
  dress_code: { de: null, en: null, zh: null },
  status: "confirmed",
  revision: 1,
};

const view: VisitView = {
  visit: {
    id: "visit-1",
    title: { de: "Delegation aus Luzhou", en: null, zh: null },
    direction: "incoming",
    partner_city: "Luzhou",
    first_day: "2027-03-24",
    last_day: "2027-03-28",
    time_zone: "Europe/Berlin",
    status: "planning",
    hosts: [],
    notes: "",
  },
  participants: [guest("p-liu", "刘强 Liu Qiang", 1), guest("p-wang", "王芳 Wang Fang", 2)],
  programme: [reception],
};

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
  const asked: string[] = [];
  mockIPC((cmd, args) => {
    asked.push(cmd);
    if (cmd === "get_visit") return view;
    if (cmd === "list_purges") return [];
    if (cmd === "check_visit") return warnings;
    if (cmd === "person_programme" && (args as { person: string }).person === "p-liu") return liuProgramme;
    if (cmd === "itinerary_preview") return `<div class="itinerary"><div class="item" data-testid="itinerary-item">Empfang</div></div>`;
    return null;
  });
  render(VisitDetail, { id: "visit-1", onback: () => {}, onopen: () => {} });
  return asked;
}

describe("VisitDetail", () => {
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
    expect(asked).toContain("person_programme");
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
    expect(asked).toContain("itinerary_preview");
  });
});
