"""Opening the ledger and checking what a command is asked to select, before anything runs.

- Commands that only read refuse a ledger that does not exist (``StoreError`` CL306, with
  the ``claimledger ingest`` hint) instead of creating an empty one and printing nothing.
- Dates must be dates.
- A filter value (a side, a measure, an event type, a status) must be one the profile
  names or one the ledger holds; anything else is a usage error with the closest names
  ("did you mean 'russia'?", ``difflib``) and the full list, instead of an empty table.
  The profile's lists are read only when the ledger does not hold the value, so a valid
  filter costs one indexed query.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Collection, Iterable
from typing import Any

from ..errors import ConfigError
from ..ledger import Ledger
from ..profiles import load_profile
from ..records import ArticleFilter
from ..settings import Settings


def open_ledger(db: str | None, *, create: bool = False, **settings: object) -> Ledger:
    """The ledger ``--db`` names; only commands that write (``create=True``) may create it."""
    return Ledger(settings=Settings.from_env(db=db, **settings), create=create)


def is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True


def check_dates(*options: tuple[str, str | None]) -> None:
    """Refuse a date option that holds no date (``(label, value)`` pairs; None is not given)."""
    for label, value in options:
        if value is not None and not is_date(value):
            raise ConfigError(f"{label} takes a date like 2023-01-31, not {value!r}")


def article_filter(outlet: str | None, language: str | None, since: str | None, until: str | None,
                   text: str | None = None, limit: int | None = None) -> ArticleFilter:
    check_dates(("--since", since), ("--until", until))
    return ArticleFilter(outlet=outlet, language=language, since=since, until=until, text=text, limit=limit)


def check_choice(option: str, value: str | None, known: Collection[str], what: str) -> None:
    """Refuse ``value`` unless it is one of ``known``: the closest names, then every one."""
    if value is None or value in known:
        return
    guess = [k for k in known if k.casefold() == value.casefold()] or closest(value, known)
    hint = f"did you mean {' or '.join(repr(g) for g in guess)}? " if guess else ""
    raise ConfigError(f"Unknown {what} {value!r} for {option}: {hint}(known: {', '.join(sorted(known))})")


def closest(value: str, known: Collection[str]) -> list[str]:
    """The names nearest ``value`` (difflib's ratio of at least 0.6), the best and those nearly as good."""
    scored = sorted(((difflib.SequenceMatcher(None, value, k).ratio(), k) for k in known), reverse=True)
    scored = [(score, k) for score, k in scored if score >= 0.6]
    return [k for score, k in scored if score >= scored[0][0] - 0.02] if scored else []


def check_value(option: str, value: str | None, *, held: Callable[[str], bool],
                declared: Callable[[], Iterable[str]], what: str) -> None:
    """``check_choice`` over what the profile declares, unless the ledger holds ``value`` (``held``)."""
    if value is None or held(value):
        return
    check_choice(option, value, set(declared()), what)


# ------------------------------------------------------------ the profile's vocabulary
def sides(ledger: Ledger) -> frozenset[str]:
    """Every side a claimant may have: the profile's sides and the three that always exist."""
    from ..extract.vocabulary.sides import Sides

    return Sides.from_profile(load_profile(ledger.settings.profile)).vocabulary


def subjects(ledger: Ledger) -> frozenset[str]:
    """Whose losses a figure may count: a side, or civilians (``extract/figures``)."""
    return sides(ledger) | {"civilians"}


def measures(ledger: Ledger) -> frozenset[str]:
    """What a figure may count (the figures component's measures)."""
    from ..extract.figures.vocabulary import MEASURES

    return MEASURES


def event_types(ledger: Ledger) -> frozenset[str]:
    """The event types the profile declares (``events.yaml``) and those its policy names
    (``event_types.yaml``: a ceasefire is declared, rejected or violated)."""
    profile = load_profile(ledger.settings.profile)
    events = profile.section("events")
    declared = {str(t) for t in (events.get("types") or {})} if hasattr(events, "get") else set()
    policy = ledger.event_policy()
    named = set(policy.merge_families) | set(policy.link_families)
    for field in ("place_bound", "date_only", "speech", "past", "physical"):
        named |= set(getattr(policy, field))
    every = declared | named
    return frozenset(t for t in every if not any(o.startswith(t + "_") for o in every))  # ceasefire_*, not ceasefire


def has_any(rows: Iterable[Any]) -> bool:
    return next(iter(rows), None) is not None
