"""Contradictions between figures that moved in time, rates, undated events (assess/contradictions.py), and
on-site reports that found nothing against the parties' claims (kind ``debunk``, assess/denials.py).

The figures and claims are made by hand; the words are written for these tests."""

from __future__ import annotations

from pathlib import Path

from claimledger.assess import find_contradictions, find_debunks, rate
from claimledger.linking import Assessment, linker_version
from claimledger.profiles import load_profile
from claimledger.profiles.assessment import assessment_cues
from claimledger.profiles.policy import event_policy
from claimledger.records import AssessCues, Claim, Claimant, Figure, Span

RU = Claimant("Russian Ministry of Defence", "the ministry", "russia", "official")
RU_VOICE = Claimant("Igor Konashenkov", "Konashenkov", "russia", "official")
UA = Claimant("Ukraine", "Ukraine", "ukraine", "official")
UA_MP = Claimant("A former MP", None, "ukraine", "unofficial")
BBC = Claimant("BBC", "a BBC correspondent who went to the village", "independent", "media")
PARTIES = frozenset({"russia", "ukraine"})
CUES = AssessCues(
    rate_before=("daily", "average", "on average"),
    rate_after=("a day", "per day", "a week"),
    time_relations=("after", "before", "later", "earlier", "ago"),
    absence=("no sign of", "no bodies", "no craters", "no damage", "intact"),
    on_site=("saw", "found", "visited", "went to", "at the scene"),
)


def fig(n: int, who: Claimant, best: float | None, low: float | None, high: float | None, qualifier: str = "exact",
        *, article: str = "a", subject: str = "ukraine", as_of: str | None = None, event: str = "ev1",
        sentence: str = "", number: str = "") -> Figure:
    start = sentence.find(number) if number and number in sentence else 0
    return Figure(id=f"f{n}", article_id=article, measure="killed", subject_side=subject, low=low, best=best,
                  high=high, qualifier=qualifier, claimant=who, evidence=Span(100, 100 + len(sentence), sentence),
                  number=Span(100 + start, 100 + start + len(number), number or str(best)), as_of=as_of,
                  event_id=event)


DAYS = {"d1": "2022-07-29", "d2": "2022-07-30", "d3": "2023-07-25", "d4": "2024-09-06"}


def test_a_side_that_came_round_to_the_other_sides_count_is_no_contradiction() -> None:
    first = fig(1, RU, 40, 40, 40, article="d1", subject="civilians")
    other = fig(2, UA, 50, 51, None, "more_than", article="d2", subject="civilians")
    revised = fig(3, RU_VOICE, 50, 50, 50, article="d2", as_of="2022-07-30", subject="civilians")
    assert len(find_contradictions([first, other], DAYS)) == 1  # before the revision: a dispute
    assert find_contradictions([first, other, revised], DAYS) == []
    # a revision given before the other side spoke is no coming round
    early = fig(3, RU_VOICE, 60, 60, 60, article="d1", as_of="2022-07-28", subject="civilians")
    assert len(find_contradictions([first, fig(2, UA, 60, 60, 60, article="d2", subject="civilians"), early],
                                   DAYS)) == 1


def test_more_than_n_is_not_held_against_n() -> None:
    assert find_contradictions([fig(1, RU, 50, 50, 50), fig(2, UA, 50, 51, None, "more_than")]) == []
    assert len(find_contradictions([fig(1, RU, 40, 40, 40), fig(2, UA, 50, 51, None, "more_than")])) == 1


def test_an_early_toll_the_other_side_shared_at_the_time_is_no_contradiction() -> None:
    early = fig(1, RU, 30, None, None, "about", article="d1", subject="civilians")
    shared = fig(2, UA, 39, 39, 39, article="d1", subject="civilians")
    later = fig(3, UA, 57, 57, 57, article="d2", subject="civilians")
    assert len(find_contradictions([early, later], DAYS)) == 1
    assert find_contradictions([early, shared, later], DAYS) == []
    # the other side's later claim is no update of a count the first side never shared
    own = fig(1, UA, 300, None, 299, "nearly", article="d2", subject="ukraine")
    enemy = fig(2, RU, 500, None, None, "about", article="d4", subject="ukraine")
    same_day = fig(3, UA_MP, 600, None, 600, "up_to", article="d2", subject="ukraine")
    assert len(find_contradictions([own, enemy, same_day], DAYS)) == 1


def test_a_sides_own_later_count_of_its_people_grows_an_enemys_early_count() -> None:
    enemy = fig(1, RU, 75, 75, 75, article="d1")
    own = fig(2, UA, 130, 130, 130, article="d3")
    assert find_contradictions([enemy, own], DAYS) == []
    assert len(find_contradictions([enemy, fig(2, UA, 400, 400, 400, article="d3")], DAYS)) == 1  # no growth
    lower = fig(2, UA, 30, 30, 30, article="d3")
    assert len(find_contradictions([enemy, lower], DAYS)) == 1  # an own count that fell is a dispute
    kept = fig(3, RU, 75, 75, 75, article="d4", as_of="2024-01-01")  # the enemy kept to its count after
    assert len(find_contradictions([enemy, own, kept], DAYS)) == 1
    # the side of the dead must be the side that counts them
    check = Claimant("A monitoring mission", None, "un", "official")
    assert len(find_contradictions([enemy, fig(2, check, 130, 130, 130, article="d3")], DAYS)) == 1


def test_figures_without_a_moment_are_compared_as_before() -> None:
    assert len(find_contradictions([fig(1, RU, 75, 75, 75), fig(2, UA, 130, 130, 130)])) == 1


