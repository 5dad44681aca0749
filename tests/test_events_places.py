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


@pytest.mark.parametrize("text, place", [
    ("The day after the deadly Poltava attack, drones hit the western city of Lviv.", "Poltava"),
    ("Officials counted the dead of the Kramatorsk strike on Saturday.", "Kramatorsk"),
])
def test_a_town_that_modifies_the_trigger_is_its_place(text: str, place: str) -> None:
    assert places(text, "strike")[0] == place


@pytest.mark.parametrize("text, place", [
    ("Putin blamed his own troops for a Ukrainian missile attack in occupied Donbas.", "Donbas"),
    ("Putin blamed his own troops for a Ukraine missile attack in occupied Donbas.", "Donbas"),
    ("A Kyiv drone attack on Belgorod killed two, the governor said.", "Belgorod"),
])
def test_a_country_or_an_attacker_before_the_trigger_is_not_its_place(text: str, place: str) -> None:
    assert places(text, "strike") == [place]


@pytest.mark.parametrize("text, place", [
    ("The army warned in early April that Russia was preparing a new offensive in Kharkiv Oblast.", None),
    ("Speaking in Lviv, the president warned that Russia would strike again.", "Lviv"),
    ("Russian and Ukrainian delegations held talks in Istanbul on Friday.", "Istanbul"),
])
def test_a_statement_takes_only_its_venue(text: str, place: str | None) -> None:
    assert places(text, "statement", "negotiation") == [place]


def test_a_capital_closing_a_headline_is_its_source() -> None:
    found = places("Russia hits training centre with deadly strike – Kyiv\nThe strike killed 50, officials said.",
                   "strike")
    assert "Kyiv" not in found


@pytest.mark.parametrize("text", [
    "On Monday, Russian forces hit a cafe in a village located some 86 kilometres east of Kharkiv.",
    "A drone struck a farm 40 km south-west of Zaporizhzhia on Monday, the governor said.",
    "Missiles hit the frigate on Monday while it sailed some 70 nautical miles from Zaporizhzhia's coast.",
])
def test_a_town_that_only_gives_a_distance_is_not_the_place(text: str) -> None:
    assert "Kharkiv" not in places(text, "strike") and "Zaporizhzhia" not in places(text, "strike")


def test_a_town_near_the_strike_is_still_its_place() -> None:
    assert places("A drone struck a farm near Zaporizhzhia on Monday, the governor said.", "strike") == [
        "Zaporizhzhia"]


@pytest.mark.parametrize("text, place", [
    ("Missiles hit Pokrovsk in the Donetsk region on Monday, the governor said.", "Pokrovsk"),
    ("A drone hit the Kharkiv region town of Kupiansk on Monday.", "Kupiansk"),
    ("In the Sumy region, shelling hit the town of Shostka overnight.", "Shostka"),
    ("Shelling hit border villages in the Sumy region overnight.", "Sumy Oblast"),
])
def test_the_town_before_its_region(text: str, place: str) -> None:
    assert places(text, "strike") == [place]


@pytest.mark.parametrize("text, venue", [
    ("Russia's envoy implied his country was behind the strike while speaking at a UN Security Council "
     "meeting on Monday.", "UN Security Council"),
    ("Ukraine's foreign minister Dmytro Kuleba warned at an emergency session of the U.N. General Assembly on "
     "Tuesday that Russia would strike again.", "UN General Assembly"),
    ("Addressing the UN Human Rights Council in a video link, Zelensky said the strike was a war crime.",
     "UN Human Rights Council"),
])
def test_a_statement_made_at_a_body_takes_place_at_its_seat(text: str, venue: str) -> None:
    found = [e for e in events(text) if e.type == "statement"]
    assert found and found[0].place is not None and found[0].place.name == venue, found
    assert found[0].place.lat is not None
    assert all(e.place is None or e.place.name != venue for e in events(text) if e.type == "strike")


def test_a_body_named_without_a_venue_word_is_no_place() -> None:
    text = "Ukraine's foreign minister called for a Security Council meeting after the strike on Monday."
    assert all(e.place is None or e.place.kind != "venue" for e in events(text))
