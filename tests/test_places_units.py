"""Place names inside vessel and unit names are no place mentions; Russian-style spellings geocode."""

from __future__ import annotations

import pytest

from claimledger.extract import extract
from claimledger.extract.vocabulary.gazetteer import load_gazetteer

from .conftest import full_pipeline, make_article

nlp = full_pipeline  # one pipeline per test process


def places(text: str) -> list[str]:
    article = make_article(text, article_id="pl000000")
    return [p.place.name for p in extract(article, nlp()).places]


@pytest.mark.parametrize("text, absent, present", [
    ("Ukraine hit a dry dock in Sevastopol, damaging a landing ship and a Rostov-on-Don submarine.",
     "Rostov-on-Don", "Sevastopol"),
    ("Troops of the \"Seversk\" group of forces repelled attacks near Kupyansk, the ministry said.",
     "Siversk", "Kupiansk"),
    ("The Dnipro battalion fought in Mariupol for weeks.", "Dnipro", "Mariupol"),
    ("The cruiser Moskva sank off Odesa in April.", "Moskva", "Odesa"),
])
def test_vessel_and_unit_names_are_no_places(text: str, absent: str, present: str) -> None:
    found = places(text)
    assert absent not in found and present in found, found


@pytest.mark.parametrize("spelling, name", [
    ("Avdeyevka", "Avdiivka"), ("Artyomovsk", "Bakhmut"), ("Kupyansk", "Kupiansk"), ("Ugledar", "Vuhledar"),
    ("Maryinka", "Marinka"), ("Krasnoarmeysk", "Pokrovsk"), ("Chasov Yar", "Chasiv Yar"),
    ("Volchansk", "Vovchansk"), ("Zaporozhye", "Zaporizhzhia"), ("Nikolayev", "Mykolaiv"), ("Kharkov", "Kharkiv"),
    ("Selidovo", "Selydove"), ("Dzerzhinsk", "Toretsk"), ("Kurakhovo", "Kurakhove"),
    ("Velikaya Novoselka", "Velyka Novosilka"), ("Kherson", "Kherson"), ("Sumy", "Sumy"),
])
def test_russian_style_transliterations_geocode_to_the_ukrainian_town(spelling: str, name: str) -> None:
    place = load_gazetteer("russia-ukraine").lookup(spelling)
    assert place is not None and place.name == name and place.country == "UA"
