"""Helpers of the REST API tests: a corpus directory as one JSONL upload, and the checks every error meets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from claimledger.api.errors import ErrorResponse

TOKEN = "test-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ERROR_KEYS = {"status", "code", "message", "details"}


def corpus_jsonl(directory: Path) -> bytes:
    """The ``.txt`` files of a corpus directory with their ``manifest.jsonl`` metadata, as JSON Lines
    (what ``claimledger ingest DIRECTORY`` would read, sent as one upload)."""
    manifest: dict[str, dict[str, Any]] = {}
    for line in (directory / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            manifest[entry["ref"]] = entry
    rows = []
    for path in sorted(directory.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        meta = manifest.get(path.name, {})
        rows.append({"id": path.name, "text": text, "title": text.strip().split("\n", 1)[0][:300],
                     **{k: meta.get(k) for k in ("url", "outlet", "published", "language") if meta.get(k)}})
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """``response`` is an error in the API's one shape, with this status (and code); returns its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS, body
    ErrorResponse.model_validate(body)
    assert body["error"]["status"] == status and body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code, body
    error: dict[str, Any] = body["error"]
    return error
