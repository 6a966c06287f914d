import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import WhenInput from "./WhenInput.svelte";
import type { LocalTimeInfo } from "../api/types";
import { i18n } from "../i18n.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "de";
});

// Europe/Berlin in 2027: 02:30 on 28 March does not exist, 02:30 on
// 31 October happens twice, everything else once.
function berlin(local: string): LocalTimeInfo {
  if (local === "2027-03-28T02:30") return { type: "gap", message: "2027-03-28T02:30 does not exist in Europe/Berlin" };
  if (local === "2027-10-31T02:30") {
    return {
      type: "ambiguous",
      first: { occurrence: "first", abbreviation: "CEST", utc: "2027-10-31T00:30:00Z" },
      second: { occurrence: "second", abbreviation: "CET", utc: "2027-10-31T01:30:00Z" },
      message: "2027-10-31T02:30 happens twice in Europe/Berlin",
    };
  }
  return { type: "single", abbreviation: "CET", utc: "2027-01-01T00:00:00Z" };
}

function setup(day: string, time: string, occurrence: "first" | "second" | null = null) {
  const asked: string[] = [];
  mockIPC((cmd, args) => {
    if (cmd !== "local_time_info") return null;
    const { local } = args as { local: string; zone: string };
    asked.push(local);
    return berlin(local);
  });
  const bound = { occurrence };
  render(WhenInput, {
    props: {
      name: "start",
      label: "Beginn",
      day,
      time,
      zone: "Europe/Berlin",
      get occurrence() {
        return bound.occurrence;
      },
      set occurrence(v: "first" | "second" | null) {
        bound.occurrence = v;
      },
    },
  });
  return { asked, bound };
}

const timeInput = () => document.querySelector('[name="start_time"]') as HTMLInputElement;

describe("WhenInput", () => {
  it("says that a time in the spring gap does not exist", async () => {
    const { asked } = setup("2027-03-28", "02:30");
    const gap = await screen.findByTestId("time-gap");
    expect(gap.textContent).toBe(
      "Diese Uhrzeit gibt es in der Zeitzone Europe/Berlin nicht: Die Uhren werden vorgestellt (Beginn der Sommerzeit).",
    );
    expect(asked).toEqual(["2027-03-28T02:30"]);
    expect(screen.queryByTestId("occurrence-first")).toBeNull();

    await fireEvent.input(timeInput(), { target: { value: "03:30" } });
    await waitFor(() => expect(screen.queryByTestId("time-gap")).toBeNull());
  });

  it("asks which of a repeated hour's two instants is meant, with German zone names", async () => {
    const { bound } = setup("2027-10-31", "02:30");
    const first = (await screen.findByTestId("occurrence-first")) as HTMLInputElement;
    const second = screen.getByTestId("occurrence-second") as HTMLInputElement;
    expect(first.closest("label")?.textContent?.trim()).toBe("erstes Mal (02:30 MESZ)");
    expect(second.closest("label")?.textContent?.trim()).toBe("zweites Mal (02:30 MEZ)");
    expect([first.name, second.name]).toEqual(["start_occurrence", "start_occurrence"]);
    // Nothing is chosen for the user, and the form cannot be sent without a choice.
    expect([first.checked, second.checked, first.required]).toEqual([false, false, true]);
    expect(bound.occurrence).toBeNull();

    await fireEvent.click(second);
    expect(bound.occurrence).toBe("second");
  });

  it("names the zones in English in the English UI", async () => {
    i18n.lang = "en";
    setup("2027-10-31", "02:30");
    const first = await screen.findByTestId("occurrence-first");
    expect(first.closest("label")?.textContent?.trim()).toBe("first time (02:30 CEST)");
  });

  it("keeps a stored choice, and forgets it once the time changes", async () => {
    const { asked, bound } = setup("2027-10-31", "02:30", "second");
    const second = (await screen.findByTestId("occurrence-second")) as HTMLInputElement;
    expect(second.checked).toBe(true);
    expect(bound.occurrence).toBe("second");

    // Two changes in quick succession ask once, for the time set last.
    await fireEvent.input(timeInput(), { target: { value: "03:00" } });
    await fireEvent.input(timeInput(), { target: { value: "03:30" } });
    expect(bound.occurrence).toBeNull();
    await waitFor(() => expect(asked).toEqual(["2027-10-31T02:30", "2027-10-31T03:30"]));
    await waitFor(() => expect(screen.queryByTestId("occurrence-second")).toBeNull());
  });

  it("drops an answer for a time that has changed since", async () => {
    let answer: ((info: LocalTimeInfo) => void) | null = null;
    mockIPC((cmd, args) => {
      if (cmd !== "local_time_info") return null;
      const { local } = args as { local: string };
      // The repeated hour's answer is slow and arrives last.
      if (local === "2027-10-31T02:30") return new Promise<LocalTimeInfo>((r) => (answer = r));
      return berlin(local);
    });
    render(WhenInput, { name: "start", label: "Beginn", day: "2027-10-31", time: "02:30", zone: "Europe/Berlin" });
    await waitFor(() => expect(answer).not.toBeNull());
    await fireEvent.input(timeInput(), { target: { value: "04:00" } });
    await new Promise((r) => setTimeout(r, 200));
    answer!(berlin("2027-10-31T02:30"));
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.queryByTestId("occurrence-first")).toBeNull();
  });

  it("asks nothing for an all-day entry", async () => {
    const asked: string[] = [];
    mockIPC((cmd, args) => {
      asked.push(`${cmd} ${(args as { local: string }).local}`);
      return berlin((args as { local: string }).local);
    });
    render(WhenInput, { name: "start", label: "Beginn", day: "2027-10-31", time: "02:30", zone: "Europe/Berlin", allDay: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(asked).toEqual([]);
    expect(screen.queryByTestId("occurrence-first")).toBeNull();
  });
});
