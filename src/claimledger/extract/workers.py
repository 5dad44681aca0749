"""Extraction worker processes: forked with the loaded pipeline, and dying with their parent.

A worker is forked from the process that loaded the pipeline, so it starts
with the model in memory (copy-on-write) and only articles and ``Extraction``
records cross the process boundary. A worker must not outlive its parent:
killed with SIGKILL, the parent cannot shut its pool down, and a worker
blocked on its task pipe would wait (holding hundreds of MB) for ever. So each
worker, as it starts:

1. asks Linux to send it SIGKILL when the thread that forked it ends
   (``prctl(PR_SET_PDEATHSIG)``);
2. exits at once if the parent is already gone (it died before step 1);
3. starts a watchdog thread that exits the worker when its parent process
   changes (other systems, and a parent thread other than the forking one).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from spacy.language import Language

from ..records import Article, Extraction

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_INTERVAL_S = 0.5

# The pipeline and extraction function a worker process was forked with: set once per
# worker by its initializer, read by ``run_in_worker``; the parent process never sets them.
_WORKER: list[tuple[Language, Callable[..., list[Extraction]]]] = []


def die_with_parent(parent_pid: int) -> None:
    """Make this process end when ``parent_pid`` does (see the module docstring)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
                log.debug("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
        except (OSError, AttributeError) as exc:  # no libc to ask: the watchdog still works
            log.debug("no prctl: %s", exc)
    if os.getppid() != parent_pid:
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), name="claimledger-parent-watch",
                     daemon=True).start()


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(WATCH_INTERVAL_S)
    os._exit(1)  # orphaned: nobody will read what this worker produces


def init_worker(parent_pid: int, nlp: Language, extract: Callable[..., list[Extraction]]) -> None:
    """The pool's initializer: tie the worker to its parent, keep the pipeline it was forked with."""
    die_with_parent(parent_pid)
    _WORKER[:] = [(nlp, extract)]


def run_in_worker(chunk: Sequence[Article], options: dict[str, Any]) -> list[Extraction]:
    nlp, extract = _WORKER[0]
    return extract(chunk, nlp, **options)
