// The only module that talks to the Rust side. Everything else calls these
// typed functions; errors arrive as `ApiError` with the kind Rust gave them.
import { invoke } from "@tauri-apps/api/core";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { listen } from "@tauri-apps/api/event";
import { activity } from "../activity.svelte";
import type {
  AppInfo,
  CheckSettings,
  DatabaseChanged,
  DatabaseChoice,
  DatabaseInfo,
  Edition,
  FieldError,
  ImportReport,
  IpcError,
  ItemStatus,
  ItineraryPreview,
  Layout,
  SharedRecords,
  Lang,
  ListReview,
  LocalTimeInfo,
  Mapping,
  MissingTranslation,
  ParticipantImportReport,
  PublishOutcome,
  PublishSettings,
  Withdrawn,
  PurgeRecord,
  SavedCalendar,
  Participant,
  Person,
  PersonEntry,
  PersonalData,
  PersonId,
  PersonProgramme,
  ProgrammeItem,
  Side,
  Venue,
  Visit,
  VisitId,
  VisitView,
  WallTime,
  Warning,
} from "./types";

// The two request types below only group a command's arguments for the
// components; each argument's type is generated.

/** What a calendar export holds, in which languages, and whether it reminds. */
export type CalendarRequest = {
  /** null for the whole programme; else the items this person attends, or with `duties` those they are responsible for. */
  person: PersonId | null;
  duties: boolean;
  /** One to three distinct languages; the first leads. */
  langs: Lang[];
  /** Minutes before each item; null for no reminder. */
  reminderMinutes: number | null;
  /** A guest's calendar holds no internal note, staff duty or cancelled item. */
  edition: Edition;
  /** Tentative items in a guest edition, marked as such. */
  tentative: boolean;
};

/** What a visit file's import does with persons and venues other visits also use. */
export type { SharedRecords } from "./types";

/** How a printed itinerary puts two languages: in columns, or one under the other. */
export type ItineraryLayout = Layout;

/** Whose itinerary is printed, in which languages, and how two languages are laid out. */
export type ItineraryRequest = {
  /** null for the whole visit; else this person's own items, arrival, departure and hotel. */
  person: PersonId | null;
  /** One or two distinct languages; the first leads. */
  langs: Lang[];
  /** Matters only for two languages. */
  layout: ItineraryLayout;
  /** Guest (only what a guest may read) or internal (everything). */
  edition: Edition;
  /** Tentative items in a guest edition, marked as such. */
  tentative: boolean;
};

/** The print preview and the texts it prints untranslated. */
export type { ItineraryPreview } from "./types";

export class ApiError extends Error {
  constructor(public readonly error: IpcError) {
    super(error.message);
  }
  get kind() {
    return this.error.kind;
  }
  /** Field errors as a map from field path (`title.de`, `end`) to reason. */
  get fields(): Record<string, string> {
    return Object.fromEntries(this.error.fields.map((f: FieldError) => [f.field, f.reason]));
  }
}

function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "kind" in e && "message" in e;
}

async function call<T>(
  command: string,
  args?: Record<string, unknown> | Uint8Array,
  headers?: Record<string, string>,
): Promise<T> {
  try {
    return await activity.track(() => invoke<T>(command, args, headers ? { headers } : undefined));
  } catch (e) {
    if (isIpcError(e)) throw new ApiError({ ...e, fields: e.fields ?? [] });
    // Tauri's own errors (e.g. arguments it could not read) are plain strings.
    throw new ApiError({ kind: "internal", message: String(e), fields: [] });
  }
}

