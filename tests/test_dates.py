"""The date normaliser on our own sentences, one phrasing family at a time."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.extract.times.dates import as_anchor, day_of, find_times, normalise
from claimledger.records import TimeExpression


def times(text: str, anchor: str | None, **kw: str) -> dict[str, TimeExpression]:
    found = find_times(text, anchor, **kw)
    for t in found:
        assert text[t.span.start:t.span.end] == t.span.text
    return {t.span.text: t for t in found}


def value(text: str, anchor: str | None, words: str) -> str | None:
    found = times(text, anchor)
    assert words in found, f"{words!r} not found in {sorted(found)}"
    return found[words].value


# ------------------------------------------------------------------ wire-agency style
WIRE = ("KYIV, Jan 8 (Wire) - Explosions shook the city overnight, officials said on Sunday. "
        "The defence ministry said on Saturday it had struck a depot near the front at 11pm Moscow time. "
        "A week earlier, on January 1, a missile hit a barracks shortly after midnight on New Year's Day.")


def test_wire_dateline_weekdays_and_zones() -> None:
    found = times(WIRE, "2023-01-08")
    assert found["Jan 8"].value == "2023-01-08"
    assert found["overnight"].value == "2023-01-08"
    assert found["Sunday"].value == "2023-01-08"
    assert found["Saturday"].value == "2023-01-07"
    # a time with no date of its own takes the sentence's date, Moscow's offset that day
    assert found["11pm Moscow time"].value == "2023-01-07T23:00:00+03:00"
    assert found["January 1"].value == "2023-01-01"
    assert found["shortly after midnight on New Year's Day"].value == "2023-01-01T00:00"
    assert found["shortly after midnight on New Year's Day"].kind == "time"


# ------------------------------------------------------------------ Russian state media style
STATE = ("The head of state told the army to hold fire from 18:00 on March 2 to 24:00 on March 3, "
         "his press office announced. A second pause is timed to Orthodox Christmas. "
         "The 30-hour pause was described as a goodwill gesture.")


def test_interval_rolls_24h_and_durations_are_not_dates() -> None:
    found = times(STATE, "2023-03-01")
    interval = found["18:00 on March 2 to 24:00 on March 3"]
    assert (interval.kind, interval.value, interval.end) == ("interval", "2023-03-02T18:00", "2023-03-04T00:00")
    assert found["Orthodox Christmas"].value == "2023-01-07"
    assert (found["30-hour"].kind, found["30-hour"].value) == ("duration", "PT30H")
    assert not any(t.value and t.value.startswith("19") for t in found.values())


def test_interval_with_zone_carries_offsets() -> None:
    text = "The pause ran from 12:00 Moscow time on January 6 until midnight on January 7."
    found = times(text, "2023-01-05")
    (interval,) = [t for t in found.values() if t.kind == "interval"]
    assert interval.value == "2023-01-06T12:00:00+03:00"
    assert interval.end == "2023-01-08T00:00:00+03:00"


def test_default_timezone_applies_only_without_a_stated_zone() -> None:
    text = "Sirens sounded at 23:00 on 7 January and again at 4h00 GMT on 8 January."
    found = times(text, "2023-01-08", default_timezone="Europe/Kyiv")
    assert found["23:00 on 7 January"].value == "2023-01-07T23:00:00+02:00"
    assert found["4h00 GMT on 8 January"].value == "2023-01-08T04:00:00+00:00"
    plain = times(text, "2023-01-08")
    assert plain["23:00 on 7 January"].value == "2023-01-07T23:00"


# ------------------------------------------------------------------ Ukrainian / European media style
EURO = ("The shelling began after 22h on 6/1 Kyiv time (3h00 on 7/1 Hanoi time). "
        "Air defence downed drones in the early hours of Sunday, the command wrote on 8/1/2023.")


def test_day_first_numeric_dates_and_city_zones() -> None:
    found = times(EURO, "2023-01-08")
    assert found["22h on 6/1 Kyiv time"].value == "2023-01-06T22:00:00+02:00"
    assert found["3h00 on 7/1 Hanoi time"].value == "2023-01-07T03:00:00+07:00"
    early = found["in the early hours of Sunday"]
    assert (early.kind, early.value, early.end) == ("interval", "2023-01-08T00:00", "2023-01-08T06:00")
    assert found["8/1/2023"].value == "2023-01-08"


def test_numeric_ambiguity_takes_reading_nearest_publication() -> None:
    # 1/12 read day-first is 1 December; month-first 12 January, nearer to a mid-January anchor
    assert value("The order was signed on 1/12 in the capital.", "2023-01-14", "1/12") == "2023-01-12"
    # a tie goes to the day-first reading
    assert value("It was signed on 3/3 last year.", "2023-03-10", "3/3") == "2023-03-03"
    # impossible month-first readings are never chosen
    assert value("Signed on 25/12.", "2023-01-05", "25/12") == "2022-12-25"


@pytest.mark.parametrize("text", ["He works 24/7.", "Half of them, 1/2, left.", "a ratio of 3/4 in 2.5 days"])
def test_fractions_and_slogans_are_not_dates(text: str) -> None:
    assert not [t for t in find_times(text, "2023-01-08") if t.kind in ("date", "time") and t.value
                and t.value[:1].isdigit() and "/" in t.span.text]


# ------------------------------------------------------------------ tabloid style
TABLOID = ("TYRANT'S TRUCE: The despot's forces pounded the town yesterday, hours after a 45-year-old "
           "commander boasted of 115mph drones. This week footage emerged; last week 24 tanks were lost. "
           "Earlier this month the regime claimed success, and last month it lost 1,918 vehicles.")


def test_tabloid_relative_expressions_and_non_dates() -> None:
    found = times(TABLOID, "2023-01-05")
    assert found["yesterday"].value == "2023-01-04"
    assert found["This week"].value == "2023-W01"
    assert found["last week"].value == "2022-W52"
    assert found["Earlier this month"].value == "2023-01"
    assert found["last month"].value == "2022-12"
    assert "45-year" not in " ".join(found)
    assert not any("115" in k or "24" == k or "1,918" in k or "918" in k for k in found)


# ------------------------------------------------------------------ normalise(), one expression at a time
ANCHOR = dt.date(2023, 3, 22)  # a Wednesday


@pytest.mark.parametrize(("expression", "expected"), [
    ("this week", "2023-W12"), ("last week", "2023-W11"), ("the past week", "2023-W11"),
    ("earlier this month", "2023-03"), ("last month", "2023-02"), ("this year", "2023"),
    ("last year", "2022"), ("next year", "2024"), ("yesterday", "2023-03-21"), ("today", "2023-03-22"),
    ("tonight", "2023-03-22TNI"), ("last night", "2023-03-21TNI"), ("Tuesday", "2023-03-21"),
    ("Wednesday", "2023-03-22"), ("Thursday", "2023-03-16"), ("next Thursday", "2023-03-23"),
    ("last Wednesday", "2023-03-15"), ("Friday afternoon", "2023-03-17TAF"),
    ("Christmas", "2022-12-25"), ("Christmas Eve", "2022-12-24"), ("New Year's Eve", "2022-12-31"),
    ("New Year’s Day", "2023-01-01"), ("Orthodox Christmas", "2023-01-07"), ("Victory Day", "2023-05-09"),
    ("August", "2022-08"), ("May", "2023-05"), ("early December", "2022-12"), ("late last July", "2022-07"),
    ("last summer", "2022-SU"), ("May 2010", "2010-05"), ("Feb. 28", "2023-02-28"), ("April 7", "2023-04-07"),
    ("24 February 2022", "2022-02-24"), ("February 24", "2023-02-24"), ("the 1990s", "199"),
    ("the 20th century", "19"), ("four years ago", "2019"), ("three days ago", "2023-03-19"),
    ("now", "PRESENT_REF"), ("the past", "PAST_REF"), ("noon", "2023-03-22T12:00"),
    ("midnight", "2023-03-22T00:00"), ("11pm", "2023-03-22T23:00"), ("4h00", "2023-03-22T04:00"),
    ("23:00", "2023-03-22T23:00"), ("8 p.m.", "2023-03-22T20:00"), ("2023-01-07", "2023-01-07"),
    ("36-hour", "PT36H"), ("1.5 days", "P1.5D"), ("three years", "P3Y"), ("a decade", "P10Y"),
    ("several days", "PXD"), ("twenty-four hours", "PT24H"), ("every morning", "XXXX-XX-XXTMO"),
    ("1500 GMT", "2023-03-22T15:00:00+00:00"), ("mid-2022", "2022"), ("Easter", "2023-04-09"),
])
def test_normalise_families(expression: str, expected: str) -> None:
    assert normalise(expression, ANCHOR).value == expected


def test_normalise_kinds_and_intervals() -> None:
    result = normalise("from 08:00 on 2 March to 24:00 on 3 March", dt.date(2023, 3, 1))
    assert (result.kind, result.value, result.end) == ("interval", "2023-03-02T08:00", "2023-03-04T00:00")
    assert normalise("January 6-7", dt.date(2023, 1, 5)).end == "2023-01-07"
    assert normalise("36-hour", ANCHOR).kind == "duration"
    assert normalise("daily", ANCHOR).kind == "set"


def test_future_cues_turn_weekdays_and_dates_forward() -> None:
    found = times("Talks will resume on Friday in Istanbul.", "2023-03-22")
    assert found["Friday"].value == "2023-03-24"
    found = times("Talks resumed on Friday in Istanbul.", "2023-03-22")
    assert found["Friday"].value == "2023-03-17"
    # a year-less date is the nearest occurrence, the past preferred unless the future is much nearer
    assert value("It happened on 20 March.", "2023-03-22", "20 March") == "2023-03-20"
    assert value("Elections are due on 25 March.", "2023-03-22", "25 March") == "2023-03-25"


def test_no_anchor_leaves_relative_expressions_unresolved() -> None:
    found = times("Yesterday, on Friday, on 8/1 and on January 6, 2023 at 12:00 GMT; a 36-hour truce.", None)
    assert found["Yesterday"].value is None
    assert found["Friday"].value is None
    assert found["8/1"].value is None
    assert found["January 6, 2023 at 12:00 GMT"].value == "2023-01-06T12:00:00+00:00"
    assert found["36-hour"].value == "PT36H"
    assert normalise("last week", None).value is None


@pytest.mark.parametrize("text", [
    "a 45-year-old man", "speeds of 115mph", "24 people died", "a population of 2010 residents",
    "it cost $2020", "the 1,999 soldiers", "version 3.14", "scored 2:1", "the SUN reported",
])
def test_non_dates(text: str) -> None:
    assert [t for t in find_times(text, "2023-01-08") if t.kind in ("date", "time", "interval")] == []


def test_ages_are_not_durations() -> None:
    assert find_times("The 45-year-old and a six-year-old girl were hurt.", "2023-01-08") == []


def test_helpers() -> None:
    assert as_anchor("2023-01-05T10:00:00+02:00") == dt.date(2023, 1, 5)
    assert as_anchor("not a date") is None
    assert as_anchor(dt.datetime(2023, 1, 5, 23, 0)) == dt.date(2023, 1, 5)
    assert day_of("2023-01-06T12:00:00+03:00") == "2023-01-06"
    assert day_of("2023-W01") is None and day_of(None) is None


def test_dst_offsets_follow_the_date() -> None:
    summer = times("Strikes hit at 03:00 Kyiv time on 10 July 2023.", None)
    assert summer["03:00 Kyiv time on 10 July 2023"].value == "2023-07-10T03:00:00+03:00"
    winter = times("Strikes hit at 03:00 Kyiv time on 10 January 2023.", None)
    assert winter["03:00 Kyiv time on 10 January 2023"].value == "2023-01-10T03:00:00+02:00"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()), st.text(max_size=12)))
def test_find_times_never_raises(text: str, anchor: str | None) -> None:
    for t in find_times(text, anchor):
        assert text[t.span.start:t.span.end] == t.span.text
        assert t.kind in ("date", "time", "duration", "set", "interval")


DATEISH = st.lists(st.sampled_from([
    "on", "at", "from", "to", "until", "January", "Friday", "7/1", "24:00", "12:00", "23h", "4h00", "noon",
    "midnight", "GMT", "Kyiv time", "local time", "last", "next", "week", "36-hour", "1.5", "days", "the",
    "early", "hours", "of", "2023", "31", "February", "29", "between", "and", "-", ",", "(", ")", "overnight",
    "tonight", "Christmas", "ago", "3", "years", "0", "99/99", "9999-99-99", "00:00", "24h",
    "999999999", "weeks", "in", "will", "the next day", "the previous day", "9999-12-31", "0001-01-01", "Easter",
    "last summer", "over the weekend", "31.12.9999", "the end of the year", "1800s", "'90s", "Orthodox Easter",
]), max_size=14).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(DATEISH, st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))))
def test_dateish_word_salad_never_raises(text: str, anchor: dt.date | None) -> None:
    for t in find_times(text, anchor, default_timezone="Europe/Kyiv"):
        assert text[t.span.start:t.span.end] == t.span.text
    normalise(text, anchor)


def test_in_n_units_with_a_future_cue_is_a_date() -> None:
    found = times("The envoy will return in two weeks; the siege lasted in all three weeks.", "2023-03-22")
    assert found["two weeks"].value == "2023-04-05"
    assert found["three weeks"].value == "P3W"
    assert value("Elections are expected in six months.", "2023-03-22", "six months") == "2023-09"


def test_past_tense_cues_and_infinitives() -> None:
    # past tense pulls a year-less date back; an infinitive after it does not
    assert value("Troops crossed the border on February 24.", "2023-01-05", "February 24") == "2022-02-24"
    assert value("The bishop urged both sides to observe Orthodox Christmas.", "2023-01-05",
                 "Orthodox Christmas") == "2023-01-07"
    assert value("The truce is timed to Orthodox Christmas.", "2023-01-05", "Orthodox Christmas") == "2023-01-07"


def test_weekends_period_edges_and_night_spans() -> None:
    found = times("Drones attacked overnight into Sunday. Over the weekend shelling went on. Over the past day "
                  "there were 40 clashes. By the end of the year, talks. Before dawn on Friday a blast shook the "
                  "port. On the night of January 7-8 it was calm. Talks will take place at the weekend.",
                  "2023-01-09")
    assert found["overnight into Sunday"].value == "2023-01-08"
    assert [t.value for t in find_times("Over the weekend it rained, and they will meet at the weekend.", "2023-01-09")
            ] == ["2023-W01-WE", "2023-W02-WE"]
    assert found["the past day"].value == "P1D"
    assert found["the end of the year"].value == "2023"
    assert found["dawn on Friday"].value == "2023-01-06TMO"
    night = found["January 7-8"]
    assert (night.kind, night.value, night.end) == ("interval", "2023-01-07", "2023-01-08")


def test_anaphoric_days_count_from_the_last_date() -> None:
    found = times("The ministry spoke on January 8. Later on the same day, blasts were heard. "
                  "The next day at 10:00 sirens sounded.", "2023-01-12")
    assert found["the same day"].value == "2023-01-08"
    assert found["The next day at 10:00"].value == "2023-01-09T10:00"
    assert "the day before" not in times("It was calm the day before the attack.", "2023-01-12")


def test_clock_variants_and_fractions() -> None:
    found = times("The blast came at 17.30, though prices rose to 17.30 per cent; at 0400 hrs troops moved "
                  "and at 1500 hours the guns fell silent after 1500 hours of shelling.", "2022-10-15")
    assert found["17.30"].value == "2022-10-15T17:30"
    assert found["0400 hrs"].value == "2022-10-15T04:00"
    assert [t.value for t in find_times("at 1500 hours, after 1500 hours of shelling", "2022-10-15")] == [
        "2022-10-15T15:00", "PT1500H"]
    assert times("They hold 1/5 of the land; on 7/1 it changed.", "2023-01-08").keys() == {"7/1"}
    assert value("Since 9/11 the world changed.", "2022-10-15", "9/11") == "2001-09-11"


def test_normalised_unpacks_as_a_triple() -> None:
    value_, end, kind = normalise("from noon on Friday until midnight on Saturday", dt.date(2023, 1, 9))
    assert (value_, end, kind) == ("2023-01-06T12:00", "2023-01-08T00:00", "interval")


def test_a_past_tense_order_does_not_push_a_near_date_a_year_back() -> None:
    import datetime as _dt

    from claimledger.extract.times.dates import find_times as _find

    found = _find("The president ordered a truce from noon on March 2 until midnight on March 3.", _dt.date(2024, 3, 1))
    assert [(t.value, t.end) for t in found] == [("2024-03-02T12:00", "2024-03-04T00:00")]
    far = _find("The ministry said the attack happened on November 20.", _dt.date(2024, 3, 1))
    assert [t.value for t in far] == ["2023-11-20"]


@pytest.mark.parametrize(("text", "anchor", "words", "expected"), [
    ("Shelled towns reveal the army's true attitude toward Easter.", "2025-04-19", "Easter", "2025-04-20"),
    ("Drones targeted the capital ahead of Orthodox Christmas.", "2025-01-05", "Orthodox Christmas", "2025-01-07"),
    ("Last Easter the drones attacked the city.", "2025-04-19", "Last Easter", "2024-03-31"),
    ("The city was shelled on Easter.", "2025-04-25", "Easter", "2025-04-20"),
    ("The city was shelled on Christmas Day.", "2024-06-01", "Christmas Day", "2023-12-25"),
])
def test_a_holiday_days_away_beats_a_tense_cue_pointing_a_year_back(text: str, anchor: str, words: str,
                                                                     expected: str) -> None:
    assert value(text, anchor, words) == expected
