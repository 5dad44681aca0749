"""The linker's scorer (link/scoring.py): each signal moves the score the documented way, and decoys
stay apart while reports of one event join. The sentences are our own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimledger.link import link_events
from claimledger.link.scoring import features, reported_numbers, shared_names, signals
from claimledger.profiles import load_profile
from claimledger.profiles.policy import event_policy
from claimledger.records import Article, EventActor, EventMention, EventPolicy, LinkScoring, Place, Span

POLICY = event_policy(load_profile("russia-ukraine"))
S = POLICY.scoring

HARBOUR = Place("Portovo", "city", "UA", "Coast Oblast", 46.50, 30.70, 101)
HARBOUR_SUBURB = Place("Lymanka", "city", "UA", "Coast Oblast", 46.60, 30.80, 102)  # ~14 km away
RIVER_TOWN = Place("Richkove", "city", "UA", "River Oblast", 48.50, 35.00, 103)  # ~380 km away
COAST_OBLAST = Place("Coast Oblast", "admin1", "UA", None, 46.70, 30.50, 104)
COUNTRY = Place("Ukraine", "country", "UA")
SPEAKER = EventActor("Regional Governor Petrenko", "ukraine", "announcer")
OTHER_SPEAKER = EventActor("Defence Minister Ivanenko", "russia", "announcer")


def art(n: int, published: str | None = None) -> Article:
    return Article(id=f"a{n}", ref=f"r{n}", url=None, outlet=f"Outlet {n}", title=None, published=published,
                   language="en", text="", content_hash=str(n), ingested_at="", copy_group=f"a{n}")


def mention(article: Article, day: str | None, place: Place | None = None, *, type_: str = "strike",
            text: str = "", names: tuple[str, ...] = (), actors: tuple[EventActor, ...] = (),
            basis: str | None = "stated") -> EventMention:
    return EventMention(id=f"{article.id}:e1", article_id=article.id, type=type_, title=type_,
                        trigger=Span(0, 0, ""), date_start=day, place=place, actors=actors,
                        evidence=(Span(0, len(text), text),) if text else (), names=names,
                        date_basis=basis if day else None)


def score(a: EventMention, b: EventMention, policy: EventPolicy = POLICY) -> float:
    """``b`` scored against an event holding only ``a``."""
    found = signals(b, features(b, policy.scoring), [(a, features(a, policy.scoring))], policy)
    return found.score(b.type, policy)


BASE_DAY = "2024-03-10"


def test_the_same_day_scores_above_the_next_and_far_days_below() -> None:
    a, b = art(1), art(2)
    same = score(mention(a, BASE_DAY, HARBOUR), mention(b, BASE_DAY, HARBOUR))
    next_day = score(mention(a, BASE_DAY, HARBOUR), mention(b, "2024-03-11", HARBOUR))
    two_days = score(mention(a, BASE_DAY, HARBOUR), mention(b, "2024-03-12", HARBOUR))
    assert same - next_day == pytest.approx(S.date_weight * (1 - S.next_day))
    assert next_day >= S.threshold > two_days


def test_a_date_standing_in_for_the_report_weighs_less() -> None:
    a, b = art(1), art(2)
    stated = score(mention(a, BASE_DAY, HARBOUR), mention(b, "2024-03-13", HARBOUR))
    reported = score(mention(a, BASE_DAY, HARBOUR), mention(b, "2024-03-13", HARBOUR, basis="report"))
    assert reported - stated == pytest.approx(S.date_weight * S.days_far * (S.date_confidence["report"] - 1))
    assert reported > stated


def test_place_signal_orders_same_near_contained_and_apart() -> None:
    a, b = art(1), art(2)
    values = [score(mention(a, BASE_DAY, HARBOUR), mention(b, BASE_DAY, place))
              for place in (HARBOUR, HARBOUR_SUBURB, COAST_OBLAST, None, RIVER_TOWN)]
    assert values == sorted(values, reverse=True) and len(set(values)) == 5
    assert values[3] < S.threshold  # a placeless report does not join a town's strike on the day alone
    assert values[4] < 0  # towns far apart: another strike
    assert score(mention(a, BASE_DAY, HARBOUR), mention(b, BASE_DAY, COUNTRY)) < S.threshold  # a nationwide night


def test_announcers_decide_statements() -> None:
    a, b = art(1), art(2)
    same = score(mention(a, BASE_DAY, type_="statement", actors=(SPEAKER,)),
                 mention(b, BASE_DAY, type_="statement", actors=(SPEAKER,)))
    other = score(mention(a, BASE_DAY, type_="statement", actors=(SPEAKER,)),
                  mention(b, BASE_DAY, type_="statement", actors=(OTHER_SPEAKER,)))
    nobody = score(mention(a, BASE_DAY, type_="statement"), mention(b, BASE_DAY, type_="statement"))
    assert same - other == pytest.approx(2 * S.actor_weight)
    assert same >= S.threshold > nobody > other


def test_names_text_and_figures_each_raise_the_score() -> None:
    a, b = art(1), art(2)
    plain = score(mention(a, None), mention(b, None))
    named = score(mention(a, None, names=("Zoryana",)), mention(b, None, names=("Zoriana",)))  # one letter apart
    assert named - plain == pytest.approx(S.names_weight / S.names_full)
    first = "Rockets hit the grain terminal at the harbour, setting two silos on fire and killing 14 dockers."
    wording = "Fourteen dockers were killed when rockets set two silos of the harbour grain terminal on fire."
    worded = score(mention(a, None, text=first), mention(b, None, text=wording))
    assert worded > plain
    numbered = score(mention(a, None, text="Rescuers counted 14 bodies."),
                     mention(b, None, text="The figure reached 14 overnight."))
    assert numbered - plain == pytest.approx(S.figures_weight)


def test_numbers_that_date_things_are_no_figures() -> None:
    assert reported_numbers("On March 10, 2024, at least 1,200 people fled; 3 were hurt on 5 May.") == {1200}
    assert shared_names(frozenset({"hroza", "kyiv"}), frozenset({"groza", "lviv"})) == 1


def test_weights_come_from_the_profile() -> None:
    assert S == LinkScoring()  # the bundled profile states every default
    strict = replace(POLICY, scoring=replace(S, threshold=10.0))
    a, b = art(1), art(2)
    assert len(link_events([(mention(a, BASE_DAY, HARBOUR), a), (mention(b, BASE_DAY, HARBOUR), b)], strict)) == 2


# ---------------------------------------------------------------- decoys and joins, end to end
def test_the_same_town_and_type_months_later_stays_apart() -> None:
    text = "A missile struck the port of Portovo overnight, damaging the grain terminal, the governor said."
    a, b = art(1, "2024-03-10"), art(2, "2024-09-02")
    events = link_events([(mention(a, BASE_DAY, HARBOUR, text=text, names=("Portovo",)), a),
                          (mention(b, "2024-09-01", HARBOUR, text=text, names=("Portovo",)), b)], POLICY)
    assert len(events) == 2
    undated = mention(b, None, HARBOUR, text=text, names=("Portovo",))  # no day, published months later
    assert len(link_events([(mention(a, BASE_DAY, HARBOUR, text=text), a), (undated, b)], POLICY)) == 2


def test_the_same_demand_a_year_earlier_stays_apart() -> None:
    text = "Minister Ivanenko demanded that the strait be reopened to grain ships."
    a, b = art(1, "2023-03-10"), art(2, "2024-03-10")
    events = link_events([(mention(a, "2023-03-10", type_="demand", text=text, actors=(OTHER_SPEAKER,)), a),
                          (mention(b, BASE_DAY, type_="demand", text=text, actors=(OTHER_SPEAKER,)), b)], POLICY)
    assert len(events) == 2


def test_strikes_on_different_towns_on_the_same_day_stay_apart() -> None:
    a, b = art(1), art(2)
    first = "Russian drones hit an apartment block in Portovo overnight, killing three, the governor said."
    second = "Russian drones hit an apartment block in Richkove overnight, killing three, the governor said."
    events = link_events([(mention(a, BASE_DAY, HARBOUR, text=first, names=("Portovo",)), a),
                          (mention(b, BASE_DAY, RIVER_TOWN, text=second, names=("Richkove",)), b)], POLICY)
    assert len(events) == 2


def test_a_wire_copy_and_its_rewrite_join_on_their_words_and_names() -> None:
    """A ferry hit at sea (no town) and a rewrite with no day of its own: names and wording join them;
    without them the two reports have nothing to link on."""
    wire = ("A missile hit the Zoryana ferry as it left Portovo harbour on Sunday, killing 23 passengers, "
            "the coast guard said.")
    rewrite = "Twenty-three passengers died when the ferry Zoryana was struck by a missile off Portovo, officials said."
    a, b = art(1, "2024-03-10"), art(2, "2024-03-12")
    events = link_events([(mention(a, BASE_DAY, text=wire, names=("Zoryana", "Portovo")), a),
                          (mention(b, None, text=rewrite, names=("Zoryana", "Portovo")), b)], POLICY)
    assert [e.article_refs for e in events] == [("r1", "r2")]
    assert len(link_events([(mention(a, BASE_DAY), a), (mention(b, None), b)], POLICY)) == 2


def test_a_background_mention_joins_the_earlier_event_and_leaves_the_own_event_alone() -> None:
    """"A week after the Portovo strike, drones hit Richkove": the article's mention of the Portovo
    strike joins that event; its own strike on Richkove stays its own."""
    old, later = art(1, "2024-03-10"), art(2, "2024-03-17")
    own = EventMention(id="a2:e2", article_id="a2", type="strike", title="strike", trigger=Span(40, 45, "drone"),
                       date_start="2024-03-17", place=RIVER_TOWN, date_basis="stated")
    background = mention(later, BASE_DAY, HARBOUR, basis="inferred")
    events = link_events([(mention(old, BASE_DAY, HARBOUR), old), (background, later), (own, later)], POLICY)
    assert sorted(e.article_refs for e in events) == [("r1", "r2"), ("r2",)]
    portovo = next(e for e in events if len(e.article_refs) == 2)
    assert portovo.date_start == BASE_DAY and portovo.place == HARBOUR
