// Generated from the Rust types by `cargo test -p dplan-api --test types`.
// Do not edit by hand: change the Rust type and rerun the test.

export type VisitId = string;

export type PersonId = string;

export type VenueId = string;

export type ItemId = string;

export type Lang = "de" | "en" | "zh";

export type Texts = { de: string | null, en: string | null, zh: string | null, };

export type Direction = "incoming" | "outgoing";

export type VisitStatus = "planning" | "confirmed" | "completed" | "cancelled";

export type ContactKind = "hotel" | "duty_phone" | "consulate" | "other";

export type VisitContact = { kind: ContactKind, 
/**
 * "Parkhotel Herne, Rezeption"; in any of the three languages.
 */
name: Texts, 
/**
 * Required: a contact without a number helps no one.
 */
phone: string, };

export type Visit = { id: VisitId, 
/**
 * The visit's title; German is required, English and Chinese optional.
 */
title: Texts, direction: Direction, 
/**
 * The other city: where an incoming delegation comes from, or where an
 * outgoing one travels to.
 */
partner_city: string, first_day: string, last_day: string, 
/**
 * The visit's home zone: Europe/Berlin for visits to Herne,
 * Asia/Shanghai for visits to Luzhou. New items default to it.
 */
time_zone: string, status: VisitStatus, 
/**
 * Host organisations, in the order they are named.
 */
hosts: Array<string>, 
/**
 * Internal notes for the protocol office: never printed in a guest
 * edition, never in a calendar made for a guest.
 */
notes: string, 
/**
 * Notes for the guests, shown in guest copies; empty when there are none.
 */
guest_notes?: Texts, 
/**
 * The hotel, the duty phone, the consulate: printed with the people
 * to call on every itinerary.
 */
contacts?: Array<VisitContact>, };

export type NameOrder = "family_first" | "given_first";

export type PersonalData = { passport_number: string | null, date_of_birth: string | null, nationality: string | null, 
/**
 * Dietary needs (may reveal health or religion).
 */
dietary: string | null, 
/**
 * Accessibility needs (health).
 */
accessibility: string | null, };

export type Person = { id: PersonId, 
/**
 * Family name in Latin script ("Liu", "Dudda").
 */
family_name: string, 
/**
 * Given name in Latin script ("Qiang", "Frank").
 */
given_name: string, 
/**
 * The name in Chinese characters, family name first ("刘强").
 */
name_zh: string | null, 
/**
 * Pinyin with tone marks, family name first ("Liú Qiáng").
 */
pinyin: string | null, name_order: NameOrder, 
/**
 * Academic title that goes before the name: "Dr.", "Prof. Dr.".
 */
academic_title: string | null, 
/**
 * Official title: "Oberbürgermeister" / "Lord Mayor" / "市长".
 */
title: Texts, 
/**
 * Form of address: "Herr Oberbürgermeister" / "Secretary Liu" / "刘书记".
 */
address: Texts, organisation: Texts, position: Texts, email: string | null, phone: string | null, 
/**
 * Languages spoken, as ISO 639-1 codes ("de", "zh", "en").
 */
languages: Array<string>, 
/**
 * Personal data, when loaded or exported. `None` means "not included",
 * not "none": storing a person without it keeps what is stored.
 */
personal?: PersonalData | null, };

export type Side = "guest" | "host";

export type Role = "head_of_delegation" | "member" | "interpreter" | "host" | "staff" | "driver" | "press";

export type Occurrence = "first" | "second";

export type ZonedLocal = { 
/**
 * Local date and time to the minute, as `YYYY-MM-DDTHH:MM`.
 */
local: string, 
/**
 * IANA zone name, e.g. `Europe/Berlin` or `Asia/Shanghai`.
 */
zone: string, 
/**
 * Needed only when `local` happens twice in `zone`.
 */
occurrence?: Occurrence | null, };

export type Movement = { at: ZonedLocal, 
/**
 * Airport, station or address: "Flughafen Düsseldorf (DUS)".
 */
place: string, 
/**
 * Flight or train number: "LH 723", "ICE 1025".
 */
transport: string | null, };

export type Participant = { visit_id: VisitId, person_id: PersonId, side: Side, role: Role, 
/**
 * Position in the side's order of precedence, 1 first.
 */
precedence: number, arrival: Movement | null, departure: Movement | null, hotel: string | null, };

