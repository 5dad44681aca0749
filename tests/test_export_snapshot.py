"""An export (and a listing of several queries) is one moment of the ledger, even while another
process or connection writes to it.

The ledger holds 40 reports, each with one claim, one figure and one event mention that link
into events across the reports, behind 1,500 other articles, so an export spends a while
between linking the events and reading the reports' own records. A writer on its own
connection keeps taking the reports' extractions away and putting them back, one committed
transaction at a time, while the real ``claimledger export`` runs. Whatever moment an export
shows, in that moment a report either has its claim, figure and event mention or has none: so
every claim and figure points at an exported event, and the events name exactly the reports
whose claims are exported. Reading the events at one moment and the claims at another (the
bug) breaks that.
"""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimledger import Ledger, Settings
from claimledger.ingest import article_id, content_hash
from claimledger.records import Article, Extraction
from claimledger.store import NewArticle

from .conftest import Run

CITIES = ("Kharkiv", "Odesa", "Dnipro", "Sumy", "Kherson", "Zaporizhzhia", "Mykolaiv", "Poltava")
FILLERS = 1500


def _settings() -> Settings:
    return Settings(cache_dir=None)


@pytest.fixture
def ledger_with_reports(cli: Run, db_target: str, tmp_path: Path) -> tuple[str, dict[str, Extraction]]:
    """On each backend: PostgreSQL's snapshot is one REPEATABLE READ transaction, SQLite's one WAL read."""
    db = db_target
    with Ledger(db, settings=_settings()) as ledger:
        fillers = []
        for n in range(FILLERS):
            text = f"Filler note {n}: the market in town {n} opened late and closed early."
            digest = content_hash(text)
            fillers.append(NewArticle(Article(id=article_id(digest), ref=f"filler-{n}", url=None, outlet="Notes",
                                              title=None, published="2024-01-01", language="en", text=text,
                                              content_hash=digest, ingested_at="2024-01-01T00:00:00+00:00")))
        ledger.store.add_articles(fillers)
        from claimledger.extract import extractor_version

        version = extractor_version(ledger.settings)  # fillers count as extracted: the ingest below leaves them
        ledger.store.save_extractions([Extraction(f.article.id, version) for f in fillers])
    reports = tmp_path / "reports.jsonl"
    reports.write_text("".join(json.dumps({
        "id": f"report-{i}", "outlet": f"Desk {i}", "published": f"2024-03-0{1 + i % 8}",
        "text": f"Regional governor Oleh Synehubov said a Russian missile strike hit a depot in "
                f"{CITIES[i % 8]} on {1 + i % 8} March 2024, killing {i + 2} civilians. Report {i}.",
    }) + "\n" for i in range(40)), encoding="utf-8")
    ingested = cli("ingest", str(reports), db=db)
    assert ingested.returncode == 0, ingested.stderr
    with Ledger(db, settings=_settings()) as ledger:
        real = {}
        for a in ledger.articles():
            extraction = ledger.extraction(a.id)
            if a.ref is not None and a.ref.startswith("report-") and extraction is not None:
                real[a.id] = extraction
    assert len(real) == 40 and all(len(e.claims) == len(e.figures) == len(e.events) == 1 for e in real.values())
    return db, real


class Writer(threading.Thread):
    """Takes the reports' extractions away and puts them back, one transaction each, on its own connection."""

    def __init__(self, db: str, real: dict[str, Extraction]) -> None:
        super().__init__(daemon=True)
        self.db, self.real, self.writes = db, real, 0
        self.stop = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with Ledger(self.db, settings=_settings()) as ledger:
                while not self.stop.is_set():
                    for extraction in self.real.values():
                        ledger.store.save_extractions([Extraction(extraction.article_id,
                                                                  extraction.extractor_version)])
                        ledger.store.save_extractions([extraction])
                        self.writes += 2
                        if self.stop.is_set():
                            break
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            self.error = exc

    def __enter__(self) -> Writer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop.set()
        self.join(timeout=60)
        assert self.error is None, self.error


