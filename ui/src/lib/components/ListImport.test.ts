import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import ListImport from "./ListImport.svelte";
import type { Field, ListReview, Mapping, ParticipantImportReport, Side } from "../api/types";
import { i18n } from "../i18n.svelte";
import { visit } from "../test-fixtures";

// jsdom's Blob has no arrayBuffer() (the app's WebKitGTK has); its
// FileReader reads the same bytes, so a dropped File can be read as in the app.
if (typeof Blob.prototype.arrayBuffer !== "function") {
  Blob.prototype.arrayBuffer = function (this: Blob): Promise<ArrayBuffer> {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(this);
    });
  };
}

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "de";
});

const FIELDS: { field: Field; de: string; en: string }[] = [
  { field: "family_name", de: "Nachname", en: "Family name" },
  { field: "given_name", de: "Vorname", en: "Given name" },
  { field: "organisation_de", de: "Organisation (deutsch)", en: "Organisation (German)" },
  { field: "role", de: "Rolle", en: "Role" },
];

/** A list of three columns (Name, Vorname, Institution) as Rust reviews it with `mapping`. */
function reviewOf(mapping: Mapping, over: Partial<ListReview> = {}): ListReview {
  const fieldOf = (c: number) =>
    (Object.entries(mapping.fields) as [Field, number][]).find(([, i]) => i === c)?.[0] ?? null;
  return {
    header_row: 1,
    columns: ["Name", "Vorname", "Institution"].map((label, index) => ({ index, label, field: fieldOf(index) })),
    sample: [
      ["Liu", "Qiang", "Stadtregierung Luzhou"],
      ["Wang", "Fang", "Büro für Auswärtiges"],
    ],
    rows: 2,
    mapping,
    fields: FIELDS,
    drafts: [
      { row: 2, name: "LIU Qiang", organisation: "Stadtregierung Luzhou", side: "guest", role: "head_of_delegation", notes: [] },
      { row: 3, name: "WANG Fang", organisation: "Büro für Auswärtiges", side: "guest", role: "member", notes: ["Name als Familienname, Vorname gelesen"] },
    ],
    errors: [],
    unmapped: [],
    encoding: null,
    ...over,
  };
}

const detected: Mapping = { fields: { family_name: 0, given_name: 1, organisation_de: 2 } };

const report = (dry_run: boolean): ParticipantImportReport => ({
  visit_id: "visit-1",
  dry_run,
  rows: [],
  new_persons: 1,
  known_persons: 1,
  already_in_visit: 0,
});

type Sent = { cmd: string; args: unknown };

/** Answers the list commands as Rust would for `first` and records every call. */
function backend(first: ListReview | (() => never), sent: Sent[], review: (m: Mapping) => ListReview = (m) => reviewOf(m)) {
  mockIPC((cmd, args) => {
    sent.push({ cmd, args });
    if (cmd === "open_participant_list" || cmd === "load_participant_list") return typeof first === "function" ? first() : first;
    if (cmd === "review_participant_list") return review((args as { mapping: Mapping }).mapping);
    if (cmd === "import_participant_list") return report((args as { dryRun: boolean }).dryRun);
    throw { kind: "internal", message: `unexpected ${cmd}`, fields: [] };
  });
}

