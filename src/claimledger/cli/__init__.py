"""The ``claimledger`` command: thin verbs over the ``Ledger`` API (sqlite-utils and datasette are the models).

    app.py        the application: top-level options, every command group registered
    commands/     one module per command group (ingest, articles, records, events, corrections,
                  export, tally, demo)
    options.py    options several commands share
    filters.py    opening the ledger (readers never create one) and checking filter values
    render.py     listings: one row shape as a table, CSV or JSON lines
    ids.py        short ids that the commands take back
    runs.py       stages, progress and summaries of long runs
    errors.py     library errors to one line and an exit code (the codes are listed there)
"""

from __future__ import annotations

from .app import app, build, main

__all__ = ["app", "build", "main"]
