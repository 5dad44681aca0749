"""The ledger store, on real databases: SQLite files under tmp_path, and PostgreSQL databases in a
cluster the tests start (conftest ``db_target``: every test taking ``store`` runs on each backend).
The tests that open files by path are SQLite's own.

All article texts here are written for these tests (invented places and people).
"""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger.errors import ConfigError, SchemaError, StoreError
from claimledger.records import (
    Article,
    ArticleFilter,
    Claim,
    Claimant,
    EventActor,
    EventMention,
    Extraction,
    Figure,
    IngestReport,
    Place,
    PlaceMention,
    Skip,
    SkipReason,
    Span,
    TimeExpression,
)
from claimledger.settings import Settings
from claimledger.store import NewArticle, SQLiteStore, Store, open_store
from claimledger.store.sqlite import PAGE_ROWS, migrations

from .conftest import store_at

MARKET_TEXT = (
    "The governor of Exampleton said on Tuesday that at least 12 people were killed when a missile "
    "hit the central market. The defence ministry claimed its forces had destroyed 7 tanks near the "
    "river crossing, but the claim could not be independently verified."
)
TRUCE_TEXT = "Officials in Northvale announced a three-day truce; the other side rejected it within hours."


def make_article(text: str, **meta: object) -> Article:
    digest = hashlib.sha256(" ".join(text.split()).casefold().encode("utf-8", "surrogatepass")).hexdigest()
    fields: dict[str, object] = {
        "id": digest[:16],
        "ref": None,
        "url": None,
        "outlet": None,
        "title": None,
        "published": None,
        "language": "en",
        "text": text,
        "content_hash": digest,
        "ingested_at": "2026-01-02T03:04:05+00:00",
    }
    fields.update(meta)
    return Article(**fields)  # type: ignore[arg-type]


