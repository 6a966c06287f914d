import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import CheckSettings from "./CheckSettings.svelte";
import type { CheckSettings as Settings, Venue } from "../api/types";

afterEach(() => {
  cleanup();
  clearMocks();
});

const venue = (id: string, de: string): Venue => ({ id, name: { de, en: null, zh: null }, address: "Herne", room: { de: null, en: null, zh: null }, time_zone: "Europe/Berlin" });
const venues = [venue("v-rathaus", "Rathaus Herne"), venue("v-flottmann", "Flottmann-Hallen"), venue("v-zeche", "Zeche Pluto")];
const stored: Settings = {
  default_travel_minutes: 30,
  venues_across_visits: true,
  travel: [
    { from: "v-rathaus", to: "v-flottmann", minutes: 15 },
    { from: "v-rathaus", to: "v-zeche", minutes: 25 },
  ],
};

function setup(save: (settings: Settings) => unknown) {
  const saved: Settings[] = [];
  mockIPC((cmd, args) => {
    if (cmd === "get_check_settings") return stored;
    if (cmd === "list_venues") return venues;
    if (cmd === "save_check_settings") {
      saved.push((args as { settings: Settings }).settings);
      return save((args as { settings: Settings }).settings);
    }
    return null;
  });
  let done = 0;
  render(CheckSettings, { onsaved: () => done++, oncancel: () => {} });
  return { saved, done: () => done };
}

const field = (name: string) => document.querySelector(`[name="${name}"]`) as HTMLInputElement & HTMLSelectElement;

describe("CheckSettings", () => {
  it("shows the stored settings and saves the table as edited", async () => {
    const { saved, done } = setup(() => null);
    await waitFor(() => expect(screen.getAllByTestId("travel-pair")).toHaveLength(2));
    expect(field("default_travel_minutes").value).toBe("30");
    expect(field("venues_across_visits").checked).toBe(true);
    expect([field("travel.1.from").value, field("travel.1.to").value, field("travel.1.minutes").value]).toEqual(["v-rathaus", "v-zeche", "25"]);

    // Removing the first pair leaves the second, which moves up.
    await fireEvent.click(within(screen.getAllByTestId("travel-pair")[0]).getByTestId("remove-travel-pair"));
    await fireEvent.input(field("default_travel_minutes"), { target: { value: "0" } });
    await fireEvent.click(screen.getByTestId("save-check-settings"));
    await waitFor(() => expect(done()).toBe(1));
    expect(saved).toEqual([{ default_travel_minutes: 0, venues_across_visits: true, travel: [{ from: "v-rathaus", to: "v-zeche", minutes: 25 }] }]);
  });

  it("shows each reason the backend gives beside its field", async () => {
    const { done } = setup(() => {
      throw {
        kind: "invalid",
        message: "invalid check settings",
        fields: [
          { field: "default_travel_minutes", reason: "must be at most 1440 minutes" },
          { field: "travel.1.to", reason: "this pair of venues is listed twice" },
        ],
      };
    });
    await waitFor(() => expect(screen.getAllByTestId("travel-pair")).toHaveLength(2));
    await fireEvent.input(field("default_travel_minutes"), { target: { value: "1500" } });
    await fireEvent.change(field("travel.1.to"), { target: { value: "v-flottmann" } });
    await fireEvent.click(screen.getByTestId("save-check-settings"));

    const pairs = screen.getAllByTestId("travel-pair");
    expect((await within(pairs[1]).findByTestId("error-travel.1.to")).textContent).toBe("this pair of venues is listed twice");
    expect(within(pairs[0]).queryByRole("alert")).toBeNull();
    // Beside its input: in the same label.
    expect(screen.getByTestId("error-default_travel_minutes").closest("label")?.querySelector("input")?.name).toBe("default_travel_minutes");
    expect(done()).toBe(0);
  });

  it("reports a venue that no longer exists", async () => {
    setup(() => {
      throw { kind: "not_found", message: "venue v-zeche not found", fields: [] };
    });
    await waitFor(() => expect(screen.getAllByTestId("travel-pair")).toHaveLength(2));
    await fireEvent.click(screen.getByTestId("save-check-settings"));
    expect((await screen.findByRole("alert")).textContent).toBe("venue v-zeche not found");
  });
});