/** A new random id (UUID v4) for an entity the user creates. */
export function newId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  /** Which database the app works on, for the database dialog. */
  databaseChoice: () => call<DatabaseChoice>("database_choice"),
  /** Connects to a database (a file's path or a server's address) and says what it holds; the one in use is untouched. */
  testDatabase: (setting: string, password: string | null) =>
    call<DatabaseInfo>("test_database", { setting, password }),
  /** Works on this database from now on and remembers it (null: the default file). */
  useDatabase: (setting: string | null, password: string | null) =>
    call<null>("use_database", { setting, password }),
  /** Field errors from now on come back in this language. */
  setLanguage: (lang: Lang) => call<null>("set_language", { lang }),
  listVisits: () => call<Visit[]>("list_visits"),
  getVisit: (id: string) => call<VisitView>("get_visit", { id }),
  createVisit: (visit: Visit) => call<null>("create_visit", { visit }),
  updateVisit: (visit: Visit) => call<null>("update_visit", { visit }),
  deleteVisit: (id: string) => call<null>("delete_visit", { id }),
  duplicateVisit: (id: string, firstDay: string) =>
    call<string>("duplicate_visit", { id, firstDay }),
  loadDemo: () => call<number>("load_demo"),
  listPersons: () => call<PersonEntry[]>("list_persons"),
  /** Saves a person's address-book entry; their personal data is kept as stored. */
  updatePerson: (person: Person) => call<null>("update_person", { person }),
  /** Deletes a person who takes part in no visit (else a `conflict`). */
  deletePerson: (id: string) => call<null>("delete_person", { id }),
  /** A person's personal data; read it only when the user asks to see it. */
  getPersonalData: (id: string) => call<PersonalData>("get_personal_data", { id }),
  addParticipant: (person: Person | null, participant: Participant) =>
    call<null>("add_participant", { person, participant }),
  /** Saves a participant's side, role, precedence, arrival, departure and hotel. */
  updateParticipant: (participant: Participant) => call<null>("update_participant", { participant }),
  removeParticipant: (visitId: string, personId: string) =>
    call<null>("remove_participant", { visitId, personId }),
  reorderParticipants: (visitId: string, side: Side, order: string[]) =>
    call<null>("reorder_participants", { visitId, side, order }),
  listVenues: () => call<Venue[]>("list_venues"),
  createItem: (item: ProgrammeItem) => call<null>("create_item", { item }),
  /** The item as stored, with the fields a view leaves out. */
  getItem: (id: string) => call<ProgrammeItem>("get_item", { id }),
  updateItem: (item: ProgrammeItem) => call<ProgrammeItem>("update_item", { item }),
  /** Confirms, cancels or marks tentative one item; the item as stored. */
  setItemStatus: (id: string, status: ItemStatus) => call<ProgrammeItem>("set_item_status", { id, status }),
  /** Moves one item by whole days at the same local times (the core keeps which of a repeated hour it was). */
  moveItemByDays: (id: string, days: number) => call<ProgrammeItem>("move_item_by_days", { id, days }),
  deleteItem: (id: string) => call<null>("delete_item", { id }),
  /** Asks where to save the visit file (a native dialog) and writes it; the path, or null if cancelled. */
  exportVisitFile: (id: string, suggestedName: string) =>
    call<string | null>("export_visit_file", { id, suggestedName }),
  /**
   * Asks for a visit file (a native dialog), keeps it on the Rust side and
   * says what importing it would do, storing nothing; null if cancelled.
   */
  previewVisitFile: () =>
    call<ImportReport | null>("import_visit_file", { chooseFile: true, shared: "update", dryRun: true }),
  /** Imports the visit file the last preview read; `shared` decides about persons and venues other visits also use. */
  importVisitFile: (shared: SharedRecords) =>
    call<ImportReport | null>("import_visit_file", { chooseFile: false, shared, dryRun: false }),
  /** Forgets the visit file the last preview read (it may hold personal data) when the import is cancelled. */
  discardVisitFile: () => call<void>("discard_visit_file"),

  // Participant lists (Excel, CSV). The list read last stays on the Rust
  // side while the import dialog reviews it with different mappings.
  /** Asks for a list (a native dialog) and reviews it; null if cancelled. */
  openParticipantList: (visitId: string, defaultSide: Side) =>
    call<ListReview | null>("open_participant_list", { visitId, defaultSide }),
  /** Reviews a list dropped on the window, sent as its raw bytes. */
  loadParticipantList: (visitId: string, defaultSide: Side, bytes: Uint8Array) =>
    call<ListReview>("load_participant_list", bytes, { "visit-id": visitId, "default-side": defaultSide }),
  reviewParticipantList: (visitId: string, mapping: Mapping, defaultSide: Side) =>
    call<ListReview>("review_participant_list", { visitId, mapping, defaultSide }),
  /** Imports the list read last; with dryRun, says what that would do and stores nothing. */
  importParticipantList: (visitId: string, mapping: Mapping, defaultSide: Side, onlyValid: boolean, dryRun: boolean) =>
    call<ParticipantImportReport>("import_participant_list", { visitId, mapping, defaultSide, onlyValid, dryRun }),
  /** Asks where to save the roster (.xlsx or .csv) and writes it; the path, or null if cancelled. */
  exportRoster: (visitId: string, lang: Lang, suggestedName: string) =>
    call<string | null>("export_roster", { visitId, lang, suggestedName }),
  /**
   * Asks where to save the calendar (.ics) and writes it; the path, or null if
   * cancelled. Nothing to export is refused (`invalid`) before the dialog opens.
   */
  exportCalendar: (visitId: VisitId, request: CalendarRequest, suggestedName: string) =>
    call<SavedCalendar | null>("export_calendar", {
      visitId,
      person: request.person,
      duties: request.duties,
      langs: request.langs,
      reminderMinutes: request.reminderMinutes,
      edition: request.edition,
      tentative: request.tentative,
      suggestedName,
    }),
  /** Where calendars are published (the CalDAV password is never sent back). */
  getPublishSettings: () => call<PublishSettings>("get_publish_settings"),
  /** Saves where to publish; the password is kept in memory until the app closes. */
  savePublishSettings: (settings: PublishSettings, password: string | null) =>
    call<PublishSettings>("save_publish_settings", { settings, password }),
  /** Asks for the folder subscription feeds go into; the settings with it, or null if cancelled. */
  choosePublishFolder: () => call<PublishSettings | null>("choose_publish_folder"),
  /** Publishes the visit's calendars now. */
  publishCalendars: (visitId: VisitId, langs: Lang[]) => call<PublishOutcome>("publish_calendars", { visitId, langs }),
  /** After a change: publishes again if the visit was published before; null if it never was. */
  followCalendars: (visitId: VisitId, langs: Lang[]) => call<PublishOutcome | null>("follow_calendars", { visitId, langs }),
  /** Whether this visit's guests' calendars name the people at each item. */
  getCalendarNames: (visitId: VisitId) => call<boolean>("get_calendar_names", { visitId }),
  setCalendarNames: (visitId: VisitId, names: boolean) => call<boolean>("set_calendar_names", { visitId, names }),
  /** Takes the visit's calendars back from the server and the folder. */
  withdrawCalendars: (visitId: VisitId) => call<Withdrawn>("withdraw_calendars", { visitId }),
  /**
   * The itinerary as an HTML fragment for the print preview: a `<style>` whose
   * rules are all scoped to `.itinerary` (plus `@page`), and the
   * `<div class="itinerary">`. Rust escapes every text; there is no script.
   */
  itineraryPreview: (visitId: VisitId, request: ItineraryRequest) =>
    call<ItineraryPreview>("itinerary_preview", {
      visitId,
      person: request.person,
      langs: request.langs,
      layout: request.layout,
      edition: request.edition,
      tentative: request.tentative,
    }),
  /**
   * Typesets the itinerary as a PDF, asks where to save it (a native dialog)
   * and writes it; the path, or null if cancelled. A missing font for
   * Chinese is an `internal` error whose message says what to install.
   */
  saveItineraryPdf: (visitId: VisitId, request: ItineraryRequest, suggestedName: string) =>
    call<string | null>("save_itinerary_pdf", {
      visitId,
      person: request.person,
      langs: request.langs,
      layout: request.layout,
      edition: request.edition,
      tentative: request.tentative,
      suggestedName,
    }),
  purgePersonalData: (visitId: string) => call<PurgeRecord>("purge_personal_data", { visitId }),
  listPurges: (visitId: string) => call<PurgeRecord[]>("list_purges", { visitId }),

  // The conflict check and what it needs.
  /** The visit's warnings, ordered by time; a tentative item makes a warning `tentative`. */
  /** The visit's warnings, their sentences in `lang` (the UI's language). */
  checkVisit: (id: string, lang: Lang) => call<Warning[]>("check_visit", { id, lang }),
  getCheckSettings: () => call<CheckSettings>("get_check_settings"),
  /** Saves travel times and the venue rule; refused with field errors (`travel.0.to`) when invalid. */
  saveCheckSettings: (settings: CheckSettings) => call<null>("save_check_settings", { settings }),
  /** One person's items in a visit; `not_found` when they take no part in it. */
  personProgramme: (visit: string, person: string) => call<PersonProgramme>("person_programme", { visit, person }),
  /** Whether a local time ("YYYY-MM-DDTHH:MM") exists once, twice or not at all in `zone`. */
  /** A search query folded as people's `search_key`s are. */
  searchKey: (query: string) => call<string>("search_key", { query }),
  localTimeInfo: (local: string, zone: string) => call<LocalTimeInfo>("local_time_info", { local, zone }),
  /** Instants (UTC, as the view sends them) on the clocks of `zone`, with the zone's abbreviation then. */
  wallTimes: (instants: string[], zone: string) => call<WallTime[]>("wall_times", { instants, zone }),
};

