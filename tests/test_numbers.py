"""Numbers in digits and words, with qualifiers -> low/best/high (extract/figures/numbers.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.extract.figures.numbers import Quantity, find_quantities, parse_number, words_to_number


@pytest.mark.parametrize(("text", "value"), [
    ("seven", 7), ("twelve", 12), ("twenty-five", 25), ("a dozen", 12), ("1.5", 1.5), ("3,029", 3029),
    ("105,960", 105960), ("1 300", 1300), ("1\u00a0300", 1300), ("1\u202f300", 1300), ("1.2 million", 1_200_000),
    ("2m", 2_000_000), ("half a million", 500_000), ("two hundred and fifty", 250), ("a thousand", 1000),
    ("five thousand", 5000), ("ninety-nine", 99), ("5bn", 5_000_000_000),
])
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_words_to_number_rejects_other_words() -> None:
    assert words_to_number("seven dwarfs") is None
    assert words_to_number("") is None


def one(text: str) -> Quantity:
    found = [q for q in find_quantities(text) if q.countable]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "words", "low", "best", "high", "qualifier"), [
    ("400 died", "400", 400, 400, 400, "exact"),
    ("at least 89 soldiers", "at least 89", 89, 89, None, "at_least"),
    ("more than 600 troops", "more than 600", 601, 600, None, "more_than"),
    ("over 600 troops", "over 600", 601, 600, None, "more_than"),
    ("nearly 700 soldiers", "nearly 700", None, 700, 699, "nearly"),
    ("almost 700 soldiers", "almost 700", None, 700, 699, "nearly"),
    ("about 30 tanks", "about 30", None, 30, None, "about"),
    ("around 30 tanks", "around 30", None, 30, None, "about"),
    ("approximately 30 tanks", "approximately 30", None, 30, None, "about"),
    ("some 30 tanks", "some 30", None, 30, None, "about"),
    ("roughly 30 tanks", "roughly 30", None, 30, None, "about"),
    ("up to 10 drones", "up to 10", None, 10, 10, "up_to"),
    ("between 10 and 20 drones", "between 10 and 20", 10, 15, 20, "range"),
    ("10-20 drones", "10-20", 10, 15, 20, "range"),
    ("from 10 to 20 drones", "from 10 to 20", 10, 15, 20, "range"),
    ("hundreds were killed", "hundreds", 200, None, 999, "hundreds"),
    ("thousands of troops", "thousands", 2000, None, 9999, "thousands"),
    ("dozens of soldiers", "dozens", 24, None, 99, "dozens"),
    ("tens of thousands of troops", "tens of thousands", 20000, None, 99999, "thousands"),
    ("500 or more drones", "500 or more", 500, 500, None, "at_least"),
    ("at least seven explosions", "at least seven", 7, 7, None, "at_least"),
])
def test_qualifiers(text: str, words: str, low: float | None, best: float | None, high: float | None,
                    qualifier: str) -> None:
    q = one(text)
    assert (q.text, q.low, q.best, q.high, q.qualifier) == (words, low, best, high, qualifier)
    assert text[q.start:q.end] == q.text


@pytest.mark.parametrize("text", [
    "a 36-hour ceasefire", "a 45-year-old man", "the 93rd brigade", "BTR-82A carriers", "Su-34 jets",
    "S-300 systems", "at 115mph", "30km away", "dormitory number 28", "house No. 5", "in 2023",
    "24:00 on", "on 7/1 Kyiv time", "50% of them", "$5 million", "£20", "since 2014", "the 2nd battalion",
])
def test_not_counts(text: str) -> None:
    assert [q for q in find_quantities(text) if q.countable] == []


def test_one_of_is_not_a_count() -> None:
    assert find_quantities("one of the soldiers") == []
    assert one("one soldier was killed").best == 1


def test_list_of_numbers_in_order() -> None:
    text = "16 warships and boats, 552 planes and helicopters, and 711 missiles"
    assert [q.best for q in find_quantities(text)] == [16, 552, 711]


def test_year_like_numbers_are_flagged() -> None:
    q = one("2016 artillery systems")
    assert q.year_like and q.best == 2016
    assert not one("2,016 artillery systems").year_like


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_find_quantities_never_raises_and_points_at_words(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
        assert q.start < q.end


@pytest.mark.parametrize("text", ["hundred\u017f of people", "\u017feveral dozen men", "\u017fcores of them",
                                  "tens of thou\u017fands", "\u212a fighters"])
def test_unicode_case_forms_of_vague_amounts(text: str) -> None:
    """IGNORECASE takes the long s for s and the Kelvin sign for K; the amount is read, not a KeyError."""
    quantities = find_quantities(text)
    assert all(text[q.start:q.end] == q.text for q in quantities)
    if "dozen" in text:
        assert [(q.low, q.high) for q in quantities] == [(24, 99)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["at least", "more than", "nearly", "about", "up to", "between", "and", "-",
                                 "hundreds", "of", "seven", "twenty", "-", "five", "1,000", "3 000", "2.5",
                                 "million", "m", "a dozen", "tanks", "or more", "+", "to", " ", "\u00a0"]),
                max_size=12))
def test_number_soup_is_consistent(parts: list[str]) -> None:
    text = " ".join(parts)
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
        if q.low is not None and q.high is not None:
            assert q.low <= q.high


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["between", "from", "at least", "no fewer than", "some", "10", "1,000", "3 000",
                                 "to", "and", "-", "twenty", "five", "hundreds", "x1", "Su-34", "$5", "tens of",
                                 "thousands", "a dozen", "half a million", ".", ",", "\n", "tanks", "or more"]),
                max_size=15))
def test_anchor_scan_equals_full_scan(parts: list[str]) -> None:
    from claimledger.extract.figures import numbers
    text = " ".join(parts)
    full = [(m.start(), m.end()) for m in numbers._NUMBER.finditer(text)]
    assert [(m.start(), m.end()) for m in numbers._matches(text)] == full


@pytest.mark.parametrize(("text", "low", "high"), [
    ("two or three drones", 2, 3),
    ("two-three tanks", 2, 3),
    ("20 or 30 people", 20, 30),
])
def test_spelled_and_joined_ranges(text: str, low: float, high: float) -> None:
    (q,) = find_quantities(text)
    assert (q.qualifier, q.low, q.high) == ("range", low, high)


def test_twenty_three_is_one_number() -> None:
    (q,) = find_quantities("twenty-three soldiers")
    assert (q.qualifier, q.best) == ("exact", 23)


def test_a_number_never_runs_across_a_line_break() -> None:
    from claimledger.extract.figures.numbers import find_quantities

    text = "Toll from the strike rises to seven\nSeven people were killed and twenty\nthree wounded"
    assert [(text[q.start:q.end], q.best) for q in find_quantities(text)] == [
        ("seven", 7.0), ("Seven", 7.0), ("twenty", 20.0), ("three", 3.0)]
    assert [q.best for q in find_quantities("twenty-three wounded, one hundred and twenty missing")] == [23.0, 120.0]


@pytest.mark.parametrize(("text", "number", "qualifier"), [
    ("The envoy wanted to learn more about two sailors held in the east.", "two", "exact"),
    ("Officials spoke about 40 prisoners freed on Friday.", "40", "exact"),
    ("The mayor was asked about 12 soldiers who went missing.", "12", "exact"),
    ("About 40 people were killed, officials said.", "About 40", "about"),
    ("The strike killed about 40 people.", "about 40", "about"),
])
def test_about_after_a_word_of_speaking_or_knowing_is_no_estimate(text: str, number: str, qualifier: str) -> None:
    from claimledger.extract.figures.numbers import find_quantities

    found = [(text[q.start:q.end], q.qualifier) for q in find_quantities(text)]
    assert (number, qualifier) in found, found
