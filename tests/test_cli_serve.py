"""`claimledger serve`: the web app and the REST API from one process, over real HTTP on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from claimledger import Ledger
from claimledger.demo import ingest_samples

from .conftest import Run


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_the_pages_and_the_api_and_refuses_a_missing_ledger(cli: Run, tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    with Ledger(db) as ledger:
        ingest_samples(ledger)
    port = _free_port()
    env = {**os.environ, "CLAIMLEDGER_DB": str(db)}
    env.pop("CLAIMLEDGER_TOKEN", None)
    server = subprocess.Popen([sys.executable, "-m", "claimledger", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                status = httpx.get(base + "/api/status", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
        assert status.status_code == 200 and status.json()["read_only"] is True
        board = httpx.get(base + "/", timeout=30)
        assert board.status_code == 200 and "text/html" in board.headers["content-type"]
        assert "Makiivka" in board.text and 'href="/api/' not in board.text  # the pages link to pages
        assert httpx.get(base + "/api/events", timeout=30).json()["items"]
        refused = httpx.post(base + "/api/ingest/url", json={"url": "https://example.org/a"}, timeout=30)
        assert refused.status_code == 401
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert f"at http://127.0.0.1:{port}/" in stderr
    missing = cli("serve", "--db", str(tmp_path / "nothing.db"), "--port", str(_free_port()))
    assert missing.returncode == 2 and "claimledger ingest" in missing.stderr and "Traceback" not in missing.stderr
    assert not (tmp_path / "nothing.db").exists()
