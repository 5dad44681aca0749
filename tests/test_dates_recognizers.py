"""The normaliser against Microsoft Recognizers-Text's English DateTime specs (read at run time).

These are engineered chat-style sentences ("I'll go back Oct/2"), not news, so
the figure is a regression guard, not a target: for every ``datetimeV2.date``
result we ask whether find_times found an overlapping expression whose day is
one of the spec's accepted readings (it lists both the past and the future one
for year-less dates).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.extract.times.dates import day_of, find_times

SPECS = (Path(__file__).resolve().parents[2] / "shared" / "data" / "recognizers-text-specs-en"
         / "DateTime" / "English" / "DateTimeModel.json")
FLOOR = 0.38


@pytest.mark.skipif(not SPECS.is_file(), reason=f"Recognizers-Text specs not found at {SPECS} (shared data absent)")
def test_recognizers_text_dates() -> None:
    cases = json.loads(SPECS.read_text(encoding="utf-8-sig"))
    total = found = correct = 0
    for case in cases:
        if "python" in case.get("NotSupported", "").lower() or "Context" not in case:
            continue
        times = find_times(case["Input"], case["Context"]["ReferenceDateTime"][:10])
        for result in case.get("Results", []):
            if result.get("TypeName") != "datetimeV2.date":
                continue
            accepted = {v.get("value") for v in result["Resolution"]["values"]}
            start, end = result["Start"], result["End"] + 1  # the spec's End is inclusive
            hits = [t for t in times if t.span.start < end and start < t.span.end]
            total += 1
            found += bool(hits)
            correct += any(t.value in accepted or day_of(t.value) in accepted for t in hits)
    print(f"\nRecognizers-Text DateTime specs, date results: found {found / total:.3f}, "
          f"correct {correct / total:.3f} ({total} results)")
    assert total > 100
    assert correct / total >= FLOOR
