"""Contradictions between figures of one event (assess/contradictions.py)."""

from __future__ import annotations

from claimledger.assess import find_contradictions, interval
from claimledger.records import Claimant, Figure, Span

RU = Claimant("Russian Ministry of Defence", "the ministry", "russia", "official")
UA = Claimant("Ukraine", "Ukraine", "ukraine", "official")
OUTLET = Claimant("Some Paper", None, "independent", "outlet")
UNKNOWN = Claimant(None, "sources", "unknown", "unofficial")


def fig(n: int, claimant: Claimant, best: float | None, low: float | None, high: float | None, qualifier: str,
        *, event: str | None = "ev1", measure: str = "killed", sentence: str = "", claim: str | None = None) -> Figure:
    return Figure(id=f"f{n}", article_id="a", measure=measure, subject_side="russia", low=low, best=best, high=high,
                  qualifier=qualifier, claimant=claimant, evidence=Span(0, len(sentence), sentence),
                  number=Span(0, 0, str(best)), event_id=event, claim_id=claim)


def test_other_sides_figures_far_apart_contradict() -> None:
    found = find_contradictions([fig(1, RU, 89, 89, None, "at_least"), fig(2, UA, 400, 400, 400, "exact")])
    assert len(found) == 1
    c = found[0]
    assert c.sides == ("russia", "ukraine") and set(c.figure_ids) == {"f1", "f2"} and c.measure == "killed"


def test_revision_by_one_side_is_an_update() -> None:
    assert find_contradictions([fig(1, RU, 63, 63, 63, "exact"), fig(2, RU, 89, 89, 89, "exact")]) == []


def test_close_figures_and_vague_overlapping_figures_do_not_contradict() -> None:
    assert find_contradictions([fig(1, RU, 400, 400, 400, "exact"), fig(2, UA, 420, None, None, "about")]) == []
    assert len(find_contradictions([fig(1, RU, 400, 400, 400, "exact"), fig(2, UA, 420, 420, 420, "exact")])) == 1
    assert find_contradictions([fig(1, RU, None, 200, 999, "hundreds"), fig(2, UA, 400, 400, 400, "exact")]) == []
    assert len(find_contradictions([fig(1, RU, None, 200, 999, "hundreds"),
                                    fig(2, UA, 89, 89, 89, "exact")])) == 1


def test_other_events_measures_unknown_sides_and_restatements_stay_out() -> None:
    assert find_contradictions([fig(1, RU, 89, 89, None, "at_least"),
                                fig(2, UA, 400, 400, 400, "exact", event="ev2")]) == []
    assert find_contradictions([fig(1, RU, 89, 89, None, "at_least"),
                                fig(2, UA, 400, 400, 400, "exact", measure="wounded")]) == []
    assert find_contradictions([fig(1, UNKNOWN, 89, 89, None, "at_least"), fig(2, UA, 400, 400, 400, "exact")]) == []
    assert find_contradictions([fig(1, RU, 89, 89, None, "at_least"), fig(2, UA, 400, 400, 400, "exact"),
                                fig(3, OUTLET, 89, 89, 89, "exact")])[0].figure_ids == ("f1", "f2")
    assert find_contradictions([fig(1, RU, 89, 89, None, "at_least", event=None),
                                fig(2, UA, 400, 400, 400, "exact", event=None)]) == []


def test_intervals_follow_the_spec_table() -> None:
    assert interval(fig(1, RU, 89, 89, None, "at_least")) == (89, float("inf"))
    assert interval(fig(1, RU, 700, None, 699, "nearly")) == (0.0, 699)
    assert interval(fig(1, RU, 400, 400, 400, "exact")) == (400, 400)
    lo, hi = interval(fig(1, RU, 400, None, None, "about"))
    assert lo < 400 < hi


def test_figures_orders_of_magnitude_apart_count_different_things() -> None:
    un = Claimant("UN human rights office", None, "un", "official")
    assert find_contradictions([fig(1, UA, 40, 40, 40, "exact"), fig(2, un, 9000, 9000, None, "at_least")]) == []
    assert len(find_contradictions([fig(1, RU, 1, 1, 1, "exact"), fig(2, UA, 34, 34, 34, "exact")])) == 1


def test_a_vague_amount_sets_a_floor_not_a_ceiling() -> None:
    thousands = fig(1, OUTLET, None, 2000, 9999, "thousands")
    assert find_contradictions([thousands, fig(2, UA, 12000, 12001, None, "more_than")]) == []
    assert len(find_contradictions([fig(3, RU, None, 24, 99, "dozens"), fig(4, UA, 5, 5, 5, "exact")])) == 1


def test_an_outlet_passing_on_a_count_checks_nothing_but_its_own_finding_does() -> None:
    party = fig(1, RU, 1, 1, 1, "exact")
    relayed = fig(2, OUTLET, 40, None, None, "about", sentence="The toll rose to about 40 on Sunday.")
    assert find_contradictions([party, relayed]) == []
    dateline = fig(2, OUTLET, 40, None, None, "about", sentence="KYIV (Some Paper) - About 40 died.")
    assert find_contradictions([party, dateline]) == []
    finding = fig(2, OUTLET, 40, None, None, "about",
                  sentence="An investigation by Some Paper found that about 40 died.")
    claimed = fig(2, OUTLET, 40, None, None, "about", sentence="About 40 are believed dead.", claim="a:c3")
    for own in (finding, claimed):
        assert [c.sides for c in find_contradictions([party, own])] == [("independent", "russia")]


def test_a_round_estimate_is_as_loose_as_the_tolerance_a_precise_one_is_not() -> None:
    early = fig(1, RU, 30, None, None, "about")
    assert find_contradictions([early, fig(2, UA, 39, 39, 39, "exact")]) == []  # less than 25% of 39 apart
    assert len(find_contradictions([early, fig(2, UA, 57, 57, 57, "exact")])) == 1
    precise = fig(1, RU, 5937, None, None, "about")
    assert len(find_contradictions([precise, fig(2, UA, 6756, 6756, 6756, "exact")])) == 1
    assert find_contradictions([precise, fig(2, UA, 6200, 6200, 6200, "exact")]) == []


def test_a_denial_stands_against_the_other_sides_assertions() -> None:
    from claimledger.assess import find_denials
    from claimledger.records import Claim

    def said(n: int, claimant: Claimant, stance: str, event: str | None = "ev1") -> Claim:
        return Claim(id=f"c{n}", article_id="a", claimant=claimant, cue="denied" if stance == "denies" else "said",
                     mode="indirect", stance=stance, hedged=False, evidence_note=None,
                     content=Span(0, 20, "bombing the theatre"), claimant_span=None, cue_span=None, extractor="",
                     event_id=event)

    found = find_denials([said(1, UA, "asserts"), said(2, RU, "denies"), said(3, UNKNOWN, "asserts"),
                          said(4, RU, "asserts"), said(5, UA, "asserts", event="ev2"), said(6, OUTLET, "asserts"),
                          said(7, Claimant("UN mission", None, "un", "official"), "asserts")])
    assert [(c.kind, c.event_id, c.sides, c.claim_ids) for c in found] == [
        ("denial", "ev1", ("russia", "ukraine", "un"), ("c1", "c2", "c7"))]
    assert find_denials([said(1, RU, "asserts"), said(2, RU, "denies")]) == []  # one side: no dispute
