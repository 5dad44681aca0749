-- claimledger ledger schema, version 4: assessed statuses stored with the linked events.
-- Portable SQL, as 0001. Applied in place to a ledger of an earlier version; nothing is lost.
--
-- 1. linked_events.status: the event's status (corroborated, contested, single_source,
--    unverified: assess/status.py), written with its contradictions by the linking step.
-- 2. figure_status: the status of each figure of a linked event, written by the same step;
--    exports and reads take both from here instead of assessing at read time.
-- 3. The stored linker version is forgotten, so the next linking step relinks the ledger and
--    writes the statuses (reads link in memory until then, as for any ledger linked by another
--    version).

ALTER TABLE linked_events ADD COLUMN status TEXT;

CREATE TABLE figure_status (
    event_id  TEXT NOT NULL REFERENCES linked_events (id) ON DELETE CASCADE,
    figure_id TEXT NOT NULL,
    status    TEXT NOT NULL,
    PRIMARY KEY (event_id, figure_id)
);
CREATE INDEX figure_status_figure ON figure_status (figure_id);

DELETE FROM link_state WHERE key = 'version';
