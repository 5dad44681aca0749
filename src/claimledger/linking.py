"""Derived state: linked events and contradictions kept in the store, linked incrementally.

Like ``ledger.py``, this module composes stages (``link/``, ``assess/``, ``store/``).

``link_pending(store, policy, version, assessment)`` is the write step (``Ledger.link``, run after
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
    4. every event that got members, or whose members' records changed
       (``dirty``, set by ``save_extractions``), is assessed again (``assess/``)
       and stored with it: its contradictions, its status and the status of
       each of its figures; dirty events left with no member are dropped.

``current_links(store, policy, version, assessment, where)`` is the read (``Links``): with the stored
links up to date, the stored events with their status, their contradictions and their figures'
statuses; while they are behind (another
writer saved extractions and has not linked them yet, or the ledger was linked
by another version), the same linking runs in memory without writing, so a
read inside a snapshot always shows every mention of that moment linked.

Both take the analysts' corrections in force (``overlay``, ``corrections/``): the linker's groups go
through ``overlay.regroup`` (split and merge corrections) before they are named, and events are
assessed over the corrected figures, with a ``debunk`` contradiction for each claim an analyst
debunked. A correction that only a full relink can apply makes either step relink every mention.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .assess import VERSION as ASSESS_VERSION
from .assess import event_status, figure_statuses, find_contradictions, find_debunks, find_denials
from .corrections.overlay import Overlay
from .link import VERSION as LINK_VERSION
from .link import LinkedGroup, Linker, blocks, build_event, name_groups
from .link.blocked import TaskMap, link_blocked
from .records import ArticleFilter, AssessCues, Claim, Contradiction, Event, EventBlock, EventPolicy, Figure
from .store import Store
from .store.base import EventWrite, StoredEvent


@dataclass(frozen=True, slots=True)
class LinkReport:
    """What one linking step did."""

    linked: int = 0  # mentions placed in an event
    created: int = 0  # new events
    touched: int = 0  # events written (new, joined or changed)
    relinked: bool = False  # every stored event was dropped and rebuilt


@dataclass(frozen=True, slots=True)
class Assessment:
    """What the assessment of linked events reads from the profile: its words (``assess/cues.yaml``)
    and the parties (the sides it gives an enemy; the others are checks)."""

    cues: AssessCues
    parties: frozenset[str]


def linker_version(policy: EventPolicy, assessment: Assessment) -> str:
    """The version stored links are kept under: the linker's rules, the assessment's (contradictions
    are stored with the events), the profile's event policy (a profile that changes how types link
    relinks the ledger) and its assessment words and parties."""
    material = (_canonical(policy), assessment.cues, tuple(sorted(assessment.parties)))
    digest = hashlib.sha1(repr(material).encode()).hexdigest()[:12]
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


def link_pending(store: Store, policy: EventPolicy, version: str, assessment: Assessment, *,
                 everything: bool = False, overlay: Overlay | None = None, run: TaskMap | None = None) -> LinkReport:
    """Link the mentions in no stored event and store the result (see the module docstring); with
    ``run``, in blocks that it links (``link.blocked``: on a Dask cluster), to the same groups."""
    overlay = overlay or Overlay()
    status = store.link_status()
    relink = everything or status.version != version
    pending = list(store.unlinked_mentions(everything=relink))
    if not pending and not status.dirty and not relink:
        return LinkReport()
    wanted: set[EventBlock] = {block for mention, article in pending for block in blocks(mention, article, policy)}
    existing = [] if relink else store.event_candidates(sorted(wanted, key=repr))
    if run is None:
        linker = Linker(policy, _groups(existing))
        linker.add_all(pending)
        grouped = linker.groups()
    else:
        grouped = link_blocked(policy, _groups(existing), pending, run)
    linked = overlay.regroup(grouped, whole=relink)
    if linked is None:  # a correction moves a stored mention: only a relink applies it
        return link_pending(store, policy, version, assessment, everything=True, overlay=overlay, run=run)
    unnamed = [g for g in linked if g.id is None]
    groups = name_groups(linked, _StoredIds(None if relink else store))
    touched = {g.id: g for g in groups if g.new}
    if status.dirty and not relink:
        for event in _groups(store.dirty_events()):
            if event.mentions:  # an event left with none is dropped by save_links
                touched.setdefault(event.id, event)
    assessed = _assess(store, list(touched.values()), policy, assessment, overlay)
    writes = []
    for group in touched.values():
        first, last = group.published()
        assert group.id is not None
        fresh = group.mentions[len(group.mentions) - group.new:] if group.new else ()
        found = assessed[group.id]
        writes.append(EventWrite(
            id=group.id, kind=group.kind, day=group.day.isoformat() if group.day else None,
            first_published=first, last_published=last,
            members=tuple((m.id, a.id) for m, a in fresh),
            contradictions=found.contradictions, status=found.event.status,
            figure_status=tuple(sorted(found.figure_status.items())),
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


@dataclass(frozen=True, slots=True)
class _Assessed:
    """One linked event assessed: the event with its status, its contradictions, its figures' statuses."""

    event: Event
    contradictions: tuple[Contradiction, ...]
    figure_status: Mapping[str, str]


