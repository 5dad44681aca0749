"""Write speed of the SQLite ledger alone: synthetic 600-word articles added in batches.

    python benchmarks/bench_store.py [--articles 2000] [--batch 200] [--json]

Adds the articles to a fresh ledger in batches (each with a copy signature),
then adds them all again (every one already known, as in a re-run). Prints
articles per second for both and the peak RSS of the process. The ingest
target is 300 articles/s on 2 cores (``bench_ingest.py``); the store alone
should be well above it. Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from claimledger.records import Article
from claimledger.store import NewArticle, SQLiteStore

TESTS = Path(__file__).resolve().parents[1] / "tests"  # synthetic.py: the made-up news vocabulary


def synthetic_articles(count: int, words: int = 600) -> list[NewArticle]:
    if str(TESTS) not in sys.path:
        sys.path.insert(0, str(TESTS))
    from synthetic import article_text

    rng = random.Random(11)
    items = []
    for i in range(count):
        text = article_text(rng, words)
        digest = hashlib.sha256(text.encode()).hexdigest()
        article = Article(id=digest[:16], ref=f"syn-{i:06d}", url=f"https://synthetic.invalid/{i}",
                          outlet=("Alpha Wire", "Beta Daily")[i % 2], title=None,
                          published=f"2023-01-{1 + i % 28:02d}", language="en", text=text, content_hash=digest,
                          ingested_at="2026-01-01T00:00:00+00:00", copy_group=digest[:16])
        items.append(NewArticle(article, signature=digest.encode() * 8))
    return items


def add_all(store: SQLiteStore, items: list[NewArticle], batch: int) -> tuple[float, dict[str, int]]:
    """Seconds to add ``items`` in batches, and how many came back with each status."""
    statuses: dict[str, int] = {}
    started = time.perf_counter()
    for start in range(0, len(items), batch):
        for outcome in store.add_articles(items[start:start + batch]):
            statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
    return time.perf_counter() - started, statuses


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=200, help="articles per add_articles call")
    ap.add_argument("--json", action="store_true", help="print one JSON line instead of the summary")
    args = ap.parse_args(argv)
    items = synthetic_articles(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "bench.db")
        try:
            first, new = add_all(store, items, args.batch)
            again, known = add_all(store, items, args.batch)
            stored = store.count_articles()
        finally:
            store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"benchmark": "store", "articles": args.articles, "batch": args.batch, "stored": stored,
              "new_per_s": round(args.articles / first, 1), "known_per_s": round(args.articles / again, 1),
              "statuses": {"first": new, "again": known}, "peak_rss_mb": round(peak_mb, 1)}
    if args.json:
        print(json.dumps(result))
        return
    print(f"SQLite store: {args.articles} synthetic articles of ~600 words in batches of {args.batch}")
    print(f"  new    : {result['new_per_s']:8.0f} articles/s  {new}")
    print(f"  re-run : {result['known_per_s']:8.0f} articles/s  {known}")
    print(f"  stored : {stored} articles; peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
