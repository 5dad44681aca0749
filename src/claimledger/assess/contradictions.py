"""Contradictions: figures about one event that cannot both be right.

Figures are compared within one (event, measure, subject side). Two figures
contradict when their claimants are on different sides — two parties, or an
independent source against a party (``unknown`` sides are never compared) —
and, in this order:

    1. their intervals are disjoint (``interval`` below), or
    2. both give a ``best`` value and these differ by more than
       ``RELATIVE_TOLERANCE`` of the larger one (so a newspaper's "at least 89"
       for a ministry's count of 89 still stands against another side's 400).

Vague figures (no ``best``: "hundreds", "dozens") contradict only by rule 1,
and only from below: their words set a floor, not a ceiling ("thousands" does
not deny 12,000).
Figures more than ``MAX_RATIO`` times apart are taken to count different
things (a war-wide toll attached to one strike's report), not to dispute one
count, and are not compared.
Figures from one side never contradict each other: a claimant revising its
own figure (63, then 89) is an update. An outlet's own figure that no claim
of the outlet carries (``relays``: "the toll rose to 52", usually a party's
count passed on, often an earlier one) is no independent check and is left
out; the outlet's own finding (its sentence names the outlet as the source:
"an AP investigation found ...") is one. An
outlet's own claimed figure that repeats a party's number for the same event
is a restatement, not an independent check, and is left out too. One contradiction is recorded per
(event, measure, subject, pair of sides), citing every figure of those two
sides that takes part in a conflict.

Denials (``find_denials``, kind ``denial``): a claimant's denial about an
event against the assertions of another side's claimants about it.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable

from ..records import Claim, Contradiction, Figure

RELATIVE_TOLERANCE = 0.25
ABOUT_SPREAD = 0.10  # "about 5,937" spans 5,343..6,597 (a precise count); see ``_about`` for round ones
NOT_COMPARED = frozenset({"unknown"})
MAX_RATIO = 100.0


VAGUE = frozenset({"hundreds", "thousands", "dozens"})


def interval(figure: Figure) -> tuple[float, float]:
    """The values a figure's words allow, as a closed interval. A vague amount sets only a floor here:
    "thousands have been killed" does not deny a count of 12,000, though "dozens" denies one of 5."""
    low, best, high = figure.low, figure.best, figure.high
    if figure.qualifier in VAGUE and low is not None:
        return low, math.inf
    if low is None and high is None and best is not None:
        if figure.qualifier == "exact":
            return best, best
        return _about(best)
    lo = low if low is not None else 0.0
    hi = high if high is not None else math.inf
    if best is not None and low is None and figure.qualifier in ("about",):
        lo = _about(best)[0]
    return lo, hi


def _about(value: float) -> tuple[float, float]:
    """What "about N" allows. A round N is an estimate as loose as the tolerance of rule 2, both ways
    ("about 30" and 39 differ by less than a quarter of 39: no contradiction); a precise N ("about
    5,937") is a count, loose by ``ABOUT_SPREAD``."""
    spread = RELATIVE_TOLERANCE if _round(value) else ABOUT_SPREAD
    return value * (1 - spread), value / (1 - spread)


def _round(value: float) -> bool:
    """A number people round to: under 10, a multiple of 10, or from 20 a multiple of 5."""
    return value == int(value) and (value < 10 or value % 10 == 0 or (value >= 20 and value % 5 == 0))


def _conflict(a: Figure, b: Figure) -> str | None:
    (alo, ahi), (blo, bhi) = interval(a), interval(b)
    small, large = sorted((_magnitude(a), _magnitude(b)))
    if small > 0 and large / small > MAX_RATIO:
        return None
    if ahi < blo or bhi < alo:
        return "their ranges do not overlap"
    if a.best is not None and b.best is not None:
        larger = max(abs(a.best), abs(b.best))
        if larger and abs(a.best - b.best) / larger > RELATIVE_TOLERANCE:
            return f"their figures differ by more than {RELATIVE_TOLERANCE:.0%}"
    return None


def agree(a: Figure, b: Figure) -> bool:
    """The two figures count the same thing alike: within ``MAX_RATIO`` of each other and in no
    conflict by rules 1 and 2 (what a figure needs to corroborate another)."""
    small, large = sorted((_magnitude(a), _magnitude(b)))
    return not (small > 0 and large / small > MAX_RATIO) and large > 0 and _conflict(a, b) is None


def find_contradictions(figures: Iterable[Figure]) -> list[Contradiction]:
    """Contradictions among figures that carry an ``event_id`` (see the module docstring)."""
    groups: dict[tuple[str, str, str], list[Figure]] = defaultdict(list)
    for figure in figures:
        if figure.event_id and figure.claimant.side not in NOT_COMPARED and not relays(figure):
            groups[(figure.event_id, figure.measure, figure.subject_side)].append(figure)
    found: list[Contradiction] = []
    for (event_id, measure, subject), group in sorted(groups.items()):
        members = [f for f in group if not _restates(f, group)]
        by_pair: dict[tuple[str, str], dict[str, Figure]] = defaultdict(dict)
        reasons: dict[tuple[str, str], str] = {}
        for a, b in itertools.combinations(members, 2):
            if a.claimant.side == b.claimant.side:
                continue
            reason = _conflict(a, b)
            if reason is None:
                continue
            pair = tuple(sorted((a.claimant.side, b.claimant.side)))
            key = (pair[0], pair[1])
            by_pair[key][a.id] = a
            by_pair[key][b.id] = b
            reasons.setdefault(key, f"{_say(a)} vs {_say(b)}: {reason}")
        for pair, cited in sorted(by_pair.items()):
            ids = tuple(sorted(cited))
            found.append(Contradiction(
                id="ct:" + hashlib.sha1("\n".join((event_id, measure, subject, *ids)).encode()).hexdigest()[:16],
                event_id=event_id, measure=measure, subject_side=subject, figure_ids=ids, sides=pair,
                explanation=reasons[pair],
            ))
    return found


def relays(figure: Figure) -> bool:
    """An outlet's own figure that passes on a count ("The toll rose to 52.", usually a party's count,
    often an earlier one), unless its sentence names the outlet as the source of the finding ("AP
    evidence points to 600 dead", "an AP investigation found close to 600"; a dateline's "(AP)" does
    not count) or the outlet claims it in words of its own (a claim carries it)."""
    if figure.claimant.kind != "outlet" or figure.claim_id is not None:
        return False
    names = {n for n in (figure.claimant.name, figure.claimant.mention) if n and len(n) >= 2}
    sentence = _PARENTHESES.sub(" ", figure.evidence.text)
    return not any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", sentence) for n in names)


_PARENTHESES = re.compile(r"\([^()]*\)")


def _magnitude(figure: Figure) -> float:
    """The figure's size for the ratio check: best, else its known bound(s)."""
    if figure.best is not None:
        return abs(figure.best)
    bounds = [abs(v) for v in (figure.low, figure.high) if v is not None]
    return sum(bounds) / len(bounds) if bounds else 0.0


def _restates(figure: Figure, group: list[Figure]) -> bool:
    """An outlet's own figure that equals a party's figure in the group."""
    return figure.claimant.kind == "outlet" and figure.best is not None and any(
        other.best == figure.best and other.claimant.kind != "outlet" for other in group)


def _say(figure: Figure) -> str:
    who = figure.claimant.name or figure.claimant.mention or figure.claimant.side
    return f"{who} ({figure.claimant.side}): {figure.number.text}"


def find_denials(claims: Iterable[Claim]) -> list[Contradiction]:
    """Denials (kind ``denial``): within one event (claims carrying an ``event_id``), a claimant's
    denial ("Russia denied bombing the theatre") against what claimants of other sides assert about
    it. Sides ``unknown`` and an outlet's own voice are never compared. One record per (event,
    denying side), citing the denials and the assertions they stand against; no measure."""
    by_event: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.event_id and claim.claimant.side not in NOT_COMPARED and claim.claimant.kind != "outlet":
            by_event[claim.event_id].append(claim)
    found: list[Contradiction] = []
    for event_id, group in sorted(by_event.items()):
        denials = [c for c in group if c.stance == "denies"]
        for side in sorted({c.claimant.side for c in denials}):
            denied = [c for c in denials if c.claimant.side == side]
            asserted = [c for c in group if c.stance != "denies" and c.claimant.side != side]
            if not asserted:
                continue
            ids = tuple(sorted(c.id for c in denied + asserted))
            others = tuple(sorted({c.claimant.side for c in asserted}))
            first = denied[0]
            found.append(Contradiction(
                id="ct:" + hashlib.sha1("\n".join((event_id, "denial", *ids)).encode()).hexdigest()[:16],
                event_id=event_id, measure="", subject_side="", figure_ids=(), sides=(side, *others),
                explanation=f"{_who(first)} ({side}) {first.cue or 'denies'}: {first.content.text[:80]!r}, "
                            f"against {', '.join(sorted({_who(c) for c in asserted}))}",
                kind="denial", claim_ids=ids))
    return found


def _who(claim: Claim) -> str:
    return claim.claimant.name or claim.claimant.mention or claim.claimant.side

