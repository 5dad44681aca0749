"""Status of an event and of each of its figures: who stands behind it, and does anyone check it.

A *voice* is a claimant that says something about the event in its own name:
its claims and figures, keyed by the claimant (the profile's actor id, else its
name), with the claimant's side, and the event's announcers (who reported it,
as its mentions found them). Not voices: an outlet passing on a count
(``contradictions.relays``) and claimants of side ``unknown`` ("sources said").
A claimant repeating itself across articles, or many outlets relaying one
ministry, is one voice. A *party* is a side the profile gives an enemy
(``opposite``: Russia, Ukraine); every other side (``independent``, ``un``,
``other_state``, a third state) is a *check*.

Event status, in this order:

1. ``contested``: a contradiction of the event (figures that cannot both be
   right, a denial, a debunk);
2. ``single_source``: one independent source reports it (articles of one
   outlet or one copy group: ``Event.sources`` below 2);
3. ``corroborated``: a check's voice speaks about it, or voices of two
   different sides do (both parties say the strike happened; the
   dispute, if any, is over its numbers and shows as 1.);
4. ``unverified``: only one party's voices, however many outlets repeat them.

Figure status, for one figure of an event, in this order:

1. ``contested``: the figure is cited by a contradiction;
2. ``corroborated``: a voice of another side (a check, or the other party)
   gives a figure for the same measure and subject that agrees with it
   (``contradictions.agree``);
3. ``unverified``: its claimant is a party (a party's own count, however
   often repeated);
4. ``single_source``: otherwise (one check's count, no one else's).

An outlet passing on a count takes the status of the figure it agrees with
(five outlets relaying one ministry's count: ``unverified``), else
``single_source``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from ..records import Claim, Claimant, Contradiction, Event, Figure
from .contradictions import agree, relays

STATUSES = ("corroborated", "contested", "single_source", "unverified")
NO_VOICE = frozenset({"unknown"})


def voice(claimant: Claimant) -> str:
    """The key one voice's claims share: the profile's actor, else the name as written."""
    return claimant.actor_id or " ".join((claimant.name or claimant.mention or "").casefold().split())


def event_status(event: Event, figures: Iterable[Figure], claims: Iterable[Claim],
                 contradictions: Iterable[Contradiction], parties: Collection[str]) -> str:
    """The status of ``event`` from its own figures, claims and contradictions (module docstring)."""
    if any(c.event_id == event.id for c in contradictions):
        return "contested"
    if event.sources < 2:
        return "single_source"
    sides = {c.side for c in _voices(figures, claims, event.id).values()}
    sides |= {a.side for a in event.actors if a.role == "announcer" and a.side not in NO_VOICE}
    if sides - set(parties) or len(sides) >= 2:
        return "corroborated"
    return "unverified"


def figure_statuses(figures: Iterable[Figure], contradictions: Iterable[Contradiction],
                    parties: Collection[str]) -> dict[str, str]:
    """Figure id -> status for the figures that belong to an event (module docstring)."""
    cited = {fid for c in contradictions for fid in c.figure_ids}
    by_group: dict[tuple[str, str, str], list[Figure]] = {}
    for f in figures:
        if f.event_id:
            by_group.setdefault((f.event_id, f.measure, f.subject_side), []).append(f)
    out: dict[str, str] = {}
    for group in by_group.values():
        for f in group:
            if relays(f):
                continue
            if f.id in cited:
                out[f.id] = "contested"
            elif any(_other_voice(f, g) and agree(f, g) for g in group):
                out[f.id] = "corroborated"
            elif f.claimant.side in parties:
                out[f.id] = "unverified"
            else:
                out[f.id] = "single_source"
        for f in group:  # an outlet passing on a count: the status of the count it passes on
            if relays(f):
                source = next((g for g in group if g.id in out and agree(f, g)), None)
                out[f.id] = out[source.id] if source is not None else "single_source"
    return out


def _voices(figures: Iterable[Figure], claims: Iterable[Claim], event_id: str) -> Mapping[str, Claimant]:
    found: dict[str, Claimant] = {}
    for f in figures:
        if f.event_id == event_id and f.claimant.side not in NO_VOICE and not relays(f):
            found.setdefault(voice(f.claimant), f.claimant)
    for c in claims:
        if c.event_id == event_id and c.claimant.side not in NO_VOICE and c.mode != "outlet":
            found.setdefault(voice(c.claimant), c.claimant)
    return found


def _other_voice(f: Figure, g: Figure) -> bool:
    """``g`` comes from a voice on another side than ``f``'s (relays and unknown sides never do)."""
    return (g.id != f.id and g.claimant.side != f.claimant.side and g.claimant.side not in NO_VOICE
            and not relays(g))
