"""Event places on our own sentences: where it happened, not the capital that speaks (full pipeline)."""

from __future__ import annotations

import pytest

from claimledger.extract import extract
from claimledger.records import EventMention

from .conftest import full_pipeline, make_article


def events(text: str, published: str = "2024-03-13") -> list[EventMention]:
    return list(extract(make_article(text, published=published, article_id="plc00000"), full_pipeline()).events)


def places(text: str, *types: str) -> list[str | None]:
    return [e.place.name if e.place else None for e in events(text) if e.type in types]


@pytest.mark.parametrize("text", [
    "On Friday, Ukraine said it had hit the fleet's headquarters, long an important target for Kyiv.",
    "Drones hit an airfield in the north, part of the war against Moscow, the army said.",
    "Missiles hit a depot overnight, a strike Moscow's military later admitted.",
    "Shelling hit a market, Kyiv's forces said on Monday.",
])
def test_a_capital_that_stands_for_its_government_is_no_place(text: str) -> None:
    found = places(text, "strike")
    assert found and all(p not in ("Kyiv", "Moscow") for p in found), found


@pytest.mark.parametrize("text, place", [
    ("A drone strike on Kyiv's Solomianskyi district killed two people on Monday.", "Kyiv"),
    ("Drones hit Kyiv on Monday, the mayor said.", "Kyiv"),
    ("Missiles struck the outskirts of Moscow overnight, the mayor said.", "Moscow"),
])
def test_a_capital_that_was_hit_is_the_place(text: str, place: str) -> None:
    assert places(text, "strike") == [place]
