"""Extraction throughput: claimledger's whole pipeline against bare spaCy, same texts, one run.

    python benchmarks/bench_extract.py [--articles 300] [--processes 2]

Texts are ~600-word articles assembled from the bundled sample paragraphs
(shuffled, so no two are alike). Prints articles/s for bare ``nlp.pipe`` of
the same model and for the full pipeline (claimledger's components included,
records collected), their ratio, and peak memory (this process and its worker
processes).
"""

from __future__ import annotations

import argparse
import random
import resource
import time

import spacy

from claimledger import Settings
from claimledger.demo import samples_dir
from claimledger.extract import extract_many, find_model, load_nlp
from claimledger.records import Article


def articles(n: int, words: int = 600, seed: int = 3) -> list[Article]:
    paragraphs = []
    for path in sorted(samples_dir().glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        paragraphs += [ln for ln in lines[1:] if ln.strip() and "sample article" not in ln]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        chosen: list[str] = []
        while sum(len(p.split()) for p in chosen) < words:
            chosen.append(rng.choice(paragraphs))
        text = "\n".join(chosen)
        out.append(Article(id=f"bench{i:05d}", ref=None, url=None, outlet="Bench", title=None,
                           published="2023-01-05", language="en", text=text, content_hash=f"{i}",
                           ingested_at="2023-01-05T00:00:00+00:00"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--processes", type=int, default=2)
    args = ap.parse_args()
    docs = articles(args.articles)
    n_words = sum(len(a.text.split()) for a in docs) / len(docs)
    settings = Settings()

    bare = spacy.load(find_model(settings))
    start = time.perf_counter()
    for _ in bare.pipe((a.text for a in docs), n_process=args.processes, batch_size=32):
        pass
    bare_rate = len(docs) / (time.perf_counter() - start)

    nlp = load_nlp(settings)
    start = time.perf_counter()
    results = list(extract_many(docs, nlp, n_process=args.processes, batch_size=32))
    full_rate = len(docs) / (time.perf_counter() - start)
    failures = sum(1 for r in results if r.error is not None)

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{len(docs)} articles of ~{n_words:.0f} words, {args.processes} processes, model {find_model(settings)}")
    print(f"bare spaCy nlp.pipe : {bare_rate:6.1f} articles/s")
    print(f"claimledger pipeline: {full_rate:6.1f} articles/s  ({failures} failures; "
          f"{sum(len(r.figures) for r in results)} figures, {sum(len(r.claims) for r in results)} claims)")
    print(f"ratio               : {full_rate / bare_rate:.2f} of bare spaCy")
    print(f"peak RSS            : {own:.0f} MB main process, {children:.0f} MB largest worker")


if __name__ == "__main__":
    main()
