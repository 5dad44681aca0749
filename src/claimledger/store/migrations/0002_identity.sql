-- claimledger ledger schema, version 2: stable record ids, stored events and contradictions.
-- Portable SQL, as 0001. Applied in place to a version-1 ledger; nothing is lost.
--
-- 1. claims, figures and event mentions are keyed by their id (content-derived since
--    this version: identity.py), so a re-extraction updates a row in place, inserts
--    what is new and deletes what is gone instead of replacing the article's rows.
--    The tables are rebuilt with the id as primary key; seq keeps the order within
--    the extraction. Rows written by version 1 keep their (sequence-numbered) ids,
--    which the store then renames to content-derived ids (sql.py: IDENTITY_MIGRATION).
-- 2. linked_events: one row per event linked across articles, with the keys the
--    linker blocks on (type family, the founding mention's day, the members'
--    publication days); event_members: mention -> event. An event keeps its id when
--    mentions join or leave it.
-- 3. contradictions: per event, recomputed whenever the event's members change.
-- 4. link_state: the linker's version; a ledger linked by another version is relinked.

CREATE TABLE claims_v2 (
    id            TEXT PRIMARY KEY,
    article_id    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    event_id      TEXT,
    claimant_name TEXT,
    claimant_mention TEXT,
    claimant_side TEXT,
    mode          TEXT,
    data          TEXT NOT NULL
);
INSERT INTO claims_v2 (id, article_id, seq, event_id, claimant_name, claimant_mention, claimant_side, mode, data)
    SELECT id, article_id, seq, event_id, claimant_name, claimant_mention, claimant_side, mode, data FROM claims;
DROP TABLE claims;
ALTER TABLE claims_v2 RENAME TO claims;
CREATE INDEX claims_article ON claims (article_id, seq);
CREATE INDEX claims_side ON claims (claimant_side);
CREATE INDEX claims_event ON claims (event_id);

CREATE TABLE figures_v2 (
    id            TEXT PRIMARY KEY,
    article_id    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    claim_id      TEXT,
    event_id      TEXT,
    measure       TEXT,
    subject_side  TEXT,
    claimant_side TEXT,
    data          TEXT NOT NULL
);
INSERT INTO figures_v2 (id, article_id, seq, claim_id, event_id, measure, subject_side, claimant_side, data)
    SELECT id, article_id, seq, claim_id, event_id, measure, subject_side, claimant_side, data FROM figures;
DROP TABLE figures;
ALTER TABLE figures_v2 RENAME TO figures;
CREATE INDEX figures_article ON figures (article_id, seq);
CREATE INDEX figures_measure ON figures (measure);
CREATE INDEX figures_event ON figures (event_id);

CREATE TABLE events_v2 (
    id         TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    type       TEXT,
    date_start TEXT,
    data       TEXT NOT NULL
);
INSERT INTO events_v2 (id, article_id, seq, type, date_start, data)
    SELECT id, article_id, seq, type, date_start, data FROM events;
DROP TABLE events;
ALTER TABLE events_v2 RENAME TO events;
CREATE INDEX events_article ON events (article_id, seq);
CREATE INDEX events_type ON events (type);

CREATE TABLE linked_events (
    id              TEXT PRIMARY KEY,
    seq             INTEGER NOT NULL UNIQUE,     -- creation order
    kind            TEXT NOT NULL,               -- the type family the linker blocks on
    day             TEXT,                        -- the founding mention's day; NULL when undated
    first_published TEXT,                        -- earliest and latest publication day of its articles
    last_published  TEXT,
    dirty           INTEGER NOT NULL DEFAULT 0   -- 1: members or their records changed since linked
);
CREATE INDEX linked_events_block ON linked_events (kind, day);
CREATE INDEX linked_events_published ON linked_events (kind, last_published);
CREATE INDEX linked_events_dirty ON linked_events (dirty);

CREATE TABLE event_members (
    mention_id TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    event_id   TEXT NOT NULL REFERENCES linked_events (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL                  -- joining order (the linker's order)
);
CREATE INDEX event_members_event ON event_members (event_id, seq);
CREATE INDEX event_members_article ON event_members (article_id);

CREATE TABLE contradictions (
    id       TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES linked_events (id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,                   -- order within the event
    kind     TEXT NOT NULL,                      -- figures, denial, debunk
    data     TEXT NOT NULL                       -- JSON of the whole Contradiction
);
CREATE INDEX contradictions_event ON contradictions (event_id, seq);

CREATE TABLE link_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
