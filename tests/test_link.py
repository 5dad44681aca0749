"""Linking event mentions across articles: same event joins, different events stay apart."""

from __future__ import annotations

from claimledger.link import link_events, places_compatible
from claimledger.records import Article, EventActor, EventMention, Place, Span

MAKIIVKA = Place("Makiivka", "city", "UA", "Donetsk Oblast", 48.05, 37.97, 1)
DONBAS = Place("Donbas", "area", "UA", None, 48.30, 38.00)
KRAMATORSK = Place("Kramatorsk", "city", "UA", "Donetsk Oblast", 48.72, 37.56, 2)
ODESA = Place("Odesa", "city", "UA", "Odesa Oblast", 46.48, 30.72, 3)
DONETSK_OBLAST = Place("Donetsk Oblast", "admin1", "UA", None, 48.0, 37.8)
UKRAINE = Place("Ukraine", "country", "UA")


def art(n: int, outlet: str | None = None, group: str | None = None) -> Article:
    return Article(id=f"a{n}", ref=f"r{n}", url=None, outlet=outlet or f"Outlet {n}", title=None, published=None,
                   language="en", text="", content_hash=str(n), ingested_at="", copy_group=group or f"a{n}")


def mention(n: int, article: Article, type_: str, day: str | None, place: Place | None = None,
            actors: tuple[EventActor, ...] = ()) -> EventMention:
    return EventMention(id=f"{article.id}:e{n}", article_id=article.id, type=type_, title=f"{type_} {n}",
                        trigger=Span(0, 0, ""), date_start=day, place=place, actors=actors)


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
