"""Linking in blocks (``link/blocked.py``) gives exactly the groups one ``Linker`` gives: the same
events, members in the same order, the same ``new`` counts, the events in the same order; in one
pass, incrementally over stored events, and when lead-ins guess wrong and segments are linked again.
The mentions are made up here: dense reports of strikes, statements and tallies over four months."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from claimledger.link import LinkedGroup, Linker
from claimledger.link.blocked import BlockedStats, link_blocked
from claimledger.profiles import load_profile
from claimledger.profiles.policy import event_policy
from claimledger.records import Article, EventActor, EventMention, EventPolicy, Place, Span

Pair = tuple[EventMention, Article]
TYPES = ("strike", "strike", "casualty_report", "statement", "losses_tally", "capture")
SPEAKERS = (("Defence Ministry of Russia", "russia"), ("General Staff of Ukraine", "ukraine"))


@pytest.fixture(scope="module")
def policy() -> EventPolicy:
    return event_policy(load_profile("russia-ukraine"))


def towns(rng: random.Random) -> list[Place]:
    return [Place(f"Town {i}", "city", "UA", f"Region {i % 4}", 47.0 + rng.random() * 4, 30.0 + rng.random() * 8,
                  800000 + i) for i in range(12)]


def reports(seed: int, count: int, days: int = 120) -> list[Pair]:
    """``count`` articles of one to three mentions each: some a day off, some undated, some in an
    undated article, on few towns and few days, so that events in reach crowd."""
    rng = random.Random(seed)
    places = towns(rng)
    start = date(2023, 3, 1)
    pairs: list[Pair] = []
    for n in range(count):
        day = start + timedelta(days=rng.randrange(days))
        published = None if rng.random() < 0.03 else (day + timedelta(days=rng.choice((0, 1, 1, 2)))).isoformat()
        article = Article(id=f"a{n:05d}", ref=None, url=None, outlet=f"Outlet {rng.randrange(9)}", title=None,
                          published=published, language="en", text="", content_hash=str(n),
                          ingested_at="2026-01-01T00:00:00+00:00", copy_group=f"a{n:05d}")
        for k in range(rng.choice((1, 1, 2, 3))):
            type_ = rng.choice(TYPES)
            speaker, side = rng.choice(SPEAKERS)
            told = None if rng.random() < 0.12 else (day + timedelta(days=rng.choice((0, 0, 1, -1)))).isoformat()
            place = rng.choice(places) if type_ in ("strike", "casualty_report", "capture") else None
            words = f"{type_} in {place.name if place else 'the capital'} said {speaker} {rng.randrange(5)}"
            pairs.append((EventMention(f"{article.id}:e{k}", article.id, type_, type_, Span(0, 1, "x"),
                                       date_start=told, place=place,
                                       actors=(EventActor(speaker, side, "announcer"),),
                                       evidence=(Span(0, len(words), words),)),
                          article))
    return pairs


def one_linker(policy: EventPolicy, existing: list[LinkedGroup], pending: list[Pair]) -> list[LinkedGroup]:
    linker = Linker(policy, existing)
    linker.add_all(pending)
    return linker.groups()


def shape(groups: list[LinkedGroup]) -> list[tuple[object, ...]]:
    return [(g.id, g.kind, g.day, tuple(m.id for m, _ in g.mentions), g.new) for g in groups]


@pytest.mark.parametrize(("segment_days", "lead_days"), [(28, 9), (7, 3), (3, 3)])
def test_one_pass_in_blocks_gives_the_same_groups(policy: EventPolicy, segment_days: int, lead_days: int) -> None:
    pairs = reports(3, 900)
    stats = BlockedStats()
    blocked = link_blocked(policy, [], pairs, segment_days=segment_days, lead_days=lead_days, stats=stats)
    assert shape(blocked) == shape(one_linker(policy, [], pairs))
    assert stats.families >= 4 and stats.blocks > stats.families
    assert stats.mentions == len(pairs)


def test_wrong_guesses_are_linked_again_to_the_same_groups(policy: EventPolicy) -> None:
    pairs = reports(11, 1500, days=40)  # crowded days: a lead-in of one window guesses some segments wrong
    stats = BlockedStats()
    blocked = link_blocked(policy, [], pairs, segment_days=3, lead_days=3, stats=stats)
    assert stats.repaired > 0
    assert shape(blocked) == shape(one_linker(policy, [], pairs))


def test_incremental_linking_over_stored_events_gives_the_same_groups(policy: EventPolicy) -> None:
    pairs = reports(5, 800)
    half = len(pairs) // 2
    stored = [LinkedGroup(f"ev:{n}", g.kind, g.day, g.mentions) for n, g in
              enumerate(one_linker(policy, [], pairs[:half]))]
    some = [g for g in stored if g.kind != "statement"]  # statements: a family with no stored event
    for existing in (stored, some):
        blocked = link_blocked(policy, existing, pairs[half:], segment_days=5, lead_days=3)
        assert shape(blocked) == shape(one_linker(policy, existing, pairs[half:]))


def test_segments_shorter_than_the_linking_window_are_refused(policy: EventPolicy) -> None:
    with pytest.raises(ValueError, match="linking window"):
        link_blocked(policy, [], reports(1, 10), segment_days=1, lead_days=1)
