"""Whose losses a count is when its words do not say: strike frames, the article's victims,
admissions, prisoners who were killed, "lost N troops" (our own sentences, extract/figures/frames.py
and the subject-side cascade in extract/figures/attribution.py)."""

from __future__ import annotations

import pytest

from claimledger.extract import extract
from claimledger.records import Figure

from .conftest import full_pipeline, make_article


def figures(text: str, published: str = "2024-09-10") -> list[Figure]:
    art = make_article(text, published=published, article_id="vict0001", outlet="Test Outlet")
    return list(extract(art, full_pipeline()).figures)


def reading(figs: list[Figure], number: str) -> tuple[str, str, float | None]:
    found = [f for f in figs if f.number.text == number]
    assert found, [(f.number.text, f.measure) for f in figs]
    return found[-1].measure, found[-1].subject_side, found[-1].best


@pytest.mark.parametrize(("text", "number", "expected"), [
    # a military target: people of no stated kind are the target side's soldiers
    ("Russian troops hit a military academy in Poltava on Tuesday.\nAt least 30 people died and 90 more were "
     "injured, officials said.", "At least 30", ("killed", "ukraine", 30)),
    ("A Ukrainian drone strike on the Russian fleet's headquarters killed 12 people, the governor said.", "12",
     ("killed", "russia", 12)),
    # the target side from the attacker, when the target phrase names none
    ("Ukrainian forces struck an ammunition depot near the front on Monday.\nEleven people were killed there.",
     "Eleven", ("killed", "russia", 11)),
    # a civilian place, or a town with no military target: civilians
    ("Russian missiles struck a shopping centre in Kremenchuk, killing 18 people.", "18",
     ("civilians_killed", "civilians", 18)),
    ("A missile hit Chernihiv on Saturday morning.\nNine people were killed.", "Nine",
     ("civilians_killed", "civilians", 9)),
])
def test_strike_frames_decide_whose_people(text: str, number: str, expected: tuple[str, str, float]) -> None:
    assert reading(figures(text), number) == expected


def test_a_habit_is_no_strike_frame() -> None:
    text = ("The Kremlin says its forces strike only military targets.\n"
            "Officials in the city said 7 people had been killed in the city overnight.")
    assert reading(figures(text), "7") == ("civilians_killed", "civilians", 7)


def test_occupied_ground_belongs_to_the_occupier() -> None:
    text = "A missile strike hit a barracks in occupied Melitopol, killing 20 people, a local official said."
    assert reading(figures(text), "20") == ("killed", "russia", 20)


def test_an_attack_as_subject_is_not_the_killer_side() -> None:
    text = "A Ukrainian missile attack on the headquarters of Russia's Black Sea Fleet killed 9 officers, Kyiv said."
    assert reading(figures(text), "9") == ("killed", "russia", 9)


@pytest.mark.parametrize(("text", "number"), [
    ("Missiles kill 9 in Lviv, governor says\nRescuers searched the rubble overnight.", "9"),
    ("Shelling kills seven in Kherson, officials say", "seven"),
    ("Rockets killed four in Kharkiv on Sunday, the mayor said.", "four"),
])
def test_an_attack_that_kills_in_a_town_kills_its_civilians(text: str, number: str) -> None:
    measure, side, _ = reading(figures(text), number)
    assert (measure, side) == ("civilians_killed", "civilians")


def test_an_attack_that_kills_at_a_base_kills_soldiers() -> None:
    text = "Missiles killed 12 at a Ukrainian army base near Yavoriv, the Russian ministry said."
    assert reading(figures(text), "12")[:2] == ("killed", "ukraine")


def test_prisoners_who_were_killed_count_as_killed() -> None:
    figs = figures("The ministry in Moscow said 25 Ukrainian prisoners of war were killed and 60 wounded in the "
                   "shelling.\nIt later announced the death of 3 more prisoners.")
    assert reading(figs, "25") == ("killed", "ukraine", 25)
    assert reading(figs, "60") == ("wounded", "ukraine", 60)
    assert reading(figs, "3")[0] == "killed"


def test_the_articles_victims_name_an_unsided_toll() -> None:
    text = ("Russia's defence ministry said 30 Ukrainian POWs were killed at a detention centre in the east.\n"
            "Kyiv blamed Moscow for the blast.\n"
            "Separatist officials later put the death toll at 41.")
    assert reading(figures(text), "41") == ("killed", "ukraine", 41)


