-- claimledger ledger schema, version 1.
-- Portable SQL (TEXT / INTEGER / REAL / BLOB, no AUTOINCREMENT): the same file
-- shape serves the PostgreSQL backend, apart from BLOB -> BYTEA.
-- Orders are explicit `seq` columns assigned by the store inside its write
-- transaction, never a backend's row id. JSON is stored as TEXT.
-- The schema_migrations table itself is created by the store before this runs.

CREATE TABLE articles (
    id            TEXT PRIMARY KEY,
    seq           INTEGER NOT NULL UNIQUE,      -- ingest order
    content_hash  TEXT NOT NULL UNIQUE,
    ref           TEXT,                         -- the first source's ref
    url           TEXT,
    outlet        TEXT,
    outlet_key    TEXT,                         -- casefolded outlet, for filters
    title         TEXT,
    published     TEXT,                         -- ISO date or date-time
    published_day TEXT,                         -- date part of published, for since/until
    language      TEXT,
    text          TEXT NOT NULL,
    ingested_at   TEXT NOT NULL,
    source        TEXT,
    copy_group    TEXT,
    flags         TEXT NOT NULL DEFAULT '[]',   -- JSON list of strings
    signature     BLOB
);
CREATE INDEX articles_outlet ON articles (outlet_key);
CREATE INDEX articles_published ON articles (published_day);
CREATE INDEX articles_language ON articles (language);
CREATE INDEX articles_copy_group ON articles (copy_group);

-- Every source that carried an article. ref and url are '' when absent so
-- the unique key works on every backend (NULLs are all distinct in UNIQUE).
CREATE TABLE article_sources (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    ref        TEXT NOT NULL DEFAULT '',
    url        TEXT NOT NULL DEFAULT '',
    source     TEXT,
    outlet     TEXT,
    added_at   TEXT NOT NULL,
    UNIQUE (article_id, ref, url)
);
CREATE INDEX article_sources_ref ON article_sources (ref);
CREATE INDEX article_sources_url ON article_sources (url);

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    command     TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    counts      TEXT                             -- JSON object
);

CREATE TABLE skips (
    run_id  INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    source  TEXT NOT NULL,
    reason  TEXT NOT NULL,
    message TEXT NOT NULL,
    line    INTEGER,
    PRIMARY KEY (run_id, seq)
);
CREATE INDEX skips_reason ON skips (reason);

CREATE TABLE extractions (
    article_id        TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    extractor_version TEXT NOT NULL,
    extracted_at      TEXT NOT NULL,
    error_reason      TEXT,
    error_message     TEXT,
    error_source      TEXT,
    error_line        INTEGER,
    data              TEXT NOT NULL              -- JSON: {"places": [...], "times": [...]}
);
CREATE INDEX extractions_version ON extractions (extractor_version);

CREATE TABLE claims (
    article_id    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,              -- order within the extraction
    id            TEXT NOT NULL,
    event_id      TEXT,
    claimant_name TEXT,
    claimant_mention TEXT,
    claimant_side TEXT,
    mode          TEXT,
    data          TEXT NOT NULL,                 -- JSON of the whole Claim
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX claims_id ON claims (id);
CREATE INDEX claims_side ON claims (claimant_side);

CREATE TABLE figures (
    article_id    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    id            TEXT NOT NULL,
    claim_id      TEXT,
    event_id      TEXT,
    measure       TEXT,
    subject_side  TEXT,
    claimant_side TEXT,
    data          TEXT NOT NULL,                 -- JSON of the whole Figure
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX figures_id ON figures (id);
CREATE INDEX figures_measure ON figures (measure);

CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    id         TEXT NOT NULL,
    type       TEXT,
    date_start TEXT,
    data       TEXT NOT NULL,                    -- JSON of the whole EventMention
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX events_id ON events (id);
CREATE INDEX events_type ON events (type);
