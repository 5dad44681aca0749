"""The command line end to end: real subprocesses, real SQLite files, real HTTP on loopback."""

from __future__ import annotations

import http.server
import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import Run

COMMANDS = ["ingest", "extract", "articles", "show", "stats", "export", "claims", "figures", "events",
            "contradictions", "skips", "demo"]


def count_articles(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


def test_help_for_every_command(cli: Run) -> None:
    top = cli("-h")
    assert top.returncode == 0
    for command in COMMANDS:
        assert command in top.stdout
        result = cli(command, "-h")
        assert result.returncode == 0, result.stderr
        assert "Usage" in result.stdout


def test_seeds_ingest_twice_keeps_three_articles(cli: Run, seeds: Path, tmp_path: Path) -> None:
    first = cli("ingest", "--no-extract", str(seeds))
    assert first.returncode == 0, first.stderr
    assert "ingested 3, duplicates 0" in first.stderr
    second = cli("ingest", "--no-extract", str(seeds))
    assert second.returncode == 0, second.stderr
    assert "ingested 0, duplicates 3" in second.stderr
    assert count_articles(tmp_path / "ledger.db") == 3

    listed = cli("articles", "--json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    manifest = {r["ref"]: r for r in map(json.loads, (seeds / "manifest.jsonl").read_text().splitlines())}
    assert sorted(r["ref"] for r in rows) == sorted(manifest)
    for row in rows:
        assert row["outlet"] == manifest[row["ref"]]["outlet"]
        assert row["published"][:10] == manifest[row["ref"]]["published"]

    sun = cli("articles", "--json", "--outlet", "the sun")
    assert [json.loads(line)["ref"] for line in sun.stdout.splitlines()] == ["000_bcb5b71acb1443d5.txt"]
    recent = cli("articles", "--json", "--since", "2025-01-01")
    assert [json.loads(line)["ref"] for line in recent.stdout.splitlines()] == ["002_628a4e34dcf17f17.txt"]
    shown = cli("show", "001_54673be95604e744.txt")
    assert shown.returncode == 0 and "Kramatorsk" in shown.stdout


class SlowHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        time.sleep(3)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def slow_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/slow"
    server.shutdown()


def test_bad_inputs_are_skipped_with_reasons(cli: Run, tmp_path: Path, slow_url: str) -> None:
    d = tmp_path / "inbox"
    d.mkdir()
    good = "Officials in the region said three shells hit a grain depot overnight. " * 5
    (d / "good.txt").write_text("Depot hit overnight\n" + good, encoding="utf-8")
    (d / "cp1251.txt").write_bytes(("Заголовок\n" + "Обстріл складу вночі, повідомили чиновники. " * 5)
                                   .encode("cp1251"))
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "nothing.html").write_text("<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    (d / "huge.txt").write_text("word " * 5000, encoding="utf-8")
    (d / "rows.jsonl").write_text(
        json.dumps({"id": "r1", "text": "A first good row about a strike on a bridge. " * 3}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "r3", "text": "A third good row about a drone attack on a port. " * 3}) + "\n",
        encoding="utf-8")
    (d / "rows.csv").write_text(
        "id,outlet,text\n"
        "c1,Wire,A convoy was shelled near the river crossing on Tuesday evening.\n"
        "c2,Wire,too,many,fields\n", encoding="utf-8")
    missing = tmp_path / "no-such-dir"
    result = cli("ingest", "--no-extract", "--allow-private-addresses", "--max-bytes", "20000", "--timeout", "0.5",
                 str(d), str(missing), "http://127.0.0.1:9/dead", slow_url)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    reasons = {
        "empty.txt": "empty", "binary.txt": "binary", "nothing.html": "no_text", "huge.txt": "too_large",
        "rows.jsonl:2": "malformed_row", "rows.csv:3": "malformed_row", "no-such-dir": "not_found",
        "127.0.0.1:9/dead": "fetch_failed", "/slow": "timeout",
    }
    skip_lines = [line for line in result.stderr.splitlines() if line.strip().startswith("skip ")]
    for name, reason in reasons.items():
        assert any(name in line and f": {reason}:" in line for line in skip_lines), (name, reason, result.stderr)
    assert count_articles(tmp_path / "ledger.db") == 5  # good.txt, cp1251.txt, rows r1 and r3, csv c1
    listed = cli("skips", "--json")
    assert {json.loads(line)["reason"] for line in listed.stdout.splitlines()} >= set(reasons.values())


def test_strict_stops_at_first_skip(cli: Run, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = cli("ingest", "--no-extract", "--strict", str(tmp_path / "empty.txt"))
    assert result.returncode == 1
    assert "--strict" in result.stderr and "Traceback" not in result.stderr


def test_csv_without_text_column_is_a_usage_error_before_writing(cli: Run, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A story about a convoy that was shelled near a river. " * 4)
    (tmp_path / "corpus.csv").write_text("id,url,outlet\n1,https://example.org/a,Example\n")
    result = cli("ingest", "--no-extract", str(tmp_path / "good.txt"), str(tmp_path / "corpus.csv"))
    assert result.returncode == 2
    assert "text" in result.stderr and "Traceback" not in result.stderr
    db = tmp_path / "ledger.db"
    assert not db.exists() or count_articles(db) == 0


def test_export_jsonl_to_file_and_stdout(cli: Run, seeds: Path, tmp_path: Path) -> None:
    assert cli("ingest", "--no-extract", str(seeds)).returncode == 0
    out = tmp_path / "out" / "ledger.jsonl"
    assert cli("export", "--format", "jsonl", "--output", str(out)).returncode == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["record"] == "meta" and lines[0]["format"] == "claimledger-jsonl"
    assert sum(1 for r in lines if r["record"] == "article") == 3
    streamed = cli("export")
    assert streamed.returncode == 0
    assert [json.loads(x)["record"] for x in streamed.stdout.splitlines()].count("article") == 3
    bad = cli("export", "--format", "xml")
    assert bad.returncode == 2 and "jsonl" in bad.stderr


def test_usage_errors_exit_2(cli: Run, tmp_path: Path) -> None:
    assert cli("articles", "--since", "yesterday").returncode == 2
    assert cli("show", "nope-not-there").returncode == 2
    notdb = tmp_path / "not-a-ledger.db"
    notdb.write_text("this is not a database\n" * 10)
    result = cli("stats", db=notdb)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert notdb.read_text() == "this is not a database\n" * 10


def test_stdin_is_an_input(cli: Run, tmp_path: Path) -> None:
    result = cli("ingest", "--no-extract", "-", stdin="Shelling hit a school in the city overnight, "
                 "officials said, and two teachers were hurt.\n" * 3)
    assert result.returncode == 0, result.stderr
    assert count_articles(tmp_path / "ledger.db") == 1
