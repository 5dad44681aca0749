"""Cost of each pipeline component per article, and of loading the gazetteer, on real text.

    python benchmarks/bench_components.py [--articles 120] [--repeat 3] [--batch-size 32] [--json]

Texts: the English dev-real articles from ../shared (the bundled samples, with
a note, when ../shared is absent), repeated to ``--articles``. The whole
pipeline (spaCy's components and claimledger's) runs one component at a time
over all the articles, in pipeline order, so each component's time is its own;
``--repeat`` passes, the median reported. The gazetteer (the places
component's index) is loaded in fresh processes: built with an empty cache
directory, then read back from it. Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import DEV_REAL, load_corpus
from spacy.language import Language

from claimledger import Settings
from claimledger.extract import load_nlp
from claimledger.extract.pipeline import make_doc
from claimledger.records import Article

GAZETTEER_LOAD = """
import sys, time
from pathlib import Path
from claimledger.extract.vocabulary.gazetteer import load_gazetteer
started = time.perf_counter()
load_gazetteer(sys.argv[1], Path(sys.argv[2]))
print(time.perf_counter() - started)
"""


def component_seconds(nlp: Language, articles: list[Article], batch_size: int) -> dict[str, float]:
    """Seconds each component of ``nlp`` takes over all the articles, one component at a time."""
    docs = [make_doc(nlp, a) for a in articles]
    spent: dict[str, float] = {}
    for name, proc in nlp.pipeline:
        started = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        spent[name] = time.perf_counter() - started
    return spent


def gazetteer_load_seconds(profile: str) -> tuple[float, float]:
    """(built, read from the cache): two fresh processes sharing a new cache directory."""
    with tempfile.TemporaryDirectory() as cache:
        times = []
        for _ in range(2):
            done = subprocess.run([sys.executable, "-c", GAZETTEER_LOAD, profile, cache], capture_output=True,
                                  text=True, timeout=600, check=False)
            if done.returncode != 0:
                raise SystemExit(f"loading the gazetteer failed:\n{done.stderr}")
            times.append(float(done.stdout.split()[-1]))
    return times[0], times[1]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--articles", type=int, default=120, help="articles per pass (default 120)")
    ap.add_argument("--repeat", type=int, default=3, help="passes over the articles; the median is reported")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--corpus", type=Path, default=DEV_REAL, help="a dev-real style JSONL (default ../shared's)")
    ap.add_argument("--json", action="store_true", help="print one JSON line instead of the table")
    args = ap.parse_args(argv)
    corpus = load_corpus(args.articles, args.corpus)
    if corpus.fallback:
        print(f"note: {corpus.source}", file=sys.stderr)
    settings = Settings.from_env()
    nlp = load_nlp(settings)
    list(nlp.pipe(make_doc(nlp, a) for a in corpus.articles[:args.batch_size]))  # warm-up, not measured
    passes = [component_seconds(nlp, corpus.articles, args.batch_size) for _ in range(args.repeat)]
    n = len(corpus.articles)
    ms = {name: statistics.median(p[name] for p in passes) / n * 1000 for name in passes[0]}
    built, cached = gazetteer_load_seconds(settings.profile)
    result = {
        "benchmark": "components", "source": corpus.source, "articles": n,
        "words_per_article": round(corpus.words_per_article, 1), "repeat": args.repeat,
        "batch_size": args.batch_size, "ms_per_article": {k: round(v, 3) for k, v in ms.items()},
        "total_ms_per_article": round(sum(ms.values()), 3),
        "gazetteer_load_s": {"built": round(built, 3), "from_cache": round(cached, 3)},
    }
    if args.json:
        print(json.dumps(result))
        return
    total = sum(ms.values())
    print(f"{n} articles of ~{corpus.words_per_article:.0f} words ({corpus.source}), batch size {args.batch_size}, "
          f"median of {args.repeat} passes")
    for name, value in ms.items():
        print(f"  {name:22s} {value:8.2f} ms/article  {value / total:6.1%}")
    print(f"  {'whole pipeline':22s} {total:8.2f} ms/article")
    print(f"gazetteer load: built {built:.2f} s, from cache {cached:.2f} s")


if __name__ == "__main__":
    main()
