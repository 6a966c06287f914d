import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import VisitList from "./VisitList.svelte";
import type { ImportReport, Visit } from "../api/types";
import { type Call, mockBackend } from "../test-fixtures";

const visit = (over: Partial<Visit>): Visit => ({
  id: "v1",
  title: { de: "Besuch aus Luzhou", en: "Visit from Luzhou", zh: "泸州代表团" },
  direction: "incoming",
  partner_city: "Luzhou",
  first_day: "2027-03-24",
  last_day: "2027-03-28",
  time_zone: "Europe/Berlin",
  status: "confirmed",
  hosts: ["Stadt Herne"],
  notes: "",
  ...over,
});

const sharedChanges: ImportReport["shared_changes"] = [
  { what: "person", id: "p1", name: "王芳 Wang Fang", fields: ["family_name", "personal.passport_number"], other_visits: ["Besuch 2026"] },
  { what: "venue", id: "v9", name: "Rathaus Herne", fields: ["address"], other_visits: ["Besuch 2026", "Reise 2028"] },
];

const importReport = (shared_changes: ImportReport["shared_changes"] = []): ImportReport => ({
  visit_id: "imported-1",
  title: "X",
  dry_run: false,
  created: true,
  items_added: 1,
  items_changed: 0,
  items_unchanged: 0,
  items_removed: 0,
  persons_added: 0,
  persons_updated: 0,
  venues_added: 0,
  venues_updated: 0,
  participants: 1,
  shared: "update",
  shared_changes,
});

