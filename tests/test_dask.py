"""Extraction and linking on a real Dask cluster (a ``LocalCluster`` of two worker processes, started
once for the module): the same records and links as this machine's path, a worker killed mid-run
losing nothing, and the CLI's ``--dask`` (the dashboard line, bad and unreachable schedulers)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from claimledger import Ledger, Settings
from claimledger.distributed import Cluster, DaskExtractor, DaskLinkMap, connect, parse_scheduler
from claimledger.distributed.extraction import PLUGIN
from claimledger.errors import ConfigError
from claimledger.records import Article, Extraction

from .conftest import Run, shared_path

VOLATILE = ("generated_at", "ingested_at")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    with connect("local:2") as running:
        yield running


@pytest.fixture(scope="module")
def extractor(cluster: Cluster) -> DaskExtractor:
    """Partitions of two articles, so that a small corpus makes many."""
    return DaskExtractor(cluster, Settings(cache_dir=None), partition_size=2)


def corpus(tmp_path: Path, count: int, skip: int = 0) -> list[str]:
    """The seed texts and ``count`` dev-real articles (from ``skip`` on) as inputs to ingest."""
    rows = shared_path("corpus", "dev-real", "articles.jsonl").read_text(encoding="utf-8").splitlines()
    chosen = tmp_path / f"dev-real-{skip}-{count}.jsonl"
    chosen.write_text("\n".join(rows[skip:skip + count]) + "\n", encoding="utf-8")
    return [str(shared_path("corpus", "seeds")), str(chosen)]


def stored(tmp_path: Path, name: str, inputs: Sequence[str]) -> Path:
    db = tmp_path / name
    with Ledger(db, settings=Settings(cache_dir=None)) as ledger:
        ledger.ingest(inputs, extract=False)
    return db


def records(ledger: Ledger) -> list[dict[str, Any]]:
    """The export's records, without the moments they were made."""
    return [{k: v for k, v in r.items() if k not in VOLATILE} for r in ledger.records()]


def extractions(ledger: Ledger) -> dict[str, Extraction | None]:
    return {a.id: ledger.store.extraction(a.id) for a in ledger.store.articles()}


def test_extraction_and_linking_on_dask_match_this_machine(tmp_path: Path, cluster: Cluster,
                                                           extractor: DaskExtractor) -> None:
    local_db = stored(tmp_path, "local.db", corpus(tmp_path, 10))
    dask_db = tmp_path / "dask.db"
    shutil.copy(local_db, dask_db)
    with Ledger(local_db, settings=Settings(cache_dir=None)) as local:
        done_here = local.extract()
        expected, expected_records = extractions(local), records(local)
    with Ledger(dask_db, settings=Settings(cache_dir=None)) as ledger:
        done_there = ledger.extract(extractor=extractor, link_run=DaskLinkMap(cluster.client))
        assert (done_there.extracted, done_there.claims, done_there.figures, done_there.events) == (
            done_here.extracted, done_here.claims, done_here.figures, done_here.events)
        assert sorted(s.source for s in done_there.not_extracted) == sorted(s.source for s in done_here.not_extracted)
        assert done_here.extracted + len(done_here.not_extracted) == 13 and not done_here.failed
        assert extractions(ledger) == expected
        assert records(ledger) == expected_records  # events, contradictions, statuses too
        events = [e.id for e in ledger.linked_events()]
        relinked = ledger.link(everything=True, run=DaskLinkMap(cluster.client))
        assert relinked.relinked and [e.id for e in ledger.linked_events()] == events
        assert records(ledger) == expected_records


