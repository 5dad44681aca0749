"""Corrections through the REST API: recorded under the token's analyst, kept through re-extraction,
seen by the contradictions and the export; the audit log; errors in the API's one shape."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

from claimledger import Ledger, Settings
from claimledger.api import ApiSettings, create_app

from .conftest import Run
from .rest_support import AUTH, TOKEN, assert_error

with warnings.catch_warnings():  # starlette 1.x would have httpx2 under its TestClient; httpx works
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient


def test_a_correction_made_through_the_api_survives_re_extraction_and_is_exported(
        cli: Run, seeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    with Ledger(db) as ledger:
        ledger.ingest(seeds)
        ukraine = next(f for f in ledger.figures(measure="killed") if f.best == 400 and f.claimant.side == "ukraine")
    app = create_app(ApiSettings(ledger=Settings(db=db), tokens={TOKEN: "ana"}))
    with TestClient(app, raise_server_exceptions=False) as client:
        assert any("Makiivka" in c["explanation"] or c["kind"] == "figures"
                   for c in client.get("/api/contradictions").json()["items"])
        body = {"value": 89, "why": "checked against the ministry's later statement"}
        assert_error(client.post(f"/api/figures/{ukraine.id}/correction", json=body), 401, "missing_token")
        made = client.post(f"/api/figures/{ukraine.id}/correction", json=body, headers=AUTH)
        assert made.status_code == 201, made.text
        assert made.json()["by"] == "ana" and made.json()["kind"] == "correct_figure"
        assert not [c for c in client.get("/api/contradictions").json()["items"] if c["kind"] == "figures"]
        assert_error(client.post("/api/figures/nothing:f1-2/correction", json=body, headers=AUTH), 404, "not_found")
        assert_error(client.post(f"/api/figures/{ukraine.id}/correction", json={"measure": "kiled", "why": "x"},
                                 headers=AUTH), 422, "invalid_request")
    assert cli("extract", "--all", db=db).returncode == 0
    exported = [json.loads(line) for line in cli("export", db=db).stdout.splitlines() if line.strip()]
    figure = next(r for r in exported if r["record"] == "figure" and r["id"] == ukraine.id)
    assert figure["best"] == 89 and figure["extracted"]["best"] == 400
    assert [c["by"] for c in figure["corrections"]] == ["ana"]
    with TestClient(create_app(ApiSettings(ledger=Settings(db=db), tokens={TOKEN: "ana"}))) as client:
        log = client.get("/api/corrections", params={"by": "ana"}).json()
        assert [(c["kind"], c["state"]) for c in log] == [("correct_figure", "active")]
        undone = client.post(f"/api/corrections/{log[0]['id']}/undo", json={"why": "wrong event"}, headers=AUTH)
        assert undone.status_code == 201, undone.text
        assert any(c["kind"] == "figures" for c in client.get("/api/contradictions").json()["items"])
