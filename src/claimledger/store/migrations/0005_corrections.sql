-- claimledger ledger schema, version 5: analysts' corrections (corrections/), an append-only audit log.
-- Portable SQL, as 0001. Applied in place: the records and links of older ledgers are untouched.
--
-- One row per correction or undo, in the order they were made (id). A correction is an override
-- on stable ids (identity.py): a figure's values, a claim debunked, an event mention moved, two
-- events merged. It is applied when the ledger is read and linked, never written into the
-- extracted records, so re-extraction and relinking keep it; a correction whose target is gone
-- stays in the log (orphaned). An undo is a row of its own; the only column ever updated is the
-- undone row's undone_by.

CREATE TABLE corrections (
    id        INTEGER PRIMARY KEY,              -- audit order; what `undo` names
    kind      TEXT NOT NULL,                    -- records.CorrectionKind
    target    TEXT NOT NULL,                    -- figure, claim or event-mention id, event id, or the undone id
    by_name   TEXT NOT NULL,                    -- who
    at        TEXT NOT NULL,                    -- when (ISO date-time, UTC)
    undoes    INTEGER REFERENCES corrections (id),
    undone_by INTEGER REFERENCES corrections (id),
    data      TEXT NOT NULL                     -- JSON of the whole Correction (why, values, source, mentions)
);
CREATE INDEX corrections_target ON corrections (target);
CREATE INDEX corrections_kind ON corrections (kind, id);
