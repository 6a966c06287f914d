import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import Programme from "./Programme.svelte";
import type { ItemView, ProgrammeItem, VisitView } from "../api/types";

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
});

const item = (over: Partial<ItemView> & Pick<ItemView, "id" | "schedule">): ItemView => ({
  title: { de: over.id, en: null, zh: null },
  kind: "meeting",
  zone: "Asia/Shanghai",
  start_abbreviation: "CST",
  end_abbreviation: "CST",
  start_utc: null,
  end_utc: null,
  venue: null,
  attendees: [],
  responsible: [],
  notes: "",
  status: "confirmed",
  revision: 1,
  ...over,
});

const shanghai = (start: string, end: string) => ({
  type: "timed" as const,
  start: { local: start, zone: "Asia/Shanghai" },
  end: { local: end, zone: "Asia/Shanghai" },
});

// Two days in Luzhou. The port visit overlaps the press talk; the airport
// transfer at 05:30 in Luzhou is still the evening before in Herne.
const port = item({
  id: "port",
  title: { de: "Besuch des Hafens Luzhou", en: "Port of Luzhou", zh: "参观泸州港" },
  kind: "visit",
  schedule: shanghai("2028-04-10T09:30", "2028-04-10T11:00"),
  start_utc: "2028-04-10T01:30:00Z",
  end_utc: "2028-04-10T03:00:00Z",
  venue: { id: "venue-port", name: { de: "Hafen Luzhou", en: null, zh: "泸州港" }, address: "Luzhou", room: null, time_zone: "Asia/Shanghai" },
  attendees: [{ person_id: "p-zhou", name: "周敏 Zhou Min" }],
  responsible: [{ person_id: "p-staff", name: "Jonas Weber" }],
  notes: "Helme vor Ort",
  revision: 3,
});
const press = item({
  id: "press",
  title: { de: "Pressegespräch", en: null, zh: null },
  schedule: shanghai("2028-04-10T10:00", "2028-04-10T10:45"),
  start_utc: "2028-04-10T02:00:00Z",
  end_utc: "2028-04-10T02:45:00Z",
  status: "tentative",
});
const transfer = item({
  id: "transfer",
  title: { de: "Fahrt zum Flughafen", en: null, zh: null },
  kind: "transfer",
  schedule: shanghai("2028-04-11T05:30", "2028-04-11T06:30"),
  start_utc: "2028-04-10T21:30:00Z",
  end_utc: "2028-04-10T22:30:00Z",
  status: "cancelled",
});
const hotel = item({
  id: "hotel",
  title: { de: "Hotel Luzhou", en: null, zh: null },
  kind: "hotel",
  schedule: { type: "all_day", first_day: "2028-04-10", last_day: "2028-04-11" },
  zone: null,
  start_abbreviation: null,
  end_abbreviation: null,
});

const view: VisitView = {
  visit: {
    id: "visit-1",
    title: { de: "Wirtschaftsdelegation nach Luzhou", en: null, zh: null },
    direction: "outgoing",
    partner_city: "Luzhou",
    first_day: "2028-04-10",
    last_day: "2028-04-11",
    time_zone: "Asia/Shanghai",
    status: "planning",
    hosts: [],
    notes: "",
  },
  participants: [],
  programme: [hotel, port, press, transfer],
};

type Call = { cmd: string; args: Record<string, unknown> };

function setup() {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    // The venue list is fetched when a form opens; it is not an action.
    if (cmd === "list_venues") return [];
    calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
    return null;
  });
  let changed = 0;
  render(Programme, { view, onchanged: () => changed++ });
  return { calls, changed: () => changed };
}

const row = (title: string) => {
  const found = screen.getAllByTestId("programme-item").find((li) => li.textContent?.includes(title));
  if (!found) throw new Error(`no agenda row for ${title}`);
  return found;
};

