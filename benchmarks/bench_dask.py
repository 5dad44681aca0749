"""Extraction and linking on Dask against this machine's paths: speed and peak memory.

    python benchmarks/bench_dask.py [--articles 2000] [--link-articles 100000] [--skip-extract] [--json]

Extraction: ``--articles`` articles (the English dev-real texts repeated, ``corpus.py``, as
``bench_extract.py`` does) extracted three ways, each in a fresh process with the model loaded and
warmed up before the clock starts, records collected and not stored:

- ``dask-2``: ``DaskExtractor`` on a ``LocalCluster`` of 2 worker processes (one thread each);
- ``dask-1``: the same on 1 worker (target: dask-2 at least 1.5x as fast);
- ``processes-2``: ``extract_many(n_process=2)``, the plain ``--processes 2`` path (target: dask-2
  at most 15 % slower).

Peak memory: the client process's peak RSS plus each worker process's own (read in each worker; the
forked workers of ``processes-2`` share the model's pages with their parent, so the sum counts them
twice).

Linking: a ledger of ``--link-articles`` articles whose event mentions, claims and figures are real
extractions replicated. The English dev-real articles are extracted once; each generated story
takes one of them, moves every date of its records (mention days, figure dates, publication) by one
random offset within two years, and swaps each place it names for another real place of the
templates, so copies of one template are different events; one to four outlets report each story,
some a day off. Article texts are stubs (linking reads mentions and article headers, not texts).
Then ``Ledger.link(everything=True)`` (every mention relinked, contradictions assessed, stored) is
timed on this machine and with ``DaskLinkMap`` on a ``LocalCluster`` of 2 workers, each in a fresh
process, and the two ledgers' events compared (target: < 5 minutes; the same events).
Figures only: nothing is asserted, and the exit status says only whether the measurements ran.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

EXTRACT_PHASES = ("dask-2", "dask-1", "processes-2")
TARGET_SPEEDUP = 1.5
TARGET_OVERHEAD = 0.15
TARGET_LINK_S = 300
DAY = re.compile(r"\b(\d{4}-\d{2}-\d{2})")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_rss_mb() -> float:
    import resource as res

    return res.getrusage(res.RUSAGE_SELF).ru_maxrss / 1024


def _warm_worker(articles: list[Any], dask_worker: Any) -> None:
    from claimledger.distributed.extraction import PLUGIN
    from claimledger.extract import extract_many

    list(extract_many(articles, dask_worker.plugins[PLUGIN].nlp))


def measure_extract(phase: str, articles: int, corpus_path: Path) -> dict[str, Any]:
    """One extraction measurement in this process (module docstring)."""
    from corpus import load_corpus

    from claimledger import Settings
    from claimledger.extract import extract_many, load_nlp

    corpus = load_corpus(articles, corpus_path)
    settings = Settings.from_env(cache_dir=None)
    warm_up = corpus.articles[:8]
    workers: list[float] = []
    if phase == "processes-2":
        nlp = load_nlp(settings)
        list(extract_many(warm_up, nlp))
        started, cpu = time.perf_counter(), time.process_time()
        records = list(extract_many(corpus.articles, nlp, n_process=2))
        seconds = time.perf_counter() - started
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        workers = [children, children]  # the largest child's peak, for each of the two
        cpu_s = time.process_time() - cpu + resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    else:
        from claimledger.distributed import DaskExtractor, connect

        with connect(f"local:{phase.removeprefix('dask-')}") as cluster:
            extractor = DaskExtractor(cluster, settings)
            list(extractor(warm_up))  # registers the plugin: every worker loads the pipeline
            cluster.client.run(_warm_worker, warm_up)  # and warms it, as processes-2's forks inherit a warm one
            cpu_before = sum(cluster.client.run(time.process_time).values())
            started, cpu = time.perf_counter(), time.process_time()
            records = list(extractor(corpus.articles))
            seconds = time.perf_counter() - started
            cpu_s = time.process_time() - cpu + sum(cluster.client.run(time.process_time).values()) - cpu_before
            workers = list(cluster.client.run(_worker_rss_mb).values())
    client = _rss_mb()
    return {"phase": phase, "articles": len(records), "source": corpus.source, "seconds": round(seconds, 2),
            "articles_per_s": round(len(records) / seconds, 2), "cpu_s": round(cpu_s, 1),
            "events": sum(len(r.events) for r in records),
            "failures": sum(1 for r in records if r.error is not None and r.error.reason.value == "extract_failed"),
            "client_rss_mb": round(client, 1), "worker_rss_mb": [round(w, 1) for w in workers],
            "total_rss_mb": round(client + sum(workers), 1)}


# ---------------------------------------------------------------- the linking ledger
def build_ledger(db: Path, count: int, corpus_path: Path, seed: int = 17) -> dict[str, Any]:
    """Store ``count`` articles of replicated real extractions (module docstring)."""
    from corpus import load_corpus

    from claimledger import Ledger, Settings
    from claimledger.extract import extract_many, load_nlp
    from claimledger.records import Article, Extraction
    from claimledger.store import NewArticle
    from claimledger.store.codec import from_dict, to_dict

    settings = Settings(cache_dir=None)
    probe = load_corpus(1, corpus_path)
    corpus = load_corpus(probe.distinct, corpus_path)
    nlp = load_nlp(settings)
    templates = [(a, x) for a, x in zip(corpus.articles, extract_many(corpus.articles, nlp), strict=True)
                 if x.error is None and x.events and a.published]
    places = list({json.dumps(p, sort_keys=True): p for _, x in templates for m in x.events
                   if m.place is not None for p in [to_dict(m.place)]}.values())
    rng = random.Random(seed)
    mentions = 0
    started = time.perf_counter()
    with Ledger(db, settings=settings.with_(db=db)) as ledger:
        serial = 0
        story = 0
        while serial < count:
            article, extraction = templates[story % len(templates)]
            offset = rng.randrange(-365, 365)
            swap = {json.dumps(to_dict(m.place), sort_keys=True): rng.choice(places)
                    for m in extraction.events if m.place is not None}
            batch: list[tuple[Article, Extraction]] = []
            for _copy in range(min(rng.choice((1, 2, 3, 4)), count - serial)):
                shift = offset + (1 if rng.random() < 0.2 else 0)
                new_id = f"s{serial:07d}"
                data = _moved(to_dict(extraction), article.id, new_id, shift, swap)
                text = f"Story {story}, copy {serial}: stub text (the records come from article {article.id})."
                published = _shift_day(str(article.published), shift)
                batch.append((Article(id=new_id, ref=f"story-{story}/{serial}", url=None,
                                      outlet=f"Outlet {rng.randrange(40):02d}", title=None, published=published,
                                      language="en", text=text, content_hash=f"h{serial:07d}",
                                      ingested_at="2026-01-01T00:00:00+00:00", copy_group=new_id),
                              from_dict(Extraction, data)))
                serial += 1
            ledger.store.add_articles([NewArticle(a) for a, _ in batch])
            ledger.store.save_extractions([x for _, x in batch])
            mentions += sum(len(x.events) for _, x in batch)
            story += 1
    return {"articles": count, "stories": story, "templates": len(templates), "places": len(places),
            "mentions": mentions, "build_s": round(time.perf_counter() - started, 1)}


def _shift_day(value: str, days: int) -> str:
    return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat() + value[10:]


def _moved(data: Any, old_id: str, new_id: str, days: int, swap: dict[str, Any]) -> Any:
    """A record's dict with the article id replaced, every ISO day moved by ``days`` and places swapped."""
    if isinstance(data, dict):
        if "geonameid" in data and (key := json.dumps(data, sort_keys=True)) in swap:
            return swap[key]
        return {k: _moved(v, old_id, new_id, days, swap) for k, v in data.items()}
    if isinstance(data, list):
        return [_moved(v, old_id, new_id, days, swap) for v in data]
    if isinstance(data, str):
        if data.startswith(old_id):
            data = new_id + data[len(old_id):]
        return DAY.sub(lambda m: _valid_shift(m.group(1), days), data)
    return data