function setup() {
  let imported = 0;
  render(ListImport, { visit: visit(), onimported: () => imported++, onclose: () => {} });
  return () => imported;
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const selects = () => screen.getAllByTestId("mapping-select") as HTMLSelectElement[];
const importArgs = (sent: Sent[]) =>
  sent.filter((s) => s.cmd === "import_participant_list").map((s) => s.args as { visitId: string; mapping: Mapping; defaultSide: Side; onlyValid: boolean; dryRun: boolean });

describe("ListImport", () => {
  it("shows the columns with their fields and the sample rows of a picked file", async () => {
    const sent: Sent[] = [];
    backend(reviewOf(detected), sent);
    setup();
    await fireEvent.click(screen.getByTestId("list-pick"));
    await screen.findAllByTestId("sample-row");

    expect(sent[0]).toEqual({ cmd: "open_participant_list", args: { visitId: "visit-1", defaultSide: "guest" } });
    expect(screen.getAllByRole("columnheader").map((th) => th.querySelector(".label")?.textContent)).toEqual(["Name", "Vorname", "Institution"]);
    expect(selects().map((s) => s.value)).toEqual(["family_name", "given_name", "organisation_de"]);
    expect(selects().map((s) => s.dataset.column)).toEqual(["0", "1", "2"]);
    // The choices are "do not import" and the fields in the UI language.
    expect([...selects()[0].options].map((o) => o.textContent)).toEqual(["— nicht importieren —", "Nachname", "Vorname", "Organisation (deutsch)", "Rolle"]);
    expect(screen.getAllByTestId("sample-row").map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent))).toEqual([
      ["Liu", "Qiang", "Stadtregierung Luzhou"],
      ["Wang", "Fang", "Büro für Auswärtiges"],
    ]);
    expect(screen.getByTestId("list-counts").textContent).toBe("2 Zeilen, davon 2 gültig");
    const drafts = screen.getAllByTestId("draft").map((d) => d.textContent);
    expect(drafts[0]).toContain("LIU Qiang");
    expect(drafts[0]).toContain("Stadtregierung Luzhou · Gast · Delegationsleiter/in");
    expect(drafts[1]).toContain("Name als Familienname, Vorname gelesen");
  });

  it("re-reviews with the new mapping, unmapping the column that fed the field before", async () => {
    const sent: Sent[] = [];
    backend(reviewOf(detected), sent);
    setup();
    await fireEvent.click(screen.getByTestId("list-pick"));
    await screen.findAllByTestId("sample-row");

    // "Institution" now feeds the family name; "Name" fed it and feeds nothing now.
    await fireEvent.change(selects()[2], { target: { value: "family_name" } });
    await screen.findByDisplayValue("— nicht importieren —");

    const reviews = sent.filter((s) => s.cmd === "review_participant_list");
    expect(reviews).toEqual([
      { cmd: "review_participant_list", args: { visitId: "visit-1", mapping: { fields: { given_name: 1, family_name: 2 } }, defaultSide: "guest" } },
    ]);
    expect(selects().map((s) => s.value)).toEqual(["", "given_name", "family_name"]);

    // Choosing "do not import" drops the column's field and nothing else.
    await fireEvent.change(selects()[1], { target: { value: "" } });
    await tick();
    expect(sent.filter((s) => s.cmd === "review_participant_list").at(-1)?.args).toEqual({
      visitId: "visit-1",
      mapping: { fields: { family_name: 2 } },
      defaultSide: "guest",
    });
  });

  it("keeps the import disabled while rows have errors, until only valid rows are chosen", async () => {
    const sent: Sent[] = [];
    const withErrors = reviewOf(detected, {
      rows: 3,
      errors: [
        { row: 7, column: "Name", reason: "the family name is empty" },
        { row: 9, column: null, reason: "the row repeats row 2" },
      ],
    });
    backend(withErrors, sent);
    setup();
    await fireEvent.click(screen.getByTestId("list-pick"));
    await screen.findAllByTestId("sample-row");

    expect(screen.getByTestId("list-counts").textContent).toBe("3 Zeilen, davon 2 gültig");
    expect([...screen.getByTestId("row-errors").querySelectorAll("li")].map((li) => li.textContent)).toEqual([
      "Zeile 7, Spalte „Name“: the family name is empty",
      "Zeile 9: the row repeats row 2",
    ]);
    const importButton = screen.getByTestId("import-list") as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);
    // With errors and without "only valid rows" no dry run is asked for.
    expect(importArgs(sent)).toEqual([]);
    expect(screen.queryByTestId("dry-run-report")).toBeNull();

    await fireEvent.click(screen.getByTestId("only-valid"));
    await screen.findByTestId("dry-run-report");
    expect(importButton.disabled).toBe(false);
    expect(importArgs(sent)).toEqual([{ visitId: "visit-1", mapping: detected, defaultSide: "guest", onlyValid: true, dryRun: true }]);
  });

  it("shows in English what the dry run says an import would do", async () => {
    i18n.lang = "en";
    const sent: Sent[] = [];
    backend(reviewOf(detected, { errors: [{ row: 4, column: "Vorname", reason: "contains a control character" }] }), sent);
    setup();
    await fireEvent.click(screen.getByTestId("list-pick"));
    await screen.findAllByTestId("sample-row");
    expect(screen.getByTestId("row-errors").textContent).toBe("Row 4, column “Vorname”: contains a control character");
    await fireEvent.click(screen.getByTestId("only-valid"));

    expect((await screen.findByTestId("dry-run-report")).textContent).toBe(
      "On import: 1 new, 1 known from the address book, 0 already in the visit",
    );
    expect(screen.getAllByTestId("draft")[0].textContent).toContain("Stadtregierung Luzhou · Guest · Head of delegation");
  });

  it("runs a dry run by itself for a list without errors and imports with dryRun false", async () => {
    const sent: Sent[] = [];
    backend(reviewOf(detected), sent);
    const imported = setup();
    await fireEvent.click(screen.getByTestId("list-pick"));

    expect((await screen.findByTestId("dry-run-report")).textContent).toBe(
      "Beim Import: 1 neu, 1 aus dem Adressbuch bekannt, 0 schon im Besuch",
    );
    expect(imported()).toBe(0);

    await fireEvent.click(screen.getByTestId("import-list"));
    expect((await screen.findByTestId("import-report")).textContent).toBe(
      "Importiert: 1 neu, 1 aus dem Adressbuch bekannt, 0 schon im Besuch (unverändert)",
    );
    expect(importArgs(sent)).toEqual([
      { visitId: "visit-1", mapping: detected, defaultSide: "guest", onlyValid: false, dryRun: true },
      { visitId: "visit-1", mapping: detected, defaultSide: "guest", onlyValid: false, dryRun: false },
    ]);
    expect(imported()).toBe(1);
  });

  it("re-reviews with the default side the user chose for rows that do not say", async () => {
    const sent: Sent[] = [];
    backend(reviewOf(detected), sent);
    setup();
    await fireEvent.click(screen.getByTestId("list-pick"));
    await screen.findByTestId("dry-run-report");

    await fireEvent.change(screen.getByTestId("list-side"), { target: { value: "host" } });
    await tick();
    expect(sent.filter((s) => s.cmd === "review_participant_list").map((s) => s.args)).toEqual([
      { visitId: "visit-1", mapping: detected, defaultSide: "host" },
    ]);
    expect(importArgs(sent).at(-1)).toEqual({ visitId: "visit-1", mapping: detected, defaultSide: "host", onlyValid: false, dryRun: true });
  });

  it("sends the bytes of a dropped file to load_participant_list", async () => {
    const sent: Sent[] = [];
    backend(reviewOf(detected), sent);
    setup();
    const bytes = new TextEncoder().encode("Name;Vorname\nLiu;Qiang\n");
    const file = new File([bytes], "teilnehmer.csv", { type: "text/csv" });

    await fireEvent.dragOver(screen.getByTestId("list-drop"));
    await fireEvent.drop(screen.getByTestId("list-drop"), { dataTransfer: { files: [file] } });
    await screen.findAllByTestId("sample-row");

    const load = sent.find((s) => s.cmd === "load_participant_list");
    expect(load?.args).toBeInstanceOf(Uint8Array);
    const body = load?.args as Uint8Array;
    expect(body.length).toBe(bytes.length);
    expect(new TextDecoder().decode(body)).toBe("Name;Vorname\nLiu;Qiang\n");
  });

  it("shows why a broken file could not be read", async () => {
    const sent: Sent[] = [];
    backend(() => {
      throw { kind: "invalid", message: "the file is neither a CSV nor an Excel workbook", fields: [] };
    }, sent);
    setup();
    await fireEvent.click(screen.getByTestId("list-pick"));

    expect((await screen.findByTestId("list-error")).textContent).toBe("the file is neither a CSV nor an Excel workbook");
    expect(screen.queryByTestId("mapping-select")).toBeNull();
    expect(screen.queryByTestId("import-list")).toBeNull();
  });

  it("warns in German and English when the list's encoding was guessed and looks wrong", async () => {
    backend(reviewOf(detected, { encoding: { read_as: "windows_1252", doubtful: true } }), []);
    setup();
    await fireEvent.click(screen.getByTestId("list-pick"));
    const warning = await screen.findByTestId("list-encoding");
    expect(warning.textContent?.trim()).toBe(
      "Die Kodierung der Liste wurde als Windows-1252 (westeuropäisch) geraten; prüfen Sie Namen mit Umlauten und chinesischen Zeichen, oder speichern Sie die Liste als UTF-8 bzw. .xlsx.",
    );
    i18n.lang = "en";
    await tick();
    expect(screen.getByTestId("list-encoding").textContent?.trim()).toBe(
      "The list's encoding was guessed as Windows-1252 (Western European); check names with umlauts and Chinese characters, or save the list as UTF-8 / .xlsx.",
    );
  });

  it("says nothing about an encoding that was guessed without doubt", async () => {
    backend(reviewOf(detected, { encoding: { read_as: "gbk", doubtful: false } }), []);
    setup();
    await fireEvent.click(screen.getByTestId("list-pick"));
    await screen.findAllByTestId("sample-row");
    expect(screen.queryByTestId("list-encoding")).toBeNull();
  });
});
