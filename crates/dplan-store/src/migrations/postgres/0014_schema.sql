-- The schema of a shared team database on PostgreSQL, as of schema version
-- 14: the same tables, columns and rules as SQLite's migrations 0001 to
-- 0014 leave, so one statement is valid on both. Integers are BIGINT
-- (SQLite's INTEGER is 64 bits), truth values 0/1, dates and times ISO 8601
-- text, and text compares byte by byte (COLLATE "C", as SQLite does), so
-- ids, sort keys and names order the same on both backends.
-- Personal data stays in its own table (person_personal), so the server's
-- grants can keep it from roles that need no access to it.
-- A migration that landed is never edited; later versions come as
-- numbered files beside SQLite's, with the same numbers.

CREATE TABLE visit (
    id           TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    title_de     TEXT COLLATE "C",
    title_en     TEXT COLLATE "C",
    title_zh     TEXT COLLATE "C",
    direction    TEXT COLLATE "C" NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
    partner_city TEXT COLLATE "C" NOT NULL,
    first_day    TEXT COLLATE "C" NOT NULL,
    last_day     TEXT COLLATE "C" NOT NULL,
    time_zone    TEXT COLLATE "C" NOT NULL,
    status       TEXT COLLATE "C" NOT NULL CHECK (status IN ('planning', 'confirmed', 'completed', 'cancelled')),
    hosts        TEXT COLLATE "C" NOT NULL DEFAULT '[]', -- JSON array of organisation names, in order
    notes        TEXT COLLATE "C" NOT NULL DEFAULT '', guest_notes_de TEXT COLLATE "C", guest_notes_en TEXT COLLATE "C", guest_notes_zh TEXT COLLATE "C", contacts TEXT COLLATE "C" NOT NULL DEFAULT '[]',
    CHECK (last_day >= first_day)
);

CREATE TABLE person (
    id              TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    family_name     TEXT COLLATE "C" NOT NULL,
    given_name      TEXT COLLATE "C" NOT NULL DEFAULT '',
    name_zh         TEXT COLLATE "C",
    pinyin          TEXT COLLATE "C",
    name_order      TEXT COLLATE "C" NOT NULL CHECK (name_order IN ('family_first', 'given_first')),
    academic_title  TEXT COLLATE "C",
    title_de        TEXT COLLATE "C", title_en        TEXT COLLATE "C", title_zh        TEXT COLLATE "C",
    address_de      TEXT COLLATE "C", address_en      TEXT COLLATE "C", address_zh      TEXT COLLATE "C",
    organisation_de TEXT COLLATE "C", organisation_en TEXT COLLATE "C", organisation_zh TEXT COLLATE "C",
    position_de     TEXT COLLATE "C", position_en     TEXT COLLATE "C", position_zh     TEXT COLLATE "C",
    email           TEXT COLLATE "C",
    phone           TEXT COLLATE "C",
    languages       TEXT COLLATE "C" NOT NULL DEFAULT '[]' -- JSON array of ISO 639-1 codes
);

CREATE TABLE person_personal (
    person_id       TEXT COLLATE "C" PRIMARY KEY NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    passport_number TEXT COLLATE "C",
    date_of_birth   TEXT COLLATE "C",
    nationality     TEXT COLLATE "C",
    dietary         TEXT COLLATE "C",
    accessibility   TEXT COLLATE "C"
);

CREATE TABLE venue (
    id        TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    name_de   TEXT COLLATE "C",
    name_en   TEXT COLLATE "C",
    name_zh   TEXT COLLATE "C",
    address   TEXT COLLATE "C" NOT NULL DEFAULT '',
    room      TEXT COLLATE "C",
    time_zone TEXT COLLATE "C" NOT NULL
, room_en TEXT COLLATE "C", room_zh TEXT COLLATE "C", address_zh TEXT COLLATE "C");

CREATE TABLE participant (
    visit_id            TEXT COLLATE "C" NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    person_id           TEXT COLLATE "C" NOT NULL REFERENCES person (id) ON DELETE RESTRICT,
    side                TEXT COLLATE "C" NOT NULL CHECK (side IN ('guest', 'host')),
    role                TEXT COLLATE "C" NOT NULL,
    precedence          BIGINT NOT NULL CHECK (precedence >= 1),
    arrival_local       TEXT COLLATE "C",
    arrival_zone        TEXT COLLATE "C",
    arrival_occurrence  TEXT COLLATE "C",
    arrival_place       TEXT COLLATE "C",
    arrival_transport   TEXT COLLATE "C",
    departure_local     TEXT COLLATE "C",
    departure_zone      TEXT COLLATE "C",
    departure_occurrence TEXT COLLATE "C",
    departure_place     TEXT COLLATE "C",
    departure_transport TEXT COLLATE "C",
    hotel               TEXT COLLATE "C",
    PRIMARY KEY (visit_id, person_id)
);

CREATE INDEX participant_by_person ON participant (person_id);

CREATE TABLE programme_item (
    id               TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    visit_id         TEXT COLLATE "C" NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    title_de         TEXT COLLATE "C",
    title_en         TEXT COLLATE "C",
    title_zh         TEXT COLLATE "C",
    kind             TEXT COLLATE "C" NOT NULL,
    all_day          BIGINT NOT NULL CHECK (all_day IN (0, 1)),
    -- Timed items: local start and end, each with its zone.
    start_local      TEXT COLLATE "C",
    start_zone       TEXT COLLATE "C",
    start_occurrence TEXT COLLATE "C",
    end_local        TEXT COLLATE "C",
    end_zone         TEXT COLLATE "C",
    end_occurrence   TEXT COLLATE "C",
    -- All-day items: first and last day, both included.
    first_day        TEXT COLLATE "C",
    last_day         TEXT COLLATE "C",
    -- Derived from the above when written, for ordering and overlap checks.
    start_utc        TEXT COLLATE "C",
    end_utc          TEXT COLLATE "C",
    sort_key         TEXT COLLATE "C" NOT NULL,
    venue_id         TEXT COLLATE "C" REFERENCES venue (id) ON DELETE RESTRICT,
    notes            TEXT COLLATE "C" NOT NULL DEFAULT '',
    status           TEXT COLLATE "C" NOT NULL CHECK (status IN ('tentative', 'confirmed', 'cancelled')),
    revision         BIGINT NOT NULL DEFAULT 0 CHECK (revision >= 0), dress_code_de TEXT COLLATE "C", dress_code_en TEXT COLLATE "C", dress_code_zh TEXT COLLATE "C", guest_notes_de TEXT COLLATE "C", guest_notes_en TEXT COLLATE "C", guest_notes_zh TEXT COLLATE "C", transport TEXT COLLATE "C",
    CHECK ((all_day = 0 AND start_local IS NOT NULL AND end_local IS NOT NULL)
        OR (all_day = 1 AND first_day IS NOT NULL AND last_day IS NOT NULL))
);

CREATE INDEX programme_by_visit ON programme_item (visit_id, sort_key);

CREATE INDEX programme_by_venue ON programme_item (venue_id);

CREATE TABLE item_person (
    item_id   TEXT COLLATE "C" NOT NULL REFERENCES programme_item (id) ON DELETE CASCADE,
    person_id TEXT COLLATE "C" NOT NULL REFERENCES person (id) ON DELETE RESTRICT,
    duty      TEXT COLLATE "C" NOT NULL CHECK (duty IN ('attendee', 'responsible')),
    position  BIGINT NOT NULL,
    PRIMARY KEY (item_id, duty, person_id)
);

CREATE INDEX item_person_by_person ON item_person (person_id);

CREATE TABLE personal_data_purge (
    visit_id  TEXT COLLATE "C" NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    purged_at TEXT COLLATE "C" NOT NULL,
    purged    BIGINT NOT NULL CHECK (purged >= 0),
    kept      BIGINT NOT NULL CHECK (kept >= 0)
);

CREATE INDEX personal_data_purge_by_visit ON personal_data_purge (visit_id, purged_at);

CREATE TABLE check_settings (
    id                     BIGINT PRIMARY KEY CHECK (id = 1),
    default_travel_minutes BIGINT NOT NULL CHECK (default_travel_minutes BETWEEN 0 AND 1440),
    venues_across_visits   BIGINT NOT NULL CHECK (venues_across_visits IN (0, 1))
);

CREATE TABLE travel_time (
    venue_a TEXT COLLATE "C" NOT NULL REFERENCES venue (id) ON DELETE CASCADE,
    venue_b TEXT COLLATE "C" NOT NULL REFERENCES venue (id) ON DELETE CASCADE,
    minutes BIGINT NOT NULL CHECK (minutes BETWEEN 0 AND 1440),
    PRIMARY KEY (venue_a, venue_b),
    CHECK (venue_a < venue_b)
);

CREATE TABLE calendar_event (
    visit_id    TEXT COLLATE "C"    NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    feed        TEXT COLLATE "C"    NOT NULL CHECK (length(feed) BETWEEN 1 AND 100),
    uid         TEXT COLLATE "C"    NOT NULL CHECK (length(uid) BETWEEN 1 AND 100),
    fingerprint TEXT COLLATE "C"    NOT NULL,
    sequence    BIGINT NOT NULL CHECK (sequence >= 0),
    changed_at  TEXT COLLATE "C"    NOT NULL,
    summary     TEXT COLLATE "C"    NOT NULL,
    start_at    TEXT COLLATE "C"    NOT NULL,
    end_at      TEXT COLLATE "C"    NOT NULL,
    gone        BIGINT NOT NULL CHECK (gone IN (0, 1)),
    PRIMARY KEY (visit_id, feed, uid)
);

CREATE TABLE caldav_collection (
    visit_id TEXT COLLATE "C" NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    url      TEXT COLLATE "C" NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
    PRIMARY KEY (visit_id, url)
);

CREATE TABLE caldav_resource (
    visit_id    TEXT COLLATE "C" NOT NULL,
    url         TEXT COLLATE "C" NOT NULL,
    uid         TEXT COLLATE "C" NOT NULL CHECK (length(uid) BETWEEN 1 AND 100),
    etag        TEXT COLLATE "C" NOT NULL,
    fingerprint TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (visit_id, url, uid),
    FOREIGN KEY (visit_id, url) REFERENCES caldav_collection (visit_id, url) ON DELETE CASCADE
);

CREATE TABLE feed_token (
    token      TEXT COLLATE "C" PRIMARY KEY CHECK (length(token) BETWEEN 16 AND 64),
    visit_id   TEXT COLLATE "C" NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    feed       TEXT COLLATE "C" NOT NULL CHECK (length(feed) BETWEEN 1 AND 100),
    issued_at  TEXT COLLATE "C" NOT NULL,
    revoked_at TEXT COLLATE "C"
, folder TEXT COLLATE "C" CHECK (folder IS NULL OR length(folder) BETWEEN 1 AND 4096));

CREATE UNIQUE INDEX feed_token_live ON feed_token (visit_id, feed) WHERE revoked_at IS NULL;

CREATE TABLE publish_settings (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    caldav_url  TEXT COLLATE "C" CHECK (caldav_url IS NULL OR length(caldav_url) <= 2000),
    caldav_user TEXT COLLATE "C" CHECK (caldav_user IS NULL OR length(caldav_user) <= 200),
    folder      TEXT COLLATE "C" CHECK (folder IS NULL OR length(folder) <= 4000),
    base_url    TEXT COLLATE "C" CHECK (base_url IS NULL OR length(base_url) <= 2000));

CREATE TABLE publish_lease (
    visit_id TEXT COLLATE "C" PRIMARY KEY REFERENCES visit(id) ON DELETE CASCADE,
    holder   TEXT COLLATE "C" NOT NULL CHECK (length(holder) <= 200),
    who      TEXT COLLATE "C" NOT NULL CHECK (length(who) <= 200),
    until    TEXT COLLATE "C" NOT NULL
);

CREATE TABLE visit_calendar (
    visit_id TEXT COLLATE "C" PRIMARY KEY REFERENCES visit (id) ON DELETE CASCADE,
    names    BIGINT NOT NULL DEFAULT 0 CHECK (names IN (0, 1))
);
