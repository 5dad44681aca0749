-- claimledger ledger schema, version 3: official tallies imported with `claimledger tally import`
-- (the series shipped with the package are read from the package, never stored).
-- One row per series (a transcription of a profile's tally) and one per day of it.

CREATE TABLE tally_series (
    name        TEXT PRIMARY KEY,                -- "<tally>/<source>"
    tally       TEXT NOT NULL,
    source      TEXT NOT NULL,
    role        TEXT NOT NULL,                   -- primary, cross_check
    origin      TEXT,                            -- the path it was imported from
    imported_at TEXT NOT NULL
);

CREATE TABLE tally_days (
    series TEXT NOT NULL REFERENCES tally_series (name) ON DELETE CASCADE,
    day    TEXT NOT NULL,                        -- ISO date
    data   TEXT NOT NULL,                        -- JSON object: column -> cumulative total
    PRIMARY KEY (series, day)
);