export type Venue = { id: VenueId, 
/**
 * Name; German required (the local name for venues in China may be
 * given as German transliteration plus `zh`).
 */
name: Texts, 
/**
 * Postal address on one line in Latin letters, as it goes into a
 * calendar's LOCATION (pinyin for a place in China).
 */
address: string, 
/**
 * The address in Chinese characters, as a driver in China reads it
 * ("四川省泸州市江阳区…"); printed below the Latin one.
 */
address_zh?: string, 
/**
 * Room within the venue, in each language ("Ratssaal", "Council
 * Chamber", "议会大厅"). A visit file written before rooms were
 * translated carries one plain string: it is read as the German room.
 */
room: Texts, time_zone: string, };

export type ItemKind = "reception" | "meeting" | "meal" | "visit" | "signing" | "press" | "transfer" | "flight" | "hotel" | "free_time";

export type ItemStatus = "tentative" | "confirmed" | "cancelled";

export type Edition = "guest" | "internal";

export type SavedCalendar = { 
/**
 * Where the file went.
 */
path: string, 
/**
 * How many events it holds.
 */
events: number, 
/**
 * How many of them take back, as cancelled, items an earlier file of
 * this calendar carried and this one no longer does.
 */
taken_back: number, 
/**
 * Items whose title or place was shortened to the 255 characters
 * Outlook keeps (their titles).
 */
shortened: Array<string>, };

export type PublishSettings = { 
/**
 * The collection visits' calendars go into, e.g.
 * `https://kalender.herne.de/protokoll/`.
 */
caldav_url: string | null, caldav_user: string | null, 
/**
 * The folder for subscription feeds.
 */
folder: string | null, 
/**
 * The address that folder is served at.
 */
base_url: string | null, };

export type FeedLinkView = { 
/**
 * `programm`, `gast-…`, `intern-…`, `aufgaben-…`.
 */
calendar: string, 
/**
 * The calendar's name.
 */
name: string, 
/**
 * Its address (or only its file name when the folder's address is not
 * set).
 */
link: string, };

export type PublishOutcome = { at: string, 
/**
 * Calendars kept in step (on the server and as feeds).
 */
calendars: number, 
/**
 * Entries sent, changed or removed on the server, and feeds rewritten.
 */
changes: number, 
/**
 * HTTP requests sent to the server.
 */
requests: number, 
/**
 * Entries someone else changed on the server, left as they are there
 * (their UIDs).
 */
conflicts: Array<string>, 
/**
 * The subscription feeds' links.
 */
links: Array<FeedLinkView>, 
/**
 * The calendar server was left out: its user's password is not known
 * (the app keeps it only while it runs). The feeds were published.
 */
password_needed: boolean, };

export type Withdrawn = { 
/**
 * Calendars removed from the CalDAV server.
 */
collections: number, 
/**
 * Subscription feeds whose files were removed.
 */
feeds: number, };

export type Schedule = { "type": "timed", start: ZonedLocal, end: ZonedLocal, } | { "type": "all_day", first_day: string, last_day: string, };

export type ProgrammeItem = { 
/**
 * Stable for the item's whole life; calendar exports use it as `UID`.
 */
id: ItemId, visit_id: VisitId, title: Texts, kind: ItemKind, schedule: Schedule, venue_id: VenueId | null, 
/**
 * Who attends, in no particular order (lists are shown in precedence).
 */
attendees: Array<PersonId>, 
/**
 * Staff responsible for the item.
 */
responsible: Array<PersonId>, 
/**
 * Internal notes for the protocol office: never printed in a guest
 * edition, never in a calendar made for a guest.
 */
notes: string, 
/**
 * Notes for the guests, shown in guest copies; empty when there are none.
 */
guest_notes?: Texts, 
/**
 * What to wear ("Dunkler Anzug"); empty when nothing is asked.
 */
dress_code?: Texts, 
/**
 * The flight or train number of a journey ("3U 8792", "ICE 125"),
 * printed with the item and carried into calendars.
 */
transport?: string, status: ItemStatus, 
/**
 * Rises whenever the time, venue or status changes; calendar exports
 * use it as `SEQUENCE` so that calendars replace the old entry.
 */
revision: number, };

export type PersonRef = { person_id: PersonId, name: string, };

export type PersonEntry = { display_name: string, 
/**
 * What a search finds the person by: the names (Latin and Chinese),
 * pinyin and the organisation in every language, each folded as the
 * store folds names when it matches people ([`search_key`]: "mueller"
 * finds "Müller", "liu" finds "Liú"), joined by `|`. A search folds
 * its query the same way and looks for it inside.
 */
search_key: string, person: Person, };

