"""The REST API: the ledger over HTTP (FastAPI), served by ``claimledger serve``.

    from claimledger.api import ApiSettings, create_app, serve
    serve("claimledger.db")                       # http://127.0.0.1:8470/docs, until Ctrl-C
    app = create_app(ApiSettings.from_env(), db="claimledger.db")   # an ASGI app, for tests or a server

Modules, in the order a request meets them:

* ``settings.py``: ``ApiSettings`` (the ledger's ``Settings``, write tokens mapped to analysts'
  names, the request size limit);
* ``errors.py``: the request size limit (413) and the one JSON error shape of every answer;
* ``reads.py``: ``GET /api/...``: status, articles, search, claims, figures, events (one event
  with its claimants side by side), timeline, contradictions, outlets, tallies;
* ``writes.py``: ``POST /api/ingest`` (upload), ``POST /api/ingest/url``; a bearer token each;
* ``paging.py``: keyset cursors; ``views.py``: records to payloads (the export's record dicts);
  ``models.py``: the payloads' Pydantic models (the OpenAPI document at ``/openapi.json``);
* ``ledgers.py``: a reader ledger per worker thread, one writer; ``app.py``: ``create_app``;
  ``server.py``: ``serve`` and ``running`` (a server in a background thread).
"""

from __future__ import annotations

from .app import create_app
from .server import running, serve
from .settings import ApiSettings

__all__ = ["ApiSettings", "create_app", "running", "serve"]
