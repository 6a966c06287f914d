// Builders for the values the component tests hand to components and to the
// mocked backend. Each gives a plain, valid value; the test names what it
// cares about in `over`. Only tests import this module, so it never reaches
// the app's bundle.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { ItemView, ParticipantView, ProgrammeItem, Schedule, Visit, VisitView } from "./api/types";

const none = () => ({ de: null, en: null, zh: null });

/** An item's time range as the core writes it (`Says::times`), German first: tests spell it out, never compute it. */
export const times = (de: string, en = de) => ({ de, en, zh: en });

/** A guest taking part as a member, first in precedence, with nothing else known. */
export const participant = (over: Partial<ParticipantView> = {}): ParticipantView => ({
  person_id: "p",
  name: "",
  side: "guest",
  role: "member",
  precedence: 1,
  title: none(),
  address: none(),
  organisation: none(),
  arrival: null,
  departure: null,
  hotel: null,
  phone: null,
  email: null,
  ...over,
});

/** A timed schedule from `start` to `end` (local times) in `zone`. */
export const timed = (start: string, end: string, zone = "Europe/Berlin") => ({
  type: "timed" as const,
  start: { local: start, zone },
  end: { local: end, zone },
}) satisfies Schedule;

/** The reception in Herne's town hall, 10:00–11:00 on 25 March 2027, confirmed, with nobody at it. */
export const item = (over: Partial<ItemView> = {}): ItemView => ({
  id: "reception",
  title: { de: "Empfang im Rathaus", en: null, zh: null },
  kind: "reception",
  schedule: timed("2027-03-25T10:00", "2027-03-25T11:00"),
  zone: "Europe/Berlin",
  start_abbreviation: "CET",
  end_abbreviation: "CET",
  times: times("10:00–11:00 MEZ", "10:00–11:00 CET"),
  start_utc: "2027-03-25T09:00:00Z",
  end_utc: "2027-03-25T10:00:00Z",
  venue: null,
  attendees: [],
  responsible: [],
  notes: "",
  guest_notes: none(),
  dress_code: none(),
  status: "confirmed",
  revision: 1,
  ...over,
});

/** The item behind a view as the store keeps it: what the mocked backend answers to `get_item`. */
export const stored = (view: ItemView, visitId = "visit-1"): ProgrammeItem => ({
  id: view.id,
  visit_id: visitId,
  title: view.title,
  kind: view.kind,
  schedule: view.schedule,
  venue_id: view.venue?.id ?? null,
  attendees: view.attendees.map((a) => a.person_id),
  responsible: view.responsible.map((r) => r.person_id),
  notes: view.notes,
  guest_notes: view.guest_notes,
  dress_code: view.dress_code,
  transport: view.transport,
  status: view.status,
  revision: view.revision,
});

/** The Luzhou delegation's visit to Herne, 24 to 28 March 2027, still being planned. */
export const visit = (over: Partial<Visit> = {}): Visit => ({
  id: "visit-1",
  title: { de: "Besuch der Delegation aus Luzhou in Herne", en: "Delegation from Luzhou", zh: "泸州代表团访问黑尔讷" },
  direction: "incoming",
  partner_city: "Luzhou",
  first_day: "2027-03-24",
  last_day: "2027-03-28",
  time_zone: "Europe/Berlin",
  status: "planning",
  hosts: ["Stadt Herne"],
  notes: "",
  ...over,
});

/** The visit (see `visit`) with the participants and programme given, none by default. */
export const visitView = (over: { visit?: Partial<Visit>; participants?: ParticipantView[]; programme?: ItemView[] } = {}): VisitView => ({
  visit: visit(over.visit),
  participants: over.participants ?? [],
  programme: over.programme ?? [],
});

/**
 * The visit with 刘强 Liu Qiang (p-liu, guest, head of delegation) and
 * Dr. Anna Berger (p-berger, host) taking part, and the reception, which Liu
 * attends and Jonas Weber (p-weber) looks after without taking part.
 */
export const visitWithStaff = (): VisitView =>
  visitView({
    participants: [
      participant({ person_id: "p-liu", name: "刘强 Liu Qiang", role: "head_of_delegation" }),
      participant({ person_id: "p-berger", name: "Dr. Anna Berger", side: "host", role: "host" }),
    ],
    programme: [
      item({
        attendees: [{ person_id: "p-liu", name: "刘强 Liu Qiang" }],
        responsible: [{ person_id: "p-weber", name: "Jonas Weber" }],
      }),
    ],
  });

export type Call = { cmd: string; args: Record<string, unknown> };
export type Routes = Record<string, (args: Record<string, unknown>) => unknown>;

/**
 * Mocks the backend: a command in `routes` answers with what its route
 * returns (or throws); any other with what `otherwise` does, null by
 * default. Returns every call, in order, growing as the test runs.
 */
export function mockBackend(routes: Routes, otherwise: (cmd: string) => unknown = () => null): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    return Object.hasOwn(routes, cmd) ? routes[cmd](args) : otherwise(cmd);
  }, { shouldMockEvents: true });
  return calls;
}

/** For `otherwise`: a command the test did not expect fails it. */
export const unexpected = (cmd: string): never => {
  throw new Error(`unexpected ${cmd}`);
};

/** What a save dialog ends in: the path saved to, null when cancelled, or the backend's refusal. */
export type SaveAnswer = string | null | { kind: string; message: string };

/** A route that answers each call with the next of `answers` (null when they run out), throwing a refusal as the backend does. */
export const saveAnswers = (answers: SaveAnswer[]) => (): string | null => {
  const answer = answers.shift() ?? null;
  if (answer !== null && typeof answer === "object") throw { ...answer, fields: [] };
  return answer;
};

/**
 * The mocked core's `search_key` for the queries the tests type: accents and
 * tone marks dropped, umlauts spelled out, lower case, no spaces (the core's
 * folding; tests name the keys of their persons as the core makes them).
 */
export const foldLikeTheCore = (query: string): string =>
  query
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, "");