describe("Programme", () => {
  it("lists the agenda by day with times in each item's own zone", () => {
    setup();
    const rows = screen.getAllByTestId("programme-item");
    expect(rows.map((r) => r.querySelector(".time")?.textContent)).toEqual([
      "ganztägig → Di., 11. April 2028",
      "09:30–11:00 CST",
      "10:00–10:45 CST",
      "05:30–06:30 CST",
    ]);
    expect(screen.getAllByRole("heading", { level: 4 }).map((h) => h.textContent)).toEqual([
      "Mo., 10. April 2028",
      "Di., 11. April 2028",
    ]);
    expect(screen.queryByTestId("second-time")).toBeNull();
  });

  it("shows a second zone's times converted from UTC, marking other days, and remembers it", async () => {
    setup();
    await fireEvent.change(screen.getByTestId("second-zone"), { target: { value: "Europe/Berlin" } });
    // 09:30 in Luzhou is 03:30 summer time in Herne, same day.
    expect(within(row("Hafens")).getByTestId("second-time").textContent?.replace(/\s+/g, " ").trim()).toBe("03:30–05:00 MESZ");
    // 05:30 on the 11th in Luzhou is 23:30 on the 10th in Herne and ends after midnight.
    const early = within(row("Flughafen")).getByTestId("second-time");
    expect(early.textContent?.replace(/\s+/g, " ").trim()).toBe("23:30−1–00:30+1 MESZ");
    expect([...early.querySelectorAll("sup")].map((s) => s.textContent)).toEqual(["−1", "+1"]);
    // All-day items have no instant to convert.
    expect(within(row("Hotel")).getByTestId("second-time").textContent?.trim()).toBe("—");
    expect(screen.getByText("Zeit in Herne")).toBeTruthy();
    // The item's own time stays as it is.
    expect(row("Hafens").querySelector(".time")?.textContent).toBe("09:30–11:00 CST");
    expect(localStorage.getItem("dplan.secondZone")).toBe("Europe/Berlin");
  });

  it("starts with the remembered view and second zone", () => {
    localStorage.setItem("dplan.programmeView", "week");
    localStorage.setItem("dplan.secondZone", "Europe/Berlin");
    setup();
    expect(screen.getByTestId("week-grid")).toBeTruthy();
    expect((screen.getByTestId("second-zone") as HTMLSelectElement).value).toBe("Europe/Berlin");
    expect(screen.getAllByTestId("second-time").length).toBeGreaterThan(0);
  });

  it("ignores a remembered zone it does not offer", () => {
    localStorage.setItem("dplan.secondZone", "Mars/Olympus");
    setup();
    expect((screen.getByTestId("second-zone") as HTMLSelectElement).value).toBe("");
  });

  it("places items in the week grid by their local day and time", async () => {
    const { calls, changed } = setup();
    await fireEvent.click(screen.getByTestId("view-week"));
    expect(screen.queryAllByTestId("programme-item")).toHaveLength(0);
    expect(localStorage.getItem("dplan.programmeView")).toBe("week");

    const columns = screen.getAllByTestId("week-column");
    expect(columns.map((c) => c.dataset.day)).toEqual(["2028-04-10", "2028-04-11"]);
    expect(screen.getAllByTestId("week-day").map((d) => d.textContent)).toEqual(["Mo., 10.04.", "Di., 11.04."]);
    const titles = (c: HTMLElement) => within(c).queryAllByTestId("grid-item").map((b) => b.querySelector("strong")?.textContent);
    expect(titles(columns[0])).toEqual(["Besuch des Hafens Luzhou", "Pressegespräch"]);
    expect(titles(columns[1])).toEqual(["Fahrt zum Flughafen"]);

    // The 05:30 transfer widens the grid to start at 05:00; one hour is 3rem.
    const [portBlock, pressBlock] = within(columns[0]).getAllByTestId("grid-item");
    expect(portBlock.style.top).toBe("13.5rem");
    expect(portBlock.style.height).toBe("4.5rem");
    // Overlapping items share the column side by side.
    expect([portBlock.style.left, portBlock.style.width]).toEqual(["0%", "50%"]);
    expect([pressBlock.style.left, pressBlock.style.width]).toEqual(["50%", "50%"]);
    expect(pressBlock.classList.contains("tentative")).toBe(true);
    expect(within(columns[1]).getByTestId("grid-item").classList.contains("cancelled")).toBe(true);

    // The hotel spans both days in the all-day band.
    const band = screen.getAllByTestId("grid-item").find((b) => b.textContent?.includes("Hotel Luzhou"));
    expect(band?.style.gridColumn).toBe("1 / 3");

    // Clicking an item opens the edit form with its data.
    await fireEvent.click(portBlock);
    const form = await screen.findByTestId("item-form");
    expect((form.querySelector('[name="title.de"]') as HTMLInputElement).value).toBe("Besuch des Hafens Luzhou");
    // Saving it keeps what the form does not show: who is responsible, the revision.
    await fireEvent.click(screen.getByTestId("save-item"));
    await waitFor(() => expect(changed()).toBe(1));
    const saved = calls.find((c) => c.cmd === "update_item")?.args.item as ProgrammeItem;
    expect(saved).toMatchObject({ id: "port", visit_id: "visit-1", responsible: ["p-staff"], revision: 3, venue_id: "venue-port" });
    expect(screen.queryByTestId("item-form")).toBeNull();
  });

  it("cancels an item with every stored field intact, and restores a cancelled one", async () => {
    const { calls, changed } = setup();
    await fireEvent.click(within(row("Hafens")).getByText("Absagen"));
    await waitFor(() => expect(changed()).toBe(1));
    expect(calls).toEqual([
      {
        cmd: "update_item",
        args: {
          item: {
            id: "port",
            visit_id: "visit-1",
            title: { de: "Besuch des Hafens Luzhou", en: "Port of Luzhou", zh: "参观泸州港" },
            kind: "visit",
            schedule: shanghai("2028-04-10T09:30", "2028-04-10T11:00"),
            venue_id: "venue-port",
            attendees: ["p-zhou"],
            responsible: ["p-staff"],
            notes: "Helme vor Ort",
            status: "cancelled",
            revision: 3,
          } satisfies ProgrammeItem,
        },
      },
    ]);

    await fireEvent.click(within(row("Flughafen")).getByText("Wiederherstellen"));
    await waitFor(() => expect(changed()).toBe(2));
    expect((calls[1].args.item as ProgrammeItem).status).toBe("confirmed");
    expect((calls[1].args.item as ProgrammeItem).id).toBe("transfer");
  });

  it("moves an item to another day, keeping its local times and zone", async () => {
    const { calls, changed } = setup();
    expect(within(row("Hafens")).queryByTestId("move-item")).toBeNull();
    await fireEvent.click(within(row("Hafens")).getByTestId("move-item-open"));
    const select = within(row("Hafens")).getByTestId("move-item") as HTMLSelectElement;
    expect(select.value).toBe("2028-04-10");
    await fireEvent.change(select, { target: { value: "2028-04-11" } });
    await waitFor(() => expect(changed()).toBe(1));
    expect(calls.map((c) => c.cmd)).toEqual(["update_item"]);
    expect((calls[0].args.item as ProgrammeItem).schedule).toEqual(shanghai("2028-04-11T09:30", "2028-04-11T11:00"));
  });

  it("puts a refused move back and shows why", async () => {
    mockIPC(() => {
      throw { kind: "conflict", message: "the item was changed elsewhere", fields: [] };
    });
    let changed = 0;
    render(Programme, { view, onchanged: () => changed++ });
    await fireEvent.click(within(row("Hafens")).getByTestId("move-item-open"));
    const select = within(row("Hafens")).getByTestId("move-item") as HTMLSelectElement;
    await fireEvent.change(select, { target: { value: "2028-04-11" } });
    expect((await screen.findByRole("alert")).textContent).toContain("changed elsewhere");
    expect(select.value).toBe("2028-04-10");
    expect(changed).toBe(0);
  });

  it("deletes only after the inline confirmation", async () => {
    const { calls, changed } = setup();
    await fireEvent.click(within(row("Pressegespräch")).getByTestId("delete-item-quick"));
    expect(calls).toHaveLength(0);
    expect(within(row("Pressegespräch")).getByText("Programmpunkt löschen?")).toBeTruthy();
    await fireEvent.click(within(row("Pressegespräch")).getByTestId("confirm-delete-item"));
    await waitFor(() => expect(changed()).toBe(1));
    expect(calls).toEqual([{ cmd: "delete_item", args: { id: "press" } }]);
  });
});
