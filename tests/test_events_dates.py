"""Event dates on our own sentences: the day it happened, not the day it was reported (full pipeline)."""

from __future__ import annotations

import pytest

from claimledger.extract import extract
from claimledger.records import EventMention

from .conftest import full_pipeline, make_article

PUBLISHED = "2024-03-13"  # a Wednesday


def events(text: str, published: str = PUBLISHED) -> list[EventMention]:
    return list(extract(make_article(text, published=published, article_id="date0000"), full_pipeline()).events)


def days(found: list[EventMention], *types: str) -> list[str | None]:
    return [str(e.date_start)[:10] if e.date_start else None for e in found if e.type in types]


@pytest.mark.parametrize("text, day", [
    ("The navy said on Wednesday that 12 sailors died in a drone strike on the port of Novorossiysk on Monday.",
     "2024-03-11"),
    ("The governor said on Tuesday that a drone strike on Kherson killed two people on Saturday.", "2024-03-09"),
    ("Ukraine's army said on Monday that its missiles hit a command post in Tokmak. "
     "The command post had been struck last Saturday.", "2024-03-09"),
    ("Officials told reporters on Tuesday that Russian shelling of Nikopol on Sunday had damaged a school.",
     "2024-03-10"),
])
def test_the_day_of_the_saying_does_not_date_the_strike(text: str, day: str) -> None:
    assert days(events(text), "strike") == [day]


def test_the_day_tied_to_the_strike_itself_is_kept() -> None:
    text = "Russian missiles hit a school in Zaporizhzhia on Sunday, killing four people, the governor said on Monday."
    assert days(events(text), "strike") == ["2024-03-10"]
    text = "The governor said a drone hit a bus in Kherson on Monday."
    assert days(events(text), "strike") == ["2024-03-11"]


def test_a_tally_is_dated_by_its_report() -> None:
    text = "The general staff said on Tuesday that Russia has lost 1,200 troops over the past day."
    assert days(events(text), "losses_tally") == ["2024-03-12"]


@pytest.mark.parametrize("text", [
    "Funerals began today for victims of a Russian missile strike on the village, officials said.",
    "Residents gathered on Wednesday to mark the anniversary of the attack on the station.",
    "Rescuers searched the site of the explosion on Wednesday, the governor said.",
])
def test_the_day_of_what_follows_a_strike_does_not_date_it(text: str) -> None:
    assert days(events(text), "strike") != ["2024-03-13"]


def test_a_day_tied_to_the_strike_after_of_still_dates_it() -> None:
    text = "Relatives mourned on Wednesday the victims of Monday's strike on Kherson, the governor said."
    assert days(events(text), "strike") == ["2024-03-11"]


@pytest.mark.parametrize("text, day", [
    ("As reported, on March 20, Russian forces shelled a school in Vovchansk, killing three.", "2023-03-20"),
    ("The UN said on Tuesday it had no access to the site. The blast at the camp in Olenivka on March 29 "
     "killed 50 prisoners.", "2023-03-29"),
])
def test_a_past_event_on_a_day_after_publication_happened_last_year(text: str, day: str) -> None:
    assert day in days(events(text), "strike")


def test_a_day_just_after_publication_is_not_moved_a_year() -> None:
    assert "2023-03-14" not in days(events("A drone hit Kyiv on March 14, officials said."), "strike")


def strikes_by_place(text: str, published: str) -> dict[str | None, str | None]:
    return {e.place.name if e.place else None: e.date_start for e in events(text, published) if e.type == "strike"}


@pytest.mark.parametrize("text, published, expected", [
    ("A missile strike on a college in Poltava on Tuesday killed 55, officials said. The day after the deadly "
     "Poltava attack, Russian drones hit the western city of Lviv, killing seven.", "2024-09-05",
     {"Poltava": "2024-09-03", "Lviv": "2024-09-04"}),
    ("Drones hit Odesa on Friday, the governor said. Two days after the Odesa strike, missiles hit Izmail.",
     "2024-03-13", {"Odesa": "2024-03-08", "Izmayil": "2024-03-10"}),
    ("A Russian missile struck a block of flats in Kharkiv on Friday, killing a boy. At least 28 people were "
     "wounded in the latest attack, a day after a strike on the city of Zolochiv killed nine.", "2023-10-06",
     {"Kharkiv": "2023-10-06", "Zolochiv": "2023-10-05"}),
])
def test_an_event_set_days_after_another_takes_its_day_from_it(text: str, published: str,
                                                               expected: dict[str, str]) -> None:
    found = strikes_by_place(text, published)
    for place, day in expected.items():
        assert str(found.get(place))[:10] == day, found


def test_the_two_events_of_a_day_gap_stay_apart() -> None:
    found = events("Drones struck Sumy on Sunday, killing 35. This comes a day after a missile attack on the "
                   "same city killed two.", "2025-04-15")
    assert len([e for e in found if e.type == "strike"]) == 2


def test_a_day_after_without_an_event_moves_nothing() -> None:
    found = strikes_by_place("Shelling hit Kherson on Monday. A day after, officials counted the dead.",
                             "2024-03-13")
    assert found == {"Kherson": "2024-03-11"}


@pytest.mark.parametrize("text, day", [
    ("Drones hit Kyiv on New Year's Eve, killing two, the mayor said.", "2024-12-31"),
    ("A missile struck a hotel in Kharkiv shortly after midnight on January 1, officials said.", "2025-01-01"),
    ("Russia launched 40 drones at Odesa overnight into Sunday, the air force said.", "2024-12-29"),
])
def test_holidays_midnight_and_overnight_give_the_day(text: str, day: str) -> None:
    assert days(events(text, published="2025-01-02"), "strike") == [day]


@pytest.mark.parametrize("text, day", [
    ("Ukraine said on Monday it had struck the fleet headquarters in Sevastopol last week.", None),
    ("Drones hit a refinery in Ryazan last month, the governor said on Monday.", None),
    ("A Friday missile attack on the fleet headquarters last week killed 34 officers, Ukraine said on Monday.",
     "2024-03-08"),
])
def test_last_week_is_not_the_day_it_was_reported(text: str, day: str | None) -> None:
    assert days(events(text), "strike") == [day]


@pytest.mark.parametrize("text", [
    "On Wednesday, the Kremlin again reacted to questions about the strike on the village.",
    "Relatives held funerals on Wednesday for the victims of the strike on the market.",
])
def test_the_day_of_a_reaction_to_a_strike_does_not_date_it(text: str) -> None:
    assert days(events(text), "strike") != ["2024-03-13"]
