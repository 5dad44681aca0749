"""The sides of a conflict: one list of side words in the profile's sides.yaml, read by every component."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.errors import ConfigError
from claimledger.extract import extract
from claimledger.extract.claims.actors import ActorIndex
from claimledger.extract.vocabulary.sides import Sides, written_as
from claimledger.profiles import Profile, load_profile

from .conftest import full_pipeline, make_article


def test_bundled_profile_declares_the_spec_sides() -> None:
    sides = Sides.from_profile(load_profile("russia-ukraine"))
    spec = {"russia", "ukraine", "belarus", "united_states", "poland", "nato", "eu", "un", "other_state",
            "independent", "unknown"}
    assert sides.vocabulary == spec
    assert sides.opposites == {"russia": "ukraine", "ukraine": "russia"}
    assert sides.country_side("UA") == "ukraine" and sides.country_side("fr") == "other_state"
    assert sides.country_side(None) is None and sides.party_of_country("FR") is None


def test_case_rule_keeps_acronyms_apart_from_words() -> None:
    assert written_as("US", "US") and not written_as("US", "us")
    assert written_as("Polish", "POLISH") and not written_as("Polish", "polish")
    assert written_as("occupiers", "Occupiers") and written_as("occupiers", "occupiers")
    sides = Sides.from_profile(load_profile("russia-ukraine"))
    assert sides.side_of_word("Kyiv's") == "ukraine"
    assert sides.side_of_word("RUSSIAN") == "russia"
    assert sides.side_of_word("us") is None and sides.side_of_word("US") == "united_states"


def test_one_word_list_feeds_actors_figures_and_events() -> None:
    # "occupiers" and "Zelensky" were only figures' side words before the lists became one.
    index = ActorIndex.from_profile(load_profile("russia-ukraine"))
    assert index.side_of_words("the occupiers' command") == "russia"
    assert index.side_of_words("Zelensky's office") == "ukraine"
    assert index.side_of_words("a polish on the boots") is None  # lower-case "polish" is no side
    text = "Polish officials said 3 drones of the occupiers were shot down over Lviv."
    extraction = extract(make_article(text), full_pipeline())
    assert [(f.measure, f.subject_side, f.best, f.claimant.side) for f in extraction.figures] == [
        ("drones", "russia", 3, "poland")]


def _profile(tmp_path: Path, sides_yaml: str, actors_yaml: str = "") -> Profile:
    (tmp_path / "profile.yaml").write_text("name: another-war\nversion: '1'\n", encoding="utf-8")
    (tmp_path / "sides.yaml").write_text(sides_yaml, encoding="utf-8")
    if actors_yaml:
        (tmp_path / "actors.yaml").write_text(actors_yaml, encoding="utf-8")
    return load_profile(str(tmp_path))


def test_another_conflicts_sides_are_accepted(tmp_path: Path) -> None:
    profile = _profile(
        tmp_path,
        "sides:\n  north: {label: Northern forces, opposite: south, countries: [NN], words: [Northern, Nordia]}\n"
        "  south: {label: Southern forces, opposite: north, countries: [SS], words: [Southern, Sudia]}\n",
        "actors:\n  - {id: nmod, name: Nordian Defence Ministry, side: north, kind: official, type: organisation,\n"
        "     aliases: [Nordian Defence Ministry]}\n")
    index = ActorIndex.from_profile(profile)
    assert index.specs["nmod"].side == "north"
    assert index.side_of_words("Southern commanders said") == "south"
    assert index.country_side("SS") == "south" and index.country_side("UA") == "other_state"


@pytest.mark.parametrize("sides_yaml", [
    "sides: [north, south]\n",  # not a mapping
    "sides:\n  north: {words: Northern}\n",  # words not a list
    "sides:\n  north: {opposite: west, words: [Northern]}\n",  # opposite is no side
    "sides:\n  north: {words: [Border]}\n  south: {words: [Border]}\n",  # one word, two sides
])
def test_malformed_sides_are_a_config_error(tmp_path: Path, sides_yaml: str) -> None:
    with pytest.raises(ConfigError) as info:
        Sides.from_profile(_profile(tmp_path, sides_yaml))
    assert info.value.code == "CL107"


def test_an_actor_of_an_undeclared_side_is_refused(tmp_path: Path) -> None:
    profile = _profile(tmp_path, "sides:\n  north: {words: [Northern]}\n",
                       "actors:\n  - {id: x, name: X, side: mars, kind: official}\n")
    with pytest.raises(ConfigError, match="sides.yaml"):
        ActorIndex.from_profile(profile)


def test_a_ukrainian_unit_named_after_a_sea_names_ukraine_only_as_a_unit() -> None:
    index = ActorIndex.from_profile(load_profile("russia-ukraine"))
    assert index.side_of_words("a deputy commander of the Azov regiment") == "ukraine"
    assert index.side_of_words("veterans of the Azov Brigade") == "ukraine"
    assert index.side_of_words("ships in the Sea of Azov") is None  # the sea is no side
