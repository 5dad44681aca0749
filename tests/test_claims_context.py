"""Claimants found from context: attribution after the content, label layouts, colon headlines,
states as speakers, and sides from descriptors and places. Our own sentences, in several
outlets' styles."""

from __future__ import annotations

import pytest

from .conftest import claims_by, claims_of

claims = claims_of
by = claims_by


def test_passive_agent_after_a_tally_attributes_the_sentence_before() -> None:
    text = ("Over the past day, Ukrainian defenders eliminated 910 Russian invaders.\n"
            "This was reported by the General Staff of the Armed Forces of Ukraine on Telegram.")
    got = by(claims(text, outlet="Ukrinform"), "General Staff")
    assert got and got[0].claimant.side == "ukraine"
    assert "910 Russian invaders" in got[0].content.text


def test_passive_agent_with_a_noun_subject() -> None:
    text = "The figures were confirmed by Russia's Defence Ministry on Sunday evening."
    got = by(claims(text), "Defence")
    assert got and got[0].claimant.side == "russia" and "figures" in got[0].content.text


def test_source_and_quote_labels_attribute_the_lede_and_the_quote() -> None:
    text = ("HUR: drones hit a refinery in Ryazan\n"
            "A refinery in Ryazan was hit by drones overnight, causing a large fire.\n"
            "Source: SSO on Telegram\n"
            'Quote: "Our operators struck the refinery. Twelve tanks of fuel were destroyed."\n'
            "Details: No figures were given for casualties.")
    found = claims(text, outlet="Ukrainska Pravda")
    sso = by(found, "SSO")
    assert any(c.mode == "direct_quote" and "Twelve tanks" in c.content.text for c in sso)
    assert any("large fire" in c.content.text for c in sso)
    assert all(c.claimant.side == "ukraine" for c in sso)
    assert not by(found, "Details")


def test_colon_headline_is_the_speakers_claim() -> None:
    found = claims("Zelensky: Russia has lost 400 tanks this spring\nThe president spoke in Kyiv on Monday.")
    got = by(found, "Zelensky")
    assert got and got[0].claimant.side == "ukraine" and "400 tanks" in got[0].content.text


def test_background_label_is_not_a_claimant() -> None:
    text = ("Background: Ivan Petrov, the Moscow-installed head of the region, claimed that nobody was hurt.")
    found = claims(text, outlet="Ukrainska Pravda")
    assert not by(found, "Background")


def test_according_to_a_governor_with_his_name_after_a_comma_takes_the_place_side() -> None:
    text = ("According to Belgorod's acting governor, Pavel Ivanov, 7 civilians have been killed "
            "in the region since Friday.")
    got = by(claims(text, outlet="Newsweek"), "Ivanov")
    assert got and got[0].claimant.side == "russia"


def test_spokesman_for_a_ukrainian_group_of_forces_is_ukrainian() -> None:
    text = ("Moscow has thrown thousands of troops at the town. According to Tavria spokesperson "
            "Petro Bondar, Russia lost 300 soldiers in a week.")
    got = by(claims(text, outlet="The Kyiv Independent"), "Bondar")
    assert got and got[0].claimant.side == "ukraine"


@pytest.mark.parametrize("text, word, side", [
    ("Two Colombian volunteers were hurt in the strike, Bogota said.", "Bogot", "other_state"),
    ("The talks will resume next week, Ankara said on Friday.", "Ankara", "other_state"),
])
def test_a_capital_as_speaker_is_its_state(text: str, word: str, side: str) -> None:
    got = by(claims(text), word)
    assert got and got[0].claimant.side == side and got[0].claimant.kind == "official"


def test_relative_possessive_ministry_takes_its_owner() -> None:
    text = ("The swap was mediated by the United Arab Emirates, whose foreign ministry said it "
            "was the fifth such mediation.")
    got = by(claims(text, outlet="BBC"), "foreign ministry")
    assert got and got[0].claimant.side == "other_state" and "Emirates" in (got[0].claimant.name or "")


def test_unknown_officials_take_the_side_of_the_places_around_them() -> None:
    text = ("KHARKIV, Ukraine (AP) — A Russian glide bomb hit a supermarket in Kharkiv on Saturday, "
            "killing at least 12 people, officials said.")
    got = by(claims(text, outlet="AP"), "officials")
    assert got and got[0].claimant.side == "ukraine"


