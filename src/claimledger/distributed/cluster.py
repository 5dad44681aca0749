"""``--dask SCHEDULER``: connect to a running Dask scheduler, or start a local cluster for the run.

Values (``parse_scheduler``):

- ``tcp://HOST:PORT`` (also ``tls://``, ``ws://``, ``wss://``; a bare ``HOST:PORT`` is ``tcp://``):
  a scheduler already running (``dask scheduler`` and ``dask worker`` processes, a docker-compose
  recipe); its workers must have claimledger, the same profile and the same model installed;
- ``local`` or ``local:N``: a ``distributed.LocalCluster`` of N worker processes (default: the
  machine's CPU count) with one thread each, on loopback ports the system picks; it lives for the
  run, and ``Cluster.dashboard`` gives its dashboard's address. Its servers run with ``LOCAL_CONFIG``.

A value that names no scheduler is ``ConfigError`` CL111; a scheduler that does not answer within
``CONNECT_TIMEOUT_S`` is CL112. dask and distributed are imported only here, when a run asks for them.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:
    from distributed import Client

CONNECT_TIMEOUT_S = 10.0
ALLOWED_FAILURES = 3  # a partition whose worker died is retried on another this many times (local clusters)
# A local cluster shares the machine's cores with this process: its servers wake less often than
# Dask's defaults (a 20 ms tick, a 10 ms sampling profiler in every worker, system and memory
# monitors at 0.5 s and 0.1 s). On 2 cores this gave extraction 5-10 % back (benchmarks/bench_dask.py);
# the dashboard's profile page stays empty, its task stream and progress bars are unchanged.
LOCAL_CONFIG = {
    "distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "2s",
}
_ADDRESS = re.compile(r"(?:(?P<scheme>tcp|tls|ws|wss)://)?(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9][A-Za-z0-9.-]*)"
                      r":(?P<port>\d{1,5})/?")
_EXPECTED = "give a scheduler address such as tcp://127.0.0.1:8786, or local / local:N to start N local workers"


@dataclass(frozen=True, slots=True)
class Scheduler:
    """What a ``--dask`` value names: a scheduler's ``address``, or (``address`` None) a local
    cluster of ``workers`` processes."""

    address: str | None
    workers: int = 0


@dataclass(frozen=True, slots=True)
class Cluster:
    """A connected Dask client; ``dashboard`` is the dashboard's address of a local cluster
    started for the run (None for a scheduler that was already running)."""

    client: Client
    dashboard: str | None
    workers: int

    @property
    def local(self) -> bool:
        return self.dashboard is not None


def parse_scheduler(value: str) -> Scheduler:
    """The scheduler a ``--dask`` value names (module docstring); ``ConfigError`` CL111 otherwise."""
    text = value.strip()
    if text == "local":
        return Scheduler(None, os.cpu_count() or 1)
    if text.startswith("local:"):
        count = text.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise ConfigError(f"--dask {value!r}: local:N takes a number of workers of at least 1, "
                              f"such as local:2", code="CL111")
        return Scheduler(None, int(count))
    match = _ADDRESS.fullmatch(text)
    if match is None or not 0 < int(match["port"]) < 65536:
        raise ConfigError(f"--dask {value!r} names no Dask scheduler: {_EXPECTED}", code="CL111")
    return Scheduler(f"{match['scheme'] or 'tcp'}://{match['host']}:{int(match['port'])}")


@contextmanager
def connect(value: str) -> Iterator[Cluster]:
    """A client of the scheduler ``value`` names, or of a local cluster started for the block and
    closed after it (module docstring)."""
    scheduler = parse_scheduler(value)
    import dask
    from distributed import Client, LocalCluster

    if scheduler.address is None:
        with dask.config.set(LOCAL_CONFIG):
            cluster = LocalCluster(n_workers=scheduler.workers, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", scheduler_port=0, dashboard_address="127.0.0.1:0",
                                   silence_logs=logging.ERROR)
        try:
            with Client(cluster) as client:
                yield Cluster(client, cluster.dashboard_link, scheduler.workers)
        finally:
            cluster.close()
        return
    try:
        client = Client(scheduler.address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"--dask {value}: no Dask scheduler answered at {scheduler.address} within "
                          f"{CONNECT_TIMEOUT_S:.0f} s ({exc}); start one (`dask scheduler`) or use --dask local",
                          code="CL112") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError):
            raise ConfigError(f"--dask {value}: the scheduler at {scheduler.address} has no workers; start some "
                              f"(`dask worker {scheduler.address}`)", code="CL112") from None
        workers = len(client.scheduler_info().get("workers", {}))
        yield Cluster(client, None, workers)