def _valid_shift(day: str, days: int) -> str:
    try:
        return _shift_day(day, days)
    except ValueError:
        return day


def measure_link(phase: str, db: Path) -> dict[str, Any]:
    """Relink the whole ledger here (``local``) or on a 2-worker LocalCluster (``dask-2``)."""
    from claimledger import Ledger, Settings

    with Ledger(db, settings=Settings(cache_dir=None)) as ledger:
        ledger.event_policy(), ledger.assessment()
        workers: list[float] = []
        if phase == "local":
            started = time.perf_counter()
            report = ledger.link(everything=True)
            seconds = time.perf_counter() - started
        else:
            from claimledger.distributed import DaskLinkMap, connect

            with connect("local:2") as cluster:
                started = time.perf_counter()
                report = ledger.link(everything=True, run=DaskLinkMap(cluster.client))
                seconds = time.perf_counter() - started
                workers = list(cluster.client.run(_worker_rss_mb).values())
        events = sorted((e.id, [m.id for m, _ in e.members], e.status) for e in ledger.store.linked_events())
        contradictions = sorted(c.id for c in ledger.store.contradictions())
    client = _rss_mb()
    return {"phase": phase, "seconds": round(seconds, 1), "linked": report.linked, "events": report.created,
            "contradictions": len(contradictions),
            "digest": hashlib.sha1(json.dumps([events, contradictions]).encode()).hexdigest(),
            "client_rss_mb": round(client, 1),
            "worker_rss_mb": [round(w, 1) for w in workers], "total_rss_mb": round(client + sum(workers), 1)}


