"""Article-level passes over the resolved figures of one article."""

from __future__ import annotations

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


__all__ = ["one_reading"]
