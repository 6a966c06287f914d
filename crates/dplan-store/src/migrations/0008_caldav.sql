-- What dplan last put on a CalDAV server, per calendar collection of a
-- visit: each resource's UID, the ETag the server gave it and a
-- fingerprint of the text sent, so that re-publishing sends only what
-- changed (If-Match with that ETag) and finds what someone else changed
-- on the server. A collection without resources is listed too, so that it
-- is not created twice.
CREATE TABLE caldav_collection (
    visit_id TEXT NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    url      TEXT NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
    PRIMARY KEY (visit_id, url)
) WITHOUT ROWID;

CREATE TABLE caldav_resource (
    visit_id    TEXT NOT NULL,
    url         TEXT NOT NULL,
    uid         TEXT NOT NULL CHECK (length(uid) BETWEEN 1 AND 100),
    etag        TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    PRIMARY KEY (visit_id, url, uid),
    FOREIGN KEY (visit_id, url) REFERENCES caldav_collection (visit_id, url) ON DELETE CASCADE
) WITHOUT ROWID;
