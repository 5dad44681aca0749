"""Shared by the web app's tests: a seed ledger with a hostile article, the event holding the seed's 89
and 400, and the app served over real HTTP on a free loopback port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from claimledger import Ledger
from claimledger.records import Event

HOSTILE = Path(__file__).parent / "fixtures" / "web" / "hostile-article.txt"


def build_ledger(path: str, seeds: Path) -> str:
    """The seed articles (with their manifest's dates) and the hostile article, extracted and linked."""
    with Ledger(path) as ledger:
        assert ledger.ingest([seeds, HOSTILE]).extracted == 4
        hostile = next(a for a in ledger.articles() if "onerror" in a.text)
        assert "<script>" in hostile.text  # stored as written: the pages must escape it
    return path


def the_strike(ledger: Ledger) -> Event:
    """The seed's Makiivka strike event that holds both the 89 (Russia's count) and the 400 (Ukraine's)."""
    for event in ledger.linked_events():
        report = ledger.event_report(event.id)
        values = {f.best for row in (report.rows if report else ()) for f in row.figures}
        if {89, 400} <= values:
            return event
    raise AssertionError("no event holds both the 89 and the 400")


def hostile_id(ledger: Ledger) -> str:
    return next(a.id for a in ledger.articles() if "onerror" in a.text)


@contextmanager
def serving(app: object) -> Iterator[str]:
    """``app`` served by uvicorn in a thread on a free loopback port; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the web app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
