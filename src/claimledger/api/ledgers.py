"""The ledgers one app works through: a reader per worker thread and one writer.

A ``Ledger`` holds one SQLite connection, and a connection serves one statement at a time; so that
requests read in parallel, each worker thread reads through a ledger of its own (opened on its
first request, closed with the app). Readers never block the writer (WAL) and see committed data.

Writes go through one writer ledger, one request at a time (``writer()`` holds a lock): SQLite
allows one writer, and the writer's ledger keeps the loaded NLP pipeline between ingests. It
extracts in this process (``n_process=1``): forking workers from a threaded server would copy
locks other threads hold.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ..ledger import Ledger
from ..settings import Settings


class Ledgers:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._local = threading.local()
        self._opened: list[Ledger] = []
        self._guard = threading.Lock()  # over _opened and _writer
        self._write_lock = threading.Lock()
        self._writer: Ledger | None = None
        self._closed = False

    def reader(self) -> Ledger:
        """This thread's ledger for reading."""
        ledger: Ledger | None = getattr(self._local, "ledger", None)
        if ledger is None:
            ledger = self._open(self.settings)
            self._local.ledger = ledger
        return ledger

    @contextmanager
    def writer(self) -> Iterator[Ledger]:
        """The writer ledger, for this block alone (other writes wait)."""
        with self._write_lock:
            with self._guard:
                writer = self._writer
            if writer is None:
                writer = self._open(self.settings.with_(n_process=1))
                with self._guard:
                    self._writer = writer
            yield writer

    def _open(self, settings: Settings) -> Ledger:
        ledger = Ledger(settings=settings)
        with self._guard:
            if self._closed:
                ledger.close()
                raise RuntimeError("the app's ledgers are closed")
            self._opened.append(ledger)
        return ledger

    def close(self) -> None:
        with self._guard:
            self._closed = True
            opened, self._opened, self._writer = self._opened, [], None
        for ledger in opened:
            ledger.close()
