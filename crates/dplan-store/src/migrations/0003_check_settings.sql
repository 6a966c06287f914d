-- The conflict check's settings: one row with the default minutes between
-- two places and whether venues are checked across visits, and the known
-- ways between pairs of venues (each pair once, the smaller id first; a way
-- serves both directions). Removing a venue removes its ways.
CREATE TABLE check_settings (
    id                     INTEGER PRIMARY KEY CHECK (id = 1),
    default_travel_minutes INTEGER NOT NULL CHECK (default_travel_minutes BETWEEN 0 AND 1440),
    venues_across_visits   INTEGER NOT NULL CHECK (venues_across_visits IN (0, 1))
) STRICT;

CREATE TABLE travel_time (
    venue_a TEXT NOT NULL REFERENCES venue (id) ON DELETE CASCADE,
    venue_b TEXT NOT NULL REFERENCES venue (id) ON DELETE CASCADE,
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 1440),
    PRIMARY KEY (venue_a, venue_b),
    CHECK (venue_a < venue_b)
) STRICT;
