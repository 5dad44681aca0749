"""The REST API under load: concurrent readers over real HTTP on loopback while an ingest runs.

    python benchmarks/bench_api.py [--readers 50] [--seconds 30] [--ingest-articles 40] [--json]

Starts ``claimledger.api.serve`` in a subprocess on a free 127.0.0.1 port over a fresh ledger,
fills it through the API with the bundled samples (which also loads the NLP pipeline in the
server), then for ``--seconds`` runs ``--readers`` threads, each with its own connection, reading
a mix of endpoints (listings, one event side by side, one article, search, status) as fast as
answers come, while one more client uploads ``--ingest-articles`` English texts as JSON Lines with
extraction (``corpus.py``: ../shared's dev-real texts, else the samples; each made distinct).
Prints the requests served, the error answers (any status but 200, or no answer), p50/p95/p99
latency overall and per endpoint, and how long the ingest took. Only loopback is ever contacted;
every loop is bounded by the deadline. Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from claimledger.demo import samples_dir

TOKEN = "bench-token-0123456789abcdef"
SERVER = ("import sys; from claimledger.api import serve; "
          "serve(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2]), log_level='warning')")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def corpus_upload(directory: Path) -> bytes:
    rows = []
    for line in (directory / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            meta = json.loads(line)
            rows.append({**meta, "id": meta["ref"], "text": (directory / meta["ref"]).read_text(encoding="utf-8")})
    return "".join(json.dumps(r) + "\n" for r in rows).encode()


def ingest_upload(count: int) -> tuple[bytes, str]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from corpus import load_corpus

    corpus = load_corpus(count)
    rows = [{"id": f"bench-{i:05d}", "outlet": f"Bench {i % 5}", "published": a.published,
             "text": f"{a.text}\n\n(Bench copy {i}.)"} for i, a in enumerate(corpus.articles)]
    return "".join(json.dumps(r) + "\n" for r in rows).encode(), corpus.source


def wait_until_up(base: str, server: subprocess.Popen[bytes], timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/api/status", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not answer in time")


def reader(base: str, paths: list[str], deadline: float, seed: int, out: list[tuple[str, float, int]]) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=60) as client:
        while time.monotonic() < deadline:
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                status = client.get(path).status_code
            except httpx.HTTPError:
                status = 0
            out.append((endpoint(path), time.perf_counter() - started, status))


def endpoint(path: str) -> str:
    """``/api/events/ev:1234`` -> ``/api/events/{key}``; ``/api/claims?limit=5`` -> ``/api/claims``."""
    parts = path.split("?")[0].split("/")
    return "/".join(parts[:3] + ["{key}"] * (len(parts) > 3))


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--readers", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--ingest-articles", type=int, default=40)
    ap.add_argument("--json", action="store_true", help="One JSON line instead of the report")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        db, port = Path(tmp) / "ledger.db", free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "CLAIMLEDGER_TOKEN": TOKEN, "CLAIMLEDGER_CACHE_DIR": ""}
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(db), str(port)], env=env)
        try:
            result = run(base, server, args)
        finally:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
    if args.json:
        print(json.dumps(result))
        return
    print(f"machine: load average {result['load_before']} before the run ({os.cpu_count()} CPUs, shared)")
    print(f"ingest during the run: {result['ingest_articles']} articles ({result['ingest_source']}): "
          f"status {result['ingest_status']}, {result['ingest_s']:.1f} s")
    print(f"{result['readers']} readers for {result['seconds']:.0f} s: {result['requests']} requests "
          f"({result['requests_per_s']:.1f}/s), {result['errors']} errors")
    print(f"latency: p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, p99 {result['p99_ms']:.0f} ms")
    for name, row in sorted(result["endpoints"].items()):
        print(f"  {name:28} {row['requests']:6d} requests  p50 {row['p50_ms']:7.0f} ms  p95 {row['p95_ms']:7.0f} ms")


def run(base: str, server: subprocess.Popen[bytes], args: argparse.Namespace) -> dict[str, Any]:
    wait_until_up(base, server)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    filled = httpx.post(f"{base}/api/ingest", headers=auth, timeout=900,
                        files=[("files", ("samples.jsonl", corpus_upload(samples_dir()), "application/x-ndjson"))])
    filled.raise_for_status()
    events = httpx.get(f"{base}/api/events").json()["items"]
    articles = httpx.get(f"{base}/api/articles").json()["items"]
    paths = ["/api/status", "/api/articles?limit=20", "/api/claims?limit=50", "/api/figures?limit=50",
             "/api/events", "/api/timeline", "/api/contradictions", "/api/outlets", "/api/search?q=strike",
             "/api/search?q=killed%20soldiers", *(f"/api/events/{e['id']}" for e in events[:3]),
             *(f"/api/articles/{a['id']}" for a in articles[:3])]
    upload, source = ingest_upload(args.ingest_articles)
    load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())

    ingest: dict[str, Any] = {}

    def ingest_now() -> None:
        started = time.perf_counter()
        try:
            answer = httpx.post(f"{base}/api/ingest", headers=auth, timeout=1800,
                                files=[("files", ("bench.jsonl", upload, "application/x-ndjson"))])
            ingest["status"] = answer.status_code
        except httpx.HTTPError as exc:
            ingest["status"] = f"failed: {exc}"
        ingest["seconds"] = time.perf_counter() - started

    samples: list[tuple[str, float, int]] = []
    writer = threading.Thread(target=ingest_now)
    writer.start()
    deadline = time.monotonic() + args.seconds
    threads = [threading.Thread(target=reader, args=(base, paths, deadline, n, samples))
               for n in range(args.readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    writer.join()

    latencies = [s[1] for s in samples]
    endpoints: dict[str, Any] = {}
    for name in sorted({s[0] for s in samples}):
        own = [s[1] for s in samples if s[0] == name]
        endpoints[name] = {"requests": len(own), "p50_ms": 1000 * statistics.median(own),
                           "p95_ms": 1000 * percentile(own, 0.95)}
    return {"readers": args.readers, "seconds": args.seconds, "requests": len(samples),
            "requests_per_s": len(samples) / args.seconds, "errors": sum(1 for s in samples if s[2] != 200),
            "p50_ms": 1000 * percentile(latencies, 0.50), "p95_ms": 1000 * percentile(latencies, 0.95),
            "p99_ms": 1000 * percentile(latencies, 0.99), "endpoints": endpoints,
            "ingest_articles": args.ingest_articles, "ingest_source": source,
            "ingest_status": ingest.get("status"), "ingest_s": ingest.get("seconds", float("nan")),
            "load_before": load_before}


if __name__ == "__main__":
    main()
