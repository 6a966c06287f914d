import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import ItemForm from "./ItemForm.svelte";
import type { LocalTimeInfo, ProgrammeItem } from "../api/types";
import { item, stored, timed } from "../test-fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
});

const props = (onsaved: () => void) => ({
  visitId: "visit-1",
  defaultDay: "2028-04-11",
  defaultZone: "Asia/Shanghai",
  participants: [],
  venues: [],
  onsaved,
  oncancel: () => {},
});

function input(name: string): HTMLInputElement {
  const el = document.querySelector(`[name="${name}"]`);
  if (!el) throw new Error(`no input ${name}`);
  return el as HTMLInputElement;
}

describe("ItemForm", () => {
  it("sends local times with their zones, defaulting to the visit's zone", async () => {
    let sent: ProgrammeItem | null = null;
    mockIPC((cmd, args) => {
      if (cmd === "create_item") sent = (args as { item: ProgrammeItem }).item;
      return null;
    });
    let saved = false;
    render(ItemForm, props(() => (saved = true)));
    await fireEvent.input(input("title.de"), { target: { value: "Besuch des Hafens" } });
    await fireEvent.input(input("start_time"), { target: { value: "09:30" } });
    await fireEvent.click(screen.getByTestId("save-item"));
    await new Promise((r) => setTimeout(r, 0));
    expect(saved).toBe(true);
    expect(sent!.schedule).toEqual({
      type: "timed",
      start: { local: "2028-04-11T09:30", zone: "Asia/Shanghai" },
      end: { local: "2028-04-11T11:00", zone: "Asia/Shanghai" },
    });
    expect(sent!.title).toEqual({ de: "Besuch des Hafens", en: null, zh: null });
  });

  it("shows the backend's reason beside the field it names", async () => {
    // The backend writes the reason in the UI's language (German here).
    mockIPC(() => {
      throw {
        kind: "invalid",
        message: "end: muss nach dem Beginn liegen",
        fields: [{ field: "end", reason: "muss nach dem Beginn liegen", problem: { code: "end_not_after_start" } }],
      };
    });
    let saved = false;
    render(ItemForm, props(() => (saved = true)));
    await fireEvent.click(screen.getByTestId("save-item"));
    const msg = await screen.findByTestId("error-end");
    expect(msg.textContent).toBe("muss nach dem Beginn liegen");
    expect(screen.queryByTestId("error-start")).toBeNull();
    expect(saved).toBe(false);
  });

  it("deletes an item only after the user confirms", async () => {
    const calls: string[] = [];
    mockIPC((cmd, args) => {
      // The form asks about the times it shows; only actions count here.
      if (cmd === "local_time_info") return null;
      calls.push(`${cmd} ${JSON.stringify(args)}`);
      return null;
    });
    let saved = false;
    render(ItemForm, { ...props(() => (saved = true)), item: item({ id: "item-1" }) });
    await fireEvent.click(screen.getByTestId("delete-item"));
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual([]);
    await fireEvent.click(screen.getByTestId("confirm-delete-item"));
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual(['delete_item {"id":"item-1"}']);
    expect(saved).toBe(true);
  });

  describe("dress code", () => {
    const dinner = item({
      id: "item-3",
      title: { de: "Abendessen mit dem Oberbürgermeister", en: null, zh: null },
      kind: "meal",
      schedule: timed("2027-03-25T19:00", "2027-03-25T21:30"),
      start_utc: "2027-03-25T18:00:00Z",
      end_utc: "2027-03-25T20:30:00Z",
      dress_code: { de: "Dunkler Anzug", en: "Dark suit", zh: null },
      revision: 4,
    });

    function backend(sent: ProgrammeItem[]) {
      mockIPC((cmd, args) => {
        if (cmd === "get_item") return stored(dinner);
        if (cmd === "create_item" || cmd === "update_item") sent.push((args as { item: ProgrammeItem }).item);
        return null;
      });
    }

    it("sends each language's dress code, an empty one as none", async () => {
      const sent: ProgrammeItem[] = [];
      backend(sent);
      render(ItemForm, props(() => {}));
      await fireEvent.input(input("title.de"), { target: { value: "Empfang" } });
      await fireEvent.input(input("dress_code.de"), { target: { value: " Dunkler Anzug " } });
      await fireEvent.input(input("dress_code.en"), { target: { value: "   " } });
      await fireEvent.input(input("dress_code.zh"), { target: { value: "深色西装" } });
      expect(screen.getByText("Kleiderordnung (deutsch)")).toBeTruthy();
      await fireEvent.click(screen.getByTestId("save-item"));
      await waitFor(() => expect(sent).toHaveLength(1));
      expect(sent[0].dress_code).toEqual({ de: "Dunkler Anzug", en: null, zh: "深色西装" });
    });

    it("shows the stored dress code and sends what the user changed", async () => {
      const sent: ProgrammeItem[] = [];
      backend(sent);
      render(ItemForm, { ...props(() => {}), item: dinner });
      expect([input("dress_code.de").value, input("dress_code.en").value, input("dress_code.zh").value]).toEqual(["Dunkler Anzug", "Dark suit", ""]);
      await fireEvent.input(input("dress_code.en"), { target: { value: "" } });
      await fireEvent.click(screen.getByTestId("save-item"));
      await waitFor(() => expect(sent).toHaveLength(1));
      expect(sent[0]).toMatchObject({ id: "item-3", revision: 4, dress_code: { de: "Dunkler Anzug", en: null, zh: null } });
    });

    it("keeps notes for the guests, in each language, apart from internal notes", async () => {
      const sent: ProgrammeItem[] = [];
      backend(sent);
      render(ItemForm, { ...props(() => {}), item: { ...dinner, notes: "Tischordnung nach Protokoll", guest_notes: { de: "Abfahrt 18:30 am Hotel", en: null, zh: null } } });
      expect([input("notes").value, input("guest_notes.de").value, input("guest_notes.zh").value]).toEqual(["Tischordnung nach Protokoll", "Abfahrt 18:30 am Hotel", ""]);
      expect(screen.getByText("Hinweise für die Gäste (chinesisch)")).toBeTruthy();
      await fireEvent.input(input("guest_notes.zh"), { target: { value: " 18:30在酒店出发 " } });
      await fireEvent.click(screen.getByTestId("save-item"));
      await waitFor(() => expect(sent).toHaveLength(1));
      expect(sent[0]).toMatchObject({
        notes: "Tischordnung nach Protokoll",
        guest_notes: { de: "Abfahrt 18:30 am Hotel", en: null, zh: "18:30在酒店出发" },
      });
    });

    it("shows the backend's reason beside the dress code it names", async () => {
      mockIPC((cmd) => {
        if (cmd === "get_item") return stored(dinner);
        throw {
          kind: "invalid",
          message: "dress_code.zh: too long",
          fields: [{ field: "dress_code.zh", reason: "at most 200 characters" }],
        };
      });
      render(ItemForm, { ...props(() => {}), item: dinner });
      await fireEvent.click(screen.getByTestId("save-item"));
      expect((await screen.findByTestId("error-dress_code.zh")).textContent).toBe("at most 200 characters");
      expect(screen.queryByTestId("error-dress_code.de")).toBeNull();
    });
  });

  describe("a repeated hour", () => {
    // 02:30 happens twice in Herne on 31 October 2027, when the clocks go back.
    const twice: LocalTimeInfo = {
      type: "ambiguous",
      first: { occurrence: "first", abbreviation: "CEST", utc: "2027-10-31T00:30:00Z" },
      second: { occurrence: "second", abbreviation: "CET", utc: "2027-10-31T01:30:00Z" },
      message: "2027-10-31T02:30 happens twice in Europe/Berlin",
    };

    function backend(sent: ProgrammeItem[]) {
      mockIPC((cmd, args) => {
        if (cmd === "local_time_info") {
          const { local } = args as { local: string };
          return local === "2027-10-31T02:30" ? twice : { type: "single", abbreviation: "CET", utc: "2027-10-31T03:00:00Z" };
        }
        if (cmd === "get_item") return stored(night);
        if (cmd === "create_item" || cmd === "update_item") sent.push((args as { item: ProgrammeItem }).item);
        return null;
      });
    }

    const night = item({
      id: "item-2",
      title: { de: "Nachtfahrt zum Flughafen", en: null, zh: null },
      kind: "transfer",
      schedule: {
        type: "timed",
        start: { local: "2027-10-31T02:30", zone: "Europe/Berlin", occurrence: "second" },
        end: { local: "2027-10-31T04:00", zone: "Europe/Berlin" },
      },
      start_utc: "2027-10-31T01:30:00Z",
      end_utc: "2027-10-31T03:00:00Z",
      revision: 2,
    });

    it("sends the instant the user chose", async () => {
      const sent: ProgrammeItem[] = [];
      backend(sent);
      let saved = false;
      render(ItemForm, { ...props(() => (saved = true)), defaultDay: "2027-10-31", defaultZone: "Europe/Berlin" });
      await fireEvent.input(input("title.de"), { target: { value: "Nachtfahrt" } });
      await fireEvent.input(input("start_time"), { target: { value: "02:30" } });
      await fireEvent.input(input("end_time"), { target: { value: "04:00" } });
      const first = await screen.findByTestId("occurrence-first");
      expect((first as HTMLInputElement).name).toBe("start_occurrence");
      await fireEvent.click(first);
      await fireEvent.click(screen.getByTestId("save-item"));
      await waitFor(() => expect(saved).toBe(true));
      expect(sent[0].schedule).toEqual({
        type: "timed",
        start: { local: "2027-10-31T02:30", zone: "Europe/Berlin", occurrence: "first" },
        end: { local: "2027-10-31T04:00", zone: "Europe/Berlin" },
      });
      expect("occurrence" in (sent[0].schedule as { end: object }).end).toBe(false);
    });

    it("keeps an item's stored choice while its time stays", async () => {
      const sent: ProgrammeItem[] = [];
      backend(sent);
      render(ItemForm, { ...props(() => {}), item: night });
      const second = (await screen.findByTestId("occurrence-second")) as HTMLInputElement;
      expect(second.checked).toBe(true);
      await fireEvent.click(screen.getByTestId("save-item"));
      await waitFor(() => expect(sent).toHaveLength(1));
      expect(sent[0].schedule).toEqual(night.schedule);
    });

    it("drops the choice when the start moves to a time that happens once", async () => {
      const sent: ProgrammeItem[] = [];
      backend(sent);
      render(ItemForm, { ...props(() => {}), item: night });
      await screen.findByTestId("occurrence-second");
      await fireEvent.input(input("start_time"), { target: { value: "03:15" } });
      await waitFor(() => expect(screen.queryByTestId("occurrence-second")).toBeNull());
      await fireEvent.click(screen.getByTestId("save-item"));
      await waitFor(() => expect(sent).toHaveLength(1));
      expect(sent[0].schedule).toEqual({
        type: "timed",
        start: { local: "2027-10-31T03:15", zone: "Europe/Berlin" },
        end: { local: "2027-10-31T04:00", zone: "Europe/Berlin" },
      });
    });
  });
});
