import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import Programme from "./Programme.svelte";
import type { ItemView, PersonProgramme, ProgrammeItem, Warning } from "../api/types";
import { i18n } from "../i18n.svelte";
import { item as fixtureItem, mockBackend, participant, stored, timed, times, visitView, type Call, type Routes } from "../test-fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
});

/** An item in Luzhou, titled by its id unless it says otherwise. */
const item = (over: Partial<ItemView> & Pick<ItemView, "id" | "schedule">): ItemView =>
  fixtureItem({
    title: { de: over.id, en: null, zh: null },
    kind: "meeting",
    zone: "Asia/Shanghai",
    start_abbreviation: "CST",
    end_abbreviation: "CST",
    start_utc: null,
    end_utc: null,
    ...over,
  });

const shanghai = (start: string, end: string) => timed(start, end, "Asia/Shanghai");

// Two days in Luzhou. The port visit overlaps the press talk; the airport
// transfer at 05:30 in Luzhou is still the evening before in Herne.
const port = item({
  id: "port",
  title: { de: "Besuch des Hafens Luzhou", en: "Port of Luzhou", zh: "参观泸州港" },
  kind: "visit",
  schedule: shanghai("2028-04-10T09:30", "2028-04-10T11:00"),
  times: times("09:30–11:00 CST"),
  start_utc: "2028-04-10T01:30:00Z",
  end_utc: "2028-04-10T03:00:00Z",
  venue: { id: "venue-port", name: { de: "Hafen Luzhou", en: null, zh: "泸州港" }, address: "Luzhou", room: { de: null, en: null, zh: null }, time_zone: "Asia/Shanghai" },
  attendees: [{ person_id: "p-zhou", name: "周敏 Zhou Min" }],
  responsible: [{ person_id: "p-staff", name: "Jonas Weber" }],
  notes: "Helme vor Ort",
  dress_code: { de: "Festes Schuhwerk", en: null, zh: null },
  revision: 3,
});
const press = item({
  id: "press",
  title: { de: "Pressegespräch", en: null, zh: null },
  schedule: shanghai("2028-04-10T10:00", "2028-04-10T10:45"),
  times: times("10:00–10:45 CST"),
  start_utc: "2028-04-10T02:00:00Z",
  end_utc: "2028-04-10T02:45:00Z",
  status: "tentative",
});
const transfer = item({
  id: "transfer",
  title: { de: "Fahrt zum Flughafen", en: null, zh: null },
  kind: "transfer",
  schedule: shanghai("2028-04-11T05:30", "2028-04-11T06:30"),
  times: times("05:30–06:30 CST"),
  start_utc: "2028-04-10T21:30:00Z",
  end_utc: "2028-04-10T22:30:00Z",
  status: "cancelled",
});
const hotel = item({
  id: "hotel",
  title: { de: "Hotel Luzhou", en: null, zh: null },
  kind: "hotel",
  schedule: { type: "all_day", first_day: "2028-04-10", last_day: "2028-04-11" },
  times: times("10.04.–11.04.", "10/4–11/4"),
  zone: null,
  start_abbreviation: null,
  end_abbreviation: null,
});

const view = visitView({
  visit: {
    title: { de: "Wirtschaftsdelegation nach Luzhou", en: null, zh: null },
    direction: "outgoing",
    first_day: "2028-04-10",
    last_day: "2028-04-11",
    time_zone: "Asia/Shanghai",
    hosts: [],
  },
  programme: [hotel, port, press, transfer],
});

const herneInApril = (utc: string) => ({ local: new Date(Date.parse(utc) + 2 * 3_600_000).toISOString().slice(0, 16), abbreviation: "CEST" });