def _assess(store: Store, groups: Sequence[LinkedGroup], policy: EventPolicy, assessment: Assessment,
            overlay: Overlay) -> dict[str, _Assessed]:
    """Each named group's event, assessed (``assess/``): contradictions over the figures of its mentions
    (an event with no date is not compared; the analysts' corrections applied), its claims' denials,
    on-site debunks and the claims analysts debunked; the event's status
    from its figures, claims and contradictions; the status of each of its figures."""
    events = {g.id: build_event(g, policy) for g in groups if g.id is not None}
    event_of = {m.id: g.id for g in groups for m, _ in g.mentions}
    published = {a.id: a.published for g in groups for _, a in g.mentions}
    undated = {e.id for e in events.values() if e.date_start is None}
    figures = [dataclasses.replace(f, event_id=event_of.get(f.event_id or ""))
               for f in overlay.figures(store.figures_of_mentions(list(event_of)))]
    claims = [dataclasses.replace(c, event_id=event_of.get(c.event_id or ""))
              for c in store.claims_of_mentions(list(event_of))]
    contradictions: dict[str, list[Contradiction]] = {}
    for contradiction in [*find_contradictions(figures, published, undated=undated, cues=assessment.cues),
                          *find_denials(claims), *find_debunks(claims, assessment.parties, assessment.cues),
                          *overlay.debunks(claims)]:
        contradictions.setdefault(contradiction.event_id, []).append(contradiction)
    figures_of: dict[str, list[Figure]] = {}
    for f in figures:
        figures_of.setdefault(f.event_id or "", []).append(f)
    claims_of: dict[str, list[Claim]] = {}
    for c in claims:
        claims_of.setdefault(c.event_id or "", []).append(c)
    found: dict[str, _Assessed] = {}
    for event_id, event in events.items():
        own = tuple(contradictions.get(event_id, ()))
        status = event_status(event, figures_of.get(event_id, ()), claims_of.get(event_id, ()), own,
                              assessment.parties)
        found[event_id] = _Assessed(dataclasses.replace(event, status=status), own,
                                    figure_statuses(figures_of.get(event_id, ()), own, assessment.parties))
    return found


@dataclass(frozen=True, slots=True)
class Links:
    """Linked events as of now (``current_links``): each event with its status, their contradictions,
    and the status of each of their figures (figure id -> status)."""

    events: list[Event]
    contradictions: list[Contradiction]
    figure_status: Mapping[str, str]


def current_links(store: Store, policy: EventPolicy, version: str, assessment: Assessment,
                  where: ArticleFilter | None = None, overlay: Overlay | None = None) -> Links:
    """Linked events (with an article ``where`` selects), their contradictions and their figures' statuses,
    as of now (see the module docstring). Call inside a snapshot when other reads must agree with it."""
    overlay = overlay or Overlay()
    status = store.link_status()
    if status.version == version and not status.pending and not status.dirty:
        stored = [e for e in store.linked_events(where) if e.members]
        events = [dataclasses.replace(event, status=e.status or event.status)
                  for e, event in ((e, build_event(g, policy)) for e, g in zip(stored, _groups(stored), strict=True))]
        return Links(events, store.contradictions(where), store.figure_statuses(where))
    current = status.version == version
    linked = store.linked_events() if current else []
    linker = Linker(policy, _groups(linked))
    linker.add_all(store.unlinked_mentions(everything=not current))
    regrouped = overlay.regroup(linker.groups(), whole=not current)
    if regrouped is None:  # a correction moves a stored mention: relinked whole, in memory
        linker = Linker(policy)
        linker.add_all(store.unlinked_mentions(everything=True))
        linked, regrouped = [], overlay.regroup(linker.groups(), whole=True) or []
    groups = name_groups([g for g in regrouped if g.mentions], {e.id for e in linked})
    if where is not None:
        selected = {a.id for a in store.articles(where)}
        groups = [g for g in groups if any(a.id in selected for _, a in g.mentions)]
    assessed = _assess(store, groups, policy, assessment, overlay)
    found = [assessed[g.id] for g in groups if g.id is not None]
    return Links([a.event for a in found], [c for a in found for c in a.contradictions],
                 {fid: st for a in found for fid, st in a.figure_status.items()})
