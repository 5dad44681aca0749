"""Linking event mentions across articles: same event joins, different events stay apart."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from claimledger.link import link_events as link_with
from claimledger.link import places_compatible
from claimledger.profiles import load_profile
from claimledger.profiles.policy import event_policy
from claimledger.records import Article, Event, EventActor, EventMention, Place, Span

POLICY = event_policy(load_profile("russia-ukraine"))  # the bundled profile's event-type policy


def link_events(pairs: Iterable[tuple[EventMention, Article]]) -> list[Event]:
    return link_with(pairs, POLICY)

MAKIIVKA = Place("Makiivka", "city", "UA", "Donetsk Oblast", 48.05, 37.97, 1)
DONBAS = Place("Donbas", "area", "UA", None, 48.30, 38.00)
KRAMATORSK = Place("Kramatorsk", "city", "UA", "Donetsk Oblast", 48.72, 37.56, 2)
ODESA = Place("Odesa", "city", "UA", "Odesa Oblast", 46.48, 30.72, 3)
DONETSK_OBLAST = Place("Donetsk Oblast", "admin1", "UA", None, 48.0, 37.8)
UKRAINE = Place("Ukraine", "country", "UA")


def art(n: int, outlet: str | None = None, group: str | None = None, published: str | None = None) -> Article:
    return Article(id=f"a{n}", ref=f"r{n}", url=None, outlet=outlet or f"Outlet {n}", title=None, published=published,
                   language="en", text="", content_hash=str(n), ingested_at="", copy_group=group or f"a{n}")


def mention(n: int, article: Article, type_: str, day: str | None, place: Place | None = None,
            actors: tuple[EventActor, ...] = (), end: str | None = None) -> EventMention:
    return EventMention(id=f"{article.id}:e{n}", article_id=article.id, type=type_, title=f"{type_} {n}",
                        trigger=Span(0, 0, ""), date_start=day, date_end=end, place=place, actors=actors)


def test_same_strike_from_two_outlets_links_and_takes_the_specific_place() -> None:
    a, b = art(1), art(2)
    events = link_events([(mention(1, a, "strike", "2023-01-01", DONBAS), a),
                          (mention(1, b, "strike", "2023-01-01", MAKIIVKA), b)])
    assert len(events) == 1
    event = events[0]
    assert event.article_refs == ("r1", "r2") and event.place == MAKIIVKA
    assert event.status == "corroborated" and event.sources == 2


def test_different_places_or_days_stay_apart() -> None:
    a, b, c = art(1), art(2), art(3)
    events = link_events([(mention(1, a, "strike", "2023-01-08", KRAMATORSK), a),
                          (mention(1, b, "strike", "2023-01-08", ODESA), b),
                          (mention(1, c, "strike", "2023-01-20", KRAMATORSK), c)])
    assert len(events) == 3


def test_copies_of_one_wire_story_are_one_source() -> None:
    a, b = art(1, group="g"), art(2, group="g")
    events = link_events([(mention(1, a, "strike", "2023-01-01", MAKIIVKA), a),
                          (mention(1, b, "strike", "2023-01-01", MAKIIVKA), b)])
    assert len(events) == 1 and events[0].sources == 1 and events[0].status == "single_source"


def test_ceasefires_link_by_date_statements_by_announcer() -> None:
    a, b = art(1), art(2)
    putin = (EventActor("Vladimir Putin", "russia", "announcer"),)
    duda = (EventActor("Andrzej Duda", "poland", "announcer"),)
    events = link_events([
        (mention(1, a, "ceasefire_declared", "2023-01-06", None), a),
        (mention(1, b, "ceasefire_declared", "2023-01-05", UKRAINE), b),
        (mention(2, a, "statement", "2023-01-05", None, putin), a),
        (mention(2, b, "statement", "2023-01-05", None, duda), b),
    ])
    kinds = sorted((e.type, len(e.article_refs)) for e in events)
    assert kinds == [("ceasefire_declared", 2), ("statement", 1), ("statement", 1)]


def test_two_mentions_of_one_article_never_merge_here() -> None:
    a = art(1)
    events = link_events([(mention(1, a, "strike", "2023-01-01", MAKIIVKA), a),
                          (mention(2, a, "strike", "2023-01-01", MAKIIVKA), a)])
    assert len(events) == 2


def test_place_containment() -> None:
    assert places_compatible(UKRAINE, MAKIIVKA)
    assert places_compatible(DONETSK_OBLAST, KRAMATORSK)
    assert not places_compatible(ODESA, KRAMATORSK)
    assert places_compatible(DONBAS, MAKIIVKA)


SEVASTOPOL = Place("Sevastopol", "city", "UA", "Sevastopol", 44.62, 33.52, 4)
BALAKLAVA = Place("Balaklava", "city", "UA", "Sevastopol", 44.50, 33.60, 5)
CRIMEA = Place("Crimea", "admin1", "UA", "Crimea", 45.3, 34.4)


def linked_one(pairs: list[tuple[EventMention, Article]]) -> tuple[str | None, Place | None]:
    """The date and place of the single event the pairs link into, the same in every input order."""
    seen = set()
    for order in itertools.permutations(pairs):
        events = link_events(list(order))
        assert len(events) == 1
        seen.add((events[0].date_start, events[0].place))
    assert len(seen) == 1, seen
    return seen.pop()


def test_the_date_most_mentions_give_wins_the_earliest_on_a_tie() -> None:
    a, b, c, d = art(1), art(2), art(3), art(4)
    day, _ = linked_one([(mention(1, a, "strike", "2023-09-23", SEVASTOPOL), a),
                         (mention(1, b, "strike", "2023-09-22", SEVASTOPOL), b),
                         (mention(1, c, "strike", "2023-09-23T13:15", SEVASTOPOL), c)])
    assert day == "2023-09-23T13:15"  # the majority day, at its most precise
    day, _ = linked_one([(mention(1, a, "strike", "2023-09-23", SEVASTOPOL), a),
                         (mention(1, b, "strike", "2023-09-22", SEVASTOPOL), b),
                         (mention(1, d, "strike", "2023-09", SEVASTOPOL), d)])
    assert day == "2023-09-22"  # a strike reported over two days happened on the first; a month has no vote


def test_the_place_most_mentions_agree_with_wins() -> None:
    a, b, c, d = art(1), art(2), art(3), art(4)
    _, place = linked_one([(mention(1, a, "strike", "2023-09-22", BALAKLAVA), a),
                           (mention(1, b, "strike", "2023-09-22", SEVASTOPOL), b),
                           (mention(1, c, "strike", "2023-09-22", CRIMEA), c),
                           (mention(1, d, "strike", "2023-09-22", SEVASTOPOL), d)])
    assert place == SEVASTOPOL  # one article's neighbouring town does not outvote the others
    _, place = linked_one([(mention(1, a, "strike", "2023-01-08", DONETSK_OBLAST), a),
                           (mention(1, b, "strike", "2023-01-08", KRAMATORSK), b)])
    assert place == KRAMATORSK  # the region agrees with the town in it: the town is more specific


def test_a_ceasefire_takes_the_day_of_its_stated_interval() -> None:
    a, b, c = art(1), art(2), art(3)
    day, _ = linked_one([(mention(1, a, "ceasefire_declared", "2025-04-20"), a),
                         (mention(1, b, "ceasefire_declared", "2025-04-19T18:00", end="2025-04-21T00:00"), b),
                         (mention(1, c, "ceasefire_declared", "2025-04-20"), c)])
    assert day == "2025-04-19T18:00"


def test_an_undated_mention_joins_only_a_recent_event() -> None:
    old = art(1, published="2023-09-22")
    recent = art(2, published="2023-09-25")
    months_later = art(3, published="2024-03-01")
    events = link_events([(mention(1, old, "strike", "2023-09-22", SEVASTOPOL), old),
                          (mention(1, recent, "strike", None, SEVASTOPOL), recent),
                          (mention(1, months_later, "strike", None, SEVASTOPOL), months_later)])
    assert sorted(e.article_refs for e in events) == [("r1", "r2"), ("r3",)]


def test_undated_mentions_of_articles_months_apart_stay_apart() -> None:
    july = art(1, published="2024-07-08")
    september = art(2, published="2024-09-03")
    same_week = art(3, published="2024-07-10")
    events = link_events([(mention(1, july, "strike", None, SEVASTOPOL), july),
                          (mention(1, september, "strike", None, SEVASTOPOL), september),
                          (mention(1, same_week, "strike", None, SEVASTOPOL), same_week)])
    assert sorted(e.article_refs for e in events) == [("r1", "r3"), ("r2",)]


def test_statements_link_by_their_speaker_not_by_a_side_word() -> None:
    a, b, c = art(1), art(2), art(3)
    side = EventActor("Russian forces", "russia", "initiator")
    putin = (EventActor("Vladimir Putin", "russia", "announcer"), side)
    ministry = (EventActor("Russian Ministry of Defence", "russia", "announcer"), side)
    events = link_events([(mention(1, a, "statement", "2025-04-20", None, putin), a),
                          (mention(1, b, "statement", "2025-04-20", None, ministry), b),
                          (mention(1, c, "statement", "2025-04-20", None, putin), c)])
    assert sorted(e.article_refs for e in events) == [("r1", "r3"), ("r2",)]


def test_placeless_mentions_of_one_day_link_when_they_are_the_only_placeless_event() -> None:
    a, b, c = art(1), art(2), art(3)
    events = link_events([(mention(1, a, "strike", "2023-10-05", None), a),
                          (mention(1, b, "strike", "2023-10-05", KRAMATORSK), b),
                          (mention(1, c, "strike", "2023-10-05", None), c)])
    assert sorted(e.article_refs for e in events) == [("r1", "r3"), ("r2",)]


def test_a_region_joins_a_town_in_it_only_on_the_same_day() -> None:
    a, b, c = art(1), art(2), art(3)
    events = link_events([(mention(1, a, "strike", "2023-01-08", DONETSK_OBLAST), a),
                          (mention(1, b, "strike", "2023-01-09", KRAMATORSK), b)])
    assert len(events) == 2  # a strike somewhere in the region the day before is another strike
    events = link_events([(mention(1, a, "strike", "2023-01-08", DONETSK_OBLAST), a),
                          (mention(1, c, "strike", "2023-01-08", KRAMATORSK), c)])
    assert len(events) == 1 and events[0].place == KRAMATORSK
    events = link_events([(mention(1, b, "strike", "2023-01-08", MAKIIVKA), b),
                          (mention(1, c, "strike", "2023-01-09", MAKIIVKA), c)])
    assert len(events) == 1  # the very same town a day apart (an overnight strike) still joins


def test_a_placeless_mention_joins_the_day_s_only_event_placed_by_no_town() -> None:
    a, b, c = art(1), art(2), art(3)
    events = link_events([(mention(1, a, "strike", "2023-10-05", DONETSK_OBLAST), a),
                          (mention(1, b, "strike", "2023-10-05", None), b)])
    assert [e.article_refs for e in events] == [("r1", "r2")]  # "a village in Donetsk Oblast" and "the village"
    events = link_events([(mention(1, a, "strike", "2023-10-05", DONETSK_OBLAST), a),
                          (mention(1, c, "strike", "2023-10-05", ODESA), c),
                          (mention(1, b, "strike", "2023-10-05", None), b)])
    assert sorted(e.article_refs for e in events) == [("r1", "r2"), ("r3",)]  # a town pins Odesa's strike


def test_a_region_placed_event_takes_no_placeless_mention_of_another_day() -> None:
    a, b = art(1), art(2)
    events = link_events([(mention(1, a, "strike", "2023-10-05", DONETSK_OBLAST), a),
                          (mention(1, b, "strike", "2023-10-06", None), b)])
    assert len(events) == 2