/** The arguments of each import_visit_file call. */
const imports = (calls: Call[]) => calls.filter((c) => c.cmd === "import_visit_file").map((c) => c.args);

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("VisitList", () => {
  it("lists visits by date and filters by search and status", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_visits")
        return [
          visit({ id: "b", first_day: "2027-05-16", last_day: "2027-05-22", title: { de: "Reise nach Luzhou", en: null, zh: null }, direction: "outgoing", status: "planning" }),
          visit({ id: "a" }),
        ];
    });
    let opened = "";
    render(VisitList, { onopen: (id: string) => (opened = id), onnew: () => {} });
    const rows = await screen.findAllByTestId("visit-row");
    expect(rows.map((r) => r.querySelector(".title")?.textContent)).toEqual(["Besuch aus Luzhou", "Reise nach Luzhou"]);
    expect(rows[0].textContent).toContain("泸州代表团");

    await fireEvent.input(screen.getByRole("searchbox"), { target: { value: "reise" } });
    expect(screen.getAllByTestId("visit-row")).toHaveLength(1);

    await fireEvent.input(screen.getByRole("searchbox"), { target: { value: "" } });
    await fireEvent.change(screen.getAllByRole("combobox")[0], { target: { value: "confirmed" } });
    const confirmed = screen.getAllByTestId("visit-row");
    expect(confirmed).toHaveLength(1);
    await fireEvent.click(confirmed[0]);
    expect(opened).toBe("a");
  });

  it("builds five years of visits a screenful at a time, then all of them", async () => {
    const many = Array.from({ length: 130 }, (_, n) =>
      visit({ id: `v${n}`, first_day: `2027-01-${String((n % 28) + 1).padStart(2, "0")}`, last_day: "2027-02-01", title: { de: `Besuch ${n}`, en: null, zh: null } }),
    );
    mockIPC((cmd) => (cmd === "list_visits" ? many : null));
    render(VisitList, { onopen: () => {}, onnew: () => {} });
    const first = await screen.findAllByTestId("visit-row");
    expect(first).toHaveLength(40);
    await waitFor(() => expect(screen.getAllByTestId("visit-row")).toHaveLength(130));
    // A search over all of them still finds one that was built last.
    await fireEvent.input(screen.getByRole("searchbox"), { target: { value: "Besuch 129" } });
    expect(screen.getAllByTestId("visit-row")).toHaveLength(1);
  });

  it("shows the error message the backend sends", async () => {
    mockIPC(() => {
      throw { kind: "storage", message: "cannot open the database x: schema version 9", fields: [] };
    });
    render(VisitList, { onopen: () => {}, onnew: () => {} });
    expect((await screen.findByRole("alert")).textContent).toContain("schema version 9");
  });

  it("filters by year, counting a visit over New Year in both years", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_visits")
        return [
          visit({ id: "winter", first_day: "2027-12-29", last_day: "2028-01-03", title: { de: "Jahreswechsel", en: null, zh: null } }),
          visit({ id: "spring" }),
          visit({ id: "next", first_day: "2028-05-02", last_day: "2028-05-04", title: { de: "Mai 2028", en: null, zh: null } }),
        ];
    });
    render(VisitList, { onopen: () => {}, onnew: () => {} });
    await screen.findAllByTestId("visit-row");
    const year = screen.getByTestId("year-filter") as HTMLSelectElement;
    expect([...year.options].map((o) => o.value)).toEqual(["", "2028", "2027"]);
    await fireEvent.change(year, { target: { value: "2027" } });
    expect(screen.getAllByTestId("visit-row").map((r) => r.querySelector(".title")?.textContent)).toEqual([
      "Besuch aus Luzhou",
      "Jahreswechsel",
    ]);
    await fireEvent.change(year, { target: { value: "2028" } });
    expect(screen.getAllByTestId("visit-row").map((r) => r.querySelector(".title")?.textContent)).toEqual([
      "Jahreswechsel",
      "Mai 2028",
    ]);
  });

  it("opens an imported visit file's visit, and stays put when the dialog is cancelled", async () => {
    let answer: unknown = null;
    const calls = mockBackend({ list_visits: () => [visit({})], import_visit_file: () => answer });
    let opened = "";
    render(VisitList, { onopen: () => {}, onnew: () => {}, onimported: (id: string) => (opened = id) });
    await screen.findAllByTestId("visit-row");
    await fireEvent.click(screen.getByTestId("import-visit"));
    await new Promise((r) => setTimeout(r, 0));
    expect(opened).toBe("");
    expect(imports(calls)).toEqual([{ chooseFile: true, shared: "update", dryRun: true }]);
    answer = importReport();
    await fireEvent.click(screen.getByTestId("import-visit"));
    await waitFor(() => expect(opened).toBe("imported-1"));
    // Nothing shared changes: the dry run is followed by the import, unasked.
    expect(imports(calls).slice(1)).toEqual([
      { chooseFile: true, shared: "update", dryRun: true },
      { chooseFile: false, shared: "update", dryRun: false },
    ]);
    expect(screen.queryByTestId("shared-dialog")).toBeNull();
  });

  for (const [choice, button] of [
    ["update", "shared-update"],
    ["keep", "shared-keep"],
  ] as const) {
    it(`asks before a file changes a person other visits use, and imports with "${choice}"`, async () => {
      const calls = mockBackend({
        list_visits: () => [visit({})],
        import_visit_file: (args) => importReport(args.dryRun ? sharedChanges : []),
      });
      let opened = "";
      render(VisitList, { onopen: () => {}, onnew: () => {}, onimported: (id: string) => (opened = id) });
      await screen.findAllByTestId("visit-row");
      await fireEvent.click(screen.getByTestId("import-visit"));
      const dialog = await screen.findByTestId("shared-dialog");
      const items = screen.getAllByTestId("shared-change").map((li) => li.textContent?.replace(/\s+/g, " ").trim());
      expect(items).toEqual([
        "Person 王芳 Wang Fang (auch in „Besuch 2026“): Geändert: Familienname, Passnummer",
        "Ort Rathaus Herne (auch in „Besuch 2026“, „Reise 2028“): Geändert: Adresse",
      ]);
      expect(dialog.textContent).toContain("Auch dort ändern");
      expect(dialog.textContent).toContain("Gespeicherte Fassung behalten");
      expect(opened).toBe("");
      await fireEvent.click(screen.getByTestId(button));
      await waitFor(() => expect(opened).toBe("imported-1"));
      expect(imports(calls)).toEqual([
        { chooseFile: true, shared: "update", dryRun: true },
        { chooseFile: false, shared: choice, dryRun: false },
      ]);
      expect(screen.queryByTestId("shared-dialog")).toBeNull();
    });
  }

  it("imports nothing when the shared-changes dialog is cancelled", async () => {
    const calls = mockBackend({
      list_visits: () => [visit({})],
      import_visit_file: () => importReport(sharedChanges),
    });
    let opened = "";
    render(VisitList, { onopen: () => {}, onnew: () => {}, onimported: (id: string) => (opened = id) });
    await screen.findAllByTestId("visit-row");
    await fireEvent.click(screen.getByTestId("import-visit"));
    await screen.findByTestId("shared-dialog");
    await fireEvent.click(screen.getByTestId("shared-cancel"));
    expect(screen.queryByTestId("shared-dialog")).toBeNull();
    expect(imports(calls)).toEqual([{ chooseFile: true, shared: "update", dryRun: true }]);
    expect(opened).toBe("");
    // The file read for the preview may hold personal data: Rust forgets it.
    await waitFor(() => expect(calls.map((c) => c.cmd)).toContain("discard_visit_file"));
  });

  it("shows a list the caller fetched already, without asking again", async () => {
    const asked: string[] = [];
    mockIPC((cmd) => {
      asked.push(cmd);
      return [];
    });
    render(VisitList, { initial: Promise.resolve([visit({})]), onopen: () => {}, onnew: () => {} });
    expect((await screen.findAllByTestId("visit-row"))[0].textContent).toContain("Besuch aus Luzhou");
    expect(asked.filter((c) => c === "list_visits")).toEqual([]);
  });
});
