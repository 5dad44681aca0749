"""Derived state: linked events and contradictions kept in the store, linked incrementally.

Like ``ledger.py``, this module composes stages (``link/``, ``assess/``, ``store/``).

``link_pending(store, version)`` is the write step (``Ledger.link``, run after
every extraction pass):

    1. when the stored links were written by another linker version (or never),
       every stored event is dropped and every mention is relinked;
    2. else only the mentions in no event are linked: each can reach only the
       stored events of its type family within its date window (``link.blocks``;
       an undated mention: those of the days before its article's publication,
       and undated events reported within that window), so a new article loads
       and touches those events, not the ledger;
    3. new events are named by the mention that founded them
       (``link.new_event_id``): an event keeps its id when others join it;
    4. the contradictions of every event that got members, or whose members'
       records changed (``dirty``, set by ``save_extractions``), are recomputed
       and stored; dirty events left with no member are dropped.

``current_links(store, version, where)`` is the read: with the stored links up
to date, the stored events and contradictions; while they are behind (another
writer saved extractions and has not linked them yet, or the ledger was linked
by another version), the same linking runs in memory without writing, so a
read inside a snapshot always shows every mention of that moment linked.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .assess import VERSION as ASSESS_VERSION
from .assess import find_contradictions, find_denials
from .link import VERSION as LINK_VERSION
from .link import LinkedGroup, Linker, blocks, build_event, name_groups
from .records import ArticleFilter, Contradiction, Event, EventBlock, EventPolicy
from .store import Store
from .store.base import EventWrite, StoredEvent


@dataclass(frozen=True, slots=True)
class LinkReport:
    """What one linking step did."""

    linked: int = 0  # mentions placed in an event
    created: int = 0  # new events
    touched: int = 0  # events written (new, joined or changed)
    relinked: bool = False  # every stored event was dropped and rebuilt


def linker_version(policy: EventPolicy) -> str:
    """The version stored links are kept under: the linker's rules, the assessment's (contradictions
    are stored with the events) and the profile's event policy (a profile that changes how types link
    relinks the ledger)."""
    digest = hashlib.sha1(repr(_canonical(policy)).encode()).hexdigest()[:12]
    return f"link/{LINK_VERSION}+assess/{ASSESS_VERSION}+{digest}"


def _canonical(policy: EventPolicy) -> tuple[object, ...]:
    return tuple(_canonical_value(getattr(policy, f.name)) for f in dataclasses.fields(policy))


def _canonical_value(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple((f.name, _canonical_value(getattr(value, f.name))) for f in dataclasses.fields(value))
    if isinstance(value, Mapping):
        return sorted(value.items())
    if isinstance(value, frozenset | set):
        return sorted(value)
    return value


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _groups(stored: Iterable[StoredEvent]) -> list[LinkedGroup]:
    return [LinkedGroup(e.id, e.kind, _day(e.day), e.members) for e in stored]


def link_pending(store: Store, policy: EventPolicy, version: str, *, everything: bool = False) -> LinkReport:
    """Link the mentions in no stored event and store the result (see the module docstring)."""
    status = store.link_status()
    relink = everything or status.version != version
    pending = list(store.unlinked_mentions(everything=relink))
    if not pending and not status.dirty and not relink:
        return LinkReport()
    wanted: set[EventBlock] = {block for mention, article in pending for block in blocks(mention, article, policy)}
    existing = [] if relink else store.event_candidates(sorted(wanted, key=repr))
    linker = Linker(policy, _groups(existing))
    linker.add_all(pending)
    unnamed = [g for g in linker.groups() if g.id is None]
    groups = name_groups(linker.groups(), _StoredIds(None if relink else store))
    touched = {g.id: g for g in groups if g.new}
    if status.dirty and not relink:
        for event in _groups(store.dirty_events()):
            if event.mentions:  # an event left with none is dropped by save_links
                touched.setdefault(event.id, event)
    contradictions = _contradictions(store, list(touched.values()))
    writes = []
    for group in touched.values():
        first, last = group.published()
        assert group.id is not None
        fresh = group.mentions[len(group.mentions) - group.new:] if group.new else ()
        writes.append(EventWrite(
            id=group.id, kind=group.kind, day=group.day.isoformat() if group.day else None,
            first_published=first, last_published=last,
            members=tuple((m.id, a.id) for m, a in fresh),
            contradictions=tuple(contradictions.get(group.id, ())),
        ))
    store.save_links(writes, version, replace_all=relink)
    return LinkReport(linked=len(pending), created=len(unnamed), touched=len(writes), relinked=relink)


@dataclass(frozen=True, slots=True)
class _StoredIds:
    """The event ids a store holds, asked one at a time (only new events ask); None: none."""

    store: Store | None

    def __contains__(self, event_id: object) -> bool:
        return self.store is not None and isinstance(event_id, str) and bool(
            self.store.taken_event_ids([event_id]))


def _contradictions(store: Store, groups: Sequence[LinkedGroup]) -> dict[str, list[Contradiction]]:
    """Contradictions by event id: over the figures of each group's mentions, and their claims' denials."""
    event_of = {m.id: g.id for g in groups for m, _ in g.mentions}
    figures = [dataclasses.replace(f, event_id=event_of.get(f.event_id or ""))
               for f in store.figures_of_mentions(list(event_of))]
    claims = [dataclasses.replace(c, event_id=event_of.get(c.event_id or ""))
              for c in store.claims_of_mentions(list(event_of))]
    found: dict[str, list[Contradiction]] = {}
    for contradiction in [*find_contradictions(figures), *find_denials(claims)]:
        found.setdefault(contradiction.event_id, []).append(contradiction)
    return found


def current_links(store: Store, policy: EventPolicy, version: str,
                  where: ArticleFilter | None = None) -> tuple[list[Event], list[Contradiction]]:
    """Linked events (with an article ``where`` selects) and their contradictions, as of now
    (see the module docstring). Call inside a snapshot when other reads must agree with it."""
    status = store.link_status()
    if status.version == version and not status.pending and not status.dirty:
        events = [build_event(g, policy) for g in _groups(store.linked_events(where)) if g.mentions]
        return events, store.contradictions(where)
    stored = store.linked_events() if status.version == version else []
    linker = Linker(policy, _groups(stored))
    linker.add_all(store.unlinked_mentions(everything=status.version != version))
    groups = name_groups([g for g in linker.groups() if g.mentions], {e.id for e in stored})
    if where is not None:
        selected = {a.id for a in store.articles(where)}
        groups = [g for g in groups if any(a.id in selected for _, a in g.mentions)]
    contradictions = _contradictions(store, groups)
    return [build_event(g, policy) for g in groups], [c for g in groups for c in contradictions.get(g.id or "", ())]
