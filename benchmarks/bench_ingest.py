"""Ingest throughput without extraction: synthetic 600-word articles from a JSONL corpus.

    python benchmarks/bench_ingest.py [--articles 3000] [--words 600]

Prints articles per second for the whole `Ledger.ingest` (read, clean, hash,
language, MinHash copy detection, SQLite writes) into a fresh ledger.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from claimledger import Ledger, Settings  # noqa: E402
from synthetic import write_jsonl  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--words", type=int, default=600)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_jsonl(Path(tmp) / "corpus.jsonl", args.articles, words=args.words)
        settings = Settings(db=Path(tmp) / "bench.db", extract=False)
        with Ledger(settings=settings) as ledger:
            start = time.perf_counter()
            report = ledger.ingest([str(corpus)])
            elapsed = time.perf_counter() - start
            rerun_start = time.perf_counter()
            again = ledger.ingest([str(corpus)])
            rerun = time.perf_counter() - rerun_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ingest (no extraction): {report.ingested} articles of ~{args.words} words in {elapsed:.2f} s "
          f"= {report.ingested / elapsed:.0f} articles/s; re-run (all duplicates): "
          f"{again.duplicates / rerun:.0f} articles/s; peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