/**
 * The visit named with `delegation-planner --open VISIT`, which the app puts
 * into the page before its scripts run (`startup::init_script`); null when
 * none was named or the page runs without the app (tests).
 */
export function visitToOpenAtStart(): string | null {
  const value = (window as { __DPLAN_OPEN_VISIT__?: unknown }).__DPLAN_OPEN_VISIT__;
  return typeof value === "string" && value !== "" ? value : null;
}

/**
 * Tells the Rust side that `screen` has been painted with its data (for the
 * startup trace, `DPLAN_TRACE`). Waits two animation frames, so the report
 * comes after the browser has painted, not merely after the DOM changed.
 */
export function reportShown(screen: "visits" | "visit"): void {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      invoke("screen_shown", { screen }).catch(() => {});
    }),
  );
}

/**
 * Calls `mayClose` when the user closes the window; the window stays open
 * when it resolves to false. Returns a function that stops listening.
 */
export async function onWindowClose(mayClose: () => Promise<boolean>): Promise<() => void> {
  return getCurrentWindow().onCloseRequested(async (event) => {
    if (!(await mayClose())) event.preventDefault();
  });
}

/** Someone else changed the database (a colleague on the team's server, the CLI on the file); `by` names the colleague where known. */
export function onDatabaseChanged(f: (by: string | null) => void): Promise<() => void> {
  return listen<DatabaseChanged>("database-changed", (e) => f(e.payload.by));
}
