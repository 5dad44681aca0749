"""Extraction throughput: claimledger's whole pipeline against bare spaCy, same texts, one run.

    python benchmarks/bench_extract.py [--articles 400] [--repeat 3] [--batch-size 32] [--json]

Texts: the English dev-real articles from ../shared/corpus/dev-real (real
reporting; the bundled samples, with a note, when ../shared is absent),
repeated to ``--articles``. Each repetition measures, back to back and in
alternating order (bare first in odd repetitions, the pipeline first in even
ones, so drift of a busy machine falls on both):

- bare spaCy: ``spacy.load`` of the model the pipeline uses, ``nlp.pipe``
  over the texts;
- the claimledger pipeline: ``extract_many`` with ``load_nlp``, one process,
  records collected.

Both use the same batch size, and each measurement runs in a fresh process
(loading and a warm-up batch not timed), so its peak RSS is that
configuration's own. Prints articles/s for each, the ratio pipeline/bare per
repetition and their median (the target is at least 0.85), the same ratio by
the processes' CPU time, and an interleaved measurement: both loaded in one
process, timed batch by batch in alternating order, so a machine whose speed
swings by a third between whole runs (seen here) weighs on both alike; and
the peak RSS per process (the bar is 1 GB). Figures only: nothing is asserted, and the
exit status says only whether the measurements ran.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

PHASES = ("bare", "pipeline")
LABELS = {"bare": "bare spaCy nlp.pipe", "pipeline": "claimledger pipeline"}
TARGET_RATIO = 0.85
RSS_BAR_MB = 1024


def _corpus_and_settings(articles: int, corpus_path: Path) -> tuple[Any, Any]:
    """The texts to measure, repeated to ``articles``, and the settings from the environment."""
    from corpus import load_corpus

    from claimledger import Settings

    return load_corpus(articles, corpus_path), Settings.from_env()


def measure(phase: str, articles: int, batch_size: int, corpus_path: Path) -> dict[str, Any]:
    """One measurement in this process: load, warm up, then time ``articles`` articles."""
    import spacy

    from claimledger.extract import extract_many, find_model, load_nlp

    corpus, settings = _corpus_and_settings(articles, corpus_path)
    model = find_model(settings)
    texts = [a.text for a in corpus.articles]
    warm_up = corpus.articles[:batch_size]
    started = time.perf_counter()
    counts: dict[str, int] = {}
    if phase == "bare":
        nlp = spacy.load(model)
        load_s = time.perf_counter() - started
        for _ in nlp.pipe((a.text for a in warm_up), batch_size=batch_size):
            pass
        started, started_cpu = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - started_cpu
    else:
        nlp = load_nlp(settings)
        load_s = time.perf_counter() - started
        list(extract_many(warm_up, nlp, batch_size=batch_size))
        started, started_cpu = time.perf_counter(), time.process_time()
        results = list(extract_many(corpus.articles, nlp, batch_size=batch_size))
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - started_cpu
        counts = {"claims": sum(len(r.claims) for r in results), "figures": sum(len(r.figures) for r in results),
                  "events": sum(len(r.events) for r in results),
                  "failures": sum(1 for r in results if r.error is not None)}
    return {"phase": phase, "model": model, "source": corpus.source, "fallback": corpus.fallback,
            "distinct_texts": corpus.distinct, "articles": len(texts),
            "words_per_article": round(corpus.words_per_article, 1), "load_s": round(load_s, 3),
            "seconds": round(seconds, 3), "articles_per_s": round(len(texts) / seconds, 2),
            "cpu_seconds": round(cpu_seconds, 3),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1), **counts}


def measure_interleaved(articles: int, batch_size: int, corpus_path: Path) -> dict[str, Any]:
    """Both configurations in this process, batch by batch in alternating order: the same machine
    state falls on both, so their ratio holds even where whole runs swing by a third."""
    import spacy

    from claimledger.extract import extract_many, find_model, load_nlp

    corpus, settings = _corpus_and_settings(articles, corpus_path)
    bare, pipeline = spacy.load(find_model(settings)), load_nlp(settings)
    batches = [corpus.articles[i:i + batch_size] for i in range(0, len(corpus.articles), batch_size)]
    for _ in bare.pipe((a.text for a in batches[0]), batch_size=batch_size):
        pass
    list(extract_many(batches[0], pipeline, batch_size=batch_size))
    spent = {"bare": 0.0, "pipeline": 0.0}
    for n, batch in enumerate(batches):
        for phase in PHASES if n % 2 == 0 else PHASES[::-1]:
            started = time.process_time()
            if phase == "bare":
                for _ in bare.pipe((a.text for a in batch), batch_size=batch_size):
                    pass
            else:
                list(extract_many(batch, pipeline, batch_size=batch_size))
            spent[phase] += time.process_time() - started
    return {"articles": len(corpus.articles), "batches": len(batches),
            "cpu_seconds": {k: round(v, 3) for k, v in spent.items()},
            "ratio": round(spent["bare"] / spent["pipeline"], 3)}


def run_phase(phase: str, args: argparse.Namespace) -> dict[str, Any]:
    """One measurement in a fresh process (this script with ``--phase``)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--phase", phase, "--articles", str(args.articles),
           "--batch-size", str(args.batch_size), "--corpus", str(args.corpus)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the {phase} measurement failed (exit {done.returncode}):\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def summarise(runs: list[dict[str, Any]], args: argparse.Namespace) -> dict[str, Any]:
    by_rep: dict[int, dict[str, dict[str, Any]]] = {}
    for r in runs:
        by_rep.setdefault(r["repetition"], {})[r["phase"]] = r
    ratios = [rep["pipeline"]["articles_per_s"] / rep["bare"]["articles_per_s"] for _, rep in sorted(by_rep.items())]
    cpu_ratios = [rep["bare"]["cpu_seconds"] / rep["pipeline"]["cpu_seconds"] for _, rep in sorted(by_rep.items())]
    first = runs[0]
    pipeline = next(r for r in runs if r["phase"] == "pipeline")
    return {
        "benchmark": "extract", "model": first["model"], "source": first["source"], "fallback": first["fallback"],
        "articles": first["articles"], "words_per_article": first["words_per_article"],
        "batch_size": args.batch_size, "repeat": args.repeat,
        "runs": [{k: r[k] for k in ("repetition", "phase", "articles_per_s", "seconds", "cpu_seconds", "load_s",
                                    "peak_rss_mb")} for r in runs],
        "bare_articles_per_s": statistics.median(r["articles_per_s"] for r in runs if r["phase"] == "bare"),
        "pipeline_articles_per_s": statistics.median(r["articles_per_s"] for r in runs if r["phase"] == "pipeline"),
        "ratios": [round(x, 3) for x in ratios],
        "ratio": round(statistics.median(ratios), 3),
        "cpu_ratios": [round(x, 3) for x in cpu_ratios],
        "cpu_ratio": round(statistics.median(cpu_ratios), 3),
        "peak_rss_mb": {p: max(r["peak_rss_mb"] for r in runs if r["phase"] == p) for p in PHASES},
        "records": {k: pipeline[k] for k in ("claims", "figures", "events", "failures")},
        "target_ratio": TARGET_RATIO, "rss_bar_mb": RSS_BAR_MB,
    }