function setup() {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    // The venue list is fetched when a form opens and the check runs with
    // every view; neither is an action.
    if (cmd === "list_venues") return [];
    if (cmd === "check_visit") return [];
    // The second zone's clocks; Herne in April is UTC+2 (CEST), which is
    // all these tests ask the core about.
    if (cmd === "wall_times") return (args as { instants: string[] }).instants.map(herneInApril);
    // A form reads the stored item it saves; that is no action either.
    if (cmd === "get_item") return stored(view.programme.find((i) => i.id === (args as { id: string }).id)!);
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
  it("lists the agenda by day with the core's times in each item's own zone", () => {
    setup();
    const rows = screen.getAllByTestId("programme-item");
    expect(rows.map((r) => r.querySelector(".time")?.textContent)).toEqual([
      "10.04.–11.04.",
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

  it("shows the times the core wrote for the UI's language", async () => {
    setup();
    i18n.setLang("en");
    try {
      await waitFor(() => expect(row("Hotel").querySelector(".time")?.textContent).toBe("10/4–11/4"));
    } finally {
      i18n.setLang("de");
    }
  });

  it("builds a long agenda a screenful at a time, in order, then every item", async () => {
    const programme = Array.from({ length: 90 }, (_, n) => {
      const day = `2028-04-${String(10 + Math.floor(n / 30)).padStart(2, "0")}`;
      const hh = String(6 + Math.floor((n % 30) / 2)).padStart(2, "0");
      const mm = n % 2 ? "30" : "00";
      return item({ id: `i${n}`, title: { de: `Termin ${n}`, en: null, zh: null }, schedule: shanghai(`${day}T${hh}:${mm}`, `${day}T${hh}:${mm === "00" ? "20" : "50"}`) });
    });
    mockBackend({}, () => []);
    render(Programme, { view: { ...view, programme }, onchanged: () => {} });
    const first = screen.getAllByTestId("programme-item");
    expect(first).toHaveLength(15);
    expect(first[0].textContent).toContain("Termin 0");
    expect(first[14].textContent).toContain("Termin 14");
    await waitFor(() => expect(screen.getAllByTestId("programme-item")).toHaveLength(90));
    const all = screen.getAllByTestId("programme-item");
    expect(all[89].textContent).toContain("Termin 89");
    expect(screen.getAllByRole("heading", { level: 4 })).toHaveLength(3);
  });

  it("shows a second zone's times converted from UTC, marking other days, and remembers it", async () => {
    setup();
    await fireEvent.change(screen.getByTestId("second-zone"), { target: { value: "Europe/Berlin" } });
    // 09:30 in Luzhou is 03:30 summer time in Herne, same day.
    await waitFor(() =>
      expect(within(row("Hafens")).getByTestId("second-time").textContent?.replace(/\s+/g, " ").trim()).toBe("03:30–05:00 MESZ"),
    );
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

  it("cancels an item and restores a cancelled one through the item commands", async () => {
    const { calls, changed } = setup();
    await fireEvent.click(within(row("Hafens")).getByText("Absagen"));
    await waitFor(() => expect(changed()).toBe(1));
    // The core changes the stored item; nothing else of it crosses the wire.
    expect(calls).toEqual([{ cmd: "set_item_status", args: { id: "port", status: "cancelled" } }]);

    await fireEvent.click(within(row("Flughafen")).getByText("Wiederherstellen"));
    await waitFor(() => expect(changed()).toBe(2));
    expect(calls[1]).toEqual({ cmd: "set_item_status", args: { id: "transfer", status: "confirmed" } });
  });

  it("moves an item to another day by whole days", async () => {
    const { calls, changed } = setup();
    expect(within(row("Hafens")).queryByTestId("move-item")).toBeNull();
    await fireEvent.click(within(row("Hafens")).getByTestId("move-item-open"));
    const select = within(row("Hafens")).getByTestId("move-item") as HTMLSelectElement;
    expect(select.value).toBe("2028-04-10");
    await fireEvent.change(select, { target: { value: "2028-04-11" } });
    await waitFor(() => expect(changed()).toBe(1));
    // By whole days; the core keeps the local times and the zone.
    expect(calls).toEqual([{ cmd: "move_item_by_days", args: { id: "port", days: 1 } }]);
  });

  it("puts a refused move back and shows why", async () => {
    mockIPC((cmd) => {
      if (cmd === "check_visit") return [];
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

// The conflict check and one person's programme.

const zhou = participant({
  person_id: "p-zhou",
  name: "周敏 Zhou Min",
  role: "head_of_delegation",
  title: { de: "Bürgermeisterin", en: null, zh: null },
  organisation: { de: "Stadt Luzhou", en: null, zh: null },
  arrival: { at: { local: "2028-04-09T14:05", zone: "Asia/Shanghai" }, place: "Flughafen Luzhou (LZO)", transport: "CA 4457" },
  hotel: "Luzhou Hotel",
});
const berger = participant({ ...zhou, person_id: "p-berger", name: "Dr. Anna Berger", side: "host", role: "staff", arrival: null, hotel: null });
const withPeople = { ...view, participants: [zhou, berger] };

const warning = (over: Partial<Warning> & Pick<Warning, "kind" | "severity" | "items" | "message">): Warning => ({
  visits: ["visit-1"],
  persons: [],
  venue: null,
  overlap_minutes: null,
  needed_minutes: null,
  available_minutes: null,
  ...over,
});

// Zhou Min is at the port and in the (tentative) press talk at once; the
// port is booked by another visit too; nobody at the port shares a language
// with the responsible staff member.
const doubleBooked = warning({
  kind: "person_double_booked",
  severity: "tentative",
  items: ["port", "press"],
  persons: ["p-zhou"],
  overlap_minutes: 45,
  message: "周敏 Zhou Min is booked twice: Pressegespräch overlaps Besuch des Hafens Luzhou by 45 minutes.",
});
const venueTaken = warning({
  kind: "venue_double_booked",
  severity: "conflict",
  items: ["port", "elsewhere"],
  visits: ["visit-1", "visit-2"],
  venue: "venue-port",
  overlap_minutes: 90,
  message: "Hafen Luzhou is booked twice.",
});
const noLanguage = warning({
  kind: "no_common_language",
  severity: "conflict",
  items: ["port"],
  persons: ["p-zhou", "p-staff"],
  message: "周敏 Zhou Min and Jonas Weber share no language at Besuch des Hafens Luzhou.",
});

const programmes: Record<string, PersonProgramme> = {
  "p-zhou": {
    visit: view.visit,
    person: { person_id: "p-zhou", name: "周敏 Zhou Min" },
    participant: zhou,
    programme: [
      { item: port, attends: true, responsible: false },
      { item: transfer, attends: true, responsible: false },
    ],
  },
  "p-staff": {
    visit: view.visit,
    person: { person_id: "p-staff", name: "Jonas Weber" },
    participant: null,
    programme: [{ item: port, attends: false, responsible: true }],
  },
};

/** A backend with the check's answers; actions and reads are recorded. */
function backend(warnings: Warning[] | (() => Warning[] | Promise<Warning[]>), more: Routes = {}) {
  return mockBackend({
    check_visit: () => (typeof warnings === "function" ? warnings() : warnings),
    list_venues: () => [],
    person_programme: (args) => {
      const p = programmes[args.person as string];
      if (!p) throw { kind: "not_found", message: "participant not found", fields: [] };
      return p;
    },
    local_time_info: () => ({ type: "single", abbreviation: "CST", utc: "2028-04-09T06:05:00Z" }),
    ...more,
  });
}

const rows = () => screen.getAllByTestId("warning");
const summary = () => screen.getByTestId("warnings-summary").textContent?.replace(/\s+/g, " ").trim();

describe("Programme: the conflict check", () => {
  let scrolled: Element[] = [];
  beforeEach(() => {
    scrolled = [];
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
  });
  afterEach(() => {
    delete (Element.prototype as Partial<Element>).scrollIntoView;
  });

  it("lists the first 25 warnings at once and the rest when asked", async () => {
    const many = Array.from({ length: 40 }, (_, k) => ({ ...doubleBooked, message: `clash ${k}` }));
    backend(many);
    render(Programme, { view: withPeople, onchanged: () => {} });
    await waitFor(() => expect(rows()).toHaveLength(25));
    expect(summary()).toContain("40");
    const more = screen.getByTestId("warnings-more");
    expect(more.textContent).toContain("Alle 40 Warnungen zeigen");
    await fireEvent.click(more);
    expect(rows()).toHaveLength(40);
    expect(rows()[39].textContent).toContain("clash 39");
    expect(screen.queryByTestId("warnings-more")).toBeNull();
  });

  it("asks for the warnings in the UI's language and asks again when it changes", async () => {
    const says = (lang: unknown) =>
      lang === "de"
        ? "周敏 Zhou Min ist 45 Minuten lang gleichzeitig in „Pressegespräch“ (10.04.2028 09:30–10:30 CST) und „Besuch des Hafens Luzhou“"
        : "周敏 Zhou Min is in „Pressegespräch“ (2028-04-10 09:30–10:30 CST) and „Besuch des Hafens Luzhou“ at once for 45 minutes";
    const calls = mockBackend({
      check_visit: (args) => [{ ...doubleBooked, message: says(args.lang) }],
      list_venues: () => [],
    });
    render(Programme, { view: withPeople, onchanged: () => {} });
    await waitFor(() => expect(rows()).toHaveLength(1));
    const message = () => rows()[0].querySelector(".message") as HTMLElement;
    expect(message().textContent).toContain("gleichzeitig");
    expect(message().lang).toBe("de");
    i18n.lang = "en";
    await waitFor(() => expect(message().textContent).toContain("at once"));
    expect(message().lang).toBe("en");
    expect(calls.filter((c) => c.cmd === "check_visit").map((c) => c.args.lang)).toEqual(["de", "en"]);
    i18n.lang = "de";
  });

  it("lists each warning with its kind, severity and the engine's sentence", async () => {
    const calls = backend([doubleBooked, venueTaken, noLanguage]);
    render(Programme, { view: withPeople, onchanged: () => {} });
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(calls.filter((c) => c.cmd === "check_visit")).toEqual([
      { cmd: "check_visit", args: { id: "visit-1", lang: "de" } },
    ]);
    expect(summary()).toBe("2 Konflikte · 1 unter Vorbehalt");
    expect(rows().map((r) => [r.dataset.kind, r.dataset.severity])).toEqual([
      ["person_double_booked", "tentative"],
      ["venue_double_booked", "conflict"],
      ["no_common_language", "conflict"],
    ]);
    // Severity looks different: a dashed amber edge for tentative, red for a conflict.
    expect(rows()[0].classList.contains("tentative")).toBe(true);
    expect(rows()[1].classList.contains("conflict")).toBe(true);

    const first = rows()[0];
    expect(first.textContent).toContain("Unter Vorbehalt");
    expect(first.textContent).toContain("Person doppelt eingeplant");
    expect(first.querySelector(".message")?.textContent).toBe(doubleBooked.message);
    expect(within(first).getAllByTestId("warning-item-link").map((a) => a.textContent?.trim())).toEqual([
      "→ Besuch des Hafens Luzhou, Mo., 10.04. 09:30",
      "→ Pressegespräch, Mo., 10.04. 10:00",
    ]);
    expect(within(first).getAllByTestId("warning-person-link").map((a) => a.textContent?.trim())).toEqual(["周敏 Zhou Min"]);
    // The other visit's item has no row here to go to.
    expect(within(rows()[1]).getAllByTestId("warning-item-link")).toHaveLength(1);
    expect(rows()[1].textContent).toContain("Programmpunkt eines anderen Besuchs");
    // A staff member who is no participant is still named, from the items.
    expect(within(rows()[2]).getAllByTestId("warning-person-link").map((a) => a.textContent?.trim())).toEqual([
      "周敏 Zhou Min",
      "Jonas Weber",
    ]);
  });

  it("marks the items that have a warning, in the agenda and in the week grid", async () => {
    backend([doubleBooked, venueTaken]);
    render(Programme, { view, onchanged: () => {} });
    await waitFor(() => expect(screen.getAllByTestId("item-warning-marker")).toHaveLength(2));
    const portMarker = within(row("Hafens")).getByTestId("item-warning-marker");
    expect(portMarker.dataset.severity).toBe("conflict");
    expect(portMarker.getAttribute("title")).toBe("Person doppelt eingeplant; Ort doppelt belegt");
    // The press talk's only warning involves a tentative item.
    expect(within(row("Pressegespräch")).getByTestId("item-warning-marker").dataset.severity).toBe("tentative");
    expect(within(row("Flughafen")).queryByTestId("item-warning-marker")).toBeNull();

    await fireEvent.click(screen.getByTestId("view-week"));
    const blocks = screen.getAllByTestId("grid-item");
    const marked = blocks.filter((b) => within(b).queryByTestId("item-warning-marker"));
    expect(marked.map((b) => b.dataset.itemId)).toEqual(["port", "press"]);
  });

  it("says so when there is nothing to warn about, and folds away", async () => {
    backend([]);
    render(Programme, { view, onchanged: () => {} });
    await waitFor(() => expect(summary()).toBe("Keine Konflikte"));
    expect(screen.queryAllByTestId("warning")).toHaveLength(0);
    expect(screen.queryAllByTestId("item-warning-marker")).toHaveLength(0);

    cleanup();
    backend([venueTaken]);
    render(Programme, { view, onchanged: () => {} });
    await waitFor(() => expect(rows()).toHaveLength(1));
    await fireEvent.click(screen.getByTestId("warnings-toggle"));
    expect(screen.queryAllByTestId("warning")).toHaveLength(0);
    // Folded, the header still counts.
    expect(summary()).toBe("1 Konflikt");
    expect(localStorage.getItem("dplan.warningsPanel")).toBe("closed");
  });

  it("runs again for every new view and drops an answer that comes too late", async () => {
    const answers: ((w: Warning[]) => void)[] = [];
    backend(() => new Promise<Warning[]>((resolve) => answers.push(resolve)));
    const reported: Warning[][] = [];
    const { rerender } = render(Programme, { view, onchanged: () => {}, onwarnings: (w: Warning[]) => reported.push(w) });
    await waitFor(() => expect(answers).toHaveLength(1));
    await rerender({ view: { ...view, programme: [hotel, transfer] } });
    await waitFor(() => expect(answers).toHaveLength(2));
    // The check of the new view answers first; the old one's answer is stale.
    answers[1]([]);
    await waitFor(() => expect(summary()).toBe("Keine Konflikte"));
    answers[0]([venueTaken]);
    await new Promise((r) => setTimeout(r, 10));
    expect(summary()).toBe("Keine Konflikte");
    expect(reported).toEqual([[]]);
  });

  it("shows an item a warning links to: highlighted in the agenda, or in the week grid", async () => {
    backend([doubleBooked]);
    render(Programme, { view, onchanged: () => {} });
    await waitFor(() => expect(rows()).toHaveLength(1));
    const [, pressLink] = within(rows()[0]).getAllByTestId("warning-item-link");
    await fireEvent.click(pressLink);
    await waitFor(() => expect(row("Pressegespräch").classList.contains("highlight")).toBe(true));
    expect(row("Hafens").classList.contains("highlight")).toBe(false);
    expect(scrolled).toEqual([row("Pressegespräch")]);

    await fireEvent.click(screen.getByTestId("view-week"));
    await fireEvent.click(within(rows()[0]).getAllByTestId("warning-item-link")[0]);
    const portBlock = screen.getAllByTestId("grid-item").find((b) => b.dataset.itemId === "port")!;
    await waitFor(() => expect(portBlock.classList.contains("highlight")).toBe(true));
    expect(scrolled.at(-1)).toBe(portBlock);
  });

  it("opens a person's own programme from a warning, also for staff who are no participant", async () => {
    const calls = backend([noLanguage]);
    render(Programme, { view: withPeople, onchanged: () => {} });
    await waitFor(() => expect(rows()).toHaveLength(1));
    const [, weber] = within(rows()[0]).getAllByTestId("warning-person-link");
    await fireEvent.click(weber);

    const own = await screen.findByTestId("person-programme");
    expect(calls.filter((c) => c.cmd === "person_programme").map((c) => c.args)).toEqual([{ visit: "visit-1", person: "p-staff" }]);
    const select = screen.getByTestId("programme-person") as HTMLSelectElement;
    expect(select.value).toBe("p-staff");
    expect(select.selectedOptions[0].textContent).toBe("Jonas Weber");
    await waitFor(() => expect(within(own).getByRole("heading", { level: 4, name: "Jonas Weber" })).toBeTruthy());
    expect(own.textContent).toContain("Nicht unter den Teilnehmenden");
    const items = within(own).getAllByTestId("person-item");
    expect(items.map((i) => i.dataset.itemId)).toEqual(["port"]);
    expect(within(items[0]).getByTestId("responsible-badge").textContent).toBe("verantwortlich");
    // The warning marks the item in the person's programme too.
    expect(within(items[0]).getByTestId("item-warning-marker")).toBeTruthy();
    expect(screen.queryAllByTestId("programme-item")).toHaveLength(0);

    // An item link goes back to everyone's programme.
    await fireEvent.click(within(rows()[0]).getByTestId("warning-item-link"));
    await waitFor(() => expect(row("Hafens").classList.contains("highlight")).toBe(true));
    expect(select.value).toBe("");
  });
});

describe("Programme: one person's programme", () => {
  it("offers everyone or each participant in precedence", () => {
    backend([]);
    render(Programme, { view: withPeople, onchanged: () => {} });
    const select = screen.getByTestId("programme-person") as HTMLSelectElement;
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ["", "Alle"],
      ["p-zhou", "周敏 Zhou Min"],
      ["p-berger", "Dr. Anna Berger"],
    ]);
    expect(select.value).toBe("");
  });

  it("shows only the chosen person's items, with their arrival and hotel", async () => {
    const calls = backend([]);
    render(Programme, { view: withPeople, onchanged: () => {} });
    await fireEvent.change(screen.getByTestId("programme-person"), { target: { value: "p-zhou" } });
    const own = await screen.findByTestId("person-programme");
    await waitFor(() => expect(within(own).getAllByTestId("person-item")).toHaveLength(2));

    expect(within(own).getByRole("heading", { level: 4, name: "周敏 Zhou Min" })).toBeTruthy();
    expect(own.textContent).toContain("Bürgermeisterin · Stadt Luzhou · Delegationsleiter/in");
    expect(within(own).getByTestId("person-arrival").textContent?.replace(/\s+/g, " ").trim()).toBe(
      "Ankunft: So., 9. April 2028, 14:05 CST · Flughafen Luzhou (LZO) · CA 4457",
    );
    expect(calls.find((c) => c.cmd === "local_time_info")?.args).toEqual({ local: "2028-04-09T14:05", zone: "Asia/Shanghai" });
    expect(within(own).getByTestId("person-hotel").textContent).toContain("Luzhou Hotel");
    expect(within(own).queryByTestId("person-departure")).toBeNull();

    const items = within(own).getAllByTestId("person-item");
    expect(items.map((i) => i.querySelector(".time")?.textContent)).toEqual(["09:30–11:00 CST", "05:30–06:30 CST"]);
    expect(items.map((i) => i.querySelector("strong")?.textContent)).toEqual(["Besuch des Hafens Luzhou", "Fahrt zum Flughafen"]);
    // She attends: no badge; the cancelled transfer is struck through like elsewhere.
    expect(within(own).queryAllByTestId("responsible-badge")).toHaveLength(0);
    expect(items[1].querySelector(".what")?.classList.contains("cancelled")).toBe(true);
    expect(items[1].textContent).toContain("Abgesagt");
    // The whole agenda and its view switch make way.
    expect(screen.queryAllByTestId("programme-item")).toHaveLength(0);
    expect(screen.queryByTestId("view-week")).toBeNull();

    await fireEvent.change(screen.getByTestId("programme-person"), { target: { value: "" } });
    expect(screen.queryByTestId("person-programme")).toBeNull();
    expect(screen.getAllByTestId("programme-item")).toHaveLength(4);
  });

  it("says why when the backend knows no such participant", async () => {
    backend([]);
    render(Programme, { view: withPeople, onchanged: () => {} });
    await fireEvent.change(screen.getByTestId("programme-person"), { target: { value: "p-berger" } });
    const own = await screen.findByTestId("person-programme");
    await waitFor(() => expect(within(own).getByRole("alert").textContent).toBe("participant not found"));
  });
});

describe("Programme: the calendar export", () => {
  const exports = (calls: Call[]) => calls.filter((c) => c.cmd === "export_calendar").map((c) => c.args);
  const field = (name: string) => screen.getByTestId("calendar-export").querySelector(`[name="${name}"]`) as HTMLInputElement;
  const scope = (value: string) => screen.getByTestId("calendar-export").querySelector(`[name="calendar_scope"][value="${value}"]`) as HTMLInputElement;

  it("opens from the toolbar on the person chosen in the programme, and follows the choice", async () => {
    const calls = backend([], { export_calendar: () => ({ path: "/tmp/Wirtschaftsdelegation-nach-Luzhou-Zhou-Min.ics", events: 2, taken_back: 0, shortened: [] }) });
    render(Programme, { view: withPeople, onchanged: () => {} });
    const open = screen.getByTestId("export-calendar");
    expect(open.textContent?.trim()).toBe("Kalender (.ics) …");
    await fireEvent.change(screen.getByTestId("programme-person"), { target: { value: "p-zhou" } });
    await fireEvent.click(open);
    await screen.findByTestId("calendar-export");
    expect(open.getAttribute("aria-expanded")).toBe("true");
    expect(field("calendar_person").value).toBe("p-zhou");
    expect(scope("person").checked).toBe(true);

    await fireEvent.click(screen.getByTestId("save-calendar"));
    await waitFor(() => expect(screen.getByRole("status").textContent?.trim()).toBe("Gespeichert: /tmp/Wirtschaftsdelegation-nach-Luzhou-Zhou-Min.ics (2 Termine)"));
    expect(exports(calls)).toEqual([
      {
        visitId: "visit-1",
        person: "p-zhou",
        duties: false,
        langs: ["de", "zh"],
        reminderMinutes: null,
        edition: "guest",
        tentative: false,
        suggestedName: "Wirtschaftsdelegation-nach-Luzhou-Zhou-Min.ics",
      },
    ]);

    // Back to everyone's programme: the panel offers the whole programme.
    await fireEvent.change(screen.getByTestId("programme-person"), { target: { value: "" } });
    expect(scope("visit").checked).toBe(true);

    await fireEvent.click(open);
    expect(screen.queryByTestId("calendar-export")).toBeNull();
  });

  it("opens on the whole programme when nobody is chosen", async () => {
    backend([]);
    render(Programme, { view: withPeople, onchanged: () => {} });
    await fireEvent.click(screen.getByTestId("export-calendar"));
    await screen.findByTestId("calendar-export");
    expect(scope("visit").checked).toBe(true);
    expect(field("calendar_person").value).toBe("p-zhou");
  });

  it("opens from a person's programme on that programme, also for staff who are no participant", async () => {
    const calls = backend([noLanguage], { export_calendar: () => ({ path: "/tmp/x.ics", events: 1, taken_back: 0, shortened: [] }) });
    render(Programme, { view: withPeople, onchanged: () => {} });
    await waitFor(() => expect(rows()).toHaveLength(1));
    await fireEvent.click(within(rows()[0]).getAllByTestId("warning-person-link")[1]);
    const button = await screen.findByTestId("person-calendar");
    expect(button.textContent).toBe("Als Kalender (.ics) …");
    await fireEvent.click(button);
    await screen.findByTestId("calendar-export");
    expect(field("calendar_person").value).toBe("p-staff");
    expect(scope("person").checked).toBe(true);

    // Asked again, the panel starts afresh on the person's programme.
    await fireEvent.click(scope("duties"));
    await fireEvent.click(screen.getByTestId("person-calendar"));
    await waitFor(() => expect(scope("person").checked).toBe(true));
    await fireEvent.click(scope("duties"));
    await fireEvent.click(screen.getByTestId("save-calendar"));
    await waitFor(() => expect(exports(calls)).toHaveLength(1));
    expect(exports(calls)[0]).toMatchObject({ person: "p-staff", duties: true, edition: "internal", suggestedName: "Wirtschaftsdelegation-nach-Luzhou-Jonas-Weber-Aufgaben.ics" });
  });
});

describe("Programme: the print panel", () => {
  const previews = (calls: Call[]) => calls.filter((c) => c.cmd === "itinerary_preview").map((c) => c.args);
  const preview = (args: Record<string, unknown>) => ({
    html: `<style>.itinerary { color: #1d2530; }</style><div class="itinerary" lang="de"><div class="item" data-testid="itinerary-item">${args.person ?? "visit"}</div></div>`,
    missing: [],
  });
  const whom = () => screen.getByTestId("itinerary-print").querySelector("[name=itinerary_person]") as HTMLSelectElement;

  it("opens from the toolbar on the person chosen in the programme, and closes", async () => {
    const calls = backend([], { itinerary_preview: preview });
    render(Programme, { view: withPeople, onchanged: () => {} });
    const open = screen.getByTestId("open-itinerary-print");
    expect(open.textContent).toBe("Drucken / PDF …");
    await fireEvent.change(screen.getByTestId("programme-person"), { target: { value: "p-zhou" } });
    await fireEvent.click(open);
    await screen.findByTestId("itinerary-print");
    expect(whom().value).toBe("p-zhou");
    const sheet = await screen.findByTestId("itinerary-preview");
    expect(within(sheet).getByTestId("itinerary-item").textContent).toBe("p-zhou");
    expect(previews(calls)).toEqual([{ visitId: "visit-1", person: "p-zhou", langs: ["de", "zh"], layout: "side_by_side", edition: "guest", tentative: false }]);

    await fireEvent.click(screen.getByTestId("close-itinerary-print"));
    expect(screen.queryByTestId("itinerary-print")).toBeNull();
  });

  it("opens on the whole visit when nobody is chosen", async () => {
    const calls = backend([], { itinerary_preview: preview });
    render(Programme, { view: withPeople, onchanged: () => {} });
    await fireEvent.click(screen.getByTestId("open-itinerary-print"));
    await screen.findByTestId("itinerary-preview");
    expect(whom().value).toBe("");
    expect(previews(calls)[0]).toMatchObject({ person: null });
  });

  it("opens afresh from a person's programme on that person, also for staff who are no participant", async () => {
    const calls = backend([noLanguage], { itinerary_preview: preview });
    render(Programme, { view: withPeople, onchanged: () => {} });
    await waitFor(() => expect(rows()).toHaveLength(1));
    await fireEvent.click(within(rows()[0]).getAllByTestId("warning-person-link")[1]);
    const button = await screen.findByTestId("person-print");
    expect(button.textContent).toBe("Drucken …");
    await fireEvent.click(button);
    await screen.findByTestId("itinerary-preview");
    expect(whom().value).toBe("p-staff");

    // Picked otherwise and closed, it opens on the person's programme again.
    await fireEvent.change(whom(), { target: { value: "" } });
    await fireEvent.keyDown(whom(), { key: "Escape" });
    expect(screen.queryByTestId("itinerary-print")).toBeNull();
    await fireEvent.click(screen.getByTestId("person-print"));
    await screen.findByTestId("itinerary-print");
    expect(whom().value).toBe("p-staff");
    await waitFor(() => expect(previews(calls).map((p) => p.person)).toEqual(["p-staff", null, "p-staff"]));
  });
});

describe("Programme: dress code", () => {
  afterEach(() => (i18n.lang = "de"));

  it("shows an item's dress code in the agenda, in the UI language or else German", async () => {
    setup();
    expect(within(row("Hafens")).getByTestId("dress-code").textContent).toBe("Kleiderordnung: Festes Schuhwerk");
    expect(within(row("Pressegespräch")).queryByTestId("dress-code")).toBeNull();

    cleanup();
    i18n.lang = "en";
    const suit = { ...press, dress_code: { de: "Dunkler Anzug", en: "Dark suit", zh: "深色西装" } };
    mockIPC((cmd) => (cmd === "check_visit" ? [] : null));
    render(Programme, { view: { ...view, programme: [port, suit] }, onchanged: () => {} });
    expect(within(row("Port of Luzhou")).getByTestId("dress-code").textContent).toBe("Dress code: Festes Schuhwerk");
    expect(within(row("Pressegespräch")).getByTestId("dress-code").textContent).toBe("Dress code: Dark suit");
  });
});

describe("Programme: the check's settings", () => {
  const venues = [
    { id: "venue-port", name: { de: "Hafen Luzhou", en: null, zh: null }, address: "Luzhou", room: { de: null, en: null, zh: null }, time_zone: "Asia/Shanghai" },
    { id: "venue-hall", name: { de: "Rathaus Luzhou", en: null, zh: null }, address: "Luzhou", room: { de: "Saal 2", en: null, zh: null }, time_zone: "Asia/Shanghai" },
  ];

  it("saves the settings from the warnings panel and checks again", async () => {
    const calls = backend([], {
      get_check_settings: () => ({ default_travel_minutes: 30, venues_across_visits: false, travel: [] }),
      list_venues: () => venues,
    });
    render(Programme, { view, onchanged: () => {} });
    await waitFor(() => expect(summary()).toBe("Keine Konflikte"));
    await fireEvent.click(screen.getByTestId("check-settings-open"));
    const form = await screen.findByTestId("check-settings");
    const field = (name: string) => form.querySelector(`[name="${name}"]`) as HTMLInputElement & HTMLSelectElement;
    await waitFor(() => expect(field("default_travel_minutes").value).toBe("30"));

    await fireEvent.input(field("default_travel_minutes"), { target: { value: "45" } });
    await fireEvent.click(field("venues_across_visits"));
    await fireEvent.click(within(form).getByTestId("add-travel-pair"));
    await fireEvent.change(field("travel.0.from"), { target: { value: "venue-port" } });
    await fireEvent.change(field("travel.0.to"), { target: { value: "venue-hall" } });
    await fireEvent.input(field("travel.0.minutes"), { target: { value: "20" } });
    expect(field("travel.0.to").selectedOptions[0].textContent).toBe("Rathaus Luzhou, Saal 2");
    await fireEvent.click(within(form).getByTestId("save-check-settings"));

    await waitFor(() => expect(screen.queryByTestId("check-settings")).toBeNull());
    expect(calls.find((c) => c.cmd === "save_check_settings")?.args).toEqual({
      settings: {
        default_travel_minutes: 45,
        venues_across_visits: true,
        travel: [{ from: "venue-port", to: "venue-hall", minutes: 20 }],
      },
    });
    // The check runs again (once the programme has been painted).
    await waitFor(() => expect(calls.filter((c) => c.cmd === "check_visit")).toHaveLength(2));
    const checks = calls.filter((c) => c.cmd === "check_visit");
    expect(calls.indexOf(checks[1])).toBeGreaterThan(calls.findIndex((c) => c.cmd === "save_check_settings"));
  });
});
