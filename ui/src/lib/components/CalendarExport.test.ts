import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import CalendarExport from "./CalendarExport.svelte";
import type { SavedCalendar, VisitView } from "../api/types";
import { i18n } from "../i18n.svelte";
import { mockBackend, saveAnswers, unexpected, visitWithStaff, type SaveAnswer } from "../test-fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "de";
});

// 刘强 Liu Qiang and Dr. Anna Berger take part; Jonas Weber looks after the
// reception without taking part.
const view = visitWithStaff();

/** What the backend says about a calendar saved to `path`: three appointments, nothing taken back or shortened. */
const saved = (path: string | null, more: Partial<SavedCalendar> = {}): SavedCalendar | null =>
  path === null ? null : { path, events: 3, taken_back: 0, shortened: [], ...more };

/** A backend that answers each export with the next of `answers` and records what it was asked. */
function backend(...answers: SaveAnswer[]) {
  const asked: Record<string, unknown>[] = [];
  const answer = saveAnswers(answers);
  mockBackend({ export_calendar: (args) => (asked.push(args), saved(answer())) }, unexpected);
  return asked;
}

const panel = () => screen.getByTestId("calendar-export");
const field = (name: string) => panel().querySelector(`[name="${name}"]`) as HTMLSelectElement;
const scope = (value: string) => panel().querySelector(`[name="calendar_scope"][value="${value}"]`) as HTMLInputElement;

/** Clicks save and waits until the panel has taken in the backend's answer. */
async function save(asked: unknown[]) {
  const before = asked.length;
  await fireEvent.click(screen.getByTestId("save-calendar"));
  await waitFor(() => expect(asked).toHaveLength(before + 1));
  await new Promise((r) => setTimeout(r, 0));
}

