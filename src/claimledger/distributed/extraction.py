"""Extraction on Dask workers: the ``extractor`` of ``Ledger.extract`` for ``--dask``.

1. ``ExtractorPlugin``, a worker plugin (``client.register_plugin``), loads the pipeline once per
   worker (``extract.load_nlp`` with the run's settings) as the worker starts, and again on every
   worker that joins later, a restarted one included. A worker that cannot load it (no model)
   keeps the error and raises it from its first task: the run stops with that error. It also
   undoes the cost of Dask's ``MALLOC_TRIM_THRESHOLD_`` (``relax_allocator``).
2. Articles travel in partitions of ``partition_size`` (texts, no Docs); a task
   (``extract_partition``) runs ``extract_many`` over its partition in one process and returns
   only the ``Extraction`` records.
3. At most ``in_flight`` partitions are out at a time (memory stays flat on large runs); records
   are yielded as partitions complete (``as_completed``), and ``Ledger.extract`` stores them in
   batches: what was stored stays if the run dies.
4. A worker that dies mid-partition loses nothing: the scheduler gives its partition to another
   worker (up to ``distributed.scheduler.allowed-failures`` times, then ``ExtractionError`` CL402,
   and the batches stored before stay). Records from workers running another extractor version
   than this process's (a remote cluster with other code, model or profile) stop the run (CL402)
   rather than be stored under a version the ledger would extract again.
"""

from __future__ import annotations

import ctypes
import itertools
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from distributed import Future, WorkerPlugin, as_completed, get_worker
from distributed.scheduler import KilledWorker

from ..errors import ClaimledgerError, ExtractionError
from ..records import Article, Extraction
from ..settings import Settings
from .cluster import Cluster

PLUGIN = "claimledger-extractor"
PARTITION_ARTICLES = 16
M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter (malloc.h)
MMAP_THRESHOLD = 32 << 20  # the ceiling glibc's adaptive threshold reaches on 64-bit systems


def relax_allocator() -> bool:
    """Give a Dask worker glibc's large-allocation behaviour back; True if it was changed.

    A nanny starts its worker with ``MALLOC_TRIM_THRESHOLD_`` set (``distributed.nanny.pre-spawn-environ``),
    which also freezes glibc's mmap threshold at 128 KiB: every array spaCy makes above that is then
    mapped and unmapped afresh. A worker spent 15-20 % more CPU per article so
    (``benchmarks/bench_dask.py``). Raising the threshold to the ceiling the adaptive rule would
    reach restores the plain process's speed; freed memory is still trimmed. Other C libraries
    ignore the variable, and nothing is done there.
    """
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ or not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (musl names its library otherwise)
        return False
    return bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))


class ExtractorPlugin(WorkerPlugin):
    """Loads the pipeline once per worker (module docstring, step 1)."""

    name = PLUGIN

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp: Any = None
        self.error: ClaimledgerError | None = None
        self.allocator_relaxed = False

    def setup(self, worker: Any) -> None:
        from ..extract import load_nlp

        self.allocator_relaxed = relax_allocator()
        try:
            self.nlp = load_nlp(self.settings)
        except ClaimledgerError as exc:  # raised from the worker's first task, to the client
            self.error = exc


def extract_partition(articles: list[Article], chunk_chars: int) -> list[Extraction]:
    """A task: extract one partition with the worker's pipeline (module docstring, step 2)."""
    from ..extract import extract_many

    plugin = get_worker().plugins[PLUGIN]
    assert isinstance(plugin, ExtractorPlugin)
    if plugin.error is not None:
        raise plugin.error
    return list(extract_many(articles, plugin.nlp, chunk_chars=chunk_chars))


class DaskExtractor:
    """``extractor(articles)`` for ``Ledger.extract``: loads the pipeline on the workers when called,
    then gives an iterator of their records as partitions complete (module docstring)."""

    def __init__(self, cluster: Cluster, settings: Settings, *, partition_size: int = PARTITION_ARTICLES,
                 in_flight: int | None = None) -> None:
        self.client = cluster.client
        self.settings = settings
        self.partition_size = partition_size
        self.in_flight = in_flight or max(4, 4 * cluster.workers)
        self._registered = False

    def __call__(self, articles: Sequence[Article]) -> Iterator[Extraction]:
        from ..extract import extractor_version

        version = extractor_version(self.settings)
        if not self._registered:
            self.client.register_plugin(ExtractorPlugin(self.settings), name=PLUGIN)
            self._registered = True
        return self._run(articles, version)

    def _run(self, articles: Sequence[Article], version: str) -> Iterator[Extraction]:
        parts = (list(articles[i:i + self.partition_size]) for i in range(0, len(articles), self.partition_size))
        chunk_chars = self.settings.extract_chunk_chars
        waiting: as_completed = as_completed()
        out: set[Future[list[Extraction]]] = set()

        def submit(count: int) -> None:
            for part in itertools.islice(parts, count):
                future = self.client.submit(extract_partition, part, chunk_chars, pure=False)
                out.add(future)
                waiting.add(future)

        try:
            submit(self.in_flight)
            for future in waiting:
                out.discard(future)
                try:
                    records: list[Extraction] = future.result()
                except KilledWorker as exc:
                    raise ExtractionError(f"a partition of {self.partition_size} articles killed its Dask worker "
                                          f"every time it ran ({exc}); the batches stored so far are kept",
                                          code="CL402") from None
                future.release()
                submit(1)
                for record in records:
                    if record.extractor_version != version:
                        raise ExtractionError(
                            f"a Dask worker runs extractor {record.extractor_version!r}, this process "
                            f"{version!r}: give the workers the same claimledger, model and profile", code="CL402")
                yield from records
        finally:
            for future in out:
                future.cancel()
