"""Full-text search and keyset pages of the ledger, on each backend (conftest ``db_target``): SQLite's
FTS5 index and PostgreSQL's tsvector answer the same queries the same way.

The texts are written for these tests (invented places and people).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger.errors import ConfigError
from claimledger.records import Article, ArticleFilter
from claimledger.store import NewArticle, SQLiteStore, Store
from claimledger.store.search import highlighted, query_terms

from .conftest import store_at

TEXTS = [
    ("Shelling in Exampleton", "Officials in Exampleton said the market was shelled overnight; twelve were hurt."),
    ("Truce in Northvale", "Leaders in Northvale announced a three-day truce. The other side rejected it."),
    ("Drones over Exampleton", "A drone struck a depot near Exampleton's river crossing, the governor said."),
    ("Café reopens", "The café in Südstadt reopened after the strike; its owner counted the damage."),
    (None, "An untitled report: the bridge at Exampleton was closed to traffic."),
]


def make_article(n: int, title: str | None, text: str, outlet: str = "Test Wire") -> Article:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Article(id=digest[:16], ref=f"story-{n}.txt", url=None, outlet=outlet, title=title,
                   published=f"2024-01-{n + 1:02d}", language="en", text=text, content_hash=digest,
                   ingested_at="2024-02-01T00:00:00+00:00")


@pytest.fixture
def store(db_target: str) -> Iterator[Store]:
    opened = store_at(db_target)
    opened.add_articles([NewArticle(make_article(n, title, text)) for n, (title, text) in enumerate(TEXTS)])
    yield opened
    opened.close()


def refs(hits: object) -> list[str | None]:
    return [hit.article.ref for hit in hits.items]  # type: ignore[attr-defined]


def test_search_finds_every_word_in_title_or_text(store: Store) -> None:
    assert sorted(refs(store.search("exampleton"))) == ["story-0.txt", "story-2.txt", "story-4.txt"]
    assert refs(store.search("exampleton drone")) == ["story-2.txt"]
    assert refs(store.search("truce")) == ["story-1.txt"]  # in the title and the text
    assert refs(store.search("cafe sudstadt")) == ["story-3.txt"]  # accents and case folded
    assert refs(store.search('"three-day truce"')) == ["story-1.txt"]  # a phrase
    assert refs(store.search('"truce three-day"')) == []
    assert refs(store.search("exampl*")) != []  # a prefix
    hit = store.search("drone").items[0]
    assert hit.article.text == ""  # metadata only
    assert [hit.snippet[s:e].casefold() for s, e in hit.highlights] == ["drone"]


def test_search_pages_by_keyset_and_filters(store: Store) -> None:
    seen: list[str | None] = []
    after = None
    while True:
        page = store.search("exampleton", size=1, after=after)
        seen += refs(page)
        if page.after is None:
            break
        after = page.after
    assert sorted(seen) == ["story-0.txt", "story-2.txt", "story-4.txt"] and len(set(seen)) == 3
    assert refs(store.search("exampleton", ArticleFilter(since="2024-01-03", until="2024-01-04"))) == ["story-2.txt"]


def test_search_index_follows_ingest_and_a_filled_title(store: Store) -> None:
    text = "Smoke rose over Quietford after the depot fire, witnesses said."
    store.add_articles([NewArticle(make_article(9, None, text))])
    assert refs(store.search("quietford")) == ["story-9.txt"]
    assert refs(store.search("inferno")) == []
    duplicate = replace(make_article(9, "Inferno at Quietford depot", text, outlet="Other Wire"), ref="copy.txt")
    store.add_articles([NewArticle(duplicate)])
    assert refs(store.search("inferno")) == ["story-9.txt"]  # the duplicate filled the empty title


def test_migration_backfills_a_ledger_stored_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with SQLiteStore(path) as store:
        store.add_articles([NewArticle(make_article(n, title, text)) for n, (title, text) in enumerate(TEXTS)])
        conn = store._conn  # undo schema 6 as if the ledger were written before it
        for trigger in ("article_search_insert", "article_search_delete", "article_search_update"):
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("DROP TABLE article_search")
        conn.execute("DELETE FROM schema_migrations WHERE version = 6")
    with SQLiteStore(path) as reopened:
        assert sorted(refs(reopened.search("exampleton"))) == ["story-0.txt", "story-2.txt", "story-4.txt"]


@pytest.mark.parametrize("query", ["", "   ", "*", '""', "-", "::"])
def test_a_query_with_no_word_is_a_clear_error(store: Store, query: str) -> None:
    with pytest.raises(ConfigError, match="no word"):
        store.search(query)


@given(st.text(max_size=40))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_typed_query_is_valid_syntax(store: Store, query: str) -> None:
    try:
        terms = query_terms(query)
    except ConfigError:
        return
    assert terms
    store.search(query)  # FTS5 operators, quotes, colons and brackets are words, never a syntax error


def test_highlighted_turns_marks_into_offsets() -> None:
    assert highlighted("a \x02drone\x03 hit \x02it\x03") == ("a drone hit it", ((2, 7), (12, 14)))


def test_article_pages_round_trip(store: Store) -> None:
    ids: list[str] = []
    page = store.article_page(size=2)
    while True:
        ids += [a.id for a in page.items]
        assert all(a.text == "" for a in page.items)
        if page.after is None:
            break
        page = store.article_page(size=2, after=page.after)
    assert ids == [a.id for a in store.articles()]
    assert [a.ref for a in store.article_page(ArticleFilter(since="2024-01-05")).items] == ["story-4.txt"]
