import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import ItineraryPrint from "./ItineraryPrint.svelte";
import type { VisitView } from "../api/types";
import { i18n } from "../i18n.svelte";
import { mockBackend, saveAnswers, unexpected, visitWithStaff, type SaveAnswer } from "../test-fixtures";

let printed: (string | undefined)[] = [];
beforeEach(() => {
  printed = [];
  // jsdom cannot print; the mock records what the printout would hold.
  vi.spyOn(window, "print").mockImplementation(() => {
    printed.push(document.querySelector("body > .print-copy")?.innerHTML);
  });
});

afterEach(() => {
  cleanup();
  clearMocks();
  vi.restoreAllMocks();
  i18n.lang = "de";
});

// 刘强 Liu Qiang and Dr. Anna Berger take part; Jonas Weber looks after the
// reception without taking part.
const view = visitWithStaff();

type Args = { visitId: string; person: string | null; langs: string[]; layout: string; edition?: string; tentative?: boolean; suggestedName?: string };

/** A fragment the way Rust writes it, naming what it was asked for. */
const fragment = (a: Args) =>
  `<style>.itinerary { color: #1d2530; } @page { size: A4; }</style>` +
  `<div class="itinerary" lang="${a.langs[0]}"><h1>${a.person ?? "visit"} ${a.langs.join("+")} ${a.layout}</h1>` +
  `<div class="item" data-testid="itinerary-item">10:00 Empfang im Rathaus</div></div>`;

/** The preview command's answer: the fragment and what it prints untranslated. */
const answerOf = (a: Args, missing: unknown[] = []) => ({ html: fragment(a), missing });

/**
 * A backend that answers previews with `preview` (a fragment by default) and
 * each PDF save with the next of `saves`, and records what it was asked.
 */
function backend(saves: SaveAnswer[] = [], preview: (a: Args) => unknown = (a) => answerOf(a)) {
  const previews: Args[] = [];
  const saved: Args[] = [];
  const answer = saveAnswers(saves);
  mockBackend(
    {
      itinerary_preview: (args) => (previews.push(args as Args), preview(args as Args)),
      save_itinerary_pdf: (args) => (saved.push(args as Args), answer()),
    },
    unexpected,
  );
  return { previews, saved };
}

const panel = () => screen.getByTestId("itinerary-print");
const field = (name: string) => panel().querySelector(`[name="${name}"]`) as HTMLSelectElement;
const layout = (value: string) => panel().querySelector(`[name="itinerary_layout"][value="${value}"]`) as HTMLInputElement;
const shown = () => screen.getByTestId("itinerary-preview").querySelector("h1")?.textContent;

/** Waits until the preview shows the sheet for `label` ("visit de+zh side_by_side"). */
const showing = (label: string) => waitFor(() => expect(shown()).toBe(label));

/** Clicks save and waits until the panel has taken in the backend's answer. */
async function save(saved: unknown[]) {
  const before = saved.length;
  await fireEvent.click(screen.getByTestId("save-itinerary-pdf"));
  await waitFor(() => expect(saved).toHaveLength(before + 1));
  await new Promise((r) => setTimeout(r, 0));
}

