"""The record codec: exact round trips for every record type, and clear errors on damaged data."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger import records
from claimledger.errors import StoreError
from claimledger.store.base import AddOutcome, LedgerStats, NewArticle
from claimledger.store.codec import from_dict, to_dict

RECORD_TYPES: list[type[Any]] = [
    records.Article, records.Skip, records.IngestReport, records.Span, records.Claimant,
    records.TimeExpression, records.Place, records.PlaceMention, records.Claim, records.Figure,
    records.EventActor, records.EventMention, records.Extraction, records.ArticleFilter,
    NewArticle, AddOutcome, LedgerStats,
]


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=lambda c: c.__name__)
def test_every_record_round_trips_through_json(cls: type[Any]) -> None:
    @settings(max_examples=25, deadline=None)
    @given(st.from_type(cls))
    def check(record: Any) -> None:
        stored = json.loads(json.dumps(to_dict(record)))  # the store's path: through JSON text
        back = from_dict(cls, stored)
        assert repr(back) == repr(record)  # repr: exact, and nan-safe
        assert type(back) is cls

    check()


def test_enums_tuples_and_nesting_are_plain_json() -> None:
    skip = records.Skip("a.csv:2", records.SkipReason.MALFORMED_ROW, "bad row", line=2)
    report = records.IngestReport(ingested=1, skipped=(skip,), article_ids=("x",))
    data = to_dict(report)
    assert data["skipped"] == [{"source": "a.csv:2", "reason": "malformed_row", "message": "bad row", "line": 2}]
    assert data["article_ids"] == ["x"]
    assert from_dict(records.IngestReport, data) == report


def test_decoding_ignores_unknown_keys_and_fills_defaults() -> None:
    span = from_dict(records.Span, {"start": 1, "end": 3, "text": "ab", "added_later": True})
    assert span == records.Span(1, 3, "ab")
    place = from_dict(records.Place, {"name": "Northvale", "kind": "city", "country": None})
    assert place == records.Place("Northvale", "city", None)
    assert from_dict(records.Place, {"name": "N", "kind": "city", "country": None, "lat": 48}).lat == 48.0


@pytest.mark.parametrize(
    ("cls", "data", "where"),
    [
        (records.Span, {"start": "1", "end": 2, "text": "x"}, "Span.start"),
        (records.Span, {"end": 2, "text": "x"}, "Span.start"),
        (records.Skip, {"source": "s", "reason": "no_such_reason", "message": "m"}, "Skip.reason"),
        (records.Claim, [], "Claim"),
        (records.EventMention, {"id": "e", "article_id": "a", "type": "strike", "title": "t",
                                "trigger": {"start": 0, "end": 1, "text": "x"}, "actors": "nope"},
         "EventMention.actors"),
        (records.Span, {"start": True, "end": 2, "text": "x"}, "Span.start"),
    ],
)
def test_damaged_data_raises_store_error(cls: type[Any], data: Any, where: str) -> None:
    with pytest.raises(StoreError, match=where) as info:
        from_dict(cls, data)
    assert info.value.code == "CL305"


def test_to_dict_refuses_non_records() -> None:
    with pytest.raises(TypeError):
        to_dict({"not": "a record"})
