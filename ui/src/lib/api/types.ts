// Types of values that cross IPC, mirroring the Rust types in dplan-core
// (serde's snake_case names). To be generated from Rust (ts-rs) — see
// ARCHITECTURE.md; until then keep them in step by hand.

export type Lang = "de" | "en" | "zh";
export interface Texts { de: string | null; en: string | null; zh: string | null }
export type Direction = "incoming" | "outgoing";
export type VisitStatus = "planning" | "confirmed" | "completed" | "cancelled";
export type Side = "guest" | "host";
export type Role = "head_of_delegation" | "member" | "interpreter" | "host" | "staff" | "driver" | "press";
export type ItemKind =
  | "reception" | "meeting" | "meal" | "visit" | "signing" | "press"
  | "transfer" | "flight" | "hotel" | "free_time";
export type ItemStatus = "tentative" | "confirmed" | "cancelled";

export interface Visit {
  id: string;
  title: Texts;
  direction: Direction;
  partner_city: string;
  first_day: string;
  last_day: string;
  time_zone: string;
  status: VisitStatus;
  hosts: string[];
  notes: string;
}

export interface ZonedLocal { local: string; zone: string; occurrence?: "first" | "second" }
export interface Movement { at: ZonedLocal; place: string; transport: string | null }
export type Schedule =
  | { type: "timed"; start: ZonedLocal; end: ZonedLocal }
  | { type: "all_day"; first_day: string; last_day: string };

export interface Venue { id: string; name: Texts; address: string; room: string | null; time_zone: string }
export interface PersonRef { person_id: string; name: string }

export interface ParticipantView {
  person_id: string;
  name: string;
  side: Side;
  role: Role;
  precedence: number;
  title: Texts;
  organisation: Texts;
  arrival: Movement | null;
  departure: Movement | null;
  hotel: string | null;
}

export interface ItemView {
  id: string;
  title: Texts;
  kind: ItemKind;
  schedule: Schedule;
  zone: string | null;
  start_abbreviation: string | null;
  end_abbreviation: string | null;
  start_utc: string | null;
  end_utc: string | null;
  venue: Venue | null;
  attendees: PersonRef[];
  responsible: PersonRef[];
  notes: string;
  status: ItemStatus;
  revision: number;
}

export interface VisitView { visit: Visit; participants: ParticipantView[]; programme: ItemView[] }
export interface AppInfo { db_path: string; empty: boolean; version: string }

export type ErrorKind = "not_found" | "invalid" | "conflict" | "storage" | "internal";
export interface FieldError { field: string; reason: string }
export interface IpcError { kind: ErrorKind; message: string; fields: FieldError[] }
