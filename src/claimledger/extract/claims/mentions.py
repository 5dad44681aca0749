"""The records of the actors component: profile actors and their titles, and the words in an
article that name an actor (``ActorMention``), with lookups over those words."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from ...records import Claimant, Span

POSSESSIVE = re.compile(r"\s*['’]s?$")


@dataclass(frozen=True, slots=True)
class TitleSpec:
    """A job title that names an actor in context, between two ISO dates."""

    title: str
    side: str
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True, slots=True)
class ActorSpec:
    """One actor of the profile."""

    id: str
    name: str
    side: str
    kind: str
    type: str
    heads: tuple[str, ...] = ()
    titles: tuple[TitleSpec, ...] = ()
    country: str | None = None

    def claimant(self, mention: str) -> Claimant:
        return Claimant(name=self.name, mention=mention, side=self.side, kind=self.kind, actor_id=self.id)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """Words in the text that name (or refer to) an actor.

    ``actor_id`` is the profile key, None for actors found only in this article.
    ``type`` is person, organisation, state, collective or media.
    """

    span: Span
    claimant: Claimant
    actor_id: str | None
    type: str = "person"


def span_of(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def overlaps(mentions: Sequence[ActorMention], start: int, end: int) -> bool:
    return any(c.span.start < end and start < c.span.end for c in mentions)


def _start(mention: ActorMention) -> int:
    return mention.span.start


def mention_at(mentions: Sequence[ActorMention], start: int, end: int) -> ActorMention | None:
    """The first mention overlapping the character range [start, end) (``mentions`` in text order)."""
    i = max(0, bisect_left(mentions, start, key=_start) - 1)  # no list of all starts per call
    for c in mentions[i:]:
        if c.span.start >= end:
            break
        if c.span.start < end and start < c.span.end:
            return c
    return None