export type ParticipantView = { person_id: PersonId, name: string, 
/**
 * The Chinese name of a German participant who has one, for
 * documents in Chinese ("安娜·贝格尔"); the name above holds the
 * characters of a Chinese participant already.
 */
name_zh?: string, side: Side, role: Role, precedence: number, title: Texts, 
/**
 * The form of address: "Herr Vizebürgermeister Liu" / "刘副市长".
 */
address: Texts, organisation: Texts, arrival: Movement | null, departure: Movement | null, hotel: string | null, 
/**
 * Contact details, for the itinerary's contacts page.
 */
phone: string | null, email: string | null, };

export type ItemView = { id: ItemId, title: Texts, kind: ItemKind, schedule: Schedule, 
/**
 * The zone the item starts in.
 */
zone: string | null, 
/**
 * Zone abbreviations at start and end, e.g. `CEST`, `CST`.
 */
start_abbreviation: string | null, end_abbreviation: string | null, 
/**
 * When the item happens on its day, in each language, as every
 * screen and document writes it ([`Says::times`]): `09:30–10:30 MEZ`.
 */
times: Texts, start_utc: string | null, end_utc: string | null, venue: Venue | null, 
/**
 * Attendees in order of precedence (guests first).
 */
attendees: Array<PersonRef>, responsible: Array<PersonRef>, 
/**
 * Internal notes: for the protocol office only.
 */
notes: string, 
/**
 * Notes for the guests.
 */
guest_notes: Texts, dress_code: Texts, 
/**
 * The flight or train number of a journey.
 */
transport?: string, status: ItemStatus, revision: number, };

export type VisitView = { visit: Visit, participants: Array<ParticipantView>, programme: Array<ItemView>, };

export type PersonItem = { item: ItemView, 
/**
 * The person is among the attendees.
 */
attends: boolean, 
/**
 * The person is responsible for the item (a staff duty).
 */
responsible: boolean, };

export type PersonProgramme = { visit: Visit, person: PersonRef, 
/**
 * Their part in the visit; `None` for staff who are responsible for
 * items without taking part.
 */
participant: ParticipantView | null, programme: Array<PersonItem>, };

export type AppInfo = { db_path: string, 
/**
 * No visit stored yet.
 */
empty: boolean, version: string, 
/**
 * The release of the time-zone database the build carries.
 */
tzdata: string, 
/**
 * A visit to open at start (`delegation-planner --open VISIT`), as the
 * user gave it: an id or a unique beginning of one.
 */
open_visit: string | null, };

export type DatabaseChoice = { 
/**
 * The database in use (or that failed to open), as it may be shown.
 */
location: string, server: boolean, 
/**
 * `DPLAN_DB` names the database; a saved setting waits until it is
 * no longer set.
 */
fixed_by_environment: boolean, 
/**
 * The saved setting (the address the dialog offers), if any.
 */
saved: string | null, };

export type DatabaseInfo = { 
/**
 * The file's path, or the server's address without password.
 */
location: string, server: boolean, schema_version: number, visits: number, persons: number, };

export type DatabaseChanged = { 
/**
 * The colleague's database user (a team's server); `None` on a file.
 */
by: string | null, };

export type Resolution = { occurrence: Occurrence, 
/**
 * `CEST` for the first, `CET` for the second in Europe/Berlin.
 */
abbreviation: string, utc: string, };

export type LocalTimeInfo = { "type": "single", abbreviation: string, utc: string, } | { "type": "gap", message: string, } | { "type": "ambiguous", first: Resolution, second: Resolution, message: string, };

export type WallTime = { 
/**
 * Local date and time to the minute, as `YYYY-MM-DDTHH:MM`.
 */
local: string, 
/**
 * The zone's abbreviation then, from the tz database (`CEST`, `CST`,
 * `+05`).
 */
abbreviation: string, };

export type WarningKind = "invalid_time" | "outside_visit_days" | "before_arrival" | "after_departure" | "person_double_booked" | "venue_double_booked" | "travel_too_short" | "no_common_language";

export type Severity = "conflict" | "tentative";

export type Warning = { kind: WarningKind, severity: Severity, 
/**
 * The items involved, the earlier first.
 */
items: Array<ItemId>, 
/**
 * The visits of those items, each once, in the items' order; a venue
 * or person booked across visits names more than one.
 */
visits: Array<VisitId>, 
/**
 * The persons involved, in order of precedence (guests first).
 */
persons: Array<PersonId>, venue: VenueId | null, 
/**
 * How long two items overlap (double bookings).
 */
overlap_minutes: number | null, 
/**
 * How long the way between two venues takes (travel warnings).
 */
needed_minutes: number | null, 
/**
 * How much time there is between the two items (travel warnings).
 */
available_minutes: number | null, 
/**
 * Set on the one warning that stands for the double bookings of a
 * person or venue beyond [`MAX_OVERLAPS_LISTED`]: how many more there
 * are. A programme with thousands of items at one time would otherwise
 * give millions of warnings.
 */
unlisted?: number, 
/**
 * One sentence in the language of [`CheckOptions::lang`] naming the
 * items (titles in that language, local times with the zone as its
 * readers know it), the people and the venue. Scripts read `kind` and
 * the fields above; the sentence is for people.
 */
message: string, };

