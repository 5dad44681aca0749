"""Ingest throughput without extraction, into a SQLite file or a PostgreSQL database.

    python benchmarks/bench_ingest.py [--articles 3000] [--db PATH|postgresql://...] [--texts collage|synthetic]

``--texts collage`` (the default) builds each article from real reporting: 8 to 30 sentences drawn
at random from the English dev-real excerpts (``../shared``; the bundled samples when it is absent),
with one of 40 outlets and a publication day over two years, so every article is distinct, reads like
news (real sentences, real lengths) and copy detection meets the near-duplicates real corpora hold
(two articles drawn from one pool of sentences share some). ``--texts synthetic`` uses made-up
600-word texts (tests/synthetic.py). The corpus is one JSONL file written first (not timed).

Times the whole ``Ledger.ingest`` (read, clean, hash, language, MinHash copy detection, the ledger's
writes) into a fresh ledger: a temporary SQLite file, or ``--db`` (an empty PostgreSQL database, or
a SQLite path that does not exist yet); then the same corpus again (every article a known source).
Prints articles per second and this process's peak RSS (a PostgreSQL server's memory is its own).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from corpus import DEV_REAL, load_corpus  # noqa: E402

from claimledger import Ledger, Settings  # noqa: E402
from claimledger.settings import ledger_target  # noqa: E402
from synthetic import write_jsonl  # noqa: E402

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'\u201c])")
FIRST_DAY = date(2023, 1, 1)
OUTLETS = [f"{a} {b}" for a in ("North", "South", "East", "West", "Central", "Coastal", "Evening", "Morning")
           for b in ("Wire", "Daily", "Post", "Herald", "Monitor")]


def write_collage(path: Path, count: int, seed: int = 11) -> Path:
    """``count`` articles of real sentences (see the module docstring) as one JSONL corpus."""
    sentences = [s.strip() for a in load_corpus(200, DEV_REAL).articles[:200] for s in SENTENCE_END.split(a.text)
                 if len(s.split()) >= 6]
    pool = list(dict.fromkeys(sentences))
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            picked = rng.sample(pool, min(len(pool), rng.randint(8, 30)))
            paragraphs = [" ".join(picked[k:k + 3]) for k in range(0, len(picked), 3)]
            row = {"id": f"bench-{i:06d}", "outlet": OUTLETS[i % len(OUTLETS)],
                   "published": (FIRST_DAY + timedelta(days=rng.randrange(730))).isoformat(),
                   "language": "en", "title": picked[0][:80], "text": "\n\n".join(paragraphs)}
            out.write(json.dumps(row) + "\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--words", type=int, default=600, help="words per article, for --texts synthetic")
    ap.add_argument("--texts", choices=("collage", "synthetic"), default="collage")
    ap.add_argument("--db", help="the ledger: an empty PostgreSQL database or a new SQLite path "
                    "(default: a temporary file)")
    ap.add_argument("--json", action="store_true", help="one JSON line instead of the report")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        if args.texts == "collage":
            write_collage(corpus, args.articles)
        else:
            write_jsonl(corpus, args.articles, words=args.words)
        words = sum(len(json.loads(line)["text"].split()) for line in corpus.open(encoding="utf-8")) / args.articles
        settings = Settings(db=ledger_target(args.db or str(Path(tmp) / "bench.db")), extract=False, cache_dir=None)
        with Ledger(settings=settings) as ledger:
            start = time.perf_counter()
            report = ledger.ingest([str(corpus)])
            elapsed = time.perf_counter() - start
            rerun_start = time.perf_counter()
            again = ledger.ingest([str(corpus)])
            rerun = time.perf_counter() - rerun_start
            name = ledger.settings.ledger_name
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"articles": report.ingested, "copies": report.copies, "words_per_article": round(words),
              "seconds": round(elapsed, 1), "articles_per_s": round(report.ingested / elapsed),
              "rerun_articles_per_s": round((again.duplicates + again.ingested) / rerun), "peak_rss_mb": round(peak_mb),
              "ledger": "postgresql" if name.startswith("postgres") else "sqlite"}
    if args.json:
        print(json.dumps(result))
        return
    print(f"ingest (no extraction) into {result['ledger']}: {report.ingested} articles of ~{words:.0f} words "
          f"({report.copies} in copy groups) in {elapsed:.1f} s = {result['articles_per_s']} articles/s; "
          f"re-run (every source known): {result['rerun_articles_per_s']} articles/s; peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
