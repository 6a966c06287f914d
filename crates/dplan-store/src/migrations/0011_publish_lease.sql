-- Who is publishing a visit's calendars right now: one publish at a time
-- across the app and the CLI (two would race for the same ETags and leave
-- the store believing in versions the server no longer has). A lease that
-- its holder did not give back (a crash) runs out at `until`.
CREATE TABLE publish_lease (
    visit_id TEXT PRIMARY KEY REFERENCES visit(id) ON DELETE CASCADE,
    holder   TEXT NOT NULL CHECK (length(holder) <= 200),
    who      TEXT NOT NULL CHECK (length(who) <= 200),
    until    TEXT NOT NULL
);
