-- A record of each removal of personal data after a visit ended: when, and
-- for how many persons it was removed or kept (because they take part in a
-- visit that is not over). It names no person and holds no personal data.
CREATE TABLE personal_data_purge (
    visit_id  TEXT NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    purged_at TEXT NOT NULL,
    purged    INTEGER NOT NULL CHECK (purged >= 0),
    kept      INTEGER NOT NULL CHECK (kept >= 0)
) STRICT;

CREATE INDEX personal_data_purge_by_visit ON personal_data_purge (visit_id, purged_at);
