"""Who claims a figure and whose people it counts: trailing perfect-tense attributions,
the "Source:/Details:" layout, foreign states' sides and capture verbs (our own sentences)."""

from __future__ import annotations

import pytest

from claimledger.extract import extract
from claimledger.records import Figure

from .conftest import full_pipeline, make_article

nlp = full_pipeline  # one pipeline per test process


def figures(text: str) -> list[Figure]:
    art = make_article(text, published="2024-12-20", article_id="attr0001", outlet="Test Outlet")
    return list(extract(art, nlp()).figures)


def one(figs: list[Figure], number: str) -> Figure:
    found = [f for f in figs if f.number.text == number]
    assert found, [(f.number.text, f.measure) for f in figs]
    return found[-1]


@pytest.mark.parametrize("text", [
    "ABOUT 300 North Korean soldiers have been killed and another 2,700 wounded in Russia's Kursk region, "
    "South Korean spies have revealed.",
    "About 300 North Korean troops have been killed and another 2,700 wounded in the Kursk region, "
    "South Korea's spy agency has said.",
])
def test_trailing_foreign_intelligence_attribution(text: str) -> None:
    figs = figures(text)
    killed, wounded = one(figs, text.split()[0] + " 300"), one(figs, "2,700")
    assert (killed.measure, killed.subject_side, killed.best) == ("killed", "other_state", 300)
    assert (wounded.measure, wounded.subject_side, wounded.best) == ("wounded", "other_state", 2700)
    for f in (killed, wounded):
        assert (f.claimant.side, f.claimant.kind) == ("other_state", "official")


def test_trailing_perfect_tense_air_force() -> None:
    f = one(figures("Russia launched 188 drones overnight, the Air Force of Ukraine has reported."), "188")
    assert (f.measure, f.subject_side, f.claimant.side, f.claimant.kind) == ("drones", "russia", "ukraine", "official")


def test_seoul_intelligence_service_is_other_state() -> None:
    f = one(figures("Seoul's National Intelligence Service said about 100 North Korean soldiers had been killed."),
            "about 100")
    assert (f.measure, f.subject_side, f.claimant.side, f.claimant.kind) == ("killed", "other_state", "other_state",
                                                                           "official")


def test_source_details_layout() -> None:
    text = ("Ukraine's air defence downed most drones overnight.\n\n"
            "Source: Ukraine's Air Force on Telegram\n\n"
            "Details: Ukrainian air defence shot down 76 drones over 17 oblasts. Another 95 drones were lost in "
            "location, while five drones flew towards Belarus.\n\n"
            "Quote: \"In total, 171 drones were launched.\"\n\n"
            "Background: Russia launched 120 drones last week, according to reports.")
    figs = figures(text)
    for number in ("76", "95", "five", "171"):
        f = one(figs, number)
        assert (f.measure, f.claimant.side, f.claimant.kind) == ("drones", "ukraine", "official"), number
    assert one(figs, "120").claimant.kind == "outlet"


def test_capture_verb_governs_a_described_count() -> None:
    f = one(figures("Ukraine said it had captured two wounded North Korean fighters in the Kursk region."), "two")
    assert (f.measure, f.subject_side, f.best, f.claimant.side) == ("captured", "other_state", 2, "ukraine")


@pytest.mark.parametrize(("text", "number", "side", "measure"), [
    ("Zelensky claimed that more than 3,000 of Kim Jong Un's men had been killed or wounded, "
     "a figure that could not be independently verified.", "more than 3,000", "other_state", "killed_or_wounded"),
    ("More than 1,000 of Putin's troops were killed in a single day, Ukraine's General Staff has said.",
     "More than 1,000", "russia", "killed"),
])
def test_possessive_people_take_the_possessor_side(text: str, number: str, side: str, measure: str) -> None:
    f = one(figures(text), number)
    assert f.subject_side == side and f.claimant.side == "ukraine" and f.qualifier == "more_than"
    assert f.measure == measure


def test_according_to_first_listed_state() -> None:
    f = one(figures("Around 11,000 soldiers dispatched to Russia by Pyongyang have taken part in the fighting, "
                    "according to US and South Korean officials."), "Around 11,000")
    assert (f.measure, f.claimant.side) == ("troops", "united_states")
