"""Value accuracy of the date normaliser on the TempEval-3 platinum gold (read at run time).

For every in-text TIMEX3 we normalise the gold extent against the document's
creation time and compare with the gold value. TIMEX3 values carry no zone
offset, so ours are compared without it (``2013-03-23T15:00:00+00:00`` ->
``2013-03-23T15:00``). DATE and TIME count towards the floor; DURATION and
SET are reported separately.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from claimledger.extract.times.dates import find_times, normalise

SHARED = Path(__file__).resolve().parents[2] / "shared"
TEMPEVAL = SHARED / "data" / "tempeval3-platinum"
FLOOR_DATE_TIME = 0.80


def _timexes() -> list[tuple[str, str, str, str, str]]:
    """(file, dct, type, extent, gold value) for every in-text TIMEX3."""
    rows: list[tuple[str, str, str, str, str]] = []
    for path in sorted(TEMPEVAL.glob("*.tml")):
        root = ET.parse(path).getroot()
        dct = next(t.get("value", "") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME")
        body = root.find("TEXT")
        assert body is not None
        for timex in body.iter("TIMEX3"):
            rows.append((path.name, dct, timex.get("type", ""), "".join(timex.itertext()), timex.get("value", "")))
    return rows


def _timex_form(value: str | None) -> str | None:
    if value is None:
        return None
    return re.sub(r"(T\d\d:\d\d)(?::00)?(?:[+-]\d\d:\d\d|Z)$", r"\1", value)


def _accuracy(rows: list[tuple[str, str, str, str, str]]) -> tuple[float, list[str]]:
    misses: list[str] = []
    hits = 0
    for name, dct, kind, extent, gold in rows:
        got = _timex_form(normalise(extent, dt.date.fromisoformat(dct[:10]), kind_hint=kind.lower()).value)
        if got == gold:
            hits += 1
        else:
            misses.append(f"{name} {kind} {extent!r}: gold {gold} got {got}")
    return (hits / len(rows) if rows else 0.0), misses


@pytest.mark.skipif(not TEMPEVAL.is_dir(), reason=f"TempEval-3 platinum not found at {TEMPEVAL} (shared data absent)")
def test_tempeval_value_accuracy() -> None:
    rows = _timexes()
    date_time = [r for r in rows if r[2] in ("DATE", "TIME")]
    other = [r for r in rows if r[2] in ("DURATION", "SET")]
    accuracy, misses = _accuracy(date_time)
    other_accuracy, _ = _accuracy(other)
    print(f"\nTempEval-3 platinum DATE+TIME value accuracy: {accuracy:.3f} ({len(date_time)} TIMEX3)")
    print(f"TempEval-3 platinum DURATION+SET value accuracy: {other_accuracy:.3f} ({len(other)} TIMEX3)")
    for miss in misses:
        print("  miss:", miss)
    assert len(date_time) > 80
    assert accuracy >= FLOOR_DATE_TIME


def _flatten(element: ET.Element, parts: list[str], gold: list[tuple[int, int, str, str]]) -> None:
    """Append the element's text to ``parts``, recording TIMEX3 offsets in ``gold``."""
    start = sum(map(len, parts))
    parts.append(element.text or "")
    for child in element:
        _flatten(child, parts, gold)
        parts.append(child.tail or "")
    if element.tag == "TIMEX3":
        gold.append((start, sum(map(len, parts)), element.get("type", ""), element.get("value", "")))


def _documents() -> list[tuple[str, str, str, list[tuple[int, int, str, str]]]]:
    """(file, dct, plain text, [(start, end, type, value)]) with the TIMEX3 offsets in the plain text."""
    docs = []
    for path in sorted(TEMPEVAL.glob("*.tml")):
        root = ET.parse(path).getroot()
        dct = next(t.get("value", "") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME")
        body = root.find("TEXT")
        assert body is not None
        parts: list[str] = []
        gold: list[tuple[int, int, str, str]] = []
        _flatten(body, parts, gold)
        docs.append((path.name, dct, "".join(parts), gold))
    return docs


@pytest.mark.skipif(not TEMPEVAL.is_dir(), reason=f"TempEval-3 platinum not found at {TEMPEVAL} (shared data absent)")
def test_tempeval_in_running_text() -> None:
    """find_times over whole documents: relaxed-overlap recognition of DATE/TIME, and value accuracy
    of the recognised ones (context matters here: tense cues, the sentence's date)."""
    found_gold = total_gold = predicted = predicted_hit = correct = 0
    for _name, dct, text, gold in _documents():
        wanted = [g for g in gold if g[2] in ("DATE", "TIME")]
        times = [t for t in find_times(text, dct[:10]) if t.kind in ("date", "time", "interval")]
        total_gold += len(wanted)
        predicted += len(times)
        for start, end, _kind, gold_value in wanted:
            hit = next((t for t in times if t.span.start < end and start < t.span.end), None)
            if hit is not None:
                found_gold += 1
                correct += _timex_form(hit.value) == gold_value
        predicted_hit += sum(any(t.span.start < e and s < t.span.end for s, e, _k, _v in gold) for t in times)
    recall, precision = found_gold / total_gold, predicted_hit / max(1, predicted)
    value_accuracy = correct / max(1, found_gold)
    print(f"\nTempEval-3 in running text: DATE/TIME recall {recall:.3f}, precision {precision:.3f} "
          f"(any TIMEX3), value accuracy on found {value_accuracy:.3f}")
    assert recall >= 0.85 and precision >= 0.70 and value_accuracy >= 0.80
