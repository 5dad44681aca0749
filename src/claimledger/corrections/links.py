"""Split and merge corrections over the linker's events: the post-step of linking (``linking.py``).

The linker groups mentions by its rules (``link/``); this step then applies the analysts' link
corrections to its groups, in the order they were made:

1. ``split_mention`` with ``apart_from``: when the mention shares its event with a mention it was
   split from, it leaves for an event of its own (new reports may join that event later);
2. ``split_mention`` with ``with_mentions`` (a move): the mention joins the event of the first of
   those mentions present;
3. ``merge_events``: the event of the merged mentions joins the event of ``with_mentions`` (the
   whole group moves, so mentions that joined it later follow).

Only mentions this linking step placed (a group's last ``new``) can move: stored members stay
where the stored links keep them. A correction that would move a stored mention, or move one to an
event that is stored but not loaded in this step, makes ``regroup`` return None, and the caller
relinks every mention (where every mention is new). Corrections whose mentions are not in
``groups`` at all hold already: they were applied when those were linked. A group left empty is
dropped; a mention leaving for an event of its own founds a group with no id (named by the caller).
In a relink (``whole``), a group whose founding mention leaves keeps the id that mention gave it
(``link.new_event_id``) and the mention's own event takes the next one, so the event an analyst split
a mention from keeps its id.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..link import LinkedGroup, new_event_id
from ..records import Article, Correction, CorrectionKind, EventMention

Member = tuple[EventMention, Article]


@dataclass(slots=True, eq=False)
class _Group:
    id: str | None
    kind: str
    day: date | None
    stored: list[Member]
    fresh: list[Member] = field(default_factory=list)

    def ids(self) -> list[str]:
        return [m.id for m, _ in (*self.stored, *self.fresh)]


class _Stuck(Exception):
    """A correction needs a stored member to move: only a full relink can apply it."""


def regroup(groups: Sequence[LinkedGroup], corrections: Sequence[Correction],
            stored_ids: Collection[str], *, whole: bool = False) -> list[LinkedGroup] | None:
    """``groups`` with ``corrections`` applied (see the module docstring); None: relink everything.
    ``stored_ids``: of the mentions the corrections name, those stored (absent from ``groups`` and
    stored means linked earlier, in an event this step did not load); ``whole``: ``groups`` hold
    every mention."""
    work = [_Group(g.id, g.kind, g.day, list(g.mentions[:len(g.mentions) - g.new]),
                   list(g.mentions[len(g.mentions) - g.new:])) for g in groups]
    try:
        for c in corrections:
            if c.kind is CorrectionKind.MERGE_EVENTS:
                _merge(work, c, stored_ids)
            elif c.with_mentions:
                _move(work, c, stored_ids)
            else:
                _split(work, c, whole)
    except _Stuck:
        return None
    return [LinkedGroup(g.id, g.kind, g.day, (*g.stored, *g.fresh), len(g.fresh)) for g in work
            if g.stored or g.fresh]


def _find(work: list[_Group], mention_id: str) -> tuple[_Group, Member, bool] | None:
    """The group holding ``mention_id``, the member, and whether it was placed in this step."""
    for group in work:
        for member in group.fresh:
            if member[0].id == mention_id:
                return group, member, True
        for member in group.stored:
            if member[0].id == mention_id:
                return group, member, False
    return None


def _target(work: list[_Group], c: Correction, stored_ids: Collection[str]) -> _Group | None:
    """The group holding the first present mention of ``with_mentions``; None when none is linked
    (orphaned); stuck when they are stored but not loaded here."""
    for mention_id in c.with_mentions:
        found = _find(work, mention_id)
        if found is not None:
            return found[0]
    if any(m in stored_ids for m in c.with_mentions):
        raise _Stuck
    return None


def _split(work: list[_Group], c: Correction, whole: bool) -> None:
    for mention_id in c.mentions:
        found = _find(work, mention_id)
        if found is None:
            continue
        group, member, fresh = found
        if not set(c.apart_from).intersection(group.ids()):
            continue
        if not fresh:
            raise _Stuck
        own = None
        if whole and group.id is None and group.fresh[0] is member:  # the founder leaves: see the docstring
            group.id = new_event_id(member[0].id, ())
            own = new_event_id(member[0].id, {group.id})
        group.fresh.remove(member)
        work.append(_Group(own, group.kind, _day(member[0].date_start), [], [member]))


def _move(work: list[_Group], c: Correction, stored_ids: Collection[str]) -> None:
    present = [found for m in c.mentions if (found := _find(work, m)) is not None]
    if not present:
        return
    target = _target(work, c, stored_ids)
    if target is None:
        return
    for group, member, fresh in present:
        if group is target:
            continue
        if not fresh:
            raise _Stuck
        group.fresh.remove(member)
        target.fresh.append(member)


def _merge(work: list[_Group], c: Correction, stored_ids: Collection[str]) -> None:
    present = [found for m in c.mentions if (found := _find(work, m)) is not None]
    if not present:
        return
    target = _target(work, c, stored_ids)
    if target is None:
        return
    for group in dict.fromkeys(found[0] for found in present):  # each merged group once, in order
        if group is target:
            continue
        if group.stored and target.stored:
            raise _Stuck
        if group.stored:  # the target is all new: it joins the stored group instead
            group.fresh += target.stored + target.fresh
            target.stored, target.fresh = [], []
            target = group
        else:
            target.fresh += group.fresh
            group.fresh = []


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