def test_an_undated_event_is_not_compared() -> None:
    pair = [fig(1, RU, 1, 1, 1), fig(2, UA, 34, 34, 34)]
    assert len(find_contradictions(pair)) == 1
    assert find_contradictions(pair, undated={"ev1"}) == []


def test_a_rate_counts_no_event() -> None:
    def said(sentence: str, number: str) -> Figure:
        return fig(1, UA, 6, None, None, "about", sentence=sentence, number=number)

    assert rate(said("The war has killed an average of six civilians a day.", "an average of six"), CUES)
    assert rate(said("Ukraine reports a daily Russian death toll of over 1,000.", "over 1,000"), CUES)
    assert rate(said("Shelling kills six people a day in the town.", "six"), CUES)
    assert rate(said("Some six soldiers died per day in the spring.", "six"), CUES)
    assert not rate(said("Six people died a day after the strike.", "Six"), CUES)
    assert not rate(said("After days of shelling, six people died.", "six"), CUES)
    assert not rate(said("Six civilians died in the strike on Monday.", "Six"), CUES)
    assert not rate(said("The war has killed an average of six civilians a day.", "an average of six"),
                    AssessCues())  # no words, no rates
    count = fig(2, RU, 40, 40, 40, sentence="The ministry said 40 died.", number="40")
    rated = fig(3, UA, 6, None, None, "about", sentence="The war kills six a day.", number="six")
    assert find_contradictions([count, rated], cues=CUES) == []
    assert len(find_contradictions([count, rated])) == 1


def claim(n: int, who: Claimant, content: str, *, cue: str = "said", stance: str = "asserts",
          mode: str = "indirect", event: str | None = "ev1") -> Claim:
    return Claim(id=f"c{n}", article_id="a", claimant=who, cue=cue, mode=mode, stance=stance, hedged=False,
                 evidence_note=None, content=Span(0, len(content), content), event_id=event)


def test_an_on_site_report_of_nothing_debunks_the_parties_claims() -> None:
    struck = claim(1, RU, "its missiles destroyed a command post in the village on Monday")
    seen = claim(2, BBC, "no craters and no bodies", cue="saw")
    (found,) = find_debunks([struck, seen], PARTIES, CUES)
    assert (found.kind, found.event_id, found.sides, found.claim_ids, found.figure_ids) == (
        "debunk", "ev1", ("independent", "russia"), ("c1", "c2"), ())
    assert found.measure == "" and "BBC" in found.explanation and "Russian Ministry of Defence" in found.explanation


def test_a_debunk_needs_a_check_on_the_spot_finding_nothing_against_a_party() -> None:
    struck = claim(1, RU, "its missiles destroyed a command post in the village on Monday")
    assert find_debunks([struck, claim(2, BBC, "the strike was a success", cue="saw")], PARTIES, CUES) == []
    remote = Claimant("BBC", "the BBC", "independent", "media")
    assert find_debunks([struck, claim(2, remote, "no craters and no bodies", cue="said")], PARTIES, CUES) == []
    party = Claimant("Ukraine", "a Ukrainian officer who visited the site", "ukraine", "official")
    assert find_debunks([struck, claim(2, party, "no craters", cue="saw")], PARTIES, CUES) == []
    assert find_debunks([claim(2, BBC, "no craters", cue="saw")], PARTIES, CUES) == []  # nothing claimed
    agreeing = claim(1, RU, "the strike caused no damage to homes")
    assert find_debunks([agreeing, claim(2, BBC, "no damage", cue="saw")], PARTIES, CUES) == []
    elsewhere = claim(2, BBC, "no craters", cue="saw", event="ev2")
    assert find_debunks([struck, elsewhere], PARTIES, CUES) == []
    assert find_debunks([struck, claim(2, BBC, "no craters", cue="saw")], PARTIES, AssessCues()) == []


def test_the_profile_words_load_and_change_the_linker_version() -> None:
    profile = load_profile("russia-ukraine")
    cues = assessment_cues(profile)
    assert "no sign of" in cues.absence and "saw" in cues.on_site
    policy = event_policy(profile)
    base = linker_version(policy, Assessment(cues, PARTIES))
    assert base == linker_version(policy, Assessment(cues, PARTIES))
    assert base != linker_version(policy, Assessment(CUES, PARTIES))


def test_a_debunk_is_exported_with_its_kind_and_claims(tmp_path: Path) -> None:
    import json

    from claimledger import Ledger, Settings

    source = tmp_path / "reports.jsonl"
    source.write_text(json.dumps({
        "id": "desk-9", "outlet": "Desk Nine", "published": "2024-05-10",
        "text": "The Russian military claimed it had struck a Ukrainian command post in Kupiansk on Monday. "
                "A BBC correspondent who went to the site saw no craters and no bodies."}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with Ledger(tmp_path / "l.db", settings=Settings(cache_dir=None)) as ledger:
        ledger.ingest([source])
        ledger.export(out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    claims = {r["id"]: r for r in records if r["record"] == "claim"}
    (debunk,) = [r for r in records if r["record"] == "contradiction" and r["kind"] == "debunk"]
    assert debunk["figure_ids"] == [] and debunk["measure"] is None and debunk["subject_side"] is None
    assert {claims[c]["claimant"]["side"] for c in debunk["claim_ids"]} == {"independent", "russia"}
    (event,) = [r for r in records if r["record"] == "event" and r["id"] == debunk["event_id"]]
    assert event["status"] == "contested"
