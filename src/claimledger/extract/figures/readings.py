"""Article-level passes over the resolved figures of one article."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ...records import Figure


def one_reading(figures: list[Figure]) -> list[Figure]:
    """One figure, one reading within an article: a number the outlet states in its own voice (a headline,
    a lede) that a named claimant states elsewhere in the article, counting the same outcome, is that
    claimant's figure, with its measure and subject ("Russia kills 33 in Kyiv" and "33 people were
    killed in Kyiv, the city administration said")."""
    named: dict[tuple[object, ...], Figure] = {}
    for f in figures:
        if f.claimant.kind != "outlet":
            named.setdefault(_reading_key(f), f)
    out: list[Figure] = []
    for f in figures:
        ref = named.get(_reading_key(f)) if f.claimant.kind == "outlet" else None
        if ref is not None:
            f = replace(f, measure=ref.measure, subject_side=ref.subject_side, claimant=ref.claimant,
                        claim_id=ref.claim_id)
        out.append(f)
    return out


def _reading_key(f: Figure) -> tuple[object, ...]:
    return f.low, f.best, f.high, f.measure.removeprefix("civilians_")


PEOPLE_LOSSES = frozenset({"killed", "wounded", "killed_or_wounded", "missing", "captured"})


def one_group(figures: list[Figure], guessed: set[str], sent_of: Callable[[int], int]) -> list[Figure]:
    """One sentence, one group of people: a loss count whose side was only guessed (the claimant's
    opposite) takes the side a count of the same claimant in the same sentence was given on evidence
    ("One serviceman was killed, another 27 crew members went missing," the ministry said: a party reports
    its own missing, so its killed are its own too)."""
    out: list[Figure] = []
    for f in figures:
        if f.id in guessed and f.measure in PEOPLE_LOSSES:
            sure = next((g for g in figures if g.id not in guessed and g.measure in PEOPLE_LOSSES
                         and g.subject_side not in ("civilians", "unknown") and g.subject_side != f.subject_side
                         and g.claimant.side == f.claimant.side
                         and sent_of(g.evidence.start) == sent_of(f.evidence.start)), None)
            if sure is not None:
                f = replace(f, subject_side=sure.subject_side)
        out.append(f)
    return out


__all__ = ["one_group", "one_reading"]