def span_of(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def make_extraction(article: Article, version: str = "0.1.0") -> Extraction:
    text = article.text
    governor = Claimant("Governor of Exampleton", "The governor of Exampleton", "ukraine", "official", "gov")
    ministry = Claimant("Ministry of Defence", "The defence ministry", "russia", "official")
    first, second = text.split(". ", 1)
    claims = (
        Claim(f"{article.id}-c1", article.id, governor, "said", "indirect", "asserts", False, None,
              span_of(text, "at least 12 people were killed when a missile hit the central market"),
              claimant_span=span_of(text, "The governor of Exampleton"), cue_span=span_of(text, "said"),
              event_id=f"{article.id}-e1", extractor="claims/0.1.0"),
        Claim(f"{article.id}-c2", article.id, ministry, "claimed", "indirect", "asserts", True,
              "could not be independently verified", span_of(text, "its forces had destroyed 7 tanks"),
              extractor="claims/0.1.0"),
    )
    figures = (
        Figure(f"{article.id}-f1", article.id, "civilians_killed", "civilians", 12.0, 12.0, None, "at_least",
               governor, span_of(text, first + "."), span_of(text, "at least 12"), as_of="2023-01-03",
               claim_id=claims[0].id, event_id=f"{article.id}-e1", extractor="figures/0.1.0"),
        Figure(f"{article.id}-f2", article.id, "tanks", "ukraine", 7.0, 7.0, 7.0, "exact", ministry,
               span_of(text, second), span_of(text, "7"), claim_id=claims[1].id, extractor="figures/0.1.0"),
    )
    market = Place("Exampleton", "city", "UA", "Exampleton Oblast", 48.5, 37.25, 123456)
    events = (
        EventMention(f"{article.id}-e1", article.id, "strike", "Strike on Exampleton market",
                     span_of(text, "hit"), "2023-01-03", None, market,
                     (EventActor("Ministry of Defence", "russia", "initiator"),),
                     figure_ids=(figures[0].id,), claim_ids=(claims[0].id,), extractor="events/0.1.0"),
    )
    return Extraction(
        article.id, version, claims, figures, events,
        places=(PlaceMention(span_of(text, "Exampleton"), market),),
        times=(TimeExpression(span_of(text, "on Tuesday"), "2023-01-03", "date"),),
    )


@pytest.fixture
def store(db_target: str) -> Iterator[Store]:
    ledger = store_at(db_target)
    yield ledger
    ledger.close()


def add(store: Store, *articles: Article) -> list[str]:
    return [o.status for o in store.add_articles([NewArticle(a) for a in articles])]


# ---------------------------------------------------------------- opening and migrations
def test_fresh_ledger_is_migrated_and_reopens(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "dir" / "ledger.db"
    first = SQLiteStore(path)
    assert isinstance(first, Store)
    bundled = [version for version, _ in migrations()]
    assert first.schema_version == max(bundled)
    first.close()
    second = SQLiteStore(path)
    assert second.schema_version == max(bundled)
    second.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall() == [
            (v,) for v in bundled]
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "article_sources", "runs", "skips", "extractions", "claims", "figures", "events"} <= tables


def test_newer_schema_raises_schema_error(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    SQLiteStore(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO schema_migrations VALUES (99, '2030-01-01T00:00:00+00:00')")
    with pytest.raises(SchemaError, match="upgrade claimledger") as info:
        SQLiteStore(path)
    assert info.value.code == "CL302"


def test_not_a_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    content = b"these are my notes, not a database\n" * 200
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a SQLite database") as info:
        SQLiteStore(path)
    assert info.value.code == "CL303"
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_foreign_sqlite_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE recipes (name TEXT)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a claimledger ledger"):
        SQLiteStore(path)
    assert path.read_bytes() == before


def test_directory_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        SQLiteStore(tmp_path)


def test_open_store_dispatch(tmp_path: Path) -> None:
    store = open_store(Settings(db=tmp_path / "a.db"))
    assert isinstance(store, SQLiteStore)
    store.close()
    with pytest.raises(ConfigError, match="not a PostgreSQL URL") as info:  # a Path folded its "//"
        open_store(Settings(db=Path("postgresql://user@localhost/ledger")))
    assert info.value.code == "CL108"
    with pytest.raises(StoreError, match="cannot connect to the PostgreSQL ledger") as unreachable:
        open_store(Settings(db="postgresql://someone:secret@127.0.0.1:1/ledger"))
    assert unreachable.value.code == "CL307" and "secret" not in str(unreachable.value)


# ---------------------------------------------------------------- adding articles
def test_new_duplicate_known_and_metadata_fill(store: Store) -> None:
    first = make_article(MARKET_TEXT, ref="a.txt", source="in/a.txt")
    copy = replace(make_article(MARKET_TEXT, ref="b.txt", url="https://example.org/b", outlet="Example Post",
                                published="2023-01-04", title="Market hit"), source="in/b.txt")
    other = make_article(TRUCE_TEXT, ref="c.txt", outlet="Daily Example")
    assert add(store, first, copy, other) == ["new", "duplicate", "new"]
    assert add(store, first, copy, other) == ["known", "known", "known"]
    third = make_article(MARKET_TEXT, url="https://example.net/copy", outlet="Other Outlet")
    assert add(store, third) == ["duplicate"]
    stored = store.article(first.id)
    assert stored is not None
    assert stored.ref == "a.txt" and stored.source == "in/a.txt"  # the first source's metadata
    assert (stored.outlet, stored.published, stored.title) == ("Example Post", "2023-01-04", "Market hit")
    assert stored.refs == ("a.txt", "b.txt")
    assert stored.urls == ("https://example.org/b", "https://example.net/copy")
    assert store.count_articles() == 2
    assert store.stats().sources == 4
    assert store.known_hashes([first.content_hash, "nope"]) == {first.content_hash: first.id}


def test_duplicates_against_the_ledger_fill_nulls_only(store: Store) -> None:
    add(store, make_article(TRUCE_TEXT, ref="x", outlet="First Outlet"))
    later = make_article(TRUCE_TEXT, ref="y", outlet="Second Outlet", published="2023-02-01T10:00:00+02:00")
    assert add(store, later) == ["duplicate"]
    stored = store.article("y")
    assert stored is not None
    assert stored.outlet == "First Outlet" and stored.published == "2023-02-01T10:00:00+02:00"
    assert [a.id for a in store.articles(ArticleFilter(outlet="first outlet"))] == [stored.id]
    assert [a.id for a in store.articles(ArticleFilter(since="2023-02-01"))] == [stored.id]


def test_signatures_and_copy_groups_are_stored(store: Store) -> None:
    a, b = make_article(MARKET_TEXT, copy_group="g1"), make_article(TRUCE_TEXT, copy_group="g1")
    store.add_articles([NewArticle(a, b"\x00\x01sig"), NewArticle(b, None)])
    assert list(store.copy_signatures()) == [(a.id, "g1", b"\x00\x01sig")]
    assert store.stats().copy_groups == 1


def test_article_lookup_by_id_prefix_ref_and_url(store: Store) -> None:
    a = make_article(MARKET_TEXT, ref="r-1", url="https://example.org/1")
    add(store, a)
    for key in (a.id, a.id[:6], "r-1", "https://example.org/1"):
        found = store.article(key)
        assert found is not None and found.id == a.id, key
    assert store.article(a.id[:5]) is None  # too short for a prefix
    assert store.article("missing") is None
    assert store.article("") is None


def test_ambiguous_prefix_matches_nothing(store: Store) -> None:
    add(store, make_article("one", id="abcdef01"), make_article("two", id="abcdef02"))
    assert store.article("abcdef") is None
    found = store.article("abcdef0")
    assert found is None
    found = store.article("abcdef02")
    assert found is not None and found.text == "two"


# ---------------------------------------------------------------- listings and filters
def test_article_filters(store: Store) -> None:
    articles = [
        make_article("Shelling near the 100% mark_ of the old bridge.", outlet="Wire One", published="2023-01-05",
                     language="en", copy_group="g"),
        make_article("Обстріл біля мосту у КИЄВІ.", outlet="wire one", published="2023-01-07T22:00:00+02:00",
                     language="uk", title="Новини"),
        make_article("A calm day in Northvale.", outlet="Paper Two", published=None, language="en", copy_group="g"),
    ]
    add(store, *articles)
    ids = [a.id for a in articles]

    def ids_of(**where: object) -> list[str]:
        found = [a.id for a in store.articles(ArticleFilter(**where))]  # type: ignore[arg-type]
        assert store.count_articles(ArticleFilter(**where)) == len(found)  # type: ignore[arg-type]
        return found

    assert ids_of() == ids
    assert ids_of(outlet="WIRE ONE") == ids[:2]
    assert ids_of(language="uk") == [ids[1]]
    assert ids_of(since="2023-01-07") == [ids[1]]
    assert ids_of(until="2023-01-07") == ids[:2]
    assert ids_of(since="2023-01-05", until="2023-01-05") == [ids[0]]
    assert ids_of(text="100% MARK_") == [ids[0]]
    assert ids_of(text="0%") == [ids[0]]
    assert ids_of(text="%") == [ids[0]]
    assert ids_of(text="_o") == []
    assert ids_of(text="києві") == [ids[1]]
    assert ids_of(text="новини") == [ids[1]]
    assert ids_of(copy_group="g") == [ids[0], ids[2]]
    assert ids_of(ids=(ids[2], ids[0])) == [ids[0], ids[2]]
    assert ids_of(limit=2) == ids[:2]
    assert ids_of(outlet="nobody") == []


def test_listing_pages_and_allows_writes_while_iterating(store: Store) -> None:
    total = PAGE_ROWS * 2 + 7
    add(store, *(make_article(f"Report number {i} from the front.") for i in range(total)))
    seen = []
    for i, article in enumerate(store.articles()):
        seen.append(article.text)
        if i == 3:  # a write in the middle of a listing does not deadlock or disturb it
            add(store, make_article("A late report."))
    assert seen[:total] == [f"Report number {i} from the front." for i in range(total)]
    assert seen[-1] == "A late report."
    assert len(list(store.articles(ArticleFilter(limit=PAGE_ROWS + 1)))) == PAGE_ROWS + 1


def test_readers_are_not_blocked_by_an_open_write(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    reader = SQLiteStore(path, busy_timeout_ms=50)
    add(reader, make_article(MARKET_TEXT, ref="committed"))
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE articles SET title = 'uncommitted'")
    try:
        listed = list(reader.articles())  # reads while the write transaction is open
        assert [a.title for a in listed] == [None]
        assert reader.article("committed") is not None
        with pytest.raises(StoreError, match="another process may be writing"):
            add(reader, make_article(TRUCE_TEXT))  # the single writer slot is taken
    finally:
        writer.execute("COMMIT")
        writer.close()
    assert add(reader, make_article(TRUCE_TEXT)) == ["new"]
    assert [a.title for a in reader.articles()] == ["uncommitted", None]
    reader.close()


def test_postgresql_readers_are_not_blocked_by_an_open_write(pg_url: str) -> None:
    import psycopg

    from claimledger.store.postgres import WRITER_LOCK, PostgresStore

    reader = PostgresStore(pg_url, lock_timeout_ms=200)
    add(reader, make_article(MARKET_TEXT, ref="committed"))
    with psycopg.connect(pg_url) as writer:  # another process's write transaction, holding the writers' lock
        writer.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
        writer.execute("UPDATE articles SET title = 'uncommitted'")
        listed = list(reader.articles())  # reads while the write transaction is open
        assert [a.title for a in listed] == [None]
        with pytest.raises(StoreError, match="writers' lock") as info:
            add(reader, make_article(TRUCE_TEXT))  # its turn does not come within the lock timeout
        assert info.value.code == "CL304"
    assert add(reader, make_article(TRUCE_TEXT)) == ["new"]
    assert [a.title for a in reader.articles()] == ["uncommitted", None]
    reader.close()


# ---------------------------------------------------------------- runs and skips
def test_runs_and_skips(store: Store) -> None:
    assert store.skips() == []
    run = store.start_run("claimledger ingest in/")
    skips = [Skip("in/x.bin", SkipReason.BINARY, "binary file; give a text file"),
             Skip("in/rows.jsonl:3", SkipReason.MALFORMED_ROW, "bad JSON on line 3", line=3)]
    store.record_skips(run, skips)
    store.finish_run(run, IngestReport(ingested=1, skipped=tuple(skips)))
    later = store.start_run("claimledger ingest more/")
    assert later == run + 1
    store.record_skips(later, [Skip("more/e.txt", SkipReason.EMPTY, "empty file")])
    assert store.skips(run) == skips
    assert [s.reason for s in store.skips()] == [SkipReason.EMPTY]
    assert store.stats().skips == {"binary": 1, "malformed_row": 1, "empty": 1}
    with pytest.raises(StoreError, match="no run 99"):
        store.finish_run(99, IngestReport())
    with pytest.raises(StoreError, match="no run 99"):
        store.record_skips(99, skips)


# ---------------------------------------------------------------- extraction
def test_extraction_round_trip_and_replacement(store: Store) -> None:
    a, b = make_article(MARKET_TEXT, ref="a"), make_article(TRUCE_TEXT, ref="b")
    add(store, a, b)
    extraction = make_extraction(a)
    failed = Extraction(b.id, "0.1.0", error=Skip("b", SkipReason.EXTRACT_FAILED, "pipeline failed"))
    store.save_extractions([extraction, failed])
    assert store.extraction(a.id) == extraction
    assert store.extraction(b.id) == failed
    assert list(store.extractions()) == [extraction, failed]
    assert list(store.extractions(ArticleFilter(ids=(b.id,)))) == [failed]
    stats = store.stats()
    assert (stats.claims, stats.figures, stats.events, stats.extracted, stats.extraction_failures) == (2, 2, 1, 1, 1)

    smaller = replace(extraction, extractor_version="0.1.1", claims=extraction.claims[:1], figures=())
    store.save_extractions([smaller])
    assert store.extraction(a.id) == smaller
    assert store.stats().figures == 0
    assert store.extraction("missing") is None


def test_listing_helpers(store: Store) -> None:
    a, b = make_article(MARKET_TEXT, outlet="Wire"), make_article(TRUCE_TEXT.replace("Northvale", "Southvale"))
    add(store, a, b)
    store.save_extractions([make_extraction(a), make_extraction(replace(b, text=MARKET_TEXT))])
    assert len(list(store.claims())) == 4
    assert [c.id for c in store.claims(ArticleFilter(outlet="wire"))] == [f"{a.id}-c1", f"{a.id}-c2"]
    assert [c.id for c in store.claims(claimant="MINISTRY")] == [f"{a.id}-c2", f"{b.id}-c2"]
    assert [c.id for c in store.claims(side="ukraine")] == [f"{a.id}-c1", f"{b.id}-c1"]
    assert [f.id for f in store.figures(measure="tanks", claimant_side="russia")] == [f"{a.id}-f2", f"{b.id}-f2"]
    assert [f.id for f in store.figures(subject_side="civilians", where=ArticleFilter(ids=(b.id,)))] == [
        f"{b.id}-f1"
    ]
    assert [e.type for e in store.events(type="strike")] == ["strike", "strike"]
    assert list(store.events(type="ceasefire_declared")) == []


def test_articles_to_extract_another_version_or_a_failure(store: Store) -> None:
    a, b, c, d = (make_article(t) for t in (MARKET_TEXT, TRUCE_TEXT, "A third report.", "A fourth report."))
    add(store, a, b, c, d)
    failure = Skip("d.txt", SkipReason.EXTRACT_FAILED, "KeyError: 'x' in claimledger_claims")
    store.save_extractions([make_extraction(a, "places/1 profile=p@0a"),
                            replace(make_extraction(a, "places/2 profile=p@0a"), article_id=b.id),
                            Extraction(d.id, "places/2 profile=p@0a", error=failure)])
    # versions are compared for equality, not order: another version is stale either way
    assert [x.id for x in store.articles_to_extract("places/2 profile=p@0a")] == [a.id, c.id, d.id]
    assert [x.id for x in store.articles_to_extract("places/1 profile=p@0a")] == [b.id, c.id, d.id]
    assert [x.id for x in store.articles_to_extract("places/2 profile=p@0a", everything=True)] == [
        a.id, b.id, c.id, d.id]
    unsupported = Skip("d.txt", SkipReason.UNSUPPORTED, "language 'ru' is not supported by the extractor yet")
    store.save_extractions([Extraction(d.id, "places/2 profile=p@0a", error=unsupported)])
    assert [x.id for x in store.articles_to_extract("places/2 profile=p@0a")] == [a.id, c.id]


def test_saving_for_an_unknown_article_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="(?i)foreign key"):
        store.save_extractions([Extraction("not-stored", "0.1.0")])


def test_unstorable_text_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="surrogate"):
        add(store, make_article("broken \udcff bytes"))
    assert store.count_articles() == 0


# ---------------------------------------------------------------- properties
@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=1), needle=st.text(), ref=st.one_of(st.none(), st.text()))
def test_any_text_round_trips_and_any_filter_is_safe(text: str, needle: str, ref: str | None) -> None:
    with tempfile.TemporaryDirectory() as directory, SQLiteStore(Path(directory) / "l.db") as store:
        article = make_article(text, ref=ref, title=needle or None)
        store.add_articles([NewArticle(article)])
        assert store.article(article.id) == replace(article, refs=(ref,) if ref else ())
        found = {a.id for a in store.articles(ArticleFilter(text=needle))}
        assert found == {article.id}  # the needle is its title
        assert store.count_articles(ArticleFilter(text=needle)) == 1
        store.article(needle)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extraction=st.from_type(Extraction))
def test_any_extraction_round_trips(store: Store, extraction: Extraction) -> None:
    article = make_article(MARKET_TEXT)
    store.add_articles([NewArticle(article)])
    # record ids are unique in a ledger (identity.py makes them so); the rest is any value
    item = replace(extraction, article_id=article.id,
                   claims=tuple(replace(c, id=f"c{n}") for n, c in enumerate(extraction.claims)),
                   figures=tuple(replace(f, id=f"f{n}") for n, f in enumerate(extraction.figures)),
                   events=tuple(replace(e, id=f"e{n}") for n, e in enumerate(extraction.events)))
    before = store.extraction(article.id)
    try:
        store.save_extractions([item])
    except StoreError as exc:  # only for values a backend cannot hold: over 64 bits, NUL in PostgreSQL's text
        assert "too large" in str(exc) or "NUL characters" in str(exc)
        assert repr(store.extraction(article.id)) == repr(before)  # and nothing was lost
        return
    failed_again = item.error is not None and item.error.reason is SkipReason.EXTRACT_FAILED
    if failed_again and before is not None and before.error is None:  # a failed re-extraction keeps the records
        assert repr(store.extraction(article.id)) == repr(before)
    else:
        assert repr(store.extraction(article.id)) == repr(item)