def report(summary: dict[str, Any]) -> None:
    print(f"{summary['articles']} articles of ~{summary['words_per_article']:.0f} words ({summary['source']}, "
          f"repeated), model {summary['model']}, batch size {summary['batch_size']}, one process each")
    for r in summary["runs"]:
        print(f"  run {r['repetition']}  {LABELS[r['phase']]:22s}: {r['articles_per_s']:7.1f} articles/s  "
              f"({r['seconds']:.1f} s, CPU {r['cpu_seconds']:.1f} s; peak RSS {r['peak_rss_mb']:.0f} MB)")
    records = summary["records"]
    print(f"bare spaCy nlp.pipe   : {summary['bare_articles_per_s']:7.1f} articles/s (median)")
    print(f"claimledger pipeline  : {summary['pipeline_articles_per_s']:7.1f} articles/s (median; "
          f"{records['claims']} claims, {records['figures']} figures, {records['events']} events, "
          f"{records['failures']} failures)")
    per_run = ", ".join(f"{x:.2f}" for x in summary["ratios"])
    print(f"ratio pipeline/bare   : {summary['ratio']:.2f} (median of the repetitions: {per_run}); "
          f"target >= {TARGET_RATIO}")
    inter = summary["interleaved"]
    print(f"  interleaved         : {inter['ratio']:.2f} (both in one process, {inter['batches']} batches in "
          f"alternating order, CPU {inter['cpu_seconds']['bare']:.1f} s bare against "
          f"{inter['cpu_seconds']['pipeline']:.1f} s pipeline)")
    per_run_cpu = ", ".join(f"{x:.2f}" for x in summary["cpu_ratios"])
    print(f"  by CPU time         : {summary['cpu_ratio']:.2f} (median of the repetitions: {per_run_cpu}; "
          f"steadier than wall time on a shared machine)")
    rss = summary["peak_rss_mb"]
    print(f"peak RSS per process  : bare {rss['bare']:.0f} MB, pipeline {rss['pipeline']:.0f} MB; "
          f"bar <= {RSS_BAR_MB} MB")


def main(argv: list[str] | None = None) -> None:
    from corpus import DEV_REAL

    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--articles", type=int, default=400, help="articles per measurement (default 400)")
    ap.add_argument("--repeat", type=int, default=3, help="repetitions of the bare/pipeline pair (default 3)")
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size for both (default 32)")
    ap.add_argument("--corpus", type=Path, default=DEV_REAL, help="a dev-real style JSONL (default ../shared's)")
    ap.add_argument("--json", action="store_true", help="print one JSON line of results instead of the report")
    ap.add_argument("--phase", choices=(*PHASES, "interleaved"), help=argparse.SUPPRESS)  # one measurement here
    args = ap.parse_args(argv)
    if args.phase == "interleaved":
        print(json.dumps(measure_interleaved(args.articles, args.batch_size, args.corpus)))
        return
    if args.phase:
        print(json.dumps(measure(args.phase, args.articles, args.batch_size, args.corpus)))
        return
    runs = []
    for repetition in range(1, args.repeat + 1):
        for phase in PHASES if repetition % 2 else PHASES[::-1]:
            runs.append({**run_phase(phase, args), "repetition": repetition})
    summary = summarise(runs, args)
    summary["interleaved"] = run_phase("interleaved", args)
    if summary["fallback"]:
        print(f"note: {summary['source']}", file=sys.stderr)
    if args.json:
        print(json.dumps(summary))
    else:
        report(summary)


if __name__ == "__main__":
    main()
