"""Event triggers and merging on our own sentences: verbs with their objects, modals, "another strike"."""

from __future__ import annotations

import pytest

from claimledger.extract import extract
from claimledger.records import EventMention

from .conftest import full_pipeline, make_article


def events(text: str, published: str = "2024-03-13") -> list[EventMention]:
    return list(extract(make_article(text, published=published, article_id="trig0000"), full_pipeline()).events)


def of_type(found: list[EventMention], *types: str) -> list[EventMention]:
    return [e for e in found if e.type in types]


@pytest.mark.parametrize("text", [
    "Russia launched a record 212 drones on Sunday, the air force said.",
    "Moscow fired dozens of drones at Odesa overnight, officials said.",
    "Russian forces fired two ballistic missiles at the port on Tuesday, killing five.",
    "The army rained rockets and shells on the town for hours, the governor said.",
    "A warplane dropped a glide bomb on a village near the border, police said.",
])
def test_a_weapon_fired_or_launched_is_a_strike(text: str) -> None:
    assert of_type(events(text), "strike"), text


@pytest.mark.parametrize("text", [
    "The company launched a new product and fired its chief executive.",
    "The agency launched an investigation into the firm's accounts, officials said.",
    "Russia could launch more missiles at the capital this winter, officials warned.",
    "Troops will fire rockets if the talks fail, the commander said.",
])
def test_other_objects_and_possibilities_are_no_strike(text: str) -> None:
    assert not of_type(events(text), "strike"), text


@pytest.mark.parametrize("text", [
    "Russian troops gained control of the village of Robotyne on Monday, the ministry said.",
    "The army had gained control of Pervomaiske in eastern Ukraine, the ministry said on Sunday.",
    "Ukrainian forces regained control of Kupiansk last week, the general staff said.",
])
def test_gaining_control_of_a_place_is_a_capture(text: str) -> None:
    assert of_type(events(text), "capture"), text


def test_gaining_control_of_no_place_is_no_capture() -> None:
    assert not of_type(events("The regulator gained control of the failing bank on Monday."), "capture")


@pytest.mark.parametrize("text", [
    "Russia's defence ministry released a video on Tuesday showing the admiral at a meeting.",
    "The UN monitoring mission published a report on Friday on conditions in detention.",
])
def test_releasing_footage_or_a_report_is_a_statement(text: str) -> None:
    assert of_type(events(text), "statement"), text


def test_air_raid_alerts_are_no_strike() -> None:
    assert not of_type(events("Air raid alerts sounded across the region on Monday, officials said."), "strike")


def test_another_strike_is_another_event() -> None:
    found = of_type(events("A Russian strike on Kherson killed two people on Tuesday, the governor said. "
                           "Another attack followed on Friday."), "strike")
    assert len(found) == 2
    found = of_type(events("A missile hit a hotel in Kharkiv on Sunday. "
                           "A second strike hit the same street an hour later, killing a rescuer."), "strike")
    assert len(found) == 2
    found = of_type(events("Russian troops shelled Nikopol on Monday. New strikes hit the town on Wednesday."),
                    "strike")
    assert len(found) == 2


def test_the_same_strike_named_again_stays_one_event() -> None:
    found = of_type(events("A drone struck a grain terminal in Izmail on Monday. "
                           "It was the third strike on the port this month. The new attack came as talks stalled."),
                    "strike")
    assert len(found) == 1
    found = of_type(events("Drones hit Odesa overnight, the governor said. The attack damaged a port."), "strike")
    assert len(found) == 1


@pytest.mark.parametrize("text", [
    "A missile hit the port in Berdiansk, occupied Zaporizhzhia Oblast, on Monday, officials said.",
    "Partisans blew up a rail bridge in occupied Melitopol, the group said.",
])
def test_occupied_before_a_place_is_no_capture(text: str) -> None:
    assert not of_type(events(text), "capture"), text


def test_occupying_a_place_is_a_capture() -> None:
    assert of_type(events("Russian troops occupied the village of Robotyne on Monday, the general staff said."),
                   "capture")


@pytest.mark.parametrize("text", [
    "Ukraine said its sea drones sank a patrol boat off Crimea on Tuesday.",
    "The landing ship sank after a missile attack near Feodosia, the navy said.",
    "Two sailors died after the sinking of the cruiser, the ministry said on Friday.",
])
def test_a_sunk_vessel_is_a_strike(text: str) -> None:
    assert of_type(events(text), "strike"), text


@pytest.mark.parametrize("text", [
    "The rouble sank to a record low on Monday, traders said.",
    "Hopes of a truce sank as the talks collapsed.",
])
def test_other_things_that_sink_are_no_strike(text: str) -> None:
    assert not of_type(events(text), "strike"), text


