"""Keyset pagination: a page ends with a cursor that names where the next one starts.

A cursor is the sort key of the last item served (never an offset), tagged with its listing and
encoded as URL-safe base64 of JSON. The store pages its own listings by key (``Store.article_page``
and the like); derived listings (linked events, contradictions, a tally's days) are computed whole
and cut here by the same rule, ``keyset``: the items whose key is above the cursor's, in key order.
So an item added or removed between two requests never shifts the next page, and a page costs the
same however deep.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from ..store.base import Position
from .errors import ApiError

T = TypeVar("T")
Key = tuple[int | float | str, ...]


def encode_cursor(listing: str, after: Position | None) -> str | None:
    if after is None:
        return None
    raw = json.dumps([listing, list(after)], ensure_ascii=True, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(listing: str, cursor: str | None) -> Position | None:
    """The position a cursor of ``listing`` names; ``ApiError`` 400 for one that is damaged or not of it."""
    if cursor is None or cursor == "":
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        name, after = json.loads(raw)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ApiError(400, "bad_cursor", "The cursor is damaged; pass a next_cursor exactly as a page gave it, "
                       "or none for the first page") from None
    if name != listing or not isinstance(after, list) or not after or not all(
            isinstance(v, int | float | str) and not isinstance(v, bool) for v in after):
        raise ApiError(400, "bad_cursor", f"This cursor is not one of the {listing} listing; pass the next_cursor "
                       "of a page of the same listing")
    return tuple(after)


def keyset(items: Iterable[T], key: Callable[[T], Key], after: Position | None,
           size: int) -> tuple[list[T], Key | None]:
    """The ``size`` items with the smallest keys above ``after``, and the last one's key when more follow."""
    ordered = sorted((item for item in items if after is None or _above(key(item), after)), key=key)
    if len(ordered) <= size:
        return ordered, None
    page = ordered[:size]
    return page, key(page[-1])


def _above(found: Key, after: Sequence[int | float | str]) -> bool:
    try:
        return found > tuple(after)
    except TypeError:  # a cursor whose keys are of other types than this listing's
        raise ApiError(400, "bad_cursor", "This cursor does not fit this listing; start again without one") from None
