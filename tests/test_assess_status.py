"""Status of events and figures (assess/status.py): who stands behind them, who checks them."""

from __future__ import annotations

import dataclasses

from claimledger.assess import event_status, figure_statuses, find_contradictions
from claimledger.records import Claim, Claimant, Event, Figure, Span

PARTIES = frozenset({"russia", "ukraine"})
RU = Claimant("Russian Ministry of Defence", "the ministry", "russia", "official", actor_id="ru_mod")
RU_AGAIN = Claimant("Russian Ministry of Defence", "Russia's defence ministry", "russia", "official",
                    actor_id="ru_mod")
UA = Claimant("General Staff of Ukraine", "the General Staff", "ukraine", "official", actor_id="ua_gs")
UN = Claimant("UN monitoring mission", "the UN mission", "un", "official")
OUTLET = Claimant("Some Paper", None, "independent", "outlet")


def event(sources: int = 3) -> Event:
    return Event(id="ev1", type="strike", title="Strike on a town", date_start="2024-05-01", date_end=None,
                 place=None, actors=(), article_ids=("a1", "a2", "a3"), article_refs=("a1", "a2", "a3"),
                 mention_ids=(), status="single_source", sources=sources)


def fig(n: int, claimant: Claimant, best: float, *, measure: str = "killed", article: str = "a1") -> Figure:
    return Figure(id=f"{article}:f{n}", article_id=article, measure=measure, subject_side="civilians", low=best,
                  best=best, high=best, qualifier="exact", claimant=claimant, evidence=Span(0, 0, ""),
                  number=Span(0, 0, str(best)), event_id="ev1")


def claim(n: int, claimant: Claimant, *, mode: str = "indirect", article: str = "a1") -> Claim:
    return Claim(id=f"{article}:c{n}", article_id=article, claimant=claimant, cue="said", mode=mode,
                 stance="asserts", hedged=False, evidence_note=None, content=Span(0, 0, ""), claimant_span=None,
                 cue_span=None, extractor="", event_id="ev1")


def test_one_party_repeated_by_many_outlets_is_unverified() -> None:
    figures = [fig(1, RU, 12, article="a1"), fig(1, RU_AGAIN, 12, article="a2"), fig(1, OUTLET, 12, article="a3")]
    claims = [claim(1, RU, article="a1"), claim(1, RU_AGAIN, article="a2")]
    assert event_status(event(), figures, claims, [], PARTIES) == "unverified"
    assert set(figure_statuses(figures, [], PARTIES).values()) == {"unverified"}
    assert figure_statuses([fig(1, OUTLET, 12)], [], PARTIES) == {"a1:f1": "single_source"}


def test_a_check_or_the_other_party_corroborates() -> None:
    figures = [fig(1, UA, 12), fig(2, UN, 12, article="a2")]
    assert event_status(event(), figures, [], [], PARTIES) == "corroborated"
    assert figure_statuses(figures, [], PARTIES) == {"a1:f1": "corroborated", "a2:f2": "corroborated"}
    both_parties = [claim(1, UA), claim(2, RU, article="a2")]
    assert event_status(event(), [], both_parties, [], PARTIES) == "corroborated"


def test_figures_that_cannot_both_be_right_are_contested() -> None:
    figures = [fig(1, RU, 1), fig(2, UA, 34, article="a2"), fig(3, UA, 9, measure="wounded")]
    contradictions = find_contradictions(figures)
    assert event_status(event(), figures, [], contradictions, PARTIES) == "contested"
    statuses = figure_statuses(figures, contradictions, PARTIES)
    assert statuses == {"a1:f1": "contested", "a2:f2": "contested", "a1:f3": "unverified"}


def test_one_source_is_a_single_source_and_a_lone_check_too() -> None:
    assert event_status(event(sources=1), [fig(1, UN, 5)], [], [], PARTIES) == "single_source"
    assert figure_statuses([fig(1, UN, 5)], [], PARTIES) == {"a1:f1": "single_source"}


def test_an_outlets_own_voice_and_unknown_sources_are_no_voices() -> None:
    hedge = claim(1, OUTLET, mode="outlet")
    rumour = claim(2, Claimant(None, "sources", "unknown", "unofficial"))
    assert event_status(event(), [fig(1, UA, 3), fig(2, OUTLET, 3)], [hedge, rumour], [], PARTIES) == "unverified"


def test_side_by_side_rows_keep_each_claimants_revisions_latest_first() -> None:
    from claimledger.assess import side_by_side

    published = {"a1": "2024-05-01", "a2": "2024-05-02", "a3": "2024-05-02"}
    figures = [fig(1, RU, 63, article="a1"), fig(2, RU_AGAIN, 89, article="a2"), fig(3, RU, 89, article="a3"),
               fig(4, UA, 400, article="a2"), fig(5, UA, 300, measure="wounded", article="a1")]
    rows = side_by_side(figures, published)
    assert [(r.measure, r.claimant.side) for r in rows] == [("killed", "russia"), ("killed", "ukraine"),
                                                          ("wounded", "ukraine")]
    ministry = rows[0]
    assert ministry.latest.best == 89 and [f.best for f in ministry.revisions] == [89, 63]
    assert len(ministry.figures) == 3  # the 89 repeated by a second outlet is one revision
    dated = fig(6, RU, 70, article="a3")
    dated = dataclasses.replace(dated, as_of="2024-04-30")
    assert [f.best for f in side_by_side([*figures[:3], dated], published)[0].revisions] == [89, 63, 70]


def test_the_events_announcers_are_voices() -> None:
    from claimledger.records import EventActor

    both = dataclasses.replace(event(), actors=(EventActor("Russian Ministry of Defence", "russia", "announcer"),
                                                EventActor("Ukraine", "ukraine", "target"),
                                                EventActor("UN mission", "un", "announcer")))
    assert event_status(both, [], [], [], PARTIES) == "corroborated"
    one = dataclasses.replace(both, actors=both.actors[:2])
    assert event_status(one, [], [], [], PARTIES) == "unverified"  # a target is no voice