def test_emergency_services_and_rescuers_are_officials_of_the_place() -> None:
    text = ("Odesa (AFP) - The death toll in Odesa has risen to 12, according to the emergency services.\n"
            "Rescuers in Odesa said they had finished searching the building.")
    found = claims(text, outlet="AFP")
    assert any(c.claimant.side == "ukraine" and c.mode == "according_to" for c in by(found, "emergency"))
    assert any(c.claimant.side == "ukraine" for c in by(found, "rescuers"))


def test_a_short_name_refers_to_the_full_name_given_before() -> None:
    text = ("The figures were published by the General Staff of the Armed Forces of Ukraine.\n"
            "According to the General Staff, 30 Russian tanks were destroyed.")
    got = [c for c in by(claims(text), "General Staff") if c.mode == "according_to"]
    assert got and got[0].claimant.side == "ukraine"


def test_telegram_thanks_is_a_cue() -> None:
    text = ("Kyiv's military did not claim the strike, but air force commander Mykola Oleshchuk thanked "
            'the pilots "for their excellent work" in a post on Telegram.')
    got = by(claims(text, outlet="Reuters"), "Oleshchuk")
    assert got and got[0].claimant.side == "ukraine"


def test_a_brigade_is_an_official_of_the_article_side() -> None:
    text = ("Ukrainian forces have withdrawn from Vuhledar in Donetsk Oblast. Fighting continued near Pokrovsk.\n"
            "The 72nd Separate Mechanized Brigade, which defended Vuhledar, said it had been nearly encircled.")
    got = by(claims(text, outlet="The Kyiv Independent"), "Brigade")
    assert got and got[0].claimant.side == "ukraine" and got[0].claimant.kind == "official"


def test_an_apposed_person_beats_his_office() -> None:
    text = ("The head of the Luhansk People's Republic, Leonid Pasechnik, claimed on Telegram that "
            "3 villages were taken.")
    got = claims(text, outlet="RIA Novosti")
    assert got and "Pasechnik" in (got[0].claimant.name or "") and got[0].claimant.side == "russia"


def test_a_mayor_read_with_his_city_as_one_organisation_is_still_the_mayor() -> None:
    text = "Meanwhile, the mayor of Odesa, Hennadiy Trukhanov, said 4 people were wounded."
    got = by(claims(text, outlet="CNN"), "Trukhanov")
    assert got and got[0].claimant.side == "ukraine" and got[0].claimant.kind == "official"
    assert not by(claims(text, outlet="CNN"), "Odesa,")


def test_a_capital_then_its_verb_is_not_a_group_name() -> None:
    found = claims("Kyiv said its forces had shot down 30 drones, while Moscow claims its troops took the village.")
    names = {c.claimant.name for c in found}
    assert names == {"Ukraine", "Russia"}


def test_a_title_before_an_inverted_speaker_stays_out_of_the_content() -> None:
    found = claims("Russian drones struck Mykolaiv overnight, killing two people, Governor Vitaliy Kim said.")
    assert found and found[0].content.text.endswith("killing two people")


def test_an_inverted_speaker_leaves_no_article_in_the_content() -> None:
    found = claims("Putin has ordered a 36-hour truce over Orthodox Christmas, the Kremlin said.")
    assert found and found[0].content.text.endswith("Christmas")


def test_a_press_officer_of_a_unit_is_an_official() -> None:
    text = ("Ukrainian troops are holding the line near Chasiv Yar in Donetsk Oblast.\n"
            '"We have destroyed 15 Russian tanks," the brigade\'s press officer told the Kyiv Independent.')
    got = by(claims(text, outlet="The Kyiv Independent"), "press officer")
    assert got and got[0].claimant.kind == "official" and got[0].claimant.side == "ukraine"


def test_qualified_estimates_are_not_the_previous_speakers() -> None:
    text = ("Zelensky said the pause was a trick. More than 100,000 Russian troops have been killed or "
            "wounded, according to Western estimates.")
    got = [c for c in claims(text, outlet="The Sun") if c.mode == "according_to"]
    assert got and "Zelensky" not in (got[0].claimant.name or "")


def test_a_short_unit_name_in_a_headline_resolves_to_the_full_name_below() -> None:
    text = ("Defence ministry reports strikes on Kramatorsk\n"
            "MOSCOW, January 8 (Agency) - Russian forces struck two buildings in Kramatorsk, "
            "the Russian Defence Ministry said.")
    got = [c for c in claims(text) if c.content.text.startswith("strikes on Kramatorsk")]
    assert got and got[0].claimant.side == "russia"


