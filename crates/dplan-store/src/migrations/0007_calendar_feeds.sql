-- What each calendar feed of a visit carried (the whole programme, one
-- participant's own programme, one staff member's duties): per event a
-- fingerprint of what the calendar shows, its SEQUENCE and when it last
-- changed, and its summary and UTC times, so that a later export raises
-- SEQUENCE only for a visible change and writes an item that left the feed
-- once more as cancelled. No personal data: summaries are item titles.
CREATE TABLE calendar_event (
    visit_id    TEXT    NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    feed        TEXT    NOT NULL CHECK (length(feed) BETWEEN 1 AND 100),
    uid         TEXT    NOT NULL CHECK (length(uid) BETWEEN 1 AND 100),
    fingerprint TEXT    NOT NULL,
    sequence    INTEGER NOT NULL CHECK (sequence >= 0),
    changed_at  TEXT    NOT NULL,
    summary     TEXT    NOT NULL,
    start_at    TEXT    NOT NULL,
    end_at      TEXT    NOT NULL,
    gone        INTEGER NOT NULL CHECK (gone IN (0, 1)),
    PRIMARY KEY (visit_id, feed, uid)
) WITHOUT ROWID;
