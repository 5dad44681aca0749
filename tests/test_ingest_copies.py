"""Wire-copy detection: the threshold choice documented in ingest/copies.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.ingest import CopyIndex

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


@pytest.fixture
def stories() -> dict[str, str]:
    return {
        name: (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
        for name in ("wire_original", "wire_rerun", "same_event_other_story")
    }


def test_trimmed_rerun_with_new_headline_joins_the_wire_group(stories: dict[str, str]) -> None:
    index = CopyIndex(threshold=0.7, num_perm=128, shingle_words=5)
    original = index.signature(stories["wire_original"])
    assert index.find_group(original) is None
    index.add("wire0000", original, None)
    rerun = index.signature(stories["wire_rerun"])
    assert index.similarity(original, rerun) > 0.9
    assert index.find_group(rerun) == "wire0000"
    index.add("rerun000", rerun, "wire0000")
    # a third copy joins the same group, named after its first article
    assert index.find_group(index.signature(stories["wire_rerun"].upper())) == "wire0000"


def test_different_story_on_the_same_event_is_not_a_copy(stories: dict[str, str]) -> None:
    index = CopyIndex(threshold=0.7)
    original = index.signature(stories["wire_original"])
    other = index.signature(stories["same_event_other_story"])
    index.add("wire0000", original)
    assert index.similarity(original, other) < 0.2
    assert index.find_group(other) is None


def test_from_store_rows_rebuilds_groups(stories: dict[str, str]) -> None:
    first = CopyIndex()
    rows = [
        ("wire0000", None, first.signature(stories["wire_original"])),
        ("other000", None, first.signature(stories["same_event_other_story"])),
        ("broken00", None, b"not a signature"),
        ("nosig000", None, None),
    ]
    index = CopyIndex.from_store_rows(rows, threshold=0.7, num_perm=128, shingle_words=5)
    assert len(index) == 2
    assert index.find_group(index.signature(stories["wire_rerun"])) == "wire0000"


def test_signature_is_stable_bytes() -> None:
    index = CopyIndex(num_perm=64)
    text = "one two three four five six seven eight"
    assert index.signature(text) == CopyIndex(num_perm=64).signature(text)
    assert isinstance(index.signature(""), bytes)
    index.add("empty000", index.signature(""))
    assert index.find_group(index.signature("")) is None
    assert index.find_group(CopyIndex(num_perm=128).signature(text)) is None  # other settings: ignored


def test_bad_threshold_is_refused() -> None:
    with pytest.raises(ValueError):
        CopyIndex(threshold=0)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=500))
def test_signature_never_raises(text: str) -> None:
    index = CopyIndex(num_perm=32)
    signature = index.signature(text)
    index.find_group(signature)
    index.add("x", signature)