def test_dateline_gives_the_side_of_plain_officials() -> None:
    text = ("BELGOROD, Russia (AP) — A drone hit a bus in the city centre, killing a driver and a "
            "passenger on Monday, officials said.")
    got = by(claims(text, outlet="AP"), "officials")
    assert got and got[0].claimant.side == "russia"


@pytest.mark.parametrize("text, outlet, side", [
    ("General Staff: Russia has lost 1,200 soldiers over the past day\nThe figures were posted on Facebook.",
     "Ukrainska Pravda", "ukraine"),
    ("The Defense Ministry said air defenses had downed 20 drones overnight.", "TASS", "russia"),
])
def test_an_official_without_a_side_word_belongs_to_the_outlets_country(text: str, outlet: str, side: str) -> None:
    found = [c for c in claims(text, outlet=outlet) if c.claimant.kind == "official"]
    assert found and found[0].claimant.side == side


def test_an_inverted_cue_with_only_a_time_after_it_reports_the_words_before() -> None:
    text = ("Kyiv's forces lost up to 900 soldiers over the past day, Russia's Defence Ministry said on "
            "Sunday, adding that its troops had repelled 8 counterattacks.")
    got = [c for c in claims(text, outlet="RT") if c.cue == "said"]
    assert got and "900 soldiers" in got[0].content.text


def test_a_profile_persons_surname_alone_is_still_that_person() -> None:
    text = ("At least 9 people were killed in Zaporizhzhia, regional governor Ivan Fedorov said. "
            "Russia's Defence Ministry said it had hit military targets. Fedorov added that 30 others were hurt.")
    got = [c for c in claims(text, outlet="Reuters") if c.cue == "added"]
    assert got and got[0].claimant.name == "Ivan Fedorov" and got[0].claimant.side == "ukraine"


def test_an_office_held_by_a_state_is_the_office_with_the_states_side() -> None:
    got = claims("Ukraine's human rights commissioner said 95 prisoners had returned home.", outlet="BBC")
    assert got and "commissioner" in (got[0].claimant.name or "") and got[0].claimant.side == "ukraine"


@pytest.mark.parametrize("text", [
    "A senior US official, speaking on condition of anonymity, said Russia had suffered 500,000 casualties.",
    "Anonymous US officials told the newspaper that Russia had lost about 1,000 troops a day.",
])
def test_anonymous_us_officials_are_unofficial_and_american(text: str) -> None:
    got = by(claims(text, outlet="Newsweek"), "US official")
    assert got and got[0].claimant.side == "united_states" and got[0].claimant.kind == "unofficial"


@pytest.mark.parametrize("text, start", [
    ("KHERSON, Ukraine (AP) — Russian shelling killed 3 people on Friday, officials said.", "Russian shelling"),
    ("ODESA, Ukraine, May 2 (Reuters) - A drone hit a port building, the regional governor said.", "A drone"),
    ("Kharkiv (AFP) - Two people were wounded in a glide bomb strike, the mayor said.", "Two people"),
    ("MOSCOW, May 3. /TASS/. Air defenses downed 14 drones, the Defense Ministry said.", "Air defenses"),
])
def test_contents_start_after_the_dateline(text: str, start: str) -> None:
    found = claims(text)
    assert found and found[0].content.text.startswith(start)


def test_a_person_told_something_by_officials_is_no_passive_claim() -> None:
    found = claims("He was told by officials to leave the city at once.")
    assert not by(found, "officials")


def test_a_source_close_to_a_ministry_is_an_unofficial_source_of_its_side() -> None:
    text = ("The situation remains tense, a source close to the Russian Defence Ministry told RIA Novosti. "
            "According to the source, 40 Ukrainian soldiers surrendered.")
    found = claims(text, outlet="RIA Novosti")
    assert len(by(found, "source")) == 2
    assert all(c.claimant.side == "russia" and c.claimant.kind == "unofficial" for c in by(found, "source"))


def test_the_president_after_the_president_was_named() -> None:
    text = ("Russia fired 40 missiles overnight, Zelensky says\n"
            "The president said 35 of the missiles were shot down.")
    got = [c for c in claims(text, outlet="Al Jazeera", published="2024-05-01") if "35" in c.content.text]
    assert got and got[0].claimant.name == "Volodymyr Zelensky"