def assert_one_moment(records: list[dict[str, Any]], real: dict[str, Extraction]) -> None:
    by_type: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_type.setdefault(r["record"], []).append(r)
    assert len(by_type["article"]) == FILLERS + 40
    events = {e["id"]: e for e in by_type.get("event", [])}
    claimed = {c["article_id"] for c in by_type.get("claim", [])}
    figured = {f["article_id"] for f in by_type.get("figure", [])}
    assert claimed == figured  # a report's claim and figure were saved together
    assert all(c["event_id"] in events for c in by_type.get("claim", [])), "a claim lost its event"
    assert all(f["event_id"] in events for f in by_type.get("figure", [])), "a figure lost its event"
    linked = {a for e in events.values() for a in e["article_ids"]}
    assert linked == claimed, "the events and the claims are from different moments"
    assert claimed <= set(real)


def test_an_export_during_writes_is_one_moment(cli: Run, tmp_path: Path,
                                               ledger_with_reports: tuple[str, dict[str, Extraction]]) -> None:
    db, real = ledger_with_reports
    at_rest = tmp_path / "at-rest.jsonl"
    assert cli("export", "--output", str(at_rest), db=db).returncode == 0
    assert_one_moment(_read(at_rest), real)
    with Writer(db, real) as writer:
        seen = set()
        for n in range(3):
            out = tmp_path / f"during-{n}.jsonl"
            before = writer.writes
            exported = cli("export", "--output", str(out), db=db)
            assert exported.returncode == 0, exported.stderr
            assert writer.writes - before >= 10, "the writer did not write while the export ran"
            records = _read(out)
            assert_one_moment(records, real)
            seen.add(sum(r["record"] == "claim" for r in records))
        tables = tmp_path / "tables"
        assert cli("export", "--format", "csv", "--output", str(tables), db=db).returncode == 0
        with Ledger(db, settings=_settings()) as ledger:  # the Python API: records() is one moment too
            assert_one_moment(list(ledger.records()), real)
    rows = {name: list(csv.DictReader((tables / f"{name}.csv").open(encoding="utf-8", newline="")))
            for name in ("claims", "events")}
    linked = {a for e in rows["events"] for a in json.loads(e["article_ids"])}
    assert linked == {c["article_id"] for c in rows["claims"]}
    assert all(c["event_id"] in {e["id"] for e in rows["events"]} for c in rows["claims"])


def test_a_listing_of_several_queries_is_one_moment(ledger_with_reports: tuple[str, dict[str, Extraction]]) -> None:
    """Linked events, mentions and claims read in one ``snapshot()`` (what `events`, `contradictions`
    and the other listings do) agree with each other while the writer goes on."""
    db, real = ledger_with_reports
    with Writer(db, real) as writer, Ledger(db, settings=_settings()) as ledger:
        for _ in range(5):
            before = writer.writes
            with ledger.snapshot():
                events = ledger.linked_events()
                mentions = list(ledger.events())
                claims = list(ledger.claims())
                figures = list(ledger.figures())
                contradictions = ledger.contradictions()
            assert writer.writes > before
            assert {mid for e in events for mid in e.mention_ids} == {m.id for m in mentions}
            assert {m.article_id for m in mentions} == {c.article_id for c in claims} == {f.article_id for f in figures}
            assert {c.event_id for c in contradictions} <= {e.id for e in events}


def test_no_writes_inside_a_snapshot(db_target: str) -> None:
    from claimledger.errors import StoreError

    with Ledger(db_target, settings=_settings()) as ledger:
        with ledger.snapshot(), ledger.snapshot():  # re-entrant
            assert ledger.stats().articles == 0
            with pytest.raises(StoreError, match="inside a snapshot"):
                ledger.store.start_run("ingest")
        assert ledger.store.start_run("ingest") == 1  # and writable again after it


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in _lines(path)]


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as fh:
        yield from fh
