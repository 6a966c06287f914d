import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import ParticipantEdit, { movementLine } from "./ParticipantEdit.svelte";
import type { Participant, ParticipantView, Side } from "../api/types";
import { i18n } from "../i18n.svelte";
import { participant } from "../test-fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "de";
});

// A visit with three guests and two hosts, as VisitDetail computes the end of a side.
const visitParticipants: ParticipantView[] = [
  participant({ person_id: "p-liu", name: "刘强 Liu Qiang", side: "guest", role: "head_of_delegation", precedence: 1 }),
  participant({ person_id: "p-wang", name: "王芳 Wang Fang", side: "guest", precedence: 2 }),
  participant({ person_id: "p-li", name: "李明 Li Ming", side: "guest", role: "interpreter", precedence: 3 }),
  participant({ person_id: "p-dudda", name: "Frank Dudda", side: "host", role: "host", precedence: 1 }),
  participant({ person_id: "p-berger", name: "Dr. Anna Berger", side: "host", role: "staff", precedence: 4 }),
];
const nextPrecedence = (side: Side) =>
  visitParticipants.filter((p) => p.side === side).reduce((m, p) => Math.max(m, p.precedence), 0) + 1;

function setup(participant: ParticipantView, sent: Participant[]) {
  mockIPC((cmd, args) => {
    if (cmd === "update_participant") sent.push((args as { participant: Participant }).participant);
    return null;
  });
  let saved = false;
  render(ParticipantEdit, {
    participant,
    visitId: "visit-1",
    firstDay: "2027-03-24",
    lastDay: "2027-03-28",
    defaultZone: "Europe/Berlin",
    nextPrecedence,
    onsaved: () => (saved = true),
    oncancel: () => {},
  });
  return () => saved;
}

