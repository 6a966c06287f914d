import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import People from "./People.svelte";
import type { Person, PersonEntry } from "../api/types";
import { foldLikeTheCore } from "../test-fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
});

const berger: Person = {
  id: "p-berger",
  family_name: "Berger",
  given_name: "Anna",
  name_zh: null,
  pinyin: null,
  name_order: "given_first",
  academic_title: "Dr.",
  title: { de: "Büroleiterin", en: null, zh: null },
  address: { de: null, en: null, zh: null },
  organisation: { de: "Stadt Herne", en: null, zh: null },
  position: { de: null, en: null, zh: null },
  email: null,
  phone: null,
  languages: ["de"],
};

describe("People", () => {
  it("finds people as the core folds names: with or without umlauts and tone marks", async () => {
    const mueller: Person = { ...berger, id: "p-mueller", family_name: "Müller", given_name: "Jörg", academic_title: null };
    const liu: Person = { ...berger, id: "p-liu", family_name: "Liu", given_name: "Qiang", name_zh: "刘强", pinyin: "Liú Qiáng", academic_title: null };
    mockIPC((cmd, args) => {
      if (cmd === "list_persons")
        return [
          { display_name: "Jörg Müller", search_key: "joergmueller|jorgmuller|mueller|muller|joerg|jorg|stadtherne", person: mueller },
          { display_name: "刘强 Liu Qiang", search_key: "刘强liuqiang|liu|qiang|刘强|liuqiang|stadtherne", person: liu },
        ] satisfies PersonEntry[];
      if (cmd === "search_key") return foldLikeTheCore((args as { query: string }).query);
      return null;
    });
    render(People);
    await screen.findAllByTestId("person-row");
    const search = screen.getByRole("searchbox");
    const rows = () => screen.queryAllByTestId("person-row").map((r) => r.textContent ?? "");
    for (const query of ["mueller", "Muller", "Müller"]) {
      await fireEvent.input(search, { target: { value: query } });
      await waitFor(() => expect(rows()).toHaveLength(1));
      expect(rows()[0]).toContain("Müller");
    }
    await fireEvent.input(search, { target: { value: "Liú" } });
    await waitFor(() => expect(rows()[0]).toContain("Liu Qiang"));
    expect(rows()).toHaveLength(1);
    await fireEvent.input(search, { target: { value: "" } });
    await waitFor(() => expect(rows()).toHaveLength(2));
  });

  it("edits a person in place and shows the list as stored afterwards", async () => {
    let stored = berger;
    const calls: string[] = [];
    mockIPC((cmd, args) => {
      calls.push(cmd);
      if (cmd === "list_persons") return [{ display_name: `Dr. Anna ${stored.family_name}`, search_key: "berger", person: stored }] satisfies PersonEntry[];
      if (cmd === "update_person") stored = (args as { person: Person }).person;
      return null;
    });
    render(People);
    const row = await screen.findByTestId("person-row");
    await fireEvent.click(within(row).getByTestId("edit-person"));
    const name = document.querySelector<HTMLInputElement>('[data-testid="person-form"] [name="family_name"]')!;
    await fireEvent.input(name, { target: { value: "Berger-Schmidt" } });
    await fireEvent.click(screen.getByTestId("save-person"));
    await waitFor(() => expect(screen.getByTestId("person-row").textContent).toContain("Dr. Anna Berger-Schmidt"));
    expect(screen.queryByTestId("person-form")).toBeNull();
    expect(calls).toEqual(["list_persons", "update_person", "list_persons"]);
  });

  it("asks before deleting and says why a participant cannot be deleted", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "list_persons") return [{ display_name: "Dr. Anna Berger", search_key: "berger", person: berger }] satisfies PersonEntry[];
      if (cmd === "delete_person")
        throw { kind: "conflict", message: "Die Person nimmt an 2 Besuchen teil; zuerst dort entfernen", fields: [], problem: { code: "person_in_visits", visits: 2 } };
      return null;
    });
    render(People);
    const row = await screen.findByTestId("person-row");
    await fireEvent.click(within(row).getByTestId("delete-person"));
    expect(calls).toEqual(["list_persons"]);
    await fireEvent.click(within(row).getByTestId("confirm-delete-person"));
    const alert = await within(row).findByRole("alert");
    expect(alert.textContent).toBe("Kann nicht gelöscht werden: Die Person nimmt an 2 Besuchen teil; zuerst dort entfernen");
    expect(calls).toEqual(["list_persons", "delete_person"]);
    expect(screen.getAllByTestId("person-row")).toHaveLength(1);
  });
});