def test_a_worker_killed_mid_run_loses_nothing(tmp_path: Path, cluster: Cluster, extractor: DaskExtractor) -> None:
    db = stored(tmp_path, "killed.db", corpus(tmp_path, 20, skip=30))
    seen: Counter[str] = Counter()
    killed: list[int] = []

    def killing(articles: Sequence[Article]) -> Iterator[Extraction]:
        """The cluster's records; when the first arrive, one busy worker process is killed (SIGKILL)."""
        for record in extractor(articles):
            if not killed:
                busy = [address for address, keys in cluster.client.processing().items() if keys]
                pids: dict[str, int] = cluster.client.run(os.getpid)
                killed.append(pids[busy[0]])
                os.kill(killed[0], signal.SIGKILL)
            seen[record.article_id] += 1
            yield record

    with Ledger(db, settings=Settings(cache_dir=None, batch_size=4)) as ledger:
        articles = [a.id for a in ledger.store.articles()]
        report = ledger.extract(extractor=killing)
        assert killed, "no worker was killed"
        assert report.extracted + len(report.not_extracted) == len(articles) == 23 and not report.failed
        assert set(seen) == set(articles) and set(seen.values()) == {1}  # every article once
        version = report_version(ledger)
        assert all(x is not None and x.extractor_version == version for x in extractions(ledger).values())
        assert ledger.pending_extraction() == 0
    cluster.client.wait_for_workers(2, timeout=60)  # the nanny restarted the killed worker


def test_workers_get_the_plain_allocator_back(tmp_path: Path, cluster: Cluster, extractor: DaskExtractor) -> None:
    """Dask's nannies set MALLOC_TRIM_THRESHOLD_, which costs spaCy 15-20 % CPU; the plugin undoes it."""
    db = stored(tmp_path, "allocator.db", corpus(tmp_path, 1))
    with Ledger(db, settings=Settings(cache_dir=None)) as ledger:
        list(extractor(list(ledger.store.articles())[:1]))

    def relaxed(dask_worker: Any) -> tuple[bool, bool]:
        return "MALLOC_TRIM_THRESHOLD_" in os.environ, dask_worker.plugins[PLUGIN].allocator_relaxed

    assert set(cluster.client.run(relaxed).values()) == {(True, True)}


def report_version(ledger: Ledger) -> str:
    from claimledger.extract import extractor_version

    return extractor_version(ledger.settings)


def test_cli_ingest_on_a_local_cluster_shows_the_dashboard(cli: Run, tmp_path: Path) -> None:
    seed = sorted(shared_path("corpus", "seeds").glob("*.txt"))[0]
    done = cli("ingest", str(seed), "--dask", "local:2")
    assert done.returncode == 0, done.stderr
    assert "starting a local Dask cluster of 2 worker processes" in done.stderr
    dashboard = next(line for line in done.stderr.splitlines() if line.startswith("Dask dashboard: "))
    assert dashboard.startswith("Dask dashboard: http://127.0.0.1:") and dashboard.endswith("/status")
    assert "extracted 1 article:" in done.stderr


def test_cli_refuses_a_bad_or_unreachable_scheduler(cli: Run, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Officials said on Monday that the bridge had reopened.\n", encoding="utf-8")
    assert cli("ingest", str(note), "--no-extract").returncode == 0
    bad = cli("extract", "--dask", "the-cluster")
    assert bad.returncode == 2 and "[CL111]" in bad.stderr and "Traceback" not in bad.stderr
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    gone = cli("link", "--dask", f"tcp://127.0.0.1:{port}")
    assert gone.returncode == 2 and "[CL112]" in gone.stderr and "Traceback" not in gone.stderr
    assert f"127.0.0.1:{port}" in gone.stderr


@pytest.mark.parametrize(("value", "address", "workers"), [
    ("local", None, os.cpu_count() or 1), ("local:3", None, 3), ("tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786", 0),
    ("scheduler.lan:8786", "tcp://scheduler.lan:8786", 0), ("tls://[::1]:8786", "tls://[::1]:8786", 0)])
def test_scheduler_values(value: str, address: str | None, workers: int) -> None:
    scheduler = parse_scheduler(value)
    assert (scheduler.address, scheduler.workers) == (address, workers)


@pytest.mark.parametrize("value", ["local:0", "local:two", "tcp://host", "host:99999", "http://host:80", ""])
def test_bad_scheduler_values(value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_scheduler(value)
    assert raised.value.code == "CL111"
