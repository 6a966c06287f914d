-- Where the office publishes calendars that follow the plan (one row). The
-- CalDAV password is never stored.
CREATE TABLE publish_settings (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    caldav_url  TEXT CHECK (caldav_url IS NULL OR length(caldav_url) <= 2000),
    caldav_user TEXT CHECK (caldav_user IS NULL OR length(caldav_user) <= 200),
    folder      TEXT CHECK (folder IS NULL OR length(folder) <= 4000),
    base_url    TEXT CHECK (base_url IS NULL OR length(base_url) <= 2000),
    names       INTEGER NOT NULL DEFAULT 0 CHECK (names IN (0, 1))
);
