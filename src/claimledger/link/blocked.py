"""Linking in blocks that can run apart (on Dask workers: ``distributed/linking.py``), giving the
groups one ``Linker`` gives for the same stored events and mentions, in the same order.

``link_blocked(policy, existing, pending, run)`` cuts the work by the blocking of incremental
linking (``blocks``: a mention reaches only its type family's events founded within
``window_days`` of its day) and puts it back together:

1. **Type family.** Mentions of different link families never meet (an event has one family and
   a mention reaches only its own), so each family is linked apart; nothing can differ.
2. **Date segments.** A family with no stored events is linked in one pass: dated mentions in date
   order, then the undated. An event founded on day d is joined only by mentions of days d to
   d + ``window_days``, so from a day B on, linking depends on what came before only through the
   events founded in the window before B (``_window``) and their members. The family's dated
   mentions are cut into segments of ``segment_days``; a segment is linked after a lead-in of the
   ``lead_days`` before it, whose linking guesses those events. Each guess is checked against the
   segment before it as it was really linked, in order; a wrong guess (rare: the lead-in starts
   with nothing linked before it) has its segment linked again from the real events, on the
   caller's side. A family with stored events (incremental linking) is one block over them.
3. **Undated mentions** come last in one pass: one block per family, over the family's dated events
   (those in reach of its undated mentions: the ``UNDATED_WINDOW_DAYS`` before each article's
   publication, or all for an article with no date).

``run(policy, blocks)`` links blocks (``link_block``) and gives their results in order: the
``serial`` map here, or one that spreads them over a cluster. ``BlockedStats`` says what it did.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ..records import Article, EventMention, EventPolicy
from .events import UNDATED_WINDOW_DAYS, LinkedGroup, Linker, _day, _linking_order

SEGMENT_DAYS = 28
LEAD_DAYS = 9  # three linking windows: the guess of the window before a segment starts from far enough back

Pair = tuple[EventMention, Article]
Key = str  # an event across blocks: its stored id, or its founding mention's id (new events)
Snapshot = tuple[tuple[Key, tuple[str, ...]], ...]  # events in creation order, with their members' ids


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of linking: ``mentions`` of the family ``kind`` linked over ``seed`` (events linked
    before it: the family's stored events, or the events a segment starts with), after the ``lead``
    mentions (linked only to guess the events at ``start``). Its own events: those its mentions found,
    and the seed when ``own_seed``; of the others it reports the members its mentions gave them."""

    kind: str
    mentions: tuple[Pair, ...]
    seed: tuple[LinkedGroup, ...] = ()
    lead: tuple[Pair, ...] = ()
    start: date | None = None  # a segment: the first day it links
    window_days: int = 0
    own_seed: bool = False


@dataclass(frozen=True, slots=True)
class Linked:
    """What linking a block gave: its own events (``Block``) in the linker's order, the members its
    mentions gave other events (by key), and the lead-in's guess of the events at ``start``."""

    groups: tuple[LinkedGroup, ...]
    continued: tuple[tuple[Key, tuple[Pair, ...]], ...]
    guess: Snapshot = ()


@dataclass(slots=True)
class BlockedStats:
    """What ``link_blocked`` did: blocks linked in parallel, segments linked again (a wrong guess)."""

    families: int = 0
    blocks: int = 0
    repaired: int = 0
    mentions: int = 0
    lead_mentions: int = 0
    seeded_mentions: int = 0
    by_family: dict[str, int] = field(default_factory=dict)


TaskMap = Callable[[EventPolicy, Sequence[Block]], Iterable[Linked]]


def serial(policy: EventPolicy, blocks: Sequence[Block]) -> list[Linked]:
    """Link the blocks one after another in this process."""
    return [link_block(policy, block) for block in blocks]


def key_of(group: LinkedGroup) -> Key:
    return group.id if group.id is not None else group.mentions[0][0].id


def link_block(policy: EventPolicy, block: Block) -> Linked:
    """Link one block (a plain function of records: what a Dask task runs)."""
    linker = Linker(policy, block.seed)
    linker.add_all([*block.lead, *block.mentions])
    own_ids = {m.id for m, _ in block.mentions}
    seeded = {key_of(g) for g in block.seed}
    groups: list[LinkedGroup] = []
    continued: list[tuple[Key, tuple[Pair, ...]]] = []
    guess: list[tuple[Key, tuple[str, ...]]] = []
    for group in linker.groups():
        if not group.mentions:
            continue
        key = key_of(group)
        founded_here = key not in seeded and group.mentions[0][0].id in own_ids
        if founded_here or (key in seeded and block.own_seed):
            groups.append(replace(group, new=sum(1 for m, _ in group.mentions if m.id in own_ids)))
            continue
        joined = tuple(pair for pair in group.mentions if pair[0].id in own_ids)
        if joined:
            continued.append((key, joined))
        if block.start is not None and key not in seeded and _in_window(group.day, block.start, block.window_days):
            guess.append((key, tuple(m.id for m, _ in group.mentions if m.id not in own_ids)))
    return Linked(tuple(groups), tuple(continued), tuple(guess))


def _in_window(day: date | None, start: date, window_days: int) -> bool:
    return day is not None and start - timedelta(days=window_days) <= day < start


def _window(groups: Iterable[LinkedGroup], start: date, window_days: int) -> list[LinkedGroup]:
    """The events founded in the ``window_days`` before ``start``: those a segment starting then can reach."""
    return [g for g in groups if _in_window(g.day, start, window_days)]


