"""`claimledger events`, `event ID` and `timeline` on the seed articles (real reporting, ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Run


def _json_lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_events_event_and_timeline_read_the_linked_events(cli: Run, seeds: Path) -> None:
    assert cli("ingest", str(seeds)).returncode == 0
    contested = _json_lines(cli("events", "--status", "contested", "--json").stdout)
    strike = next(e for e in contested if e["type"] == "strike" and e["place"] == "Makiivka")
    assert all(e["status"] == "contested" for e in contested)
    assert _json_lines(cli("events", "--place", "makiivka", "--from", "2023-01-01", "--to", "2023-01-01",
                           "--json").stdout)[0]["id"] == strike["id"]

    shown = cli("event", str(strike["id"])[:10], "--json")
    assert shown.returncode == 0, shown.stderr
    report = json.loads(shown.stdout)
    by_side = {(row["claimant"], row["side"]): row["latest"] for row in report["figures"] if row["measure"] == "killed"}
    assert by_side[("Ukraine", "ukraine")] == "400" and ("Russian Ministry of Defence", "russia") in by_side
    assert [(c["kind"], c["measure"]) for c in report["contradictions"]] == [("figures", "killed")]

    exported = _json_lines(cli("export", "--format", "jsonl").stdout)
    statuses = {(r["claimant"]["side"], r["best"]): r.get("status") for r in exported
                if r["record"] == "figure" and r["measure"] == "killed" and r.get("event_id") == strike["id"]}
    assert statuses[("ukraine", 400)] == "contested"
    assert {r["status"] for r in exported if r["record"] == "figure" and r.get("event_id")} <= {
        "corroborated", "contested", "single_source", "unverified"}

    truces = _json_lines(cli("timeline", "--ceasefires", "--json").stdout)
    assert truces and truces[0]["type"] == "ceasefire_declared"
    assert {row["ceasefire"] for row in truces} == {truces[0]["id"]}
    days = [row["date_start"] for row in _json_lines(cli("timeline", "--json").stdout) if row["date_start"]]
    assert days == sorted(days, key=lambda d: str(d)[:16])


def test_wrong_filters_and_unknown_events_are_clear_errors(cli: Run, seeds: Path) -> None:
    assert cli("ingest", str(seeds), "--no-extract").returncode == 0
    wrong = cli("events", "--status", "contestd")
    assert wrong.returncode != 0 and "Unknown status 'contestd'" in wrong.stderr + wrong.stdout
    bad_day = cli("events", "--from", "yesterday")
    assert bad_day.returncode != 0 and "--from takes a date" in bad_day.stderr + bad_day.stdout
    missing = cli("event", "ev:nothing")
    assert missing.returncode != 0 and "No single event" in missing.stderr + missing.stdout
    assert "Traceback" not in wrong.stderr + bad_day.stderr + missing.stderr
