"""Contradictions between claims: a denial against an assertion, on-site reporting against a claim.

``find_denials`` (kind ``denial``): within one event (claims carrying an
``event_id``), a claimant's denial ("Russia denied bombing the theatre")
against what claimants of other sides assert about it. Sides ``unknown`` and
an outlet's own voice are never compared. One record per (event, denying
side), citing the denials and the assertions they stand against.

``find_debunks`` (kind ``debunk``): within one event, a check's finding on the
spot that there is nothing to find (a correspondent who visited the village
"saw no craters and no bodies"; investigators who inspected the site "found no
trace of a strike") against what the parties assert about the event, in this
order:

    1. the debunking claim is a check's: its claimant's side is no party
       (``parties``: the sides the profile gives an enemy) and not ``unknown``,
       and it speaks in its own name (not the outlet's unattributed voice);
    2. its content holds an ``absence`` phrase of the profile
       (``assess/cues.yaml``: "no sign of", "no bodies", "intact");
    3. it was found on the spot: an ``on_site`` phrase in its cue, its
       claimant's words or its content ("saw", "visited the site");
    4. it stands against the assertions of the parties about the event, other
       than those that themselves say there was nothing ("the strike caused no
       damage" agrees with it).

One record per (event, debunking side), citing the findings and the
assertions. Neither kind has a measure.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Collection, Iterable

from ..records import AssessCues, Claim, Contradiction
from .contradictions import NOT_COMPARED


def find_denials(claims: Iterable[Claim]) -> list[Contradiction]:
    """Denials (kind ``denial``; the module docstring)."""
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
            if asserted:
                found.append(_record(event_id, "denial", side, denied, asserted, "denies"))
    return found


def find_debunks(claims: Iterable[Claim], parties: Collection[str], cues: AssessCues) -> list[Contradiction]:
    """On-site reporting that found nothing against the parties' claims (kind ``debunk``; the module
    docstring)."""
    if not cues.absence:
        return []
    by_event: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.event_id and claim.claimant.side not in NOT_COMPARED:
            by_event[claim.event_id].append(claim)
    found: list[Contradiction] = []
    for event_id, group in sorted(by_event.items()):
        findings = [c for c in group if _debunks(c, parties, cues)]
        for side in sorted({c.claimant.side for c in findings}):
            debunking = [c for c in findings if c.claimant.side == side]
            asserted = [c for c in group if c.stance == "asserts" and c.claimant.side in parties
                        and not _says(c.content.text, cues.absence)]
            if asserted:
                found.append(_record(event_id, "debunk", side, debunking, asserted, "found"))
    return found


def _debunks(claim: Claim, parties: Collection[str], cues: AssessCues) -> bool:
    """Rules 1-3 of the module docstring."""
    if claim.claimant.side in parties or claim.mode == "outlet" or claim.stance != "asserts":
        return False
    if not _says(claim.content.text, cues.absence):
        return False
    words = " ".join(w for w in (claim.cue, claim.claimant.mention, claim.claimant.name, claim.content.text) if w)
    return _says(words, cues.on_site)


def _says(text: str, phrases: Iterable[str]) -> bool:
    folded = " ".join(text.casefold().split())
    return any(re.search(r"(?<!\w)" + re.escape(p) + r"(?!\w)", folded) for p in phrases)


def _record(event_id: str, kind: str, side: str, disputing: list[Claim], asserted: list[Claim],
            verb: str) -> Contradiction:
    ids = tuple(sorted(c.id for c in disputing + asserted))
    others = tuple(sorted({c.claimant.side for c in asserted}))
    first = disputing[0]
    return Contradiction(
        id="ct:" + hashlib.sha1("\n".join((event_id, kind, *ids)).encode()).hexdigest()[:16],
        event_id=event_id, measure="", subject_side="", figure_ids=(), sides=(side, *others),
        explanation=f"{_who(first)} ({side}) {first.cue or verb}: {first.content.text[:80]!r}, "
                    f"against {', '.join(sorted({_who(c) for c in asserted}))}",
        kind=kind, claim_ids=ids)


def _who(claim: Claim) -> str:
    return claim.claimant.name or claim.claimant.mention or claim.claimant.side