def _snapshot(groups: Iterable[LinkedGroup]) -> Snapshot:
    return tuple((key_of(g), tuple(m.id for m, _ in g.mentions)) for g in groups)


def link_blocked(policy: EventPolicy, existing: Sequence[LinkedGroup], pending: Iterable[Pair],
                 run: TaskMap = serial, *, segment_days: int = SEGMENT_DAYS, lead_days: int = LEAD_DAYS,
                 stats: BlockedStats | None = None) -> list[LinkedGroup]:
    """``Linker(policy, existing)`` after ``add_all(pending)``: its ``groups()``, linked in blocks (module
    docstring). ``segment_days`` and ``lead_days`` must be at least the policy's ``window_days``."""
    window = policy.scoring.window_days
    if segment_days < window or lead_days < window:
        raise ValueError(f"segments and lead-ins must span at least the linking window ({window} days)")
    stats = stats if stats is not None else BlockedStats()
    by_family: dict[str, list[Pair]] = {}
    for pair in pending:
        by_family.setdefault(policy.link_family(pair[0].type), []).append(pair)
    stored: dict[str, list[LinkedGroup]] = {}
    for group in existing:
        stored.setdefault(group.kind, []).append(group)
    stats.families = len(by_family)
    stats.mentions = sum(len(p) for p in by_family.values())
    stats.by_family = {kind: len(p) for kind, p in sorted(by_family.items())}

    first: list[Block] = []
    segmented: dict[str, list[int]] = {}  # family -> indexes of its segments in ``first``, in date order
    undated: dict[str, list[Pair]] = {}
    for kind, pairs in sorted(by_family.items()):
        if kind in stored:
            first.append(Block(kind, tuple(pairs), seed=tuple(stored[kind]), own_seed=True))
            continue
        dated = sorted((p for p in pairs if _day(p[0].date_start) is not None), key=_linking_order)
        undated[kind] = [p for p in pairs if _day(p[0].date_start) is None]
        segmented[kind] = []
        for start, own, lead in _segments(dated, segment_days, lead_days):
            segmented[kind].append(len(first))
            first.append(Block(kind, own, lead=lead, start=start, window_days=window))
    results = list(run(policy, first))

    events: dict[Key, LinkedGroup] = {key_of(g): g for g in existing}
    order: list[Key] = [key_of(g) for g in existing]

    def gather(linked: Linked) -> None:
        for group in linked.groups:
            key = key_of(group)
            if key not in events:
                order.append(key)
            events[key] = group
        for key, joined in linked.continued:
            group = events[key]
            events[key] = replace(group, mentions=group.mentions + joined, new=group.new + len(joined))

    for kind in sorted(by_family):
        if kind in stored:
            continue
        before: Linked | None = None
        for index in segmented[kind]:
            block, linked = first[index], results[index]
            assert block.start is not None
            real = _window(before.groups if before else (), block.start, window)
            if linked.guess != _snapshot(real):
                stats.repaired += 1
                linked = link_block(policy, replace(block, lead=(), seed=tuple(real)))
            gather(linked)
            before = linked
    for index, block in enumerate(first):
        if block.own_seed:
            gather(results[index])

    tails: list[Block] = []
    for kind, pairs in sorted(undated.items()):
        if pairs:
            dated_events = [events[k] for k in order if events[k].kind == kind and events[k].day is not None]
            tails.append(Block(kind, tuple(pairs), seed=tuple(_in_reach_of(dated_events, pairs))))
    for linked in run(policy, tails):
        gather(linked)

    stats.blocks = len(first) + len(tails)
    stats.lead_mentions = sum(len(b.lead) for b in first)
    stats.seeded_mentions = sum(len(g.mentions) for b in (*first, *tails) for g in b.seed)
    old = [key_of(g) for g in existing]
    known = set(old)
    new = sorted((k for k in order if k not in known), key=lambda k: _linking_order(events[k].mentions[0]))
    counts = {key_of(g): len(g.mentions) for g in existing}
    return [replace(events[k], new=len(events[k].mentions) - counts.get(k, 0)) for k in [*old, *new]]


def _segments(dated: Sequence[Pair], segment_days: int,
              lead_days: int) -> Iterable[tuple[date, tuple[Pair, ...], tuple[Pair, ...]]]:
    """(start, its mentions, its lead-in) of each segment of ``segment_days`` with mentions, from the first day."""
    if not dated:
        return
    days = [_day(m.date_start) for m, _ in dated]
    origin = days[0]
    assert origin is not None
    by_segment: dict[int, list[int]] = {}
    for i, day in enumerate(days):
        assert day is not None
        by_segment.setdefault((day - origin).days // segment_days, []).append(i)
    for number, indexes in sorted(by_segment.items()):
        start = origin + timedelta(days=number * segment_days)
        lead_from = start - timedelta(days=lead_days)
        lead = [dated[i] for i in range(indexes[0] - 1, -1, -1) if (d := days[i]) is not None and d >= lead_from]
        yield start, tuple(dated[i] for i in indexes), tuple(reversed(lead))


def _in_reach_of(dated_events: Sequence[LinkedGroup], undated: Sequence[Pair]) -> list[LinkedGroup]:
    """The dated events undated mentions can reach (``Linker._in_reach``), in creation order."""
    published = [_day(a.published) for _, a in undated]
    if any(p is None for p in published):
        reach = dated_events
    else:
        days = {p - timedelta(days=d) for p in published if p is not None
                for d in range(-1, UNDATED_WINDOW_DAYS + 1)}
        reach = [g for g in dated_events if g.day in days]
    return sorted(reach, key=lambda g: _linking_order(g.mentions[0]))
