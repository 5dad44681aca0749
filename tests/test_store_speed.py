"""Write speed of the SQLite ledger: 2,000 synthetic 600-word articles in batches of 200."""

from __future__ import annotations

import hashlib
import random
import time
from pathlib import Path

from claimledger.records import Article, ArticleFilter
from claimledger.store import NewArticle, SQLiteStore

try:  # tests as a package, or as loose modules
    from .synthetic import article_text
except ImportError:
    from synthetic import article_text  # type: ignore[no-redef]

ARTICLES = 2000
BATCH = 200
FLOOR_PER_S = 300  # the ingest target on 2 cores; the store alone must be well above it


def synthetic_articles(count: int) -> list[NewArticle]:
    rng = random.Random(11)
    items = []
    for i in range(count):
        text = article_text(rng, 600)
        digest = hashlib.sha256(text.encode()).hexdigest()
        article = Article(id=digest[:16], ref=f"syn-{i:06d}", url=f"https://synthetic.invalid/{i}",
                          outlet=("Alpha Wire", "Beta Daily")[i % 2], title=None,
                          published=f"2023-01-{1 + i % 28:02d}", language="en", text=text, content_hash=digest,
                          ingested_at="2026-01-01T00:00:00+00:00", copy_group=digest[:16])
        items.append(NewArticle(article, signature=digest.encode() * 8))
    return items


def test_add_articles_throughput(tmp_path: Path) -> None:
    items = synthetic_articles(ARTICLES)
    store = SQLiteStore(tmp_path / "speed.db")
    started = time.perf_counter()
    for start in range(0, ARTICLES, BATCH):
        outcomes = store.add_articles(items[start : start + BATCH])
        assert all(o.status == "new" for o in outcomes)
    elapsed = time.perf_counter() - started
    assert ARTICLES / elapsed >= FLOOR_PER_S, f"{ARTICLES / elapsed:.0f} articles/s"
    again = time.perf_counter()
    assert {o.status for o in store.add_articles(items[:BATCH])} == {"known"}  # a re-run
    assert time.perf_counter() - again < 1.0
    assert store.count_articles() == ARTICLES
    assert store.count_articles(ArticleFilter(outlet="alpha wire", since="2023-01-10")) > 0
    store.close()
