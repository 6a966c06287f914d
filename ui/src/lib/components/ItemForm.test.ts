import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import ItemForm from "./ItemForm.svelte";
import type { ItemView, ProgrammeItem } from "../api/types";

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
    mockIPC(() => {
      throw {
        kind: "invalid",
        message: "end: must be after the start",
        fields: [{ field: "end", reason: "must be after the start" }],
      };
    });
    let saved = false;
    render(ItemForm, props(() => (saved = true)));
    await fireEvent.click(screen.getByTestId("save-item"));
    const msg = await screen.findByTestId("error-end");
    expect(msg.textContent).toBe("must be after the start");
    expect(screen.queryByTestId("error-start")).toBeNull();
    expect(saved).toBe(false);
  });

  it("deletes an item only after the user confirms", async () => {
    const calls: string[] = [];
    mockIPC((cmd, args) => {
      calls.push(`${cmd} ${JSON.stringify(args)}`);
      return null;
    });
    const item: ItemView = {
      id: "item-1",
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
      attendees: [],
      responsible: [],
      notes: "",
      status: "confirmed",
      revision: 0,
    };
    let saved = false;
    render(ItemForm, { ...props(() => (saved = true)), item });
    await fireEvent.click(screen.getByTestId("delete-item"));
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual([]);
    await fireEvent.click(screen.getByTestId("confirm-delete-item"));
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual(['delete_item {"id":"item-1"}']);
    expect(saved).toBe(true);
  });
});