def test_an_admission_counts_the_claimants_own() -> None:
    text = ("In a rare admission, Russia's defence ministry said 15 crew members died when the landing ship sank "
            "off the coast.")
    figs = figures(text)
    assert reading(figs, "15") == ("killed", "russia", 15)
    assert [f.claimant.side for f in figs if f.number.text == "15"] == ["russia"]


def test_lost_troops_are_killed_or_wounded() -> None:
    text = "Russia has lost 1,100 troops over the past day, Ukraine's General Staff said."
    assert reading(figures(text), "1,100") == ("killed_or_wounded", "russia", 1100)


def test_the_head_noun_counts_not_its_modifier() -> None:
    figs = figures("The cruiser was hit by two Ukrainian anti-ship missiles, the navy said.")
    assert reading(figs, "two") == ("missiles", "ukraine", 2)


@pytest.mark.parametrize(("text", "number"), [
    ("Another 40 people were hospitalised after the attack on the market.", "40"),
    ("Civilians continue to pay the price, with more than 500 dead this month, the UN said.", "more than 500"),
    ("A strike on the city killed two and injured 14 others, including a baby, the mayor said.", "14"),
])
def test_civilians_named_near_a_count(text: str, number: str) -> None:
    measure, side, _ = reading(figures(text), number)
    assert side == "civilians" and measure.startswith("civilians_")


@pytest.mark.parametrize(("text", "number", "measure"), [
    ("The missile killed 31 people, 4 of whom were children, the regional governor said.", "4", "civilians_killed"),
    ("Some 75 people were hospitalised, including 9 children, the city council said.", "9", "civilians_wounded"),
    ("The toll from the strike on the market rose to 23.\nOf these, 3 are children.", "3", "civilians_killed"),
    ("Among those killed in the shelling were two teenagers, police said.", "two", "civilians_killed"),
])
def test_civilian_sub_counts_take_the_whole_counts_outcome(text: str, number: str, measure: str) -> None:
    assert reading(figures(text), number)[:2] == (measure, "civilians")


def test_a_count_of_children_with_no_casualty_count_is_no_sub_count() -> None:
    figs = figures("The school in the village teaches 120 children, including 15 children from other towns.")
    assert figs == []


@pytest.mark.parametrize(("text", "number", "subject"), [
    ("Moscow accused Kyiv of 2,100 violations of the truce during the holiday, its defence ministry said.", "2,100",
     "ukraine"),
    ("Ukraine's president said Russia had broken the ceasefire more than 1,500 times.", "more than 1,500", "russia"),
    ("The general staff in Kyiv recorded 960 ceasefire breaches by Russian forces on Sunday.", "960", "russia"),
])
def test_ceasefire_violations_count_the_accused(text: str, number: str, subject: str) -> None:
    assert reading(figures(text, published="2025-04-21"), number)[:2] == ("ceasefire_violations", subject)


def test_violations_of_no_truce_are_no_figure() -> None:
    assert figures("The report lists 300 violations of press freedom over the year.") == []


@pytest.mark.parametrize(("text", "number", "subject"), [
    ("Moscow's defence ministry said 150 soldiers had returned to Russia under the swap.", "150", "russia"),
    ("Zelensky said 210 people have been brought home from captivity.", "210", "ukraine"),
    ("Kyiv's coordination headquarters said 95 servicemen were freed in the exchange.", "95", "ukraine"),
])
def test_prisoners_coming_home_are_their_own_sides(text: str, number: str, subject: str) -> None:
    assert reading(figures(text, published="2025-05-24"), number)[:2] == ("captured", subject)


@pytest.mark.parametrize(("text", "number", "expected"), [
    ("Twelve people, all civilians, were killed in the shelling.", "Twelve", ("civilians_killed", "civilians", 12)),
    ("A drone hit the bus station, killing two more and injuring five more.", "two",
     ("civilians_killed", "civilians", 2)),
    ("The death toll in the town grew from 21 on Monday, officials said.", "21", ("civilians_killed", "civilians", 21)),
])
def test_counts_in_asides_and_tolls(text: str, number: str, expected: tuple[str, str, float]) -> None:
    assert reading(figures(text), number) == expected


def test_killed_or_missing_is_no_measure() -> None:
    assert figures("Up to 70 sailors are thought to have been killed or are missing, the navy said.") == []


@pytest.mark.parametrize(("text", "number", "side"), [
    ("Ukrainian missiles hit the Russian landing ship at dawn.\nThere were about 90 crew members on board.",
     "about 90", "russia"),
    ("Russian missiles struck a Ukrainian training ground.\nThere were more than 200 soldiers on the field.",
     "more than 200", "ukraine"),
])
def test_people_present_are_troops_of_the_side_hit(text: str, number: str, side: str) -> None:
    assert reading(figures(text), number)[:2] == ("troops", side)