describe("ItineraryPrint", () => {
  it("previews the whole visit in German and Chinese side by side, as Rust wrote it", async () => {
    const { previews } = backend();
    render(ItineraryPrint, { view, onclose: () => {} });
    expect(field("itinerary_person").value).toBe("");
    expect(field("itinerary_langs").value).toBe("de,zh");
    expect(layout("side_by_side").checked).toBe(true);
    expect([...field("itinerary_langs").options].map((o) => o.textContent)).toEqual([
      "Deutsch",
      "Deutsch + 中文",
      "Deutsch + English",
      "English + 中文",
    ]);
    expect([...panel().querySelectorAll<HTMLInputElement>("[name=itinerary_layout]")].map((r) => r.parentElement?.textContent?.trim())).toEqual([
      "nebeneinander",
      "untereinander",
    ]);

    await showing("visit de+zh side_by_side");
    expect(previews).toEqual([{ visitId: "visit-1", person: null, langs: ["de", "zh"], layout: "side_by_side", edition: "guest", tentative: false }]);
    const sheet = screen.getByTestId("itinerary-preview");
    expect(within(sheet).getAllByTestId("itinerary-item").map((i) => i.textContent)).toEqual(["10:00 Empfang im Rathaus"]);
    expect(sheet.querySelector(":scope > style")?.textContent).toContain("@page { size: A4; }");
    expect(sheet.querySelector(".itinerary")?.getAttribute("lang")).toBe("de");
  });

  it("offers the whole visit, the participants in precedence, then staff responsible for items", () => {
    backend();
    render(ItineraryPrint, { view, onclose: () => {} });
    expect([...field("itinerary_person").options].map((o) => [o.value, o.textContent])).toEqual([
      ["", "Ganzer Besuch"],
      ["p-liu", "刘强 Liu Qiang"],
      ["p-berger", "Dr. Anna Berger"],
      ["p-weber", "Jonas Weber"],
    ]);
  });

  it.each([
    { what: "one person", pick: { person: "p-liu" }, sent: { person: "p-liu", langs: ["de", "zh"], layout: "side_by_side", edition: "guest", tentative: false } },
    { what: "staff who take no part", pick: { person: "p-weber" }, sent: { person: "p-weber", langs: ["de", "zh"], layout: "side_by_side", edition: "internal", tentative: false } },
    { what: "German only", pick: { langs: "de" }, sent: { person: null, langs: ["de"], layout: "side_by_side", edition: "guest", tentative: false } },
    { what: "German and English one below the other", pick: { langs: "de,en", layout: "stacked" }, sent: { person: null, langs: ["de", "en"], layout: "stacked", edition: "guest", tentative: false } },
    { what: "English and Chinese for a person", pick: { person: "p-berger", langs: "en,zh" }, sent: { person: "p-berger", langs: ["en", "zh"], layout: "side_by_side", edition: "internal", tentative: false } },
  ])("asks for a new preview for $what", async ({ pick, sent }) => {
    const { previews } = backend();
    render(ItineraryPrint, { view, onclose: () => {} });
    await showing("visit de+zh side_by_side");
    if (pick.person) await fireEvent.change(field("itinerary_person"), { target: { value: pick.person } });
    if (pick.langs) await fireEvent.change(field("itinerary_langs"), { target: { value: pick.langs } });
    if (pick.layout) await fireEvent.click(layout(pick.layout));
    await showing(`${sent.person ?? "visit"} ${sent.langs.join("+")} ${sent.layout}`);
    expect(previews.at(-1)).toEqual({ visitId: "visit-1", ...sent });
  });

  it("makes the guest edition for the delegation and for guests, the internal one for hosts and staff, and lets the user pick", async () => {
    const { previews } = backend();
    render(ItineraryPrint, { view, onclose: () => {} });
    const edition = (value: string) => panel().querySelector(`[name="itinerary_edition"][value="${value}"]`) as HTMLInputElement;
    const tentative = () => panel().querySelector<HTMLInputElement>("[name=itinerary_tentative]");
    await showing("visit de+zh side_by_side");
    expect(edition("guest").checked).toBe(true);
    expect([...panel().querySelectorAll<HTMLInputElement>("[name=itinerary_edition]")].map((r) => r.parentElement?.textContent?.trim())).toEqual([
      "Für Gäste",
      "Intern",
    ]);
    expect(screen.getByTestId("edition-hint").textContent).toContain("ohne interne Notizen");
    // Tentative items only when asked, and only in a guest edition.
    await fireEvent.click(tentative()!);
    await waitFor(() => expect(previews.at(-1)).toMatchObject({ edition: "guest", tentative: true }));
    await fireEvent.click(edition("internal"));
    await waitFor(() => expect(previews.at(-1)).toMatchObject({ edition: "internal", tentative: false }));
    expect(tentative()).toBeNull();
    expect(screen.getByTestId("edition-hint").textContent).toContain("Interne Fassung – nicht für Gäste");
    // A host's copy is internal, a guest's copy for guests.
    await fireEvent.change(field("itinerary_person"), { target: { value: "p-berger" } });
    expect(edition("internal").checked).toBe(true);
    await fireEvent.change(field("itinerary_person"), { target: { value: "p-liu" } });
    expect(edition("guest").checked).toBe(true);
    await waitFor(() => expect(previews.at(-1)).toMatchObject({ person: "p-liu", edition: "guest", tentative: true }));
  });

  it("offers the layout only for two languages, and keeps it for when two come back", async () => {
    const { previews } = backend();
    render(ItineraryPrint, { view, onclose: () => {} });
    await fireEvent.click(layout("stacked"));
    await showing("visit de+zh stacked");

    await fireEvent.change(field("itinerary_langs"), { target: { value: "de" } });
    expect(screen.queryByTestId("itinerary-layout")).toBeNull();
    expect(layout("stacked")).toBeNull();
    await showing("visit de stacked");

    await fireEvent.change(field("itinerary_langs"), { target: { value: "en,zh" } });
    expect(layout("stacked").checked).toBe(true);
    await showing("visit en+zh stacked");
    expect(previews.map((p) => p.langs.join("+"))).toEqual(["de+zh", "de+zh", "de", "en+zh"]);
  });

  it("starts with the person the programme shows", async () => {
    const { previews, saved } = backend(["/home/protokoll/Besuch-der-Delegation-aus-Luzhou-in-Herne-Dr-Anna-Berger.pdf"]);
    render(ItineraryPrint, { view, person: "p-berger", onclose: () => {} });
    expect(field("itinerary_person").value).toBe("p-berger");
    await showing("p-berger de+zh side_by_side");
    expect(previews).toHaveLength(1);
    await save(saved);
    expect(saved[0]).toMatchObject({ person: "p-berger", suggestedName: "Besuch-der-Delegation-aus-Luzhou-in-Herne-Dr-Anna-Berger.pdf" });
  });

  it("keeps a person the programme shows whom the visit does not name", async () => {
    backend();
    render(ItineraryPrint, { view, person: "p-gone", onclose: () => {} });
    expect(field("itinerary_person").selectedOptions[0].textContent).toBe("Unbekannte Person");
    await showing("p-gone de+zh side_by_side");
  });

  it("drops a preview that arrives after a newer one was asked for", async () => {
    const answers: ((html: string) => void)[] = [];
    const { previews } = backend([], (a) => new Promise((resolve) => answers.push(() => resolve(answerOf(a)))));
    render(ItineraryPrint, { view, onclose: () => {} });
    await waitFor(() => expect(previews).toHaveLength(1));
    expect(panel().textContent).toContain("Wird geladen …");
    await fireEvent.change(field("itinerary_person"), { target: { value: "p-liu" } });
    await waitFor(() => expect(previews).toHaveLength(2));

    answers[1]("");
    await showing("p-liu de+zh side_by_side");
    const print = screen.getByTestId("print-itinerary") as HTMLButtonElement;
    expect(print.disabled).toBe(false);
    answers[0]("");
    await new Promise((r) => setTimeout(r, 10));
    expect(shown()).toBe("p-liu de+zh side_by_side");

    // While a new sheet is on its way, the last one stays, dimmed, and is not printed.
    await fireEvent.change(field("itinerary_langs"), { target: { value: "de" } });
    await waitFor(() => expect(previews).toHaveLength(3));
    expect(screen.getByTestId("itinerary-preview").classList.contains("stale")).toBe(true);
    expect(print.disabled).toBe(true);
    answers[2]("");
    await showing("p-liu de side_by_side");
    expect(screen.getByTestId("itinerary-preview").classList.contains("stale")).toBe(false);
    expect(print.disabled).toBe(false);
  });

  it("says why the preview failed", async () => {
    backend([], () => {
      throw { kind: "not_found", message: "the person p-gone takes no part in this visit", fields: [] };
    });
    render(ItineraryPrint, { view, person: "p-gone", onclose: () => {} });
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("the person p-gone takes no part in this visit"));
    expect(screen.queryByTestId("itinerary-preview")).toBeNull();
    expect((screen.getByTestId("print-itinerary") as HTMLButtonElement).disabled).toBe(true);
  });

  it("prints the sheet alone with the system's dialog, also with Ctrl+P", async () => {
    backend();
    render(ItineraryPrint, { view, onclose: () => {} });
    await showing("visit de+zh side_by_side");
    await fireEvent.click(screen.getByTestId("print-itinerary"));
    expect(window.print).toHaveBeenCalledTimes(1);
    // What prints is a copy of the fragment at the end of <body>, where the
    // print CSS hides everything else.
    expect(printed).toEqual([fragment({ visitId: "visit-1", person: null, langs: ["de", "zh"], layout: "side_by_side" })]);
    window.dispatchEvent(new Event("afterprint"));
    expect(document.querySelector(".print-copy")).toBeNull();

    await fireEvent.keyDown(field("itinerary_langs"), { key: "p", ctrlKey: true });
    expect(window.print).toHaveBeenCalledTimes(2);
    // A copy left behind by a dialog that never said it was done goes with the panel.
    cleanup();
    expect(document.querySelector(".print-copy")).toBeNull();
  });

  it("saves the PDF under a suggested name and says where it went", async () => {
    const { saved } = backend(["/home/protokoll/Besuch-der-Delegation-aus-Luzhou-in-Herne-Programm.pdf", "/tmp/x.pdf"]);
    render(ItineraryPrint, { view, onclose: () => {} });
    await save(saved);
    expect(saved).toEqual([
      {
        visitId: "visit-1",
        person: null,
        langs: ["de", "zh"],
        layout: "side_by_side",
        edition: "guest",
        tentative: false,
        suggestedName: "Besuch-der-Delegation-aus-Luzhou-in-Herne-Programm.pdf",
      },
    ]);
    expect(screen.getByRole("status").textContent).toBe("Gespeichert: /home/protokoll/Besuch-der-Delegation-aus-Luzhou-in-Herne-Programm.pdf");
    expect(screen.queryByRole("alert")).toBeNull();

    await fireEvent.change(field("itinerary_person"), { target: { value: "p-liu" } });
    await fireEvent.change(field("itinerary_langs"), { target: { value: "en,zh" } });
    await fireEvent.click(layout("stacked"));
    await save(saved);
    expect(saved[1]).toEqual({
      visitId: "visit-1",
      person: "p-liu",
      langs: ["en", "zh"],
      layout: "stacked",
      edition: "guest",
      tentative: false,
      suggestedName: "Besuch-der-Delegation-aus-Luzhou-in-Herne-Liu-Qiang.pdf",
    });
  });

  it("shows nothing when the save dialog is cancelled, and the backend's reason when it fails", async () => {
    const { saved } = backend([
      "/tmp/first.pdf",
      null,
      { kind: "internal", message: "no font for Chinese is installed (looked for Noto Sans CJK SC); on Debian: apt install fonts-noto-cjk" },
    ]);
    render(ItineraryPrint, { view, onclose: () => {} });
    await showing("visit de+zh side_by_side");
    await save(saved);
    expect(screen.getByRole("status").textContent).toContain("/tmp/first.pdf");
    // Cancelled: the earlier message goes, and no new one comes.
    await save(saved);
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    await save(saved);
    expect(screen.getByRole("alert").textContent).toBe(
      "no font for Chinese is installed (looked for Noto Sans CJK SC); on Debian: apt install fonts-noto-cjk",
    );
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("asks once while the save dialog is open", async () => {
    let answer: (path: string | null) => void = () => {};
    const saved: unknown[] = [];
    mockIPC((cmd, raw) => {
      if (cmd === "itinerary_preview") return answerOf(raw as Args);
      saved.push(raw);
      return new Promise((resolve) => (answer = resolve));
    });
    render(ItineraryPrint, { view, onclose: () => {} });
    const button = screen.getByTestId("save-itinerary-pdf") as HTMLButtonElement;
    await fireEvent.click(button);
    await waitFor(() => expect(button.disabled).toBe(true));
    await fireEvent.click(button);
    expect(saved).toHaveLength(1);
    answer("/tmp/x.pdf");
    await waitFor(() => expect(button.disabled).toBe(false));
    expect(screen.getByRole("status").textContent).toBe("Gespeichert: /tmp/x.pdf");
  });

  it("closes with its button and with Escape", async () => {
    backend();
    let closed = 0;
    render(ItineraryPrint, { view, onclose: () => closed++ });
    // The focus starts on the first choice.
    expect(document.activeElement).toBe(field("itinerary_person"));
    await fireEvent.click(screen.getByTestId("close-itinerary-print"));
    await fireEvent.keyDown(field("itinerary_langs"), { key: "Escape" });
    expect(closed).toBe(2);
  });

  it("speaks English when the UI does and names an English itinerary's file so", async () => {
    i18n.lang = "en";
    const { saved } = backend(["/tmp/x.pdf"]);
    const chinese: VisitView = { ...view, visit: { ...view.visit, title: { de: "泸州", en: null, zh: null } } };
    render(ItineraryPrint, { view: chinese, onclose: () => {} });
    expect(field("itinerary_person").options[0].textContent).toBe("Whole visit");
    expect(layout("stacked").parentElement?.textContent?.trim()).toBe("one below the other");
    expect(screen.getByTestId("print-itinerary").textContent).toBe("Print …");
    expect(screen.getByTestId("save-itinerary-pdf").textContent).toBe("Save as PDF …");
    await fireEvent.change(field("itinerary_langs"), { target: { value: "en,zh" } });
    await save(saved);
    expect(saved[0]).toMatchObject({ person: null, suggestedName: "Programme.pdf" });
    expect(screen.getByRole("status").textContent).toBe("Saved: /tmp/x.pdf");
  });
});

describe("ItineraryPrint: texts without a translation", () => {
  it("lists each one, in the UI's words, before anything is printed", async () => {
    backend([], (a) =>
      answerOf(
        a,
        a.langs.includes("zh")
          ? [
              { what: "Empfang im Rathaus", field: "guest_notes", lang: "zh" },
              { what: "Dr. Anna Berger", field: "position", lang: "zh" },
            ]
          : [],
      ),
    );
    render(ItineraryPrint, { view, onclose: () => {} });
    const list = await screen.findByTestId("missing-translations");
    expect(list.querySelector("summary")?.textContent).toContain("2 Texte ohne Übersetzung");
    expect(within(list).getAllByTestId("missing-translation").map((li) => li.textContent)).toEqual([
      "„Empfang im Rathaus“ – Hinweise für Gäste – Chinesisch",
      "„Dr. Anna Berger“ – Amtsbezeichnung – Chinesisch",
    ]);
    // German alone needs no translation: the list goes away.
    await fireEvent.change(field("itinerary_langs"), { target: { value: "de" } });
    await waitFor(() => expect(screen.queryByTestId("missing-translations")).toBeNull());
  });
});

