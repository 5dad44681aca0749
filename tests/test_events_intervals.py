"""Ceasefire intervals, prisoner swaps, rejected peace terms and toll dates on our own sentences."""

from __future__ import annotations

import pytest

from claimledger.extract import extract
from claimledger.extract.times.dates import find_times
from claimledger.records import EventMention

from .conftest import full_pipeline, make_article

nlp = full_pipeline  # one pipeline per test process


def events(text: str, published: str) -> list[EventMention]:
    article = make_article(text, published=published, article_id="int00000")
    return list(extract(article, nlp()).events)


def of_type(found: list[EventMention], *types: str) -> list[EventMention]:
    return [e for e in found if e.type in types]


@pytest.mark.parametrize("text, start, end", [
    ("Kremlin orders holiday truce\nThe Russian leader told the army to stand down over Orthodox Christmas. "
     "Units are to hold fire from noon on January 6 until midnight on January 7, Moscow time, the Kremlin said.",
     "2023-01-06T12:00:00+03:00", "2023-01-08T00:00:00+03:00"),
    ("MOSCOW, Jan 5 - Russia declared a Christmas ceasefire on Thursday. Its troops will stop shooting "
     "from 12:00 on January 6 to 24:00 on January 7, the defence ministry said.",
     "2023-01-06T12:00", "2023-01-08T00:00"),
    ("Putin announces 36-hour truce for Christmas\nThe pause in fighting runs from noon on January 6 "
     "until midnight on January 7, Moscow time.", "2023-01-06T12:00:00+03:00", "2023-01-08T00:00:00+03:00"),
])
def test_a_stated_interval_dates_the_ceasefire_over_a_holiday(text: str, start: str, end: str) -> None:
    declared = of_type(events(text, "2023-01-05"), "ceasefire_declared")
    assert declared, text
    assert (declared[0].date_start, declared[0].date_end) == (start, end)


def test_a_yearless_interval_start_stays_in_its_end_s_season() -> None:
    found = [t for t in find_times("Putin ordered a ceasefire from noon on January 6 until midnight on "
                                   "January 7, Moscow time, over Orthodox Christmas.", "2023-01-05")
             if t.kind == "interval"]
    assert found and str(found[0].end).startswith(str(found[0].value)[:4])


@pytest.mark.parametrize("text", [
    "Russia and Ukraine exchanged 230 prisoners in a UAE-mediated swap on Wednesday.",
    "KYIV - Ninety-five Ukrainian soldiers returned home in an exchange on Wednesday, the president said.",
    "The two sides carried out a prisoner swap brokered by Turkey, officials in Moscow said on Wednesday.",
])
def test_a_prisoner_swap_is_a_negotiation(text: str) -> None:
    swaps = of_type(events(text, "2024-01-03"), "negotiation")
    assert swaps and swaps[0].date_start == "2024-01-03", text


def test_an_exchange_of_fire_is_no_swap() -> None:
    assert not of_type(events("Troops exchanged fire near the village overnight.", "2024-01-03"), "negotiation")


@pytest.mark.parametrize("text", [
    "Kyiv rejected Putin's conditions as an ultimatum on Friday.",
    "Ukraine's foreign ministry called the Kremlin's proposal absurd and manipulative.",
    "Zelensky dismissed the peace terms offered by Moscow, his office said.",
])
def test_rejected_peace_terms_are_a_rejection(text: str) -> None:
    assert of_type(events(text, "2024-06-14"), "ceasefire_rejected"), text


@pytest.mark.parametrize("text", [
    "The death toll in Dnipro rose to 40 on Monday after Saturday's strike, officials said.",
    "DNIPRO (AP) - The number of dead in Dnipro climbed to 40 on Monday. The building was hit on Saturday.",
    "At least 40 people died when a missile hit a block of flats in Dnipro on Saturday; the toll rose on Monday.",
])
def test_a_toll_update_keeps_the_strike_s_own_day(text: str) -> None:
    found = of_type(events(text, "2023-01-16"), "strike", "casualty_report")
    assert found and all(e.date_start in ("2023-01-14", None) for e in found), text
    assert any(e.date_start == "2023-01-14" for e in found), text


def test_an_undated_toll_stays_undated() -> None:
    found = of_type(events("Forty people were killed in Dnipro, officials said.", "2023-01-16"),
                    "strike", "casualty_report")
    assert found and all(e.date_start is None for e in found), found
    found = of_type(events("Forty people have been killed in the region since the offensive began, the governor "
                           "said.", "2024-08-20"), "casualty_report")
    assert found and found[0].date_start == "2024-08-20"  # a running toll is as of its report
