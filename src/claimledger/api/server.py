"""Running the API: ``serve`` until interrupted, or ``running`` in a background thread (tests, benchmarks)."""

from __future__ import annotations

import ipaddress
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from .app import create_app
from .settings import ApiSettings

log = logging.getLogger("claimledger.api")
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8470
START_TIMEOUT_S = 30.0


def serve(db: str | Path | None = None, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          settings: ApiSettings | None = None, log_level: str = "info") -> None:
    """Serve the REST API for the ledger ``db`` at ``http://host:port/`` until interrupted (Ctrl-C).

    ``db``: the ledger file (default: ``settings.ledger.db``, i.e. ``CLAIMLEDGER_DB`` or
    ``claimledger.db``). ``host`` is 127.0.0.1 unless told otherwise: the API is then reachable from
    this machine only; another address (``0.0.0.0``) exposes it, and its tokens travel in clear text
    unless a TLS proxy stands in front. ``settings``: tokens and limits (default:
    ``ApiSettings.from_env()``: ``CLAIMLEDGER_TOKEN`` / ``CLAIMLEDGER_TOKENS``; with neither, the
    server is read-only). Raises ``StoreError`` before listening when ``db`` is not a ledger, and
    ``ConfigError`` for bad token settings. The docs are at ``/docs``, the schema at ``/openapi.json``.
    """
    app = create_app(settings, db=db)
    if not _is_loopback(host):
        log.warning("serving on %s: reachable from other machines; tokens are sent in clear text without TLS", host)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)


@contextmanager
def running(app: FastAPI, *, host: str = DEFAULT_HOST, port: int = 0, log_level: str = "warning") -> Iterator[str]:
    """Serve ``app`` in a background thread for the block; yields its base URL (``port=0``: a free port)."""
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level=log_level, server_header=False))
    thread = threading.Thread(target=server.run, name="claimledger-api", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the API server did not start on {host}:{port}")
        time.sleep(0.02)
    bound = server.servers[0].sockets[0].getsockname()
    try:
        yield f"http://{host}:{bound[1]}"
    finally:
        server.should_exit = True
        thread.join(START_TIMEOUT_S)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
