"""Contradictions: figures about one event that cannot both be right.

Figures are compared within one (event, measure, subject side). Two figures
contradict when their claimants are on different sides — two parties, or an
independent source against a party (``unknown`` sides are never compared) —
and, in this order:

    1. their intervals are disjoint (``interval`` below; "more than 50" is not
       held against 50: the words pass on a count that stood at 50), or
    2. both give a ``best`` value and these differ by more than
       ``RELATIVE_TOLERANCE`` of the larger one (so a newspaper's "at least 89"
       for a ministry's count of 89 still stands against another side's 400).

Vague figures (no ``best``: "hundreds", "dozens") contradict only by rule 1,
and only from below: their words set a floor, not a ceiling ("thousands" does
not deny 12,000).
Left out before comparing:
    - figures more than ``MAX_RATIO`` times apart are taken to count different
      things (a war-wide toll attached to one strike's report), not to dispute
      one count, and are not compared;
    - a rate ("an average of six civilians a day", "a daily toll of over 1,000";
      ``rate``, with the profile's ``assess/cues.yaml`` words) counts no event;
    - the figures of an event with no date (``undated``): without a day the
      linker's event may hold reports of different events (an article's strike
      and the one it recalls), and a contradiction needs one event;
    - an outlet's own figure that no claim of the outlet carries (``relays``:
      "the toll rose to 52", usually a party's count passed on, often an earlier
      one) is no independent check; the outlet's own finding (its sentence
      names the outlet as the source: "an AP investigation found ...") is one;
    - an outlet's own claimed figure that repeats a party's number for the same
      event is a restatement, not an independent check.
Figures from one side never contradict each other: a claimant revising its
own figure (63, then 89) is an update. Across sides, a pair that conflicts is
no contradiction when the counts moved rather than disagreed (``_moved``; a
figure's moment is its ``as_of``, else its article's publication day):
    a. one side came round: a later figure of its own (given once both figures
       of the pair were) agrees with the other side's (Russia's 40 prisoners
       killed, then its 50, against Ukraine's "more than 50");
    b. an early toll: by the time of one side's figure, the other side had
       given a figure that agrees with it, and the pair's other figure came
       later (the DPR's "about 30" on the day, when Ukraine counted 39, against
       Ukraine's 57 two days on);
    c. the toll grew: the other figure is the count of a side's own people by
       that side, given on a later day, larger, and at most ``TOLL_GROWTH``
       times the earlier one, and the earlier figure's side kept to no figure
       against it afterwards (an enemy's first count of 75 wounded prisoners, a
       year before their own side's 130).
One contradiction is recorded per (event, measure, subject, pair of sides),
citing every figure of those two sides that takes part in a conflict.

Denials and debunks (claims, not figures) are in ``denials.py``.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from ..records import AssessCues, Contradiction, Figure

RELATIVE_TOLERANCE = 0.25
ABOUT_SPREAD = 0.10  # "about 5,937" spans 5,343..6,597 (a precise count); see ``_about`` for round ones
NOT_COMPARED = frozenset({"unknown"})
MAX_RATIO = 100.0
TOLL_GROWTH = 2.0  # a later own count more than twice an earlier count is no longer that count grown
RATE_WINDOW = 6  # words before a number (in its clause) that may make it a rate
RATE_AFTER_WORDS = 3  # words of the counted noun between a number and a per-time phrase ("six civilians a day")
NO_CUES = AssessCues()


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


def _compared(figure: Figure) -> tuple[float, float]:
    """The interval rule 1 compares: ``interval``, with "more than N" reaching down to N itself (it passes
    on a count that stood at N; "more than 50" does not deny a count of 50)."""
    lo, hi = interval(figure)
    if figure.qualifier == "more_than" and figure.best is not None:
        lo = min(lo, figure.best)
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
    (alo, ahi), (blo, bhi) = _compared(a), _compared(b)
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


def find_contradictions(figures: Iterable[Figure], published: Mapping[str, str | None] | None = None, *,
                        undated: Collection[str] = (), cues: AssessCues = NO_CUES) -> list[Contradiction]:
    """Contradictions among figures that carry an ``event_id`` (see the module docstring). ``published``
    maps an article id to its publication (a figure's moment when its text gives no ``as_of``);
    ``undated`` holds the ids of events with no date; ``cues`` are the profile's assessment words."""
    groups: dict[tuple[str, str, str], list[Figure]] = defaultdict(list)
    for figure in figures:
        if figure.event_id and figure.event_id not in undated and figure.claimant.side not in NOT_COMPARED \
                and not relays(figure) and not rate(figure, cues):
            groups[(figure.event_id, figure.measure, figure.subject_side)].append(figure)
    moments = _Moments(published or {})
    found: list[Contradiction] = []
    for (event_id, measure, subject), group in sorted(groups.items()):
        members = [f for f in group if not _restates(f, group)]
        history = _History(members, moments)
        by_pair: dict[tuple[str, str], dict[str, Figure]] = defaultdict(dict)
        reasons: dict[tuple[str, str], str] = {}
        for a, b in itertools.combinations(members, 2):
            if a.claimant.side == b.claimant.side:
                continue
            reason = _conflict(a, b)
            if reason is None or history.moved(a, b):
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


class _Moments:
    """A figure's moment: the day its text dates it to (``as_of``), else its article's publication day."""

    def __init__(self, published: Mapping[str, str | None]) -> None:
        self.published = published

    def __call__(self, figure: Figure) -> str | None:
        day = figure.as_of or self.published.get(figure.article_id)
        return day[:10] if day else None


class _History:
    """One group's figures over time, for ``moved``: each figure's moment, the dated figures of each
    side, and the pairs already judged (``agree``, ``_conflict``), so that a large event's many pairs
    do not judge the same two figures again and again."""

    def __init__(self, members: Sequence[Figure], moment: _Moments) -> None:
        self.moment = {id(f): moment(f) for f in members}
        self.dated: dict[str, list[tuple[Figure, str]]] = defaultdict(list)  # side -> its figures with moments
        for f in members:
            if (t := self.moment[id(f)]) is not None:
                self.dated[f.claimant.side].append((f, t))
        self._agree: dict[tuple[int, int], bool] = {}
        self._conflict: dict[tuple[int, int], bool] = {}

    def agree(self, a: Figure, b: Figure) -> bool:
        key = (id(a), id(b))
        if key not in self._agree:
            self._agree[key] = agree(a, b)
        return self._agree[key]

    def conflict(self, a: Figure, b: Figure) -> bool:
        key = (id(a), id(b))
        if key not in self._conflict:
            self._conflict[key] = _conflict(a, b) is not None
        return self._conflict[key]

    def moved(self, a: Figure, b: Figure) -> bool:
        """The conflicting pair ``a``, ``b`` is a count that moved, not a dispute (rules a-c of the
        module docstring); False whenever a moment needed is unknown."""
        for x, y in ((a, b), (b, a)):
            tx, ty = self.moment[id(x)], self.moment[id(y)]
            if tx is None or ty is None:
                return False
            own = [(o, t) for o, t in self.dated[x.claimant.side] if o is not x]
            theirs = [(o, t) for o, t in self.dated[y.claimant.side] if o is not y]
            if any(t >= max(tx, ty) and self.agree(o, y) for o, t in own):
                return True  # a. x's side came round to y
            if ty >= tx and any(t <= tx and self.agree(o, x) for o, t in theirs):
                return True  # b. x is an early toll: y's side counted alike by then
            if _grew(x, y, tx, ty) and not any(t > ty and self.conflict(o, y) for o, t in [*own, (x, tx)]):
                return True  # c. y is the count of y's own people, grown since x
        return False


def _grew(x: Figure, y: Figure, tx: str, ty: str) -> bool:
    """``y`` is a side's count of its own people, on a later day than ``x``, larger, by at most
    ``TOLL_GROWTH`` times."""
    small, large = _magnitude(x), _magnitude(y)
    return (y.claimant.side == y.subject_side and ty > tx and 0 < small < large <= small * TOLL_GROWTH)


def rate(figure: Figure, cues: AssessCues) -> bool:
    """The figure counts per unit of time, not one event: a ``rate_before`` word in its clause before the
    number (or in the number's own words: "an average of six"), or a ``rate_after`` phrase within
    ``RATE_AFTER_WORDS`` words after it that no ``time_relations`` word follows ("six civilians a day",
    not "died a day after the strike")."""
    if not (cues.rate_before or cues.rate_after):
        return False
    sentence = figure.evidence.text
    start = figure.number.start - figure.evidence.start
    end = figure.number.end - figure.evidence.start
    if not (0 <= start <= end <= len(sentence)):
        return False
    before = re.split(r"[,;:.!?()\u2013\u2014]", sentence[:start])[-1].casefold().split()[-RATE_WINDOW:]
    own = sentence[start:end].casefold().split()
    if _has_phrase([*before, *own], cues.rate_before):
        return True
    after = re.split(r"[,;:.!?()\u2013\u2014]", sentence[end:])[0].casefold().split()
    for i in range(min(RATE_AFTER_WORDS, len(after)) + 1):
        for phrase in cues.rate_after:
            words = phrase.split()
            if after[i:i + len(words)] == words and not (
                    i + len(words) < len(after) and after[i + len(words)] in cues.time_relations):
                return True
    return False


def _has_phrase(words: Sequence[str], phrases: Iterable[str]) -> bool:
    cleaned = [w.strip("\"'\u201c\u201d\u2018\u2019") for w in words]
    for phrase in phrases:
        parts = phrase.split()
        if any(cleaned[i:i + len(parts)] == parts for i in range(len(cleaned) - len(parts) + 1)):
            return True
    return False


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
