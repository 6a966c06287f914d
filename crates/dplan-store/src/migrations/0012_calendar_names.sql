-- Whether a visit's guests' calendars name the people at each item: the
-- visit says so, not the office (one delegation may agree to it, the next
-- not). The office-wide choice of migration 10 carries over to every visit.
CREATE TABLE visit_calendar (
    visit_id TEXT PRIMARY KEY REFERENCES visit (id) ON DELETE CASCADE,
    names    INTEGER NOT NULL DEFAULT 0 CHECK (names IN (0, 1))
) WITHOUT ROWID;

INSERT INTO visit_calendar (visit_id, names)
SELECT v.id, 1 FROM visit v JOIN publish_settings s ON s.id = 1 AND s.names = 1;

ALTER TABLE publish_settings DROP COLUMN names;
