-- Schema version 1: visits, the address book, venues, participants and the
-- programme. Enumerations are stored as the snake_case names the JSON format
-- uses; local times as `YYYY-MM-DDTHH:MM`; derived UTC instants as RFC 3339.

CREATE TABLE visit (
    id           TEXT PRIMARY KEY NOT NULL,
    title_de     TEXT,
    title_en     TEXT,
    title_zh     TEXT,
    direction    TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
    partner_city TEXT NOT NULL,
    first_day    TEXT NOT NULL,
    last_day     TEXT NOT NULL,
    time_zone    TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('planning', 'confirmed', 'completed', 'cancelled')),
    hosts        TEXT NOT NULL DEFAULT '[]', -- JSON array of organisation names, in order
    notes        TEXT NOT NULL DEFAULT '',
    CHECK (last_day >= first_day)
) STRICT;

CREATE TABLE person (
    id              TEXT PRIMARY KEY NOT NULL,
    family_name     TEXT NOT NULL,
    given_name      TEXT NOT NULL DEFAULT '',
    name_zh         TEXT,
    pinyin          TEXT,
    name_order      TEXT NOT NULL CHECK (name_order IN ('family_first', 'given_first')),
    academic_title  TEXT,
    title_de        TEXT, title_en        TEXT, title_zh        TEXT,
    address_de      TEXT, address_en      TEXT, address_zh      TEXT,
    organisation_de TEXT, organisation_en TEXT, organisation_zh TEXT,
    position_de     TEXT, position_en     TEXT, position_zh     TEXT,
    email           TEXT,
    phone           TEXT,
    languages       TEXT NOT NULL DEFAULT '[]' -- JSON array of ISO 639-1 codes
) STRICT;

-- Personal data lives in its own table so that it is read only where needed
-- and can be removed without touching the rest of a person.
CREATE TABLE person_personal (
    person_id       TEXT PRIMARY KEY NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    passport_number TEXT,
    date_of_birth   TEXT,
    nationality     TEXT,
    dietary         TEXT,
    accessibility   TEXT
) STRICT;

CREATE TABLE venue (
    id        TEXT PRIMARY KEY NOT NULL,
    name_de   TEXT,
    name_en   TEXT,
    name_zh   TEXT,
    address   TEXT NOT NULL DEFAULT '',
    room      TEXT,
    time_zone TEXT NOT NULL
) STRICT;

CREATE TABLE participant (
    visit_id            TEXT NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    person_id           TEXT NOT NULL REFERENCES person (id) ON DELETE RESTRICT,
    side                TEXT NOT NULL CHECK (side IN ('guest', 'host')),
    role                TEXT NOT NULL,
    precedence          INTEGER NOT NULL CHECK (precedence >= 1),
    arrival_local       TEXT,
    arrival_zone        TEXT,
    arrival_occurrence  TEXT,
    arrival_place       TEXT,
    arrival_transport   TEXT,
    departure_local     TEXT,
    departure_zone      TEXT,
    departure_occurrence TEXT,
    departure_place     TEXT,
    departure_transport TEXT,
    hotel               TEXT,
    PRIMARY KEY (visit_id, person_id)
) STRICT;

CREATE INDEX participant_by_person ON participant (person_id);

CREATE TABLE programme_item (
    id               TEXT PRIMARY KEY NOT NULL,
    visit_id         TEXT NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    title_de         TEXT,
    title_en         TEXT,
    title_zh         TEXT,
    kind             TEXT NOT NULL,
    all_day          INTEGER NOT NULL CHECK (all_day IN (0, 1)),
    -- Timed items: local start and end, each with its zone.
    start_local      TEXT,
    start_zone       TEXT,
    start_occurrence TEXT,
    end_local        TEXT,
    end_zone         TEXT,
    end_occurrence   TEXT,
    -- All-day items: first and last day, both included.
    first_day        TEXT,
    last_day         TEXT,
    -- Derived from the above when written, for ordering and overlap checks.
    start_utc        TEXT,
    end_utc          TEXT,
    sort_key         TEXT NOT NULL,
    venue_id         TEXT REFERENCES venue (id) ON DELETE RESTRICT,
    notes            TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL CHECK (status IN ('tentative', 'confirmed', 'cancelled')),
    revision         INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
    CHECK ((all_day = 0 AND start_local IS NOT NULL AND end_local IS NOT NULL)
        OR (all_day = 1 AND first_day IS NOT NULL AND last_day IS NOT NULL))
) STRICT;

CREATE INDEX programme_by_visit ON programme_item (visit_id, sort_key);
CREATE INDEX programme_by_venue ON programme_item (venue_id);

-- Who attends an item and who is responsible for it, in the order given.
CREATE TABLE item_person (
    item_id   TEXT NOT NULL REFERENCES programme_item (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES person (id) ON DELETE RESTRICT,
    duty      TEXT NOT NULL CHECK (duty IN ('attendee', 'responsible')),
    position  INTEGER NOT NULL,
    PRIMARY KEY (item_id, duty, person_id)
) STRICT;

CREATE INDEX item_person_by_person ON item_person (person_id);
