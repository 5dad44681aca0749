"""Assessed statuses stored with the linked events (migration 0004): written at link time, read by exports
and listings from the ledger; a ledger written by the release before (schema 3) is migrated in place; an
event's articles are read together (``Store.article_headers``).

Every ledger here is a real SQLite file; the texts are written for these tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimledger import Ledger
from claimledger.store import NewArticle, SQLiteStore
from claimledger.store.sql import migrations

from .test_identity import RU, UA, _article, _report, _settings

FIRST = "The ministry said 40 soldiers were killed in Sumy."
SECOND = "The General Staff said 400 soldiers were killed in Sumy."


def _two_sides(ledger: Ledger) -> tuple[str, str]:
    first, second = _article(FIRST, "2024-01-02", "Outlet A"), _article(SECOND, "2024-01-02", "Outlet B")
    ledger.store.add_articles([NewArticle(first), NewArticle(second)])
    ledger.store.save_extractions([_report(first, "2024-01-01", 40, RU), _report(second, "2024-01-01", 400, UA)])
    return first.id, second.id


def test_statuses_are_stored_at_link_time_and_read_from_the_ledger(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    with Ledger(db, settings=_settings()) as ledger:
        _two_sides(ledger)
        ledger.link()
        stored = ledger.store.figure_statuses()
        assert sorted(stored.values()) == ["contested", "contested"]
        (event,) = ledger.store.linked_events()
        assert event.status == "contested"
    with sqlite3.connect(db) as raw:  # change what is stored: reads must show it, not assess again
        raw.execute("UPDATE figure_status SET status = 'unverified'")
        raw.execute("UPDATE linked_events SET status = 'unverified'")
    with Ledger(db, settings=_settings()) as ledger:
        records = list(ledger.records())
        assert {r["status"] for r in records if r["record"] == "figure"} == {"unverified"}
        assert [r["status"] for r in records if r["record"] == "event" and r["id"] == event.id] == ["unverified"]
        assert [e.status for e in ledger.linked_events()] == ["unverified"]
        assert ledger.store.figure_statuses(None) == dict.fromkeys(stored, "unverified")


def test_statuses_follow_a_relink_and_leave_with_their_event(db_target: str) -> None:
    with Ledger(db_target, settings=_settings()) as ledger:
        first, second = _two_sides(ledger)
        ledger.link()
        ledger.store.save_extractions([_report(ledger.store.article(second) or pytest.fail("gone"),
                                               "2024-01-01", 40, UA)])
        ledger.link()  # the second side now agrees: the event and its figures are corroborated
        assert set(ledger.store.figure_statuses().values()) == {"corroborated"}
        assert [e.status for e in ledger.store.linked_events()] == ["corroborated"]
        ledger.link(everything=True)
        assert set(ledger.store.figure_statuses().values()) == {"corroborated"}


def _release_three_ledger(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ledger as the release before schema 4 wrote it: migrations 1-3, linked and assessed, no statuses."""
    import claimledger.store.sqlite as backend

    older = [(v, script) for v, script in migrations() if v <= 3]
    assert [v for v, _ in older] == [1, 2, 3]
    with monkeypatch.context() as patch:
        patch.setattr(backend, "migrations", lambda: older)
        with SQLiteStore(db) as store:
            first, second = _article(FIRST, "2024-01-02", "Outlet A"), _article(SECOND, "2024-01-02", "Outlet B")
            store.add_articles([NewArticle(first), NewArticle(second)])
            store.save_extractions([_report(first, "2024-01-01", 40, RU), _report(second, "2024-01-01", 400, UA)])
    with sqlite3.connect(db) as raw:  # what that release's linking step stored: events, members, a version
        mentions = [row for row in raw.execute("SELECT id, article_id FROM events ORDER BY article_id")]
        raw.execute("INSERT INTO linked_events (id, seq, kind, day, first_published, last_published, dirty)"
                    " VALUES ('ev:old', 1, 'strike', '2024-01-01', '2024-01-02', '2024-01-02', 0)")
        raw.executemany("INSERT INTO event_members (mention_id, event_id, article_id, seq) VALUES (?, 'ev:old', ?, ?)",
                        [(m, a, n) for n, (m, a) in enumerate(mentions, 1)])
        raw.execute("INSERT INTO link_state (key, value) VALUES ('version', 'link/old+assess/2+000000000000')")


def test_a_ledger_of_the_release_before_is_migrated_in_place(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "old.db"
    _release_three_ledger(db, monkeypatch)
    with Ledger(db, settings=_settings()) as ledger:
        assert ledger.store.schema_version == max(v for v, _ in migrations())
        assert ledger.store.link_status().version is None  # forgotten: the next step relinks
        assert ledger.store.figure_statuses() == {}
        (event,) = ledger.linked_events()  # linked in memory meanwhile, statuses and all
        assert event.status == "contested"
        figures = [r for r in ledger.records() if r["record"] == "figure"]
        assert {r["status"] for r in figures} == {"contested"}
        report = ledger.link()
        assert report.relinked
        assert set(ledger.store.figure_statuses().values()) == {"contested"}
        assert [(e.id, e.status) for e in ledger.store.linked_events()] == [(event.id, "contested")]
    with sqlite3.connect(db) as raw:
        versions = [row[0] for row in raw.execute("SELECT version FROM schema_migrations ORDER BY version")]
        columns = {row[1] for row in raw.execute("PRAGMA table_info(linked_events)")}
    assert versions == [v for v, _ in migrations()] and "status" in columns


def test_article_headers_are_read_together_in_the_order_asked(db_target: str) -> None:
    with Ledger(db_target, settings=_settings()) as ledger:
        first, second = _two_sides(ledger)
        headers = ledger.store.article_headers([second, "no-such-article", first, second])
        assert [a.id for a in headers] == [second, first]
        assert all(a.text == "" and a.published == "2024-01-02" for a in headers)
        assert ledger.store.article_headers([]) == []
        ledger.link()
        (event,) = ledger.linked_events()
        report = ledger.event_report(event.id)
        assert report is not None and {row.claimant.side for row in report.rows} == {"russia", "ukraine"}
