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
    ("The cruiser Moskva sank off Odesa in April.", "Moscow", "Odesa"),
    ("Two sailors died when the Moskva missile cruiser sank south of Odesa.", "Moscow", "Odesa"),
    ("The Kerch landing ship was damaged near Feodosia, the navy said.", "Kerch", "Feodosiya"),
    ("Officials said the Moskva, the fleet's flagship, was hit by missiles fired from Odesa.", "Moscow", "Odesa"),
    ("Satellite images showed the Moskva listing badly before it sank near Odesa.", "Moscow", "Odesa"),
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


@pytest.mark.parametrize("text, present", [
    ("The Kyiv government said drones hit Lviv overnight.", "Lviv"),
    ("Drones hit the Odesa port and the Kharkiv region overnight.", "Odesa"),
    ("Missiles struck Kharkiv on Monday and the city was without power.", "Kharkiv"),
    ("Fighting raged in the Pokrovsk and Kurakhove directions, the army said.", "Pokrovsk"),
    ("Drones hit the Belgorod, Kursk and Bryansk regions overnight.", "Kursk"),
    ("The Moscow-installed governor of the region said a drone hit a depot.", "Moscow"),
])
def test_a_town_that_modifies_a_noun_after_the_stays_a_place(text: str, present: str) -> None:
    assert present in places(text)


@pytest.mark.parametrize("text, absent", [
    ("The Office of the UN High Commissioner for Human Rights said 20 civilians died in shelling.", "Uman"),
    ("Human rights groups said the shelling of the village killed 20 civilians.", "Uman"),
    ("President Volodymyr Zelensky said the city of Sumy was hit overnight.", "Volodymyr-Volynskyi"),
])
def test_english_words_that_geonames_lists_as_other_names_of_towns_are_no_places(text: str, absent: str) -> None:
    assert absent not in places(text)


def test_the_town_itself_is_still_found() -> None:
    assert "Uman" in places("A drone hit a hotel in Uman overnight, the mayor said.")


@pytest.mark.parametrize("text, present", [
    ("Hundreds sheltered in the Mariupol Drama Theatre when it was bombed.", "Mariupol"),
    ("Missiles hit the Kramatorsk Railway Station on Friday.", "Kramatorsk"),
])
def test_the_town_in_a_facility_name_is_where_it_stands(text: str, present: str) -> None:
    assert present in places(text)


def test_the_town_in_an_organisation_name_is_no_place() -> None:
    assert "Kyiv" not in places("The Kyiv Independent reported the strike on Odesa.")
