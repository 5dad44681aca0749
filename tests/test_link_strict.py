"""Linking does not glue unrelated events: tallies need announcer and day, strikes compatible places."""

from __future__ import annotations

from collections.abc import Iterable

from claimledger.link import link_events as link_with
from claimledger.link import places_compatible
from claimledger.profiles import load_profile
from claimledger.profiles.policy import event_policy
from claimledger.records import Article, Event, EventActor, EventMention, Place, Span

POLICY = event_policy(load_profile("russia-ukraine"))  # the bundled profile's event-type policy


def link_events(pairs: Iterable[tuple[EventMention, Article]]) -> list[Event]:
    return link_with(pairs, POLICY)


SUMY = Place("Sumy", "city", "UA", "Sumy Oblast", 50.91, 34.80, 10)
KYIV = Place("Kyiv", "city", "UA", None, 50.45, 30.52, 11)
UKRAINE = Place("Ukraine", "country", "UA")
KURSK = Place("Kursk Oblast", "admin1", "RU", None, 51.73, 36.19)
GS = EventActor("General Staff of the Armed Forces of Ukraine", "ukraine", "announcer")
MOD = EventActor("Russian Ministry of Defence", "russia", "announcer")


def art(n: int) -> Article:
    return Article(id=f"a{n}", ref=f"r{n}", url=None, outlet=f"Outlet {n}", title=None, published=None,
                   language="en", text="", content_hash=str(n), ingested_at="", copy_group=f"a{n}")


def mention(article: Article, type_: str, day: str | None, place: Place | None = None,
            actors: tuple[EventActor, ...] = ()) -> EventMention:
    return EventMention(id=f"{article.id}:e1", article_id=article.id, type=type_, title=type_,
                        trigger=Span(0, 0, ""), date_start=day, place=place, actors=actors)


def test_tallies_link_only_with_the_same_announcer_and_day() -> None:
    a, b, c = art(1), art(2), art(3)
    linked = link_events([(mention(a, "losses_tally", "2024-02-24", None, (GS,)), a),
                          (mention(b, "losses_tally", "2024-02-25", None, (GS,)), b),
                          (mention(c, "losses_tally", "2024-02-24", None, (MOD,)), c)])
    assert len(linked) == 3


def test_same_tally_links() -> None:
    a, b = art(1), art(2)
    assert len(link_events([(mention(a, "losses_tally", "2024-02-24", None, (GS,)), a),
                            (mention(b, "losses_tally", "2024-02-24", None, (GS,)), b)])) == 1


def test_a_nationwide_night_is_no_strike_on_a_city() -> None:
    a, b = art(1), art(2)
    assert len(link_events([(mention(a, "strike", "2024-05-01", SUMY), a),
                            (mention(b, "strike", "2024-05-01", UKRAINE), b)])) == 2
    assert not places_compatible(UKRAINE, SUMY, strict=True) and places_compatible(UKRAINE, SUMY)


def test_undated_mentions_join_only_the_same_place() -> None:
    a, b, c = art(1), art(2), art(3)
    linked = link_events([(mention(a, "strike", "2024-05-01", SUMY), a),
                          (mention(b, "strike", None, KYIV), b),
                          (mention(c, "casualty_report", None, KURSK), c)])
    assert len(linked) == 3
    assert len(link_events([(mention(a, "strike", "2024-05-01", SUMY), a),
                            (mention(b, "strike", None, SUMY), b)])) == 1


def test_placeless_undated_mentions_glue_nothing() -> None:
    a, b, c = art(1), art(2), art(3)
    assert len(link_events([(mention(a, "casualty_report", "2024-08-20", KURSK), a),
                            (mention(b, "casualty_report", None), b),
                            (mention(c, "casualty_report", "2024-08-21"), c)])) == 3
