"""Extraction and linking spread over a Dask cluster (``--dask SCHEDULER``).

Like ``ledger.py``, this package composes stages; it re-implements none. Its modules, in the
order a run meets them:

    cluster.py     ``--dask`` values: a scheduler's address, or ``local[:N]`` (a ``LocalCluster``
                   of N one-thread worker processes started for the run); CL111/CL112 errors
    extraction.py  ``DaskExtractor``: a worker plugin loads the pipeline once per worker,
                   articles travel in partitions, ``Extraction`` records come back as partitions
                   complete, and ``Ledger.extract`` stores them in batches
    linking.py     ``DaskLinkMap``: the blocks of ``link.blocked`` linked on the workers

Importing this package imports distributed; the CLI (``cli/runs.py``) and the ``Ledger`` import it
only when asked to run on Dask, so a command without ``--dask`` does not pay for it.
"""

from __future__ import annotations

from .cluster import Cluster, Scheduler, connect, parse_scheduler
from .extraction import DaskExtractor
from .linking import DaskLinkMap

__all__ = ["Cluster", "DaskExtractor", "DaskLinkMap", "Scheduler", "connect", "parse_scheduler"]