def test_a_headline_number_takes_the_bodys_reading_and_claimant() -> None:
    text = ("Russia kills 14 in Dnipro missile strike\n"
            "A Russian missile hit an apartment block in Dnipro overnight.\n"
            "In Dnipro, 14 people were killed, the regional governor said.")
    figs = [f for f in figures(text) if f.best == 14]
    readings = {(f.measure, f.subject_side, f.claimant.kind) for f in figs}
    assert readings == {("civilians_killed", "civilians", "official")}


def test_deal_sizes_count_both_sides() -> None:
    figs = figures("Russia and Ukraine agreed to exchange 500 prisoners each, officials in both capitals said.",
                   published="2025-05-20")
    assert sorted((f.measure, f.subject_side, f.best) for f in figs) == [
        ("captured", "russia", 500), ("captured", "ukraine", 500)]


def test_a_blank_line_is_one_paragraph_break() -> None:
    text = ("Russia lost 420 troops over the past day, the General Staff of Ukraine's Armed Forces reported.\n\n"
            "It also lost 9 tanks and 14 artillery systems.")
    figs = figures(text)
    assert {f.claimant.side for f in figs if f.measure in ("tanks", "artillery")} == {"ukraine"}


@pytest.mark.parametrize(("text", "number", "expected"), [
    ("Combat losses among Russian personnel numbered 46,500 by Monday, Kyiv said.", "46,500",
     ("killed_or_wounded", "russia", 46500)),
    ("Kyiv said 700 Russian troops had been killed over the day, taking Moscow's total losses to 91,300.", "91,300",
     ("killed", "russia", 91300)),
    ("The tally includes 640 casualties Russian forces suffered over the past day.", "640",
     ("killed_or_wounded", "russia", 640)),
    ("Analysts put the toll at 20,000 to 25,000 Russian combat fatalities.", "20,000 to 25,000",
     ("killed", "russia", 22500)),
])
def test_tally_phrasings(text: str, number: str, expected: tuple[str, str, float]) -> None:
    assert reading(figures(text), number) == expected


def test_a_denial_puts_no_number_forward() -> None:
    text = "Moscow denies targeting civilians, although thousands have been killed since the invasion began."
    figs = figures(text)
    assert [f.claimant.kind for f in figs] == ["outlet"]


@pytest.mark.parametrize(("text", "number", "expected"), [
    ("Belarus said no more than 9,000 Russian troops were stationed on its soil.", "no more than 9,000",
     ("troops", "russia", 9000)),
    ("Moscow moved 30 helicopters and 250 tanks towards the border, satellite images showed.", "30",
     ("helicopters", "russia", 30)),
    ("Russia lost 1,130 soldiers over the past day, up from 870 a day earlier, Kyiv said.", "870",
     ("killed_or_wounded", "russia", 870)),
])
def test_deployments_caps_and_tally_histories(text: str, number: str, expected: tuple[str, str, float]) -> None:
    assert reading(figures(text), number) == expected


def test_supplies_are_no_deployment() -> None:
    assert figures("Washington supplied 31 tanks to Kyiv last year.") == []


def test_a_partys_claim_quoted_by_the_other_side_stays_the_partys() -> None:
    figs = figures("Kyiv dismissed Moscow's claim of 600 Ukrainian soldiers killed in the strike.")
    assert [(f.best, f.subject_side, f.claimant.side) for f in figs] == [(600, "ukraine", "russia")]


def test_a_second_strike_keeps_its_own_target() -> None:
    text = ("A Ukrainian artillery strike on a market in the Russian-held city of Donetsk killed 16 people, "
            "the Moscow-installed mayor said.\n"
            "Earlier this week, a Russian strike on a military training ground killed 22 soldiers, a lawmaker said.")
    assert reading(figures(text), "22")[:2] == ("killed", "ukraine")


@pytest.mark.parametrize(("text", "number", "as_of"), [
    # the day a running count stands at: the day named with it, not a period's start or a daily increment's day
    ("The death toll climbed to 41 on Sunday, officials said.", "41", "2024-09-08"),
    ("About 4,000 Russian soldiers have died since the invasion began, Moscow's defence minister said on Sept. 2.",
     "About 4,000", "2024-09-02"),
    ("Russia has suffered over 600,000 casualties since the start of the war in February 2022, London said on "
     "Monday.", "over 600,000", "2024-09-09"),
    ("Russia lost 980 troops the previous day, taking its total losses since the invasion to 620,000.", "620,000",
     "2024-09-10"),
])
def test_as_of_is_the_day_a_running_count_stands_at(text: str, number: str, as_of: str) -> None:
    found = [f for f in figures(text, published="2024-09-10") if f.number.text == number]
    assert [f.as_of for f in found] == [as_of]