describe("CalendarExport", () => {
  it("exports the whole programme in German and Chinese by default and says where it went", async () => {
    const asked = backend("/home/protokoll/Besuch-der-Delegation-aus-Luzhou-in-Herne.ics");
    render(CalendarExport, { view, onclose: () => {} });
    expect(scope("visit").checked).toBe(true);
    expect(field("calendar_langs").value).toBe("de,zh");
    expect(field("calendar_reminder").value).toBe("");
    expect([...field("calendar_langs").options].map((o) => o.textContent)).toEqual([
      "Deutsch",
      "Deutsch + 中文",
      "Deutsch + English",
      "English + 中文",
    ]);
    // It says what Outlook does with a file, and promises no updates.
    expect(panel().textContent).toContain("„Als neuen Kalender öffnen“");
    expect(panel().textContent).not.toContain("ersetzt geänderte");

    await save(asked);
    expect(asked).toEqual([
      {
        visitId: "visit-1",
        person: null,
        duties: false,
        langs: ["de", "zh"],
        reminderMinutes: null,
        edition: "guest",
        tentative: false,
        suggestedName: "Besuch-der-Delegation-aus-Luzhou-in-Herne.ics",
      },
    ]);
    expect(screen.getByRole("status").textContent?.trim()).toBe("Gespeichert: /home/protokoll/Besuch-der-Delegation-aus-Luzhou-in-Herne.ics (3 Termine)");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("offers the participants in precedence, then staff responsible for items", () => {
    backend();
    render(CalendarExport, { view, onclose: () => {} });
    expect([...field("calendar_person").options].map((o) => [o.value, o.textContent])).toEqual([
      ["p-liu", "刘强 Liu Qiang"],
      ["p-berger", "Dr. Anna Berger"],
      ["p-weber", "Jonas Weber"],
    ]);
    // The choices name the person the select shows.
    expect(scope("person").parentElement?.textContent?.trim()).toBe("Programm von 刘强 Liu Qiang");
    expect(scope("duties").parentElement?.textContent?.trim()).toBe("Aufgaben von 刘强 Liu Qiang");
  });

  it.each([
    {
      what: "one person's programme in German with a reminder 15 minutes before",
      pick: { scope: "person", person: "p-liu", langs: "de", reminder: "15" },
      sent: { person: "p-liu", duties: false, langs: ["de"], reminderMinutes: 15, edition: "guest", tentative: false, suggestedName: "Besuch-der-Delegation-aus-Luzhou-in-Herne-Liu-Qiang.ics" },
    },
    {
      what: "a staff member's duties in English and Chinese, an hour before",
      pick: { scope: "duties", person: "p-weber", langs: "en,zh", reminder: "60" },
      sent: { person: "p-weber", duties: true, langs: ["en", "zh"], reminderMinutes: 60, edition: "internal", tentative: false, suggestedName: "Besuch-der-Delegation-aus-Luzhou-in-Herne-Jonas-Weber-Aufgaben.ics" },
    },
    {
      what: "the whole programme in German and English, 30 minutes before",
      pick: { scope: "visit", person: "p-berger", langs: "de,en", reminder: "30" },
      sent: { person: null, duties: false, langs: ["de", "en"], reminderMinutes: 30, edition: "guest", tentative: false, suggestedName: "Besuch-der-Delegation-aus-Luzhou-in-Herne.ics" },
    },
  ])("sends $what", async ({ pick, sent }) => {
    const asked = backend("/tmp/x.ics");
    render(CalendarExport, { view, onclose: () => {} });
    await fireEvent.change(field("calendar_person"), { target: { value: pick.person } });
    await fireEvent.click(scope(pick.scope));
    await fireEvent.change(field("calendar_langs"), { target: { value: pick.langs } });
    await fireEvent.change(field("calendar_reminder"), { target: { value: pick.reminder } });
    await save(asked);
    expect(asked).toEqual([{ visitId: "visit-1", ...sent }]);
  });

  it("makes a guest's calendar in the guest edition and a host's or staff member's internal, unless picked", async () => {
    const asked = backend("/tmp/x.ics");
    render(CalendarExport, { view, onclose: () => {} });
    expect(field("calendar_edition").value).toBe("guest");
    expect(panel().textContent).toContain("ohne interne Notizen");
    await fireEvent.change(field("calendar_person"), { target: { value: "p-berger" } });
    expect(field("calendar_edition").value).toBe("internal");
    expect(panel().querySelector("[name=calendar_tentative]")).toBeNull();
    await fireEvent.change(field("calendar_person"), { target: { value: "p-liu" } });
    expect(field("calendar_edition").value).toBe("guest");
    await fireEvent.click(panel().querySelector("[name=calendar_tentative]")!);
    await save(asked);
    await fireEvent.change(field("calendar_edition"), { target: { value: "internal" } });
    await save(asked);
    expect(asked.map((a) => [a.person, a.edition, a.tentative])).toEqual([
      ["p-liu", "guest", true],
      ["p-liu", "internal", false],
    ]);
  });

  it("turns to the person's programme when someone is picked for the whole programme", async () => {
    const asked = backend("/tmp/x.ics");
    render(CalendarExport, { view, onclose: () => {} });
    await fireEvent.change(field("calendar_person"), { target: { value: "p-berger" } });
    expect(scope("person").checked).toBe(true);
    expect(scope("person").parentElement?.textContent?.trim()).toBe("Programm von Dr. Anna Berger");
    await save(asked);
    expect(asked[0]).toMatchObject({ person: "p-berger", duties: false, suggestedName: "Besuch-der-Delegation-aus-Luzhou-in-Herne-Dr-Anna-Berger.ics" });
  });

  it("starts with the person the programme shows, on their own programme", async () => {
    const asked = backend("/tmp/x.ics");
    render(CalendarExport, { view, person: "p-berger", onclose: () => {} });
    expect(field("calendar_person").value).toBe("p-berger");
    expect(scope("person").checked).toBe(true);
    await save(asked);
    expect(asked[0]).toMatchObject({ person: "p-berger", duties: false });
  });

  it("shows nothing when the save dialog is cancelled, and the backend's reason when it refuses", async () => {
    const asked = backend(
      "/tmp/first.ics",
      null,
      { kind: "invalid", message: "nothing to export: 刘强 Liu Qiang is responsible for no item of this visit" },
      { kind: "not_found", message: "person p-gone takes no part in visit visit-1" },
    );
    render(CalendarExport, { view, onclose: () => {} });
    await save(asked);
    expect(screen.getByRole("status").textContent).toContain("/tmp/first.ics");
    // Cancelled: the earlier message goes, and no new one comes.
    await save(asked);
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();

    await fireEvent.click(scope("duties"));
    await save(asked);
    expect(screen.getByRole("alert").textContent).toBe("nothing to export: 刘强 Liu Qiang is responsible for no item of this visit");
    expect(screen.queryByRole("status")).toBeNull();
    await save(asked);
    expect(screen.getByRole("alert").textContent).toBe("person p-gone takes no part in visit visit-1");
  });

  it("speaks English when the UI does, and suggests programm.ics when no name is left", async () => {
    i18n.lang = "en";
    const asked = backend("/tmp/x.ics");
    const chinese: VisitView = { ...view, visit: { ...view.visit, title: { de: "泸州", en: null, zh: null } }, participants: [], programme: [] };
    render(CalendarExport, { view: chinese, onclose: () => {} });
    expect(field("calendar_person")).toBeNull();
    expect(scope("person")).toBeNull();
    expect([...field("calendar_reminder").options].map((o) => o.textContent)).toEqual(["none", "15 minutes before", "30 minutes before", "1 hour before"]);
    expect(screen.getByTestId("save-calendar").textContent).toBe("Save …");
    await save(asked);
    expect(asked[0]).toMatchObject({ person: null, suggestedName: "programm.ics" });
    expect(screen.getByRole("status").textContent?.trim()).toBe("Saved: /tmp/x.ics (3 appointments)");
  });

  it("asks once while the save dialog is open", async () => {
    const asked: unknown[] = [];
    let answer: (path: string | null) => void = () => {};
    mockIPC((_cmd, args) => {
      asked.push(args);
      return new Promise((resolve) => (answer = (path) => resolve(saved(path))));
    });
    render(CalendarExport, { view, onclose: () => {} });
    const button = screen.getByTestId("save-calendar") as HTMLButtonElement;
    await fireEvent.click(button);
    await waitFor(() => expect(button.disabled).toBe(true));
    await fireEvent.click(button);
    expect(asked).toHaveLength(1);
    answer("/tmp/x.ics");
    await waitFor(() => expect(button.disabled).toBe(false));
    expect(screen.getByRole("status").textContent?.trim()).toBe("Gespeichert: /tmp/x.ics (3 Termine)");
  });

  it("says that Outlook opens a file with one appointment as that appointment", async () => {
    mockBackend({ export_calendar: () => saved("/tmp/x.ics", { events: 1 }) }, unexpected);
    render(CalendarExport, { view, onclose: () => {} });
    await fireEvent.click(screen.getByTestId("save-calendar"));
    const status = await screen.findByRole("status");
    expect(status.textContent).toContain("/tmp/x.ics (1 Termin)");
    expect(status.textContent).toContain("Outlook öffnet sie als diesen einen Termin");
  });

  it("says which appointments take back removed items and which titles were shortened", async () => {
    mockBackend(
      { export_calendar: () => saved("/tmp/x.ics", { events: 5, taken_back: 2, shortened: ["Empfang im Rathaus mit sehr langem Titel"] }) },
      unexpected,
    );
    render(CalendarExport, { view, onclose: () => {} });
    await fireEvent.click(screen.getByTestId("save-calendar"));
    const status = await screen.findByRole("status");
    expect(status.textContent).toContain("(5 Termine)");
    expect(status.textContent).toContain("2 davon nehmen als „Abgesagt“ Termine zurück");
    expect(status.textContent).toContain("Auf 255 Zeichen gekürzt");
    expect([...status.querySelectorAll("li")].map((li) => li.textContent)).toEqual(["Empfang im Rathaus mit sehr langem Titel"]);
  });

  it("closes", async () => {
    backend();
    let closed = false;
    render(CalendarExport, { view, onclose: () => (closed = true) });
    await fireEvent.click(screen.getByTestId("close-calendar"));
    expect(closed).toBe(true);
  });
});