function field(name: string): HTMLInputElement {
  const el = document.querySelector(`[data-testid="participant-edit"] [name="${name}"]`);
  if (!el) throw new Error(`no input ${name}`);
  return el as HTMLInputElement;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("ParticipantEdit", () => {
  it("adds an arrival as local time with its zone, place and transport", async () => {
    const sent: Participant[] = [];
    const saved = setup(visitParticipants[1], sent);
    expect(document.querySelector('[name="arrival_day"]')).toBeNull();

    await fireEvent.click(field("has_arrival"));
    // A new arrival starts on the visit's first day, in the visit's zone.
    expect(field("arrival_day").value).toBe("2027-03-24");
    expect(field("arrival_zone").value).toBe("Europe/Berlin");
    await fireEvent.input(field("arrival_time"), { target: { value: "14:05" } });
    await fireEvent.input(field("arrival.place"), { target: { value: "Flughafen Düsseldorf (DUS)" } });
    await fireEvent.input(field("arrival.transport"), { target: { value: "LH 723" } });
    await fireEvent.input(field("hotel"), { target: { value: "Parkhotel Herne" } });
    await fireEvent.click(screen.getByTestId("save-participation"));
    await tick();

    expect(sent).toEqual([
      {
        visit_id: "visit-1",
        person_id: "p-wang",
        side: "guest",
        role: "member",
        precedence: 2,
        arrival: {
          at: { local: "2027-03-24T14:05", zone: "Europe/Berlin" },
          place: "Flughafen Düsseldorf (DUS)",
          transport: "LH 723",
        },
        departure: null,
        hotel: "Parkhotel Herne",
      },
    ]);
    expect(saved()).toBe(true);
  });

  it("shows the reason for departure.at beside the departure", async () => {
    mockIPC(() => {
      throw {
        kind: "invalid",
        message: "departure.at: must be after the arrival",
        fields: [{ field: "departure.at", reason: "must be after the arrival" }],
      };
    });
    let saved = false;
    render(ParticipantEdit, {
      participant: participant({
        person_id: "p-liu",
        arrival: { at: { local: "2027-03-24T14:05", zone: "Europe/Berlin" }, place: "DUS", transport: "LH 723" },
        departure: { at: { local: "2027-03-23T10:00", zone: "Europe/Berlin" }, place: "DUS", transport: null },
      }),
      visitId: "visit-1",
      firstDay: "2027-03-24",
      lastDay: "2027-03-28",
      defaultZone: "Europe/Berlin",
      nextPrecedence,
      onsaved: () => (saved = true),
      oncancel: () => {},
    });
    // Stored movements open with their values.
    expect(field("departure_day").value).toBe("2027-03-23");
    await fireEvent.click(screen.getByTestId("save-participation"));
    const msg = await screen.findByTestId("error-departure.at");
    expect(msg.textContent).toBe("must be after the arrival");
    // It sits in the departure's box, not the arrival's.
    expect(field("departure_day").closest("fieldset")?.contains(msg)).toBe(true);
    expect(field("arrival_day").closest("fieldset")?.contains(msg)).toBe(false);
    expect(screen.queryByTestId("error-arrival.at")).toBeNull();
    expect(saved).toBe(false);
  });

  it("puts someone who changes sides at the end of the other side", async () => {
    const sent: Participant[] = [];
    setup(visitParticipants[2], sent);
    await fireEvent.change(field("side"), { target: { value: "host" } });
    await fireEvent.click(screen.getByTestId("save-participation"));
    await tick();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ person_id: "p-li", side: "host", role: "interpreter", precedence: 5 });

    // Back on the old side before saving keeps the place they had.
    cleanup();
    const again: Participant[] = [];
    setup(visitParticipants[2], again);
    await fireEvent.change(field("side"), { target: { value: "host" } });
    await fireEvent.change(field("side"), { target: { value: "guest" } });
    await fireEvent.click(screen.getByTestId("save-participation"));
    await tick();
    expect(again[0]).toMatchObject({ side: "guest", precedence: 3 });
  });

  it("sends which instant of a repeated hour a departure means, as chosen", async () => {
    const sent: Participant[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "update_participant") sent.push((args as { participant: Participant }).participant);
      if (cmd !== "local_time_info") return null;
      return (args as { local: string }).local === "2027-10-31T02:30"
        ? {
            type: "ambiguous",
            first: { occurrence: "first", abbreviation: "CEST", utc: "2027-10-31T00:30:00Z" },
            second: { occurrence: "second", abbreviation: "CET", utc: "2027-10-31T01:30:00Z" },
            message: "happens twice",
          }
        : { type: "single", abbreviation: "CET", utc: "2027-10-31T02:00:00Z" };
    });
    render(ParticipantEdit, {
      participant: participant({
        person_id: "p-liu",
        departure: { at: { local: "2027-10-31T02:30", zone: "Europe/Berlin", occurrence: "second" }, place: "DUS", transport: null },
      }),
      visitId: "visit-1",
      firstDay: "2027-10-28",
      lastDay: "2027-10-31",
      defaultZone: "Europe/Berlin",
      nextPrecedence,
      onsaved: () => {},
      oncancel: () => {},
    });
    // The stored choice stands until the user makes another.
    const box = field("departure_day").closest("fieldset")!;
    const second = (await within(box as HTMLElement).findByTestId("occurrence-second")) as HTMLInputElement;
    expect([second.name, second.checked]).toEqual(["departure_occurrence", true]);
    await fireEvent.click(within(box as HTMLElement).getByTestId("occurrence-first"));
    await fireEvent.click(screen.getByTestId("save-participation"));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].departure?.at).toEqual({ local: "2027-10-31T02:30", zone: "Europe/Berlin", occurrence: "first" });
  });

  it("sums up a movement on one line, naming the zone by its city", () => {
    const m = { at: { local: "2027-03-24T14:05", zone: "Europe/Berlin" }, place: "DUS", transport: "LH 723" };
    expect(movementLine(m, "arrival")).toBe("an 24.03. 14:05 (Herne) · DUS · LH 723");
    i18n.lang = "en";
    expect(movementLine({ ...m, transport: null, at: { local: "2027-03-29T09:40", zone: "Asia/Shanghai" } }, "departure")).toBe(
      "dep. 29/03 09:40 (Luzhou) · DUS",
    );
  });
});
