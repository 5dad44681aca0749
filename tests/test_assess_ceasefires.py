"""A ceasefire's declaration, rejection and alleged violations, connected and in order."""

from __future__ import annotations

from claimledger.assess import ceasefire_chains, timeline
from claimledger.records import Event


def event(key: str, type_: str, start: str | None, end: str | None = None) -> Event:
    return Event(id=key, type=type_, title=key, date_start=start, date_end=end, place=None, actors=(),
                 article_ids=(), article_refs=(), mention_ids=(), status="single_source", sources=1)


def test_a_truce_collects_its_rejection_and_the_violations_alleged_during_it() -> None:
    truce = event("truce", "ceasefire_declared", "2025-04-19T18:00", "2025-04-21T00:00")
    rejected = event("rejected", "ceasefire_rejected", "2025-04-19")
    night = event("night", "ceasefire_violation", "2025-04-20")
    morning_after = event("after", "ceasefire_violation", "2025-04-22")  # reports of the last night
    much_later = event("later", "ceasefire_violation", "2025-05-10")
    strike = event("strike", "strike", "2025-04-20")
    chains = ceasefire_chains([night, much_later, strike, rejected, truce, morning_after])
    assert len(chains) == 1
    chain = chains[0]
    assert [e.id for e in chain.events] == ["truce", "rejected", "night", "after"]
    assert [e.id for e in chain.rejections] == ["rejected"] and len(chain.violations) == 2


def test_an_open_truce_lasts_a_few_days_and_the_latest_truce_takes_its_events() -> None:
    first = event("first", "ceasefire_declared", "2023-01-06")
    second = event("second", "ceasefire_declared", "2023-01-08")
    early = event("early", "ceasefire_violation", "2023-01-07")
    late = event("late", "ceasefire_violation", "2023-01-09")
    beyond = event("beyond", "ceasefire_violation", "2023-01-20")
    undated = event("undated", "ceasefire_rejected", None)
    chains = {c.declared.id: [e.id for e in c.events] for c in ceasefire_chains([first, second, early, late,
                                                                                 beyond, undated])}
    assert chains == {"first": ["first", "early"], "second": ["second", "late"]}


def test_the_timeline_puts_dated_events_in_order_and_the_undated_last() -> None:
    events = [event("b", "strike", "2024-02-02"), event("u", "statement", None),
              event("a", "ceasefire_declared", "2024-02-01")]
    assert [e.id for e in timeline(events)] == ["a", "b", "u"]
