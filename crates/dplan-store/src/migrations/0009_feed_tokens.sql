-- Subscription feeds in a web folder: each audience's file is named by a
-- secret token, which the office can revoke (a new one is issued on the
-- next publish, the old file is removed). Revoked tokens are kept, so that
-- a later publish never issues one again and the office sees when.
CREATE TABLE feed_token (
    token      TEXT PRIMARY KEY CHECK (length(token) BETWEEN 16 AND 64),
    visit_id   TEXT NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    feed       TEXT NOT NULL CHECK (length(feed) BETWEEN 1 AND 100),
    issued_at  TEXT NOT NULL,
    revoked_at TEXT
) WITHOUT ROWID;
CREATE UNIQUE INDEX feed_token_live ON feed_token (visit_id, feed) WHERE revoked_at IS NULL;