def test_it_sank_dates_the_strike_on_the_vessel_named_before() -> None:
    found = of_type(events("The frigate was hit by two missiles and stayed afloat for hours until it sank on "
                           "Thursday, the navy said.", published="2024-03-18"), "strike")
    assert [e.date_start for e in found] == ["2024-03-14"], found
    barn = events("The tractor got stuck in the field and it sank into the mud on Thursday.")
    assert not of_type(barn, "strike"), barn  # "it" stands for no vessel


def test_an_ordinal_is_no_number_for_a_tally() -> None:
    assert not of_type(events("It was Moscow's first admission of losses since the spring."), "losses_tally")


@pytest.mark.parametrize("text, type_", [
    ("At least 1,900 civilians have been killed in Ukraine since Russia started the war, UN monitors said.",
     "losses_tally"),
    ("Nearly 10,000 civilians have died since the start of the full-scale invasion, the UN rights office says.",
     "losses_tally"),
    ("The number of Russian troops killed or wounded has topped 600,000, Ukraine's general staff said on Monday.",
     "losses_tally"),
    ("About 5,900 Russian soldiers have died in Ukraine since Russia began its invasion, Russian Defence "
     "Minister Sergei Shoigu said on Sept. 21.", "casualty_report"),
])
def test_a_toll_over_the_whole_war_is_a_tally_or_a_report_of_own_losses(text: str, type_: str) -> None:
    found = events(text, published="2024-03-13")
    assert [e.type for e in found if e.type in ("losses_tally", "casualty_report", "strike")] == [type_], found


def test_a_war_toll_after_a_strike_does_not_join_it() -> None:
    found = events("A missile hit a block of flats in Dnipro on Monday, killing four. "
                   "At least 9,000 civilians have been killed since the start of the full-scale invasion, "
                   "the UN says.")
    assert sorted(e.type for e in found) == ["losses_tally", "strike"]
    tally = next(e for e in found if e.type == "losses_tally")
    assert tally.date_start == "2024-03-13"  # as of its report, never the war's first day


def test_the_toll_of_one_strike_stays_with_the_strike() -> None:
    found = events("A missile hit a block of flats in Dnipro on Monday. The death toll rose to 12 on Tuesday, "
                   "and 30 people have been wounded since the attack, officials said.")
    assert [e.type for e in found] == ["strike"]


def test_dead_named_in_another_town_are_another_strike() -> None:
    found = events("Ten people were killed in the main wave of attacks on Kyiv on Monday, officials said. "
                   "Eleven were confirmed dead in Kryvyi Rih, emergency services said.")
    assert sorted((e.type, e.place.name if e.place else None) for e in found) == [
        ("strike", "Kryvyi Rih"), ("strike", "Kyiv")]


@pytest.mark.parametrize("text", [
    "Analysts said Russia would likely hit the mark of one million casualties this summer.",
    "Drone production hit a record in May, the ministry said.",
    "Grain exports hit a new high last month.",
])
def test_hitting_a_mark_or_a_record_is_no_strike(text: str) -> None:
    assert not of_type(events(text), "strike"), text


@pytest.mark.parametrize("text", [
    "Russia's military casualties top 1 million in three-year war, Ukraine says",
    "War passes grim milestone as Russian casualties pass 700,000",
    "The number of Russian troops killed or wounded in Ukraine has topped 500,000, officials in Kyiv said.",
])
def test_a_toll_passing_a_milestone_is_a_tally_even_when_the_victims_side_is_named_first(text: str) -> None:
    assert [e.type for e in events(text)] == ["losses_tally"], text


@pytest.mark.parametrize("text", [
    "Russia's envoy implied his country's responsibility for the Oct. 5 strike on the village while speaking "
    "at a Security Council meeting on Oct. 9.",
    "Zelensky warned on Monday that air defence was running short.",
])
def test_a_statement_apart_from_a_strike_in_its_sentence_is_kept(text: str) -> None:
    assert of_type(events(text), "statement"), text


@pytest.mark.parametrize("text", [
    "Putin ordered strikes on Ukrainian energy sites, the Kremlin said.",
    "The army violated its own ceasefire promise more than 2,000 times, officials said.",
    "Officials issued a warning about more drone attacks.",
])
def test_no_statement_when_the_strike_is_what_was_ordered_or_the_trigger_is_a_noun(text: str) -> None:
    assert not of_type(events(text), "statement"), text


def test_a_speech_is_dated_by_its_own_clause() -> None:
    text = ("Russia's envoy implied his country's responsibility for the Oct. 5 strike on the village while "
            "speaking at a Security Council meeting on Oct. 9.")
    found = of_type(events(text, published="2023-10-10"), "statement")
    assert [e.date_start for e in found] == ["2023-10-09"]


def test_the_declaration_of_a_ceasefire_is_a_declared_ceasefire() -> None:
    text = ("Shelling went on despite the declaration of a New Year ceasefire, the ministry said.\n"
            "Troops strictly adhered to the ceasefire from 18:00 on December 31 to 06:00 on January 1.")
    assert of_type(events(text, published="2025-01-01"), "ceasefire_declared")
