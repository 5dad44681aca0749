"""Short ids for tables: the shortest prefixes that tell every stored id apart (git's short hashes).

Articles are ``<16 hex>``, linked events ``ev:<16 hex>``; claims, figures and event
mentions are ``<article>:<kind><start>-<end>`` and shorten their article part. One
length per kind and listing (at least ``MIN_HEX`` hex digits), long enough to tell apart
every id of that kind in the ledger, not only those listed: so what a table shows, the
commands take back (``show`` an article or one of its records, ``event`` a linked event).
JSON and CSV keep full ids.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..ledger import Ledger

MIN_HEX = 6  # the store takes article id prefixes of 6 characters or more
EVENT_PREFIX = "ev:"


def unique_length(ids: Iterable[str], minimum: int) -> int:
    """The shortest prefix length, at least ``minimum``, at which ``ids`` are all different."""
    ordered = sorted(set(ids))
    length = minimum
    for a, b in zip(ordered, ordered[1:], strict=False):
        shared = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        length = max(length, shared + 1)
    return length


class ShortIds:
    """Shortens ids of one ledger; the stored ids are read once, on first use."""

    def __init__(self, ledger: Ledger, listed_events: Iterable[str] = ()) -> None:
        self._ledger = ledger
        self._listed_events = list(listed_events)  # linked in memory while the stored links are behind
        self._article_length: int | None = None
        self._event_length: int | None = None

    def article(self, article_id: str) -> str:
        if self._article_length is None:
            self._article_length = unique_length(self._ledger.store.ids("articles"), MIN_HEX)
        return article_id[: self._article_length]

    def event(self, event_id: str) -> str:
        if not event_id.startswith(EVENT_PREFIX):
            return event_id
        if self._event_length is None:
            stored = self._ledger.store.ids("linked_events")
            self._event_length = unique_length([*stored, *self._listed_events], len(EVENT_PREFIX) + MIN_HEX)
        return event_id[: self._event_length]

    def record(self, record_id: str) -> str:
        """``<article>:<rest>`` with the article part shortened; any other id as it is."""
        article_id, colon, rest = record_id.partition(":")
        return self.article(article_id) + colon + rest if colon and rest[:1] in "cfe" else record_id

    def any_id(self, some_id: str) -> str:
        """A linked event's id or a record's, each shortened as its kind is (a correction's target)."""
        return self.event(some_id) if some_id.startswith(EVENT_PREFIX) else self.record(some_id)