export type TravelTime = { from: VenueId, to: VenueId, minutes: number, };

export type CheckSettings = { default_travel_minutes: number, venues_across_visits: boolean, 
/**
 * One entry per pair of venues; it serves both directions.
 */
travel: Array<TravelTime>, };

export type FieldError = { field: string, 
/**
 * The problem as a sentence for people, in the language asked for.
 */
reason: string, 
/**
 * The problem as a code and its parameters, for scripts and for
 * writing `reason` in another language.
 */
problem: Problem, };

export type MissingTranslation = { 
/**
 * What the text belongs to, as the document names it: the visit's or
 * an item's title, a venue's or a person's name.
 */
what: string, field: TextField, lang: Lang, };

export type TextField = "title" | "guest_notes" | "dress_code" | "venue_name" | "room" | "address_zh" | "contact" | "position" | "form_of_address" | "organisation";

export type Problem = { "code": "empty" } | { "code": "too_long", len: number, max: number, } | { "code": "edge_spaces" } | { "code": "line_break", at: number, } | { "code": "control_character", character: string, at: number, } | { "code": "line_separator", character: string, at: number, } | { "code": "direction_override", character: string, at: number, } | { "code": "markup", tag: string, } | { "code": "date_outside_window", date: string, earliest: number, latest: number, } | { "code": "birth_date_outside_window", earliest: number, latest: number, } | { "code": "time_in_gap", local: string, zone: string, } | { "code": "time_ambiguous", local: string, zone: string, } | { "code": "end_not_after_start" } | { "code": "item_too_long", hours: bigint, } | { "code": "last_day_before_first_day" } | { "code": "all_day_item_too_long", days: bigint, } | { "code": "visit_too_long", days: bigint, } | { "code": "too_many_contacts", max: number, } | { "code": "same_person_twice" } | { "code": "precedence_below_one" } | { "code": "departure_not_after_arrival" } | { "code": "passport_number" } | { "code": "email", value: string, } | { "code": "phone", value: string, } | { "code": "language_code", value: string, } | { "code": "travel_too_long", minutes: number, } | { "code": "same_venue_twice" } | { "code": "venue_pair_twice" } | { "code": "appears_twice", id: string, } | { "code": "belongs_to_another_visit" } | { "code": "not_among_file_persons", id: string, } | { "code": "not_among_file_venues", id: string, } | { "code": "takes_part_twice" } | { "code": "not_a_participant", id: string, } | { "code": "person_not_a_participant" } | { "code": "venue_unused" } | { "code": "cannot_move_dates", first_day: string, } | { "code": "cannot_move_item", days: number, } | { "code": "item_of_another_visit", id: string, visit: string, } | { "code": "item_cannot_move_visit" } | { "code": "order_incomplete" } | { "code": "no_such_person", id: string, } | { "code": "no_such_venue", id: string, } | { "code": "person_mismatch" } | { "code": "same_as_row", row: number, } | { "code": "exists_already", what: string, id: string, } | { "code": "person_id_taken", row: number, id: string, } | { "code": "already_takes_part" } | { "code": "person_in_visits", visits: number, } | { "code": "venue_in_use", items: number, } | { "code": "purge_before_visit_over" } | { "code": "changed_concurrently" } | { "code": "copy_target_not_empty", database: string, } | { "code": "not_a_database_address", value: string, reason: string, } | { "code": "database_password_in_address" } | { "code": "database_password_needed", database: string, } | { "code": "database_login_refused", database: string, } | { "code": "database_unreachable", database: string, reason: string, } | { "code": "not_in_visit", id: string, } | { "code": "no_items_yet" } | { "code": "guest_edition_leaves_all_out" } | { "code": "attends_nothing", name: string, } | { "code": "responsible_for_nothing", name: string, } | { "code": "item_not_exportable", title: string, reason: Problem, } | { "code": "reminder_too_long", minutes: number, max: number, } | { "code": "itinerary_languages", asked: number, } | { "code": "no_cjk_font", looked: string, } | { "code": "not_a_server_address", value: string, } | { "code": "address_names_no_server" } | { "code": "address_with_login" } | { "code": "not_a_collection_address", value: string, } | { "code": "not_a_web_address", value: string, } | { "code": "no_publish_target" } | { "code": "not_a_folder", path: string, } | { "code": "no_such_calendar", name: string, calendars: string, } | { "code": "feed_not_removed", file: string, folder: string, reason: string, } | { "code": "publish_in_progress", who: string, until: string, } | { "code": "visit_calendars_published" } | { "code": "calendar_password_needed" } | { "code": "calendar_login_refused", url: string, } | { "code": "calendar_forbidden", url: string, } | { "code": "calendar_unreachable", url: string, reason: string, } | { "code": "calendar_server_answer", method: string, url: string, status: number, answer: string, };

