import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import VisitList from "./VisitList.svelte";
import type { Visit } from "../api/types";

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
    mockIPC((cmd) => {
      if (cmd === "list_visits") return [visit({})];
      if (cmd === "import_visit_file") return answer;
    });
    let opened = "";
    render(VisitList, { onopen: () => {}, onnew: () => {}, onimported: (id: string) => (opened = id) });
    await screen.findAllByTestId("visit-row");
    await fireEvent.click(screen.getByTestId("import-visit"));
    await new Promise((r) => setTimeout(r, 0));
    expect(opened).toBe("");
    answer = { visit_id: "imported-1", title: "X", created: true };
    await fireEvent.click(screen.getByTestId("import-visit"));
    await new Promise((r) => setTimeout(r, 0));
    expect(opened).toBe("imported-1");
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
