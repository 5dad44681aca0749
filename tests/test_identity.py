"""Stable identity: content-derived record ids, re-extraction as a diff, stored linked events whose
ids survive new members, and the migration of a version-1 ledger in place.

Every ledger here is a real SQLite file; the texts are written for these tests."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from claimledger import Ledger, Settings
from claimledger.identity import assign_ids
from claimledger.ingest import article_id, content_hash
from claimledger.records import (
    Article,
    Claim,
    Claimant,
    EventBlock,
    EventMention,
    Extraction,
    Figure,
    Place,
    Skip,
    SkipReason,
    Span,
)
from claimledger.store import NewArticle, SQLiteStore
from claimledger.store.codec import to_dict
from claimledger.store.sql import dumps, migrations

from .conftest import Run, store_at

REPORTS = [
    {"id": "desk-1", "outlet": "Desk One", "published": "2024-05-11",
     "text": "Regional governor Ivan Petrenko said a Russian missile strike hit a grain depot in Poltava on "
             "10 May 2024, killing 4 civilians.\n\nFirefighters worked through the night, he added."},
    {"id": "desk-2", "outlet": "Desk Two", "published": "2024-05-11",
     "text": "A missile strike on a depot in Poltava on 10 May 2024 killed 4 civilians, governor Ivan Petrenko "
             "said on Telegram. Russia's defence ministry said it had struck a fuel store and denied hitting "
             "civilians."},
    {"id": "desk-3", "outlet": "Desk Three", "published": "2024-06-02",
     "text": "Ukraine's air force said it shot down 12 drones over Sumy on 1 June 2024."},
]
RU = Claimant("Russian Ministry of Defence", "the ministry", "russia", "official")
UA = Claimant("Ukrainian General Staff", "the General Staff", "ukraine", "official")
SUMY = Place("Sumy", "city", "UA", "Sumy Oblast", 50.91, 34.8, 692194)


def _settings() -> Settings:
    return Settings(cache_dir=None)


def _article(text: str, published: str, outlet: str) -> Article:
    digest = content_hash(text)
    return Article(id=article_id(digest), ref=f"{outlet}.txt", url=None, outlet=outlet, title=None,
                   published=published, language="en", text=text, content_hash=digest,
                   ingested_at="2024-01-01T00:00:00+00:00")


def _report(article: Article, day: str, killed: float, who: Claimant, n: int = 1) -> Extraction:
    """A hand-made extraction: one claim, one figure, one strike mention in Sumy on ``day``."""
    aid = article.id
    span = Span(0, 10, article.text[:10])
    claim = Claim(f"{aid}:c{n}", aid, who, "said", "indirect", "asserts", False, None, span, event_id=f"{aid}:e{n}")
    figure = Figure(f"{aid}:f{n}", aid, "killed", "civilians", killed, killed, killed, "exact", who, span,
                    Span(0, 5, article.text[:5]), claim_id=claim.id, event_id=f"{aid}:e{n}")
    event = EventMention(f"{aid}:e{n}", aid, "strike", "Strike on Sumy", Span(11, 17, article.text[11:17]),
                         date_start=day, place=SUMY, figure_ids=(figure.id,), claim_ids=(claim.id,))
    return assign_ids(Extraction(aid, "test/1", claims=(claim,), figures=(figure,), events=(event,)))


# ---------------------------------------------------------------- ids from content
def test_ids_come_from_the_words_and_references_follow() -> None:
    article = _article("Officials said 89 servicemen were killed in Sumy overnight.", "2024-01-02", "A")
    extraction = _report(article, "2024-01-01", 89, RU)
    claim, figure, event = extraction.claims[0], extraction.figures[0], extraction.events[0]
    assert (claim.id, figure.id, event.id) == (f"{article.id}:c0-10", f"{article.id}:f0-5", f"{article.id}:e11-17")
    assert figure.claim_id == claim.id and figure.event_id == claim.event_id == event.id
    assert event.figure_ids == (figure.id,) and event.claim_ids == (claim.id,)
    assert assign_ids(extraction) == extraction  # idempotent: ids already derived stay


def test_two_readings_of_one_number_get_ids_whatever_order_they_come_in() -> None:
    article = _article("Officials said 89 servicemen were killed or wounded.", "2024-01-02", "A")
    base = _report(article, "2024-01-01", 89, RU).figures[0]
    killed = replace(base, id="x:f1", measure="killed")
    wounded = replace(base, id="x:f2", measure="wounded")
    one = assign_ids(Extraction(article.id, "v", figures=(killed, wounded)))
    other = assign_ids(Extraction(article.id, "v", figures=(replace(wounded, id="x:f1"), replace(killed, id="x:f2"))))
    by_measure = {f.measure: f.id for f in one.figures}
    assert by_measure == {f.measure: f.id for f in other.figures}
    assert by_measure == {"killed": f"{article.id}:f0-5", "wounded": f"{article.id}:f0-5.1"}


# ---------------------------------------------------------------- re-extraction is a diff
def _rowids(db: Path) -> dict[str, dict[str, int]]:
    with sqlite3.connect(db) as raw:
        return {table: dict(raw.execute(f"SELECT id, rowid FROM {table}").fetchall())
                for table in ("claims", "figures", "events")}


def _ids(records: list[dict[str, Any]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for record in records:
        if record["record"] != "meta":
            found.setdefault(record["record"], set()).add(record.get("id") or record.get("content_hash"))
    return found


def test_extract_all_on_an_unchanged_ledger_keeps_every_id(cli: Run, tmp_path: Path) -> None:
    corpus = tmp_path / "reports.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    assert cli("ingest", str(corpus)).returncode == 0
    first = tmp_path / "first.jsonl"
    assert cli("export", "--output", str(first)).returncode == 0
    rows_before = _rowids(tmp_path / "ledger.db")
    again = cli("extract", "--all")
    assert again.returncode == 0, again.stderr
    assert "extracted 3 articles" in again.stderr
    second = tmp_path / "second.jsonl"
    assert cli("export", "--output", str(second)).returncode == 0
    before = _ids([json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()])
    after = _ids([json.loads(line) for line in second.read_text(encoding="utf-8").splitlines()])
    assert before["claim"] and before["figure"] and before["event"]
    assert after == before  # claims, figures, linked events and contradictions alike
    assert _rowids(tmp_path / "ledger.db") == rows_before  # not one row deleted and written again
    meta = json.loads(second.read_text(encoding="utf-8").splitlines()[0])
    assert meta["version"] == 2
    nothing = cli("link")
    assert nothing.returncode == 0 and "linked 0 mentions" in nothing.stderr
    relinked = cli("link", "--all")  # every event rebuilt from scratch: named by the same founding mentions
    assert relinked.returncode == 0 and "every mention relinked" in relinked.stderr, relinked.stderr
    third = tmp_path / "third.jsonl"
    assert cli("export", "--output", str(third)).returncode == 0
    assert _ids([json.loads(line) for line in third.read_text(encoding="utf-8").splitlines()]) == before


def test_a_failed_re_extraction_keeps_the_records(db_target: str) -> None:
    article = _article("The ministry said 40 soldiers were killed in Sumy.", "2024-01-02", "A")
    with store_at(db_target) as store:
        store.add_articles([NewArticle(article)])
        good = _report(article, "2024-01-01", 40, RU)
        store.save_extractions([good])
        failure = Extraction(article.id, "test/2", error=Skip(article.id, SkipReason.EXTRACT_FAILED, "boom"))
        store.save_extractions([failure])
        assert store.extraction(article.id) == good
        changed = replace(good, figures=(replace(good.figures[0], best=41.0),))
        store.save_extractions([changed])
        assert store.extraction(article.id) == changed


def test_a_changed_record_is_updated_and_a_gone_one_deleted(db_target: str) -> None:
    article = _article("The ministry said 40 soldiers were killed in Sumy.", "2024-01-02", "A")
    with store_at(db_target) as store:
        store.add_articles([NewArticle(article)])
        good = _report(article, "2024-01-01", 40, RU)
        store.save_extractions([good])
        fewer = replace(good, claims=(), figures=(replace(good.figures[0], best=41.0, claim_id=None),))
        store.save_extractions([fewer])
        assert store.extraction(article.id) == fewer
        assert store.stats().claims == 0 and store.stats().figures == 1


# ---------------------------------------------------------------- stored, incremental linking
def test_an_event_keeps_its_id_when_another_article_joins(db_target: str) -> None:
    first = _article("The ministry said 40 soldiers were killed in Sumy.", "2024-01-02", "Outlet A")
    second = _article("The General Staff said 400 soldiers were killed in Sumy.", "2024-01-02", "Outlet B")
    with Ledger(db_target, settings=_settings()) as ledger:
        ledger.store.add_articles([NewArticle(first)])
        ledger.store.save_extractions([_report(first, "2024-01-01", 40, RU)])
        assert ledger.link().created == 1
        (alone,) = ledger.linked_events()
        assert alone.article_ids == (first.id,) and alone.status == "single_source"

        ledger.store.add_articles([NewArticle(second)])
        ledger.store.save_extractions([_report(second, "2024-01-01", 400, UA)])
        assert ledger.store.link_status().pending == 1
        (behind,) = ledger.linked_events()  # read before linking: linked in memory, nothing written
        assert behind.id == alone.id and ledger.store.link_status().pending == 1
        report = ledger.link()
        assert (report.linked, report.created, report.touched, report.relinked) == (1, 0, 1, False)
        (joined,) = ledger.linked_events()
        assert joined.id == alone.id and joined.article_ids == (first.id, second.id)
        assert joined.status == "contested"  # the two sides clash on the toll
        (clash,) = ledger.contradictions()  # stored with the event
        assert clash.event_id == alone.id and clash.kind == "figures" and clash.sides == ("russia", "ukraine")
        assert ledger.store.link_status().dirty == 0

        # the second article's figure is re-extracted with the ministry's number: the clash goes
        ledger.store.save_extractions([_report(second, "2024-01-01", 40, UA)])
        assert ledger.store.link_status().dirty == 1
        ledger.link()
        assert ledger.contradictions() == []
        assert [e.id for e in ledger.linked_events()] == [alone.id]


def test_a_dated_report_joins_an_undated_one_that_came_first(db_target: str) -> None:
    """Linked in one pass, undated mentions come last; linked as articles arrive, one may come first."""
    first = _article("Officials said soldiers were killed in Sumy, the ministry said.", "2024-01-02", "Outlet A")
    second = _article("The General Staff said 400 soldiers were killed in Sumy.", "2024-01-02", "Outlet B")
    undated = _report(first, "2024-01-01", 40, RU)
    undated = replace(undated, events=(replace(undated.events[0], date_start=None),))
    with Ledger(db_target, settings=_settings()) as ledger:
        ledger.store.add_articles([NewArticle(first)])
        ledger.store.save_extractions([undated])
        ledger.link()
        (alone,) = ledger.linked_events()
        ledger.store.add_articles([NewArticle(second)])
        ledger.store.save_extractions([_report(second, "2024-01-01", 400, UA)])
        report = ledger.link()
        assert (report.linked, report.created, report.touched) == (1, 0, 1)
        (joined,) = ledger.linked_events()
        assert joined.id == alone.id and joined.date_start == "2024-01-01" and len(joined.article_ids) == 2


def test_an_event_left_without_mentions_is_dropped(db_target: str) -> None:
    article = _article("The ministry said 40 soldiers were killed in Sumy.", "2024-01-02", "A")
    with Ledger(db_target, settings=_settings()) as ledger:
        ledger.store.add_articles([NewArticle(article)])
        ledger.store.save_extractions([_report(article, "2024-01-01", 40, RU)])
        ledger.link()
        assert len(ledger.linked_events()) == 1
        ledger.store.save_extractions([Extraction(article.id, "test/1")])
        ledger.link()
        assert ledger.linked_events() == [] and ledger.contradictions() == []


def test_new_mentions_load_only_the_events_in_their_block(db_target: str) -> None:
    with Ledger(db_target, settings=_settings()) as ledger:
        days = ["2024-01-01", "2024-01-05", "2024-02-01"]
        for n, day in enumerate(days):
            article = _article(f"Report {n}: the ministry said soldiers were killed in Sumy.", day, f"Outlet {n}")
            ledger.store.add_articles([NewArticle(article)])
            ledger.store.save_extractions([_report(article, day, 10 + n, RU)])
        ledger.link()
        assert len(ledger.linked_events()) == 3
        found = ledger.store.event_candidates([EventBlock("strike", ("2024-01-04", "2024-01-06"))])
        assert [e.day for e in found] == ["2024-01-05"]
        assert ledger.store.event_candidates([EventBlock("statement", None)]) == []
        assert len(ledger.store.event_candidates([EventBlock("strike", None)])) == 3


# ---------------------------------------------------------------- migrating a version-1 ledger
def _version_one_ledger(path: Path) -> tuple[Article, Extraction]:
    """A ledger as the release before schema 2 wrote it: the 0001 schema, sequence-numbered ids."""
    article = _article("The ministry said 40 soldiers were killed in Sumy.", "2024-01-02", "A")
    aid = article.id
    span = Span(0, 10, article.text[:10])
    claim = Claim(f"{aid}:c1", aid, RU, "said", "indirect", "asserts", False, None, span, event_id=f"{aid}:e1")
    figure = Figure(f"{aid}:f1", aid, "killed", "russia", 40, 40, 40, "exact", RU, span, Span(18, 20, "40"),
                    claim_id=claim.id, event_id=f"{aid}:e1")
    event = EventMention(f"{aid}:e1", aid, "strike", "Strike on Sumy", Span(41, 45, "Sumy"),
                         date_start="2024-01-01", place=SUMY, figure_ids=(figure.id,), claim_ids=(claim.id,))
    (version, script), *_ = migrations()
    assert version == 1
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        raw.executescript(script)
        raw.execute("INSERT INTO schema_migrations VALUES (1, '2024-01-01T00:00:00+00:00')")
        raw.execute("INSERT INTO articles (id, seq, content_hash, outlet, published, published_day, language, text,"
                    " ingested_at) VALUES (?, 1, ?, 'A', '2024-01-02', '2024-01-02', 'en', ?, '2024-01-02')",
                    (aid, article.content_hash, article.text))
        raw.execute("INSERT INTO extractions VALUES (?, 'old', '2024-01-02', NULL, NULL, NULL, NULL, ?)",
                    (aid, dumps({"places": [], "times": []})))
        raw.execute("INSERT INTO claims VALUES (?, 1, ?, ?, ?, ?, 'russia', 'indirect', ?)",
                    (aid, claim.id, claim.event_id, RU.name, RU.mention, dumps(to_dict(claim))))
        raw.execute("INSERT INTO figures VALUES (?, 1, ?, ?, ?, 'killed', 'russia', 'russia', ?)",
                    (aid, figure.id, figure.claim_id, figure.event_id, dumps(to_dict(figure))))
        raw.execute("INSERT INTO events VALUES (?, 1, ?, 'strike', '2024-01-01', ?)",
                    (aid, event.id, dumps(to_dict(event))))
    return article, Extraction(aid, "old", claims=(claim,), figures=(figure,), events=(event,))


def test_a_version_one_ledger_is_migrated_in_place(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    article, old = _version_one_ledger(db)
    with Ledger(db, settings=_settings()) as ledger:
        assert ledger.store.schema_version >= 2
        migrated = ledger.extraction(article.id)
        assert migrated == assign_ids(old)  # every record kept, under its content-derived id
        assert migrated is not None and migrated.figures[0].id == f"{article.id}:f18-20"
        assert migrated.figures[0].claim_id == migrated.claims[0].id
        (event,) = ledger.linked_events()  # never linked yet: linked in memory on read
        assert event.mention_ids == (migrated.events[0].id,)
        ledger.link()
        assert [e.id for e in ledger.linked_events()] == [event.id]
        records = list(ledger.records())
        assert records[0]["version"] == 2
        assert {r["id"] for r in records if r["record"] == "figure"} == {migrated.figures[0].id}
    with sqlite3.connect(db) as raw:
        versions = [row[0] for row in raw.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == [v for v, _ in migrations()]


def test_every_missing_migration_runs_even_below_the_latest_applied(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A migration numbered below one already applied (two branches landing in either order) still runs."""
    import claimledger.store.sqlite as backend

    db = tmp_path / "old.db"
    _version_one_ledger(db)
    later = max(v for v, _ in migrations()) + 1
    with sqlite3.connect(db) as raw:  # a later migration got there first
        raw.execute("CREATE TABLE later_things (id TEXT PRIMARY KEY)")
        raw.execute("INSERT INTO schema_migrations VALUES (?, '2024-01-02T00:00:00+00:00')", (later,))
    bundled = [*migrations(), (later, "CREATE TABLE later_things (id TEXT PRIMARY KEY);")]
    monkeypatch.setattr(backend, "migrations", lambda: bundled)
    with SQLiteStore(db) as store:
        assert store.schema_version == later
        assert store.stats().figures == 1
    with sqlite3.connect(db) as raw:
        versions = [row[0] for row in raw.execute("SELECT version FROM schema_migrations ORDER BY version")]
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert versions == [v for v, _ in bundled]
    assert {"linked_events", "event_members", "contradictions"} <= tables