export type ErrorKind = "not_found" | "invalid" | "conflict" | "storage" | "internal";

export type ErrorReport = { kind: ErrorKind, message: string, fields: Array<FieldError>, 
/**
 * For a conflict: its code and parameters.
 */
problem?: Problem, };

export type SharedRecords = "update" | "keep";

export type ImportReport = { visit_id: string, title: string, 
/**
 * Nothing was stored: the report says what the import would do.
 */
dry_run: boolean, 
/**
 * The visit was new here (otherwise it was updated in place).
 */
created: boolean, items_added: number, items_changed: number, items_unchanged: number, items_removed: number, persons_added: number, persons_updated: number, venues_added: number, venues_updated: number, participants: number, 
/**
 * Whether the shared changes below were applied or the stored
 * versions kept.
 */
shared: "update" | "keep", 
/**
 * Persons and venues this file changes that other visits also use.
 */
shared_changes: Array<{ what: "person" | "venue", id: string, 
/**
 * The name as stored, the one the user knows it by.
 */
name: string, 
/**
 * The file's keys of the fields that differ (`family_name`,
 * `personal.passport_number`); never their values, which may be
 * personal data.
 */
fields: Array<string>, 
/**
 * The German titles of the other visits that use it.
 */
other_visits: Array<string>, }>, };

export type Field = "family_name" | "given_name" | "name_zh" | "pinyin" | "academic_title" | "title_de" | "title_en" | "title_zh" | "address_de" | "address_en" | "address_zh" | "organisation_de" | "organisation_en" | "organisation_zh" | "position_de" | "position_en" | "position_zh" | "email" | "phone" | "languages" | "side" | "role" | "precedence" | "hotel" | "dietary" | "accessibility";

export type Mapping = { fields: { [key in Field]?: number }, };

export type RowError = { 
/**
 * The row number as Excel shows it.
 */
row: number, 
/**
 * The column as the user knows it (its header), where one is to blame.
 */
column: string | null, reason: string, };

export type ColumnView = { index: number, 
/**
 * The header, or "column C" where the list has none.
 */
label: string, field: Field | null, };

export type FieldChoice = { field: Field, de: string, en: string, };

export type DraftView = { row: number, name: string, organisation: string, side: Side, role: Role, 
/**
 * Guesses worth checking, such as how a whole name was split.
 */
notes: Array<string>, };

export type ListReview = { 
/**
 * The row that held the headers, as Excel numbers it.
 */
header_row: number, columns: Array<ColumnView>, 
/**
 * The first rows' cells, column by column.
 */
sample: Array<Array<string>>, 
/**
 * Data rows in the list.
 */
rows: number, mapping: Mapping, fields: Array<FieldChoice>, drafts: Array<DraftView>, errors: Array<RowError>, 
/**
 * Columns that feed no field.
 */
unmapped: Array<string>, 
/**
 * The list's encoding, when it had to be guessed; the dialog warns
 * when the guess is doubtful.
 */
encoding: { read_as: "windows_1252" | "gbk", 
/**
 * The text does not look like that encoding (Japanese Shift-JIS, a mix
 * of encodings, bytes the encoding does not define): names are likely
 * garbled and the user should be warned.
 */
doubtful: boolean, } | null, };

export type ListedOutcome = "new_person" | "known_person" | "already_in_visit";

export type ListedRow = { 
/**
 * Position in the list given to the import, from 0.
 */
index: number, name: string, person_id: string, outcome: ListedOutcome, };

export type ParticipantImportReport = { visit_id: string, 
/**
 * Nothing was stored: the report says what an import would do.
 */
dry_run: boolean, rows: Array<ListedRow>, new_persons: number, known_persons: number, already_in_visit: number, };

export type PurgeRecord = { visit_id: string, purged_at: string, 
/**
 * Persons whose personal data was removed.
 */
purged: number, 
/**
 * Persons whose personal data was kept because they take part in a
 * visit that is not over yet.
 */
kept: number, };

export type Layout = "side_by_side" | "stacked";

export type ItineraryPreview = { html: string, missing: Array<MissingTranslation>, };