# ---------------------------------------------------------------- driver
def run_phase(*args: str) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), *args]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def report(result: dict[str, Any]) -> None:
    extract = result.get("extract")
    if extract:
        first = extract["runs"][0]
        print(f"extraction of {first['articles']} articles ({first['source']}, repeated):")
        for r in extract["runs"]:
            workers = " + ".join(f"{w:.0f}" for w in r["worker_rss_mb"])
            print(f"  {r['phase']:12s}: {r['articles_per_s']:6.1f} articles/s ({r['seconds']:.1f} s, "
                  f"CPU {r['cpu_s']:.0f} s);"
                  f" peak RSS {r['total_rss_mb']:.0f} MB (client {r['client_rss_mb']:.0f} + workers {workers})")
        print(f"  speed-up dask 2 workers / 1 worker: {extract['speedup']:.2f}x (target >= {TARGET_SPEEDUP}x)")
        print(f"  Dask overhead against --processes 2: {extract['overhead'] * 100:+.1f} % "
              f"(target <= {TARGET_OVERHEAD * 100:.0f} %)")
    link = result.get("link")
    if link:
        built = link["ledger"]
        print(f"linking {built['articles']} articles, {built['mentions']} mentions ({built['stories']} stories from "
              f"{built['templates']} real extractions, {built['places']} real places; built in {built['build_s']} s):")
        for r in link["runs"]:
            print(f"  link all, {r['phase']:7s}: {r['seconds']:.1f} s, {r['events']} events; peak RSS "
                  f"{r['total_rss_mb']:.0f} MB (client {r['client_rss_mb']:.0f} + workers "
                  f"{' + '.join(f'{w:.0f}' for w in r['worker_rss_mb']) or 'none'})")
        print(f"  same events on both: {link['same_events']}; target < {TARGET_LINK_S} s")


def main(argv: list[str] | None = None) -> None:
    from corpus import DEV_REAL

    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000, help="articles to extract (default 2000)")
    ap.add_argument("--link-articles", type=int, default=100_000, help="articles to link (default 100000)")
    ap.add_argument("--skip-extract", action="store_true", help="measure linking only")
    ap.add_argument("--skip-link", action="store_true", help="measure extraction only")
    ap.add_argument("--corpus", type=Path, default=DEV_REAL, help="a dev-real style JSONL (default ../shared's)")
    ap.add_argument("--json", action="store_true", help="print one JSON line instead of the report")
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.phase in EXTRACT_PHASES:
        print(json.dumps(measure_extract(args.phase, args.articles, args.corpus)))
        return
    if args.phase == "build":
        print(json.dumps(build_ledger(args.db, args.link_articles, args.corpus)))
        return
    if args.phase in ("local", "dask-link"):
        print(json.dumps(measure_link("local" if args.phase == "local" else "dask-2", args.db)))
        return
    result: dict[str, Any] = {"benchmark": "dask"}
    common = ["--articles", str(args.articles), "--link-articles", str(args.link_articles),
              "--corpus", str(args.corpus)]
    if not args.skip_extract:
        runs = [run_phase("--phase", phase, *common) for phase in EXTRACT_PHASES]
        by = {r["phase"]: r for r in runs}
        result["extract"] = {
            "runs": runs, "speedup": round(by["dask-2"]["articles_per_s"] / by["dask-1"]["articles_per_s"], 3),
            "overhead": round(by["dask-2"]["seconds"] / by["processes-2"]["seconds"] - 1, 3)}
    if not args.skip_link:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "link.db"
            built = run_phase("--phase", "build", "--db", str(db), *common)
            local = Path(tmp) / "local.db"
            local.write_bytes(db.read_bytes())
            runs = [run_phase("--phase", "local", "--db", str(local), *common),
                    run_phase("--phase", "dask-link", "--db", str(db), *common)]
        result["link"] = {"ledger": built, "runs": runs, "same_events": runs[0]["digest"] == runs[1]["digest"]}
    if args.json:
        print(json.dumps(result))
        return
    report(result)


if __name__ == "__main__":
    main()