def test_a_daily_increment_has_no_as_of() -> None:
    found = [f for f in figures("Russia lost 1,040 troops over the past day, Kyiv said.", published="2024-09-10")]
    assert [f.as_of for f in found] == [None]


@pytest.mark.parametrize(("text", "number", "expected"), [
    ("The operation involved a dozen missiles, five of which were intercepted by Russian forces, Moscow said.",
     "five", ("missiles", "ukraine", 5)),
    ("Analysts said Russia would hit the mark of 1 million casualties this summer.", "1 million",
     ("killed_or_wounded", "russia", 1_000_000)),
    ("Kyiv claims to have taken out over 9,000 vehicles from Russia since the start of the war.", "over 9,000",
     ("vehicles", "russia", 9000)),
])
def test_antecedents_milestones_and_claimed_destruction(text: str, number: str,
                                                        expected: tuple[str, str, float]) -> None:
    assert reading(figures(text), number) == expected


def test_a_hypothetical_strike_is_no_frame() -> None:
    text = ("Moscow could strike Kyiv again, officials warned.\n"
            "A drone attack on a Russian air base killed 4 people, the Russian governor said.")
    assert reading(figures(text), "4")[:2] == ("killed", "russia")


@pytest.mark.parametrize(("text", "number", "subject"), [
    ("The defence ministry said 89 of its servicemen were killed when Ukrainian rockets hit a school building.",
     "89", "russia"),
    ("Zelensky said 31,000 troops had been killed since the start of the war, a rare update on the country's "
     "losses.", "31,000", "ukraine"),
    ("Russia's army gave its own losses for the first time: 5,900 soldiers have died, it said.", "5,900", "russia"),
])
def test_a_party_counting_its_own(text: str, number: str, subject: str) -> None:
    assert reading(figures(text), number)[1] == subject


def test_one_sentence_one_group_of_people() -> None:
    text = '"One sailor was killed and 19 crew members are missing," the Russian defence ministry said.'
    figs = figures(text)
    assert {(f.measure, f.subject_side) for f in figs} == {("killed", "russia"), ("missing", "russia")}


def test_a_tally_source_named_in_full() -> None:
    text = ("Russian losses numbered 88,000 by Friday, according to the latest report from the General Staff of the "
            "Armed Forces of Ukraine.\n"
            "Russia also lost 3,000 tanks in the same period.")
    figs = figures(text)
    assert {f.claimant.side for f in figs} == {"ukraine"}


def test_a_number_of_things_names_no_source() -> None:
    text = ("Over the week the Ukrainian air force shot down 35 drones, a large number of Russian missiles and "
            "four helicopters.")
    figs = figures(text)
    assert figs and {f.claimant.kind for f in figs} == {"outlet"}, [(f.number.text, f.claimant) for f in figs]
    text = "The count of the General Staff of Ukraine put Russian losses at 900 on Friday."
    assert {f.claimant.side for f in figures(text)} == {"ukraine"}


@pytest.mark.parametrize(("text", "number", "expected"), [
    ("The ministry said it struck a base where Ukrainian officers and foreign mercenaries were gathering, killing "
     "up to 30 of them.", "up to 30", ("killed", "ukraine", 30)),
    ("Poland moved 2,000 more troops to its eastern border on Tuesday.", "2,000", ("troops", "poland", 2000)),
    ("Bloggers put the number of Russian dead in the hundreds.", "hundreds", ("killed", "russia", None)),
])
def test_antecedent_people_any_states_troops_and_tolls_in_the_hundreds(
        text: str, number: str, expected: tuple[str, str, float | None]) -> None:
    assert reading(figures(text), number) == expected


@pytest.mark.parametrize(("text", "number", "expected"), [
    ("Ukrainian air defences shot down 35 Iranian-made drones over the south overnight.", "35",
     ("drones", "russia", 35)),
    ("Russia launched 12 North Korean-made missiles at Kharkiv on Monday, the governor said.", "12",
     ("missiles", "russia", 12)),
    ("Ukraine fired 40 US-supplied rockets at the bridge, the army said.", "40", ("missiles", "ukraine", 40)),
])
def test_where_weapons_were_made_is_not_whose_they_are(text: str, number: str,
                                                      expected: tuple[str, str, float]) -> None:
    assert reading(figures(text), number) == expected
