"""Analysts' corrections (corrections/) on a real ledger of the seed articles: each kind visible in
reads and the export, surviving `extract --all` and `link --all`, orphaned when the target goes,
undone, listed in the audit log; bad corrections are clear errors that write nothing.

One ledger is built per module and backend (a SQLite file, a PostgreSQL database) and taken back
to the schema the release before migration 0005 writes (0005 only adds the audit log), so every test
also runs the migration on it; each test works on its own copy."""

from __future__ import annotations

import csv
import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from claimledger import CorrectionError, CorrectionKind, Ledger
from claimledger.records import Event, Figure
from claimledger.store import is_postgres_url
from tests.conftest import BACKENDS, Run, built_ledger_target, ledger_copy, shared_path

CORRECTIONS_MIGRATION = 5


@pytest.fixture(scope="module", params=BACKENDS)
def release_ledger(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seed articles ingested, extracted and linked, in a ledger without migration 0005: a SQLite
    file, or a PostgreSQL database that each test's copy takes as its template."""
    seeds = shared_path("corpus", "seeds")
    target = built_ledger_target(request, tmp_path_factory.mktemp("release"))
    with Ledger(target) as ledger:
        assert ledger.ingest([seeds]).extracted == 3
    statements = ("DROP TABLE corrections", f"DELETE FROM schema_migrations WHERE version = {CORRECTIONS_MIGRATION}")
    if request.param == "postgresql":
        with psycopg.connect(target, autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)
    else:
        with sqlite3.connect(target) as raw:
            for statement in statements:
                raw.execute(statement)
        raw.close()
    return target


@pytest.fixture
def db(release_ledger: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A copy of the release ledger for one test."""
    return ledger_copy(release_ledger, request, tmp_path)


@pytest.fixture
def ledger(db: str) -> Iterator[Ledger]:
    with Ledger(db) as opened:
        yield opened


def table_names(target: str) -> set[str]:
    if is_postgres_url(target):
        with psycopg.connect(target) as conn:
            return {row[0] for row in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}
    with sqlite3.connect(target) as raw:
        names = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    raw.close()
    return names


# ---------------------------------------------------------------- helpers
def the_400(ledger: Ledger) -> Figure:
    """The seed's Ukrainian claim of 400 Russian soldiers killed at Makiivka, as extracted."""
    return next(f for f in ledger.store.figures(measure="killed") if f.best == 400 and f.claimant.side == "ukraine")


def makiivka(ledger: Ledger) -> Event:
    """The Makiivka strike event holding the 400 (the one the seeds' contradiction is about)."""
    figure = the_400(ledger)
    return next(e for e in ledger.linked_events() if figure.event_id in e.mention_ids)


def records(ledger: Ledger, kind: str) -> dict[str, dict[str, object]]:
    return {r["id"]: r for r in ledger.records() if r["record"] == kind}


# ---------------------------------------------------------------- migration
def test_the_migration_adds_the_audit_log_to_a_release_ledger_and_keeps_everything(
        release_ledger: str, db: str) -> None:
    tables = table_names(release_ledger)
    assert "corrections" not in tables and "linked_events" in tables
    with Ledger(db) as ledger:
        assert ledger.store.schema_version >= CORRECTIONS_MIGRATION
        assert ledger.corrections() == [] and ledger.orphaned_corrections() == []
        stats, status = ledger.stats(), ledger.store.link_status()
        assert stats.figures > 0 and stats.claims > 0 and status.pending == 0 and status.dirty == 0
        assert status.version == ledger.link_version()  # no correction: nothing to relink
        assert makiivka(ledger).status == "contested"
        meta = next(ledger.records())
        assert meta["corrections"] == {"active": 0, "undone": 0, "orphaned": 0}


# ---------------------------------------------------------------- figures
def test_correcting_the_400_to_89_ends_the_makiivka_contradiction_until_undone(ledger: Ledger) -> None:
    figure, event = the_400(ledger), makiivka(ledger)
    assert any(figure.id in c.figure_ids for c in ledger.contradictions(events=[event]))

    fixed = ledger.correct_figure(figure.id, by="Ana Analyst", why="Kyiv later gave 89", value=89)
    assert fixed.id == 1 and fixed.kind is CorrectionKind.CORRECT_FIGURE and fixed.state == "active"
    assert fixed.at and fixed.extracted is not None and fixed.extracted.best == 400
    assert ledger.store.link_status().dirty == 0  # the event's contradictions were recomputed and stored
    now = next(f for f in ledger.figures() if f.id == figure.id)
    assert (now.low, now.best, now.high, now.qualifier) == (89, 89, 89, "exact")
    assert ledger.contradictions(events=[event]) == []
    assert makiivka(ledger).status != "contested"
    report = ledger.event_report(event.id)
    assert report is not None and report.contradictions == ()
    ukraine = next(r for r in report.rows if r.claimant.side == "ukraine" and r.measure == "killed")
    assert ukraine.latest.best == 89
    exported = records(ledger, "figure")[figure.id]
    assert exported["best"] == 89 and exported["extracted"]["best"] == 400  # type: ignore[index]
    [entry] = exported["corrections"]  # type: ignore[misc]
    assert entry["by"] == "Ana Analyst" and entry["why"] == "Kyiv later gave 89" and entry["at"] == fixed.at
    assert entry["set"] == {"low": 89, "best": 89, "high": 89, "qualifier": "exact"}
    assert not [r for r in ledger.records() if r["record"] == "contradiction" and r["event_id"] == event.id]

    undo = ledger.undo(fixed.id, by="Bo Checker", why="the 89 was Moscow's")
    assert undo.kind is CorrectionKind.UNDO and undo.undoes == fixed.id
    assert [(c.id, c.state, c.undone_by) for c in ledger.corrections()] == [(1, "undone", 2), (2, "active", None)]
    assert next(f for f in ledger.figures() if f.id == figure.id).best == 400
    assert any(figure.id in c.figure_ids for c in ledger.contradictions(events=[event]))
    exported = records(ledger, "figure")[figure.id]
    assert exported["best"] == 400 and exported["extracted"] is None and exported["corrections"] == []


def test_measure_subject_and_claimant_corrections_move_a_figure_between_listings(ledger: Ledger) -> None:
    figure = the_400(ledger)
    ledger.correct_figure(figure.id, by="ana", why="the words count the wounded", measure="wounded",
                          subject="russia", claimant="Russian Ministry of Defence")
    assert figure.id not in {f.id for f in ledger.figures(measure="killed")}
    moved = next(f for f in ledger.figures(measure="wounded", claimant_side="russia") if f.id == figure.id)
    assert moved.claimant.name == "Russian Ministry of Defence" and moved.claimant.actor_id is not None
    assert moved.best == 400  # the estimate stays as extracted
    extraction = ledger.extraction(figure.article_id)
    assert extraction is not None and next(f for f in extraction.figures if f.id == figure.id).measure == "wounded"
    exported = records(ledger, "figure")[figure.id]
    assert exported["measure"] == "wounded" and exported["extracted"]["measure"] == "killed"  # type: ignore[index]
    ledger.correct_figure(figure.id, by="ana", why="a local body", claimant="Donetsk emergency service",
                          claimant_side="russia", claimant_kind="official")
    named = next(f for f in ledger.figures() if f.id == figure.id)
    assert (named.claimant.name, named.claimant.side, named.measure) == ("Donetsk emergency service", "russia",
                                                                        "wounded")


def test_a_confirmation_pins_the_values_and_shows_in_the_export(ledger: Ledger) -> None:
    figure = the_400(ledger)
    confirmed = ledger.confirm_figure(figure.id, by="ana", why="checked against the broadcast")
    assert confirmed.values is not None and confirmed.values.best == 400 and confirmed.values.measure == "killed"
    exported = records(ledger, "figure")[figure.id]
    assert exported["extracted"] is None  # nothing changed
    assert [c["kind"] for c in exported["corrections"]] == ["confirm_figure"]  # type: ignore[union-attr]
    assert ledger.corrections(kind="confirm_figure") == [confirmed]


def test_the_tables_carry_the_corrections(ledger: Ledger, tmp_path: Path) -> None:
    figure = the_400(ledger)
    ledger.correct_figure(figure.id, by="ana", why="Kyiv later gave 89", value=89)
    claim = next(c for c in ledger.claims(side="ukraine") if "400" in c.content.text)
    ledger.debunk_claim(claim.id, "the unit's roll call", by="ana", why="roll call")
    ledger.export(tmp_path / "tables", format="csv")
    with (tmp_path / "tables" / "figures.csv").open(encoding="utf-8") as fh:
        rows = {row["id"]: row for row in csv.DictReader(fh)}
    assert float(rows[figure.id]["best"]) == 89 and json.loads(rows[figure.id]["extracted"])["best"] == 400
    assert json.loads(rows[figure.id]["corrections"])[0]["by"] == "ana"
    untouched = next(row for key, row in rows.items() if key != figure.id)
    assert untouched["extracted"] == "null" and untouched["corrections"] == "[]"
    with (tmp_path / "tables" / "claims.csv").open(encoding="utf-8") as fh:
        claims = {row["id"]: row for row in csv.DictReader(fh)}
    assert claims[claim.id]["debunked_source"] == "the unit's roll call"


# ---------------------------------------------------------------- claims
def test_a_debunked_claim_contests_its_event_and_carries_its_source(ledger: Ledger) -> None:
    claim = next(c for c in ledger.claims(side="ukraine") if "400" in c.content.text)
    event = next(e for e in ledger.linked_events() if claim.event_id in e.mention_ids)
    source = "https://factcheck.example.org/makiivka"
    debunk = ledger.debunk_claim(claim.id, source, by="ana", why="the footage shows fewer beds")
    found = [c for c in ledger.contradictions(events=[event]) if c.kind == "debunk"]
    assert [c.claim_ids for c in found] == [(claim.id,)] and source in found[0].explanation
    assert next(e for e in ledger.linked_events() if e.id == event.id).status == "contested"
    exported = records(ledger, "claim")[claim.id]
    assert exported["debunked"] == {"source": source, "by": "ana", "at": debunk.at,
                                    "why": "the footage shows fewer beds", "correction": debunk.id}
    assert [r["kind"] for r in ledger.records() if r["record"] == "contradiction" and r["event_id"] == event.id
            ].count("debunk") == 1
    ledger.undo(debunk.id, by="ana", why="the fact check was withdrawn")
    assert not [c for c in ledger.contradictions(events=[event]) if c.kind == "debunk"]
    assert records(ledger, "claim")[claim.id]["debunked"] is None


# ---------------------------------------------------------------- events
def test_merge_split_and_move_reshape_the_events_and_undo_restores_them(ledger: Ledger) -> None:
    event = makiivka(ledger)
    other = next(e for e in ledger.linked_events() if e.type == "strike" and e.id != event.id
                 and e.place is not None and event.place is not None and e.place.name == event.place.name)
    merged = ledger.merge_events(event.id, other.id[:12], by="ana", why="one strike, reported twice")
    assert (merged.into, merged.event_id) == (event.id, other.id)
    events = {e.id: e for e in ledger.linked_events()}
    assert other.id not in events and set(other.mention_ids) <= set(events[event.id].mention_ids)
    assert ledger.store.link_status().version == ledger.link_version()  # relinked and stored
    exported = records(ledger, "event")[event.id]
    assert [c["kind"] for c in exported["corrections"]] == ["merge_events"]  # type: ignore[union-attr]

    leaving = event.mention_ids[0]  # the mention that founded the event: the event keeps its id
    split = ledger.split_mention(leaving, by="ana", why="a different night")
    events = {e.id: e for e in ledger.linked_events()}
    assert leaving not in events[event.id].mention_ids
    alone = next(e for e in events.values() if leaving in e.mention_ids)
    assert alone.mention_ids == (leaving,) and split.apart_from

    target = next(e for e in events.values() if e.type != "strike" and e.id != alone.id)
    moved = ledger.split_mention(leaving, into=target.id, by="ana", why="it reports the ceasefire")
    assert moved.into == target.id and leaving in {e.id: e for e in ledger.linked_events()}[target.id].mention_ids

    for c in (moved, split, merged):
        ledger.undo(c.id, by="ana", why="back to the linker's view")
    assert {e.id: e.mention_ids for e in ledger.linked_events()}[event.id] == event.mention_ids
    assert other.id in {e.id for e in ledger.linked_events()}


def test_corrections_survive_extract_all_and_link_all(db: str, cli: Run) -> None:
    with Ledger(db) as ledger:
        figure, event = the_400(ledger), makiivka(ledger)
        other = next(e for e in ledger.linked_events() if e.type == "strike" and e.id != event.id
                     and e.place == event.place)
        claim = next(c for c in ledger.claims(side="ukraine") if "400" in c.content.text)
        ledger.correct_figure(figure.id, by="ana", why="Kyiv later gave 89", value=89)
        ledger.debunk_claim(claim.id, "a text: the unit's roll call", by="ana", why="roll call")
        ledger.merge_events(event.id, other.id, by="ana", why="one strike")
        before = {e.id: e.mention_ids for e in ledger.linked_events()}
    for command in (("extract", "--all"), ("link", "--all")):
        done = cli(*command, db=db)
        assert done.returncode == 0, done.stderr
    exported = cli("export", "--format", "jsonl", db=db)
    assert exported.returncode == 0, exported.stderr
    lines = [json.loads(line) for line in exported.stdout.splitlines()]
    figure_record = next(r for r in lines if r["record"] == "figure" and r["id"] == figure.id)
    assert figure_record["best"] == 89 and figure_record["corrections"][0]["why"] == "Kyiv later gave 89"
    assert next(r for r in lines if r["record"] == "claim" and r["id"] == claim.id)["debunked"]
    with Ledger(db) as ledger:
        assert [c.state for c in ledger.corrections()] == ["active"] * 3
        assert {e.id: e.mention_ids for e in ledger.linked_events()} == before
        assert not [c for c in ledger.contradictions(events=[makiivka(ledger)]) if c.kind == "figures"]


def test_a_correction_whose_target_vanished_is_kept_as_orphaned(ledger: Ledger) -> None:
    figure, event = the_400(ledger), makiivka(ledger)
    fixed = ledger.correct_figure(figure.id, by="ana", why="Kyiv later gave 89", value=89)
    split = ledger.split_mention(event.mention_ids[-1], by="ana", why="another strike")
    extraction = ledger.store.extraction(figure.article_id)
    assert extraction is not None
    gone = dataclasses.replace(extraction, figures=tuple(f for f in extraction.figures if f.id != figure.id),
                               events=tuple(e for e in extraction.events if e.id != event.mention_ids[-1]))
    ledger.store.save_extractions([gone])  # as an extractor that no longer finds these words would
    ledger.link()
    assert [c.id for c in ledger.orphaned_corrections()] == [fixed.id, split.id]
    assert figure.id not in {f.id for f in ledger.figures()} and figure.id not in records(ledger, "figure")
    assert next(ledger.records())["corrections"] == {"active": 0, "undone": 0, "orphaned": 2}
    ledger.store.save_extractions([extraction])  # the words come back: the corrections hold again
    ledger.link()
    assert ledger.orphaned_corrections() == []
    assert next(f for f in ledger.figures() if f.id == figure.id).best == 89


def test_another_process_reads_a_correction_at_once(ledger: Ledger, db: str) -> None:
    with Ledger(db) as reader:
        event = makiivka(reader)
        assert reader.contradictions(events=[event])
        ledger.correct_figure(the_400(ledger).id, by="ana", why="Kyiv later gave 89", value=89)
        assert reader.contradictions(events=[event]) == []
        assert [c.by for c in reader.corrections()] == ["ana"]


# ---------------------------------------------------------------- the audit log and bad input
def test_the_audit_log_filters_by_target_kind_analyst_state_and_date(ledger: Ledger) -> None:
    figure = the_400(ledger)
    first = ledger.confirm_figure(figure.id, by="Ana", why="checked")
    second = ledger.correct_figure(figure.id, by="Bo", why="fixed", value=89)
    ledger.undo(first.id, by="bo", why="superseded")
    assert [c.id for c in ledger.corrections(target=figure.id)] == [first.id, second.id]
    assert [c.id for c in ledger.corrections(by="BO")] == [second.id, 3]
    assert [c.id for c in ledger.corrections(kind=CorrectionKind.UNDO)] == [3]
    assert [c.id for c in ledger.corrections(state="undone")] == [first.id]
    day = second.at[:10]
    assert len(ledger.corrections(since=day, until=day)) == 3 and ledger.corrections(until="2000-01-01") == []


@pytest.mark.parametrize(("call", "code", "words"), [
    (lambda led, f: led.correct_figure("nope:f1-2", by="a", why="b", value=1), "CL501", "no figure"),
    (lambda led, f: led.correct_figure(f, by="a", why="b", measure="kiled"), "CL502", "did you mean 'killed'"),
    (lambda led, f: led.correct_figure(f, by="a", why="b", subject="rusia"), "CL502", "did you mean 'russia'"),
    (lambda led, f: led.correct_figure(f, by="a", why="b", claimant="Somebody"), "CL502", "claimant's side"),
    (lambda led, f: led.correct_figure(f, by="a", why="b", claimant_side="mars"), "CL502", "claimant side"),
    (lambda led, f: led.correct_figure(f, by="a", why="b", value=-3), "CL503", "zero or more"),
    (lambda led, f: led.correct_figure(f, by="a", why="b", low=9, high=3), "CL503", "low <= best <= high"),
    (lambda led, f: led.correct_figure(f, by="a", why="b", value=3, best=3), "CL503", "not both"),
    (lambda led, f: led.correct_figure(f, by="a", why="b", value=float("nan")), "CL503", "zero or more"),
    (lambda led, f: led.correct_figure(f, by=" ", why="b", value=3), "CL503", "analyst"),
    (lambda led, f: led.correct_figure(f, by="a", why="b"), "CL503", "nothing to correct"),
    (lambda led, f: led.debunk_claim("x:c1-2", "https://example.org", by="a", why="b"), "CL501", "no claim"),
    (lambda led, f: led.debunk_claim(f.replace(":f", ":c"), "https://", by="a", why="b"), "CL501", "no claim"),
    (lambda led, f: led.debunk_claim(next(led.claims()).id, "https://", by="a", why="b"), "CL503", "no usable URL"),
    (lambda led, f: led.debunk_claim(next(led.claims()).id, " ", by="a", why="b"), "CL503", "a source"),
    (lambda led, f: led.split_mention("x:e1-2", by="a", why="b"), "CL501", "mention"),
    (lambda led, f: led.merge_events("ev:", "ev:nothing", by="a", why="b"), "CL501", "linked event"),
    (lambda led, f: led.undo(99, by="a", why="b"), "CL501", "#99"),
    (lambda led, f: led.undo("first", by="a", why="b"), "CL501", "no correction number"),
    (lambda led, f: led.corrections(kind="fix"), "CL502", "correction kind"),
    (lambda led, f: led.corrections(state="gone"), "CL502", "correction state"),
    (lambda led, f: led.corrections(since="last week"), "CL503", "no date"),
])
def test_a_bad_correction_is_a_clear_error_and_writes_nothing(ledger: Ledger, call: object, code: str,
                                                               words: str) -> None:
    figure = the_400(ledger)
    with pytest.raises(CorrectionError, match=words) as info:
        call(ledger, figure.id)  # type: ignore[operator]
    assert info.value.code == code and str(info.value).startswith(f"[{code}]")
    assert ledger.corrections() == []


def test_undoing_twice_or_undoing_an_undo_is_refused(ledger: Ledger) -> None:
    figure = the_400(ledger)
    fixed = ledger.correct_figure(figure.id, by="a", why="b", value=89)
    undo = ledger.undo(f"#{fixed.id}", by="a", why="c")
    for number in (fixed.id, undo.id):
        with pytest.raises(CorrectionError) as info:
            ledger.undo(number, by="a", why="again")
        assert info.value.code == "CL504"
    event = makiivka(ledger)
    with pytest.raises(CorrectionError, match="one event already"):
        ledger.merge_events(event.id, event.id, by="a", why="b")
    assert len(ledger.corrections()) == 2


def test_a_re_extracted_mention_stays_where_the_analyst_put_it(ledger: Ledger) -> None:
    event = makiivka(ledger)
    leaving = event.mention_ids[-1]
    ledger.split_mention(leaving, by="ana", why="another strike")
    extraction = ledger.store.extraction(leaving.partition(":")[0])
    assert extraction is not None
    revised = dataclasses.replace(extraction, events=tuple(
        dataclasses.replace(e, title=e.title + " (revised)") if e.id == leaving else e for e in extraction.events))
    ledger.store.save_extractions([revised])  # the same words, read differently: the same id, relinked
    assert ledger.store.link_status().pending == 1
    assert leaving not in {e.id: e for e in ledger.linked_events()}[event.id].mention_ids  # read in memory
    report = ledger.link()
    assert report.linked == 1 and not report.relinked  # the new placement is corrected in the step itself
    events = {e.id: e for e in ledger.linked_events()}
    assert leaving not in events[event.id].mention_ids
    assert next(e for e in events.values() if leaving in e.mention_ids).mention_ids == (leaving,)
